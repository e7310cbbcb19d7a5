"""InferenceRecord on SQLAlchemy (SQLite or PostgreSQL): jobs, streamed tokens, and the outbox, in one database."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from soma.events.v1.topics import SLM_METRICS
from soma.slm.v1 import slm_pb2
from somastack.platform.events import Outbox, inbox_table, new_event, outbox_table
from somastack.slm.codec import duration, usage_pb
from somastack.slm.model import Completion, Finish, Inference, Message, Meter, Params, Role, State, Usage

DOMAIN = "slm"
SOURCE = "//soma/slm"

metadata = MetaData()

inferences = Table(
    "slm_inferences",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("state", String(16), nullable=False),
    Column("messages", Text, nullable=False),
    Column("params", Text, nullable=False),
    Column("completion", Text, nullable=True),
    Column("error", Text, nullable=False, server_default=""),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("request_id", String(128), nullable=True),
)
Index("slm_inferences_request", inferences.c.tenant_id, inferences.c.request_id, unique=True)

#: The tokens a running inference streamed, in order; WatchInference reads them back.
tokens = Table(
    "slm_inference_tokens",
    metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("inference_id", String(64), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("text", Text, nullable=False),
)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)


def _completion(value: str | None) -> Completion | None:
    if not value:
        return None
    data = json.loads(value)
    return Completion(
        text=data["text"],
        finish=Finish(data["finish"]),
        usage=Usage(**data["usage"]),
        model=data["model"],
        provider=data["provider"],
        latency=data["latency"],
        refused=data["refused"],
        refusal_reason=data["refusal_reason"],
    )


def _params(value: str) -> Params:
    """The stored parameters; a job stored before they carried the profile's part has the defaults of those."""
    data = json.loads(value)
    data["extra"] = tuple((str(k), str(v)) for k, v in data.get("extra") or ())
    return Params(**data)


def _inference(row: Any) -> Inference:
    return Inference(
        tenant=row.tenant_id,
        id=row.id,
        messages=tuple(Message(Role(m["role"]), m["content"]) for m in json.loads(row.messages)),
        params=_params(row.params),
        state=State(row.state),
        created_at=row.created_at,
        updated_at=row.updated_at,
        completion=_completion(row.completion),
        error=row.error or "",
        request_id=row.request_id or "",
    )


class SqlInferenceRecord:
    """The InferenceRecord port; events go through the transactional outbox next to the state they announce."""

    def __init__(self, engine: AsyncEngine, *, clock: Callable[[], float] = time.time) -> None:
        self._engine = engine
        self._outbox = Outbox(outbox)
        self._clock = clock

    async def _by_request(self, tenant: str, request_id: str) -> Inference | None:
        async with self._engine.connect() as connection:
            row = (
                await connection.execute(
                    select(inferences).where(inferences.c.tenant_id == tenant, inferences.c.request_id == request_id)
                )
            ).first()
        return _inference(row) if row is not None else None

    async def submit(self, inference: Inference, *, topic: str) -> Inference:
        if inference.request_id:
            existing = await self._by_request(inference.tenant, inference.request_id)
            if existing is not None:
                return existing
        try:
            await self._insert(inference, topic)
        except IntegrityError:
            # A concurrent retry with the same key won the insert: answer with its job.
            existing = await self._by_request(inference.tenant, inference.request_id) if inference.request_id else None
            if existing is None:
                raise
            return existing
        return inference

    async def _insert(self, inference: Inference, topic: str) -> None:
        event = new_event(
            type="soma.slm.v1.InferenceRequested",
            source=SOURCE,
            tenant=inference.tenant,
            payload=slm_pb2.InferenceRequested(name=inference.name),
            subject=inference.name,
        )
        async with self._engine.begin() as connection:
            await connection.execute(
                insert(inferences).values(
                    tenant_id=inference.tenant,
                    id=inference.id,
                    state=inference.state.value,
                    messages=json.dumps([{"role": m.role.value, "content": m.content} for m in inference.messages]),
                    params=json.dumps(asdict(inference.params)),
                    completion=None,
                    error="",
                    attempts=0,
                    created_at=inference.created_at,
                    updated_at=inference.updated_at,
                    request_id=inference.request_id or None,
                )
            )
            await self._outbox.add(connection, topic, event)

    async def get(self, tenant: str, inference_id: str) -> Inference | None:
        async with self._engine.connect() as connection:
            row = (
                await connection.execute(
                    select(inferences).where(inferences.c.tenant_id == tenant, inferences.c.id == inference_id)
                )
            ).first()
        return _inference(row) if row is not None else None

    async def unfinished(self) -> list[str]:
        async with self._engine.connect() as connection:
            rows = await connection.execute(
                select(inferences.c.tenant_id, inferences.c.id)
                .where(inferences.c.state.in_([State.QUEUED.value, State.RUNNING.value]))
                .order_by(inferences.c.created_at)
            )
            return [f"tenants/{row.tenant_id}/inferences/{row.id}" for row in rows]

    async def claim(self, tenant: str, inference_id: str) -> tuple[Inference, int] | None:
        key = (inferences.c.tenant_id == tenant, inferences.c.id == inference_id)
        async with self._engine.begin() as connection:
            row = (await connection.execute(select(inferences).where(*key))).first()
            if row is None or State(row.state).done:
                return None
            attempt = row.attempts + 1
            now = self._clock()
            await connection.execute(
                update(inferences).where(*key).values(state=State.RUNNING.value, attempts=attempt, updated_at=now)
            )
            # A redelivered request restarts the run: the tokens of the earlier attempt go.
            await connection.execute(
                delete(tokens).where(tokens.c.tenant_id == tenant, tokens.c.inference_id == inference_id)
            )
        job = _inference(row)
        return Inference(job.tenant, job.id, job.messages, job.params, State.RUNNING, job.created_at, now), attempt

    async def append_tokens(self, tenant: str, inference_id: str, start: int, texts: Sequence[str]) -> None:
        if not texts:
            return
        async with self._engine.begin() as connection:
            await connection.execute(
                insert(tokens),
                [
                    {"tenant_id": tenant, "inference_id": inference_id, "seq": start + i, "text": text}
                    for i, text in enumerate(texts)
                ],
            )

    async def tokens(self, tenant: str, inference_id: str, *, after: int) -> list[str]:
        async with self._engine.connect() as connection:
            rows = await connection.execute(
                select(tokens.c.text)
                .where(tokens.c.tenant_id == tenant, tokens.c.inference_id == inference_id, tokens.c.seq >= after)
                .order_by(tokens.c.seq)
            )
            return [row.text for row in rows]

    async def finish(self, inference: Inference) -> None:
        completion = None
        if inference.completion is not None:
            c = inference.completion
            completion = json.dumps(
                {
                    "text": c.text,
                    "finish": c.finish.value,
                    "usage": {"prompt_tokens": c.usage.prompt_tokens, "completion_tokens": c.usage.completion_tokens},
                    "model": c.model,
                    "provider": c.provider,
                    "latency": c.latency,
                    "refused": c.refused,
                    "refusal_reason": c.refusal_reason,
                }
            )
        async with self._engine.begin() as connection:
            await connection.execute(
                update(inferences)
                .where(inferences.c.tenant_id == inference.tenant, inferences.c.id == inference.id)
                .values(
                    state=inference.state.value,
                    completion=completion,
                    error=inference.error,
                    updated_at=inference.updated_at,
                )
            )

    async def meter(self, meter: Meter) -> None:
        payload = slm_pb2.InferenceMetered(
            tenant=f"tenants/{meter.tenant}",
            operation=meter.operation,
            provider=meter.provider,
            model=meter.model,
            usage=usage_pb(meter.usage),
            latency=duration(meter.latency),
            refused=meter.refused,
            failed=meter.failed,
        )
        event = new_event(type="soma.slm.v1.InferenceMetered", source=SOURCE, tenant=meter.tenant, payload=payload)
        async with self._engine.begin() as connection:
            await self._outbox.add(connection, SLM_METRICS, event)
