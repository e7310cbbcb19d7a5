"""The answering stage of a session: memory context, then inference (synchronous, or queued and completed later).

A queued inference is handed to the watcher; a synchronous answer goes on to the tools.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from somastack.orchestrator.hops import INFER_SYNC, RETRIEVE_CONTEXT, SUBMIT, Hops, Timed
from somastack.orchestrator.journal import Journal
from somastack.orchestrator.model import (
    Answer,
    Completion,
    Credentials,
    HopError,
    InferenceStatus,
    Retrieved,
    Session,
    State,
    StepKind,
    StepStatus,
)
from somastack.orchestrator.ports import Memory, Models
from somastack.orchestrator.tools import Tools

DEFAULT_BUDGET = 1_024
SYSTEM_PROMPT = (
    "Answer the question from the context below. Cite the context by its bracketed numbers; "
    "say so when the context does not hold the answer."
)
#: Starts watching a queued session: (session, credentials, note).
Watch = Callable[[Session, Credentials, dict[str, Any]], None]


def _answer_of(completion: Completion, citations: tuple[str, ...], inference: str = "") -> Answer:
    return Answer(
        text=completion.text,
        citations=citations,
        provider=completion.provider,
        model=completion.model,
        prompt_tokens=completion.prompt_tokens,
        completion_tokens=completion.completion_tokens,
        finish_reason=completion.finish_reason,
        refused=completion.refused,
        inference=inference,
    )


def _answered(completion: Completion) -> tuple[str, dict[str, Any]]:
    """The summary and detail of an inference step that answered."""
    summary = (
        f"{completion.provider}/{completion.model}: {completion.completion_tokens} tokens, {completion.finish_reason}"
    )
    return summary, {"provider": completion.provider, "model": completion.model, "refused": completion.refused}


class Answerer:
    """Answers a decided session's prompt from its memory context, then runs its tools."""

    __slots__ = ("_hops", "_memory", "_models", "_tools", "_watch")

    def __init__(self, memory: Memory, models: Models, hops: Hops, tools: Tools, watch: Watch) -> None:
        self._memory = memory
        self._models = models
        self._hops = hops
        self._tools = tools
        self._watch = watch

    async def answer(
        self,
        journal: Journal,
        session: Session,
        credentials: Credentials,
        note: dict[str, Any],
        *,
        prefetched: Timed[Retrieved] | None = None,
    ) -> Session:
        """Memory context (fetched now unless `prefetched`), then inference (sync, or queued), then the tools."""
        budget = session.options.context_token_budget or DEFAULT_BUDGET
        index = session.next_index()
        timed = prefetched or await self._hops.run(
            StepKind.MEMORY,
            RETRIEVE_CONTEXT,
            self._memory.retrieve_context(session.tenant, session.prompt, budget, credentials),
        )
        retrieved = timed.value
        if retrieved is None:
            step = timed.hop.failed(index, "context could not be retrieved", timed.error, dict(note))
            return await journal.fail(session, step)
        step = timed.hop.step(
            index,
            StepStatus.OK,
            f"{len(retrieved.citations)} memories cited, {retrieved.total_tokens} of {budget} tokens",
            {**note, "citations": list(retrieved.citations), "totalTokens": retrieved.total_tokens},
        )
        cited = replace(session.with_step(step), answer=Answer(citations=retrieved.citations))
        # Queuing is a durable effect: only a stored session queues its inference. A synchronous answer is only a
        # read, and nobody can watch a synchronous session before StartSession returns its name: it is written
        # once it ends (or reaches its first tool), in one transaction.
        queued = session.options.queued
        session = await journal.commit(session, cited, [step], write=queued)
        messages = [("system", SYSTEM_PROMPT), ("user", f"Context:\n{retrieved.context}\n\nQuestion: {session.prompt}")]
        if queued:
            return await self._queue(journal, session, messages, credentials, note)
        return await self._infer(journal, session, messages, credentials, note)

    async def _infer(
        self,
        journal: Journal,
        session: Session,
        messages: list[tuple[str, str]],
        credentials: Credentials,
        note: dict[str, Any],
    ) -> Session:
        options, index = session.options, session.next_index()
        call = self._models.infer(
            session.tenant, messages, provider=options.provider, max_tokens=options.max_tokens, credentials=credentials
        )
        timed = await self._hops.run(StepKind.INFERENCE, INFER_SYNC, call)
        completion = timed.value
        if completion is None:
            step = timed.hop.failed(index, "the model could not be asked", timed.error, dict(note))
            return await journal.fail(session, step)
        summary, detail = _answered(completion)
        step = timed.hop.step(index, StepStatus.OK, summary, {**note, **detail})
        assert session.answer is not None
        answered = replace(session.with_step(step), answer=_answer_of(completion, session.answer.citations))
        session = await journal.commit(session, answered, [step], write=False)
        return await self._tools.run(journal, session, credentials, note)

    async def _queue(
        self,
        journal: Journal,
        session: Session,
        messages: list[tuple[str, str]],
        credentials: Credentials,
        note: dict[str, Any],
    ) -> Session:
        """Queues the inference; the watcher (or a reader) finishes the session once it is done."""
        options, index = session.options, session.next_index()
        call = self._models.submit(
            session.tenant,
            messages,
            provider=options.provider,
            max_tokens=options.max_tokens,
            credentials=credentials,
            request_id=f"session-{session.id}",
        )
        hop = self._hops.start(StepKind.INFERENCE, SUBMIT)
        try:
            inference = await call
        except HopError as error:
            step = hop.stop().failed(index, "the model could not be asked", error, dict(note))
            return await journal.fail(session, step)
        step = hop.step(index, StepStatus.WAITING, f"queued as {inference}", {**note, "inference": inference})
        assert session.answer is not None
        queued = replace(session.with_step(step), answer=replace(session.answer, inference=inference))
        session = await journal.commit(session, queued, [step])
        self._watch(session, credentials, note)
        return session

    async def complete(
        self,
        journal: Journal,
        session: Session,
        status: InferenceStatus,
        credentials: Credentials,
        note: dict[str, Any],
    ) -> Session:
        """Finishes a queued session whose inference is done: its answer (or failure), then the tools."""
        waiting = session.waiting_step(StepKind.INFERENCE)
        if session.state is not State.RUNNING or waiting is None:
            return session
        completion = status.completion
        if completion is None:
            step = self._hops.finish(
                waiting, StepStatus.FAILED, f"{status.name} failed", error=status.error or "the inference failed"
            )
            return await journal.fail(session, step)
        summary, detail = _answered(completion)
        step = self._hops.finish(waiting, StepStatus.OK, summary, {**waiting.detail, **note, **detail})
        previous = session.answer or Answer()
        answer = _answer_of(completion, previous.citations, previous.inference or status.name)
        session = await journal.commit(session, replace(session.with_step(step), answer=answer), [step])
        return await self._tools.run(journal, session, credentials, note)
