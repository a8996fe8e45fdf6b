"""Opening a workbook that came back from someone else, without trusting it.

An .xlsx file is a zip of XML parts, so a hostile one can be a zip bomb (a small file that inflates
to gigabytes) or carry XML entities (billion laughs, external entities reading local files). Before
openpyxl sees the file, :func:`check_xlsx` bounds the archive (entry count, sizes, compression ratio)
and reads the start of every XML part with defusedxml, refusing any DTD: entities can only be
declared in a DTD, so a part without one can neither expand nor fetch anything. openpyxl itself then
parses worksheets through defusedxml when it is installed (``openpyxl.DEFUSEDXML``).
"""

from __future__ import annotations

import contextlib
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError

from ..errors import InputError
from ..files import check_input_file

#: A reviewed workbook for a thousand articles is a few megabytes; far larger files are refused.
MAX_XLSX_BYTES = 64 * 2**20
MAX_ENTRIES = 2_000
MAX_PART_BYTES = 256 * 2**20
MAX_TOTAL_BYTES = 512 * 2**20
#: Sheet XML compresses 5-30x; zip bombs compress hundreds to millions of times.
MAX_RATIO = 150
#: Parts smaller than this are not held to the ratio (tiny parts compress oddly).
RATIO_FLOOR_BYTES = 2**20

_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
#: The values of a formula that failed, as spreadsheets save them.
FORMULA_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!")
#: A formula, as it stands in a sheet's XML (``<f>``, maybe with a namespace prefix).
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def check_xlsx(path: str | os.PathLike) -> None:
    """Raise :class:`InputError` (one line) unless ``path`` is a zip of XML parts that is safe to open."""
    path = Path(path)
    check_input_file(path, MAX_XLSX_BYTES)
    if not zipfile.is_zipfile(path):
        raise InputError(
            f"{path}: not an .xlsx workbook (not a zip archive: an old .xls, or a password-protected file?)"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            _check_entries(path, entries)
            names = {entry.filename for entry in entries}
            missing = [name for name in _REQUIRED_PARTS if name not in names]
            if missing:
                raise InputError(f"{path}: not an .xlsx workbook (no {missing[0]})")
            for entry in entries:
                if _looks_like_xml(archive, entry):
                    _check_xml_part(path, archive, entry)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise InputError(f"{path}: damaged .xlsx archive ({exc})") from exc


def _check_entries(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise InputError(f"{path}: refused: the archive holds {len(entries)} parts (limit {MAX_ENTRIES})")
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise InputError(f"{path}: refused: the archive is encrypted ({entry.filename})")
        if entry.file_size > MAX_PART_BYTES:
            raise InputError(
                f"{path}: refused: part {entry.filename} inflates to {entry.file_size / 2**20:.0f} MB "
                f"(limit {MAX_PART_BYTES / 2**20:.0f} MB)"
            )
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise InputError(
                f"{path}: refused: part {entry.filename} is compressed {ratio:.0f}:1, like a zip bomb "
                f"(limit {MAX_RATIO}:1)"
            )
        total += entry.file_size
    if total > MAX_TOTAL_BYTES:
        raise InputError(
            f"{path}: refused: the archive inflates to {total / 2**20:.0f} MB (limit {MAX_TOTAL_BYTES / 2**20:.0f} MB)"
        )


def _looks_like_xml(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """Any part that starts like XML is checked, whatever its name: relationships may point anywhere."""
    if entry.is_dir():
        return False
    with archive.open(entry) as stream:
        start = stream.read(64)
    return start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") or start.startswith((b"\xff\xfe", b"\xfe\xff"))


def _check_xml_part(path: Path, archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    """Parse the part up to its root element with defusedxml, which raises on any DTD."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, iterparse

    with archive.open(entry) as stream:
        try:
            for _event, _element in iterparse(stream, events=("start",), forbid_dtd=True):
                break
        except DefusedXmlException as exc:
            raise InputError(
                f"{path}: refused: part {entry.filename} declares a DTD or entities ({type(exc).__name__}); "
                "workbooks never need one"
            ) from exc
        except ParseError as exc:
            raise InputError(f"{path}: damaged .xlsx archive: part {entry.filename} is not XML ({exc})") from exc


@contextlib.contextmanager
def damage_is_one_line(path: str | os.PathLike) -> Iterator[None]:
    """openpyxl's read-only mode parses a sheet as its rows are read, after :func:`check_xlsx` looked
    at the start of each part only: a part damaged further on is a one-line error too (it was an
    "internal error: ParseError")."""
    try:
        yield
    except (ParseError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"{path}: damaged .xlsx archive ({type(exc).__name__}: {exc})") from None
    except (KeyError, ValueError, TypeError) as exc:  # what openpyxl raises for a malformed element, as at opening
        raise InputError(f"{path}: cannot read the workbook ({type(exc).__name__}: {exc})") from None


def open_xlsx(path: str | os.PathLike):
    """:func:`check_xlsx`, then the workbook opened read-only by openpyxl, cached values instead of formulas."""
    check_xlsx(path)
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (KeyError, ValueError, TypeError, OSError, zipfile.BadZipFile, SyntaxError) as exc:
        raise InputError(f"{path}: cannot read the workbook ({type(exc).__name__}: {exc})") from exc


def formula_cells(path: str | os.PathLike, sheet) -> dict[tuple[int, int], str]:
    """The cells of ``sheet`` (of the workbook :func:`open_xlsx` opened at ``path``) that hold a
    formula, (row, column) → its text. :func:`open_xlsx` reads the value a spreadsheet saved with each
    formula; a file written by a program saves none, and such a cell reads as empty (see
    :func:`shows_a_value`). The file is read again, with formulas, only when the sheet has one."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(sheet._worksheet_path) as stream:
            tail = b""
            while chunk := stream.read(1 << 20):
                if _FORMULA_TAG.search(tail + chunk):
                    break
                tail = chunk[-16:]
            else:
                return {}
    except (KeyError, OSError, zipfile.BadZipFile):  # read once already: what openpyxl found is all there is
        return {}
    from openpyxl import load_workbook

    with_formulas = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        return {(cell.row, cell.column): str(cell.value) for row in with_formulas[sheet.title].iter_rows()
                for cell in row if getattr(cell, "data_type", "") == "f"}
    finally:
        with_formulas.close()


def shows_a_value(value) -> bool:
    """Whether a formula cell read for its saved value shows one: not where none was saved (None), nor
    where the formula failed (#REF! …)."""
    return value is not None and value not in FORMULA_ERRORS
