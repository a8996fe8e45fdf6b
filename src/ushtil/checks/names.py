"""Authors present in every language and spelled consistently under transliteration.

Akimova / Әкімова / Акимова are one name: surnames are compared after folding Cyrillic to Latin
letters (:func:`ushtil.translit.name_similarity`). That comparison forgives a letter in a long name
(Туртуглова for Turtugulova), so the two Cyrillic parts are also held to each other: where one spells
the surname exactly as the English transliterates and the other spells it otherwise, the other is
misspelled.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..translit import name_similarity, russian_spelling
from .base import ArticleContext, Check, Finding, Severity

#: Surnames this similar (0-1, transliterated character bigrams) are the same name.
MIN_NAME_SIMILARITY = 0.85
#: A word of two letters or more not followed by a dot (initials are "Zh.B.", "Ж.Б.").
_NAME_WORD = re.compile(r"[^\W\d_]{2,}(?![.\w])")


def surname(author: str) -> str:
    """The longest name word of an author line ("Zh.B. Akimova" → "Akimova")."""
    found = _NAME_WORD.findall(author)
    return max(found, key=len) if found else author.strip()


class NameCheck(Check):
    name = "names"
    description = "authors missing in a language or spelled inconsistently across languages"

    def run(self, ctx: ArticleContext) -> Iterator[Finding]:
        authors = {lang: ctx.article.part(lang).authors for lang in ctx.present}
        listed = {lang: names for lang, names in authors.items() if names}
        if not listed:
            return
        for lang in authors:
            if lang not in listed:
                yield self.finding(
                    ctx, "missing-authors", Severity.ERROR,
                    f"the {lang} part names no authors ({', '.join(listed)} do)",
                    lang=lang, section="authors", suggestion=f"add the authors' names in {lang}",
                )
        yield from self.list_lengths(ctx, "author-count", listed, "author", "authors")
        pivot = "en" if "en" in listed else next(iter(listed))
        others = [lang for lang in listed if lang != pivot]
        for author in listed[pivot]:
            closest = {lang: max(listed[lang], key=lambda name: name_similarity(surname(author), surname(name)))
                       for lang in others}
            misspelled = [lang for lang in others if not _same_name(author, closest[lang], listed, lang)]
            if len(misspelled) >= 2 and misspelled == others \
                    and len({russian_spelling(surname(closest[lang])) for lang in others}) == 1:
                # the other languages agree with each other: the pivot's spelling is the odd one
                yield self.finding(
                    ctx, "author-name", Severity.WARNING,
                    f"the {pivot} author “{author}” is spelled “{closest[others[0]]}” in "
                    f"{' and '.join(others)}, which agree with each other",
                    lang=pivot, section="authors", text=", ".join(listed[pivot]),
                    suggestion=f"check the spelling of “{surname(author)}” in {pivot}",
                )
                continue
            for lang in misspelled:
                yield self.finding(
                    ctx, "author-name", Severity.WARNING,
                    f"the {pivot} author “{author}” has no {lang} counterpart under transliteration "
                    f"(closest: “{closest[lang]}”)",
                    lang=lang, section="authors", text=", ".join(listed[lang]),
                    suggestion=f"check the spelling of “{surname(author)}” in {lang}",
                )


def _same_name(author: str, written: str, listed: dict[str, list[str]], lang: str) -> bool:
    """Whether ``written`` spells ``author``'s surname under transliteration, and not otherwise than
    another part that spells it exactly."""
    similarity = name_similarity(surname(author), surname(written))
    return similarity >= MIN_NAME_SIMILARITY and not (
        similarity < 1.0 and _spelled_exactly_elsewhere(surname(author), surname(written), listed, lang))


def _spelled_exactly_elsewhere(english: str, written: str, listed: dict[str, list[str]], lang: str) -> bool:
    """Whether another non-English part spells this surname exactly as the English transliterates and
    differently from ``written`` (Kazakh Туртугулова against Russian Туртуглова for Turtugulova)."""
    for other, names in listed.items():
        if other in (lang, "en"):
            continue
        for name in names:
            if name_similarity(english, surname(name)) == 1.0 \
                    and russian_spelling(surname(name)) != russian_spelling(written):
                return True
    return False
