"""Identity's sign-in settings (`SOMA_IDENTITY_*`, `[identity]` in soma.toml): token lifetimes, lockout, MFA, SSO."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from somastack.config import SomaSettings


class IdentitySettings(SomaSettings):
    """How people sign in. Defaults follow common practice for interactive sign-in."""

    model_config = SettingsConfigDict(env_prefix="SOMA_IDENTITY_")

    #: Lifetime of the access token a sign-in, refresh or token exchange returns: short, since it is not revocable.
    access_token_ttl_seconds: int = Field(default=600, gt=0)
    #: Lifetime of a refresh-token family from its sign-in; refreshing rotates the token but never extends this.
    refresh_token_ttl_seconds: int = Field(default=30 * 86400, gt=0)
    #: Consecutive failed sign-ins of one account name (per tenant) before it is locked.
    lockout_threshold: int = Field(default=5, ge=1)
    #: The first lock lasts this long; each further failure doubles it.
    lockout_base_seconds: float = Field(default=1.0, gt=0)
    #: The longest lock.
    lockout_max_seconds: float = Field(default=900.0, gt=0)
    #: How long an admin-issued password reset code works.
    reset_code_ttl_seconds: int = Field(default=86400, gt=0)
    #: The issuer name authenticator apps show next to the account.
    totp_issuer: str = "SomaStack"
    #: TOTP codes of this many 30 s steps before and after now are accepted (clock drift).
    totp_window: int = Field(default=1, ge=0, le=10)
    #: Clock skew allowed on an external ID token's `exp`, `nbf` and `iat`.
    oidc_leeway_seconds: float = Field(default=30.0, ge=0)
    #: How long an external issuer's JWKS is cached; an unknown `kid` refetches sooner.
    oidc_jwks_cache_seconds: float = Field(default=300.0, gt=0)
    #: Timeout of each request to an external issuer (discovery document, JWKS).
    oidc_http_timeout_seconds: float = Field(default=5.0, gt=0)
