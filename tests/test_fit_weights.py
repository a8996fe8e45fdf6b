"""bench/fit_align_weights.py: the shipped weights are the mean of structured fits over case orders."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from ushtil.aligner.scoring import default_settings

sys.path.append(str(Path(__file__).resolve().parents[1] / "bench"))
import fit_align_weights as fitting


def test_structured_fits_are_averaged_over_seeded_case_orders(monkeypatch):
    visited = []

    def one_fit(cases, settings, lexicon, length_means, epochs):
        visited.append(list(cases))
        return fitting.parameters(settings) + len(visited)  # each fit lands somewhere else

    monkeypatch.setattr(fitting, "structured_fit", one_fit)
    settings = default_settings()
    cases = list("abcdefgh")
    averaged = fitting.averaged_structured_fit(cases, settings, {}, {}, 6, orders=4, seed=0)
    assert np.allclose(fitting.parameters(averaged), fitting.parameters(settings) + 2.5)  # mean of +1..+4
    assert all(sorted(order) == cases for order in visited)
    assert len({tuple(order) for order in visited}) == 4

    drawn = visited.copy()
    visited.clear()
    fitting.averaged_structured_fit(cases, settings, {}, {}, 6, orders=4, seed=0)
    assert visited == drawn  # the same seed, the same orders: a refit is reproducible
    visited.clear()
    fitting.averaged_structured_fit(cases, settings, {}, {}, 6, orders=4, seed=1)
    assert visited != drawn
    visited.clear()
    fitting.averaged_structured_fit(cases, settings, {}, {}, 6, orders=1, seed=1)
    assert visited == [cases]  # one fit: the cases in the order given, as before averaging
