"""The claims of a Soma bearer token, shared by its issuer (the identity service) and its verifier (the runtime)."""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from somastack.platform.errors import Unavailable

CAPABILITIES_CLAIM = "caps"
TENANT_CLAIM = "tenant"
#: The checksum of the constitution active at issue time: a request made under a stale one is recognisable.
CONSTITUTION_CLAIM = "constitution"
#: RFC 8693's actor claim, `{"sub": <actor>}`: on a token issued to one user by another (impersonation), who acts.
ACT_CLAIM = "act"
#: The sign-in session (refresh-token family) a signed-in user's access token belongs to (OIDC's `sid`): ending the
#: session revokes exactly its tokens.
SESSION_CLAIM = "sid"


def session_key(session: str) -> str:
    """The revocation key of a sign-in session's tokens, beside subjects' keys (`tenants/...`, `services/...`)."""
    return f"signInSessions/{session}"


def public_key_from_jwk(x: str) -> Ed25519PublicKey:
    """Decodes the base64url `x` of an OKP/Ed25519 JWK."""
    return Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(x + "=" * (-len(x) % 4)))


#: Seconds between two reads of the key set at least, wherever a token with an unknown kid makes a process read it
#: again (a service's JWKS fetch, identity's read of its store): forged kids cause a few reads a second at most.
MIN_REFRESH_INTERVAL = 0.25
#: Seconds before a failed read of the key set (identity or its database restarting) is tried again.
RETRY_INTERVAL = 0.25
#: Seconds a token with an unknown kid waits at most for a read of the key set that began after it arrived.
KEY_WAIT = 0.5


def keys_unavailable(dependency: str) -> Unavailable:
    """The answer for a kid that is unknown while the key set cannot be read from `dependency`: retry, the token
    may well be good."""
    return Unavailable(
        "SERVICE_UNAVAILABLE",
        "the bearer token's signing key is not known here yet and the key set could not be read; retry",
        metadata={"dependency": dependency},
        retry_after=1.0,
    )
