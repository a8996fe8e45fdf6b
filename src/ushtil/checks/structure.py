"""Missing and extra text: abstracts, titles, paragraphs and sentences one language lacks.

The alignment says which beads have an empty side; consecutive beads missing the same language are
one finding, a *paragraph* when they cover whole paragraphs of the other languages. A language missing
over a stretch (a paragraph) does not vote on the beads beside it: a bead left with one language
inside another's stretch lacks the third language too, not an extra sentence. A sentence deleted
next to one it was aligned with is a bead *merging* sentences in that language (2-1), told by
length: the side is as long as the others' sentences less their first or last, not as all of
them. A one-bead gap beside a bead of the same paragraph is placed by what the neighbour's sentence
shares with each bead (names, numbers, terms), by length where that ties. Paragraph counts,
truncated endings and the reader's own notes (an abstract in the wrong language) are reported here
too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from ..aligner.profile import profile_sentence, sounds_like
from ..model import LANGS, Bead
from .base import ArticleContext, Check, Finding, Severity
from .termrules import find_terms

#: Characters an abstract's last sentence ends with (closing quotes and brackets are skipped first).
_FINAL_MARKS = ".!?…"
_CLOSERS = "\"'»”’)]"
#: A merging side (fewer sentences than the pivot's) is taken to lack a sentence when its length
#: ratio to the pivot's side lies below -SHORT_Z standard deviations while to the pivot's side less
#: its first or last sentence it lies within FIT_Z (a translator's merge is as long as both)
SHORT_Z = 1.5
FIT_Z = 1.0
#: Sides shorter than this (characters) vary too much to judge by length.
MIN_CHARS = 40


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
            for placed in _placed_runs(ctx, run):
                finding = self._run_finding(ctx, placed)
                if finding.check.endswith("paragraph"):
                    explained.add(run.lang)
                yield finding
        yield from self._merged_omissions(ctx)
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
            elif not tag.startswith(("missing:", "mixed-script:")):  # mixed-script: the lookalikes check's
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
        """Runs of consecutive abstract beads lacking one language (or holding only one), in order
        of their first bead."""
        # a language with no abstract text at all is reported once (empty-abstract), not per bead
        with_text = [lang for lang in ctx.present if ctx.article.part(lang).paragraphs]
        beads = list(ctx.numbered_beads())
        empties = [[lang for lang in with_text if not bead.sentences.get(lang)]
                   if bead.section in ("abstract", "") else None for _, bead in beads]
        open_runs: dict[tuple[str, str], _Run] = {}
        done: list[_Run] = []
        for position, (number, bead) in enumerate(beads):
            empty = empties[position]
            full = [lang for lang in with_text if empty is not None and lang not in empty]
            for lang, kind in self._gaps(full, empty or [], _neighbours(empties, position)):
                run = open_runs.get((lang, kind))
                if run is None or run.beads[-1] != number - 1:
                    if run is not None:
                        done.append(run)
                    run = open_runs[(lang, kind)] = _Run(lang=lang, kind=kind, pivot="en" if "en" in full else full[0])
                run.beads.append(number)
                run.sentences.extend(ctx.bead_sentences(bead, run.pivot))
        done.extend(open_runs.values())
        yield from sorted(done, key=lambda run: run.beads[0])

    @staticmethod
    def _gaps(full: list[str], empty: list[str], beside: list[list[str]]) -> list[tuple[str, str]]:
        """What a bead lacks, as ``(language, "missing" | "extra")``: the empty language outvoted by
        the full ones; a bead of one language where both others are empty has an extra sentence,
        unless one of them lacks the beads beside it too (kk lacks a paragraph): that one goes on
        missing, and the bead is judged by the other two. A tie (one language on each side) is the
        empty one missing, whichever it is: an *extra* sentence needs two languages agreeing they
        lack it, and one witness cannot tell an omission from an addition (the omission is the
        translator's usual slip, and translating it is the repair either way)."""
        if not empty or not full:
            return []
        if len(full) == 1 and len(empty) == 2:
            stretch = [lang for lang in empty if any(lang in other and len(other) == 1 for other in beside)]
            if len(stretch) == 1:
                voters = [lang for lang in empty if lang not in stretch]
                return [(stretch[0], "missing"), *StructureCheck._gaps(full, voters, [])]
        return [(empty[0], "missing")] if len(full) >= len(empty) else [(full[0], "extra")]

    def _merged_omissions(self, ctx: ArticleContext) -> Iterator[Finding]:
        """A sentence deleted next to one the aligner then joined it with: a bead where a language
        has fewer sentences than every other language in it and is as long as the pivot's side less
        its first or last sentence, not as all of it (a merge by the translator keeps the content of
        both; a third language with as few sentences says the pivot split one)."""
        for number, bead in ctx.numbered_beads():
            if bead.section not in ("abstract", ""):
                continue
            for lang in ctx.present:
                held = len(bead.sentences.get(lang, []))
                others = [other for other in ctx.present if other != lang and bead.sentences.get(other)]
                if not held or not others or any(len(bead.sentences[other]) <= held for other in others):
                    continue  # a third language as terse as this one: the pivot split a sentence
                pivot = "en" if "en" in others else others[0]
                dropped = _dropped_sentence(ctx, bead, lang, pivot)
                if dropped:
                    yield self.finding(
                        ctx, "missing-sentence", Severity.ERROR,
                        f"{lang} lacks 1 sentence: no translation of “{_short(dropped)}” (bead #{number} "
                        f"pairs it with another sentence, but the {lang} side is only as long as that one)",
                        lang=lang, bead=number, text=dropped,
                        suggestion=f"translate the missing sentence into {lang}",
                    )

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


def _dropped_sentence(ctx: ArticleContext, bead: Bead, lang: str, pivot: str) -> str:
    """The pivot's first or last sentence of ``bead`` that ``lang``'s side leaves out, judged by
    length (see :data:`SHORT_Z`), or ""."""
    text = " ".join(ctx.bead_sentences(bead, lang))
    pivot_sentences = ctx.bead_sentences(bead, pivot)
    whole = " ".join(pivot_sentences)
    if len(text) < MIN_CHARS or len(pivot_sentences) < 2:
        return ""
    z_whole = ctx.length_stats.z_score(lang, len(text), pivot, len(whole))
    if z_whole is None or z_whole > -SHORT_Z:
        return ""
    fits = []
    for dropped, kept in ((pivot_sentences[0], pivot_sentences[1:]), (pivot_sentences[-1], pivot_sentences[:-1])):
        rest = " ".join(kept)
        if len(rest) >= MIN_CHARS:
            fits.append((abs(ctx.length_stats.z_score(lang, len(text), pivot, len(rest))), dropped))
    best = min(fits, default=None)
    return best[1] if best and best[0] <= FIT_Z else ""


def _placed_runs(ctx: ArticleContext, run: _Run) -> list[_Run]:
    """``run`` with its gap placed (:func:`_placed`). A run that is whole paragraphs of the pivot but
    for one bead at an edge is a paragraph gap that a sentence deleted beside it ran into (the seed's
    Kazakh paragraph 4 and the sentence before it): that bead is placed on its own, as a one-bead gap,
    since the aligner pairs the neighbour's remaining sentence with it. A run of several sentences of
    one paragraph is one deletion, left where the aligner put it."""
    if run.kind != "missing" or len(run.beads) == 1:
        return [_placed(ctx, run)]
    if _whole_paragraphs(ctx, run):
        return [run]
    for edge, rest in ((run.beads[0], run.beads[1:]), (run.beads[-1], run.beads[:-1])):
        paragraphs = _part(ctx, run, rest)
        if _whole_paragraphs(ctx, paragraphs):
            placed = _placed(ctx, _part(ctx, run, [edge]))
            if placed.beads != [edge]:
                parts = [placed, paragraphs]
                return parts if edge == run.beads[0] else parts[::-1]
    return [run]


def _whole_paragraphs(ctx: ArticleContext, run: _Run) -> bool:
    """Whether the run's pivot sentences are whole paragraphs of the pivot's abstract."""
    paragraphs = [paragraph for paragraph in ctx.article.part(run.pivot).sentences
                  if any(sentence in run.sentences for sentence in paragraph)]
    return bool(paragraphs) and all(sentence in run.sentences for paragraph in paragraphs for sentence in paragraph)


def _part(ctx: ArticleContext, run: _Run, numbers: list[int]) -> _Run:
    """The run over the beads ``numbers`` only."""
    sentences = [sentence for number in numbers
                 for sentence in ctx.bead_sentences(ctx.alignment.beads[number - 1], run.pivot)]
    return replace(run, beads=numbers, sentences=sentences)


def _placed(ctx: ArticleContext, run: _Run) -> _Run:
    """A one-bead gap of ``run.lang`` moved to the neighbouring bead of the same paragraph whose
    ``lang`` sentence translates the gap's other sides: the aligner pairs a paragraph's remaining
    first sentence with the others' first when the one before it was deleted (its paragraph-break
    evidence says the paragraphs open together), and the finding would quote a translated sentence.
    What the sentence shares with each bead's other sides (:func:`_shared`: names, acronyms, numbers,
    terms) decides; where it shares as much with both, length does: as long as the gap's other sides
    (within :data:`FIT_Z` of each) and not as its own (beyond :data:`SHORT_Z` of each)."""
    if run.kind != "missing" or len(run.beads) != 1:
        return run
    beads = ctx.alignment.beads
    gap = beads[run.beads[0] - 1]
    for number in (run.beads[0] - 1, run.beads[0] + 1):
        if not 1 <= number <= len(beads):
            continue
        bead = beads[number - 1]
        own = ctx.bead_sentences(bead, run.lang)
        others = [lang for lang in ctx.present if lang != run.lang and gap.sentences.get(lang)
                  and bead.sentences.get(lang)]
        later = bead if number > run.beads[0] else gap  # its first sentences must not open a paragraph
        if (bead.section != gap.section or len(own) != 1 or len(own[0]) < MIN_CHARS or run.pivot not in others
                or any(later.sentences[lang][0] in ctx.alignment.paragraph_starts.get(lang, ()) for lang in others)):
            continue
        with_gap, with_own = (sum(_shared(ctx, own[0], run.lang, " ".join(ctx.bead_sentences(side, lang)), lang)
                                  for lang in others) for side in (gap, bead))
        if with_gap > with_own or (with_gap == with_own and _fits_by_length(ctx, run.lang, own[0], gap, bead, others)):
            return replace(run, beads=[number], sentences=ctx.bead_sentences(bead, run.pivot))
    return run


def _fits_by_length(ctx: ArticleContext, lang: str, sentence: str, gap: Bead, bead: Bead, others: list[str]) -> bool:
    """Whether ``sentence`` is as long as the gap's sides of ``others`` (within :data:`FIT_Z` of each)
    and not as its own bead's (beyond :data:`SHORT_Z` of each)."""
    for other in others:
        texts = (" ".join(ctx.bead_sentences(side, other)) for side in (gap, bead))
        z_gap, z_own = (ctx.length_stats.z_score(lang, len(sentence), other, len(text)) if len(text) >= MIN_CHARS
                        else None for text in texts)
        if z_gap is None or z_own is None or abs(z_gap) > FIT_Z or abs(z_own) <= SHORT_Z:
            return False
    return True


def _shared(ctx: ArticleContext, text: str, lang: str, other_text: str, other: str) -> int:
    """How much two texts of different languages share that a translation keeps: numbers by value,
    names and acronyms paired one to one (:func:`_paired_names`) and the concepts of the term rules."""
    one, two = profile_sentence(text, lang), profile_sentence(other_text, other)
    terms = ({match.rule.id for match in find_terms(text, lang, ctx.terms, foreign=False)}
             & {match.rule.id for match in find_terms(other_text, other, ctx.terms, foreign=False)})
    return sum((one.numbers & two.numbers).values()) + _paired_names(one.names, two.names) + len(terms)


def _paired_names(names: frozenset[str], others: frozenset[str]) -> int:
    """Names of one text paired with names of the other that sound alike (the aligner's sound keys and
    :func:`~ushtil.aligner.profile.sounds_like`), either the stem of the other (Азия of Азияның), each
    name in one pair at most: Asia is then not counted again in a Eurasia beside it."""
    left = sorted(others)
    paired = 0
    for name in sorted(names):
        match = next((key for key in left if sounds_like(name, key) or sounds_like(key, name)), None)
        if match is not None:
            left.remove(match)
            paired += 1
    return paired


def _neighbours(empties: list[list[str] | None], position: int) -> list[list[str]]:
    """The empty languages of the abstract beads just before and after ``position``."""
    return [empties[other] for other in (position - 1, position + 1)
            if 0 <= other < len(empties) and empties[other] is not None]


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
