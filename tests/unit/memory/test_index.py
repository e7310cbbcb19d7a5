"""The per-tenant ANN index: upsert and removal, search quality against exact search, persistence, tenants."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from somastack.memory.index import WIDTH_BASE_SIZE, TenantIndexes, VectorIndex, search_width, tenant_file_name
from somastack.memory.ranking import exact_search

D = 384


def unit(rows: npt.NDArray[np.float64]) -> npt.NDArray[np.float32]:
    return (rows / np.linalg.norm(rows, axis=-1, keepdims=True)).astype(np.float32)


def random_unit(n: int, seed: int = 0, d: int = D) -> npt.NDArray[np.float32]:
    return unit(np.random.default_rng(seed).standard_normal((n, d)))


def low_rank(n: int, seed: int, intrinsic: int = 48) -> npt.NDArray[np.float32]:
    """Random vectors near one random 48-dimensional subspace of R^384 (the same for every seed), plus noise.

    Embeddings of text have a low intrinsic dimension like this. Uniform random 384-d vectors have none, and no
    neighbourhoods to speak of (every point nearly orthogonal to every other): a case no embedding model produces
    and no graph index handles; docs/memory.md gives its figures separately.
    """
    basis = np.random.default_rng(1234).standard_normal((intrinsic, D))
    rng = np.random.default_rng(seed)
    return unit(rng.standard_normal((n, intrinsic)) @ basis + rng.standard_normal((n, D)) * 0.1 * np.sqrt(intrinsic))


def recall_vs_exact(
    index: VectorIndex, data: npt.NDArray[np.float32], keys: npt.NDArray[np.int64], queries: npt.NDArray[np.float32]
) -> float:
    found = 0
    for query in queries:
        truth = {key for key, _ in exact_search(data, keys, query, 10)}
        found += len(truth & {key for key, _ in index.search(query, 10)})
    return found / (10 * len(queries))


def test_search_returns_cosine_similarity_best_first() -> None:
    index = VectorIndex(4)
    index.add(np.array([1, 2, 3]), np.eye(4, dtype=np.float32)[:3])
    hits = index.search(np.array([1.0, 0.2, 0.0, 0.0], dtype=np.float32), 3)
    assert [key for key, _ in hits] == [1, 2, 3]
    assert hits[0][1] == pytest.approx(1 / np.sqrt(1.04), abs=1e-5)
    assert hits[2][1] == pytest.approx(0.0, abs=1e-5)
    assert len(index) == 3 and 2 in index and 7 not in index


def test_add_replaces_a_key() -> None:
    index = VectorIndex(4)
    eye = np.eye(4, dtype=np.float32)
    index.add(np.array([1, 2]), eye[:2])
    index.add(np.array([1]), eye[3:4])
    assert len(index) == 2
    assert index.search(eye[3], 1) == [(1, pytest.approx(1.0, abs=1e-5))]
    assert dict(index.search(eye[0], 2)) == {1: pytest.approx(0.0, abs=1e-5), 2: pytest.approx(0.0, abs=1e-5)}
    assert index.search(eye[0], 2)[0][0] == 1  # equal similarities come in key order
    np.testing.assert_allclose(index.get([1]), eye[3:4])


def test_last_duplicate_of_a_batch_wins() -> None:
    index = VectorIndex(4)
    eye = np.eye(4, dtype=np.float32)
    index.add(np.array([5, 6, 5]), eye[:3])
    assert len(index) == 2
    np.testing.assert_allclose(index.get([5, 6]), eye[[2, 1]])


def test_remove() -> None:
    index = VectorIndex(4)
    eye = np.eye(4, dtype=np.float32)
    index.add(np.arange(4), eye)
    assert index.remove([1, 3, 99]) == 2
    assert index.remove([]) == 0
    assert len(index) == 2
    assert {key for key, _ in index.search(eye[1], 10)} == {0, 2}
    with pytest.raises(KeyError):
        index.get([1])


def test_edges() -> None:
    index = VectorIndex(4)
    assert index.search(np.ones(4, dtype=np.float32), 5) == []
    index.add(np.array([1]), np.ones((1, 4), dtype=np.float32))
    assert index.search(np.ones(4, dtype=np.float32), 0) == []
    assert len(index.search(np.ones(4, dtype=np.float32), 50)) == 1
    index.add(np.array([], dtype=np.int64), np.zeros((0, 4), dtype=np.float32))
    with pytest.raises(ValueError, match="non-negative"):
        index.add(np.array([-1]), np.ones((1, 4), dtype=np.float32))
    with pytest.raises(ValueError, match="shape"):
        index.add(np.array([2, 3]), np.ones((1, 4), dtype=np.float32))
    with pytest.raises(ValueError, match="finite"):
        index.add(np.array([2]), np.full((1, 4), np.nan, dtype=np.float32))
    with pytest.raises(ValueError, match="components"):
        index.search(np.ones(3, dtype=np.float32), 1)


def test_recall_at_10_against_exact_search_on_10k_vectors() -> None:
    data, queries = low_rank(10_000, seed=1), low_rank(200, seed=2)
    keys = np.arange(10_000, dtype=np.int64) * 7 + 3
    index = VectorIndex(D)
    index.add(keys, data)
    recall = recall_vs_exact(index, data, keys, queries)
    print(f"recall@10 vs exact, 10k x {D}, intrinsic dimension 48: {recall:.4f}")
    assert recall >= 0.95

    # Churn: replace a third of the vectors, remove a sixth; quality holds and removed keys never come back.
    rng = np.random.default_rng(2)
    replaced = rng.choice(10_000, 3_333, replace=False)
    fresh = low_rank(3_333, seed=3)
    data[replaced] = fresh
    index.add(keys[replaced], fresh)
    removed = rng.choice(10_000, 1_666, replace=False)
    index.remove(keys[removed].tolist())
    alive = np.setdiff1d(np.arange(10_000), removed)
    assert len(index) == alive.size
    recall = recall_vs_exact(index, data[alive], keys[alive], queries)
    print(f"after churn: {recall:.4f}")
    assert recall >= 0.95
    gone = set(keys[removed].tolist())
    assert not any(key in gone for query in queries for key, _ in index.search(query, 10))


def test_small_indexes_are_searched_exactly() -> None:
    data = random_unit(1_000, seed=4)
    queries = random_unit(50, seed=5)
    keys = np.arange(1_000, dtype=np.int64)
    index = VectorIndex(D, expansion_search=8)  # a beam this narrow would miss neighbours in the graph
    index.add(keys, data)
    assert recall_vs_exact(index, data, keys, queries) == 1.0


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    data = random_unit(3_000, seed=6)
    keys = np.arange(3_000, dtype=np.int64) + 1_000_000_000_000
    index = VectorIndex(D, exact_threshold=0)
    index.add(keys, data)
    index.remove(keys[:10].tolist())
    path = tmp_path / "sub" / "t.usearch"
    index.save(path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["t.usearch"]  # no temporary file left behind
    loaded = VectorIndex.load(path, D, exact_threshold=0)
    assert len(loaded) == len(index) == 2_990
    for query in random_unit(20, seed=7):
        assert loaded.search(query, 10) == index.search(query, 10)
    assert set(loaded.keys().tolist()) == set(keys[10:].tolist())
    np.testing.assert_allclose(loaded.get(keys[10:20]), data[10:20], rtol=1e-6)

    # Saving again replaces the file in one rename; the new content is what loads.
    index.add(keys[:1], data[:1])
    index.save(path)
    assert len(VectorIndex.load(path, D)) == 2_991

    with pytest.raises(ValueError, match="384-dimensional"):
        VectorIndex.load(path, 128)
    garbage = tmp_path / "garbage.usearch"
    garbage.write_bytes(b"not an index" * 100)
    with pytest.raises(ValueError):
        VectorIndex.load(garbage, D)


def test_tenants_are_separate(tmp_path: Path) -> None:
    indexes = TenantIndexes(tmp_path, 4)
    eye = np.eye(4, dtype=np.float32)
    indexes.get("acme").add(np.array([1, 2]), eye[:2])
    # The same key in another tenant is another memory with its own vector.
    indexes.get("globex").add(np.array([1, 9]), eye[2:4])
    assert {k for k, _ in indexes.get("acme").search(eye[2], 10)} == {1, 2}
    assert indexes.get("acme").search(eye[0], 1) == [(1, pytest.approx(1.0, abs=1e-5))]
    assert indexes.get("globex").search(eye[2], 1) == [(1, pytest.approx(1.0, abs=1e-5))]
    assert {k for k, _ in indexes.get("globex").search(eye[0], 10)} == {1, 9}
    assert len(indexes.get("initech")) == 0
    assert indexes.tenants() == ["acme", "globex", "initech"]


def test_tenant_indexes_persist_and_rebuild(tmp_path: Path) -> None:
    eye = np.eye(8, dtype=np.float32)
    odd = "tenants/ü b"  # not a safe file name: stored under a hex name
    indexes = TenantIndexes(tmp_path, 8)
    indexes.get("acme").add(np.arange(4), eye[:4])
    indexes.get(odd).add(np.arange(2), eye[4:6])
    indexes.save_all()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["acme.usearch", tenant_file_name(odd)])
    assert tenant_file_name(odd).startswith("~")
    written = (tmp_path / "acme.usearch").stat().st_mtime_ns

    indexes.get("globex")  # empty and unchanged: nothing to write
    indexes.save_all()
    assert (tmp_path / "acme.usearch").stat().st_mtime_ns == written
    assert not (tmp_path / "globex.usearch").exists()

    reopened = TenantIndexes(tmp_path, 8)
    assert reopened.tenants() == sorted(["acme", odd])
    assert len(reopened.get("acme")) == 4
    assert reopened.get(odd).search(eye[5], 1)[0][0] == 1

    reopened.rebuild("acme", np.array([10, 11]), eye[6:8])
    assert set(reopened.get("acme").keys().tolist()) == {10, 11}
    reopened.save_all()
    assert set(TenantIndexes(tmp_path, 8).get("acme").keys().tolist()) == {10, 11}

    reopened.drop(odd)
    assert reopened.tenants() == ["acme"]


def test_unreadable_index_file_starts_empty(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "acme.usearch").write_bytes(b"\0" * 256)
    indexes = TenantIndexes(tmp_path, 8)
    with caplog.at_level(logging.WARNING, logger="somastack.memory.index"):
        assert len(indexes.get("acme")) == 0
    assert "unreadable" in caplog.text
    indexes.rebuild("acme", np.array([1]), np.eye(8, dtype=np.float32)[:1])
    indexes.save_all()
    assert len(TenantIndexes(tmp_path, 8).get("acme")) == 1


def test_search_width_grows_with_the_graph() -> None:
    assert search_width(128, 0) == 128
    assert search_width(128, WIDTH_BASE_SIZE) == 128
    assert search_width(128, 2 * WIDTH_BASE_SIZE) == 192
    widths = [search_width(128, n) for n in (10_000, 100_000, 300_000, 1_000_000)]
    assert widths == sorted(widths) and widths[1] > 128
    assert search_width(1024, 100_000) >= 1024


def test_configured_width_is_kept_while_searches_widen_it() -> None:
    index = VectorIndex(D, expansion_search=64, exact_threshold=0)
    index.add(np.arange(100, dtype=np.int64), random_unit(100, seed=11))
    index.search(random_unit(1, seed=12)[0], 5)
    assert index.expansion_search == 64
    index.expansion_search = 32
    assert index.expansion_search == 32
