"""What ``ushtil align`` aligns: articles and text triples found among the user's paths, and the
glossary terms that serve as evidence."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, UshtilError
from ..files import read_text
from ..model import LANGS, Article
from ..read import read_article
from ..read.formats import SUFFIXES
from .inputs import find_triples, is_triple_file, read_triple


@dataclass
class Source:
    """One text to align: an article, or paragraphs of sentences per language."""

    name: str
    content: Article | dict[str, list[list[str]]]
    notes: list[str] = field(default_factory=list)


def _files(item: Path) -> list[Path]:
    if item.is_dir():
        found = sorted(p for p in item.iterdir() if p.is_file() and (is_triple_file(p) or p.suffix.lower() in SUFFIXES))
        if not found:
            raise InputError(f"{item}: no article files or NAME.en.txt/NAME.kk.txt/NAME.ru.txt triples in this folder")
        return found
    if not item.exists():
        raise InputError(f"{item}: no such file or folder")
    return [item]


def collect_sources(
    inputs: Iterable[str | Path], presegmented: Iterable[str | Path] = (), backend: str = "builtin"
) -> tuple[list[Source], list[str]]:
    """Sources from article files, triples and folders; one error line per unusable input."""
    sources: list[Source] = []
    errors: list[str] = []
    plain: list[Path] = []
    for item in inputs:
        try:
            plain.extend(_files(Path(item)))
        except UshtilError as exc:
            errors.append(str(exc))
    for folder in presegmented:
        folder = Path(folder)
        if not folder.is_dir():
            errors.append(f"{folder}: --presegmented needs a folder of NAME.LANG.txt triples")
            continue
        triples = find_triples(sorted(folder.iterdir()))
        if not triples:
            errors.append(f"{folder}: no NAME.en.txt/NAME.kk.txt/NAME.ru.txt triples in this folder")
        sources.extend(_read_triples(triples, True, errors))
    sources.extend(_read_triples(find_triples(p for p in plain if is_triple_file(p)), False, errors))
    for path in plain:
        if is_triple_file(path):
            continue
        try:
            article = read_article(path, backend=backend)
        except UshtilError as exc:
            errors.append(str(exc))
            continue
        sources.append(Source(path.stem, article, list(article.notes)))
    return sources, errors


def _read_triples(triples, presegmented: bool, errors: list[str]) -> list[Source]:
    sources = []
    for triple in triples:
        try:
            sources.append(Source(triple.name, read_triple(triple, presegmented)))
        except UshtilError as exc:
            errors.append(str(exc))
    return sources


def glossary_terms(path: str | Path | None) -> list[tuple[str, str, str]]:
    """(en, kk, ru) term triples of the glossary at ``path`` (none without a glossary)."""
    if path is None:
        return []
    try:
        from ..glossary import load_glossary
    except ImportError:
        return _read_term_table(Path(path))
    try:
        glossary = load_glossary(path)
    except InputError:
        return _read_term_table(Path(path))  # a plain en/kk/ru table is welcome too
    triples = []
    for entry in glossary:
        if getattr(entry, "status", "") == "rejected":
            continue
        heads = {lang: getattr(entry, lang, "") or "" for lang in LANGS}
        triples.append(tuple(heads[lang] for lang in LANGS))
        for lang, forms in (getattr(entry, "variants", None) or {}).items():
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
