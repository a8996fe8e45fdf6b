"""``ushtil review import``: take a reviewed alignment workbook back into corrected alignments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..outputs import FOLDER, OutputTransaction, guard_outputs, requested


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
        description="Read the reviewer's decisions and edited text from a review workbook and write, in OUTDIR, "
        "one corrected NAME.alignment.jsonl per article (Reject rows dropped, edited text kept), one TMX "
        "of all articles, and a Markdown report of the Split and Merge rows left for follow-up. "
        "Workbooks not written by ushtil, and hostile files, are refused.",
    )
    reader.add_argument("workbook", metavar="REVIEWED.xlsx", help="the review workbook, as the reviewer saved it")
    reader.add_argument("-o", "--output", metavar="OUTDIR", required=True,
                        help="folder for the corrected alignments, the TMX and the report (created if needed)")
    reader.add_argument("--tmx", metavar="FILE",
                        help="where to write the TMX (default: OUTDIR/<workbook name>.tmx)")
    reader.add_argument("--report", metavar="FILE",
                        help="where to write the follow-up report (default: OUTDIR/<workbook name>.followup.md)")
    reader.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..aligner import write_alignment
    from ..aligner.io import SUFFIX
    from ..export.review_workbook import DECISIONS, follow_up_report, read_review_workbook
    from ..export.tmx import write_tmx

    workbook = Path(args.workbook)
    outdir = Path(args.output)
    tmx = Path(args.tmx) if args.tmx else outdir / f"{workbook.stem}.tmx"
    report = Path(args.report) if args.report else outdir / f"{workbook.stem}.followup.md"
    guard_outputs([workbook], [requested("-o", outdir, FOLDER), requested("--tmx", tmx, "tmx"),
                               requested("--report", report, "markdown")])
    result = read_review_workbook(workbook)
    with OutputTransaction([workbook]) as written:
        for alignment in result.alignments:
            write_alignment(alignment, written.stage(outdir / f"{alignment.name}{SUFFIX}"))
        write_tmx(result.alignments, written.stage(tmx), signature=result.signature)
        written.write_text(report, follow_up_report(result, workbook.name))

    counts = ", ".join(f"{decision} {result.count(decision)}" for decision in DECISIONS)
    edited = sum(1 for decision in result.decisions if decision.edited)
    print(f"{workbook.name}: {len(result.decisions)} rows: {counts}, undecided {result.count('')}; "
          f"{edited} with edited text", file=sys.stderr)
    kept = sum(len(alignment.beads) for alignment in result.alignments)
    print(f"{len(result.alignments)} alignment(s), {kept} beads written to {outdir}; TMX {tmx}", file=sys.stderr)
    print(f"follow-up: {len(result.follow_up)} Split/Merge row(s), {len(result.notes)} note(s) in {report}",
          file=sys.stderr)
    return 0
