"""Scores against a reference translation: sacrebleu BLEU, chrF and TER per language.

The reference is another article with the same abstracts translated independently (or a single
reference abstract per language). For each language, the sentences of the checked text (grouped
as the alignment's beads) are paired with the reference's sentences of the same section by a small
monotone alignment on character trigrams, so each bead gets its reference text; corpus scores are
sacrebleu's corpus-level scores over those bead/reference pairs, reproducible from the signatures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import LANGS, Alignment, Article

#: The metrics, in the order reports show them.
METRICS: tuple[str, ...] = ("BLEU", "chrF", "TER")
#: Cost of leaving a sentence unpaired, and the extra cost of pairing two sentences with one.
_SKIP_COST = 0.7
_MERGE_COST = 0.15


@dataclass(frozen=True)
class BeadScore:
    """The scores of one side of one bead against the reference text paired with it."""

    article: str
    bead: int
    lang: str
    hypothesis: str
    reference: str
    bleu: float
    chrf: float
    ter: float


@dataclass(frozen=True)
class CorpusScore:
    """Corpus-level scores of one language, over one article or (``article`` = "") all of them."""

    article: str
    lang: str
    segments: int
    bleu: float
    chrf: float
    ter: float


@dataclass
class ReferenceScores:
    beads: list[BeadScore] = field(default_factory=list)
    corpus: list[CorpusScore] = field(default_factory=list)
    #: metric → sacrebleu signature ("BLEU" corpus-level, "BLEU (bead)" with effective order)
    signatures: dict[str, str] = field(default_factory=dict)


def _trigrams(text: str) -> Counter:
    padded = f" {' '.join(text.casefold().split())} "
    return Counter(padded[i:i + 3] for i in range(len(padded) - 2))


def _similarity(a: Counter, b: Counter) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def _spans(sentences: list[str]) -> dict[tuple[int, int], Counter]:
    """Trigram counts of every sentence and every two adjacent sentences, by (start, end)."""
    single = [_trigrams(sentence) for sentence in sentences]
    spans = {(i, i + 1): grams for i, grams in enumerate(single)}
    spans.update({(i, i + 2): single[i] + single[i + 1] for i in range(len(single) - 1)})
    return spans


def pair_sentences(hypothesis: list[str], reference: list[str]) -> list[list[int]]:
    """For each hypothesis sentence, the reference sentences paired with it (monotone, 1-2 at most).

    Reference sentences left unpaired are attached to the hypothesis sentence before them (the first
    one when they come first), so every reference sentence is scored once.
    """
    n, m = len(hypothesis), len(reference)
    grams_h = _spans(hypothesis)
    grams_r = _spans(reference)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    moves = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1))
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for di, dj in moves:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                if di and dj:
                    step = 1.0 - _similarity(grams_h[(i, a)], grams_r[(j, b)]) + (_MERGE_COST if di + dj > 2 else 0.0)
                else:
                    step = _SKIP_COST
                if cost[i][j] + step < cost[a][b]:
                    cost[a][b] = cost[i][j] + step
                    back[a][b] = (di, dj)
    paired: list[list[int]] = [[] for _ in range(n)]
    i, j = n, m
    pending: list[int] = []
    while i or j:
        di, dj = back[i][j]
        refs = list(range(j - dj, j))
        if di:
            paired[i - 1] = refs + pending
            pending = []
        else:
            pending = refs + pending
        i, j = i - di, j - dj
    if pending and n:
        paired[0] = pending + paired[0]
    return [sorted(p) for p in paired]


def _reference_sections(reference: Article, lang: str) -> dict[str, list[str]]:
    part = reference.part(lang)
    return {"title": [part.title] if part.title else [], "abstract": part.sentence_list, "keywords": part.keywords}


def bead_references(alignment: Alignment, reference: Article, lang: str) -> list[tuple[int, str, str]]:
    """(bead number, hypothesis text, reference text) for every bead with a ``lang`` side."""
    pool = alignment.sentences.get(lang, [])
    references = _reference_sections(reference, lang)
    rows: list[tuple[int, str, str]] = []
    sections = list(dict.fromkeys(bead.section for bead in alignment.beads))
    for section in sections:
        numbered = [
            (number, bead) for number, bead in enumerate(alignment.beads, 1)
            if bead.section == section and bead.sentences.get(lang)
        ]
        owners, sentences = [], []
        for number, bead in numbered:
            for index in bead.sentences[lang]:
                owners.append(number)
                sentences.append(pool[index])
        ref_sentences = references.get(section, references["abstract"] if section == "" else [])
        paired = pair_sentences(sentences, ref_sentences)
        for number, bead in numbered:
            refs = sorted({r for owner, group in zip(owners, paired, strict=True) if owner == number for r in group})
            rows.append((number, bead.text[lang], " ".join(ref_sentences[r] for r in refs)))
    return rows


def score_against_reference(
    checked: Iterable[tuple[Article, Alignment, Article]],
) -> ReferenceScores:
    """Scores of each (article, alignment, reference) triple, per bead and at corpus level."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    bleu, chrf, ter = BLEU(), CHRF(), TER()
    bead_bleu = BLEU(effective_order=True)
    result = ReferenceScores()
    pooled: dict[str, tuple[list[str], list[str]]] = {lang: ([], []) for lang in LANGS}
    per_article = []
    for article, alignment, reference in checked:
        for lang in LANGS:
            if article.part(lang).is_empty or reference.part(lang).is_empty:
                continue
            rows = bead_references(alignment, reference, lang)
            if not rows:
                continue
            hyps = [hyp for _, hyp, _ in rows]
            refs = [ref for _, _, ref in rows]
            for number, hyp, ref in rows:
                result.beads.append(BeadScore(
                    article=article.id, bead=number, lang=lang, hypothesis=hyp, reference=ref,
                    bleu=bead_bleu.sentence_score(hyp, [ref]).score,
                    chrf=chrf.sentence_score(hyp, [ref]).score,
                    ter=ter.sentence_score(hyp, [ref]).score,
                ))
            per_article.append((article.id, lang, hyps, refs))
            pooled[lang][0].extend(hyps)
            pooled[lang][1].extend(refs)
    corpora = [("", lang, hyps, refs) for lang, (hyps, refs) in pooled.items() if hyps]
    if len({article for article, *_ in per_article}) > 1:
        corpora += per_article
    for article_id, lang, hyps, refs in corpora:
        result.corpus.append(CorpusScore(
            article=article_id, lang=lang, segments=len(hyps),
            bleu=bleu.corpus_score(hyps, [refs]).score,
            chrf=chrf.corpus_score(hyps, [refs]).score,
            ter=ter.corpus_score(hyps, [refs]).score,
        ))
    if result.corpus:
        result.signatures = {
            "BLEU": str(bleu.get_signature()),
            "BLEU (bead)": str(bead_bleu.get_signature()),
            "chrF": str(chrf.get_signature()),
            "TER": str(ter.get_signature()),
        }
    return result
