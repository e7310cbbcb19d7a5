"""Provider endpoints a tenant's model profile names (`base_url`): allowed by the operator, built once each.

A tenant admin writes the profile, but the SLM service holds the operator's API keys and can reach internal
hosts, so a `base_url` is followed only when `SOMA_SLM_ALLOWED_BASE_URLS` allows it (server-side request forgery
and key leakage otherwise). The configured key of a provider goes only to that provider's configured base URL:
an adapter built here for another endpoint carries the key `SOMA_SLM_ENDPOINT_KEYS` gives its URL prefix, if any.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from somastack.platform.errors import FailedPrecondition
from somastack.slm.model import ProviderKind
from somastack.slm.ports import Provider

#: The operator setting that lists the endpoints a profile may name.
ALLOWED_SETTING = "SOMA_SLM_ALLOWED_BASE_URLS"
#: The guardrail named in the metadata of a refused endpoint.
BASE_URL_GUARDRAIL = "base-url-not-allowed"
#: Providers that call a remote endpoint, by the SLM provider name a profile resolves to.
REMOTE = {"openai": ProviderKind.OPENAI, "anthropic": ProviderKind.ANTHROPIC}
#: Adapters kept for tenant endpoints; the least recently used one goes first (they share one HTTP client).
CACHE_SIZE = 64

_DEFAULT_PORTS = {"http": 80, "https": 443}
_FORBIDDEN = set("?#@\\%") | {chr(c) for c in range(33)} | {chr(127)}


@dataclass(frozen=True)
class Endpoint:
    """An http(s) endpoint, canonical: lower-case scheme and host, explicit port, path without a trailing `/`."""

    scheme: str
    host: str
    port: int
    path: str

    @classmethod
    def parse(cls, url: str) -> Endpoint:
        """Raises ValueError saying what is wrong with anything but a plain http(s) URL.

        Refused: user info, queries, fragments, percent escapes, backslashes, white space, empty or dot path
        segments (anything that could make two spellings of one address, or hide another host).
        """
        text = url.strip()
        bad = sorted(set(text) & _FORBIDDEN)
        if bad:
            raise ValueError(f"{url!r} contains {''.join(bad)!r}; only plain http(s) URLs are accepted")
        try:
            parts = urlsplit(text)
        except ValueError as error:
            raise ValueError(f"{url!r} is not a valid URL") from error
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS or not parts.hostname:
            raise ValueError(f"{url!r} is not an http(s) URL with a host")
        try:
            port = parts.port if parts.port is not None else _DEFAULT_PORTS[scheme]
        except ValueError as error:
            raise ValueError(f"{url!r} has an invalid port") from error
        path = parts.path.rstrip("/")
        if any(segment in ("", ".", "..") for segment in path.split("/")[1:]):
            raise ValueError(f"{url!r} has an empty or dot segment in its path")
        return cls(scheme, parts.hostname.lower(), port, path)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if _DEFAULT_PORTS[self.scheme] == self.port else f":{self.port}"
        return f"{self.scheme}://{host}{port}{self.path}"

    def root(self) -> Endpoint:
        """The server root an adapter is given: without a trailing `/v1` (the adapters add `/v1/...` themselves)."""
        return Endpoint(self.scheme, self.host, self.port, self.path.removesuffix("/v1"))

    def under(self, prefix: Endpoint) -> bool:
        """Same scheme, host and port, and the path is the prefix's or continues it after a `/`."""
        same = (self.scheme, self.host, self.port) == (prefix.scheme, prefix.host, prefix.port)
        return same and (self.path == prefix.path or self.path.startswith(prefix.path + "/"))


def parse_allowed(value: str | Iterable[str]) -> tuple[Endpoint, ...]:
    """The prefixes of a comma-separated list (or of each item); raises ValueError for an entry that is no URL."""
    items = value.split(",") if isinstance(value, str) else value
    return tuple(Endpoint.parse(item) for item in items if item.strip())


#: Builds the adapter of a kind at a server root with an API key, or none: `build(kind, name, root_url, key)`.
Build = Callable[[ProviderKind, str, str, str | None], Provider]


class Endpoints:
    """Resolves a profile's `base_url` to the provider adapter that serves it.

    `configured` maps a configured provider's name to its base URL: a profile naming that same endpoint gets the
    configured provider (with its key). Any other endpoint must lie under an `allowed` prefix: every URL the
    adapter calls (`<root>/v1/...`) is then under it. Adapters for those endpoints are built by `build`, with the
    key of the longest prefix in `keys` they lie under (none when no prefix matches), and cached per
    (provider, root).
    """

    def __init__(
        self,
        allowed: Iterable[Endpoint] = (),
        *,
        configured: Mapping[str, str] | None = None,
        keys: Mapping[Endpoint, str] | None = None,
        build: Build | None = None,
        size: int = CACHE_SIZE,
    ) -> None:
        self._allowed = tuple(allowed)
        # Longest prefix first: the most specific key wins.
        self._keys = sorted((keys or {}).items(), key=lambda item: -len(item[0].url))
        self._configured: dict[str, Endpoint] = {}
        for name, url in (configured or {}).items():
            try:
                self._configured[name] = Endpoint.parse(url).root()
            except ValueError:
                continue  # an unusual spelling: a profile naming it needs the allow-list like any other endpoint
        self._build = build
        self._size = size
        self._cache: OrderedDict[tuple[str, Endpoint], Provider] = OrderedDict()

    def resolve(self, name: str, base_url: str) -> Provider | None:
        """The adapter for provider `name` at `base_url`, or None when the configured provider `name` serves it.

        None also for a provider without an endpoint (the built-in local one) or unknown to this service (the
        caller reports it). Raises FailedPrecondition (PROVIDER_NOT_ALLOWED) for an endpoint not allowed.
        """
        kind = REMOTE.get(name)
        if kind is None:
            return None
        try:
            root = Endpoint.parse(base_url).root()
        except ValueError as error:
            raise self._refused(name, base_url, str(error)) from error
        if self._configured.get(name) == root:
            return None
        called = Endpoint(root.scheme, root.host, root.port, root.path + "/v1")
        if self._build is None or not any(called.under(prefix) for prefix in self._allowed):
            raise self._refused(name, base_url, f"it is not under any prefix {ALLOWED_SETTING} lists")
        key = (name, root)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        api_key = next((key for prefix, key in self._keys if called.under(prefix)), None)
        built = self._build(kind, name, root.url, api_key)
        self._cache[key] = built
        while len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return built

    @staticmethod
    def _refused(name: str, base_url: str, why: str) -> FailedPrecondition:
        return FailedPrecondition(
            "PROVIDER_NOT_ALLOWED",
            f"the tenant's model profile sends provider {name!r} to base_url {base_url!r}, which this service does "
            f"not allow: {why}. The operator lists the endpoints a profile may name in {ALLOWED_SETTING}; "
            "otherwise clear the profile's base_url",
            metadata={
                "provider": name,
                "guardrail": BASE_URL_GUARDRAIL,
                "base_url": base_url,
                "setting": ALLOWED_SETTING,
            },
        )
