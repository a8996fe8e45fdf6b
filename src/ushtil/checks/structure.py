"""Missing and extra text: abstracts, titles, paragraphs and sentences one language lacks.

The alignment says which beads have an empty side; consecutive beads missing the same language are
one finding, a *paragraph* when they cover whole paragraphs of the other languages. Paragraph counts,
truncated endings and the reader's own notes (an abstract in the wrong language) are reported here too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import LANGS
from .base import ArticleContext, Check, Finding, Severity

#: Characters an abstract's last sentence ends with (closing quotes and brackets are skipped first).
_FINAL_MARKS = ".!?…"
_CLOSERS = "\"'»”’)]"


@dataclass
class _Run:
    """Consecutive abstract beads where ``lang`` is missing (or is the only one present)."""

    lang: str
    kind: str
    beads: list[int] = field(default_factory=list)
    #: the sentences the other languages have there, in the pivot language
    sentences: list[str] = field(default_factory=list)
    pivot: str = ""


class StructureCheck(Check):
    name = "structure"
    description = "missing or empty abstracts and titles, missing or extra paragraphs and sentences, truncation"

    def run(self, ctx: ArticleContext) -> Iterator[Finding]:
        yield from self._abstracts(ctx)
        if len(ctx.present) < 2:
            return
        explained: set[str] = set()
        for run in self._runs(ctx):
            finding = self._run_finding(ctx, run)
            if finding.check.endswith("paragraph"):
                explained.add(run.lang)
            yield finding
        for note in ctx.article.notes:
            tag, _, detail = note.partition(": ")
            lang = tag.split(":", 1)[-1]
            # "0 paragraphs" of a part whose text is in another language: wrong-language-abstract says it
            wrong_language = any(other.startswith(f"wrong-language:{lang}:") for other in ctx.article.notes)
            if wrong_language and detail.startswith("0 paragraphs"):
                explained.add(lang)
            if tag.startswith("truncated:") and " paragraphs " in detail and lang not in explained:
                explained.add(lang)
                yield self._truncated(ctx, lang, detail, "abstract")
        yield from self._paragraph_counts(ctx, explained)
        yield from self._truncation(ctx)

    def _abstracts(self, ctx: ArticleContext) -> Iterator[Finding]:
        article = ctx.article
        wrong: set[str] = set()
        untranslated_title: dict[str, str] = {}
        for note in article.notes:
            tag, _, detail = note.partition(": ")
            if tag.startswith("wrong-language:"):
                lang = tag.split(":", 1)[1]
                wrong.add(lang)
                yield self.finding(
                    ctx, "wrong-language-abstract", Severity.ERROR, detail, lang=lang, section="abstract",
                    suggestion=f"supply the {lang} abstract",
                )
            elif tag.startswith("truncated:"):
                if " keywords " in detail:
                    yield self._truncated(ctx, tag.split(":", 1)[1], detail, "keywords")
            elif tag.startswith("untranslated-title:"):
                untranslated_title[tag.split(":", 1)[1]] = detail
            elif not tag.startswith("missing:"):
                yield self.finding(ctx, "reader-note", Severity.INFO, note)
        titled = [lang for lang in ctx.present if article.part(lang).title]
        for lang in LANGS:
            part = article.part(lang)
            if lang in wrong and not part.paragraphs:
                continue  # "the kk abstract is in Russian" says it already
            if lang not in ctx.present:
                yield self.finding(
                    ctx, "missing-abstract", Severity.ERROR, f"the article has no {lang} abstract",
                    lang=lang, section="abstract", suggestion=f"add the {lang} title, abstract and keywords",
                )
                continue
            if not part.paragraphs:
                yield self.finding(
                    ctx, "empty-abstract", Severity.ERROR, f"the {lang} part has no abstract text",
                    lang=lang, section="abstract", text=part.title, suggestion=f"add the {lang} abstract",
                )
            if lang in untranslated_title:
                yield self.finding(
                    ctx, "untranslated", Severity.ERROR, untranslated_title[lang],
                    lang=lang, section="title", suggestion=f"translate the title into {lang}",
                )
            elif titled and not part.title:
                yield self.finding(
                    ctx, "missing-title", Severity.ERROR,
                    f"the {lang} part has no title ({', '.join(titled)} have one)",
                    lang=lang, section="title", suggestion=f"add the {lang} title",
                )

    def _truncated(self, ctx: ArticleContext, lang: str, detail: str, section: str) -> Finding:
        """The reader's ``truncated:`` note: one language has fewer paragraphs or keywords."""
        return self.finding(
            ctx, "truncated-part", Severity.WARNING, f"the reader found {detail}", lang=lang, section=section,
            suggestion=f"check that the {lang} {section} was read whole (structured labels, page layout)",
        )

    def _runs(self, ctx: ArticleContext) -> Iterator[_Run]:
        current: _Run | None = None
        # a language with no abstract text at all is reported once (empty-abstract), not per bead
        with_text = [lang for lang in ctx.present if ctx.article.part(lang).paragraphs]
        for number, bead in ctx.numbered_beads():
            if bead.section not in ("abstract", ""):
                if current:
                    yield current
                current = None
                continue
            full = [lang for lang in with_text if bead.sentences.get(lang)]
            empty = [lang for lang in with_text if not bead.sentences.get(lang)]
            if not empty or not full:
                if current:
                    yield current
                current = None
                continue
            missing = len(full) > len(empty) or (len(full) == len(empty) and "en" in full)
            lang, kind = (empty[0], "missing") if missing else (full[0], "extra")
            if current is None or (current.lang, current.kind) != (lang, kind) or current.beads[-1] != number - 1:
                if current:
                    yield current
                pivot = "en" if "en" in full else full[0]
                current = _Run(lang=lang, kind=kind, pivot=pivot)
            current.beads.append(number)
            current.sentences.extend(ctx.bead_sentences(bead, current.pivot))
        if current:
            yield current

    def _run_finding(self, ctx: ArticleContext, run: _Run) -> Finding:
        paragraphs = ctx.article.part(run.pivot).sentences
        whole = [
            index for index, paragraph in enumerate(paragraphs)
            if paragraph and all(sentence in run.sentences for sentence in paragraph)
        ]
        unit = "paragraph" if whole else "sentence"
        count = len(whole) if whole else len(run.sentences)
        plural = "s" if count > 1 else ""
        text = " ".join(run.sentences)
        where = f"paragraph{plural} {', '.join(str(i + 1) for i in whole)} of the {run.pivot} abstract" if whole \
            else f"{count} sentence{plural}"
        if run.kind == "missing":
            message = f"{run.lang} lacks {where}: no translation of “{_short(text)}”"
            suggestion = f"translate the missing {unit}{plural} into {run.lang}"
        else:
            message = f"{where} in {run.lang} with no counterpart in the other languages: “{_short(text)}”"
            suggestion = f"remove the {unit}{plural} from {run.lang} or translate {unit}{plural} into the others"
        return self.finding(
            ctx, f"{run.kind}-{unit}", Severity.ERROR, message, lang=run.lang, bead=run.beads[0],
            text=text, suggestion=suggestion,
        )

    def _paragraph_counts(self, ctx: ArticleContext, explained: set[str]) -> Iterator[Finding]:
        counts = {lang: len(ctx.article.part(lang).paragraphs) for lang in ctx.present}
        counts = {lang: count for lang, count in counts.items() if count}
        if len(set(counts.values())) < 2:
            return
        most = max(counts.values())
        for lang, count in counts.items():
            if count < most and lang not in explained:
                listed = ", ".join(f"{other} {n}" for other, n in counts.items())
                yield self.finding(
                    ctx, "paragraph-count", Severity.WARNING,
                    f"the abstracts have different numbers of paragraphs ({listed})",
                    lang=lang, section="abstract",
                    suggestion="check for merged or split paragraphs",
                )

    def _truncation(self, ctx: ArticleContext) -> Iterator[Finding]:
        endings = {}
        for lang in ctx.present:
            sentences = ctx.article.part(lang).sentence_list
            if sentences:
                endings[lang] = sentences[-1].rstrip().rstrip(_CLOSERS)
        complete = [lang for lang, end in endings.items() if end.endswith(tuple(_FINAL_MARKS))]
        if not complete:
            return
        for lang, end in endings.items():
            if lang not in complete:
                yield self.finding(
                    ctx, "truncated-abstract", Severity.WARNING,
                    f"the {lang} abstract ends without a full stop: “…{end[-60:]}”",
                    lang=lang, section="abstract", text=end[-200:],
                    suggestion="check whether the end of the abstract was cut off",
                )


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
