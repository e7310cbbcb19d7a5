"""Whose authority a call to another service runs with; passed explicitly from the servicer to each adapter."""

from __future__ import annotations

from dataclasses import dataclass

#: The metadata keys credentials travel in, read by the runtime on the way in and written by the outbound seam.
REQUEST_ID_HEADER = "x-request-id"
CLIENT_TYPE_HEADER = "x-soma-client-type"
#: The checksum of the constitution the caller acts under; services that enforce it compare it with the active one.
CONSTITUTION_HEADER = "x-soma-constitution"
#: The tenant a call is made for, when the credentials name one.
TENANT_HEADER = "x-soma-tenant"
#: The address a client connected to Envoy from; Envoy sets it on every request, overwriting what the client sent.
CLIENT_ADDRESS_HEADER = "x-soma-client-address"


@dataclass(frozen=True)
class Credentials:
    """The caller a service acts for on the calls it makes: bearer header, request id, client type, principal.

    Built once per served call (from its metadata and request context) and handed down through the use case
    to the adapters; the outbound seam turns it into the metadata of each call.
    """

    #: The `authorization` header to forward (`Bearer <token>`); empty: call without a token.
    authorization: str = ""
    #: The request id to forward; empty: the callee makes up its own.
    request_id: str = ""
    #: The client type the caller declared (`ui`, `cli`, `service`, ...).
    client_type: str = "unknown"
    #: The principal the credentials speak for, `tenants/{t}/users/{u}`.
    subject: str = ""
    #: The tenant the call is made for; empty when the request names it.
    tenant: str = ""
    #: Who acts through the caller's token when it is an impersonation token (its `act` subject); else empty.
    actor: str = ""

    @property
    def people(self) -> frozenset[str]:
        """The subject and, when there is one, the actor: the persons behind the call."""
        return frozenset(p for p in (self.subject, self.actor) if p)
