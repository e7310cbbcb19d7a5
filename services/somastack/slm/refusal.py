"""Refusal detection: did the model decline, or a content filter cut the answer?"""

from __future__ import annotations

import re

from somastack.slm.model import Finish

#: Openings of the usual refusals; matched case-insensitively at the start of the answer only, so an answer that
#: merely quotes one is not flagged.
_PHRASES = re.compile(
    r"^\s*(i'?m sorry,? but i (can(no|')t|won'?t)|i (can(no|')t|won'?t) (help|assist|comply|provide)"
    r"|i am (unable|not able) to (help|assist|comply)|as an ai(,| language model)[^.]{0,40}(can(no|')t|unable))",
    re.IGNORECASE,
)


def detect(finish: Finish, text: str, explicit: str = "") -> tuple[bool, str]:
    """(refused, why): a provider's refusal field, a refusal or content-filter stop, or a refusal phrase."""
    if explicit:
        return True, f"provider refusal: {explicit[:200]}"
    if finish is Finish.CONTENT_FILTER:
        return True, "finish reason content_filter"
    if finish is Finish.REFUSAL:
        return True, "stop reason refusal"
    match = _PHRASES.match(text)
    if match:
        return True, f"refusal phrase {match.group(0).strip()!r}"
    return False, ""
