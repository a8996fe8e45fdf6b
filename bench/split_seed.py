"""Sentence-boundary precision/recall on the hand-checked seed gold (tests/gold/).

Usage: python bench/split_seed.py [--stanza]

Each gold paragraph is joined with spaces, split again, and its boundaries compared with the gold.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from boundaries import BoundaryScore

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ushtil.split import split_sentences  # noqa: E402

GOLD = ROOT / "tests" / "gold"
SETS = [("seed abstract", f"seed_abstract.{lang}.txt", lang) for lang in ("en", "kk", "ru")] + [
    ("seed body", "seed_body.en.txt", "en")
]


def gold_paragraphs(path: Path) -> list[list[str]]:
    return [block.split("\n") for block in path.read_text(encoding="utf-8").strip().split("\n\n")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stanza", action="store_true", help="also score the stanza backend")
    args = parser.parse_args()
    backends = ["builtin", "stanza"] if args.stanza else ["builtin"]
    print(f"{'set':<14} {'lang':<4} {'backend':<8} {'sent.':>5} {'P':>6} {'R':>6} {'F1':>6} {'ms':>7}")
    for name, filename, lang in SETS:
        paragraphs = gold_paragraphs(GOLD / filename)
        for backend in backends:
            score = BoundaryScore()
            start = time.perf_counter()
            for sentences in paragraphs:
                score.add(sentences, split_sentences(" ".join(sentences), lang, backend))
            elapsed = (time.perf_counter() - start) * 1000
            count = sum(map(len, paragraphs))
            print(f"{name:<14} {lang:<4} {backend:<8} {count:>5} {score.precision:>6.3f} "
                  f"{score.recall:>6.3f} {score.f1:>6.3f} {elapsed:>7.1f}")


if __name__ == "__main__":
    main()
