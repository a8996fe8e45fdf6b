"""Bead scores: the calibrated confidence marks a planted wrong bead, the margin is that of the best
path, and the calibration takes only the evidence it knows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import ushtil
from ushtil.aligner.confidence import CONFIDENCE_FEATURES, bead_evidence, margins
from ushtil.aligner.pipeline import AlignOptions, Section, align_section, pair_models
from ushtil.aligner.scoring import Calibration, default_settings

DEV = Path(__file__).resolve().parents[2] / "shared" / "bench" / "ntrex-dev"
LANGS = ("en", "kk", "ru")
CASE = "bbc.381780"


def lines(case: str) -> dict[str, list[str]]:
    if not DEV.is_dir():
        pytest.skip("../shared/bench/ntrex-dev is not there")
    return {lang: (DEV / f"{case}.{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in LANGS}


def test_a_planted_wrong_sentence_is_flagged_low_score():
    """A Kazakh sentence replaced by one from another document: its bead is flagged, the rest of the
    (clean, exactly aligned) document mostly is not."""
    texts = lines(CASE)
    planted = 4
    texts["kk"][planted] = lines("reuters.218923")["kk"][3]
    alignment = ushtil.align(texts)
    low = default_settings().low_score
    holding = [bead for bead in alignment.beads if planted in bead.sentences["kk"]]
    assert holding and all("low_score" in bead.flags and bead.score < low for bead in holding)
    others = [bead for bead in alignment.beads if bead not in holding and all(bead.sentences.values())]
    assert sum(bead.score >= 0.9 for bead in others) >= 0.8 * len(others)


def test_margins_are_those_of_the_best_path():
    """The programme's own path is the best one, so no path without one of its beads scores more
    (margin >= 0), and an unrelated sentence makes the beads around it less sure."""
    texts = lines(CASE)
    section = Section("", {lang: [texts[lang]] for lang in LANGS})
    options = AlignOptions()
    clean = align_section(section, pair_models(options), options)
    clean_margins = margins(clean.scorer, clean.path)
    assert len(clean_margins) == len(clean.path)
    assert (clean_margins >= -1e-6).all()
    texts["kk"][4] = lines("reuters.218923")["kk"][3]
    section = Section("", {lang: [texts[lang]] for lang in LANGS})
    planted = align_section(section, pair_models(options), options)
    near = [m for (start, move), m in zip(planted.path, margins(planted.scorer, planted.path), strict=True)
            if start[1] <= 4 < start[1] + move.value[1]]
    assert max(near) < np.median(clean_margins)


def test_evidence_rows_follow_the_feature_names():
    texts = lines(CASE)
    section = Section("", {lang: [texts[lang]] for lang in LANGS})
    options = AlignOptions()
    result = align_section(section, pair_models(options), options)
    rows = bead_evidence(result.scorer, result.path)
    assert rows.shape == (len(result.path), len(CONFIDENCE_FEATURES))
    merged = CONFIDENCE_FEATURES.index("merged")
    assert rows[:, merged].tolist() == [float(max(move.value) > 1) for _, move in result.path]


def test_calibration_weighs_known_evidence_only():
    assert Calibration().probabilities(np.zeros((1, len(CONFIDENCE_FEATURES))))[0] == pytest.approx(0.5)
    with pytest.raises(ValueError, match="unknown calibration feature"):
        Calibration(0.0, {"rival": 1.0})
