"""Benchmark: the aligner on long texts, at several lengths, and on long missing passages.

usage: python bench/long_texts.py [--cases DIR] [--lines N ...] [--gaps LINES:GAP ...] [--keep DIR]

The NTREX dev cases are concatenated into one pre-segmented triple (repeated until English has N
lines), and a run of Kazakh sentences is dropped from it (``align_ntrex.concatenated``). Each text is
aligned by ``align_corpus`` (both passes) in a child process of its own, so the time and the peak
memory (RSS) are the text's alone (with the child's CPU seconds beside the wall-clock ones: on a
shared machine they say more). One table, a row per text:

* the length rows (``--lines``, a 60-sentence run dropped after 40 % of the text, as in
  ``align_ntrex.py``'s long rows): seconds, peak RSS and RSS per English line (constant when memory
  is linear in the length), link / strict / null F1 over the three pairs;
* the gap rows (``--gaps LINES:GAP``, the run dropped from the middle): the same, and where the gap
  went: how many of its English lines came out in ``missing:kk`` beads, in how many runs of
  consecutive beads (1: one gap, in one place), and the missing English lines outside it.

Run it with the tree to measure on ``PYTHONPATH`` (the child processes inherit it), e.g. the main
checkout's for a comparison in the same session.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from align_ntrex import _CHILD, concatenated, score
from ntrex_cases import DEV_DIR, case_names

LENGTHS = (1250, 2500, 5000, 10_000, 20_000)
GAPS = ((1000, 60), (1000, 120), (10_000, 60), (10_000, 120))


def gap_found(predicted: list[dict], gap: tuple[int, int]) -> tuple[int, int, int]:
    """The gap's English lines in ``missing:kk`` beads, the runs of consecutive such beads that hold
    them (a bead with a Kazakh sentence ends a run), and the English lines in those runs but
    outside the gap."""
    missing = [not bead["kk"] for bead in predicted]
    inside = [missing[b] and any(gap[0] <= i <= gap[1] for i in bead["en"]) for b, bead in enumerate(predicted)]
    runs, outside, b = 0, 0, 0
    while b < len(predicted):
        if not inside[b]:
            b += 1
            continue
        runs += 1
        first = b
        while first > 0 and missing[first - 1]:
            first -= 1
        while b < len(predicted) and missing[b]:
            b += 1
        outside += sum(not gap[0] <= i <= gap[1] for bead in predicted[first:b] for i in bead["en"])
    found = sum(gap[0] <= i <= gap[1] for bead, hit in zip(predicted, inside, strict=True) if hit for i in bead["en"])
    return found, runs, outside


def measure(cases: Path, names: list[str], lines: int, gap: int, at: float, folder: Path) -> dict:
    """Write the text, align it in a child process, score it: one row of the table."""
    first, last, _ = concatenated(cases, names, lines, folder, "long", gap, at)
    out = folder / "out"
    out.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-c", _CHILD, str(folder), "long", str(out)],
                          capture_output=True, text=True, check=True)
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    predicted = [json.loads(line) for line in (out / "long.alignment.jsonl").read_text().splitlines()]
    found, runs, outside = gap_found(predicted, (first, last))
    size = len((folder / "long.en.txt").read_text(encoding="utf-8").splitlines())
    total = score(folder, out)["ALL"]
    return {
        "lines": size, "gap": gap, "at": at, "seconds": measured["seconds"], "cpu": cpu, "rss_mb": measured["rss_mb"],
        "f1": "/".join(f"{total[f'{m}_F1']:.3f}" for m in ("link", "strict", "null")),
        "found": f"{found} of {last - first + 1} in {runs} run{'s' if runs != 1 else ''}, {outside} outside",
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="The aligner on long texts: time, memory, accuracy, long gaps.")
    parser.add_argument("--cases", type=Path, default=DEV_DIR, help="folder of NTREX cases (default: dev split)")
    parser.add_argument("--lines", type=int, nargs="*", default=list(LENGTHS), help="English lines of the length rows")
    parser.add_argument("--gaps", nargs="*", default=[f"{n}:{g}" for n, g in GAPS], metavar="LINES:GAP",
                        help="gap rows: LINES English lines, GAP Kazakh sentences dropped from the middle")
    parser.add_argument("--keep", type=Path, help="keep the texts and alignments in this folder")
    args = parser.parse_args(argv)
    names = case_names(args.cases)
    if not names:
        raise SystemExit(f"{args.cases}: no *.gold.jsonl cases")
    try:
        gaps = [tuple(int(x) for x in item.split(":")) for item in args.gaps]
    except ValueError:
        raise SystemExit("--gaps: give LINES:GAP, e.g. 1000:60") from None
    work = args.keep or Path(tempfile.mkdtemp(prefix="ushtil-long-"))
    rows = [(lines, 60, 0.4) for lines in args.lines] + [(lines, gap, 0.5) for lines, gap in gaps]
    header = (f"{'en lines':>8} | {'kk gap':>11} | {'seconds':>7} | {'CPU s':>6} | {'peak RSS MB':>11} | "
              f"{'KB/line':>7} | {'F1 link/strict/null':^19} | gap lines found as missing:kk")
    print(header)
    print("-" * len(header))
    for lines, gap, at in rows:
        row = measure(args.cases, names, lines, gap, at, work / f"long{lines}-{gap}-{int(100 * at)}")
        per_line = 1024 * row["rss_mb"] / row["lines"]
        print(f"{row['lines']:>8} | {gap:>3} at {int(100 * at):>2} % | {row['seconds']:>7.1f} | {row['cpu']:>6.1f} | "
              f"{row['rss_mb']:>11.0f} | {per_line:>7.1f} | {row['f1']:^19} | {row['found']}", flush=True)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
