"""The seed article as .docx, one-column PDF and two-column PDF gives the record of its .txt (issue 14).

The files in tests/data/layouts/ were made from the seed by make_layouts.py (python-docx, LibreOffice):
heading styles, bold labels, superscript affiliation marks, a running header and page numbers on
every page; the two-column PDF also breaks recurring long words with a hyphen at line ends.
"""

from __future__ import annotations

import pytest

import ushtil
from conftest import ROOT
from ushtil.read.hyphens import Hyphenation, join_lines

LAYOUTS = ROOT / "tests" / "data" / "layouts"


@pytest.mark.parametrize("name", ["seed.docx", "seed_one_column.pdf", "seed_two_columns.pdf"])
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


@pytest.mark.parametrize(
    ("rows", "order"),
    [
        # one language per column: read column by column
        ([["Аңдатпа. Орта Азия елдері Ресейді басымдық ретінде анықтайды.",
           "Аннотация. Все страны считают Россию главным."],
          ["Түйін сөздер: Ресей, Қытай", "Ключевые слова: Россия, Китай"]], [0, 2, 1, 3]),
        # a label and its text, one abstract per row: read row by row
        ([["Abstract", "Central Asia is a crossroads of Eurasia."],
          ["Keywords", "Russia, EU"]], [0, 1, 2, 3]),
    ],
)
def test_table_reading_order(rows, order):
    from ushtil.read.tables import cells_in_reading_order

    flat = [cell for row in rows for cell in row]
    assert cells_in_reading_order(rows) == [flat[index] for index in order]


def test_text_export_words_broken_at_line_ends():
    from ushtil.read import article_from_text

    text = (
        "Аннотация. Центральная Азия переживает новый этап гео-\n"
        "политической трансформации, и геополитической конкуренции стало больше.\n"
        "Отношения между странами региона и Россией носят прагма-\n"
        "тичный характер.\n\n"
        "Аңдатпа. Орта Азия мен Ресей арасындағы қарым-\n"
        "қатынастар прагматикалық сипатқа ие.\n\n"
        "Ключевые слова: Россия, Китай"
    )
    article = article_from_text(text, "wrapped")
    assert article.part("ru").paragraphs == [
        "Центральная Азия переживает новый этап геополитической трансформации, и геополитической "
        "конкуренции стало больше. Отношения между странами региона и Россией носят прагматичный характер."
    ]
    kazakh = "Орта Азия мен Ресей арасындағы қарым-қатынастар прагматикалық сипатқа ие."
    assert article.part("kk").paragraphs == [kazakh]


def test_wrapped_line_that_looks_like_a_name_does_not_cut_the_abstract():
    from ushtil.read import article_from_text

    text = (
        "Abstract. Today it is the arena of competition and rivalry between the great powers of\n"
        "Central Asia.\n\nKeywords: Russia, EU"
    )
    part = article_from_text(text, "wrapped").part("en")
    assert part.paragraphs == [
        "Today it is the arena of competition and rivalry between the great powers of Central Asia."
    ]
    assert part.keywords == ["Russia", "EU"]


def test_docx_abstract_in_a_text_box(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("Kazakhstan as a Center of Gravity in Central Asia", level=1)
    anchor = document.add_paragraph()
    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>Abstract. Central Asia has become an arena of competition between the great powers.</w:t>"
        "</w:r></w:p><w:p><w:r><w:t>Keywords: Central Asia, Russia, China</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    anchor._p.append(parse_xml(box))
    path = tmp_path / "box.docx"
    document.save(path)
    english = ushtil.read_article(path).part("en")
    assert english.paragraphs == ["Central Asia has become an arena of competition between the great powers."]
    assert english.keywords == ["Central Asia", "Russia", "China"]
    assert english.title == "Kazakhstan as a Center of Gravity in Central Asia"


def test_footnotes_go_last_but_small_print_that_goes_on_stays():
    from ushtil.read.pdf_layout import Line, _footnotes_last

    def line(page, y, size, text):
        return Line(page, 0, 90, y, size, False, text)

    footnote = [line(0, 700, 11, "Body text of the first page ends here."), line(0, 80, 8, "¹ University, Astana")]
    next_page = [line(1, 700, 11, "The next paragraph starts the second page.")]
    assert [x.text for x in _footnotes_last(footnote + next_page, 11)] == [
        "Body text of the first page ends here.", "The next paragraph starts the second page.", "¹ University, Astana",
    ]
    abstract = [line(0, 700, 11, "The discussion ends here."), line(0, 120, 9, "Аңдатпа. Абстракт кіші")]
    rest = [line(1, 700, 9, "әріппен жалғасады."), line(1, 600, 11, "Body again.")]
    assert [x.text for x in _footnotes_last(abstract + rest, 11)] == [x.text for x in abstract + rest]


@pytest.mark.parametrize("style_name", ["Heading 1", "Title", "Заголовок 1"])
def test_docx_heading_styles_of_each_language_mark_a_heading(tmp_path, style_name):
    """Word names its heading styles in its own language (Russian "Заголовок 1", ru.toml)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    from ushtil.read.formats import _docx_paragraph

    document = docx.Document()
    styles = {style.name for style in document.styles}
    style = style_name if style_name in styles else document.styles.add_style(style_name, WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Казахстан в Центральной Азии", style=style)
    document.add_paragraph("Аннотация. Центральная Азия стала ареной соперничества.")
    path = tmp_path / "styles.docx"
    document.save(path)
    heading, text = (_docx_paragraph(paragraph) for paragraph in docx.Document(path).paragraphs)
    assert heading == "# Казахстан в Центральной Азии"
    assert text == "Аннотация. Центральная Азия стала ареной соперничества."


def _encrypted_copy(path, user_password: str, algorithm: str):
    """The one-column seed PDF encrypted as a journal's download is: an owner password restricting
    printing or copying, and a user password (often empty: it opens without one)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(LAYOUTS / "seed_one_column.pdf").pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="publisher", algorithm=algorithm)
    writer.write(path)
    return path


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128"])
def test_a_pdf_that_opens_without_a_password_is_read(tmp_path, algorithm, seed_article):
    """Such a PDF was refused ("the PDF is encrypted; save an unprotected copy first")."""
    article = ushtil.read_article(_encrypted_copy(tmp_path / "restricted.pdf", "", algorithm))
    for lang in ("en", "kk", "ru"):
        assert article.part(lang).sentences == seed_article.part(lang).sentences


def test_a_pdf_that_needs_a_password_is_one_line(tmp_path):
    from ushtil.errors import InputError

    with pytest.raises(InputError, match="needs a password") as raised:
        ushtil.read_article(_encrypted_copy(tmp_path / "locked.pdf", "secret", "AES-128"))
    assert "\n" not in str(raised.value)


def test_a_cipher_without_its_package_is_one_line(tmp_path, monkeypatch):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    from ushtil.errors import InputError

    def no_cryptography(reader, password):
        raise DependencyError("cryptography is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", no_cryptography)
    with pytest.raises(InputError, match="pip install cryptography"):
        ushtil.read_article(_encrypted_copy(tmp_path / "restricted.pdf", "", "AES-128"))


def test_a_pdf_whose_streams_pypdf_cannot_decode_is_one_line(tmp_path):
    """pypdf raises NotImplementedError for a filter it does not know (and LimitReachedError, not a
    PdfReadError, for a page tree in a loop): "internal error (NotImplementedError: …)" before."""
    from ushtil.errors import InputError

    path = tmp_path / "unknown_filter.pdf"
    path.write_bytes((LAYOUTS / "seed_one_column.pdf").read_bytes().replace(b"/FlateDecode", b"/FlateDecodX"))
    with pytest.raises(InputError, match=r"unknown_filter.pdf: not a readable PDF \(Unsupported filter /FlateDecodX\)"):
        ushtil.read_article(path)
