"""Checking a translation before publication: ``check(article) -> CheckReport``.

Each family of checks is one module with one :class:`~.base.Check` subclass; :data:`CHECKS` is the
one registry. ``check`` reads or takes the articles, aligns each one (``ushtil.align``), runs every
family over the article and its alignment, and optionally scores the text against a reference.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .. import __version__
from ..errors import UshtilError
from ..model import LANGS, Article
from .base import ArticleContext, Check, Finding, Severity
from .consistency import ConsistencyCheck
from .keywords import KeywordCheck
from .language import LanguageCheck
from .lengths import LengthCheck, LengthStats, default_length_stats
from .names import NameCheck
from .numbers import NumberCheck
from .report import CheckedArticle, CheckReport
from .scores import ReferenceScores, score_against_reference
from .structure import StructureCheck
from .termrules import TermRule, combined_rules
from .terms import GlossaryCheck

#: Every check family by name, in the order reports list them.
CHECKS: dict[str, type[Check]] = {
    cls.name: cls
    for cls in (
        StructureCheck, KeywordCheck, GlossaryCheck, ConsistencyCheck, NumberCheck, LanguageCheck,
        LengthCheck, NameCheck,
    )
}

ArticleInput = Article | str | os.PathLike


def _as_article(item: ArticleInput) -> Article:
    if isinstance(item, Article):
        return item
    from ..read import read_article

    return read_article(Path(item))


def _as_list(items) -> list:
    if items is None:
        return []
    if isinstance(items, Article | str | os.PathLike):
        return [items]
    return list(items)


def select_checks(only: Iterable[str] = (), skip: Iterable[str] = ()) -> list[Check]:
    """Instances of the named families (all by default) minus the skipped ones."""
    only, skip = list(only), list(skip)
    unknown = sorted(set(only + skip) - set(CHECKS))
    if unknown:
        raise UshtilError(f"unknown check(s) {', '.join(unknown)}; choose from {', '.join(CHECKS)}")
    return [cls() for name, cls in CHECKS.items() if (not only or name in only) and name not in skip]


def check(
    article_or_articles: ArticleInput | Iterable[ArticleInput],
    *,
    glossary=None,
    reference: ArticleInput | Sequence[ArticleInput | None] | None = None,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
    length_stats: LengthStats | None = None,
    progress: Callable[[Iterable[Article]], Iterable[Article]] | None = None,
) -> CheckReport:
    """Check one article or several; see the README's ``ushtil check`` section for every finding id.

    ``glossary`` is a :class:`ushtil.glossary.Glossary` or the path of a glossary TSV; its entries
    add to (and override) the built-in term rules. ``reference`` is the reference translation: an
    article (or path) for one checked article, or a sequence parallel to the articles (None where an
    article has no reference). ``only``/``skip`` name check families (keys of :data:`CHECKS`);
    ``progress`` wraps the articles' iteration (a progress bar).
    """
    from ..aligner import align

    articles = [_as_article(item) for item in _as_list(article_or_articles)]
    if not articles:
        raise UshtilError("nothing to check: no articles given")
    references = _as_list(reference)
    if references and len(references) != len(articles):
        raise UshtilError(f"{len(references)} reference(s) for {len(articles)} article(s): give one per article")
    if isinstance(glossary, str | os.PathLike):
        from ..glossary import load_glossary

        glossary = load_glossary(glossary)
    terms = combined_rules(glossary)
    families = select_checks(only, skip)
    stats = length_stats or default_length_stats()
    # the aligner gets the user's glossary; the built-in names cost it time and change nothing on the seed
    term_triples = [
        tuple(rule.preferred(lang) for lang in LANGS) for rule in terms if rule.source == "glossary"
    ]
    findings: list[Finding] = []
    checked: list[CheckedArticle] = []
    for article in progress(articles) if progress else articles:
        alignment = align(article, term_pairs=term_triples)
        context = ArticleContext(article=article, alignment=alignment, terms=terms, length_stats=stats)
        found = [finding for family in families for finding in family.run(context)]
        findings.extend(sorted(found, key=lambda f: (f.severity.rank, f.bead or 0, f.lang, f.check)))
        checked.append(CheckedArticle(article, alignment))
    scores = ReferenceScores()
    if references:
        triples = [
            (item.article, item.alignment, _as_article(ref))
            for item, ref in zip(checked, references, strict=True) if ref is not None
        ]
        scores = score_against_reference(triples)
    sources = Counter(rule.source for rule in terms)
    signature = f"ushtil {__version__} | check {'+'.join(f.name for f in families)} | term rules: " + \
        ", ".join(f"{count} {source}" for source, count in sources.items())
    return CheckReport(findings=findings, articles=checked, scores=scores, signature=signature)


__all__ = [
    "CHECKS",
    "ArticleContext",
    "Check",
    "CheckReport",
    "CheckedArticle",
    "Finding",
    "LengthStats",
    "Severity",
    "TermRule",
    "check",
    "select_checks",
]
