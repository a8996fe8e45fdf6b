"""Aligning a corpus: a first pass per text, a lexicon learned over all of them, a second pass.

Both passes run per text on an :class:`~ushtil.engine.Engine` (this process, all cores, or a Dask
cluster) and give the same alignments wherever they run. With a :class:`~ushtil.cache.ResultCache`
each text's passes are kept between runs: the first pass under the text and the settings, the
second also under the part of the learned lexicon the text can use (the entries for its own
words). The lexicon itself is kept too, and used again while the corpus has only grown a little
(:data:`RELEARN_SHARE`), so a re-run after adding an article aligns that article and nothing else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..cache import ResultCache, cache_key, content_hash
from ..engine import Engine, Progress, run_each, ticker
from ..model import LANGS, Alignment, Article, Bead
from .lexicon import learn_lexicon
from .pipeline import PAIRS, AlignOptions, _term_triples, align
from .profile import stems

Source = Article | Mapping[str, Sequence]
#: A learned lexicon is kept for a re-run while the texts added since are at most this share of the
#: texts it was learned from (see :func:`_corpus_lexicon`).
RELEARN_SHARE = 0.05


@dataclass
class CorpusResult:
    """One alignment per source (None where it failed), one error line per failure, and what the
    corpus-level steps did (for the run's summary)."""

    alignments: list[Alignment | None]
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
    if options.profiles is None:  # sentence profiles kept between the passes of this process
        options = replace(options, profiles={})
    cache = cache or ResultCache(None)
    result = CorpusResult(alignments=[None] * len(sources))
    first, keys = _pass("aligning", sources, range(len(sources)), options, engine, cache, progress, result)
    done = [n for n, found in enumerate(first) if found is not None]
    result.alignments = [found.alignment if found else None for found in first]
    if options.lexicon:
        return result
    lexicon = _corpus_lexicon([first[n].alignment for n in done], {keys[n] for n in done}, options, cache, result)
    if not lexicon:
        return result
    second = replace(options, lexicon=lexicon)
    parts = {n: _lexicon_part(first[n].stems, lexicon) for n in done}
    realigned, _ = _pass("realigning", sources, done, second, engine, cache, progress, result, parts)
    for n in done:
        result.alignments[n] = realigned[n].alignment if realigned[n] else None
    return result


def _corpus_lexicon(alignments: list[Alignment], texts: set[str], options: AlignOptions, cache: ResultCache,
                    result: CorpusResult) -> dict[str, dict[str, set[str]]]:
    """The lexicon learned from the first pass of ``texts`` (their first-pass cache keys), or the one
    an earlier run learned while no text it was learned from changed and the texts added since are at
    most :data:`RELEARN_SHARE` of them (one more article barely moves the counts, and realigning a whole
    archive for it would make every re-run as slow as the first)."""
    slot = cache_key("align: learned lexicon", [repr(options.settings), sorted(options.terms)], "corpus")
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
            return lexicon
        changed = len(learned_from - texts)
        reason = (f" (learned again: {changed} text(s) it was learned from changed or left)" if changed else
                  f" (learned again: {len(added)} text(s) added since, over {RELEARN_SHARE:.0%})")
    lexicon = learn_lexicon(alignments, PAIRS)
    if lexicon:
        cache.put(slot, {"texts": sorted(texts), "lexicon": {direction: {word: sorted(found) for word, found in
                                                                          entries.items()}
                                                             for direction, entries in lexicon.items()}})
        result.notes.append(f"learned lexicon: {_size(lexicon)} entries from the first pass of {len(alignments)} "
                            f"text(s){reason}")
    return lexicon


def _size(lexicon: dict[str, dict[str, set[str]]]) -> int:
    return sum(len(entries) for entries in lexicon.values())


@dataclass
class _Pass:
    """One text's result of one pass, and (first pass) the lexicon stems of its sentences per language."""

    alignment: Alignment
    stems: dict[str, list[str]] = field(default_factory=dict)


def _pass(label: str, sources, chosen: Iterable[int], options: AlignOptions, engine, cache: ResultCache,
          progress, result: CorpusResult, lexicon_parts: dict[int, str] | None = None,
          ) -> tuple[list[_Pass | None], dict[int, str]]:
    """One pass over the chosen sources: cached results where the cache has them, the rest on the
    engine; and the cache key of each chosen source's result."""
    settings = content_hash(repr(options.settings), sorted(options.terms))  # once, not per text: a glossary is long
    passes: list[_Pass | None] = [None] * len(sources)
    keys, todo = {}, []
    for n in chosen:
        name, source = sources[n]
        part = lexicon_parts[n] if lexicon_parts else ""
        keys[n] = cache_key(f"align: {label}", settings, [name, _source_content(source), part])
        found = cache.get(keys[n])
        if found is None:
            todo.append(n)
        else:
            passes[n] = _Pass(alignment_from_dict(found["alignment"]), found["stems"])
    work = _realign_one if lexicon_parts else _align_one
    tick = ticker(progress, len(todo), label)
    outcomes = run_each(work, [sources[n] for n in todo], engine=engine, shared=options, on_done=tick)
    for n, outcome in zip(todo, outcomes, strict=True):
        if outcome.ok:
            passes[n] = outcome.value
            cache.put(keys[n], {"alignment": alignment_to_dict(outcome.value.alignment),
                                "stems": outcome.value.stems})
        else:
            result.errors.append(f"{sources[n][0]}: {outcome.error}")
    if lexicon_parts is not None:
        result.notes.append(f"second pass: {len(todo)} text(s) realigned, {len(keys) - len(todo)} whose lexicon "
                            "entries did not change taken from the cache")
    return passes, keys


def _align_one(named_source: tuple[str, Source], options: AlignOptions) -> _Pass:
    name, source = named_source
    alignment = align(source, name=name, options=options)
    vocabulary = {lang: sorted(set().union(*map(stems, alignment.sentences[lang]))) for lang in LANGS}
    return _Pass(alignment, vocabulary)


def _realign_one(named_source: tuple[str, Source], options: AlignOptions) -> _Pass:
    name, source = named_source
    return _Pass(align(source, name=name, options=options))


def _source_content(source: Source) -> object:
    if isinstance(source, Article):
        return source.to_dict()
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


def alignment_to_dict(alignment: Alignment) -> dict:
    """Every field as it is (scores unrounded), so a cached alignment equals a fresh one."""
    return dataclasses.asdict(alignment)


def alignment_from_dict(data: dict) -> Alignment:
    return Alignment(**{**data, "beads": [Bead(**bead) for bead in data["beads"]]})


__all__ = ["CorpusResult", "align_corpus"]
