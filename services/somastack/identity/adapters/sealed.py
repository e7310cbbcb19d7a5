"""Identity's columns of sealed secrets, for start-up sealing of plaintext and `soma secrets rewrap`."""

from __future__ import annotations

from somastack.identity.adapters.sql_signin import TOTP_SECRET
from somastack.identity.adapters.sql_store import PRIVATE_PEM
from somastack.platform.sealed_columns import SealedColumn

#: Every column of identity's database that holds a secret; refresh tokens and reset and recovery codes are not
#: here: only their SHA-256 digests are stored, which cannot be turned back into a token.
SEALED_COLUMNS: tuple[SealedColumn, ...] = (PRIVATE_PEM, TOTP_SECRET)
