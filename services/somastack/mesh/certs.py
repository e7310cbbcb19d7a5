"""The mesh's own CA and its leaf certificates (`soma certs`): one per service, one for Envoy, one for the operator.

Keys are ECDSA P-256. The CA lives ten years and only signs; leaves live 90 days, carry both server and client
authentication (each service serves Envoy and calls it), and name the mesh host, 127.0.0.1 and localhost. Files
are replaced atomically, keys are written 0600, and Envoy is told of a rotation only once every new pair is in
place (see platform.tls.CertLayout).
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from somastack.config import Settings
from somastack.platform.tls import ENVOY, OPERATOR, ROTATED_MARKER, CertificatesMissingError, CertLayout
from somastack.registry import SERVICES, ServiceSpec

CA_DAYS = 3650
LEAF_DAYS = 90
#: A leaf is valid from a little before it is issued: clocks of the mesh's hosts may differ that much.
_CLOCK_SKEW = datetime.timedelta(minutes=5)
_ORGANIZATION = "SomaStack mesh"


@dataclass(frozen=True)
class CertInfo:
    """What `soma certs` shows of one certificate: never key material."""

    name: str
    subject: str
    not_after: datetime.datetime
    path: Path
    #: SHA-256 of the DER certificate, colon-separated hex.
    fingerprint: str


def identities(services: Sequence[ServiceSpec] = SERVICES) -> list[str]:
    """Every identity that needs a leaf certificate: Envoy, the operator's tools, each service."""
    return [ENVOY, OPERATOR, *(spec.domain for spec in services)]


def _write(path: Path, data: bytes, *, private: bool) -> None:
    """Writes `data` to a temporary file beside `path` and renames it over `path`: a reader sees old or new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(descriptor, 0o600 if private else 0o644)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _ORGANIZATION),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def create_ca(layout: CertLayout, days: int = CA_DAYS) -> None:
    """A new self-signed CA whose key only signs certificates (path length 0: no intermediate below it)."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = _now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name("SomaStack mesh CA"))
        .issuer_name(_name("SomaStack mesh CA"))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _CLOCK_SKEW)
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    _write(layout.ca_key, _key_pem(key), private=True)
    _write(layout.ca_cert, certificate.public_bytes(serialization.Encoding.PEM), private=False)


def _usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def subject_alt_names(name: str, host: str) -> list[x509.GeneralName]:
    """The names a leaf answers to: its own name, localhost, 127.0.0.1, and the host the mesh binds."""
    names: list[x509.GeneralName] = [x509.DNSName(name), x509.DNSName("localhost")]
    addresses = {ipaddress.ip_address("127.0.0.1")}
    try:
        address = ipaddress.ip_address(host)
        if not address.is_unspecified:
            addresses.add(address)
    except ValueError:
        if host and host != "localhost":
            names.append(x509.DNSName(host))
    return names + [x509.IPAddress(address) for address in sorted(addresses, key=str)]


def _load_ca(layout: CertLayout) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    certificate = x509.load_pem_x509_certificate(layout.ca_cert.read_bytes())
    key = serialization.load_pem_private_key(layout.ca_key.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{layout.ca_key} is not an ECDSA key")
    return certificate, key


def issue_leaf(layout: CertLayout, name: str, host: str, days: int = LEAF_DAYS) -> None:
    """A new key and certificate for `name`, signed by the mesh CA; the key is written before the certificate."""
    ca_cert, ca_key = _load_ca(layout)
    key = ec.generate_private_key(ec.SECP256R1())
    now = _now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _CLOCK_SKEW)
        .not_valid_after(min(now + datetime.timedelta(days=days), ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(cert_sign=False), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False
        )
        .add_extension(x509.SubjectAlternativeName(subject_alt_names(name, host)), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    _write(layout.key(name), _key_pem(key), private=True)
    _write(layout.cert(name), certificate.public_bytes(serialization.Encoding.PEM), private=False)


def mark_rotated(layout: CertLayout) -> None:
    """Replaces the marker in the watched directory: Envoy reloads its certificates on that event only."""
    _write(layout.watch_dir / ROTATED_MARKER, _now().isoformat().encode(), private=False)


def ensure_certificates(settings: Settings, names: Iterable[str], *, rotate: bool = False) -> list[str]:
    """Creates the CA if there is none, and a leaf for each of `names` that has none (each of them with `rotate`).

    Returns the names whose leaves were issued now. The CA is never replaced here: every certificate it signed
    stays trusted, which is what lets leaves rotate while calls run.

    Raises:
        CertificatesMissingError: a leaf is to be issued, and the CA's certificate is here but not its key.
    """
    layout = CertLayout(settings.certs_root)
    if not layout.root.exists():
        layout.root.mkdir(mode=0o700, parents=True)
    if not layout.ca_cert.exists() and not layout.ca_key.exists():
        create_ca(layout)
    issued = [name for name in names if rotate or not (layout.cert(name).exists() and layout.key(name).exists())]
    if issued and not layout.ca_key.exists():
        # The production layout keeps the CA's key elsewhere: never make a second CA beside the first.
        raise CertificatesMissingError(
            f"no CA key at {layout.ca_key} to issue {', '.join(issued)}: issue them where the mesh CA's key is kept"
        )
    for name in issued:
        issue_leaf(layout, name, settings.host)
    if issued or not (layout.watch_dir / ROTATED_MARKER).exists():
        mark_rotated(layout)
    return issued


def describe(layout: CertLayout, names: Iterable[str]) -> list[CertInfo]:
    """The CA and each existing leaf of `names`, as `soma certs` lists them."""
    out = []
    for name, path in [("ca", layout.ca_cert), *((name, layout.cert(name)) for name in names)]:
        if not path.exists():
            continue
        certificate = x509.load_pem_x509_certificate(path.read_bytes())
        digest = certificate.fingerprint(hashes.SHA256()).hex(":").upper()
        out.append(CertInfo(name, certificate.subject.rfc4514_string(), certificate.not_valid_after_utc, path, digest))
    return out
