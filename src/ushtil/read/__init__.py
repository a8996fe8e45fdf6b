"""Reading articles: file → clean paragraphs → title, authors, abstract, keywords per language.

:func:`read_article` handles one file holding all three abstracts (the journal layout: English
first, Kazakh and Russian after the references); :func:`read_abstract_files` takes one file per
language. Both return an :class:`~ushtil.model.Article` with each abstract split into sentences,
and notes for what is missing or suspicious.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..langid import identify
from ..langs import get_language
from ..model import LANGS, Abstract, Article
from ..split import split_paragraphs
from .formats import load_text
from .layout import paragraphs_of
from .sections import Region, body_region, find_marker, find_regions


def read_article(path: str | Path, backend: str = "builtin") -> Article:
    """Read one article file (.txt, .md, .docx, .pdf) holding up to three abstracts."""
    path = Path(path)
    return article_from_text(load_text(path), article_id=path.stem, source=str(path), backend=backend)


def article_from_text(text: str, article_id: str, source: str = "", backend: str = "builtin") -> Article:
    """Find the abstracts in an article's text; see :func:`read_article`."""
    paragraphs = paragraphs_of(text, starts_paragraph=lambda line: find_marker(line) is not None)
    if not any(any(ch.isalpha() for ch in paragraph.text) for paragraph in paragraphs):
        raise InputError(f"{source or article_id}: no text to read (only numbers or page headers)")
    notes: list[str] = []
    regions = find_regions(paragraphs)
    if not regions:
        regions = body_region(paragraphs)
        notes.append("no abstract marker (Abstract, Аңдатпа, Аннотация…): the whole text is read as the abstract")
    article = Article(id=article_id, source=source, notes=notes)
    for region in regions:
        _place(article, region, backend)
    for lang in article.missing:
        article.notes.append(f"missing:{lang}: no {lang} abstract in the article")
    return article


def _place(article: Article, region: Region, backend: str) -> None:
    """Put a region into the slot of the language its text is written in."""
    guess = identify(" ".join(region.paragraphs) or region.title)
    marker_lang = region.marker.lang if region.marker else ""
    lang = guess.lang or marker_lang or region.lang
    if not lang:
        article.notes.append("an abstract in an unknown language was skipped")
        return
    # "Аннотация" is a Kazakh and a Russian marker: only a marker foreign to the text is reported
    if region.marker and marker_lang != lang and region.marker.word not in get_language(lang).abstract_markers:
        article.notes.append(
            f"wrong-language:{lang}: the {marker_lang} marker {region.marker.word!r} introduces a text in {lang}"
        )
    if lang in article.parts:
        article.notes.append(f"duplicate:{lang}: a second {lang} abstract was found and skipped")
        return
    article.parts[lang] = Abstract(
        lang=lang,
        title=region.title,
        authors=region.authors,
        paragraphs=region.paragraphs,
        keywords=region.keywords,
        sentences=split_paragraphs(region.paragraphs, lang, backend),
        marker=region.marker.word if region.marker else "",
        detected_lang=guess.lang,
    )


def read_abstract_files(paths: dict[str, str | Path], backend: str = "builtin", article_id: str = "") -> Article:
    """An article from one file per language, e.g. ``{"en": "a.txt", "kk": "b.txt", "ru": "c.txt"}``."""
    unknown = set(paths) - set(LANGS)
    if unknown:
        raise InputError(f"unknown language slot(s): {', '.join(sorted(unknown))}")
    first = Path(next(iter(paths.values())))
    article = Article(id=article_id or first.stem, source=", ".join(str(p) for p in paths.values()))
    for lang, path in paths.items():
        part = read_article(path, backend).parts
        found = part.get(lang)
        if found is None:
            other = ", ".join(part) or "no language"
            article.notes.append(f"wrong-language:{lang}: {path} holds {other}, not {lang}")
            found = next(iter(part.values()), None)
            if found is None:
                continue
            found = Abstract(**{**found.__dict__, "lang": lang})
        article.parts[lang] = found
    for lang in article.missing:
        article.notes.append(f"missing:{lang}: no {lang} abstract given")
    return article


def read_articles(inputs: Iterable[str | Path], backend: str = "builtin") -> list[Article]:
    """Read every article named or found in ``inputs`` (files and folders; see :mod:`.inputs`)."""
    from .inputs import collect_inputs

    found = collect_inputs(inputs, kinds=("article",))
    if found.errors:
        raise InputError(found.errors[0])
    return [read_article(item.path, backend) for item in found.items]


__all__ = ["article_from_text", "read_abstract_files", "read_article", "read_articles"]
