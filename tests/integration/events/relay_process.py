"""A service process that only relays its outbox, until killed (run by test_faults).

    python -m tests.integration.events.relay_process HOME BUS BATCH_SIZE

HOME is the service's SOMA_HOME (its database is `svc`); BUS is `kafka:<bootstrap>` or `embedded:<path>`.
"""

import asyncio
import sys
from pathlib import Path

from sqlalchemy import MetaData

from somastack.config import Settings
from somastack.platform.db import create_engine
from somastack.platform.events import EmbeddedLogBus, EventBus, KafkaBus, OutboxRelay, outbox_table


async def main(home: str, bus_spec: str, batch_size: int) -> None:
    kind, _, where = bus_spec.partition(":")
    bus: EventBus = KafkaBus(where, client_id="relay") if kind == "kafka" else EmbeddedLogBus(Path(where))
    engine = create_engine(Settings(home=Path(home)), "svc")
    relay = OutboxRelay(engine, outbox_table(MetaData()), bus, domain="svc", batch_size=batch_size)
    await relay.start()
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
