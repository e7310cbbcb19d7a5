"""The training lock: one holder per tenant at a time, on a lease that expires unless renewed."""

from __future__ import annotations

import time
from collections.abc import Callable

from somastack.identity.directory import Directory
from somastack.identity.model import TrainingLock
from somastack.identity.ports import IdentityStore
from somastack.platform import names
from somastack.platform.errors import FailedPrecondition, invalid
from somastack.platform.principal import Principal

DEFAULT_LEASE = 15 * 60.0
MAX_LEASE = 24 * 3600.0


def _iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


class TrainingLocks:
    """Use cases of the per-tenant training lock."""

    def __init__(self, store: IdentityStore, directory: Directory, *, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._directory = directory
        self._clock = clock

    async def get(self, name: str) -> tuple[TrainingLock, float]:
        tenant = await self._tenant_of(name)
        return await self._store.get_training_lock(tenant), self._clock()

    async def start(self, actor: Principal, name: str, lease_seconds: float, reason: str) -> tuple[TrainingLock, float]:
        if lease_seconds < 0 or lease_seconds > MAX_LEASE:
            raise invalid("lease_duration", f"must be between 0 and {int(MAX_LEASE)}s, got {lease_seconds:g}s")
        if len(reason) > 500:
            raise invalid("reason", "must be at most 500 characters")
        tenant = await self._tenant_of(name)
        now = self._clock()
        lock, acquired = await self._store.acquire_training_lock(
            tenant, actor.subject, now=now, expires_at=now + (lease_seconds or DEFAULT_LEASE), reason=reason
        )
        if not acquired:
            assert lock.holder is not None and lock.expires_at is not None
            raise FailedPrecondition(
                "TRAINING_LOCK_HELD",
                f"the training lock of tenants/{tenant} is held by {lock.holder} until {_iso(lock.expires_at)}",
                metadata={"holder": lock.holder, "expireTime": _iso(lock.expires_at)},
            )
        return lock, now

    async def stop(self, actor: Principal, name: str) -> tuple[TrainingLock, float]:
        tenant = await self._tenant_of(name)
        now = self._clock()
        if not await self._store.release_training_lock(tenant, actor.subject, now=now):
            lock = await self._store.get_training_lock(tenant)
            holder = lock.holder if lock.held_at(now) else None
            raise FailedPrecondition(
                "TRAINING_LOCK_NOT_HELD",
                f"{actor.subject} does not hold the training lock of tenants/{tenant}"
                + (f"; {holder} does" if holder else "; nobody does"),
                metadata={"holder": holder or ""},
            )
        return await self._store.get_training_lock(tenant), now

    async def _tenant_of(self, name: str) -> str:
        tenant = names.parse(name, "tenants/{tenant}/trainingLock", field="name")["tenant"]
        await self._directory.get_tenant(f"tenants/{tenant}")
        return tenant
