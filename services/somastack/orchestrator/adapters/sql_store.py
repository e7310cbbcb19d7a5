"""SessionStore on SQLAlchemy (SQLite or PostgreSQL): sessions, their events, the event outbox and inbox, in one
database.

A session is one row (its scalar columns for filtering and ordering, the rest as JSON); its events are rows
of their own, numbered per session. Every change replaces the row only if its `sequence` is still the one
the writer read (compare-and-set), and appends the events and queues their outbox records in the same
transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    bindparam,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from soma.events.v1.envelope_pb2 import Event
from soma.events.v1.topics import NOTIFICATIONS_EVENTS, SESSIONS_EVENTS
from somastack.orchestrator.codec import event_pb, notice_pb
from somastack.orchestrator.hops import stored_step as _step
from somastack.orchestrator.model import (
    Action,
    Answer,
    Approval,
    Decision,
    EventKind,
    Notice,
    Options,
    Session,
    SessionEvent,
    State,
    ToolCall,
    ToolResult,
)
from somastack.platform.events import Outbox, inbox_table, new_event, outbox_table, stamp

DOMAIN = "orchestrator"
SOURCE = "//soma/orchestrator"
SESSIONS_TOPIC = SESSIONS_EVENTS
NOTIFICATIONS_TOPIC = NOTIFICATIONS_EVENTS
SESSION_EVENT_TYPE = "soma.orchestrator.v1.SessionEvent"
NOTIFICATION_TYPE = "soma.notification.v1.NotificationRequested"

metadata = MetaData()

sessions = Table(
    "orchestrator_sessions",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("state", String(24), nullable=False),
    Column("requester", String(200), nullable=False),
    Column("request_id", String(128), nullable=True),
    Column("created_us", BigInteger, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("body", Text, nullable=False),
)
Index("orchestrator_sessions_request", sessions.c.tenant_id, sessions.c.request_id, unique=True)
Index("orchestrator_sessions_created", sessions.c.tenant_id, sessions.c.created_us, sessions.c.id)

events = Table(
    "orchestrator_session_events",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("session_id", String(64), primary_key=True),
    Column("sequence", Integer, primary_key=True, autoincrement=False),
    Column("body", Text, nullable=False),
)

outbox = outbox_table(metadata)
#: The inbox of the consumer that forgets the kept constitution checksum on `constitution.updated`.
inbox = inbox_table(metadata)

# The statements of the hot path, built once: SQLAlchemy caches a statement's compiled form by a key it computes
# from the statement's structure, and building one per call (with its values inlined) costs more than running it.
_INSERT_SESSION = insert(sessions)
_INSERT_EVENTS = insert(events)
_SAVE_SESSION = update(sessions).where(
    sessions.c.tenant_id == bindparam("key_tenant"),
    sessions.c.id == bindparam("key_id"),
    sessions.c.sequence == bindparam("key_sequence"),
)
_BY_REQUEST = select(sessions.c.body).where(
    sessions.c.tenant_id == bindparam("tenant"), sessions.c.request_id == bindparam("request_id")
)
_BY_ID = select(sessions.c.body).where(sessions.c.tenant_id == bindparam("tenant"), sessions.c.id == bindparam("id"))
_EVENTS_AFTER = (
    select(events.c.body)
    .where(
        events.c.tenant_id == bindparam("tenant"),
        events.c.session_id == bindparam("session_id"),
        events.c.sequence > bindparam("after"),
    )
    .order_by(events.c.sequence)
)


# -- JSON ------------------------------------------------------------------------------------------------------------


#: The field names of each dataclass `plain` met, in declaration order.
_FIELDS: dict[type, tuple[str, ...]] = {}
#: Types `plain` keeps as they are: JSON scalars, the JSON dicts of details and arguments, and (once met) enums.
_KEPT: set[type] = {str, int, float, bool, type(None), dict}


def plain(value: Any) -> Any:
    """`dataclasses.asdict` for the session model, without its deep copies: dataclasses become dicts and tuples
    lists; anything else (strings, numbers, enums, and the JSON dicts of details and arguments) is kept as is."""
    cls = type(value)
    names = _FIELDS.get(cls)
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if cls in _KEPT:
        return value
    if cls is tuple or cls is list:
        return [plain(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        _FIELDS[cls] = tuple(f.name for f in fields(value))
        return plain(value)
    _KEPT.add(cls)
    return value


def session_json(session: Session) -> str:
    return json.dumps(plain(session), separators=(",", ":"))


def session_of(body: str) -> Session:
    data = json.loads(body)
    answer = data["answer"]
    approval = data["approval"]
    return Session(
        tenant=data["tenant"],
        id=data["id"],
        prompt=data["prompt"],
        requester=data["requester"],
        client_type=data["client_type"],
        state=State(data["state"]),
        created_at=data["created_at"],
        updated_at=data["updated_at"],
        action=Action(**data["action"]),
        context=data["context"],
        tool_calls=tuple(ToolCall(**c) for c in data["tool_calls"]),
        options=Options(**data["options"]),
        constitution_checksum=data["constitution_checksum"],
        decision=Decision(data["decision"]),
        score=data["score"],
        reason_codes=tuple(data["reason_codes"]),
        steps=tuple(_step(s) for s in data["steps"]),
        answer=Answer(**{**answer, "citations": tuple(answer["citations"])}) if answer else None,
        tool_results=tuple(
            ToolResult(r["tool"], Decision(r["decision"]), r["ran"], r["output"], r["error"])
            for r in data["tool_results"]
        ),
        approval=Approval(**approval) if approval else None,
        error=data["error"],
        request_id=data["request_id"],
        sequence=data["sequence"],
        # Sessions stored before actors were recorded have none.
        requester_actor=data.get("requester_actor", ""),
    )


def event_json(event: SessionEvent) -> str:
    return json.dumps(plain(event), separators=(",", ":"))


def event_of(body: str) -> SessionEvent:
    data = json.loads(body)
    return SessionEvent(
        session=data["session"],
        kind=EventKind(data["kind"]),
        state=State(data["state"]),
        requester=data["requester"],
        sequence=data["sequence"],
        time=data["time"],
        step=_step(data["step"]) if data["step"] else None,
        prompt_preview=data["prompt_preview"],
        reason_codes=tuple(data["reason_codes"]),
    )


def _micros(seconds: float) -> int:
    return round(seconds * 1e6)


class SqlSessionStore:
    """The SessionStore port; events and notifications go through the transactional outbox next to the state."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._outbox = Outbox(outbox)

    async def _append(
        self, connection: AsyncConnection, session: Session, batch: Sequence[SessionEvent], notices: Sequence[Notice]
    ) -> None:
        if batch:
            await connection.execute(
                _INSERT_EVENTS,
                [
                    {
                        "tenant_id": session.tenant,
                        "session_id": session.id,
                        "sequence": e.sequence,
                        "body": event_json(e),
                    }
                    for e in batch
                ],
            )
        shared = stamp()
        queued: list[tuple[str, Event, str | None]] = [
            (
                SESSIONS_TOPIC,
                new_event(
                    type=SESSION_EVENT_TYPE,
                    source=SOURCE,
                    tenant=session.tenant,
                    payload=event_pb(event),
                    subject=session.name,
                    shared=shared,
                ),
                None,
            )
            for event in batch
        ]
        queued.extend(
            (
                NOTIFICATIONS_TOPIC,
                new_event(
                    type=NOTIFICATION_TYPE,
                    source=SOURCE,
                    tenant=session.tenant,
                    payload=notice_pb(notice),
                    subject=notice.subject,
                    shared=shared,
                ),
                None,
            )
            for notice in notices
        )
        await self._outbox.add_all(connection, queued)

    async def create(
        self, session: Session, batch: Sequence[SessionEvent], notices: Sequence[Notice] = ()
    ) -> tuple[Session, bool]:
        try:
            async with self._engine.begin() as connection:
                await connection.execute(
                    _INSERT_SESSION,
                    {
                        "tenant_id": session.tenant,
                        "id": session.id,
                        "state": session.state.value,
                        "requester": session.requester,
                        "request_id": session.request_id or None,
                        "created_us": _micros(session.created_at),
                        "updated_at": session.updated_at,
                        "sequence": session.sequence,
                        "body": session_json(session),
                    },
                )
                await self._append(connection, session, batch, notices)
        except IntegrityError:
            # A concurrent call with the same request id won the insert: answer with its session.
            existing = await self.by_request(session.tenant, session.request_id) if session.request_id else None
            if existing is None:
                raise
            return existing, False
        return session, True

    async def _one(self, query: Any, parameters: dict[str, str]) -> Session | None:
        async with self._engine.connect() as connection:
            row = (await connection.execute(query, parameters)).first()
        return session_of(row.body) if row is not None else None

    async def by_request(self, tenant: str, request_id: str) -> Session | None:
        return await self._one(_BY_REQUEST, {"tenant": tenant, "request_id": request_id})

    async def get(self, tenant: str, session_id: str) -> Session | None:
        return await self._one(_BY_ID, {"tenant": tenant, "id": session_id})

    async def save(
        self,
        session: Session,
        *,
        expected_sequence: int,
        events: Sequence[SessionEvent],
        notices: Sequence[Notice] = (),
    ) -> bool:
        async with self._engine.begin() as connection:
            result = await connection.execute(
                _SAVE_SESSION,
                {
                    "key_tenant": session.tenant,
                    "key_id": session.id,
                    "key_sequence": expected_sequence,
                    "state": session.state.value,
                    "updated_at": session.updated_at,
                    "sequence": session.sequence,
                    "body": session_json(session),
                },
            )
            if result.rowcount != 1:
                return False
            await self._append(connection, session, events, notices)
        return True

    async def page(
        self, tenant: str, *, after: tuple[int, str] | None, limit: int, state: State | None, requester: str
    ) -> list[Session]:
        query = select(sessions.c.body).where(sessions.c.tenant_id == tenant)
        if state is not None:
            query = query.where(sessions.c.state == state.value)
        if requester:
            query = query.where(sessions.c.requester == requester)
        if after is not None:
            micros, last_id = after
            query = query.where(
                or_(
                    sessions.c.created_us < micros,
                    and_(sessions.c.created_us == micros, sessions.c.id < last_id),
                )
            )
        query = query.order_by(sessions.c.created_us.desc(), sessions.c.id.desc()).limit(limit)
        async with self._engine.connect() as connection:
            rows = await connection.execute(query)
            return [session_of(row.body) for row in rows]

    async def events(self, tenant: str, session_id: str, *, after: int) -> list[SessionEvent]:
        async with self._engine.connect() as connection:
            rows = await connection.execute(_EVENTS_AFTER, {"tenant": tenant, "session_id": session_id, "after": after})
            return [event_of(row.body) for row in rows]
