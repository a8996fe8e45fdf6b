"""Word tokens shared by every stage (lemmas, alignment evidence, term candidates, checks)."""

from __future__ import annotations

import re

from .lookalikes import respell

#: A word: letters or digits, with inner hyphens, apostrophes and decimal separators
#: ("non-regional", "Kazakhstan's", "6.8", "2,7", "қарым-қатынас").
WORD = re.compile(r"\w+(?:[-'’.,]\w+)*", re.UNICODE)
#: A token as treebanks count them: a word, or any single other non-space character.
TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)


def words(text: str) -> list[str]:
    """The words of ``text`` in order, punctuation dropped; a word typed with lookalike letters of
    another script ("Mоливуд" with a Latin M) as the word it stands for (:mod:`.lookalikes`), so
    it is compared as one."""
    return [word.strip(".,") for word in WORD.findall(respell(text))]


def tokens(text: str) -> list[str]:
    """Words and punctuation marks of ``text`` in order."""
    return TOKEN.findall(text)
