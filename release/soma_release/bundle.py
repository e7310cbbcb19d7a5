"""A bundle: the daemons and the desktop of one platform in one archive (and a .deb), with its own manifest.

soma-bundle-{label}-{os}-{arch}.tar.gz   soma-bundle-{label}/daemon/...  (the daemon archive, unpacked)
                                         soma-bundle-{label}/desktop/... (the console, unpacked)
                                         soma-bundle-{label}/manifests/  (the upstream manifests)
                                         soma-bundle-{label}/sboms/      (the upstream archives' SBOMs, verified)
soma-bundle-{label}-linux-{arch}.deb     the same tree under /opt/somastack (where dpkg-deb exists)
*.cdx.json                               each file's CycloneDX SBOM, nesting the upstream SBOMs
bundle-release-manifest.json             a v1 manifest, release_type bundle, source_releases = upstream
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from soma_release.archive import extract_tar_gz, touch_tree, write_tar_gz
from soma_release.discover import ResolvedRelease
from soma_release.errors import ArtifactIntegrityError, BuildError
from soma_release.manifest import SBOM_KIND, Artifact, Manifest, SourceRelease, expected_tag, write_manifest
from soma_release.platforms import Platform
from soma_release.sbom import bundle_sbom, sbom_subjects
from soma_release.sources import OnBytes

LABEL = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]*$")
DEB_VERSION = re.compile(r"^[0-9][A-Za-z0-9.+~]*$")

#: Makes a progress callback for a download of `total` bytes of the named artifact.
ProgressFactory = Callable[[str, int], OnBytes | None]


@dataclass(frozen=True)
class BundleResult:
    manifest: Path
    archive: Path
    deb: Path | None


def deb_version(label: str) -> str:
    """The Debian version of a bundle label: a semver prerelease `-rc.1` becomes `~rc.1` (sorts before the release)."""
    version = label.replace("-", "~", 1).replace("_", "~")
    if not DEB_VERSION.match(version):
        raise BuildError(f"bundle label {label!r} is not a Debian version (it must start with a digit)")
    return version


def package_bundle(
    *,
    daemons: ResolvedRelease,
    desktop: ResolvedRelease,
    platform: Platform,
    label: str,
    repo: str,
    out_dir: Path,
    epoch: int,
    signing_key: Ed25519PrivateKey | None,
    deb: bool,
    progress: ProgressFactory | None = None,
    base_url: str | None = None,
) -> BundleResult:
    """Download and verify both upstream artifacts for `platform`, then write the bundle and its manifest."""
    if not LABEL.match(label):
        raise BuildError(f"bundle label {label!r} must match {LABEL.pattern}")
    tag = expected_tag("bundle", label)
    daemon_artifact = daemons.pick(platform)
    desktop_artifact = desktop.pick(platform)
    out_dir.mkdir(parents=True, exist_ok=True)
    prefix = f"soma-bundle-{label}"
    url_base = base_url if base_url is not None else f"https://github.com/{repo}/releases/download/{tag}/"
    url_base = url_base if url_base.endswith("/") else url_base + "/"
    artifacts: list[Artifact] = []
    with tempfile.TemporaryDirectory(prefix="soma-bundle-") as scratch:
        tree = Path(scratch) / "tree"
        parts = [
            _unpack(release, artifact, where, Path(scratch) / "downloads", tree, progress)
            for release, artifact, where in (
                (daemons, daemon_artifact, "daemon"),
                (desktop, desktop_artifact, "desktop"),
            )
        ]
        bundle = out_dir / f"{prefix}-{platform.os}-{platform.arch}.tar.gz"
        write_tar_gz(bundle, tree, prefix, epoch)
        files = [(bundle, "bundle")]
        dpkg_deb = shutil.which("dpkg-deb")
        if deb and platform.os == "linux" and dpkg_deb is not None:
            deb_path = out_dir / f"{prefix}-{platform.os}-{platform.arch}.deb"
            _write_deb(dpkg_deb, deb_path, tree, label, platform, epoch, daemons, desktop)
            files.append((deb_path, "deb"))
        for file, kind in files:
            artifact = Artifact.from_file(file, url=url_base + file.name, kind=kind, os=platform.os, arch=platform.arch)
            sbom = bundle_sbom(file, artifact.sha256, label=label, parts=parts, epoch=epoch)
            artifacts.append(dataclasses.replace(artifact, sbom=sbom.name))
            artifacts.append(
                Artifact.from_file(sbom, url=url_base + sbom.name, kind=SBOM_KIND, os=platform.os, arch=platform.arch)
            )
    manifest = Manifest(
        release_type="bundle",
        version=label,
        tag=tag,
        repo=repo,
        artifacts=tuple(artifacts),
        source_releases=tuple(_source(r) for r in (daemons, desktop)),
        source_date_epoch=epoch,
    )
    path = write_manifest(manifest, out_dir, signing_key)
    return BundleResult(path, bundle, files[1][0] if len(files) > 1 else None)


def _unpack(
    release: ResolvedRelease,
    artifact: Artifact,
    where: str,
    downloads: Path,
    tree: Path,
    progress: ProgressFactory | None,
) -> tuple[str, Path | None]:
    """Download, verify and unpack one upstream archive with its manifest and SBOM; return (name, SBOM)."""
    on_bytes = progress(artifact.name, artifact.size) if progress is not None else None
    extract_tar_gz(release.fetch(artifact, downloads, on_bytes), tree / where)
    if release.manifest is None:
        return artifact.name, None
    manifests = tree / "manifests"
    manifests.mkdir(parents=True, exist_ok=True)
    (manifests / f"{release.layer}-release-manifest.json").write_bytes(release.manifest.raw)
    sbom = release.manifest.manifest.sbom_of(artifact)
    if sbom is None:
        return artifact.name, None
    path = release.fetch(sbom, downloads)
    if artifact.sha256 not in sbom_subjects(path):
        raise ArtifactIntegrityError(sbom.name, f"is not the SBOM of {artifact.name} (its sha256 differs)")
    (tree / "sboms").mkdir(exist_ok=True)
    shutil.copyfile(path, tree / "sboms" / sbom.name)
    return artifact.name, path


def _source(release: ResolvedRelease) -> SourceRelease:
    return SourceRelease(
        release_type=release.layer,
        repo=release.repo,
        tag=release.tag,
        version=release.version,
        manifest=release.manifest_location,
        manifest_sha256=release.manifest.sha256 if release.manifest is not None else None,
    )


def _write_deb(
    dpkg_deb: str,
    target: Path,
    tree: Path,
    label: str,
    platform: Platform,
    epoch: int,
    daemons: ResolvedRelease,
    desktop: ResolvedRelease,
) -> None:
    """Build the .deb with dpkg-deb: files under /opt/somastack, owned by root, one mtime."""
    with tempfile.TemporaryDirectory(prefix="soma-deb-") as scratch:
        root = Path(scratch) / "pkg"
        payload = root / "opt" / "somastack"
        shutil.copytree(tree, payload)
        size_kib = sum(f.stat().st_size for f in payload.rglob("*") if f.is_file()) // 1024 + 1
        control = root / "DEBIAN" / "control"
        control.parent.mkdir(parents=True)
        control.write_text(
            "Package: somastack\n"
            f"Version: {deb_version(label)}\n"
            f"Architecture: {platform.arch}\n"
            "Maintainer: SomaStack release engineering <release@somastack.dev>\n"
            f"Installed-Size: {size_kib}\n"
            "Depends: python3 (>= 3.11), python3-venv\n"
            "Section: net\n"
            "Priority: optional\n"
            f"Description: SomaStack mesh bundle {label}\n"
            f" Daemons {daemons.tag} ({daemons.repo}) and desktop {desktop.tag} ({desktop.repo}),\n"
            " installed under /opt/somastack; run /opt/somastack/daemon/install.sh.\n"
        )
        for path in [root, *root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() or path.stat().st_mode & 0o100 else 0o644)
        touch_tree(root, epoch)
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
        done = subprocess.run(
            [dpkg_deb, "--root-owner-group", "-Zgzip", "--build", str(root), str(target)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if done.returncode != 0:
            raise BuildError(f"dpkg-deb failed for {target.name}: {done.stderr.strip()}")
