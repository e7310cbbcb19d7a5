"""Per-tenant approximate nearest-neighbour indexes (usearch HNSW, cosine) with atomic persistence."""

from __future__ import annotations

import contextlib
import logging
import math
import os
import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from usearch.index import Index

log = logging.getLogger(__name__)

#: HNSW parameters measured at 100k x 384 (docs/memory.md): recall@10 >= 0.95 with p99 well under 5 ms.
DEFAULT_CONNECTIVITY = 16
DEFAULT_EXPANSION_ADD = 128
DEFAULT_EXPANSION_SEARCH = 128
#: Up to this many vectors a brute-force scan is as fast as the graph and always exact.
DEFAULT_EXACT_THRESHOLD = 2048
#: Graph size up to which the configured search width is used as is; beyond it the width grows with log2(n).
WIDTH_BASE_SIZE = 50_000


def search_width(configured: int, size: int) -> int:
    """The HNSW search beam for a graph of `size` vectors: `configured` up to `WIDTH_BASE_SIZE`, then widened.

    A fixed beam loses recall as the graph grows (recall@10 0.995 / 0.978 / 0.924 at 10k / 100k / 300k with
    ef=128); the beam grows by half the configured width for every doubling past the base size: 1.5x at
    100k (ef 192), 2.3x at 300k (ef 293), 3.2x at 1M (ef 404). Never narrower than configured.
    """
    if size <= WIDTH_BASE_SIZE:
        return configured
    return max(configured, round(configured * (1.0 + 0.5 * math.log2(size / WIDTH_BASE_SIZE))))


_SUFFIX = ".usearch"
_SAFE_TENANT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")


def _as_keys(keys: npt.ArrayLike | Sequence[int]) -> npt.NDArray[np.uint64]:
    array = np.asarray(keys)
    if array.ndim != 1:
        raise ValueError(f"keys must be one-dimensional, got shape {array.shape}")
    if array.size and not np.issubdtype(array.dtype, np.integer):
        raise ValueError(f"keys must be integers, got {array.dtype}")
    array = array.astype(np.int64, copy=False)
    # usearch keys are unsigned and reserve the all-ones value; negative int64 keys would wrap onto it.
    if array.size and int(array.min()) < 0:
        raise ValueError("keys must be non-negative")
    return array.astype(np.uint64)


class VectorIndex:
    """One tenant's vectors in an HNSW graph; cosine similarity; int64 keys with upsert semantics.

    Safe to share between threads (one lock around every call): bulk loads may run in a worker thread while the
    event loop searches.
    """

    def __init__(
        self,
        dimensions: int,
        *,
        connectivity: int = DEFAULT_CONNECTIVITY,
        expansion_add: int = DEFAULT_EXPANSION_ADD,
        expansion_search: int = DEFAULT_EXPANSION_SEARCH,
        exact_threshold: int = DEFAULT_EXACT_THRESHOLD,
    ) -> None:
        self.dimensions = dimensions
        self.exact_threshold = exact_threshold
        self._index = Index(
            ndim=dimensions,
            metric="cos",
            dtype="f32",
            connectivity=connectivity,
            expansion_add=expansion_add,
            expansion_search=expansion_search,
        )
        #: The configured search width; `search` widens it with the graph's size (`search_width`).
        self._width = expansion_search
        self._lock = threading.Lock()
        #: Bumped by every change, so a holder can tell whether a saved copy is stale.
        self.version = 0

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, int | np.integer) or int(key) < 0:
            return False
        with self._lock:
            return bool(self._index.contains(int(key)))

    @property
    def expansion_search(self) -> int:
        """The configured search width: used as is up to `WIDTH_BASE_SIZE` vectors, widened beyond."""
        return self._width

    @expansion_search.setter
    def expansion_search(self, value: int) -> None:
        with self._lock:
            self._width = value
            # The setter exists at run time; usearch's stubs see only the getter.
            self._index.expansion_search = value  # type: ignore[misc]

    def add(self, keys: npt.ArrayLike, vectors: npt.ArrayLike, *, threads: int | None = None) -> None:
        """Inserts or replaces (re-adding a key replaces its vector); the last of duplicate keys in a batch wins.

        `threads`: 0 for every core; unset, every core for large batches (rebuilds) and one for small ones,
        where starting workers costs more than it saves.
        """
        ids = _as_keys(keys)
        matrix = np.ascontiguousarray(vectors, dtype=np.float32)
        if matrix.ndim == 1 and ids.size == 1:
            matrix = matrix.reshape(1, -1)
        if matrix.ndim != 2 or matrix.shape != (ids.size, self.dimensions):
            raise ValueError(f"vectors must have shape ({ids.size}, {self.dimensions}), got {matrix.shape}")
        if ids.size == 0:
            return
        if not np.all(np.isfinite(matrix)):
            raise ValueError("vectors must be finite")
        unique, last = np.unique(ids[::-1], return_index=True)
        if unique.size != ids.size:
            keep = np.sort(ids.size - 1 - last)
            ids, matrix = ids[keep], matrix[keep]
        with self._lock:
            present = np.asarray(self._index.contains(ids), dtype=bool).reshape(-1)
            if present.any():
                self._index.remove(ids[present])
            if threads is None:
                threads = 0 if ids.size >= 256 else 1
            self._index.add(ids, matrix, threads=threads)
            self.version += 1

    def remove(self, keys: Sequence[int] | npt.ArrayLike) -> int:
        """Removes the keys that are present; returns how many were."""
        ids = _as_keys(keys)
        if ids.size == 0:
            return 0
        with self._lock:
            removed = int(np.sum(self._index.remove(ids)))
            if removed:
                self.version += 1
        return removed

    def search(self, vector: npt.ArrayLike, k: int) -> list[tuple[int, float]]:
        """The k nearest keys by cosine similarity, best first: `(key, similarity in [-1, 1])`."""
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        if query.shape != (self.dimensions,):
            raise ValueError(f"query must have {self.dimensions} components, got {query.shape[0]}")
        with self._lock:
            size = len(self._index)
            if k <= 0 or size == 0:
                return []
            exact = size <= self.exact_threshold
            if not exact:
                width = search_width(self._width, size)
                if self._index.expansion_search != width:
                    self._index.expansion_search = width  # type: ignore[misc]  # settable; the stubs miss the setter
            # One thread: a single query is too small to split, and callers run searches concurrently.
            matches = self._index.search(query, min(k, size), exact=exact, threads=1)
            keys = np.asarray(matches.keys, dtype=np.uint64).astype(np.int64)
            similarities = 1.0 - np.asarray(matches.distances, dtype=np.float64)
        # Equal similarities in key order: a multi-threaded scan returns ties in any order.
        order = np.lexsort((keys, -similarities))
        return [(int(keys[i]), float(similarities[i])) for i in order]

    def present(self, keys: Sequence[int]) -> list[int]:
        """Those of `keys` that the index holds, in the order given."""
        ids = _as_keys(np.asarray(keys, dtype=np.int64))
        if ids.size == 0:
            return []
        with self._lock:
            mask = np.asarray(self._index.contains(ids), dtype=bool).reshape(-1)
        return [int(key) for key in ids[mask]]

    def keys(self) -> npt.NDArray[np.int64]:
        """Every key present, in no particular order."""
        with self._lock:
            return np.asarray(self._index.keys, dtype=np.uint64).astype(np.int64)

    def get(self, keys: Sequence[int] | npt.ArrayLike) -> npt.NDArray[np.float32]:
        """The stored vectors of keys, shape (n, d); for exact scoring of small filtered candidate sets.

        Raises KeyError when a key is absent.
        """
        ids = _as_keys(keys)
        if ids.size == 0:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            present = np.asarray(self._index.contains(ids), dtype=bool).reshape(-1)
            if not present.all():
                raise KeyError(int(ids[~present][0]))
            rows = self._index.get(ids, dtype="f32")
        return np.asarray(rows, dtype=np.float32).reshape(ids.size, self.dimensions)

    def save(self, path: Path) -> None:
        """Writes the index atomically (`write_atomically`)."""

        def write(temporary: Path) -> None:
            with self._lock:
                self._index.save(str(temporary))

        write_atomically(path, write)

    @classmethod
    def load(
        cls,
        path: Path,
        dimensions: int,
        *,
        expansion_search: int = DEFAULT_EXPANSION_SEARCH,
        exact_threshold: int = DEFAULT_EXACT_THRESHOLD,
    ) -> VectorIndex:
        """Reads an index saved by `save`. Raises ValueError if the file is not one, or has other dimensions."""
        meta = Index.metadata(str(path))
        if meta is None:
            raise ValueError(f"{path} is not a usearch index")
        if int(meta["dimensions"]) != dimensions:
            raise ValueError(f"{path} holds {meta['dimensions']}-dimensional vectors, expected {dimensions}")
        restored = Index.restore(str(path))
        if restored is None:
            raise ValueError(f"{path} is not a usearch index")
        index = cls.__new__(cls)
        index.dimensions = dimensions
        index.exact_threshold = exact_threshold
        index._index = restored
        # The search beam is not part of the file.
        restored.expansion_search = expansion_search  # type: ignore[misc]  # settable; the stubs miss the setter
        index._width = expansion_search
        index._lock = threading.Lock()
        index.version = 0
        return index


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Has `write` fill a temporary file beside `path`, fsyncs it, renames it over `path` and fsyncs the directory:
    a reader sees the old file or the new one, never a part, and a crash keeps one of them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        write(temporary)
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; some filesystems refuse to open directories, which is fine.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def tenant_file_name(tenant: str) -> str:
    """A file name for a tenant's index: the id itself when it is path-safe, else `~` + its UTF-8 in hex."""
    if _SAFE_TENANT.fullmatch(tenant):
        return tenant + _SUFFIX
    return "~" + tenant.encode("utf-8").hex() + _SUFFIX


def _tenant_of_file(name: str) -> str | None:
    if not name.endswith(_SUFFIX):
        return None
    stem = name[: -len(_SUFFIX)]
    if stem.startswith("~"):
        try:
            return bytes.fromhex(stem[1:]).decode("utf-8")
        except ValueError:
            return None
    return stem if _SAFE_TENANT.fullmatch(stem) else None


class TenantIndexes:
    """The vector indexes of one service process, one per tenant, saved as files in one directory.

    The database is the source of truth: at start the service rebuilds each tenant's index from it (`rebuild`);
    the files only save that work between restarts when they are still current. A file that cannot be read
    yields an empty index (logged), for the rebuild to fill.
    """

    def __init__(
        self,
        directory: Path,
        dimensions: int,
        *,
        connectivity: int = DEFAULT_CONNECTIVITY,
        expansion_add: int = DEFAULT_EXPANSION_ADD,
        expansion_search: int = DEFAULT_EXPANSION_SEARCH,
        exact_threshold: int = DEFAULT_EXACT_THRESHOLD,
    ) -> None:
        self.directory = directory
        self.dimensions = dimensions
        self._params = {
            "connectivity": connectivity,
            "expansion_add": expansion_add,
            "expansion_search": expansion_search,
            "exact_threshold": exact_threshold,
        }
        self._indexes: dict[str, VectorIndex] = {}
        #: Version of each tenant's index when last written to (or read from) its file.
        self._saved: dict[str, int] = {}
        self._lock = threading.Lock()

    def path_of(self, tenant: str) -> Path:
        return self.directory / tenant_file_name(tenant)

    def get(self, tenant: str) -> VectorIndex:
        """The tenant's index: in memory, else read from its file, else a new empty one."""
        with self._lock:
            index = self._indexes.get(tenant)
            if index is None:
                index = self._open(tenant)
                self._indexes[tenant] = index
            return index

    def _open(self, tenant: str) -> VectorIndex:
        path = self.path_of(tenant)
        if path.exists():
            try:
                index = VectorIndex.load(
                    path,
                    self.dimensions,
                    expansion_search=self._params["expansion_search"],
                    exact_threshold=self._params["exact_threshold"],
                )
            except (ValueError, OSError, RuntimeError) as error:
                log.warning("memory index of tenant %r unreadable (%s); starting empty until rebuilt", tenant, error)
            else:
                self._saved[tenant] = index.version
                return index
        index = self._new()
        if not path.exists():
            # Nothing on disk and nothing in memory: an untouched empty index need not be written.
            self._saved[tenant] = index.version
        return index

    def _new(self) -> VectorIndex:
        return VectorIndex(self.dimensions, **self._params)

    def rebuild(self, tenant: str, keys: npt.ArrayLike, vectors: npt.ArrayLike) -> None:
        """Replaces the tenant's index by one built from these keys and vectors (the database's rows)."""
        index = self._new()
        index.add(keys, vectors)
        # Built aside and swapped in, so searches meanwhile see the old index rather than a half-built one.
        with self._lock:
            self._indexes[tenant] = index
            # Always written by the next save_all, even when empty: the old file must not come back.
            self._saved[tenant] = -1

    def drop(self, tenant: str) -> None:
        """Forgets the tenant's index and deletes its file."""
        with self._lock:
            self._indexes.pop(tenant, None)
            self._saved.pop(tenant, None)
            with contextlib.suppress(FileNotFoundError):
                self.path_of(tenant).unlink()

    def save_all(self) -> None:
        """Writes every index changed since it was last saved."""
        with self._lock:
            pending = [(t, i) for t, i in self._indexes.items() if self._saved.get(t) != i.version]
        for tenant, index in pending:
            version = index.version
            index.save(self.path_of(tenant))
            with self._lock:
                if self._indexes.get(tenant) is index:
                    self._saved[tenant] = version

    def tenants(self) -> list[str]:
        """Tenants with an index in memory or a file on disk, sorted."""
        names = set(self._indexes)
        if self.directory.is_dir():
            for entry in self.directory.iterdir():
                tenant = _tenant_of_file(entry.name)
                if tenant is not None:
                    names.add(tenant)
        return sorted(names)
