"""Text out of the file formats articles come in: .txt/.md, .docx and text PDFs.

One function per format behind :func:`load_text`; each returns plain text with paragraphs
separated by blank lines, or raises :class:`InputError` with a one-line reason.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from ..errors import InputError
from ..files import MAX_INPUT_BYTES, check_input_file, composed, read_text
from ..langs import LANGUAGE_CODES, get_language
from .tables import cells_in_reading_order

#: A .docx whose parts unpack to more than this is refused (zip bomb guard).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_PDF_PAGES = 2000


def _load_docx(path: Path) -> str:
    _check_zip(path)
    import docx

    try:
        document = docx.Document(str(path))
        blocks = _docx_blocks(document)
    except Exception as exc:  # python-docx raises several types for damaged packages
        raise InputError(f"{path}: not a readable .docx file ({type(exc).__name__})") from exc
    return "\n\n".join(blocks)


_WORD_NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}


def _text_box_paragraphs(element) -> list:
    """Paragraphs of the text boxes anchored in a body paragraph (not their VML fallback copies)."""
    from lxml import etree

    return etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)]/w:p", namespaces=_WORD_NAMESPACES)(element)


def _docx_blocks(document) -> list[str]:
    """Paragraphs and table cells in document order; heading styles as '# ', superscripts dropped."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append(_docx_paragraph(Paragraph(element, document)))
            # a text box anchored in the paragraph (a template's abstract frame); its fallback copy skipped
            blocks.extend(_docx_paragraph(Paragraph(inner, document)) for inner in _text_box_paragraphs(element))
        elif tag == "tbl":
            seen = set()
            rows = []
            for row in Table(element, document).rows:
                cells = []
                for cell in row.cells:
                    if cell._tc in seen:
                        continue  # a merged cell is listed once per grid column it spans
                    seen.add(cell._tc)
                    cells.append("\n\n".join(_docx_paragraph(paragraph) for paragraph in cell.paragraphs))
                rows.append(cells)
            blocks.extend(cells_in_reading_order(rows))
    return [block for block in blocks if block.strip()]


def _docx_paragraph(paragraph) -> str:
    # runs and hyperlinks in order; a superscript run is an affiliation or footnote mark
    items = paragraph.iter_inner_content()
    text = "".join(item.text for item in items if not getattr(getattr(item, "font", None), "superscript", False))
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    if style.startswith(_heading_styles()) and text.strip():
        return f"# {text}"
    return text


@cache
def _heading_styles() -> tuple[str, ...]:
    """Every language's names of heading styles (the language records' ``heading_styles``)."""
    return tuple(style for code in LANGUAGE_CODES for style in get_language(code).heading_styles)


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path}: not a readable .docx file (damaged zip package)") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(f"{path}: unpacks to {unpacked / 2**20:.0f} MB, refused as a possible zip bomb")


def _load_pdf(path: Path) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    from .pdf_layout import page_text_runs, text_of_pages

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        # a journal's PDF is often encrypted only to restrict printing or copying: it opens without
        # a password, and so is read
        if reader.is_encrypted and not _opens_without_password(reader, path):
            raise InputError(f"{path}: the PDF needs a password; save an unprotected copy first")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise InputError(f"{path}: {len(reader.pages)} pages is more than an article ({MAX_PDF_PAGES})")
        pages = [page_text_runs(page) for page in reader.pages]
    except InputError:
        raise
    # PdfReadError, LimitReachedError (a page tree in a loop), NotImplementedError (an unknown filter) …
    except (PyPdfError, NotImplementedError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"{path}: not a readable PDF ({exc})") from exc
    text = text_of_pages(pages)
    if sum(ch.isalpha() for ch in text) < 20:
        # fonts whose glyphs pypdf places but cannot report one by one: its plain text, unlaid
        try:
            text = "\n\n".join(page.extract_text() or "" for page in reader.pages)
        except (PyPdfError, NotImplementedError, ValueError, KeyError, TypeError, OSError):
            text = ""
    if sum(ch.isalpha() for ch in text) < 20:
        raise InputError(f"{path}: the PDF has no text layer (a scan?); run OCR on it first")
    return text


def _opens_without_password(reader, path: Path) -> bool:
    """Whether an encrypted PDF opens with the empty password (decrypted so, for reading), as any
    viewer opens it; a one-line error where its cipher needs a package that is not installed."""
    from pypdf.errors import DependencyError

    try:
        return bool(reader.decrypt(""))
    except DependencyError as exc:
        raise InputError(f"{path}: the PDF is encrypted with AES, which pypdf reads with the "
                         "'cryptography' package: pip install cryptography") from exc


_LOADERS: dict[str, Callable[[Path], str]] = {
    ".txt": read_text,
    ".md": read_text,
    ".text": read_text,
    ".docx": _load_docx,
    ".pdf": _load_pdf,
}

#: Characters that show nothing inside a word, left by a web page's or a Word file's hyphenation (soft
#: hyphen), a zero-width space or word joiner, a byte order mark where two files were joined: an
#: article's text is read without them, or "Анно\u00adтация" is no marker and "Қазақ\u200bстан" no
#: Kazakhstan. (A triple keeps its text as written.)
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")

#: File suffixes the reader accepts.
SUFFIXES: tuple[str, ...] = tuple(_LOADERS)


def load_text(path: str | Path) -> str:
    """The text of an article file of any supported format."""
    path = Path(path)
    if path.is_dir():  # (its suffix is none of a format's: "unsupported file type (none)")
        raise InputError(f"{path}: is a folder; name a file")
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        raise InputError(f"{path}: unsupported file type {path.suffix or '(none)'}; use {', '.join(SUFFIXES)}")
    check_input_file(path, MAX_INPUT_BYTES)
    text = _INVISIBLE.sub("", composed(loader(path)))
    if not text.strip():
        raise InputError(f"{path}: no text in the file")
    return text
