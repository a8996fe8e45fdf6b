"""How long ``ushtil check`` takes on one article after start-up, by stage, and on a batch.

    python bench/check_speed.py [ARTICLE] [--repeat N] [--batch FILE_OR_DIR ...]

Start-up (imports, data files, the first alignment) is timed once and reported apart; the one-article
rows are medians over ``--repeat`` runs: reading, aligning, each check family, reference scoring (the
article against itself), and the whole ``ushtil.check`` call.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _median_ms(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(ROOT / "corpus" / "004_9d99ed68fdecf78d.txt"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", nargs="*", default=[str(ROOT / "corpus"), str(ROOT.parent / "shared" / "seeds")])
    args = parser.parse_args(argv)

    start = time.perf_counter()
    import ushtil
    from ushtil.checks import CHECKS, ArticleContext
    from ushtil.checks.lengths import default_length_stats
    from ushtil.checks.scores import score_against_reference
    from ushtil.checks.termrules import combined_rules
    from ushtil.read.inputs import collect_inputs

    ushtil.check(args.article)
    startup_ms = (time.perf_counter() - start) * 1000

    article = ushtil.read_article(args.article)
    terms = combined_rules()
    alignment = ushtil.align(article)
    context = ArticleContext(article=article, alignment=alignment, terms=terms, length_stats=default_length_stats())
    rows = [("read article", _median_ms(lambda: ushtil.read_article(args.article), args.repeat))]
    rows.append(("align (ushtil.align)", _median_ms(lambda: ushtil.align(article), args.repeat)))
    for name, cls in CHECKS.items():
        family = cls()
        rows.append((f"check: {name}", _median_ms(lambda family=family: list(family.run(context)), args.repeat)))
    rows.append(("reference scores", _median_ms(
        lambda: score_against_reference([(article, alignment, article)]), args.repeat)))
    rows.append(("ushtil.check(article), total", _median_ms(lambda: ushtil.check(article), args.repeat)))
    rows.append(("ushtil.check(path, reference=path), total", _median_ms(
        lambda: ushtil.check(args.article, reference=args.article), args.repeat)))

    paths = [item.path for item in collect_inputs(args.batch, kinds=("article",)).items]
    start = time.perf_counter()
    report = ushtil.check(paths)
    batch_ms = (time.perf_counter() - start) * 1000

    print(f"article: {Path(args.article).name}; {len(alignment.beads)} beads; median of {args.repeat} runs")
    print(f"| {'stage':42} | {'ms':>8} |")
    print(f"|{'-' * 44}|{'-' * 10}|")
    print(f"| {'start-up (imports, data, first check)':42} | {startup_ms:8.1f} |")
    for name, ms in rows:
        print(f"| {name:42} | {ms:8.1f} |")
    print(f"| {f'batch: {len(paths)} articles, read + check':42} | {batch_ms:8.1f} |")
    print(f"| {'batch: per article':42} | {batch_ms / len(paths):8.1f} |")
    print(f"batch findings: {len(report.findings)} ({len(report.errors)} errors)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
