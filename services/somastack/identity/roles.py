"""Which capabilities each role grants, derived from the capabilities the contracts declare.

Every RPC names its capability in the contract (`soma.common.v1.auth`); the catalogue
is the set of those names, so a new service's capabilities reach the roles without an
edit here. `platform.*` capabilities are cross-tenant and no role grants them.
"""

from __future__ import annotations

from collections.abc import Iterable

from somastack.identity.model import Role

PLATFORM_PREFIX = "platform."

#: Writes a plain member may do besides reading: under the member's own token its agents remember, use
#: working memory, have their actions scored by policy, call models, start (and cancel their own) sessions
#: and acknowledge their notifications; and a member signs out (revokes its own tokens). Forgetting
#: (`memory.memories.forget`), settings, policy weights and approving sessions (`sessions.approve`, the second
#: key) stay with admins. Everyone manages the credentials of their own account (`identity.account.write`:
#: password, TOTP, ending its sign-in sessions) and reads its sign-in state and sessions (`identity.account.read`,
#: which every role holds as it holds every `.read`). Later domains add theirs here.
MEMBER_WRITES: frozenset[str] = frozenset(
    {
        "memory.write",
        "policy.evaluate",
        "slm.infer",
        "sessions.start",
        "notifications.ack",
        "identity.tokens.revoke",
        "identity.account.write",
    }
)


class Capabilities:
    """The capability catalogue and the role → capabilities map."""

    def __init__(self, catalogue: Iterable[str]) -> None:
        self.catalogue = frozenset(catalogue)
        self.tenant = frozenset(c for c in self.catalogue if not c.startswith(PLATFORM_PREFIX))
        member = frozenset(c for c in self.tenant if c.endswith(".read")) | (MEMBER_WRITES & self.tenant)
        self._by_role = {Role.MEMBER: member, Role.ADMIN: self.tenant, Role.OWNER: self.tenant}

    def of_role(self, role: Role) -> frozenset[str]:
        return self._by_role[role]

    def grantable(self, capability: str) -> bool:
        """Whether a membership may carry `capability` as an extra."""
        return capability in self.tenant

    def effective(self, role: Role, extras: Iterable[str]) -> tuple[str, ...]:
        """Every capability of a membership, sorted."""
        return tuple(sorted(self._by_role[role] | frozenset(extras)))
