"""Secrets sealed at rest: envelope encryption (AES-256-GCM) under key-encryption keys (KEKs) kept outside the database.

A sealed value is text that describes itself: `sealed:v1:<key id>:<base64url(nonce || ciphertext || tag)>`. The
version and key id say how to open it; the record it belongs to (service, table, column, primary key) is bound as
associated data, with the version and key id, so a value copied into another row, column or service fails to open.

The keys come from `SOMA_KEK_FILE` (a file an operator mounts: a Vault agent template, a Kubernetes secret) or
`SOMA_KEK`: one key a line (or comma-separated), `<id>=<base64 of 32 bytes>`, the first one current. The others
only open what they sealed, which is how a key is rotated without downtime: put the new key first, keep the old,
re-wrap (`soma secrets rewrap`), then drop the old. A file is read again when it changes, and at once when a value
names a key id not seen yet, so running services follow a rotation without a restart.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import os
import re
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from somastack.platform.errors import FailedPrecondition

_log = logging.getLogger(__name__)

VERSION = "v1"
PREFIX = f"sealed:{VERSION}:"
KEY_BYTES = 32
NONCE_BYTES = 12
#: A key id is short and plain, since it is stored in the clear in every value it seals.
_KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
#: How often a key file is looked at (its mtime and size) for a change: a rotation is seen within this long.
FILE_CHECK_SECONDS = 1.0


class SealingError(FailedPrecondition):
    """A sealed value cannot be opened: its key is not configured, or it was altered or moved. The operator restores
    the key (SOMA_KEK_FILE / SOMA_KEK); the client cannot fix this, so the call fails with a precondition."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(reason, message)


class KeyConfigError(ValueError):
    """The key-encryption key configuration is missing or malformed: the process refuses to start."""


@dataclass(frozen=True)
class Kek:
    """One key-encryption key and the id stored next to what it seals."""

    id: str
    key: bytes = b""

    def __repr__(self) -> str:  # never the key itself, not even in a traceback
        return f"Kek(id={self.id!r})"


def key_id_of(key: bytes) -> str:
    """The id of a key given without one: a digest prefix, stable wherever the same key is configured."""
    return "k" + hashlib.sha256(b"soma-kek-id" + key).hexdigest()[:12]


def _entry(text: str, where: str) -> Kek:
    kid, equals, encoded = text.partition("=") if "=" in text.rstrip("=") else ("", "", text)
    if equals and not kid:
        raise KeyConfigError(f"{where}: an entry `=<key>` has an empty key id")
    try:
        key = base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise KeyConfigError(f"{where}: a key is not valid base64") from None
    if len(key) != KEY_BYTES:
        raise KeyConfigError(f"{where}: a key must be {KEY_BYTES} bytes (AES-256), not {len(key)}")
    kid = kid.strip() or key_id_of(key)
    if not _KEY_ID.match(kid):
        raise KeyConfigError(f"{where}: key id {kid[:40]!r} must be 1-32 of A-Z a-z 0-9 _ . -")
    return Kek(kid, key)


def parse_keys(text: str, where: str) -> tuple[Kek, ...]:
    """The keys of a KEK file or variable, current first; `#` comments and blank lines are skipped."""
    lines = [line.strip() for line in text.splitlines()]
    entries = [part.strip() for line in lines if not line.startswith("#") for part in line.split(",")]
    keys = tuple(_entry(entry, where) for entry in entries if entry)
    if not keys:
        raise KeyConfigError(f"{where}: no key-encryption key in it")
    ids = [k.id for k in keys]
    if len(set(ids)) != len(ids):
        raise KeyConfigError(f"{where}: a key id appears twice")
    return keys


def new_key_line(kid: str | None = None) -> str:
    """A fresh random key as one line of a KEK file (`<id>=<base64>`)."""
    key = secrets.token_bytes(KEY_BYTES)
    return f"{kid or key_id_of(key)}={base64.b64encode(key).decode()}"


class KeyFile:
    """The keys in a file, read again when its mtime or size changes (looked at once a second at most)."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self._clock = clock
        self._stamp: tuple[int, int] | None = None
        self._checked = float("-inf")
        self._keys: tuple[Kek, ...] = ()
        self.keys(force=True)

    def keys(self, *, force: bool = False) -> tuple[Kek, ...]:
        now = self._clock()
        if not force and now - self._checked < FILE_CHECK_SECONDS:
            return self._keys
        self._checked = now
        try:
            stat = self.path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
            if stamp != self._stamp:
                self._keys = parse_keys(self.path.read_text(), f"key file {self.path}")
                self._stamp = stamp
        except (OSError, KeyConfigError) as exc:
            if not self._keys:
                raise KeyConfigError(str(exc)) from None
            # A file being replaced, or a bad edit: keep the keys last read rather than stop unsealing.
            _log.warning("key-encryption keys not re-read, the last ones stay in use: %s", exc)
        return self._keys


class FixedKeys:
    """Keys given once (SOMA_KEK, tests): a change needs a restart."""

    def __init__(self, keys: Sequence[Kek]) -> None:
        self._keys = tuple(keys)

    def keys(self, *, force: bool = False) -> tuple[Kek, ...]:
        return self._keys


def _aad(kid: str, record: Sequence[str]) -> bytes:
    # Length-prefixed parts: no choice of ids can make two different records read alike.
    parts = [VERSION, kid, *record]
    return b"".join(len(p.encode()).to_bytes(4, "big") + p.encode() for p in parts)


def key_of(value: str | bytes | None) -> str | None:
    """The key id a sealed value names; None for a value that is not sealed (plaintext, or nothing)."""
    if value is None:
        return None
    text = value.decode("ascii", "replace") if isinstance(value, bytes) else value
    if not text.startswith(PREFIX):
        return None
    return text[len(PREFIX) :].partition(":")[0] or None


class Sealer:
    """Seals and opens the secrets of one service's records with its key-encryption keys."""

    def __init__(self, source: KeyFile | FixedKeys) -> None:
        self._source = source

    @classmethod
    def of_keys(cls, *keys: Kek) -> Sealer:
        return cls(FixedKeys(keys))

    @classmethod
    def ephemeral(cls) -> Sealer:
        """A sealer with one random key held in memory only (tests, throw-away stores)."""
        return cls.of_keys(Kek("ephemeral", secrets.token_bytes(KEY_BYTES)))

    @property
    def current(self) -> str:
        """The id of the key new values are sealed with."""
        return self._source.keys()[0].id

    def key_ids(self) -> tuple[str, ...]:
        return tuple(k.id for k in self._source.keys())

    def seal(self, plaintext: bytes, *record: str) -> str:
        """`plaintext` sealed with the current key for `record` (e.g. `identity`, `credentials`, `totp_secret`,
        tenant, user): only the same record opens it."""
        kek = self._source.keys()[0]
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(kek.key).encrypt(nonce, plaintext, _aad(kek.id, record))
        return f"{PREFIX}{kek.id}:{base64.urlsafe_b64encode(nonce + sealed).decode().rstrip('=')}"

    def unseal(self, value: str | bytes, *record: str) -> bytes:
        """Opens a value sealed for `record`.

        Raises:
            SealingError: SECRET_NOT_SEALED (plaintext where a sealed value belongs), SEALING_KEY_UNKNOWN (no
                configured key has its id), SECRET_UNSEALABLE (altered, truncated or sealed for another record).
        """
        text = value.decode("ascii", "replace") if isinstance(value, bytes) else value
        kid = key_of(text)
        if kid is None:
            raise SealingError("SECRET_NOT_SEALED", f"{'/'.join(record[:3])} holds a value that is not sealed")
        kek = self._key(kid)
        body = text[len(PREFIX) + len(kid) + 1 :]
        try:
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            return AESGCM(kek.key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(kid, record))
        except (InvalidTag, binascii.Error, ValueError):
            raise SealingError(
                "SECRET_UNSEALABLE", f"a sealed value of {'/'.join(record[:3])} does not open: altered or moved"
            ) from None

    def _key(self, kid: str) -> Kek:
        for force in (False, True):  # an unknown id: maybe a key added since the file was read
            found = next((k for k in self._source.keys(force=force) if k.id == kid), None)
            if found is not None:
                return found
        raise SealingError(
            "SEALING_KEY_UNKNOWN", f"no configured key-encryption key has the id {kid!r} (SOMA_KEK_FILE / SOMA_KEK)"
        )
