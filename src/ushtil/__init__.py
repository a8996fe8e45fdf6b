"""ushtil (үш тіл, "three languages"): English, Kazakh and Russian abstracts aligned, and a
trilingual glossary built from them.

The public API is imported lazily, so ``import ushtil`` stays cheap and loads no model::

    import ushtil
    article = ushtil.read_article("corpus/004_9d99ed68fdecf78d.txt")
    ushtil.split_sentences("Д.М. Туртугулова т.б. авторлар 2025 ж. жазды.", "kk")
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Public name → module that defines it (the pipeline in reading order).
_API: dict[str, str] = {
    "Abstract": "ushtil.model",
    "Article": "ushtil.model",
    "Alignment": "ushtil.model",
    "Bead": "ushtil.model",
    "AlignedArticle": "ushtil.model",
    "LANGS": "ushtil.model",
    "UshtilError": "ushtil.errors",
    "read_article": "ushtil.read",
    "read_abstract_files": "ushtil.read",
    "read_articles": "ushtil.read",
    "split_sentences": "ushtil.split",
    "identify_language": "ushtil.langid",
    "words": "ushtil.tokens",
    "lemmatize": "ushtil.lemma",
    "align": "ushtil.aligner",
    "align_inputs": "ushtil.aligner",
    "read_alignment": "ushtil.aligner",
    "write_alignment": "ushtil.aligner",
    "read_aligned": "ushtil.aligner",
    "write_aligned": "ushtil.aligner",
    "Glossary": "ushtil.glossary",
    "build_glossary": "ushtil.glossary",
    "load_glossary": "ushtil.glossary",
    "check": "ushtil.checks",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'ushtil' has no attribute {name!r}")
    module = importlib.import_module(_API[name])
    value = getattr(module, "identify" if name == "identify_language" else name)
    globals()[name] = value
    return value
