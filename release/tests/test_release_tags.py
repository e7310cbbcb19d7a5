"""Tags are picked by semver precedence, never by listing order."""

from __future__ import annotations

import random

import pytest
from soma_release.errors import ReleaseNotFoundError
from soma_release.tags import newest, version_of

TAGS = [
    "daemons-v0.9.0",
    "daemons-v0.10.0-rc.1",
    "daemons-v0.10.0",
    "daemons-v0.2.0",
    "daemons-v0.10.0-beta.11",
    "daemons-v1.0.0-alpha",
    "desktop-v9.0.0",
    "daemons-v2.0",
    "daemons-2.0.0",
    "contracts-v5.0.0",
    "bundle-2026.11.0",
]


@pytest.mark.parametrize("seed", range(5))
def test_the_highest_semver_wins_whatever_the_listing_order(seed: int) -> None:
    listed = TAGS[:]
    random.Random(seed).shuffle(listed)
    tag, version, item = newest("daemons", [(t, t) for t in listed])
    # 1.0.0-alpha is a prerelease of 1.0.0 but still above every 0.x release.
    assert (tag, str(version), item) == ("daemons-v1.0.0-alpha", "1.0.0-alpha", "daemons-v1.0.0-alpha")


def test_prereleases_rank_below_their_release() -> None:
    listed = ["daemons-v0.10.0-rc.1", "daemons-v0.10.0", "daemons-v0.10.0-rc.2", "daemons-v0.9.9"]
    assert newest("daemons", [(t, None) for t in listed])[0] == "daemons-v0.10.0"
    only_rc = ["daemons-v0.10.0-rc.1", "daemons-v0.10.0-rc.10", "daemons-v0.10.0-rc.2"]
    assert newest("daemons", [(t, None) for t in only_rc])[0] == "daemons-v0.10.0-rc.10"


def test_tags_of_other_types_or_not_semver_are_ignored() -> None:
    assert version_of("daemons", "daemons-v2.0") is None
    assert version_of("daemons", "daemons-2.0.0") is None
    assert version_of("daemons", "desktop-v2.0.0") is None
    assert str(version_of("desktop", "desktop-v2.0.0+build.7")) == "2.0.0+build.7"
    with pytest.raises(ReleaseNotFoundError, match=r"no contracts-v\* release"):
        newest("contracts", [("daemons-v1.0.0", None), ("contracts-v1", None)])
