"""A glossary's term pairs as plain data, for the stages that take them as evidence (the aligner)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from ..errors import InputError
from ..files import read_text
from ..model import LANGS
from .model import Glossary
from .store import load_glossary


def term_pairs(glossary: Glossary | str | os.PathLike) -> list[tuple[str, str, str]]:
    """(en, kk, ru) term triples of a glossary (or of the glossary file at that path): every entry
    not rejected, and each of its variants in place of its headword; a plain TSV with columns en, kk
    and ru is read too."""
    if not isinstance(glossary, Glossary):
        try:
            glossary = load_glossary(glossary)
        except InputError:
            return _read_term_table(Path(glossary))
    triples = []
    for entry in glossary:
        if entry.status == "rejected":
            continue
        heads = {lang: getattr(entry, lang, "") or "" for lang in LANGS}
        triples.append(tuple(heads[lang] for lang in LANGS))
        for lang, forms in (entry.variants or {}).items():
            for form in forms:
                if lang in heads and form != heads[lang]:
                    triples.append(tuple(form if other == lang else heads[other] for other in LANGS))
    return triples


def _read_term_table(path: Path) -> list[tuple[str, str, str]]:
    """A TSV with columns en, kk, ru (the glossary store's first columns)."""
    reader = csv.DictReader(io.StringIO(read_text(path)), delimiter="\t", quoting=csv.QUOTE_NONE)
    if not set(LANGS) <= set(reader.fieldnames or []):
        raise InputError(f"{path}: a glossary TSV needs the columns en, kk and ru")
    return [tuple((row.get(lang) or "").strip() for lang in LANGS) for row in reader]
