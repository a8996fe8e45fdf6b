"""A page missing from one language of a long text, on NTREX text (../shared/bench/ntrex-dev, skipped
without it): the anchors a long section's guides start from, the band they make, and the gap found."""

from __future__ import annotations

import itertools
import json

import pytest

from conftest import NTREX
from ushtil.aligner import align_corpus
from ushtil.aligner.pipeline import GUIDE_MAX_WIDTH, _anchor_path, _anchors
from ushtil.aligner.profile import profile_sentence
from ushtil.model import LANGS

pytestmark = pytest.mark.skipif(not NTREX.is_dir(), reason="../shared/bench/ntrex-dev is not there")


def concatenated(copies: int = 1, drop: tuple[str, float, int] | None = None):
    """Every dev case one after the other (``copies`` times), and the gold beads; ``drop``
    (language, share, count): that language's sentences of the beads from the share of the text on
    are left out until ``count`` are gone (the beads keep their other languages). (The texts, the
    gold beads, and the beads of the dropped run.)"""
    texts = {lang: [] for lang in LANGS}
    beads = []
    for _ in range(copies):
        for path in sorted(NTREX.glob("*.gold.jsonl")):
            case = path.name[: -len(".gold.jsonl")]
            offsets = {lang: len(texts[lang]) for lang in LANGS}
            for lang in LANGS:
                texts[lang] += (NTREX / f"{case}.{lang}.txt").read_text(encoding="utf-8").splitlines()
            beads += [{lang: [offsets[lang] + i for i in bead[lang]] for lang in LANGS}
                      for bead in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
    first = last = 0
    if drop:
        lang, share, count = drop
        first = last = int(share * len(beads))
        dropped = 0
        while dropped < count:
            dropped += len(beads[last][lang])
            beads[last] = {**beads[last], lang: []}
            last += 1
    for lang in LANGS:  # number the sentences left
        kept = sorted(i for bead in beads for i in bead[lang])
        number = {old: new for new, old in enumerate(kept)}
        texts[lang] = [texts[lang][i] for i in kept]
        beads = [{**bead, lang: [number[i] for i in bead[lang]]} for bead in beads]
    return texts, beads, beads[first:last]


def test_anchors_are_translations_spread_over_the_text():
    texts, gold, _ = concatenated()
    profiles = {lang: [profile_sentence(text, lang) for text in texts[lang]] for lang in LANGS}
    for other in ("kk", "ru"):
        links = {(i, j) for bead in gold for i in bead["en"] for j in bead[other]}
        anchors = _anchors(profiles["en"], profiles[other])
        assert len(anchors) > len(texts["en"]) / 20
        assert set(anchors) <= links
        rows = [0, *(i for i, _ in anchors), len(texts["en"])]
        assert max(b - a for a, b in itertools.pairwise(rows)) < 100


def test_the_anchor_band_holds_a_missing_page_and_stays_narrow():
    texts, gold, gap = concatenated(copies=2, drop=("kk", 0.5, 120))
    assert sum(len(bead["en"]) for bead in gap) >= 120
    profiles = {lang: [profile_sentence(text, lang) for text in texts[lang]] for lang in ("en", "kk")}
    low, high = _anchor_path(_anchors(profiles["en"], profiles["kk"]), len(texts["en"]), len(texts["kk"]))
    # every gold link within the guide's band: the anchors' path, GUIDE_MAX_WIDTH either side
    for bead in gold:
        for i in bead["en"]:
            for j in bead["kk"]:
                assert low[i] - GUIDE_MAX_WIDTH <= j <= high[i] + GUIDE_MAX_WIDTH, (i, j)
    # wide only across the gap: a few sentences per row on average (a band around the diagonal as
    # wide as the texts' difference in length would have 2 * 143 + 1)
    assert len(texts["en"]) - len(texts["kk"]) > 140
    assert (high - low + 1).sum() < 5 * len(texts["en"])
    # and across the gap it lets the Kazakh side stand still where the page is missing
    where = min(j for bead in gold if bead["kk"] and bead["en"] and bead["en"][0] > gap[0]["en"][0] for j in bead["kk"])
    for i in (i for bead in gap for i in bead["en"]):
        assert low[i] - GUIDE_MAX_WIDTH <= where <= high[i] + GUIDE_MAX_WIDTH, i


def test_a_missing_page_comes_out_as_one_gap_in_its_place():
    texts, _, gap = concatenated(drop=("kk", 0.5, 60))
    missing = {i for bead in gap for i in bead["en"]}
    assert len(missing) >= 60
    alignment, = align_corpus([("long", texts)]).alignments
    without_kk = [not bead.sentences["kk"] for bead in alignment.beads]
    english = [set(bead.sentences["en"]) for bead in alignment.beads]
    runs = [run for run in _runs(without_kk) if any(english[b] & missing for b in run)]
    assert len(runs) == 1
    assert set().union(*(english[b] for b in runs[0])) == missing


def _runs(flags: list[bool]) -> list[range]:
    """The runs of consecutive True flags, as ranges of positions."""
    runs, start = [], None
    for position, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = position
        elif not flag and start is not None:
            runs.append(range(start, position))
            start = None
    return runs
