"""English lemmas: a table of function words and clitics, then lemminflect's dictionary.

Without a part-of-speech tagger the reading is chosen by a fixed order of word classes (verbs
first: "found" → "find", "meeting" → "meet"); capitalised words inside a sentence are names and
keep their form, but for the singular of a plural (Americans → American); acronyms stay as written.

lemminflect's dictionary is read by :class:`EnglishDictionary`, which looks words up in its file
as it stands: importing lemminflect loads numpy and parses all 80,000 lines into dictionaries
(0.3 s), where a glossary re-run looks up a few hundred words. lemminflect itself is imported only
for a word its dictionary lacks (its rules for unknown words).
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from ..langs import get_language
from .base import Analysis, Lemmatizer, read_table

#: Word classes in the order their lemma is preferred when a form has several readings.
_CLASS_ORDER = ("AUX", "VERB", "NOUN", "ADJ", "ADV", "PROPN")


class EnglishDictionary:
    """lemminflect's lemma dictionary (``lemma_lu.csv.gz`` and ``lemma_overrides.csv``), read where
    lemminflect keeps them: :meth:`readings` is ``lemminflect.getAllLemmas(word)``.

    The table's lines (``form,category,lemma/lemma``) are sorted by form, so a form is found by
    bisecting the decompressed text (about twenty comparisons) instead of parsing every line."""

    def __init__(self) -> None:
        spec = find_spec("lemminflect")  # finds the package without importing it
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("lemminflect is not installed")
        resources = Path(next(iter(spec.submodule_search_locations)), "resources")
        self._text = gzip.decompress((resources / "lemma_lu.csv.gz").read_bytes()).decode()
        self._overrides: dict[str, dict[str, tuple[str, ...]]] = {}
        for line in (resources / "lemma_overrides.csv").read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                form, upos, lemma = line.split(",")
                self._overrides.setdefault(form, {})[upos] = (lemma,)
        self._found: dict[str, dict[str, tuple[str, ...]]] = {}

    def readings(self, word: str) -> dict[str, tuple[str, ...]]:
        """The lemmas of ``word`` per word class (NOUN, VERB, ADJ, ADV, AUX), capitalised as ``word``
        is (all capitals, a first capital or none); empty for a word the dictionary lacks."""
        lower = word.lower()
        found = self._found.get(lower)
        if found is None:
            found = self._found[lower] = self._looked_up(lower) | self._overrides.get(lower, {})
        style = str.upper if word.isupper() else str.capitalize if word[:1].isupper() else str.lower
        return {upos: tuple(style(lemma) for lemma in lemmas) for upos, lemmas in found.items()}

    def _looked_up(self, form: str) -> dict[str, tuple[str, ...]]:
        text = self._text
        start = self._first_line(form)
        readings: dict[str, tuple[str, ...]] = {}
        while start < len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            line_form, category, lemmas = text[start:end].strip().split(",")
            if line_form != form:
                break
            upos = "AUX" if category == "modal" else category.upper()
            readings[upos] = tuple(lemmas.split("/"))
            start = end + 1
        return readings

    def _first_line(self, form: str) -> int:
        """Where the first line whose form is not before ``form`` starts (the text's end if none)."""
        text = self._text
        low, high = 0, len(text)  # lines starting before low hold earlier forms; from high on, not
        while low < high:
            middle = (low + high) // 2
            start = max(low, text.rfind("\n", low, middle) + 1)
            if text[start:text.find(",", start)] < form:
                after = text.find("\n", start)
                low = len(text) if after < 0 else after + 1
            else:
                high = start
        return low


@cache
def english_dictionary() -> EnglishDictionary:
    """The dictionary, read once per process."""
    return EnglishDictionary()


def english_readings(word: str) -> dict[str, tuple[str, ...]]:
    """What English dictionaries have ``word`` as: its lemmas per word class (``getAllLemmas``)."""
    return english_dictionary().readings(word)


class EnglishLemmatizer(Lemmatizer):
    lang = "en"

    def __init__(self) -> None:
        super().__init__()
        self._dictionary = english_dictionary()
        self._forms = {form: lemma for form, lemma in read_table(__package__, "en_forms.tsv")}
        self._function_words = get_language(self.lang).stop_words

    def analyse(self, word: str) -> Analysis:
        lower = word.lower().replace("’", "'")
        shouted = word.isupper() and len(word) > 3
        if word.isupper() and len(word) > 1 and not shouted:
            return Analysis(word, proper=True)  # an acronym: US, EU, PM
        if lower in self._forms:
            return Analysis(self._forms[lower], proper=lower == "i")
        if lower in self._function_words or not any(char.isalpha() for char in word):
            return Analysis(lower if word[:1].isupper() or shouted else word)
        readings = self._dictionary.readings(lower)
        common = {cls: lemmas for cls, lemmas in readings.items() if cls != "PROPN"}
        if word[:1].isupper() and not common:
            return Analysis(word, proper=True)
        if not readings:
            from lemminflect import getAllLemmasOOV

            readings = getAllLemmasOOV(lower, "NOUN")
        if word[:1].isupper() and not shouted:
            # Inside a sentence a capital marks a name: only a plural noun inflects (Americans).
            nouns = readings.get("NOUN", ())
            lemma = nouns[0] if nouns and lower.endswith("s") else lower
            return Analysis(word[:1] + lemma[1:], common=self._choose(readings) or lower)
        return Analysis(self._choose(readings) or lower)

    def is_common_word(self, word: str) -> bool:
        """Whether the dictionary knows ``word`` as a common word (Whether, Start, Court), so that
        its capital at a sentence start says nothing about a name."""
        lower = word.lower().replace("’", "'")
        if lower in self._forms or lower in self._function_words:
            return True
        return any(cls != "PROPN" for cls in self._dictionary.readings(lower))

    @staticmethod
    def _choose(readings: dict[str, tuple[str, ...]]) -> str:
        for cls in _CLASS_ORDER:
            if readings.get(cls):
                return readings[cls][0]
        return ""
