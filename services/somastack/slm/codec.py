"""Domain <-> proto conversions of the SLM service, shared by the servicer and the event payloads."""

from __future__ import annotations

from google.protobuf import duration_pb2

from soma.slm.v1 import slm_pb2
from somastack.platform.protoconv import timestamp
from somastack.slm.model import Completion, Finish, Inference, Message, Params, ProviderKind, Role, State, Usage

ROLE_FROM_PROTO = {
    slm_pb2.CHAT_ROLE_SYSTEM: Role.SYSTEM,
    slm_pb2.CHAT_ROLE_USER: Role.USER,
    slm_pb2.CHAT_ROLE_ASSISTANT: Role.ASSISTANT,
}
ROLE_TO_PROTO = {v: k for k, v in ROLE_FROM_PROTO.items()}
FINISH_TO_PROTO = {
    Finish.STOP: slm_pb2.FINISH_REASON_STOP,
    Finish.LENGTH: slm_pb2.FINISH_REASON_LENGTH,
    Finish.CONTENT_FILTER: slm_pb2.FINISH_REASON_CONTENT_FILTER,
    Finish.REFUSAL: slm_pb2.FINISH_REASON_REFUSAL,
}
STATE_TO_PROTO = {
    State.QUEUED: slm_pb2.INFERENCE_STATE_QUEUED,
    State.RUNNING: slm_pb2.INFERENCE_STATE_RUNNING,
    State.SUCCEEDED: slm_pb2.INFERENCE_STATE_SUCCEEDED,
    State.FAILED: slm_pb2.INFERENCE_STATE_FAILED,
}
KIND_TO_PROTO = {
    ProviderKind.LOCAL: slm_pb2.PROVIDER_KIND_LOCAL,
    ProviderKind.OPENAI: slm_pb2.PROVIDER_KIND_OPENAI,
    ProviderKind.ANTHROPIC: slm_pb2.PROVIDER_KIND_ANTHROPIC,
}


def duration(seconds: float) -> duration_pb2.Duration:
    whole = int(seconds)
    return duration_pb2.Duration(seconds=whole, nanos=round((seconds - whole) * 1e9))


def usage_pb(usage: Usage) -> slm_pb2.TokenUsage:
    return slm_pb2.TokenUsage(
        prompt_tokens=usage.prompt_tokens, completion_tokens=usage.completion_tokens, total_tokens=usage.total_tokens
    )


def completion_pb(c: Completion) -> slm_pb2.Completion:
    return slm_pb2.Completion(
        text=c.text,
        finish_reason=FINISH_TO_PROTO[c.finish],
        usage=usage_pb(c.usage),
        latency=duration(c.latency),
        provider=c.provider,
        model=c.model,
        refused=c.refused,
        refusal_reason=c.refusal_reason,
    )


def message_of(m: slm_pb2.ChatMessage) -> Message | None:
    """The domain message, or None when the role is unspecified or unknown (validation reports it)."""
    role = ROLE_FROM_PROTO.get(m.role)
    return Message(role, m.content) if role is not None else None


def params_of(p: slm_pb2.InferenceParameters) -> Params:
    return Params(
        model=p.model,
        provider=p.provider,
        max_tokens=p.max_tokens,
        temperature=p.temperature if p.HasField("temperature") else None,
    )


def params_pb(p: Params) -> slm_pb2.InferenceParameters:
    message = slm_pb2.InferenceParameters(model=p.model, provider=p.provider, max_tokens=p.max_tokens)
    if p.temperature is not None:
        message.temperature = p.temperature
    return message


def inference_pb(i: Inference) -> slm_pb2.Inference:
    message = slm_pb2.Inference(
        name=i.name,
        messages=[slm_pb2.ChatMessage(role=ROLE_TO_PROTO[m.role], content=m.content) for m in i.messages],
        parameters=params_pb(i.params),
        state=STATE_TO_PROTO[i.state],
        error=i.error,
        create_time=timestamp(i.created_at),
        update_time=timestamp(i.updated_at),
    )
    if i.completion is not None:
        message.completion.CopyFrom(completion_pb(i.completion))
    return message
