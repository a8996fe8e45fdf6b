"""``ushtil check``: check translated abstracts before publication; exit 0 clean, 1 errors, 2 could not run."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..cache import CACHE_FOLDER, ResultCache
from ..errors import InputError, UshtilError
from ..model import LANGS, Article
from ..outputs import OutputTransaction, guard_outputs, requested
from .common import (
    add_article_inputs,
    add_engine_options,
    add_glossary_option,
    add_nlp_option,
    add_quiet_option,
    article_input_files,
    collect_article_inputs,
    engine_of,
    glossary_path,
    glossary_terms,
    progress,
    report_errors,
    whole_number,
    work_folder_cache,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    from ..checks import CHECKS

    parser = subparsers.add_parser(
        "check",
        help="check the translations of articles' abstracts: missing text, terms, numbers, languages, names",
        description="Check the English, Kazakh and Russian abstracts of articles against each other: missing "
        "or extra sentences and paragraphs, keyword lists, glossary terms and their consistency, numbers, "
        "text in the wrong language or left untranslated, length outliers, authors and titles. Optionally "
        "score the translations against a reference with BLEU, chrF and TER. Exit code: 0 no errors, "
        "1 errors found or some inputs unreadable, 2 nothing could be checked.",
        epilog="check families: " + "; ".join(f"{name}: {cls.description}" for name, cls in CHECKS.items()),
    )
    add_article_inputs(parser)
    add_glossary_option(parser, "whose terms add to and override the built-in term rules")
    parser.add_argument(
        "--reference", metavar="REF",
        help="reference translation to score against: an article file with the reference abstracts (one "
        "article checked), or a folder holding a file of the same name for each article",
    )
    for lang, name in (("en", "English"), ("kk", "Kazakh"), ("ru", "Russian")):
        parser.add_argument(f"--ref-{lang}", metavar="FILE", help=f"a file holding only the {name} reference abstract")
    parser.add_argument("-o", "--output", metavar="XLSX", help="write the report workbook to XLSX")
    parser.add_argument("--json", metavar="OUT", help="write the report as JSON to OUT")
    parser.add_argument("--only", metavar="CHECK", action="append", default=[], choices=list(CHECKS),
                        help="run only this check family (repeatable)")
    parser.add_argument("--skip", metavar="CHECK", action="append", default=[], choices=list(CHECKS),
                        help="do not run this check family (repeatable)")
    parser.add_argument("--limit", type=whole_number(0, "0 or more"), default=40, metavar="N",
                        help="show at most N errors and warnings per article in the terminal (default 40)")
    add_nlp_option(parser)
    add_engine_options(parser)
    parser.add_argument("--fresh", action="store_true",
                        help=f"check every article again instead of taking the findings of those unchanged since an "
                        f"earlier check of the same work folder from its {CACHE_FOLDER} (the new findings are "
                        "stored there for the next run)")
    add_quiet_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..aligner import align_inputs
    from ..checks import check
    from ..export.check_report import write_check_json, write_check_workbook

    references = [args.reference, *(getattr(args, f"ref_{lang}") for lang in LANGS)]
    collected = collect_article_inputs(args, kinds=("article", "abstracts", "triple", "alignment"))
    inputs = article_input_files(args, *references, glossary_path(args), found=collected)
    guard_outputs(inputs, [requested("-o", args.output, "xlsx"), requested("--json", args.json, "json")])
    pairs, glossary = glossary_terms(args)
    shown = None if args.quiet else (lambda items, label: progress(items, len(items), label, unit="text"))
    started = time.perf_counter()
    cache = work_folder_cache(args.inputs, args.fresh)
    with engine_of(args) as engine:
        corpus = align_inputs(collected, term_pairs=pairs, glossary=glossary, nlp=args.nlp, progress=shown,
                              engine=None if collected.alignments_only else engine, cache=cache)
        errors = corpus.errors
        for note in corpus.notes:
            print(f"ushtil check: note: {note}", file=sys.stderr)
        if not corpus.aligned:
            report_errors(errors, "check")
            return 2
        separate = {lang: getattr(args, f"ref_{lang}") for lang in LANGS}
        # (without references no article is decoded here: most are taken from the cache, never read whole)
        references = resolve_references([item.article for item in corpus.aligned], args.reference, separate,
                                        args.nlp) if args.reference or any(separate.values()) else None
        report = check(
            corpus.aligned, glossary=glossary_path(args), reference=references, only=args.only, skip=args.skip,
            nlp=args.nlp, engine=engine, cache=cache,
            progress=lambda items: progress(items, len(corpus.aligned), "checking", quiet=args.quiet, unit="article"),
        )
    errors += report.failed
    seconds = time.perf_counter() - started
    with OutputTransaction(inputs) as written:
        if args.output:
            write_check_workbook(report, written.stage(args.output))
        if args.json:
            write_check_json(report, written.stage(args.json), cache)
    print(report.summary(limit=args.limit))
    print(f"{len(report.articles)} article(s) in {seconds:.1f} s ({len(report.articles) / max(seconds, 1e-9):.1f}/s) "
          f"on {engine.describe()}" + (f"; {cache_summary(cache, args.fresh)}" if cache else ""), file=sys.stderr)
    for written in (args.output, args.json):
        if written:
            print(f"report written to {written}")
    report_errors(errors, "check")
    return 1 if errors else report.exit_code  # some articles checked: 1, as for errors found


def cache_summary(cache: ResultCache, fresh: bool) -> str:
    """What the work folder's cache gave: findings reused, articles checked again, damaged entries."""
    stats = cache.stats
    if fresh:
        return f"--fresh: {stats['stored']} article(s) checked, their findings stored in {cache.folder}"
    damaged = f", {stats['corrupt']} damaged entr{'y' if stats['corrupt'] == 1 else 'ies'} recomputed" \
        if stats["corrupt"] else ""
    return (f"findings of {stats['hit']} unchanged article(s) taken from {cache.folder}, "
            f"{stats['stored']} article(s) checked{damaged}")


def resolve_references(
    articles: list[Article], reference: str | None, separate: dict[str, str | None], backend: str = "builtin"
) -> list[Article | None] | None:
    """One reference article (or None) per checked article, from ``--reference`` or ``--ref-LANG``."""
    from ..read import read_abstract_files, read_article
    from ..read.formats import SUFFIXES
    from ..split import split_article

    separate = {lang: path for lang, path in separate.items() if path}
    if separate and reference:
        raise UshtilError("give either --reference or --ref-en/--ref-kk/--ref-ru, not both")
    if separate:
        if len(articles) != 1:
            raise UshtilError("--ref-en/--ref-kk/--ref-ru score one article; use --reference FOLDER for several")
        return [split_article(read_abstract_files(separate), backend)]
    if not reference:
        return None
    path = Path(reference)
    if path.is_dir():
        found: list[Article | None] = []
        for article in articles:
            stem = Path(article.source).stem or article.id
            matches = [path / f"{stem}{suffix}" for suffix in SUFFIXES if (path / f"{stem}{suffix}").is_file()]
            if not matches:
                print(f"ushtil check: note: no reference for {stem} in {path}", file=sys.stderr)
            found.append(split_article(read_article(matches[0]), backend) if matches else None)
        return found
    if not path.exists():
        raise InputError(f"{path}: no such reference file or folder")
    if len(articles) != 1:
        raise UshtilError("--reference FILE scores one article; give a folder of references for several")
    return [split_article(read_article(path), backend)]
