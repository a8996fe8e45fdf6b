"""Checking a translation before publication: ``check(article) -> CheckReport``.

Each family of checks is one module with one :class:`~.base.Check` subclass; :data:`CHECKS` is the
one registry. ``check`` takes aligned articles as they are (an alignment file, maybe reviewed, is
never aligned again), aligns articles exactly as ``ushtil align`` does
(:func:`ushtil.aligner.align_inputs`), runs every family over each article and its alignment, and
optionally scores the text against a reference. Findings name beads by their numbers in the review
workbook.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .. import __version__
from ..aligner import align_articles, align_inputs
from ..aligner.io import alignment_to_dict
from ..cache import ResultCache, cache_key
from ..engine import Engine, Outcome, run_each, ticker
from ..errors import UshtilError
from ..glossary import Glossary, load_glossary
from ..glossary.terms import term_pairs
from ..model import AlignedArticle, Article
from .base import ArticleContext, Check, Finding, Severity
from .consistency import ConsistencyCheck
from .keywords import KeywordCheck
from .language import LanguageCheck
from .lengths import LengthCheck, LengthStats, default_length_stats
from .lookalikes import LookalikeCheck
from .names import NameCheck
from .numbers import NumberCheck
from .report import CheckReport
from .scores import ReferenceScores, score_against_reference
from .structure import StructureCheck
from .termrules import TermRule, combined_rules
from .terms import GlossaryCheck

#: Every check family by name, in the order reports list them.
CHECKS: dict[str, type[Check]] = {
    cls.name: cls
    for cls in (
        StructureCheck, KeywordCheck, GlossaryCheck, ConsistencyCheck, NumberCheck, LanguageCheck,
        LengthCheck, NameCheck, LookalikeCheck,
    )
}

ArticleInput = AlignedArticle | Article | str | os.PathLike


def _as_article(item: Article | str | os.PathLike) -> Article:
    if isinstance(item, Article):
        return item
    from ..read import read_article
    from ..split import split_article

    return split_article(read_article(Path(item)))


def _as_list(items) -> list:
    if items is None:
        return []
    if isinstance(items, AlignedArticle | Article | str | os.PathLike):
        return [items]
    return list(items)


def aligned_articles(items: list[ArticleInput], *, glossary: Glossary | None = None, glossary_name: str = "",
                     nlp: str = "builtin") -> list[AlignedArticle]:
    """Each item as an aligned article, in order: aligned articles as they are; articles and files
    aligned together as ``ushtil align`` aligns them (alignment files read, not aligned again)."""
    pairs = term_pairs(glossary) if glossary is not None else []
    articles = [item for item in items if isinstance(item, Article)]
    made = iter(align_articles(articles, term_pairs=pairs, glossary=glossary_name, nlp=nlp))
    paths = [item for item in items if isinstance(item, str | os.PathLike)]
    corpus = align_inputs(paths, term_pairs=pairs, glossary=glossary_name, nlp=nlp) if paths else None
    if corpus is not None and corpus.errors:
        raise UshtilError(corpus.errors[0])
    from_files = iter(corpus.aligned if corpus else [])
    result = []
    for item in items:
        if isinstance(item, AlignedArticle):
            result.append(item)
        elif isinstance(item, Article):
            result.append(next(made))
        else:
            result.append(next(from_files))
    return result


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
    nlp: str = "builtin",
    progress: Callable[[Iterable[AlignedArticle]], Iterable[AlignedArticle]] | None = None,
    engine: Engine | None = None,
    cache: ResultCache | None = None,
) -> CheckReport:
    """Check one article or several; see the README's ``ushtil check`` section for every finding id.

    The articles are :class:`~ushtil.model.AlignedArticle` s (checked on their beads as they are),
    articles, or paths of article and alignment files (see :func:`aligned_articles`). ``glossary``
    is a :class:`ushtil.glossary.Glossary` or the path of a glossary TSV; its entries add to (and
    override) the built-in term rules, and its term pairs guide the aligner. ``reference`` is the
    reference translation: an article (or path) for one checked article, or a sequence parallel to
    the articles (None where an article has no reference). ``only``/``skip`` name check families
    (keys of :data:`CHECKS`); ``progress`` wraps the articles' iteration (a progress bar); the
    articles are checked on ``engine`` (this process by default), with the same findings anywhere;
    with a ``cache``, an article checked before with the same text, beads and settings is not checked again.
    """
    items = _as_list(article_or_articles)
    if not items:
        raise UshtilError("nothing to check: no articles given")
    references = _as_list(reference)
    if references and len(references) != len(items):
        raise UshtilError(f"{len(references)} reference(s) for {len(items)} article(s): give one per article")
    glossary_name = ""
    if isinstance(glossary, str | os.PathLike):
        glossary_name = str(glossary)
        glossary = load_glossary(glossary)
    aligned = aligned_articles(items, glossary=glossary, glossary_name=glossary_name, nlp=nlp)
    terms = combined_rules(glossary)
    families = select_checks(only, skip)
    stats = length_stats or default_length_stats()
    findings: list[Finding] = []
    checked: list[AlignedArticle] = []
    failed: list[str] = []
    cache = cache or ResultCache(None)
    settings = [[family.name for family in families], repr(terms), repr(stats)]
    keys = [_cache_key(item, settings) if cache.folder else "" for item in aligned]
    found: list[list[Finding] | None] = [_findings(cache.get(key)) if key else None for key in keys]
    todo = [n for n, known in enumerate(found) if known is None]
    shown = (lambda items, label: progress(items)) if progress else None
    outcomes = _run_checks([aligned[n] for n in todo], (families, terms, stats), engine,
                           ticker(shown, len(todo), "checking"))
    for n, outcome in zip(todo, outcomes, strict=True):
        if outcome.ok:
            found[n] = outcome.value
            if keys[n]:
                cache.put(keys[n], [finding.to_dict() for finding in outcome.value])
        else:
            failed.append(f"{aligned[n].name}: {outcome.error}")
    for item, article_findings in zip(aligned, found, strict=True):
        if article_findings is not None:
            findings.extend(article_findings)
            checked.append(item)
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
    return CheckReport(findings=findings, articles=checked, scores=scores, signature=signature, failed=failed)


def _cache_key(item: AlignedArticle, settings: list) -> str:
    """The key of an article's findings: the hash of the alignment file it was read from (which
    holds the article's front matter too) and the file's name (the article's id when the file has
    no front matter), else the article and alignment themselves."""
    content = ["alignment file", item.name, item.digest] if item.digest else \
        [item.article.to_dict(), alignment_to_dict(item.alignment)]
    return cache_key("check", settings, content)


def _run_checks(items: list[AlignedArticle], shared: tuple, engine: Engine | None,
                on_done: Callable[[int], None] | None) -> list[Outcome[list[Finding]]]:
    """The findings of each item on ``engine``. A pool on this machine is handed the articles once,
    with what every task shares (its forked workers inherit them), and each task only a number: an
    article is not copied to a worker for each task. A cluster's workers are sent their articles.

    While a pool runs, the objects this process holds are kept out of the cycle collector's scans
    (``gc.freeze``): a forked worker's collector would otherwise walk (and so copy) every inherited
    article again and again, about a tenth of the pool's time."""
    if engine is not None and engine.parallel and not engine.scheduler and len(items) > 1:
        frozen = gc.get_freeze_count() == 0  # a caller that froze its objects itself keeps them frozen
        if frozen:
            gc.freeze()
        try:
            return run_each(_check_numbered, range(len(items)), engine=engine, shared=(items, shared),
                            on_done=on_done)
        finally:
            if frozen:
                gc.unfreeze()
    return run_each(_check_article, items, engine=engine, shared=shared, on_done=on_done)


def _check_numbered(number: int, shared: tuple[list[AlignedArticle], tuple]) -> list[Finding]:
    items, rest = shared
    return _check_article(items[number], rest)


def _findings(records: list[dict] | None) -> list[Finding] | None:
    if records is None:
        return None
    return [Finding(**{**record, "severity": Severity(record["severity"])}) for record in records]


def _check_article(item: AlignedArticle, shared: tuple[list[Check], list[TermRule], LengthStats]) -> list[Finding]:
    """The findings of every family on one aligned article, most severe first."""
    families, terms, stats = shared
    context = ArticleContext(article=item.article, alignment=item.alignment, terms=terms, length_stats=stats)
    found = [finding for family in families for finding in family.run(context)]
    return sorted(found, key=lambda f: (f.severity.rank, f.bead or 0, f.lang, f.check))


__all__ = [
    "CHECKS",
    "ArticleContext",
    "Check",
    "CheckReport",
    "Finding",
    "LengthStats",
    "Severity",
    "TermRule",
    "aligned_articles",
    "check",
    "select_checks",
]
