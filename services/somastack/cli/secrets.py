"""`soma secrets`: re-wrap every sealed secret under the current key-encryption key, printing counts, never values."""

from __future__ import annotations

import asyncio

from rich.console import Console
from rich.table import Table

from somastack.config import Settings
from somastack.platform.sealed_columns import SealedColumn, Tally, reseal
from somastack.platform.sealing import Sealer, SealingError

#: Each domain whose database holds sealed secrets, and where its columns are declared.
SEALED_DOMAINS = {"identity": "somastack.identity.adapters.sealed"}


def sealed_columns(domain: str) -> tuple[SealedColumn, ...]:
    import importlib

    columns: tuple[SealedColumn, ...] = importlib.import_module(SEALED_DOMAINS[domain]).SEALED_COLUMNS
    return columns


async def rewrap_all(settings: Settings, sealer: Sealer, domains: list[str]) -> list[Tally]:
    """Re-seals every sealed value of `domains` under the current key in short transactions (services keep running)."""
    from somastack.platform.db import create_engine
    from somastack.platform.migrations import upgrade_async

    tallies = []
    for domain in domains:
        await upgrade_async(settings, domain)  # a database a release before sealing left: its columns widened first
        engine = create_engine(settings, domain)
        try:
            for column in sealed_columns(domain):
                tallies.append(await reseal(engine, column, sealer))
        finally:
            await engine.dispose()
    return tallies


def tally_table(tallies: list[Tally], current: str) -> Table:
    table = Table(title=f"secrets re-wrapped under key {current}", title_justify="left")
    for name in ("service", "table", "column", "re-wrapped", "sealed from plaintext", "already current", "from keys"):
        table.add_column(name)
    for t in tallies:
        c = t.column
        table.add_row(
            c.domain, c.table.name, c.column, str(t.rewrapped), str(t.sealed), str(t.current + t.raced),
            ", ".join(sorted(t.from_keys)) or "—",
        )  # fmt: skip
    return table


def rewrap(settings: Settings, console: Console, domain: str | None = None) -> int:
    """The body of `soma secrets rewrap`; the exit code. A row a running service rewrote meanwhile counts as already
    current: the service sealed it with the key it holds as current."""
    from somastack.platform.kek import sealer_for

    sealer = sealer_for(settings)
    domains = [domain] if domain else list(SEALED_DOMAINS)
    unknown = [d for d in domains if d not in SEALED_DOMAINS]
    if unknown:
        console.print(f"[red]error:[/red] {unknown[0]} holds no sealed secrets (services that do: identity)")
        return 2
    try:
        tallies = asyncio.run(rewrap_all(settings, sealer, domains))
    except SealingError as exc:
        console.print(f"[red]error:[/red] {exc.reason}: {exc.message}")
        return 1
    console.print(tally_table(tallies, sealer.current))
    return 0
