"""Shared fixtures: a real mesh (`soma up` as a subprocess: Envoy + every service) on SQLite and on PostgreSQL.

PostgreSQL tests run when SOMA_TEST_POSTGRES_URL is set; without it they skip with
the reason, except under CI=true, where a missing server is a failure.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from somastack.registry import SERVICES
from somastack.testing import MeshProcess, start_mesh

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"

Mesh = MeshProcess


def require_env(name: str) -> str:
    """The value of a test-server URL variable; skip without it (fail under CI)."""
    value = os.environ.get(name)
    if not value:
        message = f"{name} is not set: no server to test against"
        if IN_CI:
            pytest.fail(f"{message} (CI=true requires it)")
        pytest.skip(message)
    return value


@pytest.fixture(scope="session")
def mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mesh]:
    """The whole mesh on SQLite, shared by the integration and contract tests."""
    running = start_mesh(tmp_path_factory.mktemp("mesh"), cwd=REPO)
    yield running
    assert running.stop() == 0


@pytest.fixture(scope="session")
def pg_mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mesh]:
    """The whole mesh on PostgreSQL, in schemas of its own that are dropped afterwards."""
    url = require_env("SOMA_TEST_POSTGRES_URL")
    prefix = f"t{uuid.uuid4().hex[:8]}_"
    running = start_mesh(
        tmp_path_factory.mktemp("pgmesh"), cwd=REPO, SOMA_DATABASE_URL=url, SOMA_DB_SCHEMA_PREFIX=prefix
    )
    yield running
    assert running.stop() == 0
    asyncio.run(_drop_schemas(url, prefix))


async def _drop_schemas(url: str, prefix: str) -> None:
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        for spec in SERVICES:
            await connection.execute(f'DROP SCHEMA IF EXISTS "{prefix}{spec.domain}" CASCADE')
    finally:
        await connection.close()
