"""The Approvers port over the mesh: `IdentityService.ListMemberships` through Envoy, as the notification service."""

from __future__ import annotations

import grpc

from soma.identity.v1 import identity_service_pb2, identity_service_pb2_grpc
from somastack.platform.credentials import Credentials
from somastack.platform.errors import NotFound
from somastack.platform.outbound import domain_error, outgoing_metadata
from somastack.platform.service_token import ServiceToken
from somastack.platform.tls import Target, aio_channel

#: The capability whose holders may approve a session waiting for a second person.
APPROVE_CAPABILITY = "sessions.approve"
_SERVICE = "soma.identity.v1.IdentityService"


class MeshApprovers:
    """Lists a tenant's memberships with the notification service's own token and keeps the approvers.

    One attempt per call, short: it runs inside the event consumer's transaction, and the consumer retries the
    event with backoff when it fails.
    """

    def __init__(self, mesh: Target, token: ServiceToken, *, timeout: float = 3.0) -> None:
        self._channel = aio_channel(mesh)
        self._identity = identity_service_pb2_grpc.IdentityServiceStub(self._channel)
        self._token = token
        self._timeout = timeout

    async def close(self) -> None:
        await self._channel.close()

    async def approvers(self, tenant: str) -> list[str]:
        users: list[str] = []
        token = ""
        while True:
            request = identity_service_pb2.ListMembershipsRequest(
                parent=f"tenants/{tenant}", page_size=500, page_token=token
            )
            credentials = Credentials(self._token.authorization(), client_type="service", tenant=tenant)
            try:
                response = await self._identity.ListMemberships(
                    request, metadata=outgoing_metadata(credentials), timeout=self._timeout
                )
            except grpc.aio.AioRpcError as error:
                if error.code() == grpc.StatusCode.NOT_FOUND:
                    raise NotFound("TENANT_NOT_FOUND", "tenant", f"tenants/{tenant}") from None
                # Away, timed out or failing: Unavailable; either way the consumer retries the event.
                raise domain_error(error, _SERVICE) from None
            users.extend(m.user for m in response.memberships if APPROVE_CAPABILITY in m.capabilities)
            token = response.next_page_token
            if not token:
                return users
