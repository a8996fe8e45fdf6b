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

from ..langs import get_language
from ..translit import name_similarity
from .index import LanguageIndex, is_acronym
from .patterns import term_patterns

#: A written form spelled this much like the English name is taken as it stands.
NAME_SPELLING = 0.5
#: Another reading of a written form (Омахе: Омах or Омаха) replaces one spelled less like the English
#: name only when it is spelled (nearly) as the English name is.
NAME_EXACT = 0.95
#: How much more like the English name a form must be spelled once a case ending is cut off.
NAME_ENDING_GAIN = 0.1
#: Written forms of a name weighed as its headword (the most frequent first).
MAX_WRITTEN = 5


def headword(index: LanguageIndex, gram: str, english_name: str = "") -> str:
    """The dictionary form of ``gram`` as the corpus of ``index`` writes it."""
    from ..lemma import lemma_readings, lemmatize_phrase

    written: Counter = index.written(gram) or Counter({gram: 1})
    keys = gram.split(" ")
    head = keys[-1]
    ranked = [form for form, _ in written.most_common()]
    if len(keys) == 1 and is_acronym(keys[0]):
        return ranked[0] + "." if "." in ranked[0] and not ranked[0].endswith(".") else ranked[0]
    compound = {stem + ending for stem in _voiced(head, index.lang)
                for ending in term_patterns(index.lang).compound_head_endings} if len(keys) > 1 else set()
    typed = typed_gram(ranked[0], gram, index.lang)
    lemma_form = lemmatize_phrase(ranked[0], index.lang, typed=typed)
    exact = [form for form in ranked if _last(form) == head or _last(form) in compound]
    if english_name:
        shorter = [form for form in ranked if head.startswith(_last(form)) and _last(form) != head]
        related = [form for form in ranked if _last(form).startswith(head) or head.startswith(_last(form))]
        pool = [*exact, *shorter] if exact else [*related, lemma_form, *ranked[:MAX_WRITTEN]]
        if index.lang == "kk":  # Хазардың → Хазард (not the lemmatiser's Хазар)
            pool += [" ".join([*form.split(" ")[:-1], bare]) for form in pool[:MAX_WRITTEN]
                     for bare in name_endings(form.split(" ")[-1], "kk")]
        similarity, _, form = max((name_similarity(english_name, form), -len(form), form) for form in pool)
        if similarity < NAME_EXACT:  # Омахе: the analyser's second reading Омаха is spelled as Omaha is
            readings = [" ".join([*written.split(" ")[:-1], reading]) for written in ranked[:MAX_WRITTEN]
                        for reading in lemma_readings(written.split(" ")[-1], index.lang)[1:]]
            spelled = [(name_similarity(english_name, reading), reading) for reading in readings]
            best_reading = max(spelled, default=(0.0, ""))
            if best_reading[0] >= max(NAME_EXACT, similarity + NAME_ENDING_GAIN):
                similarity, form = best_reading
        if similarity >= NAME_SPELLING:
            return _cut_name_ending(form, english_name, kazakh_name_endings(form) if index.lang == "kk"
                                    else term_patterns(index.lang).name_endings)
    if index.lang == "ru" and len(keys) > 1:
        # adjectives agree with their noun: only the lemmatised phrase is sure to be nominative
        exact = [form for form in ranked if form.casefold() == lemma_form.casefold()] or [lemma_form]
    if exact:
        return _prefer_name_case(exact[0], written)
    if index.lang == "kk" and len(keys) > 1:
        # the stemmer cut the head too far (жауын → жау): the written word, case endings off
        written_heads = [_without_case_ending(form, head, typed) for form in ranked if _last(form).startswith(head)]
        if written_heads:
            return _prefer_name_case(min(written_heads, key=len), written)
    return _prefer_name_case(lemma_form, written)


def _voiced(head: str, lang: str) -> tuple[str, ...]:
    """The head as it stands before a possessive ending: itself, and (Kazakh) with its last
    consonant voiced (жетіспеушілік → жетіспеушілігі)."""
    if lang != "kk":
        return (head,)
    from ..lemma.kk import kazakh_voicing

    voicing = kazakh_voicing()
    return (head, head[:-1] + voicing[head[-1]]) if head[-1:] in voicing else (head,)


def typed_gram(form: str, gram: str, lang: str) -> bool:
    """Whether ``form`` (a way ``gram`` is written) was lemmatised as typed without the language's own
    letters: its part was so typed (:func:`.index.typed_part`), which the gram's key tells, as the
    form alone cannot (Челси): the key's head is the typed reading's lemma of the form's last word,
    not the usual reading's (факторларга → фактор)."""
    from ..lemma import lemma

    language, last, head = get_language(lang), form.split(" ")[-1], gram.split(" ")[-1]
    if not language.stand_ins or not language.typed_without_own_letters(form) or lemma(last, lang).casefold() == head:
        return False
    return lemma(last, lang, typed=True).casefold() == head


def _without_case_ending(form: str, head: str, typed: bool = False) -> str:
    """``тропикалық жауынға`` → ``тропикалық жауын``: the longest Kazakh case ending that leaves the
    stemmed head whole comes off the last word; ``typed``: the endings as typed without the Kazakh
    letters (субъективти факторларга → субъективти факторлар)."""
    *first, last = form.split(" ")
    endings = term_patterns("kk").name_endings
    for ending in sorted(get_language("kk").with_typed_forms(endings) if typed else endings, key=len, reverse=True):
        bare = last[: -len(ending)]
        if last.endswith(ending) and bare.casefold().startswith(head):
            return " ".join([*first, bare])
    return form


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


def _name_forms(word: str, lang: str) -> dict[str, str]:
    """A name word as written and with each case ending a language may put on it: key → form
    (Kazakh: the glossary's name endings; Russian: ru.toml's name cases, each with its nominative's)."""
    folded = word.casefold()
    forms = {folded: word}
    endings = ([(ending, "") for ending in kazakh_name_endings(word)] if lang == "kk"
               else get_language(lang).name_case_endings)
    for ending, replacement in endings:
        bare = word[: -len(ending)]
        if folded.endswith(ending) and len(bare) >= 3:
            forms.setdefault((bare + replacement).casefold(), bare + replacement)
    return forms


#: A Kazakh ending as typed without the Kazakh letters is cut from a name only when this long: a
#: shorter one so typed is also a copied Russian ending (Дрейка: қа typed ка, or Russian genitive а).
MIN_TYPED_ENDING = 3


def kazakh_name_endings(word: str) -> tuple[str, ...]:
    """The Kazakh case endings a name may carry, and for a word typed without the Kazakh letters
    (Еуразиянын) the longer of those endings so typed (нын for ның), through kk.toml's stand-ins."""
    endings = term_patterns("kk").name_endings
    if not get_language("kk").typed_without_own_letters(word):
        return endings
    return get_language("kk").with_typed_forms(endings, MIN_TYPED_ENDING)


def name_endings(word: str, lang: str) -> list[str]:
    """The word with each case ending of ``lang`` cut off (its possible nominatives), the word excluded."""
    return [form for key, form in _name_forms(word, lang).items() if key != word.casefold()]


def reconcile_names(kk: str, ru: str) -> tuple[str, str]:
    """Kazakh and Russian headwords of one name, each word cut to the form both languages share.

    Both languages transliterate a foreign name alike but inflect it differently, so the form they
    agree on is the nominative: Нэшвиллде / Нэшвилле → Нэшвилл; Дейлом Эвансом / Дейл Эванс → Дейл
    Эванс. A word the two write alike (Манати, Таши) is kept, however it ends; a word they do not
    share (Оңтүстік / Южная) is left as it is.
    """
    if kk.casefold().replace("-", " ") == ru.casefold().replace("-", " ") and kk != ru:
        # one name written alike but for a hyphen or a capital (Сан Диего / Сан-Диего, Деборра-ли):
        # the form with the hyphen and the most capitals, in both languages
        same = max((kk, ru), key=lambda form: (form.count("-"), sum(ch.isupper() for ch in form)))
        return same, same
    kk_words, ru_words = kk.split(" "), ru.split(" ")
    if len(kk_words) != len(ru_words) or not kk or not ru:
        return kk, ru
    changed = False
    for index, (kk_word, ru_word) in enumerate(zip(kk_words, ru_words, strict=True)):
        if kk_word.casefold() == ru_word.casefold() or not kk_word[:1].isupper():
            continue
        kk_forms, ru_forms = _name_forms(kk_word, "kk"), _name_forms(ru_word, "ru")
        shared = set(kk_forms) & set(ru_forms)
        if not shared:
            continue
        key = kk_word.casefold() if kk_word.casefold() in shared else (
            ru_word.casefold() if ru_word.casefold() in shared else max(shared, key=len))
        kk_words[index], ru_words[index] = kk_forms[key], ru_forms[key]
        changed = changed or ru_forms[key] != ru_word
    if changed and len(ru_words) > 1:
        ru_words = _agree(ru.split(" "), ru_words)
    return " ".join(kk_words), " ".join(ru_words)


def _agree(written: list[str], cut: list[str]) -> list[str]:
    """Adjectives left oblique beside a name put back into the nominative (Южной Корея → Южная Корея)."""
    from ..lemma import lemmatize_phrase

    nominative = lemmatize_phrase(" ".join(written), "ru").split(" ")
    if len(nominative) != len(cut):
        return cut
    russian = get_language("ru")
    return [nominative[i] if word == written[i] and word.endswith(russian.oblique_adjective_endings)
            and nominative[i].endswith(russian.adjective_endings) else word for i, word in enumerate(cut)]
