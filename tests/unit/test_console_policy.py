"""The console's content security policy: same origin only, unless single sign-on issuers are named."""

from __future__ import annotations

from pathlib import Path

from somastack.config import Settings
from somastack.console.files import CONTENT_SECURITY_POLICY
from somastack.console.server import files_of


def policy(tmp_path: Path, **settings: object) -> str:
    files = files_of(Settings(home=tmp_path, **settings))  # type: ignore[arg-type]
    reply = files.answer("GET", "/console/healthz")
    assert reply.status == 200
    return reply.header("content-security-policy") or ""


def test_the_policy_is_same_origin_by_default(tmp_path: Path) -> None:
    assert policy(tmp_path) == CONTENT_SECURITY_POLICY
    assert "connect-src 'self';" in CONTENT_SECURITY_POLICY


def test_named_issuers_may_be_connected_to_and_nothing_else_widens(tmp_path: Path) -> None:
    widened = policy(tmp_path, console_sso_origins=("https://idp.example.com", "http://127.0.0.1:9000"))
    assert "connect-src 'self' https://idp.example.com http://127.0.0.1:9000;" in widened
    assert widened.replace(" https://idp.example.com http://127.0.0.1:9000", "") == CONTENT_SECURITY_POLICY
