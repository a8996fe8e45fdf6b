"""A re-run over a work folder rewrites only the files whose content changed, inside the same
all-or-nothing transaction as every other output."""

from __future__ import annotations

import shutil

import pytest

from conftest import SEED_ARTICLE
from ushtil.cli import main
from ushtil.errors import UshtilError
from ushtil.outputs import OutputTransaction


def test_write_if_changed_keeps_a_file_that_holds_the_text(tmp_path):
    same, other = tmp_path / "same.txt", tmp_path / "other.txt"
    same.write_text("бір\n", encoding="utf-8")
    other.write_text("екі\n", encoding="utf-8")
    before = same.stat()
    with OutputTransaction() as written:
        assert not written.write_if_changed(same, "бір\n")
        assert written.write_if_changed(other, "үш\n")
        assert written.write_if_changed(tmp_path / "new.txt", "төрт\n")
    assert (same.stat().st_ino, same.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert other.read_text(encoding="utf-8") == "үш\n"
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "төрт\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["new.txt", "other.txt", "same.txt"]


def test_write_if_changed_still_refuses_an_input_and_a_second_output_to_one_file(tmp_path):
    source = tmp_path / "input.txt"
    source.write_text("бір\n", encoding="utf-8")
    with pytest.raises(UshtilError, match="is the input"), OutputTransaction([source]) as written:
        written.write_if_changed(source, "бір\n")
    kept = tmp_path / "kept.txt"
    kept.write_text("бір\n", encoding="utf-8")
    with pytest.raises(UshtilError, match="two outputs"), OutputTransaction() as written:
        written.write_if_changed(kept, "бір\n")
        written.write_if_changed(kept, "екі\n")
    assert kept.read_text(encoding="utf-8") == "бір\n"


def test_align_again_rewrites_only_the_changed_alignment(tmp_path, capsys):
    corpus, work = tmp_path / "journal", tmp_path / "work"
    corpus.mkdir()
    shutil.copy(SEED_ARTICLE, corpus / "a.txt")
    shutil.copy(SEED_ARTICLE, corpus / "b.txt")
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    first = {name: (work / f"{name}.alignment.jsonl").stat() for name in ("a", "b")}
    capsys.readouterr()
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    (corpus / "b.txt").write_text(text.replace("Kazakhstan", "Qazaqstan", 1), encoding="utf-8")
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    assert "1 alignment file(s) written, 1 unchanged" in capsys.readouterr().err
    again = {name: (work / f"{name}.alignment.jsonl").stat() for name in ("a", "b")}
    assert (again["a"].st_ino, again["a"].st_mtime_ns) == (first["a"].st_ino, first["a"].st_mtime_ns)
    assert "Qazaqstan" in (work / "b.alignment.jsonl").read_text(encoding="utf-8")
    assert not [path.name for path in work.iterdir() if path.name.startswith(".") and path.is_file()]
