"""A glossary re-run whose glossary is the one the last run wrote leaves its files as they are (a
workbook is most of the time of such a run); a file edited since, or ``--fresh``, is written again,
with what a first run writes."""

from __future__ import annotations

from test_glossary_incremental import glossary
from test_scale_cli import corpus  # noqa: F401 (the fixture)
from ushtil.cli import main


def test_exports_of_the_same_glossary_are_kept_and_an_edited_one_written_again(corpus, tmp_path, capsys):  # noqa: F811
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    out = tmp_path / "out"
    first = glossary(work, out, "--jobs", "1")
    said = capsys.readouterr().err
    assert "written: Excel workbook" in said and "unchanged" not in said
    stamps = {path.name: path.stat().st_mtime_ns for path in out.iterdir()}

    again = glossary(work, out, "--jobs", "1")
    said = capsys.readouterr().err
    assert said.count("(unchanged: this glossary as the last run wrote it)") == 3  # xlsx, CSV, TBX
    assert again == first
    assert {path.name: path.stat().st_mtime_ns for path in out.iterdir()} == stamps

    csv = out / "glossary.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("Kazakhstan", "Qazaqstan"), encoding="utf-8")
    repaired = glossary(work, out, "--jobs", "1")
    said = capsys.readouterr().err
    assert f"CSV {csv} (unchanged" not in said and f"CSV {csv}" in said  # written, not kept
    assert said.count("(unchanged: this glossary as the last run wrote it)") == 2
    assert repaired == first

    fresh = glossary(work, out, "--jobs", "1", "--fresh")
    assert "unchanged" not in capsys.readouterr().err
    assert fresh == first
