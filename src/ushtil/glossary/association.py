"""Association statistics between an English term and a rendering, counted over units (beads).

Dice says how exclusively two terms occur together; the log-likelihood ratio (G²) says how sure that
is, and grows with the corpus: one shared bead is a hint, twenty are proof.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    """Units holding both terms, each term, and all units."""

    both: int
    source: int
    target: int
    total: int

    @property
    def dice(self) -> float:
        return 2 * self.both / (self.source + self.target) if self.source + self.target else 0.0

    @property
    def log_likelihood(self) -> float:
        """Dunning's G² of the 2×2 contingency table (0 when the terms are independent or repelled)."""
        k11 = self.both
        k12 = self.source - self.both
        k21 = self.target - self.both
        k22 = max(self.total - self.source - self.target + self.both, 0)
        n = k11 + k12 + k21 + k22
        if not n or k11 * n <= self.source * self.target:
            return 0.0
        cells = ((k11, k11 + k12, k11 + k21), (k12, k11 + k12, k12 + k22),
                 (k21, k21 + k22, k11 + k21), (k22, k21 + k22, k12 + k22))
        return 2 * sum(k * math.log(k * n / (row * col)) for k, row, col in cells if k)
