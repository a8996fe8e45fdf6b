"""Why a held-out case comes out wrong: the beads where the aligner's path and the gold path part,
each bead's score taken apart into the log-odds of every language pair it links (with the features
that weigh most) and the prior penalties it is charged, and each side's total.

usage: python bench/path_costs.py FOLDS_DIR [CASE ...] [--shown X]

``FOLDS_DIR`` holds a cross-validated run's ``fold0.weights.toml`` … ``fold2.weights.toml`` (the
``folds`` folder that ``bench/align_ntrex.py --folds-only --keep OUT`` leaves); each case is aligned
with the weights of its own fold, never fitted on it. The path is the second pass as the structured
fit decodes it (``fit_align_weights.decode``: one section, the lexicon learned by a first pass over
every case), which may differ a little from ``align_corpus``'s. A gold path that loses by a few
points is a close call; one whose pair log-odds are tens below zero needs evidence the features
lack. Without CASE names: every case whose path differs from the gold.

``--scores`` prints instead the link / strict / null F1 per pair of those decoded paths (every
held-out case, or the CASEs named): a paired check of a change the fit does not see, against the
same fold weights, in seconds. It reads lower than ``align_ntrex.py --folds-only``'s row, which
aligns through ``align_corpus`` (seed 0: by 0.003–0.007 link and strict, 0.02–0.03 null), so a
change it favours is still measured there.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

import numpy as np

from fit_align_weights import decode, first_pass, gold_path
from ntrex_cases import LANGS, case_names, fold_of, quick_scores, read_case
from ushtil.aligner.features import FEATURES
from ushtil.aligner.scoring import settings_from_dict

#: Feature terms (weight × value) shown when at least this large.
SHOWN = 1.5


def bead_lines(scorer, settings, beads, shown: float) -> tuple[list[str], float]:
    """One line per bead (start cell, sentence counts, score, its parts) and the beads' total."""
    lines, total = [], 0.0
    for start, counts in beads:
        score = float(scorer.scores(np.array([start]), np.array([counts]))[0])
        total += score
        pairs, charged = scorer.bead_features(start, counts)
        parts = []
        for name, values in pairs.items():
            bias, weights = settings.pair_weights[name]
            terms = " ".join(f"{feature}={w * v:+.1f}" for feature, w, v in zip(FEATURES, weights, values, strict=True)
                             if abs(w * v) >= shown)
            parts.append(f"{name} {bias + float(np.dot(values, weights)):+.1f} [{terms}]")
        priors = " ".join(f"{name}={getattr(settings.priors, name) * n:+.1f}" for name, n in charged.items() if n)
        lines.append(f"{start} {counts} score {score:+.1f}: {'; '.join(parts)}; priors {priors}")
    return lines, total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folds", type=Path, help="folder of fold0.weights.toml … fold2.weights.toml")
    parser.add_argument("only", nargs="*", metavar="CASE", help="these cases only (default: every wrong one)")
    parser.add_argument("--shown", type=float, default=SHOWN, help=f"smallest feature term shown (default {SHOWN})")
    parser.add_argument("--scores", action="store_true", help="print the decoded paths' F1 per pair, not their beads")
    args = parser.parse_args(argv)
    cases = [read_case(name) for name in case_names()]
    scored = []  # (gold beads, decoded beads) per case, for --scores
    for fold in range(3):
        path = args.folds / f"fold{fold}.weights.toml"
        if not path.is_file():
            print(f"path_costs.py: {path}: no such file", file=sys.stderr)
            return 2
        chosen = [case for case in cases if fold_of(case.name) == fold and (not args.only or case.name in args.only)]
        if not chosen:
            continue
        settings = settings_from_dict(tomllib.loads(path.read_text(encoding="utf-8")))
        lexicon, length_means = first_pass(cases, settings)
        for case in chosen:
            scorer, made = decode(case, settings, lexicon, length_means[case.name], 0.0)
            gold = gold_path(case)
            if args.scores:
                scored.append((_beads(gold), _beads(made)))
                continue
            if made == gold:
                continue
            print(f"===== {case.name} (fold {fold})")
            parted = (("GOLD", [b for b in gold if b not in made]), ("MADE", [b for b in made if b not in gold]))
            for label, beads in parted:
                lines, total = bead_lines(scorer, settings, beads, args.shown)
                for line in lines:
                    print(f"  {label} {line}")
                print(f"  {label} total {total:+.1f}")
    if args.scores:
        result = quick_scores(scored)
        print(" | ".join(f"{pair} " + "/".join(f"{result[pair][m]:.3f}" for m in ("link", "strict", "null"))
                         for pair in result))
    return 0


def _beads(path) -> list[dict]:
    """A path's beads as the gold files write them (sentence indices per language)."""
    return [{lang: list(range(start[i], start[i] + counts[i])) for i, lang in enumerate(LANGS)}
            for start, counts in path]


if __name__ == "__main__":
    sys.exit(main())
