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
- a **term** found in running text needs its renderings in two beads or more, words that translate
  its words (:mod:`.phrases`), and known boundaries (not found in exactly the beads of a longer
  term, unless the renderings show which of the two is the term); or renderings composed word by
  word, every word's translation shown by the corpus (:mod:`.compose`).

The caps were set on a judged sample of NTREX dev entries (``bench/glossary_verdicts.tsv``); the
share right per confidence bin is printed by ``bench/glossary_ntrex.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..translit import name_similarity, russian_spelling
from .compose import MIN_DICE
from .headwords import name_endings
from .index import is_acronym
from .known import DIRECTIONS, known_name

#: The words of a transliterated name are spelled this much like the English words on average, and
#: none less than WORD_ALIKE (short names are spelled apart: Rose ~ Роуз); a name of another word
#: count must be spelled WHOLE_ALIKE.
SPELLED_ALIKE = 0.5
WORD_ALIKE = 0.2
WHOLE_ALIKE = 0.85
#: A transliterated name spelled the same in Kazakh and Russian has at least this confidence ...
TRANSLITERATED = 0.95
#: ... and one spelled two ways at most this one.
CAP_TWO_SPELLINGS = 0.75
#: Caps on the confidence of entries that fail a check.
CAP_UNCHECKED_NAME = 0.6
CAP_INFLECTED = 0.5
CAP_ACRONYM_SHAPE = 0.5
CAP_RUNNING_TERM = 0.6
#: Co-occurring beads that let a translated name or a running-text term keep its confidence.
REPEATED = 3
#: The word support a running-text term's renderings need: found in REPEATED beads or more, and in
#: two beads only (where every rare word has a high Dice, so more is asked).
TERM_SUPPORT = (0.5, 0.6)
#: The confidence of a running-text term that passed the checks.
CHECKED_TERM = 0.85
#: The confidence of a running-text term whose renderings were composed word by word, every word's
#: translation shown by the corpus; with a word found once paired by its place alone, a candidate
#: (judged on NTREX dev: 4 of 7 right).
COMPOSED_TERM = 0.85
COMPOSED_RARE = 0.7
#: The confidence of a single-word term (:mod:`.words`) rendered alike in TERM_BEADS beads or more
#: with a strong Dice; with less evidence a candidate; with a Kazakh form the lemmatiser is unsure of,
#: as an inflected headword.
SINGLE_WORD_TERM = 0.85
SINGLE_WORD_WEAK = 0.7


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
    #: a running-text term: how well the words of its weaker rendering translate the term's words
    #: (:meth:`.phrases.WordAssociation.support`, every word's best Dice, the least of them)
    support: float = 0.0
    #: a running-text term whose renderings were composed word by word (:mod:`.compose`)
    composed: bool = False
    #: a running-text term found in exactly the beads of a longer or shorter term, where the
    #: renderings do not show which is the term (disaster mitigation, mitigation agency)
    unclear: bool = False
    #: a single-word term (:mod:`.words`): its association is its confidence, set there
    single_word: bool = False


def entry_confidence(evidence: EntryEvidence) -> float:
    """The entry's confidence: its association, capped by the checks above."""
    value = evidence.association
    if any(_mixed_script(form) for form in (evidence.kk, evidence.ru)):
        return min(value, CAP_INFLECTED)  # Mоливуд with a Latin M: a typo or a broken rendering
    if evidence.known or not evidence.kk or not evidence.ru:
        return value if evidence.kk and evidence.ru else min(value, CAP_UNCHECKED_NAME)
    if evidence.kind == "acronym":
        shapes = ((is_acronym(form) and (not form.isascii() or form == evidence.en)) or form == evidence.en
                  for form in (evidence.kk, evidence.ru))
        return value if all(shapes) else min(value, CAP_ACRONYM_SHAPE)  # not NTS = NHS, not MOB = МАФИЯҒА
    if evidence.kind == "name":
        if known_name(evidence.en) is not None:
            return min(value, CAP_UNCHECKED_NAME)  # a known name rendered by none of its known forms
        if evidence.kk == evidence.ru != evidence.en and evidence.kk.isascii():
            # both translations copy a Latin name: the copy is the English name as written, so one
            # spelled otherwise (Global Citizens for Global Citizen) is another English form's
            return min(value, CAP_UNCHECKED_NAME)
        if (any(inflected(evidence.en, form, lang) for lang, form in (("kk", evidence.kk), ("ru", evidence.ru)))
                or russian_oblique(evidence.ru, evidence.kk)):
            return min(value, CAP_INFLECTED)
        if " " not in evidence.en and evidence.both < 2 and _common_word(evidence.en):
            return min(value, CAP_UNCHECKED_NAME)  # Love in "I Love it": a capital proves little once
        if transliterated(evidence.en, evidence.kk) and transliterated(evidence.en, evidence.ru):
            # two independent transliterations agreeing with the English: the same spelling backs the
            # entry up; two spellings (Ван / Ванн, Адони / Адонис) often mean one of them is off
            if russian_spelling(evidence.kk) == russian_spelling(evidence.ru):
                return max(value, TRANSLITERATED)
            return min(value, CAP_TWO_SPELLINGS)
        if not all(_content_words(form) == _content_words(evidence.en) for form in (evidence.kk, evidence.ru)):
            return min(value, CAP_UNCHECKED_NAME)  # Geiger Counter = Гейгер: a word left out
        return value if evidence.both >= REPEATED else min(value, CAP_UNCHECKED_NAME)
    if evidence.from_keywords or evidence.single_word:
        return value
    return _running_term(value, evidence)


def single_word_confidence(strong: bool, sure: bool) -> float:
    """A single-word term's confidence: strong evidence and a sure dictionary form make an entry."""
    if not sure:
        return CAP_INFLECTED
    return SINGLE_WORD_TERM if strong else SINGLE_WORD_WEAK


def _running_term(value: float, evidence: EntryEvidence) -> float:
    """A term found in running text is right when its renderings recur with it, in beads of their
    own, and their words translate its words: so checked, it is a term (CHECKED_TERM); otherwise it
    stays a candidate."""
    if evidence.composed and not evidence.unclear:
        if not evidence.association:
            return CAP_INFLECTED  # a dictionary form the composer is unsure of
        return COMPOSED_TERM if evidence.support >= MIN_DICE else COMPOSED_RARE
    if evidence.unclear or evidence.demonym or evidence.both < 2:
        return min(value, CAP_RUNNING_TERM)
    needed = TERM_SUPPORT[0] if evidence.both >= REPEATED else TERM_SUPPORT[1]
    if evidence.support < needed:
        return min(value, CAP_RUNNING_TERM)
    return max(value, CHECKED_TERM)


def transliterated(english: str, other: str) -> bool:
    """Words spelled like the English words in their places (Дональд Трамп ~ Donald Trump; a
    direction may be translated: Батыс Суматра), or the whole written alike (Сан-Диего ~ San Diego)."""
    words, others = english.split(" "), other.split(" ")
    if len(words) != len(others):
        return name_similarity(english, other) >= WHOLE_ALIKE
    pairs = [(a, b) for a, b in zip(words, others, strict=True) if a not in DIRECTIONS]
    if not pairs or any(b[:1].isupper() != a[:1].isupper() for a, b in pairs):
        return False
    similarities = [name_similarity(a, b) for a, b in pairs]
    return min(similarities) >= WORD_ALIKE and sum(similarities) / len(similarities) >= SPELLED_ALIKE


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


_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox"})


def russian_oblique(ru: str, kk: str) -> bool:
    """A word of a Russian name headword that the dictionary knows only as an oblique case of a name
    (Кристины, Кромвеля, Леукуры) where the Kazakh headword writes it otherwise (Таши / Таши stays)."""
    from ..lemma import builtin_lemmatizer

    morph = builtin_lemmatizer("ru").morph
    kk_words = {word.casefold() for word in kk.split(" ")}
    for word in ru.split(" "):
        if not word[:1].isupper() or word.casefold() in kk_words or is_acronym(word):
            continue
        names = [parse for parse in morph.parse(word) if _NAME_TAGS & parse.tag.grammemes]
        if names and not any(parse.tag.case == "nomn" and parse.tag.number != "plur" for parse in names):
            return True
    return False


def _common_word(word: str) -> bool:
    from ..lemma import builtin_lemmatizer

    return builtin_lemmatizer("en").is_common_word(word)


def _content_words(name: str) -> int:
    """Words of a name but its connectors (Game of Thrones: 2, Тақтар таласы: 2)."""
    return sum(1 for word in name.split(" ") if word[:1].isupper() or not word.isalpha() or len(word) > 3)


def _mixed_script(form: str) -> bool:
    """A word written in Latin and Cyrillic letters at once."""
    return any(any(ch.isascii() and ch.isalpha() for ch in word) and any(not ch.isascii() and ch.isalpha()
               for ch in word) for word in form.split(" "))
