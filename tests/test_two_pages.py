"""Two pages missing from one text, on NTREX text (../shared/bench/ntrex-dev, skipped without it):
a page of Kazakh early on and a page of English later, each found as one gap in its place; and the
two mechanisms that used to split them: a chance anchor inside a page, a sentence kept inside it."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from conftest import NTREX
from test_long_gaps import _runs, concatenated
from ushtil.aligner import align_corpus
from ushtil.aligner.confidence import path_bounds
from ushtil.aligner.dp import Move
from ushtil.aligner.gaps import PAGE_EDGE, charged_scores, interior_charges, page_interiors
from ushtil.aligner.pipeline import GUIDE_MAX_WIDTH, _over_gaps, _without_lone_offsets

pytestmark = pytest.mark.skipif(not NTREX.is_dir(), reason="../shared/bench/ntrex-dev is not there")

#: Kazakh lacks 150 sentences after 15 % of the beads, English 150 after 60 %.
DROPS = (("kk", 0.15, 150), ("en", 0.6, 150))


@functools.cache
def two_pages_found() -> dict[str, tuple[set[int], list[set[int]]]]:
    """Per page (the language it is missing from): the lines of the page in its witness (English
    for the Kazakh page, Russian for the English one), with the gold's own beads lacking the
    language right next to it; and the witness lines of each run of consecutive beads without the
    language that holds some of them."""
    texts, gold, _ = concatenated(1, *DROPS)
    alignment, = align_corpus([("long", texts)]).alignments
    found = {}
    for lang, _, _ in DROPS:
        witness = "ru" if lang == "en" else "en"
        lacking = [not bead[lang] for bead in gold]
        page = max(_runs(lacking), key=len)  # the dropped page, and the gold's own deletions beside it
        missing = {i for b in page for i in gold[b][witness]}
        without = [not bead.sentences[lang] for bead in alignment.beads]
        lines = [set(bead.sentences[witness]) for bead in alignment.beads]
        runs = [set().union(*(lines[b] for b in run)) for run in _runs(without)]
        found[lang] = (missing, [run for run in runs if run & missing])
    return found


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_each_of_two_pages_comes_out_as_one_gap_in_its_place(lang):
    # before, the sentence just before the Kazakh page (a partial translation, its pair scored low)
    # was paired with an unrelated sentence inside the page, cutting the page in two runs
    missing, runs = two_pages_found()[lang]
    assert len(missing) >= 150
    assert len(runs) == 1
    # nothing outside the page; of the English page, the last Russian sentence goes into the merge
    # that opens the text after it
    assert runs[0] <= missing and len(runs[0]) >= len(missing) - 1


def test_an_anchor_alone_at_an_offset_between_its_neighbours_is_left_out():
    # English 100-130 lacks a page of 150: the chain's offset (j - i) moves from 0 to 150 there; a
    # chance pair inside the page (offset 20) would split the page in two passages the band around
    # the anchors' path holds, and the guide pairs the English after the page inside it
    chain = [(50, 50), (99, 99), (120, 140), (131, 281), (200, 350)]
    assert _without_lone_offsets(chain, 300, 450) == [(50, 50), (99, 99), (131, 281), (200, 350)]
    # the anchors of a text with text between two pages keep their offsets: none is left out
    chain = [(50, 50), (99, 99), (110, 140), (115, 145), (131, 281), (200, 350)]
    assert _without_lone_offsets(chain, 300, 450) == chain


def test_a_sentence_kept_inside_a_page_a_guide_found_missing_is_charged_the_log_of_its_length():
    # an en-kk guide: English 0-9 paired, then 40 English sentences without Kazakh, then paired again
    moves = {move.value: move for move in Move}
    path, cell = [], (0, 0, 0)
    for taken in [(1, 1, 0)] * 10 + [(1, 0, 0)] * 40 + [(1, 1, 0)] * 10:
        path.append((cell, moves[taken]))
        cell = (cell[0] + taken[0], cell[1] + taken[1], 0)
    interior, = page_interiors(path, 1)
    assert (interior.lang, interior.witness) == (1, 0)
    assert (interior.first, interior.last) == (10 + PAGE_EDGE, 49 - PAGE_EDGE)
    assert interior.charge == pytest.approx(np.log(40))
    starts = np.array([[30, 10, 30], [30, 10, 30], [5, 5, 5], [52, 11, 52]])
    counts = np.array([[1, 1, 1], [1, 0, 1], [1, 1, 1], [1, 1, 1]])
    # a bead taking a Kazakh sentence inside the page is charged; one without Kazakh there, or one
    # before or after the page, is not
    assert list(interior_charges([interior], starts, counts)) == pytest.approx([np.log(40), 0, 0, 0])
    scores = np.zeros((2, len(starts)))
    charged = charged_scores(scores, starts, np.array([[1, 1, 1], [1, 0, 1]]), [interior])
    assert charged[0, 0] == pytest.approx(-np.log(40)) and charged[1, 0] == 0
    assert charged_scores(scores, starts, counts, []) is scores
    # per sentence: three Kazakh sentences merged into one stray bead inside the page cost what they
    # cost as three beads (charged once per bead, the true pairs just after a page that a guide's
    # stretch reached past were dearer than the same sentences merged at the page's start)
    merged = interior_charges([interior], np.array([[30, 10, 30]]), np.array([[0, 3, 3]]))
    assert merged == pytest.approx([3 * np.log(40)])


def test_a_page_with_strays_in_a_guide_widens_the_band_to_the_whole_page():
    # an en-kk guide: a Kazakh page of 60 sentences missing from English, but the guide paired three
    # English sentences from after the page with Kazakh 20-22 inside it; the three-way band of those
    # English rows must reach the page's end (Kazakh 70), far more than GUIDE_MAX_WIDTH from the path
    moves = {move.value: move for move in Move}
    path, cell = [], (0, 0, 0)
    for taken in ([(1, 1, 0)] * 10 + [(0, 1, 0)] * 10 + [(1, 1, 0)] * 3 + [(0, 1, 0)] * 47
                  + [(1, 1, 0)] * 10):
        path.append((cell, moves[taken]))
        cell = (cell[0] + taken[0], cell[1] + taken[1], 0)
    low, high = (bounds[:, 0] for bounds in path_bounds(path, 0, (1, 2), cell[0] + 1, 10**9))
    assert high[11] + GUIDE_MAX_WIDTH < 70
    widened_low, widened_high = _over_gaps(path, 1, low, high)
    assert all(widened_low[i] <= 10 and widened_high[i] >= 70 for i in range(10, 14))
    assert list(widened_high[15:]) == list(high[15:])
