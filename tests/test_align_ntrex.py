"""The aligner on NTREX en/kk/ru cases from ../shared/bench/ntrex-dev (skipped without them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ushtil
from ushtil.read.triples import Triple, read_triple
from ushtil.split import split_triple

DEV = Path(__file__).resolve().parents[2] / "shared" / "bench" / "ntrex-dev"
LANGS = ("en", "kk", "ru")

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/bench/ntrex-dev is not there")


def gold(case: str) -> list[tuple[tuple[int, ...], ...]]:
    lines = (DEV / f"{case}.gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [tuple(tuple(json.loads(line)[lang]) for lang in LANGS) for line in lines]


def aligned(case: str, presegmented: bool = True) -> ushtil.Alignment:
    suffix = "" if presegmented else "raw."
    triple = Triple(case, {lang: DEV / f"{case}.{suffix}{lang}.txt" for lang in LANGS})
    return ushtil.align(split_triple(read_triple(triple), presegmented=presegmented), name=case)


@pytest.mark.parametrize("case", ["bbc.381780", "cnbc.com.6769"])
def test_cases_aligned_exactly(case):
    beads = [tuple(tuple(bead.sentences[lang]) for lang in LANGS) for bead in aligned(case).beads]
    assert beads == gold(case)


def test_a_deletion_beside_a_line_merged_in_another_language():
    """cbsnews.248387: English lost two sentences, and the Kazakh line 7 joins the second with the next
    one, so English 7 stands against the Russian 8 and 9 of which it translates only the last (the
    bead is read as partial), and the Kazakh 6 and Russian 7 before it are missing from English."""
    case = "cbsnews.248387"
    beads = [tuple(tuple(bead.sentences[lang]) for lang in LANGS) for bead in aligned(case).beads]
    assert ((), (6,), (7,)) in beads
    assert ((7,), (7,), (8, 9)) in beads
    assert beads == gold(case)


def test_every_line_in_exactly_one_bead():
    case = "dailymail.co.uk.298696"
    alignment = aligned(case)
    for lang in LANGS:
        lines = (DEV / f"{case}.{lang}.txt").read_text(encoding="utf-8").splitlines()
        indices = [i for bead in alignment.beads for i in bead.sentences[lang]]
        assert indices == list(range(len(lines)))


def test_raw_track_bead_texts_come_from_the_input():
    case = "bbc.381780"
    alignment = aligned(case, presegmented=False)
    for lang in LANGS:
        text = " ".join((DEV / f"{case}.raw.{lang}.txt").read_text(encoding="utf-8").split())
        assert all(bead.text[lang] in text for bead in alignment.beads if bead.text[lang])


@pytest.mark.parametrize("case", ["scotsman.133783", "abcnews.306815", "upi.176275"])
def test_lines_holding_two_sentences_are_aligned_sentence_by_sentence(case):
    """A pre-segmented line that joins two sentences is aligned as its sentences and given back whole.
    Where a deletion meets such a line (scotsman.133783: English lost two sentences and the Kazakh
    line 4 joins the second with the next; abcnews.306815: Russian lost two, English and Kazakh each
    joined one of them with a neighbour), or a bead holds more lines a side than a bead may take
    (upi.176275: 3, 3 and 5), the beads of the lines as given come out as the gold's."""
    beads = [tuple(tuple(bead.sentences[lang]) for lang in LANGS) for bead in aligned(case).beads]
    assert beads == gold(case)


def test_an_alignment_over_cut_lines_keeps_the_lines_as_given():
    case = "scotsman.133783"
    alignment = aligned(case)
    for lang in LANGS:
        lines = (DEV / f"{case}.{lang}.txt").read_text(encoding="utf-8").splitlines()
        assert alignment.sentences[lang] == lines
        assert [bead.text[lang] for bead in alignment.beads if bead.sentences[lang]] == [
            " ".join(lines[i] for i in bead.sentences[lang]) for bead in alignment.beads if bead.sentences[lang]]
    kazakh_four = next(bead for bead in alignment.beads if 4 in bead.sentences["kk"])
    assert kazakh_four.kind == "1-1-2" and "merged:en" in kazakh_four.flags and "merged:kk" in kazakh_four.flags
