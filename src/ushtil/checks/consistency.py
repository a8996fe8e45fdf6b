"""Inconsistent renderings: one term written two ways inside one article (Орталық Азия / Орта Азия).

Title, abstract and keywords are read together, so a keyword that disagrees with the abstract is
caught too. Using both approved forms of a term (ЕО and Еуропалық Одақ) is not an inconsistency.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from .base import ArticleContext, Check, Finding, Severity
from .termrules import find_terms


class ConsistencyCheck(Check):
    name = "consistency"
    description = "one term rendered in more than one way inside an article"

    def run(self, ctx: ArticleContext) -> Iterator[Finding]:
        for lang in ("kk", "ru"):
            if lang not in ctx.present:
                continue
            used: dict[str, Counter] = defaultdict(Counter)
            first_bead: dict[tuple[str, str], int] = {}
            rules = {}
            for number, bead in ctx.numbered_beads():
                for match in find_terms(bead.text.get(lang, ""), lang, ctx.terms, foreign=False):
                    rules[match.rule.id] = match.rule
                    used[match.rule.id][match.form] += 1
                    first_bead.setdefault((match.rule.id, match.form), number)
            for rule_id, forms in used.items():
                rule = rules[rule_id]
                variants = [form for form in forms if form not in rule.approved.get(lang, ())]
                if len(forms) < 2 or not variants:
                    continue
                counted = ", ".join(f"“{form}” ×{count}" for form, count in forms.most_common())
                yield self.finding(
                    ctx, "inconsistent-term", Severity.WARNING,
                    f"“{rule.preferred('en')}” is rendered in {len(forms)} ways in the {lang} text: {counted}",
                    lang=lang, bead=first_bead[(rule_id, variants[0])], text=" / ".join(forms),
                    suggestion=f"use one rendering throughout: “{rule.preferred(lang)}”",
                )
