"""English lemmas: a table of function words and clitics, then lemminflect's dictionary.

Without a part-of-speech tagger the reading is chosen by a fixed order of word classes (a form that
is itself a base form stays as it is: "meeting", "left"); capitalised words that lemminflect does
not know as common words are names and keep their form.
"""

from __future__ import annotations

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

    def analyse(self, word: str) -> Analysis:
        lower = word.lower().replace("’", "'")
        if lower in self._forms:
            return Analysis(self._forms[lower], proper=lower == "i")
        if not any(char.isalpha() for char in word):
            return Analysis(word)
        readings = self._lemminflect.getAllLemmas(lower)
        common = {cls: lemmas for cls, lemmas in readings.items() if cls != "PROPN"}
        if word[:1].isupper() and (not common or word.isupper()):
            return Analysis(word, proper=True)
        if not readings:
            readings = self._lemminflect.getAllLemmasOOV(lower, "NOUN")
        lemma = self._choose(lower, readings)
        if word[:1].isupper() and lemma == lower:
            return Analysis(word[:1] + lemma[1:])
        return Analysis(lemma)

    @staticmethod
    def _choose(lower: str, readings: dict[str, tuple[str, ...]]) -> str:
        for cls in _CLASS_ORDER:
            for lemma in readings.get(cls, ()):
                if lemma == lower:
                    return lemma
        for cls in _CLASS_ORDER:
            if readings.get(cls):
                return readings[cls][0]
        return lower
