"""Fit the aligner's pair weights (logistic regression) and bead priors on NTREX dev cases.

usage: python bench/fit_align_weights.py [--write]

Positives are the gold beads projected on each language pair; negatives are the near misses the
dynamic programme must reject (a side shifted, extended or shortened by one sentence). A third of
the cases (``is_watch_case``) is kept out of the fit and scored separately, so the printed gap
between fit and watch cases shows over-fitting. ``--write`` stores the weights in
src/ushtil/aligner/data/weights.toml (priors are reported, and written when --write is given).
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from ntrex_cases import PAIRS, case_names, is_watch_case, quick_scores, read_case
from ushtil.aligner.features import FEATURES, feature_vector
from ushtil.aligner.lexicon import learn_lexicon
from ushtil.aligner.pipeline import AlignOptions, Section, align, align_corpus, pair_models
from ushtil.aligner.scoring import Settings, default_settings

#: Shifts (in sentences) of the distant negatives.
DISTANT_SHIFTS = (-5, -3, 3, 5)
#: (merge, missing, size) bead priors tried on the fit cases.
PRIOR_GRID = ((0.5, 3.75, 1.0),)
WEIGHTS = Path(__file__).resolve().parents[1] / "src" / "ushtil" / "aligner" / "data" / "weights.toml"


def spans_of(bead: dict, lang: str) -> tuple[int, int] | None:
    indices = bead[lang]
    return (min(indices), max(indices) + 1) if indices else None


def near_misses(span: tuple[int, int], size: int) -> list[tuple[int, int]]:
    s, e = span
    candidates = [(s - 1, e - 1), (s + 1, e + 1), (s - 1, e), (s, e + 1), (s + 1, e), (s, e - 1), (s + 2, e + 2),
                  (s - 2, e - 2)]
    # unrelated sentences further away teach what a missing translation looks like
    candidates += [(s + shift, e + shift) for shift in DISTANT_SHIFTS]
    return [(x, y) for x, y in candidates if 0 <= x < y <= size and y - x <= 3]


def training_rows(cases, pair: tuple[str, str], options: AlignOptions, mistakes: dict | None = None):
    """Feature rows and labels; ``mistakes[(case, pair)]`` adds the wrong beads of an earlier run."""
    a, b = pair
    rows, labels = [], []
    for case in cases:
        section = Section("", {lang: [case.lines[lang]] for lang in case.lines})
        model = next(m for m in pair_models([section], options) if (m.a, m.b) == pair)
        from ushtil.aligner.profile import ProfileCache

        cache_a, cache_b = ProfileCache(case.lines[a], a), ProfileCache(case.lines[b], b)
        gold = set()
        for bead in case.gold:
            sa, sb = spans_of(bead, a), spans_of(bead, b)
            if sa and sb:
                gold.add((sa, sb))
        negatives = set()
        for sa, sb in gold:
            negatives.update((sa, nb) for nb in near_misses(sb, len(case.lines[b])))
            negatives.update((na, sb) for na in near_misses(sa, len(case.lines[a])))
        negatives.update((mistakes or {}).get((case.name, pair), ()))
        for (sa, sb), label in itertools.chain(((g, 1) for g in gold), ((n, 0) for n in negatives - gold)):
            rows.append(feature_vector(cache_a.span(*sa), cache_b.span(*sb), model.context))
            labels.append(label)
    return np.array(rows), np.array(labels, dtype=float)


def logistic_regression(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """Newton (IRLS) iterations with an L2 penalty on the weights (not the bias)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    beta = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-design @ beta))
        gradient = design.T @ (y - p) - penalty @ beta
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.abs(step).max() < 1e-6:
            break
    return beta


def evaluate(fit_cases, watch_cases, settings: Settings) -> tuple[dict, dict]:
    """Align all cases as one corpus (as the bench does: a lexicon is learned from all of them,
    without looking at gold); score the fit and the watch cases apart."""
    cases = fit_cases + watch_cases
    alignments = align_corpus([(case.name, dict(case.lines)) for case in cases], options=AlignOptions(settings))
    pairs = [(case.gold, [bead.sentences for bead in al.beads]) for case, al in zip(cases, alignments, strict=True)]
    return quick_scores(pairs[: len(fit_cases)]), quick_scores(pairs[len(fit_cases) :])


def summary(scores: dict) -> str:
    return "  ".join(
        f"{pair} {m['link']:.3f}/{m['strict']:.3f}/{m['null']:.3f}" for pair, m in scores.items()
    )


def decoder_mistakes(cases, settings: Settings) -> dict:
    """Pair beads the aligner gets wrong with ``settings``: the hardest negatives."""
    alignments = align_corpus([(case.name, dict(case.lines)) for case in cases], options=AlignOptions(settings))
    found: dict = {}
    for case, alignment in zip(cases, alignments, strict=True):
        for pair in PAIRS:
            gold = {(spans_of(bead, pair[0]), spans_of(bead, pair[1])) for bead in case.gold}
            for bead in alignment.beads:
                spans = (spans_of(bead.sentences, pair[0]), spans_of(bead.sentences, pair[1]))
                if all(spans) and spans not in gold:
                    found.setdefault((case.name, pair), set()).add(spans)
    return found


def fit_weights(cases, options: AlignOptions, start: dict, mistakes: dict | None = None) -> dict:
    """Logistic regression per pair; features constant over these cases keep their weight in ``start``."""
    weights = {}
    for pair in PAIRS:
        name = f"{pair[0]}-{pair[1]}"
        x, y = training_rows(cases, pair, options, mistakes)
        constant = np.all(x == x[0], axis=0)  # no evidence in these cases (no glossary terms)
        beta = np.zeros(x.shape[1] + 1)
        beta[np.r_[True, ~constant]] = logistic_regression(x[:, ~constant], y)
        beta[1:][constant] = np.array(start[name][1])[constant]
        # balanced classes: the log-odds become a likelihood ratio; the DP priors say how often
        # each bead type occurs
        beta[0] += math.log((len(y) - y.sum()) / y.sum())
        weights[name] = (float(beta[0]), tuple(float(v) for v in beta[1:]))
        print(f"[{name}] {int(y.sum())} positives, {int(len(y) - y.sum())} negatives", file=sys.stderr)
    return weights


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the fitted weights into weights.toml")
    parser.add_argument(
        "--hard-negatives", action="store_true",
        help="refit once more with the pair beads the aligner still gets wrong on the fit cases as negatives",
    )
    args = parser.parse_args(argv)
    names = case_names()
    fit_cases = [read_case(n) for n in names if not is_watch_case(n)]
    watch_cases = [read_case(n) for n in names if is_watch_case(n)]
    print(f"{len(fit_cases)} fit cases, {len(watch_cases)} watch cases", file=sys.stderr)
    base = default_settings()
    first = fit_weights(fit_cases, AlignOptions(settings=base), base.first_pass_weights)
    settings = replace(base, first_pass_weights=first, pair_weights=first)
    first_pass = [align(dict(case.lines), options=AlignOptions(settings)) for case in fit_cases + watch_cases]
    lexicon = learn_lexicon(first_pass, PAIRS)
    second = fit_weights(fit_cases, AlignOptions(settings=settings, lexicon=lexicon), base.pair_weights)
    settings = replace(settings, pair_weights=second)
    if args.hard_negatives:
        mistakes = decoder_mistakes(fit_cases, settings)
        print(f"{sum(map(len, mistakes.values()))} wrong pair beads added as negatives", file=sys.stderr)
        second = fit_weights(fit_cases, AlignOptions(settings=settings, lexicon=lexicon), base.pair_weights, mistakes)
        settings = replace(settings, pair_weights=second)
    best = None
    for merge, missing, size in PRIOR_GRID:
        trial = replace(settings, priors=replace(base.priors, merge=merge, missing=missing, size=size))
        fit_scores, watch_scores = evaluate(fit_cases, watch_cases, trial)
        total = sum(m["strict"] + m["null"] for m in fit_scores.values())
        print(f"merge={merge} missing={missing} size={size}: fit {summary(fit_scores)}", file=sys.stderr)
        print(f"{'':>30} watch {summary(watch_scores)}", file=sys.stderr)
        if best is None or total > best[0]:
            best = (total, trial)
    text = render(best[1])
    print(text)
    if args.write:
        WEIGHTS.write_text(text, encoding="utf-8")
    return 0


def render(settings: Settings) -> str:
    lines = [
        "# Weights of the pair model: log-odds that two bead sides translate each other =",
        "#   bias + sum(weight[feature] * feature value)      (features: ushtil/aligner/features.py)",
        "# and the bead priors of the dynamic programme. Written by bench/fit_align_weights.py: logistic",
        "# regression on the gold beads of two thirds of the NTREX dev cases against near misses (with and",
        "# without a lexicon learned from a first pass), priors chosen on the same cases by grid search.",
        "# Features that those cases cannot show (glossary terms) keep hand-set weights.",
        "",
        "[priors]",
        "# log-penalty per sentence a language has fewer than the longest side of a bead (a merge)",
        f"merge = {settings.priors.merge}",
        "# log-penalty per language absent from a bead, times the bead's longest side (a missing sentence)",
        f"missing = {settings.priors.missing}",
        "# log-penalty for a bead that starts a paragraph in some languages but not in others",
        f"paragraph = {settings.priors.paragraph}",
        "# log-penalty per sentence beyond the first in a bead's longest side (two 1-1 beads beat one 2-2)",
        f"size = {settings.priors.size}",
        "# log-penalty per sentence beyond the first in a bead's shortest side (overlapping merges are rare)",
        f"split = {settings.priors.split}",
        "# times the log-odds (when positive) that a sentence called missing was merged into the absent",
        "# language's neighbouring sentence instead, per language pair the bead leaves unlinked",
        f"contained = {settings.priors.contained}",
        "",
        "[length]",
        "# spread (standard deviation) of log(length ratio) of 1-1 translations, per pair",
        "spread = { " + ", ".join(f'"{k}" = {v}' for k, v in settings.length_spread.items()) + " }",
    ]
    for table, tables in (("pairs", settings.pair_weights), ("first_pass", settings.first_pass_weights)):
        if table == "first_pass":
            lines += ["", "# Without a learned lexicon (first pass, small texts)."]
        for pair, (bias, weights) in tables.items():
            lines += ["", f"[{table}.{pair}]", f"bias = {bias:.4f}"]
            lines += [f"{name} = {w:.4f}" for name, w in zip(FEATURES, weights, strict=True)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
