"""Issue 10, point 2: a person's glossary decisions are never lost.

The build starts from the curated store (approved entries stay approved with their headwords and
notes, rejected pairs never come back), and an import applies only what a person changed in the
workbook: an untouched workbook leaves the store byte-identical, one edited row changes that row only,
a deleted row deletes nothing. Every test works on a copy of ``glossary/glossary.tsv`` in tmp_path.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT, SEED_ARTICLE
from ushtil.cli import main
from ushtil.export.tbx import TBX_NAMESPACE
from ushtil.glossary import load_glossary

STORE = ROOT / "glossary" / "glossary.tsv"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The README's flow in a project folder holding a copy of the curated store: the build (default
    store) and the same build without the store."""
    folder = tmp_path_factory.mktemp("project")
    (folder / "glossary").mkdir()
    shutil.copy(STORE, folder / "glossary" / "glossary.tsv")
    shutil.copytree(ROOT / "corpus", folder / "corpus")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        assert main(["glossary", "corpus", "-o", "out/glossary.xlsx", "--tbx", "out/glossary.tbx"]) == 0
        assert main(["glossary", "corpus", "--no-store", "-o", "out/uncurated.xlsx"]) == 0
    return folder


@pytest.fixture
def project(built, tmp_path, monkeypatch):
    """A fresh copy of the project (store and workbooks) for one test."""
    shutil.copytree(built, tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    return tmp_path / "p"


def edit_terms(path: Path, changes: dict[str, dict[str, str]] = (), delete: tuple[str, ...] = ()) -> None:
    """Edit the Terms sheet as a translator would (text typed as text: a leading = is quote-prefixed)."""
    from openpyxl import load_workbook

    from ushtil.export.cells import put

    workbook = load_workbook(path)
    terms = workbook["Terms"]
    column = {cell.value: cell.column for cell in terms[1]}
    rows = {terms.cell(row=r, column=1).value: r for r in range(2, terms.max_row + 1)}
    for entry_id, cells in dict(changes).items():
        for name, value in cells.items():
            put(terms, rows[entry_id], column[name], value)
    for entry_id in delete:
        terms.delete_rows(rows[entry_id])
        rows = {terms.cell(row=r, column=1).value: r for r in range(2, terms.max_row + 1)}
    workbook.save(path)


def store_lines() -> dict[str, str]:
    lines = Path("glossary/glossary.tsv").read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0]: line for line in lines}


def test_build_starts_from_the_curated_store(built):
    from ushtil.export.glossary_workbook import read_glossary_workbook

    curated = load_glossary(STORE)
    glossary = read_glossary_workbook(built / "out" / "glossary.xlsx")
    for entry in curated.approved:
        got = glossary.get(entry.id)
        assert (got.status, got.en, got.kk, got.ru, got.note) == ("approved", entry.en, entry.kk, entry.ru, entry.note)
    assert (glossary.get("west").kk, glossary.get("west").ru) == ("Батыс", "Запад")
    assert (glossary.get("central-asia").kk, glossary.get("great-game").kk) == ("Орталық Азия", "Ұлы ойын")
    # the rejected pairing never comes back as a candidate
    rejected = [e for e in glossary.entries if e.kk == "Ресей ара" or e.ru == "Азия сталкиваются"]
    assert [(e.id, e.status) for e in rejected] == [("central-asian", "rejected")]
    # without the store, the same build proposes the wrong pairs the store corrected
    uncurated = read_glossary_workbook(built / "out" / "uncurated.xlsx")
    assert {e.status for e in uncurated.entries} == {"candidate"}


def test_tbx_marks_approved_preferred_and_rejected_deprecated(built):
    ns = {"t": TBX_NAMESPACE}
    root = etree.parse(str(built / "out" / "glossary.tbx")).getroot()

    def status(concept: str, lang: str) -> str:
        return root.xpath(f"//t:conceptEntry[@id='c-{concept}']/t:langSec[@xml:lang='{lang}']/t:termSec[1]/"
                          "t:termNote[@type='administrativeStatus']/text()", namespaces=ns)[0]

    assert status("west", "kk") == "preferredTerm-admn-sts"
    assert status("central-asian", "kk") == "deprecatedTerm-admn-sts"
    assert status("regional-and-non-regional", "ru") == "admittedTerm-admn-sts"


def test_untouched_workbook_import_leaves_the_store_byte_identical(project, capsys):
    before = Path("glossary/glossary.tsv").read_bytes()
    assert main(["glossary", "import", "out/glossary.xlsx"]) == 0
    # the store, Kazakhstan, two terms composed word by word (geopolitical transformation, subjective factors)
    # and five single-word terms (century = ғасыр = век, relations = қарым-қатынастар = отношения, and the
    # loanwords arena, factor, transformation)
    assert "0 entries updated, 0 added, 22 unchanged" in capsys.readouterr().err
    assert Path("glossary/glossary.tsv").read_bytes() == before


def test_uncurated_workbook_never_demotes_approved_entries(project, capsys):
    """The issue's case: a build without the store (all candidates, wrong pairs) imported untouched."""
    before = Path("glossary/glossary.tsv").read_bytes()
    assert main(["glossary", "import", "out/uncurated.xlsx"]) == 0
    assert Path("glossary/glossary.tsv").read_bytes() == before
    assert "0 entries updated, 0 added" in capsys.readouterr().err


def test_one_edited_row_changes_that_row_only(project):
    before = store_lines()
    edit_terms(Path("out/glossary.xlsx"), {
        "china": {"note": "=not a formula, kept as text"},
        "regional-and-non-regional": {"status": "approved", "ru": "региональные и нерегиональные"},
    })
    assert main(["glossary", "import", "out/glossary.xlsx"]) == 0
    after = store_lines()
    changed = sorted(key for key in before if after[key] != before[key])
    assert changed == ["china", "regional-and-non-regional"]
    assert after["china"].split("\t")[7] == "=not a formula, kept as text"
    entry = load_glossary("glossary/glossary.tsv").get("regional-and-non-regional")
    assert (entry.status, entry.ru, entry.note) == ("approved", "региональные и нерегиональные",
                                                    "ru keyword as printed; in the text: региональными и "
                                                    "нерегиональными")


def test_deleted_rows_delete_nothing(project):
    before = Path("glossary/glossary.tsv").read_bytes()
    edit_terms(Path("out/glossary.xlsx"), delete=("west", "central-asian", "eu"))
    assert main(["glossary", "import", "out/glossary.xlsx"]) == 0
    assert Path("glossary/glossary.tsv").read_bytes() == before


def test_status_changes_only_when_the_row_says_so(project):
    edit_terms(Path("out/glossary.xlsx"), {"west": {"status": "rejected"}, "east": {"note": "edited"}})
    assert main(["glossary", "import", "out/glossary.xlsx"]) == 0
    store = load_glossary("glossary/glossary.tsv")
    assert (store.get("west").status, store.get("east").status, store.get("east").note) == (
        "rejected", "approved", "edited")


def test_two_approved_entries_claiming_one_term_are_reported_not_merged(project, capsys):
    edit_terms(Path("out/glossary.xlsx"), {"regional-and-non-regional": {"status": "approved", "kk": "Қытай"}})
    assert main(["glossary", "import", "out/glossary.xlsx"]) == 0
    err = capsys.readouterr().err
    assert "1 conflict(s)" in err and "conflict: kk 'Қытай' is approved in china, regional-and-non-regional" in err
    store = load_glossary("glossary/glossary.tsv")
    assert store.get("china").kk == "Қытай" and store.get("regional-and-non-regional").kk == "Қытай"
    assert len(store.entries) == 14


def test_import_exports_the_updated_store_when_asked(project, capsys):
    assert main(["glossary", "import", "out/glossary.xlsx", "--tbx", "out/store.tbx", "-o", "out/store.csv"]) == 0
    assert "written: TBX out/store.tbx, CSV out/store.csv" in capsys.readouterr().err.replace(
        "CSV out/store.csv, TBX out/store.tbx", "TBX out/store.tbx, CSV out/store.csv")
    assert Path("out/store.csv").read_text(encoding="utf-8-sig").count("\n") == 15


def test_seed_article_import_via_library_keeps_store(project):
    from ushtil.export.glossary_workbook import import_glossary_workbook

    before = Path("glossary/glossary.tsv").read_bytes()
    result = import_glossary_workbook("out/glossary.xlsx", "glossary/glossary.tsv")
    assert (result.updated, result.added, result.conflicts) == ([], [], [])
    assert Path("glossary/glossary.tsv").read_bytes() == before
    assert SEED_ARTICLE.exists()


def test_headwords_a_person_typed_survive_the_next_build(project, capsys):
    """A candidate left a candidate but given a corrected headword keeps it when a build merges in."""
    edit_terms(Path("out/glossary.xlsx"), {"regional-and-non-regional": {"ru": "региональные и нерегиональные"}})
    assert main(["glossary", "import", "out/glossary.xlsx"]) == 0
    entry = load_glossary("glossary/glossary.tsv").get("regional-and-non-regional")
    assert (entry.status, entry.ru, entry.source) == ("candidate", "региональные и нерегиональные", "workbook")
    assert main(["glossary", "corpus", "--store", "glossary/glossary.tsv", "--quiet"]) == 0
    entry = load_glossary("glossary/glossary.tsv").get("regional-and-non-regional")
    assert (entry.status, entry.ru) == ("candidate", "региональные и нерегиональные")
    assert "региональное и вне региональное" in entry.variants["ru"]  # the build's renderings still shown
