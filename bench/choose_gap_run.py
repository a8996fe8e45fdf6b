"""Choose the gap-run prior on long texts made of some NTREX dev cases, report it on the others.

usage: python bench/choose_gap_run.py [--values B ...] [--shares S ...] [--keep DIR]

``gap_run`` (``aligner/data/weights.toml``) is a term of the path that no bead of the dev cases shows
(they have no page-long gaps), so ``fit_align_weights.py`` cannot fit it. Here the dev cases are cut
in two halves (by name, alternately); each half, twice over, makes long texts with a page of
:data:`PAGE` sentences dropped from English, Kazakh or Russian at each of ``--shares``. Every value
is tried on the first half's texts (choice: most pages whose lines come out in one run of beads
lacking the language, then most pages that come out as exactly that run, the gold's own beads
lacking the language next to the page included, then the best strict F1), and the chosen
value and the shipped one are then run on the second half's texts, which the choice never saw.
The pair weights were fitted on all dev cases, so only the choice of ``gap_run`` is held out.
One table per half: per value, pages in one run and exactly, the page lines found missing, lines
called missing outside them, and link / strict / null F1 over all texts (the three pairs pooled).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from align_ntrex import score
from long_texts import drop_run
from ntrex_cases import DEV_DIR, LANGS, case_names, read_case
from ushtil.aligner import AlignOptions, align_corpus, write_alignment
from ushtil.aligner.scoring import default_settings

#: Sentences dropped from one language: a page.
PAGE = 60
VALUES = (1.0, 2.0, 3.0, 4.0, 5.0)
SHARES = (0.3, 0.7)


def build(folder: Path, names: list[str], lang: str, share: float) -> tuple[str, set[int]]:
    """Write the cases ``names`` twice over as one text "long" with a page dropped from ``lang`` at
    ``share``: (the language that witnesses the page, its lines in the gold's run of beads lacking
    ``lang`` that holds the page)."""
    texts = {other: [] for other in LANGS}
    gold = []
    for name in names * 2:
        case = read_case(name, DEV_DIR)
        offsets = {other: len(texts[other]) for other in LANGS}
        for other in LANGS:
            texts[other] += case.lines[other]
        gold += [{other: [offsets[other] + i for i in bead[other]] for other in LANGS} for bead in case.gold]
    folder.mkdir(parents=True, exist_ok=True)
    for other in LANGS:
        (folder / f"long.{other}.txt").write_text("\n".join(texts[other]) + "\n", encoding="utf-8")
    (folder / "long.gold.jsonl").write_text("\n".join(json.dumps(bead) for bead in gold) + "\n", encoding="utf-8")
    witness = "ru" if lang == "en" else "en"
    first, last = drop_run(folder, "long", lang, witness, share, PAGE)
    gold = [json.loads(line) for line in (folder / "long.gold.jsonl").read_text(encoding="utf-8").splitlines()]
    lacking = [not bead[lang] for bead in gold]
    inside = [b for b, bead in enumerate(gold) if lacking[b] and any(first <= i <= last for i in bead[witness])]
    low, high = inside[0], inside[-1]
    while low > 0 and lacking[low - 1]:
        low -= 1
    while high + 1 < len(gold) and lacking[high + 1]:
        high += 1
    return witness, {i for bead in gold[low: high + 1] for i in bead[witness]}


def runs_holding(predicted: list[dict], lang: str, witness: str, page: set[int]) -> list[set[int]]:
    """The ``witness`` lines of each run of consecutive beads without ``lang`` that holds page lines."""
    runs, current = [], None
    for bead in [*predicted, {lang: [0]}]:
        if not bead[lang]:
            current = (current or set()) | set(bead[witness])
        elif current is not None:
            runs.append(current)
            current = None
    return [run for run in runs if run & page]


def measure(folder: Path, names: list[str], value: float, shares: tuple[float, ...]) -> dict:
    """Align every text of one half with ``gap_run = value``: one row of the table."""
    settings = default_settings()
    options = AlignOptions(settings=replace(settings, priors=replace(settings.priors, gap_run=value)))
    one_run = exact = found = outside = pages = 0
    scored = folder / "scored"
    shutil.rmtree(scored, ignore_errors=True)
    predictions = scored / "out"
    predictions.mkdir(parents=True)
    for lang in LANGS:
        for share in shares:
            text = folder / f"{lang}-{share}"
            witness, page = build(text, names, lang, share)
            lines = {other: (text / f"long.{other}.txt").read_text(encoding="utf-8").splitlines() for other in LANGS}
            (alignment,) = align_corpus([("long", lines)], options=options).alignments
            name = f"{lang}{int(100 * share)}"
            write_alignment(alignment, predictions / f"{name}.alignment.jsonl")
            for other in LANGS:
                shutil.copy(text / f"long.{other}.txt", scored / f"{name}.{other}.txt")
            shutil.copy(text / "long.gold.jsonl", scored / f"{name}.gold.jsonl")
            predicted = [{other: bead.sentences[other] for other in LANGS} for bead in alignment.beads]
            runs = runs_holding(predicted, lang, witness, page)
            held = set().union(*runs) if runs else set()
            pages += 1
            one_run += len(runs) == 1
            exact += runs == [page]
            found += len(held & page)
            outside += len(held - page)
    total = score(scored, predictions)["ALL"]
    return {"one_run": one_run, "exact": exact, "pages": pages, "found": found, "outside": outside,
            "f1": tuple(total[f"{m}_F1"] for m in ("link", "strict", "null"))}


def table(title: str, rows: dict[float, dict]) -> None:
    print(title)
    print(f"{'gap_run':>7} | {'pages in one run':>16} | {'exactly':>7} | {'page lines found':>16} | {'outside':>7} | "
          "link / strict / null F1")
    for value, row in rows.items():
        print(f"{value:>7.1f} | {row['one_run']:>9} of {row['pages']:<4} | {row['exact']:>7} | {row['found']:>16} | "
              f"{row['outside']:>7} | "
              + " / ".join(f"{f:.3f}" for f in row["f1"]), flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Choose gap_run on half the dev cases, report on the other half.")
    parser.add_argument("--values", type=float, nargs="+", default=list(VALUES), help="gap_run values to try")
    parser.add_argument("--shares", type=float, nargs="+", default=list(SHARES), help="where the pages are dropped")
    parser.add_argument("--keep", type=Path, help="keep the texts and alignments in this folder")
    args = parser.parse_args(argv)
    names = case_names(DEV_DIR)
    halves = (names[0::2], names[1::2])
    work = args.keep or Path(tempfile.mkdtemp(prefix="ushtil-gap-run-"))
    shares = tuple(args.shares)
    chosen_rows = {value: measure(work / "choose", halves[0], value, shares) for value in args.values}
    table(f"choice: {len(halves[0])} cases, twice over, a page of {PAGE} dropped from en/kk/ru at {shares}",
          chosen_rows)
    best = max(chosen_rows, key=lambda value: (chosen_rows[value]["one_run"], chosen_rows[value]["exact"],
                                                chosen_rows[value]["f1"][1]))
    shipped = default_settings().priors.gap_run
    report = {value: measure(work / "report", halves[1], value, shares) for value in sorted({best, shipped})}
    table(f"report: the other {len(halves[1])} cases (chosen {best:.1f}, shipped {shipped:.1f})", report)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
