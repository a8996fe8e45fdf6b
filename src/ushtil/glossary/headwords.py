"""Headwords in dictionary form: "Центральная Азия", not "Центральной Азии", not "центральный азия".

A gram is a sequence of lemmas; a reader wants it written as a dictionary writes it, so the headword
is one of the ways the corpus wrote the gram: the one whose head (last) word is its own lemma
(nominative), else the shortest written head that starts with the lemma (Симпсон, not the
over-stemmed Симпсо; Ресей Федерациясы). A name is written as spelled most like its English form
among the written forms and the lemmas (Бернард Ванн, not Бернард Ванна; Аткинсон, not
Аткинсонға), since stemmers know little about foreign names.
"""

from __future__ import annotations

from collections import Counter

from ..translit import name_similarity
from .index import LanguageIndex, is_acronym
from .patterns import term_patterns

#: A written form spelled this much like the English name is taken as it stands.
NAME_SPELLING = 0.5
#: How much more like the English name a form must be spelled once a case ending is cut off.
NAME_ENDING_GAIN = 0.1


def headword(index: LanguageIndex, gram: str, english_name: str = "") -> str:
    """The dictionary form of ``gram`` as the corpus of ``index`` writes it."""
    from ..lemma import lemmatize_phrase

    written: Counter = index.surfaces.get(gram) or Counter({gram: 1})
    keys = gram.split(" ")
    head = keys[-1]
    ranked = [form for form, _ in written.most_common()]
    if len(keys) == 1 and is_acronym(keys[0]):
        return ranked[0] + "." if "." in ranked[0] and not ranked[0].endswith(".") else ranked[0]
    compound = {head + ending for ending in term_patterns(index.lang).compound_head_endings} if len(keys) > 1 else set()
    lemma_form = lemmatize_phrase(ranked[0], index.lang)
    exact = [form for form in ranked if _last(form) == head or _last(form) in compound]
    if english_name:
        shorter = [form for form in ranked if head.startswith(_last(form)) and _last(form) != head]
        related = [form for form in ranked if _last(form).startswith(head) or head.startswith(_last(form))]
        pool = [*exact, *shorter] if exact else [*related, lemma_form]
        similarity, _, form = max((name_similarity(english_name, form), -len(form), form) for form in pool)
        if similarity >= NAME_SPELLING:
            return _cut_name_ending(form, english_name, term_patterns(index.lang).name_endings)
    if index.lang == "ru" and len(keys) > 1:
        # adjectives agree with their noun: only the lemmatised phrase is sure to be nominative
        exact = [form for form in ranked if form.casefold() == lemma_form.casefold()] or [lemma_form]
    if exact:
        return _prefer_name_case(exact[0], written)
    return _prefer_name_case(lemma_form, written)


def _cut_name_ending(form: str, english_name: str, endings: tuple[str, ...]) -> str:
    """Розенбергке → Розенберг: a case ending left on the last word of a foreign name comes off when
    the bare word is spelled clearly more like the English one (Сенате stays: Senate is spelled so)."""
    *first, last = form.split(" ")
    english_last = english_name.split(" ")[-1]
    best, best_similarity = last, name_similarity(english_last, last) + NAME_ENDING_GAIN
    for ending in endings:
        bare = last[: -len(ending)]
        if last.endswith(ending) and len(bare) >= 3:
            similarity = name_similarity(english_last, bare)
            if similarity >= best_similarity:
                best, best_similarity = bare, similarity
    return " ".join([*first, best])


def _last(form: str) -> str:
    return form.split(" ")[-1].casefold()


def _capitalised_share(written: Counter) -> float:
    total = sum(written.values())
    return sum(n for form, n in written.items() if form[:1].isupper()) / total if total else 0.0


def _prefer_name_case(form: str, written: Counter) -> str:
    """Lower-case a word whose capital only ever came from sentence starts."""
    if form[:1].isupper() and not form.isupper() and _capitalised_share(written) < 0.5:
        return form[:1].lower() + form[1:]
    return form
