"""Benchmark: the ushtil aligner against hunalign and NLTK's Gale-Church on the NTREX en/kk/ru dev cases.

usage: python bench/align_ntrex.py [--cases DIR] [--keep OUTDIR] [--folds-only] [--no-folds] [--no-long]
                                  [--fold-weights DIR] [--orders K] [--fit-seed S] [--augment NAME]

Prints one table, link / strict / null F1 per pair and sentences per second (all three languages'
sentences over the alignment time, one process), measured in one run:

* ushtil pre-segmented, **cross-validated**: the weights fitted (``fit_align_weights.fit``, as the
  shipped ones: the structured stage averaged over ``--orders`` case orders drawn from ``--fit-seed``)
  on two thirds of the cases, the held-out third aligned with them, three times: the estimate for
  unseen text (the figure to report); the same folds on the raw track too (the splitter's errors held
  out as well);
* ushtil pre-segmented with the shipped weights (fitted on every dev case: in-sample) and on the raw
  track (paragraphs split by the built-in splitter, scored with ``score_alignment.py --raw``);
* hunalign (``../shared/bench/run_hunalign.py``, empty dictionary, en-kk and en-ru merged with
  ``merge_pairwise.py --pivot-only``) and NLTK Gale-Church (character lengths, the same merge), with
  ushtil's speed ratio to hunalign;
* a long-gap row: every case concatenated into one text and a run of 60 Kazakh sentences dropped
  from its middle (null F1, and how many predicted ``missing:kk`` beads fall inside the gap);
* a long-text row: cases concatenated to 10,000 lines per language with such a gap (time, peak
  memory of the process, F1), through ``align_corpus`` in a child process.

A last line gives the calibration table of the held-out beads' scores (share exactly right per
score bin), from which ``low_score`` is chosen; each fold's calibration is fitted without its
beads, as ``bench/calibration.py`` does (which also refits the shipped one).
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import replace
from pathlib import Path

from ntrex_cases import DEV_DIR, LANGS, case_names, case_source, fold_of, read_case
from ushtil.aligner import AlignOptions, align_corpus, write_alignment
from ushtil.aligner.scoring import settings_from_dict

SHARED_BENCH = DEV_DIR.parent
PAIRS = ("en-kk", "en-ru", "kk-ru")
GAP = 60
LONG_LINES = 10_000


def align_ushtil(cases: Path, names: list[str], out: Path, raw: bool, options=None) -> tuple[float, int, list]:
    """Align every case with ushtil into ``out``; (seconds, sentences aligned, alignments)."""
    folder = cases
    if raw:  # the scorer's recipe: copy CASE.raw.LANG.txt to CASE.LANG.txt in a scratch folder
        folder = out / "input"
        folder.mkdir(parents=True)
        for name in names:
            for lang in LANGS:
                shutil.copy(cases / f"{name}.raw.{lang}.txt", folder / f"{name}.{lang}.txt")
    start = time.perf_counter()
    sources = [case_source(name, folder, presegmented=not raw) for name in names]
    alignments = align_corpus(sources, options=options).alignments
    seconds = time.perf_counter() - start
    out.mkdir(parents=True, exist_ok=True)
    for alignment in alignments:
        write_alignment(alignment, out / f"{alignment.name}.alignment.jsonl")
    sentences = sum(len(alignment.sentences[lang]) for alignment in alignments for lang in LANGS)
    return seconds, sentences, alignments


def cross_validated(cases: Path, names: list[str], out: Path, raw_out: Path, reuse: Path | None = None,
                    orders: int | None = None, seed: int = 0, augment: str | None = None) -> None:
    """Each third of the cases aligned with weights fitted on the other two thirds (the lexicon is
    learned, without gold, from every case, as ``align_corpus`` does on a user's corpus), pre-segmented
    into ``out`` and on the raw track into ``raw_out`` (the splitter's errors held out too). Each
    fold's weights are written to ``out/foldN.weights.toml``; with ``reuse``, the pair weights and
    priors are read from an earlier run's files there. The score calibration of each third is
    fitted on beads of the other two that weights fitted on a third never saw
    (``calibration.held_out_calibration``; those weights are kept in ``reuse``, else ``out``). Every
    fit averages ``orders`` structured fits (default: ``fit_align_weights.ORDERS``, as shipped), which meet
    variants of the fit's own cases as ``augment`` says (default: ``fit_align_weights.AUGMENT``, as shipped)."""
    from calibration import held_out_calibration
    from fit_align_weights import AUGMENT, EPOCHS, ORDERS, fit, render

    orders = orders or ORDERS
    augment = augment or AUGMENT
    every = [read_case(name, cases) for name in names]
    out.mkdir(parents=True, exist_ok=True)
    for fold in range(3):
        fitted = [case for case in every if fold_of(case.name) != fold]
        if reuse:
            kept = tomllib.loads((reuse / f"fold{fold}.weights.toml").read_text(encoding="utf-8"))
            kept["calibration"] = {"low_score": kept["calibration"]["low_score"]}  # refitted below
            settings = settings_from_dict(kept)
        else:
            settings = fit(fitted, every, EPOCHS, orders, seed, augment)
        settings = replace(settings, calibration=held_out_calibration(fold, every, reuse or out, orders, seed, augment))
        (out / f"fold{fold}.weights.toml").write_text(render(settings), encoding="utf-8")
        for raw, kept in ((False, out), (True, raw_out)):
            scratch = out / f"fold{fold}{'-raw' if raw else ''}"
            _, _, alignments = align_ushtil(cases, names, scratch, raw, AlignOptions(settings))
            kept.mkdir(parents=True, exist_ok=True)
            for alignment in alignments:
                if fold_of(alignment.name) == fold:
                    write_alignment(alignment, kept / f"{alignment.name}.alignment.jsonl")


def align_hunalign(cases: Path, out: Path) -> tuple[float, int]:
    """hunalign en-kk and en-ru, merged with English as the pivot; (seconds inside hunalign, sentences).
    It runs in ``out`` because hunalign leaves a ``translate.txt`` in its working folder."""
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, str(SHARED_BENCH / "run_hunalign.py"), str(cases.resolve()), str((out / "pairwise").resolve()),
         "--pairs", "en-kk,en-ru"],
        capture_output=True, text=True, check=True, cwd=out,
    )
    last = dict(item.split("=") for item in done.stdout.strip().splitlines()[-1].split())
    _merge(out / "pairwise", cases, out / "merged")
    return float(last["hunalign_seconds"]), int(last["sentences"])


def _merge(pairwise: Path, cases: Path, merged: Path) -> None:
    subprocess.run(
        [sys.executable, str(SHARED_BENCH / "merge_pairwise.py"), str(pairwise), str(cases), str(merged),
         "--pivot-only"],
        check=True, capture_output=True,
    )


def align_gale_church(cases: Path, names: list[str], out: Path) -> tuple[float, int]:
    """NLTK Gale-Church on character lengths, pairwise, merged with English as the pivot."""
    from nltk.translate.gale_church import align_blocks

    pairwise = out / "pairwise"
    seconds = 0.0
    sentences = 0
    for a, b in (("en", "kk"), ("en", "ru")):
        (pairwise / f"{a}-{b}").mkdir(parents=True)
        for name in names:
            lines_a = (cases / f"{name}.{a}.txt").read_text(encoding="utf-8").splitlines()
            lines_b = (cases / f"{name}.{b}.txt").read_text(encoding="utf-8").splitlines()
            start = time.perf_counter()
            links = align_blocks([len(x) for x in lines_a], [len(x) for x in lines_b])
            seconds += time.perf_counter() - start
            sentences += len(lines_a) + len(lines_b)
            with open(pairwise / f"{a}-{b}" / f"{name}.alignment.jsonl", "w", encoding="utf-8") as handle:
                for i, j in links:
                    handle.write(json.dumps({a: [i], b: [j]}) + "\n")
    _merge(pairwise, cases, out / "merged")
    return seconds, sentences


def score(cases: Path, predictions: Path, raw: bool = False) -> dict:
    command = [sys.executable, str(SHARED_BENCH / "score_alignment.py"), str(cases), str(predictions), "--json"]
    if raw:
        command.append("--raw")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 2) or not done.stdout.strip():
        raise SystemExit(f"scorer failed: {done.stderr.strip()[:500]}")
    return json.loads(done.stdout)


def concatenated(cases: Path, names: list[str], lines: int, out: Path, name: str, gap: int = GAP,
                 at: float = 0.4) -> tuple[int, int, list]:
    """Write one long pre-segmented triple and its gold into ``out``: the cases one after the other
    (repeated until English has ``lines`` lines; 0: each case once), then a run of ``gap`` Kazakh
    sentences dropped after the share ``at`` of the beads. (First and last English line of the gap,
    and where each English line comes from: (case, line).)"""
    texts = {lang: [] for lang in LANGS}
    beads, origins = [], []
    for case in itertools.cycle(read_case(n, cases) for n in names):
        offsets = {lang: len(texts[lang]) for lang in LANGS}
        for lang in LANGS:
            texts[lang] += case.lines[lang]
        origins += [(case.name, i) for i in range(len(case.lines["en"]))]
        beads += [{lang: [offsets[lang] + i for i in bead[lang]] for lang in LANGS} for bead in case.gold]
        if len(texts["en"]) >= lines and (lines or (len(beads) and case.name == names[-1])):
            break
    first = int(at * len(beads))
    dropped, last = set(), first
    while len(dropped) < gap:
        dropped.update(beads[last]["kk"])
        last += 1
    kept = [i for i in range(len(texts["kk"])) if i not in dropped]
    renumber = {old: new for new, old in enumerate(kept)}
    texts["kk"] = [texts["kk"][i] for i in kept]
    gold = []
    for bead in beads:
        bead = {**bead, "kk": [renumber[i] for i in bead["kk"] if i in renumber]}
        if any(bead.values()):
            gold.append(bead)
    out.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        (out / f"{name}.{lang}.txt").write_text("\n".join(texts[lang]) + "\n", encoding="utf-8")
    (out / f"{name}.gold.jsonl").write_text("\n".join(json.dumps(b) for b in gold) + "\n", encoding="utf-8")
    gap_en = [i for bead in beads[first:last] for i in bead["en"]]
    return min(gap_en), max(gap_en), origins


_CHILD = """
import json, resource, sys, time
from pathlib import Path
from ushtil.aligner import align_corpus, write_alignment
from ushtil.read.triples import Triple, read_triple
from ushtil.split import split_triple
folder, name, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
start = time.perf_counter()
source = split_triple(read_triple(Triple(name, {lang: folder / f"{name}.{lang}.txt" for lang in ("en", "kk", "ru")})),
                      presegmented=True)
alignment, = align_corpus([(name, source)]).alignments
seconds = time.perf_counter() - start
write_alignment(alignment, out / f"{name}.alignment.jsonl")
print(json.dumps({"seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def long_row(folder: Path, name: str, gap: tuple[int, int], out: Path, origins: list) -> tuple[dict, dict, str]:
    """Align one long triple in a child process: (scores, time and memory, where the gap went; the
    spurious "missing" sentences also counted by the case line they come from, as the cases repeat)."""
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-c", _CHILD, str(folder), name, str(out)],
                          capture_output=True, text=True, check=True)
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    predicted = [json.loads(line) for line in (out / f"{name}.alignment.jsonl").read_text().splitlines()]
    gold = [json.loads(line) for line in (folder / f"{name}.gold.jsonl").read_text().splitlines()]
    missing = [i for bead in predicted if not bead["kk"] and bead["en"] for i in bead["en"]]
    inside = sum(gap[0] <= i <= gap[1] for i in missing)
    # the cases' own Kazakh deletions are in the long text too: only the others are spurious
    spurious = set(missing) - {i for bead in gold if not bead["kk"] for i in bead["en"]}
    where = (f"gap en {gap[0]}-{gap[1]}: {inside} of {gap[1] - gap[0] + 1} missing:kk, {len(missing) - inside} "
             f"outside, of which {len(spurious)} not missing in the gold "
             f"({len({origins[i] for i in spurious})} distinct case lines)")
    return score(folder, out), measured, where


SCORE_BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 1.01)


def calibration(cases: Path, names: list[str], predictions: Path) -> str:
    """Share of predicted beads that are exactly a gold bead, per score bin: low scores should
    mark the doubtful beads."""
    counts = [[0, 0] for _ in SCORE_BINS[1:]]
    flagged = [0, 0]  # beads flagged low_score, and how many of them are wrong
    for name in names:
        gold = {
            tuple(tuple(bead[lang]) for lang in LANGS)
            for bead in map(json.loads, (cases / f"{name}.gold.jsonl").read_text(encoding="utf-8").splitlines())
        }
        for line in (predictions / f"{name}.alignment.jsonl").read_text(encoding="utf-8").splitlines():
            bead = json.loads(line)
            slot = next(i for i, high in enumerate(SCORE_BINS[1:]) if bead["score"] < high)
            right = tuple(tuple(bead[lang]) for lang in LANGS) in gold
            counts[slot][0] += right
            counts[slot][1] += 1
            flagged[0] += "low_score" in bead["flags"]
            flagged[1] += "low_score" in bead["flags"] and not right
    cells = [
        f"{low:.2f}-{min(high, 1.0):.2f}: {right / total:.3f} of {total}" if total else f"{low:.2f}-{high:.2f}: -"
        for (low, high), (right, total) in zip(itertools.pairwise(SCORE_BINS), counts, strict=True)
    ]
    wrong = sum(total - right for right, total in counts)
    below = sum(total - right for (right, total), low in zip(counts, SCORE_BINS, strict=False) if low < 0.7)
    return (
        "bead score calibration (held-out folds; share of beads exactly right): " + " | ".join(cells)
        + f"\n  wrong beads scoring below 0.70: {below} of {wrong}; flagged low_score: {flagged[0]} beads of "
        f"{sum(total for _, total in counts)}, holding {flagged[1]} of the {wrong} wrong beads"
    )


def _cells(result: dict) -> list[str]:
    cells = []
    for pair in PAIRS:
        metrics = result["pairs"][pair]
        cells.append("/".join(f"{metrics[m]['f1']:.3f}" for m in ("link", "strict", "null")))
    total = result["ALL"]
    cells.append("/".join(f"{total[f'{m}_F1']:.3f}" for m in ("link", "strict", "null")))
    return cells


def _print_rows(split: str, names: list[str], rows: list) -> None:
    print(f"NTREX {split}: {len(names)} cases; F1 link / strict / null per pair")
    header = f"{'system':<31}" + "".join(f" | {pair:^17}" for pair in PAIRS) + f" | {'ALL':^17} | sent/s"
    print(header)
    print("-" * len(header))
    for label, result, speed, note in rows:
        speed_cell = f"{speed:6.0f}" if speed else f"{'-':>6}"
        print(f"{label:<31}" + "".join(f" | {cell:^17}" for cell in _cells(result)) + f" | {speed_cell}")
        if note:
            print(f"{'':<31}   {note}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark ushtil's aligner on NTREX en/kk/ru.")
    parser.add_argument("--cases", type=Path, default=DEV_DIR, help="folder of NTREX cases (default: dev split)")
    parser.add_argument("--keep", type=Path, help="keep the predictions in this folder")
    parser.add_argument("--no-folds", action="store_true", help="skip the cross-validated row (refits three times)")
    parser.add_argument("--no-long", action="store_true", help="skip the long-gap and long-text rows")
    parser.add_argument("--folds-only", action="store_true",
                        help="only the cross-validated row (and its calibration line): the figure to judge a change by")
    parser.add_argument("--fold-weights", type=Path, metavar="DIR",
                        help="reuse fold weights kept in DIR (an earlier --keep's folds/); refit only the calibration. "
                             "Compares a change to the evidence paired, without the refit's noise (one structured "
                             "fit's case order alone moved the row by 0.016 strict, 0.07 null; the mean of 4 orders "
                             "by 0.005 between two seeds)")
    parser.add_argument("--orders", type=int, metavar="K",
                        help="structured fits averaged per fold (default: as shipped, fit_align_weights.ORDERS)")
    parser.add_argument("--fit-seed", type=int, default=0, metavar="S", help="seed of their case orders (default 0)")
    parser.add_argument("--augment", metavar="NAME",
                        help="variants of the fit cases the structured fits meet (bench/augment_cases.py "
                             "AUGMENTATIONS; default: as shipped, fit_align_weights.AUGMENT)")
    args = parser.parse_args(argv)
    names = case_names(args.cases)
    if not names:
        raise SystemExit(f"{args.cases}: no *.gold.jsonl cases")
    work = args.keep or Path(tempfile.mkdtemp(prefix="ushtil-bench-"))
    rows = []
    if not args.no_folds:
        cross_validated(args.cases, names, work / "folds", work / "folds-raw", args.fold_weights, args.orders,
                        args.fit_seed, args.augment)
        rows.append(("ushtil pre-seg, cross-validated", score(args.cases, work / "folds"), None, ""))
        rows.append(("ushtil raw, cross-validated", score(args.cases, work / "folds-raw", raw=True), None, ""))
    if args.folds_only:
        _print_rows(args.cases.name, names, rows)
        if not args.no_folds:
            print(calibration(args.cases, names, work / "folds"))
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        return 0
    seconds, sentences, _ = align_ushtil(args.cases, names, work / "presegmented", False)
    ushtil_speed = sentences / seconds
    rows.append(("ushtil pre-seg, in-sample", score(args.cases, work / "presegmented"), ushtil_speed, ""))
    seconds, sentences, _ = align_ushtil(args.cases, names, work / "raw", True)
    rows.append(("ushtil raw text, in-sample", score(args.cases, work / "raw", raw=True), sentences / seconds, ""))
    seconds, sentences = align_hunalign(args.cases, work / "hunalign")
    hunalign_speed = sentences / seconds
    rows.append(("hunalign (pivot en)", score(args.cases, work / "hunalign" / "merged"), hunalign_speed, ""))
    seconds, sentences = align_gale_church(args.cases, names, work / "gale-church")
    rows.append(("NLTK Gale-Church (pivot en)", score(args.cases, work / "gale-church" / "merged"),
                 sentences / seconds, ""))
    if not args.no_long:
        for label, lines in ((f"long gap ({GAP} kk dropped)", 0), (f"long text ({LONG_LINES} lines)", LONG_LINES)):
            folder = work / f"long{lines}"
            *gap, origins = concatenated(args.cases, names, lines, folder, "long")
            result, measured, where = long_row(folder, "long", gap, folder / "out", origins)
            size = len((folder / "long.en.txt").read_text(encoding="utf-8").splitlines())
            note = f"{size} en lines, {measured['seconds']:.1f} s, peak RSS {measured['rss_mb']:.0f} MB; {where}"
            rows.append((label, result, None, note))
    _print_rows(args.cases.name, names, rows)
    print(f"speed: ushtil {ushtil_speed:.0f} sent/s (both passes), hunalign {hunalign_speed:.0f} sent/s: "
          f"ushtil/hunalign = {ushtil_speed / hunalign_speed:.3f}")
    if not args.no_folds:
        print(calibration(args.cases, names, work / "folds"))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
