"""Local HTTP servers speaking OpenAI's and Anthropic's real wire formats (JSON and SSE), with scripted failures."""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Script:
    """What the server answers: queued failures first (status, body, headers), then the scripted answer."""

    text: str = "Hello from the model"
    finish: str = "stop"
    refusal: str = ""
    failures: list[tuple[int, dict[str, Any], dict[str, str]]] = field(default_factory=list)
    #: After this many streamed deltas, drop the connection (0: never).
    cut_stream_after: int = 0
    #: An Anthropic `error` event in the middle of the stream.
    stream_error: str = ""
    #: Seconds to wait before answering each request (to run into a client's timeout).
    delay: float = 0.0
    #: Seconds between two streamed events: a server that drips its answer, never idle for long.
    stream_pause: float = 0.0
    requests: list[tuple[str, dict[str, str], dict[str, Any]]] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without NODELAY, Nagle plus delayed ACKs add ~40 ms a call.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def _json(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _sse(self, events: Iterator[tuple[str, dict[str, Any] | str]]) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("connection", "close")
        self.end_headers()
        for i, (event, data) in enumerate(events):
            if i and self.server.script.stream_pause:
                time.sleep(self.server.script.stream_pause)
            text = data if isinstance(data, str) else json.dumps(data)
            chunk = (f"event: {event}\n" if event else "") + f"data: {text}\n\n"
            self.wfile.write(chunk.encode())
            self.wfile.flush()
        self.close_connection = True

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        script = self.server.script
        script.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
        if script.delay:
            time.sleep(script.delay)
        if script.failures:
            status, error, headers = script.failures.pop(0)
            self._json(status, error, headers)
            return
        self.server.answer(self, body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, script: Script) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.script = script

    def answer(self, handler: _Handler, body: dict[str, Any]) -> None:
        raise NotImplementedError

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that gave up (its timeout) is expected
            super().handle_error(request, client_address)


def _words(text: str) -> list[str]:
    words = text.split(" ")
    return [w if i == 0 else " " + w for i, w in enumerate(words)]


class _OpenAI(_Server):
    def answer(self, handler: _Handler, body: dict[str, Any]) -> None:
        s = self.script
        if handler.path == "/v1/embeddings":
            texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
            data = [
                {"object": "embedding", "index": i, "embedding": [float(len(t)), float(i), 0.5]}
                for i, t in reversed(list(enumerate(texts)))  # out of order on purpose: clients sort by index
            ]
            tokens = sum(len(t.split()) for t in texts)
            handler._json(
                200,
                {
                    "object": "list",
                    "data": data,
                    "model": body["model"],
                    "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
                },
            )
            return
        if handler.path != "/v1/chat/completions":
            handler._json(404, {"error": {"message": f"no route {handler.path}", "type": "invalid_request_error"}})
            return
        prompt = sum(len(m["content"].split()) for m in body["messages"])
        words = _words(s.text)
        if not body.get("stream"):
            message: dict[str, Any] = {"role": "assistant", "content": None if s.refusal else s.text}
            if s.refusal:
                message["refusal"] = s.refusal
            handler._json(
                200,
                {
                    "id": "chatcmpl-1",
                    "object": "chat.completion",
                    "model": body["model"],
                    "choices": [{"index": 0, "message": message, "finish_reason": s.finish}],
                    "usage": {
                        "prompt_tokens": prompt,
                        "completion_tokens": len(words),
                        "total_tokens": prompt + len(words),
                    },
                },
            )
            return

        def events() -> Iterator[tuple[str, dict[str, Any] | str]]:
            base = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": body["model"]}
            yield "", base | {"choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]}
            for i, word in enumerate(words):
                if s.cut_stream_after and i == s.cut_stream_after:
                    return
                yield "", base | {"choices": [{"index": 0, "delta": {"content": word}, "finish_reason": None}]}
            yield "", base | {"choices": [{"index": 0, "delta": {}, "finish_reason": s.finish}]}
            usage = {"prompt_tokens": prompt, "completion_tokens": len(words), "total_tokens": prompt + len(words)}
            yield "", base | {"choices": [], "usage": usage}
            yield "", "[DONE]"

        handler._sse(events())


class _Anthropic(_Server):
    def answer(self, handler: _Handler, body: dict[str, Any]) -> None:
        s = self.script
        if handler.path != "/v1/messages":
            handler._json(404, {"type": "error", "error": {"type": "not_found_error", "message": handler.path}})
            return
        if "x-api-key" not in {k.lower() for k in handler.headers} or "anthropic-version" not in {
            k.lower() for k in handler.headers
        }:
            handler._json(401, {"type": "error", "error": {"type": "authentication_error", "message": "no key"}})
            return
        prompt = sum(len(m["content"].split()) for m in body["messages"]) + len(body.get("system", "").split())
        words = _words(s.text)
        if not body.get("stream"):
            handler._json(
                200,
                {
                    "id": "msg_1",
                    "type": "message",
                    "role": "assistant",
                    "model": body["model"],
                    "content": [{"type": "text", "text": s.text}],
                    "stop_reason": s.finish,
                    "stop_sequence": None,
                    "usage": {"input_tokens": prompt, "output_tokens": len(words)},
                },
            )
            return

        def events() -> Iterator[tuple[str, dict[str, Any] | str]]:
            message = {
                "id": "msg_1",
                "type": "message",
                "role": "assistant",
                "model": body["model"],
                "content": [],
                "stop_reason": None,
                "usage": {"input_tokens": prompt, "output_tokens": 1},
            }
            yield "message_start", {"type": "message_start", "message": message}
            yield (
                "content_block_start",
                {
                    "type": "content_block_start",
                    "index": 0,
                    "content_block": {"type": "text", "text": ""},
                },
            )
            yield "ping", {"type": "ping"}
            for i, word in enumerate(words):
                if s.stream_error and i == 1:
                    yield "error", {"type": "error", "error": {"type": s.stream_error, "message": "Overloaded"}}
                    return
                if s.cut_stream_after and i == s.cut_stream_after:
                    return
                yield (
                    "content_block_delta",
                    {
                        "type": "content_block_delta",
                        "index": 0,
                        "delta": {"type": "text_delta", "text": word},
                    },
                )
            yield "content_block_stop", {"type": "content_block_stop", "index": 0}
            yield (
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": s.finish, "stop_sequence": None},
                    "usage": {"output_tokens": len(words)},
                },
            )
            yield "message_stop", {"type": "message_stop"}

        handler._sse(events())


class FakeServer:
    """A provider server on a free port in a daemon thread; `url` is its root (no `/v1`)."""

    def __init__(self, kind: str, script: Script | None = None) -> None:
        self.script = script or Script()
        self._server: _Server = _OpenAI(self.script) if kind == "openai" else _Anthropic(self.script)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> FakeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
