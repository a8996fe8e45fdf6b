"""The glossary as CSV: UTF-8 with a byte-order mark (so Excel reads the Cyrillic), one entry a row."""

from __future__ import annotations

import csv
from pathlib import Path

from ..glossary import Glossary
from .glossary_base import TERM_COLUMNS, GlossaryExporter, term_row


class GlossaryCsv(GlossaryExporter):
    name = "CSV"
    suffix = ".csv"

    def write_file(self, glossary: Glossary, path: Path) -> None:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=TERM_COLUMNS, lineterminator="\n")
            writer.writeheader()
            for entry in glossary.entries:
                writer.writerow({column: _formula_safe(value) for column, value in term_row(entry).items()})


def _formula_safe(value: object) -> object:
    """A cell starting with = + - @ is a formula to a spreadsheet: quote it as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


EXPORTER = GlossaryCsv
