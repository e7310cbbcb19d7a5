"""What StartSession accepts: the draft of a session, its limits, and the check naming every bad field."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from somastack.orchestrator.model import TOOLS, Action, Options, ToolCall
from somastack.platform.errors import FieldViolation, InvalidArgument, invalid

MAX_PROMPT = 16_384
MAX_TOOL_CALLS = 16
MAX_TOKENS = 32_768
MAX_TEXT = 2_000
MAX_REQUEST_ID = 128
MAX_ACTION = 200
MAX_PROVIDER = 64


@dataclass(frozen=True)
class Draft:
    """What StartSession reads of the session to start."""

    prompt: str
    action: Action = field(default_factory=Action)
    context: dict[str, Any] | None = None
    tool_calls: tuple[ToolCall, ...] = ()
    options: Options = field(default_factory=Options)

    def fingerprint(self) -> tuple[Any, ...]:
        """What a session started from this draft holds of it (see `Session.fingerprint`)."""
        return (self.prompt, self.action, dict(self.context or {}), self.tool_calls, self.options)


class _Violations:
    """Collects the field violations of one request."""

    def __init__(self) -> None:
        self.bad: list[FieldViolation] = []

    def check(self, ok: bool, field: str, description: str) -> None:
        if not ok:
            self.bad.append(FieldViolation(field, description))


def _check_tool_calls(v: _Violations, calls: tuple[ToolCall, ...]) -> None:
    v.check(
        len(calls) <= MAX_TOOL_CALLS, "session.tool_calls", f"at most {MAX_TOOL_CALLS} tool calls, got {len(calls)}"
    )
    for i, call in enumerate(calls[:MAX_TOOL_CALLS]):
        v.check(
            call.tool in TOOLS, f"session.tool_calls[{i}].tool", f"unknown tool {call.tool!r}; known: {sorted(TOOLS)}"
        )
        if call.tool == "memory.recall":
            query = call.arguments.get("query")
            v.check(
                isinstance(query, str) and bool(query.strip()),
                f"session.tool_calls[{i}].arguments.query",
                "memory.recall needs a non-blank `query` string",
            )
        if call.tool == "memory.remember" and "content" in call.arguments:
            content = call.arguments["content"]
            v.check(
                isinstance(content, str) and bool(content.strip()),
                f"session.tool_calls[{i}].arguments.content",
                "must be a non-blank string when given",
            )


def validate_draft(draft: Draft, request_id: str) -> None:
    """INVALID_ARGUMENT naming every bad field of a StartSession request."""
    v = _Violations()
    v.check(
        0 < len(draft.prompt) <= MAX_PROMPT and bool(draft.prompt.strip()),
        "session.prompt",
        f"must be 1 to {MAX_PROMPT} characters, not blank",
    )
    v.check(
        bool(draft.action.name.strip()) and len(draft.action.name) <= MAX_ACTION,
        "session.action.name",
        f"must be 1 to {MAX_ACTION} characters when an action is given",
    )
    v.check(len(draft.action.tool) <= MAX_ACTION, "session.action.tool", f"must be at most {MAX_ACTION} characters")
    _check_tool_calls(v, draft.tool_calls)
    options = draft.options
    for name, value in (("max_tokens", options.max_tokens), ("context_token_budget", options.context_token_budget)):
        v.check(0 <= value <= MAX_TOKENS, f"session.options.{name}", f"must be 0 (default) or 1 to {MAX_TOKENS}")
    v.check(
        len(options.provider) <= MAX_PROVIDER,
        "session.options.provider",
        f"must be at most {MAX_PROVIDER} characters",
    )
    v.check(
        len(request_id) <= MAX_REQUEST_ID and (not request_id or request_id.isprintable()),
        "request_id",
        f"must be at most {MAX_REQUEST_ID} printable characters",
    )
    if v.bad:
        raise InvalidArgument(*v.bad)


def check_text(value: str, field: str) -> None:
    """INVALID_ARGUMENT unless a free-text field (a comment, a reason) is within MAX_TEXT."""
    if len(value) > MAX_TEXT:
        raise invalid(field, f"must be at most {MAX_TEXT} characters")
