"""The trilingual glossary: term candidates from aligned articles, matched across en/kk/ru.

sources → beads (:mod:`.sources`) → lemma n-gram index (:mod:`.index`) → English candidates
(:mod:`.candidates`) → renderings in kk and ru with variants and confidence (:mod:`.matching`) →
entries (:mod:`.build`), merged into the curated store ``glossary/glossary.tsv`` (:mod:`.store`).
"""

from __future__ import annotations

from .build import build_glossary
from .model import KINDS, STATUSES, Evidence, Glossary, GlossaryEntry
from .store import DEFAULT_STORE, load_glossary, merge_glossary, save_glossary

__all__ = [
    "DEFAULT_STORE",
    "KINDS",
    "STATUSES",
    "Evidence",
    "Glossary",
    "GlossaryEntry",
    "build_glossary",
    "load_glossary",
    "merge_glossary",
    "save_glossary",
]
