"""A corpus aligns the same on one core, on a pool, and from the cache; a new text realigns only the
texts whose learned-lexicon entries it changed, and the result equals a fresh run."""

from __future__ import annotations

import pytest

from conftest import SHARED
from ushtil.aligner.corpus import align_corpus
from ushtil.aligner.lexicon import learn_lexicon
from ushtil.aligner.pipeline import PAIRS, AlignOptions
from ushtil.cache import ResultCache
from ushtil.engine import Engine

DEV = SHARED / "bench" / "ntrex-dev"
#: the eight shortest dev cases: enough beads for a lexicon once MIN_BEADS is lowered
CASES = ["bbc.381780", "cnn.304478", "rt.com.91337", "reuters.218911", "scotsman.133783", "telegraph.405408",
         "euronews-en.153800", "reuters.218909"]


@pytest.fixture(scope="module")
def sources():
    if not DEV.is_dir():
        pytest.skip("../shared/bench/ntrex-dev is not here")
    return [(name, {lang: (DEV / f"{name}.{lang}.txt").read_text(encoding="utf-8").splitlines()
                    for lang in ("en", "kk", "ru")}) for name in CASES]


@pytest.fixture(autouse=True)
def small_lexicon_threshold(monkeypatch):
    monkeypatch.setattr("ushtil.aligner.lexicon.MIN_BEADS", 30)


def beads(result):
    return [[bead.to_dict() for bead in alignment.beads] for alignment in result.alignments]


def test_pool_and_cache_give_what_one_process_gives(sources, tmp_path):
    serial = align_corpus(sources)
    assert serial.notes[0].startswith("learned lexicon:")
    pooled = align_corpus(sources, engine=Engine(jobs=2))
    assert beads(pooled) == beads(serial)
    cache = ResultCache(tmp_path / "cache")
    align_corpus(sources[:-1], cache=cache)
    assert cache.stats["hit"] == 0
    cache.stats.clear()
    grown = align_corpus(sources, cache=cache)
    assert beads(grown) == beads(serial)
    assert cache.stats["hit"] >= len(sources) - 1  # every first pass but the new text's
    realigned = int(grown.notes[1].split()[2])
    assert grown.notes[1].startswith("second pass:") and 1 <= realigned <= len(sources)
    cache.stats.clear()
    again = align_corpus(sources, cache=cache)
    assert beads(again) == beads(serial)
    assert again.notes[0].startswith("learned lexicon kept from an earlier run:")
    assert again.notes[1].startswith("second pass: 0 text(s) realigned")
    assert cache.stats == {"hit": 2 * len(sources) + 2}  # stems and second pass per text, the lexicon, its parts


def test_a_small_addition_keeps_the_learned_lexicon_and_aligns_only_the_new_text(sources, tmp_path, monkeypatch):
    monkeypatch.setattr("ushtil.aligner.corpus.RELEARN_SHARE", 0.2)
    cache = ResultCache(tmp_path / "cache")
    before = align_corpus(sources[:-1], cache=cache)
    grown = align_corpus(sources, cache=cache)
    assert grown.notes[0].startswith("learned lexicon kept from an earlier run:")
    assert "1 added since" in grown.notes[0]
    assert grown.notes[1].startswith("second pass: 1 text(s) realigned, 7 ")
    assert beads(grown)[:-1] == beads(before)
    changed = [("x", {"en": ["Changed."], "kk": ["Өзгерді."], "ru": ["Изменено."]}), *sources[1:]]
    relearned = align_corpus(changed, cache=cache)
    assert "learned again: 1 text(s) it was learned from changed or left" in relearned.notes[0]


def test_a_text_that_cannot_be_aligned_is_one_error_and_the_others_finish(sources):
    broken = ("broken", {"en": ["One."], "xx": ["Бір."]})
    result = align_corpus([sources[0], broken, sources[1]], engine=Engine(jobs=2))
    assert result.alignments[1] is None
    assert result.errors == ["broken: unknown language(s) xx; use en, kk, ru"]
    assert [a.name for a in result.alignments if a] == [sources[0][0], sources[1][0]]


def test_a_run_past_the_kept_sections_aligns_the_same_and_keeps_no_more(sources, monkeypatch):
    """An archive longer than KEPT_SECTIONS keeps the evidence of its first sections only (memory
    bounded whatever its size) and aligns as a run that kept everything."""
    kept_all = AlignOptions(profiles={})
    everything = align_corpus(sources, options=kept_all)
    monkeypatch.setattr("ushtil.aligner.pipeline.KEPT_SECTIONS", 3)
    capped = AlignOptions(profiles={})
    bounded = align_corpus(sources, options=capped)
    assert beads(bounded) == beads(everything)
    sections = [key for key in capped.profiles if key[0] == "evidence"]
    assert len(sections) == 3 < len([key for key in kept_all.profiles if key[0] == "evidence"])
    assert len(capped.profiles) < len(kept_all.profiles) / 2


def test_the_lexicon_learned_on_two_processes_is_the_one_learned_on_one(sources):
    # the last pair is learned on a forked worker meanwhile: the same entries, in the same order
    alignments = align_corpus(sources).alignments
    alone = learn_lexicon(alignments, PAIRS)
    shared = learn_lexicon(alignments, PAIRS, engine=Engine(jobs=2))
    assert list(alone) == list(shared) == ["en-kk", "kk-en", "en-ru", "ru-en", "kk-ru", "ru-kk"]
    assert shared == alone and all(alone.values())


def test_the_lexicon_holds_the_pairs_a_plain_count_of_shared_beads_finds(sources):
    # every pair of stems counted bead by bead, as Dice is defined: the sparse product counts the same
    from ushtil.aligner import lexicon

    alignments = align_corpus(sources).alignments
    sides = [(lexicon._side_stems(a.sentences["en"], bead.sentences["en"]),
              lexicon._side_stems(a.sentences["ru"], bead.sentences["ru"]))
             for a in alignments for bead in a.beads if bead.sentences.get("en") and bead.sentences.get("ru")]
    limit = lexicon.MAX_SHARE * len(sides)
    held_a = [stem for side, _ in sides for stem in side]
    held_b = [stem for _, side in sides for stem in side]
    scores: dict[str, list[tuple[float, str]]] = {}
    for a in {stem for stem in held_a if held_a.count(stem) <= limit}:
        beads_a = [side_b for side_a, side_b in sides if a in side_a]
        for b in {stem for side in beads_a for stem in side if held_b.count(stem) <= limit}:
            together = sum(b in side for side in beads_a)
            dice = 2 * together / (held_a.count(a) + held_b.count(b))
            if together >= lexicon.MIN_COOCCURRENCE and dice >= lexicon.MIN_DICE:
                scores.setdefault(a, []).append((dice, b))
    expected = {a: {b for _, b in sorted(found, reverse=True)[:lexicon.MAX_TRANSLATIONS]}
                for a, found in scores.items()}
    forward, backward = lexicon._associate(sides)
    assert forward == expected and len(forward) > 40
    assert {b for found in forward.values() for b in found} <= set(backward)
