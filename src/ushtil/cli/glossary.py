"""``ushtil glossary``: build the trilingual glossary from articles, export it, keep the curated store.

``ushtil glossary CORPUS… [-o glossary.xlsx] [--tbx F] [--csv F] [--store glossary/glossary.tsv]`` builds
(starting from the curated store, so a person's decisions carry over);
``ushtil glossary import EDITED.xlsx [--store …]`` brings the edits of a glossary workbook into the store.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from ..cache import ResultCache, cache_key
from ..engine import engine_for
from ..errors import UshtilError
from ..outputs import OutputTransaction, guard_outputs, requested
from .common import (
    add_engine_options,
    add_nlp_option,
    add_quiet_option,
    capped_notes,
    error_reporter,
    progress,
    record_written,
    untouched_since_written,
    work_folder_cache,
)


def confidence(text: str) -> float:
    """A confidence between 0 and 1 (argparse type)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is outside 0-1")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "glossary",
        help="build the en/kk/ru term glossary (xlsx, TBX, CSV) and keep the curated store in glossary/",
        description="Build a trilingual glossary (en | kk | ru with variants, frequency, confidence and evidence) "
        "from articles or *.alignment.jsonl files; articles are aligned first. The build starts from the "
        "curated store (glossary/glossary.tsv when present, or --store): approved entries keep their headwords "
        "and notes, rejected pairs are never proposed again, new finds come in as candidates. Only --store "
        "rewrites the store. 'ushtil glossary import EDITED.xlsx' applies only what a person changed in a glossary "
        "workbook to the store (rows left as exported change nothing, deleted rows delete nothing); with "
        "-o/--tbx/--csv it also exports the store as it is afterwards.",
    )
    parser.add_argument(
        "inputs", nargs="+", metavar="CORPUS",
        help="article files (.txt, .md, .docx, .pdf), *.alignment.jsonl files or folders holding them; "
        "or the word 'import' followed by an edited glossary workbook",
    )
    parser.add_argument("-o", "--output", metavar="FILE.xlsx",
                        help="write the glossary workbook here (Terms with filters and status drop-down, Evidence); "
                        "a .tbx or .csv name writes that format instead")
    parser.add_argument("--tbx", metavar="FILE.tbx", help="also write TBX v3 (TBX-Basic) for CAT tools")
    parser.add_argument("--csv", metavar="FILE.csv", help="also write CSV (UTF-8 with BOM)")
    parser.add_argument("--store", metavar="TSV",
                        help="the curated glossary: a build starts from it and rewrites it with the build merged "
                        "in; 'import' updates it. Without --store a build reads glossary/glossary.tsv when present "
                        "and rewrites nothing, and 'import' updates glossary/glossary.tsv")
    parser.add_argument("--no-store", action="store_true",
                        help="build without the curated store (every entry a candidate)")
    parser.add_argument("--min-confidence", type=confidence, default=None, metavar="P",
                        help="entries below this confidence (0-1) go to the workbook's Candidates sheet, not the "
                        "Terms sheet, CSV or TBX (default 0.8: entries at 0.8 or above were right 97%% of the time "
                        "on judged NTREX entries)")
    parser.add_argument("--candidates", action="store_true",
                        help="also write the lower-confidence candidates into the CSV and TBX")
    parser.add_argument("--fresh", action="store_true",
                        help="take nothing from the work folder's cache (each article's tokens are made anew, "
                        "and stored for the next run)")
    add_nlp_option(parser)
    add_engine_options(parser)
    add_quiet_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.inputs[0] == "import" and not Path("import").exists():
        if len(args.inputs) != 2:
            raise UshtilError("usage: ushtil glossary import EDITED.xlsx [--store glossary/glossary.tsv]")
        if args.no_store or args.min_confidence is not None:
            raise UshtilError("'import' takes no --no-store or --min-confidence (it builds nothing)")
        return import_workbook(args.inputs[1], args.store, output=args.output, tbx=args.tbx, csv=args.csv)
    if args.store and args.no_store:
        raise UshtilError("give --store or --no-store, not both")
    return build(args.inputs, output=args.output, tbx=args.tbx, csv=args.csv, store=args.store,
                 use_store=not args.no_store, nlp=args.nlp, min_confidence=args.min_confidence,
                 candidates=args.candidates, quiet=args.quiet, jobs=args.jobs, scheduler=args.scheduler,
                 fresh=args.fresh)


def _exports(output_path: str | None, tbx: str | None, csv: str | None) -> list:
    return [requested("-o", output_path, "xlsx", "tbx", "csv"), requested("--tbx", tbx, "tbx"),
            requested("--csv", csv, "csv")]


def _write_exports(glossary, exports: list, written: OutputTransaction, candidates: bool = False,
                   cache: ResultCache | None = None) -> list[str]:
    """Each export; with ``candidates`` the CSV and TBX hold the candidates too (the workbook always has
    them on its own sheet). With a work folder's ``cache``, a file this same glossary was written to
    by the last run, unchanged since (its bytes as written), is left as it is."""
    from ..export.glossary_base import exporter_for

    done = []
    for item in filter(None, exports):
        exporter = exporter_for(item.path)
        whole = candidates and exporter.suffix != ".xlsx"
        key = _export_key(glossary, exporter.suffix, whole) if cache is not None else ""
        if key and _written_before(cache, key, Path(item.path)):
            done.append(f"{exporter.name} {item.path} (unchanged: this glossary as the last run wrote it)")
            continue
        staged = written.stage(item.path)
        exporter.write_file(glossary.with_candidates() if whole else glossary, staged)
        if exporter.suffix == ".xlsx":
            record_written(cache, Path(item.path), staged)
        if key:
            cache.put(key, hashlib.sha256(Path(staged).read_bytes()).hexdigest())
        done.append(f"{exporter.name} {item.path}")
    if cache is not None:
        cache.flush()
    return done


def _export_key(glossary, suffix: str, whole: bool) -> str:
    """The cache key of one export of ``glossary``: all its content (its ``repr``: every field of every
    entry, the same for equal glossaries whether built now or taken from the cache, where a pickle
    differs by which strings are shared), the format and this code."""
    return cache_key("glossary: export", {"suffix": suffix, "candidates": whole},
                     hashlib.sha256(repr(glossary).encode()).hexdigest())


def _written_before(cache: ResultCache, key: str, path: Path) -> bool:
    """Whether ``path`` holds the bytes the last export under ``key`` wrote."""
    digest = cache.get(key)
    if not isinstance(digest, str):
        return False
    try:
        return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except OSError:
        return False


def _refuse_unimported_workbook(exports: list, store, store_option: str | None, cache: ResultCache | None) -> None:
    """A glossary workbook holding a person's edits the store does not hold is not written over (a
    terminologist's decisions, lost to a re-run); one the work folder's last run wrote, unchanged
    since, is not read to find out."""
    from ..export.glossary_workbook import unimported_rows

    for item in filter(None, exports):
        path = item.path
        if path.suffix.lower() == ".xlsx" and path.is_file() and not untouched_since_written(cache, path):
            lost = unimported_rows(path, store)
            if lost:
                shown = ", ".join(lost[:3]) + (f" and {len(lost) - 3} more" if len(lost) > 3 else "")
                raise UshtilError(f"{item.option} {item.path}: holds edits the store does not hold ({shown}); "
                                  f"import them first (ushtil glossary import {item.path}"
                                  f"{f' --store {store_option}' if store_option else ''}), or name another file")


def build(inputs: list[str], *, output: str | None, tbx: str | None, csv: str | None, store: str | None,
          nlp: str, min_confidence: float | None, use_store: bool = True, candidates: bool = False,
          quiet: bool = False, jobs: int | None = None, scheduler: str | None = None, fresh: bool = False) -> int:
    from ..glossary import DEFAULT_STORE, build_glossary
    from ..glossary.build import TERMS_THRESHOLD
    from ..glossary.store import store_text
    from ..read.inputs import collect_inputs

    exports = _exports(output, tbx, csv)
    if not any(exports) and not store:
        raise UshtilError("nothing to write: give -o FILE.xlsx, --tbx, --csv or --store")
    curated = Path(store) if store else (DEFAULT_STORE if use_store and DEFAULT_STORE.is_file() else None)
    collected = collect_inputs(inputs)
    read = [path for item in collected.items for path in item.files.values()]
    guard_outputs(read + ([curated] if curated and not store else []), exports,
                  updated=_store_output(store))
    from ..glossary.store import load_glossary

    # the store first: a malformed one is its one line before a long build, not after
    existing = load_glossary(curated) if curated and curated.exists() else None
    pairs, terms_file = _aligner_terms(store)
    errors: list[str] = []
    notes: list[str] = []
    started = time.perf_counter()
    cache = work_folder_cache(inputs, fresh)
    _refuse_unimported_workbook(exports, existing, store, cache)
    # (the build's cache entries are stored on a worker while the outputs are written: Engine.meanwhile)
    with engine_for(jobs, scheduler) as engine, engine.finishing_meanwhile():
        try:
            glossary = build_glossary(
                collected, existing=existing, nlp=nlp,
                term_pairs=pairs, glossary=terms_file, notes=notes, engine=engine,
                cache=cache,
                threshold=TERMS_THRESHOLD if min_confidence is None else min_confidence,
                progress=lambda items, label: progress(items, len(items), label, quiet=quiet, unit="text"),
                on_error=error_reporter(errors, "glossary"),
            )
        except UshtilError:
            _print_notes(notes)
            if len(errors) >= len(inputs):  # every input has had its line already
                return 2
            raise
        _print_notes(notes)
        if not glossary.entries and not glossary.candidates:
            kept = [str(item.path) for item in [*exports, _store_output(store)] if item and Path(item.path).exists()]
            print("ushtil glossary: error: the build found no entries" + (" (see the notes above)" if notes else "")
                  + "; nothing written" + (f", {', '.join(kept)} kept unchanged" if kept else ""), file=sys.stderr)
            return 1
        with OutputTransaction(read) as written:
            done = _write_exports(glossary, exports, written, candidates, cache)
            if store:
                written.write_text(store, store_text(glossary))
                done.append(f"store {store}")
        print(glossary.summary(), file=sys.stderr)
        print(f"built in {time.perf_counter() - started:.1f} s on {engine.describe()}", file=sys.stderr)
        if curated and curated.exists():
            print(f"started from the curated store {curated}", file=sys.stderr)
        print("written: " + ", ".join(done), file=sys.stderr)
        if errors:
            print(f"{len(errors)} input(s) could not be read (see the error lines above)", file=sys.stderr)
    return 1 if errors else 0


def _print_notes(notes: list[str]) -> None:
    for note in capped_notes([[note] for note in notes], "'ushtil check' reports each article's notes",
                             per_article=False):
        print(f"ushtil glossary: note: {note}", file=sys.stderr)


def _aligner_terms(store: str | None) -> tuple[list[tuple[str, str, str]], str]:
    """The term pairs the aligner takes as evidence, as ``ushtil align`` takes them: the store's, else
    the default glossary's when present."""
    from ..glossary.terms import term_pairs
    from .common import DEFAULT_GLOSSARY

    path = store if store and Path(store).is_file() else (str(DEFAULT_GLOSSARY) if DEFAULT_GLOSSARY.is_file() else "")
    return (term_pairs(path), path) if path else ([], "")


def _store_output(store: str | None):
    return requested("--store", store, "tsv")


def import_workbook(workbook: str, store: str | None, *, output: str | None = None, tbx: str | None = None,
                    csv: str | None = None) -> int:
    """Apply an edited workbook to the store; ``-o/--tbx/--csv`` export the store as it is afterwards."""
    from ..export.glossary_workbook import import_glossary_workbook
    from ..glossary import DEFAULT_STORE
    from ..glossary.store import store_text

    target = Path(store or DEFAULT_STORE)
    exports = _exports(output, tbx, csv)
    guard_outputs([Path(workbook)], exports, updated=_store_output(str(target)))
    result = import_glossary_workbook(workbook, target, save=False)
    _refuse_unimported_workbook(exports, result.glossary, store, None)  # (another person's workbook)
    with OutputTransaction([Path(workbook)]) as written:
        if result.changed:
            written.write_text(target, store_text(result.glossary))
        done = _write_exports(result.glossary, exports, written)
    print(f"{Path(workbook).name} → {target}: {result.summary()}", file=sys.stderr)
    for conflict in [*result.conflicts, *result.kept]:
        print(f"  conflict: {conflict}", file=sys.stderr)
    if done:
        print("written: " + ", ".join(done), file=sys.stderr)
    return 1 if result.kept else 0
