"""The glossary exporters' shared base and their one registry (xlsx, csv, tbx).

Each format is one module with one :class:`GlossaryExporter` subclass; :data:`GLOSSARY_FORMATS`
is the only list of them. Every exporter writes atomically and carries the build's signature.
"""

from __future__ import annotations

import importlib
import os
from abc import ABC, abstractmethod
from pathlib import Path

from ..errors import UshtilError
from ..glossary import Glossary, GlossaryEntry
from ..glossary.store import COLUMNS, entry_row

#: File suffix → module holding that format's exporter (its ``EXPORTER`` class).
GLOSSARY_FORMATS: dict[str, str] = {
    ".xlsx": "glossary_workbook",
    ".csv": "glossary_csv",
    ".tbx": "tbx",
}

#: The table every tabular export shows: the store's columns plus the build's statistics.
TERM_COLUMNS: tuple[str, ...] = ("id", "en", "kk", "ru", "variants", "kind", "status", "confidence", "frequency",
                                 "articles", "inconsistent", "note", "source")


class GlossaryExporter(ABC):
    """Writes a glossary to one file format."""

    #: the format's name, as the CLI and summaries say it
    name: str = ""
    suffix: str = ""

    def write(self, glossary: Glossary, path: str | os.PathLike) -> None:
        """Write ``glossary`` to ``path`` atomically: the old file stays in place if anything fails."""
        from ..files import atomic_path

        with atomic_path(path) as tmp:
            self.write_file(glossary, tmp)

    @abstractmethod
    def write_file(self, glossary: Glossary, path: Path) -> None:
        """Write the whole file at ``path`` (a temporary name beside the target)."""


def term_row(entry: GlossaryEntry) -> dict[str, object]:
    """One entry as the cells of :data:`TERM_COLUMNS`; the store's columns as the store writes them
    (:func:`entry_row`), so a row read back untouched is the row the workbook's hidden sheet keeps."""
    cells = dict(zip(COLUMNS, entry_row(entry), strict=True))
    return {
        **{name: cells[name] for name in ("id", "en", "kk", "ru", "variants", "kind", "status")},
        "confidence": round(entry.confidence, 3), "frequency": entry.frequency,
        "articles": len(entry.articles), "inconsistent": "yes" if entry.inconsistent else "",
        "note": cells["note"], "source": cells["source"],
    }


def exporter_for(path: str | os.PathLike) -> GlossaryExporter:
    """The exporter for ``path``'s suffix; a one-line error for an unknown one."""
    suffix = Path(path).suffix.lower()
    if suffix not in GLOSSARY_FORMATS:
        raise UshtilError(f"{path}: unknown glossary format {suffix or '(none)'}; "
                          f"use {', '.join(GLOSSARY_FORMATS)}")
    module = importlib.import_module(f"{__package__}.{GLOSSARY_FORMATS[suffix]}")
    return module.EXPORTER()


def export_glossary(glossary: Glossary, path: str | os.PathLike) -> None:
    """Write ``glossary`` in the format its suffix names (.xlsx, .csv, .tbx)."""
    exporter_for(path).write(glossary, path)
