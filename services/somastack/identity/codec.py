"""Identity's revocations on the wire: the `TokenRevocation` message and the `identity.revocations` event."""

from __future__ import annotations

from soma.events.v1 import envelope_pb2
from soma.events.v1.topics import IDENTITY_REVOCATIONS
from soma.identity.v1 import identity_pb2
from somastack.identity.model import Revocation, RevocationCause
from somastack.platform.events.envelope import new_event
from somastack.platform.protoconv import timestamp

TOPIC = IDENTITY_REVOCATIONS
EVENT_TYPE = "soma.identity.v1.TokensRevoked"
SOURCE = "//identity.soma"

_CAUSE = {
    RevocationCause.USER_DISABLED: identity_pb2.REVOCATION_CAUSE_USER_DISABLED,
    RevocationCause.MEMBERSHIP_LOWERED: identity_pb2.REVOCATION_CAUSE_MEMBERSHIP_LOWERED,
    RevocationCause.SIGNED_OUT: identity_pb2.REVOCATION_CAUSE_SIGNED_OUT,
    RevocationCause.SIGN_IN_SESSION_ENDED: identity_pb2.REVOCATION_CAUSE_SIGN_IN_SESSION_ENDED,
}


def revocation_pb(revocation: Revocation) -> identity_pb2.TokenRevocation:
    return identity_pb2.TokenRevocation(
        tenant=revocation.tenant,
        subject=revocation.subject,
        not_before=timestamp(revocation.not_before),
        cause=_CAUSE[revocation.cause],
        sign_in_session=revocation.session,
    )


def revoked_event(revocation: Revocation) -> envelope_pb2.Event:
    """The event that makes every service refuse the tokens the revocation covers."""
    return new_event(
        type=EVENT_TYPE,
        source=SOURCE,
        tenant=revocation.tenant,
        payload=identity_pb2.TokensRevoked(revocation=revocation_pb(revocation)),
        subject=revocation.subject,
    )
