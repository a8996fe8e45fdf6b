"""Words typed with lookalike letters of another script ("Қaзaқстан" with Latin a).

The reader reads such a word in its own script (:mod:`ushtil.lookalikes`), so alignment, glossary
and the other checks see "Қазақстан"; the editor still has to mend the source, where a search for
the word finds nothing. The reader keeps where each stands (:attr:`.model.Abstract.respelled`);
this check names each, in its bead. Text that reached the alignment as written (a text triple, an
alignment file) is searched for such words directly.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..langid import language_names
from ..lookalikes import Respelling, respell_word, respellings
from ..model import Abstract
from .base import ArticleContext, Check, Finding, Severity


def _letters(item: Respelling) -> str:
    """The replaced letters by name: "LATIN SMALL LETTER A (U+0061)"."""
    return ", ".join(f"{unicodedata.name(letter, '?')} (U+{ord(letter):04X})" for letter in item.foreign_letters)


def _sentence_index(part: Abstract, section: str, index: int, start: int) -> int | None:
    """The index, in the part's aligned sentences (title, abstract sentences, keywords: as
    :func:`ushtil.aligner.pipeline.sections_of` lists them), of the one holding a respelled word."""
    title = 1 if part.title else 0
    if section == "title":
        return 0 if title else None
    if section == "keywords":
        return title + sum(map(len, part.sentences)) + index
    if section != "abstract" or index >= len(part.sentences) or index >= len(part.paragraphs):
        return None
    paragraph, cursor = part.paragraphs[index], 0
    for number, sentence in enumerate(part.sentences[index]):
        at = paragraph.find(sentence, cursor)
        if at < 0:
            return None
        if at <= start < at + len(sentence):
            return title + sum(map(len, part.sentences[:index])) + number
        cursor = at + len(sentence)
    return None


_PLACES = {"title": "the title", "authors": "author {n}", "abstract": "paragraph {n}", "keywords": "keyword {n}"}


class LookalikeCheck(Check):
    name = "lookalikes"
    description = "words typed with lookalike letters of another script (Latin a in a Kazakh word)"

    def run(self, ctx: ArticleContext) -> Iterator[Finding]:
        for lang in ctx.present:
            part = ctx.article.part(lang)
            for section, index, start, written in part.respelled:
                yield self._respelled(ctx, lang, part, section, index, start, written)
        names = language_names()
        for number, bead in ctx.numbered_beads():
            for lang in ctx.present:
                for sentence in ctx.bead_sentences(bead, lang):
                    for item in respellings(sentence):
                        yield self.finding(
                            ctx, "mixed-script", Severity.WARNING,
                            f"{item.written!r} (character {item.start + 1} of the {names[lang]} sentence) is "
                            f"typed with {_letters(item)}: read as {item.respelled!r}",
                            lang=lang, bead=number, text=item.written, suggestion=f"retype it as {item.respelled}",
                        )

    def _respelled(self, ctx: ArticleContext, lang: str, part: Abstract, section: str, index: int, start: int,
                   written: str) -> Finding:
        """A word the reader respelled, in the bead of the sentence holding it (none for an author's)."""
        texts = {"title": [part.title], "authors": part.authors, "abstract": part.paragraphs, "keywords": part.keywords}
        values = texts.get(section, [])
        read = values[index][start:start + len(written)] if index < len(values) else ""
        item = Respelling(start, written, read if len(read) == len(written) else respell_word(written))
        place = _PLACES.get(section, section).format(n=index + 1)
        if section == "abstract":
            place += f", character {start + 1}"
        sentence = _sentence_index(part, section, index, start)
        pool = ctx.alignment.sentences.get(lang, [])
        bead = None
        if sentence is not None and sentence < len(pool) and item.respelled in pool[sentence]:
            bead = next((number for number, candidate in ctx.numbered_beads()
                         if sentence in candidate.sentences.get(lang, [])), None)
        return self.finding(
            ctx, "mixed-script", Severity.WARNING,
            f"{written!r} ({place} of the {lang} part) is typed with {_letters(item)}: read as {item.respelled!r}",
            lang=lang, bead=bead, section="" if bead else section, text=written,
            suggestion=f"retype it as {item.respelled} in the source",
        )
