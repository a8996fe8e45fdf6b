"""Issue 10, point 3: one batch rule for every command. Each bad input gets one line (file: reason),
the others are processed and written, exit 1; exit 2 only when nothing could be processed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SEED_ARTICLE
from ushtil.cli import main

BAD = {"missing.txt": "missing.txt: no such file or folder",
       "batch/empty.txt": "batch/empty.txt: the file is empty",
       "batch/binary.txt": "batch/binary.txt: looks like a binary file, not text"}


@pytest.fixture
def batch(tmp_path, monkeypatch):
    """A folder with the seed article and two unusable files, plus a name that does not exist."""
    monkeypatch.chdir(tmp_path)
    Path("batch").mkdir()
    shutil.copy(SEED_ARTICLE, "batch/good.txt")
    Path("batch/empty.txt").write_bytes(b"")
    Path("batch/binary.txt").write_bytes(b"\x00\x01\x02\x03 not text" * 10)
    return tmp_path


def error_lines(err: str, command: str) -> list[str]:
    prefix = f"ushtil {command}: error: "
    return sorted(line[len(prefix):] for line in err.splitlines() if line.startswith(prefix))


@pytest.mark.parametrize(("argv", "written"), [
    (["extract", "batch", "missing.txt", "--json", "out.jsonl"], "out.jsonl"),
    (["align", "batch", "missing.txt", "-o", "out"], "out/good.alignment.jsonl"),
    (["check", "batch", "missing.txt", "--only", "structure", "--json", "out.json"], "out.json"),
    (["glossary", "batch", "missing.txt", "--no-store", "--csv", "out.csv"], "out.csv"),
])
def test_bad_inputs_are_reported_and_the_others_written(batch, argv, written, capsys):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert error_lines(err, argv[0]) == sorted(BAD.values())
    text = Path(written).read_text(encoding="utf-8-sig")
    assert "Central Asia" in text or "Орталық Азия" in text or "Орта Азия" in text
    if argv[0] == "check":  # some articles checked: 1, and the good one is in the report
        assert [a["id"] for a in json.loads(text)["articles"]] == ["good"]
    assert Path("batch/good.txt").read_bytes() == SEED_ARTICLE.read_bytes()


@pytest.mark.parametrize("command", [["extract"], ["align", "-o", "out"], ["check"],
                                     ["glossary", "--no-store", "--csv", "out.csv"]])
def test_nothing_processed_is_exit_2_with_every_reason(batch, command, capsys):
    argv = [command[0], "batch/empty.txt", "batch/binary.txt", "missing.txt", *command[1:]]
    assert main(argv) == 2
    lines = error_lines(capsys.readouterr().err, command[0])
    assert set(BAD.values()) <= set(lines)
    assert not Path("out").exists() and not Path("out.csv").exists()
