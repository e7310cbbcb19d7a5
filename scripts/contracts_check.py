"""contracts-check: the compatibility gate of contracts/ against the descriptor set of the last contracts release.

Run it as `scripts/contracts-check` (see `--help` and docs/compatibility.md). It builds the
descriptor set of a contracts root with grpc_tools.protoc, reads the baseline from a signed
release manifest (signature and sha256 verified by soma_release), and reports every problem
with the element it concerns:

- `buf lint` of the tree and `buf breaking` against the baseline (the rules in buf.yaml);
- what buf does not check: changed `google.api.http` rules, fields, `oneof` variants and enum
  values removed without `reserved` (number and name), numbers renumbered or reused, event topics
  (`(soma.common.v1.event)`) renamed, removed or given another payload type;
- semver: contracts/VERSION against the baseline's version and the kind of change;
- the changelog: contracts/CHANGELOG.md has an entry for VERSION that names what it must.

Exit status: 0 when the contracts pass, 1 when they do not, 2 when the check cannot run
(bad arguments, a manifest that is missing, untrusted or tampered with, a missing tool).
"""

from __future__ import annotations

import argparse
import enum
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gen_topics import TopicError, declared_topics
from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor_pb2

REPO = Path(__file__).resolve().parent.parent
DEFAULT_RELEASES = REPO / "manifests" / "releases"
MANIFEST_NAME = "contracts-release-manifest.json"
DESCRIPTOR_SET_KIND = "descriptor-set"
_VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
_PACKAGE = re.compile(r"^soma\.([a-z][a-z0-9_]*)\.v([1-9]\d*)$")
_CHANGELOG_HEADING = re.compile(r"^## \[?(\d+\.\d+\.\d+)\]?(?:\s|$)", re.M)
# The generated stubs type extensions as plain field descriptors; the Extensions API wants them as such.
_HTTP: object = annotations_pb2.http

Version = tuple[int, int, int]


class CheckError(Exception):
    """The check cannot run: bad arguments, an unusable manifest or descriptor set, a missing tool."""


class Level(enum.IntEnum):
    """How much the contracts changed since the baseline, and so which part of VERSION must grow."""

    NONE = 0
    PATCH = 1  # comments only
    MINOR = 2  # additive
    MAJOR = 3  # a new package version, or a retired one


@dataclass(frozen=True)
class Problem:
    """One reason the contracts fail the gate; `check` names the rule, `message` the element."""

    check: str
    message: str
    #: The package a breaking problem is in ('' when none or not breaking).
    package: str = ""

    def __str__(self) -> str:
        return f"{self.check}: {self.message}"


@dataclass(frozen=True)
class Baseline:
    """The last contracts release: its version, its descriptor set, and where both came from."""

    version: str
    descriptor_set: bytes
    source: str


@dataclass
class Report:
    """What the gate found."""

    baseline: str
    version: str
    level: Level = Level.NONE
    #: Some change breaks a released package (always a problem, whatever VERSION says).
    breaking: bool = False
    changes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_version(text: str, where: str) -> Version:
    """`MAJOR.MINOR.PATCH` as a tuple; CheckError naming `where` otherwise."""
    match = _VERSION.match(text.strip())
    if match is None:
        raise CheckError(f"{where}: not a MAJOR.MINOR.PATCH version: {text.strip()!r}")
    return int(match[1]), int(match[2]), int(match[3])


def show(version: Version) -> str:
    return ".".join(map(str, version))


# -- building and reading descriptor sets ---------------------------------------------------------------------------


def google_includes() -> list[str]:
    """The include dirs of Google's protos: googleapis-common-protos and grpcio-tools' well-known types."""
    import google.api

    tools = importlib.util.find_spec("grpc_tools")
    if tools is None or tools.origin is None:
        raise CheckError("grpc_tools is not installed: install the dev extras (grpcio-tools)")
    api = Path(next(iter(google.api.__path__))).parent.parent
    return [str(api), str(Path(tools.origin).parent / "_proto")]


def build_descriptor_set(root: Path, out: Path) -> bytes:
    """Compiles every `.proto` under `root/soma` into a FileDescriptorSet (imports and comments included)."""
    protos = sorted(p.relative_to(root).as_posix() for p in (root / "soma").rglob("*.proto"))
    if not protos:
        raise CheckError(f"{root}: no .proto files under soma/")
    includes = [arg for path in google_includes() for arg in ("-I", path)]
    command = [sys.executable, "-m", "grpc_tools.protoc", "-I", ".", *includes]
    command += [f"--descriptor_set_out={out}", "--include_imports", "--include_source_info", *protos]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise ContractsDoNotCompile(result.stderr.strip() or result.stdout.strip())
    return out.read_bytes()


class ContractsDoNotCompile(Exception):
    """protoc refused the contracts tree (a contract problem, not a tooling one)."""


def read_descriptor_set(data: bytes, where: str) -> descriptor_pb2.FileDescriptorSet:
    try:
        return descriptor_pb2.FileDescriptorSet.FromString(data)
    except Exception as error:  # protobuf raises DecodeError, or a RuntimeError from upb
        raise CheckError(f"{where}: not a FileDescriptorSet: {error}") from None


@dataclass
class Contracts:
    """The Soma files of one descriptor set, indexed by the full names of their elements."""

    files: dict[str, descriptor_pb2.FileDescriptorProto]
    messages: dict[str, descriptor_pb2.DescriptorProto] = field(default_factory=dict)
    enums: dict[str, descriptor_pb2.EnumDescriptorProto] = field(default_factory=dict)
    services: dict[str, descriptor_pb2.ServiceDescriptorProto] = field(default_factory=dict)
    package_of: dict[str, str] = field(default_factory=dict)  # element full name -> package

    @classmethod
    def of(cls, fds: descriptor_pb2.FileDescriptorSet) -> Contracts:
        contracts = cls({f.name: f for f in fds.file if f.name.startswith("soma/")})
        for file in contracts.files.values():
            contracts._add(file.package, file.package, file.message_type, file.enum_type)
            for service in file.service:
                name = f"{file.package}.{service.name}"
                contracts.services[name] = service
                contracts.package_of[name] = file.package
        return contracts

    def _add(
        self,
        package: str,
        scope: str,
        messages: Iterable[descriptor_pb2.DescriptorProto],
        enums: Iterable[descriptor_pb2.EnumDescriptorProto],
    ) -> None:
        for enum_type in enums:
            self.enums[f"{scope}.{enum_type.name}"] = enum_type
            self.package_of[f"{scope}.{enum_type.name}"] = package
        for message in messages:
            name = f"{scope}.{message.name}"
            self.messages[name] = message
            self.package_of[name] = package
            self._add(package, name, message.nested_type, message.enum_type)

    @property
    def packages(self) -> set[str]:
        return {f.package for f in self.files.values()}


# -- the checks buf lacks -------------------------------------------------------------------------------------------


def _is_variant(message: descriptor_pb2.DescriptorProto, item: descriptor_pb2.FieldDescriptorProto) -> str | None:
    """The name of the real `oneof` the field belongs to (proto3 `optional` is not one), else None."""
    if item.HasField("oneof_index") and not item.proto3_optional:
        return message.oneof_decl[item.oneof_index].name
    return None


def _what(message: descriptor_pb2.DescriptorProto, item: descriptor_pb2.FieldDescriptorProto) -> str:
    oneof = _is_variant(message, item)
    return f'oneof "{oneof}" variant' if oneof else "field"


@dataclass(frozen=True)
class _Slot:
    """A numbered member of a message or enum: a field, a `oneof` variant or an enum value."""

    label: str  # 'field', 'oneof "change" variant', 'value'
    number: int
    name: str
    deprecated: bool


def _fields(message: descriptor_pb2.DescriptorProto) -> list[_Slot]:
    return [_Slot(_what(message, f), f.number, f.name, f.options.deprecated) for f in message.field]


def _values(enum_type: descriptor_pb2.EnumDescriptorProto) -> list[_Slot]:
    return [_Slot("value", v.number, v.name, v.options.deprecated) for v in enum_type.value]


def _compare_slots(
    owner: str,
    before: list[_Slot],
    after: list[_Slot],
    reserved_ranges: Sequence[tuple[int, int]],
    reserved_names: Sequence[str],
    package: str,
    old_version: str,
) -> list[Problem]:
    problems: list[Problem] = []
    by_number = {s.number: s for s in after}
    by_name = {s.name: s for s in after}
    for slot in before:
        now = by_number.get(slot.number)
        if now is not None:
            # An enum value may gain an alias; only a number that lost its name was renamed.
            if now.name != slot.name and slot.name not in by_name:
                message = f'{owner} {slot.label} {slot.number} "{slot.name}" renamed to "{now.name}"'
                problems.append(Problem("reserved", f"{message}: a number is never reused or renamed", package))
            continue
        if slot.name in by_name:
            message = f'{owner} {slot.label} "{slot.name}" renumbered {slot.number} -> {by_name[slot.name].number}'
            problems.append(Problem("reserved", message, package))
            continue
        number_reserved = any(start <= slot.number < end for start, end in reserved_ranges)
        name_reserved = slot.name in reserved_names
        removed = f'{owner} {slot.label} {slot.number} "{slot.name}" removed'
        if not (number_reserved and name_reserved):
            missing = ""
            if number_reserved:
                missing = " (its number is reserved, its name is not)"
            elif name_reserved:
                missing = " (its name is reserved, its number is not)"
            problems.append(Problem("reserved", f"{removed} without reserved{missing}", package))
        elif not slot.deprecated:
            message = f"{removed}, but it was not deprecated in {old_version}: deprecate it in a release first"
            problems.append(Problem("reserved", message, package))
    return problems


def check_removals(old: Contracts, new: Contracts, retired: set[str], old_version: str) -> list[Problem]:
    """Fields, `oneof` variants and enum values that vanished without deprecation and `reserved` number AND name.

    Renumbered and renamed ones are reported too. Removed messages, enums and packages are not
    looked at here: buf reports the first two, check_retired the last.
    """
    problems: list[Problem] = []
    for name, message in sorted(old.messages.items()):
        now = new.messages.get(name)
        if now is not None and old.package_of[name] not in retired:
            problems += _compare_slots(
                name,
                _fields(message),
                _fields(now),
                [(r.start, r.end) for r in now.reserved_range],
                now.reserved_name,
                old.package_of[name],
                old_version,
            )
    for name, enum_type in sorted(old.enums.items()):
        now_enum = new.enums.get(name)
        if now_enum is not None and old.package_of[name] not in retired:
            problems += _compare_slots(
                name,
                _values(enum_type),
                _values(now_enum),
                # Enum reserved ranges include their end, unlike message ones.
                [(r.start, r.end + 1) for r in now_enum.reserved_range],
                now_enum.reserved_name,
                old.package_of[name],
                old_version,
            )
    return problems


def _http_rule(method: descriptor_pb2.MethodDescriptorProto) -> http_pb2.HttpRule | None:
    options = method.options
    if not options.HasExtension(_HTTP):  # type: ignore[arg-type]
        return None
    rule: http_pb2.HttpRule = options.Extensions[_HTTP]  # type: ignore[index]
    return rule


def render_binding(rule: http_pb2.HttpRule) -> str:
    """One binding as `VERB /path`, with ` body=...`/` response_body=...` when set."""
    kind = rule.WhichOneof("pattern")
    if kind is None:
        text = "(no pattern)"
    elif kind == "custom":
        text = f"{rule.custom.kind} {rule.custom.path}"
    else:
        text = f"{kind.upper()} {getattr(rule, kind)}"
    if rule.body:
        text += f" body={rule.body}"
    if rule.response_body:
        text += f" response_body={rule.response_body}"
    return text


def check_http_rules(old: Contracts, new: Contracts, retired: set[str]) -> list[Problem]:
    """Every released `google.api.http` binding must stay as it was; new additional bindings may be added."""
    problems: list[Problem] = []
    for name, service in sorted(old.services.items()):
        after = new.services.get(name)
        if after is None or old.package_of[name] in retired:
            continue
        methods = {m.name: m for m in after.method}
        for method in service.method:
            now = methods.get(method.name)
            if now is None:
                continue  # buf's RPC_NO_DELETE
            before_rule, now_rule = _http_rule(method), _http_rule(now)
            if before_rule is None:
                continue  # a first REST mapping is additive
            where = f"{name}.{method.name}"
            package = old.package_of[name]
            if now_rule is None:
                problems.append(Problem("http", f"{where}: HTTP rule removed: {render_binding(before_rule)}", package))
                continue
            if render_binding(before_rule) != render_binding(now_rule):
                problems.append(
                    Problem(
                        "http",
                        f"{where}: HTTP rule changed: {render_binding(before_rule)} -> {render_binding(now_rule)}",
                        package,
                    )
                )
            kept = {render_binding(b) for b in now_rule.additional_bindings}
            for binding in before_rule.additional_bindings:
                if render_binding(binding) not in kept:
                    problems.append(
                        Problem(
                            "http",
                            f"{where}: HTTP rule changed: additional binding {render_binding(binding)} removed",
                            package,
                        )
                    )
    return problems


# -- event topics ---------------------------------------------------------------------------------------------------


def check_topics(
    old_set: descriptor_pb2.FileDescriptorSet,
    new_set: descriptor_pb2.FileDescriptorSet,
    old: Contracts,
    retired: set[str],
    old_version: str,
) -> list[Problem]:
    """Every released `(soma.common.v1.event)` topic keeps its name and its payload type.

    Consumers subscribe by the name and decode by the type, so a rename, a removed declaration or
    another payload message breaks them as a renamed field would. Topics of retired packages are
    not looked at (check_retired judges those packages).
    """
    try:
        before = {t.name: t for t in declared_topics(old_set)}
    except TopicError as error:
        raise CheckError(f"the baseline's topics: {error}") from None
    try:
        after = {t.name: t for t in declared_topics(new_set)}
    except TopicError as error:
        return [Problem("topic", str(error))]
    by_payload = {t.payload: t for t in after.values()}
    problems: list[Problem] = []
    for name, topic in sorted(before.items()):
        package = old.package_of.get(topic.payload, "")
        if package in retired:
            continue
        now = after.get(name)
        if now is not None and now.payload == topic.payload:
            continue
        if now is not None:
            change = f'topic "{name}" payload type changed: {topic.payload} -> {now.payload}'
        elif topic.payload in by_payload:
            change = f'topic "{name}" of {topic.payload} renamed to "{by_payload[topic.payload].name}"'
        else:
            change = f'topic "{name}" of {topic.payload} removed'
        problems.append(
            Problem(
                "topic",
                f"{change}: a topic released in {old_version} keeps its name and payload type; "
                "declare a new topic on a new payload message instead",
                package,
            )
        )
    return problems


# -- packages, deprecation, the kind of change ----------------------------------------------------------------------


def _split(package: str) -> tuple[str, int] | None:
    match = _PACKAGE.match(package)
    return (match[1], int(match[2])) if match else None


def deprecated_rpcs(contracts: Contracts) -> set[str]:
    """`package.Service.Method` of every RPC marked `deprecated`, itself or through its service."""
    out = set()
    for name, service in contracts.services.items():
        for method in service.method:
            if service.options.deprecated or method.options.deprecated:
                out.add(f"{name}.{method.name}")
    return out


def check_retired(old: Contracts, new: Contracts, retired: set[str], old_version: str) -> list[Problem]:
    """A package version may go only once its successor was released beside it and all its RPCs were deprecated."""
    problems: list[Problem] = []
    deprecated = deprecated_rpcs(old)
    for package in sorted(retired):
        parts = _split(package)
        successor = None
        if parts is not None:
            domain, major = parts
            later = [
                p
                for p in old.packages & new.packages
                if (s := _split(p)) is not None and s[0] == domain and s[1] > major
            ]
            successor = min(later, default=None)
        if successor is None:
            nxt = f"soma.{parts[0]}.v{parts[1] + 1}" if parts else "a successor package"
            problems.append(
                Problem(
                    "retire",
                    f"{package} removed, but no later version of it ({nxt}) was released beside it in {old_version} "
                    "and kept",
                )
            )
        for name, service in sorted(old.services.items()):
            if old.package_of[name] != package:
                continue
            for method in service.method:
                rpc = f"{name}.{method.name}"
                if rpc not in deprecated:
                    problems.append(
                        Problem(
                            "retire",
                            f"{package} removed, but {rpc} was not deprecated in {old_version}: deprecate it in a "
                            "release and serve it for one more major version first",
                        )
                    )
    return problems


def _strip(file: descriptor_pb2.FileDescriptorProto) -> bytes:
    copy = descriptor_pb2.FileDescriptorProto()
    copy.CopyFrom(file)
    copy.ClearField("source_code_info")
    return copy.SerializeToString(deterministic=True)


def _comments(file: descriptor_pb2.FileDescriptorProto) -> dict[tuple[int, ...], tuple[str, str, tuple[str, ...]]]:
    return {
        tuple(loc.path): (loc.leading_comments, loc.trailing_comments, tuple(loc.leading_detached_comments))
        for loc in file.source_code_info.location
        if loc.leading_comments or loc.trailing_comments or loc.leading_detached_comments
    }


def classify(old: Contracts, new: Contracts, retired: set[str]) -> tuple[Level, list[str]]:
    """The kind of change from `old` to `new`, and one line per changed file or package saying what changed."""
    changes: list[str] = []
    level = Level.NONE
    old_majors: dict[str, set[int]] = {}
    for package in old.packages:
        if (parts := _split(package)) is not None:
            old_majors.setdefault(parts[0], set()).add(parts[1])
    for package in sorted(new.packages - old.packages):
        parts = _split(package)
        if parts is not None and any(major < parts[1] for major in old_majors.get(parts[0], ())):
            level = max(level, Level.MAJOR)
            changes.append(f"new package version {package}")
        else:
            level = max(level, Level.MINOR)
            changes.append(f"new package {package}")
    for package in sorted(retired):
        level = max(level, Level.MAJOR)
        changes.append(f"package {package} retired")
    for name in sorted(set(old.files) | set(new.files)):
        before, after = old.files.get(name), new.files.get(name)
        if before is None:
            if after is not None and after.package in old.packages:
                level = max(level, Level.MINOR)
                changes.append(f"{name} added")
            continue
        if after is None:
            if before.package in new.packages:
                level = max(level, Level.MINOR)  # buf's FILE_NO_DELETE says why that fails
                changes.append(f"{name} removed")
            continue
        if _strip(before) != _strip(after):
            level = max(level, Level.MINOR)
            changes.append(f"{name} changed")
        elif _comments(before) != _comments(after):
            level = max(level, Level.PATCH)
            changes.append(f"{name}: comments changed")
    return level, changes


def required_version(baseline: Version, level: Level) -> Version:
    major, minor, patch = baseline
    if level is Level.MAJOR:
        return (major + 1, 0, 0)
    if level is Level.MINOR:
        return (major, minor + 1, 0)
    if level is Level.PATCH:
        return (major, minor, patch + 1)
    return baseline


_LEVEL_TEXT = {
    Level.PATCH: "comments only (patch)",
    Level.MINOR: "additive (minor)",
    Level.MAJOR: "a new or retired package version (major)",
}


def check_semver(version: Version, baseline: Version, level: Level, version_file: str) -> list[Problem]:
    if version < baseline:
        return [Problem("semver", f"{version_file} is {show(version)}, older than the baseline {show(baseline)}")]
    needed = required_version(baseline, level)
    if version < needed:
        return [
            Problem(
                "semver",
                f"{version_file} is {show(version)}, but the change since {show(baseline)} is "
                f"{_LEVEL_TEXT[level]}: it needs at least {show(needed)}",
            )
        ]
    return []


def changelog_entries(text: str) -> dict[str, str]:
    """Version -> the text of its `## <version>` section."""
    headings = list(_CHANGELOG_HEADING.finditer(text))
    return {
        match[1]: text[match.end() : headings[i + 1].start() if i + 1 < len(headings) else len(text)]
        for i, match in enumerate(headings)
    }


def check_changelog(
    path: Path, shown: str, version: str, level: Level, must_name: Sequence[tuple[str, str]]
) -> list[Problem]:
    """The entry of `version` exists, lists something, and names each `(element, why)` of `must_name`."""
    if not path.is_file():
        return [Problem("changelog", f"{shown} is missing: every contract version needs an entry there")]
    text = path.read_text(encoding="utf-8")
    headings = [m[1] for m in _CHANGELOG_HEADING.finditer(text)]
    if headings.count(version) > 1:
        return [Problem("changelog", f"{shown} has {headings.count(version)} entries `## {version}`; keep one")]
    entry = changelog_entries(text).get(version)
    if entry is None:
        why = f"the contracts changed ({_LEVEL_TEXT[level]})" if level else "every contract version has one"
        return [Problem("changelog", f"{shown} has no entry `## {version}`: {why}")]
    if not re.search(r"^\s*[-*] \S", entry, re.M):
        return [Problem("changelog", f"{shown}: the entry of {version} lists no change")]
    return [
        Problem("changelog", f"{shown}: the entry of {version} does not name {element} ({why})")
        for element, why in must_name
        if not re.search(rf"(?<![\w.]){re.escape(element)}(?![\w])", entry)
    ]


# -- buf ------------------------------------------------------------------------------------------------------------


def find_buf() -> str:
    beside = Path(sys.executable).parent / "buf"
    found = str(beside) if beside.is_file() else shutil.which("buf")
    if found is None:
        raise CheckError("buf not found: install the dev extras (the buf-bin wheel)")
    return found


def buf_lint(buf: str, current: Path, config: Path) -> list[Problem]:
    result = subprocess.run(
        [buf, "lint", str(current), "--path", "soma", "--config", str(config), "--error-format", "json"],
        capture_output=True,
        text=True,
    )
    return _buf_problems("buf lint", result, {})


def buf_breaking(buf: str, current: Path, against: Path, config: Path, packages: dict[str, str]) -> list[Problem]:
    """buf's breaking rules; `packages` maps a file to its package, to tell which package a change breaks."""
    command = [buf, "breaking", str(current), "--against", str(against), "--path", "soma", "--config", str(config)]
    result = subprocess.run(
        [*command, "--error-format", "json"],
        capture_output=True,
        text=True,
    )
    return _buf_problems("buf breaking", result, packages)


def _buf_problems(check: str, result: subprocess.CompletedProcess[str], packages: dict[str, str]) -> list[Problem]:
    if result.returncode == 0:
        return []
    problems = []
    for line in result.stdout.splitlines():
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            problems.append(Problem(check, line))
            continue
        where = f"{item['path']}:{item['start_line']}" if item.get("start_line") else item["path"]
        message = f"{where}: {item['type']}: {item['message']}"
        problems.append(Problem(check, message, packages.get(item["path"], "")))
    if not problems:  # buf itself failed (bad config or input): that is a tooling problem
        raise CheckError(f"{check} failed: {(result.stderr or result.stdout).strip()}")
    return problems


# -- the baseline: a signed release manifest ------------------------------------------------------------------------


def latest_manifest(releases: Path = DEFAULT_RELEASES) -> Path:
    """The manifest of the highest contracts release under manifests/releases/contracts-v*/."""
    found: list[tuple[Version, Path]] = []
    for folder in releases.glob("contracts-v*"):
        manifest = folder / MANIFEST_NAME
        if manifest.is_file():
            try:
                found.append((parse_version(folder.name.removeprefix("contracts-v"), str(folder)), manifest))
            except CheckError:
                continue
    if not found:
        raise CheckError(f"no contracts release manifest under {releases}/contracts-v*/{MANIFEST_NAME}")
    return max(found)[1]


def load_baseline(ref: str, trusted_keys: Path | None, work: Path) -> Baseline:
    """The version and descriptor set of the contracts release `ref` (a path or URL) describes, verified.

    soma_release checks the manifest's schema and Ed25519 signature (against `trusted_keys`,
    default: the release tooling's trusted keys) and the artifact's size and sha256.
    """
    from soma_release.errors import ReleaseError
    from soma_release.keys import TrustedKeys
    from soma_release.manifest import fetch_artifact, load_manifest

    try:
        trusted = TrustedKeys.from_paths([trusted_keys]) if trusted_keys is not None else TrustedKeys.default()
        release = load_manifest(ref, trusted)
        manifest = release.manifest
        if manifest.release_type != "contracts":
            raise CheckError(f"{ref}: a {manifest.release_type} release, not a contracts release")
        names = [a.name for a in manifest.artifacts if a.kind == DESCRIPTOR_SET_KIND]
        if len(names) != 1:
            raise CheckError(f"{ref}: lists {len(names)} artifacts of kind {DESCRIPTOR_SET_KIND}, not one")
        data = fetch_artifact(release, names[0], work / "baseline").read_bytes()
    except ReleaseError as error:
        raise CheckError(f"baseline refused: {error}") from None
    return Baseline(version=manifest.version, descriptor_set=data, source=f"{ref}, signed by key {release.key_id}")


# -- the gate -------------------------------------------------------------------------------------------------------


def _filtered(fds: descriptor_pb2.FileDescriptorSet, drop: set[str]) -> descriptor_pb2.FileDescriptorSet:
    out = descriptor_pb2.FileDescriptorSet()
    out.file.extend(f for f in fds.file if not (f.name.startswith("soma/") and f.package in drop))
    return out


def run(root: Path, baseline: Baseline, *, buf_config: Path, shown_root: str) -> Report:
    """Checks the contracts under `root` against `baseline`; every problem found goes into the report."""
    version_file = root / "VERSION"
    if not version_file.is_file():
        raise CheckError(f"{shown_root}/VERSION is missing")
    version_text = version_file.read_text(encoding="utf-8").strip()
    report = Report(baseline=baseline.version, version=version_text)
    version = parse_version(version_text, f"{shown_root}/VERSION")
    base_version = parse_version(baseline.version, f"the baseline {baseline.source}")
    old_set = read_descriptor_set(baseline.descriptor_set, baseline.source)
    old = Contracts.of(old_set)
    if not old.files:
        raise CheckError(f"{baseline.source}: holds no soma/ files")
    buf = find_buf()
    with tempfile.TemporaryDirectory(prefix="contracts-check-") as work:
        current = Path(work) / "current.binpb"
        try:
            new_set = read_descriptor_set(build_descriptor_set(root, current), str(current))
        except ContractsDoNotCompile as error:
            report.problems.append(Problem("protoc", str(error)))
            return report
        new = Contracts.of(new_set)
        retired = old.packages - new.packages
        against = Path(work) / "baseline.binpb"
        against.write_bytes(_filtered(old_set, retired).SerializeToString())
        report.problems += buf_lint(buf, current, buf_config)
        report.problems += check_removals(old, new, retired, baseline.version)
        report.problems += check_http_rules(old, new, retired)
        report.problems += check_retired(old, new, retired, baseline.version)
        report.problems += check_topics(old_set, new_set, old, retired, baseline.version)
        files = {name: f.package for name, f in (*old.files.items(), *new.files.items())}
        report.problems += buf_breaking(buf, current, against, buf_config, files)
    report.level, report.changes = classify(old, new, retired)
    broken = sorted({p.package for p in report.problems if p.package})
    for package in broken:
        parts = _split(package)
        successor = f"soma.{parts[0]}.v{parts[1] + 1}" if parts else "a new package"
        report.problems.append(
            Problem(
                "semver",
                f"{package} has breaking changes (above): no version of {package} may break its released "
                f"{baseline.version} contract; make them in a new package {successor} served beside it",
            )
        )
    report.breaking = bool(broken)
    # A breaking change fails whatever VERSION says; VERSION is judged on the changes that may ship.
    report.problems += check_semver(
        version, base_version, Level.NONE if broken else report.level, f"{shown_root}/VERSION"
    )
    must_name = [(p, "a retired package") for p in sorted(retired)]
    must_name += [
        (p, "a new package version") for p in sorted(new.packages - old.packages) if _is_new_major(p, old.packages)
    ]
    must_name += [(rpc, "newly deprecated") for rpc in sorted(deprecated_rpcs(new) - deprecated_rpcs(old))]
    report.problems += check_changelog(
        root / "CHANGELOG.md", f"{shown_root}/CHANGELOG.md", version_text, report.level, must_name
    )
    return report


def _is_new_major(package: str, old_packages: set[str]) -> bool:
    parts = _split(package)
    return parts is not None and any((s := _split(p)) is not None and s[0] == parts[0] for p in old_packages)


def _shown(root: Path) -> str:
    try:
        return root.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return str(root)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="contracts-check",
        description="Compatibility gate: buf lint and breaking, REST rules, reserved numbers, semver and changelog "
        "of a contracts root against the last contracts release (docs/compatibility.md).",
    )
    parser.add_argument(
        "--proto-root",
        type=Path,
        default=None,
        help="the contracts root to check (default: $SOMA_PROTO_ROOT, else contracts/)",
    )
    parser.add_argument(
        "--manifest",
        default=None,
        help="path or URL of the contracts release manifest to compare with "
        f"(default: the highest manifests/releases/contracts-v*/{MANIFEST_NAME})",
    )
    parser.add_argument(
        "--trusted-keys",
        type=Path,
        default=None,
        help="the Ed25519 public keys a manifest may be signed with (default: the release tooling's trusted keys)",
    )
    parser.add_argument(
        "--buf-config", type=Path, default=REPO / "buf.yaml", help="buf's lint and breaking rules (default: buf.yaml)"
    )
    args = parser.parse_args(argv)
    root: Path = args.proto_root or Path(os.environ.get("SOMA_PROTO_ROOT") or REPO / "contracts")
    try:
        if not root.is_dir():
            raise CheckError(f"contracts root {root} is not a directory")
        ref = args.manifest or _shown(latest_manifest())
        with tempfile.TemporaryDirectory(prefix="contracts-check-") as work:
            baseline = load_baseline(ref, args.trusted_keys, Path(work))
        report = run(root, baseline, buf_config=args.buf_config, shown_root=_shown(root))
    except CheckError as error:
        print(f"contracts-check: cannot check: {error}", file=sys.stderr)
        return 2
    print(_summary(report, baseline), file=sys.stderr if report.problems else sys.stdout)
    for problem in report.problems:
        print(f"  {problem}", file=sys.stderr)
    return 0 if report.ok else 1


def _summary(report: Report, baseline: Baseline) -> str:
    level = "no contract change" if report.level is Level.NONE else _LEVEL_TEXT[report.level]
    if report.breaking:
        level = "breaking"
    head = f"contracts-check: {report.version} against release {report.baseline} ({baseline.source}): {level}"
    lines = [head, *(f"  changed: {c}" for c in report.changes)]
    if report.problems:
        lines.append(f"contracts-check: FAILED, {len(report.problems)} problem(s):")
    else:
        lines.append("contracts-check: OK")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
