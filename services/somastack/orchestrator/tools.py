"""The last stage of a session: its tool calls, each asked of policy first, then the session SUCCEEDED."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from somastack.orchestrator.hops import EVALUATE, TOOL_RPCS, Hops
from somastack.orchestrator.journal import Journal
from somastack.orchestrator.model import (
    TOOL_ACTION,
    Action,
    Credentials,
    Decision,
    HopError,
    Session,
    State,
    StepKind,
    StepStatus,
    ToolCall,
    ToolResult,
)
from somastack.orchestrator.ports import Memory, Policy


class Tools:
    """Runs a session's tool calls with the credentials the session runs with."""

    __slots__ = ("_hops", "_memory", "_policy")

    def __init__(self, policy: Policy, memory: Memory, hops: Hops) -> None:
        self._policy = policy
        self._memory = memory
        self._hops = hops

    async def run(self, journal: Journal, session: Session, credentials: Credentials, note: dict[str, Any]) -> Session:
        """Each tool call not run yet: policy first, then the tool if allowed; then SUCCEEDED."""
        done = len(session.tool_results)
        for position, call in enumerate(session.tool_calls[done:], start=done):
            session = await self._tool(journal, session, call, position, credentials, note)
            if session.state is State.FAILED:
                return session
        return await journal.commit(session, replace(session, state=State.SUCCEEDED), [State.SUCCEEDED])

    async def _tool(
        self,
        journal: Journal,
        session: Session,
        call: ToolCall,
        position: int,
        credentials: Credentials,
        note: dict[str, Any],
    ) -> Session:
        """One tool call's step (committed), or the failed session."""
        index = session.next_index()
        action = Action(TOOL_ACTION, call.tool, dict(call.arguments))
        hop = self._hops.start(StepKind.TOOL, EVALUATE)
        try:
            evaluation = await self._policy.evaluate(
                session.tenant, action, session.context, credentials, constitution=session.constitution_checksum
            )
        except HopError as error:
            step = hop.stop().failed(
                index, f"{call.tool}: policy could not be asked", error, {**note, "tool": call.tool}
            )
            result = ToolResult(call.tool, Decision.UNSPECIFIED, False, {}, str(error))
            return await journal.fail(session, step, replace(session, tool_results=(*session.tool_results, result)))
        decision = evaluation.decision
        detail = {
            **note,
            "tool": call.tool,
            "decision": decision.value,
            "score": evaluation.score,
            "reasonCodes": list(evaluation.reason_codes),
        }
        if decision is not Decision.ALLOW:
            why = f"policy decided {decision.value}: {', '.join(evaluation.reason_codes) or 'no reason code'}"
            result = ToolResult(call.tool, decision, False, {}, why)
            step = hop.stop().step(index, StepStatus.SKIPPED, f"{call.tool}: skipped, {why}", detail)
        else:
            hop.rpc = TOOL_RPCS[call.tool]
            try:
                output = await self._call(session, call, position, credentials)
            except HopError as error:
                step = hop.stop().failed(index, f"{call.tool}: failed", error, detail)
                result = ToolResult(call.tool, decision, False, {}, str(error))
                return await journal.fail(session, step, replace(session, tool_results=(*session.tool_results, result)))
            result = ToolResult(call.tool, decision, True, output)
            step = hop.stop().step(index, StepStatus.OK, f"{call.tool}: ran", {**detail, "output": output})
        ran = replace(session.with_step(step), tool_results=(*session.tool_results, result))
        return await journal.commit(session, ran, [step])

    async def _call(self, session: Session, call: ToolCall, position: int, credentials: Credentials) -> dict[str, Any]:
        if call.tool == "memory.remember":
            content = call.arguments.get("content")
            text = content if isinstance(content, str) and content else (session.answer.text if session.answer else "")
            if not text:
                raise HopError(
                    TOOL_RPCS[call.tool], "FAILED_PRECONDITION", "nothing to remember: no content and no answer"
                )
            # Keyed by session and position: a session completed twice (after a restart) remembers once.
            return await self._memory.remember(
                session.tenant, text, credentials, request_id=f"session-{session.id}-tool-{position}"
            )
        return await self._memory.recall(session.tenant, str(call.arguments.get("query", "")), credentials)
