"""The glossary's data classes: an entry per concept, with its renderings, variants and evidence."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import LANGS

#: What an entry is, as translators sort a glossary.
KINDS: tuple[str, ...] = ("acronym", "name", "term", "keyword")
#: Curation states: a build proposes candidates, a person approves or rejects them.
STATUSES: tuple[str, ...] = ("candidate", "approved", "rejected")


@dataclass
class Evidence:
    """One bead an entry was seen in: the texts a reviewer reads to judge the entry."""

    article: str
    text: dict[str, str]
    section: str = ""


@dataclass
class GlossaryEntry:
    """One concept in three languages.

    ``en``/``kk``/``ru`` are the headwords in dictionary form; ``variants[lang]`` counts every
    rendering seen in that language (the headword included), so two renderings of one English term
    make the entry :attr:`inconsistent`.
    """

    id: str
    en: str
    kk: str = ""
    ru: str = ""
    variants: dict[str, dict[str, int]] = field(default_factory=dict)
    kind: str = "term"
    status: str = "candidate"
    frequency: int = 0
    articles: list[str] = field(default_factory=list)
    confidence: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    note: str = ""
    source: str = ""

    def term(self, lang: str) -> str:
        return {"en": self.en, "kk": self.kk, "ru": self.ru}[lang]

    @property
    def inconsistent(self) -> bool:
        """True when some language renders the concept in more than one way."""
        return any(len(forms) > 1 for forms in self.variants.values())

    def alternatives(self, lang: str) -> list[str]:
        """The renderings in ``lang`` other than the headword, most frequent first."""
        forms = Counter(self.variants.get(lang, {}))
        return [form for form, _ in forms.most_common() if form != self.term(lang)]


@dataclass
class Glossary:
    """The entries of a build or of the curated store, and how they were made."""

    entries: list[GlossaryEntry] = field(default_factory=list)
    #: tool version and options (written into every export)
    signature: str = ""
    #: lower-confidence finds of a build, kept apart from ``entries`` (the workbook's Candidates sheet;
    #: CSV and TBX only on request), so that the entries are the part a translator can trust
    candidates: list[GlossaryEntry] = field(default_factory=list)
    #: the confidence that separated ``entries`` from ``candidates`` (0: no split)
    threshold: float = 0.0

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def get(self, entry_id: str) -> GlossaryEntry | None:
        return next((entry for entry in self.entries if entry.id == entry_id), None)

    def find(self, term: str, lang: str = "en") -> GlossaryEntry | None:
        """The entry (or else the candidate) whose headword or a variant in ``lang`` is ``term``
        (case-insensitive)."""
        wanted = term.casefold()
        for entry in [*self.entries, *self.candidates]:
            forms = [entry.term(lang), *entry.variants.get(lang, {})]
            if any(form.casefold() == wanted for form in forms):
                return entry
        return None

    def with_candidates(self) -> Glossary:
        """The entries and the candidates as one glossary (for a CSV or TBX asked to hold both)."""
        return Glossary(entries=[*self.entries, *self.candidates], signature=self.signature)

    @property
    def approved(self) -> list[GlossaryEntry]:
        return [entry for entry in self.entries if entry.status == "approved"]

    @property
    def inconsistent(self) -> list[GlossaryEntry]:
        return [entry for entry in self.entries if entry.inconsistent]

    def counts(self) -> dict[tuple[str, str], int]:
        """Entries by (kind, status), for summaries."""
        return dict(Counter((entry.kind, entry.status) for entry in self.entries))

    def summary(self) -> str:
        """A few readable lines: entries by kind and status, and the inconsistent ones."""
        counts = self.counts()
        lines = [f"{len(self.entries)} entries"]
        if self.candidates:
            lines[0] += (f" (confidence >= {self.threshold:g}); {len(self.candidates)} lower-confidence "
                         "candidates apart")
        for kind in KINDS:
            cells = [f"{counts.get((kind, status), 0)} {status}" for status in STATUSES
                     if counts.get((kind, status))]
            if cells:
                lines.append(f"  {kind:8} " + ", ".join(cells))
        inconsistent = self.inconsistent
        if inconsistent:
            lines.append(f"{len(inconsistent)} inconsistent (one English term, several renderings):")
            for entry in inconsistent[:10]:
                cells = [f"{lang}: " + " / ".join(entry.variants[lang]) for lang in LANGS
                         if len(entry.variants.get(lang, {})) > 1]
                lines.append(f"  {entry.en}: " + "; ".join(cells))
        return "\n".join(lines)


def glossary_to_dict(glossary: Glossary) -> dict:
    """The glossary as JSON-able data (a work folder's cache keeps a build so); what
    ``dataclasses.asdict`` gives, without its deep copy of every field (a second of a 1,000-article
    build)."""
    def rows(entries: list[GlossaryEntry]) -> list[dict]:
        return [{**vars(entry), "evidence": [vars(item) for item in entry.evidence]} for entry in entries]

    return {"entries": rows(glossary.entries), "signature": glossary.signature,
            "candidates": rows(glossary.candidates), "threshold": glossary.threshold}


def glossary_from_dict(data: dict | None) -> Glossary | None:
    """The glossary :func:`glossary_to_dict` gave (None for None or data of another shape)."""
    if not isinstance(data, dict):
        return None
    try:
        def entries(rows: list[dict]) -> list[GlossaryEntry]:
            return [GlossaryEntry(**{**row, "evidence": [Evidence(**item) for item in row["evidence"]]})
                    for row in rows]

        return Glossary(entries=entries(data["entries"]), signature=data["signature"],
                        candidates=entries(data["candidates"]), threshold=data["threshold"])
    except (KeyError, TypeError):
        return None
