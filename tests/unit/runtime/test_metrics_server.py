"""The /metrics endpoint: Prometheus text over HTTP/1.1 from the event loop, without a thread that polls."""

import asyncio
import threading

import httpx
import pytest

from somastack.runtime.metrics import MetricsServer, RpcMetrics


@pytest.fixture
async def served() -> tuple[RpcMetrics, MetricsServer]:
    metrics = RpcMetrics("settings")
    metrics.up.labels("settings").set(1)
    metrics.observe("soma.settings.v1.SettingsService", "GetSetting", "OK", 0.002)
    server = await metrics.serve("127.0.0.1", 0)
    yield metrics, server
    await server.close()


async def test_a_scrape_reads_the_registry_as_prometheus_text(served: tuple[RpcMetrics, MetricsServer]) -> None:
    _, server = served
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}") as http:
        answer = await http.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert 'soma_service_up{domain="settings"} 1.0' in answer.text
    assert 'soma_rpc_requests_total{code="OK",domain="settings"' in answer.text


async def test_one_connection_serves_scrape_after_scrape(served: tuple[RpcMetrics, MetricsServer]) -> None:
    metrics, server = served
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        for up in (1, 0):
            metrics.up.labels("settings").set(up)
            writer.write(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            head = (await reader.readuntil(b"\r\n\r\n")).decode()
            assert head.startswith("HTTP/1.1 200 OK\r\n")
            length = next(int(line.split(":")[1]) for line in head.split("\r\n") if line.startswith("Content-Length"))
            body = (await reader.readexactly(length)).decode()
            assert f'soma_service_up{{domain="settings"}} {up}.0' in body
    finally:
        writer.close()


async def test_gzip_head_and_other_methods(served: tuple[RpcMetrics, MetricsServer]) -> None:
    _, server = served
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}") as http:
        zipped = await http.get("/metrics", headers={"accept-encoding": "gzip"})
        head = await http.head("/metrics")
        posted = await http.post("/metrics", content=b"x=1")
    assert zipped.headers["content-encoding"] == "gzip"
    assert "soma_service_up" in zipped.text  # httpx unzipped it
    assert head.status_code == 200 and head.content == b"" and int(head.headers["content-length"]) > 0
    assert posted.status_code == 405


async def test_a_malformed_request_gets_400_and_the_server_keeps_serving(
    served: tuple[RpcMetrics, MetricsServer],
) -> None:
    _, server = served
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(b"nonsense\r\n\r\n")
    assert (await reader.read()).startswith(b"HTTP/1.1 400 Bad Request\r\n")  # and the connection is closed
    writer.close()
    async with httpx.AsyncClient() as http:
        assert (await http.get(f"http://127.0.0.1:{server.port}/metrics")).status_code == 200


async def test_serving_starts_no_thread_and_close_frees_the_port() -> None:
    metrics = RpcMetrics("policy")
    threads = threading.active_count()
    server = await metrics.serve("127.0.0.1", 0)
    port = server.port
    assert threading.active_count() == threads  # nothing wakes until a scrape connects
    await server.close()
    with pytest.raises(OSError):
        await asyncio.open_connection("127.0.0.1", port)
