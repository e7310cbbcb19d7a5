"""Principal: who is calling, as a verified token says. Shared by the runtime and domain code."""

from __future__ import annotations

from dataclasses import dataclass

from somastack.platform.names import ANY_TENANT

#: The subject prefix of service tokens, `services/{domain}`.
SERVICE_SUBJECT_PREFIX = "services/"


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
    #: Who acts through the token when it was issued to the subject by someone else (its `act` claim's subject):
    #: an impersonation token. None on a token of the subject's own.
    actor: str | None = None
    #: The sign-in session (refresh-token family) the token belongs to, its `sid` claim; '' for tokens issued
    #: otherwise (IssueToken, service and platform tokens).
    session: str = ""

    def can(self, capability: str) -> bool:
        return capability in self.capabilities

    @property
    def people(self) -> frozenset[str]:
        """Everyone who stands behind the token: its subject, and its actor when it has one. Two-key gates compare
        these sets, so a second token minted by the same person does not count as a second person."""
        return frozenset(p for p in (self.subject, self.actor) if p)

    @property
    def is_service(self) -> bool:
        """A service's own token (subject `services/{domain}`), not a person's: user ids and the operator's
        subject never take that form."""
        return self.subject.startswith(SERVICE_SUBJECT_PREFIX)

    @property
    def is_platform(self) -> bool:
        """A platform operator may address every tenant."""
        return self.tenant == ANY_TENANT
