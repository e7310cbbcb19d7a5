"""A process that appends numbered records to the embedded log, one publish each (run by test_embedded_log)."""

import asyncio
import sys
from pathlib import Path

from somastack.platform.events import EmbeddedLogBus, Record


async def main(path: str, name: str, count: int) -> None:
    bus = EmbeddedLogBus(Path(path))
    for i in range(count):
        await bus.publish([Record("shared", f"{name}:{i}".encode(), name)])
    await bus.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
