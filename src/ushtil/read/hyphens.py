"""Words broken at a line end ("гео-" / "политический"): join them, or keep a compound's hyphen.

A PDF (or its text export) prints one line at a time; a hyphen at a line end is either the
typesetter's (remove it) or the word's own (keep it: "қарым-қатынас", "twenty-first"). The text
itself is the evidence: see :class:`Hyphenation`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

_HYPHENS = "-\u00ad\u2010"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _vocabulary(paragraphs: list[list[str]]) -> set[str]:
    """Words of the text (lower case), parts of its hyphenated words, and "left-" for each compound
    such a part starts; the pieces of words broken at a line end are left out."""
    words: set[str] = set()
    for paragraph in paragraphs:
        for number, line in enumerate(paragraph):
            tokens = _WORD.findall(line)
            if number and paragraph[number - 1][-1:] in _HYPHENS:
                tokens = tokens[1:]
            if line[-1:] in _HYPHENS:
                tokens = tokens[:-1]
            for token in tokens:
                token = token.lower()
                words.add(token)
                parts = token.split("-")
                words.update(parts)
                words.update(f"{part}-" for part in parts[:-1])
    return words


@dataclass
class Hyphenation:
    """How to join a word broken at a line end, from what the text itself shows.

    The text decides where it can: "геополитический" written whole elsewhere joins "гео-" +
    "политический"; "қарама-" opening a compound elsewhere keeps "қарама-" + "қайшылықта". Breaks
    without such evidence follow the document's majority: a typesetter that hyphenates syllables
    leaves many breaks whose whole word recurs; one that does not leaves only compounds.
    """

    vocabulary: set[str]
    join_by_default: bool = False

    def decide(self, left: str, right: str) -> bool | None:
        """True: join without the hyphen; False: keep it; None: the text does not say."""
        left, right = left.lower(), right.lower()
        if left + right in self.vocabulary:
            return True
        if f"{left}-" in self.vocabulary or f"{left}-{right}" in self.vocabulary:
            return False
        if len(right) >= 4 and right in self.vocabulary:
            return False  # "twenty-" + "first": the second part is a word of its own
        if len(left) >= 4 and len(right) >= 4 and left[0] == right[0]:
            return False  # a paired word, "қарама-қайшылық", "қарым-қатынас": both halves start alike
        return None

    def join(self, left: str, right: str) -> bool:
        decision = self.decide(left, right)
        return self.join_by_default if decision is None else decision


_BROKEN = re.compile(r"([^\W\d_]+)[-\u00ad\u2010]$")
_START = re.compile(r"[^\W\d_]+")


def _breaks(paragraphs: list[list[str]]) -> list[tuple[str, str]]:
    found = []
    for lines in paragraphs:
        for previous, line in pairwise(lines):
            head, tail = _BROKEN.search(previous), _START.match(line)
            if head and tail and line[:1].islower():
                found.append((head.group(1), tail.group(0)))
    return found


def hyphenation_of(paragraphs: list[list[str]]) -> Hyphenation:
    """The rule for a document whose paragraphs are given as their printed lines."""
    rule = Hyphenation(_vocabulary(paragraphs))
    votes = Counter(rule.decide(left, right) for left, right in _breaks(paragraphs))
    rule.join_by_default = votes[True] >= max(1, votes[False])
    return rule


def join_lines(lines: list[str], hyphenation: Hyphenation) -> str:
    """Lines of one paragraph as one line, words broken at a line end joined again."""
    text = ""
    for line in lines:
        head, tail = _BROKEN.search(text), _START.match(line)
        if head and tail and line[:1].islower():
            text = (text[:-1] if hyphenation.join(head.group(1), tail.group(0)) else text) + line
        elif (head and tail) or (text[-2:-1].isalnum() and text.endswith("-") and line[:1].isdigit()):
            text += line  # "Kazakh-" + "English", "2616-" + "6887": a compound, a number range
        else:
            text = f"{text} {line}" if text else line
    return text
