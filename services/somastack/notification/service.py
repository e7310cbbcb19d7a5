"""The notification use cases: turning events into notifications, filtering by preferences, reading, acking,
streaming, and the background work (releasing held ones, posting webhooks)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from contextlib import suppress
from dataclasses import replace

from soma.events.v1.envelope_pb2 import Event
from soma.events.v1.topics import NOTIFICATIONS_EVENTS, SESSIONS_EVENTS, SETTINGS_CHANGED
from soma.notification.v1 import notification_pb2
from soma.orchestrator.v1 import session_pb2
from soma.settings.v1 import settings_pb2
from somastack.notification.codec import notification_json, preferences_of
from somastack.notification.metrics import NotificationMetrics
from somastack.notification.model import (
    CAPABILITY_MISSING,
    MAX_BODY,
    MAX_SUBJECT,
    MAX_TITLE,
    MAX_TOPIC,
    DeliveryState,
    Notification,
    Preferences,
    Severity,
    WebhookDelivery,
    decide,
    notification_not_found,
)
from somastack.notification.ports import Approvers, NotificationStore
from somastack.platform.context import current
from somastack.platform.errors import InvalidArgument, NotFound, PermissionDenied, invalid
from somastack.platform.events.envelope import payload_of
from somastack.platform.names import parse
from somastack.platform.paging import decode_token, encode_token, page_size
from somastack.platform.uow import Transaction

log = logging.getLogger(__name__)

REQUESTS_TOPIC = NOTIFICATIONS_EVENTS
SESSIONS_TOPIC = SESSIONS_EVENTS
SETTINGS_TOPIC = SETTINGS_CHANGED

USER_NAME = "tenants/{tenant}/users/{user}"
NOTIFICATION_NAME = "tenants/{tenant}/users/{user}/notifications/{notification}"
PREFERENCES_NAME = "tenants/{tenant}/users/{user}/notificationPreferences"

#: What a finished session tells its requester: severity and title per terminal state.
SESSION_OUTCOMES: dict[int, tuple[Severity, str]] = {
    session_pb2.SESSION_STATE_SUCCEEDED: (Severity.INFO, "Session finished"),
    session_pb2.SESSION_STATE_FAILED: (Severity.ERROR, "Session failed"),
    session_pb2.SESSION_STATE_DENIED: (Severity.WARNING, "Session denied by policy"),
    session_pb2.SESSION_STATE_REJECTED: (Severity.WARNING, "Session rejected by the approver"),
    session_pb2.SESSION_STATE_CANCELLED: (Severity.WARNING, "Session cancelled"),
}

#: The notification topic (what a notification is about) of an approval request, as the orchestrator sends it.
APPROVAL_NOTICE = "session.pending_approval"
#: The flag the orchestrator sets in the detail of an APPROVAL step it could not resolve the approvers of (the
#: identity service did not answer): this service resolves them from the step's event and notifies them.
UNRESOLVED = "approversUnresolved"

#: Subscribe re-reads deliveries this far back, so a notification whose transaction committed after a later
#: one (or on a replica with a slightly different clock) is still streamed; ids already sent are skipped.
REREAD_SECONDS = 10.0
#: The most already-delivered notifications a new Subscribe stream starts with.
BACKLOG_LIMIT = 500


class Hub:
    """In-process wake-ups of Subscribe streams and of the background workers.

    A stream's wake-up may come before the delivering transaction commits; it is repeated shortly after, and the
    readers poll the database anyway (deliveries by other replicas reach them that way). The workers' events are
    set once the transaction that gave them work has committed (`UnitOfWork.after_commit`): they sleep until their
    next due time, so a wake-up that found nothing would leave the work waiting for their long safety poll.
    """

    AGAIN_AFTER = 0.1

    def __init__(self) -> None:
        self._streams: dict[tuple[str, str], set[asyncio.Event]] = defaultdict(set)
        #: Set when a webhook delivery was queued: the webhook worker looks for due deliveries.
        self.webhooks = asyncio.Event()
        #: Set when a notification was held, or held ones were made due: the releaser reads its next due time.
        self.held = asyncio.Event()

    def watch(self, tenant: str, user: str) -> asyncio.Event:
        event = asyncio.Event()
        self._streams[(tenant, user)].add(event)
        return event

    def unwatch(self, tenant: str, user: str, event: asyncio.Event) -> None:
        streams = self._streams.get((tenant, user))
        if streams is not None:
            streams.discard(event)
            if not streams:
                del self._streams[(tenant, user)]

    def delivered(self, tenant: str, user: str) -> None:
        def wake() -> None:
            for event in self._streams.get((tenant, user), ()):
                event.set()

        wake()
        with suppress(RuntimeError):  # no running loop (unit tests calling the handlers directly)
            asyncio.get_running_loop().call_later(self.AGAIN_AFTER, wake)


class Notifier:
    """The notification use cases over a store."""

    def __init__(
        self,
        store: NotificationStore,
        *,
        metrics: NotificationMetrics | None = None,
        hub: Hub | None = None,
        clock: Callable[[], float] = time.time,
        subscribe_poll: float = 1.0,
        approvers: Approvers | None = None,
    ) -> None:
        self._store = store
        self._approvers = approvers
        self._metrics = metrics or NotificationMetrics()
        self.hub = hub or Hub()
        self._clock = clock
        self._subscribe_poll = subscribe_poll

    # Reading ------------------------------------------------------------------------------------------------

    @staticmethod
    def _own(name: str, pattern: str, field: str) -> dict[str, str]:
        """Parses `name`; PERMISSION_DENIED unless its user is the caller (a user reads only their own)."""
        values = parse(name, pattern, field=field)
        user = f"tenants/{values['tenant']}/users/{values['user']}"
        try:
            subject = current().subject
        except LookupError:
            subject = ""
        if subject != user:
            raise PermissionDenied(
                CAPABILITY_MISSING,
                f"{field} {name!r} belongs to {user!r}; a user reads and acknowledges only their own notifications",
                metadata={"field": field, "user": user},
            )
        return values

    async def list(
        self,
        parent: str,
        *,
        size: int = 0,
        token: str = "",
        unacked_only: bool = False,
        minimum_severity: int = 0,
    ) -> tuple[list[Notification], str]:
        values = self._own(parent, USER_NAME, "parent")
        if minimum_severity not in Severity._value2member_map_:
            raise invalid("minimum_severity", f"{minimum_severity} is not a Severity value")
        limit = page_size(size)
        before = _page_key(decode_token(token))
        rows = await self._store.page(
            values["tenant"],
            values["user"],
            before=before,
            limit=limit + 1,
            unacked_only=unacked_only,
            minimum_severity=Severity(minimum_severity),
        )
        page = rows[:limit]
        next_token = encode_token(f"{page[-1].created_at!r}|{page[-1].id}") if len(rows) > limit else ""
        return page, next_token

    async def ack(self, name: str) -> Notification:
        values = self._own(name, NOTIFICATION_NAME, "name")
        acked = await self._store.ack(values["tenant"], values["user"], values["notification"], self._clock())
        if acked is None:
            raise notification_not_found(name)
        return acked

    async def subscribe(self, parent: str) -> AsyncIterator[Notification]:
        """The caller's unacked delivered notifications, oldest first, then each new delivery as it happens.

        Runs until the caller goes away (the stream's task is cancelled)."""
        values = self._own(parent, USER_NAME, "parent")
        tenant, user = values["tenant"], values["user"]
        wake = self.hub.watch(tenant, user)
        self._metrics.subscribers.inc()
        try:
            started = self._clock()
            sent: dict[str, float] = {}
            for n in await self._store.delivered(tenant, user, since=None, limit=BACKLOG_LIMIT):
                sent[n.id] = n.delivered_at or started
                yield n
            since = started - REREAD_SECONDS
            while True:
                with suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), self._subscribe_poll)
                wake.clear()
                for n in await self._store.delivered(tenant, user, since=since, limit=BACKLOG_LIMIT):
                    if n.id not in sent:
                        sent[n.id] = n.delivered_at or since
                        yield n
                since = max(since, self._clock() - REREAD_SECONDS)
                for key in [k for k, at in sent.items() if at < since]:
                    del sent[key]
        finally:
            self._metrics.subscribers.dec()
            self.hub.unwatch(tenant, user, wake)

    # Event handlers (each runs inside the consumer's transaction) ---------------------------------------------

    async def on_requested(self, event: Event, tx: Transaction) -> None:
        """`notifications.events`: NotificationRequested → a notification for its recipient, in the event's tenant."""
        request = payload_of(event, notification_pb2.NotificationRequested)
        if request is None:
            return
        recipient = self._recipient(event, request.recipient, "notification_requested")
        if recipient is None:
            return
        problem = _request_problem(request)
        if problem:
            self._drop(event, "invalid", problem)
            return
        tenant, user = recipient
        await self.notify(
            tx,
            Notification.of_event(
                event.id,
                tenant,
                user,
                at=self._clock(),
                severity=Severity(request.severity),
                title=request.title,
                body=request.body,
                subject=request.subject,
                topic=request.topic or "notification.requested",
            ),
        )

    @staticmethod
    def wants_session(event: Event) -> bool:
        """Whether a `sessions.events` event is one `on_session` acts on: a change to a terminal state, or an
        APPROVAL step whose approvers the orchestrator could not resolve."""
        change = payload_of(event, session_pb2.SessionEvent)
        if change is None:
            return False
        if change.kind == session_pb2.SESSION_EVENT_KIND_STEP:
            return _unresolved_approval(change.step)
        return change.kind == session_pb2.SESSION_EVENT_KIND_STATE and change.state in SESSION_OUTCOMES

    async def on_session(self, event: Event, tx: Transaction) -> None:
        """`sessions.events`: a session that reached a terminal state tells its requester; a session waiting for
        approvers the orchestrator could not resolve tells them (see `on_unresolved_approval`); the rest is
        ignored."""
        change = payload_of(event, session_pb2.SessionEvent)
        if change is None:
            return
        if change.kind == session_pb2.SESSION_EVENT_KIND_STEP and _unresolved_approval(change.step):
            await self.on_unresolved_approval(event, change, tx)
            return
        if change.kind != session_pb2.SESSION_EVENT_KIND_STATE:
            return
        outcome = SESSION_OUTCOMES.get(change.state)
        if outcome is None:
            return
        recipient = self._recipient(event, change.requester, "session_event")
        if recipient is None:
            return
        severity, title = outcome
        state_name = session_pb2.SessionState.Name(change.state).removeprefix("SESSION_STATE_").lower()
        body = f"{change.session}: {change.prompt_preview}" if change.prompt_preview else change.session
        tenant, user = recipient
        await self.notify(
            tx,
            Notification.of_event(
                event.id,
                tenant,
                user,
                at=self._clock(),
                severity=severity,
                title=title,
                body=body,
                subject=change.session,
                topic=f"session.{state_name}",
            ),
        )

    async def on_unresolved_approval(self, event: Event, change: session_pb2.SessionEvent, tx: Transaction) -> None:
        """The approval request the orchestrator could not send: its approvers (the tenant's users holding
        `sessions.approve`, but the requester) are asked of the identity service now, and each gets the
        notification the orchestrator would have sent.

        While the identity service does not answer this raises Unavailable, so the consumer retries the event
        with backoff (nothing is stored before it answers); a tenant that no longer exists drops the event.
        """
        if self._approvers is None:
            self._drop(event, "unresolved", "approval: no directory of approvers is configured")
            return
        if self._recipient(event, change.requester, "approval") is None:
            return
        try:
            users = await self._approvers.approvers(event.tenant)
        except NotFound as error:
            self._drop(event, "unresolved", f"approval: {error}")
            return
        detail = change.step.detail.fields
        preview = detail["promptPreview"].string_value if "promptPreview" in detail else ""
        reasons = (
            ", ".join(v.string_value for v in detail["reasonCodes"].list_value.values)
            if "reasonCodes" in detail
            else ""
        )
        title = f"Approval needed: {preview or change.session}"
        if len(title) > MAX_TITLE:
            title = title[: MAX_TITLE - 1] + "…"
        body = (
            f"{change.requester} started session {change.session}; policy asks for a second person "
            f"({reasons or 'no reason code'}). Approve or reject it."
        )
        for approver in dict.fromkeys(users):
            if approver == change.requester:
                continue
            recipient = self._recipient(event, approver, "approval")
            if recipient is None:
                continue
            tenant, user = recipient
            await self.notify(
                tx,
                Notification.of_event(
                    event.id,
                    tenant,
                    user,
                    at=self._clock(),
                    severity=Severity.WARNING,
                    title=title,
                    body=body,
                    subject=change.session,
                    topic=APPROVAL_NOTICE,
                ),
            )

    async def on_settings(self, event: Event, tx: Transaction) -> None:
        """`settings.changed`: keeps the projection of each user's notification preferences."""
        changed = payload_of(event, settings_pb2.SettingsChanged)
        if changed is None or changed.kind != settings_pb2.CHANGE_KIND_NOTIFICATION_PREFERENCES:
            return
        try:
            values = parse(changed.name, PREFERENCES_NAME, field="name")
        except InvalidArgument:
            self._drop(event, "invalid", f"malformed preferences name {changed.name!r}")
            return
        if values["tenant"] != event.tenant:
            self._drop(event, "cross_tenant", f"{changed.name!r} is not in the event's tenant {event.tenant!r}")
            return
        tenant, user = values["tenant"], values["user"]
        value: Preferences | None = None
        if not changed.deleted and changed.HasField("notification_preferences"):
            value = preferences_of(changed.notification_preferences)
        if await self._store.save_preferences(tx, tenant, user, value):
            # Held ones are decided again under the new preferences by the release worker, now.
            if await self._store.recheck_held(tx, tenant, user, self._clock()):
                self._store.after_commit(tx, self.hub.held.set)

    def _recipient(self, event: Event, recipient: str, what: str) -> tuple[str, str] | None:
        """(tenant, user) of a recipient in the event's tenant; None (dropped, logged, counted) otherwise."""
        try:
            values = parse(recipient, USER_NAME, field="recipient")
        except InvalidArgument:
            self._drop(event, "invalid", f"{what}: recipient {recipient!r} is not tenants/{{tenant}}/users/{{user}}")
            return None
        if values["tenant"] != event.tenant:
            # Never store across tenants: an event of tenant A may only notify users of A.
            self._drop(event, "cross_tenant", f"{what}: recipient {recipient!r} is not in tenant {event.tenant!r}")
            return None
        return values["tenant"], values["user"]

    def _drop(self, event: Event, reason: str, detail: str) -> None:
        self._metrics.dropped.labels(reason).inc()
        log.warning("notification: dropped event %s (%s) of tenant %r: %s", event.id, event.type, event.tenant, detail)

    async def notify(self, tx: Transaction, draft: Notification) -> Notification | None:
        """Stores a notification with the state the user's preferences give it; queues its webhook if delivered.

        None when it exists already (the event was handled before)."""
        now = self._clock()
        preferences = await self._store.preferences(tx, draft.tenant, draft.user)
        decision = decide(preferences, draft.severity, now)
        delivered = decision.state is DeliveryState.DELIVERED
        notification = replace(draft, state=decision.state, delivered_at=now if delivered else None)
        if not await self._store.add(tx, notification, decision.release_at):
            return None
        self._metrics.stored.labels(decision.state.value).inc()
        if delivered:
            await self._queue_webhook(tx, notification, preferences, now)
            self.hub.delivered(notification.tenant, notification.user)
        elif decision.state is DeliveryState.HELD:
            self._store.after_commit(tx, self.hub.held.set)
        return notification

    async def _queue_webhook(
        self, tx: Transaction, notification: Notification, preferences: Preferences, now: float
    ) -> None:
        """Queues the webhook delivery of a delivered notification, if its user has a webhook URL; the webhook
        worker is woken once the transaction commits."""
        url = preferences.webhook_url
        if not url:
            return
        if not url.startswith(("http://", "https://")):
            log.warning("notification: %s has a non-http(s) webhook URL; not posting", notification.recipient)
            return
        delivery = WebhookDelivery(
            notification.tenant,
            notification.user,
            notification.id,
            url,
            notification_json(notification),
            notification.event_id,
            0,
            now,
        )
        await self._store.enqueue_webhook(tx, delivery, now)
        self._store.after_commit(tx, self.hub.webhooks.set)

    # Background work ----------------------------------------------------------------------------------------

    async def release_due(self, limit: int = 100) -> int:
        """Decides again the HELD notifications whose quiet hours ended (or whose user's preferences changed):
        delivered (and webhooked), suppressed, or held until the new end. Returns how many left HELD."""
        now = self._clock()
        settled = 0
        for held in await self._store.due_held(now, limit):
            async with self._store.begin() as tx:
                preferences = await self._store.preferences(tx, held.tenant, held.user)
                decision = decide(preferences, held.severity, now)
                delivered = decision.state is DeliveryState.DELIVERED
                if not await self._store.settle_held(
                    tx,
                    held,
                    decision.state,
                    delivered_at=now if delivered else None,
                    release_at=decision.release_at,
                ):
                    continue
                if delivered:
                    released = replace(held, state=DeliveryState.DELIVERED, delivered_at=now)
                    await self._queue_webhook(tx, released, preferences, now)
            if decision.state is not DeliveryState.HELD:
                settled += 1
                self._metrics.released.labels(decision.state.value).inc()
            if delivered:
                self.hub.delivered(held.tenant, held.user)
        return settled

    async def next_release(self) -> float | None:
        """When the earliest HELD notification is to be decided again (unix seconds); None when none is held."""
        return await self._store.next_held_release()


def _page_key(raw: str) -> tuple[float, str] | None:
    if not raw:
        return None
    created, _, last_id = raw.partition("|")
    try:
        return float(created), last_id
    except ValueError:
        raise invalid("page_token", "is not a token this service issued") from None


def _unresolved_approval(step: session_pb2.Step) -> bool:
    """Whether a step is an APPROVAL waiting for approvers the orchestrator could not resolve."""
    flag = step.detail.fields.get(UNRESOLVED)
    return (
        step.kind == session_pb2.STEP_KIND_APPROVAL
        and step.status == session_pb2.STEP_STATUS_WAITING
        and flag is not None
        and flag.bool_value
    )


def _request_problem(request: notification_pb2.NotificationRequested) -> str:
    """Why a NotificationRequested cannot become a notification; '' when it can."""
    if request.severity not in Severity._value2member_map_ or request.severity == 0:
        return f"severity {request.severity} is not a Severity value"
    if not request.title.strip():
        return "title is empty"
    if len(request.title) > MAX_TITLE:
        return f"title has {len(request.title)} characters; at most {MAX_TITLE}"
    if len(request.body) > MAX_BODY:
        return f"body has {len(request.body)} characters; at most {MAX_BODY}"
    if len(request.subject) > MAX_SUBJECT:
        return f"subject has {len(request.subject)} characters; at most {MAX_SUBJECT}"
    if len(request.topic) > MAX_TOPIC:
        return f"topic has {len(request.topic)} characters; at most {MAX_TOPIC}"
    return ""
