"""bench/path_costs.py --scores: the F1 of the held-out paths as the fit decodes them, in seconds."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.append(str(Path(__file__).resolve().parents[1] / "bench"))
import path_costs
from ntrex_cases import DEV_DIR

pytestmark = pytest.mark.skipif(not DEV_DIR.is_dir(), reason="../shared/bench/ntrex-dev is not there")

SHIPPED = Path(__file__).resolve().parents[1] / "src" / "ushtil" / "aligner" / "data" / "weights.toml"


def test_scores_of_a_case_decoded_as_its_gold(tmp_path, capsys):
    for fold in range(3):
        shutil.copy(SHIPPED, tmp_path / f"fold{fold}.weights.toml")
    assert path_costs.main([str(tmp_path), "bbc.381780"]) == 0
    assert capsys.readouterr().out == ""  # its path is the gold: no beads to show
    assert path_costs.main([str(tmp_path), "bbc.381780", "--scores"]) == 0
    assert capsys.readouterr().out.strip() == " | ".join(
        f"{pair} 1.000/1.000/1.000" for pair in ("en-kk", "en-ru", "kk-ru"))
