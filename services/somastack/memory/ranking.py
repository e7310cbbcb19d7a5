"""Ranking for recall: BM25 over a tenant's texts, exact vector search, and fusion of vector and lexical hits."""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from somastack.memory.embedder import terms
from somastack.memory.index import VectorIndex

Hits = list[tuple[int, float]]


#: Stands in `_doc_terms` for a document read from a snapshot: its terms are in the snapshot's arrays.
_IN_SNAPSHOT: Counter[str] = Counter()


class LexicalIndex:
    """BM25 (Lucene's variant: k1=1.2, b=0.75, non-negative idf) over one tenant's texts, in memory.

    Postings live in dicts for cheap updates and are compiled per term into numpy arrays on first use after a
    change, so a query costs a few vector operations per query term rather than a Python loop per posting.

    `arrays()` and `from_arrays()` turn the index into plain arrays and back (lexical_snapshot.py saves them): a
    restored index keeps each term's postings as the snapshot's arrays until the term changes, so restoring costs
    no Python work per posting, and scores exactly as the index it was taken from.
    """

    def __init__(self, *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self._slot_of: dict[int, int] = {}
        self._keys = np.zeros(64, dtype=np.int64)
        self._lengths = np.zeros(64, dtype=np.float32)
        self._doc_terms: list[Counter[str] | None] = []
        self._free: list[int] = []
        self._total_length = 0
        self._postings: dict[str, dict[int, int]] = {}
        self._compiled: dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]] = {}
        #: Postings of a restored snapshot, per term, until the term changes (then they move to `_postings`).
        self._restored: dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]] = {}
        #: A restored snapshot's terms per document: `_vocabulary[_doc_term_ids[_doc_starts[slot]:...]]`.
        self._vocabulary: list[str] = []
        self._doc_starts = np.zeros(1, dtype=np.int64)
        self._doc_term_ids = np.zeros(0, dtype=np.int32)
        self._lock = threading.Lock()
        #: Bumped by every change, so a holder can tell whether a saved snapshot is stale.
        self.version = 0

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, key: object) -> bool:
        return key in self._slot_of

    def add(self, key: int, text: str) -> None:
        """Indexes a text under a key, replacing what the key had."""
        counts = Counter(terms(text))
        with self._lock:
            self._remove(key)
            slot = self._free.pop() if self._free else self._grow()
            self._slot_of[key] = slot
            self._keys[slot] = key
            length = sum(counts.values())
            self._lengths[slot] = length
            self._total_length += length
            self._doc_terms[slot] = counts
            for term, tf in counts.items():
                self._writable(term)[slot] = tf
                self._compiled.pop(term, None)
            self.version += 1

    def remove(self, key: int) -> None:
        """Forgets a key; absent keys are ignored."""
        with self._lock:
            self._remove(key)

    def _remove(self, key: int) -> None:
        slot = self._slot_of.pop(key, None)
        if slot is None:
            return
        self.version += 1
        for term in self._terms_of(slot):
            posting = self._writable(term)
            del posting[slot]
            if not posting:
                del self._postings[term]
            self._compiled.pop(term, None)
        self._total_length -= int(self._lengths[slot])
        self._lengths[slot] = 0
        self._doc_terms[slot] = None
        self._free.append(slot)

    def _terms_of(self, slot: int) -> list[str]:
        counts = self._doc_terms[slot]
        assert counts is not None
        if counts is not _IN_SNAPSHOT:
            return list(counts)
        ids = self._doc_term_ids[self._doc_starts[slot] : self._doc_starts[slot + 1]]
        return [self._vocabulary[i] for i in ids.tolist()]

    def _writable(self, term: str) -> dict[int, int]:
        """The term's postings as a dict to change, moved out of the restored snapshot's arrays if there."""
        posting = self._postings.get(term)
        if posting is None:
            restored = self._restored.pop(term, None)
            posting = (
                {} if restored is None else dict(zip(restored[0].tolist(), map(int, restored[1].tolist()), strict=True))
            )
            self._postings[term] = posting
        return posting

    def _grow(self) -> int:
        slot = len(self._doc_terms)
        self._doc_terms.append(None)
        if slot >= self._keys.size:
            self._keys = np.concatenate([self._keys, np.zeros(self._keys.size, dtype=np.int64)])
            self._lengths = np.concatenate([self._lengths, np.zeros(self._lengths.size, dtype=np.float32)])
        return slot

    def _postings_of(
        self, term: str, *, keep: bool = True
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]] | None:
        """The term's postings as arrays (slots, tf); `keep` caches arrays compiled from a dict for later queries."""
        compiled = self._compiled.get(term)
        if compiled is None:
            posting = self._postings.get(term)
            if not posting:
                return self._restored.get(term)
            compiled = (
                np.fromiter(posting.keys(), dtype=np.int64, count=len(posting)),
                np.fromiter(posting.values(), dtype=np.float32, count=len(posting)),
            )
            if keep:
                self._compiled[term] = compiled
        return compiled

    def search(self, query: str, k: int) -> Hits:
        """The k best keys by BM25 score (> 0), best first; ties broken by key."""
        return self.search_and_score(query, k, ())[0]

    def score(self, query: str, keys: Sequence[int]) -> Hits:
        """BM25 scores of given keys (0 for absent keys and texts without a query term), in the order given."""
        return self.search_and_score(query, 0, keys)[1]

    def search_and_score(self, query: str, k: int, keys: Sequence[int]) -> tuple[Hits, Hits]:
        """`search(query, k)` and `score(query, keys)` from one pass over the postings."""
        wanted = list(dict.fromkeys(terms(query)))
        with self._lock:
            documents = len(self._slot_of)
            if documents == 0 or not wanted:
                return [], [(key, 0.0) for key in keys]
            average = self._total_length / documents
            slots_in_use = len(self._doc_terms)
            scores = np.zeros(slots_in_use, dtype=np.float32)
            # A boolean mask finds the matching slots several times faster than scanning the float scores.
            matched = np.zeros(slots_in_use, dtype=np.bool_)
            lengths = self._lengths[:slots_in_use]
            for term in wanted:
                compiled = self._postings_of(term)
                if compiled is None:
                    continue
                slots, tf = compiled
                idf = math.log(1.0 + (documents - slots.size + 0.5) / (slots.size + 0.5))
                norm = self.k1 * (1.0 - self.b + self.b * lengths[slots] / average)
                scores[slots] += idf * tf * (self.k1 + 1.0) / (tf + norm)
                matched[slots] = True
            scored = self._scores_of(keys, scores)
            if k <= 0:
                return [], scored
            candidates = np.flatnonzero(matched)
            return _top(self._keys[candidates], scores[candidates], k), scored

    def _scores_of(self, keys: Sequence[int], scores: npt.NDArray[np.float32]) -> Hits:
        if not keys:
            return []
        slots = np.fromiter((self._slot_of.get(key, -1) for key in keys), dtype=np.int64, count=len(keys))
        values = np.where(slots >= 0, scores[np.maximum(slots, 0)], 0.0).tolist()
        return list(zip(keys, values, strict=True))

    # -- snapshots ----------------------------------------------------------------------------------------------

    def keys(self) -> npt.NDArray[np.int64]:
        """Every key indexed, in no particular order."""
        with self._lock:
            return np.fromiter(self._slot_of, dtype=np.int64, count=len(self._slot_of))

    def arrays(self) -> dict[str, npt.NDArray[np.generic]]:
        """The index as plain arrays (documents renumbered densely), for `from_arrays` to restore."""
        with self._lock:
            live = np.sort(np.fromiter(self._slot_of.values(), dtype=np.int64, count=len(self._slot_of)))
            renumber = np.full(len(self._doc_terms), -1, dtype=np.int64)
            renumber[live] = np.arange(live.size, dtype=np.int64)
            vocabulary = sorted(self._postings.keys() | self._restored.keys())
            postings = [self._postings_of(term, keep=False) for term in vocabulary]
            counts = np.fromiter((0 if p is None else p[0].size for p in postings), dtype=np.int64)
            kept = [p for p in postings if p is not None]
            slots = np.concatenate([p[0] for p in kept]) if kept else np.zeros(0, dtype=np.int64)
            tf = np.concatenate([p[1] for p in kept]) if kept else np.zeros(0, dtype=np.float32)
            keys = self._keys[live].copy()
            lengths = self._lengths[live].copy()
        documents = renumber[slots]
        term_ids = np.repeat(np.arange(len(vocabulary), dtype=np.int32), counts)
        by_document = np.argsort(documents, kind="stable")
        return {
            "keys": keys,
            "lengths": lengths,
            "vocabulary": np.asarray(vocabulary, dtype=np.str_),
            "term_starts": np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
            "posting_documents": documents.astype(np.int32),
            "posting_tf": tf.astype(np.float32),
            "doc_starts": np.concatenate([[0], np.cumsum(np.bincount(documents, minlength=live.size))]).astype(
                np.int64
            ),
            "doc_term_ids": term_ids[by_document],
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, npt.NDArray[np.generic]]) -> LexicalIndex:
        """The index `arrays()` described. Raises ValueError if the arrays do not fit together."""
        keys = np.asarray(arrays["keys"], dtype=np.int64)
        lengths = np.asarray(arrays["lengths"], dtype=np.float32)
        vocabulary = [str(term) for term in arrays["vocabulary"].tolist()]
        term_starts = np.asarray(arrays["term_starts"], dtype=np.int64)
        documents = np.asarray(arrays["posting_documents"], dtype=np.int64)
        tf = np.asarray(arrays["posting_tf"], dtype=np.float32)
        doc_starts = np.asarray(arrays["doc_starts"], dtype=np.int64)
        doc_term_ids = np.asarray(arrays["doc_term_ids"], dtype=np.int32)
        n = keys.size
        consistent = (
            lengths.shape == (n,)
            and term_starts.shape == (len(vocabulary) + 1,)
            and doc_starts.shape == (n + 1,)
            and documents.shape == tf.shape == doc_term_ids.shape == (int(term_starts[-1]),)
            and int(doc_starts[-1]) == documents.size
            and (documents.size == 0 or 0 <= int(documents.min()) <= int(documents.max()) < n)
            and (doc_term_ids.size == 0 or 0 <= int(doc_term_ids.min()) <= int(doc_term_ids.max()) < len(vocabulary))
            and np.unique(keys).size == n
        )
        if not consistent:
            raise ValueError("lexical index arrays do not fit together")
        index = cls()
        index._slot_of = dict(zip(keys.tolist(), range(n), strict=True))
        index._keys = np.concatenate([keys, np.zeros(max(n, 64), dtype=np.int64)])
        index._lengths = np.concatenate([lengths, np.zeros(max(n, 64), dtype=np.float32)])
        index._doc_terms = [_IN_SNAPSHOT] * n
        index._total_length = int(lengths.astype(np.int64).sum())
        bounds = term_starts.tolist()
        index._restored = {
            term: (documents[bounds[i] : bounds[i + 1]], tf[bounds[i] : bounds[i + 1]])
            for i, term in enumerate(vocabulary)
            if bounds[i + 1] > bounds[i]
        }
        index._vocabulary = vocabulary
        index._doc_starts = doc_starts
        index._doc_term_ids = doc_term_ids
        return index


def _top(keys: npt.NDArray[np.int64], scores: npt.NDArray[np.floating], k: int) -> Hits:
    """The k best (key, score) pairs, best first; equal scores in key order, so results are reproducible."""
    if keys.size == 0 or k <= 0:
        return []
    if keys.size > k:
        # Keep everything tied with the k-th best, then order fully: a partial sort alone would pick ties arbitrarily.
        kth = np.partition(scores, keys.size - k)[keys.size - k]
        mask = scores >= kth
        keys, scores = keys[mask], scores[mask]
    order = np.lexsort((keys, -scores))[:k]
    return [(int(keys[i]), float(scores[i])) for i in order]


def exact_search(
    vectors: npt.NDArray[np.float32], keys: npt.NDArray[np.int64], query: npt.NDArray[np.float32], k: int
) -> Hits:
    """Brute-force top k by cosine similarity: the baseline, and the search for small filtered candidate sets.

    Rows of `vectors` must be L2-normalised (every embedder's output is); the query is normalised here.
    """
    if vectors.shape[0] != keys.shape[0]:
        raise ValueError("vectors and keys differ in length")
    if k <= 0 or keys.size == 0:
        return []
    q = np.asarray(query, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(q))
    if norm == 0.0:
        return []
    similarities = vectors @ (q / norm)
    return _top(np.asarray(keys, dtype=np.int64), similarities, k)


class FusionMethod(StrEnum):
    """How hybrid() merges two hit lists (values match somastack.memory.config.Fusion)."""

    WSUM = "wsum"
    RRF = "rrf"


#: Reciprocal-rank-fusion damping constant, as in Cormack et al. (2009).
RRF_K = 60


def hybrid(
    vector_hits: Hits,
    lexical_hits: Hits,
    *,
    k: int,
    vector_weight: float = 0.7,
    method: FusionMethod | str = FusionMethod.WSUM,
) -> Hits:
    """Fuses vector hits (cosine similarity) and lexical hits (BM25) into the k best, scores in [0, 1], best first.

    `wsum`: vector_weight x cosine (clipped at 0) + (1 - vector_weight) x BM25 / best BM25 of the list; a key
    missing from a list contributes 0 there (hybrid_search fills such gaps first). `rrf`: weighted reciprocal
    rank fusion, divided by its largest possible value.
    """
    if not 0.0 <= vector_weight <= 1.0:
        raise ValueError("vector_weight must be within [0, 1]")
    lexical_weight = 1.0 - vector_weight
    if FusionMethod(method) is FusionMethod.RRF:
        ceiling = (vector_weight + lexical_weight) / (RRF_K + 1)
        parts = []
        for weight, hits in ((vector_weight, vector_hits), (lexical_weight, lexical_hits)):
            ranked = sorted(hits, key=lambda hit: (-hit[1], hit[0]))
            keys = np.fromiter((key for key, _ in ranked), dtype=np.int64, count=len(ranked))
            parts.append((keys, weight / (RRF_K + np.arange(1, len(ranked) + 1, dtype=np.float64)) / ceiling))
    else:
        vector_keys, similarities = _arrays(vector_hits)
        lexical_keys, bm25 = _arrays(lexical_hits)
        best = float(bm25.max()) if bm25.size else 0.0
        parts = [(vector_keys, vector_weight * np.clip(similarities, 0.0, 1.0))]
        if best > 0.0:
            parts.append((lexical_keys, lexical_weight * np.maximum(bm25, 0.0) / best))
    keys = np.concatenate([p[0] for p in parts])
    if keys.size == 0:
        return []
    # One score per key: the sum of its parts.
    unique, where = np.unique(keys, return_inverse=True)
    fused = np.asarray(
        np.bincount(where, weights=np.concatenate([p[1] for p in parts]), minlength=unique.size), dtype=np.float64
    )
    return [(key, min(score, 1.0)) for key, score in _top(unique, fused, k)]


def _arrays(hits: Hits) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    keys = np.fromiter((key for key, _ in hits), dtype=np.int64, count=len(hits))
    scores = np.fromiter((score for _, score in hits), dtype=np.float64, count=len(hits))
    return keys, scores


def hybrid_search(
    vectors: VectorIndex,
    lexical: LexicalIndex,
    query_vector: npt.NDArray[np.float32],
    query_text: str,
    k: int,
    *,
    candidates: int = 50,
    vector_weight: float = 0.7,
    method: FusionMethod | str = FusionMethod.WSUM,
) -> Hits:
    """One tenant's recall: the best `candidates` of each index, each candidate scored by both, then fused.

    With `wsum`, a candidate that only one index returned gets its score from the other one too (exact cosine of
    its stored vector, BM25 of its text), so the weighted sum compares like with like; `rrf` fuses the ranks as
    they come.
    """
    if k <= 0:
        return []
    vector_hits, lexical_hits = hybrid_candidates(
        vectors, lexical, query_vector, query_text, max(k, candidates), method=method
    )
    return hybrid(vector_hits, lexical_hits, k=k, vector_weight=vector_weight, method=method)


def hybrid_candidates(
    vectors: VectorIndex,
    lexical: LexicalIndex,
    query_vector: npt.NDArray[np.float32],
    query_text: str,
    depth: int,
    *,
    method: FusionMethod | str = FusionMethod.WSUM,
) -> tuple[Hits, Hits]:
    """The vector and lexical hits `hybrid_search` fuses: the best `depth` of each index and, with `wsum`, each
    candidate also scored by the other index (the lexical list then holds every candidate's BM25 > 0, its best
    first being the best BM25 of the whole tenant)."""
    vector_hits = vectors.search(query_vector, depth)
    if FusionMethod(method) is not FusionMethod.WSUM:
        return vector_hits, lexical.search(query_text, depth)
    in_vector = [key for key, _ in vector_hits]
    lexical_hits, vector_keys_lexically = lexical.search_and_score(query_text, depth, in_vector)
    seen = set(in_vector)
    lexical_keys = {key for key, _ in lexical_hits}
    lexical_hits += [hit for hit in vector_keys_lexically if hit[1] > 0.0 and hit[0] not in lexical_keys]
    missing = vectors.present([key for key, _ in lexical_hits if key not in seen])
    if missing:
        q = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        q = q / max(float(np.linalg.norm(q)), 1e-12)
        try:
            stored = vectors.get(missing)
        except KeyError:
            pass  # removed by another thread since present(): those candidates keep their BM25 share only
        else:
            vector_hits += [(key, float(s)) for key, s in zip(missing, stored @ q, strict=True)]
    return vector_hits, lexical_hits
