"""Glossary violations: the English side names a term and the translation renders it otherwise.

For every bead, the terms found on the English side are looked up on the Kazakh and Russian sides:
the approved form is fine, and the other language's form is an error in its bead (Russian ЕС or США
inside Kazakh text instead of ЕО or АҚШ). A non-approved variant (Орта Азия for Central Asia) is one
warning per article, language and variant, listing its beads and saying what to do: the translator
fixes them together, or the editor approves the variant; seven repeats of one message said no more.
It is no finding at all where the article's own keywords list the variant and its text never writes
the approved form: that is the author's term, used consistently, a question for the glossary, not a
slip in this translation (a mix of both forms is also reported by the consistency check).
Rules from glossary entries that are only candidates give milder findings (info, warning).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Bead
from .base import ArticleContext, Check, Finding, Severity
from .termrules import TermMatch, find_terms


class GlossaryCheck(Check):
    name = "glossary"
    description = "terms rendered with a non-approved variant or with the other language's form"

    def run(self, ctx: ArticleContext) -> Iterator[Finding]:
        variants: dict[tuple[str, str, str], list[tuple[int, Bead, TermMatch]]] = {}
        approved: set[tuple[str, str]] = set()  # (rule, lang) whose approved form the text writes
        listed: set[tuple[str, str, str]] = set()  # (rule, lang, form) the article's keywords list
        for number, bead in ctx.numbered_beads():
            english = bead.text.get("en", "")
            anchored = {match.rule.id for match in find_terms(english, "en", ctx.terms)} if english else set()
            for lang in ("kk", "ru"):
                text = bead.text.get(lang, "")
                if lang not in ctx.present or not text.strip():
                    continue
                matches = find_terms(text, lang, ctx.terms)
                approved.update((match.rule.id, lang) for match in matches if match.kind == "approved")
                if bead.section == "keywords":
                    listed.update((match.rule.id, lang, match.form) for match in matches if match.kind == "variant")
                for match in matches:
                    if match.kind == "variant" and match.rule.id in anchored:
                        variants.setdefault((match.rule.id, lang, match.form), []).append((number, bead, match))
                yield from self._foreign(ctx, number, lang, text, matches, anchored)
        for (rule_id, lang, form), places in variants.items():
            if (rule_id, lang, form) in listed and (rule_id, lang) not in approved:
                continue  # the article's own term, written throughout
            yield self._variant(ctx, lang, form, places)

    def _variant(self, ctx: ArticleContext, lang: str, form: str,
                 places: list[tuple[int, Bead, TermMatch]]) -> Finding:
        """One finding for a variant written in one language of an article, at its first bead."""
        number, _, match = places[0]
        rule = match.rule
        preferred = rule.preferred(lang)
        beads = sorted({place[0] for place in places})
        where = f"bead #{beads[0]}" if len(beads) == 1 else f"{len(beads)} beads ({', '.join(f'#{n}' for n in beads)})"
        return self.finding(
            ctx, "glossary-variant", Severity.WARNING if rule.status == "approved" else Severity.INFO,
            f"write “{preferred}” for “{rule.preferred('en')}”: the {lang} text has the non-approved “{form}” in "
            f"{where} ({rule.source}); or approve “{form}” in the glossary if it is the journal's term",
            lang=lang, bead=number, text=form, suggestion=f"write “{preferred}”",
        )

    def _foreign(self, ctx, number, lang, text, matches, anchored) -> Iterator[Finding]:
        reported: set[tuple[str, str]] = set()
        for match in matches:
            rule = match.rule
            if match.kind != "foreign" or (rule.id, match.form) in reported:
                continue
            reported.add((rule.id, match.form))
            found = text[match.start:match.end]
            preferred = rule.preferred(lang)
            severity = Severity.ERROR if rule.id in anchored and rule.status == "approved" else Severity.WARNING
            yield self.finding(
                ctx, "glossary-foreign-form", severity,
                f"“{found}” is the {_other(lang)} form of “{rule.preferred('en')}”; {lang} uses “{preferred}”",
                lang=lang, bead=number, text=found, suggestion=f"write “{preferred}”",
            )


def _other(lang: str) -> str:
    return {"kk": "Russian", "ru": "Kazakh"}.get(lang, "other language's")
