"""A service on the embedded defaults imports no engine it was not configured for, and no CLI library.

Every import costs each of the mesh's processes start-up CPU and resident memory: redis-py, asyncpg and
confluent-kafka serve only configured engines, Alembic only a database behind its migrations, rich, pygments and
prompt_toolkit only a terminal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

#: Never loaded by `soma serve <domain>` on the embedded defaults once its database is at head.
UNCONFIGURED = ("redis", "asyncpg", "confluent_kafka", "alembic", "rich", "pygments", "prompt_toolkit")

#: Starts a service as `soma serve` does (the CLI module, the runtime, the domain's bootstrap, migrations at start),
#: stops it, and prints which of UNCONFIGURED it loaded.
_SERVE = """
import asyncio, json, sys
import somastack.cli.main
from somastack.config import Settings
from somastack.registry import by_domain
from somastack.runtime.server import ServiceHost

async def main():
    host = ServiceHost(by_domain(sys.argv[1]), Settings(), port=0)
    await host.start()
    await host.stop(0)

asyncio.run(main())
print(json.dumps(sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules)))
"""


def _serve_once(domain: str, home: Path) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOMA_")}
    env.update(SOMA_HOME=str(home), SOMA_STAGE="dev", SOMA_METRICS_PORT_BASE="0", SOMA_LOG_LEVEL="warning")
    done = subprocess.run(
        [sys.executable, "-c", _SERVE, domain, json.dumps(UNCONFIGURED)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize("domain", ["settings", "policy"])
def test_a_service_restarted_on_embedded_defaults_loads_no_unconfigured_engine(domain: str, tmp_path: Path) -> None:
    first = _serve_once(domain, tmp_path)
    # The first start migrates its new database: Alembic (and what it pulls in) is needed then, nothing else.
    assert set(first) <= {"alembic", "pygments"}, first
    assert _serve_once(domain, tmp_path) == []


def test_the_migration_head_is_read_without_alembic(tmp_path: Path) -> None:
    from somastack.config import Settings
    from somastack.platform import migrations

    settings = Settings(home=tmp_path)
    assert not migrations.at_head(settings, "identity")  # no database yet
    migrations.upgrade(settings, "identity")
    assert migrations.at_head(settings, "identity")
    assert migrations.script_heads(migrations.migrations_folder("identity")) == {migrations.head(settings, "identity")}
