"""Parallel documents open the same way: a heading cut off the first sentence in one language is
cut off in the others too.

A headline or title run into the first sentence on the same line is found by the per-language
rules only where the words give it away (:meth:`~.rules.RuleSplitter._inline_heading`); a name
opening the sentence hides it. Translations of one document share the heading, and it takes about
the same share of the first paragraph's characters in each, so a language whose first sentence was
not cut is cut where its share is closest to the others' (:meth:`~.rules.RuleSplitter.cut_heading_at`).
"""

from __future__ import annotations

from statistics import median

from .rules import _CLOSERS, RuleSplitter

#: How far (relative) a cut's share of characters may lie from the other languages' heading share.
SHARE_TOLERANCE = 0.3


def agree_headings(documents: dict[str, list[list[str]]]) -> dict[str, list[list[str]]]:
    """The documents (paragraphs of sentences per language, translations of each other), with the
    heading of the first sentence cut off in every language where some language has one."""
    shares = {}
    for lang, paragraphs in documents.items():
        first = paragraphs[0] if paragraphs else []
        if len(first) > 1 and not _ends_sentence(first[0]):
            shares[lang] = _chars(first[0]) / _chars(*first)
    if not shares:
        return documents
    share = median(shares.values())
    agreed = dict(documents)
    for lang, paragraphs in documents.items():
        if lang in shares or not paragraphs or not paragraphs[0] or not _ends_sentence(paragraphs[0][0]):
            continue
        first = paragraphs[0]
        # the heading's share of the first paragraph, as a share of its first sentence (the languages
        # may cut the rest of the paragraph into sentences differently)
        cut = RuleSplitter(lang).cut_heading_at(first[0], share * _chars(*first) / _chars(first[0]), SHARE_TOLERANCE)
        agreed[lang] = [[*cut, *first[1:]], *paragraphs[1:]]
    return agreed


def _chars(*sentences: str) -> int:
    return sum(len(text.replace(" ", "")) for text in sentences)


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")
