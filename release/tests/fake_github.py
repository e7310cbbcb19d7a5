"""A real HTTP server that speaks the GitHub Releases REST API's JSON shapes, for the packaging tests.

Routes (as api.github.com):
    GET /repos/{owner}/{repo}/releases?per_page=N&page=P   paginated, `Link: <...>; rel="next"`
    GET /repos/{owner}/{repo}/releases/tags/{tag}          404 {"message": "Not Found"} when absent
    GET /repos/{owner}/{repo}/releases/assets/{id}         JSON metadata, or with
                                                           `Accept: application/octet-stream` a 302 to storage
    GET /files/{path}                                      plain files (explicit manifest URLs)
Asset bytes live on a second server ("storage", another origin), as objects.githubusercontent.com does.
Every request is recorded with its headers, so tests can check the token went where it should.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


@dataclass
class FakeRelease:
    tag: str
    assets: dict[str, bytes]
    prerelease: bool = False
    draft: bool = False
    #: Asset names whose `digest` the API reports (GitHub does for assets uploaded since 2025).
    digests: dict[str, str] = field(default_factory=dict)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class _Server(ThreadingHTTPServer):
    daemon_threads = True


class FakeGitHub:
    """Holds repos and their releases (in the order the API lists them), serves them over real sockets."""

    def __init__(self, page_size: int = 2) -> None:
        self.repos: dict[str, list[FakeRelease]] = {}
        self.files: dict[str, bytes] = {}
        self.page_size = page_size
        self.api_requests: list[Seen] = []
        self.storage_requests: list[Seen] = []
        self._assets: dict[int, tuple[str, FakeRelease, str]] = {}
        self._api = _Server(("127.0.0.1", 0), self._api_handler())
        self._storage = _Server(("127.0.0.1", 0), self._storage_handler())
        self._threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (self._api, self._storage)]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._api.server_address[1]}"

    @property
    def storage_url(self) -> str:
        return f"http://127.0.0.1:{self._storage.server_address[1]}"

    def add(self, repo: str, release: FakeRelease) -> FakeRelease:
        self.repos.setdefault(repo, []).append(release)
        return release

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        for server in (self._api, self._storage):
            server.shutdown()
            server.server_close()

    def _asset_id(self, repo: str, release: FakeRelease, name: str) -> int:
        for asset_id, (r, rel, n) in self._assets.items():
            if r == repo and rel is release and n == name:
                return asset_id
        asset_id = len(self._assets) + 1
        self._assets[asset_id] = (repo, release, name)
        return asset_id

    def _asset_json(self, repo: str, release: FakeRelease, name: str) -> dict[str, Any]:
        asset_id = self._asset_id(repo, release, name)
        document: dict[str, Any] = {
            "id": asset_id,
            "name": name,
            "size": len(release.assets[name]),
            "content_type": "application/octet-stream",
            "state": "uploaded",
            "url": f"{self.url}/repos/{repo}/releases/assets/{asset_id}",
            "browser_download_url": f"https://github.com/{repo}/releases/download/{release.tag}/{name}",
        }
        if name in release.digests:
            document["digest"] = release.digests[name]
        return document

    def _release_json(self, repo: str, release: FakeRelease) -> dict[str, Any]:
        return {
            "id": abs(hash((repo, release.tag))) % 10**9,
            "tag_name": release.tag,
            "name": release.tag,
            "draft": release.draft,
            "prerelease": release.prerelease,
            "assets": [self._asset_json(repo, release, n) for n in release.assets],
        }

    def _api_handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            def _not_found(self) -> None:
                self._json(404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})

            def do_GET(self) -> None:
                fake.api_requests.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
                url = urlparse(self.path)
                parts = url.path.strip("/").split("/")
                if parts[0] == "files":
                    body = fake.files.get("/".join(parts[1:]))
                    if body is None:
                        return self._not_found()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return None
                if len(parts) < 4 or parts[0] != "repos" or parts[3] != "releases":
                    return self._not_found()
                repo = f"{parts[1]}/{parts[2]}"
                releases = fake.repos.get(repo)
                if releases is None:
                    return self._not_found()
                rest = parts[4:]
                if not rest:
                    query = parse_qs(url.query)
                    per_page = min(int(query.get("per_page", ["30"])[0]), fake.page_size)
                    page = int(query.get("page", ["1"])[0])
                    chunk = releases[(page - 1) * per_page : page * per_page]
                    headers = {}
                    if page * per_page < len(releases):
                        base = f"{fake.url}/repos/{repo}/releases"
                        headers["Link"] = (
                            f'<{base}?per_page={per_page}&page={page + 1}>; rel="next", '
                            f'<{base}?per_page={per_page}&page={-(-len(releases) // per_page)}>; rel="last"'
                        )
                    return self._json(200, [fake._release_json(repo, r) for r in chunk], headers)
                if rest[0] == "tags" and len(rest) == 2:
                    for release in releases:
                        if release.tag == rest[1]:
                            return self._json(200, fake._release_json(repo, release))
                    return self._not_found()
                if rest[0] == "assets" and len(rest) == 2 and rest[1].isdigit():
                    found = fake._assets.get(int(rest[1]))
                    if found is None or found[0] != repo:
                        return self._not_found()
                    _, release, name = found
                    if self.headers.get("Accept") != "application/octet-stream":
                        return self._json(200, fake._asset_json(repo, release, name))
                    self.send_response(302)
                    self.send_header("Location", f"{fake.storage_url}/objects/{rest[1]}?token=signed")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                return self._not_found()

        return Handler

    def _storage_handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake.storage_requests.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
                parts = urlparse(self.path).path.strip("/").split("/")
                found = fake._assets.get(int(parts[1])) if len(parts) == 2 and parts[1].isdigit() else None
                if found is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                _, release, name = found
                body = release.assets[name]
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


def serve(page_size: int = 2) -> Iterator[FakeGitHub]:
    fake = FakeGitHub(page_size)
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()
