"""Benchmark: how fast the aligner is on the NTREX dev cases (without and with a large glossary) and on
many small articles, optionally side by side with another ushtil source tree.

usage: python bench/align_speed.py [--cases DIR] [--terms 5000] [--articles 100] [--repeat 3]
                                   [--against OTHER/src]

Aligns every dev case (pre-segmented) with ``align_corpus`` (both passes, as ``ushtil align``
does), first without glossary terms, then with ``--terms`` synthetic term triples: one to three
words drawn from the dev texts of each language (seeded), so their stems occur in the sentences and
are looked up like a real glossary's; then ``--articles`` small articles as ``bench/corpus_scale.py``
writes them (title, abstract and keywords in three languages; 0 leaves the row out). Each run is a
fresh process (as a command is); the best of ``--repeat`` counts. With ``--against``, the same runs
of that source tree (``PYTHONPATH``) alternate with this one's, so both see the same machine load,
and the table gives the CPU time ratio. (Accuracy and the comparison with hunalign are
``bench/align_ntrex.py``'s.)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ntrex_cases import DEV_DIR, LANGS, case_names, read_case

SOURCE = Path(__file__).resolve().parents[1] / "src"


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


def one_run(workload: str, cases_dir: Path, terms: int, articles: int) -> dict:
    """Wall and CPU seconds of one ``align_corpus`` call in this process, and the sentences aligned."""
    from ushtil.aligner import align_corpus

    cases = [read_case(name, cases_dir) for name in case_names(cases_dir)]
    glossary = None
    if workload == "articles":
        from corpus_scale import make_corpus
        from ushtil import read_article

        with tempfile.TemporaryDirectory(prefix="ushtil-speed-") as folder:
            sources = [(path.name, read_article(path)) for path in make_corpus(Path(folder), articles)]
    else:
        sources = [(case.name, dict(case.lines)) for case in cases]
        glossary = synthetic_terms(cases, terms) if workload == "terms" else None
    wall, cpu = time.perf_counter(), time.process_time()
    result = align_corpus(sources, term_pairs=glossary)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if result.errors:
        raise SystemExit(f"align_corpus failed: {result.errors[:3]}")
    sentences = sum(len(a.sentences[lang]) for a in result.alignments for lang in LANGS)
    return {"wall": wall, "cpu": cpu, "sentences": sentences}


def in_child(source: Path, workload: str, args) -> dict:
    """:func:`one_run` in a fresh process that imports ushtil from ``source``."""
    env = dict(os.environ, PYTHONPATH=str(source))
    command = [sys.executable, __file__, "--child", workload, "--cases", str(args.cases), "--terms", str(args.terms),
               "--articles", str(args.articles)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=Path(__file__).parent)
    if done.returncode:
        raise SystemExit(f"{source}: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Time the aligner on NTREX dev and small articles.")
    parser.add_argument("--cases", type=Path, default=DEV_DIR, help="folder of NTREX cases (default: dev split)")
    parser.add_argument("--terms", type=int, default=5000, help="synthetic glossary size (default 5000)")
    parser.add_argument("--articles", type=int, default=100, help="small articles aligned (default 100; 0: none)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, the best one counts (default 3)")
    parser.add_argument("--against", type=Path, help="another ushtil source tree (its src/) to time side by side")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(one_run(args.child, args.cases, args.terms, args.articles)))
        return 0
    workloads = [("no glossary", "plain"), (f"{args.terms} terms", "terms")]
    if args.articles:
        workloads.append((f"{args.articles} articles", "articles"))
    trees = [("this", SOURCE)] + ([("against", args.against.resolve())] if args.against else [])
    best: dict[tuple[str, str], dict] = {}
    for _ in range(args.repeat):
        for _, workload in workloads:
            for tree, source in trees:
                run = in_child(source, workload, args)
                kept = best.get((tree, workload))
                if kept is None or run["cpu"] < kept["cpu"]:
                    best[tree, workload] = run
    print(f"align_corpus (both passes), a fresh process per run, best of {args.repeat} by CPU time"
          + (f"; 'against' is {args.against}" if args.against else ""))
    print(f"{'workload':<14} | {'tree':<7} | {'sentences':>9} | {'wall s':>7} | {'CPU s':>7} | {'sent/CPU s':>10}"
          + (" | CPU vs against" if args.against else ""))
    for label, workload in workloads:
        for tree, _ in trees:
            run = best[tree, workload]
            ratio = ""
            if args.against and tree == "this":
                ratio = f" | x{best['against', workload]['cpu'] / run['cpu']:.2f} faster"
            print(f"{label:<14} | {tree:<7} | {run['sentences']:>9} | {run['wall']:7.2f} | {run['cpu']:7.2f} | "
                  f"{run['sentences'] / run['cpu']:10.0f}{ratio}")
    for tree, _ in trees:
        extra = best[tree, "terms"]["cpu"] / best[tree, "plain"]["cpu"] - 1
        print(f"{tree}: a glossary of {args.terms} terms costs {extra:+.0%} CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
