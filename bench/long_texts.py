"""Benchmark: the aligner on long texts, at several lengths, and on long missing passages.

usage: python bench/long_texts.py [--cases DIR] [--lines N ...] [--gaps LINES:GAP ...] [--two-pages LINES ...]
                                 [--keep DIR]

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
  consecutive beads (1: one gap, in one place), and the missing English lines outside it;
* the two-page rows (``--two-pages LINES``): a page dropped from Kazakh early on and another from
  English later (:data:`TWO_PAGES` sentences each), so the texts are about as long while their
  sentences between the pages lie a page apart: where each page went.

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


def gap_found(predicted: list[dict], gap: tuple[int, int], lang: str = "kk", witness: str = "en") -> str:
    """Where a run dropped from ``lang`` went (``gap``: its first and last line in ``witness``): the
    gap's ``witness`` lines in beads without ``lang``, the runs of consecutive such beads that hold
    them (a bead with a ``lang`` sentence ends a run), and the ``witness`` lines in those runs but
    outside the gap."""
    missing = [not bead[lang] for bead in predicted]
    inside = [missing[b] and any(gap[0] <= i <= gap[1] for i in bead[witness]) for b, bead in enumerate(predicted)]
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
        outside += sum(not gap[0] <= i <= gap[1] for bead in predicted[first:b] for i in bead[witness])
    found = sum(gap[0] <= i <= gap[1] for b, bead in enumerate(predicted) if inside[b] for i in bead[witness])
    return f"{found} of {gap[1] - gap[0] + 1} in {runs} run{'s' if runs != 1 else ''}, {outside} outside"


def drop_run(folder: Path, name: str, lang: str, witness: str, at: float, count: int) -> tuple[int, int]:
    """Drop ``count`` sentences of ``lang`` from the text ``name`` in ``folder`` (and its gold): those
    of the gold beads from the share ``at`` of them on, the beads keeping their other languages. (The
    first and last ``witness`` line of the dropped beads.)"""
    gold = [json.loads(line) for line in (folder / f"{name}.gold.jsonl").read_text(encoding="utf-8").splitlines()]
    first = last = int(at * len(gold))
    dropped: set[int] = set()
    while len(dropped) < count:
        dropped.update(gold[last][lang])
        last += 1
    lines = (folder / f"{name}.{lang}.txt").read_text(encoding="utf-8").splitlines()
    kept = [i for i in range(len(lines)) if i not in dropped]
    number = {old: new for new, old in enumerate(kept)}
    (folder / f"{name}.{lang}.txt").write_text("\n".join(lines[i] for i in kept) + "\n", encoding="utf-8")
    gold = [{**bead, lang: [number[i] for i in bead[lang] if i in number]} for bead in gold]
    gold = [bead for bead in gold if any(bead.values())]
    (folder / f"{name}.gold.jsonl").write_text("\n".join(json.dumps(b) for b in gold) + "\n", encoding="utf-8")
    span = [i for bead in gold[first:last] for i in bead[witness]]
    return min(span), max(span)


#: The two-page rows: Kazakh lacks this many sentences after 15 % of the text and English as many
#: after 60 %, so the texts are about as long, but in between the Kazakh sentences lie a page
#: before their English ones.
TWO_PAGES = 150


def measure(cases: Path, names: list[str], lines: int, gap: int, at: float, folder: Path,
            two_pages: bool = False) -> dict:
    """Write the text, align it in a child process, score it: one row of the table."""
    if two_pages:
        first, last, _ = concatenated(cases, names, lines, folder, "long", TWO_PAGES, 0.15)
        english = drop_run(folder, "long", "en", "ru", 0.6, TWO_PAGES)
    else:
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
    found = gap_found(predicted, (first, last))
    if two_pages:  # the English page is a gap in English, seen from Russian
        found = f"kk: {found}; en (ru lines): {gap_found(predicted, english, 'en', 'ru')}"
    size = len((folder / "long.en.txt").read_text(encoding="utf-8").splitlines())
    total = score(folder, out)["ALL"]
    return {
        "lines": size, "seconds": measured["seconds"], "cpu": cpu, "rss_mb": measured["rss_mb"],
        "f1": "/".join(f"{total[f'{m}_F1']:.3f}" for m in ("link", "strict", "null")), "found": found,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="The aligner on long texts: time, memory, accuracy, long gaps.")
    parser.add_argument("--cases", type=Path, default=DEV_DIR, help="folder of NTREX cases (default: dev split)")
    parser.add_argument("--lines", type=int, nargs="*", default=list(LENGTHS), help="English lines of the length rows")
    parser.add_argument("--gaps", nargs="*", default=[f"{n}:{g}" for n, g in GAPS], metavar="LINES:GAP",
                        help="gap rows: LINES English lines, GAP Kazakh sentences dropped from the middle")
    parser.add_argument("--two-pages", type=int, nargs="*", default=[0, 10_000], metavar="LINES",
                        help=f"two-page rows: {TWO_PAGES} Kazakh sentences dropped after 15 %% of LINES English "
                             f"lines (0: every case once) and {TWO_PAGES} English ones after 60 %%")
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
    rows = ([(lines, 60, 0.4, False) for lines in args.lines] + [(lines, gap, 0.5, False) for lines, gap in gaps]
            + [(lines, TWO_PAGES, 0.15, True) for lines in args.two_pages])
    header = (f"{'en lines':>8} | {'dropped':>15} | {'seconds':>7} | {'CPU s':>6} | {'peak RSS MB':>11} | "
              f"{'KB/line':>7} | {'F1 link/strict/null':^19} | gap lines found as missing:kk")
    print(header)
    print("-" * len(header))
    for lines, gap, at, two in rows:
        row = measure(args.cases, names, lines, gap, at, work / f"long{lines}-{gap}-{int(100 * at)}", two)
        per_line = 1024 * row["rss_mb"] / row["lines"]
        dropped = f"kk {gap}, en {gap}" if two else f"kk {gap} at {int(100 * at)} %"
        print(f"{row['lines']:>8} | {dropped:>15} | {row['seconds']:>7.1f} | {row['cpu']:>6.1f} | "
              f"{row['rss_mb']:>11.0f} | {per_line:>7.1f} | {row['f1']:^19} | {row['found']}", flush=True)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
