"""Service processes forked from one warm process, so the mesh pays for its imports once, not once per service.

Every service imports the same stack (grpc and protobuf, SQLAlchemy and Alembic, pydantic, the runtime): about
half a second of CPU each, most of `soma up`'s start-up on a small machine. The supervisor starts one fork
server (`multiprocessing`'s, from the standard library) that imports that stack once; each service process is
forked from it and imports only its own domain. The fork server creates no gRPC channel or server, so every
child starts gRPC's core afresh (gRPC must not be forked once it runs).

A forked child is set up as an exec'd one was: its own session (Ctrl-C in a terminal reaches the supervisor
only), SIGTERM when its parent dies, stdout and stderr into its log file, the supervisor's environment, and
`soma serve DOMAIN` as its process title (ps, top and /proc/PID/cmdline show which service it is).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from multiprocessing.context import ForkServerProcess
from pathlib import Path

#: What every service imports before its own domain: paid once, in the fork server. `__main__`: when soma up runs
#: as the `soma` script, multiprocessing re-imports that script in each child unless the fork server has (it names
#: the CLI, typer and all).
PRELOAD = (
    "__main__",
    "somastack.runtime.server",
    "somastack.platform.db",
    "somastack.platform.events",
    "somastack.mesh.serve",
    "sqlalchemy.ext.asyncio",
    "alembic.runtime.migration",
    "alembic.script",
    "aiosqlite",
)

_PR_SET_PDEATHSIG = 1
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(list(PRELOAD))


def die_with_parent() -> None:
    """In a new child (an exec'd one: between fork and exec): SIGTERM it when its parent dies."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def start_fork_server() -> None:
    """Starts the fork server now (it imports PRELOAD in the background); the first fork waits for it."""
    from multiprocessing import forkserver

    forkserver.ensure_running()


def stop_fork_server() -> None:
    """Stops the fork server (once every child is gone); the next fork starts a new one."""
    from multiprocessing import forkserver

    # The standard library stops its fork server this way in its own tests; there is no public spelling.
    with contextlib.suppress(AttributeError, ChildProcessError):
        forkserver._forkserver._stop()  # type: ignore[attr-defined]


class ForkedProcess:
    """A service process forked from the fork server, with the surface of asyncio's Process that the
    supervisor uses: `pid`, `returncode` (negative: killed by that signal) and `await wait()`."""

    def __init__(self, process: ForkServerProcess) -> None:
        self._process = process
        assert process.pid is not None
        self.pid: int = process.pid

    @property
    def returncode(self) -> int | None:
        return self._process.exitcode

    async def wait(self) -> int:
        if self._process.exitcode is None:
            loop = asyncio.get_running_loop()
            exited: asyncio.Future[None] = loop.create_future()
            sentinel = self._process.sentinel

            def readable() -> None:
                if not exited.done():
                    exited.set_result(None)

            loop.add_reader(sentinel, readable)
            try:
                await exited
            finally:
                loop.remove_reader(sentinel)
            self._process.join()
        code = self._process.exitcode
        assert code is not None
        return code


async def fork(domain: str, env: dict[str, str], log_path: Path) -> ForkedProcess:
    """Forks `soma serve DOMAIN` from the fork server (waiting, off the event loop, until it has preloaded)."""
    process = _CONTEXT.Process(target=child_main, args=(domain, env, str(log_path)), name=f"soma-{domain}")
    await asyncio.to_thread(process.start)
    return ForkedProcess(process)


def child_main(domain: str, env: dict[str, str], log_path: str) -> None:
    """The forked child: set up like an exec'd service process, then serve until signalled."""
    from somastack.mesh.serve import ServeError, serve

    # The title first: setproctitle finds room for it where the environment's strings begin.
    _set_title(f"soma serve {domain}")
    _release_fork_server()
    os.setsid()
    die_with_parent()
    _redirect_output(log_path)
    os.environ.clear()
    os.environ.update(env)
    code = 0
    try:
        serve(domain)
    except ServeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        code = 1
    finally:
        # multiprocessing ends a child with os._exit: run the exit handlers a normal interpreter exit runs.
        atexit._run_exitfuncs()
    if code:
        sys.exit(code)


def _release_fork_server() -> None:
    """Closes this child's copy of the descriptor that keeps the fork server alive.

    multiprocessing hands every forked child the write end of the pipe whose end-of-file tells the fork server that
    its client is gone (so that a child could fork in turn). A service forks nothing: holding it would keep the fork
    server, and through it every service, alive after `soma up` is killed.
    """
    from multiprocessing import forkserver

    server = forkserver._forkserver
    fd = getattr(server, "_forkserver_alive_fd", None)
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)
        server._forkserver_alive_fd = None  # type: ignore[attr-defined]


def _redirect_output(log_path: str) -> None:
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(ValueError, OSError):
            stream.flush()
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


def _set_title(title: str) -> None:
    from setproctitle import setproctitle

    setproctitle(title)
