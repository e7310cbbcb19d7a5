"""Canonical bytes and checksum of a constitution: RFC 8785 (JCS) JSON of its proto3 JSON mapping, then SHA-256.

The rules (also in `soma/constitution/v1/constitution.proto`, so a client can
reproduce them from the contract alone):

- the document's proto3 JSON mapping: lowerCamelCase keys, fields at their default
  value left out (empty strings, zero numbers including -0, empty lists, an unset
  message; a set but empty message is `{}`);
- serialized per RFC 8785: keys sorted, no whitespace, numbers as ECMAScript writes
  them, strings with only `"`, `\\` and control characters escaped, UTF-8.

Two routes produce those bytes and must agree (a unit test holds them to it): from
the domain `Document` (the server) and from any protobuf message (`message_canonical_bytes`,
what a client with only the contract does).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from google.protobuf import descriptor
from google.protobuf.message import Message

from somastack.constitution.model import Document, PolicyRule, Principle, Thresholds

_FD = descriptor.FieldDescriptor
JsonValue = None | bool | int | float | str | Sequence["JsonValue"] | Mapping[str, "JsonValue"]


class NotCanonicalizable(ValueError):
    """A value that has no canonical form (NaN, infinity, or a type the mapping does not cover)."""


#: The largest integer every JSON reader holds exactly (2^53 - 1, I-JSON's and ECMAScript's safe integers).
MAX_SAFE_INTEGER = 2**53 - 1


def es_number(value: float | int) -> str:
    """A finite number as ECMAScript's Number.prototype.toString writes it (RFC 8785 section 3.2.2.3).

    An integer beyond ±(2^53 - 1) is refused, not rounded: a reader holds it as a double, so the signed bytes would
    name another number than the one given (RFC 8785 section 3.2.2.3; I-JSON, RFC 7493 section 2.2).
    """
    if isinstance(value, bool):
        raise NotCanonicalizable("a boolean is not a number")
    if isinstance(value, int) and not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
        raise NotCanonicalizable(f"the integer {value} is beyond ±(2^53 - 1): JSON holds it only rounded")
    number = float(value)
    if not math.isfinite(number):
        raise NotCanonicalizable(f"{number} has no JSON form")
    if number == 0:
        return "0"
    sign = "-" if number < 0 else ""
    # repr() gives the shortest digits that round-trip, which is what ECMAScript picks too; only the layout differs.
    mantissa, _, exp_text = repr(abs(number)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    stripped = digits.rstrip("0")
    exponent = (int(exp_text) if exp_text else 0) - len(fraction) + (len(digits) - len(stripped))
    digits = stripped
    k = len(digits)
    n = exponent + k  # value = 0.<digits> * 10**n
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = f"{digits[:n]}.{digits[n:]}"
    elif -6 < n <= 0:
        text = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        e_text = f"e{'+' if e > 0 else '-'}{abs(e)}"
        text = (digits if k == 1 else f"{digits[0]}.{digits[1:]}") + e_text
    return sign + text


def _utf16_key(key: str) -> bytes:
    return key.encode("utf-16-be")


def jcs(value: JsonValue) -> str:
    """RFC 8785 canonical JSON text of a JSON value."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int | float):
        return es_number(value)
    if isinstance(value, str):
        # Python escapes exactly what RFC 8785 escapes once ensure_ascii is off: '"', '\\' and U+0000..U+001F.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        items = sorted(value.items(), key=lambda item: _utf16_key(item[0]))
        return "{" + ",".join(f"{jcs(k)}:{jcs(v)}" for k, v in items) + "}"
    if isinstance(value, Sequence):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    raise NotCanonicalizable(f"{type(value).__name__} is not a JSON value")


def _put(out: dict[str, JsonValue], key: str, value: str | float) -> None:
    """Adds a scalar unless it is at its default (zero, -0 or '')."""
    if value:
        out[key] = value


def document_json(document: Document) -> dict[str, JsonValue]:
    """The proto3 JSON mapping of a document, defaults left out."""
    out: dict[str, JsonValue] = {}
    _put(out, "version", document.version)
    _put(out, "title", document.title)
    principles: list[JsonValue] = []
    for principle in document.principles:
        item: dict[str, JsonValue] = {}
        _put(item, "id", principle.id)
        _put(item, "text", principle.text)
        principles.append(item)
    if principles:
        out["principles"] = principles
    rules: list[JsonValue] = []
    for rule in document.rules:
        entry: dict[str, JsonValue] = {}
        _put(entry, "id", rule.id)
        _put(entry, "description", rule.description)
        _put(entry, "expression", rule.expression)
        _put(entry, "weight", rule.weight)
        _put(entry, "reasonCode", rule.reason_code)
        rules.append(entry)
    if rules:
        out["rules"] = rules
    if document.thresholds is not None:
        thresholds: dict[str, JsonValue] = {}
        _put(thresholds, "allowBelow", document.thresholds.allow_below)
        _put(thresholds, "denyAbove", document.thresholds.deny_above)
        out["thresholds"] = thresholds
    return out


def canonical_bytes(document: Document) -> bytes:
    """The bytes whose SHA-256 is the document's checksum. Raises NotCanonicalizable for NaN or infinity."""
    return jcs(document_json(document)).encode("utf-8")


def checksum_of_bytes(canonical: bytes) -> str:
    return hashlib.sha256(canonical).hexdigest()


def checksum(document: Document) -> str:
    """The lowercase hex SHA-256 of the document's canonical bytes."""
    return checksum_of_bytes(canonical_bytes(document))


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {value!r}")
    return float(value)


def document_from_canonical(canonical: bytes) -> Document:
    """Parses canonical bytes (as stored) back into a document; the inverse of `canonical_bytes`."""
    data = json.loads(canonical)
    thresholds = data.get("thresholds")
    return Document(
        version=data.get("version", ""),
        title=data.get("title", ""),
        principles=tuple(Principle(p.get("id", ""), p.get("text", "")) for p in data.get("principles", ())),
        rules=tuple(
            PolicyRule(
                id=r.get("id", ""),
                description=r.get("description", ""),
                expression=r.get("expression", ""),
                weight=_float(r.get("weight", 0)),
                reason_code=r.get("reasonCode", ""),
            )
            for r in data.get("rules", ())
        ),
        thresholds=None
        if thresholds is None
        else Thresholds(_float(thresholds.get("allowBelow", 0)), _float(thresholds.get("denyAbove", 0))),
    )


# -- the client's route: any protobuf message ------------------------------------------------


def _scalar(field: Any, value: Any) -> JsonValue:
    """One value of `field` (a FieldDescriptor of either protobuf implementation) in proto3 JSON form."""
    kind = field.type
    if kind in (_FD.TYPE_DOUBLE, _FD.TYPE_FLOAT):
        number = float(value)
        if not math.isfinite(number):
            raise NotCanonicalizable(f"{field.name}: {number} has no canonical form")
        return number
    if kind in (_FD.TYPE_INT64, _FD.TYPE_UINT64, _FD.TYPE_SINT64, _FD.TYPE_FIXED64, _FD.TYPE_SFIXED64):
        return str(value)  # proto3 JSON writes 64-bit integers as strings
    if kind == _FD.TYPE_ENUM:
        enum = field.enum_type
        assert enum is not None
        known = enum.values_by_number.get(value)
        return known.name if known is not None else int(value)
    if kind == _FD.TYPE_BYTES:
        return base64.b64encode(value).decode("ascii")
    if kind == _FD.TYPE_MESSAGE:
        return message_json(value)
    if isinstance(value, bool | int | str):
        return value
    raise NotCanonicalizable(f"{field.full_name}: unsupported type {kind}")


def message_json(message: Message) -> dict[str, JsonValue]:
    """The proto3 JSON mapping of a message with defaults left out, for the plain messages constitutions use."""
    full_name = message.DESCRIPTOR.full_name
    if full_name.startswith("google.protobuf."):
        raise NotCanonicalizable(f"{full_name}: well-known types have no canonical form here yet")
    out: dict[str, JsonValue] = {}
    for field in message.DESCRIPTOR.fields:
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            raise NotCanonicalizable(f"{field.full_name}: maps have no canonical form here yet")
        value = getattr(message, field.name)
        if field.is_repeated:
            if len(value):
                out[field.json_name] = [_scalar(field, v) for v in value]
        elif field.type == _FD.TYPE_MESSAGE:
            if message.HasField(field.name):
                out[field.json_name] = message_json(value)
        elif value:  # the default (0, -0.0, '', b'', False, enum 0) is left out
            out[field.json_name] = _scalar(field, value)
    return out


def message_canonical_bytes(message: Message) -> bytes:
    """Canonical bytes of a protobuf message, for example a `soma.constitution.v1.Constitution`."""
    return jcs(message_json(message)).encode("utf-8")
