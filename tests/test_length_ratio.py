"""The length ratio the pair models expect: the language records' in a first pass, then the one
measured on the beads a first pass links, so a passage missing from one language does not make
the aligner pair sentences of unequal content (the structured abstract of issue 12)."""

from __future__ import annotations

import math

import ushtil
from conftest import SEED_ARTICLE
from ushtil.aligner import align_corpus
from ushtil.aligner.pipeline import linked_length_means
from ushtil.langs import length_ratio


def _without_last_english_paragraphs(tmp_path, count: int):
    """The seed article with the last ``count`` paragraphs of its English abstract cut (its Kazakh
    abstract already lacks the paragraph before the last two)."""
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    start, end = text.index("**Abstract.**"), text.index("**Keywords:**")
    paragraphs = [p for p in text[start:end].split("\n\n") if p.strip()]
    path = tmp_path / "seed_cut.txt"
    path.write_text(text[:start] + "\n\n".join(paragraphs[:-count]) + "\n\n" + text[end:], encoding="utf-8")
    return ushtil.read_article(path)


def test_english_cut_short_leaves_the_gap_at_the_end(tmp_path):
    article = _without_last_english_paragraphs(tmp_path, 2)
    alignment = align_corpus([("cut", article)]).alignments[0]
    abstract = [(b.sentences["en"], b.sentences["kk"], b.sentences["ru"]) for b in alignment.beads
                if b.section == "abstract"]
    # en 1-7 keep their Kazakh and Russian sentences; en 6-7 are the paragraph Kazakh lacks; the
    # last two Russian paragraphs (kk 6-9) have no English
    assert abstract == [
        *[([i], [i], [i]) for i in range(1, 6)],
        ([6], [], [6]), ([7], [], [7]),
        *[([], [kk], [kk + 2]) for kk in range(6, 10)],
    ]
    assert all(b.score >= 0.9 for b in alignment.beads if b.section == "abstract")


def test_a_passage_missing_from_one_language_does_not_bias_the_measured_ratio(tmp_path):
    whole = linked_length_means(align_corpus([("seed", ushtil.read_article(SEED_ARTICLE))]).alignments[0])
    cut = linked_length_means(align_corpus([("cut", _without_last_english_paragraphs(tmp_path, 2))]).alignments[0])
    for pair in ("en-kk", "en-ru", "kk-ru"):
        a, b = pair.split("-")
        assert abs(cut[pair] - whole[pair]) < 0.5 * length_ratio(b, a)[1], pair
    # measured on the whole texts, the English cut would pass for Russian being half again as long
    assert math.exp(cut["en-ru"]) < 1.15


def test_too_little_linked_text_keeps_the_records_ratio():
    alignment = ushtil.align({"en": ["A short text."], "kk": ["Қысқа мәтін."], "ru": ["Короткий текст."]})
    assert linked_length_means(alignment) == {}
