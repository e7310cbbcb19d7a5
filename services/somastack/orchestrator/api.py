"""SessionServicer: proto <-> domain for SessionService, nothing else."""

from __future__ import annotations

from collections.abc import AsyncIterator

from soma.orchestrator.v1 import session_service_pb2, session_service_pb2_grpc
from somastack.orchestrator.codec import (
    STATE_FROM_PROTO,
    action_of,
    event_pb,
    options_of,
    session_pb,
    tool_calls_of,
)
from somastack.orchestrator.model import Credentials
from somastack.orchestrator.service import APPROVE_CAPABILITY, Draft, Orchestrator
from somastack.platform.errors import invalid
from somastack.platform.protoconv import plain_struct
from somastack.runtime.context import ServicerContext, current

pb = session_service_pb2


def credentials(context: ServicerContext) -> Credentials:
    """The caller's credentials, forwarded on every hop the session makes."""
    call = current()
    authorization = ""
    for key, value in context.invocation_metadata() or ():
        if key == "authorization" and isinstance(value, str):
            authorization = value
    actor = call.principal.actor if call.principal is not None else None
    return Credentials(authorization, call.request_id, call.client_type, call.subject, actor=actor or "")


class SessionServicer(session_service_pb2_grpc.SessionServiceServicer):
    """Translates SessionService calls to the session use cases."""

    def __init__(self, orchestrator: Orchestrator) -> None:
        self._orchestrator = orchestrator

    async def StartSession(self, request: pb.StartSessionRequest, context: ServicerContext) -> pb.StartSessionResponse:
        given = request.session
        draft = Draft(
            prompt=given.prompt,
            action=action_of(given),
            context=plain_struct(given.context, "session.context"),
            tool_calls=tool_calls_of(given),
            options=options_of(given),
        )
        call = current()
        session = await self._orchestrator.start(
            request.parent,
            draft,
            credentials(context),
            request_id=request.request_id,
            requested_constitution=call.constitution_checksum,
            token_constitution=call.principal.constitution if call.principal else "",
        )
        return pb.StartSessionResponse(session=session_pb(session))

    async def GetSession(self, request: pb.GetSessionRequest, context: ServicerContext) -> pb.GetSessionResponse:
        session = await self._orchestrator.get(request.name, credentials(context))
        return pb.GetSessionResponse(session=session_pb(session))

    async def ListSessions(self, request: pb.ListSessionsRequest, context: ServicerContext) -> pb.ListSessionsResponse:
        state = None
        if request.state:
            state = STATE_FROM_PROTO.get(request.state)
            if state is None:
                raise invalid("state", f"unknown session state {request.state}")
        page = await self._orchestrator.list_sessions(
            request.parent, size=request.page_size, token=request.page_token, state=state, requester=request.requester
        )
        return pb.ListSessionsResponse(
            sessions=[session_pb(s, steps=False) for s in page.sessions], next_page_token=page.next_token
        )

    async def StreamSessionEvents(
        self, request: pb.StreamSessionEventsRequest, context: ServicerContext
    ) -> AsyncIterator[pb.StreamSessionEventsResponse]:
        async for event in self._orchestrator.stream(request.name, request.after_sequence, credentials(context)):
            yield pb.StreamSessionEventsResponse(event=event_pb(event))

    async def ApproveSession(
        self, request: pb.ApproveSessionRequest, context: ServicerContext
    ) -> pb.ApproveSessionResponse:
        session = await self._orchestrator.approve(request.name, request.approve, request.comment, credentials(context))
        return pb.ApproveSessionResponse(session=session_pb(session))

    async def CancelSession(
        self, request: pb.CancelSessionRequest, context: ServicerContext
    ) -> pb.CancelSessionResponse:
        principal = current().principal
        session = await self._orchestrator.cancel(
            request.name,
            request.reason,
            credentials(context),
            may_approve=principal is not None and principal.can(APPROVE_CAPABILITY),
        )
        return pb.CancelSessionResponse(session=session_pb(session))
