"""Manifest-first release discovery for the packaging CLI.

For one layer (daemons or desktop) the release is found in this order:

1. an explicit manifest (`--daemons-manifest PATH|URL`): artifacts come from next to it or its URLs;
2. the release (by `--{layer}-version`, else the highest semver `{layer}-v*` tag) and its
   manifest asset `{layer}-release-manifest.json`, then `release-manifest.json`;
3. legacy: no manifest asset, so artifacts are matched by anchored name patterns
   (`soma-daemon-{version}-{os}-{arch}.tar.gz`, arch aliases amd64/x86_64, arm64/aarch64)
   and checked against the asset's published sha256 digest or a `SHA256SUMS` asset.

Every artifact is verified (size and sha256) before use; a manifest's signature and
schema_version before anything is read from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import httpx

from soma_release import keys
from soma_release.errors import ArtifactIntegrityError, ArtifactNotFoundError, ManifestError, ReleaseError
from soma_release.keys import TrustedKeys
from soma_release.manifest import (
    Artifact,
    LoadedManifest,
    download_verified,
    fetch_artifact,
    load_manifest,
    manifest_file_name,
    read_manifest,
)
from soma_release.platforms import ANY, Platform, normalize_arch, normalize_os
from soma_release.sources import OnBytes, Release, ReleaseSource
from soma_release.tags import newest, tag_for

#: The artifact kind each layer contributes to a bundle.
LAYER_KIND = {"daemons": "daemon", "desktop": "desktop"}
GENERIC_MANIFEST = "release-manifest.json"
LEGACY = "legacy"
_SEMVER = r"[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?"
_OS = r"[a-z][a-z0-9]*"
_ARCH = r"[a-z][a-z0-9_]*"

Fetch = Callable[[Artifact, Path, OnBytes | None], None]


def legacy_pattern(layer: str, version: str) -> re.Pattern[str]:
    """The anchored asset-name pattern of a layer's artifact in a release without a manifest."""
    v = re.escape(version)
    if layer == "daemons":
        return re.compile(rf"^soma-daemon-(?P<version>{v})-(?P<os>{_OS})-(?P<arch>{_ARCH})\.tar\.gz$")
    if layer == "desktop":
        return re.compile(rf"^soma-desktop-(?P<version>{v})(?:-(?P<os>{_OS})-(?P<arch>{_ARCH}))?\.tar\.gz$")
    raise ReleaseError(f"no legacy asset names for {layer} releases")


@dataclass
class ResolvedRelease:
    """One upstream release, found and (for a manifest) verified, ready to hand out artifacts."""

    layer: str
    repo: str
    tag: str
    version: str
    #: None for a legacy release.
    manifest: LoadedManifest | None
    #: Where the manifest was read from, or "legacy".
    manifest_location: str
    artifacts: tuple[Artifact, ...]
    _fetch: Fetch = field(repr=False)
    #: Legacy artifacts that have no published checksum, with the reason, refused when picked.
    unverifiable: dict[str, str] = field(default_factory=dict)

    def pick(self, platform: Platform) -> Artifact:
        """The layer's artifact for `platform` (exact os/arch first, then `any`).

        Raises:
            ArtifactNotFoundError: none fits; the message lists what the release has.
            ArtifactIntegrityError: a legacy artifact without any published checksum.
        """
        kind = LAYER_KIND[self.layer]
        fitting = [
            a
            for a in self.artifacts
            if (a.kind == kind or (a.kind is None and a.app is not None)) and platform.accepts(a.os, a.arch)
        ]
        if not fitting:
            have = ", ".join(f"{a.name} ({a.os}-{a.arch})" for a in self.artifacts) or "nothing"
            raise ArtifactNotFoundError(
                f"{kind} for {platform}", f"release {self.repo} {self.tag} has none (has: {have})"
            )
        chosen = sorted(fitting, key=lambda a: (a.os == ANY, a.arch == ANY, a.name))[0]
        if chosen.name in self.unverifiable:
            raise ArtifactIntegrityError(chosen.name, self.unverifiable[chosen.name])
        return chosen

    def fetch(self, artifact: Artifact, dest_dir: Path, on_bytes: OnBytes | None = None) -> Path:
        """Download `artifact` into `dest_dir`, verified; nothing is left there when it does not match."""
        dest_dir.mkdir(parents=True, exist_ok=True)
        target = dest_dir / artifact.name
        self._fetch(artifact, target, on_bytes)
        return target


def resolve(
    layer: str,
    *,
    source: ReleaseSource | None,
    repo: str | None,
    manifest_ref: str | None,
    version: str | None,
    trusted: TrustedKeys,
    http: httpx.Client,
) -> ResolvedRelease:
    """Find and verify the release of `layer` to package (see the module docstring for the order)."""
    if manifest_ref is not None:
        return _from_explicit_manifest(layer, manifest_ref, version, trusted, http)
    if source is None or repo is None:
        raise ReleaseError(f"{layer}: pass --{layer}-repo (or --{layer}-manifest)")
    if version is not None:
        release = source.release(repo, tag_for(layer, version))
    else:
        listed = [(r.tag, r) for r in source.releases(repo) if not r.draft]
        _, _, release = newest(layer, listed)
    release_version = release.tag.removeprefix(tag_for(layer, ""))
    for name in (manifest_file_name(layer), GENERIC_MANIFEST):
        if release.asset(name) is not None:
            return _from_manifest_asset(layer, source, release, name, trusted)
    return _legacy(layer, source, release, release_version)


def _check_layer(layer: str, loaded: LoadedManifest) -> None:
    if loaded.manifest.release_type != layer:
        raise ManifestError(loaded.location, f"release_type is {loaded.manifest.release_type!r}, expected {layer!r}")


def _from_explicit_manifest(
    layer: str, ref: str, version: str | None, trusted: TrustedKeys, http: httpx.Client
) -> ResolvedRelease:
    loaded = load_manifest(ref, trusted, http=http)
    _check_layer(layer, loaded)
    manifest = loaded.manifest
    if version is not None and manifest.version != version:
        raise ManifestError(ref, f"is version {manifest.version}, but --{layer}-version asks for {version}")

    def fetch(artifact: Artifact, target: Path, on_bytes: OnBytes | None) -> None:
        if isinstance(loaded.base, Path):
            fetched = fetch_artifact(loaded, artifact.name, target.parent, http=http)
            if on_bytes is not None:
                on_bytes(artifact.size)
            if fetched != target:
                fetched.replace(target)
            return
        url = urljoin(str(loaded.base), artifact.url)
        download_verified(http, url, artifact, target, on_bytes=on_bytes)

    return ResolvedRelease(layer, manifest.repo, manifest.tag, manifest.version, loaded, ref, manifest.artifacts, fetch)


def _from_manifest_asset(
    layer: str, source: ReleaseSource, release: Release, name: str, trusted: TrustedKeys
) -> ResolvedRelease:
    asset = release.asset(name)
    if asset is None:
        raise ReleaseError(f"release {release.repo} {release.tag} has no asset {name}")
    location = asset.public_url or f"{release.repo}@{release.tag}/{name}"
    data = source.read(asset)
    sig_asset = release.asset(name + keys.SIGNATURE_SUFFIX)
    signature = source.read(sig_asset) if sig_asset is not None else None
    loaded = read_manifest(data, signature, trusted, location)
    _check_layer(layer, loaded)
    manifest = loaded.manifest
    if manifest.tag != release.tag:
        raise ManifestError(location, f"describes {manifest.tag}, but it is published in release {release.tag}")

    def fetch(artifact: Artifact, target: Path, on_bytes: OnBytes | None) -> None:
        published = release.asset(artifact.name)
        if published is None:
            raise ArtifactNotFoundError(
                artifact.name, f"listed in {location} but not published in release {release.repo} {release.tag}"
            )
        source.download(published, artifact, target, on_bytes)

    return ResolvedRelease(
        layer, release.repo, release.tag, manifest.version, loaded, location, manifest.artifacts, fetch
    )


def _legacy(layer: str, source: ReleaseSource, release: Release, version: str) -> ResolvedRelease:
    pattern = legacy_pattern(layer, version)
    sums = _sha256sums(source, release)
    artifacts: list[Artifact] = []
    unverifiable: dict[str, str] = {}
    for asset in release.assets:
        match = pattern.match(asset.name)
        if match is None:
            continue
        try:
            os_name = normalize_os(match["os"]) if match["os"] else ANY
            arch = normalize_arch(match["arch"]) if match["arch"] else ANY
        except ReleaseError:
            continue
        sha256 = asset.digest.removeprefix("sha256:") if asset.digest and asset.digest.startswith("sha256:") else None
        sha256 = sha256 or sums.get(asset.name)
        if sha256 is None:
            unverifiable[asset.name] = (
                f"release {release.repo} {release.tag} has no manifest, no sha256 digest for it and no SHA256SUMS entry"
            )
            sha256 = "0" * 64
        artifacts.append(
            Artifact(
                name=asset.name,
                kind=LAYER_KIND[layer],
                os=os_name,
                arch=arch,
                url=asset.location,
                sha256=sha256,
                size=asset.size,
            )
        )

    def fetch(artifact: Artifact, target: Path, on_bytes: OnBytes | None) -> None:
        published = release.asset(artifact.name)
        if published is None:
            raise ArtifactNotFoundError(artifact.name, f"not published in release {release.repo} {release.tag}")
        source.download(published, artifact, target, on_bytes)

    return ResolvedRelease(
        layer, release.repo, release.tag, version, None, LEGACY, tuple(artifacts), fetch, unverifiable
    )


def _sha256sums(source: ReleaseSource, release: Release) -> dict[str, str]:
    """`SHA256SUMS` of a legacy release (`<hex>  <name>` lines), if it publishes one."""
    asset = release.asset("SHA256SUMS")
    if asset is None:
        return {}
    sums: dict[str, str] = {}
    for line in source.read(asset).decode("utf-8", "replace").splitlines():
        parts = line.split()
        if len(parts) == 2 and re.fullmatch(r"[0-9a-f]{64}", parts[0]):
            sums[parts[1].lstrip("*")] = parts[0]
    return sums
