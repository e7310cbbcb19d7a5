"""The `constitution.updated` event: its topic, type and how it is built from an activation."""

from __future__ import annotations

from soma.constitution.v1 import constitution_pb2
from soma.events.v1 import envelope_pb2
from soma.events.v1.topics import CONSTITUTION_UPDATED
from somastack.constitution.model import PLATFORM_TENANT, ActivationKind, Active
from somastack.platform.events.envelope import new_event
from somastack.platform.protoconv import timestamp

TOPIC = CONSTITUTION_UPDATED
EVENT_TYPE = "soma.constitution.v1.ConstitutionUpdated"
SOURCE = "//constitution.soma"

_KIND = {
    ActivationKind.LOAD: constitution_pb2.ACTIVATION_KIND_LOAD,
    ActivationKind.ROLLBACK: constitution_pb2.ACTIVATION_KIND_ROLLBACK,
}


def updated_event(current: Active, previous: Active | None) -> envelope_pb2.Event:
    """The event announcing that `current` replaced `previous` as the active constitution."""
    payload = constitution_pb2.ConstitutionUpdated(
        checksum=current.checksum,
        version=current.version,
        previous_checksum=previous.checksum if previous else "",
        previous_version=previous.version if previous else "",
        kind=_KIND[current.kind],
        activate_time=timestamp(current.activated_at),
    )
    return new_event(
        type=EVENT_TYPE,
        source=SOURCE,
        tenant=PLATFORM_TENANT,
        payload=payload,
        subject=f"constitution/versions/{current.version}",
    )
