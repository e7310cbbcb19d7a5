"""Token revocation in every service: the revocations in force, how a service learns them, and how it catches up.

Identity records a revocation (tenant, subject, not-before) durably and announces it on `identity.revocations`
through its outbox. Every service process keeps the revocations in force in a dict, so the verified path pays one
lookup and no network per call (`TokenVerifier` refuses a token of a revoked subject issued before the not-before,
cached or not). The dict is fed from two sides:

- live: a subscription of the process's own (a consumer group nobody else uses, never committed) reads the topic
  from its beginning and applies each revocation as it arrives: within a fraction of a second of the revoking RPC
  on the embedded log and on Kafka;
- at start: before it serves, a service reads identity's list of revocations in force (`ListTokenRevocations`,
  through the mesh, with its own service token), so a service that starts late refuses what was revoked while it
  was away even before its subscription has replayed the topic. If identity cannot be reached in time the
  service serves anyway and the replay fills the list in.

Memory is bounded: a revocation older than the longest token lifetime (plus the verifier's leeway) is dropped,
since every token it refuses has expired by then.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable
from contextlib import suppress
from typing import Any

import grpc
from google.protobuf import timestamp_pb2
from google.protobuf.message import DecodeError

from soma.events.v1.envelope_pb2 import Event
from soma.events.v1.topics import IDENTITY_REVOCATIONS
from soma.identity.v1 import identity_pb2, identity_service_pb2, identity_service_pb2_grpc
from somastack.config import Settings
from somastack.platform.claims import session_key
from somastack.platform.errors import Unavailable
from somastack.platform.events import BusClosed, BusError, EventBus, Subscription, payload_of
from somastack.platform.service_token import ServiceToken
from somastack.platform.tls import aio_channel, mesh_dial
from somastack.platform.worker import BackgroundWorker

_log = logging.getLogger(__name__)

#: Seconds a revocation is kept beyond the longest token lifetime: covers the verifier's expiry leeway.
_MARGIN = 60.0
_PRUNE_EVERY = 60.0
_RETRY = (0.1, 5.0)
#: Seconds one ListTokenRevocations call may take.
_CALL_TIMEOUT = 2.0


def revocation_window(settings: Settings) -> float:
    """How long a revocation matters: the longest lifetime of any token identity issues."""
    return float(max(settings.token_max_ttl_seconds, settings.admin_token_ttl_seconds))


class Revocations:
    """The revocations in force in this process: (tenant, subject) -> not-before; a later not-before wins."""

    def __init__(self, *, window: float, clock: Callable[[], float] = time.time) -> None:
        self._not_before: dict[tuple[str, str], float] = {}
        self._keep = window + _MARGIN
        self._clock = clock
        self._pruned_at = clock()

    def apply(self, tenant: str, subject: str, not_before: float) -> None:
        key = (tenant, subject)
        if not_before > self._not_before.get(key, float("-inf")):
            self._not_before[key] = not_before
        now = self._clock()
        if now - self._pruned_at > _PRUNE_EVERY:
            self._pruned_at = now
            cutoff = now - self._keep
            self._not_before = {k: v for k, v in self._not_before.items() if v >= cutoff}

    def apply_message(self, revocation: identity_pb2.TokenRevocation) -> None:
        """A revocation of a subject's tokens, or of one sign-in session's only (keyed by the session)."""
        session = revocation.sign_in_session
        key = session_key(session) if session else revocation.subject
        self.apply(revocation.tenant, key, _seconds(revocation.not_before))

    def not_before(self, tenant: str, subject: str) -> float | None:
        """Tokens of the subject issued before this instant are revoked; None: none are."""
        return self._not_before.get((tenant, subject))

    def __len__(self) -> int:
        return len(self._not_before)


def _seconds(stamp: timestamp_pb2.Timestamp) -> float:
    return stamp.seconds + stamp.nanos / 1e9


class RevocationFeed(BackgroundWorker):
    """Applies every `identity.revocations` event to `revocations`, reading the topic from its beginning."""

    def __init__(self, bus: EventBus, revocations: Revocations, *, domain: str, max_wait: float = 30.0) -> None:
        super().__init__(f"revocation-feed-{domain}")
        self._bus = bus
        self._revocations = revocations
        self._domain = domain
        self._max_wait = max_wait
        #: Set once the subscription reads the topic (a Kafka consumer has joined its group and found its position):
        #: from then on a revocation reaches this process within a fraction of a second.
        self.live = asyncio.Event()

    async def _run(self) -> None:
        retry = _RETRY[0]
        stopped = asyncio.ensure_future(self._stopping.wait())
        try:
            while not self._stopping.is_set():
                # A group of this process alone: it starts at the topic's first record and never commits, so a
                # restarted (or resubscribing) process reads every revocation the bus still holds.
                group = f"revocations.{self._domain}.{uuid.uuid4().hex}"
                subscription: Subscription | None = None
                try:
                    subscription = await self._bus.subscribe(group, [IDENTITY_REVOCATIONS])
                    await self._follow(subscription, stopped)
                    return
                except BusClosed:
                    return
                except BusError as exc:
                    _log.warning("revocation feed of %s: %r; retrying in %.2fs", self._domain, exc, retry)
                finally:
                    if subscription is not None:
                        with suppress(BusError):
                            await subscription.close()
                await self._pause(retry)
                retry = min(retry * 2, _RETRY[1])
        finally:
            stopped.cancel()

    async def _follow(self, subscription: Subscription, stopped: asyncio.Future[Any]) -> None:
        """Applies what arrives until stop()."""
        while not self._stopping.is_set():
            wait = self._max_wait if self.live.is_set() else 0.05
            fetch = asyncio.ensure_future(subscription.next(500, max_wait=wait))
            await asyncio.wait((fetch, stopped), return_when=asyncio.FIRST_COMPLETED)
            if not fetch.done():
                fetch.cancel()
                with suppress(asyncio.CancelledError, BusError):
                    await fetch
                return
            for delivery in fetch.result():
                self._apply(delivery.record.value)
            if not self.live.is_set() and IDENTITY_REVOCATIONS in await subscription.lag():
                self.live.set()

    def _apply(self, value: bytes) -> None:
        try:
            event = Event.FromString(value)
        except DecodeError:
            _log.warning("revocation feed of %s: a record that is not an event", self._domain)
            return
        revoked = payload_of(event, identity_pb2.TokensRevoked)
        if revoked is not None:  # another payload type on the topic: not ours to understand
            self._revocations.apply_message(revoked.revocation)


async def load_from_identity(settings: Settings, domain: str, revocations: Revocations, *, within: float) -> bool:
    """Reads identity's revocations in force through the mesh into `revocations`, trying for `within` seconds.

    False when that did not succeed in time (no service token yet, identity or Envoy away).
    """
    token = ServiceToken(settings.service_token_path(domain))
    deadline = time.monotonic() + within
    delay = _RETRY[0]
    async with aio_channel(mesh_dial(settings, domain)) as channel:
        stub = identity_service_pb2_grpc.IdentityServiceStub(channel)
        while True:
            try:
                await _read_all(stub, token.authorization(), revocations)
                return True
            except (Unavailable, grpc.aio.AioRpcError) as exc:
                problem = exc.code().name if isinstance(exc, grpc.aio.AioRpcError) else str(exc)
            if time.monotonic() + delay > deadline:
                _log.warning("cannot read identity's token revocations: %s", problem)
                return False
            await asyncio.sleep(delay)
            delay = min(delay * 2, 1.0)


async def _read_all(
    stub: identity_service_pb2_grpc.IdentityServiceAsyncStub, authorization: str, revocations: Revocations
) -> None:
    page = ""
    while True:
        response = await stub.ListTokenRevocations(
            identity_service_pb2.ListTokenRevocationsRequest(page_size=500, page_token=page),
            metadata=(("authorization", authorization),),
            timeout=_CALL_TIMEOUT,
        )
        for revocation in response.revocations:
            revocations.apply_message(revocation)
        page = response.next_page_token
        if not page:
            return
