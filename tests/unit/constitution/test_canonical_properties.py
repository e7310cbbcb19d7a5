"""The canonical JSON behind constitution checksums agrees with the reference RFC 8785 implementation (`rfc8785`)
on any JSON value, and refuses what that one refuses: integers beyond ±(2^53 - 1), which JSON holds only rounded."""

from __future__ import annotations

from typing import Any

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from somastack.constitution.canonical import MAX_SAFE_INTEGER, NotCanonicalizable, es_number, jcs

SAFE_INTEGERS = st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER)
FINITE = st.floats(allow_nan=False, allow_infinity=False)
JSON = st.recursive(
    st.none() | st.booleans() | SAFE_INTEGERS | FINITE | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5),
    max_leaves=20,
)


@settings(max_examples=3000, derandomize=True)
@given(JSON)
def test_any_json_value_has_the_reference_bytes(value: Any) -> None:
    assert jcs(value).encode("utf-8") == rfc8785.dumps(value)


@settings(max_examples=3000, derandomize=True)
@given(st.floats(allow_nan=False, allow_infinity=False, width=64))
def test_every_finite_double_is_written_as_the_reference_writes_it(number: float) -> None:
    assert es_number(number).encode("ascii") == rfc8785.dumps(number)


@settings(max_examples=500, derandomize=True)
@given(st.integers(MAX_SAFE_INTEGER + 1, 2**80) | st.integers(-(2**80), -MAX_SAFE_INTEGER - 1))
def test_an_integer_json_holds_only_rounded_is_refused_as_the_reference_refuses_it(number: int) -> None:
    with pytest.raises(NotCanonicalizable):
        jcs({"weight": number})
    with pytest.raises(rfc8785.IntegerDomainError):
        rfc8785.dumps(number)


def test_the_edges_of_the_safe_integers() -> None:
    assert jcs(MAX_SAFE_INTEGER) == "9007199254740991" and jcs(-MAX_SAFE_INTEGER) == "-9007199254740991"
    for outside in (MAX_SAFE_INTEGER + 1, -MAX_SAFE_INTEGER - 1, 2**60):
        with pytest.raises(NotCanonicalizable):
            es_number(outside)
    # A double is the number it is, written in its shortest digits as ECMAScript does: kept.
    assert es_number(float(2**60)) == "1152921504606847000" == rfc8785.dumps(float(2**60)).decode()
    assert float(es_number(float(2**60))) == 2**60
