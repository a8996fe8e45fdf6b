"""Outputs that never destroy the user's work: checked before a run, written together after it.

:func:`guard_outputs` refuses, before anything is read or written, an output that is the same file
as an input (relative paths, ``..``, symlinks and hard links resolved: existing files compare by
device and inode), two options naming one file, and an output whose suffix does not match its
format. :class:`OutputTransaction` then stages every output of a command in a temporary file beside
its target and moves them all into place only when the whole command has succeeded; after a failure
or Ctrl-C every earlier file is as it was.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import UshtilError
from .files import move_into_place, temporary_beside

#: The one table of output formats and the file suffixes each accepts.
OUTPUT_SUFFIXES: dict[str, tuple[str, ...]] = {
    "jsonl": (".jsonl", ".json", ".ndjson"),
    "json": (".json",),
    "xlsx": (".xlsx",),
    "tmx": (".tmx",),
    "tbx": (".tbx",),
    "csv": (".csv",),
    "tsv": (".tsv",),
    "markdown": (".md", ".markdown", ".txt"),
}
#: How a refusal names each format.
FORMAT_NAMES = {"jsonl": "JSON Lines", "json": "JSON", "xlsx": "an Excel workbook", "tmx": "TMX", "tbx": "TBX",
                "csv": "CSV", "tsv": "a TSV glossary store", "markdown": "Markdown"}
#: Formats an output folder holds (``-o OUTDIR``): its files are checked when they are staged.
FOLDER = "folder"

Identity = tuple


def identity(path: str | os.PathLike) -> Identity:
    """What makes two paths one file: device and inode of an existing file (symlinks and hard links
    meet), else the fully resolved path (relative paths, ``..`` and symlinked folders meet)."""
    with contextlib.suppress(OSError):
        status = os.stat(path)
        return ("inode", status.st_dev, status.st_ino)
    return ("path", os.path.realpath(os.path.abspath(path)))


@dataclass(frozen=True)
class Output:
    """One output a command was asked to write: the option that named it, the path and its formats."""

    option: str
    path: Path
    formats: tuple[str, ...]


def requested(option: str, path: str | os.PathLike | None, *formats: str) -> Output | None:
    """An :class:`Output`, or None when the option was not given."""
    return Output(option, Path(path), formats) if path else None


def check_suffix(item: Output) -> None:
    """Refuse an output whose suffix none of its formats accepts (an xlsx into ``.txt``), and one that
    cannot be a file at all (a folder, or a path through a file)."""
    blocking = next((folder for folder in item.path.parents if folder.exists() and not folder.is_dir()), None)
    if blocking is not None:
        raise UshtilError(f"{item.option} {item.path}: cannot be written ({blocking} is a file, not a folder)")
    if FOLDER in item.formats:
        if item.path.exists() and not item.path.is_dir():
            raise UshtilError(f"{item.option} {item.path}: is a file; name a folder for the outputs")
        return
    if item.path.is_dir():
        raise UshtilError(f"{item.option} {item.path}: is a folder; name an output file")
    accepted = [suffix for name in item.formats for suffix in OUTPUT_SUFFIXES[name]]
    if item.path.suffix.lower() not in accepted:
        formats = " or ".join(FORMAT_NAMES[name] for name in item.formats)
        raise UshtilError(f"{item.option} {item.path}: this option writes {formats}; "
                          f"name a file ending in {', '.join(accepted)}")


def input_files(paths: Iterable[str | os.PathLike | None], suffixes: Iterable[str] = ()) -> list[Path]:
    """The files a command will read: named files as they are, and in named folders the files
    whose name ends with one of ``suffixes`` (a missing path is left to the reader's error)."""
    wanted = tuple(suffix.lower() for suffix in suffixes)
    found: list[Path] = []
    for item in paths:
        if not item:
            continue
        path = Path(item)
        if path.is_dir():
            with contextlib.suppress(OSError):
                found.extend(sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(wanted)))
        elif path.exists():
            found.append(path)
    return found


def guard_outputs(inputs: Iterable[Path], outputs: Iterable[Output | None], updated: Output | None = None) -> None:
    """Refuse, with one line, an output that is an input, two outputs that are one file, or an output
    whose suffix does not fit its format. ``updated`` is a file the command reads and rewrites by
    design (the glossary store): no input and no other output may be that file."""
    given = [item for item in outputs if item is not None]
    read = {identity(path): path for path in inputs}
    seen: dict[Identity, Output] = {identity(updated.path): updated} if updated else {}
    if updated and identity(updated.path) in read:
        raise UshtilError(f"{updated.option} {updated.path}: is the input {read[identity(updated.path)]}; "
                          "refusing to overwrite it (name another store)")
    for item in given:
        if FOLDER in item.formats:
            continue
        key = identity(item.path)
        if key in read:
            raise UshtilError(f"{item.option} {item.path}: is the input {read[key]}; "
                              "refusing to overwrite it (name another file)")
        if key in seen:
            raise UshtilError(f"{item.option} {item.path}: is also the file of {seen[key].option}; "
                              "give each output its own file")
        seen[key] = item
    for item in [*given, updated] if updated else given:
        check_suffix(item)


class OutputTransaction:
    """Every output of one command, staged beside its target and moved into place together.

    ``stage(target)`` gives a temporary path for a writer (the library writers take any path);
    leaving the ``with`` block normally moves every staged file over its target, an exception
    removes them all and leaves the targets untouched. Ctrl-C is held off while the files move, so
    the outputs are either all old or all new. Targets that are inputs are refused when staged.
    """

    def __init__(self, inputs: Iterable[Path] = ()) -> None:
        self._inputs = {identity(path): path for path in inputs}
        self._staged: dict[Identity, tuple[Path, Path]] = {}
        #: targets that already hold what this run would write (:meth:`write_if_changed`)
        self._kept: set[Identity] = set()
        self._folders: list[Path] = []

    def __enter__(self) -> OutputTransaction:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()

    def stage(self, target: str | os.PathLike) -> Path:
        """A new empty temporary file beside ``target`` for its writer to fill."""
        target = Path(target)
        key = identity(target)
        if key in self._inputs:
            raise UshtilError(f"{target}: is the input {self._inputs[key]}; refusing to overwrite it")
        if key in self._staged or key in self._kept:
            raise UshtilError(f"{target}: two outputs of this run would be written to this file")
        missing = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
        fd, name = temporary_beside(target, target.suffix)
        os.close(fd)
        self._folders.extend(missing)
        self._staged[key] = (Path(name), target)
        return Path(name)

    def write_text(self, target: str | os.PathLike, text: str) -> None:
        with self.stage(target).open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    def write_if_changed(self, target: str | os.PathLike, text: str) -> bool:
        """Stage ``text`` for ``target`` unless the file there already holds exactly that text (a
        re-run over a large work folder then rewrites only what changed); whether it was staged."""
        data = text.encode("utf-8")
        path = Path(target)
        key = identity(path)
        if key not in self._inputs and key not in self._staged and key not in self._kept:
            with contextlib.suppress(OSError):
                if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
                    self._kept.add(key)
                    return False
        with self.stage(path).open("wb") as handle:
            handle.write(data)
        return True

    def discard(self) -> None:
        """Remove every staged file; the targets stay as they were."""
        for temporary, _ in self._staged.values():
            with contextlib.suppress(OSError):
                temporary.unlink()
        # the folders this run created, deepest first, where they are empty again
        for folder in sorted(set(self._folders), key=lambda folder: len(folder.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()
        self._staged.clear()
        self._folders.clear()

    def commit(self) -> None:
        """Move every staged file over its target; if one move fails, put the earlier targets back."""
        with _holding_interrupts():
            backups: list[tuple[Path, bool, Path | None]] = []
            try:
                for temporary, target in self._staged.values():
                    backups.append((target, target.exists(), _backup(target)))
                    move_into_place(str(temporary), target)
            except BaseException:
                for target, existed, backup in backups:
                    with contextlib.suppress(OSError):
                        if backup is not None:
                            os.replace(backup, target)
                        elif not existed:
                            target.unlink()
                    if backup is not None:  # renaming a link onto its own file leaves both names
                        with contextlib.suppress(OSError):
                            backup.unlink()
                self.discard()
                raise
            for _, _, backup in backups:
                if backup is not None:
                    with contextlib.suppress(OSError):
                        backup.unlink()
            self._staged.clear()
            self._folders.clear()


def _backup(target: Path) -> Path | None:
    """A hard link to the file now at ``target``, so a failed commit can put it back; None where there
    is no file or the file system has no hard links."""
    if not target.is_file():
        return None
    fd, name = temporary_beside(target, ".bak")
    os.close(fd)
    os.unlink(name)
    try:
        os.link(target, name)
    except OSError:
        return None
    return Path(name)


@contextlib.contextmanager
def _holding_interrupts() -> Iterator[None]:
    """Ignore Ctrl-C while the outputs move into place (only possible in the main thread)."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
