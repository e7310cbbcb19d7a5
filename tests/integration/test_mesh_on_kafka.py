"""`soma up` with SOMA_KAFKA_BOOTSTRAP: the services' events travel over a real Kafka-protocol broker (Tansu)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import jwt
import pytest

from soma.identity.v1 import identity_service_pb2
from somastack.testing import MeshProcess, TansuBroker, free_ports, start_mesh
from tests.conftest import REPO
from tests.integration import test_constitution_mesh as constitution
from tests.integration.helpers import bearer, ensure_tenant_with_owner, identity


@pytest.fixture(scope="module")
def kafka_mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[MeshProcess, TansuBroker]]:
    home = tmp_path_factory.mktemp("kafkamesh")
    broker = TansuBroker(free_ports(1)[0], home / "tansu.log")
    broker.start()
    try:
        mesh = start_mesh(home / "mesh", cwd=REPO, SOMA_KAFKA_BOOTSTRAP=broker.bootstrap)
        yield mesh, broker
        assert mesh.stop() == 0
    finally:
        broker.kill()


def test_constitution_events_reach_identity_over_kafka(kafka_mesh: tuple[MeshProcess, TansuBroker]) -> None:
    mesh, _ = kafka_mesh
    with mesh.channel() as channel:
        constitution.load(mesh, channel, constitution.document())
        active = constitution.stub(channel).GetChecksum(constitution.pb.GetChecksumRequest()).checksum
        tenant = f"kafka-{uuid.uuid4().hex[:8]}"
        ensure_tenant_with_owner(channel, mesh.admin_token, tenant)
        claim, deadline = "", time.monotonic() + 45
        while claim != active and time.monotonic() < deadline:
            issued = identity(channel).IssueToken(
                identity_service_pb2.IssueTokenRequest(user=f"tenants/{tenant}/users/olga"),
                metadata=bearer(mesh.admin_token),
            )
            claim = jwt.decode(issued.access_token, options={"verify_signature": False}).get("constitution", "")
            time.sleep(0.25)
    assert claim == active
    # The embedded log is not used when Kafka is configured.
    assert not (Path(mesh.home) / "dev" / "events.db").exists()
