"""The bead score calibration, fitted and measured on beads that the pair weights never saw.

usage: python bench/calibration.py [--weights-dir DIR] [--write] [--orders K] [--seed S] [--augment NAME]

Fitted on the beads of the cases the pair weights were fitted on, a calibration learns from
alignments better than those of unseen text, and is too sure of itself there (on NTREX dev, the
shipped inputs fitted so: held-out beads scored 0.80-0.90 are 68 % right, and 12 of the 28 wrong
ones score below 0.70; fitted as below: 70 % and 16). So:

* the shipped calibration (``--write``) is fitted on dev's cross-validated beads: each third of
  the cases aligned with weights fitted on the other two thirds (the cross-validated row of
  ``bench/align_ntrex.py``), the way the shipped weights meet unseen text;
* its held-out estimate is nested (:func:`held_out_calibration`): for each third f, the calibration
  is fitted on the beads of the other two thirds g and h, g's aligned with weights fitted on h
  alone and h's with weights fitted on g alone, so neither weights nor calibration saw f; it then
  scores f's beads aligned with the weights fitted on g and h together.

Prints the calibration line of ``bench/align_ntrex.py`` (share of held-out beads exactly right per
score bin, wrong beads below 0.70, beads flagged ``low_score`` and the wrong ones among them) and
the ranking's AUC. The fitted weights are kept in ``--weights-dir`` (outerF / singleG.weights.toml)
and read from there by later runs; delete them after a change to the pair model. Every fold's
weights are fitted as the shipped ones are (``fit_align_weights.fit``: the structured stage averaged
over ``--orders`` case orders), so the calibration learns from the alignments the shipped weights make.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from dataclasses import replace
from pathlib import Path

import numpy as np

from augment_cases import AUGMENTATIONS
from fit_align_weights import AUGMENT, EPOCHS, ORDERS, WEIGHTS, calibration_rows, fit, fit_calibration, render
from ntrex_cases import DEV_DIR, case_names, fold_of, read_case
from ushtil.aligner.scoring import Calibration, Settings, settings_from_dict

FOLDS = range(3)


def fold_settings(every, folder: Path, kind: str, fold: int, orders: int = ORDERS, seed: int = 0,
                  augment: str = AUGMENT) -> Settings:
    """The weights fitted on every case outside ``fold`` (``kind`` "outer") or on its cases alone
    ("single"); read from ``folder`` when an earlier run left them there."""
    path = folder / f"{kind}{fold}.weights.toml"
    if path.exists():
        kept = tomllib.loads(path.read_text(encoding="utf-8"))
        kept["calibration"] = {"low_score": kept["calibration"]["low_score"]}  # each use fits its own
        return settings_from_dict(kept)
    cases = [case for case in every if (fold_of(case.name) == fold) == (kind == "single")]
    settings = fit(cases, every, EPOCHS, orders, seed, augment)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(render(settings), encoding="utf-8")
    return settings


def held_out_rows(every, folder: Path, folds=FOLDS, orders: int = ORDERS, seed: int = 0,
                  augment: str = AUGMENT) -> tuple[np.ndarray, np.ndarray]:
    """The evidence and rightness of the beads of each fold in ``folds``, aligned with the weights
    fitted on the cases outside it."""
    parts = [calibration_rows([c for c in every if fold_of(c.name) == fold],
                              fold_settings(every, folder, "outer", fold, orders, seed, augment), every)
             for fold in folds]
    return np.concatenate([rows for rows, _ in parts]), np.concatenate([labels for _, labels in parts])


def held_out_calibration(fold: int, every, folder: Path, orders: int = ORDERS, seed: int = 0,
                         augment: str = AUGMENT) -> Calibration:
    """The calibration for the beads of ``fold``, fitted without them: on the other two folds' beads,
    each aligned with the weights fitted on the third one left."""
    g, h = (other for other in FOLDS if other != fold)
    parts = [calibration_rows([c for c in every if fold_of(c.name) == aligned],
                              fold_settings(every, folder, "single", fitted, orders, seed, augment), every)
             for aligned, fitted in ((g, h), (h, g))]
    return fit_calibration(np.concatenate([rows for rows, _ in parts]),
                           np.concatenate([labels for _, labels in parts]))


def with_calibration(text: str, shipped: Calibration) -> str:
    """weights.toml's text with its ``[calibration]`` table (up to the next table) replaced by
    ``shipped``'s, as ``fit_align_weights.render`` writes it; the rest is left as it is."""
    data = tomllib.loads(text)
    data["calibration"] = {"low_score": data["calibration"]["low_score"]}
    current = settings_from_dict(data)
    return text.replace(_calibration_block(text), _calibration_block(render(replace(current, calibration=shipped))))


def _calibration_block(text: str) -> str:
    start = text.index("[calibration]")
    return text[start : text.index("\n[", start) + 1]


def auc(scores: np.ndarray, right: np.ndarray) -> float:
    """The chance that a right bead scores above a wrong one (ties count half)."""
    good, bad = scores[right > 0], scores[right == 0]
    if not len(good) or not len(bad):
        return float("nan")
    above = (good[:, None] > bad[None]).sum() + 0.5 * (good[:, None] == bad[None]).sum()
    return float(above / (len(good) * len(bad)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights-dir", type=Path, help="keep (and reuse) the fitted fold weights here")
    parser.add_argument("--write", action="store_true",
                        help="store the calibration fitted on every fold's held-out beads in weights.toml")
    parser.add_argument("--orders", type=int, default=ORDERS, help=f"structured fits averaged (default {ORDERS})")
    parser.add_argument("--seed", type=int, default=0, help="seed of their case orders (default 0)")
    parser.add_argument("--augment", choices=AUGMENTATIONS, default=AUGMENT,
                        help=f"variants their structured fits meet (default {AUGMENT})")
    args = parser.parse_args(argv)
    from align_ntrex import align_ushtil, calibration
    from ushtil.aligner import AlignOptions, write_alignment

    names = case_names(DEV_DIR)
    every = [read_case(name) for name in names]
    folder = args.weights_dir or Path(tempfile.mkdtemp(prefix="ushtil-calibration-"))
    predictions = folder / "held-out"
    scores, labels = [], []
    for fold in FOLDS:
        settings = replace(fold_settings(every, folder, "outer", fold, args.orders, args.seed, args.augment),
                           calibration=held_out_calibration(fold, every, folder, args.orders, args.seed, args.augment))
        rows, right = calibration_rows([c for c in every if fold_of(c.name) == fold], settings, every)
        scores.append(settings.calibration.probabilities(rows))
        labels.append(right)
        _, _, alignments = align_ushtil(DEV_DIR, names, folder / f"fold{fold}", False, AlignOptions(settings))
        predictions.mkdir(parents=True, exist_ok=True)
        for alignment in alignments:
            if fold_of(alignment.name) == fold:
                write_alignment(alignment, predictions / f"{alignment.name}.alignment.jsonl")
    print(calibration(DEV_DIR, names, predictions))
    print(f"  ranking of the linked held-out beads: AUC {auc(np.concatenate(scores), np.concatenate(labels)):.3f}")
    if args.write:
        shipped = fit_calibration(*held_out_rows(every, folder, FOLDS, args.orders, args.seed, args.augment))
        WEIGHTS.write_text(with_calibration(WEIGHTS.read_text(encoding="utf-8"), shipped), encoding="utf-8")
        print("calibration written to", WEIGHTS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
