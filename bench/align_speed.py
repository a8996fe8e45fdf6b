"""Benchmark: how fast the aligner is on the NTREX dev cases, without and with a large glossary.

usage: python bench/align_speed.py [--cases DIR] [--terms 5000] [--repeat 3]

Aligns every dev case (pre-segmented) with ``align_corpus`` (both passes, as ``ushtil align``
does), first without glossary terms, then with ``--terms`` synthetic term triples: one to three
words drawn from the dev texts of each language (seeded), so their stems occur in the sentences and
are looked up like a real glossary's. Prints the best of ``--repeat`` runs of each: wall and CPU
seconds, sentences per second, and the glossary's extra time. (Accuracy and the comparison with
hunalign are ``bench/align_ntrex.py``'s.)
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from ntrex_cases import DEV_DIR, LANGS, case_names, read_case
from ushtil.aligner import align_corpus


def synthetic_terms(cases, count: int, seed: int = 5) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    vocabulary = {
        lang: sorted({word for case in cases for line in case.lines[lang] for word in line.split()
                      if word.isalpha() and len(word) > 3})
        for lang in LANGS
    }
    return [
        tuple(" ".join(rng.choice(vocabulary[lang]) for _ in range(rng.choice((1, 2, 2, 3)))) for lang in LANGS)
        for _ in range(count)
    ]


def timed(sources, terms) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``align_corpus`` run."""
    wall, cpu = time.perf_counter(), time.process_time()
    align_corpus(sources, term_pairs=terms)
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Time the aligner on NTREX dev, without and with a glossary.")
    parser.add_argument("--cases", type=Path, default=DEV_DIR, help="folder of NTREX cases (default: dev split)")
    parser.add_argument("--terms", type=int, default=5000, help="synthetic glossary size (default 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, the best one counts (default 3)")
    args = parser.parse_args(argv)
    cases = [read_case(name, args.cases) for name in case_names(args.cases)]
    sources = [(case.name, dict(case.lines)) for case in cases]
    sentences = sum(len(case.lines[lang]) for case in cases for lang in LANGS)
    rows = []
    for label, terms in (("no glossary", None), (f"{args.terms} terms", synthetic_terms(cases, args.terms))):
        wall, cpu = min(timed(sources, terms) for _ in range(args.repeat))
        rows.append((label, wall, cpu))
    print(f"NTREX {len(cases)} cases, {sentences} sentences, align_corpus (both passes), best of {args.repeat}")
    print(f"{'glossary':<14} | {'wall s':>7} | {'CPU s':>7} | {'sent/s':>7} | {'sent/CPU s':>10}")
    for label, wall, cpu in rows:
        print(f"{label:<14} | {wall:7.2f} | {cpu:7.2f} | {sentences / wall:7.0f} | {sentences / cpu:10.0f}")
    extra_wall, extra_cpu = rows[1][1] / rows[0][1] - 1, rows[1][2] / rows[0][2] - 1
    print(f"glossary of {args.terms} terms: {extra_wall:+.0%} wall, {extra_cpu:+.0%} CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
