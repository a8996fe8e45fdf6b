"""What ``check`` returns: the findings, the aligned texts they point into, and reference scores."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from ..model import AlignedArticle
from .base import Finding, Severity
from .scores import METRICS, ReferenceScores


@dataclass
class CheckReport:
    findings: list[Finding]
    #: the checked articles with the alignments their findings' bead numbers refer to
    articles: list[AlignedArticle]
    scores: ReferenceScores = field(default_factory=ReferenceScores)
    #: tool version, check families and term rules used (written into every export)
    signature: str = ""
    #: one line per article the checks could not finish (the others are in ``findings``)
    failed: list[str] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(finding.severity == severity for finding in self.findings)

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == Severity.ERROR]

    @property
    def exit_code(self) -> int:
        """0 without errors, 1 with errors (the CLI's exit code)."""
        return 1 if self.errors else 0

    def summary(self, limit: int = 40) -> str:
        """Readable lines for a terminal: counts, then the errors and warnings, then the scores."""
        lines = []
        by_article: dict[str, list[Finding]] = {}
        for finding in self.findings:
            by_article.setdefault(finding.article, []).append(finding)
        for checked in self.articles:
            own = by_article.get(checked.article_id, [])
            counts = Counter(f.severity for f in own)
            lines.append(
                f"{checked.article_id}: {counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
                f"{counts[Severity.INFO]} info"
            )
            shown = sorted(
                (f for f in own if f.severity != Severity.INFO), key=lambda f: (f.severity.rank, f.bead or 0)
            )
            for finding in shown[:limit]:
                where = " ".join(part for part in (
                    f"#{finding.bead}" if finding.bead else "", finding.section, finding.lang) if part)
                lines.append(f"  {finding.severity.value:7} {finding.check:24} {where:18} {finding.message}")
            if len(shown) > limit:
                lines.append(f"  … {len(shown) - limit} more in the report")
        if self.scores.corpus:
            lines.append("scores against the reference (corpus level):")
            lines.append("  " + "  ".join(f"{name:>6}" for name in ("lang", *METRICS)) + "  article")
            for score in self.scores.corpus:
                values = "  ".join(f"{value:6.1f}" for value in (score.bleu, score.chrf, score.ter))
                lines.append(f"  {score.lang:>6}  {values}  {score.article or 'all'}")
            for metric, signature in self.scores.signatures.items():
                lines.append(f"  {metric}: {signature}")
        total = Counter(f.severity for f in self.findings)
        lines.append(
            f"{len(self.articles)} article(s) checked: {total[Severity.ERROR]} error(s), "
            f"{total[Severity.WARNING]} warning(s), {total[Severity.INFO]} info"
        )
        return "\n".join(lines)

    def to_dict(self, articles: bool = True) -> dict:
        """The JSON form (schema in the README): signature, findings, scores, aligned texts (with
        ``articles``: :func:`article_record` of each)."""
        record = {
            "signature": self.signature,
            "summary": {severity.value: self.count(severity) for severity in Severity},
            "findings": [finding.to_dict() for finding in self.findings],
            "scores": {
                "signatures": dict(self.scores.signatures),
                "corpus": [asdict(score) for score in self.scores.corpus],
                "beads": [asdict(score) for score in self.scores.beads],
            },
        }
        if articles:
            record["articles"] = [article_record(checked) for checked in self.articles]
        return record


def article_record(checked: AlignedArticle) -> dict:
    """A checked article as the JSON report lists it: its id, source, alignment signature and
    numbered beads."""
    return {
        "id": checked.article.id,
        "source": checked.article.source,
        "alignment_signature": checked.alignment.signature,
        "beads": [{"number": number, **bead.to_dict()} for number, bead in enumerate(checked.alignment.beads, 1)],
    }
