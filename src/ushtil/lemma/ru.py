"""Russian lemmas with pymorphy3 (OpenCorpora dictionary plus its guesser for unknown words).

The most probable parse gives the lemma; names (Geox, Name, Surn, Patr, Orgn, Trad) keep their
capital, acronyms and Roman numerals stay as written, words in Latin script are only lower-cased,
and ё is written е (ru.toml [spelling]) as in the dictionaries the treebanks follow.
"""

from __future__ import annotations

import os
import re

from ..langs import get_language
from .base import Analysis, Lemmatizer, read_table

#: pymorphy3 grammemes that mark a proper name.
_NAME_TAGS = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"})
_RUSSIAN = get_language("ru")
#: A letter of the Russian alphabet (ru.toml), in either case: a word without one is not analysed.
_RUSSIAN_LETTER = re.compile(f"[{_RUSSIAN.alphabet}]", re.IGNORECASE)
_ROMAN = re.compile(r"^[IVXLCDM]+$")


def _dictionary_path(analyzer) -> str | None:
    """pymorphy3's Russian dictionary, found by its package: pymorphy3 finds it by reading every installed
    package's entry points (0.02 s of a start). None (pymorphy3 then chooses) when its environment
    variable names one, or without the package."""
    if analyzer.DICT_PATH_ENV_VARIABLE in os.environ:
        return None
    try:
        import pymorphy3_dicts_ru
    except ImportError:
        return None
    return pymorphy3_dicts_ru.get_path()


def _capitalised(lemma: str) -> str:
    return lemma[:1].upper() + lemma[1:]


class RussianLemmatizer(Lemmatizer):
    lang = "ru"

    def __init__(self) -> None:
        super().__init__()
        import pymorphy3

        self.morph = pymorphy3.MorphAnalyzer(path=_dictionary_path(pymorphy3.MorphAnalyzer), lang="ru")
        self._forms = {form: lemma for form, lemma in read_table(__package__, "ru_forms.tsv")}

    def analyse(self, word: str) -> Analysis:
        if not _RUSSIAN_LETTER.search(word):
            if _ROMAN.match(word) or word.isupper() or not any(char.isalpha() for char in word):
                return Analysis(word)
            return Analysis(word.lower())
        lower = word.lower()
        if lower in self._forms:
            return Analysis(self._forms[lower])
        parses = self.morph.parse(word)
        best = parses[0]
        lemma = _RUSSIAN.fold(best.normal_form)
        if len(word) > 1 and word.isupper():
            return Analysis(word if "Abbr" in best.tag or len(word) <= 5 else lemma)
        if not word[:1].isupper():
            return Analysis(lemma)
        if _NAME_TAGS & best.tag.grammemes or not best.is_known:
            return Analysis(_capitalised(lemma), proper=True)
        name = next((p for p in parses if _NAME_TAGS & p.tag.grammemes and best.tag.POS == "NOUN"), None)
        if name is not None:  # Вятка, Динамо: a name inside a sentence, a common word at its start
            return Analysis(_capitalised(_RUSSIAN.fold(name.normal_form)), common=lemma)
        return Analysis(lemma)

    def lemmas(self, word: str) -> tuple[str, ...]:
        """The normal form of every pymorphy3 parse, the likeliest first, capitals as ``word`` has them."""
        best = self.lemma(word)
        if not _RUSSIAN_LETTER.search(word):
            return (best,)
        others = (_RUSSIAN.fold(parse.normal_form) for parse in self.morph.parse(word))
        cased = (_capitalised(form) if word[:1].isupper() else form for form in others)
        return tuple(dict.fromkeys((best, *cased)))
