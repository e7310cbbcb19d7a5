"""Release manifests (soma.release-manifest.v1): read, validate, verify the signature and the artifacts; write.

Reading a manifest, in one call::

    from soma_release.manifest import load_manifest, fetch_artifact
    from soma_release.keys import TrustedKeys

    release = load_manifest("manifests/releases/contracts-v1.0.0/contracts-release-manifest.json",
                            TrustedKeys.default())
    descriptor_set = fetch_artifact(release, "soma-contracts-1.0.0.binpb")   # a verified local path

`load_manifest` reads the manifest and its detached `.sig` from a path or an http(s) URL,
verifies the Ed25519 signature against the trusted keys, then validates the document
against `manifests/release-manifest.v1.schema.json` and the rules the schema cannot
say (tag matches type and version, unique artifact names). `verify_artifact` and
`fetch_artifact` check an artifact's size and sha256 by name. Every refusal is a typed
error from `soma_release.errors` that names the manifest or the artifact.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final
from urllib.parse import urljoin, urlparse

import httpx
import jsonschema
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from soma_release import keys
from soma_release.errors import (
    ArtifactIntegrityError,
    ArtifactNotFoundError,
    ManifestError,
)
from soma_release.keys import TrustedKeys

SCHEMA_VERSION: Final = "soma.release-manifest.v1"
RELEASE_TYPES: Final = ("contracts", "daemons", "desktop", "bundle")
SCHEMA_FILE: Final = "release-manifest.v1.schema.json"
#: The kind of an artifact that is another artifact's CycloneDX SBOM.
SBOM_KIND: Final = "sbom"
_CHUNK = 1 << 16


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of v1 manifests, as shipped with this package."""
    text = resources.files("soma_release").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator() -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema())
    return jsonschema.Draft202012Validator(schema())


@dataclass(frozen=True)
class Artifact:
    """One file of a release, as its manifest describes it."""

    name: str
    os: str
    arch: str
    url: str
    sha256: str
    size: int
    kind: str | None = None
    app: str | None = None
    #: The name of the artifact (of kind `sbom`) that is this artifact's CycloneDX SBOM.
    sbom: str | None = None

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {"name": self.name}
        if self.kind is not None:
            document["kind"] = self.kind
        if self.app is not None:
            document["app"] = self.app
        document.update(os=self.os, arch=self.arch, url=self.url, sha256=self.sha256, size=self.size)
        if self.sbom is not None:
            document["sbom"] = self.sbom
        return document

    @classmethod
    def from_file(
        cls, path: Path, *, url: str, kind: str | None, app: str | None = None, os: str = "any", arch: str = "any"
    ) -> Artifact:
        """Describe a file: its name, sha256 and size, with the given url, kind/app and platform."""
        sha256, size = sha256_file(path)
        return cls(name=path.name, os=os, arch=arch, url=url, sha256=sha256, size=size, kind=kind, app=app)

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> Artifact:
        return cls(
            name=document["name"],
            os=document["os"],
            arch=document["arch"],
            url=document["url"],
            sha256=document["sha256"],
            size=document["size"],
            kind=document.get("kind"),
            app=document.get("app"),
            sbom=document.get("sbom"),
        )


@dataclass(frozen=True)
class SourceRelease:
    """An upstream release a bundle was made from."""

    release_type: str
    repo: str
    tag: str
    version: str
    manifest: str
    manifest_sha256: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "release_type": self.release_type,
            "repo": self.repo,
            "tag": self.tag,
            "version": self.version,
            "manifest": self.manifest,
            "manifest_sha256": self.manifest_sha256,
        }

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> SourceRelease:
        return cls(
            release_type=document["release_type"],
            repo=document["repo"],
            tag=document["tag"],
            version=document["version"],
            manifest=document["manifest"],
            manifest_sha256=document["manifest_sha256"],
        )


@dataclass(frozen=True)
class Manifest:
    """The content of a v1 release manifest."""

    release_type: str
    version: str
    tag: str
    repo: str
    artifacts: tuple[Artifact, ...]
    source_releases: tuple[SourceRelease, ...] = ()
    commit: str | None = None
    source_date_epoch: int | None = None

    @property
    def file_name(self) -> str:
        """The asset name a release publishes this manifest under: `{release_type}-release-manifest.json`."""
        return manifest_file_name(self.release_type)

    def artifact(self, name: str) -> Artifact:
        """The artifact called `name`; ArtifactNotFoundError when the manifest does not list it."""
        for artifact in self.artifacts:
            if artifact.name == name:
                return artifact
        listed = ", ".join(a.name for a in self.artifacts) or "none"
        raise ArtifactNotFoundError(name, f"not listed in the {self.tag} manifest (it lists: {listed})")

    def sbom_of(self, artifact: Artifact) -> Artifact | None:
        """The SBOM artifact `artifact` names, None when it names none (a release made before SBOMs)."""
        return None if artifact.sbom is None else self.artifact(artifact.sbom)

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "release_type": self.release_type,
            "version": self.version,
            "tag": self.tag,
            "repo": self.repo,
        }
        if self.commit is not None:
            document["commit"] = self.commit
        if self.source_date_epoch is not None:
            document["source_date_epoch"] = self.source_date_epoch
        document["source_releases"] = [s.to_json() for s in self.source_releases]
        document["artifacts"] = [a.to_json() for a in sorted(self.artifacts, key=lambda a: a.name)]
        return document

    def to_bytes(self) -> bytes:
        """The manifest as published: stable key order, artifacts sorted by name, two-space indent."""
        return (json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


@dataclass(frozen=True)
class LoadedManifest:
    """A manifest whose signature verified, with where it came from."""

    manifest: Manifest
    #: The exact bytes that were signed.
    raw: bytes
    #: Where it was read from: a path, a URL or a release asset, for messages and provenance.
    location: str
    #: The id of the trusted key that signed it.
    key_id: str
    #: The directory or URL its relative artifact URLs resolve against, and where sibling assets are looked up.
    base: str | Path | None = field(default=None, compare=False)

    @property
    def sha256(self) -> str:
        """sha256 of the manifest bytes (what a bundle records about its upstream releases)."""
        return hashlib.sha256(self.raw).hexdigest()

    def read_artifact(self, name: str, *, http: httpx.Client | None = None) -> bytes:
        """The bytes of artifact `name`, size and sha256 verified (see `fetch_artifact` for where from)."""
        if isinstance(self.base, Path):
            return fetch_artifact(self, name).read_bytes()
        with tempfile.TemporaryDirectory(prefix="soma-release-") as scratch:
            return fetch_artifact(self, name, Path(scratch), http=http).read_bytes()


def manifest_file_name(release_type: str) -> str:
    return f"{release_type}-release-manifest.json"


def expected_tag(release_type: str, version: str) -> str:
    """The tag a release of this type and version carries: `{type}-v{version}`, or `bundle-{label}`."""
    return f"bundle-{version}" if release_type == "bundle" else f"{release_type}-v{version}"


def parse_manifest(data: bytes, location: str) -> Manifest:
    """Parse and validate manifest bytes (no signature check: use `read_manifest` for published ones).

    Raises:
        ManifestError: not UTF-8 JSON, a schema_version other than soma.release-manifest.v1,
            a schema violation (named by its JSON path), a tag that does not match the type
            and version, or two artifacts with one name.
    """
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(location, f"is not UTF-8 JSON ({exc})") from exc
    return manifest_from_json(document, location)


def manifest_from_json(document: Any, location: str) -> Manifest:
    """Validate a decoded manifest document and build the Manifest (see `parse_manifest`)."""
    if not isinstance(document, dict):
        raise ManifestError(location, "is not a JSON object")
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ManifestError(location, f"schema_version {version!r} is not {SCHEMA_VERSION!r}")
    errors = sorted(_validator().iter_errors(document), key=lambda e: (list(e.absolute_path), e.message))
    if errors:
        first = errors[0]
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first.absolute_path) or "(root)"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ManifestError(location, f"{where}: {first.message}{more}")
    release_type, release_version, tag = document["release_type"], document["version"], document["tag"]
    if tag != expected_tag(release_type, release_version):
        raise ManifestError(location, f"tag {tag!r} does not match {expected_tag(release_type, release_version)!r}")
    artifacts = tuple(Artifact.from_json(a) for a in document["artifacts"])
    _check_names(artifacts, location)
    return Manifest(
        release_type=release_type,
        version=release_version,
        tag=tag,
        repo=document["repo"],
        artifacts=artifacts,
        source_releases=tuple(SourceRelease.from_json(s) for s in document.get("source_releases", [])),
        commit=document.get("commit"),
        source_date_epoch=document.get("source_date_epoch"),
    )


def _check_names(artifacts: tuple[Artifact, ...], location: str) -> None:
    """Artifact names are unique, and each `sbom` names a listed artifact of kind sbom (never itself)."""
    kinds: dict[str, str | None] = {}
    for artifact in artifacts:
        if artifact.name in kinds:
            raise ManifestError(location, f"artifacts: {artifact.name} is listed twice")
        kinds[artifact.name] = artifact.kind
    for artifact in artifacts:
        if artifact.sbom is None:
            continue
        if artifact.sbom not in kinds:
            raise ManifestError(location, f"artifacts: the SBOM of {artifact.name}, {artifact.sbom}, is not listed")
        if kinds[artifact.sbom] != SBOM_KIND or artifact.sbom == artifact.name:
            raise ManifestError(location, f"artifacts: {artifact.name} names {artifact.sbom} as SBOM, not an sbom")


def read_manifest(
    data: bytes,
    signature: bytes | None,
    trusted: TrustedKeys,
    location: str,
    *,
    base: str | Path | None = None,
) -> LoadedManifest:
    """Verify the detached signature over `data` with a trusted key, then parse and validate it.

    Raises:
        SignatureError: missing, malformed, untrusted or not matching.
        ManifestError: see `parse_manifest`.
    """
    kid = keys.verify(data, signature, trusted, location)
    return LoadedManifest(parse_manifest(data, location), data, location, kid, base)


def load_manifest(
    location: str | Path,
    trusted: TrustedKeys | None = None,
    *,
    http: httpx.Client | None = None,
) -> LoadedManifest:
    """Load a signed manifest from a path or an http(s) URL and verify it.

    The signature is read from the same place with `.sig` appended. `trusted` defaults to
    `TrustedKeys.default()` (SOMA_RELEASE_TRUSTED_KEYS, else release/keys/).

    Raises:
        ManifestError: it cannot be read, or does not validate.
        SignatureError: the signature is missing or does not verify with a trusted key.
    """
    trusted = trusted if trusted is not None else TrustedKeys.default()
    text = str(location)
    if _is_url(text):
        client = http or httpx.Client(follow_redirects=True, timeout=60)
        try:
            data = _get(client, text)
            if data is None:
                raise ManifestError(text, "not found (HTTP 404)")
            signature = _get(client, text + keys.SIGNATURE_SUFFIX)
        finally:
            if http is None:
                client.close()
        return read_manifest(data, signature, trusted, text, base=text)
    path = Path(location)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ManifestError(text, f"cannot be read ({exc.strerror})") from exc
    sig_path = path.with_name(path.name + keys.SIGNATURE_SUFFIX)
    signature = sig_path.read_bytes() if sig_path.is_file() else None
    return read_manifest(data, signature, trusted, text, base=path.parent)


def _is_url(text: str) -> bool:
    return urlparse(text).scheme in ("http", "https")


def _get(client: httpx.Client, url: str) -> bytes | None:
    try:
        response = client.get(url)
    except httpx.HTTPError as exc:
        raise ManifestError(url, f"cannot be fetched ({exc})") from exc
    if response.status_code == 404:
        return None
    if response.status_code != 200:
        raise ManifestError(url, f"cannot be fetched (HTTP {response.status_code})")
    return response.content


def sha256_file(path: Path) -> tuple[str, int]:
    """sha256 hex digest and size of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def check_artifact(artifact: Artifact, sha256: str, size: int) -> None:
    """Compare measured size and sha256 with the manifest's; ArtifactIntegrityError names the artifact."""
    if size != artifact.size:
        raise ArtifactIntegrityError(artifact.name, f"size {size} bytes, the manifest says {artifact.size}")
    if sha256 != artifact.sha256:
        raise ArtifactIntegrityError(artifact.name, f"sha256 {sha256}, the manifest says {artifact.sha256}")


def verify_artifact(manifest: Manifest | LoadedManifest, name: str, path: Path) -> Artifact:
    """Check that the file at `path` is the artifact `name` of the manifest (size and sha256).

    Raises:
        ArtifactNotFoundError: the manifest does not list `name`, or `path` does not exist.
        ArtifactIntegrityError: size or sha256 differ.
    """
    content = manifest.manifest if isinstance(manifest, LoadedManifest) else manifest
    artifact = content.artifact(name)
    if not path.is_file():
        raise ArtifactNotFoundError(name, f"no file at {path}")
    check_artifact(artifact, *sha256_file(path))
    return artifact


def fetch_artifact(
    release: LoadedManifest,
    name: str,
    dest_dir: Path | None = None,
    *,
    http: httpx.Client | None = None,
) -> Path:
    """A verified local copy of artifact `name`.

    For a manifest read from a directory, the artifact is the file of that name next to it
    (returned in place unless `dest_dir` is given). Otherwise it is downloaded from its
    `url` (relative URLs resolve against the manifest's URL) into `dest_dir` (a new
    temporary directory when None). Nothing unverified is left at the returned path.
    """
    artifact = release.manifest.artifact(name)
    if isinstance(release.base, Path):
        local = release.base / name
        verify_artifact(release, name, local)
        if dest_dir is None:
            return local
        dest_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(local, dest_dir / name)
        verify_artifact(release, name, dest_dir / name)
        return dest_dir / name
    url = urljoin(release.base, artifact.url) if isinstance(release.base, str) else artifact.url
    if not _is_url(url):
        raise ArtifactNotFoundError(name, f"url {artifact.url!r} is not an http(s) URL")
    target_dir = dest_dir if dest_dir is not None else Path(tempfile.mkdtemp(prefix="soma-release-"))
    target_dir.mkdir(parents=True, exist_ok=True)
    client = http or httpx.Client(follow_redirects=True, timeout=300)
    try:
        download_verified(client, url, artifact, target_dir / name)
    finally:
        if http is None:
            client.close()
    return target_dir / name


def download_verified(
    client: httpx.Client,
    url: str,
    artifact: Artifact,
    target: Path,
    *,
    headers: Mapping[str, str] | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> None:
    """Stream `url` into `target`, hashing as it goes; keep the file only if size and sha256 match.

    `on_bytes` is called with the size of each chunk received (the CLI's progress bar).
    """
    partial = target.with_name(target.name + ".part")
    digest = hashlib.sha256()
    size = 0
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 404:
                raise ArtifactNotFoundError(artifact.name, f"not found at {url} (HTTP 404)")
            if response.status_code != 200:
                raise ArtifactNotFoundError(
                    artifact.name, f"cannot be downloaded from {url} (HTTP {response.status_code})"
                )
            with partial.open("wb") as out:
                for chunk in response.iter_bytes(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    if size > artifact.size:
                        raise ArtifactIntegrityError(artifact.name, f"larger than the {artifact.size} bytes declared")
                    out.write(chunk)
                    if on_bytes is not None:
                        on_bytes(len(chunk))
        check_artifact(artifact, digest.hexdigest(), size)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def write_manifest(manifest: Manifest, out_dir: Path, signing_key: Ed25519PrivateKey | None) -> Path:
    """Write `{type}-release-manifest.json` (validated first) and, given a key, its `.sig`; return its path."""
    data = manifest.to_bytes()
    parse_manifest(data, manifest.file_name)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / manifest.file_name
    path.write_bytes(data)
    sig = path.with_name(path.name + keys.SIGNATURE_SUFFIX)
    if signing_key is not None:
        sig.write_bytes(keys.sign(data, signing_key))
    else:
        sig.unlink(missing_ok=True)
    return path
