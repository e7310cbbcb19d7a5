"""The revocation feed on the embedded log: a process applies revocations published before it started (it reads the
topic from its beginning) and those published while it runs, and ignores what it does not understand."""

from __future__ import annotations

import time
from pathlib import Path

from google.protobuf.wrappers_pb2 import StringValue

from soma.events.v1.topics import IDENTITY_REVOCATIONS
from somastack.identity import codec
from somastack.identity.model import Revocation, RevocationCause
from somastack.platform.events import EmbeddedLogBus, Record, new_event
from somastack.runtime.revocation import RevocationFeed, Revocations
from tests.unit.events.helpers import eventually

BOB = "tenants/acme/users/bob"


async def publish(bus: EmbeddedLogBus, revocation: Revocation) -> None:
    event = codec.revoked_event(revocation)
    await bus.publish([Record(IDENTITY_REVOCATIONS, event.SerializeToString(), event.tenant)])


async def test_a_feed_catches_up_with_the_topic_then_follows_it(tmp_path: Path) -> None:
    bus = EmbeddedLogBus(tmp_path / "events.db")
    earlier = time.time() - 10
    await publish(bus, Revocation("acme", BOB, earlier, RevocationCause.USER_DISABLED))
    stranger = new_event(type="soma.test.v1.Other", source="//t", tenant="acme", payload=StringValue(value="x"))
    await bus.publish(
        [Record(IDENTITY_REVOCATIONS, stranger.SerializeToString(), "acme"), Record(IDENTITY_REVOCATIONS, b"junk")]
    )

    revocations = Revocations(window=3600)
    own = EmbeddedLogBus(tmp_path / "events.db")  # the feed's process has its own connection to the log
    feed = RevocationFeed(own, revocations, domain="memory")
    await feed.start()
    try:
        await eventually(lambda: _async(revocations.not_before("acme", BOB) is not None), within=5)
        assert abs((revocations.not_before("acme", BOB) or 0) - earlier) < 1e-6
        now = time.time()
        started = time.monotonic()
        await publish(bus, Revocation("acme", "tenants/acme/users/amy", now, RevocationCause.SIGNED_OUT))
        await eventually(lambda: _async(revocations.not_before("acme", "tenants/acme/users/amy") is not None), within=1)
        assert time.monotonic() - started < 1.0
        assert len(revocations) == 2
    finally:
        await feed.stop()
        await own.close()
        await bus.close()


async def _async(value: bool) -> bool:
    return value
