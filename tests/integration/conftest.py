"""Integration fixtures: the mesh on each database engine, and on every engine with Kafka for the trust suites."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from tests.conftest import Mesh
from tests.integration.helpers import mesh_on

#: The meshes the trust suites (audit, impersonation, sign-in sessions) run on: the embedded engines, PostgreSQL,
#: and PostgreSQL + Redis + a Kafka-protocol broker (Tansu), where audit records and revocations cross the broker.
EVERY_ENGINE = ["sqlite", "postgres", "postgres-redis-tansu"]
_FIXTURES = {"sqlite": "mesh", "postgres": "pg_mesh", "postgres-redis-tansu": "kafka_mesh"}


@pytest.fixture(params=["sqlite", "postgres"])
def any_mesh(request: pytest.FixtureRequest) -> Mesh:
    """The mesh on SQLite, then on PostgreSQL: behaviour must not depend on the engine."""
    return request.getfixturevalue(_FIXTURES[request.param])  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def kafka_mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mesh]:
    """The whole mesh on PostgreSQL, Redis and a Tansu broker, for one module: a session-wide one would stay up
    beside the PostgreSQL mesh and the modules' own meshes, and three meshes' connection pools exceed what a
    default PostgreSQL server accepts (100 connections)."""
    with mesh_on("postgres-redis-tansu", tmp_path_factory.mktemp("kafka-mesh"), "tk") as running:
        yield running


def every_mesh(request: pytest.FixtureRequest) -> Mesh:
    """For a module's own `any_mesh` fixture with `params=EVERY_ENGINE`."""
    return request.getfixturevalue(_FIXTURES[request.param])  # type: ignore[no-any-return]


@pytest.fixture
def channel(any_mesh: Mesh) -> Iterator[grpc.Channel]:
    """A gRPC channel to Envoy."""
    with any_mesh.channel() as ch:
        yield ch
