"""What `soma-release verify` checks beyond the signature: every artifact's bytes, and that SBOMs are in place.

An SBOM is an artifact like any other (its size and sha256 are in the signed manifest), and two more
rules hold: the SBOM an artifact names must be there and unaltered, and its root component must carry
that artifact's sha256 (an SBOM swapped between two artifacts of the same release is refused too).
With `require_sbom`, an artifact that names no SBOM at all (a release made before SBOMs) is refused.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from soma_release.errors import ArtifactError, ArtifactIntegrityError, ArtifactNotFoundError
from soma_release.manifest import SBOM_KIND, Artifact, LoadedManifest, fetch_artifact
from soma_release.sbom import sbom_subjects


def missing_sboms(release: LoadedManifest) -> list[str]:
    """The artifacts (other than SBOMs) that name no SBOM."""
    return [a.name for a in release.manifest.artifacts if a.kind != SBOM_KIND and a.sbom is None]


def verify_release(release: LoadedManifest, *, require_sbom: bool = False) -> None:
    """Check every artifact's size and sha256 and every SBOM's subject; raise the first refusal.

    Raises:
        ArtifactNotFoundError: an artifact (or the SBOM an artifact names) is missing, or, with
            `require_sbom`, an artifact names no SBOM.
        ArtifactIntegrityError: an artifact or SBOM was altered, or an SBOM describes another file.
    """
    if require_sbom and (unlisted := missing_sboms(release)):
        raise ArtifactNotFoundError(unlisted[0], f"has no SBOM in the {release.manifest.tag} manifest")
    described: dict[str, list[Artifact]] = {}
    for artifact in release.manifest.artifacts:
        if artifact.sbom is not None:
            described.setdefault(artifact.sbom, []).append(artifact)
    for artifact in release.manifest.artifacts:
        with tempfile.TemporaryDirectory(prefix="soma-verify-") as scratch:
            dest = None if isinstance(release.base, Path) else Path(scratch)
            if artifact.name in described:
                _check_sbom(release, artifact, described[artifact.name], dest)
            else:
                fetch_artifact(release, artifact.name, dest)


def _check_sbom(release: LoadedManifest, sbom: Artifact, subjects: list[Artifact], dest: Path | None) -> None:
    """Fetch an SBOM (size, sha256) and check that it describes the bytes of each artifact naming it."""
    label = f"{sbom.name} (the SBOM of {', '.join(s.name for s in subjects)})"
    try:
        path = fetch_artifact(release, sbom.name, dest)
    except ArtifactError as exc:
        raise type(exc)(label, exc.problem) from exc
    declared = sbom_subjects(path)
    for subject in subjects:
        if subject.sha256 not in declared:
            says = ", ".join(declared) or "no sha256"
            label = f"{sbom.name} (the SBOM of {subject.name})"
            raise ArtifactIntegrityError(label, f"describes {says}, not {subject.name}'s sha256 {subject.sha256}")
