"""Reading order of a table that holds abstracts (a DOCX table, a Markdown table).

A table of one language per column (Kazakh | Russian side by side, one row per paragraph) is
read column by column, so each abstract stays whole; any other table (a label and its text, one
abstract per row) is read row by row.
"""

from __future__ import annotations

from ..langid import identify


def cells_in_reading_order(rows: list[list[str]]) -> list[str]:
    """The non-empty cells of ``rows`` (each a list of cell texts) in the order a reader takes them."""
    width = max((len(row) for row in rows), default=0)
    columns = [[row[number] for row in rows if number < len(row) and row[number].strip()] for number in range(width)]
    languages = [identify(" ".join(column)).lang for column in columns if column]
    side_by_side = len(rows) > 1 and len(languages) > 1 and all(languages) and len(set(languages)) == len(languages)
    if side_by_side:
        return [cell for column in columns for cell in column]
    return [cell for row in rows for cell in row if cell.strip()]
