"""What every check shares: findings, severities, the per-article context and the base class.

A check family is one module with one :class:`Check` subclass; :data:`ushtil.checks.CHECKS` is
the one registry of them (sacrebleu's metrics follow the same shape). A check reads an
:class:`ArticleContext` — the article, its three-way alignment and the term rules — and yields
:class:`Finding` records; it never prints and never raises for a defect in the text.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from ..model import LANGS, Alignment, Article, Bead

if TYPE_CHECKING:
    from .lengths import LengthStats
    from .termrules import TermRule


class Severity(StrEnum):
    """How bad a finding is: errors block publication (exit code 1), warnings ask for a look."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return ("error", "warning", "info").index(self.value)


@dataclass(frozen=True)
class Finding:
    """One problem found in one article: where it is, what it is, and what to do about it."""

    #: the finding's id, e.g. ``missing-paragraph`` or ``number-mismatch``
    check: str
    severity: Severity
    article: str
    message: str
    #: the language whose text is at fault ("" when the finding concerns the article as a whole)
    lang: str = ""
    #: 1-based number of the bead in the article's alignment (``#`` in the workbook), None if none
    bead: int | None = None
    #: title / abstract / keywords / authors, "" for the whole article
    section: str = ""
    #: the offending text (a sentence, a keyword, a number as written)
    text: str = ""
    suggestion: str = ""
    #: the check family that produced it (a key of ``CHECKS``)
    family: str = ""

    def to_dict(self) -> dict:
        """Every field by name (a flat record: no copy is needed, and ``asdict``'s took most of the
        time a thousand articles' report needs)."""
        record = {name: getattr(self, name) for name in _FINDING_FIELDS}
        record["severity"] = self.severity.value
        return record


_FINDING_FIELDS = tuple(item.name for item in fields(Finding))


@dataclass
class ArticleContext:
    """Everything a check may read about one article."""

    article: Article
    alignment: Alignment
    terms: list[TermRule]
    length_stats: LengthStats
    #: languages with a non-empty abstract, in table order
    present: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.present:
            self.present = [lang for lang in LANGS if not self.article.part(lang).is_empty]

    def numbered_beads(self) -> Iterator[tuple[int, Bead]]:
        """Beads with their 1-based numbers, as findings and the workbook refer to them."""
        return enumerate(self.alignment.beads, 1)

    def bead_sentences(self, bead: Bead, lang: str) -> list[str]:
        """The sentences of one side of a bead (its text when the indices do not resolve)."""
        pool = self.alignment.sentences.get(lang, [])
        indices = bead.sentences.get(lang, [])
        if indices and all(0 <= i < len(pool) for i in indices):
            return [pool[i] for i in indices]
        text = bead.text.get(lang, "")
        return [text] if text.strip() else []


class Check(ABC):
    """A family of related checks; subclasses set :attr:`name` and :attr:`description`."""

    #: key in the registry and in ``--skip``
    name: ClassVar[str]
    #: one line for ``ushtil check --list``
    description: ClassVar[str]

    @abstractmethod
    def run(self, ctx: ArticleContext) -> Iterator[Finding]:
        """Yield the findings for one article."""

    def finding(
        self,
        ctx: ArticleContext,
        check: str,
        severity: Severity,
        message: str,
        *,
        lang: str = "",
        bead: int | None = None,
        section: str = "",
        text: str = "",
        suggestion: str = "",
    ) -> Finding:
        if bead is not None and not section:
            section = ctx.alignment.beads[bead - 1].section
        return Finding(
            check=check, severity=severity, article=ctx.article.id, message=message, lang=lang, bead=bead,
            section=section, text=text, suggestion=suggestion, family=self.name,
        )

    def list_lengths(self, ctx: ArticleContext, check: str, lists: dict[str, list[str]], what: str,
                     section: str) -> Iterator[Finding]:
        """One warning when the languages' lists of ``what`` (keywords, authors) differ in length,
        blaming the one language whose count the other two agree on otherwise (a keyword dropped
        from the ru list: ru), no language when all differ."""
        counts = {lang: len(items) for lang, items in lists.items()}
        if len(set(counts.values())) < 2:
            return
        counted = ", ".join(f"{lang} {count}" for lang, count in counts.items())
        odd = [lang for lang, count in counts.items() if list(counts.values()).count(count) == 1]
        if len(counts) == 3 and len(odd) == 1:
            others = next(count for lang, count in counts.items() if lang != odd[0])
            yield self.finding(
                ctx, check, Severity.WARNING,
                f"the {odd[0]} {what} list has {counts[odd[0]]} where the others have {others} ({counted})",
                lang=odd[0], section=section,
                suggestion=f"check the {odd[0]} {what} list: give every {what} in all three languages",
            )
            return
        yield self.finding(
            ctx, check, Severity.WARNING, f"the {what} lists differ in length ({counted})",
            section=section, suggestion=f"give every {what} in all three languages",
        )
