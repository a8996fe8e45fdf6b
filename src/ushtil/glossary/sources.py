"""What a glossary is built from: beads of aligned text, one :class:`Unit` each.

Articles give three kinds of units: the title (one bead), the keyword lists (one unit per keyword
triple: paired by position when the three lists are equally long, by similarity otherwise) and the
abstract beads of :func:`ushtil.align`. Alignment files (``*.alignment.jsonl``) and
:class:`~ushtil.model.Alignment` objects give their beads as they are.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import LANGS, Alignment, Article
from ..translit import name_similarity

#: A keyword pair found by similarity (unequal lists) must score at least this much.
MIN_KEYWORD_PAIR_SCORE = 0.55
ALIGNMENT_SUFFIX = ".alignment.jsonl"


@dataclass
class Unit:
    """One bead of parallel text: where it comes from and its text per language."""

    article: str
    text: dict[str, str]
    #: "title", "keywords", "abstract" or "" (plain aligned text)
    section: str = ""
    #: for keyword units: "position" (equal lists) or "similarity"
    paired_by: str = ""
    flags: list[str] = field(default_factory=list)


Source = Article | Alignment | str | os.PathLike


def expand_sources(sources: Iterable[Source]) -> Iterator[Article | Alignment | Path]:
    """Articles and alignments as given; folders opened into their article and alignment files."""
    from ..read import iter_article_files

    for source in sources:
        if isinstance(source, Article | Alignment):
            yield source
            continue
        path = Path(source)
        if path.is_dir():
            alignments = sorted(path.glob(f"*{ALIGNMENT_SUFFIX}"))
            yield from alignments
            articles = [p for p in path.iterdir() if p.is_file()]
            if any(not p.name.endswith(ALIGNMENT_SUFFIX) for p in articles):
                try:
                    yield from iter_article_files([path])
                except InputError:
                    if not alignments:
                        raise
        elif not path.exists():
            raise InputError(f"{path}: no such file or folder")
        else:
            yield path


def units_of_source(source: Article | Alignment | Path, nlp: str, align: Callable) -> list[Unit]:
    """The units of one source; articles are read and aligned first."""
    if isinstance(source, Path):
        if source.name.endswith(ALIGNMENT_SUFFIX):
            from ..aligner import read_alignment

            return units_of_alignment(read_alignment(source))
        from ..read import read_article

        source = read_article(source, backend=nlp)
    if isinstance(source, Alignment):
        return units_of_alignment(source)
    return units_of_article(source, align)


def units_of_alignment(alignment: Alignment, article_id: str = "") -> list[Unit]:
    """One unit per bead with text in two languages or more; keyword beads split into keywords."""
    article_id = article_id or alignment.name
    units = []
    for bead in alignment.beads:
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


def units_of_article(article: Article, align: Callable) -> list[Unit]:
    """Title, keyword and abstract units of an article (abstract beads from ``align``)."""
    units = []
    titles = {lang: article.part(lang).title for lang in LANGS}
    if sum(1 for title in titles.values() if title) >= 2:
        units.append(Unit(article=article.id, text=titles, section="title"))
    units.extend(keyword_units(article))
    if sum(1 for lang in LANGS if article.part(lang).sentence_list) >= 2:
        alignment = align(article)
        units.extend(
            unit for unit in units_of_alignment(alignment, article.id) if unit.section not in ("title", "keywords")
        )
    return units


def keyword_units(article: Article) -> list[Unit]:
    """One unit per keyword triple of the article."""
    return keyword_units_of_lists(article.id, {lang: article.part(lang).keywords for lang in LANGS})


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
