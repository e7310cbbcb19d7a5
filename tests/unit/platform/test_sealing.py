"""Sealing: round trip, wrong key, tampering, values moved between rows, key files, rotation, the dev key, rewrap."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import Column, LargeBinary, MetaData, String, Table, Text, select
from sqlalchemy.ext.asyncio import create_async_engine

from somastack.config import Settings, Stage
from somastack.platform.kek import dev_key_path, sealer_for
from somastack.platform.sealed_columns import SealedColumn, reseal
from somastack.platform.sealing import (
    KEY_BYTES,
    PREFIX,
    Kek,
    KeyConfigError,
    KeyFile,
    Sealer,
    SealingError,
    key_of,
    new_key_line,
    parse_keys,
)

ROW = ("identity", "credentials", "totp_secret", "acme", "bob")


def kek(kid: str) -> Kek:
    return Kek(kid, os.urandom(KEY_BYTES))


def test_round_trip_names_version_and_key_and_hides_the_plaintext() -> None:
    sealer = Sealer.of_keys(kek("a"))
    sealed = sealer.seal(b"JBSWY3DPEHPK3PXP", *ROW)
    assert sealed.startswith(f"{PREFIX}a:") and key_of(sealed) == "a"
    assert "JBSWY3DPEHPK3PXP" not in sealed
    assert sealer.unseal(sealed, *ROW) == b"JBSWY3DPEHPK3PXP"
    assert sealer.seal(b"same", *ROW) != sealer.seal(b"same", *ROW), "a fresh nonce each time"


def test_a_wrong_key_with_the_same_id_does_not_open() -> None:
    sealed = Sealer.of_keys(kek("a")).seal(b"secret", *ROW)
    with pytest.raises(SealingError) as caught:
        Sealer.of_keys(kek("a")).unseal(sealed, *ROW)
    assert caught.value.reason == "SECRET_UNSEALABLE"


def test_an_unknown_key_id_is_a_precondition() -> None:
    sealed = Sealer.of_keys(kek("a")).seal(b"secret", *ROW)
    with pytest.raises(SealingError) as caught:
        Sealer.of_keys(kek("b")).unseal(sealed, *ROW)
    assert caught.value.reason == "SEALING_KEY_UNKNOWN" and caught.value.code.value == "FAILED_PRECONDITION"


@pytest.mark.parametrize("position", [len(PREFIX) + 3, -1, -20])
def test_tampered_or_truncated_values_do_not_open(position: int) -> None:
    sealer = Sealer.of_keys(kek("a"))
    sealed = sealer.seal(b"secret", *ROW)
    flipped = sealed[:position] + ("B" if sealed[position] != "B" else "C") + sealed[position + 1 :]
    for bad in (flipped, sealed[:-4], f"{PREFIX}a:"):
        with pytest.raises(SealingError) as caught:
            sealer.unseal(bad, *ROW)
        assert caught.value.reason == "SECRET_UNSEALABLE"


def test_a_value_moved_to_another_row_column_or_key_id_does_not_open() -> None:
    sealer = Sealer.of_keys(kek("a"), kek("b"))
    sealed = sealer.seal(b"secret", *ROW)
    for other in (
        ("identity", "credentials", "totp_secret", "acme", "eve"),
        ("identity", "credentials", "totp_secret", "acm", "ebob"),  # the same characters, split elsewhere
        ("identity", "signing_keys", "private_pem", "acme", "bob"),
    ):
        with pytest.raises(SealingError):
            sealer.unseal(sealed, *other)
    relabelled = sealed.replace(f"{PREFIX}a:", f"{PREFIX}b:")
    with pytest.raises(SealingError):
        sealer.unseal(relabelled, *ROW)


def test_plaintext_is_refused_where_a_sealed_value_belongs() -> None:
    with pytest.raises(SealingError) as caught:
        Sealer.of_keys(kek("a")).unseal(b"-----BEGIN PRIVATE KEY-----", *ROW)
    assert caught.value.reason == "SECRET_NOT_SEALED"


def test_rotation_seals_with_the_first_key_and_opens_with_all() -> None:
    old, new = kek("old"), kek("new")
    before = Sealer.of_keys(old).seal(b"secret", *ROW)
    rotated = Sealer.of_keys(new, old)
    assert rotated.current == "new" and key_of(rotated.seal(b"x", *ROW)) == "new"
    assert rotated.unseal(before, *ROW) == b"secret"
    with pytest.raises(SealingError):
        Sealer.of_keys(new).unseal(before, *ROW)


def test_key_lists_parse_ids_comments_commas_and_bare_keys() -> None:
    raw, bare = (base64.b64encode(c * KEY_BYTES).decode() for c in (b"k", b"j"))
    keys = parse_keys(f"# current first, then the others\nnew={raw}\n\n{bare}, old={raw}", "test")
    assert [k.id for k in keys][0::2] == ["new", "old"] and keys[1].id.startswith("k")
    assert raw not in repr(keys)
    for bad, why in (("a=AAAA", "32 bytes"), ("a=!!", "base64"), (f"a={raw}\na={raw}", "twice"), ("# none", "no key")):
        with pytest.raises(KeyConfigError, match=why):
            parse_keys(bad, "test")


def test_a_key_file_is_read_again_when_it_changes_or_names_an_unknown_id(tmp_path: Path) -> None:
    path = tmp_path / "kek"
    path.write_text(new_key_line("one") + "\n")
    now = [0.0]
    sealer = Sealer(KeyFile(path, clock=lambda: now[0]))
    old = sealer.seal(b"secret", *ROW)
    path.write_text(new_key_line("two") + "\n" + path.read_text())
    newer = Sealer(KeyFile(path)).seal(b"later", *ROW)
    assert sealer.current == "one", "looked at once a second at most"
    assert sealer.unseal(newer, *ROW) == b"later", "an unknown id re-reads the file at once"
    now[0] += 2
    assert sealer.current == "two" and sealer.unseal(old, *ROW) == b"secret"
    path.write_text("not a key\n")
    now[0] += 2
    assert sealer.current == "two", "a bad edit keeps the keys last read"


def test_dev_generates_one_private_key_and_other_stages_refuse(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    first = sealer_for(settings)
    path = dev_key_path(settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sealer_for(settings).current == first.current == "dev1"
    with pytest.raises(KeyConfigError, match="SOMA_KEK_FILE"):
        sealer_for(Settings(home=tmp_path, stage=Stage.STAGING))
    configured = sealer_for(Settings(home=tmp_path, stage=Stage.STAGING, kek=new_key_line("ops")))  # type: ignore[arg-type]
    assert configured.current == "ops"
    with pytest.raises(KeyConfigError, match="base64"):
        sealer_for(Settings(home=tmp_path, kek="ops=not-base64"))  # type: ignore[arg-type]


async def test_reseal_seals_plaintext_rewraps_old_keys_and_keeps_rows_bound(tmp_path: Path) -> None:
    metadata = MetaData()
    table = Table("t", metadata, Column("id", String(8), primary_key=True), Column("v", Text), Column("b", LargeBinary))
    text_col, blob_col = SealedColumn("d", table, "v", ("id",)), SealedColumn("d", table, "b", ("id",))
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}")
    old, new = kek("old"), kek("new")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
        await connection.execute(
            table.insert(),
            [
                {"id": "1", "v": "plain-1", "b": b"-----BEGIN PRIVATE KEY-----"},
                {"id": "2", "v": text_col.seal(Sealer.of_keys(old), b"two", "2"), "b": None},
            ],
        )
    first = await reseal(engine, text_col, Sealer.of_keys(old), plaintext_only=True)
    assert (first.sealed, first.rewrapped, first.current) == (1, 0, 0), "the start-up pass skips sealed rows in SQL"
    rotated = Sealer.of_keys(new, old)
    tallies = [await reseal(engine, c, rotated) for c in (text_col, blob_col)]
    assert [(t.sealed, t.rewrapped, t.current, t.from_keys) for t in tallies] == [(0, 2, 0, {"old"}), (1, 0, 0, set())]
    only_new = Sealer.of_keys(new)
    async with engine.connect() as connection:
        rows = {r.id: r for r in await connection.execute(select(table))}
    assert text_col.unseal(only_new, rows["1"].v, "1") == b"plain-1"
    assert text_col.unseal(only_new, rows["2"].v, "2") == b"two"
    assert blob_col.unseal(only_new, rows["1"].b, "1") == b"-----BEGIN PRIVATE KEY-----"
    again = await reseal(engine, text_col, only_new)
    assert (again.rewrapped, again.current) == (0, 2)
    await engine.dispose()


@pytest.mark.parametrize("command", [["up"], ["secrets", "rewrap"]])
def test_staging_without_a_key_refuses_to_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    from typer.testing import CliRunner

    from somastack.cli.main import app

    for name in list(os.environ):
        if name.startswith("SOMA_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOMA_STAGE", "staging")
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 1
    assert "needs a key-encryption key" in result.output and not (tmp_path / ".soma").exists()
