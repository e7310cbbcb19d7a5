"""Composition root of the identity service: migrations, store, use cases, servicer."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from soma.constitution.v1.constitution_pb2 import ConstitutionUpdated
from soma.events.v1.envelope_pb2 import Event
from soma.events.v1.topics import CONSTITUTION_UPDATED
from soma.identity.v1 import identity_service_pb2_grpc
from somastack.config import Settings, Stage
from somastack.identity.accounts import Accounts, Lockout
from somastack.identity.adapters.oidc_http import HttpIssuerClient
from somastack.identity.adapters.sealed import SEALED_COLUMNS
from somastack.identity.adapters.sql_signin import SqlSignInStore
from somastack.identity.adapters.sql_store import SqlIdentityStore, inbox, outbox
from somastack.identity.api import IdentityServicer, SignInUseCases
from somastack.identity.codec import TOPIC as REVOCATIONS_TOPIC
from somastack.identity.codec import revocation_pb
from somastack.identity.config import IdentitySettings
from somastack.identity.directory import Directory
from somastack.identity.oidc import JwksCache, OidcExchange
from somastack.identity.refresh import RefreshTokens
from somastack.identity.roles import Capabilities
from somastack.identity.sessions import SignInSessions
from somastack.identity.signin_ports import RefreshFamily
from somastack.identity.tokens import TokenService
from somastack.identity.training import TrainingLocks
from somastack.platform.db import create_engine
from somastack.platform.events import BusError, EventConsumer, EventMetrics, OutboxRelay, open_bus, payload_of
from somastack.platform.kek import sealer_for
from somastack.platform.migrations import upgrade_async
from somastack.platform.principal import Principal
from somastack.platform.sealed_columns import reseal
from somastack.platform.sealing import Sealer
from somastack.platform.service_token import write_secret_file
from somastack.registry import SERVICES, ServiceSpec
from somastack.runtime.contract import capability_catalogue
from somastack.runtime.plumbing import Plumbing
from somastack.runtime.revocation import Revocations, revocation_window
from somastack.runtime.server import Assembly, Registration

_log = logging.getLogger(__name__)


#: Identity learns the active constitution from its events, to stamp it into the tokens it issues.
CONSTITUTION_TOPIC = CONSTITUTION_UPDATED


@dataclass
class Identity:
    """The identity use cases wired to their store."""

    engine: AsyncEngine
    store: SqlIdentityStore
    directory: Directory
    tokens: TokenService
    training: TrainingLocks
    #: The revocations this process's verifier applies: loaded from the store, updated at once by each revocation
    #: identity records here (and by the `identity.revocations` feed for those of other replicas).
    revocations: Revocations
    signin: SignInUseCases
    issuers: HttpIssuerClient

    @classmethod
    async def open(cls, settings: Settings) -> Identity:
        """Migrates the database, seals any secret still in plaintext, then wires the use cases and loads the signing
        keys and revocations. Raises KeyConfigError without a key-encryption key in staging or prod."""
        sealer = sealer_for(settings)
        await upgrade_async(settings, "identity")
        engine = create_engine(settings, "identity")
        await seal_plaintext(engine, sealer)
        window = revocation_window(settings)
        store = SqlIdentityStore(engine, sealer=sealer, revocation_window=window)
        revocations = Revocations(window=window)
        directory = Directory(
            store,
            Capabilities(capability_catalogue()),
            on_revoked=lambda r: revocations.apply_message(revocation_pb(r)),
            revocation_window=window,
        )
        tokens = TokenService(
            store,
            directory,
            issuer=settings.token_issuer,
            audience=settings.token_audience,
            default_ttl=settings.token_ttl_seconds,
            max_ttl=settings.token_max_ttl_seconds,
            verify_window=max(settings.token_max_ttl_seconds, settings.admin_token_ttl_seconds),
        )
        await tokens.ensure_key()
        page = await directory.list_revocations(500, "")
        while True:
            for revocation in page.items:
                revocations.apply_message(revocation_pb(revocation))
            if not page.next_page_token:
                break
            page = await directory.list_revocations(500, page.next_page_token)
        signin, issuers = _sign_in(engine, sealer, directory, tokens, IdentitySettings())
        return cls(engine, store, directory, tokens, TrainingLocks(store, directory), revocations, signin, issuers)

    async def on_constitution_updated(self, event: Event, connection: AsyncConnection) -> None:
        """Records the newly active constitution, in the consumer's transaction (with its inbox row)."""
        update = payload_of(event, ConstitutionUpdated)
        if update is None:  # another payload type on the topic: not ours to understand
            return
        await self.store.record_constitution(connection, update.checksum, update.version, time.time())

    async def close(self) -> None:
        await self.issuers.close()
        await self.engine.dispose()


async def seal_plaintext(engine: AsyncEngine, sealer: Sealer) -> None:
    """Seals the secrets a release before sealing (or an older replica during a rolling upgrade) left in plaintext.

    Done at start rather than in a migration: it needs the key-encryption key, which schema migrations do not
    depend on, and it also seals what an older replica still writes during a rolling upgrade (at its next start).
    """
    for column in SEALED_COLUMNS:
        tally = await reseal(engine, column, sealer, plaintext_only=True)
        if tally.sealed:
            _log.warning("sealed %d plaintext value(s) of %s.%s", tally.sealed, column.table.name, column.column)


def _sign_in(
    engine: AsyncEngine, sealer: Sealer, directory: Directory, tokens: TokenService, config: IdentitySettings
) -> tuple[SignInUseCases, HttpIssuerClient]:
    """Local accounts, refresh families and token exchange over their store and an HTTP client for issuers."""
    store = SqlSignInStore(engine, sealer=sealer)
    accounts = Accounts(
        store,
        directory,
        lockout=Lockout(config.lockout_threshold, config.lockout_base_seconds, config.lockout_max_seconds),
        reset_ttl=config.reset_code_ttl_seconds,
        totp_issuer=config.totp_issuer,
        totp_window=config.totp_window,
    )

    async def end_session(family: RefreshFamily, now: float) -> None:
        await directory.end_session(family.tenant, family.user_name, family.id, now)

    refresh = RefreshTokens(
        store,
        tokens,
        access_ttl=config.access_token_ttl_seconds,
        refresh_ttl=config.refresh_token_ttl_seconds,
        on_ended=end_session,
    )
    issuers = HttpIssuerClient(timeout=config.oidc_http_timeout_seconds)
    keys = JwksCache(issuers, ttl=config.oidc_jwks_cache_seconds)
    oidc = OidcExchange(store, store, directory, keys, leeway=config.oidc_leeway_seconds)
    sessions = SignInSessions(store, store, store, directory, refresh)
    return SignInUseCases(accounts, refresh, oidc, sessions), issuers


def write_admin_token(settings: Settings, tokens: TokenService) -> None:
    """Writes a platform operator token to the data dir, readable by its owner only."""
    issued = tokens.issue_platform_token(capability_catalogue(), settings.admin_token_ttl_seconds)
    write_secret_file(settings.admin_token_path, issued.token)
    _log.info("dev admin token written to %s", settings.admin_token_path)


async def issue_own_token(settings: Settings, user_name: str, ttl: float = 0) -> str:
    """A user's own token (no `act` claim), issued straight from identity's store, in dev only.

    Any token one person mints for another through IssueToken names its minter as the actor, so in dev, where the
    operator provisions every user, two-key approval could never be met. Dev tools (`soma demo`, tests) use this to
    stand for each user signing in. Whoever can read identity's store holds its signing keys anyway.
    """
    if settings.stage is not Stage.DEV:
        raise RuntimeError(f"own tokens are issued from the store in the dev stage only, not {settings.stage.value}")
    engine = create_engine(settings, "identity")
    try:
        store = SqlIdentityStore(engine, sealer=sealer_for(settings))
        directory = Directory(store, Capabilities(capability_catalogue()))
        tokens = TokenService(
            store,
            directory,
            issuer=settings.token_issuer,
            audience=settings.token_audience,
            default_ttl=settings.token_ttl_seconds,
            max_ttl=settings.token_max_ttl_seconds,
            verify_window=settings.token_max_ttl_seconds,
        )
        await tokens.ensure_key()
        tenant = user_name.split("/")[1] if user_name.count("/") == 3 else ""
        membership = await directory.get_membership(user_name.replace("/users/", "/memberships/"))
        me = Principal(user_name, tenant, frozenset(directory.capabilities_of(membership)), time.time() + 60)
        return (await tokens.issue(me, user_name, [], ttl)).token
    finally:
        await engine.dispose()


def write_service_tokens(settings: Settings, tokens: TokenService) -> None:
    """Writes each service's own token (the capabilities its registry entry `calls` with), owner-readable only."""
    for spec in SERVICES:
        if spec.calls:
            issued = tokens.issue_service_token(spec.domain, spec.calls, settings.token_max_ttl_seconds)
            write_secret_file(settings.service_token_path(spec.domain), issued.token)


async def renew_service_tokens(settings: Settings, tokens: TokenService) -> None:
    """Rewrites the service tokens at a quarter of their lifetime, so a reader never holds an expired one."""
    while True:
        await asyncio.sleep(settings.token_max_ttl_seconds / 4)
        try:
            write_service_tokens(settings, tokens)
        except OSError:
            _log.exception("could not renew the service tokens under %s", settings.data_dir)


async def assemble(settings: Settings, spec: ServiceSpec) -> Assembly:
    identity = await Identity.open(settings)
    if settings.stage is Stage.DEV:
        write_admin_token(settings, identity.tokens)
    write_service_tokens(settings, identity.tokens)
    renewal = asyncio.create_task(renew_service_tokens(settings, identity.tokens), name="renew-service-tokens")
    bus = open_bus(settings, client_id="identity")
    metrics = EventMetrics()
    consumer = EventConsumer(
        bus,
        group="identity-constitution",
        topics=[CONSTITUTION_TOPIC],
        handler=identity.on_constitution_updated,
        engine=identity.engine,
        inbox=inbox,
        domain="identity",
        metrics=metrics,
    )
    await consumer.start()
    relay = OutboxRelay(identity.engine, outbox, bus, domain="identity", metrics=metrics)
    await relay.start()
    try:  # the first revocation must reach the services as fast as the next
        await bus.prepare([REVOCATIONS_TOPIC])
    except BusError as exc:
        _log.warning("the event bus is not reachable yet (%s): revocations wait in the outbox", exc)

    async def close() -> None:
        renewal.cancel()
        await relay.stop()
        await consumer.stop()
        await bus.close()
        await identity.close()

    return Assembly(
        registrations=[
            Registration(
                "soma.identity.v1.IdentityService",
                IdentityServicer(identity.directory, identity.tokens, identity.training, identity.signin),
                identity_service_pb2_grpc.add_IdentityServiceServicer_to_server,
            )
        ],
        key_source=identity.tokens,
        closers=[close],
        metrics=metrics.registry,
        revocations=identity.revocations,
        plumbing=Plumbing(identity.engine, bus, relay),
    )
