"""Principal: who is calling, as a verified token says. Shared by the runtime and domain code."""

from __future__ import annotations

from dataclasses import dataclass

from somastack.platform.names import ANY_TENANT


@dataclass(frozen=True)
class Principal:
    """The subject of a verified token, its tenant (`*` for a platform operator) and capabilities."""

    subject: str
    tenant: str
    capabilities: frozenset[str]
    expires_at: float
    token_id: str = ""
    #: The checksum of the constitution active when the token was issued ('' when none was).
    constitution: str = ""
    #: When the token was issued (its `iat`): a revocation of the subject refuses tokens issued before it.
    issued_at: float = 0.0

    def can(self, capability: str) -> bool:
        return capability in self.capabilities

    @property
    def is_platform(self) -> bool:
        """A platform operator may address every tenant."""
        return self.tenant == ANY_TENANT
