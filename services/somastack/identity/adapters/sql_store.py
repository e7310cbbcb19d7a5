"""IdentityStore on SQLAlchemy: SQLite or PostgreSQL, one schema of identity's own."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    and_,
    case,
    delete,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from somastack.identity import codec
from somastack.identity.model import (
    Membership,
    Revocation,
    RevocationCause,
    Role,
    SigningKey,
    Tenant,
    TrainingLock,
    User,
    UserState,
)
from somastack.platform.db import dialect_insert
from somastack.platform.events import Outbox, inbox_table, outbox_table
from somastack.platform.sealed_columns import SealedColumn
from somastack.platform.sealing import Sealer
from somastack.platform.sql_uow import connection_of
from somastack.platform.uow import Transaction

metadata = MetaData()

tenants = Table(
    "tenants",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("display_name", String(200), nullable=False),
    Column("created_at", Float, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("id", String(63), primary_key=True),
    Column("display_name", String(200), nullable=False),
    Column("email", String(254), nullable=True),
    Column("state", String(16), nullable=False),
    Column("created_at", Float, nullable=False),
    ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
    Index("users_tenant_email", "tenant_id", "email", unique=True),
)

memberships = Table(
    "memberships",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("user_id", String(63), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("extra_capabilities", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", Float, nullable=False),
    ForeignKeyConstraint(["tenant_id", "user_id"], ["users.tenant_id", "users.id"], ondelete="CASCADE"),
)

signing_keys = Table(
    "signing_keys",
    metadata,
    Column("kid", String(32), primary_key=True),
    Column("private_pem", LargeBinary, nullable=False),
    Column("public_x", String(64), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("retired_at", Float, nullable=True),
    Column("expires_at", Float, nullable=True),
)

#: Private keys are sealed at rest, each bound to its kid.
PRIVATE_PEM = SealedColumn("identity", signing_keys, "private_pem", ("kid",))

training_locks = Table(
    "training_locks",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("holder", String(200), nullable=True),
    Column("acquired_at", Float, nullable=True),
    Column("expires_at", Float, nullable=True),
    Column("reason", String(500), nullable=False, server_default=""),
    ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
)


#: The constitution active platform-wide, as identity last heard from `constitution.updated` (one row, id 1).
active_constitution = Table(
    "active_constitution",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("checksum", String(64), nullable=False),
    Column("version", String(100), nullable=False),
    Column("updated_at", Float, nullable=False),
)

#: The latest revocation of each tenant and subject, while it matters (see `Revocation`).
token_revocations = Table(
    "token_revocations",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("subject", String(200), primary_key=True),
    Column("not_before", Float, nullable=False),
    Column("cause", String(32), nullable=False),
    Index("token_revocations_not_before", "not_before"),
)

inbox = inbox_table(metadata)
outbox = outbox_table(metadata)


def _tenant(row: Any) -> Tenant:
    return Tenant(row.id, row.display_name, row.created_at)


def _user(row: Any) -> User:
    return User(row.tenant_id, row.id, row.display_name, row.email or "", UserState(row.state), row.created_at)


def _membership(row: Any) -> Membership:
    return Membership(
        row.tenant_id,
        row.user_id,
        Role(row.role),
        tuple(json.loads(row.extra_capabilities)),
        row.version,
        row.updated_at,
    )


def _revocation(row: Any) -> Revocation:
    return Revocation.from_key(row.tenant_id, row.subject, row.not_before, RevocationCause(row.cause))


def _lock(tenant: str, row: Any) -> TrainingLock:
    if row is None:
        return TrainingLock(tenant, None, None, None, "")
    return TrainingLock(tenant, row.holder, row.acquired_at, row.expires_at, row.reason or "")


class SqlIdentityStore:
    """The IdentityStore port on an async SQLAlchemy engine, announcing revocations through the outbox."""

    def __init__(self, engine: AsyncEngine, *, sealer: Sealer, revocation_window: float = 7 * 86400.0) -> None:
        self._engine = engine
        #: Seals private keys on write and opens them on read: the database never holds one in the clear.
        self._sealer = sealer
        self._outbox = Outbox(outbox)
        #: How long a revocation is kept: the longest token lifetime.
        self._revocation_window = revocation_window

    def _insert(self, table: Table) -> Any:
        return dialect_insert(self._engine.dialect.name, table)

    # -- tenants ------------------------------------------------------------------------------

    async def create_tenant(self, tenant: Tenant) -> bool:
        statement = (
            self._insert(tenants)
            .values(id=tenant.id, display_name=tenant.display_name, created_at=tenant.created_at)
            .on_conflict_do_nothing(index_elements=["id"])
        )
        async with self._engine.begin() as connection:
            result = await connection.execute(statement)
            return bool(result.rowcount)

    async def get_tenant(self, tenant: str) -> Tenant | None:
        async with self._engine.connect() as connection:
            row = (await connection.execute(select(tenants).where(tenants.c.id == tenant))).first()
        return _tenant(row) if row else None

    async def list_tenants(self, *, after: str, limit: int) -> list[Tenant]:
        query = select(tenants).where(tenants.c.id > after).order_by(tenants.c.id).limit(limit)
        async with self._engine.connect() as connection:
            return [_tenant(r) for r in await connection.execute(query)]

    # -- users --------------------------------------------------------------------------------

    async def create_user(self, user: User, membership: Membership) -> str | None:
        async with self._engine.begin() as connection:
            taken = (
                await connection.execute(
                    select(users.c.id).where(and_(users.c.tenant_id == user.tenant, users.c.id == user.id))
                )
            ).first()
            if taken:
                return "user_id"
            if user.email:
                clash = (
                    await connection.execute(
                        select(users.c.id).where(and_(users.c.tenant_id == user.tenant, users.c.email == user.email))
                    )
                ).first()
                if clash:
                    return "email"
            try:
                await connection.execute(
                    users.insert().values(
                        tenant_id=user.tenant,
                        id=user.id,
                        display_name=user.display_name,
                        email=user.email or None,
                        state=user.state.value,
                        created_at=user.created_at,
                    )
                )
                await connection.execute(
                    memberships.insert().values(
                        tenant_id=membership.tenant,
                        user_id=membership.user,
                        role=membership.role.value,
                        extra_capabilities=json.dumps(list(membership.extra_capabilities)),
                        version=membership.version,
                        updated_at=membership.updated_at,
                    )
                )
            except IntegrityError:
                # A concurrent create won the race between our check and insert.
                return "user_id"
        return None

    async def get_user(self, tenant: str, user: str) -> User | None:
        query = select(users).where(and_(users.c.tenant_id == tenant, users.c.id == user))
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        return _user(row) if row else None

    async def list_users(self, tenant: str, *, after: str, limit: int) -> list[User]:
        query = (
            select(users).where(and_(users.c.tenant_id == tenant, users.c.id > after)).order_by(users.c.id).limit(limit)
        )
        async with self._engine.connect() as connection:
            return [_user(r) for r in await connection.execute(query)]

    async def set_user_state(
        self, tenant: str, user: str, state: UserState, *, revocation: Revocation | None = None
    ) -> User | None:
        where = and_(users.c.tenant_id == tenant, users.c.id == user)
        async with self._engine.begin() as connection:
            result = await connection.execute(update(users).where(where).values(state=state.value))
            if result.rowcount and revocation is not None:
                await self._revoke(connection, revocation)
            row = (await connection.execute(select(users).where(where))).first()
        return _user(row) if row else None

    # -- memberships --------------------------------------------------------------------------

    async def get_membership(self, tenant: str, user: str) -> Membership | None:
        query = select(memberships).where(and_(memberships.c.tenant_id == tenant, memberships.c.user_id == user))
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        return _membership(row) if row else None

    async def list_memberships(self, tenant: str, *, after: str, limit: int) -> list[Membership]:
        query = (
            select(memberships)
            .where(and_(memberships.c.tenant_id == tenant, memberships.c.user_id > after))
            .order_by(memberships.c.user_id)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            return [_membership(r) for r in await connection.execute(query)]

    async def update_membership(
        self,
        tenant: str,
        user: str,
        *,
        role: Role,
        extras: tuple[str, ...],
        expected_version: int,
        now: float,
        revocation: Revocation | None = None,
    ) -> Membership | None:
        where = and_(memberships.c.tenant_id == tenant, memberships.c.user_id == user)
        async with self._engine.begin() as connection:
            result = await connection.execute(
                update(memberships)
                .where(and_(where, memberships.c.version == expected_version))
                .values(
                    role=role.value,
                    extra_capabilities=json.dumps(list(extras)),
                    version=expected_version + 1,
                    updated_at=now,
                )
            )
            if not result.rowcount:
                return None
            if revocation is not None:
                await self._revoke(connection, revocation)
            row = (await connection.execute(select(memberships).where(where))).first()
        return _membership(row) if row else None

    async def count_active_owners(self, tenant: str) -> int:
        query = (
            select(func.count())
            .select_from(
                memberships.join(
                    users, and_(users.c.tenant_id == memberships.c.tenant_id, users.c.id == memberships.c.user_id)
                )
            )
            .where(
                and_(
                    memberships.c.tenant_id == tenant,
                    memberships.c.role == Role.OWNER.value,
                    users.c.state == UserState.ACTIVE.value,
                )
            )
        )
        async with self._engine.connect() as connection:
            return int((await connection.execute(query)).scalar_one())

    # -- token revocations --------------------------------------------------------------------

    async def revoke_tokens(self, revocation: Revocation) -> None:
        async with self._engine.begin() as connection:
            await self._revoke(connection, revocation)

    async def _revoke(self, connection: AsyncConnection, revocation: Revocation) -> None:
        """Upserts the revocation (a later not-before wins), queues its event, and drops revocations that no longer
        matter, all in the caller's transaction."""
        t = token_revocations
        statement = self._insert(t).values(
            tenant_id=revocation.tenant,
            subject=revocation.key,
            not_before=revocation.not_before,
            cause=revocation.cause.value,
        )
        later = statement.excluded.not_before > t.c.not_before
        await connection.execute(
            statement.on_conflict_do_update(
                index_elements=["tenant_id", "subject"],
                set_={
                    "not_before": case((later, statement.excluded.not_before), else_=t.c.not_before),
                    "cause": case((later, statement.excluded.cause), else_=t.c.cause),
                },
            )
        )
        await connection.execute(delete(t).where(t.c.not_before < revocation.not_before - self._revocation_window))
        await self._outbox.add(connection, codec.TOPIC, codec.revoked_event(revocation))

    async def list_revocations(self, *, since: float, after: tuple[str, str], limit: int) -> list[Revocation]:
        t = token_revocations
        tenant, subject = after
        query = (
            select(t)
            .where(
                and_(
                    t.c.not_before > since,
                    or_(t.c.tenant_id > tenant, and_(t.c.tenant_id == tenant, t.c.subject > subject)),
                )
            )
            .order_by(t.c.tenant_id, t.c.subject)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            return [_revocation(r) for r in await connection.execute(query)]

    # -- signing keys -------------------------------------------------------------------------

    def _key(self, row: Any) -> SigningKey:
        pem = PRIVATE_PEM.unseal(self._sealer, row.private_pem, row.kid)
        return SigningKey(row.kid, pem, row.public_x, row.created_at, row.retired_at, row.expires_at)

    def _key_row(self, key: SigningKey) -> dict[str, Any]:
        sealed = PRIVATE_PEM.seal(self._sealer, key.private_pem, key.kid)
        return {"kid": key.kid, "private_pem": sealed, "public_x": key.public_x, "created_at": key.created_at}

    async def add_signing_key(self, key: SigningKey) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(signing_keys.insert().values(self._key_row(key)))

    async def signing_keys(self) -> list[SigningKey]:
        query = select(signing_keys).order_by(signing_keys.c.created_at.desc())
        async with self._engine.connect() as connection:
            return [self._key(r) for r in await connection.execute(query)]

    async def rotate_signing_key(self, new_key: SigningKey, *, retired_at: float, expires_at: float) -> list[str]:
        async with self._engine.begin() as connection:
            active = [
                r.kid
                for r in await connection.execute(select(signing_keys.c.kid).where(signing_keys.c.retired_at.is_(None)))
            ]
            await connection.execute(
                update(signing_keys)
                .where(signing_keys.c.retired_at.is_(None))
                .values(retired_at=retired_at, expires_at=expires_at)
            )
            await connection.execute(signing_keys.insert().values(self._key_row(new_key)))
        return active

    # -- training lock ------------------------------------------------------------------------

    async def acquire_training_lock(
        self, tenant: str, holder: str, *, now: float, expires_at: float, reason: str
    ) -> tuple[TrainingLock, bool]:
        where = training_locks.c.tenant_id == tenant
        async with self._engine.begin() as connection:
            await connection.execute(
                self._insert(training_locks)
                .values(tenant_id=tenant, reason="")
                .on_conflict_do_nothing(index_elements=["tenant_id"])
            )
            # One conditional UPDATE decides the race on both engines: free, expired, or ours to renew.
            free_or_ours = or_(
                training_locks.c.holder.is_(None),
                training_locks.c.holder == holder,
                training_locks.c.expires_at <= now,
            )
            current = (await connection.execute(select(training_locks).where(where))).first()
            keep_acquired = current is not None and current.holder == holder and (current.expires_at or 0) > now
            result = await connection.execute(
                update(training_locks)
                .where(and_(where, free_or_ours))
                .values(
                    holder=holder,
                    acquired_at=current.acquired_at if keep_acquired and current is not None else now,
                    expires_at=expires_at,
                    reason=reason,
                )
            )
            row = (await connection.execute(select(training_locks).where(where))).first()
        return _lock(tenant, row), bool(result.rowcount)

    async def release_training_lock(self, tenant: str, holder: str, *, now: float) -> bool:
        async with self._engine.begin() as connection:
            result = await connection.execute(
                update(training_locks)
                .where(
                    and_(
                        training_locks.c.tenant_id == tenant,
                        training_locks.c.holder == holder,
                        training_locks.c.expires_at > now,
                    )
                )
                .values(holder=None, acquired_at=None, expires_at=None, reason="")
            )
            return bool(result.rowcount)

    async def get_training_lock(self, tenant: str) -> TrainingLock:
        async with self._engine.connect() as connection:
            row = (await connection.execute(select(training_locks).where(training_locks.c.tenant_id == tenant))).first()
        return _lock(tenant, row)

    # -- constitution -------------------------------------------------------------------------

    async def active_constitution(self) -> str | None:
        async with self._engine.connect() as connection:
            row = (await connection.execute(select(active_constitution.c.checksum))).first()
        return str(row.checksum) if row else None

    async def record_constitution(self, tx: Transaction, checksum: str, version: str, now: float) -> None:
        """Stores the active checksum inside the caller's transaction (the event consumer's, with its inbox row)."""
        connection = connection_of(tx)
        statement = self._insert(active_constitution).values(id=1, checksum=checksum, version=version, updated_at=now)
        await connection.execute(
            statement.on_conflict_do_update(
                index_elements=["id"], set_={"checksum": checksum, "version": version, "updated_at": now}
            )
        )
