"""Reading articles: file → clean paragraphs → title, authors, abstract, keywords per language.

:func:`read_article` handles one file holding all three abstracts (the journal layout: English
first, Kazakh and Russian after the references); :func:`read_abstract_files` takes one file per
language. Both return an :class:`~ushtil.model.Article` with each abstract as paragraphs (and
their labels), and notes for what is missing or suspicious; the splitter, the next stage
(:func:`ushtil.split.split_article`), cuts the paragraphs into sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..langid import identify, supported_names
from ..langs import get_language
from ..lookalikes import respell, respellings
from ..model import LANGS, Abstract, Article
from .formats import load_text
from .layout import SoftBreak, clean_markup, paragraphs_of
from .sections import (
    Region,
    body_region,
    find_label,
    find_marker,
    find_regions,
    is_classification_line,
    split_names,
    title_versions,
)
from .soft_breaks import mend_soft_breaks


def read_article(path: str | Path) -> Article:
    """Read one article file (.txt, .md, .docx, .pdf) holding up to three abstracts."""
    path = Path(path)
    return article_from_text(load_text(path), article_id=path.stem, source=str(path))


def article_from_text(text: str, article_id: str, source: str = "") -> Article:
    """Find the abstracts in an article's text; see :func:`read_article`."""
    texts = [(source or article_id, "", text)]
    article = _article_from_texts(texts, article_id, source)
    if respellings(text):
        record_respellings(article, _article_from_texts(texts, article_id, source, respelled=False))
    return article


def _article_from_texts(texts: list[tuple[str, str, str]], article_id: str, source: str,
                        respelled: bool = True) -> Article:
    """The article read from one text (an article file: slot ""), or from one text per language
    slot, each as (file name, slot, text); ``respelled``: see :func:`.layout.clean_markup`."""
    article = Article(id=article_id, source=source)
    slots = any(slot for _, slot, _ in texts)
    regions, claims, wheres, breaks = [], [], [], []
    for name, slot, text in texts:
        found, soft = _regions_of(text, name, [] if slots else article.notes, respelled)
        regions += found
        breaks += soft
        claims += [slot] * len(found)
        wheres += [f"the --{slot} file {name}"] * len(found)
    if not slots:
        place_regions(article, regions)
    else:
        place_regions(article, regions, claims, wheres)
    for lang in article.missing:
        article.notes.append(f"missing:{lang}: no {lang} abstract {'given' if slots else 'in the article'}")
    mend_soft_breaks(article, breaks)
    article.notes.extend(shortfall_notes(article))
    return article


#: Words a ``mixed-script`` note names, at most (``ushtil check`` names each where it stands).
NOTED_WORDS = 5


def record_respellings(article: Article, as_written: Article) -> None:
    """Note in each part the words typed with lookalike letters of another script, where they stand
    (:attr:`.model.Abstract.respelled`), from the same text read without respelling them
    (``as_written``): a field (title, author, paragraph, keyword) read the same way both times but
    for them holds them at the same places, as respelling keeps the length. A ``mixed-script:LANG``
    note tells ``align`` (and whoever reads the article's record) what was respelled."""
    for lang, part in article.parts.items():
        written = as_written.parts.get(lang)
        if written is None:
            continue
        fields = [written.title, *written.authors, *written.paragraphs, *written.keywords]
        read_as = {respell(value): value for value in fields if respellings(value)}
        clean = set(fields)
        # a field the second reading did not cut the same way (the keywords of a marker typed so,
        # "Түйiн сөздер", found only when read): its place in all the part's text
        whole = "\n".join(fields)
        whole_read = respell(whole)
        for section, values in (("title", [part.title]), ("authors", part.authors), ("abstract", part.paragraphs),
                                ("keywords", part.keywords)):
            for index, value in enumerate(values):
                at = whole_read.find(value) if value and value not in read_as and value not in clean else -1
                typed = read_as.get(value) or (whole[at:at + len(value)] if at >= 0 else "")
                part.respelled += [[section, index, item.start, item.written] for item in respellings(typed)]
        if part.respelled:
            words = list(dict.fromkeys(item[3] for item in part.respelled))
            more = " …" if len(words) > NOTED_WORDS else ""
            article.notes.append(
                f"mixed-script:{lang}: {len(part.respelled)} words typed with lookalike letters of another script, "
                f"read in their own: {', '.join(words[:NOTED_WORDS])}{more}")


def shortfall_notes(article: Article) -> list[str]:
    """``truncated:LANG`` for a language with fewer paragraphs or keywords than another one:
    never a silent truncation (a label read as the body's start, a keyword list not found)."""
    notes = []
    present = [lang for lang in LANGS if lang not in article.missing]
    for what in ("paragraphs", "keywords"):
        counts = {lang: len(getattr(article.part(lang), what)) for lang in present}
        most = max(counts.values(), default=0)
        for lang, count in counts.items():
            if count < most:
                others = ", ".join(f"{other} {n}" for other, n in counts.items() if other != lang)
                notes.append(f"truncated:{lang}: {count} {what} in {lang} where the others have more ({others})")
    return notes


def _regions_of(text: str, name: str, notes: list[str], respelled: bool = True,
                 ) -> tuple[list[Region], list[SoftBreak]]:
    """The abstracts found in ``text``, and the soft breaks of its fixed-width lines."""
    paragraphs = paragraphs_of(
        text,
        starts_paragraph=lambda line: find_marker(line) is not None or _opens_labelled_part(line),
        stands_alone=lambda line: _is_byline(line) or _is_lone_label(line) or _is_lone_marker(line)
        or is_classification_line(line),
        respelled=respelled,
    )
    if not any(any(ch.isalpha() for ch in paragraph.text) for paragraph in paragraphs):
        raise InputError(f"{name}: no text to read (only numbers or page headers)")
    regions = find_regions(paragraphs)
    if not regions:
        if identify(" ".join(paragraph.text for paragraph in paragraphs)).other:
            raise InputError(f"{name}: the text is not {supported_names()}, the languages ushtil reads "
                             "(and no abstract marker says otherwise)")
        regions = body_region(paragraphs)
        notes.append("no abstract marker (Abstract, Аңдатпа, Аннотация…): the whole text is read as the abstract")
    return regions, [soft for paragraph in paragraphs for soft in paragraph.soft_breaks]


def _opens_labelled_part(line: str) -> bool:
    """A line opening a part of a structured abstract ("Methods: …"), a paragraph even without a
    blank line before it; not "Цель исследования – …", which may open a sentence, nor "цель: …"."""
    label = find_label(line)
    return label is not None and line[:1].isupper() and not label[3]


def _is_lone_marker(line: str) -> bool:
    """A marker alone on its line ("ABSTRACT", "Түйін сөздер:"): in a PDF's text without blank lines
    the text under it is not part of it."""
    marker = find_marker(line)
    return marker is not None and not marker.rest and line[:1].isupper()


def _is_lone_label(line: str) -> bool:
    """A structured abstract's label on a line of its own ("Purpose" / "Нәтижелері:" / "Abstract.
    Purpose"), its part below it."""
    marker = find_marker(line)
    if marker is not None and marker.kind == "abstract" and marker.rest:
        line = marker.rest
    label = find_label(line)
    return label is not None and line[:1].isupper() and not label[1]


def _is_byline(line: str) -> bool:
    """A line of author names, a paragraph of its own even inside a block of wrapped lines: two
    names or more, or a name with initials ("Central Asia." ending a wrapped paragraph is not one)."""
    names = split_names(clean_markup(line))
    return len(names) >= 2 or any(re.search(r"\b\w{1,2}\.", name) for name in names)


@dataclass
class _Block:
    """A region, the languages its parts are written in, and the language it was meant for."""

    region: Region
    #: the language its marker (or the file slot it was given in) claims, "" when none
    claimed: str
    text_lang: str
    front_lang: str
    #: where it was found, for notes ("under the marker 'Аңдатпа'", "the --kk file a.txt")
    where: str

    def claims(self, lang: str) -> bool:
        """True when the marker or slot is compatible with ``lang`` ("Аннотация" is kk and ru)."""
        marker = self.region.marker
        if not lang:
            return True
        shared = bool(marker and self.claimed == marker.lang and marker.word in get_language(lang).abstract_markers)
        return self.claimed in ("", lang) or shared

    @property
    def coherent(self) -> bool:
        """Text, title, keywords and marker all say the same language."""
        lang = self.text_lang or self.front_lang
        return self.claims(lang) and self.front_lang in ("", lang)


def place_regions(article: Article, regions: list[Region], claims: list[str] | None = None,
                  wheres: list[str] | None = None) -> None:
    """Give every region the slot of the language it is written in; never drop text.

    Coherent regions (marker, title, keywords and text in one language) are placed first. A region
    whose text is in another language than its title and keywords claim (a Kazakh title and
    keywords over a Russian abstract) leaves its title, authors and keywords in the claimed slot;
    its text goes to the slot of the language it is written in, or to ``article.extras`` when that
    slot is filled already. The notes name the side that is wrong ("the kk abstract is in Russian").
    """
    blocks = []
    for number, region in enumerate(regions):
        claimed = claims[number] if claims else (region.marker.lang if region.marker else "")
        where = wheres[number] if wheres else (f"under the marker {region.marker.word!r}" if region.marker else "")
        text_lang = identify(" ".join(region.paragraphs)).lang if region.paragraphs else ""
        front_lang = identify(" ".join([region.title, *region.keywords])).lang
        blocks.append(_Block(region, claimed, text_lang or region.lang, front_lang, where))
    strays: list[tuple[Abstract, str]] = []
    for block in sorted(blocks, key=lambda block: not block.coherent):
        _place(article, block, strays)
    for stray, over in strays:
        # a title in another language than its part's ("# Kazakhstan as …" over the Kazakh abstract)
        # is the title of the part in its own language when that part has none
        part = article.parts.get(stray.lang)
        if part is not None and not part.title:
            part.title = stray.title
        elif stray.lang and part is not None and part.title == stray.title:
            if over in article.parts and not article.parts[over].title:
                # the part it stands over has no title of its own: the title was left untranslated
                article.notes.append(f"untranslated-title:{over}: the {over} title is the {_name(stray.lang)} one, "
                                     "not translated")
            continue
        else:
            article.extras.append(stray)
            which = stray.lang or "unknown-language"
            article.notes.append(f"duplicate:{stray.lang}: a {which} title over another part is kept in extras")


def _place(article: Article, block: _Block, strays: list[tuple[Abstract, str]]) -> None:
    region = block.region
    if not (region.paragraphs or region.title or region.keywords):
        return  # a marker with nothing under it (a table's header row "Аңдатпа | Аннотация")
    text_lang = block.text_lang or block.front_lang or block.claimed
    if not text_lang:
        article.extras.append(Abstract(lang="", title=region.title, authors=region.authors,
                                       paragraphs=region.paragraphs, keywords=region.keywords))
        article.notes.append(_where("unknown-language: a text in no language ushtil knows is kept in extras", block))
        return
    marker = region.marker.word if region.marker else ""
    text = Abstract(
        lang=text_lang,
        title=region.title,
        authors=region.authors,
        paragraphs=region.paragraphs,
        keywords=region.keywords,
        marker=marker,
        detected_lang=block.text_lang,
        labels=list(region.labels),
    )
    meant = block.front_lang or text_lang
    versions = title_versions(text.title)
    if versions:
        # "Қазақша / Русский / English" over one part: each version to the part of its language
        guesses = [identify(version).lang for version in versions]
        text.title = next((v for v, lang in zip(versions, guesses, strict=True) if lang == meant), "")
        strays += [(Abstract(lang=lang, title=v), meant) for v, lang in zip(versions, guesses, strict=True)
                   if lang != meant]
    title_guess = identify(text.title)
    if text.title and title_guess.lang not in ("", meant) and title_guess.script != get_language(meant).script:
        strays.append((Abstract(lang=title_guess.lang, title=text.title), meant))
        text.title = ""
    if meant == text_lang and not block.claims(text_lang) and not _taken(article, text_lang):
        # a foreign marker over the only text in its language: the text decides, the marker is noted
        article.notes.append(
            f"wrong-language:{text_lang}: the {block.claimed} marker {marker!r} introduces a text in {text_lang}"
            if marker else f"wrong-language:{block.claimed}: {block.where} holds {text_lang}, not {block.claimed}"
        )
    elif meant == text_lang and not block.claims(text_lang):
        # the claimed language's part was replaced whole by a second text in text_lang: kept whole
        wrong = f"wrong-language:{block.claimed}: the {block.claimed} abstract is in {_name(text_lang)}"
        article.notes.append(_where(wrong, block))
    if meant != text_lang:
        article.notes.append(_where(f"wrong-language:{meant}: the {meant} abstract is in {_name(text_lang)}", block))
        front = Abstract(lang=meant, title=text.title, authors=text.authors, keywords=text.keywords, marker=marker)
        text.title, text.authors, text.keywords = "", [], []
        if front.title or front.authors or front.keywords:
            _fill(article, front, block)
    _fill(article, text, block)


def _taken(article: Article, lang: str) -> bool:
    return bool(article.parts.get(lang) and article.parts[lang].paragraphs)


def _fill(article: Article, part: Abstract, block: _Block) -> None:
    """Put ``part`` into its language's slot, or into the extras when the slot holds that text already."""
    current = article.parts.get(part.lang)
    if current is None:
        article.parts[part.lang] = part
        return
    clash = any(getattr(current, name) and getattr(part, name) for name in ("title", "paragraphs", "keywords"))
    if not clash:
        for name in ("title", "authors", "paragraphs", "keywords", "marker", "detected_lang", "labels"):
            if getattr(part, name) and not getattr(current, name):
                setattr(current, name, getattr(part, name))
        return
    article.extras.append(part)
    article.notes.append(_where(
        f"duplicate:{part.lang}: a second {part.lang} text ({len(part.paragraphs)} paragraphs, "
        f"{len(part.keywords)} keywords) is kept in extras", block,
    ))


def _where(message: str, block: _Block) -> str:
    return f"{message} ({block.where})" if block.where else message


def _name(lang: str) -> str:
    return get_language(lang).name


def read_abstract_files(paths: dict[str, str | Path], article_id: str = "") -> Article:
    """An article from one file per language, e.g. ``{"en": "a.txt", "kk": "b.txt", "ru": "c.txt"}``.

    The slot a file is given in is a claim like a marker: a file in another language goes to the
    slot of its language (or to the extras), and a note names the slot that is wrong.
    """
    unknown = set(paths) - set(LANGS)
    if unknown:
        raise InputError(f"unknown language slot(s): {', '.join(sorted(unknown))}")
    first = Path(next(iter(paths.values())))
    article_id, source = article_id or first.stem, ", ".join(str(p) for p in paths.values())
    texts = [(str(path), lang, load_text(Path(path))) for lang, path in paths.items()]
    article = _article_from_texts(texts, article_id, source)
    if any(respellings(text) for *_, text in texts):
        record_respellings(article, _article_from_texts(texts, article_id, source, respelled=False))
    return article


def read_articles(inputs: Iterable[str | Path]) -> list[Article]:
    """Read every article named or found in ``inputs`` (files and folders; see :mod:`.inputs`)."""
    from .inputs import collect_inputs

    found = collect_inputs(inputs, kinds=("article",))
    if found.errors:
        raise InputError(found.errors[0])
    return [read_article(item.path) for item in found.items]


__all__ = ["article_from_text", "read_abstract_files", "read_article", "read_articles"]
