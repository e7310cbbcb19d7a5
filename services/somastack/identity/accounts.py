"""Local accounts: passwords (argon2id), the password policy, TOTP with recovery codes, and lockout with back-off."""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from somastack.identity.directory import Directory, require_own_token
from somastack.identity.model import User, UserState
from somastack.identity.signin_ports import Credential, CredentialStore, SignInMethod
from somastack.platform import names
from somastack.platform.audit.notes import annotate
from somastack.platform.errors import (
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    PermissionDenied,
    ResourceExhausted,
    Unauthenticated,
)
from somastack.platform.principal import Principal

MIN_PASSWORD_LENGTH = 12
#: Longer passwords are refused so that hashing one cannot be made to cost arbitrary time.
MAX_PASSWORD_LENGTH = 1024
RECOVERY_CODES = 10
TOTP_STEP_SECONDS = 30


def password_violations(password: str, field: str, *, user: User | None = None) -> list[FieldViolation]:
    """Why a new password is refused: too short or long, or equal to the user's e-mail, id or display name."""
    found = []
    if len(password) < MIN_PASSWORD_LENGTH:
        found.append(FieldViolation(field, f"must be at least {MIN_PASSWORD_LENGTH} characters"))
    if len(password) > MAX_PASSWORD_LENGTH:
        found.append(FieldViolation(field, f"must be at most {MAX_PASSWORD_LENGTH} characters"))
    if user is not None:
        folded = password.strip().casefold()
        personal = [
            ("e-mail address", user.email),
            ("e-mail address", user.email.split("@", 1)[0]),
            ("user id", user.id),
            ("display name", user.display_name),
        ]
        for label in sorted({label for label, value in personal if value and folded == value.strip().casefold()}):
            found.append(FieldViolation(field, f"must not be the user's {label}"))
    return found


@dataclass(frozen=True)
class Lockout:
    """The back-off schedule: after `threshold` consecutive failures, `base * 2^(failures - threshold)` seconds."""

    threshold: int = 5
    base: float = 1.0
    cap: float = 900.0

    def lock_seconds(self, failures: int) -> float:
        """How long the account name stays locked after its `failures`-th consecutive failure (0: not locked)."""
        if failures < self.threshold:
            return 0.0
        # Bounded exponent: past the cap the doubling no longer matters, and 2**huge must not be computed.
        return float(min(self.cap, self.base * 2 ** min(failures - self.threshold, 64)))


def totp_step(secret: str, code: str, now: float, window: int) -> int | None:
    """The 30 s step whose code `code` is, within `window` steps of `now`; None when it matches none."""
    code = code.strip().replace(" ", "")
    if not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = int(now // TOTP_STEP_SECONDS)
    for step in range(current - window, current + window + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def new_recovery_codes() -> list[str]:
    """Ten codes of 50 random bits each, grouped `xxxxx-xxxxx` for reading aloud."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(alphabet) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def secret_hash(value: str) -> str:
    """SHA-256 of a high-entropy secret (recovery code, reset code, refresh token), normalised for typing."""
    return hashlib.sha256(value.strip().replace("-", "").replace(" ", "").lower().encode()).hexdigest()


def bad_credentials() -> Unauthenticated:
    """The one answer to every wrong secret, so that it tells nothing about which part was wrong or who exists."""
    return Unauthenticated("INVALID_CREDENTIALS", "the account name, password or code is wrong")


class Accounts:
    """Use cases of local accounts: verifying a sign-in, changing and resetting passwords, enrolling TOTP."""

    def __init__(
        self,
        store: CredentialStore,
        directory: Directory,
        *,
        lockout: Lockout,
        reset_ttl: float,
        totp_issuer: str,
        totp_window: int,
        hasher: PasswordHasher | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        self._directory = directory
        self._lockout = lockout
        self._reset_ttl = reset_ttl
        self._totp_issuer = totp_issuer
        self._totp_window = totp_window
        self._hasher = hasher or PasswordHasher()
        self._clock = clock
        #: Verified against when the user is unknown, so that an unknown name costs as long as a wrong password.
        self._decoy = self._hasher.hash(secrets.token_hex(16))

    # -- sign-in ------------------------------------------------------------------------------

    async def verify_sign_in(
        self, tenant_name: str, username: str, password: str, *, totp_code: str = "", recovery_code: str = ""
    ) -> tuple[User, SignInMethod]:
        """The user whose password (and second factor, when enrolled) this is, and which factors proved it.

        Raises:
            ResourceExhausted: SIGN_IN_LOCKED, with the delay, while the account name is locked.
            Unauthenticated: INVALID_CREDENTIALS for any wrong secret or unknown or disabled user;
                SECOND_FACTOR_REQUIRED when the password is right and the second factor missing.
        """
        tenant = names.parse(tenant_name, "tenants/{tenant}", field="tenant")["tenant"]
        login = username.strip().lower()
        await self._check_lock(tenant, login)
        user = await self._store.find_user(tenant, login) if login else None
        if user is not None:
            annotate(subject=user.name)
        credential = await self._store.credential(tenant, user.id) if user else Credential()
        if not self._password_matches(credential.password_hash, password) or user is None:
            raise await self._failed(tenant, login)
        if user.state is not UserState.ACTIVE:
            raise await self._failed(tenant, login)
        if credential.totp_confirmed:
            if not totp_code and not recovery_code:
                raise Unauthenticated(
                    "SECOND_FACTOR_REQUIRED", "this account has a second factor: send totp_code or recovery_code"
                )
            if not await self._second_factor(tenant, user.id, credential, totp_code, recovery_code):
                raise await self._failed(tenant, login)
        await self._store.clear_failures(tenant, login)
        if not credential.totp_confirmed:
            return user, SignInMethod.PASSWORD
        return user, SignInMethod.PASSWORD_RECOVERY_CODE if recovery_code else SignInMethod.PASSWORD_TOTP

    def _password_matches(self, password_hash: str | None, password: str) -> bool:
        if len(password) > MAX_PASSWORD_LENGTH:
            return False
        try:
            return bool(self._hasher.verify(password_hash or self._decoy, password)) and password_hash is not None
        except (VerificationError, InvalidHashError):
            return False

    async def _second_factor(
        self, tenant: str, user: str, credential: Credential, totp_code: str, recovery_code: str
    ) -> bool:
        if recovery_code:
            return await self._store.use_recovery_code(tenant, user, secret_hash(recovery_code), now=self._clock())
        assert credential.totp_secret is not None
        step = totp_step(credential.totp_secret, totp_code, self._clock(), self._totp_window)
        return step is not None and await self._store.advance_totp_step(tenant, user, step)

    async def _check_lock(self, tenant: str, login: str) -> None:
        until = await self._store.locked_until(tenant, login)
        now = self._clock()
        if until is not None and until > now:
            wait = max(1, math.ceil(until - now))
            raise ResourceExhausted(
                "SIGN_IN_LOCKED",
                f"too many failed attempts for this account; try again in {wait}s",
                metadata={"retryAfterSeconds": str(wait)},
                retry_after=wait,
            )

    async def _failed(self, tenant: str, login: str) -> Unauthenticated:
        """Counts a failure (locking the name when the schedule says so) and returns the error to raise."""
        now = self._clock()
        failures = await self._store.add_failure(tenant, login, now=now)
        seconds = self._lockout.lock_seconds(failures)
        if seconds:
            await self._store.lock(tenant, login, until=now + seconds)
        return bad_credentials()

    # -- passwords ----------------------------------------------------------------------------

    async def change_password(self, actor: Principal, user_name: str, current: str, new: str) -> User:
        """The caller's own password; the current one must match when one is set."""
        user = await self._own_account(actor, user_name)
        login = user.id
        await self._check_lock(user.tenant, login)
        credential = await self._store.credential(user.tenant, user.id)
        if credential.password_hash is not None and not self._password_matches(credential.password_hash, current):
            raise await self._failed(user.tenant, login)
        self._check_policy(new, "new_password", user)
        await self._store.set_password(user.tenant, user.id, self._hasher.hash(new), now=self._clock())
        await self._store.clear_failures(user.tenant, login)
        return user

    async def start_reset(self, actor: Principal, user_name: str) -> tuple[str, float]:
        """A one-time reset code for a user (replacing an older one) and when it expires."""
        require_own_token(actor, "reset passwords")
        user = await self._directory.get_user(user_name)
        membership = await self._directory.get_membership(f"tenants/{user.tenant}/memberships/{user.id}")
        await self._directory.require_role_above(actor, membership, "reset the password of")
        code = secrets.token_urlsafe(18)
        expires = self._clock() + self._reset_ttl
        await self._store.set_reset_code(user.tenant, user.id, secret_hash(code), expires_at=expires)
        return code, expires

    async def complete_reset(self, tenant_name: str, username: str, code: str, new: str) -> User:
        """Sets a password with a reset code; the same answer for a wrong code and an unknown user."""
        tenant = names.parse(tenant_name, "tenants/{tenant}", field="tenant")["tenant"]
        login = username.strip().lower()
        await self._check_lock(tenant, login)
        self._check_policy(new, "new_password", None)
        user = await self._store.find_user(tenant, login) if login else None
        if user is not None:
            annotate(subject=user.name)
        if user is None or user.state is not UserState.ACTIVE:
            raise await self._failed(tenant, login)
        self._check_policy(new, "new_password", user)
        if not await self._store.take_reset_code(tenant, user.id, secret_hash(code), now=self._clock()):
            raise await self._failed(tenant, login)
        await self._store.set_password(tenant, user.id, self._hasher.hash(new), now=self._clock())
        await self._store.clear_failures(tenant, login)
        return user

    def _check_policy(self, password: str, field: str, user: User | None) -> None:
        violations = password_violations(password, field, user=user)
        if violations:
            raise InvalidArgument(*violations)

    async def _own_account(self, actor: Principal, user_name: str) -> User:
        """The caller's own account, under its own token: credentials never change through an impersonation token."""
        user = await self._directory.get_user(user_name)
        if actor.subject != user.name:
            raise PermissionDenied(
                "NOT_ACCOUNT_OWNER", f"only {user.name} may do this to its own account", metadata={"user": user.name}
            )
        require_own_token(actor, "change credentials")
        return user

    # -- TOTP ---------------------------------------------------------------------------------

    async def enroll_totp(self, actor: Principal, user_name: str) -> tuple[str, str]:
        """A new TOTP secret for the caller's account and its otpauth URI; effective once confirmed."""
        user = await self._own_account(actor, user_name)
        credential = await self._store.credential(user.tenant, user.id)
        if credential.totp_confirmed:
            raise FailedPrecondition(
                "SECOND_FACTOR_STATE_CONFLICT",
                "TOTP is already confirmed for this account",
                metadata={"state": "confirmed"},
            )
        secret = pyotp.random_base32()
        await self._store.start_totp(user.tenant, user.id, secret)
        uri = pyotp.TOTP(secret).provisioning_uri(
            name=user.email or user.id, issuer_name=f"{self._totp_issuer} ({user.tenant})"
        )
        return uri, secret

    async def confirm_totp(self, actor: Principal, user_name: str, code: str) -> list[str]:
        """Confirms the pending secret with a first code; returns ten fresh recovery codes, stored only hashed."""
        user = await self._own_account(actor, user_name)
        credential = await self._store.credential(user.tenant, user.id)
        if credential.totp_secret is None or credential.totp_confirmed:
            state = "confirmed" if credential.totp_confirmed else "not_enrolled"
            raise FailedPrecondition(
                "SECOND_FACTOR_STATE_CONFLICT", f"no TOTP enrolment is pending ({state})", metadata={"state": state}
            )
        step = totp_step(credential.totp_secret, code, self._clock(), self._totp_window)
        if step is None:
            raise bad_credentials()
        codes = new_recovery_codes()
        if not await self._store.confirm_totp(
            user.tenant, user.id, step=step, recovery_hashes=[secret_hash(c) for c in codes]
        ):
            raise FailedPrecondition(
                "SECOND_FACTOR_STATE_CONFLICT", "the enrolment changed meanwhile", metadata={"state": "changed"}
            )
        return codes
