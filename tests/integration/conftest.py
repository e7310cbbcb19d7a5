"""Integration fixtures: the mesh on each database engine."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from tests.conftest import Mesh


@pytest.fixture(params=["sqlite", "postgres"])
def any_mesh(request: pytest.FixtureRequest) -> Mesh:
    """The mesh on SQLite, then on PostgreSQL: behaviour must not depend on the engine."""
    return request.getfixturevalue("mesh" if request.param == "sqlite" else "pg_mesh")  # type: ignore[no-any-return]


@pytest.fixture
def channel(any_mesh: Mesh) -> Iterator[grpc.Channel]:
    """A gRPC channel to Envoy."""
    with grpc.insecure_channel(any_mesh.target) as ch:
        yield ch
