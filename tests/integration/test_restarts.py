"""Sessions ride out a restart: each downstream service SIGKILLed in turn under concurrent StartSession traffic
through Envoy, restarted by `soma up`'s supervisor, on the embedded engines and on PostgreSQL + Redis + Tansu.

No session may fail: each one ends SUCCEEDED, or waits in PENDING_APPROVAL when policy asks for a second person,
exactly as it would with no restart; and every approver of every waiting session gets its approval notification,
identity's restart included.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import grpc
import pytest

from soma.notification.v1 import notification_service_pb2 as npb
from soma.notification.v1 import notification_service_pb2_grpc
from soma.orchestrator.v1 import session_pb2, session_service_pb2_grpc
from soma.orchestrator.v1 import session_service_pb2 as opb
from somastack.registry import by_domain
from somastack.testing import MeshProcess, service_pids, wait_serving
from tests.integration.helpers import bearer, mesh_on
from tests.integration.test_constitution_mesh import load
from tests.integration.test_session_flow_e2e import people, risky_constitution

#: The services on a session's path, killed one after the other; identity last (it signs every token).
VICTIMS = ("policy", "memory", "slm", "constitution", "identity")
#: Sessions started per second, spread over the whole run; every third one needs an approval.
RATE = 4.0
#: Traffic before each kill and after each restart, seconds.
SETTLE = 1.0
#: How long one StartSession may take: a hop retried through a restart stays well inside it.
DEADLINE = 30.0


@dataclass
class Outcome:
    """One StartSession: when it started, whether it needed an approval, and what came back."""

    index: int
    started: float
    risky: bool
    session: session_pb2.Session | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        expected = session_pb2.SESSION_STATE_PENDING_APPROVAL if self.risky else session_pb2.SESSION_STATE_SUCCEEDED
        return self.session is not None and self.session.state == expected

    def describe(self) -> str:
        if self.session is None:
            return f"#{self.index} ({'risky' if self.risky else 'plain'}): {self.error}"
        state = session_pb2.SessionState.Name(self.session.state)
        return f"#{self.index} ({'risky' if self.risky else 'plain'}): {state} {self.session.error}"


@dataclass
class Traffic:
    """Starts sessions at RATE per second on a thread until stopped; each runs on a pool of its own."""

    channel: grpc.Channel
    parent: str
    token: str
    checksum: str
    outcomes: list[Future[Outcome]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _pool: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(24, thread_name_prefix="session"))

    def __post_init__(self) -> None:
        self._stub = session_service_pb2_grpc.SessionServiceStub(self.channel)
        self._thread = threading.Thread(target=self._run, name="traffic", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> list[Outcome]:
        self._stop.set()
        self._thread.join()
        self._pool.shutdown(wait=True)
        return [future.result() for future in self.outcomes]

    def _run(self) -> None:
        began = time.monotonic()
        index = 0
        while not self._stop.is_set():
            self.outcomes.append(self._pool.submit(self._session, index))
            index += 1
            self._stop.wait(max(0.0, began + index / RATE - time.monotonic()))

    def _session(self, index: int) -> Outcome:
        outcome = Outcome(index, time.monotonic(), risky=index % 3 == 0)
        session = session_pb2.Session(prompt=f"Restart drill {index}: what runs where?")
        session.context.update({"risk": 0.6 if outcome.risky else 0.1})
        metadata = (*bearer(self.token), ("x-soma-client-type", "sdk"), ("x-soma-constitution", self.checksum))
        request = opb.StartSessionRequest(parent=self.parent, session=session, request_id=uuid.uuid4().hex)
        try:
            outcome.session = self._stub.StartSession(request, metadata=metadata, timeout=DEADLINE).session
        except grpc.RpcError as error:
            outcome.error = f"{error.code().name}: {error.details()}"  # type: ignore[attr-defined]
        return outcome


def child_pid(mesh: MeshProcess, domain: str) -> int | None:
    """The pid of the process serving `domain` under soma up, if one runs."""
    return service_pids(mesh.process.pid).get(domain)


def restart(mesh: MeshProcess, domain: str) -> float:
    """SIGKILLs `domain` and returns how long it took, from the kill, to serve again on its own port."""
    old = child_pid(mesh, domain)
    assert old is not None, f"no {domain} process under soma up"
    killed = time.monotonic()
    os.kill(old, signal.SIGKILL)
    new = None
    while new is None or new == old:
        assert time.monotonic() - killed < 30, f"the supervisor did not restart {domain}:\n{mesh.log()}"
        time.sleep(0.05)
        new = child_pid(mesh, domain)
    service = by_domain(domain).services[0]
    assert wait_serving(mesh.dial(mesh.service_target(domain)), [service], within=30), f"{domain} did not serve again"
    return time.monotonic() - killed


@pytest.fixture(scope="module", params=["embedded", "postgres-redis-tansu"])
def mesh(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MeshProcess]:
    home = tmp_path_factory.mktemp(f"restarts-{request.param}")
    with mesh_on(request.param, home, "rs") as mesh:
        yield mesh


def approval_notices(channel: grpc.Channel, user: str, token: str) -> set[str]:
    """The sessions `user` was asked to approve, by their names."""
    stub = notification_service_pb2_grpc.NotificationServiceStub(channel)
    listed = stub.ListNotifications(npb.ListNotificationsRequest(parent=user, page_size=500), metadata=bearer(token))
    return {n.subject for n in listed.notifications if n.topic == "session.pending_approval"}


def test_no_session_fails_while_each_downstream_service_restarts(mesh: MeshProcess) -> None:
    tenant = f"restart-{uuid.uuid4().hex[:8]}"
    parent = f"tenants/{tenant}"
    with mesh.channel() as channel:
        tokens = people(channel, mesh, tenant)
        checksum = load(mesh, channel, risky_constitution()).constitution_version.checksum
        traffic = Traffic(channel, parent, tokens["ada"], checksum)
        traffic.start()
        windows: dict[str, tuple[float, float]] = {}
        try:
            for victim in VICTIMS:
                time.sleep(SETTLE)
                began = time.monotonic()
                took = restart(mesh, victim)
                windows[victim] = (began, began + took)
                time.sleep(SETTLE)
        finally:
            outcomes = traffic.stop()

        report = ", ".join(f"{v} {end - start:.1f}s" for v, (start, end) in windows.items())
        print(f"{len(outcomes)} sessions; killed and serving again after: {report}")  # shown with -s
        failed = [o.describe() for o in outcomes if not o.ok]
        assert not failed, f"{len(failed)} of {len(outcomes)} sessions failed (restarts: {report}):\n" + "\n".join(
            failed
        )
        for victim, (start, end) in windows.items():
            during = [o for o in outcomes if start <= o.started <= end]
            assert during, f"no session started while {victim} was down ({report})"

        # Every approver hears of every waiting session: identity's restart included.
        waiting = {o.session.name for o in outcomes if o.risky and o.session is not None}
        assert waiting
        deadline = time.monotonic() + 60
        for user in ("grace", "linus"):
            name = f"{parent}/users/{user}"
            while not waiting <= (told := approval_notices(channel, name, tokens[user])):
                assert time.monotonic() < deadline, f"{user} was never asked about {sorted(waiting - told)}"
                time.sleep(0.2)
        assert approval_notices(channel, f"{parent}/users/ada", tokens["ada"]) == set()  # the requester is not asked
