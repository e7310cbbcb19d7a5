"""Service credentials: the token a service presents when it calls the mesh on its own behalf.

A service calls another as the caller whenever there is one (the orchestrator forwards the user's token). Work
that runs without a caller, such as the memory service embedding texts in its write applier, presents the
service's own token instead: a platform token (every tenant) that carries only the capabilities the registry
lists for that service (`ServiceSpec.calls`). The identity service writes these tokens to files readable by
their owner only and renews them long before they expire; a deployment that runs services on several hosts
mounts the same file (see docs/operations.md).
"""

from __future__ import annotations

import os
from pathlib import Path

from somastack.platform.errors import Unavailable


def write_secret_file(path: Path, content: str) -> None:
    """Replaces `path` atomically with `content`, readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(content + "\n")
    os.replace(tmp, path)


class ServiceToken:
    """Reads a service token file, again whenever the file changes (the identity service renews it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen: tuple[int, int] | None = None
        self._token = ""

    def authorization(self) -> str:
        """The `authorization` header value; Unavailable (SERVICE_UNAVAILABLE) while there is no token yet."""
        try:
            stat = self.path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
            if stamp != self._seen:
                self._token = self.path.read_text().strip()
                self._seen = stamp
        except OSError as error:
            raise Unavailable(
                "SERVICE_UNAVAILABLE",
                f"no service token at {self.path} ({error.strerror}); the identity service writes it when it starts",
                metadata={"path": str(self.path)},
            ) from error
        if not self._token:
            raise Unavailable("SERVICE_UNAVAILABLE", f"the service token file {self.path} is empty")
        return f"Bearer {self._token}"
