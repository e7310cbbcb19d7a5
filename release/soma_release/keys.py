"""Ed25519 keys of releases: load the signing key, load the trusted public keys, sign and verify manifests.

A manifest is signed over its exact bytes; the signature travels next to it as
`<manifest name>.sig`, a small JSON document:
`{"algorithm": "ed25519", "key_id": "<16 hex>", "signature": "<base64>"}`.
The key id is the first 16 hex digits of the sha256 of the raw 32-byte public key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from soma_release.errors import SignatureError, SigningKeyError

#: Environment variable holding the signing key: PKCS#8 PEM text, or the base64 of the 32-byte seed.
SIGNING_KEY_ENV = "SOMA_RELEASE_SIGNING_KEY"
#: Environment variable naming a file that holds the signing key (PEM or base64 seed).
SIGNING_KEY_FILE_ENV = "SOMA_RELEASE_SIGNING_KEY_FILE"
#: Environment variable naming trusted public keys: directories of *.pem or single files, os.pathsep-separated.
TRUSTED_KEYS_ENV = "SOMA_RELEASE_TRUSTED_KEYS"

SIGNATURE_SUFFIX = ".sig"
ALGORITHM = "ed25519"


def key_id(public_key: Ed25519PublicKey) -> str:
    """The short id of a public key: 16 hex digits of the sha256 of its raw bytes."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True)
class TrustedKeys:
    """The public keys whose signatures a reader accepts, by key id."""

    keys: Mapping[str, Ed25519PublicKey]
    #: Where the keys came from, for error messages.
    source: str = "given keys"

    @classmethod
    def of(cls, *public_keys: Ed25519PublicKey, source: str = "given keys") -> TrustedKeys:
        return cls({key_id(k): k for k in public_keys}, source)

    @classmethod
    def from_paths(cls, paths: Iterable[Path]) -> TrustedKeys:
        """Load every `*.pem` public key of the given directories and files."""
        keys: dict[str, Ed25519PublicKey] = {}
        names: list[str] = []
        for path in paths:
            names.append(str(path))
            if not path.exists():
                raise SigningKeyError(f"trusted keys {path}: no such file or directory")
            files = sorted(path.glob("*.pem")) if path.is_dir() else [path]
            for file in files:
                key = load_public_key(file.read_bytes(), str(file))
                keys[key_id(key)] = key
        if not keys:
            raise SigningKeyError(f"trusted keys {', '.join(names) or '(none)'}: no public key found")
        return cls(keys, ", ".join(names))

    @classmethod
    def default(cls) -> TrustedKeys:
        """The keys named by SOMA_RELEASE_TRUSTED_KEYS, else the keys committed under release/keys/."""
        configured = os.environ.get(TRUSTED_KEYS_ENV)
        if configured:
            return cls.from_paths(Path(p) for p in configured.split(os.pathsep) if p)
        committed = committed_keys_dir()
        if not committed.is_dir():
            raise SigningKeyError(
                f"no trusted keys: set {TRUSTED_KEYS_ENV} or pass --trusted-keys (release/keys/ of a checkout)"
            )
        return cls.from_paths([committed])


def committed_keys_dir() -> Path:
    """release/keys/ of this checkout: the trusted public keys committed with the tooling."""
    return Path(__file__).resolve().parent.parent / "keys"


def load_public_key(data: bytes, origin: str) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM (SubjectPublicKeyInfo) bytes."""
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError as exc:
        raise SigningKeyError(f"public key {origin}: not a PEM public key ({exc})") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise SigningKeyError(f"public key {origin}: not an Ed25519 key")
    return key


def load_private_key(data: bytes, origin: str) -> Ed25519PrivateKey:
    """An Ed25519 private key from unencrypted PKCS#8 PEM, or from the base64 of its 32-byte seed."""
    text = data.strip()
    if text.startswith(b"-----BEGIN"):
        try:
            key = serialization.load_pem_private_key(text, password=None)
        except (ValueError, TypeError) as exc:
            raise SigningKeyError(f"signing key {origin}: not an unencrypted PEM private key ({exc})") from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise SigningKeyError(f"signing key {origin}: not an Ed25519 key")
        return key
    try:
        seed = base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise SigningKeyError(f"signing key {origin}: neither PEM nor base64") from exc
    if len(seed) != 32:
        raise SigningKeyError(f"signing key {origin}: a base64 seed must decode to 32 bytes, not {len(seed)}")
    return Ed25519PrivateKey.from_private_bytes(seed)


def signing_key_from_env(path: Path | None = None) -> Ed25519PrivateKey:
    """The signing key from `path`, else SOMA_RELEASE_SIGNING_KEY, else the file in SOMA_RELEASE_SIGNING_KEY_FILE."""
    if path is not None:
        return load_private_key(_read(path), str(path))
    value = os.environ.get(SIGNING_KEY_ENV)
    if value:
        return load_private_key(value.encode(), SIGNING_KEY_ENV)
    file = os.environ.get(SIGNING_KEY_FILE_ENV)
    if file:
        return load_private_key(_read(Path(file)), file)
    raise SigningKeyError(f"no signing key: pass --signing-key or set {SIGNING_KEY_ENV} or {SIGNING_KEY_FILE_ENV}")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SigningKeyError(f"signing key {path}: {exc.strerror}") from exc


def private_key_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def public_key_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def sign(data: bytes, key: Ed25519PrivateKey) -> bytes:
    """The detached signature document (bytes of the `.sig` file) over `data`."""
    document = {
        "algorithm": ALGORITHM,
        "key_id": key_id(key.public_key()),
        "signature": base64.b64encode(key.sign(data)).decode("ascii"),
    }
    return (json.dumps(document, indent=2) + "\n").encode()


def verify(data: bytes, signature: bytes | None, trusted: TrustedKeys, location: str) -> str:
    """Check a detached signature over `data`; return the id of the key that signed it.

    Raises:
        SignatureError: the signature is missing, malformed, made by a key not in `trusted`,
            or does not match the bytes.
    """
    if signature is None:
        raise SignatureError(location, f"missing (expected {location}{SIGNATURE_SUFFIX})")
    try:
        document = json.loads(signature)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SignatureError(location, f"is not JSON ({exc})") from exc
    if not isinstance(document, dict):
        raise SignatureError(location, "is not a JSON object")
    if document.get("algorithm") != ALGORITHM:
        raise SignatureError(location, f"algorithm {document.get('algorithm')!r} is not {ALGORITHM!r}")
    kid = document.get("key_id")
    value = document.get("signature")
    if not isinstance(kid, str) or not isinstance(value, str):
        raise SignatureError(location, "needs string fields key_id and signature")
    public = trusted.keys.get(kid)
    if public is None:
        raise SignatureError(location, f"key {kid} is not trusted (trusted: {trusted.source})")
    try:
        raw = base64.b64decode(value, validate=True)
    except binascii.Error as exc:
        raise SignatureError(location, "value is not base64") from exc
    try:
        public.verify(raw, data)
    except InvalidSignature as exc:
        raise SignatureError(location, f"does not verify with key {kid}: the manifest bytes were changed") from exc
    return kid
