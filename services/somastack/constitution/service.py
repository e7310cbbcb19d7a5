"""The constitution use cases: read the active one (cached), validate, load, list and roll back versions."""

from __future__ import annotations

import base64
import json
import logging
import re
import time
from collections.abc import Callable, Sequence

from somastack.constitution import model
from somastack.constitution.canonical import (
    NotCanonicalizable,
    canonical_bytes,
    checksum_of_bytes,
    document_from_canonical,
)
from somastack.constitution.model import (
    Activation,
    ActivationKind,
    ActivationStatus,
    Active,
    Document,
    Outcome,
    Page,
    Problem,
    QuorumReport,
    Signature,
    SignatureInvalid,
    StoredVersion,
    ValidationReport,
    VersionView,
)
from somastack.constitution.ports import ConstitutionStore
from somastack.constitution.signatures import TrustedSigners
from somastack.constitution.validation import check_document, check_version
from somastack.platform import paging
from somastack.platform.cache import Cache, CacheUnavailable
from somastack.platform.errors import (
    Aborted,
    AlreadyExists,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    invalid,
)

_log = logging.getLogger(__name__)

ACTIVE_KEY = "active"
#: Stored versions never change, so their cache entries only expire to bound memory.
VERSION_TTL_SECONDS = 86400.0
_CHECKSUM = re.compile(r"^[0-9a-f]{64}$")


def version_key(checksum: str) -> str:
    return f"version:{checksum}"


# -- cache codec: JSON, readable in redis-cli ---------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def encode_stored(stored: StoredVersion) -> bytes:
    return json.dumps(
        {
            "canonical": stored.canonical.decode("utf-8"),
            "signatures": [[s.signer_id, _b64(s.signature)] for s in stored.signatures],
            "signers": list(stored.signers),
            "loadedAt": stored.loaded_at,
            "loadedBy": stored.loaded_by,
            "seq": stored.seq,
        }
    ).encode()


def decode_stored(data: bytes) -> StoredVersion:
    raw = json.loads(data)
    canonical = raw["canonical"].encode("utf-8")
    return StoredVersion(
        document=document_from_canonical(canonical),
        checksum=checksum_of_bytes(canonical),
        canonical=canonical,
        signatures=tuple(Signature(s, base64.b64decode(sig)) for s, sig in raw["signatures"]),
        signers=tuple(raw["signers"]),
        loaded_at=raw["loadedAt"],
        loaded_by=raw["loadedBy"],
        seq=raw["seq"],
    )


def encode_active(active: Active) -> bytes:
    return json.dumps(
        {
            "checksum": active.checksum,
            "version": active.version,
            "activatedAt": active.activated_at,
            "activatedBy": active.activated_by,
            "signers": list(active.signers),
            "kind": active.kind.value,
        }
    ).encode()


def decode_active(data: bytes) -> Active:
    raw = json.loads(data)
    return Active(
        checksum=raw["checksum"],
        version=raw["version"],
        activated_at=raw["activatedAt"],
        activated_by=raw["activatedBy"],
        signers=tuple(raw["signers"]),
        kind=ActivationKind(raw["kind"]),
    )


def _quorum_error(report: QuorumReport) -> FailedPrecondition:
    untrusted = f"; not trusted: {', '.join(report.untrusted)}" if report.untrusted else ""
    signed = ", ".join(report.signers) or "none"
    return FailedPrecondition(
        model.QUORUM_NOT_MET,
        f"{report.have} trusted signer(s) signed ({signed}) but the quorum is {report.need}{untrusted}",
        metadata={
            "have": str(report.have),
            "need": str(report.need),
            "signers": ",".join(report.signers),
            "untrusted": ",".join(report.untrusted),
        },
    )


class Constitutions:
    """Use cases over the platform's constitution. Platform-wide: no tenant is involved."""

    def __init__(
        self,
        store: ConstitutionStore,
        trust: TrustedSigners,
        cache: Cache,
        *,
        active_ttl: float = 60.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        self._trust = trust
        self._cache = cache
        self._active_ttl = active_ttl
        self._clock = clock

    # -- cache --------------------------------------------------------------------------------
    # The cache only saves reads; when it is down the store answers, so a cache outage never fails a call.

    async def _cache_get(self, key: str) -> bytes | None:
        try:
            return await self._cache.get(key)
        except CacheUnavailable:
            _log.warning("constitution cache unavailable; reading %r from the store", key)
            return None

    async def _cache_set(self, key: str, value: bytes, ttl: float) -> None:
        try:
            await self._cache.set(key, value, ttl=ttl)
        except CacheUnavailable:
            _log.warning("constitution cache unavailable; %r not cached", key)

    async def forget_active(self) -> None:
        """Drops the cached active pointer: called after an activation and on every `constitution.updated` event.

        Raises CacheUnavailable, so that the event consumer retries an invalidation that did not happen.
        """
        await self._cache.delete(ACTIVE_KEY)

    async def _active(self) -> Active | None:
        cached = await self._cache_get(ACTIVE_KEY)
        if cached is not None:
            return decode_active(cached)
        active = await self._store.active()
        if active is not None:
            await self._cache_set(ACTIVE_KEY, encode_active(active), self._active_ttl)
        return active

    async def _stored(self, checksum: str) -> StoredVersion | None:
        cached = await self._cache_get(version_key(checksum))
        if cached is not None:
            return decode_stored(cached)
        stored = await self._store.get(checksum=checksum)
        if stored is not None:
            await self._cache_set(version_key(checksum), encode_stored(stored), VERSION_TTL_SECONDS)
        return stored

    # -- reads --------------------------------------------------------------------------------

    async def get_checksum(self) -> Active:
        """The active pointer. NOT_FOUND (CONSTITUTION_NOT_FOUND) before the first load."""
        active = await self._active()
        if active is None:
            raise NotFound(model.NOT_FOUND, "constitution", "constitution")
        return active

    async def get_active(self) -> VersionView:
        """The active constitution. NOT_FOUND (CONSTITUTION_NOT_FOUND) before the first load."""
        active = await self.get_checksum()
        stored = await self._stored(active.checksum)
        if stored is None:  # the store keeps every version it ever activated; this is a broken database
            raise RuntimeError(f"active checksum {active.checksum} has no stored version")
        return VersionView(stored, active)

    async def list_versions(self, size: int, token: str) -> Page[VersionView]:
        """Loaded versions, the most recently loaded first."""
        limit = paging.page_size(size, default=20, maximum=100)
        after = paging.decode_token(token)
        if after and not after.isdigit():
            raise invalid("page_token", "is not a token this service issued")
        rows = await self._store.list_versions(before=int(after or 0), limit=limit + 1)
        active = await self._store.active()
        return Page(
            [VersionView(row, active) for row in rows[:limit]],
            paging.next_token([str(row.seq) for row in rows], limit),
        )

    # -- validation ---------------------------------------------------------------------------

    def _signature_problems(self, report: QuorumReport, field: str) -> list[Problem]:
        problems = [Problem(v.field, v.description) for v in report.malformed]
        problems += [
            Problem(where, f"the signature of trusted signer {signer!r} {why}", model.SIGNATURE_INVALID)
            for where, signer, why in report.invalid
        ]
        if not report.met:
            problems.append(Problem(field, _quorum_error(report).message, model.QUORUM_NOT_MET))
        return problems

    async def validate_document(self, document: Document, signatures: Sequence[Signature]) -> ValidationReport:
        """Everything Load would check, reported as problems instead of raised."""
        problems = [Problem(v.field, v.description) for v in check_document(document, "constitution.")]
        active = await self._active()
        try:
            digest = checksum_of_bytes(canonical_bytes(document))
        except NotCanonicalizable:  # NaN or infinity: check_document reported the field already
            return ValidationReport("", tuple(problems), (), active.checksum if active else "", document.version)
        report = self._trust.check(digest, signatures)
        problems += self._signature_problems(report, "signatures")
        if document.version and not check_version(document.version):
            taken = await self._store.get(version=document.version)
            if taken is not None and taken.checksum != digest:
                problems.append(
                    Problem(
                        "constitution.version",
                        f"version {document.version!r} was loaded with another document ({taken.checksum})",
                        model.VERSION_EXISTS,
                    )
                )
        return ValidationReport(
            digest, tuple(problems), report.signers, active.checksum if active else "", document.version
        )

    async def validate_checksum(self, checksum: str) -> ValidationReport:
        """Whether `checksum` is the active constitution's, with the version loaded under it."""
        if not _CHECKSUM.match(checksum):
            raise invalid("checksum", "must be 64 lowercase hex characters (a SHA-256)")
        active = await self._active()
        stored = await self._stored(checksum)
        problems: tuple[Problem, ...] = ()
        if active is None or active.checksum != checksum:
            current = active.checksum if active else "none"
            problems = (
                Problem("checksum", f"is not the active constitution (active: {current})", model.CHECKSUM_MISMATCH),
            )
        return ValidationReport(
            checksum,
            problems,
            stored.signers if stored else (),
            active.checksum if active else "",
            stored.document.version if stored else "",
        )

    # -- changes ------------------------------------------------------------------------------

    def _verify(self, checksum: str, signatures: Sequence[Signature]) -> QuorumReport:
        report = self._trust.check(checksum, signatures)
        if report.malformed:
            raise InvalidArgument(*report.malformed)
        if report.invalid:
            where, signer, why = report.invalid[0]
            raise SignatureInvalid(signer, where, why)
        if not report.met:
            raise _quorum_error(report)
        return report

    async def _activate(self, activation: Activation, stored: StoredVersion) -> Outcome:
        result = await self._store.activate(activation)
        if result.status is ActivationStatus.CONFLICT:
            current = result.current.checksum if result.current else ""
            raise Aborted(
                model.ETAG_MISMATCH,
                f"the active constitution is {current or 'none'}, not {activation.expected_active}",
                metadata={"activeChecksum": current},
            )
        if result.status is ActivationStatus.VERSION_TAKEN:
            error = AlreadyExists(model.VERSION_EXISTS, "constitution version", activation.version)
            error.metadata["checksum"] = result.conflicting_checksum
            raise error
        if result.status is ActivationStatus.ACTIVATED:
            # Read-your-writes in this process; other processes drop theirs on the `constitution.updated` event.
            try:
                await self.forget_active()
            except CacheUnavailable:
                _log.warning("constitution cache unavailable; the active pointer expires within its TTL")
        return Outcome(VersionView(stored, result.current), result.status is ActivationStatus.ACTIVATED)

    async def load(
        self, actor: str, document: Document, signatures: Sequence[Signature], *, expected_active: str = ""
    ) -> Outcome:
        """Verifies and activates a document (see ConstitutionService.Load for every error)."""
        violations = check_document(document, "constitution.")
        if violations:
            raise InvalidArgument(*violations)
        canonical = canonical_bytes(document)
        digest = checksum_of_bytes(canonical)
        report = self._verify(digest, signatures)
        now = self._clock()
        stored = await self._store.get(checksum=digest)
        new = None
        if stored is None:
            taken = await self._store.get(version=document.version)
            if taken is not None:
                error = AlreadyExists(model.VERSION_EXISTS, "constitution version", document.version)
                error.metadata["checksum"] = taken.checksum
                raise error
            stored = new = StoredVersion(document, digest, canonical, tuple(signatures), report.signers, now, actor)
        activation = Activation(
            checksum=digest,
            version=document.version,
            kind=ActivationKind.LOAD,
            signers=report.signers,
            actor=actor,
            now=now,
            new=new,
            expected_active=expected_active,
        )
        return await self._activate(activation, stored)

    async def rollback(
        self, actor: str, *, version: str = "", checksum: str = "", expected_active: str = ""
    ) -> Outcome:
        """Activates a version loaded before, after verifying its signatures against today's trust."""
        if bool(version) == bool(checksum):
            raise InvalidArgument(
                FieldViolation("version", "set exactly one of version and checksum"),
                FieldViolation("checksum", "set exactly one of version and checksum"),
            )
        if checksum and not _CHECKSUM.match(checksum):
            raise invalid("checksum", "must be 64 lowercase hex characters (a SHA-256)")
        stored = await self._store.get(checksum=checksum, version=version)
        if stored is None:
            name = f"constitution/versions/{version}" if version else f"constitution/checksums/{checksum}"
            raise NotFound(model.NOT_FOUND, "constitution version", name)
        report = self._verify(stored.checksum, stored.signatures)
        activation = Activation(
            checksum=stored.checksum,
            version=stored.document.version,
            kind=ActivationKind.ROLLBACK,
            signers=report.signers,
            actor=actor,
            now=self._clock(),
            expected_active=expected_active,
        )
        return await self._activate(activation, stored)
