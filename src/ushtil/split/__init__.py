"""Sentence splitting for en/kk/ru: the built-in rules by default, stanza when asked for.

The stage after reading: the reader gives each abstract (and each language of a text triple) as
paragraphs, the splitter cuts them into sentences. ``split_sentences(text, lang)`` splits one
text; :func:`split_article` and :func:`split_document` split what the reader returns (the latter
is what :func:`ushtil.read.inputs.read_documents` takes as its ``split``). ``backend="stanza"``
uses stanza's tokenizer (optional extra ``ushtil[stanza]``) and fails with a one-line message when
stanza or its models are missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import cache

from ..lookalikes import respell
from ..model import Abstract, Article
from .parallel import agree_headings
from .rules import RuleSplitter

#: Backends by name; the first is the default.
BACKENDS: tuple[str, ...] = ("builtin", "stanza")


@cache
def _rule_splitter(lang: str) -> RuleSplitter:
    return RuleSplitter(lang)


def split_sentences(text: str, lang: str, backend: str = "builtin") -> list[str]:
    """Split ``text`` (one or more paragraphs) in language ``lang`` into sentences (judged on the
    words as read, kept as written: see :func:`split_paragraphs`)."""
    if backend == "builtin":
        return _as_read(text, _rule_splitter(lang).split)
    if backend == "stanza":
        from .stanza_backend import stanza_split

        return _as_read(text, lambda read: stanza_split(read, lang))
    raise ValueError(f"unknown sentence splitter backend {backend!r}; choose one of {BACKENDS}")


def sentences_within(sentence: str, lang: str) -> list[str]:
    """The sentences a unit given as one sentence holds: a pre-segmented line may join two, as a
    translator's merged line does. Cut at sentence ends only, by the built-in rules (the aligner
    aligns the pieces and gives the unit back whole, whatever backend split the text)."""
    return _as_read(sentence, _rule_splitter(lang).split_within)


def _as_read(text: str, split: Callable[[str], list[str]]) -> list[str]:
    """``split`` judges the words as read (:func:`ushtil.lookalikes.respell`); the sentences keep the
    text as written."""
    read = respell(text)
    sentences = split(read)
    return sentences if read == text else _as_written(sentences, text, read)


def split_lines(text: str) -> list[str]:
    """The sentences of pre-segmented text: its non-blank lines, kept as they are (stripped)."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def split_paragraphs(paragraphs: list[str], lang: str, backend: str = "builtin") -> list[list[str]]:
    """Split each paragraph of one document into sentences, keeping the paragraph structure. Where
    to cut is judged on the words as read (:func:`ushtil.lookalikes.respell`: "Dг." typed with a
    Cyrillic г is no abbreviation the data knows), the sentences keep the text as written."""
    paragraphs = list(paragraphs)
    if backend != "builtin":
        return [split_sentences(paragraph, lang, backend) for paragraph in paragraphs]
    read = [respell(paragraph) for paragraph in paragraphs]
    split = _rule_splitter(lang).split_paragraphs(read)
    return split if read == paragraphs else [
        _as_written(sentences, paragraph, as_read) for sentences, paragraph, as_read in zip(split, paragraphs, read,
                                                                                              strict=True)]


def _as_written(sentences: list[str], paragraph: str, read: str) -> list[str]:
    """The sentences cut from ``read`` (``paragraph`` respelled, of the same length) as ``paragraph``
    writes them: letter for letter, spaces as the splitter gave them (a line break read as a space);
    a sentence that does not follow ``read`` so stays as it was cut."""
    written, cursor = [], 0
    for sentence in sentences:
        letters, at = [], cursor
        for letter in sentence:
            if letter.isspace():
                letters.append(letter)
                continue
            while at < len(read) and read[at].isspace():
                at += 1
            if at >= len(read) or read[at] != letter:
                break
            letters.append(paragraph[at])
            at += 1
        else:
            written.append("".join(letters))
            cursor = at
            continue
        written.append(sentence)
    return written


def split_article(article: Article, backend: str = "builtin") -> Article:
    """The article with the paragraphs of every abstract (and of every extra text in a known
    language) split into sentences: a new article, the reader's is left as it is. The abstracts are
    translations of one text, so a heading cut off the first sentence in one is cut off in the
    others (:func:`agree_headings`), as in a text triple."""
    parts = {lang: _split_abstract(part, backend) for lang, part in article.parts.items()}
    agreed = agree_headings({lang: part.sentences for lang, part in parts.items() if part.lang and part.sentences})
    return replace(
        article,
        parts={lang: replace(part, sentences=agreed[lang]) if lang in agreed else part for lang, part in parts.items()},
        notes=list(article.notes),
        extras=[_split_abstract(extra, backend) for extra in article.extras],
    )


def is_split(article: Article) -> bool:
    """Whether every abstract of ``article`` that has paragraphs has its sentences."""
    return all(part.sentences or not part.paragraphs for part in article.parts.values())


def _split_abstract(part: Abstract, backend: str) -> Abstract:
    if not part.lang:
        return part  # a text in no language ushtil knows: no splitter for it
    return replace(part, sentences=split_paragraphs(part.paragraphs, part.lang, backend))


def split_triple(paragraphs: Mapping[str, list[str]], backend: str = "builtin",
                 presegmented: bool = False) -> dict[str, list[list[str]]]:
    """A text triple's paragraphs per language as paragraphs of sentences (each language one
    document: :func:`split_paragraphs`, then a heading cut off the first sentence in one language
    is cut off in the others: :func:`agree_headings`); ``presegmented`` text has one sentence per line."""
    if presegmented:
        return {lang: [split_lines(paragraph) for paragraph in texts] for lang, texts in paragraphs.items()}
    return agree_headings({lang: split_paragraphs(texts, lang, backend) for lang, texts in paragraphs.items()})


def split_document(document: Article | Mapping[str, list[str]], backend: str = "builtin",
                   presegmented: bool = False) -> Article | dict[str, list[list[str]]]:
    """What the reader made of one input, split: an article (:func:`split_article`), or a text
    triple's paragraphs (:func:`split_triple`). A module-level function, so that
    :func:`~ushtil.read.inputs.read_documents` can send it to other processes with each input."""
    if isinstance(document, Article):
        return split_article(document, backend)
    return split_triple(document, backend, presegmented)


__all__ = [
    "BACKENDS",
    "RuleSplitter",
    "agree_headings",
    "is_split",
    "sentences_within",
    "split_article",
    "split_document",
    "split_lines",
    "split_paragraphs",
    "split_sentences",
    "split_triple",
]
