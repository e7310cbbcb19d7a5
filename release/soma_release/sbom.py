"""CycloneDX SBOMs of release artifacts: what each artifact holds and depends on, written next to it.

Every artifact `X` of a release gets `X.cdx.json` (CycloneDX JSON), listed in the signed manifest as an
artifact of kind `sbom` whose sha256 the manifest carries; `X`'s own entry names it (`"sbom": "X.cdx.json"`).
The SBOM's root component carries `X`'s sha256, so the artifact, its SBOM and the manifest bind each other.

- Python artifacts (the soma-proto wheel, sdist and descriptor set; the daemon archives) are described with
  cyclonedx-python-lib: the wheels they ship, then the closure of those wheels' `Requires-Dist`, at the
  versions installed in the build environment (the environment the release was built and tested in; the
  archive's install.sh resolves within the same ranges).
- The desktop archive is described by `npm sbom` (npm's own CycloneDX output, npm 10 or newer) over the
  console's installed tree (`npm ci` from its lockfile, which building the console needs anyway): no
  registry call, exact versions and integrity hashes, only the packages this platform installed (not the
  lock's optional binaries for other platforms). Dev dependencies are listed (they built the archive) with
  `scope: optional` (not shipped in it). `npm sbom --package-lock-only` is not used: it refuses the
  console's `file:` dependency on @soma/proto outside the checkout, and `--omit dev` drops preact.
- A bundle's SBOM nests the SBOMs of the daemon and desktop archives it was made from.

Serial numbers and timestamps come from the artifact's sha256 and SOURCE_DATE_EPOCH, so rebuilding the
same sources gives the same SBOM bytes, like the artifacts themselves.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from email.message import Message
from email.parser import HeaderParser
from importlib import metadata
from pathlib import Path
from typing import Any, Final

from cyclonedx.exception import MissingOptionalDependencyException
from cyclonedx.model import HashAlgorithm, HashType, Property
from cyclonedx.model.bom import Bom, BomMetaData
from cyclonedx.model.component import Component, ComponentScope, ComponentType
from cyclonedx.model.license import DisjunctiveLicense, LicenseExpression
from cyclonedx.output.json import JsonV1Dot6
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from packageurl import PackageURL
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from soma_release.errors import BuildError
from soma_release.manifest import sha256_file

#: Appended to an artifact's name to name its SBOM (the CycloneDX convention for JSON documents).
SBOM_SUFFIX: Final = ".cdx.json"
#: Marks components that are not inside the artifact but installed beside it, at the build's versions.
RESOLVED_PROPERTY: Final = "soma:resolved-from"


def sbom_name(artifact_name: str) -> str:
    """The file (and release asset) name of an artifact's SBOM."""
    return artifact_name + SBOM_SUFFIX


def _serial(sha256: str) -> uuid.UUID:
    """A serial number fixed by the artifact's bytes, so a rebuild gives the same SBOM."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"https://somastack.dev/sbom/{sha256}")


def _timestamp(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def _sha256_hash(sha256: str) -> HashType:
    return HashType(alg=HashAlgorithm.SHA_256, content=sha256)


def wheel_metadata(wheel: Path) -> Message:
    """The core metadata (`*.dist-info/METADATA`) of a built wheel."""
    with zipfile.ZipFile(wheel) as archive:
        names = [n for n in archive.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA")]
        if len(names) != 1:
            raise BuildError(f"{wheel.name}: expected one .dist-info/METADATA, found {len(names)}")
        return HeaderParser().parsestr(archive.read(names[0]).decode("utf-8"))


def _licenses(meta: Message) -> list[LicenseExpression | DisjunctiveLicense]:
    """The SPDX expression a distribution declares (PEP 639), else a short `License` field as a name."""
    expression = meta.get("License-Expression")
    if expression:
        return [LicenseExpression(expression.strip())]
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 100 and text.upper() != "UNKNOWN":
        return [DisjunctiveLicense(name=text)]
    return []


def _pypi_component(meta: Message, *, sha256: str | None, resolved: bool) -> Component:
    name, version = str(meta["Name"]), str(meta["Version"])
    purl = PackageURL(type="pypi", name=canonicalize_name(name), version=version)
    return Component(
        name=name,
        version=version,
        type=ComponentType.LIBRARY,
        bom_ref=purl.to_string(),
        purl=purl,
        scope=ComponentScope.REQUIRED,
        hashes=[_sha256_hash(sha256)] if sha256 else None,
        licenses=_licenses(meta),
        description=meta.get("Summary"),
        properties=[Property(name=RESOLVED_PROPERTY, value="build-environment")] if resolved else None,
    )


def _applies(requirement: Requirement, extras: frozenset[str]) -> bool:
    """Whether a Requires-Dist line applies here (its marker, for no extra or one of the asked extras)."""
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({"extra": extra}) for extra in {"", *extras})


def _installed(requirement: Requirement, needed_by: str) -> metadata.Distribution:
    """The distribution installed for a requirement; BuildError when absent or outside its range."""
    try:
        dist = metadata.distribution(requirement.name)
    except metadata.PackageNotFoundError as exc:
        raise BuildError(
            f"SBOM: {requirement} (needed by {needed_by}) is not installed in the build environment; "
            "install the project with its dependencies first"
        ) from exc
    if not requirement.specifier.contains(dist.version, prereleases=True):
        raise BuildError(f"SBOM: {needed_by} needs {requirement}, the build environment has {dist.version}")
    return dist


def _parse(line: str, needed_by: str) -> Requirement:
    try:
        return Requirement(line)
    except InvalidRequirement as exc:
        raise BuildError(f"SBOM: {needed_by} declares an invalid requirement {line!r} ({exc})") from exc


def dependency_closure(roots: Iterable[Message]) -> dict[str, Message]:
    """Every distribution the given ones need, transitively, as installed here; keyed by canonical name."""
    roots = list(roots)
    shipped = {canonicalize_name(str(m["Name"])) for m in roots}
    todo = [(str(m["Name"]), line, frozenset[str]()) for m in roots for line in m.get_all("Requires-Dist") or []]
    found: dict[str, Message] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    while todo:
        needed_by, line, extras = todo.pop()
        requirement = _parse(line, needed_by)
        key = (canonicalize_name(requirement.name), frozenset(requirement.extras))
        if not _applies(requirement, extras) or key[0] in shipped or key in seen:
            continue
        seen.add(key)
        dist = _installed(requirement, needed_by)
        found[key[0]] = dist.metadata  # type: ignore[assignment]
        todo.extend((requirement.name, sub, key[1]) for sub in dist.requires or [])
    return found


def _validated(text: str, version: SchemaVersion, what: str) -> str:
    """Refuse to publish an SBOM that its CycloneDX schema does not accept."""
    try:
        error = JsonStrictValidator(version).validate_str(text)
    except MissingOptionalDependencyException as exc:  # pragma: no cover - jsonschema is a dependency
        raise BuildError(f"SBOM of {what}: cannot validate ({exc})") from exc
    if error is not None:
        raise BuildError(f"SBOM of {what}: not valid CycloneDX {version.to_version()}: {error}")
    return text


def python_sbom(
    artifact: Path,
    sha256: str,
    *,
    root: Component,
    wheels: Sequence[Path],
    epoch: int,
) -> Path:
    """Write `artifact`.cdx.json: `root` (the artifact), the shipped wheels and their dependency closure.

    `wheels` are the wheels the artifact is or carries; each is a component with its own sha256, and
    everything their `Requires-Dist` needs is listed at its installed version.
    """
    metas = [(wheel, wheel_metadata(wheel)) for wheel in wheels]
    shipped = [_pypi_component(meta, sha256=_file_sha256(wheel), resolved=False) for wheel, meta in metas]
    closure = dependency_closure(meta for _, meta in metas)
    needed = [_pypi_component(closure[name], sha256=None, resolved=True) for name in sorted(closure)]
    root.hashes = [_sha256_hash(sha256)]
    bom = Bom(
        serial_number=_serial(sha256),
        metadata=BomMetaData(component=root, timestamp=_timestamp(epoch)),
        components=[c for c in shipped if c.bom_ref.value != root.bom_ref.value] + needed,
    )
    bom.register_dependency(root, [c for c in shipped if c.bom_ref.value != root.bom_ref.value] + needed)
    text = _validated(JsonV1Dot6(bom).output_as_string(indent=2), SchemaVersion.V1_6, artifact.name)
    return _write(artifact, text)


def wheel_root(wheel: Path, component_type: ComponentType = ComponentType.LIBRARY) -> Component:
    """The root component of an artifact that is (or is built from) this wheel's distribution."""
    meta = wheel_metadata(wheel)
    component = _pypi_component(meta, sha256=None, resolved=False)
    component.type = component_type
    component.scope = None
    return component


def application_root(name: str, version: str, description: str) -> Component:
    """The root component of an archive that is an application of ours (a daemon archive, a bundle)."""
    return Component(
        name=name, version=version, type=ComponentType.APPLICATION, bom_ref=f"{name}@{version}", description=description
    )


def _file_sha256(path: Path) -> str:
    return sha256_file(path)[0]


def _write(artifact: Path, text: str) -> Path:
    target = artifact.with_name(sbom_name(artifact.name))
    target.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    return target


def npm_sbom(artifact: Path, sha256: str, *, project: Path, name: str, version: str, epoch: int) -> Path:
    """Write `artifact`.cdx.json from `npm sbom` over `project`'s installed dependency tree (no network)."""
    for needed in ("package-lock.json", "node_modules"):
        if not (project / needed).exists():
            raise BuildError(
                f"{project / needed}: missing; the desktop SBOM is made from the console's installed npm tree "
                "(run `npm ci` in the console project, as building it does)"
            )
    npm = shutil.which("npm")
    if npm is None:
        raise BuildError("npm is not on PATH: the desktop SBOM is made by `npm sbom` (npm 10 or newer)")
    command = [npm, "sbom", "--sbom-format", "cyclonedx", "--sbom-type", "application"]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False, timeout=300)
    if done.returncode != 0:
        raise BuildError(f"{project}: npm sbom failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    document = json.loads(done.stdout)
    for component in document.get("components", []):
        _fix_scp_urls(component)
        _dev_is_optional(component)
    _pin_document(document, sha256, epoch)
    document["metadata"]["component"].update(name=name, version=version, hashes=[_hash_json(sha256)])
    spec = SchemaVersion.from_version(document["specVersion"])
    text = _validated(json.dumps(document, indent=2, ensure_ascii=False), spec, artifact.name)
    return _write(artifact, text)


_SCP_URL: Final = re.compile(r"^(?P<user>[\w.-]+@)?(?P<host>[\w.-]+\.[a-z]+):(?!//)(?P<path>[^\s]+)$")


def _fix_scp_urls(component: dict[str, Any]) -> None:
    """Rewrite git's scp-like `git@host:path` (which npm copies from package.json) as the URL it means.

    CycloneDX wants an IRI there; `git+ssh://git@host/path` names the same repository and validates.
    """
    for reference in component.get("externalReferences", []):
        match = _SCP_URL.match(str(reference.get("url", "")))
        if match:
            reference["url"] = f"git+ssh://{match['user'] or ''}{match['host']}/{match['path']}"


def _dev_is_optional(component: dict[str, Any]) -> None:
    """Give dev dependencies (npm marks them `cdx:npm:package:development`) the scope `optional`.

    npm leaves them `required` when it reads an installed tree; they are build tools, not shipped in the
    archive, which CycloneDX says with `optional` (not needed at run time).
    """
    flags = {(p.get("name"), p.get("value")) for p in component.get("properties", [])}
    if ("cdx:npm:package:development", "true") in flags:
        component["scope"] = "optional"


def _hash_json(sha256: str) -> dict[str, str]:
    return {"alg": "SHA-256", "content": sha256}


def _pin_document(document: dict[str, Any], sha256: str, epoch: int) -> None:
    """Replace what a generator makes up per run (serial number, time) by values fixed by the inputs."""
    document["serialNumber"] = _serial(sha256).urn
    document.setdefault("metadata", {})["timestamp"] = _timestamp(epoch).strftime("%Y-%m-%dT%H:%M:%SZ")


def bundle_sbom(
    artifact: Path, sha256: str, *, label: str, parts: Sequence[tuple[str, Path | None]], epoch: int
) -> Path:
    """Write the bundle's SBOM: one component per upstream archive, holding that archive's SBOM components.

    `parts` are (archive name, its verified SBOM) pairs; an upstream release without SBOMs contributes
    the archive alone.
    """
    components = [_nested(name, sbom) for name, sbom in parts]
    root = {
        "type": "application",
        "bom-ref": f"soma-bundle@{label}",
        "name": "soma-bundle",
        "version": label,
        "hashes": [_hash_json(sha256)],
    }
    document: dict[str, Any] = {
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {"component": root},
        "components": components,
        "dependencies": [{"ref": root["bom-ref"], "dependsOn": [c["bom-ref"] for c in components]}],
    }
    _pin_document(document, sha256, epoch)
    text = _validated(json.dumps(document, indent=2, ensure_ascii=False), SchemaVersion.V1_6, artifact.name)
    return _write(artifact, text)


def _nested(archive_name: str, sbom: Path | None) -> dict[str, Any]:
    """An upstream archive as a component, its SBOM's root hashes and components nested inside it."""
    if sbom is None:
        return {"type": "file", "bom-ref": f"file:{archive_name}", "name": archive_name}
    upstream = json.loads(sbom.read_text(encoding="utf-8"))
    root = upstream.get("metadata", {}).get("component", {})
    ref = f"{archive_name}:{root.get('bom-ref', root.get('name', ''))}"
    component: dict[str, Any] = {"type": "application", "bom-ref": ref, "name": root.get("name", archive_name)}
    for key in ("version", "hashes", "description"):
        if key in root:
            component[key] = root[key]
    component["components"] = [_rebased(c, archive_name) for c in upstream.get("components", [])]
    return component


def _rebased(component: dict[str, Any], prefix: str) -> dict[str, Any]:
    """A copy whose bom-refs are prefixed by its archive, so two upstream SBOMs never share a ref."""
    copy = {k: v for k, v in component.items() if k != "components"}
    if "bom-ref" in copy:
        copy["bom-ref"] = f"{prefix}:{copy['bom-ref']}"
    if "components" in component:
        copy["components"] = [_rebased(c, prefix) for c in component["components"]]
    return copy


def sbom_subjects(sbom: Path) -> list[str]:
    """The sha256 digests the SBOM's root component declares (what artifact it describes)."""
    try:
        document = json.loads(sbom.read_text(encoding="utf-8"))
        hashes = document["metadata"]["component"].get("hashes", [])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []
    return [h.get("content", "") for h in hashes if isinstance(h, dict) and h.get("alg") == "SHA-256"]
