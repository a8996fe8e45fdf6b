"""The review workbook: layout, cell safety, the reviewer's round trip, and hostile or foreign files refused."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import Workbook, load_workbook

from conftest import damage_sheet, edit_rows
from export_contract import ExporterContract, alignment_of
from ushtil.aligner import read_alignment, write_alignment
from ushtil.cli import main
from ushtil.errors import InputError
from ushtil.export.review_apply import read_review_workbook
from ushtil.export.review_workbook import (
    ALIGNMENT_COLUMNS,
    CELL_LIMIT,
    DECISIONS,
    split_cell_text,
    write_review_workbook,
)
from ushtil.export.tmx import XML_LANG
from ushtil.model import LANGS, Alignment, Bead

SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def sheet_xml(path: Path, sheet: str) -> etree._Element:
    """The parsed XML of a worksheet, found by its name through the workbook's relationships."""
    with zipfile.ZipFile(path) as archive:
        workbook = etree.fromstring(archive.read("xl/workbook.xml"))
        rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        rel_id = next(s for s in workbook.iter(f"{SHEET_NS}sheet") if s.get("name") == sheet).get(
            "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        target = next(r for r in rels if r.get("Id") == rel_id).get("Target")
        return etree.fromstring(archive.read("xl/" + target.lstrip("/").removeprefix("xl/")))


class TestReviewWorkbook(ExporterContract):
    suffix = ".xlsx"

    def write(self, alignments, path, signature=""):
        write_review_workbook(alignments, path, signature=signature)

    def read_back(self, path):
        return {
            alignment.name: [{lang: bead.text[lang].strip() for lang in LANGS} for bead in alignment.beads]
            for alignment in read_review_workbook(path).alignments
        }

    def signature_of(self, path):
        return read_review_workbook(path).signature

    # ----------------------------------------------------------------------------------------- layout

    def test_alignment_sheet_is_laid_out_for_review(self, seed_alignment, tmp_path):
        path = tmp_path / "review.xlsx"
        write_review_workbook([seed_alignment], path)
        workbook = load_workbook(path)
        assert workbook.sheetnames[:2] == ["Summary", "Alignment"]
        assert workbook["_ushtil"].sheet_state == "hidden"
        sheet = workbook["Alignment"]
        assert [cell.value for cell in sheet[1]] == list(ALIGNMENT_COLUMNS)
        assert sheet.freeze_panes == "C2"
        n = len(seed_alignment.beads)
        assert sheet.max_row == n + 1
        assert sheet.auto_filter.ref == f"A1:K{n + 1}"
        (validation,) = sheet.data_validations.dataValidation
        assert validation.formula1 == '"' + ",".join(DECISIONS) + '"'
        assert str(validation.sqref) == f"J2:J{n + 1}"
        ranges = {str(rule_range.sqref) for rule_range in sheet.conditional_formatting}
        assert {f"H2:H{n + 1}", f"D2:F{n + 1}"} <= ranges
        for number, bead in enumerate(seed_alignment.beads, 1):
            row = sheet[number + 1]
            assert row[1].value == number
            assert [row[i].value or "" for i in (3, 4, 5)] == [bead.text[lang] for lang in LANGS]
            assert row[6].value == bead.kind
            assert row[7].value == pytest.approx(bead.score) and row[7].number_format == "0.00"
            assert row[8].value == (" ".join(bead.flags) or None)
            assert row[3].alignment.wrap_text
        assert sheet.column_dimensions["D"].width >= 40
        assert sheet.column_dimensions["C"].width <= 10  # Label: no structured abstract, a narrow column

    def test_summary_counts_each_article_and_totals(self, seed_alignment, tmp_path):
        other = alignment_of("other", [("One.", "Бір.", "Один."), ("Two.", "", "Два.")])
        path = tmp_path / "review.xlsx"
        write_review_workbook([seed_alignment, other], path)
        rows = list(load_workbook(path)["Summary"].iter_rows(values_only=True))
        header = rows[0]
        by_article = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:4] if row[0]}
        seed = by_article[seed_alignment.name]
        assert seed["Kazakh sentences"] == len(seed_alignment.sentences["kk"])
        assert seed["Beads"] == len(seed_alignment.beads)
        assert seed["Flagged beads"] == sum(1 for bead in seed_alignment.beads if bead.flags)
        scores = [bead.score for bead in seed_alignment.beads]
        assert seed["Mean score"] == pytest.approx(sum(scores) / len(scores))
        assert by_article["other"]["Type 1-0-1"] == 1
        total = by_article["Total (2 articles)"]
        assert total["Beads"] == len(seed_alignment.beads) + 2
        assert total["English sentences"] == len(seed_alignment.sentences["en"]) + 2
        kinds = [title for title in header if str(title).startswith("Type ")]
        assert sum(total[kind] for kind in kinds) == total["Beads"]

    def test_formula_like_text_is_stored_as_text(self, tmp_path):
        path = tmp_path / "inject.xlsx"
        write_review_workbook([alignment_of("inject", [("=1+1", "+SUM(A1)", "-2"), ("@cmd", "ok", "#REF!")])], path)
        for sheet in ("Summary", "Alignment", "_ushtil"):
            assert not list(sheet_xml(path, sheet).iter(f"{SHEET_NS}f")), f"a formula in {sheet}"
        cells = {cell.value: cell for row in load_workbook(path)["Alignment"].iter_rows(min_row=2) for cell in row}
        for text in ("=1+1", "+SUM(A1)", "-2", "@cmd", "#REF!"):
            assert cells[text].data_type == "s"
        assert cells["=1+1"].quotePrefix

    def test_text_longer_than_a_cell_continues_below_and_comes_back(self, tmp_path):
        long_en = " ".join(f"Sentence {i} of a very long pasted document." for i in range(2500))  # ~110k chars
        long_kk = "Ұзын мәтін 😀 " * 3000  # astral characters count twice in Excel's limit
        alignment = alignment_of("long", [("Short.", "Қысқа.", "Коротко."), (long_en, long_kk, "Длинно.")])
        path = tmp_path / "long.xlsx"
        write_review_workbook([alignment], path)
        sheet = load_workbook(path)["Alignment"]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        assert [row[6] for row in rows] == ["1-1-1", "1-1-1", "cont. 2/4", "cont. 3/4", "cont. 4/4"]
        assert "continues in 3 row(s) below" in rows[1][8]
        for row in rows:
            for value in row:
                assert not isinstance(value, str) or len(value.encode("utf-16-le")) // 2 <= CELL_LIMIT
        back = read_review_workbook(path).alignments[0]
        assert back.beads[1].text == {"en": long_en, "kk": long_kk, "ru": "Длинно."}
        assert back.sentences["en"][1] == long_en
        assert len(back.beads) == 2

    def test_split_cell_text_cuts_at_spaces_and_joins_back(self):
        text = "word " * 20000
        pieces = split_cell_text(text)
        assert "".join(pieces) == text
        assert all(len(piece) <= CELL_LIMIT and piece.endswith(" ") for piece in pieces[:-1])
        assert split_cell_text("short") == ["short"]

    def test_duplicate_article_names_refused(self, tmp_path):
        same = alignment_of("same", [("One.", "Бір.", "Один.")])
        with pytest.raises(Exception, match="both named 'same'"):
            write_review_workbook([same, same], tmp_path / "dup.xlsx")

    # ------------------------------------------------------------------------------------- round trip

    def test_round_trip_applies_exactly_the_reviewers_edits(self, seed_alignment, tmp_path, capsys):
        path = tmp_path / "review.xlsx"
        write_review_workbook([seed_alignment], path)
        beads = seed_alignment.beads
        fixed = next(n for n, b in enumerate(beads, 1) if len(b.sentences["kk"]) == 1)
        rejected = next(n for n, b in enumerate(beads, 1) if n != fixed and b.sentences["kk"])
        split = next(n for n in range(1, len(beads) + 1) if n not in (fixed, rejected))
        corrected_kk = "Түзетілген қазақша сөйлем: «Орталық Азия» = ЕО."
        edit_rows(path, {
            fixed: {"Kazakh": corrected_kk, "Decision": "Fix", "Comment": "аударма түзетілді"},
            rejected: {"Decision": "Reject"},
            split: {"Decision": "Split", "Comment": "two sentences in one"},
            1 if fixed != 1 and rejected != 1 and split != 1 else len(beads): {"Decision": "OK"},
        })

        outdir = tmp_path / "out"
        assert main(["review", "import", str(path), "--output", str(outdir)]) == 0
        summary = capsys.readouterr().err
        assert "Reject 1" in summary and "Split 1" in summary and "Fix 1" in summary

        corrected = read_alignment(outdir / f"{seed_alignment.name}.alignment.jsonl")
        # the rejected bead's sentences stand alone, one bead per language; the Split row has no line
        # breaks, so it stays as it was and goes to the follow-up report
        alone = [lang for lang in LANGS if beads[rejected - 1].sentences[lang]]
        assert len(corrected.beads) == len(beads) - 1 + len(alone)
        after_beads = list(corrected.beads)
        for number, before in enumerate(beads, 1):
            if number == rejected:
                for lang in alone:
                    single = after_beads.pop(0)
                    assert single.text[lang] == before.text[lang]
                    assert [other for other in LANGS if single.sentences[other]] == [lang]
                    assert {f"missing:{other}" for other in LANGS if other != lang} <= set(single.flags)
                continue
            after = after_beads.pop(0)
            if number == fixed:
                assert after.text == {**before.text, "kk": corrected_kk}
                assert [corrected.sentences["kk"][i] for i in after.sentences["kk"]] == [corrected_kk]
            else:
                assert after.text == before.text
            assert after.flags == before.flags and after.score == pytest.approx(before.score, abs=1e-4)
            for lang in LANGS:
                assert [corrected.sentences[lang][i] for i in after.sentences[lang]] == (
                    [corrected_kk] if (number, lang) == (fixed, "kk")
                    else [seed_alignment.sentences[lang][i] for i in before.sentences[lang]])

        units = [{v.get(XML_LANG): v.findtext("seg") for v in unit.iter("tuv")}
                 for unit in etree.parse(str(outdir / "review.tmx")).getroot().iter("tu")]
        assert units == [{lang: b.text[lang] for lang in LANGS if b.text[lang]} for b in corrected.beads]
        assert {k: v for k, v in beads[rejected - 1].text.items() if v} not in units
        assert {**{k: v for k, v in beads[fixed - 1].text.items() if v}, "kk": corrected_kk} in units

        report = (outdir / "review.followup.md").read_text(encoding="utf-8")
        assert f"| {seed_alignment.name} | {split} | Split | two sentences in one |" in report
        assert "Reject" not in report.split("## Decisions not applied")[1]

    def test_untouched_workbook_imports_to_the_same_alignment_file(self, seed_alignment, tmp_path):
        path = tmp_path / "review.xlsx"
        write_review_workbook([seed_alignment], path)
        (back,) = read_review_workbook(path).alignments
        write_alignment(seed_alignment, tmp_path / "before.jsonl")
        write_alignment(back, tmp_path / "after.jsonl")
        assert (tmp_path / "after.jsonl").read_bytes() == (tmp_path / "before.jsonl").read_bytes()
        assert back.sentences == seed_alignment.sentences and back.signature == seed_alignment.signature

    def test_text_typed_into_a_missing_side_becomes_a_sentence(self, seed_alignment, tmp_path):
        path = tmp_path / "review.xlsx"
        write_review_workbook([seed_alignment], path)
        gap = next(n for n, b in enumerate(seed_alignment.beads, 1) if not b.sentences["kk"])
        added = "Сыртқы негізгі ойыншылар аймақтағы бейбітшілікті қолдайды."
        edit_rows(path, {gap: {"Kazakh": added, "Decision": "Fix"}})
        result = read_review_workbook(path)
        after = result.alignments[0]
        bead = after.beads[gap - 1]
        assert "missing:kk" not in bead.flags and bead.text["kk"] == added
        (index,) = bead.sentences["kk"]
        assert after.sentences["kk"][index] == added
        assert len(after.sentences["kk"]) == len(seed_alignment.sentences["kk"]) + 1
        for before, now in zip(seed_alignment.beads, after.beads, strict=True):  # later sentences renumbered
            assert [after.sentences["kk"][i] for i in now.sentences["kk"]] == (
                [added] if now is bead else [seed_alignment.sentences["kk"][i] for i in before.sentences["kk"]])
        assert result.decisions[gap - 1].edited == ["kk"] and not result.notes

    def test_edited_multi_sentence_side_is_split_again_and_an_emptied_side_stands_alone(self, tmp_path):
        sentences = {"en": ["First.", "Second.", "Third."], "kk": ["Бірінші. Екінші.", "Үшінші."],
                     "ru": ["Первое.", "Второе.", "Третье."]}
        beads = [Bead(sentences={"en": [0, 1], "kk": [0], "ru": [0, 1]},
                      text={"en": "First. Second.", "kk": "Бірінші. Екінші.", "ru": "Первое. Второе."}),
                 Bead(sentences={"en": [2], "kk": [1], "ru": [2]},
                      text={"en": "Third.", "kk": "Үшінші.", "ru": "Третье."})]
        path = tmp_path / "review.xlsx"
        write_review_workbook([Alignment(name="multi", sentences=sentences, beads=beads)], path)
        edit_rows(path, {1: {"English": "The first one. The second one. A third one.", "Decision": "Fix"},
                         2: {"Kazakh": "", "Decision": "Fix"}})
        after = read_review_workbook(path).alignments[0]
        first, second, alone = after.beads
        assert [after.sentences["en"][i] for i in first.sentences["en"]] == \
               ["The first one.", "The second one.", "A third one."]
        assert second.sentences["en"] == [3] and after.sentences["en"][3] == "Third."
        assert second.sentences["kk"] == [] and second.text["kk"] == "" and "missing:kk" in second.flags
        assert after.sentences["kk"] == ["Бірінші. Екінші.", "Үшінші."]  # the emptied side's sentence stays,
        assert alone.sentences == {"en": [], "kk": [1], "ru": []}        # in a bead of its own
        assert first.sentences["ru"] == [0, 1] and second.sentences["ru"] == [2]

    def test_sorted_rows_lowercase_decisions_and_stray_rows(self, tmp_path):
        alignment = alignment_of("sorted", [("One.", "Бір.", "Один."), ("Two.", "Екі.", "Два."),
                                            ("Three.", "Үш.", "Три.")])
        path = tmp_path / "review.xlsx"
        write_review_workbook([alignment], path)
        workbook = load_workbook(path)
        sheet = workbook["Alignment"]
        values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
        values.reverse()  # the reviewer sorted the sheet
        values[0][9] = " reject "
        values[1][9] = "maybe"
        values[1][3] = "Two, edited."  # edited without saying Fix
        for r, row in enumerate(values, 2):
            for c, value in enumerate(row, 1):
                sheet.cell(r, c, value)
        sheet.append(["sorted", 99, "", "Added by hand.", "", "", "", None, "", "OK", ""])
        workbook.save(path)
        result = read_review_workbook(path)
        beads = result.alignments[0].beads
        assert [b.text["en"] for b in beads] == ["One.", "Two, edited.", "Three.", "", ""]
        assert [b.kind for b in beads[2:]] == ["1-0-0", "0-1-0", "0-0-1"]
        assert [d.decision for d in result.decisions] == ["", "", "Reject"]
        notes = "\n".join(result.notes)
        assert "unknown decision 'maybe'" in notes
        assert "has no bead #99" in notes
        assert "bead #2: text edited (en) but Decision is empty, not Fix; the edit is kept" in notes

    def test_deleted_row_is_reported(self, tmp_path):
        path = tmp_path / "review.xlsx"
        write_review_workbook([alignment_of("d", [("One.", "Бір.", "Один."), ("Two.", "Екі.", "Два.")])], path)
        workbook = load_workbook(path)
        workbook["Alignment"].delete_rows(3)
        workbook.save(path)
        result = read_review_workbook(path)
        assert [b.text["en"] for b in result.alignments[0].beads] == ["One.", "Two."]
        assert result.notes == ["d bead #2: its row was deleted from the Alignment sheet; bead kept as aligned"]

    def test_a_formula_without_a_value_deletes_no_sentence(self, tmp_path):
        """Cells are read for the value a spreadsheet saved with a formula: a file written by a program
        saves none (the cell read as empty: the Kazakh sentence was deleted), a failed formula saves
        "#REF!" (which became the Russian sentence). Such a row is ignored, with a note; a formula's
        saved value is what the reviewer saw, and is taken."""
        import re

        path = tmp_path / "review.xlsx"
        write_review_workbook([alignment_of("f", [("One.", "Бір.", "Один."), ("Two.", "Екі.", "Два."),
                                                  ("Three.", "Үш.", "Три.")])], path)
        edit_rows(path, {1: {"Kazakh": "=D2", "Decision": "Fix"}, 2: {"Russian": "=D3"},
                         3: {"Kazakh": "=D4", "Decision": "Fix"}})
        saved = {"F3": ('t="e"', "#REF!"), "E4": ('t="str"', "Үш, формуладан.")}
        with zipfile.ZipFile(path) as archive:
            parts = {item: archive.read(item) for item in archive.namelist()}
        sheet = next(name for name in parts if b"<f>D2</f>" in parts[name])
        parts[sheet] = re.sub(rb'<c r="(F3|E4)"[^>]*><f>([^<]*)</f><v\s*/?>(?:</v>)?', lambda m: (
            f'<c r="{m[1].decode()}" {saved[m[1].decode()][0]}><f>{m[2].decode()}</f>'
            f'<v>{saved[m[1].decode()][1]}</v>').encode(), parts[sheet])
        with zipfile.ZipFile(path, "w") as archive:
            for item, data in parts.items():
                archive.writestr(item, data)
        result = read_review_workbook(path)
        assert [b.text for b in result.alignments[0].beads] == [
            {"en": "One.", "kk": "Бір.", "ru": "Один."}, {"en": "Two.", "kk": "Екі.", "ru": "Два."},
            {"en": "Three.", "kk": "Үш, формуладан.", "ru": "Три."}]
        assert result.notes[:2] == [
            "Alignment row 2: the Kazakh cell holds a formula (=D2) without a saved value; row ignored",
            "Alignment row 3: the Russian cell holds a formula (=D3) giving #REF!; row ignored"]

    def test_a_renamed_alignment_sheet_is_read(self, tmp_path, capsys):
        """A reviewer renamed the sheet ("Выравнивание"): the import was refused ("the review workbook
        has lost its Alignment sheet"). The one sheet with its columns is read, with a note; two such
        sheets are still refused."""
        path = tmp_path / "review.xlsx"
        write_review_workbook([alignment_of("r", [("One.", "Бір.", "Один."), ("Two.", "Екі.", "Два.")])], path)
        edit_rows(path, {2: {"English": "Two, edited.", "Decision": "Fix"}})
        workbook = load_workbook(path)
        workbook["Alignment"].title = "Выравнивание"
        workbook.save(path)
        result = read_review_workbook(path)
        assert [b.text["en"] for b in result.alignments[0].beads] == ["One.", "Two, edited."]
        assert result.notes == ["the Alignment sheet, renamed 'Выравнивание', was read"]
        workbook.copy_worksheet(workbook["Выравнивание"]).title = "Copy"
        workbook.save(path)
        self.refused(path, capsys, "lost its Alignment sheet .the sheets 'Выравнивание', 'Copy' all have its columns")

    # --------------------------------------------------------------------------------- refused inputs

    def refused(self, path: Path, capsys, message: str) -> None:
        with pytest.raises(InputError, match=message):
            read_review_workbook(path)
        outdir = path.parent / "refused-out"
        assert main(["review", "import", str(path), "-o", str(outdir)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("ushtil review: error: ") and "Traceback" not in err
        assert not outdir.exists()

    def test_foreign_workbook_refused(self, tmp_path, capsys):
        path = tmp_path / "foreign.xlsx"
        workbook = Workbook()
        workbook.active.append(["Article", "Bead #", "English"])
        workbook.save(path)
        self.refused(path, capsys, "not an ushtil review workbook")

    def test_workbook_from_a_newer_ushtil_refused(self, tmp_path, capsys):
        path = tmp_path / "newer.xlsx"
        write_review_workbook([alignment_of("x", [("One.", "Бір.", "Один.")])], path)
        workbook = load_workbook(path)
        workbook["_ushtil"]["B2"] = "99"
        workbook.save(path)
        self.refused(path, capsys, "newer ushtil")

    @pytest.mark.parametrize(("field", "value", "message"), [
        ("name", "../../outside", "not a plain file name"),
        ("beads", [{"en": [999], "kk": [0], "ru": [0], "fingerprint": dict.fromkeys(LANGS, "")}],
         "points past the 1 en sentences"),
    ], ids=["path-traversal-name", "index-out-of-range"])
    def test_tampered_metadata_refused(self, tmp_path, capsys, field, value, message):
        path = tmp_path / "tampered.xlsx"
        write_review_workbook([alignment_of("x", [("One.", "Бір.", "Один.")])], path)
        workbook = load_workbook(path)
        cell = workbook["_ushtil"]["D5"]
        record = json.loads(cell.value)
        record[field] = value
        cell.value = json.dumps(record)
        workbook.save(path)
        self.refused(path, capsys, message)

    def test_not_a_zip_refused(self, tmp_path, capsys):
        path = tmp_path / "text.xlsx"
        path.write_text("Article\tBead #\n", encoding="utf-8")
        self.refused(path, capsys, "not an .xlsx workbook")

    def test_a_sheet_damaged_past_its_start_refused(self, seed_alignment, tmp_path, capsys):
        """Sheets are parsed as their rows are read, and only their start is checked before: a sheet
        damaged further on was an "internal error: ParseError … (please report it)"."""
        path = tmp_path / "review.xlsx"
        write_review_workbook([seed_alignment], path)
        damage_sheet(path, "Alignment")
        self.refused(path, capsys, r"damaged .xlsx archive \(ParseError: not well-formed")

    def test_a_glossary_workbook_is_named_so(self, tmp_path, capsys):
        """It was "not an ushtil review workbook (format 'unknown')": both workbooks have a hidden _ushtil sheet."""
        from ushtil.export.glossary_base import export_glossary
        from ushtil.glossary import Glossary, GlossaryEntry

        path = tmp_path / "glossary.xlsx"
        export_glossary(Glossary(entries=[GlossaryEntry(id="eu", en="EU", kk="ЕО", ru="ЕС")]), path)
        self.refused(path, capsys, "a glossary workbook, not a review workbook: ushtil glossary import")

    def test_zip_bomb_refused(self, tmp_path, capsys):
        path = tmp_path / "bomb.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/workbook.xml", "<workbook/>")
            with archive.open("xl/worksheets/sheet1.xml", "w") as part:
                block = b"\0" * 2**20
                for _ in range(16):
                    part.write(block)
        assert path.stat().st_size < 100_000
        self.refused(path, capsys, "like a zip bomb")

    @pytest.mark.parametrize("doctype", [
        '<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY e "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ], ids=["external-entity", "entity-expansion"])
    def test_xml_entities_refused(self, tmp_path, capsys, doctype):
        clean = tmp_path / "clean.xlsx"
        write_review_workbook([alignment_of("x", [("One.", "Бір.", "Один.")])], clean)
        path = tmp_path / "xxe.xlsx"
        with zipfile.ZipFile(clean) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for entry in source.infolist():
                data = source.read(entry)
                if b"<t>One.</t>" in data:  # the Alignment sheet: the entity replaces a sentence
                    root = data.index(b"<worksheet")
                    data = data[:root] + doctype.encode() + data[root:].replace(b"<t>One.</t>", b"<t>&e;</t>")
                target.writestr(entry, data)
        self.refused(path, capsys, "declares a DTD or entities")

    def test_openpyxl_parses_worksheets_with_defusedxml(self):
        import defusedxml.ElementTree
        import openpyxl
        from openpyxl.xml import functions

        assert openpyxl.DEFUSEDXML
        assert functions.iterparse is defusedxml.ElementTree.iterparse

    # --------------------------------------------------------------------------------------- LibreOffice

    @pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
    def test_libreoffice_converts_it_and_its_resave_imports(self, seed_alignment, tmp_path):
        path = tmp_path / "review.xlsx"
        write_review_workbook([seed_alignment], path)
        edit_rows(path, {1: {"Decision": "Reject"}})
        profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
        for target, outdir in (("pdf", tmp_path / "pdf"), ("xlsx:Calc Office Open XML", tmp_path / "resaved")):
            subprocess.run(["soffice", profile, "--headless", "--convert-to", target, "--outdir", str(outdir),
                            str(path)], check=True, capture_output=True, timeout=180)
        pdf = tmp_path / "pdf" / "review.pdf"
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
        result = read_review_workbook(tmp_path / "resaved" / "review.xlsx")
        assert [d.decision for d in result.decisions][:1] == ["Reject"]
        alone = sum(1 for lang in LANGS if seed_alignment.beads[0].sentences[lang])
        assert len(result.alignments[0].beads) == len(seed_alignment.beads) - 1 + alone
        assert not result.notes
        assert [b.text for b in result.alignments[0].beads[alone:]] == [b.text for b in seed_alignment.beads[1:]]


def test_metadata_holds_the_signature_and_structure(tmp_path):
    path = tmp_path / "meta.xlsx"
    write_review_workbook([alignment_of("m", [("One.", "", "Один.")], signature="sig-a")], path, signature="run-sig")
    rows = list(load_workbook(path)["_ushtil"].iter_rows(values_only=True))
    assert rows[0][:2] == ("format", "ushtil-review-workbook")
    assert rows[1][:2] == ("format_version", "1")
    assert rows[2][:2] == ("signature", "run-sig")
    record = json.loads(rows[4][3])
    assert record["signature"] == "sig-a" and record["beads"][0]["kk"] == []


def test_english_only_page_says_the_languages_are_missing(tmp_path, monkeypatch, capsys):
    """A page holding only an article's English text (as ../shared/seeds/000 is: kk and ru parts not on
    it): the Summary showed every bead flagged and a mean score of 0; a reviewer now reads that the
    Kazakh and Russian texts are missing, and the aligned article's figures stand alone in the total."""
    from conftest import SEED_ARTICLE
    from ushtil import read_article

    english = read_article(SEED_ARTICLE).part("en")
    (tmp_path / "page.txt").write_text("\n\n".join(english.paragraphs) + "\n", encoding="utf-8")
    shutil.copy(SEED_ARTICLE, tmp_path / SEED_ARTICLE.name)
    monkeypatch.chdir(tmp_path)
    assert main(["align", "page.txt", SEED_ARTICLE.name, "-o", "out", "--xlsx", "review.xlsx", "--quiet"]) == 0
    workbook = load_workbook("review.xlsx")
    rows = list(workbook["Summary"].iter_rows(values_only=True))
    by_article = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:4] if row[0]}
    page, seed = by_article["page"], by_article[SEED_ARTICLE.stem]
    assert page["Flagged beads"] is None and page["Mean score"] is None
    assert page["Note"].startswith("no Kazakh and Russian text: the article holds only its English text")
    total = by_article["Total (2 articles)"]
    assert (total["Flagged beads"], total["Mean score"]) == (seed["Flagged beads"], pytest.approx(seed["Mean score"]))
    alignment = workbook["Alignment"]
    header = [cell.value for cell in alignment[1]]
    page_rows = [dict(zip(header, row, strict=True)) for row in alignment.iter_rows(min_row=2, values_only=True)
                 if row[0] == "page"]
    assert page_rows and all(row["Score"] is None for row in page_rows)
    assert {row["Flags"] for row in page_rows} == {"no Kazakh or Russian text in the article"}
    # the run's summary on stderr says the same: the page named apart, the seed's flags and score
    capsys.readouterr()
    assert main(["align", "page.txt", SEED_ARTICLE.name, "-o", "out2"]) == 0
    printed = capsys.readouterr().err
    assert "1 article(s) with one language only, nothing aligned: page" in printed
    assert f"mean score: {seed['Mean score']:.3f}" in printed
