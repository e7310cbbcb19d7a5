"""`soma config`: every settings class as a table of value and source, secrets masked, bad configuration named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from somastack.cli.main import app
from somastack.config import CONFIG_FILE, env_name, settings_classes


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in list(os.environ):
        if name.startswith("SOMA_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rows(output: str) -> dict[str, list[str]]:
    """Setting -> [soma.toml key, value, source], from the printed tables."""
    found = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.split("│")[1:-1]]
        if len(cells) == 4 and cells[0].startswith("SOMA_"):
            found[cells[0]] = cells[1:]
    return found


def test_every_setting_with_its_value_and_source(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    CONFIG_FILE.write_text(
        'port_base = 21000\nredis_url = "redis://soma:hunter2@cache.internal:6379/0"\n'
        '[memory]\nembedder_batch_size = 7\n[slm]\nanthropic_api_key = "sk-from-toml"\n'
        '[notification]\nwebhook_secret = "whsec-from-toml"\n'
    )
    monkeypatch.setenv("SOMA_PORT_BASE", "22000")
    monkeypatch.setenv("SOMA_SLM_OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("SOMA_MEMORY_SOMABRAIN_TOKEN", "sb-token")
    result = CliRunner().invoke(app, ["config"])
    assert result.exit_code == 0, result.output
    table = rows(result.stdout)
    assert set(table) == {env_name(cls, field) for cls in settings_classes() for field in cls.model_fields}
    assert table["SOMA_PORT_BASE"] == ["port_base", "22000", "env"]
    assert table["SOMA_MEMORY_EMBEDDER_BATCH_SIZE"] == ["memory.embedder_batch_size", "7", "soma.toml"]
    assert table["SOMA_HOST"] == ["host", "127.0.0.1", "default"]
    assert table["SOMA_DATABASE_URL"] == ["database_url", "unset", "default"]
    # SecretStr settings, settings named like secrets and URL passwords never print in clear.
    assert table["SOMA_SLM_OPENAI_API_KEY"][1:] == ["********", "env"]
    assert table["SOMA_SLM_ANTHROPIC_API_KEY"][1:] == ["********", "soma.toml"]
    assert table["SOMA_NOTIFICATION_WEBHOOK_SECRET"][1:] == ["********", "soma.toml"]
    assert table["SOMA_MEMORY_SOMABRAIN_TOKEN"][1:] == ["********", "env"]
    assert table["SOMA_TOKEN_ISSUER"][1] == "********"
    assert table["SOMA_REDIS_URL"][1:] == ["redis://soma:********@cache.internal:6379/0", "soma.toml"]
    # A duration is no secret, whatever its name.
    assert table["SOMA_TOKEN_TTL_SECONDS"][1:] == ["3600", "default"]
    for secret in ("sk-from-env", "sk-from-toml", "whsec-from-toml", "sb-token", "hunter2", "soma-identity"):
        assert secret not in result.output
    assert f"{CONFIG_FILE.resolve()} (read)" in result.stdout


def test_changed_shows_only_what_is_not_a_default(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOMA_MEMORY_DIMENSIONS", "64")
    result = CliRunner().invoke(app, ["config", "--changed"])
    assert result.exit_code == 0, result.output
    assert rows(result.stdout) == {"SOMA_MEMORY_DIMENSIONS": ["memory.dimensions", "64", "env"]}
    assert "not found" in result.stdout  # no soma.toml here


def test_an_invalid_class_is_named_and_the_others_still_print(workdir: Path) -> None:
    CONFIG_FILE.write_text('[memory]\nembedder = "openai"\ndimensions = 64\n[slm]\nmax_retries = 3\ntypo = 1\n')
    result = CliRunner().invoke(app, ["config"])
    assert result.exit_code == 2
    assert "invalid configuration (MemorySettings)" in result.stderr
    assert "SOMA_MEMORY_EMBEDDER_URL" in result.stderr
    assert "keys no setting reads: slm.typo" in result.stderr
    table = rows(result.stdout)
    assert "SOMA_MEMORY_DIMENSIONS" not in table
    assert table["SOMA_SLM_MAX_RETRIES"] == ["slm.max_retries", "3", "soma.toml"]


def test_the_key_encryption_key_never_prints(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from somastack.platform.sealing import new_key_line

    line = new_key_line("ops")
    monkeypatch.setenv("SOMA_KEK", line)
    CONFIG_FILE.write_text('kek_file = "/run/secrets/soma-kek"\n')
    result = CliRunner().invoke(app, ["config"])
    assert result.exit_code == 0, result.output
    table = rows(result.stdout)
    assert table["SOMA_KEK"] == ["kek", "********", "env"]
    assert table["SOMA_KEK_FILE"] == ["kek_file", "/run/secrets/soma-kek", "soma.toml"]
    assert line.partition("=")[2] not in result.output
