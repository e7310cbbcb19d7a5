"""The unit of work: how a transaction crosses a port without the domain knowing the engine behind it.

A use case opens one with `async with uow.begin() as tx:` and hands `tx` to the port methods that must commit
together (a notification and the inbox row of the event that caused it). `tx` is opaque to the domain: only the
adapter that opened it (or the event consumer that handed it to a handler) looks inside.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Protocol


class Transaction(Protocol):
    """An open transaction. Opaque: the domain passes it on and never looks inside."""


class UnitOfWork(Protocol):
    """Opens transactions: everything done with one `tx` commits when the block ends, or none of it on an error."""

    def begin(self) -> AbstractAsyncContextManager[Transaction]:
        """A new transaction, committed on leaving the block and rolled back on an exception."""
        ...

    def after_commit(self, tx: Transaction, callback: Callable[[], None]) -> None:
        """Calls `callback` once `tx` has committed, never if it rolls back: wakes a worker that must see what `tx`
        wrote (a wake-up sent before the commit would find nothing and sleep on)."""
        ...
