"""Character-length ratios of translations (kk/en, ru/en, ru/kk) on the NTREX gold triples.

Measures the mean and spread (standard deviation) of log(len(target) / len(source)) over gold beads
with one sentence per language and writes them into the target language's record
(``[length_ratio.SOURCE]`` in ``src/ushtil/langs/data/TARGET.toml``), which the aligner's length
evidence and the length check both read (``ushtil.langs.length_ratio``).

    python bench/length_ratio_stats.py [../shared/bench/ntrex-dev] [--dry-run]
"""

from __future__ import annotations

import json
import math
import re
import statistics
import sys
from pathlib import Path

from ushtil.langs import LANGUAGE_PAIRS

RECORDS = Path(__file__).resolve().parents[1] / "src" / "ushtil" / "langs" / "data"
#: One table per measured pair; the comment above the first says where the numbers come from.
_TABLES = re.compile(
    r"(?:# Length of this language's translations.*\n(?:#.*\n)*)?(?:\[length_ratio\.\w+\]\n(?:\w+ = .*\n)*)+"
)


def measure(folder: Path) -> tuple[int, dict[tuple[str, str], tuple[float, float]]]:
    """(one-to-one beads, (target, source) → (mean, spread)) over the gold triples of ``folder``."""
    pairs = [(b, a) for a, b in LANGUAGE_PAIRS]  # the later language of the registry is the target
    ratios: dict[tuple[str, str], list[float]] = {pair: [] for pair in pairs}
    for gold in sorted(folder.glob("*.gold.jsonl")):
        case = gold.name.removesuffix(".gold.jsonl")
        lines = {lang: (folder / f"{case}.{lang}.txt").read_text(encoding="utf-8").splitlines()
                 for lang in ("en", "kk", "ru")}
        for row in gold.read_text(encoding="utf-8").splitlines():
            bead = json.loads(row)
            if any(len(bead[lang]) != 1 for lang in lines):
                continue
            sizes = {lang: len(lines[lang][bead[lang][0]]) for lang in lines}
            for target, source in pairs:
                ratios[(target, source)].append(math.log(sizes[target] / sizes[source]))
    count = len(ratios[pairs[0]])
    return count, {pair: (statistics.fmean(v), statistics.stdev(v)) for pair, v in ratios.items()}


def main(argv: list[str]) -> int:
    dry_run = "--dry-run" in argv
    argv = [arg for arg in argv if arg != "--dry-run"]
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "shared" / "bench" / "ntrex-dev"
    count, stats = measure(folder)
    for target in sorted({target for target, _ in stats}):
        lines = [
            "# Length of this language's translations against another's: mean and spread (standard deviation)",
            f"# of log(characters here / characters there) over {count} one-to-one sentence triples of",
            f"# {folder.name} (NTREX-128, CC BY-SA 4.0), written by bench/length_ratio_stats.py.",
        ]
        for (t, source), (mean, spread) in stats.items():
            if t == target:
                lines += [f"[length_ratio.{source}]", f"mean = {mean:.4f}", f"spread = {spread:.4f}"]
        block = "\n".join(lines) + "\n"
        print(block)
        if dry_run:
            continue
        path = RECORDS / f"{target}.toml"
        text = path.read_text(encoding="utf-8")
        found = _TABLES.search(text)
        text = text[: found.start()] + block + text[found.end() :] if found else text.rstrip() + "\n\n" + block
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
