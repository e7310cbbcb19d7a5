"""Where a bench writes its figures: one JSON document per run, under bench/results/ unless told otherwise."""

from __future__ import annotations

import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def write_results(bench: str, fields: dict[str, Any], path: Path | None = None) -> Path:
    """Writes `fields` with the bench's name, the time and the machine; returns the file it wrote."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path or RESULTS / f"{bench}-{stamp}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}
    document = {"bench": bench, "time": stamp, "machine": machine, **fields}
    target.write_text(json.dumps(document, indent=2) + "\n")
    return target
