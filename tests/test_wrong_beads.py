"""bench/wrong_beads.py: the cause of each wrong missing sentence, read from the NTREX cases' manifest."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.append(str(Path(__file__).resolve().parents[1] / "bench"))
import wrong_beads
from ntrex_cases import DEV_DIR, LANGS, read_case, source_sentences

pytestmark = pytest.mark.skipif(not DEV_DIR.is_dir(), reason="../shared/bench/ntrex-dev is not there")


def test_source_sentences_rebuild_every_line():
    held = source_sentences()
    for name in ("guardian.221718", "newsweek.51330", "bbc.381790"):
        case = read_case(name)
        for lang in LANGS:
            assert len(held[name][lang]) == len(case.lines[lang])
        for bead in case.gold:  # a gold bead holds the same source sentences in every language it has
            found = [{s for i in bead[lang] for s in held[name][lang][i]} for lang in LANGS if bead[lang]]
            assert all(found[0] <= other or other <= found[0] for other in found)


def test_a_deletion_inside_a_merged_line_is_a_partial_bead():
    held = source_sentences()["guardian.221718"]
    # Russian lost source sentences 14-16; Kazakh line 13 joins 13 and 14, English line 14 joins 14 and 15
    assert wrong_beads._unmakeable({"en": [13, 14], "kk": [13, 14], "ru": [13]}, held) == "partial: ru lacks a sentence"
    assert wrong_beads._unmakeable({"en": [15], "kk": [15], "ru": []}, held) == ""  # missing, but makeable
    assert wrong_beads._unmakeable({"en": [0, 1, 2, 3], "kk": [0], "ru": [0]}, held) == "over 3"


def test_wrong_nulls_are_printed_with_their_cause(tmp_path, capsys):
    name = "guardian.221718"
    gold = read_case(name).gold
    # the aligner's held-out error there: the English/Kazakh pair called missing in Russian and its
    # Russian sentence paired with the next line, whose Russian was the one really missing
    made = [dict(bead) for bead in gold if bead["en"] != [13, 14] and bead["en"] != [15]]
    made += [{"en": [13, 14], "kk": [13, 14], "ru": []}, {"en": [15], "kk": [15], "ru": [13]}]
    made.sort(key=lambda bead: min(bead["en"] or [99]))
    (tmp_path / f"{name}.alignment.jsonl").write_text("".join(json.dumps(b) + "\n" for b in made), encoding="utf-8")
    assert wrong_beads.main([str(tmp_path), name]) == 0
    out = capsys.readouterr().out
    assert f"{name} en13 (made, partial: ru lacks a sentence)" in out
    assert f"{name} en15 (gold, partial: ru lacks a sentence)" in out
    assert "en-ru: 1 / 2 / 0 (wrong: 3 partial)" in out


def test_against_lists_the_beads_a_change_moved(tmp_path, capsys):
    name = "scotsman.133801"
    gold = read_case(name).gold
    # before: the two English/Russian pairs whose Kazakh is missing joined into one bead (the held-out
    # error there); after: the gold
    before = [dict(bead) for bead in gold if bead["en"] not in ([8], [9])]
    before.append({"en": [8, 9], "kk": [], "ru": [8, 9]})
    before.sort(key=lambda bead: min(bead["en"] or [99]))
    for folder, beads in (("before", before), ("after", gold)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / f"{name}.alignment.jsonl").write_text("".join(json.dumps(b) + "\n" for b in beads),
                                                                   encoding="utf-8")
    assert wrong_beads.main([str(tmp_path / "after"), name, "--against", str(tmp_path / "before")]) == 0
    out = capsys.readouterr().out.split("beads that differ")[1]
    assert "in 1 cases" in out
    assert "  BEFORE - en[8, 9] kk[] ru[8, 9]" in out
    assert "  AFTER + en[8] kk[] ru[8]" in out and "  AFTER + en[9] kk[] ru[9]" in out
    # the same predictions: nothing moved
    assert wrong_beads.main([str(tmp_path / "after"), name, "--against", str(tmp_path / "after")]) == 0
    assert "in 0 cases" in capsys.readouterr().out
