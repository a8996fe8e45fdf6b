"""The aligner's ways for short sections (a pair table's starts as a grid, the paragraph conflicts as
summed codes, the bead scores read from the cube by start cell) give exactly what the general ways
give, on the seed article's abstract (paragraphs, numbers, names)."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import seed_abstract_scorer
from ushtil.aligner import dp, scoring
from ushtil.aligner.pipeline import AlignOptions, band_for, pair_models, section_scorer, sections_of


def test_a_pair_table_looks_up_the_same_with_its_grid_and_without(monkeypatch):
    scorer, _ = seed_abstract_scorer()
    monkeypatch.setattr(scoring, "SMALL_TABLE", 0)
    plain, _ = seed_abstract_scorer()
    for table, general in zip(scorer._tables, plain._tables, strict=True):
        assert table._grid is not None and general._grid is None
        sa = np.arange(-3, len(table._low) + 3)[:, None, None]  # also outside the texts
        sb = np.arange(-3, table._grid.shape[1] + 2)[None, :, None]
        for la, lb in [(1, 1), (2, 1), (1, 3), (3, 3)]:
            found = table.lookup(sa, sb, la, lb)
            assert np.isfinite(found).any() and np.isinf(found).any()
            assert np.array_equal(found, general.lookup(sa, sb, la, lb))
            one = [table.lookup_one(int(s), int(t), la, lb) for s in range(len(table._low)) for t in range(5)]
            assert one == [float(x) for x in found[3 : 3 + len(table._low), 3:8].ravel()]


def conflicts_one_by_one(scorer, start, counts):
    """The paragraph conflicts of one bead, counted language by language as the docstring says."""
    opening = closing = inside = breaks = 0
    for index, opens in scorer._opens.items():
        s, n = start[index], counts[index]
        if n:
            opening += bool(opens[s])
            closing += not opens[s]
            breaks += int(opens[s + 1 : s + n].sum())
        elif s < scorer.sizes[index] and not opens[s]:
            inside += 1
    return breaks + min(opening, closing) + (inside if opening and not closing else 0)


def test_paragraph_conflicts_from_codes_count_what_each_language_adds():
    scorer, band = seed_abstract_scorer()
    assert len(scorer._opens) == 3
    cells = band.cells()
    counts = dp.move_counts(scorer.sizes)
    rng = np.random.default_rng(3)
    beads = [(tuple(cell), tuple(move)) for cell in cells[rng.choice(len(cells), 300)] for move in counts
             if all(c + n <= size for c, n, size in zip(cell, move, scorer.sizes, strict=True))]
    found = scorer._paragraph_conflicts(np.array([b[0] for b in beads]).T, np.array([b[1] for b in beads]))
    expected = [conflicts_one_by_one(scorer, start, move) for start, move in beads]
    assert max(expected) >= 2
    assert found.tolist() == expected


def test_fill_from_the_cube_by_start_is_fill_from_the_scoring_function(monkeypatch):
    scorer, band = seed_abstract_scorer()
    from_cube = dp.fill(band, scorer.for_fill(band))
    assert isinstance(scorer.for_fill(band), np.ndarray)
    monkeypatch.setattr(scoring, "DENSE_CUBE", 0)
    plain, _ = seed_abstract_scorer()
    assert plain.for_fill(band) == plain.scores  # no cube: the scoring function
    scored = dp.fill(band, plain.scores)
    assert np.array_equal(from_cube.best, scored.best)
    assert np.array_equal(from_cube.last, scored.last)
    assert dp.traceback(from_cube, scorer.sizes) == dp.traceback(scored, scorer.sizes)


@pytest.mark.parametrize("size", [1, 2])
def test_tiny_sections_have_no_beads_past_their_texts(size):
    options = AlignOptions()
    texts = {"en": ["Astana, 2024."] * size, "kk": ["Астана, 2024."] * size, "ru": ["Астана, 2024."] * size}
    scorer = section_scorer(sections_of(texts)[0], pair_models(options), options)
    band = band_for(scorer, scorer.sizes)
    scorer.prepare(band)
    cells = band.cells()
    counts = dp.move_counts(scorer.sizes)
    scores = scorer.starting(cells, counts)
    past = (cells[None] + counts[:, None] > scorer.sizes).any(axis=2)
    assert past.any() and np.isneginf(scores[past]).all() and np.isfinite(scores[~past]).any()


def test_names_found_in_a_short_text_are_those_the_general_way_finds(monkeypatch):
    """A short text's keys are spelled out once (features._spelling) for the names of both other
    languages; a long one's are looked up name by name: the same sentences sound like the same names."""
    from ushtil.aligner import features

    scorer, _ = seed_abstract_scorer()
    profiles = scorer.profiles
    memo, found = {}, {}
    for a in profiles:
        for b in profiles:
            if a != b:
                found[a, b] = features._found(features._names(profiles[a]), profiles[b], memo)
    assert memo[("kk", "spelling")] is not None
    monkeypatch.setattr(features, "DENSE_CELLS", 0)  # the sparse, name-by-name way
    hits = 0
    for (a, b), short in found.items():
        general = features._found(features._names(profiles[a]), profiles[b], {})
        assert np.array_equal(short.rows, general.rows) and np.array_equal(short.cols, general.cols)
        hits += len(short.rows)
    assert hits > 5
