"""Issue 10, point 1: an output that is an input (by any path: relative, ``..``, symlink, hard link) or
whose suffix does not fit its format is refused before anything is read or written: one line, exit 2."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import SEED_ARTICLE
from ushtil.cli import main
from ushtil.errors import UshtilError
from ushtil.outputs import guard_outputs, identity, requested


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A working folder holding ``art.txt`` (the seed article), a hard link, a symlink and a subfolder."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED_ARTICLE, "art.txt")
    os.link("art.txt", "hard.jsonl")
    os.link("art.txt", "hard.xlsx")
    os.symlink("art.txt", "link.tmx")
    os.symlink("art.txt", "link.json")
    Path("sub").mkdir()
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("argv", [
    # the cases, as typed
    ["extract", "art.txt", "--json", "art.txt"],
    ["check", "art.txt", "--json", "art.txt"],
    ["check", "art.txt", "-o", "art.txt"],
    ["align", "art.txt", "-o", "out", "--xlsx", "art.txt"],
    ["align", "art.txt", "-o", "out", "--tmx", "art.txt"],
    # the same file under another name: hard link, symlink, relative path with ..
    ["extract", "art.txt", "--json", "hard.jsonl"],
    ["extract", "sub/../art.txt", "--json", "sub/../hard.jsonl"],
    ["extract", ".", "--json", "hard.jsonl"],
    ["check", "art.txt", "-o", "hard.xlsx"],
    ["check", "art.txt", "--json", "link.json"],
    ["check", "--en", "art.txt", "--kk", "art.txt", "--json", "link.json"],
    ["check", "art.txt", "--reference", "hard.xlsx", "--json", "x.json"],
    ["check", "art.txt", "--ref-kk", "link.json", "--json", "link.json"],
    ["align", "art.txt", "-o", "out", "--xlsx", "hard.xlsx"],
    ["align", ".", "-o", "out", "--tmx", "link.tmx"],
    ["glossary", "art.txt", "-o", "hard.xlsx"],
    ["glossary", ".", "--tbx", "out.tbx", "--csv", "out.csv", "-o", "hard.xlsx"],
    ["glossary", "art.txt", "--store", "art.txt"],
    # two outputs in one file, and outputs whose suffix does not fit their format
    ["align", "art.txt", "-o", "out", "--xlsx", "x.xlsx", "--tmx", "x.xlsx"],
    ["glossary", "art.txt", "-o", "g.csv", "--csv", "g.csv"],
    ["glossary", "art.txt", "--csv", "g.csv", "--store", "g.csv"],
    ["check", "art.txt", "-o", "report.txt"],
    ["check", "art.txt", "--json", "report.xlsx"],
    ["glossary", "art.txt", "--tbx", "g.xlsx"],
    ["align", "art.txt", "-o", "art.txt"],
])
def test_output_that_is_an_input_or_of_the_wrong_type_is_refused(folder, argv, capsys):
    before = snapshot(folder)
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"ushtil {argv[0]}: error:") and "\n" not in err, err
    same_file = argv[-1] in ("art.txt", "hard.jsonl", "hard.xlsx", "link.tmx", "link.json")
    if same_file and argv[:1] + argv[-2:-1] != ["align", "-o"]:
        assert "is the input" in err and "refusing to overwrite it" in err
    assert snapshot(folder) == before  # the article unchanged byte for byte, nothing written
    assert not Path("out").exists()


def test_review_import_outputs_never_overwrite_the_workbook(folder, seed_alignment, capsys):
    from ushtil.export.review_workbook import write_review_workbook

    write_review_workbook([seed_alignment], "review.xlsx")
    os.link("review.xlsx", "review.tmx")
    before = snapshot(folder)
    assert main(["review", "import", "review.xlsx", "-o", "reviewed", "--tmx", "review.tmx"]) == 2
    assert "is the input review.xlsx" in capsys.readouterr().err
    assert main(["review", "import", "review.xlsx", "-o", "reviewed", "--report", "review.xlsx"]) == 2
    assert "is the input review.xlsx" in capsys.readouterr().err
    assert main(["review", "import", "review.xlsx", "-o", "reviewed", "--report", "report.xlsx"]) == 2
    assert "this option writes Markdown" in capsys.readouterr().err
    assert snapshot(folder) == before


def test_glossary_store_may_not_be_another_output_or_an_input(folder, capsys):
    Path("g.tsv").write_text("id\ten\tkk\tru\tvariants\tkind\tstatus\tnote\tsource\n", encoding="utf-8")
    os.link("g.tsv", "same.tsv")
    before = snapshot(folder)
    assert main(["glossary", "import", "hard.xlsx", "--store", "hard.xlsx"]) == 2
    assert main(["glossary", "art.txt", "--store", "g.tsv", "--no-store"]) == 2
    capsys.readouterr()
    with pytest.raises(UshtilError, match=r"is the input same\.tsv"):
        guard_outputs([Path("same.tsv")], [], updated=requested("--store", "g.tsv", "tsv"))
    assert snapshot(folder) == before


def test_identity_meets_relative_dotdot_symlink_and_hard_link(folder):
    same = ["art.txt", "sub/../art.txt", str(folder / "art.txt"), "hard.jsonl", "link.tmx"]
    assert len({identity(path) for path in same}) == 1
    assert identity("new.json") == identity("sub/../new.json") != identity("sub/new.json")


def test_allowed_cases_still_run(folder, capsys):
    """An output folder that is the input folder (``align d -o d``) and outputs beside the input are fine."""
    Path("d").mkdir()
    shutil.copy("art.txt", "d/art.txt")
    assert main(["align", "d", "-o", "d"]) == 0
    assert main(["align", "d", "-o", "d"]) == 0  # again, over its own earlier alignment
    assert Path("d/art.alignment.jsonl").is_file()
    assert Path("d/art.txt").read_bytes() == SEED_ARTICLE.read_bytes()
    assert main(["extract", "art.txt", "--json", "art.jsonl"]) == 0
