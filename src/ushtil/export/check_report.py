"""The report of ``ushtil check`` as a workbook and as JSON (same content; schema in the README).

Workbook sheets: *Findings* (one row per finding, filterable by severity and check), *Aligned* (one
row per bead with the three texts; a cell a finding points at is coloured by severity and carries
the finding as a comment; per-bead reference scores beside the texts), *Scores* (corpus and bead
scores with sacrebleu's signatures) and *About* (how the report was made).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict

from ..cache import ResultCache, cache_key
from ..checks.base import Finding, Severity
from ..checks.report import CheckReport, article_record
from ..files import atomic_path, atomic_write
from ..model import LANGS, AlignedArticle
from . import xml_safe
from .cells import header_row, put, readable_table

#: Cell colours per severity (light, readable under black text).
FILLS = {Severity.ERROR: "F8C9C4", Severity.WARNING: "FCE9B2", Severity.INFO: "DCE9F7"}
HEADER_FILL = "D9D9D9"
FINDING_COLUMNS = ("severity", "check", "family", "article", "bead", "section", "lang", "message", "text",
                   "suggestion")


def write_check_json(report: CheckReport, path: str | os.PathLike, cache: ResultCache | None = None) -> None:
    """Write the report's :meth:`~ushtil.checks.report.CheckReport.to_dict` form, atomically: one
    line per finding, score and article (the encoder in C writes each; a large archive's report in a
    second or two). With a work folder's ``cache``, an article read from an alignment file has its
    line kept there under the file's name and content (which make the article as read), so a re-run
    encodes only the lines of new or changed files."""
    record = report.to_dict(articles=False)
    record["articles"] = [_article_line(checked, cache) for checked in report.articles]
    with atomic_write(path) as handle:
        handle.write("{\n")
        for number, (key, value) in enumerate(record.items()):
            if number:
                handle.write(",\n")
            handle.write(f" {json.dumps(key)}: ")
            if key == "articles":
                handle.write(_lines(value, " ", encoded=True))
            elif isinstance(value, list):
                handle.write(_lines(value, " "))
            elif key == "scores":
                handle.write("{\n" + ",\n".join(
                    f"  {json.dumps(name)}: " + (_lines(part, "  ") if isinstance(part, list) else _compact(part))
                    for name, part in value.items()) + "\n }")
            else:
                handle.write(_compact(value))
        handle.write("\n}\n")


#: One encoder for every item (``json.dumps`` with options makes a new one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def _compact(value) -> str:
    return _ENCODER.encode(value)


def _lines(items: list, indent: str, encoded: bool = False) -> str:
    """A JSON list with one item per line (``encoded``: the items are their JSON already)."""
    if not items:
        return "[]"
    return "[\n" + ",\n".join(f"{indent} {item if encoded else _compact(item)}" for item in items) + f"\n{indent}]"


def _article_line(checked: AlignedArticle, cache: ResultCache | None) -> str:
    """:func:`~ushtil.checks.report.article_record` of one article as JSON, kept in ``cache`` when
    the article was read from an alignment file."""
    key = cache_key("check report: article line", {}, [checked.name, checked.digest]) \
        if cache is not None and checked.digest else ""
    if key:
        kept = cache.get_bytes(key, tally=False)
        if kept is not None:
            try:
                return kept.decode()
            except UnicodeDecodeError:
                cache.discard(key)
    line = _compact(article_record(checked))
    if key:
        cache.put_bytes(key, line.encode(), tally=False)
    return line


def write_check_workbook(report: CheckReport, path: str | os.PathLike) -> None:
    """Write the report workbook, atomically."""
    from openpyxl import Workbook

    book = Workbook()
    findings_sheet = book.active
    findings_sheet.title = "Findings"
    _findings(findings_sheet, report.findings)
    _aligned(book.create_sheet("Aligned"), report)
    _scores(book.create_sheet("Scores"), report)
    _about(book.create_sheet("About"), report)
    with atomic_path(path) as temporary:
        book.save(temporary)


def _id_width(ids) -> int:
    """A column as wide as the longest article id (within reason), so ids do not wrap."""
    return min(max([len(name) for name in ids] + [10]) + 2, 30)


def _findings(sheet, findings: list[Finding]) -> None:
    from openpyxl.styles import PatternFill

    header_row(sheet, FINDING_COLUMNS, HEADER_FILL)
    for row, finding in enumerate(findings, 2):
        record = finding.to_dict()
        for column, name in enumerate(FINDING_COLUMNS, 1):
            put(sheet, row, column, record[name])
        sheet.cell(row=row, column=1).fill = PatternFill("solid", fgColor=FILLS[finding.severity])
    sheet.auto_filter.ref = f"A1:J{max(len(findings) + 1, 2)}"
    readable_table(sheet, {"A": 9, "B": 22, "C": 12, "D": _id_width(f.article for f in findings), "E": 6, "F": 10,
                           "G": 6, "H": 56, "I": 40, "J": 40})


def _aligned(sheet, report: CheckReport) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    scored_langs = sorted({score.lang for score in report.scores.beads}, key=LANGS.index)
    score_columns = [(lang, metric) for lang in scored_langs for metric in ("BLEU", "chrF", "TER")]
    names = ["article", "#", "section", "kind", "aligner score", "flags", *LANGS,
             *[f"{metric} {lang}" for lang, metric in score_columns], "findings"]
    header_row(sheet, names, HEADER_FILL)
    bead_scores = {(s.article, s.bead, s.lang): s for s in report.scores.beads}
    located: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        if finding.bead is not None:
            located[(finding.article, finding.bead)].append(finding)
    text_column = names.index("en") + 1
    row = 1
    for checked in report.articles:
        article_id = checked.article.id
        for number, bead in enumerate(checked.alignment.beads, 1):
            row += 1
            values = [article_id, number, bead.section, bead.kind, round(bead.score, 3), " ".join(bead.flags),
                      *[bead.text.get(lang, "") for lang in LANGS]]
            for lang, metric in score_columns:
                score = bead_scores.get((article_id, number, lang))
                values.append(round(getattr(score, metric.lower()), 1) if score else None)
            here = located.get((article_id, number), [])
            values.append(", ".join(sorted({f.check for f in here})))
            for column, value in enumerate(values, 1):
                put(sheet, row, column, value)
            for offset, lang in enumerate(LANGS):
                own = [f for f in here if f.lang == lang or (not f.lang and lang == "en")]
                if not own:
                    continue
                worst = min(own, key=lambda f: f.severity.rank).severity
                cell = sheet.cell(row=row, column=text_column + offset)
                cell.fill = PatternFill("solid", fgColor=FILLS[worst])
                note = "\n".join(f"{f.severity.value}: {f.check}: {f.message}" for f in own)
                cell.comment = Comment(xml_safe(note)[:2000], "ushtil check")
    sheet.auto_filter.ref = f"A1:{sheet.cell(row=1, column=len(names)).column_letter}{max(row, 2)}"
    last = sheet.cell(row=1, column=len(names)).column_letter
    readable_table(sheet, {"A": _id_width(c.article.id for c in report.articles), "B": 5, "C": 10, "D": 7, "E": 8,
                           "F": 14, "G": 50, "H": 50, "I": 50, last: 22})


def _scores(sheet, report: CheckReport) -> None:
    scores = report.scores
    names = ("scope", "article", "bead", "lang", "segments", "BLEU", "chrF", "TER", "hypothesis", "reference")
    header_row(sheet, names, HEADER_FILL)
    row = 1
    for score in scores.corpus:
        row += 1
        values = ("corpus" if not score.article else "article", score.article or "(all)", None, score.lang,
                  score.segments,
                  round(score.bleu, 2), round(score.chrf, 2), round(score.ter, 2), "", "")
        for column, value in enumerate(values, 1):
            put(sheet, row, column, value)
    for score in scores.beads:
        row += 1
        values = ("bead", score.article, score.bead, score.lang, 1, round(score.bleu, 2), round(score.chrf, 2),
                  round(score.ter, 2), score.hypothesis, score.reference)
        for column, value in enumerate(values, 1):
            put(sheet, row, column, value)
    if not scores.corpus:
        put(sheet, 2, 1, "no reference given (ushtil check --reference REF)")
    sheet.auto_filter.ref = f"A1:J{max(row, 2)}"
    row += 2
    for metric, signature in scores.signatures.items():
        put(sheet, row, 1, f"{metric} signature")
        put(sheet, row, 2, signature)
        row += 1
    readable_table(sheet, {"A": 10, "B": 22, "I": 50, "J": 50})


def _about(sheet, report: CheckReport) -> None:
    rows = [("made by", report.signature)]
    rows += [(f"alignment {checked.article.id}", checked.alignment.signature) for checked in report.articles]
    rows += [(f"{metric} signature", signature) for metric, signature in report.scores.signatures.items()]
    rows += [(severity.value, report.count(severity)) for severity in Severity]
    for row, (name, value) in enumerate(rows, 1):
        put(sheet, row, 1, name)
        put(sheet, row, 2, value)
    readable_table(sheet, {"A": 30, "B": 100}, header_rows=0)
