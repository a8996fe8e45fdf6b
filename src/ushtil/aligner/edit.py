"""Editing an alignment the way a reviewer decides: replace a side's text, reject a pairing, split
a bead, merge a bead with the next one; then renumber and re-validate.

Edits work on :class:`Draft` beads that hold their sentences as text, in text order. Because every
sentence is in exactly one bead and beads follow the text, each language's sentence list is the
concatenation of the beads' sides: :func:`alignment_of` rebuilds the lists and indices from the
drafts, so no edit has to renumber anything, and :func:`validate` checks the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..errors import UshtilError
from ..model import LANGS, Abstract, Alignment, Article, Bead

#: Flags that describe a bead's shape; recomputed after every edit.
_SHAPE_FLAGS = ("missing:", "merged:")


@dataclass
class Sentence:
    text: str
    #: the sentence opens an abstract paragraph
    opens_paragraph: bool = False
    #: the label of the structured-abstract paragraph it opens ("Methods"), "" for none
    label: str = ""


@dataclass
class Draft:
    """A bead under edit: its sentences per language as text."""

    sides: dict[str, list[Sentence]]
    score: float = 1.0
    flags: list[str] = field(default_factory=list)
    section: str = ""

    def texts(self, lang: str) -> list[str]:
        return [sentence.text for sentence in self.sides.get(lang, [])]


def drafts_of(alignment: Alignment) -> list[Draft]:
    """The alignment's beads as drafts (sentence text looked up by index)."""
    starts = {lang: set(alignment.paragraph_starts.get(lang, [])) for lang in LANGS}
    drafts = []
    for bead in alignment.beads:
        sides = {}
        for lang in LANGS:
            pool = alignment.sentences.get(lang, [])
            sides[lang] = [Sentence(pool[i] if 0 <= i < len(pool) else bead.text.get(lang, ""), i in starts[lang])
                           for i in bead.sentences.get(lang, [])]
            if bead.labels.get(lang) and sides[lang]:
                opening = next((sentence for sentence in sides[lang] if sentence.opens_paragraph), sides[lang][0])
                opening.label = bead.labels[lang]
        drafts.append(Draft(sides, bead.score, list(bead.flags), bead.section))
    return drafts


def alignment_of(drafts: list[Draft], like: Alignment) -> Alignment:
    """The alignment the drafts make, with ``like``'s name, signature and settings; validated. A draft
    left with no sentence (every side emptied) makes no bead."""
    sentences: dict[str, list[str]] = {lang: [] for lang in LANGS}
    starts: dict[str, list[int]] = {lang: [] for lang in LANGS}
    beads = []
    for draft in (draft for draft in drafts if any(draft.sides.values())):
        indices = {}
        for lang in LANGS:
            side = draft.sides.get(lang, [])
            indices[lang] = list(range(len(sentences[lang]), len(sentences[lang]) + len(side)))
            for index, sentence in zip(indices[lang], side, strict=True):
                if sentence.opens_paragraph:
                    starts[lang].append(index)
                sentences[lang].append(sentence.text)
        text = {lang: " ".join(draft.texts(lang)) for lang in LANGS}
        labels = {lang: label for lang in LANGS
                  if (label := next((s.label for s in draft.sides.get(lang, []) if s.label), ""))}
        beads.append(Bead(sentences=indices, text=text, score=draft.score, flags=_shape_flags(draft),
                          section=draft.section, labels=labels))
    known = {lang: found for lang, found in starts.items() if lang in like.paragraph_starts}
    result = replace(like, sentences=sentences, beads=beads, paragraph_starts=known)
    validate(result)
    return result


def _shape_flags(draft: Draft) -> list[str]:
    flags = [flag for flag in draft.flags if not flag.startswith(_SHAPE_FLAGS)]
    return shape_flags([len(draft.sides.get(lang, [])) for lang in LANGS]) + flags


def shape_flags(counts: list[int]) -> list[str]:
    """The flags a bead's shape gives, from its sentence counts in en, kk, ru: ``missing:`` a language
    it lacks, ``merged:`` one with fewer sentences than its longest side."""
    flags = [f"missing:{lang}" for lang, n in zip(LANGS, counts, strict=True) if not n]
    return flags + [f"merged:{lang}" for lang, n in zip(LANGS, counts, strict=True) if 0 < n < max(counts)]


def validate(alignment: Alignment) -> None:
    """Every sentence in exactly one bead, every bead with a sentence; :class:`UshtilError` if not."""
    for lang in LANGS:
        used = sorted(i for bead in alignment.beads for i in bead.sentences.get(lang, []))
        if used != list(range(len(alignment.sentences.get(lang, [])))):
            raise UshtilError(f"{alignment.name}: the {lang} sentences are not each in exactly one bead")
    for number, bead in enumerate(alignment.beads, 1):
        if not any(bead.sentences.get(lang) for lang in LANGS):
            raise UshtilError(f"{alignment.name}: bead #{number} holds no sentence")


def replace_side(draft: Draft, lang: str, texts: list[str]) -> list[Draft]:
    """The draft with ``lang``'s sentences replaced by ``texts``; with no text left, the side's old
    sentences become a bead of their own (nothing is deleted from the text)."""
    old = draft.sides.get(lang, [])
    texts = [text for text in (t.strip() for t in texts) if text]
    if not texts:
        if not old:
            return [draft]
        return [replace(draft, sides={**draft.sides, lang: []}), _alone(draft, lang, old)]
    # text typed into an empty side opens a paragraph where the other languages open one
    opens = old[0].opens_paragraph if old else any(side[0].opens_paragraph for side in draft.sides.values() if side)
    label = next((sentence.label for sentence in old if sentence.label), "")
    new = [Sentence(text, opens and i == 0, label if i == 0 else "") for i, text in enumerate(texts)]
    return [replace(draft, sides={**draft.sides, lang: new})]


def reject(draft: Draft) -> list[Draft]:
    """A rejected pairing: each language's sentences become a bead of their own."""
    return [_alone(draft, lang, draft.sides[lang]) for lang in LANGS if draft.sides.get(lang)]


def _alone(draft: Draft, lang: str, sentences: list[Sentence]) -> Draft:
    sides = {other: list(sentences) if other == lang else [] for other in LANGS}
    flags = [flag for flag in draft.flags if flag not in ("low_score", "number_mismatch")]
    return Draft(sides, score=0.0, flags=flags, section=draft.section)


def split(draft: Draft, parts: dict[str, list[list[str]]]) -> list[Draft]:
    """The draft cut into beads: ``parts[lang][k]`` is the text of bead k in that language (a
    language with fewer parts is missing from the last beads; one not named keeps its side in the
    first bead). Paragraph openings stay with the first sentence of a side."""
    count = max((len(groups) for groups in parts.values()), default=1)
    pieces = []
    for k in range(count):
        sides = {}
        for lang in LANGS:
            if lang in parts:
                texts = parts[lang][k] if k < len(parts[lang]) else []
                sides[lang] = [Sentence(text) for text in texts]
            else:
                sides[lang] = list(draft.sides.get(lang, [])) if k == 0 else []
        pieces.append(Draft(sides, draft.score, list(draft.flags), draft.section))
    for lang in parts:
        old = draft.sides.get(lang, [])
        first = next((piece.sides[lang][0] for piece in pieces if piece.sides[lang]), None)
        if old and old[0].opens_paragraph and first is not None:
            first.opens_paragraph = True
            first.label = old[0].label
    return [piece for piece in pieces if any(piece.sides.values())]


def merge(first: Draft, second: Draft) -> Draft:
    """One bead of two neighbours (the second's sentences after the first's)."""
    if first.section != second.section:
        raise UshtilError(f"a {first.section or 'text'} bead cannot be merged with a {second.section or 'text'} bead")
    sides = {lang: first.sides.get(lang, []) + second.sides.get(lang, []) for lang in LANGS}
    flags = list(dict.fromkeys(first.flags + second.flags))
    return Draft(sides, min(first.score, second.score), flags, first.section)


def article_of(alignment: Alignment, front: Article | None = None) -> Article:
    """The article as ``alignment`` has it: titles, abstract sentences (grouped into paragraphs by
    ``alignment.paragraph_starts``) and keywords from the beads; authors, markers and notes from
    ``front``, the article the alignment was made of. An unchanged paragraph keeps ``front``'s text."""
    front = front or Article(id=alignment.name, source="")
    taken: dict[str, dict[str, list[Sentence]]] = {lang: {} for lang in LANGS}
    for draft in drafts_of(alignment):
        for lang in LANGS:
            taken[lang].setdefault(draft.section or "abstract", []).extend(draft.sides.get(lang, []))
    parts = {}
    for lang in LANGS:
        paragraphs: list[list[str]] = []
        opened: list[str] = []
        for sentence in taken[lang].get("abstract", []):
            if not paragraphs or sentence.opens_paragraph:
                paragraphs.append([])
                opened.append(sentence.label)
            paragraphs[-1].append(sentence.text)
        old = front.part(lang)
        texts = {tuple(sentences): text for sentences, text in zip(old.sentences, old.paragraphs, strict=False)}
        labels = {tuple(sentences): label for sentences, label in zip(old.sentences, old.labels, strict=False)}
        part = replace(
            old if lang in front.parts else Abstract(lang=lang),
            title=" ".join(sentence.text for sentence in taken[lang].get("title", [])),
            keywords=[sentence.text for sentence in taken[lang].get("keywords", [])],
            sentences=paragraphs,
            paragraphs=[texts.get(tuple(p), " ".join(p)) for p in paragraphs],
            labels=_paragraph_labels(paragraphs, opened, labels),
        )
        if not part.is_empty:
            parts[lang] = part
    return replace(front, id=front.id or alignment.name, parts=parts)


def _paragraph_labels(paragraphs: list[list[str]], opened: list[str], known: dict[tuple, str]) -> list[str]:
    """Each paragraph's label: the one its opening sentence carries, else the front matter's for the
    same sentences; [] when no paragraph has one."""
    labels = [label or known.get(tuple(paragraph), "") for paragraph, label in zip(paragraphs, opened, strict=True)]
    return labels if any(labels) else []


def label_beads(alignment: Alignment, article: Article) -> None:
    """Give each abstract bead the labels of the structured-abstract paragraphs that open in it
    (:attr:`~ushtil.model.Bead.labels`), so the alignment shows them and the glossary can pair them."""
    abstract = {lang: sorted(i for bead in alignment.beads if bead.section == "abstract"
                             for i in bead.sentences.get(lang, [])) for lang in LANGS}
    opening: dict[str, dict[int, str]] = {lang: {} for lang in LANGS}
    for lang in LANGS:
        part = article.part(lang)
        position = 0
        for paragraph, label in zip(part.sentences, part.labels, strict=False):
            if paragraph and label and position < len(abstract[lang]):
                opening[lang][abstract[lang][position]] = label
            position += len(paragraph)
    for bead in alignment.beads:
        if bead.section != "abstract":
            continue
        bead.labels = {lang: label for lang in LANGS
                       if (label := next((opening[lang][i] for i in bead.sentences.get(lang, [])
                                          if i in opening[lang]), ""))}


def paragraph_starts_of(alignment: Alignment, article: Article) -> dict[str, list[int]]:
    """Where the article's abstract paragraphs open, as indices into the alignment's sentences."""
    starts = {}
    for lang in LANGS:
        abstract = sorted(i for bead in alignment.beads if bead.section == "abstract"
                          for i in bead.sentences.get(lang, []))
        position, found = 0, []
        for paragraph in article.part(lang).sentences:
            if paragraph and position < len(abstract):
                found.append(abstract[position])
            position += len(paragraph)
        starts[lang] = found
    return starts
