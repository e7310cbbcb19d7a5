"""Ed25519 signatures over a constitution's checksum and the k-of-n quorum of trusted signers."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from somastack.constitution.model import QuorumReport, Signature
from somastack.platform.errors import FieldViolation

#: Signatures cover this prefix and the hex checksum, so a signer's key signs nothing else by accident.
SIGNING_PREFIX = b"soma.constitution.v1:"
SIGNER_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")
_CHECKSUM = re.compile(r"^[0-9a-f]{64}$")


def signing_message(checksum: str) -> bytes:
    """The bytes a signer signs for a checksum (lowercase hex SHA-256)."""
    if not _CHECKSUM.match(checksum):
        raise ValueError(f"not a lowercase hex SHA-256: {checksum!r}")
    return SIGNING_PREFIX + checksum.encode("ascii")


def decode_public_key(text: str) -> Ed25519PublicKey:
    """An Ed25519 public key from base64url (padding optional) of its 32 raw bytes, as in a JWK's `x`."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ValueError("is not base64url") from None
    if len(raw) != 32:
        raise ValueError(f"decodes to {len(raw)} bytes; an Ed25519 public key has 32")
    return Ed25519PublicKey.from_public_bytes(raw)


def encode_public_key(key: Ed25519PublicKey) -> str:
    """base64url without padding of the raw public key."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


@dataclass(frozen=True)
class TrustedSigners:
    """The signers whose signatures count, and how many of them must sign (k of n)."""

    keys: Mapping[str, Ed25519PublicKey]
    quorum: int

    def __post_init__(self) -> None:
        if self.quorum < 0:
            raise ValueError(f"the quorum must not be negative, got {self.quorum}")
        if self.quorum > len(self.keys):
            raise ValueError(f"a quorum of {self.quorum} needs at least as many trusted signers, got {len(self.keys)}")
        for signer in self.keys:
            if not SIGNER_ID.match(signer):
                raise ValueError(f"signer id {signer!r} is malformed: use 1 to 63 of [a-z0-9._-]")

    def check(self, checksum: str, signatures: Iterable[Signature], *, field: str = "signatures") -> QuorumReport:
        """Verifies every signature; untrusted signers are reported but never counted."""
        message = signing_message(checksum)
        valid: list[str] = []
        untrusted: list[str] = []
        invalid: list[tuple[str, str, str]] = []
        malformed: list[FieldViolation] = []
        seen: set[str] = set()
        for i, signature in enumerate(signatures):
            where = f"{field}[{i}]"
            signer = signature.signer_id
            if not signer:
                malformed.append(FieldViolation(f"{where}.signer_id", "required field is missing"))
                continue
            if signer in seen:
                malformed.append(FieldViolation(f"{where}.signer_id", f"signer {signer!r} signed more than once"))
                continue
            seen.add(signer)
            key = self.keys.get(signer)
            if key is None:
                untrusted.append(signer)
                continue
            if len(signature.signature) != 64:
                invalid.append(
                    (f"{where}.signature", signer, f"is {len(signature.signature)} bytes; an Ed25519 signature has 64")
                )
                continue
            try:
                key.verify(signature.signature, message)
            except InvalidSignature:
                invalid.append((f"{where}.signature", signer, "does not verify against the checksum"))
                continue
            valid.append(signer)
        return QuorumReport(
            signers=tuple(sorted(valid)),
            need=self.quorum,
            untrusted=tuple(sorted(untrusted)),
            invalid=tuple(invalid),
            malformed=tuple(malformed),
        )
