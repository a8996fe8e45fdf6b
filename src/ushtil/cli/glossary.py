"""``ushtil glossary``: build the trilingual glossary from articles, export it, keep the curated store.

``ushtil glossary CORPUS… [-o glossary.xlsx] [--tbx F] [--csv F] [--store glossary/glossary.tsv]`` builds;
``ushtil glossary import EDITED.xlsx [--store …]`` brings an edited glossary workbook back into the store.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UshtilError
from .common import add_nlp_option, progress


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "glossary",
        help="build the en/kk/ru term glossary (xlsx, TBX, CSV) and keep the curated store in glossary/",
        description="Build a trilingual glossary (en | kk | ru with variants, frequency, confidence and evidence) "
        "from articles or *.alignment.jsonl files; articles are aligned first. With --store the build is "
        "merged into the curated TSV store (approved entries kept, rejected pairs never proposed again). "
        "'ushtil glossary import EDITED.xlsx' applies an edited glossary workbook to the store.",
    )
    parser.add_argument(
        "inputs", nargs="+", metavar="CORPUS",
        help="article files (.txt, .md, .docx, .pdf), *.alignment.jsonl files or folders holding them; "
        "or the word 'import' followed by an edited glossary workbook",
    )
    parser.add_argument("-o", "--output", metavar="FILE.xlsx",
                        help="write the glossary workbook here (Terms with filters and status drop-down, Evidence)")
    parser.add_argument("--tbx", metavar="FILE", help="also write TBX v3 (TBX-Basic) for CAT tools")
    parser.add_argument("--csv", metavar="FILE", help="also write CSV (UTF-8 with BOM)")
    parser.add_argument("--store", metavar="TSV",
                        help="curated glossary to merge the build into and rewrite (e.g. glossary/glossary.tsv); "
                        "for 'import', the store to update (default glossary/glossary.tsv)")
    parser.add_argument("--min-confidence", type=float, default=None, metavar="P",
                        help="entries below this confidence (0-1) go to the workbook's Candidates sheet, not the "
                        "Terms sheet, CSV or TBX (default 0.8: entries at 0.8 or above were right 95%% of the time "
                        "on judged NTREX entries)")
    parser.add_argument("--candidates", action="store_true",
                        help="also write the lower-confidence candidates into the CSV and TBX")
    add_nlp_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.inputs[0] == "import" and not Path("import").exists():
        if len(args.inputs) != 2:
            raise UshtilError("usage: ushtil glossary import EDITED.xlsx [--store glossary/glossary.tsv]")
        return import_workbook(args.inputs[1], args.store)
    return build(args.inputs, output=args.output, tbx=args.tbx, csv=args.csv, store=args.store, nlp=args.nlp,
                 min_confidence=args.min_confidence, candidates=args.candidates)


def build(inputs: list[str], *, output: str | None, tbx: str | None, csv: str | None, store: str | None,
          nlp: str, min_confidence: float | None, candidates: bool = False) -> int:
    from ..export.glossary_base import exporter_for
    from ..glossary import build_glossary, save_glossary
    from ..glossary.build import TERMS_THRESHOLD

    targets = [path for path in (output, tbx, csv) if path]
    exporters = [(path, exporter_for(path)) for path in targets]
    if not exporters and not store:
        raise UshtilError("nothing to write: give -o FILE.xlsx, --tbx, --csv or --store")
    existing = store if store and Path(store).exists() else None
    glossary = build_glossary(
        inputs, existing=existing, nlp=nlp,
        threshold=TERMS_THRESHOLD if min_confidence is None else min_confidence,
        progress=lambda items, total: progress(items, total, "reading and aligning"),
    )
    if store:
        save_glossary(glossary, store)
    for path, exporter in exporters:
        whole = candidates and not path.endswith(".xlsx")  # the workbook has its own Candidates sheet
        exporter.write(glossary.with_candidates() if whole else glossary, path)
    print(glossary.summary(), file=sys.stderr)
    written = [f"{exporter.name} {path}" for path, exporter in exporters] + ([f"store {store}"] if store else [])
    print("written: " + ", ".join(written), file=sys.stderr)
    return 0


def import_workbook(workbook: str, store: str | None) -> int:
    from ..export.glossary_workbook import import_glossary_workbook
    from ..glossary import DEFAULT_STORE

    target = store or str(DEFAULT_STORE)
    result = import_glossary_workbook(workbook, target)
    print(f"{Path(workbook).name} → {target}: {result.summary()}", file=sys.stderr)
    return 0
