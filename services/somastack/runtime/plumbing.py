"""What a domain's bootstrap opened that the runtime may share: its engine, event bus and outbox relay."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from somastack.platform.events import EventBus, OutboxRelay


@dataclass(frozen=True)
class Plumbing:
    """A domain's database engine, event bus and outbox relay (which relays from that engine), as its bootstrap opened
    them. The runtime's audit spool and revocation feed ride on them instead of opening their own: one connection
    pool, one bus client and one relay per process. Each may be None where the domain has none."""

    engine: AsyncEngine | None = None
    bus: EventBus | None = None
    relay: OutboxRelay | None = None
