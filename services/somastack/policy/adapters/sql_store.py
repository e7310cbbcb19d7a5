"""OverrideStore on SQLAlchemy (SQLite or PostgreSQL), and the inbox of the policy service's event consumer."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Column, Float, MetaData, String, Table, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from somastack.platform.events import inbox_table
from somastack.policy.model import WeightOverrides

metadata = MetaData()

#: One row per (tenant, rule): the tenant's weight for that rule.
overrides = Table(
    "policy_weight_overrides",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("rule_id", String(63), primary_key=True),
    Column("weight", Float, nullable=False),
)

#: One row per tenant that ever set overrides: who set them last, and when (also when they set none).
override_sets = Table(
    "policy_override_sets",
    metadata,
    Column("tenant", String(64), primary_key=True),
    Column("updated_at", Float, nullable=False),
    Column("updated_by", String(200), nullable=False),
)

inbox = inbox_table(metadata)


class SqlOverrideStore:
    """Weight overrides in the policy service's own database, always filtered by tenant."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get(self, tenant: str) -> WeightOverrides:
        async with self._engine.connect() as connection:
            header = (await connection.execute(select(override_sets).where(override_sets.c.tenant == tenant))).first()
            rows = await connection.execute(
                select(overrides.c.rule_id, overrides.c.weight).where(overrides.c.tenant == tenant)
            )
            weights = {row.rule_id: row.weight for row in rows}
        if header is None:
            return WeightOverrides(tenant, weights)
        return WeightOverrides(tenant, weights, header.updated_at, header.updated_by)

    async def replace(self, tenant: str, weights: Mapping[str, float], *, by: str, at: float) -> WeightOverrides:
        try:
            await self._replace(tenant, weights, by=by, at=at)
        except IntegrityError:
            # Two first-ever replaces of one tenant raced on inserting its header row; the loser goes again.
            await self._replace(tenant, weights, by=by, at=at)
        return WeightOverrides(tenant, dict(weights), at, by)

    async def _replace(self, tenant: str, weights: Mapping[str, float], *, by: str, at: float) -> None:
        async with self._engine.begin() as connection:
            # Replacing the header row first locks it, which serialises later replaces of one tenant.
            await connection.execute(delete(override_sets).where(override_sets.c.tenant == tenant))
            await connection.execute(insert(override_sets).values(tenant=tenant, updated_at=at, updated_by=by))
            await connection.execute(delete(overrides).where(overrides.c.tenant == tenant))
            if weights:
                await connection.execute(
                    insert(overrides), [{"tenant": tenant, "rule_id": k, "weight": v} for k, v in weights.items()]
                )
