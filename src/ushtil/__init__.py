"""ushtil (үш тіл, "three languages"): English, Kazakh and Russian abstracts aligned, and a
trilingual glossary built from them.

The public API is imported lazily, so ``import ushtil`` stays cheap and loads no model::

    import ushtil
    article = ushtil.read_article("corpus/004_9d99ed68fdecf78d.txt")   # read, then split
    ushtil.split_sentences("Д.М. Туртугулова т.б. авторлар 2025 ж. жазды.", "kk")
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Article

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
    "split_sentences": "ushtil.split",
    "split_article": "ushtil.split",
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

__all__ = ["__version__", "read_abstract_files", "read_article", "read_articles", *_API]


def read_article(path: str | os.PathLike, backend: str = "builtin") -> Article:
    """Read one article file and split its abstracts into sentences: :func:`ushtil.read.read_article`
    then :func:`ushtil.split.split_article` (the two stages in one call, for a notebook)."""
    from .read import read_article as read
    from .split import split_article

    return split_article(read(path), backend)


def read_abstract_files(paths: dict[str, str | os.PathLike], backend: str = "builtin",
                        article_id: str = "") -> Article:
    """One file per language (``{"en": "a.txt", …}``), read and split into sentences."""
    from .read import read_abstract_files as read
    from .split import split_article

    return split_article(read(paths, article_id=article_id), backend)


def read_articles(inputs: Iterable[str | os.PathLike], backend: str = "builtin") -> list[Article]:
    """Every article named or found in ``inputs`` (files and folders), read and split into sentences."""
    from .read import read_articles as read
    from .split import split_article

    return [split_article(article, backend) for article in read(inputs)]


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'ushtil' has no attribute {name!r}")
    module = importlib.import_module(_API[name])
    value = getattr(module, "identify" if name == "identify_language" else name)
    globals()[name] = value
    return value
