"""The seed article as .docx, one-column PDF and two-column PDF gives the record of its .txt (issue 14).

The files in tests/data/layouts/ were made from the seed by make_layouts.py (python-docx, LibreOffice):
heading styles, bold labels, superscript affiliation marks, a running header and page numbers on
every page; the two-column PDF also breaks recurring long words with a hyphen at line ends.
"""

from __future__ import annotations

import pytest

import ushtil
from conftest import ROOT
from ushtil.read.pdf_layout import Hyphenation, join_lines

LAYOUTS = ROOT / "tests" / "data" / "layouts"


@pytest.mark.parametrize("name", ["seed.docx", "seed.pdf", "seed_two_columns.pdf"])
def test_seed_formats_give_the_txt_record(name, seed_article):
    article = ushtil.read_article(LAYOUTS / name)
    for lang in ("en", "kk", "ru"):
        got, want = article.part(lang), seed_article.part(lang)
        assert got.title == want.title
        assert got.authors == want.authors
        assert got.paragraphs == want.paragraphs
        assert got.keywords == want.keywords
        assert got.sentences == want.sentences
    assert article.notes == seed_article.notes
    assert not article.extras


def test_two_column_pdf_really_breaks_words_and_has_page_furniture():
    from pypdf import PdfReader

    pages = [page.extract_text() for page in PdfReader(LAYOUTS / "seed_two_columns.pdf").pages]
    raw = "\n".join(pages)
    assert "geop-\nolitical" in raw or "geopo-\nlitical" in raw or "-\n" in raw
    assert sum("ХАБАРШЫСЫ" in page for page in pages) == len(pages)


@pytest.mark.parametrize(
    ("lines", "vocabulary", "joined"),
    [
        (["гео-", "политический курс"], {"геополитический"}, "геополитический курс"),
        (["между қарым-", "қатынас"], {"қарым-"}, "между қарым-қатынас"),
        (["the twenty-", "first century"], {"first"}, "the twenty-first century"),
        (["Қазақстан қарама-", "қайшылықта"], set(), "Қазақстан қарама-қайшылықта"),
        (["Kazakh-", "English terms"], set(), "Kazakh-English terms"),
        (["ISSN 2616-", "6887"], set(), "ISSN 2616-6887"),
    ],
)
def test_words_broken_at_line_ends(lines, vocabulary, joined):
    assert join_lines(lines, Hyphenation(vocabulary)) == joined


def test_hyphenating_document_joins_unknown_breaks():
    assert join_lines(["гео-", "политика"], Hyphenation(set(), join_by_default=True)) == "геополитика"
    assert join_lines(["гео-", "политика"], Hyphenation(set(), join_by_default=False)) == "гео-политика"


def test_italic_word_in_a_full_width_line_stays_in_its_line():
    from ushtil.read.pdf_layout import PageRuns, Run, _columns_of

    page = PageRuns(612, 792, [
        Run(90, 700, 11, False, "A full-width abstract line that has an "),  # full width, one column
        Run(330, 700, 11, False, "italic"),
        Run(365, 700, 11, False, " word in it."),
        Run(90, 600, 11, False, "Left column line"),  # two columns below
        Run(90, 585, 11, False, "left again"),
        Run(320, 600, 11, False, "Right column line"),
        Run(320, 585, 11, False, "right "),
        Run(350, 585, 11, False, "continued"),
    ])
    assert _columns_of(page, 320.0) == [0, 0, 0, 0, 0, 1, 1, 1]
