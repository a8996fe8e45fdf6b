"""Bead scores: the calibrated confidence marks a planted wrong bead, the margin is that of the best
path, each language pair aligned on its own disputes the beads it would align otherwise, and the
calibration takes only the evidence it knows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import ushtil
from ushtil.aligner.confidence import CONFIDENCE_FEATURES, bead_evidence, disagreements, margins, pairwise_links
from ushtil.aligner.dp import Move
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
    """A Kazakh sentence replaced by one from another document: its bead is flagged, the beads away
    from it in the (clean, exactly aligned) rest of the document are not (its neighbours may be:
    the pairs aligned on their own disagree next to it)."""
    texts = lines(CASE)
    planted = 4
    texts["kk"][planted] = lines("reuters.218923")["kk"][3]
    alignment = ushtil.align(texts)
    low = default_settings().low_score
    holding = [n for n, bead in enumerate(alignment.beads) if planted in bead.sentences["kk"]]
    assert holding and all("low_score" in alignment.beads[n].flags and alignment.beads[n].score < low
                           for n in holding)
    away = [bead for n, bead in enumerate(alignment.beads) if all(abs(n - m) > 1 for m in holding)]
    assert away and all(bead.score >= 0.9 and "low_score" not in bead.flags for bead in away)


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


def test_each_pair_aligned_alone_follows_a_clean_document():
    """In an exactly aligned document every pair on its own links sentence i with sentence i, and no
    bead is disputed."""
    texts = lines(CASE)
    section = Section("", {lang: [texts[lang]] for lang in LANGS})
    options = AlignOptions()
    result = align_section(section, pair_models(options), options)
    size = len(texts["en"])
    assert [sorted(links) for links in pairwise_links(result.scorer, result.path)] == [
        [(i, i) for i in range(size)]] * 3
    rows = bead_evidence(result.scorer, result.path)
    assert rows[:, CONFIDENCE_FEATURES.index("disputed")].tolist() == [0.0] * size
    assert rows[:, CONFIDENCE_FEATURES.index("unpaired")].tolist() == [0.0] * size


def test_a_pair_that_links_across_a_bead_disputes_it():
    """en-ru on its own crosses the two 1-1-1 beads (en 0 with ru 1, en 1 with ru 0): both are
    disputed by that pair, and in it their sentences have no partner inside the bead; kk-ru leaves
    the second bead's sentences unlinked: unpaired there too. en-kk agrees."""
    path = [((0, 0, 0), Move.M1_1_1), ((1, 1, 1), Move.M1_1_1)]
    links = [{(0, 0), (1, 1)}, {(0, 1), (1, 0)}, {(0, 0)}]
    slots = [(0, 1), (0, 2), (1, 2)]
    assert disagreements(path, links, slots).tolist() == [[1.0, 1.0], [1.0, 2.0]]
    # en-ru on its own links English 0 and 1 both with Russian 0: it disputes the bead that leaves
    # Russian out, and the next one, whose Russian sentence it also links outside
    missing = [((0, 0, 0), Move.M1_1_0), ((1, 1, 0), Move.M1_1_1)]
    assert disagreements(missing, [{(0, 0), (1, 1)}, {(0, 0), (1, 0)}, {(1, 0)}], slots).tolist() == [
        [1.0, 0.0], [1.0, 0.0]]
