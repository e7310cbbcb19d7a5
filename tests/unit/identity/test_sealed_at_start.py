"""Identity seals at start the secrets an older release left in plaintext, and then signs and verifies with them."""

from __future__ import annotations

from pathlib import Path

import pyotp
from sqlalchemy import select

from somastack.config import Settings
from somastack.identity.adapters.sql_signin import credentials
from somastack.identity.adapters.sql_store import signing_keys, tenants, users
from somastack.identity.bootstrap import Identity
from somastack.identity.tokens import new_signing_key
from somastack.platform.db import create_engine
from somastack.platform.migrations import upgrade_async
from somastack.platform.sealing import PREFIX, key_of


async def test_plaintext_left_by_an_older_release_is_sealed_at_start(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    await upgrade_async(settings, "identity")
    legacy, secret = new_signing_key(1.0), pyotp.random_base32()
    engine = create_engine(settings, "identity")
    async with engine.begin() as connection:
        await connection.execute(
            signing_keys.insert().values(
                kid=legacy.kid, private_pem=legacy.private_pem, public_x=legacy.public_x, created_at=1.0
            )
        )
        await connection.execute(tenants.insert().values(id="acme", display_name="Acme", created_at=1.0))
        await connection.execute(
            users.insert().values(tenant_id="acme", id="bob", display_name="Bob", state="active", created_at=1.0)
        )
        await connection.execute(credentials.insert().values(tenant_id="acme", user_id="bob", totp_secret=secret))
    identity = await Identity.open(settings)
    try:
        async with engine.connect() as connection:
            pem = bytes((await connection.execute(select(signing_keys.c.private_pem))).scalar_one())
            totp = str((await connection.execute(select(credentials.c.totp_secret))).scalar_one())
        assert pem.startswith(PREFIX.encode()) and key_of(totp) == key_of(pem) == "dev1"
        assert b"PRIVATE KEY" not in pem and secret not in totp
        assert (await identity.signin.accounts._store.credential("acme", "bob")).totp_secret == secret
        signer = await identity.tokens.ensure_key()
        assert signer.kid == legacy.kid and signer.private_pem == legacy.private_pem
    finally:
        await identity.close()
        await engine.dispose()
