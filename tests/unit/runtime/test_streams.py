"""Each caller's open streams are counted and bounded; closing one frees its place."""

from __future__ import annotations

import pytest

from somastack.platform.errors import ResourceExhausted
from somastack.runtime.streams import StreamQuota


def test_a_caller_opens_up_to_its_limit_and_one_more_after_a_close() -> None:
    quota = StreamQuota(2)
    quota.open("olga")
    quota.open("olga")
    with pytest.raises(ResourceExhausted) as refused:
        quota.open("olga")
    assert (refused.value.reason, refused.value.metadata) == ("TOO_MANY_STREAMS", {"limit": "2"})
    quota.open("rita")  # another caller has its own count
    quota.close("olga")
    quota.open("olga")
    assert (quota.held("olga"), quota.held("rita")) == (2, 1)
    for caller in ("olga", "olga", "rita"):
        quota.close(caller)
    assert quota.held("olga") == quota.held("rita") == 0
