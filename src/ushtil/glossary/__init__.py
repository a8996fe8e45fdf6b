"""The trilingual glossary: term candidates from aligned articles, matched across en/kk/ru.

sources → beads (:mod:`.sources`) → lemma n-gram index (:mod:`.index`) → English candidates
(:mod:`.candidates`) → renderings in kk and ru with variants and confidence (:mod:`.matching`) →
entries (:mod:`.build`), merged into the curated store ``glossary/glossary.tsv`` (:mod:`.store`).

The names are imported on first use: ``check`` needs the data classes and the store, not the build.
"""

from __future__ import annotations

from ..lazy import lazy_names

#: Public name → the module of this package that defines it.
_API: dict[str, str] = {
    "build_glossary": "build",
    "KINDS": "model",
    "STATUSES": "model",
    "Evidence": "model",
    "Glossary": "model",
    "GlossaryEntry": "model",
    "DEFAULT_STORE": "store",
    "load_glossary": "store",
    "merge_glossary": "store",
    "save_glossary": "store",
}

__all__ = sorted(_API)

__getattr__ = lazy_names(__name__, _API)
