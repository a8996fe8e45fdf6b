"""Shared fixtures: the bundled seed article and the folders in ../shared when present."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ushtil.cli import main
from ushtil.model import LANGS, Alignment, Bead

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = ROOT / "corpus" / "004_9d99ed68fdecf78d.txt"
NTREX = SHARED / "bench" / "ntrex-dev"


@pytest.fixture(scope="session")
def seed_article():
    import ushtil

    return ushtil.read_article(SEED_ARTICLE)


@pytest.fixture(scope="session")
def seed_alignment(seed_article):
    import ushtil

    return ushtil.align(seed_article)


def seed_abstract_scorer(options=None, article=None):
    """The aligner's scorer of the seed's abstract (paragraphs, numbers, names) and its band, prepared
    as the programme prepares it: what the tests of the aligner's short cuts compare against."""
    import ushtil
    from ushtil.aligner.pipeline import AlignOptions, band_for, pair_models, section_scorer, sections_of

    options = options or AlignOptions()
    article = article or ushtil.read_article(SEED_ARTICLE)
    section = next(section for section in sections_of(article) if section.name == "abstract")
    scorer = section_scorer(section, pair_models(options), options)
    band = band_for(scorer, scorer.sizes)
    scorer.prepare(band)
    return scorer, band


def gold_alignment(case: str) -> Alignment:
    """One NTREX dev document as its gold beads."""
    lines = {lang: (NTREX / f"{case}.{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in LANGS}
    beads = []
    for record in map(json.loads, (NTREX / f"{case}.gold.jsonl").read_text(encoding="utf-8").splitlines()):
        text = {lang: " ".join(lines[lang][i] for i in record[lang]) for lang in LANGS}
        beads.append(Bead(sentences={lang: list(record[lang]) for lang in LANGS}, text=text))
    return Alignment(name=case, sentences=lines, beads=beads)


@pytest.fixture(scope="session")
def ntrex_glossary():
    """The glossary of every NTREX dev document's gold beads (built once for the glossary tests)."""
    from ushtil.glossary import build_glossary

    if not NTREX.is_dir():
        pytest.skip("NTREX dev cases not present")
    cases = sorted(path.name.removesuffix(".gold.jsonl") for path in NTREX.glob("*.gold.jsonl"))
    return build_glossary([gold_alignment(case) for case in cases])


def edit_rows(path: Path, edits: dict[int, dict[str, str]]) -> None:
    """Change Alignment cells the way a reviewer does in Excel: ``{bead #: {column title: value}}``."""
    workbook = load_workbook(path)
    sheet = workbook["Alignment"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for row in sheet.iter_rows(min_row=2):
        number = row[columns["Bead #"] - 1].value
        if number in edits and not str(row[columns["Type"] - 1].value).startswith("cont."):
            for title, value in edits[number].items():
                row[columns[title] - 1].value = value
    workbook.save(path)


def damage_sheet(path: Path, sheet: str) -> None:
    """Break the XML of a workbook's sheet half way through, past the start a guard checks."""
    import zipfile

    part = load_workbook(path, read_only=True)[sheet]._worksheet_path
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    middle = len(parts[part]) // 2
    parts[part] = parts[part][:middle] + b"<<&" + parts[part][middle:]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def wrapped_lines(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` characters at spaces, as a fixed-width PDF text
    export prints a paragraph."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


@pytest.fixture
def review_work(tmp_path, capsys) -> Path:
    """The seed article aligned into ``tmp_path/work`` with its review workbook ``work/review.xlsx``."""
    (tmp_path / "journal").mkdir()
    shutil.copy(SEED_ARTICLE, tmp_path / "journal")
    assert main(["align", str(tmp_path / "journal"), "-o", str(tmp_path / "work"), "-q",
                 "--xlsx", str(tmp_path / "work" / "review.xlsx")]) == 0
    capsys.readouterr()
    return tmp_path / "work"


def seed_alignment_file(work: Path) -> Path:
    """The seed's alignment file in a work folder."""
    return work / f"{SEED_ARTICLE.stem}.alignment.jsonl"


def review_import(work: Path, workbook: str, outdir: Path | None = None) -> int:
    """``ushtil review import WORK/WORKBOOK -o OUTDIR`` (the work folder itself by default)."""
    return main(["review", "import", str(work / workbook), "-o", str(outdir or work), "-q"])
