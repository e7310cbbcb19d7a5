"""Secrets sealed at rest, on the running mesh (SQLite, and PostgreSQL + Redis + Kafka): the databases hold no
plaintext signing key or TOTP secret, sign-in with TOTP and token checks work, a key rotation re-wraps everything
while the services keep serving, and no log holds a key or a secret."""

from __future__ import annotations

import asyncio
import base64
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import grpc
import pyotp
import pytest
from sqlalchemy import select

from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as pb
from soma.settings.v1 import settings_service_pb2 as spb
from soma.settings.v1 import settings_service_pb2_grpc
from somastack.identity.adapters.sql_signin import credentials
from somastack.identity.adapters.sql_store import signing_keys
from somastack.platform.db import create_engine
from somastack.platform.sealing import PREFIX, new_key_line
from somastack.testing import MeshProcess
from tests.conftest import REPO
from tests.integration.helpers import bearer, identity, mesh_on, mesh_settings

PASSWORD = "a sealed and long passphrase"


async def _stored(mesh: MeshProcess) -> tuple[list[bytes], list[str]]:
    engine = create_engine(mesh_settings(mesh), "identity")
    try:
        async with engine.connect() as connection:
            pems = [bytes(r[0]) for r in await connection.execute(select(signing_keys.c.private_pem))]
            totps = [
                str(r[0])
                for r in await connection.execute(
                    select(credentials.c.totp_secret).where(credentials.c.totp_secret.is_not(None))
                )
            ]
    finally:
        await engine.dispose()
    return pems, totps


def stored(mesh: MeshProcess) -> tuple[list[bytes], list[str]]:
    """The private keys and TOTP secrets exactly as identity's database holds them."""
    return asyncio.run(_stored(mesh))


def assert_sealed_under(mesh: MeshProcess, kid: str, secrets: list[str]) -> None:
    pems, totps = stored(mesh)
    assert pems and len(totps) == 2
    for value in [p.decode("ascii") for p in pems] + totps:
        assert value.startswith(f"{PREFIX}{kid}:"), value[:40]
        assert "PRIVATE KEY" not in value and not any(s in value for s in secrets)


def user_with_password(stub: object, admin: str, tenant: str, user: str) -> None:
    stub.CreateUser(  # type: ignore[attr-defined]
        pb.CreateUserRequest(parent=f"tenants/{tenant}", user_id=user, user=identity_pb2.User(display_name=user)),
        metadata=bearer(admin),
    )
    name = f"tenants/{tenant}/users/{user}"
    code = stub.ResetPassword(pb.ResetPasswordRequest(user=name), metadata=bearer(admin)).reset_code  # type: ignore[attr-defined]
    stub.CompletePasswordReset(  # type: ignore[attr-defined]
        pb.CompletePasswordResetRequest(
            tenant=f"tenants/{tenant}", username=user, reset_code=code, new_password=PASSWORD
        )
    )


def sign_in(stub: object, tenant: str, user: str, **factor: str) -> pb.TokenPair:
    request = pb.SignInRequest(tenant=f"tenants/{tenant}", username=user, password=PASSWORD, **factor)
    return stub.SignIn(request).tokens  # type: ignore[attr-defined]


def enroll(stub: object, tenant: str, user: str) -> str:
    token = sign_in(stub, tenant, user).access_token
    name = f"tenants/{tenant}/users/{user}"
    return str(stub.EnrollTotp(pb.EnrollTotpRequest(user=name), metadata=bearer(token)).secret)  # type: ignore[attr-defined]


class Traffic(threading.Thread):
    """Calls that unseal (a sign-in reading a TOTP secret) and verify tokens (at identity and at settings), in a loop,
    counting the failures: a rotation must cause none."""

    def __init__(self, mesh: MeshProcess, tenant: str, token: str) -> None:
        super().__init__(daemon=True)
        self.mesh, self.tenant, self.token = mesh, tenant, token
        self.calls, self.failures = 0, []
        self.stop = threading.Event()

    def wait_for(self, calls: int, within: float = 30) -> None:
        """Returns once `calls` rounds succeeded; fails the test after `within` seconds."""
        deadline = time.monotonic() + within
        while self.calls < calls and not self.failures and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.calls >= calls, (self.calls, self.failures[:3])

    def run(self) -> None:
        with self.mesh.channel() as channel:
            stub, settings = identity(channel), settings_service_pb2_grpc.SettingsServiceStub(channel)
            while not self.stop.is_set():
                try:
                    sign_in(stub, self.tenant, "carl")  # TOTP pending: the secret is unsealed, no code needed
                    stub.GetUser(
                        pb.GetUserRequest(name=f"tenants/{self.tenant}/users/bob"), metadata=bearer(self.token)
                    )
                    settings.GetSettings(
                        spb.GetSettingsRequest(name=f"tenants/{self.tenant}/settings"), metadata=bearer(self.token)
                    )
                    self.calls += 1
                except grpc.RpcError as error:
                    self.failures.append(f"{error.code()}: {error.details()}")  # type: ignore[attr-defined]


def rewrap(mesh: MeshProcess) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "somastack", "secrets", "rewrap"],
        cwd=REPO,
        env=mesh.env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def logs_of(home: Path) -> str:
    files = [p for p in home.rglob("*") if p.is_file() and p.suffix in {".log", ".txt", ".json", ".jsonl"}]
    assert any(p.name.startswith("identity") for p in files), [p.name for p in files]
    return "\n".join(p.read_text(errors="replace") for p in files)


@pytest.mark.parametrize("engines", ["embedded", pytest.param("postgres-redis-tansu", marks=pytest.mark.postgres)])
def test_secrets_are_sealed_and_a_rotation_rewraps_them_while_serving(tmp_path: Path, engines: str) -> None:
    kek_file = tmp_path / "kek"
    old_line, new_line = new_key_line("one"), new_key_line("two")
    kek_file.write_text(old_line + "\n")
    with mesh_on(engines, tmp_path, "sealed_", SOMA_KEK_FILE=str(kek_file)) as mesh:
        tenant = f"seal-{uuid.uuid4().hex[:8]}"
        admin = mesh.admin_token
        with mesh.channel() as channel:
            stub = identity(channel)
            stub.CreateTenant(
                pb.CreateTenantRequest(tenant_id=tenant, tenant=identity_pb2.Tenant(display_name="Sealed")),
                metadata=bearer(admin),
            )
            for user in ("bob", "carl"):
                user_with_password(stub, admin, tenant, user)
            bob_secret, carl_secret = enroll(stub, tenant, "bob"), enroll(stub, tenant, "carl")
            totp, bob = pyotp.TOTP(bob_secret), f"tenants/{tenant}/users/bob"
            first = sign_in(stub, tenant, "bob").access_token
            codes = stub.ConfirmTotp(
                pb.ConfirmTotpRequest(user=bob, code=totp.at(time.time() - 30)), metadata=bearer(first)
            ).recovery_codes
            assert_sealed_under(mesh, "one", [bob_secret, carl_secret])

            token = sign_in(stub, tenant, "bob", totp_code=totp.now()).access_token
            traffic = Traffic(mesh, tenant, token)
            traffic.start()
            traffic.wait_for(1)
            kek_file.write_text(f"{new_line}\n{old_line}\n")  # the new key current, the old one kept for unsealing
            done = rewrap(mesh)
            assert done.returncode == 0, done.stdout + done.stderr
            assert "credentials" in done.stdout and "signing_keys" in done.stdout and "two" in done.stdout
            assert_sealed_under(mesh, "two", [bob_secret, carl_secret])
            assert sign_in(stub, tenant, "bob", totp_code=totp.at(time.time() + 30)).user == bob

            kek_file.write_text(new_line + "\n")  # the old key dropped: nothing needs it any more
            time.sleep(2.5)  # the services look at the file once a second
            rotated = stub.RotateSigningKey(pb.RotateSigningKeyRequest(), metadata=bearer(admin))
            assert rotated.active_key_id and len(stored(mesh)[0]) >= 2
            assert sign_in(stub, tenant, "bob", recovery_code=codes[0]).user == bob
            assert stub.GetUser(pb.GetUserRequest(name=bob), metadata=bearer(token)).user.name == bob
            traffic.wait_for(traffic.calls + 1)  # calls made after the old key was dropped
            traffic.stop.set()
            traffic.join(10)
            assert traffic.failures == [], (traffic.calls, traffic.failures[:3])
            print(f"{engines}: {traffic.calls} rounds of calls during the rotation, none failed\n{done.stdout}")
            assert_sealed_under(mesh, "two", [bob_secret, carl_secret])
            again = rewrap(mesh)
            assert again.returncode == 0 and bob_secret not in again.stdout + again.stderr
    logs = logs_of(tmp_path)
    for line in (old_line, new_line):
        key = line.partition("=")[2]
        assert key not in logs and base64.b64decode(key).hex() not in logs
    for secret in ("PRIVATE KEY", bob_secret, carl_secret):
        assert secret not in logs + done.stdout + done.stderr
