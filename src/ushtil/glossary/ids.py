"""Stable entry ids: ASCII slugs of the English headword, never reused within a glossary."""

from __future__ import annotations

import re
import unicodedata

from ..translit import latin_key
from .model import GlossaryEntry


def slug(text: str) -> str:
    """An ASCII id from a headword: "Central Asia" → "central-asia" (Cyrillic transliterated)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.casefold()) or [latin_key(text)]
    return "-".join(words)[:60] or "term"


def assign_ids(entries: list[GlossaryEntry], taken: set[str] | None = None) -> None:
    taken = set(taken or ())
    for entry in entries:
        if entry.id:
            taken.add(entry.id)
            continue
        base = slug(entry.en)
        entry.id, n = base, 2
        while entry.id in taken:
            entry.id, n = f"{base}-{n}", n + 1
        taken.add(entry.id)
