"""The web console and the metrics through Envoy: `soma up` serves /console/ (a built console or a page saying how to
build it), the dev sign-in token in dev only, and every domain's Prometheus text at /metrics/<domain>."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from somastack.config import Settings
from somastack.platform.tls import ssl_context
from somastack.registry import CONSOLE, SERVICES
from somastack.testing import MeshProcess, mesh_env, start_mesh
from tests.conftest import REPO

INDEX = '<!doctype html><html><head><script type="module" src="/console/assets/index-3f9a1c.js"></script></head></html>'
SCRIPT = "export const answer = 42;\n"
STYLE = "body { margin: 0 }\n"


@pytest.fixture(scope="module")
def console_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the mesh serves the console from; empty (not built) until a test builds it."""
    return tmp_path_factory.mktemp("console") / "dist"


@pytest.fixture(scope="module")
def console_mesh(tmp_path_factory: pytest.TempPathFactory, console_dir: Path) -> Iterator[MeshProcess]:
    """The whole mesh (dev stage) serving the console from `console_dir`, which does not exist yet."""
    running = start_mesh(tmp_path_factory.mktemp("console-mesh"), cwd=REPO, SOMA_CONSOLE_DIR=str(console_dir))
    yield running
    assert running.stop() == 0


def build(console_dir: Path) -> None:
    """What `npm run build` leaves in desktop/dist: index.html and content-hashed assets."""
    (console_dir / "assets").mkdir(parents=True, exist_ok=True)
    (console_dir / "index.html").write_text(INDEX)
    (console_dir / "assets" / "index-3f9a1c.js").write_text(SCRIPT)
    (console_dir / "assets" / "index-77b2e0.css").write_text(STYLE)
    (console_dir / "favicon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')


def raw_get(mesh: MeshProcess, target: str) -> tuple[int, bytes]:
    """GET `target` exactly as written (no client-side normalisation of `..`), HTTP/1.1 over a plain socket (TLS
    when the mesh runs on mTLS)."""
    plain = socket.create_connection(("127.0.0.1", mesh.envoy_port), timeout=10)
    # Wrapping hands the socket over to the TLS one: closing that one closes both.
    wrapped = ssl_context(mesh.certs).wrap_socket(plain, server_hostname="127.0.0.1") if mesh.mtls else plain
    with wrapped as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nhost: soma\r\nconnection: close\r\n\r\n".encode())
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def test_an_unbuilt_console_is_a_503_page_that_says_how_to_build_it(console_mesh: MeshProcess) -> None:
    # soma up started and is healthy (the fixture waited for it) although the console is not built.
    with console_mesh.http(timeout=10) as http:
        answer = http.get("/console/")
    assert answer.status_code == 503
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert "npm run build" in answer.text and "SOMA_CONSOLE_DIR" in answer.text
    assert "console" in console_mesh.log() and "SERVING" in console_mesh.log()


def test_the_built_console_is_served_through_envoy(console_mesh: MeshProcess, console_dir: Path) -> None:
    build(console_dir)  # read on each request: no restart
    with console_mesh.http(timeout=10) as http:
        index = http.get("/console/")
        assert index.status_code == 200, index.text
        assert index.text == INDEX
        assert index.headers["content-type"] == "text/html; charset=utf-8"
        assert index.headers["cache-control"] == "no-cache"
        csp = index.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert index.headers["x-content-type-options"] == "nosniff"

        redirect = http.get("/console")
        assert redirect.status_code == 301 and redirect.headers["location"] == "/console/"

        script = http.get("/console/assets/index-3f9a1c.js")
        assert script.status_code == 200 and script.text == SCRIPT
        assert script.headers["content-type"] == "text/javascript; charset=utf-8"
        assert script.headers["cache-control"] == "public, max-age=31536000, immutable"
        style = http.get("/console/assets/index-77b2e0.css")
        assert style.headers["content-type"] == "text/css; charset=utf-8"
        assert http.get("/console/favicon.svg").headers["content-type"] == "image/svg+xml"

        # A client-side route gets the app; a missing file does not.
        for route in ("/console/memory", "/console/tenants/acme/sessions/s-1"):
            deep = http.get(route)
            assert deep.status_code == 200 and deep.text == INDEX, route
            assert deep.headers["cache-control"] == "no-cache"
        missing = http.get("/console/assets/index-000000.js")
        assert missing.status_code == 404 and "text/html" not in missing.headers["content-type"]

        head = http.head("/console/assets/index-3f9a1c.js")
        assert head.status_code == 200 and head.content == b""
        assert head.headers["content-length"] == str(len(SCRIPT))
        assert http.post("/console/", content=b"x").status_code == 405

        # Neither REST nor cross-origin: no CORS headers for another origin, unlike /v1/.
        foreign = http.get("/console/", headers={"origin": "http://localhost:5173"})
        assert "access-control-allow-origin" not in foreign.headers
        assert http.get("/consoles").status_code == 404


def test_path_traversal_is_refused(console_mesh: MeshProcess, console_dir: Path) -> None:
    build(console_dir)
    secret = console_dir.parent / "secret.txt"
    secret.write_text("not for the browser")
    (console_dir / "escape.txt").symlink_to(secret)
    for target in (
        "/console/../secret.txt",
        "/console/assets/../../secret.txt",
        "/console/%2e%2e/secret.txt",
        "/console/%2E%2E%2Fsecret.txt",
        "/console/..%5csecret.txt",
        "/console/escape.txt",
        "/console/%00index.html",
    ):
        status, body = raw_get(console_mesh, target)
        assert status in (400, 404), (target, status)
        assert b"not for the browser" not in body, target


def test_the_dev_token_is_served_in_dev(console_mesh: MeshProcess) -> None:
    with console_mesh.http(timeout=10) as http:
        answer = http.get("/console/dev-token")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["cache-control"] == "no-store"
    assert answer.json() == {"token": console_mesh.admin_token}


def test_there_is_no_dev_token_outside_dev(tmp_path: Path) -> None:
    # The console server alone (what `soma up` runs), in the staging stage, asked over its socket.
    env, _ = mesh_env(tmp_path)
    env["SOMA_STAGE"] = "staging"
    settings = Settings(stage="staging", home=tmp_path)
    (settings.data_dir).mkdir(parents=True)
    settings.admin_token_path.write_text("a token that must not leak\n")
    server = subprocess.Popen([sys.executable, "-m", "somastack", "serve", "console"], cwd=REPO, env=env)
    path = CONSOLE.socket_path(settings)
    try:
        deadline = time.monotonic() + 30
        while not path.exists():
            assert server.poll() is None and time.monotonic() < deadline, "the console server did not start"
            time.sleep(0.05)
        transport = httpx.HTTPTransport(uds=str(path))
        with httpx.Client(transport=transport, base_url="http://console", timeout=10) as http:
            answer = http.get("/console/dev-token")
            assert answer.status_code == 404
            assert "dev stage" in answer.text and "leak" not in answer.text
            assert http.get("/console/healthz").status_code == 200
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(10) == 0
    assert not path.exists()


def test_metrics_of_every_domain_and_of_envoy_through_envoy(console_mesh: MeshProcess) -> None:
    with console_mesh.http(timeout=10) as http:
        for spec in SERVICES:
            answer = http.get(f"/metrics/{spec.domain}")
            assert answer.status_code == 200, (spec.domain, answer.text)
            assert answer.headers["content-type"].startswith("text/plain"), spec.domain
            assert f'soma_service_up{{domain="{spec.domain}"}} 1.0' in answer.text, spec.domain
        envoy = http.get("/metrics/envoy")
        assert envoy.status_code == 200
        assert "# TYPE envoy_cluster_upstream_rq" in envoy.text
        assert "envoy_cluster_upstream_rq" in envoy.text and 'envoy_cluster_name="identity"' in envoy.text

        # Only GET of exactly those paths: nothing else of the admin interface or a service is reachable.
        assert http.post("/metrics/envoy").status_code == 404
        assert http.get("/metrics/nothing").status_code == 404
    for target in ("/metrics/envoy/../../quitquitquit", "/metrics/envoy/", "/metrics/envoy?x=/../clusters"):
        status, body = raw_get(console_mesh, target)
        assert status == 404 or b"envoy_cluster_upstream_rq" in body, (target, status)
        assert b"cluster_manager" not in body or b"envoy_cluster_manager" in body, target
    with console_mesh.http(timeout=10) as http:
        assert (
            "access-control-allow-origin"
            not in http.get("/metrics/identity", headers={"origin": "http://localhost:5173"}).headers
        )


def test_metrics_routes_follow_the_stage_rule() -> None:
    from somastack.mesh.envoy import render

    def routes(settings: Settings) -> set[str]:
        config = render(settings)
        listener = config["static_resources"]["listeners"][0]
        manager = listener["filter_chains"][0]["filters"][0]["typed_config"]
        return {route.get("name", "") for route in manager["route_config"]["virtual_hosts"][0]["routes"]}

    dev = routes(Settings(stage="dev"))
    assert {f"metrics_{spec.domain}" for spec in SERVICES} | {"metrics_envoy", "console"} <= dev
    off = routes(Settings(stage="dev", metrics_through_envoy=False))
    assert not any(name.startswith("metrics_") for name in off) and "console" in off
    prod = routes(Settings(stage="prod", database_url="postgresql+asyncpg://x@127.0.0.1/db"))
    assert not any(name.startswith("metrics_") for name in prod)
