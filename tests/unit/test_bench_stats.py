"""bench/stats.py: the benches' one percentile, and no bench computing its own."""

from __future__ import annotations

import re

import pytest

from bench.stats import percentile
from tests.conftest import REPO


def test_percentile_interpolates_between_the_closest_ranks() -> None:
    samples = [5.0, 1.0, 4.0, 2.0, 3.0]  # any order
    assert percentile(samples, 0) == 1.0 and percentile(samples, 100) == 5.0
    assert percentile(samples, 50) == 3.0  # the median
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile(samples, 90) == pytest.approx(4.6)
    assert percentile(range(1, 101), 99) == pytest.approx(99.01)
    assert percentile([7.0], 99) == 7.0


def test_percentile_refuses_no_samples_and_fractions_out_of_range() -> None:
    with pytest.raises(ValueError, match="no samples"):
        percentile([], 50)
    with pytest.raises(ValueError, match="outside 0-100"):
        percentile([1.0], 101)


def test_no_bench_computes_percentiles_of_its_own() -> None:
    own = re.compile(r"def (percentile|quantile)\(|statistics\.(median|quantiles)|np\.(percentile|quantile)\(")
    offenders = [
        path.name
        for path in sorted((REPO / "bench").glob("*.py"))
        if path.name != "stats.py" and own.search(path.read_text())
    ]
    assert offenders == [], "use bench/stats.py's percentile"
