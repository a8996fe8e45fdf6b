"""The curated glossary: ``glossary/glossary.tsv``, a UTF-8 TSV that people edit and git diffs well.

Columns (one header line, one entry per line, tabs and newlines never inside a cell):

- ``id``: stable ASCII identifier ("central-asia"), never reused;
- ``en``, ``kk``, ``ru``: headwords in dictionary form;
- ``variants``: every rendering seen, with counts: ``kk: Орта Азия (7); Орталық Азия (3) | ru: …``;
- ``kind``: acronym, name, term or keyword;
- ``status``: candidate (proposed by a build), approved or rejected (decided by a person);
- ``note``: free text for translators; ``source``: where the entry came from (keywords, corpus, seed…).

A new build merges in by three rules (:func:`merge_glossary`): approved entries are never
overwritten, rejected pairs are never proposed again, new candidates are added as candidates.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..files import XML_ILLEGAL, atomic_write, read_text
from ..model import LANGS
from .ids import assign_ids
from .model import KINDS, STATUSES, Glossary, GlossaryEntry

DEFAULT_STORE = Path("glossary") / "glossary.tsv"
COLUMNS: tuple[str, ...] = ("id", "en", "kk", "ru", "variants", "kind", "status", "note", "source")
#: The source of an entry whose headwords a person wrote in a workbook (a build does not replace them).
EDITED_SOURCE = "workbook"
_VARIANT = re.compile(r"^(?P<form>.*?)\s*\((?P<count>\d+)\)$")


def format_variants(variants: dict[str, dict[str, int]]) -> str:
    """``kk: Орта Азия (7); Орталық Азия (3) | ru: Центральная Азия (10)`` (only languages with forms)."""
    cells = []
    for lang in LANGS:
        forms = sorted(variants.get(lang, {}).items(), key=lambda item: (-item[1], item[0]))
        if forms:
            cells.append(f"{lang}: " + "; ".join(f"{clean_cell(form)} ({count})" for form, count in forms))
    return " | ".join(cells)


def parse_variants(text: str, where: str = "") -> dict[str, dict[str, int]]:
    variants: dict[str, dict[str, int]] = {}
    for cell in filter(None, (part.strip() for part in text.split("|"))):
        lang, colon, forms = cell.partition(":")
        lang = lang.strip()
        if not colon or lang not in LANGS:
            raise InputError(f"{where}bad variants cell {cell!r}: expected 'kk: form (count); …'")
        for item in filter(None, (part.strip() for part in forms.split(";"))):
            match = _VARIANT.match(item)
            form, count = (match["form"], int(match["count"])) if match else (item, 1)
            variants.setdefault(lang, {})[form] = count
    return variants


def clean_cell(text: str) -> str:
    """``text`` as a store cell holds it: one line, whitespace runs as one space, and without the
    characters XML cannot hold (a stray control code from a paste): a workbook cannot carry them, so a
    cell exported and read back untouched is the cell the store holds, never an edit."""
    return " ".join(filter(None, (XML_ILLEGAL.sub("", word) for word in str(text).split())))


def entry_row(entry: GlossaryEntry) -> list[str]:
    return [clean_cell(value) for value in (entry.id, entry.en, entry.kk, entry.ru, format_variants(entry.variants),
                                        entry.kind, entry.status, entry.note, entry.source)]


def entry_from_row(row: dict[str, str], where: str) -> GlossaryEntry:
    """An entry from one row of the store or of an edited workbook; one-line errors for bad cells."""
    values = {column: clean_cell(row.get(column) or "") for column in COLUMNS}
    if not values["id"] or not values["en"]:
        raise InputError(f"{where}an entry needs an id and an English term")
    # typed by hand as a person writes a word ("Approved"), read as the store writes it
    kind = values["kind"].lower() or "term"
    status = values["status"].lower() or "candidate"
    if kind not in KINDS:
        raise InputError(f"{where}unknown kind {kind!r} (use {', '.join(KINDS)})")
    if status not in STATUSES:
        raise InputError(f"{where}unknown status {status!r} (use {', '.join(STATUSES)})")
    return GlossaryEntry(
        id=values["id"], en=values["en"], kk=values["kk"], ru=values["ru"],
        variants=parse_variants(values["variants"], where), kind=kind, status=status,
        note=values["note"], source=values["source"],
    )


def load_glossary(path: str | os.PathLike = DEFAULT_STORE) -> Glossary:
    """The curated glossary stored at ``path`` (a TSV with the :data:`COLUMNS` header)."""
    path = Path(path)
    text = read_text(path)
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{path}: not a glossary store (missing columns: {', '.join(missing)})")
    entries, seen = [], set()
    for line, row in enumerate(reader, start=2):
        if not any(clean_cell(row.get(column) or "") for column in COLUMNS):
            continue  # a blank row a spreadsheet saved as tabs
        entry = entry_from_row(row, f"{path}:{line}: ")
        if entry.id in seen:
            raise InputError(f"{path}:{line}: duplicate id {entry.id!r}")
        seen.add(entry.id)
        entries.append(entry)
    return Glossary(entries=entries, signature=f"store {path}")


def store_text(glossary: Glossary) -> str:
    """The store file's text: the :data:`COLUMNS` header and one line per entry."""
    lines = ["\t".join(COLUMNS), *("\t".join(entry_row(entry)) for entry in glossary.entries)]
    return "\n".join(lines) + "\n"


def save_glossary(glossary: Glossary, path: str | os.PathLike = DEFAULT_STORE) -> None:
    """Write the store atomically (an interrupted run leaves the previous file in place)."""
    with atomic_write(path) as handle:
        handle.write(store_text(glossary))


def _pairs(entry: GlossaryEntry) -> set[tuple[str, str, str]]:
    return {(entry.en.casefold(), lang, entry.term(lang).casefold()) for lang in ("kk", "ru") if entry.term(lang)}


def merge_glossary(store: Glossary, built: Glossary) -> Glossary:
    """The store with a new build merged in.

    - approved entries keep every stored cell (the build only refreshes their statistics and evidence);
    - a built entry pairing an English term with a rendering of a rejected entry is dropped;
    - candidates already in the store are refreshed by the most confident built entry of the same
      English term (id, status and note kept; headwords a person wrote, source "workbook", kept too);
    - other built entries are added as candidates with new ids.
    """
    merged = [_copy(entry) for entry in store.entries]
    by_english: dict[str, list[GlossaryEntry]] = {}
    for entry in merged:
        by_english.setdefault(entry.en.casefold(), []).append(entry)
    rejected = set().union(*(_pairs(e) for e in merged if e.status == "rejected")) if merged else set()
    added, refreshed = [], set()
    for entry in built.entries:
        if _pairs(entry) & rejected:
            continue
        known = [e for e in by_english.get(entry.en.casefold(), []) if e.status != "rejected"]
        if known:
            if known[0].id not in refreshed:
                _refresh(known[0], entry)
                refreshed.add(known[0].id)
            continue
        new = _copy(entry)
        new.id, new.status = "", "candidate"
        added.append(new)
        by_english.setdefault(new.en.casefold(), []).append(new)
    assign_ids(added, taken={entry.id for entry in merged})
    signature = "; ".join(filter(None, (built.signature, store.signature)))
    return Glossary(entries=merged + added, signature=signature)


def _refresh(stored: GlossaryEntry, built: GlossaryEntry) -> None:
    stored.frequency, stored.articles = built.frequency, list(built.articles)
    stored.confidence, stored.evidence = built.confidence, list(built.evidence)
    if stored.status == "approved":
        return
    stored.variants = {lang: dict(forms) for lang, forms in built.variants.items()}
    if stored.source == EDITED_SOURCE:  # headwords a person typed are kept until they decide
        return
    stored.kk, stored.ru, stored.kind = built.kk or stored.kk, built.ru or stored.ru, built.kind
    stored.source = stored.source or built.source


def _copy(entry: GlossaryEntry) -> GlossaryEntry:
    return replace(entry, variants={lang: dict(forms) for lang, forms in entry.variants.items()},
                   articles=list(entry.articles), evidence=list(entry.evidence))
