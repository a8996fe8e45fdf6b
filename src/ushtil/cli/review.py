"""``ushtil review import``: take a reviewed alignment workbook back into corrected alignments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..outputs import FOLDER, OutputTransaction, guard_outputs, requested
from .common import add_quiet_option


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review",
        help="read a reviewed alignment workbook back (decisions and corrected text)",
        description="Work with the review workbooks that 'ushtil align --xlsx' writes.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    reader = actions.add_parser(
        "import",
        help="apply a reviewed workbook: corrected NAME.alignment.jsonl, TMX and a follow-up report",
        description="Read the reviewer's decisions and edited text from a review workbook, apply them (Fix: the "
        "edited text; Split: one bead per line of the edited cells; Merge: with the next bead; Reject: each "
        "language's sentences become beads of their own) and write, in OUTDIR, one reviewed "
        "NAME.alignment.jsonl per article (replacing the one 'ushtil align' wrote there), one TMX of all "
        "articles, and a Markdown report of what could not be applied. 'ushtil check OUTDIR' and "
        "'ushtil glossary OUTDIR' then use the reviewed beads. An import that would undo what OUTDIR holds (a "
        "review with another workbook, a re-alignment made since the workbook was written) is refused, nothing "
        "written. Copies of one workbook (renamed or not) are merged cell by cell against the workbook as "
        "exported: a row a copy left as exported decides nothing and never reverts an earlier import's "
        "decision; a cell it changed (Decision or a language's text) is taken in, unless an earlier import "
        "(of any copy) changed that cell differently: then the row's earlier decision is kept, the row is "
        "reported on one 'conflict:' line and the exit code is 1 (where the earlier decision was this same "
        "workbook's, by file name, and this copy was saved after it, this copy's row is taken, with a note). "
        "Workbooks not written by ushtil, hostile files and hidden "
        "sheets that are not the one imported before are refused.",
        epilog="Exit codes: 0 imported, 1 imported with conflicts (the earlier decisions kept), 2 nothing written.",
    )
    reader.add_argument("workbook", metavar="REVIEWED.xlsx", help="the review workbook, as the reviewer saved it")
    reader.add_argument("-o", "--output", metavar="OUTDIR", required=True,
                        help="folder for the corrected alignments, the TMX and the report (created if needed)")
    reader.add_argument("--tmx", metavar="FILE",
                        help="where to write the TMX (default: OUTDIR/<workbook name>.tmx)")
    reader.add_argument("--report", metavar="FILE",
                        help="where to write the follow-up report (default: OUTDIR/<workbook name>.followup.md)")
    add_quiet_option(reader)
    reader.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..aligner import write_aligned
    from ..aligner.io import SUFFIX
    from ..export.review_apply import follow_up_report, read_review_workbook
    from ..export.review_workbook import DECISIONS
    from ..export.tmx import write_tmx

    workbook = Path(args.workbook)
    outdir = Path(args.output)
    tmx = Path(args.tmx) if args.tmx else outdir / f"{workbook.stem}.tmx"
    report = Path(args.report) if args.report else outdir / f"{workbook.stem}.followup.md"
    guard_outputs([workbook], [requested("-o", outdir, FOLDER), requested("--tmx", tmx, "tmx"),
                               requested("--report", report, "markdown")])
    result = read_review_workbook(workbook, outdir)
    with OutputTransaction([workbook]) as written:
        for aligned in result.aligned:
            write_aligned(aligned, written.stage(outdir / f"{aligned.name}{SUFFIX}"))
        write_tmx(result.alignments, written.stage(tmx), signature=result.signature)
        written.write_text(report, follow_up_report(result, workbook.name))

    counts = ", ".join(f"{decision} {result.count(decision)}" for decision in DECISIONS)
    edited = sum(1 for decision in result.decisions if decision.edited)
    merged = " with the earlier imports' decisions" if result.kept else ""
    print(f"{workbook.name}{merged}: {len(result.decisions)} rows: {counts}, undecided {result.count('')}; "
          f"{edited} with edited text", file=sys.stderr)
    kept = sum(len(alignment.beads) for alignment in result.alignments)
    print(f"{len(result.alignments)} alignment(s), {kept} beads written to {outdir}; TMX {tmx}", file=sys.stderr)
    print(f"follow-up: {len(result.follow_up)} decision(s) not applied, {len(result.notes)} note(s) in {report}",
          file=sys.stderr)
    if result.kept or result.conflicts:
        print(f"merged with an earlier import of a copy of this workbook: {result.taken} row(s) this workbook decided "
              f"taken in, {result.kept} earlier decision(s) this workbook lacks kept, {len(result.conflicts)} of "
              "them against this workbook's (conflicts)", file=sys.stderr)
    for conflict in result.conflicts:
        print(f"ushtil review: conflict: {workbook.name}: {conflict.line()}", file=sys.stderr)
    return 1 if result.conflicts else 0
