"""Issue 10, point 7: options are checked, and text that looks like a formula is kept as text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SEED_ARTICLE
from ushtil.cli import main

TITLE = "Kazakhstan as a Center of Gravity in Central Asia in the Clash between the USA and China"


@pytest.mark.parametrize("value", ["2", "-0.1", "1.5", "nan", "high"])
def test_min_confidence_outside_0_1_is_refused(value, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["glossary", str(SEED_ARTICLE), "--csv", str(tmp_path / "g.csv"), "--min-confidence", value])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "--min-confidence" in err and "Traceback" not in err
    assert not (tmp_path / "g.csv").exists()


def test_min_confidence_inside_0_1_is_used(tmp_path, capsys):
    assert main(["glossary", str(SEED_ARTICLE), "--no-store", "--csv", str(tmp_path / "all.csv"),
                 "--min-confidence", "0"]) == 0
    assert main(["glossary", str(SEED_ARTICLE), "--no-store", "--csv", str(tmp_path / "sure.csv"),
                 "--min-confidence", "0.9"]) == 0
    count = {name: (tmp_path / name).read_text(encoding="utf-8-sig").count("\n") for name in ("all.csv", "sure.csv")}
    assert count["all.csv"] > count["sure.csv"] > 1


def test_glossary_import_outputs_are_honoured_or_refused(tmp_path, capsys):
    store = tmp_path / "store.tsv"
    workbook = tmp_path / "g.xlsx"
    assert main(["glossary", str(SEED_ARTICLE), "-o", str(workbook), "--store", str(store)]) == 0
    before = store.read_bytes()
    assert main(["glossary", "import", str(workbook), "--store", str(store), "-o", str(tmp_path / "x.docx")]) == 2
    assert "name a file ending in .xlsx, .tbx, .csv" in capsys.readouterr().err
    assert main(["glossary", "import", str(workbook), "--store", str(store), "--min-confidence", "0.5"]) == 2
    assert main(["glossary", "import", str(workbook), "--store", str(store), "--tbx", str(tmp_path / "s.tbx")]) == 0
    assert "<tbx" in (tmp_path / "s.tbx").read_text(encoding="utf-8")
    assert store.read_bytes() == before


def test_title_starting_with_equals_is_kept_as_text(tmp_path, monkeypatch, capsys):
    from openpyxl import load_workbook

    monkeypatch.chdir(tmp_path)
    text = SEED_ARTICLE.read_text(encoding="utf-8").replace(f"# {TITLE}", f"# ={TITLE}", 1)
    Path("eq.txt").write_text(text, encoding="utf-8")
    assert main(["extract", "eq.txt", "--json", "eq.jsonl"]) == 0
    assert json.loads(Path("eq.jsonl").read_text(encoding="utf-8"))["en"]["title"] == f"={TITLE}"
    assert main(["align", "eq.txt", "-o", "out", "--xlsx", "out/review.xlsx"]) == 0
    cell = load_workbook("out/review.xlsx")["Alignment"]["D2"]
    assert (cell.value, cell.data_type) == (f"={TITLE}", "s")
    assert main(["review", "import", "out/review.xlsx", "-o", "reviewed"]) == 0
    first = json.loads(Path("reviewed/eq.alignment.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["text"]["en"] == f"={TITLE}"
    assert main(["check", "eq.txt", "--only", "structure", "-o", "check.xlsx"]) == 1
    cell = load_workbook("check.xlsx")["Aligned"]["G2"]
    assert (cell.value, cell.data_type) == (f"={TITLE}", "s")
