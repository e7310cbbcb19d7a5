"""Typed errors of the release tooling; each names the manifest, key or artifact at fault."""

from __future__ import annotations


class ReleaseError(Exception):
    """Base class: anything the release tooling refuses."""


class ManifestError(ReleaseError):
    """A manifest cannot be read, is not JSON, or does not follow the v1 schema."""

    def __init__(self, location: str, problem: str) -> None:
        super().__init__(f"manifest {location}: {problem}")
        self.location = location
        self.problem = problem


class SignatureError(ReleaseError):
    """A manifest's Ed25519 signature is missing, malformed, by an untrusted key, or does not verify."""

    def __init__(self, location: str, problem: str) -> None:
        super().__init__(f"manifest {location}: signature {problem}")
        self.location = location
        self.problem = problem


class SigningKeyError(ReleaseError):
    """A signing key or a trusted public key cannot be loaded."""


class ArtifactError(ReleaseError):
    """Base class of the errors about one artifact; `artifact` is its name."""

    def __init__(self, artifact: str, problem: str) -> None:
        super().__init__(f"artifact {artifact}: {problem}")
        self.artifact = artifact
        self.problem = problem


class ArtifactNotFoundError(ArtifactError):
    """The manifest does not list the artifact, or the release does not hold it."""


class ArtifactIntegrityError(ArtifactError):
    """The artifact's bytes do not match the size or sha256 its manifest declares."""


class ReleaseNotFoundError(ReleaseError):
    """No release (or no release asset) matches what was asked for."""


class BuildError(ReleaseError):
    """A release build is missing an input or one of its steps failed."""
