"""The `soma-release` command: build a layer's release, package a bundle, verify a manifest, make a key pair."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import httpx
import typer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn
from rich.table import Table

from soma_release import build as builder
from soma_release import keys
from soma_release.archive import ZIP_EPOCH, source_date_epoch
from soma_release.bundle import package_bundle
from soma_release.discover import ResolvedRelease, resolve
from soma_release.errors import ArtifactNotFoundError, ReleaseError
from soma_release.keys import TrustedKeys
from soma_release.manifest import load_manifest
from soma_release.platforms import Platform, normalize_arch, normalize_os
from soma_release.sources import DEFAULT_API_URL, GitHubReleases, LocalReleases, OnBytes, ReleaseSource
from soma_release.verify import missing_sboms, verify_release

app = typer.Typer(no_args_is_help=True, add_completion=False, help="SomaStack release tooling.")
build_app = typer.Typer(no_args_is_help=True, help="Build one layer's release: artifacts, sha256, signed manifest.")
app.add_typer(build_app, name="build")

out = Console()
err = Console(stderr=True)


@contextmanager
def _refusals() -> Iterator[None]:
    """Print a ReleaseError as one clear line and exit 1 (no traceback)."""
    try:
        yield
    except ReleaseError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from exc


RepoOption = Annotated[str, typer.Option("--repo", envvar="GITHUB_REPOSITORY", help="Publishing repo, owner/name.")]
OutOption = Annotated[Path, typer.Option("--out", help="Releases go to OUT/{owner}/{repo}/{tag}/.")]
RootOption = Annotated[Path, typer.Option("--root", help="The checkout to build from.")]
VersionOption = Annotated[str | None, typer.Option("--version", help="Override the version read from the sources.")]
KeyOption = Annotated[
    Path | None,
    typer.Option("--signing-key", help=f"Ed25519 private key (PEM); else ${keys.SIGNING_KEY_ENV} / _FILE."),
]
UnsignedOption = Annotated[bool, typer.Option("--unsigned", help="Write no signature (dry runs; readers refuse it).")]
BaseUrlOption = Annotated[
    str | None,
    typer.Option("--base-url", help="Asset URL prefix; default https://github.com/{repo}/releases/download/{tag}/."),
]


def _inputs(
    root: Path, out_dir: Path, repo: str, key: Path | None, unsigned: bool, base_url: str | None
) -> builder.BuildInputs:
    signing_key = None if unsigned else keys.signing_key_from_env(key)
    return builder.BuildInputs(root=root, out=out_dir, repo=repo, signing_key=signing_key, base_url=base_url)


def _report(path: Path) -> None:
    signature = path.with_name(path.name + keys.SIGNATURE_SUFFIX)
    signed = "signed" if signature.exists() else "[yellow]unsigned[/]"
    out.print(f"{path} ({signed})", highlight=False)


@build_app.command("contracts")
def build_contracts(
    repo: RepoOption,
    out_dir: OutOption = Path("dist/releases"),
    root: RootOption = Path("."),
    version: VersionOption = None,
    signing_key: KeyOption = None,
    unsigned: UnsignedOption = False,
    base_url: BaseUrlOption = None,
) -> None:
    """soma-proto wheel and sdist (gen/python) and the descriptor set soma-contracts-{version}.binpb."""
    with _refusals():
        inputs = _inputs(root, out_dir, repo, signing_key, unsigned, base_url)
        _report(builder.build_contracts(inputs, version))


@build_app.command("daemons")
def build_daemons(
    repo: RepoOption,
    platforms: Annotated[
        list[str] | None, typer.Option("--platform", help="OS-ARCH, repeatable (default: this machine).")
    ] = None,
    out_dir: OutOption = Path("dist/releases"),
    root: RootOption = Path("."),
    version: VersionOption = None,
    signing_key: KeyOption = None,
    unsigned: UnsignedOption = False,
    base_url: BaseUrlOption = None,
) -> None:
    """soma-daemon-{version}-{os}-{arch}.tar.gz: the soma-stack and soma-proto wheels, Envoy's config, install.sh."""
    with _refusals():
        chosen = [Platform.parse(p) for p in platforms] if platforms else [builder.host_platform()]
        inputs = _inputs(root, out_dir, repo, signing_key, unsigned, base_url)
        _report(builder.build_daemons(inputs, chosen, version))


@build_app.command("desktop")
def build_desktop(
    repo: RepoOption,
    dist: Annotated[Path, typer.Option("--dist", help="The console's build output.")] = Path("desktop/dist"),
    project: Annotated[
        Path | None, typer.Option("--project", help="The console's npm project, for its SBOM (default ROOT/desktop).")
    ] = None,
    out_dir: OutOption = Path("dist/releases"),
    root: RootOption = Path("."),
    version: VersionOption = None,
    signing_key: KeyOption = None,
    unsigned: UnsignedOption = False,
    base_url: BaseUrlOption = None,
) -> None:
    """soma-desktop-{version}.tar.gz from the console's dist directory (version from desktop/package.json)."""
    with _refusals():
        inputs = _inputs(root, out_dir, repo, signing_key, unsigned, base_url)
        _report(builder.build_desktop(inputs, dist, version, project))


def _trusted(paths: list[Path] | None) -> TrustedKeys:
    return TrustedKeys.from_paths(paths) if paths else TrustedKeys.default()


TrustedOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--trusted-keys", help=f"Public keys (*.pem files or dirs); default ${keys.TRUSTED_KEYS_ENV} or release/keys/."
    ),
]


@contextmanager
def _progress() -> Iterator[Progress]:
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        yield progress


@app.command("package")
def package(
    daemons_repo: Annotated[
        str | None, typer.Option("--daemons-repo", help="owner/name publishing daemons-v*.")
    ] = None,
    desktop_repo: Annotated[
        str | None, typer.Option("--desktop-repo", help="owner/name publishing desktop-v*.")
    ] = None,
    daemons_manifest: Annotated[
        str | None, typer.Option("--daemons-manifest", help="Daemons manifest, path or URL (skips discovery).")
    ] = None,
    desktop_manifest: Annotated[
        str | None, typer.Option("--desktop-manifest", help="Desktop manifest, path or URL (skips discovery).")
    ] = None,
    daemons_version: Annotated[str | None, typer.Option("--daemons-version", help="Default: newest by semver.")] = None,
    desktop_version: Annotated[str | None, typer.Option("--desktop-version", help="Default: newest by semver.")] = None,
    os_name: Annotated[str | None, typer.Option("--os", help="Target OS (default: this machine's).")] = None,
    arch: Annotated[
        str | None, typer.Option("--arch", help="amd64/x86_64 or arm64/aarch64 (default: this one).")
    ] = None,
    bundle_version: Annotated[
        str | None, typer.Option("--bundle-version", help="Bundle label (default: the daemons version).")
    ] = None,
    token: Annotated[str | None, typer.Option("--token", envvar="GITHUB_TOKEN", help="GitHub token (Bearer).")] = None,
    repo: Annotated[
        str | None, typer.Option("--repo", envvar="GITHUB_REPOSITORY", help="Default for both repos and the bundle's.")
    ] = None,
    api_url: Annotated[str, typer.Option("--api-url", envvar="SOMA_GITHUB_API_URL", help="GitHub REST API.")] = (
        DEFAULT_API_URL
    ),
    releases_dir: Annotated[
        Path | None, typer.Option("--releases-dir", help="Offline: read releases from DIR/{owner}/{repo}/{tag}/.")
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Where the bundle and its manifest go.")] = Path("dist/bundle"),
    trusted_keys: TrustedOption = None,
    signing_key: Annotated[
        Path | None, typer.Option("--signing-key", help="Signs bundle-release-manifest.json (else env).")
    ] = None,
    deb: Annotated[bool, typer.Option("--deb/--no-deb", help="Also build a .deb where dpkg-deb exists.")] = True,
) -> None:
    """Bundle the daemons and the desktop for one platform from their (possibly separate) releases."""
    with _refusals():
        host = builder.host_platform()
        platform = Platform(normalize_os(os_name) if os_name else host.os, normalize_arch(arch) if arch else host.arch)
        trusted = _trusted(trusted_keys)
        key = _optional_signing_key(signing_key)
        with httpx.Client(follow_redirects=True, timeout=httpx.Timeout(60, read=300)) as http:
            source: ReleaseSource = (
                LocalReleases(releases_dir) if releases_dir is not None else GitHubReleases(http, api_url, token)
            )
            found = {}
            for layer, layer_repo, manifest_ref, version in (
                ("daemons", daemons_repo or repo, daemons_manifest, daemons_version),
                ("desktop", desktop_repo or repo, desktop_manifest, desktop_version),
            ):
                found[layer] = resolve(
                    layer,
                    source=source,
                    repo=layer_repo,
                    manifest_ref=manifest_ref,
                    version=version,
                    trusted=trusted,
                    http=http,
                )
                release = found[layer]
                how = "legacy asset names" if release.manifest is None else f"manifest {release.manifest_location}"
                err.print(f"{layer}: {release.repo} {release.tag} ({how})", highlight=False)
            daemons, desktop = found["daemons"], found["desktop"]
            label = bundle_version or daemons.version
            epoch = _bundle_epoch(daemons, desktop)
            with _progress() as progress:

                def track(name: str, total: int) -> OnBytes:
                    task = progress.add_task(name, total=total)
                    return lambda n: progress.advance(task, n)

                result = package_bundle(
                    daemons=daemons,
                    desktop=desktop,
                    platform=platform,
                    label=label,
                    repo=repo or daemons.repo,
                    out_dir=out_dir,
                    epoch=epoch,
                    signing_key=key,
                    deb=deb,
                    progress=track,
                )
        table = Table("file", "what")
        table.add_row(str(result.archive), "bundle")
        if result.deb is not None:
            table.add_row(str(result.deb), "Debian package")
        signed = result.manifest.with_name(result.manifest.name + keys.SIGNATURE_SUFFIX).exists()
        table.add_row(str(result.manifest), "bundle manifest" + ("" if signed else " (unsigned: no signing key)"))
        out.print(table)


def _optional_signing_key(path: Path | None) -> Ed25519PrivateKey | None:
    if path is None and not (os.environ.get(keys.SIGNING_KEY_ENV) or os.environ.get(keys.SIGNING_KEY_FILE_ENV)):
        return None
    return keys.signing_key_from_env(path)


def _bundle_epoch(*releases: ResolvedRelease) -> int:
    """SOURCE_DATE_EPOCH, else the newest upstream manifest's, so rebuilding the same inputs gives the same bytes."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return source_date_epoch()
    epochs = [r.manifest.manifest.source_date_epoch for r in releases if r.manifest is not None]
    return max([ZIP_EPOCH, *(e for e in epochs if e is not None)])


@app.command("verify")
def verify(
    manifest: Annotated[str, typer.Argument(help="Manifest path or URL (its signature: the same + .sig).")],
    trusted_keys: TrustedOption = None,
    artifacts: Annotated[bool, typer.Option("--artifacts/--no-artifacts", help="Also check every artifact.")] = True,
    require_sbom: Annotated[
        bool, typer.Option("--require-sbom", help="Refuse a manifest with an artifact that names no SBOM.")
    ] = False,
) -> None:
    """Check a manifest's signature and schema and, by default, every artifact's and SBOM's size and sha256."""
    with _refusals():
        release = load_manifest(manifest, _trusted(trusted_keys))
        if artifacts:
            verify_release(release, require_sbom=require_sbom)
        elif require_sbom and (unlisted := missing_sboms(release)):
            raise ArtifactNotFoundError(unlisted[0], f"has no SBOM in the {release.manifest.tag} manifest")
        table = Table("artifact", "kind", "platform", "size", "sha256", "sbom")
        for artifact in release.manifest.artifacts:
            kind = artifact.kind or artifact.app or ""
            platform = f"{artifact.os}-{artifact.arch}"
            table.add_row(artifact.name, kind, platform, str(artifact.size), artifact.sha256[:16], artifact.sbom or "")
        out.print(f"{release.manifest.tag} ({release.manifest.repo}), signed by key {release.key_id}", highlight=False)
        out.print(table)


@app.command("keygen")
def keygen(
    private: Annotated[Path, typer.Option("--private", help="Where to write the private key (keep it secret).")],
    public: Annotated[
        Path, typer.Option("--public", help="Where to write the public key, e.g. release/keys/NAME.pem.")
    ],
) -> None:
    """Make an Ed25519 key pair; commit only the public key."""
    with _refusals():
        key = Ed25519PrivateKey.generate()
        private.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(keys.private_key_pem(key))
        public.parent.mkdir(parents=True, exist_ok=True)
        public.write_bytes(keys.public_key_pem(key.public_key()))
        out.print(f"key {keys.key_id(key.public_key())}: private {private}, public {public}", highlight=False)
