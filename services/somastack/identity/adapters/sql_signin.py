"""The sign-in stores on SQLAlchemy (SQLite or PostgreSQL): credentials, failures, refresh families, OIDC issuers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Table,
    Text,
    and_,
    delete,
    false,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncEngine

from somastack.identity.adapters.sql_store import _user, metadata, users
from somastack.identity.model import User
from somastack.identity.signin_ports import (
    ClaimMatch,
    Credential,
    OidcProvider,
    RefreshFamily,
    Rotation,
    SignInMethod,
)
from somastack.platform.db import dialect_insert
from somastack.platform.sealed_columns import SealedColumn
from somastack.platform.sealing import Sealer

_USER_FK = (["tenant_id", "user_id"], ["users.tenant_id", "users.id"])

credentials = Table(
    "credentials",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("user_id", String(63), primary_key=True),
    Column("password_hash", String(200), nullable=True),
    Column("password_changed_at", Float, nullable=True),
    Column("reset_code_hash", String(64), nullable=True),
    Column("reset_expires_at", Float, nullable=True),
    #: Sealed (somastack.platform.sealing), bound to the account: Text, since a sealed value outgrows the secret.
    Column("totp_secret", Text, nullable=True),
    Column("totp_confirmed", Boolean, nullable=False, server_default=false()),
    Column("totp_last_step", BigInteger, nullable=False, server_default="0"),
    ForeignKeyConstraint(*_USER_FK, ondelete="CASCADE"),
)

#: TOTP secrets are sealed at rest, each bound to its tenant and user.
TOTP_SECRET = SealedColumn("identity", credentials, "totp_secret", ("tenant_id", "user_id"))

recovery_codes = Table(
    "recovery_codes",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("user_id", String(63), primary_key=True),
    Column("code_hash", String(64), primary_key=True),
    Column("used_at", Float, nullable=True),
    ForeignKeyConstraint(*_USER_FK, ondelete="CASCADE"),
)

#: Keyed by the account name as typed (lower-cased), not by user: unknown names lock exactly like known ones.
sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("login", String(254), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("locked_until", Float, nullable=True),
    Column("updated_at", Float, nullable=False),
)

refresh_families = Table(
    "refresh_families",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("tenant_id", String(40), nullable=False),
    Column("user_id", String(63), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("revoked_at", Float, nullable=True),
    Column("method", String(32), nullable=False, server_default="password"),
    Column("user_agent", String(256), nullable=False, server_default=""),
    Column("last_refresh_at", Float, nullable=True),
    ForeignKeyConstraint(*_USER_FK, ondelete="CASCADE"),
    Index("refresh_families_user", "tenant_id", "user_id"),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("family_id", String(32), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("used_at", Float, nullable=True),
    ForeignKeyConstraint(["family_id"], ["refresh_families.id"], ondelete="CASCADE"),
    Index("refresh_tokens_family", "family_id"),
)

oidc_providers = Table(
    "oidc_providers",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("issuer", String(500), nullable=False),
    Column("audience", String(500), nullable=False),
    Column("jwks_url", String(1000), nullable=False, server_default=""),
    Column("user_claim", String(100), nullable=False),
    Column("user_claim_match", String(16), nullable=False),
    Column("auto_provision", Boolean, nullable=False, server_default=false()),
    Column("updated_at", Float, nullable=False),
    ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
)


def _credential(row: Any, sealer: Sealer) -> Credential:
    if row is None:
        return Credential()
    totp = row.totp_secret
    return Credential(
        row.password_hash,
        row.reset_code_hash,
        row.reset_expires_at,
        None if totp is None else TOTP_SECRET.unseal(sealer, totp, row.tenant_id, row.user_id).decode(),
        bool(row.totp_confirmed),
        int(row.totp_last_step or 0),
        row.password_changed_at,
    )


def _family(row: Any) -> RefreshFamily:
    return RefreshFamily(
        row.id,
        row.tenant_id,
        row.user_id,
        row.created_at,
        row.expires_at,
        row.revoked_at,
        SignInMethod(row.method),
        row.user_agent or "",
        row.last_refresh_at,
    )


def _provider(row: Any) -> OidcProvider:
    return OidcProvider(
        row.tenant_id,
        row.issuer,
        row.audience,
        row.jwks_url or "",
        row.user_claim,
        ClaimMatch(row.user_claim_match),
        bool(row.auto_provision),
        row.updated_at,
    )


class SqlSignInStore:
    """CredentialStore, RefreshStore and OidcStore on identity's database."""

    def __init__(self, engine: AsyncEngine, *, sealer: Sealer) -> None:
        self._engine = engine
        #: Seals TOTP secrets on write and opens them on read: the database never holds one in the clear.
        self._sealer = sealer

    def _insert(self, table: Table) -> Any:
        return dialect_insert(self._engine.dialect.name, table)

    def _account(self, tenant: str, user: str) -> Any:
        return and_(credentials.c.tenant_id == tenant, credentials.c.user_id == user)

    async def _upsert_credential(self, tenant: str, user: str, **values: Any) -> None:
        statement = self._insert(credentials).values(tenant_id=tenant, user_id=user, **values)
        async with self._engine.begin() as connection:
            await connection.execute(
                statement.on_conflict_do_update(index_elements=["tenant_id", "user_id"], set_=values)
            )

    # -- credentials --------------------------------------------------------------------------

    async def find_user(self, tenant: str, login: str) -> User | None:
        column = users.c.email if "@" in login else users.c.id
        async with self._engine.connect() as connection:
            row = (
                await connection.execute(select(users).where(and_(users.c.tenant_id == tenant, column == login)))
            ).first()
        return _user(row) if row else None

    async def credential(self, tenant: str, user: str) -> Credential:
        async with self._engine.connect() as connection:
            row = (await connection.execute(select(credentials).where(self._account(tenant, user)))).first()
        return _credential(row, self._sealer)

    async def set_password(self, tenant: str, user: str, password_hash: str, *, now: float) -> None:
        await self._upsert_credential(
            tenant,
            user,
            password_hash=password_hash,
            password_changed_at=now,
            reset_code_hash=None,
            reset_expires_at=None,
        )

    async def set_reset_code(self, tenant: str, user: str, code_hash: str, *, expires_at: float) -> None:
        await self._upsert_credential(tenant, user, reset_code_hash=code_hash, reset_expires_at=expires_at)

    async def take_reset_code(self, tenant: str, user: str, code_hash: str, *, now: float) -> bool:
        async with self._engine.begin() as connection:
            result = await connection.execute(
                update(credentials)
                .where(
                    and_(
                        self._account(tenant, user),
                        credentials.c.reset_code_hash == code_hash,
                        credentials.c.reset_expires_at > now,
                    )
                )
                .values(reset_code_hash=None, reset_expires_at=None)
            )
            return bool(result.rowcount)

    async def start_totp(self, tenant: str, user: str, secret: str) -> None:
        sealed = TOTP_SECRET.seal(self._sealer, secret.encode(), tenant, user)
        await self._upsert_credential(tenant, user, totp_secret=sealed, totp_confirmed=False, totp_last_step=0)

    async def confirm_totp(self, tenant: str, user: str, *, step: int, recovery_hashes: list[str]) -> bool:
        async with self._engine.begin() as connection:
            result = await connection.execute(
                update(credentials)
                .where(
                    and_(
                        self._account(tenant, user),
                        credentials.c.totp_secret.is_not(None),
                        credentials.c.totp_confirmed == false(),
                    )
                )
                .values(totp_confirmed=True, totp_last_step=step)
            )
            if not result.rowcount:
                return False
            codes = and_(recovery_codes.c.tenant_id == tenant, recovery_codes.c.user_id == user)
            await connection.execute(delete(recovery_codes).where(codes))
            await connection.execute(
                recovery_codes.insert(),
                [{"tenant_id": tenant, "user_id": user, "code_hash": h, "used_at": None} for h in recovery_hashes],
            )
        return True

    async def advance_totp_step(self, tenant: str, user: str, step: int) -> bool:
        async with self._engine.begin() as connection:
            result = await connection.execute(
                update(credentials)
                .where(and_(self._account(tenant, user), credentials.c.totp_last_step < step))
                .values(totp_last_step=step)
            )
            return bool(result.rowcount)

    async def use_recovery_code(self, tenant: str, user: str, code_hash: str, *, now: float) -> bool:
        async with self._engine.begin() as connection:
            result = await connection.execute(
                update(recovery_codes)
                .where(
                    and_(
                        recovery_codes.c.tenant_id == tenant,
                        recovery_codes.c.user_id == user,
                        recovery_codes.c.code_hash == code_hash,
                        recovery_codes.c.used_at.is_(None),
                    )
                )
                .values(used_at=now)
            )
            return bool(result.rowcount)

    async def recovery_codes_left(self, tenant: str, user: str) -> int:
        r = recovery_codes
        query = select(func.count()).where(and_(r.c.tenant_id == tenant, r.c.user_id == user, r.c.used_at.is_(None)))
        async with self._engine.connect() as connection:
            return int((await connection.execute(query)).scalar_one())

    # -- failed attempts ----------------------------------------------------------------------

    def _login(self, tenant: str, login: str) -> Any:
        return and_(sign_in_failures.c.tenant_id == tenant, sign_in_failures.c.login == login[:254])

    async def locked_until(self, tenant: str, login: str) -> float | None:
        async with self._engine.connect() as connection:
            row = (
                await connection.execute(select(sign_in_failures.c.locked_until).where(self._login(tenant, login)))
            ).first()
        return row.locked_until if row else None

    async def add_failure(self, tenant: str, login: str, *, now: float) -> int:
        statement = self._insert(sign_in_failures).values(
            tenant_id=tenant, login=login[:254], failures=1, locked_until=None, updated_at=now
        )
        async with self._engine.begin() as connection:
            await connection.execute(
                statement.on_conflict_do_update(
                    index_elements=["tenant_id", "login"],
                    set_={"failures": sign_in_failures.c.failures + 1, "updated_at": now},
                )
            )
            row = (
                await connection.execute(select(sign_in_failures.c.failures).where(self._login(tenant, login)))
            ).first()
        return int(row.failures) if row else 1

    async def lock(self, tenant: str, login: str, *, until: float) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                update(sign_in_failures).where(self._login(tenant, login)).values(locked_until=until)
            )

    async def clear_failures(self, tenant: str, login: str) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(delete(sign_in_failures).where(self._login(tenant, login)))

    # -- refresh families ---------------------------------------------------------------------

    async def create_family(self, family: RefreshFamily, token_hash: str) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                refresh_families.insert().values(
                    id=family.id,
                    tenant_id=family.tenant,
                    user_id=family.user,
                    created_at=family.created_at,
                    expires_at=family.expires_at,
                    method=family.method.value,
                    user_agent=family.user_agent,
                )
            )
            await connection.execute(
                refresh_tokens.insert().values(token_hash=token_hash, family_id=family.id, created_at=family.created_at)
            )

    async def find_refresh(self, token_hash: str) -> tuple[RefreshFamily, bool] | None:
        query = (
            select(refresh_families, refresh_tokens.c.used_at)
            .select_from(refresh_tokens.join(refresh_families, refresh_families.c.id == refresh_tokens.c.family_id))
            .where(refresh_tokens.c.token_hash == token_hash)
        )
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        return (_family(row), row.used_at is not None) if row else None

    async def rotate_refresh(self, family_id: str, old_hash: str, new_hash: str, *, now: float) -> Rotation:
        f, t = refresh_families, refresh_tokens
        async with self._engine.connect() as connection, connection.begin() as transaction:
            # The family's row first: a concurrent revoke_family waits for this transaction (or this one sees its
            # revocation), so no refresh completes once the family's revocation has committed.
            live = await connection.execute(
                update(f).where(and_(f.c.id == family_id, f.c.revoked_at.is_(None))).values(last_refresh_at=now)
            )
            if not live.rowcount:
                return Rotation.ENDED
            spent = await connection.execute(
                update(t).where(and_(t.c.token_hash == old_hash, t.c.used_at.is_(None))).values(used_at=now)
            )
            if not spent.rowcount:
                await transaction.rollback()
                return Rotation.REUSED
            await connection.execute(t.insert().values(token_hash=new_hash, family_id=family_id, created_at=now))
        return Rotation.ROTATED

    async def revoke_family(self, family_id: str, *, now: float) -> bool:
        async with self._engine.begin() as connection:
            result = await connection.execute(
                update(refresh_families)
                .where(and_(refresh_families.c.id == family_id, refresh_families.c.revoked_at.is_(None)))
                .values(revoked_at=now)
            )
        return bool(result.rowcount)

    def _families_of(self, tenant: str, user: str) -> Any:
        return and_(refresh_families.c.tenant_id == tenant, refresh_families.c.user_id == user)

    async def get_family(self, tenant: str, user: str, family_id: str) -> RefreshFamily | None:
        query = select(refresh_families).where(
            and_(self._families_of(tenant, user), refresh_families.c.id == family_id)
        )
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        return _family(row) if row else None

    async def list_families(
        self, tenant: str, user: str, *, now: float, before: tuple[float, str] | None, limit: int
    ) -> list[RefreshFamily]:
        f = refresh_families
        live = and_(self._families_of(tenant, user), f.c.revoked_at.is_(None), f.c.expires_at > now)
        if before is not None:
            live = and_(live, or_(f.c.created_at < before[0], and_(f.c.created_at == before[0], f.c.id < before[1])))
        query = select(f).where(live).order_by(f.c.created_at.desc(), f.c.id.desc()).limit(limit)
        async with self._engine.connect() as connection:
            return [_family(r) for r in await connection.execute(query)]

    async def revoke_user_families(self, tenant: str, user: str, *, now: float) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                update(refresh_families)
                .where(
                    and_(
                        refresh_families.c.tenant_id == tenant,
                        refresh_families.c.user_id == user,
                        refresh_families.c.revoked_at.is_(None),
                    )
                )
                .values(revoked_at=now)
            )

    # -- trusted issuers ----------------------------------------------------------------------

    async def get_oidc_provider(self, tenant: str) -> OidcProvider | None:
        async with self._engine.connect() as connection:
            row = (await connection.execute(select(oidc_providers).where(oidc_providers.c.tenant_id == tenant))).first()
        return _provider(row) if row else None

    async def put_oidc_provider(self, provider: OidcProvider) -> None:
        values = {
            "issuer": provider.issuer,
            "audience": provider.audience,
            "jwks_url": provider.jwks_url,
            "user_claim": provider.user_claim,
            "user_claim_match": provider.match.value,
            "auto_provision": provider.auto_provision,
            "updated_at": provider.updated_at,
        }
        statement = self._insert(oidc_providers).values(tenant_id=provider.tenant, **values)
        async with self._engine.begin() as connection:
            await connection.execute(statement.on_conflict_do_update(index_elements=["tenant_id"], set_=values))
