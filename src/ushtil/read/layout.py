"""From extracted text to clean paragraphs: markdown removed, page furniture dropped.

Journal PDFs and their text or markdown exports carry running headers and footers (journal name,
ISSN, issue number, page numbers) between and even inside paragraphs, and a PDF export wraps
lines at a fixed width. :func:`paragraphs_of` undoes both, so no header ends up in an abstract.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..langs import letters
from ..lookalikes import respell
from .hyphens import Hyphenation, hyphenation_of, join_lines
from .tables import cells_in_reading_order

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_SUPERSCRIPT = re.compile(r"<sup>.*?</sup>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]{0,40}>")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$|<>~])")
#: A Markdown image (dropped: a picture is no text, and one inlined as base64 was a 200 KB "paragraph")
#: or link (its text kept), whose target looks like an address or a file: "[1](2015)" stays as written.
_IMAGE = re.compile(r"!\[[^\]\n]*\]\((?=[^)\s]*[/.:#])[^)\s]*(?:\s+\"[^\"\n]*\")?\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\((?=[^)\s]*[/.:#])[^)\s]*(?:\s+\"[^\"\n]*\")?\)")
#: A Markdown thematic break ("***", "* * *", "---", "___"): a line, not text.
_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_SPACE = re.compile(r"[ \t\u00a0]+")
# Page furniture: an issue number ("№1(150)/ 2025"), ISSN lines, bare page numbers.
_ISSUE_NUMBER = re.compile(r"(?:№|N[º°o]|[º°])\s*\d+(?:\s*\(\d+\))?\s*/\s*\d", re.IGNORECASE)
_ISSN = re.compile(r"\be?ISSN\b", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$")
_SENTENCE_END = re.compile(r"[.!?…:;»\"”)]\s*$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
#: A line at least this share of the text's width is filled: the text is wrapped at that width.
FULL_LINE = 0.85
#: A line longer than this was not wrapped at a fixed width: holding two sentences or more, it is a
#: whole paragraph (a .docx or web page saved as text writes one line per paragraph, without blank
#: lines between them; a file of one sentence per line is not cut).
LONGEST_WRAPPED_LINE = 150
_INNER_SENTENCE_END = re.compile(rf"[.!?…][»\"”)]*\s+[«\"“(]?[{letters(upper=True)}]")
#: a line ending a sentence: in fixed-width text, a full one may also end its paragraph
_LINE_ENDS_SENTENCE = re.compile(r"[.!?…][»\"”)]*$")


@dataclass(frozen=True)
class SoftBreak:
    """Where fixed-width text may start a paragraph that its lines do not show: a line filled to the
    width ends a sentence and the next line starts one. The text on both sides finds the place again
    in a paragraph (``f"{before} {after}"``) once labels and markers are taken off."""

    before: str
    after: str


@dataclass
class Paragraph:
    """A paragraph of clean text; ``heading`` when the source marked it as a title or heading;
    ``soft_breaks``: where it may hold two paragraphs (see :class:`SoftBreak`)."""

    text: str
    heading: bool = False
    soft_breaks: list[SoftBreak] = field(default_factory=list)
    #: it comes right after page furniture (a running header, a page number) dropped from the text
    after_furniture: bool = False


def paragraph_blocks(text: str) -> list[str]:
    """The paragraphs of running text: blocks separated by blank lines, empty ones dropped."""
    return [block for block in _PARAGRAPH_BREAK.split(text) if block.strip()]


def clean_markup(line: str, respelled: bool = True) -> str:
    """Remove markdown emphasis, escapes, images, link targets, thematic breaks, superscripts and tags
    from one line of text; ``respelled``: read each word typed with lookalike letters of another
    script in its own (:mod:`ushtil.lookalikes`: "Aңдатпа", "Ключевые cлова" are markers, "Қaзaқстан"
    the word it stands for)."""
    if _RULE.match(line):
        return ""
    line = _SUPERSCRIPT.sub("", line)
    line = _LINK.sub(r"\1", _IMAGE.sub("", line))
    line = _HTML_TAG.sub("", line)
    line = _EMPHASIS.sub("", line)
    line = _ESCAPE.sub(r"\1", line)
    if respelled:
        line = respell(line)
    return _SPACE.sub(" ", line).strip()


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", _SPACE.sub(" ", line.replace("\t", " ")).strip().lower())


def is_page_furniture(line: str, repeated: set[str] = frozenset()) -> bool:
    """True for running headers and footers: issue numbers, ISSN lines, page numbers, repeats."""
    if _PAGE_NUMBER.match(line) or _ISSN.search(line) or _ISSUE_NUMBER.search(line):
        return True
    return _furniture_key(line) in repeated


def _repeated_lines(lines: list[str]) -> set[str]:
    """Short lines that recur on several pages: running headers."""
    counts = Counter(_furniture_key(line) for line in lines if 0 < len(line.strip()) <= 120)
    return {key for key, count in counts.items() if count >= 3 and len(key) >= 8}


def _headers_inside_sentences(lines: list[str], repeated: set[str]) -> set[str]:
    """Lines printed twice or more that stand once inside a sentence (a running header at a page
    break: "… policy of Kazakhstan" / "Bulletin of … Series" / "in the Syr Darya basin …"): page
    furniture too, though an article of two pages repeats its header only twice. Inside a sentence:
    the line after goes on in lower case, or the line before, holding a sentence's end, ends in a
    word in lower case without punctuation."""
    counts = Counter(_furniture_key(line) for line in lines if 20 <= len(line.strip()) <= 160)
    twice = {key for key, count in counts.items() if count >= 2}
    if not twice:
        return set()
    # the nearest line with text before each line, and the nearest one after it that is no page
    # furniture, in one pass each (looked for from each repeated line, they took 72 s of the 77 of
    # reading an 8 MB file, and a list of 20,000 repeated lines many minutes)
    furniture = repeated | twice
    before_of, last = [], ""
    for line in lines:
        before_of.append(last)
        last = line.strip() or last
    after_of, following = [""] * len(lines), ""
    for number in range(len(lines) - 1, -1, -1):
        after_of[number] = following
        if lines[number].strip() and not is_page_furniture(lines[number], furniture):
            following = lines[number].strip()
    found = set()
    for number, line in enumerate(lines):
        key = _furniture_key(line)
        if key not in twice or key in found:
            continue
        before, after = before_of[number], after_of[number]
        if not before or _SENTENCE_END.search(before) or not before[-1:].isalpha():
            continue
        last_word = before.split()[-1]
        if after[:1].islower() or (last_word[:1].islower() and _INNER_SENTENCE_END.search(before)):
            found.add(key)
    return found


_COLUMN_GAP = re.compile(r"\S {3,}(?=\S)")
#: Lines printed in two columns side by side (a third of the lines around them at least), and the
#: left column's width, before text is read as two columns: spaces typed inside sentences are not.
MIN_COLUMN_LINES = 4
MIN_COLUMN_WIDTH = 20


def _columns_apart(lines: list[str]) -> list[str]:
    """A PDF's text export that keeps the page layout prints two columns side by side ("Аңдатпа. …
    Аннотация. …" on one line, the right column starting at one position): read the left column,
    then the right one, each with its blank lines."""
    text_lines = [line for line in lines if not _TABLE_ROW.match(line)]  # a Markdown table's cells are not columns
    starts = Counter(match.end() for line in text_lines for match in _COLUMN_GAP.finditer(line))
    if not starts:
        return lines
    column, count = starts.most_common(1)[0]
    if count < MIN_COLUMN_LINES or column < MIN_COLUMN_WIDTH:
        return lines

    def two_columns(line: str) -> bool:
        return (len(line) > column and line[column - 2:column] == "  " and line[column] != " "
                and not _TABLE_ROW.match(line))

    def fits(line: str) -> bool:
        return not line.strip() or two_columns(line) or len(line.rstrip()) <= column - 2 or not line[:column].strip()

    def right(line: str) -> bool:
        return two_columns(line) or bool(line.strip() and not line[:column].strip())

    result: list[str] = []
    number = 0
    while number < len(lines):
        end = number
        while end < len(lines) and fits(lines[end]):
            end += 1
        run = lines[number:end]
        beside = [position for position, line in enumerate(run) if right(line)]
        side_by_side = sum(map(two_columns, run))
        if side_by_side >= MIN_COLUMN_LINES and 3 * side_by_side >= sum(1 for line in run if line.strip()):
            # the columns: from the first line with a right column to the last one, and the left
            # column's lines below it up to a blank line; the lines around are one column
            first, last = beside[0], beside[-1] + 1
            while last < len(run) and run[last].strip():
                last += 1
            region = run[first:last]
            result += run[:first] + [line[:column].rstrip() for line in region] + [""]
            result += [line[column:].strip() for line in region] + [""] + run[last:]
        else:
            result += run
        if end < len(lines):
            result.append(lines[end])
        number = end + 1
    return result


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*:?-{3,}:?\s*$")
_CELL_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _untabled(blocks: list[list[str]]) -> list[list[str]]:
    """A Markdown table becomes one block per cell (a ``<br>`` in a cell starts a new paragraph),
    cells in reading order: a table of one language per column is read column by column."""
    result = []
    for block in blocks:
        if len(block) < 2 or not all(_TABLE_ROW.match(line) for line in block):
            result.append(block)
            continue
        rows = []
        for line in block:
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if cells and not all(_TABLE_RULE.match(cell) or not cell for cell in cells):
                rows.append(cells)
        for cell in cells_in_reading_order(rows):
            result.extend([piece.strip()] for piece in _CELL_BREAK.split(cell) if piece.strip())
    return result


_LIST_NUMBER = re.compile(r"^(?:\d{1,3}[.)]|\[\d{1,3}\])\s")


def _opens_after_item(current: list[str], line: str, following: str, stands_alone: Callable[[str], bool]) -> bool:
    """After a line ending a sentence, a line opens a paragraph when it opens a numbered item ("2.
    Жақыпов Қ.С. …", "[3] …": a reference), or, after such an item, is a title over a byline (the next
    part's title under the last reference)."""
    if not _LINE_ENDS_SENTENCE.search(current[-1]):
        return False
    if _LIST_NUMBER.match(line):
        return True
    return bool(_LIST_NUMBER.match(current[0]) and not _SENTENCE_END.search(line) and following
                and stands_alone(following) and not stands_alone(line))


def _unwrap(
    lines: list[str], starts_paragraph: Callable[[str], bool], stands_alone: Callable[[str], bool]
) -> list[tuple[list[str], list[SoftBreak]]]:
    """Re-cut a block of lines into paragraphs: before a line that opens one (a marker such as
    "Keywords:"), around a line that stands alone (a byline under a title), and, in fixed-width
    text (a PDF export), after a short line ending a sentence (when the next line does not go on
    in lower case), and after a line too long to be wrapped that holds sentences. Each paragraph
    comes with its soft breaks: a full line ending a sentence before a capital may end one too."""
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(len(lengths) * 0.9)]
    # fixed-width text: most lines long, or, under a title page's short lines (a PDF's text without
    # blank lines), four lines or more filled to the width
    full = sum(1 for length in lengths if length >= FULL_LINE * width)
    wrapped = len(lines) >= 5 and (lengths[len(lengths) // 2] >= 50 or (width >= 50 and full >= 4))
    paragraphs: list[tuple[list[str], list[SoftBreak]]] = []
    current: list[str] = []
    soft: list[SoftBreak] = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        alone = len(lines) > 1 and stands_alone(line)
        if current and (alone or starts_paragraph(line) or _opens_after_item(current, line, following, stands_alone)):
            paragraphs.append((current, soft))
            current, soft = [], []
        current.append(line)
        if alone:
            paragraphs.append((current, soft))
            current, soft = [], []
            continue
        # a short line ending a sentence ends a paragraph; a line going on in lower case does not, nor
        # a keyword list's line ending in "China;" ("Keywords: …; China;" / "Russia; trade")
        listing = line.endswith(";") and starts_paragraph(current[0])
        ends_paragraph = (wrapped and len(line) < 0.8 * width) or (
            len(line) > LONGEST_WRAPPED_LINE and _INNER_SENTENCE_END.search(line) is not None)
        if ends_paragraph and _SENTENCE_END.search(line) and not (following[:1].islower() or listing):
            paragraphs.append((current, soft))
            current, soft = [], []
        elif wrapped and _LINE_ENDS_SENTENCE.search(line) and following[:1].isupper():
            soft.append(SoftBreak(line[-30:].lstrip(), following[:30].rstrip()))
    if current:
        paragraphs.append((current, soft))
    return paragraphs


def paragraphs_of(
    text: str,
    starts_paragraph: Callable[[str], bool] = lambda line: False,
    stands_alone: Callable[[str], bool] = lambda line: False,
    respelled: bool = True,
) -> list[Paragraph]:
    """Clean paragraphs of an extracted text, in reading order.

    ``starts_paragraph`` tells which lines open a paragraph even without a blank line before them
    (PDF text has no blank lines), ``stands_alone`` which lines are a paragraph of their own;
    ``respelled``: see :func:`clean_markup`.
    """
    raw_lines = _columns_apart(text.split("\n"))
    repeated = _repeated_lines(raw_lines)
    repeated |= _headers_inside_sentences(raw_lines, repeated)
    pieces: list[tuple[bool, list[str], list[SoftBreak], bool]] = []
    after_furniture = False
    for block in _untabled(_blocks(raw_lines)):
        furniture = [is_page_furniture(line, repeated) for line in block]
        if sum(furniture) * 2 >= len(block) and any(furniture):
            after_furniture = True
            continue  # a header block: journal name, ISSN, page number
        kept = [line for line, is_furniture in zip(block, furniture, strict=True) if not is_furniture]
        heading = bool(_HEADING.match(kept[0]))
        cleaned = [clean_markup(_HEADING.sub("", line), respelled) for line in kept]
        lines = [line for line in cleaned if line]
        if not lines:  # markup alone ("<hr>", "***", an image): no paragraph (an IndexError refused the file)
            continue
        for number, (piece, soft) in enumerate(_unwrap(lines, starts_paragraph, stands_alone)):
            pieces.append((heading, piece, soft, number == 0 and (after_furniture or furniture[0])))
        after_furniture = False
    hyphenation = hyphenation_of([lines for _, lines, _, _ in pieces])
    paragraphs = [Paragraph(join_lines(lines, hyphenation), heading, soft, after)
                  for heading, lines, soft, after in pieces]
    return _mend_page_breaks([paragraph for paragraph in paragraphs if paragraph.text], hyphenation,
                             starts_paragraph, stands_alone)


def _mend_page_breaks(
    paragraphs: list[Paragraph], hyphenation: Hyphenation,
    starts_paragraph: Callable[[str], bool], stands_alone: Callable[[str], bool],
) -> list[Paragraph]:
    """Join a paragraph cut by a page break: no final punctuation, next starts in lower case; or, right
    after a running header, the first ends inside a sentence ("в бассейне") and the next goes on with
    a capitalised word ("Сырдарьи в …") that opens nothing (a marker, a byline). A paragraph of its
    own ("KEYWORDS" over its list, a byline) is never joined to."""
    mended: list[Paragraph] = []
    for paragraph in paragraphs:
        previous = mended[-1] if mended else None
        if (
            previous is not None
            and not previous.heading
            and not paragraph.heading
            and not _SENTENCE_END.search(previous.text)
            and not stands_alone(previous.text)
            and (paragraph.text[:1].islower() or (
                paragraph.after_furniture and previous.text.split()[-1][:1].islower()
                and not (starts_paragraph(paragraph.text) or stands_alone(paragraph.text))))
        ):
            previous.text = join_lines([previous.text, paragraph.text], hyphenation)
            previous.soft_breaks += paragraph.soft_breaks
        else:
            mended.append(paragraph)
    return mended
