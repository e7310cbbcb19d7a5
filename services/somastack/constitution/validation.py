"""The shape of a valid constitution: every field checked, every rule compiled, every problem reported at once."""

from __future__ import annotations

import math
import re

from somastack.constitution.model import RESERVED_VERSION, Document
from somastack.constitution.rules import RuleError, compile_rule
from somastack.platform.errors import FieldViolation

VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$")
ITEM_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")
REASON_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")
MAX_TITLE = 200
MAX_PRINCIPLES = 100
MAX_PRINCIPLE_TEXT = 4000
MAX_RULES = 500
MAX_DESCRIPTION = 1000


def check_version(version: str, field: str = "version") -> list[FieldViolation]:
    if not version:
        return [FieldViolation(field, "required field is missing")]
    if version == RESERVED_VERSION:
        return [FieldViolation(field, f"{RESERVED_VERSION!r} is reserved")]
    if not VERSION.match(version):
        return [
            FieldViolation(
                field,
                f"{version!r} is malformed: use 1 to 64 letters, digits, dots, underscores, pluses and hyphens, "
                "starting with a letter or digit",
            )
        ]
    return []


def _id(value: str, field: str, seen: set[str]) -> list[FieldViolation]:
    if not value:
        return [FieldViolation(field, "required field is missing")]
    if not ITEM_ID.match(value):
        return [FieldViolation(field, f"{value!r} is malformed: use 1 to 63 of [a-z0-9._-], starting with [a-z0-9]")]
    if value in seen:
        return [FieldViolation(field, f"{value!r} is used twice")]
    seen.add(value)
    return []


def _text(value: str, field: str, limit: int, *, required: bool) -> list[FieldViolation]:
    if required and not value.strip():
        return [FieldViolation(field, "required field is missing")]
    if len(value) > limit:
        return [FieldViolation(field, f"is {len(value)} characters long; at most {limit} are allowed")]
    return []


def _finite(value: float, field: str) -> list[FieldViolation]:
    return [] if math.isfinite(value) else [FieldViolation(field, f"must be a finite number, got {value}")]


def check_document(document: Document, prefix: str = "") -> list[FieldViolation]:
    """Every problem of a document, with field paths under `prefix` (for example `constitution.`)."""
    out = check_version(document.version, f"{prefix}version")
    out += _text(document.title, f"{prefix}title", MAX_TITLE, required=True)

    if len(document.principles) > MAX_PRINCIPLES:
        out.append(FieldViolation(f"{prefix}principles", f"at most {MAX_PRINCIPLES} principles are allowed"))
    seen: set[str] = set()
    for i, principle in enumerate(document.principles[:MAX_PRINCIPLES]):
        where = f"{prefix}principles[{i}]"
        out += _id(principle.id, f"{where}.id", seen)
        out += _text(principle.text, f"{where}.text", MAX_PRINCIPLE_TEXT, required=True)

    if len(document.rules) > MAX_RULES:
        out.append(FieldViolation(f"{prefix}rules", f"at most {MAX_RULES} rules are allowed"))
    seen = set()
    for i, rule in enumerate(document.rules[:MAX_RULES]):
        where = f"{prefix}rules[{i}]"
        out += _id(rule.id, f"{where}.id", seen)
        out += _text(rule.description, f"{where}.description", MAX_DESCRIPTION, required=False)
        if not rule.expression.strip():
            out.append(FieldViolation(f"{where}.expression", "required field is missing"))
        else:
            try:
                compile_rule(rule.expression)
            except RuleError as error:
                out.append(FieldViolation(f"{where}.expression", f"CEL expression {error}"))
        out += _finite(rule.weight, f"{where}.weight")
        if not rule.reason_code:
            out.append(FieldViolation(f"{where}.reason_code", "required field is missing"))
        elif not REASON_CODE.match(rule.reason_code):
            out.append(
                FieldViolation(f"{where}.reason_code", f"{rule.reason_code!r} is malformed: use UPPER_SNAKE_CASE")
            )

    thresholds = document.thresholds
    if thresholds is None:
        out.append(FieldViolation(f"{prefix}thresholds", "required field is missing"))
    else:
        bad = _finite(thresholds.allow_below, f"{prefix}thresholds.allow_below")
        bad += _finite(thresholds.deny_above, f"{prefix}thresholds.deny_above")
        if not bad and thresholds.deny_above < thresholds.allow_below:
            bad.append(
                FieldViolation(
                    f"{prefix}thresholds.deny_above",
                    f"{thresholds.deny_above} is below allow_below ({thresholds.allow_below})",
                )
            )
        out += bad
    return out
