"""A bare grpc.aio server, no interceptors, serving ContractService: the baseline of bench/runtime.py and
bench/startup.py, which start and stop it with `launch_bare` and `stop_process`."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import grpc

from soma.meta.v1 import contract_service_pb2_grpc
from somastack.config import Settings
from somastack.runtime.contract_service import ContractServicer

# The same server options ServiceHost uses, so the only difference from (b) is the runtime around the handler.
SERVER_OPTIONS = [("grpc.so_reuseport", 0), ("grpc.max_receive_message_length", 16 * 1024 * 1024)]


async def serve(host: str, port: int) -> None:
    """Serves until SIGTERM or SIGINT; prints the bound port on stdout once it accepts calls."""
    server = grpc.aio.server(options=SERVER_OPTIONS)
    contract_service_pb2_grpc.add_ContractServiceServicer_to_server(ContractServicer(Settings()), server)
    bound = server.add_insecure_port(f"{host}:{port}")
    await server.start()
    print(bound, flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await server.stop(0)


def stop_process(process: subprocess.Popen[bytes], sig: int, timeout: float) -> None:
    """Sends `sig`; kills the process if it has not exited `timeout` seconds later."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def launch_bare(workdir: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Starts bench/bare_server.py on a free port; returns the process and the port it printed."""
    # Imported here, not at the top: the server this file runs must not pay for the supervisor's imports.
    from somastack.mesh.supervisor import die_with_parent

    # No SOMA_* variables and no soma.toml: the servicer answers with default Settings, as meta does.
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOMA_")}
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--port", "0"],
        cwd=workdir,
        env=env,
        stdout=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=die_with_parent,
    )
    assert process.stdout is not None
    line = process.stdout.readline().decode().strip()
    if not line.isdigit():
        stop_process(process, signal.SIGTERM, 5)
        raise RuntimeError(f"bare server did not start (said {line!r})")
    return process, int(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0: any free port (printed on stdout)")
    args = parser.parse_args()
    asyncio.run(serve(args.host, args.port))


if __name__ == "__main__":
    main()
