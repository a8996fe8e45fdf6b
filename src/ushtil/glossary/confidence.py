"""An entry's confidence: the renderings' association evidence, checked against what a right entry
looks like.

The renderings' own confidence (:mod:`.matching`) says how strongly a Kazakh and a Russian n-gram
co-occur with the English term. That alone lets wrong entries through with high scores: a name whose
rendering is a neighbour's word (Nashville = Аберкромбиді, from a bead missing a sentence), a
headword left inflected (Дрейка, Хазельтинде), a copied Latin acronym where the text translates it.
So the entry's confidence is capped by checks a terminologist would make:

- a **known name** (CLDR) whose known forms the text uses is right: its confidence stands;
- a **transliterated name** is spelled like the English in both languages, word for word, and no
  word keeps a case ending (the bare word spelled more like the English);
- a **translated name** (Game of Thrones = Тақтар таласы) has no spelling to check it by, so it
  needs repeated co-occurrence;
- an **acronym** is rendered by acronyms (ЕО, ЕС) or the same letters;
- a **term** found in running text needs repeated co-occurrence and dictionary-form headwords.

The caps were set on a judged sample of NTREX dev entries (``bench/glossary_verdicts.tsv``); the
share right per confidence bin is printed by ``bench/glossary_ntrex.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..translit import name_similarity
from .headwords import name_endings
from .index import is_acronym
from .known import known_name

#: A word of a transliterated name is spelled at least this much like the English word.
SPELLED_ALIKE = 0.5
#: Caps on the confidence of entries that fail a check.
CAP_UNCHECKED_NAME = 0.6
CAP_INFLECTED = 0.5
CAP_ACRONYM_SHAPE = 0.5
CAP_RUNNING_TERM = 0.6
#: Co-occurring beads that let a translated name or a running-text term keep its confidence.
REPEATED = 3


@dataclass(frozen=True)
class EntryEvidence:
    """What an entry's confidence is judged from."""

    kind: str
    en: str
    kk: str
    ru: str
    #: min of the kk and ru renderings' confidence
    association: float
    #: beads holding the English term and both renderings (fewest of kk and ru)
    both: int
    #: a known name whose known forms the text uses in kk and ru
    known: bool = False
    #: the renderings came from paired keyword lists
    from_keywords: bool = False
    demonym: bool = False


def entry_confidence(evidence: EntryEvidence) -> float:
    """The entry's confidence: its association, capped by the checks above."""
    value = evidence.association
    if evidence.known or not evidence.kk or not evidence.ru:
        return value if evidence.kk and evidence.ru else min(value, CAP_UNCHECKED_NAME)
    if evidence.kind == "acronym":
        if not all(is_acronym(form) or form == evidence.en for form in (evidence.kk, evidence.ru)):
            value = min(value, CAP_ACRONYM_SHAPE)
        return value
    if evidence.kind == "name":
        if known_name(evidence.en) is not None:
            return min(value, CAP_UNCHECKED_NAME)  # a known name rendered by none of its known forms
        if any(inflected(evidence.en, form, lang) for lang, form in (("kk", evidence.kk), ("ru", evidence.ru))):
            return min(value, CAP_INFLECTED)
        if transliterated(evidence.en, evidence.kk) and transliterated(evidence.en, evidence.ru):
            return value
        return value if evidence.both >= REPEATED else min(value, CAP_UNCHECKED_NAME)
    if evidence.from_keywords:
        return value
    return value if evidence.both >= REPEATED else min(value, CAP_RUNNING_TERM)


def transliterated(english: str, other: str) -> bool:
    """Each word spelled like the English word in its place (Дональд Трамп ~ Donald Trump), or the
    whole written alike (Сан-Диего ~ San Diego)."""
    words, others = english.split(" "), other.split(" ")
    if len(words) != len(others):
        return name_similarity(english, other) >= 0.7
    return all(name_similarity(a, b) >= SPELLED_ALIKE and b[:1].isupper() == a[:1].isupper()
               for a, b in zip(words, others, strict=True))


def inflected(english: str, form: str, lang: str) -> bool:
    """A word of a name headword keeps a case ending: cut, it is spelled more like the English word
    (Дрейка ~ Drake, Хазельтинде ~ Hazeltine), so the headword is no dictionary form."""
    words, others = english.split(" "), form.split(" ")
    if len(words) != len(others):
        return False
    for a, b in zip(words, others, strict=True):
        if not b[:1].isupper() or is_acronym(b):
            continue
        whole = name_similarity(a, b)
        for bare in name_endings(b, lang):
            if name_similarity(a, bare) > whole + 0.05:
                return True
    return False
