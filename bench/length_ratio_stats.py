"""Character-length ratios of translations (kk/en, ru/en, ru/kk) on the NTREX gold triples.

Prints the mean and standard deviation of log(len(target) / len(source)) over gold beads with one
sentence per language, in the TOML form of ``src/ushtil/checks/data/lengths.toml``, from which
``ushtil check`` flags length-ratio outliers.

    python bench/length_ratio_stats.py [../shared/bench/ntrex-dev]
"""

from __future__ import annotations

import json
import math
import statistics
import sys
from pathlib import Path

PAIRS = (("kk", "en"), ("ru", "en"), ("ru", "kk"))


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "shared" / "bench" / "ntrex-dev"
    ratios: dict[tuple[str, str], list[float]] = {pair: [] for pair in PAIRS}
    for gold in sorted(folder.glob("*.gold.jsonl")):
        case = gold.name.removesuffix(".gold.jsonl")
        lines = {lang: (folder / f"{case}.{lang}.txt").read_text(encoding="utf-8").splitlines()
                 for lang in ("en", "kk", "ru")}
        for row in gold.read_text(encoding="utf-8").splitlines():
            bead = json.loads(row)
            if any(len(bead[lang]) != 1 for lang in lines):
                continue
            sizes = {lang: len(lines[lang][bead[lang][0]]) for lang in lines}
            for target, source in PAIRS:
                ratios[(target, source)].append(math.log(sizes[target] / sizes[source]))
    print(f"# {len(ratios[PAIRS[0]])} one-to-one beads from {folder.name}")
    for (target, source), values in ratios.items():
        print(f"[{target}_{source}]")
        print(f"mean = {statistics.fmean(values):.4f}")
        print(f"std = {statistics.stdev(values):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
