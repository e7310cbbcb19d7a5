"""Settings: stage from SOMA_STAGE or SOMA_CHANNEL, data under .soma/<stage>/, prod guardrails."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from somastack.config import Settings, Stage
from somastack.platform.db import database_url, schema_name


def test_stage_comes_from_soma_stage_or_soma_channel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOMA_STAGE", raising=False)
    monkeypatch.setenv("SOMA_CHANNEL", "staging")
    settings = Settings(home=Path("/srv/soma"))
    assert settings.stage is Stage.STAGING
    assert settings.data_dir == Path("/srv/soma/staging")
    monkeypatch.setenv("SOMA_STAGE", "dev")
    monkeypatch.delenv("SOMA_CHANNEL")
    assert Settings().data_dir == Path(".soma/dev")


def test_prod_needs_postgres_and_keeps_data_in_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOMA_STAGE", "prod")
    monkeypatch.delenv("SOMA_DATABASE_URL", raising=False)
    with pytest.raises(ValidationError, match="SOMA_DATABASE_URL"):
        Settings()
    monkeypatch.setenv("SOMA_DATABASE_URL", "postgresql://db/soma")
    settings = Settings(home=Path("/var/lib/soma"))
    assert settings.data_dir == Path("/var/lib/soma")
    assert database_url(settings, "identity") == "postgresql+asyncpg://db/soma"
    assert schema_name(settings, "identity") == "soma_identity"


def test_sqlite_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOMA_STAGE", raising=False)
    monkeypatch.delenv("SOMA_DATABASE_URL", raising=False)
    settings = Settings(home=tmp_path)
    assert database_url(settings, "identity") == f"sqlite+aiosqlite:///{tmp_path}/dev/identity.db"
    assert schema_name(settings, "identity") is None
