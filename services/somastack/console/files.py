"""What the console server answers for a request path: files of the build, the index fallback, the dev token.

Pure: no sockets, so each rule (traversal, content types, caching, security headers) is tested directly.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

#: Content types of what a Vite build emits; anything else is served as bytes.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".wasm": "application/wasm",
}
_BYTES = "application/octet-stream"

#: Only same-origin code, styles, connections and frames; images may also be `data:` URLs (the console's favicon).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def content_security_policy(sso_origins: tuple[str, ...]) -> str:
    """The policy, with `connect-src` widened to the given origins (each `scheme://host[:port]`)."""
    if not sso_origins:
        return CONTENT_SECURITY_POLICY
    return CONTENT_SECURITY_POLICY.replace("connect-src 'self'", f"connect-src 'self' {' '.join(sso_origins)}")


SECURITY_HEADERS = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
)
#: Vite puts a content hash in every file name under assets/: they never change, so they are cached for a year.
HASHED_DIR = "assets"
IMMUTABLE = "public, max-age=31536000, immutable"
#: index.html (and unhashed files) are revalidated on every load, so a new build shows at once.
REVALIDATE = "no-cache"

HEALTH_PATH = "healthz"
DEV_TOKEN_PATH = "dev-token"

_NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SomaStack console: not built</title></head>
<body><h1>The SomaStack console is not built</h1>
<p>The mesh serves the console from <code>{root}</code>, which holds no <code>index.html</code>.</p>
<p>Build it with <code>cd desktop &amp;&amp; npm ci &amp;&amp; npm run build</code>, or point
<code>SOMA_CONSOLE_DIR</code> at a built console, then reload this page (no restart needed).</p>
<p>The REST API at <code>/v1/</code> works without it.</p></body></html>
"""


@dataclass(frozen=True)
class Reply:
    """One HTTP answer."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key == name.lower()), None)


def _reply(status: int, body: bytes, content_type: str, *extra: tuple[str, str]) -> Reply:
    return Reply(status, (("content-type", content_type), *extra, *SECURITY_HEADERS), body)


def _text(status: int, message: str, *extra: tuple[str, str]) -> Reply:
    return _reply(status, message.encode() + b"\n", "text/plain; charset=utf-8", ("cache-control", REVALIDATE), *extra)


class ConsoleFiles:
    """Answers GET and HEAD under `prefix` from the built console in `root`.

    `dev_token` returns the dev admin token, or None where there is none (not the dev stage, not written yet).
    """

    def __init__(
        self,
        root: Path | None,
        *,
        prefix: str = "/console",
        dev_token: Callable[[], str | None],
        sso_origins: tuple[str, ...] = (),
    ) -> None:
        self.root = root
        self.prefix = prefix.rstrip("/")
        self._dev_token = dev_token
        #: The content security policy, allowing connections to the single sign-on issuers' origins as well: the
        #: console fetches an issuer's discovery document and redeems its authorization code in the browser.
        self._policy = content_security_policy(sso_origins)

    def answer(self, method: str, target: str) -> Reply:
        """The reply to `method target` (target as on the request line: path and query)."""
        reply = self._answer(method, target)
        if self._policy == CONTENT_SECURITY_POLICY:
            return reply
        headers = tuple((k, self._policy if k == "content-security-policy" else v) for k, v in reply.headers)
        return Reply(reply.status, headers, reply.body)

    def _answer(self, method: str, target: str) -> Reply:
        if method not in ("GET", "HEAD"):
            return _text(405, f"{method} is not allowed here; the console is read with GET", ("allow", "GET, HEAD"))
        path = target.split("?", 1)[0].split("#", 1)[0]
        if path == self.prefix:
            return _reply(301, b"", "text/plain; charset=utf-8", ("location", f"{self.prefix}/"))
        if not path.startswith(self.prefix + "/"):
            return _text(404, f"not under {self.prefix}/")
        try:
            relative = unquote(path[len(self.prefix) + 1 :], errors="strict")
        except UnicodeDecodeError:
            return _text(400, "the path is not valid UTF-8")
        if "\x00" in relative or "\\" in relative:
            return _text(400, "the path holds a character no file name of the console has")
        segments = [segment for segment in relative.split("/") if segment]
        if any(segment in (".", "..") for segment in segments):
            return _text(400, "'.' and '..' are refused in console paths")
        joined = "/".join(segments)
        if joined == HEALTH_PATH:
            return _text(200, "ok")
        if joined == DEV_TOKEN_PATH:
            return self._token()
        return self._file(segments)

    def _token(self) -> Reply:
        token = self._dev_token()
        if token is None:
            return _text(404, "no dev token here: it exists only in the dev stage, once `soma up` wrote it")
        body = json.dumps({"token": token}).encode()
        return _reply(200, body, "application/json", ("cache-control", "no-store"))

    def _file(self, segments: list[str]) -> Reply:
        root = self.root.resolve() if self.root is not None else None
        if root is None or not (root / "index.html").is_file():
            shown = str(self.root) if self.root is not None else "(no console directory: set SOMA_CONSOLE_DIR)"
            page = _NOT_BUILT.format(root=shown.replace("&", "&amp;").replace("<", "&lt;"))
            return _reply(503, page.encode(), CONTENT_TYPES[".html"], ("cache-control", REVALIDATE))
        candidate = root.joinpath(*segments).resolve() if segments else root / "index.html"
        # resolve() follows symlinks: one that leads out of the build is refused like '..'.
        if not candidate.is_relative_to(root):
            return _text(404, "no such file in the console")
        if candidate.is_file():
            hashed = len(segments) > 1 and segments[0] == HASHED_DIR
            return self._serve(candidate, IMMUTABLE if hashed else REVALIDATE)
        if segments and PurePosixPath(segments[-1]).suffix:
            # A missing file (a stale asset name, a typo) is a 404, not the app: a script tag must not get HTML.
            return _text(404, "no such file in the console")
        # A client-side route such as /console/memory/recall: the app's index.html handles it.
        return self._serve(root / "index.html", REVALIDATE)

    @staticmethod
    def _serve(path: Path, cache: str) -> Reply:
        content_type = CONTENT_TYPES.get(path.suffix.lower(), _BYTES)
        return _reply(200, path.read_bytes(), content_type, ("cache-control", cache))
