"""A bare grpc.aio server, no interceptors, serving ContractService: the baseline (a) of bench/runtime.py."""

from __future__ import annotations

import argparse
import asyncio
import signal

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0: any free port (printed on stdout)")
    args = parser.parse_args()
    asyncio.run(serve(args.host, args.port))


if __name__ == "__main__":
    main()
