"""Paragraph ends that fixed-width text does not show, found again from the other languages.

A PDF's text export wraps lines at a fixed width and shows a paragraph's end only by a short last
line. A paragraph whose last line happens to be full runs on into the next one, and its language
would have one paragraph fewer than the others: a false ``truncated:LANG`` note. Every full line
ending a sentence before a capital is a :class:`~.layout.SoftBreak`; a part with fewer paragraphs
than the others is cut at those of them that put its paragraph ends where the other language has
its own (as shares of the text's length), and only when they all fall close: a paragraph really
missing leaves the ends apart, and its note stands.
"""

from __future__ import annotations

from itertools import accumulate, combinations, pairwise
from math import comb

from ..model import LANGS, Abstract, Article
from .layout import SoftBreak

#: The farthest a paragraph end may fall from the other language's, as a share of the text's length.
MAX_END_SHIFT = 0.06
#: Above this many ways of choosing the breaks, the text is left as it is.
MAX_CHOICES = 5000


def _ends(paragraphs: list[str]) -> list[float]:
    """Where each paragraph but the last ends, as a share of the text's length."""
    lengths = [len(paragraph) for paragraph in paragraphs]
    total = sum(lengths) or 1
    return [length / total for length in accumulate(lengths[:-1])]


def _places(paragraphs: list[str], breaks: list[SoftBreak]) -> list[tuple[int, int]]:
    """(paragraph, offset) of every soft break inside the paragraphs: where the next paragraph starts."""
    places = set()
    for number, paragraph in enumerate(paragraphs):
        for soft in breaks:
            joined = f"{soft.before} {soft.after}"
            start = paragraph.find(joined)
            while start >= 0:
                places.add((number, start + len(soft.before) + 1))
                start = paragraph.find(joined, start + 1)
    return sorted(places)


def _cut(paragraphs: list[str], places: tuple[tuple[int, int], ...]) -> list[tuple[int, int, str]]:
    """The paragraphs cut at ``places``: (the paragraph each piece came from, where in it it starts,
    its text)."""
    pieces = []
    for number, paragraph in enumerate(paragraphs):
        offsets = [0, *(offset for where, offset in places if where == number), len(paragraph)]
        pieces += [(number, start, paragraph[start:end].strip()) for start, end in pairwise(offsets)]
    return pieces


def _mend(part: Abstract, reference: list[float], breaks: list[SoftBreak]) -> bool:
    """Cut ``part`` into as many paragraphs as ``reference`` has ends + 1; False when the soft
    breaks cannot put its ends close to the reference's."""
    wanted = len(reference) + 1 - len(part.paragraphs)
    places = _places(part.paragraphs, breaks)
    if len(places) < wanted or comb(len(places), wanted) > MAX_CHOICES:
        return False
    best, best_cost = None, MAX_END_SHIFT
    for chosen in combinations(places, wanted):
        ends = _ends([text for _, _, text in _cut(part.paragraphs, chosen)])
        cost = max(abs(end - other) for end, other in zip(ends, reference, strict=True))
        if cost <= best_cost:
            best, best_cost = chosen, cost
    if best is None:
        return False
    pieces = _cut(part.paragraphs, best)
    if part.labels:  # a piece cut off a labelled paragraph has no label of its own
        part.labels = [part.labels[number] if start == 0 else "" for number, start, _ in pieces]
    part.paragraphs = [text for _, _, text in pieces]
    return True


def mend_soft_breaks(article: Article, breaks: list[SoftBreak]) -> None:
    """Cut a part with fewer paragraphs than another at the soft breaks that match that other's
    paragraph ends, the part with the most paragraphs tried first (see the module's docstring)."""
    if not breaks:
        return
    parts = [article.part(lang) for lang in LANGS if lang not in article.missing]
    counts = {part.lang: len(part.paragraphs) for part in parts}
    for part in parts:
        references = sorted((other for other in parts if counts[other.lang] > counts[part.lang] > 0),
                            key=lambda other: -counts[other.lang])
        any(_mend(part, _ends(other.paragraphs), breaks) for other in references)
