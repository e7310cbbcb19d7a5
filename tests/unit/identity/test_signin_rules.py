"""The domain rules of sign-in: password policy, lockout schedule, TOTP window, issuer URLs."""

from __future__ import annotations

import pyotp

from somastack.identity.accounts import (
    Lockout,
    new_recovery_codes,
    password_violations,
    secret_hash,
    totp_step,
)
from somastack.identity.model import User, UserState
from somastack.identity.oidc import url_violation

BOB = User("acme", "bob", "Bobby Tables", "bob.tables@example.com", UserState.ACTIVE, 0.0)


def test_password_policy_wants_twelve_characters() -> None:
    assert [v.description for v in password_violations("short", "new_password")] == ["must be at least 12 characters"]
    assert password_violations("correct horse battery", "new_password") == []
    assert password_violations("x" * 1025, "p")[0].description == "must be at most 1024 characters"


def test_password_policy_refuses_the_users_own_names_in_any_case() -> None:
    for same, label in [
        ("BOB.TABLES@example.com", "e-mail address"),
        ("bob.tables@example.com", "e-mail address"),
        ("Bobby Tables", "display name"),
    ]:
        found = password_violations(same, "new_password", user=BOB)
        assert [(v.field, v.description) for v in found] == [("new_password", f"must not be the user's {label}")]
    assert password_violations("bob.tables@example.org", "new_password", user=BOB) == []


def test_lockout_starts_at_the_threshold_then_doubles_up_to_the_cap() -> None:
    lockout = Lockout(threshold=5, base=1.0, cap=60.0)
    assert [lockout.lock_seconds(n) for n in range(1, 12)] == [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60]
    assert lockout.lock_seconds(10_000) == 60.0


def test_totp_accepts_codes_within_the_window_only() -> None:
    secret = pyotp.random_base32()
    totp = pyotp.TOTP(secret)
    now = 1_700_000_000.0
    step = int(now // 30)
    assert totp_step(secret, totp.at(now), now, window=1) == step
    assert totp_step(secret, totp.at(now - 30), now, window=1) == step - 1
    assert totp_step(secret, totp.at(now + 30), now, window=1) == step + 1
    assert totp_step(secret, totp.at(now - 60), now, window=1) is None
    assert totp_step(secret, totp.at(now - 30), now, window=0) is None
    assert totp_step(secret, "12a456", now, window=1) is None


def test_recovery_codes_are_ten_distinct_and_hash_the_same_however_typed() -> None:
    codes = new_recovery_codes()
    assert len(set(codes)) == 10 and all(len(c) == 11 and c[5] == "-" for c in codes)
    assert secret_hash(codes[0]) == secret_hash(" " + codes[0].upper().replace("-", "") + " ")
    assert secret_hash(codes[0]) != secret_hash(codes[1])


def test_issuer_urls_are_https_except_on_loopback() -> None:
    assert url_violation("https://login.example.com/realm", "issuer") is None
    assert url_violation("http://127.0.0.1:8123", "issuer") is None
    assert url_violation("http://login.example.com", "issuer") is not None
    assert url_violation("login.example.com", "issuer") is not None
