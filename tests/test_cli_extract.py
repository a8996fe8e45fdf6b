"""``ushtil extract`` end to end, and the one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pypdf import PdfWriter

from conftest import ROOT, SEED_ARTICLE
from ushtil.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ushtil", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_help_lists_subcommands():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "extract" in result.stdout


def test_extract_writes_json_lines(tmp_path, capsys):
    out = tmp_path / "articles.jsonl"
    assert main(["extract", str(ROOT / "corpus"), "--json", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 1
    record = records[0]
    assert [len(record[lang]["abstract"]) for lang in ("en", "kk", "ru")] == [6, 5, 6]
    assert [len(record[lang]["keywords"]) for lang in ("en", "kk", "ru")] == [7, 7, 7]
    assert record["kk"]["sentences"][0][1].startswith("Шындығында бұл")
    summary = capsys.readouterr().err
    assert "en: 6 ¶, 11 sent., 7 kw | kk: 5 ¶, 9 sent., 7 kw | ru: 6 ¶, 11 sent., 7 kw" in summary


def test_extract_separate_files(tmp_path, capsys, seed_article):
    paths = []
    for lang in ("en", "kk", "ru"):
        path = tmp_path / f"a.{lang}.txt"
        path.write_text("\n\n".join(seed_article.part(lang).paragraphs), encoding="utf-8")
        paths += [f"--{lang}", str(path)]
    assert main(["extract", *paths]) == 0
    record = json.loads(capsys.readouterr().out)
    assert len(record["ru"]["sentences"]) == 6


def _no_text_pdf(path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as handle:
        writer.write(handle)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("empty.txt", lambda p: p.write_bytes(b""), "the file is empty"),
        ("blank.txt", lambda p: p.write_text("  \n\n \n"), "only whitespace"),
        ("binary.txt", lambda p: p.write_bytes(bytes(range(256)) * 40), "binary file"),
        ("scan.pdf", _no_text_pdf, "no text layer"),
        ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n garbage"), "PDF"),
        ("broken.docx", lambda p: p.write_bytes(b"PK\x03\x04 not a zip"), ".docx"),
        ("numbers.txt", lambda p: p.write_text("122\n\n123\n\nISSN 2616-6887\n"), "no text to read"),
        ("huge.txt", lambda p: p.write_bytes(b"Central Asia. " * (50 * 2**20 // 14)), "too large"),
        ("photo.jpg", lambda p: p.write_bytes(b"\xff\xd8\xff\xe0"), "unsupported file type"),
    ],
)
def test_bad_input_gives_one_line_error(tmp_path, name, make, message):
    path = tmp_path / name
    make(path)
    result = run_cli("extract", str(path), "--json", str(tmp_path / "out.jsonl"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.jsonl").exists() or (tmp_path / "out.jsonl").read_text() == ""


def test_a_folder_given_for_an_abstract_file_is_named_so(tmp_path, capsys):
    """``--en FOLDER`` said "FOLDER: no such file" of a folder that is there."""
    assert main(["extract", "--en", str(tmp_path), "--json", str(tmp_path / "out.jsonl")]) == 2
    error = capsys.readouterr().err
    assert error == f"ushtil extract: error: {tmp_path}: is a folder; name the file holding the abstract\n"
    assert main(["extract", "--en", str(tmp_path / "none.txt")]) == 2
    assert capsys.readouterr().err.endswith("none.txt: no such file\n")
    (tmp_path / "en.txt").write_text("Abstract. Kazakhstan borders China.", encoding="utf-8")
    # and a reference abstract: "FOLDER: unsupported file type (none)"
    assert main(["check", "--en", str(tmp_path / "en.txt"), "--ref-kk", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"ushtil check: error: {tmp_path}: is a folder; name a file\n"


def test_one_bad_file_among_good_ones_keeps_the_rest(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "seed.txt").write_bytes(SEED_ARTICLE.read_bytes())
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path), "--json", str(out)]) == 1
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    error = capsys.readouterr().err
    assert "empty.txt: the file is empty" in error
    # the closing summary counts both (to stdout it had none)
    assert error.endswith(f"1 article(s) written to {out}; 1 input(s) could not be read (see the error lines above)\n")
    assert main(["extract", str(tmp_path)]) == 1
    assert capsys.readouterr().err.endswith("1 article(s) written to stdout; 1 input(s) could not be read "
                                            "(see the error lines above)\n")


def test_a_readers_unforeseen_failure_names_the_file(tmp_path, capsys, monkeypatch):
    """A damaged file can make a library fail in a way no reader foresaw (pypdf's IndexError on a
    broken page tree): the line said "internal error (IndexError: …)" and not which file."""
    from ushtil.read import formats

    def broken(path):
        raise IndexError("list index out of range")

    monkeypatch.setitem(formats._LOADERS, ".pdf", broken)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "seed.txt").write_bytes(SEED_ARTICLE.read_bytes())
    assert main(["extract", str(tmp_path), "-j", "1", "-q", "--json", str(tmp_path / "out.jsonl")]) == 1
    assert capsys.readouterr().err.startswith(
        f"ushtil extract: error: {tmp_path / 'broken.pdf'}: internal error (IndexError: list index out of range)\n")


def test_existing_output_survives_a_failed_run(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("previous results\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["extract", str(tmp_path / "empty.txt"), "--json", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "previous results\n"


def test_file_without_any_abstract_is_read_as_text_with_a_note(tmp_path, capsys):
    path = tmp_path / "plain.txt"
    path.write_text("Kazakhstan borders China and Russia. It is the ninth-largest country.", encoding="utf-8")
    assert main(["extract", str(path)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["missing"] == ["kk", "ru"]
    assert record["en"]["sentences"] == [["Kazakhstan borders China and Russia.", "It is the ninth-largest country."]]
    assert any("no abstract marker" in note for note in record["notes"])


def test_outputs_get_ordinary_file_permissions(tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(ROOT / "corpus"), "--json", str(out)]) == 0
    assert out.stat().st_mode & 0o044 == 0o044  # readable by group and others, like any new file


def test_three_abstract_files_are_named_each_in_the_summary(tmp_path, capsys):
    """The summary line of --en/--kk/--ru named the article by the Russian file alone ("ru.txt  en: …")."""
    for lang, text in (("en", "Abstract. Kazakhstan borders China."), ("kk", "Аңдатпа. Қазақстан Қытаймен шектеседі."),
                       ("ru", "Аннотация. Казахстан граничит с Китаем.")):
        (tmp_path / f"{lang}.txt").write_text(text, encoding="utf-8")
    argv = ["extract", "-q", *(f"--{lang}={tmp_path / f'{lang}.txt'}" for lang in ("en", "kk", "ru"))]
    assert main(argv) == 0
    assert capsys.readouterr().err.splitlines()[0].startswith("en.txt, kk.txt, ru.txt  en: 1 ¶")
