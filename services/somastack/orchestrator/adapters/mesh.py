"""The services on a session's path, called through the mesh (Envoy) as the session's caller.

Every call leaves through the platform's outbound seam: it carries the caller's credentials, the trace context
and the contract version, and a transient failure of a read (or of a write carrying a request id) is retried
inside the call's timeout. A failed call becomes a HopError with its status code and ErrorInfo reason; the
constitution check raises the domain errors StartSession refuses with instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Sequence
from typing import Any

import grpc
from google.protobuf import struct_pb2

from soma.common.v1 import auth_pb2
from soma.constitution.v1 import constitution_service_pb2, constitution_service_pb2_grpc
from soma.identity.v1 import identity_service_pb2, identity_service_pb2_grpc
from soma.memory.v1 import memory_pb2, memory_service_pb2, memory_service_pb2_grpc
from soma.orchestrator.v1 import session_service_pb2
from soma.policy.v1 import policy_pb2, policy_service_pb2, policy_service_pb2_grpc
from soma.slm.v1 import slm_pb2, slm_service_pb2, slm_service_pb2_grpc
from somastack.orchestrator.model import (
    Action,
    Completion,
    Credentials,
    Decision,
    Evaluation,
    HopError,
    InferenceStatus,
    Retrieved,
)
from somastack.platform.outbound import (
    CONSTITUTION_HEADER,
    RetryPolicy,
    constitution_error,
    failure_of,
    outgoing_metadata,
)
from somastack.platform.tls import Target, aio_channel

_AUTH: Any = auth_pb2.auth
#: Who may approve a session: the capability the contract puts on SessionService.ApproveSession.
APPROVE_CAPABILITY: str = (
    session_service_pb2.DESCRIPTOR.services_by_name["SessionService"]
    .methods_by_name["ApproveSession"]
    .GetOptions()
    .Extensions[_AUTH]
    .capability
)
_DECISIONS = {
    policy_pb2.DECISION_ALLOW: Decision.ALLOW,
    policy_pb2.DECISION_DENY: Decision.DENY,
    policy_pb2.DECISION_REQUIRE_APPROVAL: Decision.REQUIRE_APPROVAL,
}
_ROLES = {"system": slm_pb2.CHAT_ROLE_SYSTEM, "user": slm_pb2.CHAT_ROLE_USER}
_DONE = (slm_pb2.INFERENCE_STATE_SUCCEEDED, slm_pb2.INFERENCE_STATE_FAILED)


def hop_error(rpc: str, error: grpc.aio.AioRpcError) -> HopError:
    """The failure of a call: code, the ErrorInfo reason when the callee sent one, and its message."""
    failure = failure_of(error)
    return HopError(rpc, failure.code.name, error.details() or "", failure.reason)


def _struct(values: dict[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(values)
    return message


class MeshClients:
    """One channel to Envoy; each port of the orchestrator as a method group."""

    def __init__(
        self,
        target: Target,
        *,
        timeout: float = 10.0,
        inference_timeout: float = 120.0,
        watch_timeout: float = 900.0,
        retry: RetryPolicy | None = None,
    ) -> None:
        self._retry = retry or RetryPolicy()
        self._channel = aio_channel(target)
        self._constitution = constitution_service_pb2_grpc.ConstitutionServiceStub(self._channel)
        self._policy = policy_service_pb2_grpc.PolicyServiceStub(self._channel)
        self._memory = memory_service_pb2_grpc.MemoryServiceStub(self._channel)
        self._slm = slm_service_pb2_grpc.SlmServiceStub(self._channel)
        self._identity = identity_service_pb2_grpc.IdentityServiceStub(self._channel)
        self._timeout = timeout
        self._inference_timeout = inference_timeout
        self._watch_timeout = watch_timeout

    async def close(self) -> None:
        await self._channel.close()

    # -- Constitution ---------------------------------------------------------------------------------------------

    async def checksum(self, credentials: Credentials, *, expected: str = "") -> str:
        try:
            response = await self._retry.unary(
                self._constitution.GetChecksum,
                constitution_service_pb2.GetChecksumRequest(),
                metadata=outgoing_metadata(credentials),
                within=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            raise constitution_error(error) from None
        return str(response.checksum)

    # -- Policy ---------------------------------------------------------------------------------------------------

    async def evaluate(
        self, tenant: str, action: Action, context: dict[str, Any], credentials: Credentials, *, constitution: str
    ) -> Evaluation:
        request = policy_service_pb2.EvaluateRequest(
            parent=f"tenants/{tenant}",
            action=policy_pb2.Action(name=action.name, tool=action.tool, arguments=_struct(action.arguments)),
            context=_struct(context),
        )
        rpc = "/soma.policy.v1.PolicyService/Evaluate"
        try:
            response = await self._retry.unary(
                self._policy.Evaluate,
                request,
                metadata=outgoing_metadata(credentials, (CONSTITUTION_HEADER, constitution)),
                within=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            raise hop_error(rpc, error) from None
        return Evaluation(
            decision=_DECISIONS.get(response.decision, Decision.DENY),
            score=response.score,
            reason_codes=tuple(response.reason_codes),
            fired_rules=tuple(r.rule_id for r in response.fired_rules),
            rule_failures=tuple(f"{f.rule_id}: {f.error}" for f in response.rule_failures),
            checksum=response.constitution_checksum,
            version=response.constitution_version,
        )

    # -- Memory ---------------------------------------------------------------------------------------------------

    async def retrieve_context(self, tenant: str, query: str, budget: int, credentials: Credentials) -> Retrieved:
        try:
            response = await self._retry.unary(
                self._memory.RetrieveContext,
                memory_service_pb2.RetrieveContextRequest(parent=f"tenants/{tenant}", query=query, token_budget=budget),
                metadata=outgoing_metadata(credentials),
                within=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            raise hop_error("/soma.memory.v1.MemoryService/RetrieveContext", error) from None
        citations: list[str] = []
        for chunk in response.chunks:
            if chunk.citation.memory and chunk.citation.memory not in citations:
                citations.append(chunk.citation.memory)
        return Retrieved(response.context, tuple(citations), response.total_tokens)

    async def remember(self, tenant: str, content: str, credentials: Credentials, *, request_id: str) -> dict[str, Any]:
        memory = memory_pb2.Memory(kind=memory_pb2.MEMORY_KIND_EPISODIC, text=content, metadata={"source": "session"})
        try:
            response = await self._retry.unary(
                self._memory.Remember,
                memory_service_pb2.RememberRequest(parent=f"tenants/{tenant}", memory=memory, request_id=request_id),
                metadata=outgoing_metadata(credentials),
                within=self._timeout,
                idempotent=bool(request_id),
            )
        except grpc.aio.AioRpcError as error:
            raise hop_error("/soma.memory.v1.MemoryService/Remember", error) from None
        return {"memory": response.memory.name, "text": response.memory.text[:500]}

    async def recall(self, tenant: str, query: str, credentials: Credentials) -> dict[str, Any]:
        try:
            response = await self._retry.unary(
                self._memory.Recall,
                memory_service_pb2.RecallRequest(parent=f"tenants/{tenant}", query=query, top_k=5),
                metadata=outgoing_metadata(credentials),
                within=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            raise hop_error("/soma.memory.v1.MemoryService/Recall", error) from None
        return {
            "query": query,
            "hits": [
                {"memory": hit.memory.name, "text": hit.memory.text[:500], "score": round(float(hit.score), 6)}
                for hit in response.hits
            ],
        }

    # -- Models ---------------------------------------------------------------------------------------------------

    @staticmethod
    def _messages(messages: Sequence[tuple[str, str]]) -> list[slm_pb2.ChatMessage]:
        return [slm_pb2.ChatMessage(role=_ROLES[role], content=content) for role, content in messages]

    @staticmethod
    def _completion(c: slm_pb2.Completion) -> Completion:
        return Completion(
            text=c.text,
            provider=c.provider,
            model=c.model,
            prompt_tokens=c.usage.prompt_tokens,
            completion_tokens=c.usage.completion_tokens,
            finish_reason=slm_pb2.FinishReason.Name(c.finish_reason),
            refused=c.refused,
        )

    async def infer(
        self,
        tenant: str,
        messages: Sequence[tuple[str, str]],
        *,
        provider: str,
        max_tokens: int,
        credentials: Credentials,
    ) -> Completion:
        request = slm_service_pb2.InferSyncRequest(
            parent=f"tenants/{tenant}",
            messages=self._messages(messages),
            parameters=slm_pb2.InferenceParameters(provider=provider, max_tokens=max_tokens),
        )
        try:
            # Answering creates nothing a second answer would duplicate: retried as a read.
            response = await self._retry.unary(
                self._slm.InferSync, request, metadata=outgoing_metadata(credentials), within=self._inference_timeout
            )
        except grpc.aio.AioRpcError as error:
            raise hop_error("/soma.slm.v1.SlmService/InferSync", error) from None
        return self._completion(response.completion)

    async def submit(
        self,
        tenant: str,
        messages: Sequence[tuple[str, str]],
        *,
        provider: str,
        max_tokens: int,
        credentials: Credentials,
        request_id: str,
    ) -> str:
        request = slm_service_pb2.SubmitInferenceRequest(
            parent=f"tenants/{tenant}",
            inference=slm_pb2.Inference(
                messages=self._messages(messages),
                parameters=slm_pb2.InferenceParameters(provider=provider, max_tokens=max_tokens),
            ),
            request_id=request_id,
        )
        try:
            response = await self._retry.unary(
                self._slm.SubmitInference,
                request,
                metadata=outgoing_metadata(credentials),
                within=self._timeout,
                idempotent=bool(request_id),
            )
        except grpc.aio.AioRpcError as error:
            raise hop_error("/soma.slm.v1.SlmService/SubmitInference", error) from None
        return str(response.inference.name)

    def _status(self, inference: slm_pb2.Inference) -> InferenceStatus:
        done = inference.state in _DONE
        succeeded = inference.state == slm_pb2.INFERENCE_STATE_SUCCEEDED
        return InferenceStatus(
            inference.name,
            done,
            self._completion(inference.completion) if succeeded else None,
            inference.error,
        )

    async def wait(self, name: str, credentials: Credentials) -> InferenceStatus:
        rpc = "/soma.slm.v1.SlmService/WatchInference"
        request = slm_service_pb2.WatchInferenceRequest(name=name)
        metadata = outgoing_metadata(credentials)

        def watch(timeout: float | None) -> AsyncIterable[slm_service_pb2.WatchInferenceResponse]:
            return self._slm.WatchInference(request, metadata=metadata, timeout=timeout)

        try:
            async for update in self._retry.stream(watch, within=self._watch_timeout):
                if update.HasField("inference") and update.inference.state in _DONE:
                    return self._status(update.inference)
        except grpc.aio.AioRpcError as error:
            raise hop_error(rpc, error) from None
        # The stream ended without the final state: ask once more.
        return await self.get(name, credentials)

    async def get(self, name: str, credentials: Credentials) -> InferenceStatus:
        try:
            response = await self._retry.unary(
                self._slm.GetInference,
                slm_service_pb2.GetInferenceRequest(name=name),
                metadata=outgoing_metadata(credentials),
                within=self._timeout,
            )
        except grpc.aio.AioRpcError as error:
            raise hop_error("/soma.slm.v1.SlmService/GetInference", error) from None
        return self._status(response.inference)

    # -- Directory ------------------------------------------------------------------------------------------------

    async def approvers(self, tenant: str, credentials: Credentials) -> list[str]:
        users: list[str] = []
        token = ""
        metadata = outgoing_metadata(credentials)
        while True:
            try:
                response = await self._retry.unary(
                    self._identity.ListMemberships,
                    identity_service_pb2.ListMembershipsRequest(
                        parent=f"tenants/{tenant}", page_size=500, page_token=token
                    ),
                    metadata=metadata,
                    within=self._timeout,
                )
            except grpc.aio.AioRpcError as error:
                raise hop_error("/soma.identity.v1.IdentityService/ListMemberships", error) from None
            users.extend(m.user for m in response.memberships if APPROVE_CAPABILITY in m.capabilities)
            token = response.next_page_token
            if not token:
                return users
