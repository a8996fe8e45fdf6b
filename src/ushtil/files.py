"""Reading user files defensively and writing outputs atomically.

Every reader goes through :func:`read_text` so empty, binary, oversized and oddly encoded files get
the same one-line errors; every writer goes through :func:`atomic_write` so an interrupted run never
leaves a half-written file in place of the user's previous one.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError, OutputError

#: Larger inputs are refused: a journal article is well under a megabyte of text.
MAX_INPUT_BYTES = 16 * 1024 * 1024

#: Tried after UTF-8 fails. Not UTF-16 without a BOM: its text has a NUL byte in every ASCII character
#: (refused as binary before), and any even number of other bytes decodes as UTF-16: half the short
#: cp1251 texts were read as private-use characters.
_FALLBACK_ENCODINGS = ("cp1251",)


def check_input_file(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> int:
    """Raise :class:`InputError` for a missing, empty or oversized file; return its size."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path}: the file is empty")
    if size > max_bytes:
        raise InputError(
            f"{path}: {size / 2**20:.0f} MB is too large (limit {max_bytes / 2**20:.0f} MB)"
        )
    return size


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (BOM allowed), UTF-16 with BOM or cp1251; refuse binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:  # cut short, or a lone surrogate
            raise InputError(f"{name}: damaged UTF-16 text ({exc.reason} at byte {exc.start})") from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(f"{name}: looks like a binary file, not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = _decode_legacy(data, name, exc)
    if _control_ratio(text) > 0.05:
        raise InputError(f"{name}: looks like a binary file, not text")
    return composed(text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text)


def composed(text: str) -> str:
    """``text`` with its letters composed (Unicode NFC). A text saved on a Mac, or copied from a PDF,
    may write й, ё or Kazakh і as a letter and a combining mark: no word, marker ("Түйін сөздер") or
    name matched then, and the Kazakh keywords were read as a paragraph of the abstract."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _decode_legacy(data: bytes, name: str, failed: UnicodeDecodeError) -> str:
    for encoding in _FALLBACK_ENCODINGS:
        with contextlib.suppress(UnicodeDecodeError):
            text = data.decode(encoding)
            if _control_ratio(text) < 0.01:
                return text
    # where UTF-8 failed: a stray byte in a UTF-8 file is mended there
    line = data.count(b"\n", 0, failed.start) + 1
    raise InputError(f"{name}: not valid UTF-8 text (byte 0x{data[failed.start]:02X} on line {line}), "
                     "nor UTF-16 or cp1251")


#: Characters XML 1.0 cannot hold (control codes, lone surrogates, U+FFFE/U+FFFF): no workbook, TMX or TBX
#: can carry them.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: Control characters that plain text does not hold (all below 32 but tab, line feed, form feed, return).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample or not _CONTROL.search(sample):  # the usual case, told without counting
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


def read_text(path: str | os.PathLike, max_bytes: int = MAX_INPUT_BYTES, data: bytes | None = None) -> str:
    """The text of a plain-text file, with one-line errors for unusable files (``data``: its bytes,
    when the caller read them already through :func:`check_input_file`: the file is not read again)."""
    path = Path(path)
    if data is None:
        check_input_file(path, max_bytes)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    text = decode_text(data, str(path))
    if not text.strip():
        raise InputError(f"{path}: the file holds only whitespace")
    return text


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator:
    """Open a temporary file beside ``path`` and move it into place only if the block succeeds."""
    path = Path(path)
    binary = "b" in mode
    fd, tmp_name = temporary_beside(path, ".tmp")
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else "\n") as handle:
            yield handle
        move_into_place(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside ``path`` for libraries that write files themselves (openpyxl, lxml)."""
    path = Path(path)
    fd, tmp_name = temporary_beside(path, path.suffix)
    os.close(fd)
    try:
        yield Path(tmp_name)
        move_into_place(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def temporary_beside(path: Path, suffix: str) -> tuple[int, str]:
    """A new temporary file in ``path``'s folder; a one-line error where that folder cannot be written."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; name an output file")
    blocking = next((folder for folder in path.parents if folder.exists() and not folder.is_dir()), None)
    if blocking is not None:
        raise OutputError(f"{path}: cannot write ({blocking} is a file, not a folder)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def move_into_place(tmp_name: str, path: Path) -> None:
    """Give the finished temporary file the permissions a plainly created file would have
    (``mkstemp`` makes it private), then move it over ``path`` in one step."""
    if path.exists():
        mode = path.stat().st_mode & 0o777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
