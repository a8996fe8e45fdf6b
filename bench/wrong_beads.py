"""Read the wrong beads: each case's gold beads the aligner missed and the beads it made instead,
three-way, with the sentences they hold (the way to find the error classes behind a score).

usage: python bench/wrong_beads.py PRED_DIR [CASE ...] [--cases DIR] [--as-gold CASE ...] [--against OTHER]

``PRED_DIR`` holds ``CASE.alignment.jsonl`` files, e.g. the held-out predictions that
``bench/align_ntrex.py --folds-only --keep OUT`` leaves in ``OUT/folds``. Ends with a count of the
bead types (sentences per language) in the gold and in the predictions, and how many of each are right,
and per language pair the sentences called missing (unlinked in the pair, what null F1 counts) that the
gold has linked (made) or that the aligner linked while the gold has them missing (gold), each with
its cause, read from the source sentences the lines hold (``manifest.json``): ``partial`` where the
gold bead holding the sentence, or one the aligner's bead overlaps, lacks in one language a source
sentence it holds in another (a deletion inside a line merged in another language: no cut of the
lines makes its sides translate each other), ``over N`` where such a gold bead has a side of more
than ``dp.LONGEST_SIDE`` lines, else ``scoring`` (a gold path the programme can make, outscored).

``--as-gold CASE ...`` also prints the link / strict / null F1 of the cases read, as they are and
as they would be if those cases came out as their gold: what fixing a class of errors is worth
(e.g. the cases whose gold beads the programme cannot make, such as crossed order or a side of
more than 3 sentences), without aligning anything.

``--against OTHER`` also lists, last, the beads in which each case's predictions differ from those in
the folder ``OTHER`` (e.g. the held-out predictions of the unchanged aligner, kept by another
``--keep`` run with the same ``--fold-weights``), each marked gold or not: which cases a change moved,
for better or worse, where the F1 row gives only the sum.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from ntrex_cases import DEV_DIR, LANGS, PAIRS, _project, case_names, quick_scores, read_case, source_sentences
from ushtil.aligner.dp import LONGEST_SIDE

#: Characters of each sentence shown.
SHOWN = 150


def _key(bead: dict) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(bead.get(lang, [])) for lang in LANGS)


def _where(bead: dict) -> str:
    return " ".join(f"{lang}{bead.get(lang, [])}" for lang in LANGS)


def _unmakeable(bead: dict, held: dict[str, list[list[int]]] | None) -> str:
    """Why the programme cannot make this gold bead ('' where it can): a side over LONGEST_SIDE, or a
    language lacking a source sentence the bead holds in another (``held``: the case's
    :func:`~ntrex_cases.source_sentences`; None: unknown)."""
    if any(len(bead.get(lang, [])) > LONGEST_SIDE for lang in LANGS):
        return f"over {LONGEST_SIDE}"
    if held is None:
        return ""
    sentences = {lang: {s for i in bead.get(lang, []) for s in held[lang][i]} for lang in LANGS if bead.get(lang)}
    every = set().union(*sentences.values())
    lacking = [lang for lang, found in sentences.items() if found != every]
    return f"partial: {'+'.join(lacking)} lacks a sentence" if lacking else ""


def _null_cause(lang: str, i: int, gold: list[dict], predicted: list[dict], held) -> str:
    """The cause of a wrong missing sentence: the gold bead holding it and those the aligner's bead
    holding it overlaps, the first that the programme cannot make (see :func:`_unmakeable`)."""
    made = next(bead for bead in predicted if i in bead.get(lang, []))
    near = [bead for bead in gold if i in bead.get(lang, [])]
    near += [bead for bead in gold if any(set(bead.get(x, [])) & set(made.get(x, [])) for x in LANGS)]
    kinds = [kind for kind in (_unmakeable(bead, held) for bead in near) if kind]
    return next((kind for kind in kinds if kind.startswith("partial")), kinds[0] if kinds else "scoring")


def _read_beads(path: Path) -> list[dict]:
    """The beads of one alignment file (sentence indices per language, score and flags)."""
    return [{lang: bead.get(lang, []) for lang in LANGS}
            | {"score": bead.get("score", 0.0), "flags": bead.get("flags", [])}
            for bead in map(json.loads, path.read_text(encoding="utf-8").splitlines())]


def _changes(name: str, gold: set, before: list[dict], after: list[dict]) -> list[str]:
    """The beads only ``before`` or only ``after`` has, each marked gold (+) or not (-)."""
    old, new = {_key(bead) for bead in before}, {_key(bead) for bead in after}
    if old == new:
        return []
    lines = [f"===== {name}"]
    for label, beads, others in (("BEFORE", before, new), ("AFTER", after, old)):
        lines += [f"  {label} {'+' if _key(bead) in gold else '-'} {_where(bead)}" for bead in beads
                  if _key(bead) not in others]
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("predictions", type=Path, help="folder of CASE.alignment.jsonl files")
    parser.add_argument("only", nargs="*", metavar="CASE", help="these cases only (default: all)")
    parser.add_argument("--cases", type=Path, default=DEV_DIR, help="folder of NTREX cases (default: dev split)")
    parser.add_argument("--as-gold", nargs="+", default=[], metavar="CASE",
                        help="print the F1 figures as they are and with these cases as their gold")
    parser.add_argument("--against", type=Path, metavar="OTHER",
                        help="list the beads in which the predictions differ from those in this folder")
    args = parser.parse_args(argv)
    if not args.predictions.is_dir():
        print(f"wrong_beads.py: {args.predictions}: no such folder", file=sys.stderr)
        return 2
    types = {"gold": Counter(), "predicted": Counter(), "right": Counter()}
    nulls = {f"{a}-{b}": {"gold": 0, "made": 0, "right": 0, "wrong": [], "causes": Counter()} for a, b in PAIRS}
    read = 0
    changed: list[str] = []
    scored: list[tuple[str, list[dict], list[dict]]] = []
    held = source_sentences(args.cases)
    for name in case_names(args.cases):
        if args.only and name not in args.only:
            continue
        case = read_case(name, args.cases)
        path = args.predictions / f"{name}.alignment.jsonl"
        other = args.against / f"{name}.alignment.jsonl" if args.against else None
        try:
            predicted = _read_beads(path)
            before = _read_beads(other) if other else None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            print(f"wrong_beads.py: {error.filename if isinstance(error, OSError) else path}: not read "
                  f"({type(error).__name__}); case left out", file=sys.stderr)
            continue
        read += 1
        scored.append((name, case.gold, [{lang: bead[lang] for lang in LANGS} for bead in predicted]))
        gold = {_key(bead) for bead in case.gold}
        made = {_key(bead) for bead in predicted}
        if before is not None:
            changed += _changes(name, gold, before, predicted)
        for bead in case.gold:
            types["gold"][tuple(map(len, _key(bead)))] += 1
        for bead in predicted:
            size = tuple(map(len, _key(bead)))
            types["predicted"][size] += 1
            types["right"][size] += _key(bead) in gold
        for a, b in PAIRS:
            tally = nulls[f"{a}-{b}"]
            missing_gold, missing_made = _project(case.gold, a, b)["null"], _project(predicted, a, b)["null"]
            tally["gold"] += len(missing_gold)
            tally["made"] += len(missing_made)
            tally["right"] += len(missing_gold & missing_made)
            for kind, wrong in (("made", missing_made - missing_gold), ("gold", missing_gold - missing_made)):
                for lang, i in sorted(wrong):
                    cause = _null_cause(lang, i, case.gold, predicted, held.get(name))
                    tally["wrong"].append(f"{name} {lang}{i} ({kind}, {cause})")
                    tally["causes"][cause.split(":")[0]] += 1
        if gold == made:
            continue
        print(f"===== {name}")
        for bead in case.gold:
            if _key(bead) not in made:
                print(f"  GOLD {_where(bead)}")
        for bead in predicted:
            if _key(bead) not in gold:
                print(f"  MADE {_where(bead)} score={bead.get('score', 0):.3f} {' '.join(bead.get('flags', []))}")
        for lang in LANGS:
            shown = sorted({i for bead in [*case.gold, *predicted] if _key(bead) not in gold & made
                            for i in bead.get(lang, [])})
            for i in shown:
                print(f"      {lang}{i}: {case.lines[lang][i][:SHOWN]}")
    if not read:
        print(f"wrong_beads.py: no predictions read from {args.predictions}", file=sys.stderr)
        return 2
    print("bead type (en, kk, ru): gold / predicted / right")
    for size in sorted(types["gold"].keys() | types["predicted"].keys(), key=lambda s: (-types["gold"][s], s)):
        print(f"  {size}: {types['gold'][size]} / {types['predicted'][size]} / {types['right'][size]}")
    print("missing sentences per pair: gold / made / right; the wrong ones (made: missing only in the output)")
    for pair, tally in nulls.items():
        causes = ", ".join(f"{n} {cause}" for cause, n in tally["causes"].most_common())
        print(f"  {pair}: {tally['gold']} / {tally['made']} / {tally['right']} (wrong: {causes or 'none'}): "
              f"{', '.join(tally['wrong']) or '-'}")
    if args.as_gold:
        unknown = sorted(set(args.as_gold) - {name for name, _, _ in scored})
        if unknown:
            print(f"wrong_beads.py: --as-gold: not among the cases read: {', '.join(unknown)}", file=sys.stderr)
        print(f"link / strict / null F1 of the {read} cases read")
        for label, fixed in (("as they are", set()), (f"with {', '.join(args.as_gold)} as gold", set(args.as_gold))):
            figures = quick_scores([(gold, gold if name in fixed else made) for name, gold, made in scored])
            print(f"  {label}: " + "  ".join(f"{pair} {m['link']:.3f}/{m['strict']:.3f}/{m['null']:.3f}"
                                          for pair, m in figures.items()))
    if args.against:
        cases = sum(line.startswith("=====") for line in changed)
        print(f"beads that differ from {args.against} (+ gold, - not gold), in {cases} cases")
        print("\n".join(changed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
