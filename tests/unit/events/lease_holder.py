"""A process that takes a group's lease on a topic of the embedded log and then hangs (run by test_embedded_log)."""

import asyncio
import sys
from pathlib import Path

from somastack.platform.events import EmbeddedLogBus


async def main(path: str) -> None:
    bus = EmbeddedLogBus(Path(path))
    subscription = await bus.subscribe("g", ["t"])
    got = await subscription.next(max_wait=5.0)
    print(f"held {len(got)}", flush=True)
    await asyncio.Event().wait()  # never renews, never commits: killed by the test


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
