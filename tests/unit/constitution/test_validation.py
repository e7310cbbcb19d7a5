"""Document validation: every malformed field named at once, bad CEL named by rule index with the compiler's message."""

from __future__ import annotations

import math

from soma.common.v1 import common_pb2
from somastack.constitution import model
from somastack.constitution.model import Document, PolicyRule, Principle, Thresholds
from somastack.constitution.validation import check_document

GOOD = Document(
    version="2.1.0",
    title="Platform constitution",
    principles=(Principle("honesty", "Agents never deceive their users."),),
    rules=(
        PolicyRule(
            "pii-export", "Exports of personal data", 'action.name == "export" && resource.pii', 0.6, "PII_EXPORT"
        ),
        PolicyRule("trusted-ui", "", "context.client_type == 'ui'", -0.1, "TRUSTED_CLIENT"),
    ),
    thresholds=Thresholds(0.3, 0.7),
)


def test_a_good_document_has_no_problems() -> None:
    assert check_document(GOOD) == []


def test_every_problem_is_named_by_its_path() -> None:
    bad = Document(
        version="active",
        title=" ",
        principles=(Principle("honesty", ""), Principle("honesty", "again")),
        rules=(
            PolicyRule("Bad Id", "", "", 1.0, "lower"),
            PolicyRule("ok", "", "action.name ==", math.nan, ""),
        ),
        thresholds=Thresholds(0.8, 0.2),
    )
    fields = [v.field for v in check_document(bad, "constitution.")]
    assert fields == [
        "constitution.version",
        "constitution.title",
        "constitution.principles[0].text",
        "constitution.principles[1].id",
        "constitution.rules[0].id",
        "constitution.rules[0].expression",
        "constitution.rules[0].reason_code",
        "constitution.rules[1].expression",
        "constitution.rules[1].weight",
        "constitution.rules[1].reason_code",
        "constitution.thresholds.deny_above",
    ]


def test_an_invalid_cel_rule_carries_the_compiler_message() -> None:
    document = Document(
        version="1",
        title="t",
        rules=(
            GOOD.rules[0],
            PolicyRule("typo", "", "actoin.name == 'x'", 1, "X"),
            PolicyRule("syntax", "", "action.name == 'x' &&", 1, "X"),
        ),
        thresholds=Thresholds(0, 1),
    )
    violations = {v.field: v.description for v in check_document(document, "constitution.")}
    assert set(violations) == {"constitution.rules[1].expression", "constitution.rules[2].expression"}
    assert "undeclared variable(s) actoin" in violations["constitution.rules[1].expression"]
    assert "Syntax error" in violations["constitution.rules[2].expression"]


def test_thresholds_are_required_and_missing_fields_say_so() -> None:
    violations = check_document(Document(version="", title=""))
    assert [(v.field, v.description) for v in violations] == [
        ("version", "required field is missing"),
        ("title", "required field is missing"),
        ("thresholds", "required field is missing"),
    ]


def test_every_reason_the_service_raises_is_in_the_catalogue() -> None:
    catalogue = {name.removeprefix("ERROR_REASON_") for name in common_pb2.ErrorReason.keys()}
    assert set(model.REASONS) <= catalogue
