"""Policy use cases: evaluate an action under the active constitution, read and replace a tenant's overrides."""

from __future__ import annotations

import asyncio
import json
import math
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import replace

from somastack.platform.cache import Cache
from somastack.platform.errors import FailedPrecondition, FieldViolation, InvalidArgument
from somastack.policy.engine import compile_policy, evaluate
from somastack.policy.model import (
    MAX_CAPABILITIES,
    MAX_NAME_LENGTH,
    MAX_OVERRIDE_WEIGHT,
    MAX_OVERRIDES,
    MAX_ROLES,
    Credentials,
    Evaluation,
    Inquiry,
    Policy,
    WeightOverrides,
)
from somastack.policy.ports import ConstitutionSource, OverrideStore

#: Rule ids as the constitution defines them.
RULE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")


class PolicyEngine:
    """Evaluates actions; keeps compiled constitutions by checksum and the active checksum until told it changed.

    Compiled programs cannot leave the process, so they live here rather than in the shared
    cache; `forget_active` (on `constitution.updated`) and a short TTL on the active pointer
    (for an event this replica missed) make a new constitution take effect. Overrides are read
    through the shared cache, which Redis makes coherent across replicas.
    """

    def __init__(
        self,
        source: ConstitutionSource,
        store: OverrideStore,
        cache: Cache,
        *,
        active_ttl: float = 30.0,
        overrides_ttl: float = 60.0,
        max_compiled: int = 8,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._source = source
        self._store = store
        self._cache = cache
        self._active_ttl = active_ttl
        self._overrides_ttl = overrides_ttl
        self._max_compiled = max_compiled
        self._clock = clock
        self._wall_clock = wall_clock
        self._compiled: OrderedDict[str, Policy] = OrderedDict()
        self._active: tuple[str, float] | None = None  # (checksum, expires at)
        self._refresh = asyncio.Lock()

    async def forget_active(self) -> None:
        """Drops the active pointer, so that the next evaluation asks the constitution service again."""
        self._active = None

    async def evaluate(
        self, tenant: str, inquiry: Inquiry, credentials: Credentials, *, constitution: str = ""
    ) -> Evaluation:
        """Evaluates one action in `tenant`.

        `constitution` is the checksum the caller says it acts under ('' for any): an unknown one makes the
        service fetch the active constitution again, and one that still differs fails with FAILED_PRECONDITION.
        """
        inquiry = _checked(tenant, inquiry)
        policy = await self._policy(credentials, constitution)
        if constitution and constitution != policy.checksum:
            raise FailedPrecondition(
                "CONSTITUTION_CHECKSUM_MISMATCH",
                f"the request acts under constitution {constitution}, but {policy.checksum} is active",
                metadata={"requested": constitution, "active": policy.checksum},
            )
        overrides = await self._overrides(tenant)
        return evaluate(policy, inquiry.activation(), overrides)

    async def get_overrides(self, tenant: str) -> WeightOverrides:
        return await self._store.get(tenant)

    async def set_overrides(self, tenant: str, weights: Mapping[str, float], *, actor: str) -> WeightOverrides:
        violations = []
        if len(weights) > MAX_OVERRIDES:
            violations.append(FieldViolation("weights", f"has {len(weights)} entries; at most {MAX_OVERRIDES}"))
        for rule_id, weight in sorted(weights.items()):
            if not RULE_ID.match(rule_id):
                violations.append(FieldViolation(f"weights[{rule_id!r}]", "is not a valid rule id"))
            elif not math.isfinite(weight) or abs(weight) > MAX_OVERRIDE_WEIGHT:
                violations.append(
                    FieldViolation(
                        f"weights[{rule_id!r}]",
                        f"must be finite, between -{MAX_OVERRIDE_WEIGHT:g} and {MAX_OVERRIDE_WEIGHT:g}",
                    )
                )
        if violations:
            raise InvalidArgument(*violations)
        stored = await self._store.replace(tenant, dict(weights), by=actor, at=self._wall_clock())
        await self._cache.delete(_overrides_key(tenant))
        return stored

    # -- internals ------------------------------------------------------------------------------

    async def _policy(self, credentials: Credentials, wanted: str) -> Policy:
        policy = self._current(wanted)
        if policy is not None:
            return policy
        async with self._refresh:
            # Another call may have refreshed while this one waited: fetch once per change, not once per caller.
            policy = self._current(wanted)
            if policy is not None:
                return policy
            active = await self._source.active(credentials)
            policy = self._compiled.get(active.checksum)
            if policy is None:
                policy = compile_policy(active)
                self._compiled[active.checksum] = policy
                while len(self._compiled) > self._max_compiled:
                    self._compiled.popitem(last=False)
            self._compiled.move_to_end(active.checksum)
            self._active = (active.checksum, self._clock() + self._active_ttl)
            return policy

    def _current(self, wanted: str) -> Policy | None:
        if self._active is None:
            return None
        checksum, expires = self._active
        if self._clock() >= expires or (wanted and wanted != checksum):
            return None
        return self._compiled.get(checksum)

    async def _overrides(self, tenant: str) -> Mapping[str, float]:
        key = _overrides_key(tenant)
        cached = await self._cache.get(key)
        if cached is not None:
            weights: dict[str, float] = json.loads(cached)
            return weights
        stored = await self._store.get(tenant)
        await self._cache.set(key, json.dumps(dict(stored.weights)).encode(), ttl=self._overrides_ttl)
        return stored.weights


def _overrides_key(tenant: str) -> str:
    return f"overrides:{tenant}"


def _checked(tenant: str, inquiry: Inquiry) -> Inquiry:
    """Validates an inquiry; fills the subject's tenant from the request's."""
    violations = []
    name = inquiry.action.name
    if not name.strip() or len(name) > MAX_NAME_LENGTH:
        violations.append(FieldViolation("action.name", f"must be 1 to {MAX_NAME_LENGTH} characters"))
    if len(inquiry.action.tool) > MAX_NAME_LENGTH:
        violations.append(FieldViolation("action.tool", f"must be at most {MAX_NAME_LENGTH} characters"))
    subject = inquiry.subject
    if subject.tenant and subject.tenant != tenant:
        violations.append(
            FieldViolation("subject.tenant", f"is {subject.tenant!r}, but the request is for tenant {tenant!r}")
        )
    if len(subject.roles) > MAX_ROLES:
        violations.append(FieldViolation("subject.roles", f"has {len(subject.roles)} entries; at most {MAX_ROLES}"))
    if len(subject.capabilities) > MAX_CAPABILITIES:
        violations.append(
            FieldViolation(
                "subject.capabilities", f"has {len(subject.capabilities)} entries; at most {MAX_CAPABILITIES}"
            )
        )
    if violations:
        raise InvalidArgument(*violations)
    if not subject.tenant:
        inquiry = replace(inquiry, subject=replace(subject, tenant=tenant))
    return inquiry
