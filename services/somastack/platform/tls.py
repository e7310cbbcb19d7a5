"""Transport security of the mesh: where its certificates live and the one place that builds gRPC credentials.

Every gRPC channel a Soma process opens (to Envoy, to a service's own port) goes through `aio_channel` or
`sync_channel`, so that with mTLS on all of them present the process's mesh certificate and trust only the
mesh CA; every service server gets `server_credentials`, which require a client certificate signed by that CA and
pick up a rotated certificate at the next handshake, with no restart.
"""

from __future__ import annotations

import logging
import os
import ssl
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import grpc
from cryptography import x509
from cryptography.hazmat.primitives import serialization

if TYPE_CHECKING:
    from somastack.config import Settings

_log = logging.getLogger(__name__)

#: The identity the operator's tools (`soma up`'s probes, `soma status`, test and bench clients) present.
OPERATOR = "soma"
#: Envoy's identity: a client of every service, and the server of the mesh's listeners.
ENVOY = "envoy"
#: The file whose replacement tells Envoy that a new certificate/key pair is in place (its SDS watched directory).
ROTATED_MARKER = "rotated"

ChannelOptions = Sequence[tuple[str, object]]


@dataclass(frozen=True)
class CertLayout:
    """The files of the mesh's certificates under one directory (`<data dir>/certs` by default).

    `ca.pem` / `ca.key` is the mesh CA; each identity (a domain, `envoy`, `soma`) has `<name>.pem` and `<name>.key`.
    Rotation writes a leaf's files, then replaces `watch/rotated`, the one event Envoy reloads on, so that it never
    reads a certificate beside the key of another.
    """

    root: Path

    @property
    def ca_cert(self) -> Path:
        return self.root / "ca.pem"

    @property
    def ca_key(self) -> Path:
        return self.root / "ca.key"

    @property
    def watch_dir(self) -> Path:
        return self.root / "watch"

    def cert(self, name: str) -> Path:
        return self.root / f"{name}.pem"

    def key(self, name: str) -> Path:
        return self.root / f"{name}.key"


class CertificatesMissingError(RuntimeError):
    """mTLS is on but a certificate it needs is not there: `soma certs` creates them."""


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        message = f"{path} does not exist: run `soma certs` to create the mesh's certificates"
        raise CertificatesMissingError(message) from None


@dataclass(frozen=True)
class Dial:
    """Where a gRPC server is and how to reach it: in plain text, or over mTLS with these credentials."""

    target: str
    credentials: grpc.ChannelCredentials | None = None


#: A channel's destination: a bare `host:port` is plain text (tests of single adapters), a Dial says how.
Target = str | Dial


def client_credentials(layout: CertLayout, identity: str) -> grpc.ChannelCredentials:
    """TLS that trusts only the mesh CA and presents `identity`'s certificate (read now; a channel keeps them)."""
    return grpc.ssl_channel_credentials(
        root_certificates=_read(layout.ca_cert),
        private_key=_read(layout.key(identity)),
        certificate_chain=_read(layout.cert(identity)),
    )


def dial(target: str, layout: CertLayout | None, identity: str) -> Dial:
    """`target` in plain text when `layout` is None (mTLS off), else over mTLS as `identity`."""
    return Dial(target, None if layout is None else client_credentials(layout, identity))


def mesh_layout(settings: Settings) -> CertLayout | None:
    """The mesh's certificates when mTLS is on, else None."""
    return CertLayout(settings.certs_root) if settings.uses_mtls else None


def mesh_dial(settings: Settings, identity: str, target: str | None = None) -> Dial:
    """How `identity` reaches the mesh (Envoy, `settings.mesh`) or another of its servers (`target`)."""
    return dial(target or settings.mesh, mesh_layout(settings), identity)


def aio_channel(target: Target, options: ChannelOptions = ()) -> grpc.aio.Channel:
    """An asyncio channel to `target`, secure when it carries credentials."""
    if isinstance(target, str):
        target = Dial(target)
    if target.credentials is None:
        return grpc.aio.insecure_channel(target.target, options=list(options))
    return grpc.aio.secure_channel(target.target, target.credentials, options=list(options))


def sync_channel(target: Target, options: ChannelOptions = ()) -> grpc.Channel:
    """A blocking channel to `target` (CLI, tests), secure when it carries credentials."""
    if isinstance(target, str):
        target = Dial(target)
    if target.credentials is None:
        return grpc.insecure_channel(target.target, options=list(options))
    return grpc.secure_channel(target.target, target.credentials, options=list(options))


def ssl_context(layout: CertLayout, identity: str | None = None) -> ssl.SSLContext:
    """A client-side TLS context (HTTP) that trusts only the mesh CA, presenting `identity`'s certificate if given."""
    context = ssl.create_default_context(cafile=str(layout.ca_cert))
    if identity is not None:
        context.load_cert_chain(layout.cert(identity), layout.key(identity))
    return context


def pair_matches(cert_pem: bytes, key_pem: bytes) -> bool:
    """Whether a private key belongs to a certificate: a reader that caught a rotation between the two files
    would otherwise serve a pair no client can verify."""
    try:
        certificate = x509.load_pem_x509_certificate(cert_pem)
        key = serialization.load_pem_private_key(key_pem, password=None)
    except ValueError:
        return False
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    return certificate.public_key().public_bytes(der, spki) == key.public_key().public_bytes(der, spki)


class ReloadingServerCertificate:
    """A service's server certificate, read again when its files change, and the credentials that use it.

    gRPC asks `fetch` before each new TLS handshake; it answers None (keep the current certificate) unless the
    files' modification times moved and the new key matches the new certificate. Calls in flight keep their
    connection; new connections get the new certificate.
    """

    def __init__(self, layout: CertLayout, identity: str) -> None:
        self._layout = layout
        self._identity = identity
        self._lock = threading.Lock()
        self._stamp = self._mtimes()
        self.initial = self._configuration(_read(layout.cert(identity)), _read(layout.key(identity)))

    def _mtimes(self) -> tuple[int, ...]:
        paths = (self._layout.cert(self._identity), self._layout.key(self._identity), self._layout.ca_cert)
        return tuple(os.stat(path).st_mtime_ns for path in paths)

    def _configuration(self, cert: bytes, key: bytes) -> grpc.ServerCertificateConfiguration:
        return grpc.ssl_server_certificate_configuration([(key, cert)], root_certificates=_read(self._layout.ca_cert))

    def fetch(self) -> grpc.ServerCertificateConfiguration | None:
        """The new configuration when the certificate was rotated since the last fetch, else None."""
        with self._lock:
            try:
                stamp = self._mtimes()
                if stamp == self._stamp:
                    return None
                cert = self._layout.cert(self._identity).read_bytes()
                key = self._layout.key(self._identity).read_bytes()
                if not pair_matches(cert, key):
                    return None  # mid-rotation: asked again at the next handshake
                configuration = self._configuration(cert, key)
            except OSError as exc:
                _log.warning("cannot read the rotated certificate of %s: %s", self._identity, exc)
                return None
            self._stamp = stamp
            _log.info("serving the rotated certificate of %s", self._identity)
            return configuration

    def credentials(self) -> grpc.ServerCredentials:
        """Server credentials that require a client certificate signed by the mesh CA."""
        # gRPC takes None from the callback as "no change"; its type stubs do not say so.
        fetch = cast("Callable[[], grpc.ServerCertificateConfiguration]", self.fetch)
        return grpc.dynamic_ssl_server_credentials(self.initial, fetch, require_client_authentication=True)
