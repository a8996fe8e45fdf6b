"""A journal archive end to end: align, glossary and check over 1,000 articles, on all cores, on a
Dask cluster, an incremental re-run after one new article, and the glossary built again with nothing
changed. Prints a table (not a timed test).

    python bench/corpus_scale.py [--articles 1000] [--keep DIR] [--no-dask] [--no-jobs1] [--compare-fresh]

Beside the --jobs 2 speed-up it prints the most two processes can gain on this machine now (the
same aligner work by one process alone and by two at once).

The corpus is the seed article and the NTREX dev cases written as articles (title, abstract and
keywords in each language), each copy varied (a paragraph left out, its number in the title) so no
two articles share a cache entry. Wall time is the whole command; peak RSS is that of the largest
process (the main one or a worker).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ntrex_cases import DEV_DIR, case_names, case_source, read_case

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "004_9d99ed68fdecf78d.txt"
MARKERS = {"en": ("Abstract", "Keywords"), "kk": ("Аңдатпа", "Түйін сөздер"), "ru": ("Аннотация", "Ключевые слова")}


def ntrex_article(name: str, variant: int) -> str:
    """An NTREX case as a trilingual article: its first line is the title, the rest the abstract."""
    case = read_case(name, DEV_DIR)
    parts = []
    for lang, (marker, keywords) in MARKERS.items():
        lines = case.lines[lang]
        paragraphs = [lines[i:i + 4] for i in range(1, len(lines), 4)]
        if len(paragraphs) > 2:
            del paragraphs[variant % len(paragraphs)]
        body = "\n\n".join(" ".join(p) for p in paragraphs)
        words = sorted({w.strip(".,«»\"") for w in lines[0].split() if w[:1].isupper()})[:5]
        parts.append(f"# {lines[0]} ({variant})\n\n**{marker}.** {body}\n\n**{keywords}:** {', '.join(words)}.\n")
    return "\n".join(parts)


def seed_article(variant: int) -> str:
    """The seed with its number in the title (a distinct file for the cache)."""
    text = SEED.read_text(encoding="utf-8")
    title = "# Kazakhstan as a Center of Gravity in Central Asia in the Clash between the USA and China"
    return text.replace(title, f"{title} ({variant})", 1)


def make_corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    names = case_names(DEV_DIR)
    paths = []
    for n in range(count):
        case = n % (len(names) + 1)  # every 37th article is the seed
        text = ntrex_article(names[case - 1], n) if case else seed_article(n)
        path = folder / f"article{n:05d}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def run(command: list[str]) -> tuple[float, float, int, str, float]:
    """Wall seconds, peak RSS in MiB of the largest process, the exit code, what one ushtil command
    printed on stderr, and the CPU seconds of the command and its workers (on a shared machine the
    wall time depends on the others' load, the CPU time much less)."""
    probe = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter(); code = subprocess.call(sys.argv[1:]);"
        "use = resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(time.perf_counter() - t, use.ru_maxrss, code, use.ru_utime + use.ru_stime)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, sys.executable, "-m", "ushtil", *command],
        capture_output=True, text=True, cwd=ROOT,
    )
    seconds, rss_kib, code, cpu = done.stdout.split()[-4:]
    if int(code) not in (0, 1):
        print(done.stderr[-2000:], file=sys.stderr)
    return float(seconds), int(rss_kib) / 1024, int(code), done.stderr, float(cpu)


def workflow(corpus: Path, work: Path, extra: list[str], fresh: tuple[str, ...] = ("--fresh",)) -> dict:
    """align, glossary and check of ``corpus`` into ``work``: what :func:`run` measures, per step."""
    return {
        "align": run(["align", str(corpus), "-o", str(work), "--quiet", *extra, *fresh]),
        "glossary": run(["glossary", str(work), "-o", str(work / "glossary.xlsx"), "--no-store", "--quiet", *extra]),
        "check": run(["check", str(work), "--json", str(work / "check.json"), "--quiet", *extra]),
    }


def _spin(seconds: float) -> float:
    started = time.process_time()
    while time.process_time() - started < seconds:
        pass
    return seconds


def free_cores(seconds: float = 1.0) -> float:
    """How many cores this run really gets now: CPU seconds over wall seconds of two processes that
    each spin ``seconds`` of CPU (2.0: both cores free; on a shared machine the --jobs 2 rows can
    only be read with this beside them)."""
    import concurrent.futures

    started = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        list(pool.map(_spin, [seconds, seconds]))
    return 2 * seconds / (time.perf_counter() - started)


def _align_dev_cases(rounds: int) -> float:
    """Wall seconds of aligning the NTREX dev cases ``rounds`` times in this process, after one
    warm-up case (imports and language data loaded first, as a pool worker has them)."""
    from ushtil.aligner import align_corpus

    names = case_names(DEV_DIR)
    align_corpus([case_source(names[0])])
    started = time.perf_counter()
    for _ in range(rounds):
        align_corpus([case_source(name) for name in names])
    return time.perf_counter() - started


def parallel_ceiling(rounds: int = 3) -> float:
    """The most ``--jobs 2`` can gain over ``--jobs 1`` on this machine: the same aligner work done
    by one process alone and by two processes at once, throughput over throughput (2.0 on two
    free cores; less where other work or a virtual machine's shared caches and clock take a share).
    The --jobs 2 speed-up is read against it."""
    import concurrent.futures

    with concurrent.futures.ProcessPoolExecutor(1) as pool:
        alone = pool.submit(_align_dev_cases, rounds).result()
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        together = max(pool.map(_align_dev_cases, [rounds, rounds]))
    return 2 * alone / together


def row(label: str, steps: dict[str, tuple[float, float, int, str]], articles: int) -> str:
    total = sum(step[0] for step in steps.values())
    rss = max(step[1] for step in steps.values())
    cpu = sum(step[4] for step in steps.values())
    cells = "  ".join(f"{name} {step[0]:6.1f}s" for name, step in steps.items())
    line = (f"{label:<28} {cells}  total {total:6.1f}s  {articles / total:6.1f} art/s  peak RSS {rss:5.0f} MiB  "
            f"CPU {cpu:6.1f}s ({'  '.join(f'{name} {step[4]:.1f}' for name, step in steps.items())}); "
            f"load {os.getloadavg()[0]:.1f}")
    print(line, flush=True)  # as each row is done: a long run shows its progress
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="size of the corpus (default 1000)")
    parser.add_argument("--keep", metavar="DIR", help="build the corpus and work folders in DIR and keep them")
    parser.add_argument("--no-dask", action="store_true", help="leave out the LocalCluster row")
    parser.add_argument("--no-jobs1", action="store_true",
                        help="leave out the --jobs 1 row (and the speed-up): a quicker look at the incremental rows")
    parser.add_argument("--compare-fresh", action="store_true",
                        help="after the incremental re-run, say whether its glossary and check report are those "
                        "made afresh from its alignments, and its alignments those of a --fresh align")
    args = parser.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ushtil-scale-"))
    try:
        corpus = base / "corpus"
        make_corpus(corpus, args.articles)
        print(f"{args.articles} articles in {corpus}; cores free now: {free_cores():.2f} of 2")
        rows = []
        results = {}
        for jobs in (2,) if args.no_jobs1 else (1, 2):
            work = base / f"work-jobs{jobs}"
            steps = workflow(corpus, work, ["--jobs", str(jobs)])
            results[jobs] = steps
            rows.append(row(f"--jobs {jobs}", steps, args.articles))
        same = args.no_jobs1 or all(
            (base / "work-jobs1" / path.name).read_bytes() == path.read_bytes()
            for path in sorted((base / "work-jobs2").glob("*.alignment.jsonl"))
        )
        extra = corpus / f"article{args.articles:05d}.md"
        extra.write_text(seed_article(args.articles), encoding="utf-8")
        steps = workflow(corpus, base / "work-jobs2", ["--jobs", "2"], fresh=())
        rows.append(row("incremental (+1 article)", steps, args.articles + 1))
        redone = [line.strip() for line in steps["align"][3].splitlines()
                  if "second pass:" in line or "reused" in line or "learned lexicon" in line or "unchanged" in line]
        redone += [line.strip() for line in steps["glossary"][3].splitlines() if "tokens and lemmas" in line]
        redone += [line.strip() for line in steps["check"][3].splitlines() if "taken from" in line]
        work = base / "work-jobs2"
        again = run(["glossary", str(work), "-o", str(work / "glossary.xlsx"), "--no-store", "--quiet", "--jobs", "2"])
        rows.append(f"{'glossary again (no change)':<28} glossary {again[0]:6.1f}s  peak RSS {again[1]:5.0f} MiB  "
                    f"CPU {again[4]:.1f}s")
        print(rows[-1], flush=True)
        redone += [line.strip() for line in again[3].splitlines() if "as at the last build" in line]
        if args.compare_fresh:
            print(compare_fresh(corpus, work, base), flush=True)
        extra.unlink()
        if not args.no_dask:
            rows.append(dask_row(corpus, base / "work-dask", args.articles))
        print("\n" + "\n".join(rows))
        print(f"cores free at the end: {free_cores():.2f} of 2 (two processes spinning 1 s of CPU each)")
        if not args.no_jobs1:
            speedup = sum(step[0] for step in results[1].values()) / sum(step[0] for step in results[2].values())
            print(f"--jobs 2 speed-up over --jobs 1: {speedup:.2f}x; the most this machine allows now: "
                  f"{parallel_ceiling():.2f}x (the same aligner work by one process and by two at once)")
        print(f"alignments of --jobs 1 and --jobs 2 identical: {same}")
        print("incremental align, glossary and check said: " + " | ".join(redone))
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


def compare_fresh(corpus: Path, work: Path, base: Path) -> str:
    """Whether the incremental re-run's outputs are those of fresh runs: the glossary and check report
    against a glossary and check of a copy of its alignments without the cache, the alignments
    against a ``--fresh`` align of the corpus."""
    copied = base / "work-fresh-from-alignments"
    copied.mkdir()
    for path in work.glob("*.alignment.jsonl"):
        shutil.copy(path, copied / path.name)
    run(["glossary", str(copied), "-o", str(copied / "glossary.xlsx"), "--no-store", "--quiet", "--jobs", "2"])
    run(["check", str(copied), "--json", str(copied / "check.json"), "--quiet", "--jobs", "2"])
    glossary_same = workbook_parts(work / "glossary.xlsx") == workbook_parts(copied / "glossary.xlsx")
    check_same = (work / "check.json").read_bytes() == (copied / "check.json").read_bytes()
    fresh = base / "work-fresh"
    run(["align", str(corpus), "-o", str(fresh), "--quiet", "--jobs", "2", "--fresh"])
    names = sorted(path.name for path in work.glob("*.alignment.jsonl"))
    different = [name for name in names if (work / name).read_bytes() != (fresh / name).read_bytes()]
    return (f"incremental glossary equal to a fresh one of the same alignments: {glossary_same}; check report: "
            f"{check_same}; alignments equal to a --fresh align's: {len(names) - len(different)} of {len(names)}")


def workbook_parts(path: Path) -> dict[str, bytes]:
    """A workbook's parts, less the one that holds when it was made."""
    import zipfile

    with zipfile.ZipFile(path) as book:
        return {part: book.read(part) for part in book.namelist() if part != "docProps/core.xml"}


def dask_row(corpus: Path, work: Path, articles: int) -> str:
    from distributed import LocalCluster

    with contextlib.ExitStack() as stack:
        cluster = stack.enter_context(
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        )
        steps = workflow(corpus, work, ["--scheduler", cluster.scheduler_address])
    return row("Dask LocalCluster, 2 workers", steps, articles)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    started = time.perf_counter()
    main()
    print(f"bench finished in {time.perf_counter() - started:.0f} s")
