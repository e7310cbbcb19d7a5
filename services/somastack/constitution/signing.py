"""Signing constitutions without a CLI: keys, the checksum of a proto document, Ed25519 signatures for Load.

For signers, tests and tools. The dev stage writes its signer's private key to
`<data dir>/constitution-dev-signer.key` (signer id `dev`), so in dev:

    key = signing.load_private_key(data_dir / signing.DEV_KEY_FILE)
    request = LoadRequest(constitution=doc, signatures=[signing.sign(signing.checksum(doc), key)])
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from soma.constitution.v1 import constitution_pb2
from somastack.constitution.canonical import checksum_of_bytes, message_canonical_bytes
from somastack.constitution.signatures import encode_public_key, signing_message

DEV_SIGNER_ID = "dev"
DEV_KEY_FILE = "constitution-dev-signer.key"


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_pem(key: Ed25519PrivateKey) -> bytes:
    """PKCS#8 PEM, unencrypted (what `openssl genpkey -algorithm ed25519` writes)."""
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def load_private_key(source: Path | str | bytes) -> Ed25519PrivateKey:
    """An Ed25519 private key from PKCS#8 PEM bytes or a file holding them."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    key = serialization.load_pem_private_key(data, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key


def write_private_key(path: Path, key: Ed25519PrivateKey) -> None:
    """Writes the key readable by its owner only, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(private_key_pem(key))
    os.replace(tmp, path)


def public_key(key: Ed25519PrivateKey) -> str:
    """The base64url public key to list in SOMA_CONSTITUTION_TRUSTED_SIGNERS."""
    return encode_public_key(key.public_key())


def checksum(document: constitution_pb2.Constitution) -> str:
    """The checksum the service computes for a document: SHA-256 of its canonical bytes, lowercase hex."""
    return checksum_of_bytes(message_canonical_bytes(document))


def sign(checksum: str, private_key: Ed25519PrivateKey, signer_id: str = DEV_SIGNER_ID) -> constitution_pb2.Signature:
    """One signer's signature over a checksum, ready for `LoadRequest.signatures`."""
    return constitution_pb2.Signature(signer_id=signer_id, signature=private_key.sign(signing_message(checksum)))


def sign_document(
    document: constitution_pb2.Constitution, signers: Mapping[str, Ed25519PrivateKey]
) -> list[constitution_pb2.Signature]:
    """Signatures of a document by each of `signers` (signer id -> private key)."""
    digest = checksum(document)
    return [sign(digest, key, signer_id) for signer_id, key in signers.items()]
