"""What a handler adds to the audit record of the call it serves: the hook for records the runtime cannot fill in.

The runtime records every call to a mutating RPC from the caller's token. A call that has no token yet, a sign-in
above all, knows better who it is about: its handler calls `annotate(kind=SIGN_IN, subject=...)` and the runtime
records that instead. Domain code calls it without knowing grpc; outside an audited call it does nothing.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass

#: The kinds of record (soma.audit.v1.AuditKind, by name without its prefix).
RPC = "RPC"
SIGN_IN = "SIGN_IN"


@dataclass
class AuditNote:
    """Overrides for the record of one call; empty fields keep what the runtime derived from the token."""

    kind: str = RPC
    subject: str = ""
    actor: str = ""
    tenant: str = ""


_note: contextvars.ContextVar[AuditNote | None] = contextvars.ContextVar("soma_audit_note", default=None)


def open_note() -> AuditNote:
    """Starts the note of the call being served (the runtime calls it before the handler runs)."""
    note = AuditNote()
    _note.set(note)
    return note


def annotate(*, kind: str = "", subject: str = "", actor: str = "", tenant: str = "") -> None:
    """Sets what the audit record of the current call says, where the token cannot say it (e.g. a sign-in's user)."""
    note = _note.get()
    if note is None:
        return
    note.kind = kind or note.kind
    note.subject = subject or note.subject
    note.actor = actor or note.actor
    note.tenant = tenant or note.tenant
