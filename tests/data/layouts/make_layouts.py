"""Rebuild the layouts of this folder that are composed from other texts: the seed article as .docx
(python-docx) and .pdf (LibreOffice, one and two columns), the seed's three parts rearranged in
other journal layouts (.txt), and the hand-written 01 thesis as a styled .docx and a two-column
.pdf. The files are committed, so tests need neither LibreOffice nor this script.

    PYTHONPATH=src python tests/data/layouts/make_layouts.py   # needs python-docx and soffice
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[2] / "corpus" / "004_9d99ed68fdecf78d.txt"
_INLINE = re.compile(r"(\*\*.+?\*\*|<sup>.*?</sup>|\*[^*\s][^*]*?\*)")


def _add_runs(paragraph, text: str) -> None:
    """Markdown emphasis and <sup> of one line as Word runs (bold, italic, superscript)."""
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!$|<>~])", r"\1", text)
    for piece in _INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("**"):
            paragraph.add_run(piece[2:-2]).bold = True
        elif piece.startswith("<sup>"):
            paragraph.add_run(piece[5:-6]).font.superscript = True
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            paragraph.add_run(piece[1:-1]).italic = True
        else:
            paragraph.add_run(piece)


def seed_docx(columns: int = 1, hyphenated: set[str] = frozenset(), mixed: bool = False) -> docx.Document:
    """The seed's Markdown as a Word document: '#' lines in heading styles, emphasis as runs.

    ``mixed``: the English front matter and abstract in one full-width column (with an italic phrase
    in the right half of a line), then a continuous section break and the rest in two columns.
    """
    document = docx.Document()
    if columns > 1 and not mixed:
        _columns(document, columns)
        document.sections[0].start_type = WD_SECTION.CONTINUOUS
    _page_number_footer(document)
    header = document.sections[0].header.paragraphs[0]
    header.text = "Л.Н. Гумилев атындағы ЕҰУ ХАБАРШЫСЫ. Саяси ғылымдар. Аймақтану. Шығыстану. Түркітану сериясы"
    for block in SEED.read_text(encoding="utf-8").split("\n\n"):
        line = block.strip()
        if not line:
            continue
        if mixed and line.startswith("Received:"):
            document.add_section(WD_SECTION.CONTINUOUS)
            _columns(document, 2, section=document.sections[-1])
        if mixed:
            line = line.replace("the Great Game of the", "the *Great Game* of the").replace(
                "Russia, EU, China, Central Asia.", "Russia, EU, *China*, Central Asia."
            )
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            paragraph = document.add_heading("", level=min(len(heading.group(1)), 4))
            _add_runs(paragraph, heading.group(2))
        else:
            _add_runs(document.add_paragraph(), hyphenate(line, hyphenated))
    return document


def _page_number_footer(document: docx.Document) -> None:
    """A centred PAGE field in the footer: a bare page number on every page."""
    run = document.sections[0].footer.paragraphs[0].add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)


def hyphenate(text: str, words: set[str]) -> str:
    """Soft hyphens in the middle of the given words, so a narrow column breaks them: "гео­политический"."""
    def soft(match: re.Match) -> str:
        word = match.group(0)
        return word[:4] + "\u00ad" + word[4:] if word.lower() in words else word
    return re.sub(r"[^\W\d_]{10,}", soft, text)


def to_pdf(source: Path, target: Path) -> None:
    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("soffice (LibreOffice) is not on PATH")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
                       check=True, capture_output=True, timeout=300)
        shutil.move(Path(tmp) / (source.stem + ".pdf"), target)


def _recurring_long_words() -> set[str]:
    """Long words written more than once: a typesetter's hyphenation breaks some of them."""
    words = re.findall(r"[^\W\d_]{10,}", SEED.read_text(encoding="utf-8").lower())
    return {word for word in set(words) if words.count(word) >= 2}


def _seed_parts() -> dict:
    import ushtil

    return ushtil.read_article(SEED).parts


def _names_reversed(names: list[str]) -> list[str]:
    """"D.M. Turtugulova" → "Turtugulova D.M.": the other order journals print."""
    return [" ".join(reversed(name.split(" ", 1))) for name in names]


_KEYWORD_WORDS = {"en": "Keywords", "kk": "Түйін сөздер", "ru": "Ключевые слова"}


def _write(name: str, blocks: list[str]) -> None:
    (HERE / name).write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def text_layouts() -> None:
    """The seed's parts in the orders and spellings other journals use."""
    parts = _seed_parts()
    # 02: Russian first, upper-case titles and markers on lines of their own, names surname first, ';'
    blocks = ["УДК 327 (574)", "МРНТИ 11.25.19"]
    for lang, marker in (("ru", "АННОТАЦИЯ"), ("kk", "АҢДАТПА"), ("en", "ABSTRACT")):
        part = parts[lang]
        blocks += [part.title.upper(), ", ".join(_names_reversed(part.authors)), marker, *part.paragraphs,
                   f"{_KEYWORD_WORDS[lang]}: {'; '.join(part.keywords)}."]
    blocks += ["ВВЕДЕНИЕ", "Сегодня траектория развития Центральной Азии изменилась."]
    _write("02_ru_first_upper_case.txt", blocks)
    # 03: Kazakh first, markers inline with a dash, keywords separated by dashes, numbered affiliation marks
    blocks = []
    for lang, marker in (("kk", "Аңдатпа"), ("en", "Abstract"), ("ru", "Аннотация")):
        part = parts[lang]
        marks = ", ".join(f"{name}{number}" for number, name in enumerate(part.authors, 1))
        blocks += [part.title, marks, f"{marker} — {part.paragraphs[0]}", *part.paragraphs[1:],
                   f"{_KEYWORD_WORDS[lang]} — {' — '.join(part.keywords)}"]
    _write("03_kk_first_inline_dashes.txt", blocks)
    # 05: the body first, the three abstracts (Summary / Түйіндеме / Резюме) after the references
    body = SEED.read_text(encoding="utf-8")
    start, end = body.index("## Introduction"), body.index("#### Д.М. Туртугулова")
    blocks = [body[start:end].strip()]
    for lang, marker in (("en", "Summary"), ("kk", "Түйіндеме"), ("ru", "Резюме")):
        part = parts[lang]
        blocks += [f"## {part.title}", ", ".join(part.authors), f"**{marker}.** {part.paragraphs[0]}",
                   *part.paragraphs[1:], f"**{_KEYWORD_WORDS[lang]}:** {', '.join(part.keywords)}."]
    _write("05_abstracts_after_the_body.md", blocks)
    # 11: a PDF's text export: lines wrapped at 78 characters, running header and page number mid-abstract
    import textwrap

    lines = []
    for lang, marker in (("en", "Abstract."), ("kk", "Аңдатпа."), ("ru", "Аннотация.")):
        part = parts[lang]
        lines += [*textwrap.wrap(part.title, 78), ", ".join(part.authors), ""]
        for number, paragraph in enumerate(part.paragraphs):
            text = f"{marker} {paragraph}" if number == 0 else paragraph
            lines += textwrap.wrap(text, 78)
            if number == 2:
                lines += ["", "ВЕСТНИК ЕНУ им. Л.Н. Гумилева. Серия Политические науки. №1(150)/ 2025", "",
                          str(121 + len(lines) // 40), ""]
        lines += [*textwrap.wrap(f"{_KEYWORD_WORDS[lang]}: {', '.join(part.keywords)}.", 78), ""]
    (HERE / "11_wrapped_text_export.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # 12: abstracts with no title and no byline of their own, Kazakh first
    blocks = ["# Kazakhstan as a Center of Gravity in Central Asia"]
    for lang, marker in (("kk", "Аңдатпа"), ("en", "Abstract"), ("ru", "Аннотация")):
        part = parts[lang]
        blocks += [f"{marker}: {part.paragraphs[0]}", *part.paragraphs[1:],
                   f"{_KEYWORD_WORDS[lang]}: {', '.join(part.keywords)}"]
    _write("12_no_titles_of_their_own.md", blocks)


def table_docx() -> docx.Document:
    """06: the seed's three abstract blocks in a table, one row each, the title in a heading style."""
    parts = _seed_parts()
    document = docx.Document()
    document.add_paragraph("IRSTI 11.25.19")
    for lang, marker in (("en", "Abstract"), ("kk", "Аңдатпа"), ("ru", "Аннотация")):
        document.add_heading(parts[lang].title, level=1)
        byline = document.add_paragraph()
        for number, name in enumerate(parts[lang].authors, 1):
            byline.add_run(("" if number == 1 else ", ") + name)
            byline.add_run(str(number)).font.superscript = True
        table = document.add_table(rows=1, cols=1)
        cell = table.rows[0].cells[0]
        first = cell.paragraphs[0]
        first.add_run(f"{marker}.").bold = True
        first.add_run(f" {parts[lang].paragraphs[0]}")
        for paragraph in parts[lang].paragraphs[1:]:
            cell.add_paragraph(paragraph)
        keywords = cell.add_paragraph()
        keywords.add_run(f"{_KEYWORD_WORDS[lang]}:").bold = True
        keywords.add_run(f" {', '.join(parts[lang].keywords)}.")
    document.add_heading("Introduction", level=1)
    document.add_paragraph("Today, the trajectory of Central Asia's development has changed.")
    return document


def side_by_side_docx() -> docx.Document:
    """15: English as plain paragraphs, then Kazakh | Russian side by side in a two-column table,
    one row per paragraph (title, byline, marker with the first paragraph, …, keywords)."""
    parts = _seed_parts()
    document = docx.Document()
    english = parts["en"]
    document.add_heading(english.title, level=1)
    document.add_paragraph(", ".join(english.authors))
    document.add_paragraph(f"Abstract. {english.paragraphs[0]}")
    for paragraph in english.paragraphs[1:]:
        document.add_paragraph(paragraph)
    document.add_paragraph(f"Keywords: {', '.join(english.keywords)}.")

    def column(lang: str, marker: str) -> list[str]:
        part = parts[lang]
        return [part.title, ", ".join(part.authors), f"{marker}. {part.paragraphs[0]}", *part.paragraphs[1:]]

    kazakh, russian = column("kk", "Аңдатпа"), column("ru", "Аннотация")
    kazakh += [""] * (len(russian) - len(kazakh))
    kazakh.append(f"Түйін сөздер: {', '.join(parts['kk'].keywords)}.")
    russian.append(f"Ключевые слова: {', '.join(parts['ru'].keywords)}.")
    table = document.add_table(rows=len(russian), cols=2)
    for row, (left, right) in zip(table.rows, zip(kazakh, russian, strict=True), strict=True):
        row.cells[0].text, row.cells[1].text = left, right
    return document


_SALINITY = [
    (
        'Soil salinity mapping in the Aral Sea region from Sentinel-2 images',
        ['A.K. Zhaksylykova', 'M.T. Omarov'],
        'ABSTRACT',
        [
            (
                'Soil salinity is one of the main causes of land degradation in the Kyzylorda region. Field'
                ' sampling alone cannot follow its changes over large areas.'
            ),
            (
                'We compared three spectral salinity indices computed from Sentinel-2 images with 146 soil '
                'samples taken in 2022. The normalized difference salinity index gave the closest agreement'
                ' with laboratory measurements.'
            ),
            'The resulting maps show that strongly saline soils have expanded by 12 percent since 2017.',
        ],
        'Key words',
        'soil salinity; Sentinel-2; remote sensing; Aral Sea region; land degradation',
    ),
    (
        'Картографирование засоления почв в Приаралье по снимкам Sentinel-2',
        ['А.К. Жаксылыкова', 'М.Т. Омаров'],
        'АННОТАЦИЯ',
        [
            (
                'Засоление почв является одной из главных причин деградации земель в Кызылординской '
                'области. Одни лишь полевые пробы не позволяют следить за его изменениями на больших '
                'площадях.'
            ),
            (
                'Мы сравнили три спектральных индекса засоления, рассчитанных по снимкам Sentinel-2, со 146'
                ' почвенными пробами, отобранными в 2022 году. Нормализованный разностный индекс засоления '
                'дал наилучшее согласие с лабораторными измерениями.'
            ),
            (
                'Полученные карты показывают, что площадь сильнозасоленных почв с 2017 года увеличилась на '
                '12 процентов.'
            ),
        ],
        'Ключевые слова',
        'засоление почв; Sentinel-2; дистанционное зондирование; Приаралье; деградация земель',
    ),
    (
        'Sentinel-2 түсірілімдері бойынша Арал өңіріндегі топырақтың тұздануын картаға түсіру',
        ['А.Қ. Жақсылықова', 'М.Т. Омаров'],
        'АҢДАТПА',
        [
            (
                'Топырақтың тұздануы Қызылорда облысындағы жердің тозуының басты себептерінің бірі болып '
                'табылады. Тек далалық сынамалар арқылы оның үлкен аумақтардағы өзгерістерін бақылау мүмкін'
                ' емес.'
            ),
            (
                'Біз Sentinel-2 түсірілімдері бойынша есептелген үш спектрлік тұздану индексін 2022 жылы '
                'алынған 146 топырақ сынамасымен салыстырдық. Нормаланған айырымдық тұздану индексі '
                'зертханалық өлшемдермен ең жақсы сәйкестік көрсетті.'
            ),
            (
                'Алынған карталар қатты тұзданған топырақтардың ауданы 2017 жылдан бері 12 пайызға '
                'ұлғайғанын көрсетеді.'
            ),
        ],
        'Түйін сөздер',
        'топырақтың тұздануы; Sentinel-2; қашықтықтан зондтау; Арал өңірі; жердің тозуы',
    ),
]


def salinity_docx() -> docx.Document:
    """18/19: a text written for a held-out check: Word's 'Title' style for each title, superscript
    affiliation numbers and an asterisk, upper-case bold markers on a line of their own, bold-italic
    keyword labels, English, Russian, Kazakh in that order; the body after."""
    document = docx.Document()
    document.add_paragraph("МРНТИ 68.33.29")
    for title, names, marker, paragraphs, label, keywords in _SALINITY:
        document.add_paragraph(title, style="Title")
        byline = document.add_paragraph()
        for number, name in enumerate(names):
            byline.add_run(("" if number == 0 else ", ") + name)
            byline.add_run(str(number + 1) + ("*" if number == 0 else "")).font.superscript = True
        document.add_paragraph().add_run(marker).bold = True
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        line = document.add_paragraph()
        run = line.add_run(label + ": ")
        run.bold = run.italic = True
        line.add_run(keywords)
    document.add_heading("1. Introduction", level=1)
    document.add_paragraph("The Aral Sea crisis changed the soils of the whole region.")
    return document


def thesis_docx(columns: int = 1) -> docx.Document:
    """07/08: the hand-written 01 thesis with 'Heading 1' markers and bold structured labels."""
    document = docx.Document()
    if columns > 1:
        _columns(document, columns)
    _page_number_footer(document)
    for block in (HERE / "01_thesis_markdown.md").read_text(encoding="utf-8").split("\n\n"):
        line = block.strip()
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            document.add_heading(heading.group(2), level=len(heading.group(1)))
        elif line:
            _add_runs(document.add_paragraph(), line)
    return document


def _columns(document: docx.Document, columns: int, section=None) -> None:
    section = section or document.sections[0]
    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        section._sectPr.append(cols)
    cols.set(qn("w:num"), str(columns))
    cols.set(qn("w:space"), "567")


_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:text-indent="1cm" fo:margin-top="0cm" fo:margin-bottom="0cm"
   fo:text-align="justify"/>
  <style:text-properties fo:font-size="11pt"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"/>
  <style:text-properties fo:font-size="13pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Byline" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="11pt" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="Footnote" style:family="paragraph">
  <style:text-properties fo:font-size="8pt"/>
 </style:style>
 <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
</office:styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>
"""


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def footnotes_fodt() -> str:
    """14: Word-like pages: first-line indents, no space between paragraphs, justified, centred
    titles; each byline's first author carries a real footnote (affiliation) at the page foot; the
    seed's body comes first, so page breaks fall inside the abstracts."""
    parts = _seed_parts()
    text = SEED.read_text(encoding="utf-8")
    intro = text[text.index("## Introduction"):text.index("## Materials and methods")]
    lines = [re.sub(r"[*#]+ ?|\\\\", "", line) for line in intro.split("\n\n")[1:] if line.strip()]
    body = [f'<text:p text:style-name="Standard">{_xml(line)}</text:p>' for line in lines]
    notes = {"en": "L.N. Gumilyov Eurasian National University, Astana, Kazakhstan",
             "kk": "Л.Н. Гумилев атындағы Еуразия ұлттық университеті, Астана, Қазақстан",
             "ru": "Евразийский национальный университет имени Л.Н. Гумилева, Астана, Казахстан"}
    for lang, marker in (("en", "Abstract"), ("kk", "Аңдатпа"), ("ru", "Аннотация")):
        part = parts[lang]
        first, *others = part.authors
        note = (f'<text:note text:id="n{lang}" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
                f'<text:note-body><text:p text:style-name="Footnote">{_xml(notes[lang])}</text:p>'
                f"</text:note-body></text:note>")
        body += [f'<text:p text:style-name="Title">{_xml(part.title)}</text:p>',
                 f'<text:p text:style-name="Byline">{_xml(first)}{note}, {_xml(", ".join(others))}</text:p>',
                 f'<text:p text:style-name="Standard"><text:span text:style-name="B">{marker}.</text:span> '
                 f"{_xml(part.paragraphs[0])}</text:p>"]
        body += [f'<text:p text:style-name="Standard">{_xml(paragraph)}</text:p>' for paragraph in part.paragraphs[1:]]
        body.append(f'<text:p text:style-name="Standard"><text:span text:style-name="B">{_KEYWORD_WORDS[lang]}:'
                    f"</text:span> {_xml(', '.join(part.keywords))}.</text:p>")
    return _FODT.format(body="\n".join(body))


def main() -> None:
    text_layouts()
    table_docx().save(HERE / "06_table_and_styles.docx")
    side_by_side_docx().save(HERE / "15_kk_ru_side_by_side.docx")
    salinity_docx().save(HERE / "18_title_style_held_out.docx")
    to_pdf(HERE / "18_title_style_held_out.docx", HERE / "19_title_style_held_out.pdf")
    thesis_docx().save(HERE / "07_structured_styles.docx")
    with tempfile.TemporaryDirectory() as tmp:
        two = Path(tmp) / "08_structured_two_columns.docx"
        thesis_docx(columns=2).save(two)
        to_pdf(two, HERE / "08_structured_two_columns.pdf")
    seed_docx().save(HERE / "seed.docx")
    to_pdf(HERE / "seed.docx", HERE / "seed_one_column.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        two = Path(tmp) / "seed_two_columns.docx"
        seed_docx(columns=2, hyphenated=_recurring_long_words()).save(two)
        to_pdf(two, HERE / "seed_two_columns.pdf")
        mixed = Path(tmp) / "13_full_width_then_two_columns.docx"
        seed_docx(columns=2, mixed=True).save(mixed)
        to_pdf(mixed, HERE / "13_full_width_then_two_columns.pdf")
        fodt = Path(tmp) / "14_indents_and_footnotes.fodt"
        fodt.write_text(footnotes_fodt(), encoding="utf-8")
        to_pdf(fodt, HERE / "14_indents_and_footnotes.pdf")


if __name__ == "__main__":
    main()
