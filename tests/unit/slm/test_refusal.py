"""Refusal detection."""

from __future__ import annotations

from somastack.slm.model import Finish
from somastack.slm.refusal import detect


def test_explicit_refusals_and_stop_reasons() -> None:
    assert detect(Finish.STOP, "", "no can do") == (True, "provider refusal: no can do")
    assert detect(Finish.CONTENT_FILTER, "partial")[0]
    assert detect(Finish.REFUSAL, "")[0]


def test_refusal_phrases_only_at_the_start() -> None:
    assert detect(Finish.STOP, "I'm sorry, but I can't help with that.")[0]
    assert detect(Finish.STOP, "I cannot assist with this request.")[0]
    assert not detect(Finish.STOP, "He said: I'm sorry, but I can't help with that.")[0]
    assert detect(Finish.STOP, "Paris is the capital of France.") == (False, "")
