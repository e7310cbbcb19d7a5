"""Snapshots of the tenants' BM25 indexes, saved beside their vector indexes so a restart need not re-read texts.

A snapshot is a copy of one tenant's LexicalIndex at some moment. The database stays the source of truth: at start
the store compares the snapshot's keys with the rows' keys and repairs the difference (memories' texts never change
under a key, so equal key sets mean equal contents). A file that is missing, unreadable, of another format or of
another tokenizer version yields nothing, and the index is rebuilt from the rows.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import zipfile
from pathlib import Path

import numpy as np

from somastack.memory.index import tenant_file_name, write_atomically
from somastack.memory.ranking import LexicalIndex

log = logging.getLogger(__name__)

_SUFFIX = ".bm25.npz"
#: Bump when the snapshot's layout, `terms()` (tokenizer, stemmer, stopwords) or BM25's parameters change:
#: a snapshot of another version is rebuilt from the rows rather than trusted.
FORMAT = 1


def snapshot_file_name(tenant: str) -> str:
    """The tenant's snapshot file: its vector index's file name with another suffix."""
    return tenant_file_name(tenant).rsplit(".", 1)[0] + _SUFFIX


class LexicalSnapshots:
    """The BM25 snapshots of one service process, one file per tenant in one directory, written atomically."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        #: Version of each tenant's index when last written to (or read from) its file.
        self._saved: dict[str, tuple[LexicalIndex, int]] = {}
        self._lock = threading.Lock()

    def path_of(self, tenant: str) -> Path:
        return self.directory / snapshot_file_name(tenant)

    def load(self, tenant: str) -> LexicalIndex | None:
        """The tenant's saved index, or None when there is no usable snapshot (logged when one was unreadable)."""
        path = self.path_of(tenant)
        if not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as stored:
                if int(stored["format"]) != FORMAT:
                    log.info("BM25 snapshot of tenant %r is of format %s; rebuilding", tenant, int(stored["format"]))
                    return None
                index = LexicalIndex.from_arrays({name: stored[name] for name in stored.files})
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
            log.warning("BM25 snapshot of tenant %r unreadable (%s); rebuilding from the rows", tenant, error)
            return None
        with self._lock:
            self._saved[tenant] = (index, index.version)
        return index

    def save(self, tenant: str, index: LexicalIndex) -> bool:
        """Writes the index unless this very index is saved at its current version; True if it wrote."""
        version = index.version
        with self._lock:
            if self._saved.get(tenant) == (index, version):
                return False
        arrays = index.arrays()

        def write(temporary: Path) -> None:
            with open(temporary, "wb") as handle:
                np.savez(handle, format=np.asarray(FORMAT), **arrays)  # type: ignore[arg-type]  # arrays, not flags

        write_atomically(self.path_of(tenant), write)
        with self._lock:
            self._saved[tenant] = (index, version)
        return True

    def drop(self, tenant: str) -> None:
        """Deletes the tenant's snapshot."""
        with self._lock:
            self._saved.pop(tenant, None)
        with contextlib.suppress(FileNotFoundError):
            self.path_of(tenant).unlink()
