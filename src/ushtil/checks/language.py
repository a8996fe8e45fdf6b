"""Text in the wrong language and text left untranslated.

Each sentence of each side is identified on its own (a Russian sentence pasted into the Kazakh
abstract stands out even when the rest is Kazakh); a side whose text equals another side's text was
not translated at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..langid import identify, language_names
from ..langs import get_language
from ..tokens import words
from .base import ArticleContext, Check, Finding, Severity

#: Fewer letters than this say too little about a sentence's language.
MIN_LETTERS = 20
#: Identical sides shorter than this (in words) may be a shared name or loanword (Сыр, PhD).
MIN_UNTRANSLATED_WORDS = 3
#: Sides sharing this much of their vocabulary were copied rather than translated.
PARTLY_UNTRANSLATED_OVERLAP = 0.6
MIN_PARTLY_WORDS = 6

_LETTER = re.compile(r"[^\W\d_]")


def _part_text(ctx: ArticleContext, lang: str) -> str:
    """The title, abstract and keywords of one part."""
    part = ctx.article.part(lang)
    return " ".join([part.title, *part.paragraphs, *part.keywords])


def _normal(text: str) -> str:
    return " ".join(word.casefold() for word in words(text))


class LanguageCheck(Check):
    name = "language"
    description = "sentences in the wrong language and segments left untranslated"

    def run(self, ctx: ArticleContext) -> Iterator[Finding]:
        checked = [lang for lang in ctx.present if ctx.article.part(lang).detected_lang in ("", lang)]
        # a part typed without its language's own letters (Kazakh "Казакстан"): its sentences are
        # identified as such, not called Russian for lacking them
        plain = {lang for lang in checked if get_language(lang).typed_without_own_letters(_part_text(ctx, lang))}
        names = language_names()
        for number, bead in ctx.numbered_beads():
            copied = set()
            for finding in self._untranslated(ctx, number, bead):
                copied.add(finding.lang)
                yield finding
            for lang in checked:
                if lang in copied:
                    continue
                for sentence in ctx.bead_sentences(bead, lang):
                    if len(_LETTER.findall(sentence)) < MIN_LETTERS:
                        continue
                    guess = identify(sentence, lang if lang in plain else "")
                    if guess.is_compatible(lang):
                        continue
                    actual = names.get(guess.lang, (not guess.other and guess.script) or "another language")
                    yield self.finding(
                        ctx, "wrong-language", Severity.ERROR,
                        f"a sentence of the {names[lang]} side is in {actual}",
                        lang=lang, bead=number, text=sentence,
                        suggestion=f"replace it with its {names[lang]} translation",
                    )

    def _untranslated(self, ctx: ArticleContext, number: int, bead) -> Iterator[Finding]:
        sides = {lang: bead.text.get(lang, "") for lang in ctx.present if bead.text.get(lang, "").strip()}
        normal = {lang: _normal(text) for lang, text in sides.items()}
        split = {lang: text.split() for lang, text in normal.items()}
        order = list(sides)
        for i, lang in enumerate(order):
            for source in order[:i]:
                own, other = normal[lang], normal[source]
                own_words, other_words = split[lang], split[source]
                if own == other and len(own_words) >= MIN_UNTRANSLATED_WORDS:
                    copy, original = _copy_and_original(sides[lang], lang, source)
                    yield self.finding(
                        ctx, "untranslated", Severity.ERROR,
                        f"the {copy} text is the same as the {original} text",
                        lang=copy, bead=number, text=sides[copy], suggestion=f"translate it into {copy}",
                    )
                    break
                if min(len(own_words), len(other_words)) >= MIN_PARTLY_WORDS:
                    shared = len(set(own_words) & set(other_words)) / len(set(own_words) | set(other_words))
                    if shared >= PARTLY_UNTRANSLATED_OVERLAP:
                        yield self.finding(
                            ctx, "untranslated-partly", Severity.WARNING,
                            f"the {lang} text shares {shared:.0%} of its words with the {source} text",
                            lang=lang, bead=number, text=sides[lang],
                            suggestion=f"check that the whole segment is translated into {lang}",
                        )
                        break


def _copy_and_original(text: str, lang: str, source: str) -> tuple[str, str]:
    """Which of two sides with the same text is the copy: the one whose language the text is not in (a
    Russian sentence pasted into the Kazakh part is the Kazakh side's fault, not the Russian's)."""
    if len(_LETTER.findall(text)) < MIN_LETTERS:
        return lang, source
    guess = identify(text)
    return (source, lang) if guess.is_compatible(lang) and not guess.is_compatible(source) else (lang, source)
