"""The benches' one statistics helper: percentiles with a single definition, q on the 0-100 scale.

Every bench reports its p50 and p99 through `percentile`, so the same name means the same figure in every table
and result file. The definition is linear interpolation between the two closest ranks (numpy's default method,
Hyndman and Fan's type 7): with the samples sorted as x[0] <= ... <= x[n-1], the q-th percentile is read at
position (n - 1) * q / 100, interpolating between the neighbouring samples. It is exact at the ends (p0 is the
minimum, p100 the maximum) and p50 is the median.
"""

from __future__ import annotations

import math
from collections.abc import Iterable


def percentile(samples: Iterable[float], q: float) -> float:
    """The q-th percentile (0 <= q <= 100) of `samples`, given in any order; see the module for the definition.

    Raises:
        ValueError: no samples, or q outside [0, 100] (p99 is q=99, not 0.99).
    """
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0-100")
    ordered = sorted(samples)
    if not ordered:
        raise ValueError("percentile of no samples")
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
