"""Length-ratio outliers: a translation much longer or shorter than corpus statistics allow.

The expected log character-length ratio of each language pair and its spread come from
the language records (``[length_ratio.*]`` in ``langs/data/LANG.toml``, NTREX one-to-one triples;
regenerate with ``bench/length_ratio_stats.py``), the same numbers the aligner's length evidence uses.
A bead is an outlier beyond :data:`BEAD_Z` standard deviations, a whole abstract beyond
:data:`ABSTRACT_Z` (a whole text averages out sentence noise, so the bar is lower).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..langs import LANGUAGE_PAIRS, length_ratio
from .base import ArticleContext, Check, Finding, Severity

BEAD_Z = 3.0
ABSTRACT_Z = 2.0
#: Segments shorter than this (characters) vary too much to judge.
MIN_CHARS = 40


@dataclass(frozen=True)
class LengthStats:
    """Mean and standard deviation of log(len(target) / len(source)) per (target, source) pair."""

    pairs: dict[tuple[str, str], tuple[float, float]]

    def z_score(self, target: str, target_len: int, source: str, source_len: int) -> float | None:
        """How many standard deviations the ratio lies from the corpus mean (None if unknown)."""
        if (target, source) in self.pairs:
            mean, std = self.pairs[(target, source)]
            return (math.log(target_len / source_len) - mean) / std
        if (source, target) in self.pairs:
            return -self.z_score(source, source_len, target, target_len)
        return None


@cache
def default_length_stats() -> LengthStats:
    """Every (target, source) pair of supported languages, from the language records."""
    return LengthStats(pairs={(b, a): length_ratio(b, a) for a, b in LANGUAGE_PAIRS})


class LengthCheck(Check):
    name = "length"
    description = "beads and abstracts whose length ratio is an outlier against corpus statistics"

    def run(self, ctx: ArticleContext) -> Iterator[Finding]:
        if len(ctx.present) < 2:
            return
        pivot = "en" if "en" in ctx.present else ctx.present[0]
        for number, bead in ctx.numbered_beads():
            if bead.section not in ("abstract", "title", ""):
                continue
            source = bead.text.get(pivot, "")
            for lang in ctx.present:
                target = bead.text.get(lang, "")
                if lang == pivot or len(source) < MIN_CHARS or len(target) < MIN_CHARS:
                    continue
                z = ctx.length_stats.z_score(lang, len(target), pivot, len(source))
                if z is not None and abs(z) > BEAD_Z:
                    yield self._finding(ctx, "length-ratio", lang, pivot, len(target), len(source), z, number, target)
        sizes = {lang: len(" ".join(ctx.article.part(lang).paragraphs)) for lang in ctx.present}
        for lang in ctx.present:
            if lang == pivot or min(sizes[lang], sizes[pivot]) < MIN_CHARS:
                continue
            z = ctx.length_stats.z_score(lang, sizes[lang], pivot, sizes[pivot])
            if z is not None and abs(z) > ABSTRACT_Z:
                yield self._finding(ctx, "abstract-length-ratio", lang, pivot, sizes[lang], sizes[pivot], z, None, "")

    def _finding(self, ctx, check, lang, pivot, target_len, source_len, z, bead, text) -> Finding:
        what = "longer" if z > 0 else "shorter"
        scope = "segment" if bead else "abstract"
        return self.finding(
            ctx, check, Severity.WARNING,
            f"the {lang} {scope} is unusually {what} than the {pivot} ({target_len} vs {source_len} characters, "
            f"{abs(z):.1f} standard deviations from the usual {lang}/{pivot} ratio)",
            lang=lang, bead=bead, section="" if bead else "abstract", text=text,
            suggestion="check for omitted or added content" if z < 0 else "check for added or repeated content",
        )
