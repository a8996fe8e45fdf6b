"""Structured-abstract labels (Methods / Әдістері / Методы) travel from the reader through the
alignment file, the review workbook and its import, to the glossary's units."""

import json
from pathlib import Path

from openpyxl import load_workbook

from ushtil.aligner import read_aligned
from ushtil.cli import main
from ushtil.glossary.sources import aligned_sources, units_of_alignment
from ushtil.model import Bead

THESIS = Path(__file__).parent / "data" / "layouts" / "01_thesis_markdown.md"
LABELS = {
    "en": ["Relevance", "Aim", "Scientific novelty", "Methods", "Results", "Practical significance"],
    "kk": ["Өзектілігі", "Мақсаты", "Ғылыми жаңалығы", "Әдістері", "Нәтижелері", "Практикалық маңызы"],
    "ru": ["Актуальность", "Цель", "Научная новизна", "Методы", "Результаты", "Практическая значимость"],
}
TRIPLES = [dict(zip(LABELS, triple, strict=True)) for triple in zip(*LABELS.values(), strict=True)]


def _beads(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_labels_go_from_the_thesis_through_align_review_and_glossary(tmp_path):
    out = tmp_path / "aligned"
    assert main(["align", str(THESIS), "-o", str(out), "--xlsx", str(tmp_path / "review.xlsx"), "--quiet"]) == 0
    path = out / "01_thesis_markdown.alignment.jsonl"
    records = _beads(path)
    labelled = [record for record in records if "labels" in record]
    assert [record["labels"] for record in labelled] == TRIPLES
    methods = labelled[3]
    assert methods["text"]["en"].startswith("We annotated 1,200 image tiles in CVAT")
    assert methods["text"]["kk"].startswith("Біз CVAT жүйесінде")
    assert not methods["text"]["en"].startswith("Methods")  # a label is not text
    # read back: the beads and the article's paragraphs have their labels
    aligned = read_aligned(path)
    assert [bead.labels for bead in aligned.alignment.beads if bead.labels] == TRIPLES
    for lang, labels in LABELS.items():
        assert aligned.article.part(lang).labels == labels

    # the review workbook shows them in the Label column, one line per language
    sheet = load_workbook(tmp_path / "review.xlsx")["Alignment"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=False)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    shown = [row for row in rows if row["Label"]]
    assert shown[3]["Label"] == "Methods\nӘдістері\nМетоды"
    assert shown[3]["English"] == methods["text"]["en"]
    assert len(shown) == 6
    assert sheet.column_dimensions["C"].width >= len("Практическая значимость")  # a label fits on its line

    # the reviewer fixes the Methods bead's English text: the labels survive the import
    workbook = load_workbook(tmp_path / "review.xlsx")
    sheet = workbook["Alignment"]
    column = {title: number for number, title in enumerate(header, 1)}
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column["Label"]).value == shown[3]["Label"])
    sheet.cell(row, column["English"], "We annotated 1,200 tiles in CVAT and trained a Mask R-CNN model.")
    sheet.cell(row, column["Decision"], "Fix")
    workbook.save(tmp_path / "review.xlsx")
    reviewed = tmp_path / "reviewed"
    assert main(["review", "import", str(tmp_path / "review.xlsx"), "-o", str(reviewed), "--quiet"]) == 0
    again = read_aligned(reviewed / "01_thesis_markdown.alignment.jsonl")
    assert [bead.labels for bead in again.alignment.beads if bead.labels] == TRIPLES
    assert again.article.part("en").labels == LABELS["en"]
    assert again.article.part("en").sentences[3][0].startswith("We annotated 1,200 tiles")

    # the glossary gets one "label" unit per labelled bead, besides the bead's own text
    (source,) = aligned_sources([reviewed]).aligned
    units = units_of_alignment(source.alignment)
    assert [unit.text for unit in units if unit.section == "label"] == TRIPLES
    assert any(unit.section == "abstract" and unit.text["ru"].startswith("Мы разметили") for unit in units)


def test_a_bead_record_without_labels_reads_as_before():
    record = {"en": [0], "kk": [0], "ru": [], "text": {"en": "A.", "kk": "Б.", "ru": ""}, "score": 0.9, "flags": []}
    bead = Bead.from_dict(record)
    assert bead.labels == {} and "labels" not in bead.to_dict()
    damaged = Bead.from_dict({**record, "labels": ["Methods"]})  # not a mapping: ignored, not an error
    assert damaged.labels == {}
    one = Bead.from_dict({**record, "labels": {"en": "Methods", "xx": "?", "kk": ""}})
    assert one.labels == {"en": "Methods"} and one.to_dict()["labels"] == {"en": "Methods"}
    assert units_of_alignment_of(one) == []  # a label in one language pairs nothing


def units_of_alignment_of(bead: Bead) -> list:
    from ushtil.model import Alignment

    alignment = Alignment(name="one", sentences={"en": ["A."], "kk": ["Б."], "ru": []}, beads=[bead])
    return [unit for unit in units_of_alignment(alignment) if unit.section == "label"]


def test_a_label_stays_with_its_paragraphs_first_sentence_through_split_and_merge(tmp_path):
    from ushtil.aligner import edit

    assert main(["align", str(THESIS), "-o", str(tmp_path), "--quiet"]) == 0
    alignment = read_aligned(tmp_path / "01_thesis_markdown.alignment.jsonl").alignment
    drafts = edit.drafts_of(alignment)
    methods = next(i for i, bead in enumerate(alignment.beads) if bead.labels.get("en") == "Methods")
    # the Methods bead and the next one (its second sentence) merged: one bead, the label kept
    merged = edit.merge(drafts[methods], drafts[methods + 1])
    joined = edit.alignment_of([*drafts[:methods], merged, *drafts[methods + 2:]], alignment)
    assert joined.beads[methods].labels == TRIPLES[3]
    # and split again, the English cut in two: the label goes with the first part only
    english = merged.texts("en")
    parts = edit.split(merged, {"en": [english[:1], english[1:]]})
    again = edit.alignment_of(drafts[:methods] + parts + drafts[methods + 2:], alignment)
    assert again.beads[methods].labels == TRIPLES[3]
    assert again.beads[methods + 1].labels == {}
    assert [b.labels for b in again.beads if b.labels] == TRIPLES
    assert edit.article_of(again).part("ru").labels == LABELS["ru"]


def test_the_label_column_is_shown_not_read(tmp_path):
    """What a reviewer types into Label changes nothing; a workbook without the column (an older
    ushtil's) imports as before."""
    assert main(["align", str(THESIS), "-o", str(tmp_path / "out"), "--xlsx", str(tmp_path / "review.xlsx"),
                 "--quiet"]) == 0
    workbook = load_workbook(tmp_path / "review.xlsx")
    sheet = workbook["Alignment"]
    assert sheet.cell(1, 3).value == "Label"
    labelled = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 3).value)
    sheet.cell(labelled, 3, "Typed by hand")
    workbook.save(tmp_path / "typed.xlsx")
    sheet.delete_cols(3)
    workbook.save(tmp_path / "older.xlsx")
    for name in ("typed", "older"):
        out = tmp_path / name
        assert main(["review", "import", str(tmp_path / f"{name}.xlsx"), "-o", str(out), "--quiet"]) == 0
        aligned = read_aligned(out / "01_thesis_markdown.alignment.jsonl")
        assert [bead.labels for bead in aligned.alignment.beads if bead.labels] == TRIPLES
