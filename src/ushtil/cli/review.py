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
        "'ushtil glossary OUTDIR' then use the reviewed beads. Workbooks not written by ushtil, and hostile "
        "files, are refused.",
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
    result = read_review_workbook(workbook)
    _refuse_undoing(result, outdir, workbook.name, SUFFIX)
    with OutputTransaction([workbook]) as written:
        for aligned in result.aligned:
            write_aligned(aligned, written.stage(outdir / f"{aligned.name}{SUFFIX}"))
        write_tmx(result.alignments, written.stage(tmx), signature=result.signature)
        written.write_text(report, follow_up_report(result, workbook.name))

    counts = ", ".join(f"{decision} {result.count(decision)}" for decision in DECISIONS)
    edited = sum(1 for decision in result.decisions if decision.edited)
    print(f"{workbook.name}: {len(result.decisions)} rows: {counts}, undecided {result.count('')}; "
          f"{edited} with edited text", file=sys.stderr)
    kept = sum(len(alignment.beads) for alignment in result.alignments)
    print(f"{len(result.alignments)} alignment(s), {kept} beads written to {outdir}; TMX {tmx}", file=sys.stderr)
    print(f"follow-up: {len(result.follow_up)} decision(s) not applied, {len(result.notes)} note(s) in {report}",
          file=sys.stderr)
    return 0


def _refuse_undoing(result, outdir: Path, workbook: str, suffix: str) -> None:
    """Refuse (:class:`InputError`, nothing written) a workbook whose import would undo what an
    article's alignment file in ``outdir`` holds now: a review with another workbook (an older or
    later one) or a re-alignment made after this workbook was written. The file may be this
    import's own result (imported twice), an earlier import of the same workbook (the reviewer went
    on with it), or, not reviewed, the alignment the workbook was written from. The workbook is
    known by the id written into it (a renamed copy is the same workbook, another workbook of the
    same name is not); only a workbook of an older ushtil, without one, by its file name."""
    from ..aligner.io import read_alignment
    from ..errors import InputError

    def shape(alignment) -> tuple:
        return alignment.sentences, [bead.sentences for bead in alignment.beads]

    for before, item in zip(result.written, result.aligned, strict=True):
        path = outdir / f"{item.name}{suffix}"
        if not path.is_file():
            continue
        present = read_alignment(path)
        if _reviewed_with(present, before, item.alignment, result.workbook_id, workbook) or (
                present.signature in (before.signature, item.alignment.signature)
                and shape(present) in (shape(before), shape(item.alignment))):
            continue
        reviewed = present.settings.get("reviewed", "")
        if result.workbook_id and present.settings.get("reviewed_id") == result.workbook_id:
            raise InputError(f"{workbook}: {path} was reviewed with {reviewed}, a copy of this workbook holding "
                             "decisions or edits this one lacks (an older copy?); importing it would undo them "
                             "(nothing written)")
        since = f"reviewed with {reviewed}" if reviewed else "aligned again"
        raise InputError(f"{workbook}: {path} was {since} after this workbook was written; importing it would "
                         "undo that (nothing written); 'ushtil align ... --xlsx' writes a workbook of it as it stands")


def _reviewed_with(present, before, imported, workbook_id: str, workbook: str) -> bool:
    """Whether ``present`` is an import of this workbook (written from ``before``) whose decided and
    edited rows this import still holds: the same workbook imported again or gone on with, not an
    older copy of it."""
    made, _, name = present.signature.rpartition(" | reviewed ")
    if made != before.signature:
        return False
    if workbook_id:
        rows = set(imported.settings.get("reviewed_rows", "").split())
        return (present.settings.get("reviewed_id") == workbook_id
                and set(present.settings.get("reviewed_rows", "").split()) <= rows)
    return name == workbook and "reviewed_id" not in present.settings
