"""Glossary benchmark on NTREX dev: the top entries by confidence, and the time of a 1,000-article build.

Each NTREX dev document is treated as one article whose gold lines are its aligned beads. The script
prints the top N entries with one evidence bead each (for a person to judge: right in all three
languages?), then builds a glossary from 1,000 synthetic articles (NTREX documents mixed and
repeated, plus the seed article) on one core and reports the time and peak memory.

    python bench/glossary_ntrex.py [--top 60] [--articles 1000] [--bench-dir ../shared/bench/ntrex-dev]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ushtil import align, read_article  # noqa: E402
from ushtil.glossary import build_glossary  # noqa: E402
from ushtil.model import LANGS, AlignedArticle, Alignment, Bead  # noqa: E402

DEFAULT_BENCH = Path("/work/shared/bench/ntrex-dev")
SEED = ROOT / "corpus" / "004_9d99ed68fdecf78d.txt"


def gold_alignment(bench: Path, case: str) -> Alignment:
    """The gold beads of one NTREX case as an :class:`Alignment` named after the case."""
    lines = {lang: (bench / f"{case}.{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in LANGS}
    beads = []
    for record in map(json.loads, (bench / f"{case}.gold.jsonl").read_text(encoding="utf-8").splitlines()):
        sentences = {lang: list(record[lang]) for lang in LANGS}
        text = {lang: " ".join(lines[lang][i] for i in sentences[lang]) for lang in LANGS}
        beads.append(Bead(sentences=sentences, text=text))
    return Alignment(name=case, sentences=lines, beads=beads, signature="NTREX gold")


def cases(bench: Path) -> list[str]:
    return sorted(path.name.removesuffix(".gold.jsonl") for path in bench.glob("*.gold.jsonl"))


def print_top(glossary, top: int) -> None:
    print("| # | kind | conf. | freq | en | kk | ru | evidence (en / kk / ru) |")
    print("|---|---|---|---|---|---|---|---|")
    for rank, entry in enumerate(glossary.entries[:top], start=1):
        evidence = entry.evidence[0] if entry.evidence else None
        quote = " / ".join(_short(evidence.text.get(lang, "")) for lang in LANGS) if evidence else ""
        variants = "; ".join(f"{lang}: {', '.join(entry.alternatives(lang))}" for lang in LANGS
                             if entry.alternatives(lang))
        print(f"| {rank} | {entry.kind} | {entry.confidence:.2f} | {entry.frequency} | {entry.en} | {entry.kk} "
              f"| {entry.ru} | {quote}{' [variants ' + variants + ']' if variants else ''} |")


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def synthetic_sources(bench: Path, count: int, seed: int = 5):
    """``count`` articles: NTREX documents mixed pairwise (half of one, half of another) and the seed
    (aligned once, as an aligned article)."""
    rng = random.Random(seed)
    golds = [gold_alignment(bench, case) for case in cases(bench)]
    article = read_article(SEED)
    aligned = AlignedArticle(article, align(article))
    sources = []
    for number in range(count):
        if number % 50 == 0:
            sources.append(aligned)
            continue
        first, second = rng.sample(golds, 2)
        beads = first.beads[: len(first.beads) // 2 + 1] + second.beads[len(second.beads) // 2:]
        sources.append(Alignment(name=f"synthetic-{number:04d}", sentences={}, beads=beads))
    return sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH, help="NTREX dev folder")
    parser.add_argument("--top", type=int, default=60, help="entries to print (default 60)")
    parser.add_argument("--articles", type=int, default=1000, help="synthetic articles to time (0: skip)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    glossary = build_glossary([gold_alignment(args.bench_dir, case) for case in cases(args.bench_dir)])
    print(f"NTREX dev: {len(cases(args.bench_dir))} documents, {len(glossary)} entries "
          f"in {time.perf_counter() - started:.1f} s\n")
    print_top(glossary, args.top)
    print()
    print(glossary.summary())
    if args.articles:
        sources = synthetic_sources(args.bench_dir, args.articles)
        started = time.perf_counter()
        built = build_glossary(sources)
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        units = built.signature.rsplit("units=", 1)[-1]
        print(f"\n{args.articles} articles ({units} beads): {len(built)} entries in {elapsed:.1f} s, "
              f"peak memory (max RSS of the process) {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
