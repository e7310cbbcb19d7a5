"""A property-based fuzzer over every RPC of the shipped descriptor set, on gRPC and REST through Envoy.

Each example is a request built from the method's input type (hypothesis, a fixed seed and budget): huge, empty,
unicode and path-like strings, integers at their type's edges, NaN and infinities, unknown enum numbers, Structs and
timestamps out of range; plus undecodable bodies for every method; and over REST, path variables that are not UTF-8
or absurdly long and JSON values of the wrong type. Whatever a caller sends, the mesh must answer with a status that
says what is wrong: never INTERNAL, UNKNOWN or DATA_LOSS, never UNAVAILABLE (a status trailer too large for Envoy
looked like one), never an HTTP 5xx, and within 5 s. The mesh is this module's own: the operator's token may revoke,
rotate and delete whatever the fuzzer names.
"""

from __future__ import annotations

import json
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import grpc
import httpx
import pytest
from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor, descriptor_pb2, json_format, message_factory
from google.protobuf.descriptor_pool import DescriptorPool
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from soma_proto import DESCRIPTOR_SET_PATH
from somastack.testing import MeshProcess, service_pids
from tests.integration.helpers import bearer, ensure_tenant_with_owner, mesh_on

#: Codes that say the mesh failed, not the caller.
FAULTS = {
    grpc.StatusCode.INTERNAL,
    grpc.StatusCode.UNKNOWN,
    grpc.StatusCode.DATA_LOSS,
    grpc.StatusCode.UNAVAILABLE,
    grpc.StatusCode.DEADLINE_EXCEEDED,
}
#: Seconds any call may take.
WITHIN = 5.0
TENANT = "fuzzed"
_FD = descriptor.FieldDescriptor
_INT_RANGES = {
    _FD.TYPE_INT32: (-(2**31), 2**31 - 1),
    _FD.TYPE_SINT32: (-(2**31), 2**31 - 1),
    _FD.TYPE_SFIXED32: (-(2**31), 2**31 - 1),
    _FD.TYPE_UINT32: (0, 2**32 - 1),
    _FD.TYPE_FIXED32: (0, 2**32 - 1),
    _FD.TYPE_INT64: (-(2**63), 2**63 - 1),
    _FD.TYPE_SINT64: (-(2**63), 2**63 - 1),
    _FD.TYPE_SFIXED64: (-(2**63), 2**63 - 1),
    _FD.TYPE_UINT64: (0, 2**64 - 1),
    _FD.TYPE_FIXED64: (0, 2**64 - 1),
}


@dataclass(frozen=True)
class Method:
    path: str  # /package.Service/Method
    input: descriptor.Descriptor
    streaming: bool
    http: tuple[str, str, str] | None  # (verb, path template, body)

    def __repr__(self) -> str:
        return self.path


def _methods() -> list[Method]:
    files = descriptor_pb2.FileDescriptorSet.FromString(DESCRIPTOR_SET_PATH.read_bytes())
    pool = DescriptorPool()
    for file in files.file:
        pool.Add(file)
    found: list[Method] = []
    for file in files.file:
        for service in file.service:
            full = f"{file.package}.{service.name}"
            if not full.startswith("soma."):
                continue
            for method in service.method:
                rule = method.options.Extensions[annotations_pb2.http]
                found.append(
                    Method(
                        f"/{full}/{method.name}",
                        pool.FindMessageTypeByName(method.input_type.lstrip(".")),
                        method.server_streaming,
                        _http(rule),
                    )
                )
    return found


def _http(rule: http_pb2.HttpRule) -> tuple[str, str, str] | None:
    verb = rule.WhichOneof("pattern")
    if verb is None or verb == "custom":
        return None
    return verb.upper(), getattr(rule, verb), rule.body


METHODS = _methods()

# -- requests from descriptors ----------------------------------------------------------------------------------------

STRINGS = st.one_of(
    st.text(max_size=24),
    st.sampled_from(
        [
            "",
            f"tenants/{TENANT}",
            f"tenants/{TENANT}/users/olga",
            "tenants/other/users/x",
            "tenants/-/sessions/-",
            "../../etc/passwd",
            "\u0000\u202e\ufeff",
            "é" * 300,
            "NaN",
            "9" * 400,
        ]
    ),
    st.integers(1_000, 40_000).map(lambda n: "x" * n),
)


#: Names in the fuzzed tenant, so that many requests get past name checks to the code behind them.
NAMES = [
    f"tenants/{TENANT}",
    f"tenants/{TENANT}/users/olga",
    f"tenants/{TENANT}/sessions/s-1",
    f"tenants/{TENANT}/sessions/s-1/workingMemory",
    f"tenants/{TENANT}/memories/m-1",
    f"tenants/{TENANT}/policy/weights",
    f"tenants/{TENANT}/settings",
    f"tenants/{TENANT}/modelProfiles/chat",
    f"tenants/{TENANT}/notifications/n-1",
    f"tenants/{TENANT}/signInSessions/x",
    "constitutions/active",
]


def _string(field: descriptor.FieldDescriptor) -> st.SearchStrategy[str]:
    if field.name in ("parent", "name", "tenant", "user", "session", "subject") or field.name.endswith("_name"):
        return st.one_of(st.sampled_from(NAMES), STRINGS)
    return STRINGS


def _scalar(field: descriptor.FieldDescriptor) -> st.SearchStrategy[Any]:
    kind = field.type
    if kind in _INT_RANGES:
        low, high = _INT_RANGES[kind]
        return st.one_of(st.sampled_from([low, high, 0, -1 if low < 0 else 1]), st.integers(low, high))
    if kind in (_FD.TYPE_DOUBLE, _FD.TYPE_FLOAT):
        floats = st.floats(width=32 if kind == _FD.TYPE_FLOAT else 64)
        return st.one_of(st.sampled_from([float("nan"), float("inf"), -float("inf"), 1e308]), floats)
    if kind == _FD.TYPE_BOOL:
        return st.booleans()
    if kind == _FD.TYPE_ENUM:
        return st.one_of(st.sampled_from([v.number for v in field.enum_type.values]), st.integers(-3, 10_000))
    if kind == _FD.TYPE_BYTES:
        return st.binary(max_size=64)
    return _string(field)


def _value(field: descriptor.FieldDescriptor, depth: int) -> st.SearchStrategy[Any]:
    if field.type == _FD.TYPE_MESSAGE:
        return _message(field.message_type, depth + 1)
    return _scalar(field)


@st.composite
def _message(draw: st.DrawFn, kind: descriptor.Descriptor, depth: int = 0) -> Any:
    message = message_factory.GetMessageClass(kind)()
    if kind.full_name == "google.protobuf.Struct":
        nested = st.recursive(
            st.none() | st.booleans() | st.floats() | st.text(max_size=8),
            lambda children: (
                st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3)
            ),
            max_leaves=8,
        )
        message.update(draw(st.dictionaries(st.text(max_size=8), nested, max_size=4)))
        return message
    if kind.full_name in ("google.protobuf.Timestamp", "google.protobuf.Duration"):
        message.seconds = draw(st.sampled_from([0, -1, 2**62, -(2**62), 315_537_897_599, 1_700_000_000]))
        message.nanos = draw(st.sampled_from([0, 999_999_999, -1, 2**31 - 1]))
        return message
    if depth > 3:
        return message
    for field in kind.fields:
        if not draw(st.booleans()):
            continue
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            key_field, value_field = (
                field.message_type.fields_by_name["key"],
                field.message_type.fields_by_name["value"],
            )
            entries = draw(st.dictionaries(_scalar(key_field), _value(value_field, depth), max_size=3))
            target = getattr(message, field.name)
            for key, value in entries.items():
                if value_field.type == _FD.TYPE_MESSAGE:
                    target[key].CopyFrom(value)
                else:
                    target[key] = value
        elif field.is_repeated:
            values = draw(st.lists(_value(field, depth), max_size=3))
            target = getattr(message, field.name)
            for value in values:
                target.add().CopyFrom(value) if field.type == _FD.TYPE_MESSAGE else target.append(value)
        elif field.type == _FD.TYPE_MESSAGE:
            getattr(message, field.name).CopyFrom(draw(_value(field, depth)))
        else:
            setattr(message, field.name, draw(_value(field, depth)))
    return message


# -- the mesh -------------------------------------------------------------------------------------------------------


@dataclass
class Target:
    mesh: MeshProcess
    channel: grpc.Channel
    http: httpx.Client
    tokens: dict[str, str]

    def __repr__(self) -> str:
        return f"Target({self.mesh.url})"


#: What the fuzzer saw: gRPC codes and HTTP statuses, counted; reported when the module ends.
SEEN: Counter[str] = Counter()


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Target]:
    with mesh_on("embedded", tmp_path_factory.mktemp("fuzzed"), "") as mesh:
        with mesh.channel() as channel, mesh.http(timeout=WITHIN) as http:
            owner = ensure_tenant_with_owner(channel, mesh.admin_token, TENANT)
            yield Target(mesh, channel, http, {"operator": mesh.admin_token, "owner": owner, "nobody": ""})
            _report(request, mesh)


def _report(request: pytest.FixtureRequest, mesh: MeshProcess) -> None:
    """The calls made, by outcome, and each service's peak resident memory (VmHWM), in the test run's output."""
    peaks = {}
    for domain, pid in sorted(service_pids(mesh.process.pid).items()):
        with open(f"/proc/{pid}/status") as status:
            line = next(row for row in status if row.startswith("VmHWM:"))
        peaks[domain] = int(line.split()[1]) // 1024
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():  # shown in every run's output, not only a failing one's
        calls = sum(SEEN.values())
        print(f"\nfuzzer: {calls} calls; " + ", ".join(f"{k} {v}" for k, v in sorted(SEEN.items())))
        print("fuzzer: peak RSS MB " + ", ".join(f"{k} {v}" for k, v in peaks.items()))


def _metadata(token: str) -> tuple[tuple[str, str], ...] | None:
    return bearer(token) if token else None


def _grpc_call(target: Target, method: Method, body: bytes, token: str) -> grpc.StatusCode:
    """The status a call ends with (OK included); a stream's first message or its end within the budget."""
    identity = lambda data: data  # noqa: E731 - bytes in, bytes out
    if method.streaming:
        stream = target.channel.unary_stream(method.path, request_serializer=identity, response_deserializer=identity)
        call = stream(body, metadata=_metadata(token), timeout=WITHIN)
        try:
            next(iter(call))
        except StopIteration:
            return grpc.StatusCode.OK
        except grpc.RpcError as error:
            return error.code()
        call.cancel()
        return grpc.StatusCode.OK
    unary = target.channel.unary_unary(method.path, request_serializer=identity, response_deserializer=identity)
    try:
        unary(body, metadata=_metadata(token), timeout=WITHIN)
    except grpc.RpcError as error:
        return error.code()
    return grpc.StatusCode.OK


def _check(code: grpc.StatusCode, what: str) -> None:
    SEEN[code.name] += 1
    assert code not in FAULTS, f"{what} -> {code.name}"


def _budget(examples: int) -> Any:
    """A fixed seed and budget (the same examples in every run) and no per-example deadline: a call has its own."""
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    )


# -- gRPC -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS, ids=repr)
@_budget(15)
@given(data=st.data())
def test_every_rpc_answers_any_request_with_a_callers_status(
    target: Target, method: Method, data: st.DataObject
) -> None:
    request = data.draw(_message(method.input), label="request")
    who = data.draw(st.sampled_from(sorted(target.tokens)), label="token")
    _check(_grpc_call(target, method, request.SerializeToString(), target.tokens[who]), f"{method} as {who}")


UNDECODABLE = [b"\x0a\x05ab", b"\x0a\x02\xff\xfe", b"\xff" * 11, b"\x08" * 3, b"\x12\x80\x80\x80\x80\x10"]


@pytest.mark.parametrize("method", METHODS, ids=repr)
def test_every_rpc_answers_hostile_bytes_with_a_callers_status(target: Target, method: Method) -> None:
    """Bytes that are undecodable for most messages (an unknown field of another is legal: then the request is
    decoded and answered on its merits)."""
    for body in UNDECODABLE:
        _check(_grpc_call(target, method, body, target.tokens["operator"]), f"{method} {body!r}")


# -- REST -----------------------------------------------------------------------------------------------------------

PATH_VALUES = ["%ff", "%00", "x" * 6000, "é", "..", "a%2Fb", "tenants", TENANT]
WRONG_TYPES: list[Any] = [{"nested": {"object": 1}}, [1, "two"], "string", 1e308, -1, True, None]


def _rest_path(template: str, value: str) -> str:
    """The template with each variable (`{name=tenants/*}`, `{name}`) given `value` in every segment."""
    out, rest = [], template
    while "{" in rest:
        head, _, tail = rest.partition("{")
        variable, _, rest = tail.partition("}")
        pattern = variable.partition("=")[2] or "*"
        segments = [value if part in ("*", "**") else part for part in pattern.split("/")]
        out.append(head + "/".join(segments))
    return "".join(out) + rest


def _body(request: Any, mutate: Any, key: int) -> str:
    try:
        document = json_format.MessageToDict(request)
    except (json_format.Error, ValueError):  # a timestamp out of range has no JSON form: say it as a string
        document = {field.json_name: "0001-13-45T99:99:99Z" for field in request.DESCRIPTOR.fields}
    if document and mutate is not None:
        field = sorted(document)[key % len(document)]
        document[field] = mutate
    return json.dumps(document, allow_nan=True)


@_budget(500)
@given(data=st.data())
def test_every_rest_route_answers_any_request_without_a_5xx(target: Target, data: st.DataObject) -> None:
    method = data.draw(st.sampled_from([m for m in METHODS if m.http is not None]), label="method")
    assert method.http is not None
    verb, template, body_field = method.http
    # At most 8,000 characters before quoting: a client cannot send a URL longer than 64 KiB anyway.
    value = data.draw(st.sampled_from(PATH_VALUES) | STRINGS.map(lambda s: urllib.parse.quote(s[:8000], safe="")))
    path = _rest_path(template, value)
    who = data.draw(st.sampled_from(sorted(target.tokens)), label="token")
    headers = {"authorization": f"Bearer {target.tokens[who]}"} if target.tokens[who] else {}
    content = None
    if body_field:
        request = data.draw(_message(method.input), label="request")
        mutate = data.draw(st.sampled_from([None, *WRONG_TYPES]), label="mutate")
        content = _body(request, mutate, data.draw(st.integers(0, 50)))
        headers["content-type"] = "application/json"
    try:
        response = target.http.request(verb, path, content=content, headers=headers)
    except httpx.TimeoutException:
        pytest.fail(f"{verb} {path[:200]} as {who}: no answer within {WITHIN}s")
    SEEN[f"HTTP {response.status_code}"] += 1
    assert response.status_code < 500, f"{verb} {path[:200]} as {who} -> {response.status_code} {response.text[:300]}"
