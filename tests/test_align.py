"""The aligner on the seed article (gold written out below), on plain sentence lists, and the
alignment file round trip."""

from __future__ import annotations

import json

import numpy as np
import pytest

import ushtil
from ushtil.aligner.dp import Band, Move, fill, traceback
from ushtil.errors import InputError

# Seed article gold: (en, kk, ru) sentence indices per bead, by section. The Kazakh abstract lacks
# the paragraph "The main external players …" (two English and two Russian sentences).
SEED_GOLD = [
    ("title", [0], [0], [0]),
    ("abstract", [1], [1], [1]),
    ("abstract", [2], [2], [2]),
    ("abstract", [3], [3], [3]),
    ("abstract", [4], [4], [4]),
    ("abstract", [5], [5], [5]),
    ("abstract", [6], [], [6]),
    ("abstract", [7], [], [7]),
    ("abstract", [8], [6], [8]),
    ("abstract", [9], [7], [9]),
    ("abstract", [10], [8], [10]),
    ("abstract", [11], [9], [11]),
    *[("keywords", [12 + i], [10 + i], [12 + i]) for i in range(7)],
]


def test_seed_article_matches_gold(seed_alignment):
    found = [(b.section, b.sentences["en"], b.sentences["kk"], b.sentences["ru"]) for b in seed_alignment.beads]
    assert found == SEED_GOLD


def test_seed_missing_paragraph_is_flagged(seed_alignment):
    missing = [bead for bead in seed_alignment.beads if "missing:kk" in bead.flags]
    assert [bead.text["en"][:18] for bead in missing] == ["The main external ", "But there is also "]
    assert all(bead.text["kk"] == "" and bead.text["ru"] for bead in missing)
    assert all("missing:kk" not in bead.flags for bead in seed_alignment.beads if bead.sentences["kk"])


def test_seed_keywords_pair_up(seed_alignment):
    keywords = [bead for bead in seed_alignment.beads if bead.section == "keywords"]
    assert (keywords[4].text["en"], keywords[4].text["kk"], keywords[4].text["ru"]) == ("EU", "ЕО", "ЕС")


def test_scores_are_probabilities(seed_alignment):
    assert all(0.0 <= bead.score <= 1.0 for bead in seed_alignment.beads)
    assert seed_alignment.signature.startswith("ushtil ")


SENTENCES = {
    "en": ["The parliament met on 12 March 2024.", "It approved the budget of 5.2 billion.",
           "Deputies from Astana voted against it.", "The session ended at night."],
    "kk": ["Парламент 2024 жылғы 12 наурызда жиналды.", "Ол 5,2 миллиардтық бюджетті бекітті.",
           "Сессия түнде аяқталды."],
    "ru": ["Парламент собрался 12 марта 2024 года.", "Он утвердил бюджет в 5,2 миллиарда.",
           "Депутаты из Астаны проголосовали против.", "Сессия завершилась ночью."],
}


def test_sentence_lists_with_a_missing_sentence():
    alignment = ushtil.align(SENTENCES)
    kinds = [bead.kind for bead in alignment.beads]
    assert kinds == ["1-1-1", "1-1-1", "1-0-1", "1-1-1"]
    assert alignment.beads[2].flags[0] == "missing:kk"
    assert alignment.sentences["kk"] == SENTENCES["kk"]


def test_merged_sentence_becomes_one_bead():
    ru = [SENTENCES["ru"][0] + " " + SENTENCES["ru"][1], *SENTENCES["ru"][2:]]
    en = SENTENCES["en"]
    alignment = ushtil.align({"en": en, "kk": [], "ru": ru})
    assert [(b.sentences["en"], b.sentences["ru"]) for b in alignment.beads] == [
        ([0, 1], [0]), ([2], [1]), ([3], [2])
    ]
    assert "merged:ru" in alignment.beads[0].flags


def test_paragraph_lists_are_accepted():
    paragraphs = {lang: [sentences[:2], sentences[2:]] for lang, sentences in SENTENCES.items()}
    alignment = ushtil.align(paragraphs)
    assert [bead.kind for bead in alignment.beads] == ["1-1-1", "1-1-1", "1-0-1", "1-1-1"]


def test_unknown_language_is_refused():
    with pytest.raises(InputError, match="unknown language"):
        ushtil.align({"en": ["a"], "de": ["b"]})


def test_round_trip(tmp_path, seed_alignment):
    path = tmp_path / "seed.alignment.jsonl"
    ushtil.write_alignment(seed_alignment, path)
    back = ushtil.read_alignment(path)
    assert back.name == "seed"
    assert back.sentences == seed_alignment.sentences
    assert [b.to_dict() for b in back.beads] == [b.to_dict() for b in seed_alignment.beads]
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert set(first) >= {"en", "kk", "ru", "text", "score", "flags"}


def test_read_alignment_rejects_garbage(tmp_path):
    path = tmp_path / "bad.alignment.jsonl"
    path.write_text('{"en": [0]}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.alignment\.jsonl:2"):
        ushtil.read_alignment(path)


def test_band_limits_the_table():
    sizes = (30, 30, 30)
    diagonal = np.stack([np.arange(31), np.arange(31)], axis=1)
    band = Band.around(sizes, diagonal, diagonal, 2)
    assert band.size < 31 * 25
    table = fill(band, lambda starts, counts: (counts == 1).all(axis=1).astype(float))
    path = traceback(table, sizes)
    assert [move for _, move in path] == [Move.M1_1_1] * 30


def test_long_texts_use_a_band():
    en = [f"Sentence number {i} about topic {i % 7}." for i in range(120)]
    ru = [f"Предложение номер {i} о теме {i % 7}." for i in range(120)]
    kk = [f"{i} нөмірлі сөйлем {i % 7} тақырыбы туралы." for i in range(120) if i != 60]
    alignment = ushtil.align({"en": en, "kk": kk, "ru": ru})
    assert len(alignment.beads) == 120
    assert alignment.beads[60].sentences == {"en": [60], "kk": [], "ru": [60]}


def test_bead_features_add_up_to_the_bead_score(seed_article):
    """The structured fit (bench/fit_align_weights.py) relies on scores() = weights · features: the
    programme's table of pair log-odds and one bead's features agree."""
    from ushtil.aligner.pipeline import AlignOptions, pair_models, section_scorer, sections_of

    options = AlignOptions()
    section = next(s for s in sections_of(seed_article) if s.name == "abstract")
    scorer = section_scorer(section, pair_models(options), options)
    scorer.prepare(Band.full(scorer.sizes))
    weights = {f"{pair.a}-{pair.b}": (pair.bias, pair.weights) for pair in scorer.pairs}
    beads = [((0, 0, 0), (1, 1, 1)), ((5, 5, 5), (1, 0, 1)), ((2, 2, 2), (2, 1, 2)), ((1, 1, 1), (1, 1, 0))]
    for start, counts in beads:
        pairs, charged = scorer.bead_features(start, counts)
        total = sum(getattr(scorer.priors, name) * n for name, n in charged.items())
        for name, values in pairs.items():
            bias, pair_weights = weights[name]
            total += bias + sum(w * x for w, x in zip(pair_weights, values, strict=True))
        assert total == pytest.approx(scorer.scores(np.array([start]), counts)[0], abs=1e-6)


def test_a_programme_of_many_steps_per_state_traces_back():
    """A cell's last step is stored as an index into its state's steps: with more than an int8 holds
    (here 3 sources × 57 moves), a narrow store wrapped round and the traceback never ended."""
    from ushtil.aligner.dp import Steps, move_counts

    sizes = (3, 3, 3)
    counts = move_counts(sizes)
    steps = Steps(np.zeros((2, 3, len(counts))), counts)
    assert max(map(len, steps.choices)) > np.iinfo(np.int8).max
    table = fill(Band.full(sizes), lambda starts, counts: (counts == 3).all(axis=1).astype(float), steps=steps)
    assert [move for _, move in traceback(table, sizes)] == [Move.M3_3_3]  # the last move: its steps last
