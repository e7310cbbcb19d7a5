"""Whether a port can be bound: a check `soma up` runs before it spawns anything, without the gRPC runtime."""

from __future__ import annotations

import errno
import socket


class PortInUseError(RuntimeError):
    """The service's port is taken by another process."""

    def __init__(self, host: str, port: int, what: str) -> None:
        super().__init__(f"{what} cannot listen on {host}:{port}: the port is already in use")
        self.port = port


def ensure_port_free(host: str, port: int, what: str) -> None:
    """Raises PortInUseError when (host, port) cannot be bound."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise PortInUseError(host, port, what) from None
            raise
