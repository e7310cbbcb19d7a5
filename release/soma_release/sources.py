"""Where releases come from: the GitHub Releases REST API, or a local release directory for offline use.

A local release directory mirrors GitHub: `{dir}/{owner}/{repo}/{tag}/{asset}`; it is
what `soma-release build --out {dir}` writes.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

import httpx

from soma_release.errors import ArtifactIntegrityError, ArtifactNotFoundError, ReleaseError, ReleaseNotFoundError
from soma_release.manifest import Artifact, check_artifact, download_verified

DEFAULT_API_URL = "https://api.github.com"
_CHUNK = 1 << 16

OnBytes = Callable[[int], None]


@dataclass(frozen=True)
class Asset:
    """One file attached to a release."""

    name: str
    size: int
    #: "sha256:<hex>" when the host publishes one (GitHub does for assets uploaded since 2025).
    digest: str | None
    #: The API URL (GitHub) or the file path (local) it is read from.
    location: str
    #: Where people download it (GitHub's browser_download_url); None for a local file.
    public_url: str | None = None


@dataclass(frozen=True)
class Release:
    repo: str
    tag: str
    draft: bool
    prerelease: bool
    assets: tuple[Asset, ...]

    def asset(self, name: str) -> Asset | None:
        return next((a for a in self.assets if a.name == name), None)


class ReleaseSource(Protocol):
    """A place that lists releases and serves their assets."""

    def releases(self, repo: str) -> list[Release]:
        """Every release of `repo`, in whatever order the place lists them."""
        ...

    def release(self, repo: str, tag: str) -> Release:
        """The release tagged `tag`; ReleaseNotFoundError when there is none."""
        ...

    def read(self, asset: Asset) -> bytes:
        """A small asset's bytes (a manifest, a signature, a checksum list)."""
        ...

    def download(self, asset: Asset, artifact: Artifact, target: Path, on_bytes: OnBytes | None = None) -> None:
        """Save an asset at `target` only if it matches `artifact`'s size and sha256."""
        ...


class GitHubReleases:
    """The GitHub Releases REST API (or a server that speaks it), with an optional token.

    Lists releases page by page following `Link: <...>; rel="next"`, reads a release by tag,
    and downloads assets from the asset endpoint with `Accept: application/octet-stream`,
    following the redirect to the storage host (httpx drops the Authorization header when a
    redirect leaves the API's origin).
    """

    def __init__(self, client: httpx.Client, api_url: str = DEFAULT_API_URL, token: str | None = None) -> None:
        self._client = client
        self._api = api_url.rstrip("/")
        self._headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
        if token:
            self._headers["Authorization"] = f"Bearer {token}"

    def _get(self, url: str, what: str) -> httpx.Response:
        try:
            response = self._client.get(url, headers=self._headers)
        except httpx.HTTPError as exc:
            raise ReleaseError(f"{what}: cannot reach {url} ({exc})") from exc
        if response.status_code in (401, 403):
            hint = " (rate limited: pass --token)" if response.headers.get("x-ratelimit-remaining") == "0" else ""
            raise ReleaseError(f"{what}: HTTP {response.status_code} from {url}{hint}: check --token")
        return response

    def releases(self, repo: str) -> list[Release]:
        url: str | None = f"{self._api}/repos/{repo}/releases?per_page=100"
        found: list[Release] = []
        while url is not None:
            response = self._get(url, f"releases of {repo}")
            if response.status_code == 404:
                raise ReleaseNotFoundError(f"repository {repo} not found (or the token cannot see it)")
            if response.status_code != 200:
                raise ReleaseError(f"releases of {repo}: HTTP {response.status_code} from {url}")
            found.extend(self._release(repo, item) for item in response.json())
            url = response.links.get("next", {}).get("url")
        return found

    def release(self, repo: str, tag: str) -> Release:
        url = f"{self._api}/repos/{repo}/releases/tags/{quote(tag, safe='')}"
        response = self._get(url, f"release {tag} of {repo}")
        if response.status_code == 404:
            raise ReleaseNotFoundError(f"{repo}: no release tagged {tag}")
        if response.status_code != 200:
            raise ReleaseError(f"release {tag} of {repo}: HTTP {response.status_code} from {url}")
        return self._release(repo, response.json())

    @staticmethod
    def _release(repo: str, item: dict[str, Any]) -> Release:
        assets = tuple(
            Asset(
                name=a["name"],
                size=int(a["size"]),
                digest=a.get("digest"),
                location=a["url"],
                public_url=a.get("browser_download_url"),
            )
            for a in item.get("assets", [])
        )
        return Release(repo, item["tag_name"], bool(item.get("draft")), bool(item.get("prerelease")), assets)

    def _octet_headers(self) -> dict[str, str]:
        return {**self._headers, "Accept": "application/octet-stream"}

    def read(self, asset: Asset) -> bytes:
        try:
            response = self._client.get(asset.location, headers=self._octet_headers())
        except httpx.HTTPError as exc:
            raise ReleaseError(f"asset {asset.name}: cannot download ({exc})") from exc
        if response.status_code != 200:
            raise ReleaseError(f"asset {asset.name}: HTTP {response.status_code} from {asset.location}")
        return response.content

    def download(self, asset: Asset, artifact: Artifact, target: Path, on_bytes: OnBytes | None = None) -> None:
        download_verified(
            self._client, asset.location, artifact, target, headers=self._octet_headers(), on_bytes=on_bytes
        )


class LocalReleases:
    """Releases laid out on disk as `{root}/{owner}/{repo}/{tag}/{asset}` (offline use, tests)."""

    def __init__(self, root: Path) -> None:
        if not root.is_dir():
            raise ReleaseError(f"release directory {root} does not exist")
        self._root = root

    def releases(self, repo: str) -> list[Release]:
        directory = self._root / repo
        if not directory.is_dir():
            raise ReleaseNotFoundError(f"repository {repo} not found under {self._root}")
        return [self._release(repo, d) for d in sorted(directory.iterdir()) if d.is_dir()]

    def release(self, repo: str, tag: str) -> Release:
        directory = self._root / repo / tag
        if not directory.is_dir():
            raise ReleaseNotFoundError(f"{repo}: no release tagged {tag} under {self._root}")
        return self._release(repo, directory)

    @staticmethod
    def _release(repo: str, directory: Path) -> Release:
        assets = tuple(
            Asset(name=f.name, size=f.stat().st_size, digest=None, location=str(f))
            for f in sorted(directory.iterdir())
            if f.is_file()
        )
        return Release(repo, directory.name, draft=False, prerelease=False, assets=assets)

    def read(self, asset: Asset) -> bytes:
        return Path(asset.location).read_bytes()

    def download(self, asset: Asset, artifact: Artifact, target: Path, on_bytes: OnBytes | None = None) -> None:
        source = Path(asset.location)
        if not source.is_file():
            raise ArtifactNotFoundError(artifact.name, f"no file at {source}")
        digest = hashlib.sha256()
        size = 0
        partial = target.with_name(target.name + ".part")
        try:
            with source.open("rb") as stream, partial.open("wb") as out:
                while chunk := stream.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    if size > artifact.size:
                        raise ArtifactIntegrityError(artifact.name, f"larger than the {artifact.size} bytes declared")
                    out.write(chunk)
                    if on_bytes is not None:
                        on_bytes(len(chunk))
            check_artifact(artifact, digest.hexdigest(), size)
            shutil.move(partial, target)
        finally:
            partial.unlink(missing_ok=True)
