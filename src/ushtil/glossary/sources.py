"""What a glossary is built from: the beads of aligned articles, one :class:`Unit` each.

Every unit comes from the aligner's beads (title, abstract and keyword beads alike): sources are
aligned once, by :func:`ushtil.aligner.align_inputs` as ``ushtil align`` aligns them, and alignment
files (maybe reviewed) are used as they stand. A keyword bead that joins several keywords per side
is cut into one unit per keyword triple (paired by position when the sides hold as many keywords,
by similarity otherwise).
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..aligner import align_articles, align_inputs
from ..aligner.edit import article_of
from ..aligner.sources import align_settings, alignment_file_bytes, other_settings_note, read_alignment_files
from ..cache import ResultCache, cache_key, content_hash
from ..engine import Engine
from ..errors import UshtilError
from ..model import LANGS, AlignedArticle, Alignment, Article
from ..read.inputs import Inputs, collect_inputs
from ..translit import name_similarity

#: the reader's note on a part whose abstract was replaced by a text in another language
_REPLACED_PART = re.compile(r"wrong-language:(\w+): the \1 abstract is in ")
#: A keyword pair found by similarity (unequal lists) must score at least this much.
MIN_KEYWORD_PAIR_SCORE = 0.55


@dataclass
class Unit:
    """One bead of parallel text: where it comes from and its text per language."""

    article: str
    text: dict[str, str]
    #: "title", "keywords", "abstract", "label" (the paired labels of structured-abstract paragraphs,
    #: Methods = Әдістері = Методы) or "" (plain aligned text)
    section: str = ""
    #: for keyword units: "position" (equal lists) or "similarity"
    paired_by: str = ""
    flags: list[str] = field(default_factory=list)


Source = AlignedArticle | Alignment | Article | str | os.PathLike


@dataclass
class AlignedSources:
    """The sources as aligned articles, and notes on how they were read (what stands for what) and on
    what of them the glossary cannot pair (a part in the wrong language, a single language)."""

    aligned: list[AlignedArticle]
    notes: list[str] = field(default_factory=list)


def aligned_sources(sources: Iterable[Source] | Inputs, *, term_pairs: Sequence[tuple[str, str, str]] = (),
                    glossary: str = "", nlp: str = "builtin", progress=None,
                    errors: list[str] | None = None, engine: Engine | None = None,
                    cache: ResultCache | None = None) -> AlignedSources:
    """Every source as an aligned article: aligned articles and alignments as they are; articles,
    files and folders (or the :class:`~ushtil.read.inputs.Inputs` collected of them) aligned together
    as ``ushtil align`` aligns them. A file that cannot be used is a line in ``errors`` (the others
    are still used) or, without that list, a one-line :class:`~ushtil.errors.UshtilError`. With a
    work folder's ``cache``, alignment files read before are taken from it."""
    inputs = sources if isinstance(sources, Inputs) else None
    sources = [] if inputs is not None else list(sources)
    paths = [source for source in sources if isinstance(source, str | os.PathLike)]
    articles = [source for source in sources if isinstance(source, Article)]
    found = AlignedSources(aligned=[])
    if paths:
        inputs = collect_inputs(paths)
    if inputs is not None:
        corpus = align_inputs(inputs, term_pairs=term_pairs, glossary=glossary, nlp=nlp, progress=progress,
                              engine=None if inputs.alignments_only else engine, cache=cache)
        if corpus.errors and errors is None:
            raise UshtilError(corpus.errors[0])
        if errors is not None:
            errors.extend(corpus.errors)
        found.aligned.extend(corpus.aligned)
        found.notes.extend(corpus.notes)
    found.aligned.extend(align_articles(articles, term_pairs=term_pairs, glossary=glossary, nlp=nlp, engine=engine))
    for source in sources:
        if isinstance(source, AlignedArticle):
            found.aligned.append(source)
        elif isinstance(source, Alignment):
            found.aligned.append(AlignedArticle(article_of(source), source))
    found.notes.extend(note for item in found.aligned for note in pairing_notes(item))
    if len(found.aligned) == 1 and len(languages_of(found.aligned[0].alignment)) > 1:
        found.notes.append(_one_article_note(found.aligned[0].name))
    return found


@dataclass
class ArticleUnits:
    """Each aligned article's units, in the sources' order, and the notes on how the sources were read
    and on what of them the glossary cannot pair (:class:`AlignedSources`)."""

    articles: list[list[Unit]]
    notes: list[str] = field(default_factory=list)
    #: per article, :func:`units_digest` and :func:`texts_digest` of its units
    digests: list[str] = field(default_factory=list)
    text_digests: list[str] = field(default_factory=list)


def article_units(sources: Iterable[Source] | Inputs, *, term_pairs: Sequence[tuple[str, str, str]] = (),
                  glossary: str = "", nlp: str = "builtin", progress=None, errors: list[str] | None = None,
                  engine: Engine | None = None, cache: ResultCache | None = None) -> ArticleUnits:
    """:func:`units_of_alignment` of every source :func:`aligned_sources` gives, with its notes. With a
    work folder's ``cache`` and alignment files alone, what the glossary takes of each file (its
    units, its notes, its settings) is kept there under the file's name and bytes: a re-run decodes
    no unchanged alignment whole (a thousand took a third of a second), only the files new or changed."""
    inputs = sources if isinstance(sources, Inputs) else None
    if inputs is None:
        sources = list(sources)
        if sources and all(isinstance(source, str | os.PathLike) for source in sources):
            inputs = collect_inputs(sources)
    if inputs is None or cache is None or cache.folder is None or not inputs.alignments_only:
        found = aligned_sources(inputs if inputs is not None else sources, term_pairs=term_pairs,
                                glossary=glossary, nlp=nlp, progress=progress, errors=errors, engine=engine,
                                cache=cache)
        articles = [units_of_alignment(item.alignment, item.article.id) for item in found.aligned]
        return ArticleUnits(articles, found.notes, [units_digest(units) for units in articles],
                            [texts_digest(units) for units in articles])
    files = _kept_file_units(inputs, cache)
    if files.errors and errors is None:
        raise UshtilError(files.errors[0])
    if errors is not None:
        errors.extend(files.errors)
    wanted = align_settings(nlp=nlp, glossary=glossary, terms=len(term_pairs))
    notes = [*inputs.notes, other_settings_note([(kept.name, kept.settings) for kept in files.kept], wanted)]
    notes = [note for note in notes if note] + [note for kept in files.kept for note in kept.notes]
    if len(files.kept) == 1 and files.kept[0].languages > 1:
        notes.append(_one_article_note(files.kept[0].name))
    return ArticleUnits([kept.units for kept in files.kept], notes, [kept.digest for kept in files.kept],
                        [kept.text_digest for kept in files.kept])


@dataclass
class _FileUnits:
    """What the glossary takes of one alignment file: the alignment's name and the settings it
    records, its :func:`pairing_notes`, how many languages it has text in, its units and their
    :func:`units_digest` and :func:`texts_digest`."""

    name: str
    settings: dict[str, str]
    notes: list[str]
    languages: int
    units: list[Unit]
    digest: str
    text_digest: str


@dataclass
class _KeptFiles:
    """:class:`_FileUnits` of the files that could be read, in order, and one line per other file."""

    kept: list[_FileUnits]
    errors: list[str]


#: Every field of a unit, in order (a kept file's units are stored as lists of them).
_UNIT_FIELDS = tuple(unit_field.name for unit_field in dataclasses.fields(Unit))


def _kept_file_units(inputs: Inputs, cache: ResultCache) -> _KeptFiles:
    """:class:`_FileUnits` of every alignment file of ``inputs``: taken from ``cache`` for a file
    read before with the same name and bytes, else read (as :func:`aligned_sources` reads it) and
    stored. A damaged entry is discarded and the file read again."""
    kept = ResultCache(cache.folder, reuse=cache.reuse)  # its own counts: the caller's stay its own
    found: list[_FileUnits | None] = []
    missed: dict[int, str] = {}
    for number, item in enumerate(inputs.items):
        data = alignment_file_bytes(item.path)
        key = _file_units_key(item.path, data) if data is not None else ""
        units = kept.get_decoded(key, _file_units_of_payload) if key else None
        if units is None:
            missed[number] = key
        found.append(units)
    read = read_alignment_files([inputs.items[number].path for number in missed], None, cache)
    errors = list(inputs.errors)
    for (number, key), outcome in zip(missed.items(), read, strict=True):
        if not outcome.ok:
            errors.append(outcome.error)
            continue
        aligned = outcome.value
        units = units_of_alignment(aligned.alignment, aligned.article.id)
        found[number] = made = _FileUnits(aligned.name, aligned.alignment.settings, pairing_notes(aligned),
                                          len(languages_of(aligned.alignment)), units, units_digest(units),
                                          texts_digest(units))
        if key:
            kept.put_bytes(key, marshal.dumps((made.name, made.settings, made.notes, made.languages,
                                               _unit_values(units), made.digest, made.text_digest)))
    kept.flush()
    return _KeptFiles([units for units in found if units is not None], errors)


def _file_units_key(path: str | os.PathLike, data: bytes) -> str:
    return cache_key("glossary: units of an alignment file (marshal)", Path(path).name, content_hash(data))


def _file_units_of_payload(payload: bytes) -> _FileUnits:
    """The :class:`_FileUnits` :func:`_kept_file_units` stored; ValueError or TypeError for a payload
    of another shape."""
    name, settings, notes, languages, units, digest, text_digest = marshal.loads(payload)
    if not (isinstance(name, str) and isinstance(settings, dict) and isinstance(notes, list)
            and isinstance(languages, int) and isinstance(units, list)
            and all(len(values) == len(_UNIT_FIELDS) for values in units)
            and isinstance(digest, str) and isinstance(text_digest, str)):
        raise ValueError("not a file's units")
    return _FileUnits(name, settings, notes, languages, [Unit(*values) for values in units], digest, text_digest)


def units_digest(units: list[Unit]) -> str:
    """A hash of an article's units as they stand (every field, in order): what a whole glossary
    build is keyed on."""
    return content_hash(_unit_values(units))


def _unit_values(units: list[Unit]) -> list[list]:
    """Every field of each unit, in order: what a kept file's units are stored as and a build's key hashes."""
    return [[getattr(unit, name) for name in _UNIT_FIELDS] for unit in units]


def texts_digest(units: list[Unit]) -> str:
    """A hash of an article's units' texts: what its tokens are keyed on."""
    return content_hash([unit.text for unit in units])


def _one_article_note(name: str) -> str:
    return (f"one article ({name}): terms are found and scored on its text alone; "
            "the journal's other articles give a fuller, surer glossary")


def pairing_notes(item: AlignedArticle) -> list[str]:
    """What of one aligned article the glossary cannot pair, one line each: a part whose text is in
    another language (the reader's ``wrong-language`` notes), or text in fewer than two languages."""
    notes = []
    for note in item.article.notes:
        replaced = _REPLACED_PART.match(note)
        if replaced:
            lang = replaced.group(1)
            others = "-".join(other for other in LANGS if other != lang)
            notes.append(f"{item.name}: {note.split(':', 2)[2].strip()}: the glossary pairs its abstract "
                         f"{others} only (the {lang} title and keywords are used)")
    present = languages_of(item.alignment)
    if len(present) < 2:
        only = f"only {present[0]} text" if present else "no text"
        notes.append(f"{item.name}: {only}, nothing to pair (a glossary needs two languages or more)")
    return notes


def languages_of(alignment: Alignment) -> list[str]:
    """The languages the alignment has any text in."""
    return [lang for lang in LANGS if any(bead.text.get(lang, "").strip() for bead in alignment.beads)]


def units_of_alignment(alignment: Alignment, article_id: str = "") -> list[Unit]:
    """One unit per bead with text in two languages or more; keyword beads split into keywords; the
    paragraph labels a bead opens with in two languages or more, one "label" unit."""
    article_id = article_id or alignment.name
    units = []
    for bead in alignment.beads:
        if sum(1 for lang in LANGS if bead.labels.get(lang)) >= 2:
            units.append(Unit(article=article_id, text={lang: bead.labels.get(lang, "") for lang in LANGS},
                              section="label", flags=list(bead.flags)))
        if sum(1 for lang in LANGS if bead.text.get(lang, "").strip()) < 2:
            continue
        if bead.section == "keywords" and alignment.sentences:
            units.extend(_keyword_bead_units(alignment, bead, article_id))
        else:
            units.append(Unit(article=article_id, text=dict(bead.text), section=bead.section,
                              flags=list(bead.flags)))
    return units


def _keyword_bead_units(alignment: Alignment, bead, article_id: str) -> list[Unit]:
    """An aligner may join several keywords into one bead: give each keyword triple its own unit."""
    lists = {lang: [alignment.sentences[lang][i] for i in bead.sentences.get(lang, [])
                    if i < len(alignment.sentences.get(lang, []))] for lang in LANGS}
    return keyword_units_of_lists(article_id, lists)


def keyword_units_of_lists(article_id: str, lists: dict[str, list[str]]) -> list[Unit]:
    """Keyword lists paired by position when equally long, by similarity otherwise."""
    english = lists["en"]
    if not english:
        return []
    if all(len(keywords) == len(english) for keywords in lists.values()):
        return [
            Unit(article=article_id, text={lang: lists[lang][i] for lang in LANGS}, section="keywords",
                 paired_by="position")
            for i in range(len(english))
        ]
    pairs = {lang: pair_keywords(english, lists[lang]) for lang in ("kk", "ru")}
    units = []
    for i, keyword in enumerate(english):
        text = {"en": keyword, **{lang: pairs[lang].get(i, "") for lang in ("kk", "ru")}}
        if text["kk"] or text["ru"]:
            units.append(Unit(article=article_id, text=text, section="keywords", paired_by="similarity"))
    return units


def pair_keywords(english: list[str], other: list[str]) -> dict[int, str]:
    """Match keywords of two lists of unequal length: spelling (names, loanwords) and position."""
    if not other:
        return {}
    scored = []
    for i, en in enumerate(english):
        for j, word in enumerate(other):
            place = 1 - abs(i / max(len(english) - 1, 1) - j / max(len(other) - 1, 1))
            scored.append((name_similarity(en, word) + 0.5 * place, i, j))
    pairs, used = {}, set()
    for score, i, j in sorted(scored, reverse=True):
        if score < MIN_KEYWORD_PAIR_SCORE or i in pairs or j in used:
            continue
        pairs[i] = other[j]
        used.add(j)
    return pairs
