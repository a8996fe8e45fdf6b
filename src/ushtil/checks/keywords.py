"""Keyword lists: different lengths, and keywords whose equivalent is missing from another list.

Three kinds of evidence, strongest first: a term rule (glossary or built-in) names the equivalent of
an English keyword and no keyword of the other list is that term (error); the alignment pairs a
keyword with nothing (warning); a keyword that the other language's abstract does not use although
its English partner is used in the English text of the same beads (warning: probably swapped).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..tokens import words
from .base import ArticleContext, Check, Finding, Severity
from .termrules import find_terms

#: Keyword words shorter than this are matched exactly (ЕО, EU); longer ones by their stem.
MIN_STEM_WORD = 4


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        size += 1
    return size


class _Vocabulary:
    """The words of a text, case folded, and its longer words by their first :data:`MIN_STEM_WORD`
    letters: a word shares a stem only with words that begin as it does."""

    def __init__(self, text: str):
        self.words = frozenset(word.casefold() for word in words(text))
        self.by_start: dict[str, list[str]] = {}
        for word in self.words:
            if len(word) >= MIN_STEM_WORD:
                self.by_start.setdefault(word[:MIN_STEM_WORD], []).append(word)

    def has(self, word: str) -> bool:
        """``word`` itself (short words) or a word sharing its stem (all but its last three letters)."""
        if len(word) < MIN_STEM_WORD:
            return word in self.words
        return any(
            _common_prefix(word, other) >= max(MIN_STEM_WORD, min(len(word), len(other)) - 3)
            for other in self.by_start.get(word[:MIN_STEM_WORD], ())
        )


@lru_cache(maxsize=16)
def _vocabulary(text: str) -> _Vocabulary:
    """Kept for the next keyword: an article's keywords are all looked up in the same few texts."""
    return _Vocabulary(text)


def keyword_occurs(keyword: str, text: str) -> bool:
    """True when every content word of ``keyword`` occurs in ``text``, endings aside."""
    vocabulary = _vocabulary(text)
    wanted = [word.casefold() for word in words(keyword)]
    content = [word for word in wanted if len(word) >= MIN_STEM_WORD] or wanted
    return bool(content) and all(vocabulary.has(word) for word in content)


class KeywordCheck(Check):
    name = "keywords"
    description = "keyword lists of different lengths; keywords whose equivalent is missing or swapped"

    def run(self, ctx: ArticleContext) -> Iterator[Finding]:
        lists = {lang: ctx.article.part(lang).keywords for lang in ctx.present}
        with_keywords = {lang: keywords for lang, keywords in lists.items() if keywords}
        for lang, keywords in lists.items():
            if with_keywords and not keywords:
                yield self.finding(
                    ctx, "missing-keywords", Severity.ERROR, f"the {lang} part has no keywords",
                    lang=lang, section="keywords", suggestion=f"add the {lang} keywords",
                )
        yield from self.list_lengths(ctx, "keyword-count", with_keywords, "keyword", "keywords")
        if "en" not in with_keywords:
            return
        missing = list(self._by_terms(ctx, with_keywords))
        yield from missing
        yield from self._by_beads(ctx, {(finding.lang, finding.bead) for finding in missing})

    def _by_terms(self, ctx: ArticleContext, lists: dict[str, list[str]]) -> Iterator[Finding]:
        for keyword in lists["en"]:
            # a rule whose English form is (nearly) the whole keyword names its equivalents
            rule = next((m.rule for m in find_terms(keyword, "en", ctx.terms) if m.end - m.start >= len(keyword) - 2),
                        None)
            if rule is None:
                continue
            for lang in ("kk", "ru"):
                if lang not in lists or any(find_terms(other, lang, [rule]) for other in lists[lang]):
                    continue
                yield self.finding(
                    ctx, "keyword-missing", Severity.ERROR,
                    f"the English keyword “{keyword}” has no {lang} equivalent "
                    f"(“{rule.preferred(lang)}”) in the {lang} keywords",
                    lang=lang, bead=self._keyword_bead(ctx, "en", keyword), section="keywords",
                    text="; ".join(lists[lang]), suggestion=f"add “{rule.preferred(lang)}” to the {lang} keywords",
                )

        yield from self._missing_in_english(ctx, lists)

    def _missing_in_english(self, ctx: ArticleContext, lists: dict[str, list[str]]) -> Iterator[Finding]:
        """A term both other lists give as a whole keyword that no English keyword is: the English list
        lost it (kk өркениеттер and ru цивилизации, no "civilizations")."""
        others = [lang for lang in ("kk", "ru") if lang in lists]
        if len(others) < 2:
            return
        english_rules = {m.rule.id for keyword in lists["en"] for m in find_terms(keyword, "en", ctx.terms)}
        shared = None
        for lang in others:
            named = {m.rule.id: (m.rule, keyword) for keyword in lists[lang]
                     for m in find_terms(keyword, lang, ctx.terms) if m.end - m.start >= len(keyword) - 2}
            shared = named if shared is None else {rule_id: shared[rule_id] for rule_id in shared if rule_id in named}
        for rule, keyword in (shared or {}).values():
            if rule.id in english_rules:
                continue
            yield self.finding(
                ctx, "keyword-missing", Severity.ERROR,
                f"the {' and '.join(others)} keywords have “{rule.preferred(others[0])}” / "
                f"“{rule.preferred(others[1])}” but the English keywords lack “{rule.preferred('en')}”",
                lang="en", bead=self._keyword_bead(ctx, others[0], keyword), section="keywords",
                text="; ".join(lists["en"]), suggestion=f"add “{rule.preferred('en')}” to the en keywords",
            )

    def _by_beads(self, ctx: ArticleContext, blamed: set[tuple[str, int | None]]) -> Iterator[Finding]:
        """Keywords the alignment pairs with nothing, or with a keyword the text never uses."""
        texts = {lang: self._running_text(ctx, lang) for lang in ctx.present}
        for number, bead in ctx.numbered_beads():
            if bead.section != "keywords":
                continue
            english = ctx.bead_sentences(bead, "en")
            for lang in ("kk", "ru"):
                if lang not in ctx.present or not english:
                    continue
                keywords = ctx.bead_sentences(bead, lang)
                if not keywords:
                    yield self.finding(
                        ctx, "keyword-unmatched", Severity.WARNING,
                        f"the English keyword(s) “{'; '.join(english)}” are paired with no {lang} keyword",
                        lang=lang, bead=number, text="; ".join(english), suggestion=f"add the {lang} equivalent",
                    )
                    continue
                if (lang, number) in blamed:
                    continue
                pairs = zip(english, keywords, strict=True) if len(english) == len(keywords) \
                    else [(" ".join(english), " ".join(keywords))]
                beside = self._english_beside(ctx, lang)
                for source, keyword in pairs:
                    if keyword_occurs(source, beside) and not keyword_occurs(keyword, texts[lang]):
                        yield self.finding(
                            ctx, "keyword-not-in-text", Severity.WARNING,
                            f"the {lang} keyword “{keyword}” (for “{source}”) does not occur in the {lang} "
                            f"title or abstract, though “{source}” occurs in the English text",
                            lang=lang, bead=number, text=keyword,
                            suggestion=f"check that “{keyword}” translates “{source}”",
                        )

    @staticmethod
    def _running_text(ctx: ArticleContext, lang: str) -> str:
        part = ctx.article.part(lang)
        return " ".join([part.title, *part.paragraphs])

    @staticmethod
    def _english_beside(ctx: ArticleContext, lang: str) -> str:
        """The English title and abstract beads that have a ``lang`` side (what it could have used)."""
        return " ".join(
            bead.text.get("en", "") for bead in ctx.alignment.beads
            if bead.section in ("title", "abstract", "") and bead.text.get(lang, "").strip()
        )

    @staticmethod
    def _keyword_bead(ctx: ArticleContext, lang: str, keyword: str) -> int | None:
        for number, bead in ctx.numbered_beads():
            if bead.section == "keywords" and keyword in (s.strip() for s in ctx.bead_sentences(bead, lang)):
                return number
        return None

