"""Canonical bytes and checksums: RFC 8785 numbers and strings, one golden document, the client's route agrees."""

from __future__ import annotations

import hashlib
import math
import random
import struct

import pytest

from soma.constitution.v1 import constitution_pb2
from somastack.constitution import signing
from somastack.constitution.api import document_from_pb, document_pb
from somastack.constitution.canonical import (
    NotCanonicalizable,
    canonical_bytes,
    checksum,
    document_from_canonical,
    es_number,
    jcs,
    message_canonical_bytes,
)
from somastack.constitution.model import Document, PolicyRule, Principle, Thresholds

# RFC 8785 appendix B: IEEE 754 bits -> the ECMAScript form.
RFC8785_NUMBERS = {
    "0000000000000000": "0",
    "8000000000000000": "0",
    "0000000000000001": "5e-324",
    "8000000000000001": "-5e-324",
    "7fefffffffffffff": "1.7976931348623157e+308",
    "ffefffffffffffff": "-1.7976931348623157e+308",
    "4340000000000000": "9007199254740992",
    "c340000000000000": "-9007199254740992",
    "4430000000000000": "295147905179352830000",
    "44b52d02c7e14af5": "9.999999999999997e+22",
    "44b52d02c7e14af6": "1e+23",
    "44b52d02c7e14af7": "1.0000000000000001e+23",
    "444b1ae4d6e2ef4e": "999999999999999700000",
    "444b1ae4d6e2ef4f": "999999999999999900000",
    "444b1ae4d6e2ef50": "1e+21",
    "3eb0c6f7a0b5ed8c": "9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d": "0.000001",
    "41b3de4355555553": "333333333.3333332",
    "41b3de4355555554": "333333333.33333325",
    "41b3de4355555555": "333333333.3333333",
    "41b3de4355555556": "333333333.3333334",
    "41b3de4355555557": "333333333.33333343",
    "becbf647612f3696": "-0.0000033333333333333333",
    "43143ff3c1cb0959": "1424953923781206.2",
}

GOLDEN = Document(
    version="1",
    title="T",
    rules=(PolicyRule(id="r1", description="", expression='action.name == "x"', weight=0.5, reason_code="X"),),
    thresholds=Thresholds(allow_below=0.3, deny_above=0.7),
)
# The example of constitution.proto, byte for byte; its checksum is quoted in docs/constitution.md.
GOLDEN_BYTES = (
    b'{"rules":[{"expression":"action.name == \\"x\\"","id":"r1","reasonCode":"X","weight":0.5}],'
    b'"thresholds":{"allowBelow":0.3,"denyAbove":0.7},"title":"T","version":"1"}'
)
GOLDEN_CHECKSUM = "b1d4ff6daceb6fe9f928a0a87e6fadce4bb50b264dcde5effee15afd2c410d9e"


@pytest.mark.parametrize(("bits", "expected"), sorted(RFC8785_NUMBERS.items()))
def test_numbers_are_written_as_ecmascript_writes_them(bits: str, expected: str) -> None:
    assert es_number(struct.unpack(">d", bytes.fromhex(bits))[0]) == expected


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_have_no_canonical_form(value: float) -> None:
    with pytest.raises(NotCanonicalizable):
        es_number(value)


def test_strings_escape_only_quotes_backslashes_and_controls() -> None:
    assert jcs('a"b\\c\n\t\x01\x7f é € 😀') == '"a\\"b\\\\c\\n\\t\\u0001\x7f é € 😀"'
    assert jcs({"b": 1, "a": [True, None, "x"], "A": {}}) == '{"A":{},"a":[true,null,"x"],"b":1}'


def test_the_golden_document_has_the_documented_bytes_and_checksum() -> None:
    assert canonical_bytes(GOLDEN) == GOLDEN_BYTES
    assert checksum(GOLDEN) == hashlib.sha256(GOLDEN_BYTES).hexdigest()
    assert checksum(GOLDEN) == GOLDEN_CHECKSUM
    assert signing.checksum(document_pb(GOLDEN)) == GOLDEN_CHECKSUM


def test_defaults_are_left_out_and_thresholds_presence_counts() -> None:
    bare = Document(version="1", title="T")
    assert canonical_bytes(bare) == b'{"title":"T","version":"1"}'
    empty = Document(version="1", title="T", thresholds=Thresholds(0.0, -0.0))
    assert canonical_bytes(empty) == b'{"thresholds":{},"title":"T","version":"1"}'
    zero_weight = Document(version="1", title="T", rules=(PolicyRule("r", "", "", -0.0, ""),))
    assert canonical_bytes(zero_weight) == b'{"rules":[{"id":"r"}],"title":"T","version":"1"}'


def _random_document(rng: random.Random) -> Document:
    def text() -> str:
        return "".join(rng.choice('ab "\\\n\té€😀\x00') for _ in range(rng.randint(0, 6)))

    def number() -> float:
        return rng.choice([0.0, -0.0, 1.0, -2.5, 1e21, 1e-7, 0.1 + 0.2, rng.uniform(-1e6, 1e6), 5e-324])

    return Document(
        version=text(),
        title=text(),
        principles=tuple(Principle(text(), text()) for _ in range(rng.randint(0, 3))),
        rules=tuple(PolicyRule(text(), text(), text(), number(), text()) for _ in range(rng.randint(0, 3))),
        thresholds=rng.choice([None, Thresholds(number(), number())]),
    )


def test_the_clients_route_from_the_proto_gives_the_same_bytes() -> None:
    rng = random.Random(8785)
    for _ in range(300):
        document = _random_document(rng)
        message = document_pb(document)
        # Through the wire too: what the server receives is what the client signed.
        received = constitution_pb2.Constitution.FromString(message.SerializeToString())
        assert message_canonical_bytes(received) == canonical_bytes(document)
        assert document_from_pb(received) == document
        assert document_from_canonical(canonical_bytes(document)) == document


def test_any_change_changes_the_checksum() -> None:
    changed = Document(
        version="1",
        title="T",
        rules=(PolicyRule("r1", "", 'action.name == "x"', 0.5000000000000001, "X"),),
        thresholds=Thresholds(0.3, 0.7),
    )
    assert checksum(changed) != checksum(GOLDEN)
