"""English lemmas: a table of function words and clitics, then lemminflect's dictionary.

Without a part-of-speech tagger the reading is chosen by a fixed order of word classes (verbs
first: "found" → "find", "meeting" → "meet"); capitalised words inside a sentence are names and
keep their form, but for the singular of a plural (Americans → American); acronyms stay as written.
"""

from __future__ import annotations

from ..langs import get_language
from .base import Analysis, Lemmatizer, read_table

#: Word classes in the order their lemma is preferred when a form has several readings.
_CLASS_ORDER = ("AUX", "VERB", "NOUN", "ADJ", "ADV", "PROPN")


class EnglishLemmatizer(Lemmatizer):
    lang = "en"

    def __init__(self) -> None:
        super().__init__()
        import lemminflect

        self._lemminflect = lemminflect
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
        readings = self._lemminflect.getAllLemmas(lower)
        common = {cls: lemmas for cls, lemmas in readings.items() if cls != "PROPN"}
        if word[:1].isupper() and not common:
            return Analysis(word, proper=True)
        if not readings:
            readings = self._lemminflect.getAllLemmasOOV(lower, "NOUN")
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
        return any(cls != "PROPN" for cls in self._lemminflect.getAllLemmas(lower))

    @staticmethod
    def _choose(readings: dict[str, tuple[str, ...]]) -> str:
        for cls in _CLASS_ORDER:
            if readings.get(cls):
                return readings[cls][0]
        return ""
