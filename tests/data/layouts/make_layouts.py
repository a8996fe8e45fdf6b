"""Rebuild the binary layouts of this folder: the seed article as .docx (python-docx) and as .pdf
(LibreOffice, one column and two columns). The files are committed, so tests need neither tool.

    python tests/data/layouts/make_layouts.py      # needs python-docx and soffice on PATH
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


def seed_docx(columns: int = 1, hyphenated: set[str] = frozenset()) -> docx.Document:
    """The seed's Markdown as a Word document: '#' lines in heading styles, emphasis as runs."""
    document = docx.Document()
    if columns > 1:
        section = document.sections[0]
        cols = section._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = OxmlElement("w:cols")
            section._sectPr.append(cols)
        cols.set(qn("w:num"), str(columns))
        cols.set(qn("w:space"), "567")
        section.start_type = WD_SECTION.CONTINUOUS
    _page_number_footer(document)
    header = document.sections[0].header.paragraphs[0]
    header.text = "Л.Н. Гумилев атындағы ЕҰУ ХАБАРШЫСЫ. Саяси ғылымдар. Аймақтану. Шығыстану. Түркітану сериясы"
    for block in SEED.read_text(encoding="utf-8").split("\n\n"):
        line = block.strip()
        if not line:
            continue
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


def main() -> None:
    seed_docx().save(HERE / "seed.docx")
    to_pdf(HERE / "seed.docx", HERE / "seed.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        two = Path(tmp) / "seed_two_columns.docx"
        seed_docx(columns=2, hyphenated=_recurring_long_words()).save(two)
        to_pdf(two, HERE / "seed_two_columns.pdf")


if __name__ == "__main__":
    main()
