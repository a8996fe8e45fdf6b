"""Benchmark: the ushtil aligner against NLTK's Gale-Church on the NTREX en/kk/ru dev cases.

usage: python bench/align_ntrex.py [--cases DIR] [--keep OUTDIR]

Aligns ../shared/bench/ntrex-dev with ushtil on both tracks (pre-segmented lines, and raw
paragraphs split by the built-in splitter) and, as a peer, with NLTK Gale-Church (character
lengths, pairwise en-kk and en-ru, merged into three-way beads by
../shared/bench/merge_pairwise.py --pivot-only), scores everything with
../shared/bench/score_alignment.py and prints one table: link / strict / null F1 per pair and
sentences per second (all three languages' sentences over the alignment time, one process).
A last row scores a perfect sentence aligner on the raw track (:func:`raw_track_ceiling`).
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ntrex_cases import DEV_DIR, LANGS, case_names
from ushtil.aligner import align_corpus, write_alignment
from ushtil.read.triples import Triple, read_triple

SHARED_BENCH = DEV_DIR.parent
PAIRS = ("en-kk", "en-ru", "kk-ru")


def align_ushtil(cases: Path, names: list[str], out: Path, raw: bool) -> tuple[float, int]:
    """Align every case with ushtil into ``out``; (seconds, sentences aligned)."""
    folder = cases
    if raw:  # the scorer's recipe: copy CASE.raw.LANG.txt to CASE.LANG.txt in a scratch folder
        folder = out / "input"
        folder.mkdir(parents=True)
        for name in names:
            for lang in LANGS:
                shutil.copy(cases / f"{name}.raw.{lang}.txt", folder / f"{name}.{lang}.txt")
    start = time.perf_counter()
    sources = [
        (name, read_triple(Triple(name, {lang: folder / f"{name}.{lang}.txt" for lang in LANGS}), not raw))
        for name in names
    ]
    alignments = align_corpus(sources)
    seconds = time.perf_counter() - start
    for alignment in alignments:
        write_alignment(alignment, out / f"{alignment.name}.alignment.jsonl")
    sentences = sum(len(alignment.sentences[lang]) for alignment in alignments for lang in LANGS)
    return seconds, sentences


def align_gale_church(cases: Path, names: list[str], out: Path) -> tuple[float, int]:
    """NLTK Gale-Church on character lengths, pairwise, merged with English as the pivot."""
    from nltk.translate.gale_church import align_blocks

    pairwise = out / "pairwise"
    seconds = 0.0
    sentences = 0
    for a, b in (("en", "kk"), ("en", "ru")):
        (pairwise / f"{a}-{b}").mkdir(parents=True)
        for name in names:
            lines_a = (cases / f"{name}.{a}.txt").read_text(encoding="utf-8").splitlines()
            lines_b = (cases / f"{name}.{b}.txt").read_text(encoding="utf-8").splitlines()
            start = time.perf_counter()
            links = align_blocks([len(x) for x in lines_a], [len(x) for x in lines_b])
            seconds += time.perf_counter() - start
            sentences += len(lines_a) + len(lines_b)
            with open(pairwise / f"{a}-{b}" / f"{name}.alignment.jsonl", "w", encoding="utf-8") as handle:
                for i, j in links:
                    handle.write(json.dumps({a: [i], b: [j]}) + "\n")
    subprocess.run(
        [sys.executable, str(SHARED_BENCH / "merge_pairwise.py"), str(pairwise), str(cases), str(out / "merged"),
         "--pivot-only"],
        check=True,
    )
    return seconds, sentences


def raw_track_ceiling(cases: Path, names: list[str], out: Path) -> None:
    """What a perfect sentence aligner scores on the raw track: every sentence of the original
    documents found and aligned one to one (``manifest.json`` says which were deleted or merged).

    In raw text a merged line is two ordinary sentences (a merge and a line end are both a single
    space), so even this aligner cuts each merged line in two; the scorer gives the line to one
    bead (here: its first sentence's) and the other sentence's links are lost. The row shows how
    far the raw track's link F1 can go without guessing where the invisible merges were."""
    listed = json.loads((cases / "manifest.json").read_text(encoding="utf-8"))["cases"]
    manifest = {case["case"]: case for case in listed}
    out.mkdir(parents=True)
    for name in names:
        case = manifest[name]
        deletion = case["deletion"] or {}
        line_of: dict[str, dict[int, int]] = {}
        for lang in LANGS:
            # a deleted sentence has no line; the second sentence of a merged line shares the first's
            no_line = set(deletion["gold_positions"]) if deletion.get("lang") == lang else set()
            no_line |= {second for _, second in case["merges"][lang]}
            opening = [s for s in range(case["n_gold"]) if s not in no_line]
            line_of[lang] = {sentence: line for line, sentence in enumerate(opening)}
        beads = [
            {lang: [line_of[lang][s]] if s in line_of[lang] else [] for lang in LANGS} for s in range(case["n_gold"])
        ]
        rows = [json.dumps(bead) for bead in beads if any(bead.values())]
        (out / f"{name}.alignment.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")


def score(cases: Path, predictions: Path, raw: bool) -> dict:
    command = [sys.executable, str(SHARED_BENCH / "score_alignment.py"), str(cases), str(predictions), "--json"]
    if raw:
        command.append("--raw")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 2) or not done.stdout.strip():
        raise SystemExit(f"scorer failed: {done.stderr.strip()[:500]}")
    return json.loads(done.stdout)


SCORE_BINS = (0.0, 0.5, 0.7, 0.85, 1.01)


def calibration(cases: Path, names: list[str], predictions: Path) -> str:
    """Share of predicted beads that are exactly a gold bead, per score bin: low scores should
    mark the doubtful beads."""
    counts = [[0, 0] for _ in SCORE_BINS[1:]]
    for name in names:
        gold = {
            tuple(tuple(bead[lang]) for lang in LANGS)
            for bead in map(json.loads, (cases / f"{name}.gold.jsonl").read_text(encoding="utf-8").splitlines())
        }
        for line in (predictions / f"{name}.alignment.jsonl").read_text(encoding="utf-8").splitlines():
            bead = json.loads(line)
            slot = next(i for i, high in enumerate(SCORE_BINS[1:]) if bead["score"] < high)
            counts[slot][0] += tuple(tuple(bead[lang]) for lang in LANGS) in gold
            counts[slot][1] += 1
    cells = [
        f"{low:.2f}-{min(high, 1.0):.2f}: {right / total:.2f} of {total}" if total else f"{low:.2f}-{high:.2f}: -"
        for (low, high), (right, total) in zip(itertools.pairwise(SCORE_BINS), counts, strict=True)
    ]
    return "bead score calibration (pre-segmented; share of beads exactly right): " + " | ".join(cells)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark ushtil's aligner on NTREX en/kk/ru.")
    parser.add_argument("--cases", type=Path, default=DEV_DIR, help="folder of NTREX cases (default: dev split)")
    parser.add_argument("--keep", type=Path, help="keep the predictions in this folder")
    args = parser.parse_args(argv)
    names = case_names(args.cases)
    if not names:
        raise SystemExit(f"{args.cases}: no *.gold.jsonl cases")
    work = args.keep or Path(tempfile.mkdtemp(prefix="ushtil-bench-"))
    rows = []
    for label, raw in (("ushtil pre-segmented", False), ("ushtil raw text", True)):
        out = work / ("raw" if raw else "presegmented")
        seconds, sentences = align_ushtil(args.cases, names, out, raw)
        rows.append((label, score(args.cases, out, raw), sentences / seconds))
    out = work / "gale-church"
    seconds, sentences = align_gale_church(args.cases, names, out)
    rows.append(("NLTK Gale-Church (pivot en)", score(args.cases, out / "merged", False), sentences / seconds))
    if (args.cases / "manifest.json").exists():
        raw_track_ceiling(args.cases, names, work / "ceiling")
        rows.append(("perfect sentence aligner, raw", score(args.cases, work / "ceiling", False), None))
    print(f"NTREX {args.cases.name}: {len(names)} cases; F1 link / strict / null per pair")
    header = f"{'system':<29}" + "".join(f" | {pair:^20}" for pair in PAIRS) + f" | {'ALL':^20} | sent/s"
    print(header)
    print("-" * len(header))
    for label, result, speed in rows:
        cells = []
        for pair in PAIRS:
            metrics = result["pairs"][pair]
            cells.append("/".join(f"{metrics[m]['f1']:.3f}" for m in ("link", "strict", "null")))
        total = result["ALL"]
        cells.append("/".join(f"{total[f'{m}_F1']:.3f}" for m in ("link", "strict", "null")))
        speed_cell = f"{speed:6.0f}" if speed else f"{'-':>6}"
        print(f"{label:<29}" + "".join(f" | {cell:^20}" for cell in cells) + f" | {speed_cell}")
    print(calibration(args.cases, names, work / "presegmented"))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
