"""Release tags (`contracts-v*`, `daemons-v*`, `desktop-v*`, `bundle-{label}`) and picking the newest by semver."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

import semver

from soma_release.errors import ReleaseNotFoundError

T = TypeVar("T")

TAG_PREFIXES = {"contracts": "contracts-v", "daemons": "daemons-v", "desktop": "desktop-v", "bundle": "bundle-"}


def tag_for(release_type: str, version: str) -> str:
    return TAG_PREFIXES[release_type] + version


def version_of(release_type: str, tag: str) -> semver.Version | None:
    """The semantic version in a tag of this release type, or None when the tag is not one.

    `daemons-v1.2.0` -> 1.2.0; `daemons-v1.2` (not semver), `daemons-1.2.0` and
    `desktop-v1.2.0` (another type) -> None.
    """
    prefix = TAG_PREFIXES[release_type]
    if not tag.startswith(prefix):
        return None
    text = tag[len(prefix) :]
    return semver.Version.parse(text) if semver.Version.is_valid(text) else None


def newest(release_type: str, candidates: Iterable[tuple[str, T]]) -> tuple[str, semver.Version, T]:
    """The candidate with the highest semver among the tags of `release_type`.

    Order of `candidates` (e.g. the API's listing order) does not matter; a prerelease ranks
    below its release (1.0.0-rc.1 < 1.0.0), build metadata is ignored for ranking and, between
    equal versions, the tag that sorts last wins so the choice is stable.

    Raises:
        ReleaseNotFoundError: no tag of this type.
    """
    best: tuple[str, semver.Version, T] | None = None
    for tag, item in candidates:
        version = version_of(release_type, tag)
        if version is None:
            continue
        if best is None or (version.compare(best[1]), tag) > (0, best[0]):
            best = (tag, version, item)
    if best is None:
        raise ReleaseNotFoundError(f"no {TAG_PREFIXES[release_type]}* release with a semantic version")
    return best
