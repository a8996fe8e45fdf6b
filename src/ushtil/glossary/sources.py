"""What a glossary is built from: the beads of aligned articles, one :class:`Unit` each.

Every unit comes from the aligner's beads (title, abstract and keyword beads alike): sources are
aligned once, by :func:`ushtil.aligner.align_inputs` as ``ushtil align`` aligns them, and alignment
files (maybe reviewed) are used as they stand. A keyword bead that joins several keywords per side
is cut into one unit per keyword triple (paired by position when the sides hold as many keywords,
by similarity otherwise).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..aligner import align_articles, align_inputs
from ..aligner.edit import article_of
from ..cache import ResultCache
from ..engine import Engine
from ..errors import UshtilError
from ..model import LANGS, AlignedArticle, Alignment, Article
from ..read.inputs import collect_inputs
from ..translit import name_similarity

#: the reader's note on a part whose abstract was replaced by a text in another language
_REPLACED_PART = re.compile(r"wrong-language:(\w+): the \1 abstract is in ")
#: A keyword pair found by similarity (unequal lists) must score at least this much.
MIN_KEYWORD_PAIR_SCORE = 0.55


@dataclass
class Unit:
    """One bead of parallel text: where it comes from and its text per language."""

    article: str
    text: dict[str, str]
    #: "title", "keywords", "abstract", "label" (the paired labels of structured-abstract paragraphs,
    #: Methods = Әдістері = Методы) or "" (plain aligned text)
    section: str = ""
    #: for keyword units: "position" (equal lists) or "similarity"
    paired_by: str = ""
    flags: list[str] = field(default_factory=list)


Source = AlignedArticle | Alignment | Article | str | os.PathLike


@dataclass
class AlignedSources:
    """The sources as aligned articles, and notes on how they were read (what stands for what) and on
    what of them the glossary cannot pair (a part in the wrong language, a single language)."""

    aligned: list[AlignedArticle]
    notes: list[str] = field(default_factory=list)


def aligned_sources(sources: Iterable[Source], *, term_pairs: Sequence[tuple[str, str, str]] = (),
                    glossary: str = "", nlp: str = "builtin", progress=None,
                    errors: list[str] | None = None, engine: Engine | None = None,
                    cache: ResultCache | None = None) -> AlignedSources:
    """Every source as an aligned article: aligned articles and alignments as they are; articles,
    files and folders aligned together as ``ushtil align`` aligns them. A file that cannot be used
    is a line in ``errors`` (the others are still used) or, without that list, a one-line
    :class:`~ushtil.errors.UshtilError`. With a work folder's ``cache``, alignment files read before
    are taken from it."""
    sources = list(sources)
    paths = [source for source in sources if isinstance(source, str | os.PathLike)]
    articles = [source for source in sources if isinstance(source, Article)]
    found = AlignedSources(aligned=[])
    if paths:
        inputs = collect_inputs(paths)
        corpus = align_inputs(inputs, term_pairs=term_pairs, glossary=glossary, nlp=nlp, progress=progress,
                              engine=None if inputs.alignments_only else engine, cache=cache)
        if corpus.errors and errors is None:
            raise UshtilError(corpus.errors[0])
        if errors is not None:
            errors.extend(corpus.errors)
        found.aligned.extend(corpus.aligned)
        found.notes.extend(corpus.notes)
    found.aligned.extend(align_articles(articles, term_pairs=term_pairs, glossary=glossary, nlp=nlp, engine=engine))
    for source in sources:
        if isinstance(source, AlignedArticle):
            found.aligned.append(source)
        elif isinstance(source, Alignment):
            found.aligned.append(AlignedArticle(article_of(source), source))
    found.notes.extend(note for item in found.aligned for note in pairing_notes(item))
    if len(found.aligned) == 1 and len(languages_of(found.aligned[0].alignment)) > 1:
        found.notes.append(f"one article ({found.aligned[0].name}): terms are found and scored on its text alone; "
                           "the journal's other articles give a fuller, surer glossary")
    return found


def pairing_notes(item: AlignedArticle) -> list[str]:
    """What of one aligned article the glossary cannot pair, one line each: a part whose text is in
    another language (the reader's ``wrong-language`` notes), or text in fewer than two languages."""
    notes = []
    for note in item.article.notes:
        replaced = _REPLACED_PART.match(note)
        if replaced:
            lang = replaced.group(1)
            others = "-".join(other for other in LANGS if other != lang)
            notes.append(f"{item.name}: {note.split(':', 2)[2].strip()}: the glossary pairs its abstract "
                         f"{others} only (the {lang} title and keywords are used)")
    present = languages_of(item.alignment)
    if len(present) < 2:
        only = f"only {present[0]} text" if present else "no text"
        notes.append(f"{item.name}: {only}, nothing to pair (a glossary needs two languages or more)")
    return notes


def languages_of(alignment: Alignment) -> list[str]:
    """The languages the alignment has any text in."""
    return [lang for lang in LANGS if any(bead.text.get(lang, "").strip() for bead in alignment.beads)]


def units_of_alignment(alignment: Alignment, article_id: str = "") -> list[Unit]:
    """One unit per bead with text in two languages or more; keyword beads split into keywords; the
    paragraph labels a bead opens with in two languages or more, one "label" unit."""
    article_id = article_id or alignment.name
    units = []
    for bead in alignment.beads:
        if sum(1 for lang in LANGS if bead.labels.get(lang)) >= 2:
            units.append(Unit(article=article_id, text={lang: bead.labels.get(lang, "") for lang in LANGS},
                              section="label", flags=list(bead.flags)))
        if sum(1 for lang in LANGS if bead.text.get(lang, "").strip()) < 2:
            continue
        if bead.section == "keywords" and alignment.sentences:
            units.extend(_keyword_bead_units(alignment, bead, article_id))
        else:
            units.append(Unit(article=article_id, text=dict(bead.text), section=bead.section,
                              flags=list(bead.flags)))
    return units


def _keyword_bead_units(alignment: Alignment, bead, article_id: str) -> list[Unit]:
    """An aligner may join several keywords into one bead: give each keyword triple its own unit."""
    lists = {lang: [alignment.sentences[lang][i] for i in bead.sentences.get(lang, [])
                    if i < len(alignment.sentences.get(lang, []))] for lang in LANGS}
    return keyword_units_of_lists(article_id, lists)


def keyword_units_of_lists(article_id: str, lists: dict[str, list[str]]) -> list[Unit]:
    """Keyword lists paired by position when equally long, by similarity otherwise."""
    english = lists["en"]
    if not english:
        return []
    if all(len(keywords) == len(english) for keywords in lists.values()):
        return [
            Unit(article=article_id, text={lang: lists[lang][i] for lang in LANGS}, section="keywords",
                 paired_by="position")
            for i in range(len(english))
        ]
    pairs = {lang: pair_keywords(english, lists[lang]) for lang in ("kk", "ru")}
    units = []
    for i, keyword in enumerate(english):
        text = {"en": keyword, **{lang: pairs[lang].get(i, "") for lang in ("kk", "ru")}}
        if text["kk"] or text["ru"]:
            units.append(Unit(article=article_id, text=text, section="keywords", paired_by="similarity"))
    return units


def pair_keywords(english: list[str], other: list[str]) -> dict[int, str]:
    """Match keywords of two lists of unequal length: spelling (names, loanwords) and position."""
    if not other:
        return {}
    scored = []
    for i, en in enumerate(english):
        for j, word in enumerate(other):
            place = 1 - abs(i / max(len(english) - 1, 1) - j / max(len(other) - 1, 1))
            scored.append((name_similarity(en, word) + 0.5 * place, i, j))
    pairs, used = {}, set()
    for score, i, j in sorted(scored, reverse=True):
        if score < MIN_KEYWORD_PAIR_SCORE or i in pairs or j in used:
            continue
        pairs[i] = other[j]
        used.add(j)
    return pairs
