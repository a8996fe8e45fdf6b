"""Russian lemmas with pymorphy3 (OpenCorpora dictionary plus its guesser for unknown words).

The most probable parse gives the lemma; names (Geox, Name, Surn, Patr, Orgn, Trad) keep their
capital, acronyms and Roman numerals stay as written, words in Latin script are only lower-cased,
and ё is written е as in the dictionaries the treebanks follow.
"""

from __future__ import annotations

import re

from .base import Analysis, Lemmatizer

#: pymorphy3 grammemes that mark a proper name.
_NAME_TAGS = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"})
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_ROMAN = re.compile(r"^[IVXLCDM]+$")


class RussianLemmatizer(Lemmatizer):
    lang = "ru"

    def __init__(self) -> None:
        super().__init__()
        import pymorphy3

        self.morph = pymorphy3.MorphAnalyzer()

    def analyse(self, word: str) -> Analysis:
        if not _CYRILLIC.search(word):
            if _ROMAN.match(word) or word.isupper() or not any(char.isalpha() for char in word):
                return Analysis(word)
            return Analysis(word.lower())
        parses = self.morph.parse(word)
        best = parses[0]
        lemma = best.normal_form.replace("ё", "е")
        if len(word) > 1 and word.isupper():
            return Analysis(word if "Abbr" in best.tag or len(word) <= 5 else lemma)
        capitalised = word[:1].isupper()
        if capitalised and (_NAME_TAGS & best.tag.grammemes or not best.is_known):
            return Analysis(lemma[:1].upper() + lemma[1:], proper=True)
        return Analysis(lemma)
