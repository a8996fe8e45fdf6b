"""Numbers, percentages, years, dates, clock times and money read by value, with each language's
conventions (``[numbers]`` in ``data/LANG.toml``): 6.8 (en) = 6,8 (kk, ru); 1,000 = 1 000; "$6.8
billion" = "6,8 млрд доллар"; 68 is not 6.8. The aligner's number evidence and the number check
read numbers here, so they agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import get_language

_SPACES = " \u00a0\u202f"
_NUMBER = re.compile(
    rf"(?<![\w.,])(?:\d{{1,3}}(?:[{_SPACES},.]\d{{3}})+(?:[.,]\d+)?(?![.,]?\d)|\d+(?:[.,]\d+)?)"
)
_DATE = re.compile(r"(?<![\w.])(\d{1,2})[./](\d{1,2})[./](\d{4})(?![\w.]\d)")
#: Clock times: "15:00", "4:40", and English "3 p.m.", "4.40 am" (compared as minutes after midnight).
_CLOCK = re.compile(r"(?<![\w.:])(\d{1,2}):(\d{2})(?![\d:])")
_AM_PM = re.compile(r"(?<![\w.:])(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)
_CITATION = re.compile(r"\[\d+(?:\s*[,;–-]\s*\d+)*\]")
_RANGE_DASH = re.compile(r"\s*[-–—]\s*$")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class NumberConventions:
    """One language's way of writing numbers, read from its record (``data/LANG.toml``, ``[numbers]``)."""

    decimal: str
    percent: tuple[str, ...]
    scale: dict[str, float]
    currency: dict[str, str]


@cache
def conventions(lang: str) -> NumberConventions:
    """The number conventions of ``lang``, from the ``[numbers]`` table of its language record."""
    data = get_language(lang).numbers
    return NumberConventions(
        decimal=data["decimal"],
        percent=tuple(data["percent"]),
        scale=dict(data["scale"]),
        currency=dict(data["currency"]),
    )


@dataclass(frozen=True)
class Quantity:
    """A number as written (``text``) and what it means: value with scale applied, unit."""

    text: str
    value: float
    #: "%" for a percentage, an ISO currency code for money, "date", "time", or "" for a plain number
    unit: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """What two sides must share: the value to twelve significant digits and its kind.

        Currencies are not part of the key: "$" in English is often "АҚШ доллары" or left out.
        """
        return (self.unit if self.unit in ("%", "date", "time") else "", format(self.value, ".12g"))


def parse_number(raw: str, decimal: str) -> float:
    """The value of a digit string written with ``decimal`` as its decimal mark."""
    digits = raw
    for space in _SPACES:
        digits = digits.replace(space, "")
    marks = [ch for ch in digits if ch in ".,"]
    if not marks:
        return float(digits)
    if len(set(marks)) == 2:
        point = digits[max(digits.rfind("."), digits.rfind(","))]
        group = "," if point == "." else "."
        return float(digits.replace(group, "").replace(point, "."))
    mark = marks[0]
    tail = digits.rsplit(mark, 1)[1]
    if len(marks) > 1 or (mark != decimal and len(tail) == 3):
        return float(digits.replace(mark, ""))
    return float(digits.replace(mark, "."))


def _starts_with_entry(tail: str, entries) -> str:
    """The entry that ``tail`` (text after a number) starts with, as a word prefix; "" if none."""
    lowered = tail.lower()
    for entry in sorted(entries, key=len, reverse=True):
        # a stem of three letters or more may go on (миллиардов); a shorter entry must stand alone (bn)
        if lowered.startswith(entry.lower()) and (len(entry) >= 3 or not tail[len(entry):][:1].isalpha()):
            return entry
    return ""


def quantities(text: str, lang: str) -> list[Quantity]:
    """The numbers of ``text`` read with the conventions of ``lang``; citation marks [12] skipped."""
    rules = conventions(lang)
    text = _CITATION.sub(lambda m: " " * len(m.group()), text)
    found: list[tuple[int, Quantity]] = []
    for match in _DATE.finditer(text):
        day, month, year = (int(part) for part in match.groups())
        found.append((match.start(), Quantity(match.group(), year * 10000 + month * 100 + day, "date")))
    text = _DATE.sub(lambda m: " " * len(m.group()), text)
    for match in _AM_PM.finditer(text):
        hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
        found.append((match.start(), Quantity(match.group(), hour * 60 + int(match.group(2) or 0), "time")))
    text = _AM_PM.sub(lambda m: " " * len(m.group()), text)
    for match in _CLOCK.finditer(text):
        found.append((match.start(), Quantity(match.group(), int(match.group(1)) * 60 + int(match.group(2)), "time")))
    text = _CLOCK.sub(lambda m: " " * len(m.group()), text)
    matches = list(_NUMBER.finditer(text))
    parsed: list[tuple[re.Match, float, float, str]] = []
    for match in matches:
        value = parse_number(match.group(), rules.decimal)
        tail = text[match.end():match.end() + 40].lstrip(_SPACES + "-")
        scale = 1.0
        scale_word = _starts_with_entry(tail, rules.scale)
        if scale_word:
            scale = rules.scale[scale_word]
            rest = tail[len(scale_word):]
            word_end = _WORD.match(rest)
            tail = rest[word_end.end() if word_end else 0:].lstrip(_SPACES + ".")
        unit = ""
        if _starts_with_entry(tail, rules.percent):
            unit = "%"
        else:
            currency_word = _starts_with_entry(tail, rules.currency)
            head = text[max(0, match.start() - 4):match.start()].rstrip(_SPACES).lstrip()
            prefix = next((mark for mark in rules.currency if not mark[-1].isalnum() and head.endswith(mark)), "")
            if currency_word or prefix:
                unit = rules.currency[currency_word or prefix]
        parsed.append((match, value, scale, unit))
    # In a range ("$27-28 billion", "10–15%") the first number takes the scale and unit of the second.
    for index in range(len(parsed) - 2, -1, -1):
        match, value, scale, unit = parsed[index]
        following = parsed[index + 1]
        between = text[match.end():following[0].start()]
        if _RANGE_DASH.match(between) and between.strip():
            parsed[index] = (match, value, following[2] if scale == 1.0 else scale, unit or following[3])
    for match, value, scale, unit in parsed:
        found.append((match.start(), Quantity(match.group(), value * scale, unit)))
    return [quantity for _, quantity in sorted(found, key=lambda item: item[0])]


def number_keys(text: str, lang: str) -> list[tuple[str, str]]:
    """What two languages' numbers must share to be the same, for every number of ``text``."""
    return [quantity.key for quantity in quantities(text, lang)]
