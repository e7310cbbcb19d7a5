"""Domain <-> proto conversions of the orchestrator, shared by the servicer and the event payloads."""

from __future__ import annotations

from typing import Any, cast

from google.protobuf import duration_pb2, struct_pb2

from soma.notification.v1 import notification_pb2
from soma.orchestrator.v1 import session_pb2
from soma.policy.v1 import policy_pb2
from soma.settings.v1 import settings_pb2
from soma.slm.v1 import slm_pb2
from somastack.orchestrator.model import (
    Action,
    Answer,
    Decision,
    EventKind,
    Notice,
    Options,
    Session,
    SessionEvent,
    State,
    Step,
    StepKind,
    StepStatus,
    ToolCall,
)
from somastack.platform.protoconv import plain_struct, timestamp

STATE_TO_PROTO: dict[State, session_pb2.SessionState] = {
    state: cast(session_pb2.SessionState, session_pb2.SessionState.Value(f"SESSION_STATE_{state.value}"))
    for state in State
}
STATE_FROM_PROTO = {v: k for k, v in STATE_TO_PROTO.items()}
KIND_TO_PROTO: dict[StepKind, session_pb2.StepKind] = {
    kind: cast(session_pb2.StepKind, session_pb2.StepKind.Value(f"STEP_KIND_{kind.value}")) for kind in StepKind
}
STATUS_TO_PROTO: dict[StepStatus, session_pb2.StepStatus] = {
    status: cast(session_pb2.StepStatus, session_pb2.StepStatus.Value(f"STEP_STATUS_{status.value}"))
    for status in StepStatus
}
DECISION_TO_PROTO = {
    Decision.UNSPECIFIED: policy_pb2.DECISION_UNSPECIFIED,
    Decision.ALLOW: policy_pb2.DECISION_ALLOW,
    Decision.DENY: policy_pb2.DECISION_DENY,
    Decision.REQUIRE_APPROVAL: policy_pb2.DECISION_REQUIRE_APPROVAL,
}
_NO_FINISH = "FINISH_REASON_UNSPECIFIED"
EVENT_KIND_TO_PROTO = {
    EventKind.STEP: session_pb2.SESSION_EVENT_KIND_STEP,
    EventKind.STATE: session_pb2.SESSION_EVENT_KIND_STATE,
}


def struct_of(values: dict[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(values)
    return message


def duration(seconds: float) -> duration_pb2.Duration:
    whole = int(seconds)
    return duration_pb2.Duration(seconds=whole, nanos=round((seconds - whole) * 1e9) % 1_000_000_000)


def action_of(message: session_pb2.Session) -> Action:
    if not message.HasField("action"):
        return Action()
    return Action(
        message.action.name, message.action.tool, plain_struct(message.action.arguments, "session.action.arguments")
    )


def tool_calls_of(message: session_pb2.Session) -> tuple[ToolCall, ...]:
    return tuple(
        ToolCall(call.tool, plain_struct(call.arguments, f"session.tool_calls[{i}].arguments"))
        for i, call in enumerate(message.tool_calls)
    )


def options_of(message: session_pb2.Session) -> Options:
    o = message.options
    return Options(o.queued, o.max_tokens, o.context_token_budget, o.provider)


def step_pb(step: Step) -> session_pb2.Step:
    return session_pb2.Step(
        index=step.index,
        kind=KIND_TO_PROTO[step.kind],
        status=STATUS_TO_PROTO[step.status],
        rpc=step.rpc,
        start_time=timestamp(step.started_at),
        duration=duration(step.duration),
        summary=step.summary,
        detail=struct_of(step.detail),
        error=step.error,
    )


def answer_pb(a: Answer) -> session_pb2.Answer:
    return session_pb2.Answer(
        text=a.text,
        citations=a.citations,
        provider=a.provider,
        model=a.model,
        usage=slm_pb2.TokenUsage(
            prompt_tokens=a.prompt_tokens,
            completion_tokens=a.completion_tokens,
            total_tokens=a.prompt_tokens + a.completion_tokens,
        ),
        finish_reason=cast(slm_pb2.FinishReason, slm_pb2.FinishReason.Value(a.finish_reason or _NO_FINISH)),
        refused=a.refused,
        inference=a.inference,
    )


def session_pb(session: Session, *, steps: bool = True) -> session_pb2.Session:
    message = session_pb2.Session(
        name=session.name,
        prompt=session.prompt,
        action=policy_pb2.Action(
            name=session.action.name, tool=session.action.tool, arguments=struct_of(session.action.arguments)
        ),
        context=struct_of(session.context),
        tool_calls=[session_pb2.ToolCall(tool=c.tool, arguments=struct_of(c.arguments)) for c in session.tool_calls],
        options=session_pb2.SessionOptions(
            queued=session.options.queued,
            max_tokens=session.options.max_tokens,
            context_token_budget=session.options.context_token_budget,
            provider=session.options.provider,
        ),
        requester=session.requester,
        client_type=session.client_type,
        state=STATE_TO_PROTO[session.state],
        constitution_checksum=session.constitution_checksum,
        decision=DECISION_TO_PROTO[session.decision],
        score=session.score,
        reason_codes=session.reason_codes,
        steps=[step_pb(s) for s in session.steps] if steps else [],
        tool_results=[
            session_pb2.ToolResult(
                tool=r.tool,
                decision=DECISION_TO_PROTO[r.decision],
                ran=r.ran,
                output=struct_of(r.output),
                error=r.error,
            )
            for r in session.tool_results
        ],
        error=session.error,
        request_id=session.request_id,
        requester_actor=session.requester_actor,
        create_time=timestamp(session.created_at),
        update_time=timestamp(session.updated_at),
    )
    if session.answer is not None:
        message.answer.CopyFrom(answer_pb(session.answer))
    if session.approval is not None:
        message.approval.CopyFrom(
            session_pb2.Approval(
                approver=session.approval.approver,
                approved=session.approval.approved,
                comment=session.approval.comment,
                decide_time=timestamp(session.approval.decided_at),
                approver_actor=session.approval.approver_actor,
            )
        )
    return message


def event_pb(event: SessionEvent) -> session_pb2.SessionEvent:
    message = session_pb2.SessionEvent(
        session=event.session,
        kind=EVENT_KIND_TO_PROTO[event.kind],
        state=STATE_TO_PROTO[event.state],
        requester=event.requester,
        prompt_preview=event.prompt_preview,
        reason_codes=event.reason_codes,
        sequence=event.sequence,
        time=timestamp(event.time),
    )
    if event.step is not None:
        message.step.CopyFrom(step_pb(event.step))
    return message


def notice_pb(notice: Notice) -> notification_pb2.NotificationRequested:
    return notification_pb2.NotificationRequested(
        recipient=notice.recipient,
        severity=settings_pb2.SEVERITY_WARNING,
        title=notice.title,
        body=notice.body,
        subject=notice.subject,
        topic=notice.topic,
    )
