"""Glossary benchmark on NTREX dev: entries by kind, the CLDR country-name figures, the share right of
judged random samples, the calibration table, the top 30 by frequency, and a 1,000-article build's time.

The glossary is built as a user builds it: the dev documents are aligned by ushtil (pre-segmented
track), and the glossary is built from those alignments at default settings. Its Terms sheet (entries
at or above the default threshold) is what a translator sees first.

Verdicts (``bench/glossary_verdicts.tsv``: en, kk, ru, verdict, reason, sample) were given by a person
reading each entry with its evidence: *right* only when all three headwords are correct and in
dictionary form. The figures are recomputed from that file on every run: a drawn entry without a
verdict (new, or its headwords changed) is reported as unjudged, never counted. The ``sample`` column
says when an entry was judged: ``fit`` for entries judged while the confidence checks were being set,
``fresh`` and ``fresh99`` for fresh draws (seeds 2026 and 99) judged between changes, ``final`` for
the draw with seed 7 (the default ``--fresh-seed``) judged after the last change of the previous
round; in the round on multi-word terms, ``terms`` for every term entry built (Terms and
Candidates) and ``fresh2027`` for the entries of the seed-2027 draw not judged before
(``--fresh-seed 2027``), judged after the last change of the glossary code — the honest figure;
in the round on composed terms and CLDR headwords, ``compose`` for every term entry composed word by
word (Terms and Candidates) and every name entry whose headwords became CLDR's; in the round on
single-word terms, ``words`` for every single-word term entry built (Terms and Candidates); in the
round on term recall (loanwords shared by the three languages, renderings in every bead),
``recall`` for every term entry built that had no verdict (Terms and Candidates); after names without
evidence of their own lost their renderings, ``candidates13`` for the entries of the seed-13
Candidates draw not judged before (Theresa May and Yunnan left unjudged: not sure from the beads).

    python bench/glossary_ntrex.py [--aligned DIR] [--sample 60] [--seed 13] [--fresh-seed 7]
                                   [--show-unjudged] [--articles 1000]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from ntrex_cases import DEV_DIR, case_names, read_case  # noqa: E402
from ushtil import align, read_alignment, read_article, write_alignment  # noqa: E402
from ushtil.export.glossary_csv import GlossaryCsv  # noqa: E402
from ushtil.glossary import build_glossary  # noqa: E402
from ushtil.model import LANGS, AlignedArticle, Alignment  # noqa: E402

MEASURE = DEV_DIR.parent / "measure_glossary.py"
VERDICTS = ROOT / "bench" / "glossary_verdicts.tsv"
SEED = ROOT / "corpus" / "004_9d99ed68fdecf78d.txt"
#: Confidence bins of the calibration table (lower bounds).
BINS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


def aligned_dev(folder: Path | None) -> list[Alignment]:
    """The dev documents aligned by ushtil: read from ``folder`` when given, else aligned now."""
    if folder is not None:
        return [read_alignment(path) for path in sorted(folder.glob("*.alignment.jsonl"))
                if not path.name.endswith(".raw.alignment.jsonl")]
    alignments = []
    for name in case_names():
        case = read_case(name)
        alignment = align({lang: case.lines[lang] for lang in LANGS})
        alignment.name = name
        alignments.append(alignment)
    return alignments


def measure(glossary, alignments: list[Alignment]) -> list[str]:
    """The lines measure_glossary.py prints for the Terms entries (the default CSV)."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "aligned"
        corpus.mkdir()
        for alignment in alignments:
            write_alignment(alignment, corpus / f"{alignment.name}.alignment.jsonl")
        csv_path = Path(tmp) / "glossary.csv"
        GlossaryCsv().write(glossary, csv_path)
        done = subprocess.run([sys.executable, str(MEASURE), str(csv_path), "--corpus", str(corpus)],
                              capture_output=True, text=True, check=False)
    lines = done.stdout.splitlines()
    keep = [line for line in lines if line.strip().startswith(("recall", "precision", "gold territories"))]
    return keep + [line for line in lines if line.startswith("SUMMARY")]


def read_verdicts(path: Path) -> dict[tuple[str, str, str], dict[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return {(row["en"], row["kk"], row["ru"]): row for row in rows}


def key(entry) -> tuple[str, str, str]:
    return entry.en, entry.kk, entry.ru


def draw(entries: list, seed: int, size: int) -> list:
    """A random sample that stays put while the glossary changes: the ``size`` entries whose English
    headword hashes lowest under ``seed`` (an entry that comes or goes moves the sample by one)."""
    return sorted(entries, key=lambda entry: hashlib.sha1(f"{seed}:{entry.en}".encode()).hexdigest())[:size]


def judged_share(name: str, drawn: list, verdicts: dict, show_unjudged: bool) -> None:
    judged = [verdicts[key(entry)] for entry in drawn if key(entry) in verdicts]
    right = sum(1 for row in judged if row["verdict"] == "right")
    unjudged = [entry for entry in drawn if key(entry) not in verdicts]
    share = f"{100 * right / len(judged):.1f}%" if judged else "n/a"
    print(f"  {name:44s} {right:3d}/{len(judged):<3d} right = {share:>6s}   unjudged {len(unjudged)}")
    if show_unjudged:
        for entry in unjudged:
            evidence = entry.evidence[0].text if entry.evidence else {}
            print(f"    ? {entry.en}\t{entry.kk}\t{entry.ru}\t[{entry.kind} {entry.confidence:.2f} "
                  f"f={entry.frequency}]")
            for lang in LANGS:
                print(f"        {lang}: {' '.join(evidence.get(lang, '').split())[:220]}")


def calibration(entries: list, verdicts: dict) -> None:
    print(f"  {'confidence':>12s} {'judged':>7s} {'right':>6s} {'share':>7s}")
    for low, high in zip(BINS, (*BINS[1:], 1.01), strict=True):
        rows = [verdicts[key(entry)] for entry in entries if key(entry) in verdicts and low <= entry.confidence < high]
        right = sum(1 for row in rows if row["verdict"] == "right")
        share = f"{100 * right / len(rows):.1f}%" if rows else "n/a"
        print(f"  {low:5.2f}-{min(high, 1.0):<5.2f} {len(rows):7d} {right:6d} {share:>7s}")


def synthetic_sources(alignments: list[Alignment], count: int, seed: int = 5):
    """``count`` articles: dev documents mixed pairwise (half of one, half of another) and the seed."""
    rng = random.Random(seed)
    article = read_article(SEED)
    aligned = AlignedArticle(article, align(article))
    sources = []
    for number in range(count):
        if number % 50 == 0:
            sources.append(aligned)
            continue
        first, second = rng.sample(alignments, 2)
        beads = first.beads[: len(first.beads) // 2 + 1] + second.beads[len(second.beads) // 2:]
        sources.append(Alignment(name=f"synthetic-{number:04d}", sentences={}, beads=beads))
    return sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aligned", type=Path, help="folder of NTREX dev *.alignment.jsonl (default: align now)")
    parser.add_argument("--verdicts", type=Path, default=VERDICTS, help="judged entries (TSV)")
    parser.add_argument("--sample", type=int, default=60, help="entries drawn from the Terms sheet (default 60)")
    parser.add_argument("--candidates-sample", type=int, default=40, help="entries drawn from the candidates")
    parser.add_argument("--seed", type=int, default=13, help="seed of the judged draw (default 13)")
    parser.add_argument("--fresh-seed", type=int, default=7, help="seed of the fresh draw (default 7)")
    parser.add_argument("--show-unjudged", action="store_true", help="print drawn entries without a verdict")
    parser.add_argument("--articles", type=int, default=1000, help="synthetic articles to time (0: skip)")
    args = parser.parse_args(argv)

    alignments = aligned_dev(args.aligned)
    started = time.perf_counter()
    glossary = build_glossary(alignments)
    print(f"NTREX dev: {len(alignments)} documents aligned by ushtil; glossary built in "
          f"{time.perf_counter() - started:.1f} s: {len(glossary.entries)} entries (confidence >= "
          f"{glossary.threshold:g}, the Terms sheet), {len(glossary.candidates)} candidates below\n")
    kinds = sorted({entry.kind for entry in glossary.with_candidates()})
    terms, below = Counter(e.kind for e in glossary.entries), Counter(e.kind for e in glossary.candidates)
    print(f"  {'kind':10s} {'Terms':>6s} {'Candidates':>11s}")
    for kind in kinds:
        print(f"  {kind:10s} {terms[kind]:6d} {below[kind]:11d}")

    print("\nCLDR country and region names, Terms entries (../shared/bench/measure_glossary.py):")
    for line in measure(glossary, alignments):
        print("  " + line.strip())

    verdicts = read_verdicts(args.verdicts)
    print(f"\nJudged random samples ({args.verdicts.name}: {len(verdicts)} verdicts; right = all three headwords "
          "correct and in dictionary form):")
    judged_share(f"Terms sheet, seed {args.seed}, {args.sample} drawn",
                 draw(glossary.entries, args.seed, args.sample), verdicts, args.show_unjudged)
    judged_share(f"Terms sheet, fresh seed {args.fresh_seed}, {args.sample} drawn",
                 draw(glossary.entries, args.fresh_seed, args.sample), verdicts, args.show_unjudged)
    judged_share(f"Candidates, seed {args.seed}, {args.candidates_sample} drawn",
                 draw(glossary.candidates, args.seed, args.candidates_sample), verdicts, args.show_unjudged)
    present = {key(entry) for entry in glossary.with_candidates()}
    gone = [row for k, row in verdicts.items() if k not in present]
    print(f"  verdicts whose entry is no longer built (headwords changed or dropped): {len(gone)}")
    terms = {key(entry) for entry in glossary.entries}
    for label in sorted({row["sample"] for row in verdicts.values()}):
        rows = [row for k, row in verdicts.items() if k in terms and row["sample"] == label]
        right = sum(1 for row in rows if row["verdict"] == "right")
        print(f"  Terms entries judged in round {label!r}: {right}/{len(rows)} right")

    print("\nCalibration: share right per confidence bin, over every judged entry built now:")
    calibration(list(glossary.with_candidates()), verdicts)

    print("\nTop 30 Terms entries by frequency:")
    print("| # | kind | conf. | freq | en | kk | ru |")
    print("|---|---|---|---|---|---|---|")
    top = sorted(glossary.entries, key=lambda e: (-e.frequency, -e.confidence, e.en))[:30]
    for rank, entry in enumerate(top, 1):
        verdict = verdicts.get(key(entry), {}).get("verdict", "")
        print(f"| {rank} | {entry.kind} | {entry.confidence:.2f} | {entry.frequency} | {entry.en} | {entry.kk} "
              f"| {entry.ru} |{' ' + verdict if verdict else ''}")

    if args.articles:
        sources = synthetic_sources(alignments, args.articles)
        started, cpu = time.perf_counter(), time.process_time()
        built = build_glossary(sources)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        units = built.signature.split("units=", 1)[-1].split(";")[0]
        print(f"\n{args.articles} articles ({units} beads): {len(built)} entries + {len(built.candidates)} candidates "
              f"in {elapsed:.1f} s ({cpu:.1f} s CPU), peak memory (max RSS of the process) {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
