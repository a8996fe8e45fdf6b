"""How long the review workbook takes for 1,000 articles: writing it, importing it back, and the TMX.

The articles are real text repeated under new names: the seed article as ``ushtil.align`` aligns it,
and the NTREX en/kk/ru cases of ../shared/bench with their gold beads (news documents, longer than an
abstract). Prints one table; run from the repository root::

    python bench/review_workbook_speed.py [--articles 1000]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ushtil.model import LANGS, Alignment, Bead  # noqa: E402

SEED = ROOT / "corpus" / "004_9d99ed68fdecf78d.txt"
NTREX = ROOT.parent / "shared" / "bench" / "ntrex-dev"


def seed_alignments(count: int) -> list[Alignment]:
    import ushtil

    aligned = ushtil.align(ushtil.read_article(SEED))
    return [_renamed(aligned, f"{aligned.name}-{n:04d}") for n in range(count)]


def ntrex_alignments(count: int) -> list[Alignment]:
    cases = []
    for gold in sorted(NTREX.glob("*.gold.jsonl")):
        name = gold.name[: -len(".gold.jsonl")]
        lines = {lang: (NTREX / f"{name}.{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in LANGS}
        beads = []
        for record in map(json.loads, gold.read_text(encoding="utf-8").splitlines()):
            indices = {lang: record.get(lang, []) for lang in LANGS}
            text = {lang: " ".join(lines[lang][i] for i in indices[lang]) for lang in LANGS}
            lengths = [len(text[lang]) for lang in LANGS if text[lang]]
            score = min(lengths) / max(lengths) if len(lengths) > 1 else 0.1  # a stand-in with a real spread
            flags = [f"missing:{lang}" for lang in LANGS if not indices[lang]]
            beads.append(Bead(sentences=indices, text=text, score=score, flags=flags))
        cases.append(Alignment(name=name, sentences=lines, beads=beads, signature="ntrex gold"))
    return [_renamed(cases[n % len(cases)], f"{cases[n % len(cases)].name}-{n:04d}") for n in range(count)]


def _renamed(alignment: Alignment, name: str) -> Alignment:
    return Alignment(name=name, sentences=alignment.sentences, beads=alignment.beads, signature=alignment.signature)


def measure(label: str, alignments: list[Alignment], folder: Path) -> list[str]:
    from ushtil.export.review_apply import read_review_workbook
    from ushtil.export.review_workbook import write_review_workbook
    from ushtil.export.tmx import write_tmx

    path = folder / f"{label}.xlsx"
    _, *written = _timed(write_review_workbook, alignments, path, signature="bench")
    result, *imported = _timed(read_review_workbook, path)
    _, *tmx = _timed(write_tmx, alignments, folder / f"{label}.tmx", signature="bench")
    beads = sum(len(a.beads) for a in alignments)
    assert sum(len(a.beads) for a in result.alignments) == beads and not result.notes
    return [label, str(len(alignments)), str(beads), f"{path.stat().st_size / 2**20:.1f}", *written, *imported, *tmx]


def _timed(function, *args, **kwargs) -> tuple[object, str, str]:
    """The call's result, its wall-clock and its CPU seconds (CPU time is what a busy shared machine
    inflates least)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, f"{time.perf_counter() - wall:.2f}", f"{time.process_time() - cpu:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles per workbook (default 1000)")
    args = parser.parse_args(argv)
    sources = {"seed article": seed_alignments, "NTREX cases": ntrex_alignments}
    rows = [["articles from", "articles", "beads", "xlsx MB", "write s", "write CPU s", "import s", "import CPU s",
             "TMX s", "TMX CPU s"]]
    with tempfile.TemporaryDirectory() as folder:
        for label, make in sources.items():
            rows.append(measure(label.split()[0], make(args.articles), Path(folder)))
            rows[-1][0] = label
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for number, row in enumerate(rows):
        print("| " + " | ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)) + " |")
        if number == 0:
            print("|" + "|".join("-" * (width + 1) + ":" for width in widths) + "|")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
