"""Per-method rules read once from the contract's descriptors: who may call, which fields are required.

Nothing here is hand-listed: the `soma.common.v1.auth` method option names the
capability, `google.api.field_behavior = REQUIRED` marks required fields, the
`google.api.http` path variables that start with `tenants/` say which fields carry
the tenant a call addresses, and the rule's HTTP verb says whether the RPC changes
state (anything but GET does, and is audited, unless `soma.common.v1.effect`
declares it read-only).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from google.api import annotations_pb2, field_behavior_pb2, http_pb2
from google.protobuf import descriptor, descriptor_pool
from google.protobuf.message import Message

import soma
from soma.common.v1 import auth_pb2, effect_pb2
from somastack.platform.errors import FieldViolation

_FieldDescriptor = descriptor.FieldDescriptor
# The generated stubs type extensions as plain FieldDescriptors; the options API wants them as extensions.
_AUTH: Any = auth_pb2.auth
_EFFECT: Any = effect_pb2.effect
_HTTP: Any = annotations_pb2.http
_FIELD_BEHAVIOR: Any = field_behavior_pb2.field_behavior
_PATH_VARIABLE = re.compile(r"\{([a-z_.]+)=([^}]*)\}")
_MAX_DEPTH = 8


@dataclass(frozen=True)
class _Check:
    name: str
    path: str
    required: bool
    is_message: bool
    #: REQUIRED fields inside a singular message field, checked when it is present.
    nested: tuple[_Check, ...]


class RequiredFields:
    """The REQUIRED fields of one request type, compiled once so a call pays no descriptor walk."""

    def __init__(self, message: descriptor.Descriptor) -> None:
        self._checks = _compile(message, "", 0)

    def violations(self, request: Message) -> list[FieldViolation]:
        """The REQUIRED fields missing from `request`, by dotted path; empty when it is complete."""
        out: list[FieldViolation] = []
        if self._checks:
            _run(self._checks, request, out)
        return out


def _compile(message: descriptor.Descriptor, prefix: str, depth: int) -> tuple[_Check, ...]:
    if depth > _MAX_DEPTH:
        return ()
    checks: list[_Check] = []
    for field in message.fields:
        required = field_behavior_pb2.REQUIRED in field.GetOptions().Extensions[_FIELD_BEHAVIOR]
        path = f"{prefix}{field.name}"
        is_message = field.type == _FieldDescriptor.TYPE_MESSAGE and not field.is_repeated
        nested: tuple[_Check, ...] = ()
        inner = field.message_type
        if is_message and inner is not None and not inner.full_name.startswith("google."):
            nested = _compile(inner, f"{path}.", depth + 1)
        if required or nested:
            checks.append(_Check(field.name, path, required, is_message, nested))
    return tuple(checks)


def _run(checks: tuple[_Check, ...], message: Message, out: list[FieldViolation]) -> None:
    for check in checks:
        if check.is_message:
            if message.HasField(check.name):
                if check.nested:
                    _run(check.nested, getattr(message, check.name), out)
            elif check.required:
                out.append(FieldViolation(check.path, "required field is missing"))
        elif check.required and not getattr(message, check.name):
            out.append(FieldViolation(check.path, "required field is missing"))


@dataclass(frozen=True)
class MethodContract:
    """Everything the runtime enforces for one RPC."""

    full_method: str  # "/soma.identity.v1.IdentityService/GetUser"
    service: str
    method: str
    public: bool
    capability: str
    required: RequiredFields
    #: Dotted paths of request fields that hold a `tenants/...` resource name.
    tenant_fields: tuple[str, ...]
    server_streaming: bool
    client_streaming: bool
    #: The contract marks the RPC (or its service) `deprecated`: calls are counted and logged.
    deprecated: bool = False
    #: The RPC changes state: its REST mapping uses another verb than GET (or it has none) and the contract does not
    #: declare it read-only (`soma.common.v1.effect`). Its calls are audited.
    mutating: bool = True
    #: Dotted paths of the request fields that name the resource a call addresses (the REST path's variables).
    resource_fields: tuple[str, ...] = ()

    @property
    def rpc(self) -> str:
        """The RPC's full name, `package.Service.Method`, as the changelog and the metrics name it."""
        return f"{self.service}.{self.method}"

    def tenants_addressed(self, request: Message) -> list[tuple[str, str]]:
        """(field path, value) of each tenant-bearing field of the request."""
        out = []
        for path in self.tenant_fields:
            value: object = request
            for part in path.split("."):
                value = getattr(value, part)
            out.append((path, str(value)))
        return out

    def resource_of(self, request: Message) -> str:
        """The resource a call addresses, as the audit trail names it: the first non-empty REST path variable."""
        for path in self.resource_fields:
            value: object = request
            for part in path.split("."):
                value = getattr(value, part, "")
            if value:
                return str(value)
        return ""


@cache
def load_contracts() -> tuple[str, ...]:
    """Imports every generated `soma.*_pb2` module so the default pool knows the whole contract."""
    names = []
    for info in pkgutil.walk_packages(soma.__path__, "soma."):
        if info.name.endswith("_pb2"):
            importlib.import_module(info.name)
            names.append(info.name)
    return tuple(names)


class ContractError(Exception):
    """The contract itself breaks a rule the runtime relies on (caught by tests and at start)."""


def method_contracts(
    services: tuple[str, ...], pool: descriptor_pool.DescriptorPool | None = None
) -> dict[str, MethodContract]:
    """Reads the MethodContract of every RPC of the named services, keyed by the gRPC method path."""
    if pool is None:
        load_contracts()
        pool = descriptor_pool.Default()
    out: dict[str, MethodContract] = {}
    for service_name in services:
        service = pool.FindServiceByName(service_name)
        for method in service.methods:
            options = method.GetOptions()
            full = f"/{service.full_name}/{method.name}"
            if not options.HasExtension(_AUTH):
                raise ContractError(f"{full} declares no (soma.common.v1.auth) rule")
            rule = options.Extensions[_AUTH]
            which = rule.WhichOneof("requirement")
            if which is None or (which == "capability" and not rule.capability):
                raise ContractError(f"{full} has an empty (soma.common.v1.auth) rule")
            http = options.Extensions[_HTTP]
            out[full] = MethodContract(
                full_method=full,
                service=service.full_name,
                method=method.name,
                public=which == "public" and rule.public,
                capability=rule.capability,
                required=RequiredFields(method.input_type),
                tenant_fields=_tenant_fields(http),
                server_streaming=method.server_streaming,
                client_streaming=method.client_streaming,
                deprecated=options.deprecated or service.GetOptions().deprecated,
                mutating=http.WhichOneof("pattern") != "get" and not options.Extensions[_EFFECT].read_only,
                resource_fields=tuple(var for var, _template in _PATH_VARIABLE.findall(_http_path(http))),
            )
    return out


def _http_path(http: http_pb2.HttpRule) -> str:
    kind = http.WhichOneof("pattern")
    if kind is None:
        return ""
    path: str = http.custom.path if kind == "custom" else getattr(http, kind)
    return path


def _tenant_fields(http: http_pb2.HttpRule) -> tuple[str, ...]:
    return tuple(var for var, template in _PATH_VARIABLE.findall(_http_path(http)) if template.startswith("tenants/"))


def capability_catalogue(pool: descriptor_pool.DescriptorPool | None = None) -> frozenset[str]:
    """Every capability any Soma RPC declares, required or conditional: the universe roles and tokens draw from."""
    if pool is None:
        load_contracts()
        pool = descriptor_pool.Default()
    found: set[str] = set()
    for module in load_contracts():
        file = pool.FindFileByName(module.removesuffix("_pb2").replace(".", "/") + ".proto")
        for service in file.services_by_name.values():
            for method in service.methods:
                rule = method.GetOptions().Extensions[_AUTH]
                if rule.capability:
                    found.add(rule.capability)
                # Checked by the RPC itself for some requests (impersonation on IssueToken, say).
                found.update(rule.conditional_capabilities)
    return frozenset(found)
