"""The console's HTTP server: ConsoleFiles on a Unix socket that Envoy routes /console/ to (`soma serve console`)."""

from __future__ import annotations

import logging
import signal
import socketserver
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from types import FrameType

from somastack.config import Settings, Stage
from somastack.console.files import ConsoleFiles
from somastack.registry import CONSOLE

_log = logging.getLogger(__name__)


def dev_token(settings: Settings) -> Callable[[], str | None]:
    """What `soma token` prints, read on each call: the dev admin token, or None outside dev or before `soma up`."""

    def read() -> str | None:
        if settings.stage is not Stage.DEV:
            return None
        try:
            return settings.admin_token_path.read_text().strip() or None
        except FileNotFoundError:
            return None

    return read


class _Handler(BaseHTTPRequestHandler):
    # Keep-alive: Envoy reuses its connections to the console.
    protocol_version = "HTTP/1.1"
    server_version = "soma-console"
    sys_version = ""
    files: ConsoleFiles

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _other(self) -> None:
        self._answer(body=True)

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _other

    def _answer(self, *, body: bool) -> None:
        reply = self.files.answer(self.command, self.path)
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        self.send_header("content-length", str(len(reply.body)))
        self.end_headers()
        if body and reply.body:
            self.wfile.write(reply.body)

    def address_string(self) -> str:
        # A Unix socket peer has no address; every request comes through Envoy.
        return "envoy"

    def log_message(self, format: str, *args: object) -> None:
        _log.debug("%s %s", self.address_string(), format % args)


class _UnixHTTPServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def bind(settings: Settings) -> _UnixHTTPServer:
    """The console server bound to its socket (a stale socket file from a killed run is replaced)."""
    path = CONSOLE.socket_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    handler = type("ConsoleHandler", (_Handler,), {"files": files_of(settings)})
    return _UnixHTTPServer(str(path), handler)


def files_of(settings: Settings) -> ConsoleFiles:
    return ConsoleFiles(
        settings.console_root,
        prefix=CONSOLE.prefix,
        dev_token=dev_token(settings),
        sso_origins=settings.console_sso_origins,
    )


def run(settings: Settings) -> None:
    """Serves until SIGTERM or SIGINT, then closes and removes the socket."""
    server = bind(settings)
    path = Path(server.server_address if isinstance(server.server_address, str) else "")
    stop = threading.Event()

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, on_signal)
    thread = threading.Thread(target=server.serve_forever, name="console-http", daemon=True)
    thread.start()
    root = settings.console_root
    built = root is not None and (root / "index.html").is_file()
    _log.info("console on %s from %s%s", path, root, "" if built else " (not built: /console/ says how to build it)")
    stop.wait()
    server.shutdown()
    server.server_close()
    path.unlink(missing_ok=True)
