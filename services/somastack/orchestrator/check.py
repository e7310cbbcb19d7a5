"""The first stage of a session: the constitution check's step, and the run it begins (a new session, or a rerun)."""

from __future__ import annotations

import uuid
from typing import Any

from somastack.orchestrator.hops import Timed
from somastack.orchestrator.model import Credentials, Session, State, Step, StepStatus
from somastack.orchestrator.validation import Draft
from somastack.platform.errors import FailedPrecondition


def new_session_id() -> str:
    return uuid.uuid4().hex[:20]


def checked_step(checked: Timed[str], requested: str, token: str, rerun: Session | None) -> Step:
    """The constitution check's step; FAILED_PRECONDITION when the request acts under another constitution."""
    active = checked.value or ""
    if requested and requested != active:
        raise FailedPrecondition(
            "CONSTITUTION_CHECKSUM_MISMATCH",
            f"the request acts under constitution {requested!r}, but {active!r} is active: "
            "fetch the active constitution and retry",
            metadata={"activeChecksum": active, "requestedChecksum": requested},
        )
    detail: dict[str, Any] = {
        "activeChecksum": active,
        "requestedChecksum": requested,
        # The token's claim is informational: a token outlives constitution changes.
        "tokenConstitution": token,
        "tokenConstitutionActive": token == active,
    }
    if rerun is not None:
        detail["rerunAfter"] = rerun.error
    return checked.hop.step(1, StepStatus.OK, f"active constitution {active[:12]}", detail)


def new_run(
    tenant: str,
    draft: Draft,
    context: dict[str, Any],
    credentials: Credentials,
    request_id: str,
    step: Step,
    rerun: Session | None,
    *,
    now: float,
) -> Session:
    """A new run: a new session, or (`rerun`) the same session again from its first step."""
    return Session(
        tenant=tenant,
        id=rerun.id if rerun is not None else new_session_id(),
        prompt=draft.prompt,
        requester=credentials.subject,
        requester_actor=credentials.actor,
        client_type=credentials.client_type,
        state=State.RUNNING,
        created_at=rerun.created_at if rerun is not None else now,
        updated_at=now,
        action=draft.action,
        context=context,
        tool_calls=draft.tool_calls,
        options=draft.options,
        constitution_checksum=str(step.detail["activeChecksum"]),
        steps=(step,),
        request_id=request_id,
        sequence=rerun.sequence if rerun is not None else 0,
    )
