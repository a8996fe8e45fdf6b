"""Glossary violations: the English side names a term and the translation renders it otherwise.

For every bead, the terms found on the English side are looked up on the Kazakh and Russian sides:
the approved form is fine, a non-approved variant is a warning (Орта Азия for Central Asia), and the
other language's form is an error (Russian ЕС or США inside Kazakh text instead of ЕО or АҚШ).
Rules from glossary entries that are only candidates give milder findings (info, warning).
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import ArticleContext, Check, Finding, Severity
from .termrules import find_terms


class GlossaryCheck(Check):
    name = "glossary"
    description = "terms rendered with a non-approved variant or with the other language's form"

    def run(self, ctx: ArticleContext) -> Iterator[Finding]:
        for number, bead in ctx.numbered_beads():
            english = bead.text.get("en", "")
            anchored = {match.rule.id for match in find_terms(english, "en", ctx.terms)} if english else set()
            for lang in ("kk", "ru"):
                text = bead.text.get(lang, "")
                if lang not in ctx.present or not text.strip():
                    continue
                yield from self._side(ctx, number, lang, text, anchored)

    def _side(self, ctx, number, lang, text, anchored) -> Iterator[Finding]:
        matches = find_terms(text, lang, ctx.terms)
        reported: set[tuple[str, str]] = set()
        for match in matches:
            rule = match.rule
            if match.kind == "approved" or (rule.id, match.form) in reported:
                continue
            reported.add((rule.id, match.form))
            found = text[match.start:match.end]
            preferred = rule.preferred(lang)
            if match.kind == "foreign":
                severity = Severity.ERROR if rule.id in anchored and rule.status == "approved" else Severity.WARNING
                yield self.finding(
                    ctx, "glossary-foreign-form", severity,
                    f"“{found}” is the {_other(lang)} form of “{rule.preferred('en')}”; {lang} uses “{preferred}”",
                    lang=lang, bead=number, text=found, suggestion=f"write “{preferred}”",
                )
            elif rule.id in anchored:
                severity = Severity.WARNING if rule.status == "approved" else Severity.INFO
                yield self.finding(
                    ctx, "glossary-variant", severity,
                    f"“{found}” is a non-approved rendering of “{rule.preferred('en')}” ({rule.source})",
                    lang=lang, bead=number, text=found, suggestion=f"write “{preferred}”",
                )


def _other(lang: str) -> str:
    return {"kk": "Russian", "ru": "Kazakh"}.get(lang, "other language's")
