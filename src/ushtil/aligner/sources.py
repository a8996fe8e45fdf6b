"""From the user's inputs to aligned articles: the one way every command aligns.

``ushtil align``, ``check`` and ``glossary`` all call :func:`align_inputs` (or, with articles in
hand, :func:`align_articles`): documents are read and split into sentences (with the ``nlp``
backend), aligned together by :func:`align_corpus` (so the lexicon is learned over the whole
corpus) with the glossary's term pairs, and alignment files are used as they stand, never aligned
again. So the same input gives the same beads, and the same bead numbers, in the review workbook,
the check report and the glossary.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .. import __version__
from ..cache import ResultCache, cache_key
from ..engine import Engine, Outcome, Progress, run_each, ticker
from ..errors import UshtilError
from ..files import check_input_file
from ..model import LANGS, AlignedArticle, Article
from ..read.inputs import Input, Inputs, article_of_triple, collect_inputs, read_documents
from ..split import is_split, split_article, split_document
from .edit import label_beads, paragraph_starts_of
from .io import MAX_ALIGNMENT_BYTES, aligned_from_payload, aligned_payload, parsed_key, read_aligned

#: The settings an alignment records and a later stage compares with its own.
COMPARED_SETTINGS: tuple[str, ...] = ("aligner", "splitter", "glossary", "terms")
#: How many names a note on alignments made with other settings lists per difference.
NAMES_SHOWN = 5


@dataclass
class AlignedCorpus:
    """The aligned documents of a run, in input order, one line per unusable input, and notes on the
    run (what stands for what, alignments made with other settings; each article has its own notes)."""

    aligned: list[AlignedArticle] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@functools.cache
def weights_version() -> str:
    """A short fingerprint of the shipped aligner weights (changes whenever they are refitted; read
    once: every aligned article's settings name it, and a re-run of 1,001 read the file 1,001 times)."""
    data = resources.files(__package__).joinpath("data", "weights.toml").read_bytes()
    return hashlib.sha1(data).hexdigest()[:8]


def align_settings(*, nlp: str = "builtin", presegmented: bool = False, glossary: str = "",
                   terms: int = 0) -> dict[str, str]:
    """What makes an alignment, key by key (:attr:`ushtil.model.Alignment.settings`)."""
    return {
        "ushtil": __version__,
        "aligner": f"three-way DP, weights {weights_version()}",
        "splitter": "presegmented" if presegmented else nlp,
        "glossary": os.path.basename(glossary) if glossary else "none",
        "terms": str(terms),
    }


def settings_differences(made: dict[str, str], wanted: dict[str, str]) -> list[str]:
    """How an alignment's settings differ from the ones this run would align with."""
    if not made:
        return ["settings not recorded (an older ushtil or another tool wrote it)"]
    return [f"{key} {made.get(key, '?')} (this run: {wanted[key]})"
            for key in COMPARED_SETTINGS if made.get(key) != wanted.get(key)]


def align_inputs(
    inputs: Inputs | Iterable[str | os.PathLike],
    *,
    term_pairs: Sequence[tuple[str, str, str]] = (),
    glossary: str = "",
    nlp: str = "builtin",
    progress: Progress | None = None,
    engine: Engine | None = None,
    cache: ResultCache | None = None,
) -> AlignedCorpus:
    """Read the documents of ``inputs`` (a :class:`~ushtil.read.inputs.Inputs` or paths) and align
    them; alignment files among them are taken as they stand.

    ``term_pairs`` are (en, kk, ru) glossary terms, ``glossary`` the name of the file they came from
    (recorded in each alignment's settings). The per-document work runs on ``engine`` (this process
    by default) and, with a ``cache``, is taken from earlier runs where its inputs did not change."""
    if not isinstance(inputs, Inputs):
        inputs = collect_inputs(inputs)
    corpus = AlignedCorpus(errors=list(inputs.errors), notes=list(inputs.notes))
    documents = [item for item in inputs.items if item.kind != "alignment"]
    read = dict(zip(map(id, documents), read_documents(
        documents, nlp, split=split_document, engine=engine and engine.for_files(), cache=cache,
        on_done=ticker(progress, len(documents), "reading")
    ), strict=True))
    alignments = [item for item in inputs.items if item.kind == "alignment"]
    opened = read_alignment_files([item.path for item in alignments], engine, cache)
    read.update(zip(map(id, alignments), opened, strict=True))
    slots: list[AlignedArticle | tuple[Input, Article | dict]] = []
    for item in inputs.items:
        outcome = read[id(item)]
        if not outcome.ok:
            corpus.errors.append(outcome.error)
        elif item.kind == "alignment":
            slots.append(outcome.value)
        else:
            slots.append((item, outcome.value))
    made = _align([slot for slot in slots if isinstance(slot, tuple)], term_pairs, glossary, nlp, progress,
                  engine, cache, corpus)
    corpus.aligned = [slot if isinstance(slot, AlignedArticle) else made[id(slot[1])] for slot in slots]
    corpus.aligned = [aligned for aligned in corpus.aligned if aligned is not None]
    note = other_settings_note([(aligned.name, aligned.settings) for aligned in corpus.aligned],
                               align_settings(nlp=nlp, glossary=glossary, terms=len(term_pairs)))
    if note:
        corpus.notes.append(note)
    return corpus


def read_alignment_files(paths: list, engine: Engine | None, cache: ResultCache | None) -> list[Outcome]:
    """Each alignment file as an aligned article (or its one-line error). With a work folder's
    ``cache``, a file read before with the same name and bytes is taken from it: parsing the file and
    making its article again is most of what reading a thousand alignments costs. Each file is read
    once: the bytes its key is made of are the bytes parsed. A damaged entry is discarded and the
    file parsed again."""
    if cache is None or cache.folder is None:
        return run_each(read_aligned, paths, engine=engine and engine.for_files())
    # its own connection, so the caller's counts (findings or tokens reused) stay its own
    kept = ResultCache(cache.folder, reuse=cache.reuse)
    outcomes: dict[int, Outcome] = {}
    missed: dict[int, tuple[str, bytes | None]] = {}
    for number, path in enumerate(paths):
        data = alignment_file_bytes(path)
        key = parsed_key(Path(path), data) if data is not None else ""
        payload = kept.get_bytes(key) if key else None
        if payload is not None:
            try:
                outcomes[number] = Outcome(aligned_from_payload(payload, (str(path), str(kept.folder), key)))
                continue
            except (ValueError, TypeError, EOFError):
                kept.discard(key)
        missed[number] = key, data
    parsed = run_each(_read_file, [(paths[number], data) for number, (_, data) in missed.items()],
                      engine=engine and engine.for_files())
    for (number, (key, _)), outcome in zip(missed.items(), parsed, strict=True):
        outcomes[number] = outcome
        if outcome.ok and key:
            with contextlib.suppress(ValueError):
                kept.put_bytes(key, aligned_payload(outcome.value))
    kept.flush()
    return [outcomes[number] for number in range(len(paths))]


def _read_file(item: tuple) -> AlignedArticle:
    """:func:`read_aligned` of (path, its bytes or None: read there, which reports why it cannot be)."""
    path, data = item
    return read_aligned(path, data)


def alignment_file_bytes(path) -> bytes | None:
    """An alignment file's bytes (None when it cannot be read, or is one that reading refuses, such as
    a file over the size limit, which is then not read whole: reading it reports why)."""
    try:
        check_input_file(Path(path), MAX_ALIGNMENT_BYTES)
        return Path(path).read_bytes()
    except (OSError, UshtilError):
        return None


def align_articles(
    articles: Sequence[Article],
    *,
    term_pairs: Sequence[tuple[str, str, str]] = (),
    glossary: str = "",
    nlp: str = "builtin",
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> list[AlignedArticle]:
    """Align articles already read, exactly as :func:`align_inputs` aligns the files they come from
    (an article not yet split into sentences is split with ``nlp`` first)."""
    articles = [article if is_split(article) else split_article(article, nlp) for article in articles]
    documents = [(Input(article.id, "article", {}), article) for article in articles]
    corpus = AlignedCorpus()
    made = _align(documents, term_pairs, glossary, nlp, progress, engine, None, corpus)
    if corpus.errors:
        raise UshtilError(corpus.errors[0])
    return [made[id(article)] for article in articles]


def _align(documents: list[tuple[Input, Article | dict]], term_pairs, glossary: str, nlp: str,
           progress: Progress | None, engine: Engine | None, cache: ResultCache | None,
           corpus: AlignedCorpus) -> dict[int, AlignedArticle | None]:
    """The aligned article of each document, by the ``id`` of its text; failures go to ``corpus.errors``."""
    if not documents:
        return {}
    # here, not at the top: a run that only reads alignment files never loads the aligner's numerics
    from .corpus import align_corpus
    from .pipeline import AlignOptions

    result = align_corpus(
        [(item.name, document) for item, document in documents],
        term_pairs=list(term_pairs),
        options=AlignOptions(progress=progress is not None and not (engine and engine.parallel)),
        progress=progress,
        engine=engine,
        cache=cache,
    )
    corpus.errors.extend(result.errors)
    corpus.notes.extend(result.notes)
    aligned: dict[int, AlignedArticle | None] = {}
    keys = result.keys or [None] * len(documents)
    for (item, document), alignment, key in zip(documents, result.alignments, keys, strict=True):
        aligned[id(document)] = None
        if alignment is None:
            continue
        settings = align_settings(nlp=nlp, presegmented=item.presegmented, glossary=glossary,
                                  terms=len(term_pairs))
        if isinstance(document, Article):
            article = document
            alignment.paragraph_starts = paragraph_starts_of(alignment, article)
            label_beads(alignment, article)
        else:
            article = article_of_triple(item.name, item.source, document)
            alignment.paragraph_starts = _triple_paragraph_starts(document)
        alignment.settings = settings
        alignment.signature = _signature(alignment.signature, settings)
        # an article's text is all in its pass's key but for its path, which its file records (a
        # triple's article also holds its folder's name)
        made_as = (cache_key("aligner: alignment file of a pass", settings, [key, article.source])
                   if key and article is document else "")
        aligned[id(document)] = AlignedArticle(article, alignment, made_as=made_as)
    return aligned


def _triple_paragraph_starts(paragraphs: dict[str, list[list[str]]]) -> dict[str, list[int]]:
    starts = {}
    for lang in LANGS:
        position, found = 0, []
        for paragraph in paragraphs.get(lang, []):
            if paragraph:
                found.append(position)
            position += len(paragraph)
        starts[lang] = found
    return starts


def _signature(aligner: str, settings: dict[str, str]) -> str:
    return (f"{aligner} | weights {settings['aligner'].rsplit(' ', 1)[-1]} | splitter {settings['splitter']} "
            f"| glossary {settings['glossary']}")


def other_settings_note(named_settings: Iterable[tuple[str, dict[str, str]]], wanted: dict[str, str]) -> str:
    """One note line for alignment files (their names and recorded settings) made with other settings
    than this run would use: each difference once, with the first names that have it (a thousand
    files stay one short line); "" when all were made with this run's."""
    differing: dict[str, list[str]] = {}
    for name, made in named_settings:
        if made.get("splitter") == "presegmented":
            made = {**made, "splitter": wanted["splitter"]}  # the user's own sentences: no splitter to compare
        found = settings_differences(made, wanted)
        if found:
            differing.setdefault(", ".join(found), []).append(name)
    if not differing:
        return ""
    count = sum(len(names) for names in differing.values())
    groups = [f"{difference}: {', '.join(names[:NAMES_SHOWN])}"
              + (f" and {len(names) - NAMES_SHOWN} more" if len(names) > NAMES_SHOWN else "")
              for difference, names in differing.items()]
    return (f"{count} alignment(s) made with other settings than this run's, used as "
            f"they are: {'; '.join(groups)}")
