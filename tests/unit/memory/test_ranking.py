"""Ranking: BM25 against a reference computation, exact search, and the fusion of vector and lexical hits."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from somastack.memory.embedder import HashingEmbedder, terms
from somastack.memory.index import VectorIndex
from somastack.memory.ranking import LexicalIndex, exact_search, hybrid, hybrid_search

DOCS = {
    1: "The schema migration locked the orders table.",
    2: "Backups of the orders database run nightly; restore drills monthly.",
    3: "Sourdough starter needs feeding; the oven must be hot.",
    4: "Migration of the billing schema: migration scripts, migration review, migration rollback.",
    5: "Orders orders orders: a very long note about orders and many other unrelated words that dilute the text.",
}


def lexical(docs: dict[int, str] = DOCS) -> LexicalIndex:
    index = LexicalIndex()
    for key, text in docs.items():
        index.add(key, text)
    return index


def reference_bm25(docs: dict[int, str], query: str, k1: float = 1.2, b: float = 0.75) -> dict[int, float]:
    """BM25 written out term by term, the textbook way."""
    tokenised = {key: Counter(terms(text)) for key, text in docs.items()}
    n = len(docs)
    average = sum(sum(c.values()) for c in tokenised.values()) / n
    scores: dict[int, float] = {}
    for term in dict.fromkeys(terms(query)):
        df = sum(term in c for c in tokenised.values())
        if not df:
            continue
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        for key, counts in tokenised.items():
            tf = counts[term]
            if tf:
                length = sum(counts.values())
                scores[key] = scores.get(key, 0.0) + idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average))
    return scores


@pytest.mark.parametrize("query", ["orders migration", "schema", "orders table restore", "oven starter feeding"])
def test_bm25_matches_the_reference(query: str) -> None:
    expected = reference_bm25(DOCS, query)
    hits = lexical().search(query, 10)
    assert {key for key, _ in hits} == set(expected)
    for key, score in hits:
        assert score == pytest.approx(expected[key], rel=1e-5)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


def test_bm25_basics() -> None:
    index = lexical()
    # Rarer terms weigh more: "sourdough" (1 doc) beats "orders" (3 docs) for the doc holding only it.
    assert index.search("sourdough orders", 1)[0][0] == 3
    # Term frequency saturates and long texts are penalised: the doc repeating "orders" does not run away.
    scores = dict(index.search("orders", 10))
    assert scores[5] < 2 * scores[1]
    # Stemming joins inflections: "migrating" finds "migration".
    assert {key for key, _ in index.search("migrating", 10)} == {1, 4}
    assert index.search("zebra", 10) == []
    assert index.search("the and of", 10) == []
    assert index.search("orders", 0) == []
    assert len(index.search("orders", 2)) == 2


def test_bm25_remove_and_replace() -> None:
    index = lexical()
    index.remove(3)
    index.remove(42)
    assert len(index) == 4 and 3 not in index
    assert index.search("sourdough", 10) == []
    index.add(1, "Sourdough loaves for the bakery")
    assert {key for key, _ in index.search("sourdough", 10)} == {1}
    assert 1 not in {key for key, _ in index.search("schema", 10)}
    remaining = {key: text for key, text in DOCS.items() if key not in (1, 3)} | {1: "Sourdough loaves for the bakery"}
    for key, score in index.search("orders schema bakery", 10):
        assert score == pytest.approx(reference_bm25(remaining, "orders schema bakery")[key], rel=1e-5)
    # Slots are reused; the index keeps working after many rewrites.
    for round_ in range(50):
        index.add(100 + round_ % 5, f"round {round_} note about orders")
    assert len(index) == 9


def test_bm25_scores_given_keys() -> None:
    index = lexical()
    expected = reference_bm25(DOCS, "orders")
    assert index.score("orders", [3, 1, 77]) == [(3, 0.0), (1, pytest.approx(expected[1], rel=1e-5)), (77, 0.0)]
    top, scored = index.search_and_score("orders", 1, [2])
    assert len(top) == 1 and scored == [(2, pytest.approx(expected[2], rel=1e-5))]
    assert LexicalIndex().search("orders", 5) == []


def test_exact_search() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((500, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    keys = np.arange(500, dtype=np.int64) * 3
    query = rng.standard_normal(32).astype(np.float32)
    hits = exact_search(vectors, keys, query * 5, 10)  # the query's length does not matter
    order = np.argsort(-(vectors @ (query / np.linalg.norm(query))))[:10]
    assert [key for key, _ in hits] == keys[order].tolist()
    assert hits[0][1] == pytest.approx(float(vectors[order[0]] @ query / np.linalg.norm(query)), rel=1e-5)
    assert len(exact_search(vectors[:3], keys[:3], query, 10)) == 3
    assert exact_search(vectors, keys, query, 0) == []
    with pytest.raises(ValueError):
        exact_search(vectors, keys[:10], query, 5)


def test_hybrid_weighted_sum() -> None:
    vector_hits = [(1, 0.9), (2, 0.5), (3, 0.4)]
    lexical_hits = [(3, 12.0), (4, 6.0)]
    fused = hybrid(vector_hits, lexical_hits, k=10, vector_weight=0.5)
    assert dict(fused) == pytest.approx({1: 0.45, 2: 0.25, 3: 0.7, 4: 0.25})
    assert [key for key, _ in fused] == [3, 1, 2, 4]  # ties in key order
    assert all(0.0 <= score <= 1.0 for _, score in fused)
    assert [key for key, _ in hybrid(vector_hits, lexical_hits, k=10, vector_weight=1.0)][:3] == [1, 2, 3]
    assert [key for key, _ in hybrid(vector_hits, lexical_hits, k=2, vector_weight=0.0)] == [3, 4]
    # Negative cosine never lowers a score below what BM25 gives.
    assert hybrid([(5, -0.3)], [(5, 2.0)], k=1, vector_weight=0.5) == [(5, pytest.approx(0.5))]
    assert hybrid([], [], k=5) == []
    with pytest.raises(ValueError):
        hybrid(vector_hits, lexical_hits, k=3, vector_weight=1.5)


def test_hybrid_reciprocal_rank_fusion() -> None:
    fused = hybrid([(1, 0.9), (2, 0.8)], [(1, 5.0), (3, 4.0)], k=10, vector_weight=0.5, method="rrf")
    assert fused[0] == (1, pytest.approx(1.0))
    assert [key for key, _ in fused] == [1, 2, 3]
    assert all(0.0 < score <= 1.0 for _, score in fused)


def test_hybrid_search_scores_every_candidate_by_both() -> None:
    texts = {
        10: "canary release of the payments API paused",
        11: "the canary rollout percentage dashboard",
        12: "deploymnet rollbak plan for the hotfix branch",
        13: "sourdough starter and oven temperature",
    }
    embedder = HashingEmbedder()
    keys = np.array(list(texts), dtype=np.int64)
    vectors = VectorIndex(embedder.dimensions)
    vectors.add(keys, embedder.embed_sync(list(texts.values())))
    words = lexical(texts)
    query = "deployment rollback plan"
    q = embedder.embed_sync([query])[0]
    fused = hybrid_search(vectors, words, q, query, 3, candidates=2, vector_weight=0.5)
    assert fused[0][0] == 12  # typo'd text: weak for BM25 ("plan" only), strong by character n-grams
    cosine = dict(exact_search(embedder.embed_sync(list(texts.values())), keys, q, 4))
    bm25 = dict(words.score(query, list(texts)))
    best = max(bm25.values())
    for key, score in fused:
        assert score == pytest.approx(0.5 * max(cosine[key], 0.0) + 0.5 * bm25[key] / best, rel=1e-4)
    assert hybrid_search(vectors, words, q, query, 0) == []
    assert hybrid_search(vectors, words, q, query, 2, method="rrf")[0][0] == 12


def test_bm25_restored_from_its_arrays_scores_exactly_as_the_original() -> None:
    original = lexical()
    original.remove(3)
    original.add(6, "A migration rollback drill on the orders schema, with backups restored.")
    restored = LexicalIndex.from_arrays(original.arrays())
    queries = ["orders migration", "schema", "orders table restore", "oven starter feeding", "rollback drill"]
    for query in queries:
        assert restored.search(query, 10) == original.search(query, 10)
        assert restored.score(query, [1, 2, 3, 4, 5, 6]) == original.score(query, [1, 2, 3, 4, 5, 6])
    assert sorted(restored.keys().tolist()) == [1, 2, 4, 5, 6]
    # Changes after the restore, to restored documents and restored terms alike, keep it in step with the original.
    for index in (original, restored):
        index.remove(4)
        index.add(2, "Orders of sourdough: the oven schema.")
        index.add(7, "feeding the orders table")
    for query in queries:
        assert restored.search(query, 10) == original.search(query, 10)
    survivors = {key: DOCS[key] for key in (1, 5)} | {
        2: "Orders of sourdough: the oven schema.",
        6: "A migration rollback drill on the orders schema, with backups restored.",
        7: "feeding the orders table",
    }
    for query in queries:
        assert dict(restored.search(query, 10)) == pytest.approx(reference_bm25(survivors, query), rel=1e-5)


def test_bm25_arrays_that_do_not_fit_together_are_refused() -> None:
    arrays = lexical().arrays()
    arrays["posting_documents"] = arrays["posting_documents"] + 100
    with pytest.raises(ValueError, match="do not fit"):
        LexicalIndex.from_arrays(arrays)
    assert len(LexicalIndex.from_arrays(LexicalIndex().arrays())) == 0
