"""Term rules: for an English term, the approved kk and ru renderings and the variants to avoid.

Rules come from a glossary (:func:`rules_from_glossary`, entries of ``ushtil.glossary``) and from a
small built-in list (``data/terms.tsv``) of names and acronyms. Forms are found in running text by
stem patterns that allow the endings each language adds (Азиядағы, Центральной Азии, АҚШ-тың); where
two forms overlap ("Орталық Азия" also starts like "Орта Азия") the longer literal wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..langs import get_language
from ..lemma.kk import kazakh_voicing
from ..lookalikes import respell
from ..model import LANGS


@dataclass(frozen=True)
class TermRule:
    """One concept: its English forms, approved and non-approved forms in the other languages."""

    id: str
    en: tuple[str, ...]
    approved: dict[str, tuple[str, ...]]
    variants: dict[str, tuple[str, ...]]
    #: "approved" rules give warnings for variants; "candidate" rules (an unreviewed glossary) only info
    status: str = "approved"
    source: str = "built-in"

    def forms(self, lang: str) -> tuple[str, ...]:
        if lang == "en":
            return self.en
        return self.approved.get(lang, ()) + self.variants.get(lang, ())

    def preferred(self, lang: str) -> str:
        forms = self.en if lang == "en" else self.approved.get(lang, ())
        return forms[0] if forms else ""

    def foreign_forms(self, lang: str) -> tuple[str, ...]:
        """Forms of the other non-English languages that are wrong in ``lang`` (ЕС in Kazakh)."""
        own = {form.casefold() for form in self.forms(lang)}
        return tuple(
            form for other in LANGS if other not in ("en", lang)
            for form in self.forms(other) if form.casefold() not in own
        )


@dataclass(frozen=True)
class TermMatch:
    rule: TermRule
    form: str
    start: int
    end: int
    #: "approved", "variant" or "foreign"
    kind: str


def _is_acronym(word: str) -> bool:
    return "." in word or (word.isupper() and len(word) <= 6)


def _word_pattern(word: str, lang: str) -> str:
    if _is_acronym(word):
        return re.escape(word) + r"(?:-\w+)?"
    if lang == "kk":
        # a final consonant voiced before a vowel ending (Одақ → Одағы): the lemmatiser's alternation
        last, voicing = word[-1].lower(), kazakh_voicing()
        stem = re.escape(word[:-1]) + f"[{last}{voicing[last]}]" if last in voicing else re.escape(word)
    elif lang == "ru":
        cut = 2 if len(word) >= 7 else 1 if len(word) >= 4 else 0
        stem = re.escape(word[: len(word) - cut])
    else:
        stem = re.escape(word)
    return f"(?i:{stem})" + r"\w*"


def _form_body(form: str, lang: str) -> str:
    """What :func:`form_pattern` matches after its start (which no letter or digit precedes)."""
    return r"[\s\u00a0]+".join(_word_pattern(word, lang) for word in form.split()) + r"(?!\w)"


@cache
def form_pattern(form: str, lang: str) -> re.Pattern:
    """A pattern finding ``form`` with the endings ``lang`` adds to its words."""
    return re.compile(r"(?<!\w)" + _form_body(form, lang))


def rule_forms(rule: TermRule, lang: str, foreign: bool) -> list[tuple[str, str]]:
    """(kind, form) of every form of ``rule`` a text in ``lang`` is searched for: its approved
    forms, and outside English its variants and (``foreign``) the forms of the other languages."""
    kinds = [("approved", rule.en if lang == "en" else rule.approved.get(lang, ()))]
    if lang != "en":
        kinds.append(("variant", rule.variants.get(lang, ())))
        if foreign:
            kinds.append(("foreign", rule.foreign_forms(lang)))
    return [(kind, form) for kind, forms in kinds for form in forms]


class _FormSearch:
    """Every (rule, kind, form) that :func:`find_terms` looks for in one language, in the order it
    looks, with one pattern of each rule's forms and one of them all: a text one finds nothing in
    holds none of its forms (where a form's pattern matches, the alternation matches too), so most
    texts are passed over with one search, and most rules of the others with one each. A rule's
    pattern is compiled when a text holds some form of the rules (a re-run checking one new article
    compiled every rule's for every list of rules, most never used)."""

    def __init__(self, rules: tuple[TermRule, ...], lang: str, foreign: bool, typed_plain: bool = False):
        #: the rules themselves, so that their ids stay theirs while this search is kept
        self.rules = rules
        self.lang = lang
        #: per rule: its forms (kind, form as the rule writes it, form as looked for)
        self.by_rule: list[tuple[TermRule, list[tuple[str, str, str]]]] = []
        # a text typed without the language's own letters is searched for the forms so typed (Кытай)
        table = get_language(lang).stand_in_table if typed_plain else {}
        for rule in rules:
            forms = [(kind, form, form.translate(table)) for kind, form in rule_forms(rule, lang, foreign)]
            if forms:
                self.by_rule.append((rule, forms))
        self.any = _any_of([typed for _, forms in self.by_rule for *_, typed in forms], lang)
        self._rule_patterns: dict[int, re.Pattern] = {}

    def rule_pattern(self, number: int) -> re.Pattern:
        """The pattern of the forms of rule ``number`` (of :attr:`by_rule`), compiled on first use."""
        pattern = self._rule_patterns.get(number)
        if pattern is None:
            pattern = self._rule_patterns[number] = _any_of([typed for *_, typed in self.by_rule[number][1]],
                                                            self.lang)
        return pattern


def _any_of(forms: list[str], lang: str) -> re.Pattern | None:
    """One pattern matching where any of ``forms`` does (None for no forms). The start's look-behind
    comes once, before the alternatives: tried at word starts only, the alternation is many times
    faster than one search per form."""
    bodies = dict.fromkeys(_form_body(form, lang) for form in forms)
    return re.compile(r"(?<!\w)(?:" + "|".join(bodies) + ")") if bodies else None


#: Searches made so far, by the ids of their rules, the language and ``foreign``.
_SEARCHES: dict[tuple, _FormSearch] = {}
#: More distinct rule lists than this in one process: the kept searches are dropped and made again.
_SEARCHES_KEPT = 256


def _form_search(rules: Iterable[TermRule], lang: str, foreign: bool, typed_plain: bool = False) -> _FormSearch:
    """The search for ``rules`` in ``lang``, made once per list of rules (a run checks every text
    with the same rules; :class:`TermRule` holds dicts, so the list is known by its members' ids)."""
    rules = tuple(rules)
    key = (tuple(map(id, rules)), lang, foreign, typed_plain)
    search = _SEARCHES.get(key)
    if search is None:
        if len(_SEARCHES) >= _SEARCHES_KEPT:
            _SEARCHES.clear()
        search = _SEARCHES[key] = _FormSearch(rules, lang, foreign, typed_plain)
    return search


def find_terms(text: str, lang: str, rules: Iterable[TermRule], foreign: bool = True) -> list[TermMatch]:
    """Every form of ``rules`` in ``text``, overlaps resolved in favour of the longer literal form. In
    a text typed without the language's own letters (Kazakh "Кытай", "Казакстан") the forms are looked
    for as so typed, through the language's stand-ins (``langs/data/kk.toml``); the matches keep the
    forms as the rules write them. A word typed with lookalike letters of another script is looked at
    as read (:mod:`ushtil.lookalikes`: the same length, so the places hold in the text as written)."""
    text = respell(text)
    search = _form_search(rules, lang, foreign, get_language(lang).typed_without_own_letters(text))
    if search.any is None or not search.any.search(text):
        return []
    candidates = [
        TermMatch(rule, form, match.start(), match.end(), kind)
        for number, (rule, forms) in enumerate(search.by_rule) if search.rule_pattern(number).search(text)
        for kind, form, typed in forms
        for match in form_pattern(typed, lang).finditer(text)
    ]
    candidates.sort(key=lambda m: (-len(m.form), m.kind != "approved", m.start))
    # a match is kept where no kept match covers its characters (checked against every kept match,
    # the 28,000 matches of a 1 MB paragraph took 17 s)
    taken: list[TermMatch] = []
    covered = bytearray(len(text))
    for match in candidates:
        if covered.find(1, match.start, match.end) == -1:
            taken.append(match)
            covered[match.start:match.end] = b"\x01" * (match.end - match.start)
    return sorted(taken, key=lambda m: m.start)


def _split_cell(cell: str) -> tuple[str, ...]:
    return tuple(form.strip() for form in cell.split(";") if form.strip())


@cache
def builtin_rules() -> tuple[TermRule, ...]:
    """The rules of ``data/terms.tsv``."""
    text = resources.files(__package__).joinpath("data", "terms.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    rules = []
    for line in lines[1:]:
        cells = dict(zip(header, line.split("\t"), strict=False))
        en = _split_cell(cells["en"])
        rules.append(TermRule(
            id=f"builtin:{en[0]}",
            en=en,
            approved={lang: _split_cell(cells.get(lang, "")) for lang in ("kk", "ru")},
            variants={lang: _split_cell(cells.get(f"{lang}_variants", "")) for lang in ("kk", "ru")},
        ))
    return tuple(rules)


def rules_from_glossary(glossary) -> list[TermRule]:
    """Rules from the entries of a :class:`ushtil.glossary.Glossary` (rejected entries skipped).

    The headword of each language is the approved form; the other renderings counted in the
    entry's ``variants`` are the ones to avoid. Findings from entries not yet approved are milder.
    """
    rules = []
    for entry in glossary:
        if entry.status == "rejected" or not entry.en:
            continue
        headwords = {lang: entry.term(lang).casefold() for lang in ("kk", "ru")}
        rules.append(TermRule(
            id=entry.id,
            en=(entry.en, *[form for form in entry.variants.get("en", {}) if form != entry.en]),
            approved={lang: (entry.term(lang),) if entry.term(lang) else () for lang in ("kk", "ru")},
            # a Kazakh "variant" that is the Russian headword (ЕС seen in a Kazakh text) stays a foreign form
            variants={
                lang: tuple(form for form in entry.alternatives(lang) if form.casefold() not in headwords.values())
                for lang in ("kk", "ru")
            },
            status="approved" if entry.status == "approved" else "candidate",
            source="glossary",
        ))
    return rules


def combined_rules(glossary=None) -> list[TermRule]:
    """The glossary's rules first, then the built-in rules for English terms it does not cover."""
    rules = rules_from_glossary(glossary) if glossary is not None else []
    covered = {form.casefold() for rule in rules for form in rule.en}
    rules.extend(rule for rule in builtin_rules() if not covered & {form.casefold() for form in rule.en})
    return rules
