"""The audit use cases: list the trail of a tenant (or of every tenant) and verify its chains."""

from __future__ import annotations

from somastack.audit.chain import ChainWalk
from somastack.audit.model import ALL_TENANTS, PLATFORM, Filter, Link, Verdict
from somastack.audit.ports import AuditLog
from somastack.platform.errors import invalid
from somastack.platform.names import TENANT_ID
from somastack.platform.paging import decode_token, encode_token, page_size


def scope_of(parent: str) -> str | None:
    """The tenant a parent names, or None for `tenants/-` (every chain); INVALID_ARGUMENT otherwise."""
    tenant = parent.removeprefix("tenants/") if parent.startswith("tenants/") else ""
    if tenant == ALL_TENANTS:
        return None
    if not TENANT_ID.match(tenant):
        raise invalid("parent", f"must look like 'tenants/{{tenant}}' or 'tenants/-', got {parent!r}")
    return tenant


class AuditBook:
    """Reads the audit trail. Who may read which tenant is the runtime's business (capability and tenant check)."""

    def __init__(self, log: AuditLog) -> None:
        self._log = log

    async def list(self, parent: str, where: Filter, size: int, token: str) -> tuple[list[Link], str]:
        """One page of records, newest first, and the token of the next page ('' on the last)."""
        tenant = scope_of(parent)
        if where.start_us is not None and where.end_us is not None and where.end_us <= where.start_us:
            raise invalid("end_time", "must be after start_time")
        limit = page_size(size)
        after = decode_token(token)
        try:
            before_id = int(after) if after else 0
        except ValueError:
            raise invalid("page_token", "is not a token this service issued") from None
        links = await self._log.page(tenant, where, before_id, limit + 1)
        next_token = encode_token(str(links[limit - 1].id)) if len(links) > limit else ""
        return links[:limit], next_token

    async def verify(self, parent: str) -> Verdict:
        """Walks the chain of the parent's tenant (every chain for `tenants/-`) and stops at the first broken link."""
        tenant = scope_of(parent)
        tenants = [tenant] if tenant is not None else await self._log.tenants()
        checked, heads = 0, dict[str, str]()
        for name in tenants:
            walker = ChainWalk()
            async for current in self._log.chain(name):
                if not walker.feed(current):
                    break
            checked += walker.checked
            if walker.broken is not None:
                return Verdict(checked, walker.broken, heads)
            if walker.head:
                heads[name if name != PLATFORM else ALL_TENANTS] = walker.head
        return Verdict(checked, None, heads)
