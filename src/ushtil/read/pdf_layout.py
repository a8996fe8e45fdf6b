"""Paragraphs of a text PDF from where its text is drawn: columns, line spacing, fonts.

pypdf's plain text has one line per printed line and no blank lines, so titles wrapped over two
lines fall apart, two columns interleave, and paragraphs run together. Here every piece of text
keeps its position, size and weight: lines are grouped per column (left column before the right
one), a paragraph ends at a wider gap, an indent, a change of font or a short line ending a
sentence, superscripts (affiliation marks) are dropped, running headers and page numbers in the
page margins are removed, and a word hyphenated at a line end is joined again (:mod:`.hyphens`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median

from .hyphens import hyphenation_of, join_lines
from .sections import find_marker

#: Lines in this top or bottom share of a page may be running headers, footers or page numbers.
MARGIN_SHARE = 0.09
#: A run smaller than this share of the body size, beside larger text, is a superscript.
SUPERSCRIPT_SHARE = 0.75
#: A gap between lines wider than this many line pitches ends a paragraph.
PARAGRAPH_GAP = 1.35
#: A heading is at least this many points larger than the body text (or wholly bold).
HEADING_SIZE_STEP = 1.5

_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?\s*$")
_SENTENCE_END = re.compile(r"[.!?…:;»\"”)]\s*$")


@dataclass
class Run:
    """A piece of text drawn at one place, in one font."""

    x: float
    y: float
    size: float
    bold: bool
    text: str


@dataclass
class PageRuns:
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)


@dataclass
class Line:
    page: int
    column: int
    x: float
    y: float
    size: float
    bold: bool
    text: str


def page_text_runs(page) -> PageRuns:
    """The text runs of one pypdf page with their positions (PDF points, origin bottom left)."""
    box = page.mediabox
    result = PageRuns(float(box.width), float(box.height))

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        # the text matrix times the current matrix: where the text starts, and its vertical scale
        c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
        e, f = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(c, d) or 1.0
        name = str((font or {}).get("/BaseFont", ""))
        bold = any(word in name for word in ("Bold", "Black", "Heavy", "Semibold", "Demi"))
        for number, piece in enumerate(text.split("\n")):
            if piece.strip():
                result.runs.append(Run(e, f - number * size * scale * 1.2, size * scale, bold, piece))

    page.extract_text(visitor_text=visit)
    return result


def _body_size(pages: list[PageRuns]) -> float:
    sizes = Counter()
    for page in pages:
        for run in page.runs:
            sizes[round(run.size, 1)] += len(run.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _second_column_start(pages: list[PageRuns]) -> float | None:
    """The x where a second column starts: many runs start at one x right of the middle."""
    starts = Counter(round(run.x) for page in pages for run in page.runs if run.x > 0.4 * page.width)
    if not starts:
        return None
    x, count = starts.most_common(1)[0]
    total = sum(len(page.runs) for page in pages)
    return float(x) if count >= max(5, 0.1 * total) else None


def _columns_of(page: PageRuns, start: float | None) -> list[int]:
    """Column 0 or 1 of each run. A page has two columns where lines start at the second column's x
    (a page of one full-width column has none). A run drawn right after another on the same line
    belongs to that run's column (an italic word in the right half of a full-width line stays in
    its line); a run that starts a line belongs to the column its x falls in."""
    if start is None or sum(abs(run.x - start) <= 1.5 for run in page.runs) < 2:
        return [0] * len(page.runs)
    columns: list[int] = []
    for number, run in enumerate(page.runs):
        previous = page.runs[number - 1] if number else None
        if previous is not None and abs(previous.y - run.y) < 0.5 * run.size and previous.x < run.x:
            columns.append(columns[-1])
        else:
            columns.append(int(run.x >= start - 3))
    return columns


def _lines(pages: list[PageRuns], body: float) -> list[Line]:
    lines: list[Line] = []
    start = _second_column_start(pages)
    for number, page in enumerate(pages):
        by_column: dict[int, list[Run]] = {}
        for run, column in zip(page.runs, _columns_of(page, start), strict=True):
            if not _is_superscript(run, page.runs, body):
                by_column.setdefault(column, []).append(run)
        for column in sorted(by_column):
            current: list[Run] = []
            for run in sorted(by_column[column], key=lambda run: (-run.y, run.x)):
                if current and abs(current[0].y - run.y) > 0.5 * max(run.size, current[0].size):
                    lines.append(_line(number, column, current))
                    current = []
                current.append(run)
            if current:
                lines.append(_line(number, column, current))
    return lines


def _is_superscript(run: Run, runs: list[Run], body: float) -> bool:
    if run.size >= SUPERSCRIPT_SHARE * body:
        return False
    return any(other.size > run.size * 1.3 and 0 < run.y - other.y < other.size for other in runs)


_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def _line(page: int, column: int, runs: list[Run]) -> Line:
    runs = sorted(runs, key=lambda run: run.x)
    text = re.sub(r"\s+", " ", "".join(run.text for run in runs)).strip().translate(_LIGATURES)
    text = text[:-1].replace("\u00ad", "") + text[-1:]  # a soft hyphen counts only at the line end
    size = max(runs, key=lambda run: len(run.text)).size
    bold = all(run.bold for run in runs)
    return Line(page, column, runs[0].x, runs[0].y, size, bold, text)


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _drop_margins(lines: list[Line], pages: list[PageRuns]) -> list[Line]:
    """Page numbers and lines repeated on several pages, in the top or bottom margin."""

    def in_margin(line: Line) -> bool:
        height = pages[line.page].height
        return line.y > height * (1 - MARGIN_SHARE) or line.y < height * MARGIN_SHARE

    repeated = Counter(_furniture_key(line.text) for line in lines if in_margin(line))
    kept = []
    for line in lines:
        if in_margin(line) and (_PAGE_NUMBER.match(line.text) or repeated[_furniture_key(line.text)] >= 2):
            continue
        kept.append(line)
    return kept


def _footnotes_last(lines: list[Line], body: float) -> list[Line]:
    """Small print below the last body line of a page column (footnotes: affiliations, grants)
    goes to the end, so that a paragraph running over the page break is joined again and no
    footnote lands between two paragraphs of an abstract. Small print that goes on at the top of
    the next column or page stays: it is text set smaller (an abstract), not a footnote."""
    last_body: dict[tuple[int, int], int] = {}
    for number, line in enumerate(lines):
        if abs(line.size - body) < 0.5:
            last_body[(line.page, line.column)] = number
    small = [line.size < 0.92 * body for line in lines]
    kept, footnotes = [], []
    for number, line in enumerate(lines):
        last = last_body.get((line.page, line.column))
        if last is None or number <= last or not small[number]:
            kept.append(line)
            continue
        following = next((other for other in range(number + 1, len(lines))
                          if (lines[other].page, lines[other].column) != (line.page, line.column)), None)
        goes_on = following is not None and small[following] and abs(lines[following].size - line.size) < 0.5
        (kept if goes_on else footnotes).append(line)
    return kept + footnotes


def _pitch(lines: list[Line], body: float) -> float:
    gaps = [
        previous.y - line.y
        for previous, line in pairwise(lines)
        if (previous.page, previous.column) == (line.page, line.column)
        and abs(previous.size - body) < 0.5 and abs(line.size - body) < 0.5 and previous.y > line.y
    ]
    return median(gaps) if gaps else body * 1.2


def _is_heading(line: Line, body: float) -> bool:
    return line.size >= body + HEADING_SIZE_STEP or line.bold


def _paragraphs(lines: list[Line], body: float) -> list[tuple[bool, list[Line]]]:
    pitch = _pitch(lines, body)
    left: dict[tuple[int, int], float] = {}
    for line in lines:
        key = (line.page, line.column)
        left[key] = min(left.get(key, line.x), line.x)
    typical = median([len(line.text) for line in lines]) if lines else 0
    paragraphs: list[tuple[bool, list[Line]]] = []
    for line in lines:
        heading = _is_heading(line, body)
        if paragraphs and _continues(paragraphs[-1], line, heading, pitch, body, left, typical):
            paragraphs[-1][1].append(line)
        else:
            paragraphs.append((heading, [line]))
    return paragraphs


def _continues(paragraph, line: Line, heading: bool, pitch: float, body: float, left, typical: float) -> bool:
    was_heading, lines = paragraph
    previous = lines[-1]
    if abs(line.size - previous.size) > 1.0 or find_marker(line.text) is not None:
        return False
    same_place = (previous.page, previous.column) == (line.page, line.column)
    if same_place:
        gap = previous.y - line.y
        if gap <= 0 or gap > PARAGRAPH_GAP * pitch * line.size / body:
            return False
    if heading != was_heading and (was_heading or not same_place or _SENTENCE_END.search(previous.text)):
        return False  # (a bold line right after an unfinished sentence is emphasis, not a heading)
    if not same_place:
        return not _SENTENCE_END.search(previous.text)  # a paragraph running over a page or column break
    margin = left[(line.page, line.column)]
    if not heading and line.x - margin > 0.8 * line.size and previous.x - margin < 0.5 * line.size:
        return False  # a first-line indent opens a paragraph (headings are often centred)
    return not (_SENTENCE_END.search(previous.text) and len(previous.text) < 0.6 * typical)


def text_of_pages(pages: list[PageRuns]) -> str:
    """The article's text, a blank line between paragraphs, headings marked with '# '."""
    body = _body_size(pages)
    lines = _footnotes_last(_drop_margins(_lines(pages, body), pages), body)
    paragraphs = _paragraphs(lines, body)
    texts = [[line.text for line in paragraph] for _, paragraph in paragraphs]
    hyphenation = hyphenation_of(texts)
    out = []
    for (heading, _), lines in zip(paragraphs, texts, strict=True):
        text = join_lines(lines, hyphenation)
        out.append(f"# {text}" if heading else text)
    return "\n\n".join(out)
