"""Event topics are declared in the contracts, generated into constants, and never spelled by hand in the backend.

Each event payload message names its topic with `option (soma.common.v1.event) = {topic: "..."}`;
scripts/codegen.sh (scripts/gen_topics.py) turns the declarations into `soma.events.v1.topics` (and `topics` of
@soma/proto); scripts/contracts-check refuses a renamed topic or a changed payload type
(tests/contract/test_contracts_check.py shows it).
"""

from __future__ import annotations

import ast
import functools
import importlib
import importlib.util
import sys
from types import ModuleType

import pytest
from google.protobuf import descriptor_pb2

from soma.common.v1 import event_pb2
from soma.events.v1 import topics
from soma_proto import DESCRIPTOR_SET_PATH
from tests.conftest import REPO

BACKEND = REPO / "services" / "somastack"


@functools.cache
def gen_topics() -> ModuleType:
    """scripts/gen_topics.py, the generator (a script, not an installed module)."""
    spec = importlib.util.spec_from_file_location("gen_topics", REPO / "scripts" / "gen_topics.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def shipped() -> descriptor_pb2.FileDescriptorSet:
    return descriptor_pb2.FileDescriptorSet.FromString(DESCRIPTOR_SET_PATH.read_bytes())


def test_no_topic_string_literal_outside_generated_code() -> None:
    declared = set(topics.TOPIC_PAYLOAD_TYPES)
    found = []
    for path in sorted(BACKEND.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Constant) and node.value in declared:
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value!r}")
    assert found == [], (
        "event topics are declared in the contracts ((soma.common.v1.event) on the payload message): producers and "
        "consumers import the generated constants of soma.events.v1.topics, never a topic string literal"
    )


def test_every_event_the_backend_builds_has_a_declared_topic() -> None:
    # Every `EVENT_TYPE`/`*_TYPE` payload name the backend stamps on an envelope is a payload with a topic.
    payloads = set(topics.TOPIC_PAYLOAD_TYPES.values())
    stamped = set()
    for path in BACKEND.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            value = None
            if isinstance(node, ast.keyword) and node.arg == "type" and isinstance(node.value, ast.Constant):
                value = node.value.value
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                if any(isinstance(t, ast.Name) and t.id.endswith("_TYPE") for t in node.targets):
                    value = node.value.value
            if isinstance(value, str) and value.startswith("soma."):
                stamped.add(value)
    assert stamped, "no event type found: the search is broken"
    assert stamped <= payloads, f"event payloads without a declared topic: {sorted(stamped - payloads)}"


def test_the_generated_constants_are_the_declarations_of_the_shipped_descriptor_set() -> None:
    declared = gen_topics().declared_topics(shipped())
    assert {t.name: t.payload for t in declared} == dict(topics.TOPIC_PAYLOAD_TYPES)
    assert len(declared) == 9
    for topic in declared:
        assert getattr(topics, topic.constant) == topic.name
        # The payload is a real message class of soma-proto.
        stubs = importlib.import_module(topic.file.removesuffix(".proto").replace("/", ".") + "_pb2")
        assert getattr(stubs, topic.payload.rpartition(".")[2]).DESCRIPTOR.full_name == topic.payload
    assert topics.CONSTITUTION_UPDATED == "constitution.updated"
    assert topics.TOPIC_PAYLOAD_TYPES[topics.SLM_METRICS] == "soma.slm.v1.InferenceMetered"


def test_the_typescript_package_exports_the_same_topics() -> None:
    text = (REPO / "gen" / "ts" / "topics.d.ts").read_text()
    for name, payload in topics.TOPIC_PAYLOAD_TYPES.items():
        constant = name.replace(".", "_").replace("-", "_").upper()
        assert f'export declare const {constant} = "{name}";' in text
        assert payload in text
    assert 'export * from "./topics.js";' in (REPO / "gen" / "ts" / "index.d.ts").read_text()


def _declare(fds: descriptor_pb2.FileDescriptorSet, message: str, topic: str) -> None:
    """Sets `(soma.common.v1.event)` on the message `message` (package-qualified) of `fds`."""
    package, _, name = message.rpartition(".")
    for file in fds.file:
        if file.package == package:
            for proto in file.message_type:
                if proto.name == name:
                    proto.options.Extensions[event_pb2.event].topic = topic
                    return
    raise AssertionError(f"{message} not in the descriptor set")


@pytest.mark.parametrize(
    ("message", "topic", "refusal"),
    [
        ("soma.constitution.v1.ConstitutionUpdated", "Constitution Updated", "is not lower-case words"),
        ("soma.constitution.v1.ConstitutionUpdated", "", "is not lower-case words"),
        ("soma.memory.v1.Memory", "settings.changed", "topic .settings.changed. is already the topic of"),
        ("soma.memory.v1.Memory", "settings-changed", "both make SETTINGS_CHANGED"),
    ],
)
def test_codegen_refuses_a_malformed_or_ambiguous_topic(message: str, topic: str, refusal: str) -> None:
    module = gen_topics()
    fds = shipped()
    _declare(fds, message, topic)
    with pytest.raises(module.TopicError, match=refusal):
        module.declared_topics(fds)


def test_a_descriptor_set_without_the_option_declares_no_topic() -> None:
    fds = shipped()
    kept = [f for f in fds.file if f.name != "soma/common/v1/event.proto"]
    older = descriptor_pb2.FileDescriptorSet(file=kept)
    assert gen_topics().declared_topics(older) == []
