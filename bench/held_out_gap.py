"""The long-gap row held out: each third of the NTREX dev cases concatenated into one text with a run of
60 Kazakh sentences dropped, aligned with the weights fitted without those cases.

usage: python bench/held_out_gap.py FOLDS_DIR [--keep OUT]

``FOLDS_DIR`` holds a cross-validated run's ``fold0.weights.toml`` … ``fold2.weights.toml`` (the
``folds`` folder that ``bench/align_ntrex.py --folds-only --keep OUT`` leaves). The long-gap row of
``align_ntrex.py`` concatenates every dev case and aligns it with the shipped weights, fitted on those
same cases: an in-sample figure, which favours a fit that learned its cases. Prints, per third:
link / strict / null F1 per pair, how many of the gap's English sentences come out ``missing:kk``,
and how many sentences are called missing in Kazakh that the gold has not missing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import tomllib
from pathlib import Path

from align_ntrex import PAIRS, concatenated, score
from ntrex_cases import DEV_DIR, LANGS, case_names, fold_of
from ushtil.aligner import AlignOptions, align_corpus, write_alignment
from ushtil.aligner.scoring import settings_from_dict
from ushtil.read.triples import Triple, read_triple
from ushtil.split import split_triple

NAME = "long"


def held_out_gap(folds: Path, fold: int, out: Path) -> str:
    """One third's row: its cases concatenated with the gap, aligned with the weights of ``fold``."""
    names = [name for name in case_names() if fold_of(name) == fold]
    first, last, _ = concatenated(DEV_DIR, names, 0, out, NAME)
    settings = settings_from_dict(tomllib.loads((folds / f"fold{fold}.weights.toml").read_text(encoding="utf-8")))
    triple = Triple(NAME, {lang: out / f"{NAME}.{lang}.txt" for lang in LANGS})
    (alignment,) = align_corpus([(NAME, split_triple(read_triple(triple), presegmented=True))],
                                options=AlignOptions(settings)).alignments
    predictions = out / "out"
    predictions.mkdir(exist_ok=True)
    write_alignment(alignment, predictions / f"{NAME}.alignment.jsonl")
    result = score(out, predictions)
    gold = [json.loads(line) for line in (out / f"{NAME}.gold.jsonl").read_text(encoding="utf-8").splitlines()]
    missing = [i for bead in alignment.beads if not bead.sentences["kk"] for i in bead.sentences["en"]]
    inside = sum(first <= i <= last for i in missing)
    spurious = set(missing) - {i for bead in gold if not bead["kk"] for i in bead["en"]}
    cells = " | ".join("/".join(f"{result['pairs'][pair][metric]['f1']:.3f}" for metric in ("link", "strict", "null"))
                       for pair in PAIRS)
    return (f"fold {fold} ({len(names)} cases): {cells} | gap en {first}-{last}: {inside} of {last - first + 1} "
            f"missing:kk, {len(spurious)} called missing that the gold has not")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folds", type=Path, help="folder of fold0..2.weights.toml (a CV run's folds/)")
    parser.add_argument("--keep", type=Path, help="keep the texts and predictions in this folder")
    args = parser.parse_args(argv)
    missing = [name for name in (f"fold{fold}.weights.toml" for fold in range(3)) if not (args.folds / name).is_file()]
    if missing:
        print(f"held_out_gap.py: {args.folds}: no {', '.join(missing)}", file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="ushtil-gap-"))
    print(f"held-out long gap; F1 link / strict / null: {' | '.join(PAIRS)}")
    for fold in range(3):
        print(held_out_gap(args.folds, fold, work / f"fold{fold}"))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
