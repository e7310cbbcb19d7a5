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
from somastack.identity.adapters.sql_store import SqlIdentityStore, inbox
from somastack.identity.api import IdentityServicer
from somastack.identity.directory import Directory
from somastack.identity.roles import Capabilities
from somastack.identity.tokens import TokenService
from somastack.identity.training import TrainingLocks
from somastack.platform.db import create_engine
from somastack.platform.events import EventConsumer, EventMetrics, open_bus, payload_of
from somastack.platform.migrations import upgrade_async
from somastack.platform.principal import Principal
from somastack.platform.service_token import write_secret_file
from somastack.registry import SERVICES, ServiceSpec
from somastack.runtime.contract import capability_catalogue
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

    @classmethod
    async def open(cls, settings: Settings) -> Identity:
        """Migrates the database, then wires the use cases and loads the signing keys."""
        await upgrade_async(settings, "identity")
        engine = create_engine(settings, "identity")
        store = SqlIdentityStore(engine)
        directory = Directory(store, Capabilities(capability_catalogue()))
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
        return cls(engine, store, directory, tokens, TrainingLocks(store, directory))

    async def on_constitution_updated(self, event: Event, connection: AsyncConnection) -> None:
        """Records the newly active constitution, in the consumer's transaction (with its inbox row)."""
        update = payload_of(event, ConstitutionUpdated)
        if update is None:  # another payload type on the topic: not ours to understand
            return
        await self.store.record_constitution(connection, update.checksum, update.version, time.time())

    async def close(self) -> None:
        await self.engine.dispose()


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
        store = SqlIdentityStore(engine)
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

    async def close() -> None:
        renewal.cancel()
        await consumer.stop()
        await bus.close()
        await identity.close()

    return Assembly(
        registrations=[
            Registration(
                "soma.identity.v1.IdentityService",
                IdentityServicer(identity.directory, identity.tokens, identity.training),
                identity_service_pb2_grpc.add_IdentityServiceServicer_to_server,
            )
        ],
        key_source=identity.tokens,
        closers=[close],
        metrics=metrics.registry,
    )
