"""``ushtil check`` from the command line: exit codes, terminal summary, workbook and JSON reports."""

from __future__ import annotations

import json

import pytest

from ushtil.checks import Severity
from ushtil.cli import main
from ushtil.export.check_report import FILLS

GLOSSARY = (
    "id\ten\tkk\tru\tvariants\tkind\tstatus\tnote\tsource\n"
    "central-asia\tCentral Asia\tОрталық Азия\tЦентральная Азия\tkk: Орта Азия (8); Орталық Азия (3)"
    "\tname\tapproved\t\tseed\n"
    "usa\tUSA\tАҚШ\tСША\tkk: АҚШ (2); США (1)\tacronym\tapproved\t\tseed\n"
)


@pytest.fixture(scope="module")
def seed_run(seed_article, tmp_path_factory):
    """One run with every output on the seed article, scored against itself."""
    folder = tmp_path_factory.mktemp("check")
    glossary = folder / "glossary.tsv"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    xlsx, report = folder / "report.xlsx", folder / "report.json"
    code = main(["check", seed_article.source, "--glossary", str(glossary), "--reference", seed_article.source,
                 "-o", str(xlsx), "--json", str(report)])
    return code, xlsx, json.loads(report.read_text(encoding="utf-8"))


def test_seed_exits_1_with_a_readable_summary(seed_article, capsys):
    assert main(["check", seed_article.source, "--only", "structure"]) == 1
    out = capsys.readouterr().out
    assert "missing-paragraph" in out and " abstract kk " in out
    assert out.rstrip().endswith("1 article(s) checked: 1 error(s), 0 warning(s), 0 info")


def test_no_errors_exits_0(seed_article, capsys):
    assert main(["check", seed_article.source, "--skip", "structure"]) == 0
    assert "0 error(s)" in capsys.readouterr().out


def test_json_report_has_findings_scores_and_beads(seed_run):
    code, _, data = seed_run
    assert code == 1
    assert data["summary"]["error"] == 1
    assert {f["check"] for f in data["findings"] if f["severity"] == "error"} == {"missing-paragraph"}
    assert any(f["check"] == "glossary-variant" and "(glossary)" in f["message"] for f in data["findings"])
    assert {score["lang"]: score["chrf"] for score in data["scores"]["corpus"]} == {"en": 100.0, "kk": 100.0,
                                                                                   "ru": 100.0}
    assert data["scores"]["signatures"]["TER"].startswith("nrefs:1")
    (article,) = data["articles"]
    missing = next(f for f in data["findings"] if f["check"] == "missing-paragraph")
    assert "missing:kk" in article["beads"][missing["bead"] - 1]["flags"]
    assert data["signature"].startswith("ushtil ")


def test_workbook_sheets_filters_and_highlights(seed_run):
    from openpyxl import load_workbook

    _, xlsx, data = seed_run
    book = load_workbook(xlsx)
    assert book.sheetnames == ["Findings", "Aligned", "Scores", "About"]
    findings = book["Findings"]
    assert findings.auto_filter.ref.startswith("A1:J")
    assert [cell.value for cell in findings[1]][:3] == ["severity", "check", "family"]
    assert findings.max_row == len(data["findings"]) + 1
    aligned = book["Aligned"]
    header = [cell.value for cell in aligned[1]]
    missing = next(f for f in data["findings"] if f["check"] == "missing-paragraph")
    cell = aligned.cell(row=missing["bead"] + 1, column=header.index("kk") + 1)
    assert cell.fill.fgColor.rgb.endswith(FILLS[Severity.ERROR])
    assert "missing-paragraph" in cell.comment.text
    assert "chrF kk" in header
    scores = book["Scores"]
    assert [cell.value for cell in scores[2]][:4] == ["corpus", "(all)", None, "en"]


def test_separate_language_files(capsys):
    from conftest import ROOT

    gold = ROOT / "tests" / "gold"
    code = main(["check", "--en", str(gold / "seed_abstract.en.txt"), "--kk", str(gold / "seed_abstract.kk.txt"),
                 "--ru", str(gold / "seed_abstract.ru.txt"), "--only", "structure",
                 "--ref-kk", str(gold / "seed_abstract.kk.txt")])
    assert code == 1
    out = capsys.readouterr().out
    assert "missing-paragraph" in out
    assert "kk   100.0   100.0     0.0  all" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02binary" * 50, "binary"), (b"   \n\n", "whitespace")],
    ids=["empty", "binary", "blank"],
)
def test_unusable_input_exits_2_without_output(tmp_path, capsys, content, message):
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    report = tmp_path / "report.xlsx"
    assert main(["check", str(article), "-o", str(report)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not report.exists()


def test_missing_files_and_bad_reference_exit_2(seed_article, tmp_path, capsys):
    assert main(["check", str(tmp_path / "nothing.txt")]) == 2
    assert main(["check", seed_article.source, "--reference", str(tmp_path / "nothing.txt")]) == 2
    assert main(["check", seed_article.source, "--glossary", str(tmp_path / "nothing.tsv")]) == 2
    err = capsys.readouterr().err
    assert err.count("error:") == 3 and "Traceback" not in err


def test_a_negative_limit_is_refused(seed_article, capsys):
    """--limit -3 showed all findings but the last 3 and said "… 8 more in the report" of 5."""
    with pytest.raises(SystemExit) as raised:
        main(["check", seed_article.source, "--limit", "-3"])
    assert raised.value.code == 2
    assert capsys.readouterr().err.endswith("ushtil check: error: argument --limit: -3: give 0 or more\n")


def test_wrong_language_file_is_an_error(tmp_path, capsys):
    from conftest import ROOT

    gold = ROOT / "tests" / "gold"
    code = main(["check", "--en", str(gold / "seed_abstract.en.txt"), "--kk", str(gold / "seed_abstract.ru.txt"),
                 "--ru", str(gold / "seed_abstract.ru.txt"), "--only", "structure"])
    assert code == 1
    assert "wrong-language-abstract" in capsys.readouterr().out


def test_reference_folder_is_matched_by_file_name(seed_article, tmp_path, capsys):
    from ushtil.cli.check import resolve_references

    (tmp_path / f"{seed_article.id}.txt").write_text(
        "Abstract. Kazakhstan borders China and Russia.\n", encoding="utf-8"
    )
    (found,) = resolve_references([seed_article], str(tmp_path), {})
    assert found.part("en").paragraphs == ["Kazakhstan borders China and Russia."]
    other = tmp_path / "other"
    other.mkdir()
    assert resolve_references([seed_article], str(other), {}) == [None]
    assert "no reference for" in capsys.readouterr().err


def test_unwritable_output_is_a_one_line_error(seed_article, tmp_path, capsys):
    assert main(["check", seed_article.source, "--only", "names", "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err and "Traceback" not in err
