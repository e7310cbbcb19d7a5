"""The supervisor behind `soma up`: Envoy and every service as child processes, kept alive, stopped cleanly.

Children run in their own sessions (a terminal's Ctrl-C reaches only the supervisor,
which then drains them in order) and die with the supervisor if it is killed
(PR_SET_PDEATHSIG), so no process outlives `soma up`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import yaml
from grpc_health.v1 import health_pb2, health_pb2_grpc

from somastack.config import Settings
from somastack.console.files import HEALTH_PATH
from somastack.mesh import certs, envoy, envoy_tls, forkserver
from somastack.mesh.forkserver import ForkedProcess, die_with_parent
from somastack.mesh.ports import PortsTakenError, TakenPort, ephemeral_range, port_holders
from somastack.platform.tls import ENVOY, OPERATOR, Dial, aio_channel, mesh_dial, mesh_layout
from somastack.registry import SERVICES, WEB_APPS, ServiceSpec, WebAppSpec
from somastack.runtime.ports import PortInUseError, ensure_port_free

#: Channels that probe starting processes: gRPC's default reconnect back-off (1 s, growing 1.6x) would notice a
#: process that begins to listen only seconds later; a probe asks again within a tenth of a second.
PROBE_OPTIONS = (
    ("grpc.initial_reconnect_backoff_ms", 50),
    ("grpc.min_reconnect_backoff_ms", 50),
    ("grpc.max_reconnect_backoff_ms", 100),
)
#: Wait before restarting a child that died after running a while: short, since every session whose hop it serves
#: waits for it (a child that keeps dying waits longer each time).
FIRST_BACKOFF = 0.2


@dataclass
class Child:
    """One supervised process and its restart state."""

    name: str
    #: Exec'd as is (Envoy); empty for a service, which is forked from the fork server as `soma serve NAME`.
    argv: list[str]
    log_path: Path
    env: dict[str, str]
    #: Tier 0 starts first; higher tiers once tier 0 serves.
    tier: int = 0
    process: asyncio.subprocess.Process | ForkedProcess | None = None
    restarts: int = 0
    started_at: float = 0.0
    #: Wait before the next restart: doubles per restart up to the supervisor's `max_backoff`.
    backoff: float = FIRST_BACKOFF
    stopping: bool = False
    task: asyncio.Task[None] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Endpoint:
    name: str
    address: str
    metrics: str
    what: str


class Supervisor:
    """Starts, watches, restarts and stops the mesh's processes."""

    def __init__(
        self,
        settings: Settings,
        *,
        services: Sequence[ServiceSpec] = SERVICES,
        web_apps: Sequence[WebAppSpec] = WEB_APPS,
        on_event: Callable[[str], None] = lambda _m: None,
        max_backoff: float = 30.0,
    ) -> None:
        self.settings = settings
        self.services = tuple(services)
        self.web_apps = tuple(web_apps)
        self.children: list[Child] = []
        self._on_event = on_event
        self._max_backoff = max_backoff
        self._closing = False
        self._later: asyncio.Task[None] | None = None
        self.log_dir = settings.data_dir / "logs"

    # -- preparation --------------------------------------------------------------------------

    def ports(self) -> list[tuple[int, str]]:
        """Every port the mesh will bind, with who binds it."""
        out = [(self.settings.envoy_port, "envoy listener"), (self.settings.envoy_admin_port, "envoy admin")]
        if self.settings.uses_mtls:
            out.append((self.settings.envoy_internal_port, "envoy internal listener"))
        for spec in self.services:
            out.append((spec.port(self.settings), f"{spec.domain} gRPC"))
            metrics = spec.metrics_port(self.settings)
            if metrics:
                out.append((metrics, f"{spec.domain} metrics"))
        return out

    def check_ports(self) -> None:
        """Raises PortsTakenError naming every taken port, who wanted it and what holds it; warns of ports a
        client connection may take (inside the kernel's ephemeral range)."""
        host = self.settings.host
        taken = []
        for port, what in self.ports():
            try:
                ensure_port_free(host, port, what)
            except PortInUseError:
                taken.append(TakenPort(host, port, what, tuple(port_holders(port))))
        if taken:
            raise PortsTakenError(taken)
        ephemeral = ephemeral_range()
        if ephemeral is not None:
            inside = [f"{port} ({what})" for port, what in self.ports() if ephemeral[0] <= port <= ephemeral[1]]
            if inside:
                self._on_event(
                    f"ports inside the kernel's ephemeral range {ephemeral[0]}-{ephemeral[1]}, where any outgoing "
                    f"connection may take them: {', '.join(inside)}; choose ports below {ephemeral[0]}"
                )

    def endpoints(self) -> list[Endpoint]:
        host = self.settings.host
        admin = f"http://{host}:{self.settings.envoy_admin_port}"
        tls = " over TLS" if self.settings.uses_mtls else ""
        out = [
            Endpoint(
                "envoy", f"{host}:{self.settings.envoy_port}", f"{admin}/stats/prometheus", f"gRPC, gRPC-Web, REST{tls}"
            ),
            Endpoint("envoy admin", admin, "", "admin (loopback)"),
        ]
        if self.settings.uses_mtls:
            internal = f"{host}:{self.settings.envoy_internal_port}"
            out.append(Endpoint("envoy internal", internal, "", "service-to-service calls (mTLS)"))
        for spec in self.services:
            metrics = spec.metrics_port(self.settings)
            url = f"http://{host}:{metrics}/metrics" if metrics else ""
            out.append(Endpoint(spec.domain, spec.target(self.settings), url, spec.description))
        scheme = "https" if self.settings.uses_mtls else "http"
        for app in self.web_apps:
            out.append(
                Endpoint(app.name, f"{scheme}://{host}:{self.settings.envoy_port}{app.prefix}/", "", app.description)
            )
        return out

    def _child_env(self) -> dict[str, str]:
        env = dict(os.environ)
        # Children read exactly the settings the supervisor resolved, whatever their source.
        env.update(
            {
                "SOMA_STAGE": self.settings.stage.value,
                "SOMA_HOME": str(self.settings.home.resolve()),
                "SOMA_HOST": self.settings.host,
                "SOMA_PORT_BASE": str(self.settings.port_base),
                "SOMA_METRICS_PORT_BASE": str(self.settings.metrics_port_base),
                "SOMA_ENVOY_PORT": str(self.settings.envoy_port),
                "SOMA_ENVOY_ADMIN_PORT": str(self.settings.envoy_admin_port),
                "SOMA_ENVOY_INTERNAL_PORT": str(self.settings.envoy_internal_port),
                "SOMA_MTLS": "on" if self.settings.uses_mtls else "off",
                "SOMA_CERTS_DIR": str(self.settings.certs_root.resolve()),
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.pop("SOMA_CHANNEL", None)
        if self.settings.console_dir is not None:
            env["SOMA_CONSOLE_DIR"] = str(self.settings.console_dir.resolve())
        if self.settings.database_url:
            env["SOMA_DATABASE_URL"] = self.settings.database_url
        return env

    def prepare(self) -> None:
        """Checks ports, renders and validates Envoy's config, and lays out the children."""
        self.check_ports()
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        if self.settings.uses_mtls:
            self._prepare_tls()
        config_path = self.settings.data_dir / "envoy.yaml"
        config_path.write_text(envoy.render_yaml(self.settings, services=self.services, web_apps=self.web_apps))
        envoy.validate(str(config_path))
        env = self._child_env()
        self.children = [
            Child(
                "envoy",
                [
                    envoy.envoy_binary(),
                    "-c",
                    str(config_path),
                    "--log-level",
                    "warn",
                    "--drain-time-s",
                    "1",
                    "--base-id",
                    str(self.settings.envoy_port),
                    "--concurrency",
                    str(self.settings.envoy_concurrency),
                ],
                self.log_dir / "envoy.log",
                env,
            )
        ]
        named = [(spec.domain, spec.tier) for spec in self.services] + [(a.name, a.tier) for a in self.web_apps]
        self.children += [Child(name, [], self.log_dir / f"{name}.log", env, tier) for name, tier in named]

    def _prepare_tls(self) -> None:
        """Issues the certificates that are missing (`soma certs` made the rest) and writes Envoy's SDS files."""
        certs.ensure_certificates(self.settings, certs.identities(self.services))
        for path, resource in envoy_tls.sds_files(self.settings).items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(yaml.safe_dump(resource, sort_keys=False))

    # -- running ------------------------------------------------------------------------------

    async def start(self) -> None:
        """Spawns Envoy and tier 0 now, the other tiers in the background once tier 0 serves."""
        forkserver.start_fork_server()
        await self._start_tier(0)
        self._later = asyncio.create_task(self._start_later(), name="start-later-tiers")

    async def _start_tier(self, tier: int) -> None:
        for child in self.children:
            if child.tier == tier and not self._closing:
                await self._spawn(child)
                child.task = asyncio.create_task(self._watch(child), name=f"watch-{child.name}")

    async def _start_later(self) -> None:
        first = [spec for spec in self.services if spec.tier == 0]
        channels = {
            spec.domain: aio_channel(self._probe(spec.target(self.settings)), options=PROBE_OPTIONS) for spec in first
        }
        deadline = time.monotonic() + 20
        try:
            # Waiting is an optimisation, not a dependency: later tiers start anyway after the deadline.
            while time.monotonic() < deadline and not self._closing:
                states = [await _health(channels[s.domain], s.services[0]) for s in first]
                if all(state == "SERVING" for state in states):
                    break
                await asyncio.sleep(0.05)
        finally:
            for channel in channels.values():
                await channel.close()
        for tier in sorted({child.tier for child in self.children} - {0}):
            await self._start_tier(tier)

    async def _spawn(self, child: Child) -> None:
        if not child.argv:
            child.process = await forkserver.fork(child.name, child.env, child.log_path)
            child.started_at = time.monotonic()
            return
        log = child.log_path.open("ab")
        try:
            child.process = await asyncio.create_subprocess_exec(
                *child.argv,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
                env=child.env,
                start_new_session=True,
                preexec_fn=die_with_parent,
            )
        finally:
            log.close()
        child.started_at = time.monotonic()

    async def _watch(self, child: Child) -> None:
        while True:
            assert child.process is not None
            code = await child.process.wait()
            if child.stopping or self._closing:
                return
            # A child that ran a minute before dying starts over with a short back-off.
            if time.monotonic() - child.started_at > 60:
                child.backoff = FIRST_BACKOFF
            self._on_event(
                f"{child.name} exited with {code}; restarting in {child.backoff:.1f}s (log: {child.log_path})"
            )
            await asyncio.sleep(child.backoff)
            if self._closing:
                return
            child.backoff = min(child.backoff * 2, self._max_backoff)
            child.restarts += 1
            await self._spawn(child)

    async def wait_healthy(self, within: float = 30.0) -> dict[str, str]:
        """Polls each service's own health and each through Envoy until all serve; returns the last status."""
        deadline = time.monotonic() + within
        status: dict[str, str] = {}
        targets = [(spec.domain, spec.target(self.settings), spec.services[0]) for spec in self.services]
        targets += [(f"envoy → {spec.domain}", self.settings.mesh, spec.services[0]) for spec in self.services]
        channels = {target: aio_channel(self._probe(target), options=PROBE_OPTIONS) for _, target, _ in targets}
        try:
            while True:
                # A probe that answered SERVING is not asked again: while the rest start, every probe costs the
                # starting processes CPU (through Envoy, meta asks the service in turn).
                for name, target, service in targets:
                    if status.get(name) != "SERVING":
                        status[name] = await _health(channels[target], service)
                for app in self.web_apps:
                    probe = f"{app.prefix}/{HEALTH_PATH}"
                    if status.get(app.name) != "SERVING":
                        status[app.name] = await _http_health(probe, socket_path=app.socket_path(self.settings))
                    if status.get(f"envoy → {app.name}") != "SERVING":
                        status[f"envoy → {app.name}"] = await self._http_through_envoy(probe)
                for child in self.children:
                    if child.process is not None and child.process.returncode is not None and child.restarts == 0:
                        if status.get(child.name, "SERVING") == "SERVING":  # asked again once it is back
                            status[child.name] = "EXITED"
                if all(v == "SERVING" for v in status.values()) or time.monotonic() > deadline:
                    return status
                await asyncio.sleep(0.1)
        finally:
            for channel in channels.values():
                await channel.close()

    def _probe(self, target: str) -> Dial:
        """How the supervisor's probes reach `target`: with the operator's certificate when mTLS is on."""
        return mesh_dial(self.settings, OPERATOR, target)

    async def _http_through_envoy(self, path: str) -> str:
        """An HTTP health probe through Envoy's public listener, over TLS when mTLS is on."""
        host = envoy.connect_host(self.settings.host)
        return await _http_health(path, host=host, port=self.settings.envoy_port, tls=self._public_tls())

    def _public_tls(self) -> ssl.SSLContext | None:
        """With mTLS, a context that trusts exactly the certificate the public listener is configured to serve: it
        may come from the operator's CA, which neither this host nor the mesh need to hold."""
        layout = mesh_layout(self.settings)
        if layout is None:
            return None
        served = self.settings.envoy_tls_cert or layout.cert(ENVOY)
        context = ssl.create_default_context(cafile=str(served))
        context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
        context.check_hostname = False  # the certificate is pinned; its names are the public ones
        return context

    async def stop(self, grace: float | None = None) -> None:
        """Services drain first (SIGTERM), then Envoy; anything still alive after the grace is killed."""
        self._closing = True
        if self._later is not None:
            await self._later
        grace = self.settings.drain_grace_seconds if grace is None else grace
        services = [c for c in self.children if c.name != "envoy"]
        proxies = [c for c in self.children if c.name == "envoy"]
        for group in (services, proxies):
            for child in group:
                child.stopping = True
                _signal(child, signal.SIGTERM)
            await asyncio.gather(*(_reap(child, grace + 2) for child in group))
        for child in self.children:
            if child.task is not None:
                child.task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await child.task
        forkserver.stop_fork_server()

    def pids(self) -> list[int]:
        return [c.process.pid for c in self.children if c.process is not None]


def _signal(child: Child, sig: int) -> None:
    if child.process is not None and child.process.returncode is None:
        try:
            os.killpg(child.process.pid, sig)
        except ProcessLookupError:  # a child forked a moment ago may not lead its own group yet
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.process.pid, sig)


async def _reap(child: Child, within: float) -> None:
    if child.process is None:
        return
    try:
        await asyncio.wait_for(child.process.wait(), within)
    except TimeoutError:
        _signal(child, signal.SIGKILL)
        await child.process.wait()


async def _http_health(
    path: str, *, socket_path: Path | None = None, host: str = "", port: int = 0, tls: ssl.SSLContext | None = None
) -> str:
    """SERVING when GET `path` answers 200 (over a Unix socket, or host:port), else what went wrong."""
    try:
        async with asyncio.timeout(1.0):
            if socket_path is not None:
                reader, writer = await asyncio.open_unix_connection(str(socket_path))
            else:
                reader, writer = await asyncio.open_connection(host, port, ssl=tls)
            try:
                writer.write(f"GET {path} HTTP/1.1\r\nhost: soma\r\nconnection: close\r\n\r\n".encode())
                await writer.drain()
                status_line = (await reader.readline()).decode(errors="replace").split()
            finally:
                writer.close()
                with contextlib.suppress(OSError):
                    await writer.wait_closed()
    except (OSError, TimeoutError):
        return "UNAVAILABLE"
    if len(status_line) >= 2 and status_line[1] == "200":
        return "SERVING"
    return f"HTTP {status_line[1]}" if len(status_line) >= 2 else "UNAVAILABLE"


async def _health(channel: grpc.aio.Channel, service: str) -> str:
    try:
        reply = await health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service=service), timeout=1.0
        )
    except grpc.aio.AioRpcError as exc:
        return str(exc.code().name)
    return str(health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status))
