"""A database that goes away: calls fail UNAVAILABLE with RetryInfo (never INTERNAL), and serve again once it is back.

The real settings service runs on PostgreSQL behind a TCP proxy the test can cut: cutting it closes every open
connection and refuses new ones, as a PostgreSQL that crashed or restarts does. The engine keeps `pool_pre_ping`,
so the first call after the database is back reconnects without failing.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import asyncpg
import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from soma.settings.v1 import settings_pb2, settings_service_pb2_grpc
from soma.settings.v1 import settings_service_pb2 as spb
from somastack.config import Settings
from somastack.registry import ServiceSpec
from somastack.runtime.server import ServiceHost
from tests.conftest import require_env
from tests.integration.helpers import failure
from tests.integration.test_runtime import token

pytestmark = pytest.mark.postgres

SPEC = ServiceSpec(
    domain="settings",
    index=0,
    services=("soma.settings.v1.SettingsService",),
    bootstrap="tests.integration.runtime_app:assemble_settings",
    stateful=True,
    description="settings on a database that can be cut",
)


class CuttableProxy:
    """Forwards 127.0.0.1:<port> to PostgreSQL; `cut()` drops every connection and refuses new ones."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def open(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        if self._server is None:
            return
        self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        await self._server.wait_closed()
        self._server = None

    async def _serve(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.upstream)
        except OSError:
            client_writer.transport.abort()
            return
        self._writers |= {client_writer, server_writer}

        async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError):
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
            writer.transport.abort()

        try:
            await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))
        finally:
            self._writers -= {client_writer, server_writer}


@pytest.fixture
async def outage(tmp_path: Path) -> AsyncIterator[tuple[ServiceHost, CuttableProxy]]:
    url = require_env("SOMA_TEST_POSTGRES_URL")
    address = url.split("@", 1)[1].split("/", 1)[0]
    host, _, port = address.partition(":")
    proxy = CuttableProxy((host, int(port or 5432)))
    await proxy.open()
    prefix = f"out{uuid.uuid4().hex[:8]}_"
    proxied = url.replace(address, f"127.0.0.1:{proxy.port}")
    # In plain text whatever SOMA_MTLS says: transport is test_mtls_mesh.py's.
    settings = Settings(home=tmp_path, metrics_port_base=0, database_url=proxied, db_schema_prefix=prefix, mtls=False)
    server = ServiceHost(SPEC, settings, port=0)
    await server.start()
    try:
        yield server, proxy
    finally:
        await server.stop(0)
        await proxy.cut()
        connection = await asyncpg.connect(url)
        try:
            await connection.execute(f'DROP SCHEMA IF EXISTS "{prefix}settings" CASCADE')
        finally:
            await connection.close()


async def test_calls_fail_unavailable_with_retry_info_while_the_database_is_gone(
    outage: tuple[ServiceHost, CuttableProxy],
) -> None:
    host, proxy = outage
    tenant = f"t{uuid.uuid4().hex[:8]}"
    name = f"tenants/{tenant}/settings"
    bearer = token(tenant=tenant, sub=f"tenants/{tenant}/users/ann", caps=["settings.read", "settings.write"])
    auth = (("authorization", f"Bearer {bearer}"),)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{host.port}") as channel:
        stub = settings_service_pb2_grpc.SettingsServiceStub(channel)
        before = (await stub.GetSettings(spb.GetSettingsRequest(name=name), metadata=auth, timeout=10)).settings

        await proxy.cut()
        update = spb.UpdateSettingsRequest(
            settings=settings_pb2.Settings(name=name, default_language="fr"),
            update_mask={"paths": ["default_language"]},
            etag=before.etag,
        )
        calls: list[Callable[[], Awaitable[object]]] = [
            lambda: stub.GetSettings(spb.GetSettingsRequest(name=name), metadata=auth, timeout=20),
            lambda: stub.UpdateSettings(update, metadata=auth, timeout=20),
        ]
        for call in calls:
            started = time.monotonic()
            with pytest.raises(grpc.aio.AioRpcError) as caught:
                await call()
            got = failure(caught.value)  # type: ignore[arg-type]
            assert got.code == grpc.StatusCode.UNAVAILABLE, got
            assert got.reason == "SERVICE_UNAVAILABLE"
            assert (got.metadata["dependency"], got.metadata["domain"]) == ("database", "settings")
            assert "127.0.0.1" not in got.message and str(proxy.port) not in got.message
            status = rpc_status.from_call(caught.value)  # type: ignore[arg-type]
            assert status is not None
            retry = [d for d in status.details if d.Is(error_details_pb2.RetryInfo.DESCRIPTOR)]
            assert len(retry) == 1
            assert time.monotonic() - started < 15  # the refused connection is an answer, not a hang

        await proxy.open()
        # Back: the same call succeeds, nothing was half-written while the database was away.
        assert (await stub.GetSettings(spb.GetSettingsRequest(name=name), metadata=auth, timeout=10)).settings == before
        updated = (await stub.UpdateSettings(update, metadata=auth, timeout=10)).settings
        assert updated.default_language == "fr"
