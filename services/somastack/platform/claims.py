"""The claims of a Soma bearer token, shared by its issuer (the identity service) and its verifier (the runtime)."""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

CAPABILITIES_CLAIM = "caps"
TENANT_CLAIM = "tenant"
#: The checksum of the constitution active at issue time: a request made under a stale one is recognisable.
CONSTITUTION_CLAIM = "constitution"


def public_key_from_jwk(x: str) -> Ed25519PublicKey:
    """Decodes the base64url `x` of an OKP/Ed25519 JWK."""
    return Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(x + "=" * (-len(x) % 4)))
