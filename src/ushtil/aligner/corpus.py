"""Aligning a corpus: a first pass per text, a lexicon learned over all of them, a second pass.

The first pass also measures each text's length ratios on the beads it links
(:func:`~.pipeline.linked_length_means`); the second pass expects those instead of the language
records' (a missing passage does not bias them, as it would a ratio of the whole texts).

Both passes run per text on an :class:`~ushtil.engine.Engine` (this process, all cores, or a Dask
cluster) and give the same alignments wherever they run. With a :class:`~ushtil.cache.ResultCache`
each text's passes are kept between runs: the first pass under the text and the settings, the
second also under the part of the learned lexicon the text can use (the entries for its own
words). The lexicon itself is kept too, and used again while the corpus has only grown a little
(:data:`RELEARN_SHARE`), so a re-run after adding an article aligns that article and nothing else.
"""

from __future__ import annotations

import marshal
import uuid
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import ClassVar

from ..cache import ResultCache, cache_key, content_hash, marshalled
from ..engine import Engine, Progress, run_each, ticker
from ..model import LANGS, Alignment, Article
from .io import alignment_from_payload, alignment_payload
from .lexicon import learn_lexicon
from .pipeline import PAIRS, AlignOptions, _term_triples, align, linked_length_means
from .profile import stems

Source = Article | Mapping[str, Sequence]
#: A learned lexicon is kept for a re-run while the texts added since are at most this share of the
#: texts it was learned from (see :func:`_corpus_lexicon`).
RELEARN_SHARE = 0.05
#: The lexicon part of a second pass's cache key when nothing was learned (the pass then aligns
#: under the first pass's weights, now with bead scores).
NO_LEXICON = "no lexicon learned"


@dataclass
class CorpusResult:
    """One alignment per source (None where it failed), one error line per failure, and what the
    corpus-level steps did (for the run's summary)."""

    alignments: list[Alignment | None]
    #: per source, the cache key its alignment is kept under (None where not known): made of its
    #: content, settings, lexicon part and code, so equal keys are equal alignments
    keys: list[str | None] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def align_corpus(
    sources: Sequence[tuple[str, Source]],
    *,
    term_pairs: Iterable | None = None,
    options: AlignOptions | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
    cache: ResultCache | None = None,
) -> CorpusResult:
    """Align many texts; when they are enough, learn a lexicon from the first pass and realign.

    ``sources`` are (name, article or sentence lists) pairs; ``progress(items, label)`` wraps an
    iteration that advances as texts finish (a progress bar)."""
    options = options or AlignOptions()
    if term_pairs is not None:
        options = replace(options, terms=_term_triples(term_pairs))
    if options.profiles is None:  # sentence profiles kept between the passes of each process
        options = replace(options, profiles=_KeptProfiles())
    engine = engine or Engine()
    with engine.keeping_workers():  # the second pass of each text where its first pass kept its profiles
        return _align_corpus(sources, options, engine, cache or ResultCache(None), progress)


def _align_corpus(sources, options: AlignOptions, engine: Engine, cache: ResultCache, progress) -> CorpusResult:
    if options.lexicon:
        run = _Run(sources, options, engine, cache, progress)
        run.first_pass(range(len(sources)), stems_only=False)
        run.result.alignments = [run.first.get(n) for n in range(len(sources))]
        return run.result
    # the first pass only feeds the lexicon: its beads need no scores
    run = _Run(sources, replace(options, scored=False), engine, cache, progress)
    run.first_pass(range(len(sources)), stems_only=True)
    done = [n for n in range(len(sources)) if n in run.stems]
    lexicon, learned_from = _corpus_lexicon(run, done)
    if lexicon and not (cache.folder and cache.reuse):
        # nothing is looked up: each text's lexicon part, needed only for the keys its second pass is
        # stored under, is made by that pass on the workers, not here between the passes
        run.result.alignments, parts = run.second_pass(done, replace(options, lexicon=lexicon), None)
        _keep_parts(run, learned_from, {run.keys[n]: part for n, part in parts.items()})
    else:
        parts = _lexicon_parts(run, done, lexicon, learned_from)
        run.result.alignments, _ = run.second_pass(done, replace(options, lexicon=lexicon), parts)
    return run.result


class _Run:
    """The passes of one :func:`align_corpus` call: what each text's first pass gave (its lexicon
    stems and length ratios always, its alignment when needed: a re-run whose lexicon is kept reads
    no first-pass alignment from the cache) and the cache keys, which hash each text's content once."""

    def __init__(self, sources, options: AlignOptions, engine, cache: ResultCache, progress) -> None:
        self.sources, self.options, self.engine, self.cache, self.progress = sources, options, engine, cache, progress
        self.result = CorpusResult(alignments=[None] * len(sources))
        # once: a glossary is long
        self.settings = content_hash(repr(options.settings), sorted(options.terms), options.scored)
        # each text's content as marshal's version 0 writes it (no references: the same value, the same
        # bytes), hashed: a thousand texts in half the time JSON with sorted keys took
        self.contents = [content_hash(name, marshal.dumps(_source_content(source), 0)) for name, source in sources]
        self.keys = [cache_key("align: aligning (marshal)", self.settings, content) for content in self.contents]
        self.stems: dict[int, dict[str, list[str]]] = {}
        self.length_means: dict[int, dict[str, float]] = {}
        self.first: dict[int, Alignment] = {}
        self._failed: set[int] = set()

    def first_pass(self, chosen: Iterable[int], stems_only: bool) -> None:
        """The first pass of the chosen texts, from the cache where it holds them (only their stems
        with ``stems_only``), the rest computed and stored."""
        todo, cache = [], self.cache
        for n in chosen:
            if n in self._failed or n in self.first or (stems_only and n in self.stems):
                continue
            facts = cache.get_decoded(_facts_key(self.keys[n]), _facts_from_payload) if n not in self.stems else {}
            found = None if stems_only or facts is None else cache.get_decoded(self.keys[n], alignment_from_payload)
            if facts is None or (found is None and not stems_only):
                todo.append(n)
                continue
            if facts:
                self.stems[n], self.length_means[n] = facts["stems"], facts["length_means"]
            if found is not None:
                self.first[n] = found
        outcomes = self._run(_align_one, todo, [self.sources[n] for n in todo], self.options, "aligning")
        for n, outcome in zip(todo, outcomes, strict=True):
            if outcome.ok:
                first = outcome.value
                self.first[n], self.stems[n], self.length_means[n] = first.alignment, first.stems, first.length_means
                if first.stored:
                    self.cache.put_bytes(self.keys[n], first.stored[0])
                    self.cache.put_bytes(_facts_key(self.keys[n]), first.stored[1])
            else:
                self._failed.add(n)
                self.result.errors.append(f"{self.sources[n][0]}: {outcome.error}")

    def second_pass(self, done: list[int], options: AlignOptions,
                    parts: dict[int, str] | None) -> tuple[list[Alignment | None], dict[int, str]]:
        """The realigned texts (None where a text failed), taken from the cache where the text and
        the lexicon entries it can use (its :func:`_lexicon_part`) are as before; and those parts
        (``parts`` None: made by each text's pass, nothing taken from the cache)."""
        alignments: list[Alignment | None] = [None] * len(self.sources)
        keys, todo = {}, []
        for n in done:
            if parts is None:
                todo.append(n)
                continue
            keys[n] = cache_key("align: realigning (marshal)", self.settings, [self.contents[n], parts[n]])
            found = self.cache.get_decoded(keys[n], alignment_from_payload)
            if found is None:
                todo.append(n)
            else:
                alignments[n] = found
        made = {} if parts is None else parts
        outcomes = self._run(_realign_one, todo, [(*self.sources[n], self.length_means[n]) for n in todo], options,
                             "realigning", parts=parts is None)
        for n, outcome in zip(todo, outcomes, strict=True):
            if outcome.ok:
                alignments[n], stored, part = outcome.value
                if parts is None:
                    made[n] = part
                    keys[n] = cache_key("align: realigning (marshal)", self.settings, [self.contents[n], part])
                if stored:
                    self.cache.put_bytes(keys[n], stored)
            else:
                self.result.errors.append(f"{self.sources[n][0]}: {outcome.error}")
                keys.pop(n, None)
        self.result.keys = [keys.get(n) for n in range(len(self.sources))]
        if options.lexicon:
            self.result.notes.append(f"second pass: {len(todo)} text(s) realigned, {len(done) - len(todo)} whose "
                                     "lexicon entries did not change taken from the cache")
        return alignments, made

    def _run(self, work, numbers: list[int], items: list, options: AlignOptions, label: str,
             parts: bool = False) -> list:
        """``work`` on the items of the texts ``numbers``, each on the worker that had the text before;
        what the cache stores is encoded there too (in this process, encoding a thousand alignments
        and their stems took seconds while the workers waited for the lexicon)."""
        tick = ticker(self.progress, len(items), label)
        work_options = _Work(options, stored=self.cache.folder is not None, parts=parts)
        outcomes = run_each(work, items, engine=self.engine, shared=work_options, on_done=tick,
                            keys=[self.keys[n] for n in numbers])
        self.cache.flush()
        return outcomes


def _facts_from_payload(payload: bytes) -> dict:
    """The stems and length ratios a text's first pass kept (:func:`_align_one`); TypeError for a
    payload of another shape."""
    facts = marshal.loads(payload)
    if not isinstance(facts, dict) or set(facts) != {"stems", "length_means"}:
        raise TypeError("not a text's stems and length ratios")
    return facts


def _facts_key(first_key: str) -> str:
    """Where a text's lexicon stems and length ratios are kept, apart from its first-pass alignment
    (a re-run that keeps the lexicon needs only these)."""
    return content_hash("stems and length ratios (marshal)", first_key)


def _lexicon_parts(run: _Run, done: list[int], lexicon: dict[str, dict[str, set[str]]],
                   learned_from: str) -> dict[int, str]:
    """Each text's :func:`_lexicon_part`, kept in the cache beside the lexicon (``learned_from``: the
    hash of the texts it was learned from, which with the settings and code makes the lexicon): a
    re-run that keeps the lexicon looks the parts of its earlier texts up instead of hashing a
    thousand texts' lexicon entries again."""
    if not lexicon:
        return {n: NO_LEXICON for n in done}
    known = run.cache.get(_parts_slot(run, learned_from)) or {}
    parts, added = {}, 0
    for n in done:
        part = known.get(run.keys[n])
        if part is None:
            part = known[run.keys[n]] = _lexicon_part(run.stems[n], lexicon)
            added += 1
        parts[n] = part
    if added:
        _keep_parts(run, learned_from, known)
    return parts


def _keep_parts(run: _Run, learned_from: str, known: dict[str, str]) -> None:
    """Keep the texts' lexicon parts (by text key) beside the lexicon learned from ``learned_from``."""
    run.cache.put(_parts_slot(run, learned_from), known)


def _parts_slot(run: _Run, learned_from: str) -> str:
    return cache_key("align: lexicon parts", run.settings, learned_from)


def _corpus_lexicon(run: _Run, done: list[int]) -> tuple[dict[str, dict[str, set[str]]], str]:
    """The lexicon learned from the first pass of the ``done`` texts, or the one an earlier run
    learned while no text it was learned from changed and the texts added since are at most
    :data:`RELEARN_SHARE` of them (one more article barely moves the counts, and realigning a whole
    archive for it would make every re-run as slow as the first); and the hash of the texts it was
    learned from."""
    texts = {run.keys[n] for n in done}
    result, cache = run.result, run.cache
    slot = cache_key("align: learned lexicon", run.settings, "corpus")
    stored = cache.get(slot)
    reason = ""
    if stored is not None:
        learned_from = set(stored["texts"])
        added = texts - learned_from
        if learned_from <= texts and len(added) <= RELEARN_SHARE * len(learned_from):
            lexicon = {direction: {word: set(found) for word, found in entries.items()}
                       for direction, entries in stored["lexicon"].items()}
            result.notes.append(
                f"learned lexicon kept from an earlier run: {_size(lexicon)} entries from {len(learned_from)} "
                f"text(s); {len(added)} added since (learned again once they pass {RELEARN_SHARE:.0%}, or with --fresh)"
            )
            return lexicon, content_hash(sorted(learned_from))
        changed = len(learned_from - texts)
        reason = (f" (learned again: {changed} text(s) it was learned from changed or left)" if changed else
                  f" (learned again: {len(added)} text(s) added since, over {RELEARN_SHARE:.0%})")
    run.first_pass(done, stems_only=False)
    done = [n for n in done if n in run.first]
    lexicon = learn_lexicon([run.first[n] for n in done], PAIRS, engine=run.engine)
    if lexicon:
        cache.put(slot, {"texts": sorted(texts), "lexicon": {direction: {word: sorted(found) for word, found in
                                                                          entries.items()}
                                                             for direction, entries in lexicon.items()}})
        result.notes.append(f"learned lexicon: {_size(lexicon)} entries from the first pass of {len(done)} "
                            f"text(s){reason}")
    return lexicon, content_hash(sorted(texts))


def _size(lexicon: dict[str, dict[str, set[str]]]) -> int:
    return sum(len(entries) for entries in lexicon.values())


class _KeptProfiles(dict):
    """``AlignOptions.profiles`` of a corpus run: the sentence profiles and evidence a process keeps
    from a text's first pass for its second. Sent to a worker process (with the second pass's
    options), it stands for that worker's own store of the same run, never a copy of the sender's
    (up to about 200 MB): the engine gives each text back to the worker that had it first."""

    #: the store of each run this process holds
    _of_run: ClassVar[weakref.WeakValueDictionary] = weakref.WeakValueDictionary()

    def __init__(self, run: str = "") -> None:
        super().__init__()
        self.run = run or uuid.uuid4().hex
        self._of_run[self.run] = self

    def __reduce__(self):
        return _kept_profiles, (self.run,)


def _kept_profiles(run: str) -> _KeptProfiles:
    """This process's store of the run ``run`` (a new one when it has none)."""
    found = _KeptProfiles._of_run.get(run)
    return _KeptProfiles(run) if found is None else found


@dataclass
class _Work:
    """What each text's pass is given besides its text: the options, and whether its results are
    stored in a cache (kept with ``marshal`` by the pass)."""

    options: AlignOptions
    stored: bool
    #: the second pass also gives the text's :func:`_lexicon_part`
    parts: bool = False


@dataclass
class _Pass:
    """One text's first pass: its alignment, the lexicon stems of its sentences per language, its
    length ratios measured on the beads the pass links, and (when stored) the cache's payloads of
    the alignment and of the stems and ratios."""

    alignment: Alignment
    stems: dict[str, list[str]] = field(default_factory=dict)
    length_means: dict[str, float] = field(default_factory=dict)
    stored: tuple[bytes, bytes] | None = None


def _align_one(named_source: tuple[str, Source], work: _Work) -> _Pass:
    name, source = named_source
    alignment = align(source, name=name, options=work.options)
    vocabulary = _vocabulary(alignment)
    length_means = linked_length_means(alignment)
    stored = None
    if work.stored:
        payload, facts = alignment_payload(alignment), marshalled({"stems": vocabulary, "length_means": length_means})
        stored = (payload, facts) if payload is not None and facts is not None else None
    return _Pass(alignment, vocabulary, length_means, stored)


def _realign_one(measured_source: tuple[str, Source, dict[str, float]],
                 work: _Work) -> tuple[Alignment, bytes | None, str | None]:
    """The text's second pass, the cache's payload of it (when stored) and (when asked) its lexicon part."""
    name, source, length_means = measured_source
    alignment = align(source, name=name, options=work.options, length_means=length_means)
    part = _lexicon_part(_vocabulary(alignment), work.options.lexicon) if work.parts else None
    return alignment, alignment_payload(alignment) if work.stored else None, part



def _vocabulary(alignment: Alignment) -> dict[str, list[str]]:
    """The lexicon stems of the text's sentences, per language."""
    return {lang: sorted(set().union(*map(stems, alignment.sentences[lang]))) for lang in LANGS}


def _source_content(source: Source) -> object:
    """What a text's alignment is made of: an article's record but for ``source``, the path as the
    command line wrote it, which the aligner never reads (the same corpus named ``corpus/`` after
    ``/home/…/corpus/`` is not aligned again)."""
    if isinstance(source, Article):
        return {field: value for field, value in source.to_dict().items() if field != "source"}
    return {lang: [list(p) if isinstance(p, list | tuple) else p for p in value] for lang, value in source.items()}


def _lexicon_part(stems: dict[str, list[str]], lexicon: dict[str, dict[str, set[str]]]) -> str:
    """A hash of the lexicon as a text can see it: the entries of its own words, their translations
    among its own words, and which directions have a lexicon at all (the pair models look up nothing else)."""
    vocabulary = {lang: set(words) for lang, words in stems.items()}
    seen = {}
    for direction, entries in sorted(lexicon.items()):
        a, b = direction.split("-")
        known = sorted(vocabulary[a] & entries.keys())
        seen[direction] = [(word, sorted(entries[word] & vocabulary[b])) for word in known]
    return content_hash(seen)


__all__ = ["CorpusResult", "align_corpus"]
