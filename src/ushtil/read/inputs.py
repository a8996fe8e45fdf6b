"""What counts as an input, for every command: one collector, one rule.

An input is one *document*: an article file (.txt .md .docx .pdf), a ``NAME.en/kk/ru.txt``
triple, three ``--en/--kk/--ru`` abstract files, or an alignment ``NAME.alignment.jsonl`` that
``ushtil align`` made of a document. Folders are opened (not recursively) into the files that
match; other files in a folder are not inputs. A document is read once: a file named twice counts
once, and an alignment stands for the article or triple of the same name (the alignment is what
a person may have reviewed). Reading alignments belongs to the aligner, a later stage: here they
are only recognised.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import ResultCache, cache_key, content_hash, marshalled
from ..engine import Engine, Outcome, run_each
from ..files import MAX_INPUT_BYTES
from ..model import LANGS, Abstract, Article
from .formats import SUFFIXES
from .triples import Triple, find_triples, is_triple_file, read_triple

#: File name ending of an alignment written by ``ushtil align``.
ALIGNMENT_SUFFIX = ".alignment.jsonl"
#: Reports ushtil writes beside alignments (``ushtil review import``): never inputs.
REPORT_SUFFIXES: tuple[str, ...] = (".followup.md",)
#: The kinds of input, as :attr:`Input.kind` names them.
KINDS: tuple[str, ...] = ("article", "triple", "abstracts", "alignment")


@dataclass
class Input:
    """One document to process: what kind it is and the file(s) it is in."""

    name: str
    kind: str
    #: the file (article, alignment), or one file per language (triple, abstracts)
    files: dict[str, Path]
    #: triples only: one sentence per line, kept as it is
    presegmented: bool = False

    @property
    def path(self) -> Path:
        """The one file of an article or alignment (the first file of a triple)."""
        return next(iter(self.files.values()))

    @property
    def source(self) -> str:
        return ", ".join(str(path) for path in self.files.values())


@dataclass
class Inputs:
    """The documents found, one error line per unusable path, and notes (what stands for what)."""

    items: list[Input] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def alignments_only(self) -> bool:
        """Whether every document is an alignment file: nothing to align, and reading one here costs
        less than passing what a worker read back to this process, so a pool would only slow it."""
        return all(item.kind == "alignment" for item in self.items)


def input_kind(path: Path) -> str:
    """The kind of input a file is by its name ("" when it is none)."""
    if path.name.endswith(ALIGNMENT_SUFFIX):
        return "alignment"
    if path.name.endswith(REPORT_SUFFIXES):
        return ""
    if is_triple_file(path):
        return "triple"
    if path.suffix.lower() in SUFFIXES:
        return "article"
    return ""


def collect_inputs(
    paths: Iterable[str | os.PathLike] = (),
    *,
    abstracts: Mapping[str, str | os.PathLike | None] | None = None,
    presegmented: Iterable[str | os.PathLike] = (),
    kinds: Iterable[str] = KINDS,
) -> Inputs:
    """The documents in ``paths`` (files and folders), ``abstracts`` (``{"en": file, …}``, one
    document) and ``presegmented`` folders of one-sentence-per-line triples.

    ``kinds`` are the kinds the caller can use: in folders other files are passed over, a file of
    another kind named directly is an error.
    """
    kinds = tuple(kinds)
    found = Inputs()
    files: list[Path] = []
    seen: set[Path] = set()

    def take(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    paths = [Path(p) for p in paths]
    abstracts = {lang: Path(p) for lang, p in (abstracts or {}).items() if p}
    if abstracts:
        if paths:
            found.errors.append("give either files and folders or --en/--kk/--ru files, not both")
            return found
        unknown = sorted(set(abstracts) - set(LANGS))
        if unknown:
            found.errors.append(f"unknown language slot(s): {', '.join(unknown)}")
            return found
        missing = [path for path in abstracts.values() if not path.is_file()]
        if missing:
            found.errors.append(f"{missing[0]}: " + ("is a folder; name the file holding the abstract"
                                                      if missing[0].is_dir() else "no such file"))
            return found
        first = next(iter(abstracts.values()))
        found.items.append(Input(first.stem, "abstracts", abstracts))
    for path in paths:
        if path.is_dir():
            chosen = sorted(p for p in path.iterdir() if p.is_file() and input_kind(p) in kinds)
            if not chosen:
                found.errors.append(f"{path}: {_nothing_here(kinds)} in this folder")
            for file in chosen:
                take(file)
        elif not path.exists():
            found.errors.append(f"{path}: no such file or folder")
        elif input_kind(path) not in kinds:
            found.errors.append(f"{path}: unsupported file type {''.join(path.suffixes[-2:]) or '(none)'}; "
                                f"use {_kinds_named(kinds)}")
        else:
            take(path)
    for folder in map(Path, presegmented):
        if not folder.is_dir():
            found.errors.append(f"{folder}: --presegmented needs a folder of NAME.LANG.txt triples")
            continue
        triples = find_triples(sorted(folder.iterdir()), presegmented=True)
        if not triples:
            found.errors.append(f"{folder}: no NAME.en.txt/NAME.kk.txt/NAME.ru.txt triples in this folder")
        found.items.extend(_triple_input(triple, True) for triple in triples)
    named = find_triples((path for path in files if input_kind(path) == "triple"), presegmented=False)
    named += [Input(_name(path), input_kind(path), {"": path})
              for path in files if input_kind(path) in ("article", "alignment")]
    place = {path: position for position, path in enumerate(files)}
    named = [_triple_input(item, False) if isinstance(item, Triple) else item for item in named]
    found.items.extend(sorted(named, key=lambda item: min(place.get(p, 0) for p in item.files.values())))
    _read_once(found)
    return found


def _triple_input(triple: Triple, presegmented: bool) -> Input:
    return Input(triple.name, "triple", dict(triple.files), presegmented=presegmented)


def _name(path: Path) -> str:
    return path.name[: -len(ALIGNMENT_SUFFIX)] if path.name.endswith(ALIGNMENT_SUFFIX) else path.stem


def _read_once(found: Inputs) -> None:
    """An alignment stands for the document of the same name; two documents of one name (whose
    alignments would be one file) are an error for the second."""
    aligned: dict[str, Input] = {}
    for item in found.items:
        if item.kind == "alignment":
            aligned.setdefault(item.name, item)
    kept: dict[str, Input] = {}
    standing: list[str] = []
    for item in found.items:
        alignment = aligned.get(item.name)
        if alignment is not None and item.kind != "alignment":
            standing.append(f"{alignment.path.name} for {', '.join(path.name for path in item.files.values())}")
        elif item.name in kept:
            found.errors.append(f"{item.source}: a second document named {item.name!r} (the first: "
                                f"{kept[item.name].source}); rename one, their alignments would be one file")
        else:
            kept[item.name] = item
    found.items = list(kept.values())
    if standing:
        found.notes.append(f"{len(standing)} document(s) read from their alignment, which stands for the "
                           f"article of the same name (a document is read once): {'; '.join(standing)}")


def _kinds_named(kinds: tuple[str, ...]) -> str:
    names = {"article": f"an article ({', '.join(SUFFIXES)})", "triple": "a NAME.en/kk/ru.txt triple file",
             "abstracts": "", "alignment": f"an alignment (*{ALIGNMENT_SUFFIX})"}
    return " or ".join(names[kind] for kind in kinds if names[kind])


def _nothing_here(kinds: tuple[str, ...]) -> str:
    names = {"article": f"no article files ({', '.join(SUFFIXES)})", "triple": "NAME.en/kk/ru.txt triples",
             "abstracts": "", "alignment": f"*{ALIGNMENT_SUFFIX} alignments"}
    return ", ".join(names[kind] for kind in kinds if names[kind])


def read_document(item: Input) -> Article | dict[str, list[str]]:
    """The text of an article, abstracts or triple input: an article (abstracts as paragraphs), or a
    triple's paragraphs per language. Alignments are read by the aligner (``ushtil.aligner.read_aligned``)."""
    from . import read_abstract_files, read_article

    if item.kind == "article":
        return read_article(item.path)
    if item.kind == "abstracts":
        return read_abstract_files(item.files, article_id=item.name)
    if item.kind == "triple":
        return read_triple(Triple(item.name, dict(item.files)))
    raise ValueError(f"{item.source}: an {item.kind} is not read here")


#: How :func:`read_documents` has a document split: ``split(document, backend, presegmented)``
Splitter = Callable[[Article | dict[str, list[str]], str, bool], Article | dict[str, list[list[str]]]]


def read_documents(
    items: list[Input],
    backend: str = "builtin",
    *,
    split: Splitter | None,
    engine: Engine | None = None,
    cache: ResultCache | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """:func:`read_document` for many items, on the ``engine``, each document then split by ``split``
    (:func:`ushtil.split.split_document`, handed in: the reader does not import a later stage) with
    the splitter ``backend``; with ``split=None`` the documents are returned as read (paragraphs). With a
    ``cache``, a file read before with the same content, splitter and version is not read again."""
    cache = cache or ResultCache(None)
    outcomes: list[Outcome | None] = [None] * len(items)
    splitter = f"{split.__module__}.{split.__qualname__} {backend}" if split else "not split"
    keys, todo = {}, []
    for n, item in enumerate(items):
        content = _file_hashes(item) if cache.folder else None
        keys[n] = cache_key("read (marshal)", splitter, [item.kind, item.source, item.presegmented, content]) \
            if content else ""
        found = cache.get_decoded(keys[n], _kept_document) if content else None
        if found is None:
            todo.append(n)
        else:
            outcomes[n] = Outcome(value=found)
    done = run_each(_read_and_split, [items[n] for n in todo], engine=engine, shared=(backend, split), on_done=on_done)
    for n, outcome in zip(todo, done, strict=True):
        if outcome.error.startswith("internal error"):  # a reader's failure no one foresaw: which file
            outcome = Outcome(error=f"{items[n].source}: {outcome.error}")
        outcomes[n] = outcome
        if outcome.ok and keys[n]:
            value = outcome.value
            payload = marshalled({"article": value.to_dict()} if isinstance(value, Article) else {"triple": value})
            if payload is not None:  # else a value marshal cannot keep: read again next time
                cache.put_bytes(keys[n], payload)
    return outcomes


def _kept_document(payload: bytes) -> Article | dict[str, list]:
    """The document :func:`read_documents` kept (with ``marshal``: read back several times faster
    than JSON); TypeError for a payload of another shape."""
    kept = marshal.loads(payload)
    if isinstance(kept, dict) and isinstance(kept.get("article"), dict):
        return Article.from_dict(kept["article"])
    if isinstance(kept, dict) and isinstance(kept.get("triple"), dict):
        return kept["triple"]
    raise TypeError("not a kept document")


def _read_and_split(item: Input, shared: tuple[str, Splitter | None]) -> Article | dict[str, list]:
    """One input read and split: the job :func:`read_documents` runs on each worker."""
    backend, split = shared
    document = read_document(item)
    return split(document, backend, item.presegmented) if split else document


def _file_hashes(item: Input) -> dict[str, str] | None:
    """A hash of each file of ``item``; None for a file that cannot be read or is too large (reading
    it then gives its one-line error, and nothing is cached)."""
    try:
        if any(path.stat().st_size > MAX_INPUT_BYTES for path in item.files.values()):
            return None
        return {lang: content_hash(path.read_bytes()) for lang, path in item.files.items()}
    except OSError:
        return None


def article_of_triple(name: str, source: str, paragraphs: Mapping[str, list[list[str]]]) -> Article:
    """A text triple as an article with abstracts only (what check and glossary read of it)."""
    parts = {lang: Abstract(lang=lang, paragraphs=[" ".join(p) for p in paras if p],
                            sentences=[list(p) for p in paras if p])
             for lang, paras in paragraphs.items() if any(paras)}
    return Article(id=name, source=source, parts=parts)
