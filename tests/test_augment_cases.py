"""bench/augment_cases.py: variants of NTREX training cases with one more deletion and more merges."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.append(str(Path(__file__).resolve().parents[1] / "bench"))
import fit_align_weights as fitting
from augment_cases import AUGMENTATIONS, Augmentation, seeded_variant, variant
from ntrex_cases import DEV_DIR, LANGS, Case, case_names, read_case

pytestmark = pytest.mark.skipif(not DEV_DIR.is_dir(), reason="../shared/bench/ntrex-dev is not there")


def sides(case: Case) -> list[tuple[tuple[str, ...], ...]]:
    """The gold beads with each side's texts: comparable between a case and its variant."""
    return [tuple(tuple(case.lines[lang][i] for i in bead[lang]) for lang in LANGS) for bead in case.gold]


@pytest.mark.parametrize("name", ["bbc.381790", "newsweek.51330", "abcnews.306815"])
@pytest.mark.parametrize("augment", ["short", "long"])
def test_variants_are_valid_cases(name, augment):
    case = read_case(name)
    for epoch in (1, 3, 5):
        made = seeded_variant(case, AUGMENTATIONS[augment], 0, 0, epoch)
        for lang in LANGS:  # every line in exactly one bead, in order
            assert [i for bead in made.gold for i in bead[lang]] == list(range(len(made.lines[lang])))
        for bead in made.gold:
            assert sum(bool(bead[lang]) for lang in LANGS) >= 2  # never a sentence missing from two languages
        # the first sentence is never deleted
        assert all(bool(made.gold[0][lang]) == bool(case.gold[0][lang]) for lang in LANGS)


def test_a_deleted_run_leaves_empty_sides_and_its_neighbours_as_they_were():
    case = read_case("bbc.381790")
    made = variant(case, np.random.default_rng(7), Augmentation(2, 2, merge=0.0))
    before, after = sides(case), sides(made)
    assert len(before) == len(after)  # no merges: the same beads, one language emptied in two of them
    changed = [k for k, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    assert len(changed) == 2 and changed[1] == changed[0] + 1 and changed[0] >= 1
    lost = {LANGS[i] for k in changed for i in range(3) if before[k][i] != after[k][i]}
    assert len(lost) == 1
    (lang,) = lost
    for k in changed:
        assert after[k][LANGS.index(lang)] == ()
        assert all(after[k][i] == before[k][i] for i in range(3) if LANGS[i] != lang)
    deleted = [text for k in changed for text in before[k][LANGS.index(lang)]]
    assert len(made.lines[lang]) == len(case.lines[lang]) - len(deleted)
    assert not set(deleted) & set(made.lines[lang])


def test_merges_join_two_one_to_one_beads_in_one_language():
    case = read_case("bbc.381790")
    made = variant(case, np.random.default_rng(3), Augmentation(1, 1, merge=1.0))
    before = sides(case)
    joined = [bead for bead in sides(made) if bead not in before and all(bead)]  # not the deleted run
    assert len(joined) >= 3
    for bead in joined:
        assert sorted(map(len, bead)) == [1, 2, 2]
        lang = next(i for i, side in enumerate(bead) if len(side) == 1)
        other = (lang + 1) % 3
        k = next(k for k, old in enumerate(before) if old[other] == bead[other][:1])
        assert before[k + 1][other] == bead[other][1:]
        assert bead[lang] == (before[k][lang][0] + " " + before[k + 1][lang][0],)


def test_variants_are_deterministic_and_differ_by_seed_run_and_epoch():
    case = read_case("guardian.221718")
    short = AUGMENTATIONS["short"]
    made = sides(seeded_variant(case, short, 0, 1, 3))
    assert made == sides(seeded_variant(read_case("guardian.221718"), short, 0, 1, 3))
    others = [sides(seeded_variant(case, short, *keys)) for keys in ((1, 1, 3), (0, 2, 3), (0, 1, 5))]
    assert all(other != made for other in others)


def test_the_fit_meets_variants_only_of_its_own_cases_in_odd_epochs():
    cases = [read_case(name) for name in case_names()[:3]]
    visit = fitting.variant_visits(AUGMENTATIONS["short"], 0, 0)
    for case in cases:
        assert visit(case, 0) is case and visit(case, 2) is case
        made = visit(case, 1)
        assert made.name == case.name and sides(made) != sides(case)


def test_a_resampled_variant_moves_the_deletion_and_keeps_its_rate():
    case = read_case("cbsnews.248387")
    dropped = [bead for bead in sides(case) if not all(bead)]
    assert dropped  # the case has a deletion of its own
    runs = []
    for epoch in range(1, 40, 2):
        made = seeded_variant(case, AUGMENTATIONS["resample"], 0, 0, epoch)
        for bead in dropped:  # the case's own missing bead is gone from every language
            assert not {text for side in bead for text in side} & {t for lang in LANGS for t in made.lines[lang]}
        missing = [k for k, bead in enumerate(sides(made)) if not all(bead)]
        if missing:  # one run of at most three beads
            assert missing == list(range(missing[0], missing[0] + len(missing))) and len(missing) <= 3
        runs.append(bool(missing))
    assert 5 <= sum(runs) <= 15  # about half the variants have a deletion, as the benchmark's cases
