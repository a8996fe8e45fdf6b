"""Issue 10, point 6: all outputs of one command are written together; after a failure or Ctrl-C every
earlier file is as it was, no temporary file is left, and the user sees one line, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED_ARTICLE
from ushtil.cache import CACHE_FOLDER
from ushtil.cli import main
from ushtil.errors import OutputError
from ushtil.outputs import OutputTransaction


def listing(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but the cache of per-text results (kept on purpose: a re-run after
    Ctrl-C resumes from what was finished; it is never an output)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and CACHE_FOLDER not in p.parts}


@pytest.fixture
def earlier(tmp_path, monkeypatch):
    """A folder with the article and the outputs of an earlier run (old contents)."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED_ARTICLE, "art.txt")
    Path("out").mkdir()
    for name in ("out/art.alignment.jsonl", "out/review.xlsx", "out/aligned.tmx", "report.xlsx", "report.json"):
        Path(name).write_text(f"earlier {name}\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError])
def test_transaction_keeps_every_earlier_file(tmp_path, failure):
    first, second, third = tmp_path / "a.json", tmp_path / "b" / "c.tmx", tmp_path / "b" / "d" / "e.md"
    first.write_text("old a", encoding="utf-8")
    with pytest.raises(failure), OutputTransaction() as written:
        written.write_text(first, "new a")
        written.write_text(second, "new c")
        written.write_text(third, "new e")
        raise failure()
    assert first.read_text(encoding="utf-8") == "old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]  # no temp files, no new folder


def test_failed_move_puts_the_earlier_targets_back(tmp_path, monkeypatch):
    import ushtil.outputs

    targets = [tmp_path / name for name in ("a.json", "b.json", "c.json")]
    for target in targets:
        target.write_text(f"old {target.name}", encoding="utf-8")
    real = ushtil.outputs.move_into_place
    calls = []

    def failing(temporary, target):
        calls.append(target)
        if len(calls) == 3:
            raise OutputError(f"{target}: cannot write (disk full)")
        real(temporary, target)

    monkeypatch.setattr(ushtil.outputs, "move_into_place", failing)
    with pytest.raises(OutputError), OutputTransaction() as written:
        for target in targets:
            written.write_text(target, f"new {target.name}")
    assert [t.read_text(encoding="utf-8") for t in targets] == ["old a.json", "old b.json", "old c.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json", "c.json"]


def test_commit_moves_all_and_keeps_permissions(tmp_path):
    old = tmp_path / "old.json"
    old.write_text("old", encoding="utf-8")
    old.chmod(0o640)
    with OutputTransaction() as written:
        written.write_text(old, "new")
        written.write_text(tmp_path / "new.json", "fresh")
    assert old.read_text(encoding="utf-8") == "new" and (old.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.json", "old.json"]


def test_align_interrupted_while_writing_the_tmx_changes_nothing(earlier, monkeypatch, capsys):
    import ushtil.export.tmx

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(ushtil.export.tmx, "write_tmx", interrupted)
    before = listing(earlier)
    code = main(["align", "art.txt", "-o", "out", "--xlsx", "out/review.xlsx", "--tmx", "out/aligned.tmx"])
    assert code == 130
    assert capsys.readouterr().err.strip().splitlines()[-1] == "ushtil align: interrupted; no output was changed"
    assert listing(earlier) == before  # the jsonl and the xlsx were written to temp files, now removed


@pytest.mark.parametrize("when", ["starting", "ending"])
def test_ctrl_c_as_the_command_starts_or_ends_is_one_line(earlier, monkeypatch, capsys, when):
    """Ctrl-C while the command's modules are imported, or after its outputs are written (the review
    import of a 4 MB triple's workbook, SIGINT at 2.3 s), ran past every handler: a traceback. The
    process then takes no more Ctrl-C: what is left is its exit (the cache's commit)."""
    import gc
    import signal

    import ushtil.cli

    thresholds, set_threshold = gc.get_threshold(), gc.set_threshold

    def interrupted(*args):
        raise KeyboardInterrupt

    if when == "starting":
        monkeypatch.setattr(ushtil.cli, "build_parser", interrupted)
    else:  # as the command's collector thresholds are put back
        monkeypatch.setattr(gc, "set_threshold", lambda *values: values == thresholds and interrupted())
    taken = []
    monkeypatch.setattr(signal, "signal", lambda *handler: taken.append(handler))
    monkeypatch.setattr(sys, "argv", ["ushtil", "extract", "art.txt", "--json", "out.jsonl"])
    try:
        code = main()
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C ran past the command's handlers")
    finally:
        gc.unfreeze()  # (a command's process freezes what it holds; this one goes on with the tests)
        set_threshold(*thresholds)
    assert code == 130
    assert capsys.readouterr().err.splitlines()[-1] == (
        "ushtil: interrupted before or after the command's work; no output is half written")
    assert Path("out.jsonl").exists() == (when == "ending")
    assert taken[-1] == (signal.SIGINT, signal.SIG_IGN)


def test_check_failing_on_the_json_leaves_the_workbook_as_it_was(earlier, monkeypatch, capsys):
    import ushtil.export.check_report

    def full_disk(report, path, cache=None):
        raise OutputError(f"{path}: cannot write (No space left on device)")

    monkeypatch.setattr(ushtil.export.check_report, "write_check_json", full_disk)
    before = listing(earlier)
    assert main(["check", "art.txt", "-o", "report.xlsx", "--json", "report.json"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert listing(earlier) == before


def test_unwritable_xlsx_is_one_line_and_leaves_no_jsonl(earlier):
    """The issue's case: no openpyxl 'Exception ignored … Traceback' noise, no new jsonl left behind."""
    before = listing(earlier)
    result = subprocess.run(
        [sys.executable, "-m", "ushtil", "align", "art.txt", "-o", "fresh", "--xlsx", "art.txt/review.xlsx"],
        capture_output=True, text=True, timeout=300, cwd=earlier,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert result.stderr.strip() == ("ushtil align: error: --xlsx art.txt/review.xlsx: cannot be written "
                                     "(art.txt is a file, not a folder)")
    assert listing(earlier) == before and not Path("fresh").exists()


def test_an_unforeseen_failure_is_one_line_and_changes_nothing(earlier, monkeypatch, capsys):
    import ushtil.export.tmx

    def broken(*args, **kwargs):
        raise ValueError("something nobody foresaw")

    monkeypatch.setattr(ushtil.export.tmx, "write_tmx", broken)
    monkeypatch.delenv("USHTIL_DEBUG", raising=False)
    before = listing(earlier)
    assert main(["align", "art.txt", "-o", "out", "--tmx", "out/aligned.tmx"]) == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith("ushtil align: internal error: ValueError: something nobody foresaw")
    assert listing(earlier) == before


def test_failed_review_workbook_prints_no_exception_ignored_noise(seed_alignment, tmp_path, monkeypatch):
    """openpyxl's write-only sheets stream as they are filled; left open after a failure, their
    generators print 'Exception ignored … Traceback' when collected. They are closed quietly now."""
    import gc

    import ushtil.export.review_workbook as review

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    monkeypatch.setattr(review, "_write_metadata_sheet", full_disk)
    with pytest.raises(OSError):
        review.write_review_workbook([seed_alignment], tmp_path / "review.xlsx")
    gc.collect()
    assert unraisable == []
    assert list(tmp_path.iterdir()) == []


def test_unwritable_xlsx_folder_is_one_line_and_leaves_no_jsonl(earlier, monkeypatch, capsys):
    """The issue's case with a folder the user may not write (simulated: the tests run as root)."""
    import ushtil.outputs
    from ushtil.errors import OutputError

    real = ushtil.outputs.temporary_beside

    def no_permission(path, suffix):
        if path.suffix == ".xlsx":
            raise OutputError(f"{path}: cannot write (Permission denied)")
        return real(path, suffix)

    monkeypatch.setattr(ushtil.outputs, "temporary_beside", no_permission)
    before = listing(earlier)
    assert main(["align", "art.txt", "-o", "out", "--xlsx", "locked/review.xlsx", "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "ushtil align: error: locked/review.xlsx: cannot write (Permission denied)"
    assert listing(earlier) == before
