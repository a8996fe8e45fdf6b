"""``ushtil align``: sentence-align articles or parallel text triples into OUTDIR/NAME.alignment.jsonl."""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import Counter
from pathlib import Path

from ..cache import CACHE_FOLDER, ResultCache
from ..errors import UshtilError
from ..model import LANGS, Alignment
from ..outputs import FOLDER, OutputTransaction, guard_outputs, requested
from .common import (
    add_engine_options,
    add_glossary_option,
    add_nlp_option,
    add_quiet_option,
    capped_notes,
    engine_of,
    glossary_path,
    glossary_terms,
    progress,
    record_written,
    report_errors,
    untouched_since_written,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "align",
        help="align the sentences of English, Kazakh and Russian texts (three-way)",
        description="Align the title, abstract sentences and keywords of each article, or every "
        "NAME.en.txt / NAME.kk.txt / NAME.ru.txt triple, in one three-way pass, and write "
        "OUTDIR/NAME.alignment.jsonl (one bead per line with indices, text, score and flags). "
        "Triples are read as running text and split into sentences unless --presegmented is given.",
    )
    parser.add_argument(
        "inputs", nargs="*", metavar="ARTICLE_OR_DIR",
        help="article files (.txt, .md, .docx, .pdf), NAME.LANG.txt triples, or folders holding them",
    )
    parser.add_argument(
        "--presegmented", metavar="DIR", action="append", default=[],
        help="a folder of NAME.en.txt/NAME.kk.txt/NAME.ru.txt triples with one sentence per line "
        "(kept as they are; a blank line separates paragraphs)",
    )
    parser.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="folder for the alignment files")
    parser.add_argument("--xlsx", metavar="FILE", help="also write a review workbook of all alignments")
    parser.add_argument("--tmx", metavar="FILE", help="also write a TMX translation memory of all alignments")
    add_glossary_option(parser, "whose term pairs count as evidence")
    add_nlp_option(parser)
    add_engine_options(parser)
    parser.add_argument("--fresh", action="store_true",
                        help=f"recompute every text instead of taking those unchanged since an earlier run "
                        f"from OUTDIR/{CACHE_FOLDER} (the new results are stored there for the next run)")
    add_quiet_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..aligner.io import SUFFIX
    from ..aligner.sources import align_inputs
    from ..read.inputs import collect_inputs

    if not args.inputs and not args.presegmented:
        raise UshtilError("no input: name article files, triples or folders, or --presegmented DIR")
    inputs = collect_inputs(args.inputs, presegmented=args.presegmented, kinds=("article", "triple"))
    read = [path for item in inputs.items for path in item.files.values()]
    read += [path for path in (glossary_path(args),) if path]
    guard_outputs(read, [requested("-o", args.output, FOLDER), requested("--xlsx", args.xlsx, "xlsx"),
                         requested("--tmx", args.tmx, "tmx")])
    pairs, glossary = glossary_terms(args)
    shown = None if args.quiet else (lambda items, label: progress(items, len(items), label, unit="text"))
    cache = ResultCache(Path(args.output) / CACHE_FOLDER, reuse=not args.fresh)
    if args.xlsx and Path(args.xlsx).is_file() and not untouched_since_written(cache, Path(args.xlsx)):
        _refuse_unimported_review(Path(args.xlsx), Path(args.output))
    started = time.perf_counter()
    with engine_of(args) as engine:
        corpus = align_inputs(inputs, term_pairs=pairs, glossary=glossary, nlp=args.nlp, progress=shown,
                              engine=engine, cache=cache)
    seconds = time.perf_counter() - started
    output = Path(args.output)
    aligned, kept = _keep_reviewed(corpus.aligned, output, SUFFIX, corpus.errors)
    alignments = [item.alignment for item in aligned]
    signature = alignments[0].signature if alignments else ""
    # its own connection, so the summary's counts of results reused stay the aligner's (whose
    # stores are committed first: a connection waits for another's open writes)
    cache.flush()
    files = ResultCache(cache.folder, reuse=cache.reuse)
    with OutputTransaction(read) as written:
        rewritten = sum(_write_alignment(item, output / f"{item.name}{SUFFIX}", written, files)
                        for item in aligned if item.name not in kept)
        files.flush()
        if aligned and args.xlsx:
            from ..export.review_workbook import write_review_workbook

            staged = written.stage(args.xlsx)
            write_review_workbook(aligned, staged, signature=signature)
            record_written(files, Path(args.xlsx), staged)
            files.flush()
        if alignments and args.tmx:
            from ..export.tmx import write_tmx

            write_tmx(alignments, written.stage(args.tmx), signature=signature)
    article_notes = [[f"{item.name}: {note}" for note in item.article.notes] for item in aligned]
    for note in capped_notes(article_notes, f"all are in the alignment files in {output}/ (and "
                                            "'ushtil check' reports them)"):
        print(f"  note: {note}", file=sys.stderr)
    for note in [*corpus.notes, *kept.values()]:
        print(f"  note: {note}", file=sys.stderr)
    report_errors(corpus.errors, "align")
    if not alignments:
        return 2
    print(summary(alignments, output), file=sys.stderr)
    if rewritten < len(aligned) - len(kept):
        print(f"  {rewritten} alignment file(s) written, {len(aligned) - rewritten} unchanged", file=sys.stderr)
    print(f"  {len(alignments)} text(s) in {seconds:.1f} s ({len(alignments) / max(seconds, 1e-9):.1f}/s) on "
          f"{engine.describe()}" + (f"; cache {cache.folder}: {cache.stats['hit']} result(s) reused, "
                                             f"{cache.stats['stored']} computed" if cache.folder else ""),
          file=sys.stderr)
    for option, path in (("review workbook", args.xlsx), ("TMX", args.tmx)):
        if path:
            print(f"  {option} written to {path}", file=sys.stderr)
    return 1 if corpus.errors else 0


def _refuse_unimported_review(workbook: Path, output: Path) -> None:
    """A review workbook holding a reviewer's decisions the folder's alignments do not record as
    imported is not written over (hours of a reviewer's work, lost to a re-run). (One the folder's
    last run wrote, unchanged since, is not read to find out.)"""
    from ..export.review_apply import unimported_rows

    lost = unimported_rows(workbook, output)
    if lost:
        shown = ", ".join(lost[:3]) + (f" and {len(lost) - 3} more" if len(lost) > 3 else "")
        raise UshtilError(f"--xlsx {workbook}: holds a reviewer's decisions or edits not imported into {output} "
                          f"({shown}); import it first (ushtil review import {workbook} -o {output}), "
                          "or name another file")


def _keep_reviewed(aligned: list, output: Path, suffix: str, errors: list[str]) -> tuple[list, dict[str, str]]:
    """The articles to write, a reviewed alignment already in ``output`` standing for its article's
    new one (a person's review is never undone by a re-run; the review workbook and TMX show it),
    and a note per article kept so. A reviewed file that cannot be read (damaged by a hand edit) is
    kept too, its article left out, with an error line in ``errors``: the other articles are done."""
    from ..aligner.io import read_aligned

    items, kept = [], {}
    for item in aligned:
        path = output / f"{item.name}{suffix}"
        try:
            reviewed = read_aligned(path) if _says_reviewed(path) else None
        except UshtilError as exc:
            errors.append(f"{exc}; it says it was reviewed, so it is kept as it stands and {item.name} is left "
                          "out (mend it, or delete it to align the article afresh)")
            continue
        if reviewed is None or not reviewed.alignment.settings.get("reviewed"):
            items.append(item)
            continue
        changed = "" if reviewed.alignment.sentences == item.alignment.sentences else (
            "; its sentences differ from the article's as read now (edited in the review or since)")
        kept[item.name] = (f"{item.name}: {path} was reviewed ({reviewed.alignment.settings['reviewed']}); "
                           f"kept as it stands{changed}; delete it to align the article afresh")
        items.append(reviewed)
    return items, kept


def _says_reviewed(path: Path) -> bool:
    """Whether the alignment file's header line names a review (read no further: most are not)."""
    try:
        with path.open("rb") as file:
            return b'"reviewed"' in file.readline()
    except OSError:
        return False


def _write_alignment(item, path: Path, written: OutputTransaction, cache: ResultCache) -> bool:
    """Stage the alignment file of ``item`` unless ``path`` holds it (what the work folder's cache
    says was written for the same alignment, or the same text); whether it was staged."""
    from ..aligner.io import alignment_text, holds_text, text_key

    key = (item.made_as or text_key(item)) if cache.folder else ""
    if key and holds_text(path, cache.get(key)):
        return False
    text = alignment_text(item.alignment, item.article)
    if key:
        cache.put(key, hashlib.sha256(text.encode("utf-8")).hexdigest())
    return written.write_if_changed(path, text)


def summary(alignments: list[Alignment], output: Path) -> str:
    """Beads by type, flagged beads and the mean score, for the end of a run; an article with one
    language (an English-only page) is named apart, its beads left out of the flags and the score."""
    beads = [bead for alignment in alignments for bead in alignment.beads]
    kinds = Counter(bead.kind for bead in beads)
    single = [alignment for alignment in alignments
              if sum(bool(alignment.sentences.get(lang)) for lang in LANGS) < 2]
    apart = {id(alignment) for alignment in single}
    scored = [bead for alignment in alignments if id(alignment) not in apart for bead in alignment.beads]
    flags = Counter(flag for bead in scored for flag in bead.flags)
    lines = [
        f"{len(alignments)} alignment(s), {len(beads)} beads written to {output}/",
        "  bead types (en-kk-ru): " + ", ".join(f"{kind} ×{count}" for kind, count in kinds.most_common()),
    ]
    if single:
        lines.append(f"  {len(single)} article(s) with one language only, nothing aligned: "
                     + ", ".join(alignment.name for alignment in single))
    if scored:
        lines += [f"  flagged beads: {sum(1 for bead in scored if bead.flags)}"
                  + (" (" + ", ".join(f"{flag} ×{count}" for flag, count in flags.most_common()) + ")"
                     if flags else ""),
                  f"  mean score: {sum(bead.score for bead in scored) / len(scored):.3f}"]
    return "\n".join(lines)
