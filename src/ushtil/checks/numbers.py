"""Numbers, percentages, years, dates and money compared by value across the languages of a bead.

Each language writes numbers its own way (6.8 / 6,8; 1,000 / 1 000; "$6.8 billion" / "6,8 млрд
доллар"), so every number is read with its language's conventions (the ``[numbers]`` table of
its language record, read by :mod:`ushtil.langs.numbers`, as the aligner reads them) into a
:class:`Quantity` and beads are compared by value: a 2019 that became 2018 is an error, a number
with no counterpart at all only a warning (it may be spelled out in words).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..langs.numbers import Quantity, conventions, quantities
from ..lookalikes import respell
from .base import ArticleContext, Check, Finding, Severity

__all__ = ["NumberCheck", "Quantity", "conventions", "quantities"]


class NumberCheck(Check):
    name = "numbers"
    description = "numbers, percentages, years, dates and money that differ between the languages of a bead"

    def run(self, ctx: ArticleContext) -> Iterator[Finding]:
        for number, bead in ctx.numbered_beads():
            sides = {lang: bead.text.get(lang, "") for lang in ctx.present if bead.text.get(lang, "").strip()}
            if len(sides) < 2:
                continue
            # scale and currency words as read: "350 тыc." typed with a Latin c is 350,000
            found = {lang: quantities(respell(text), lang) for lang, text in sides.items()}
            pivot = "en" if "en" in sides else next(iter(sides))
            differences = {lang: _differences(found[pivot], found[lang]) for lang in sides if lang != pivot}
            if _pivot_alone(differences):
                yield self._pivot_finding(ctx, number, pivot, differences)
                continue
            for lang, (only_pivot, only_lang) in differences.items():
                yield from self._compare(ctx, number, pivot, lang, only_pivot, only_lang)

    def _pivot_finding(self, ctx, number, pivot, differences) -> Finding:
        """The others agree with each other against the pivot: the pivot's number is the wrong one."""
        others = list(differences)
        only_pivot, only_other = differences[others[0]]
        return self.finding(
            ctx, "number-mismatch", Severity.ERROR,
            f"{pivot} has {_listed(only_pivot)} where {' and '.join(others)} both have {_listed(only_other)}",
            lang=pivot, bead=number, text=", ".join(q.text for q in only_pivot),
            suggestion=f"check the {pivot} number(s) against the {' and '.join(others)}: {_listed(only_other)}",
        )

    def _compare(self, ctx, number, pivot, lang, only_pivot, only_lang) -> Iterator[Finding]:
        if only_pivot and only_lang:
            yield self.finding(
                ctx, "number-mismatch", Severity.ERROR,
                f"{pivot} has {_listed(only_pivot)} where {lang} has {_listed(only_lang)}",
                lang=lang, bead=number, text=", ".join(q.text for q in only_lang),
                suggestion=f"check the {lang} number(s) against the {pivot}: {_listed(only_pivot)}",
            )
        elif only_pivot:
            yield self.finding(
                ctx, "number-missing", Severity.WARNING,
                f"{_listed(only_pivot)} in {pivot} has no counterpart in {lang} (spelled out in words?)",
                lang=lang, bead=number, text=", ".join(q.text for q in only_pivot),
                suggestion=f"make sure the {lang} text gives {_listed(only_pivot)}",
            )
        elif only_lang:
            yield self.finding(
                ctx, "number-extra", Severity.WARNING,
                f"{_listed(only_lang)} in {lang} has no counterpart in {pivot}",
                lang=lang, bead=number, text=", ".join(q.text for q in only_lang),
                suggestion=f"check where {_listed(only_lang)} comes from",
            )


def _differences(pivot_found: list[Quantity], lang_found: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """The quantities of each side with no equal value on the other, in reading order."""
    pivot_keys = Counter(q.key for q in pivot_found)
    lang_keys = Counter(q.key for q in lang_found)
    only_pivot = list(_unmatched(pivot_found, pivot_keys - lang_keys))
    only_lang = list(_unmatched(lang_found, lang_keys - pivot_keys))
    return _copied_verbatim(only_pivot, only_lang)


def _pivot_alone(differences: dict[str, tuple[list[Quantity], list[Quantity]]]) -> bool:
    """Two or more other languages that each differ from the pivot in the same values, the same way."""
    if len(differences) < 2:
        return False
    keys = {(tuple(sorted(q.key for q in only_pivot)), tuple(sorted(q.key for q in only_other)))
            for only_pivot, only_other in differences.values()}
    return len(keys) == 1 and all(only_pivot and only_other for only_pivot, only_other in differences.values())


def _unmatched(found: list[Quantity], surplus: Counter) -> Iterator[Quantity]:
    """The quantities whose keys are left over after matching, in reading order."""
    surplus = Counter(surplus)
    for quantity in found:
        if surplus[quantity.key] > 0:
            surplus[quantity.key] -= 1
            yield quantity


def _copied_verbatim(pivot: list[Quantity], other: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """The unmatched quantities less those both sides write with the same digits and marks: a Kazakh
    "0.012" copied from the English is the English number, though Kazakh conventions would read the
    point as grouping (0.012 = 12)."""
    left = list(other)
    kept = []
    for quantity in pivot:
        twin = next((q for q in left if q.text.strip() == quantity.text.strip()), None)
        if twin is None:
            kept.append(quantity)
        else:
            left.remove(twin)
    return kept, left


def _listed(found: list[Quantity]) -> str:
    return ", ".join(f"“{q.text.strip()}”" + (f" ({q.unit})" if q.unit not in ("", "date", "time") else "")
                     for q in found)
