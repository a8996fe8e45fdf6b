"""Scores against a reference: identical text scores perfectly, a perturbed one lower, as sacrebleu says."""

from __future__ import annotations

import pytest
import sacrebleu

import ushtil
from ushtil.checks.scores import pair_sentences

#: Edits a second translator might make: (language, the seed's words, the reference's words).
EDITS = [
    ("kk", "Ғасырлар бойы", "Көп ғасыр бойы"),
    ("kk", "аренасына айналды", "аренасы болды"),
    ("kk", "мойындайды", "таниды"),
    ("ru", "На протяжении веков", "В течение столетий"),
    ("ru", "перекрестком Евразии", "перепутьем Евразии"),
    ("ru", "сталкиваются с некоторыми трудностями", "испытывают определённые трудности"),
]


def _edit(text: str, lang: str) -> str:
    for edit_lang, old, new in EDITS:
        if edit_lang == lang:
            text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def perturbed_reference(seed_article, tmp_path_factory):
    from ushtil.read.formats import load_text

    text = load_text(seed_article.source)
    for _, old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path_factory.mktemp("reference") / "reference.md"
    path.write_text(text, encoding="utf-8")
    return ushtil.read_article(path)


def test_reference_equal_to_the_text_scores_perfectly(seed_article):
    report = ushtil.check(seed_article, reference=seed_article, only=["structure"])
    corpus = {score.lang: score for score in report.scores.corpus}
    assert set(corpus) == {"en", "kk", "ru"}
    for score in corpus.values():
        assert score.chrf == pytest.approx(100.0)
        assert score.ter == pytest.approx(0.0)
        assert score.bleu == pytest.approx(100.0)
    assert all(bead.chrf == pytest.approx(100.0) and bead.ter == 0.0 for bead in report.scores.beads)
    assert {"BLEU", "chrF", "TER"} <= set(report.scores.signatures)
    assert "nc:6" in report.scores.signatures["chrF"] and "version:" in report.scores.signatures["TER"]


def test_perturbed_reference_scores_lower_and_match_sacrebleu(seed_article, perturbed_reference):
    report = ushtil.check(seed_article, reference=perturbed_reference, only=["structure"])
    corpus = {score.lang: score for score in report.scores.corpus}
    assert corpus["en"].chrf == pytest.approx(100.0)
    (checked,) = report.articles
    for lang in ("kk", "ru"):
        assert corpus[lang].chrf < 100.0 and corpus[lang].ter > 0.0 and corpus[lang].bleu < 100.0
        hypotheses = [bead.text[lang] for bead in checked.alignment.beads if bead.text[lang]]
        references = [_edit(text, lang) for text in hypotheses]
        assert [s.reference for s in report.scores.beads if s.lang == lang] == references
        assert corpus[lang].chrf == pytest.approx(sacrebleu.corpus_chrf(hypotheses, [references]).score)
        assert corpus[lang].ter == pytest.approx(sacrebleu.corpus_ter(hypotheses, [references]).score)
        assert corpus[lang].bleu == pytest.approx(sacrebleu.corpus_bleu(hypotheses, [references]).score)
    edited = [s for s in report.scores.beads if any(lang == s.lang and old in s.hypothesis for lang, old, _ in EDITS)]
    assert len(edited) == 5  # two of the Russian edits fall in one bead
    assert all(s.chrf < 100.0 and s.ter > 0.0 for s in edited)
    assert all(s.chrf == pytest.approx(100.0) for s in report.scores.beads if s not in edited)


def test_reference_sentences_are_paired_across_merges_and_extras():
    hypothesis = ["Kazakhstan borders China.", "Trade is growing fast.", "Russia remains a partner."]
    reference = ["Kazakhstan borders China and trade is growing fast.", "Russia remains a partner.", "Indeed."]
    assert pair_sentences(hypothesis, reference) == [[], [0], [1, 2]]
    assert pair_sentences(hypothesis, []) == [[], [], []]
    assert pair_sentences(hypothesis[:1], hypothesis) == [[0, 1, 2]]
