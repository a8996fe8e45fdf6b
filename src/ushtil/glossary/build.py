"""``build_glossary``: from articles or alignments to glossary entries in three languages."""

from __future__ import annotations

import dataclasses
import gc
import heapq
import marshal
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from .. import __version__
from ..cache import ResultCache, cache_key
from ..engine import Engine, aside, run_each
from ..errors import UshtilError
from ..leftovers import keep_to_end
from ..read.inputs import Inputs
from .candidates import Candidate, UnitFinds, find_candidates, keep_finds, kept_finds
from .choices import Composition, Remembered
from .compose import PhraseComposer, composed_headword, starts_with_adjective, written_plural
from .confidence import EntryEvidence, entry_confidence
from .headwords import headword, reconcile_names
from .ids import assign_ids
from .index import (
    LanguageIndex,
    Lemmatize,
    Tokens,
    build_indexes,
    cached_indexes,
    corpus_tokens,
    library_lemmatizer,
    tokens_key,
)
from .matching import Rendering, render
from .model import Evidence, Glossary, GlossaryEntry, glossary_from_dict, glossary_to_dict
from .patterns import term_patterns
from .phrases import WordAssociation
from .rankings import KeptRanking, Rankings, keep_rankings, kept_rankings
from .sources import Source, Unit, article_units
from .words import single_word_terms

#: Finds below this confidence are not proposed at all (they would only be noise to review).
MIN_CONFIDENCE = 0.05
#: Entries at or above this confidence are the glossary; those below are candidates, kept apart. Set
#: from the calibration measured on judged NTREX dev entries (``bench/glossary_ntrex.py``).
TERMS_THRESHOLD = 0.8
#: Evidence beads kept per entry.
MAX_EVIDENCE = 2


def build_glossary(
    sources: Iterable[Source] | Inputs,
    *,
    existing: Glossary | str | os.PathLike | None = None,
    nlp: str = "builtin",
    lemmatize: Lemmatize | None = None,
    term_pairs: Sequence[tuple[str, str, str]] = (),
    glossary: str = "",
    min_confidence: float = MIN_CONFIDENCE,
    threshold: float = TERMS_THRESHOLD,
    progress: Callable[[Iterable, str], Iterable] | None = None,
    notes: list[str] | None = None,
    on_error: Callable[[str], None] | None = None,
    engine: Engine | None = None,
    cache: ResultCache | None = None,
) -> Glossary:
    """Glossary entries from ``sources``: aligned articles, alignments, articles, or paths of article
    files, folders and ``*.alignment.jsonl`` (or the :class:`~ushtil.read.inputs.Inputs` collected of
    them). Alignments are used as they stand; the rest is aligned
    once, as ``ushtil align`` aligns it (``term_pairs``: the (en, kk, ru) terms of the ``glossary``
    file the aligner takes as evidence; ``nlp``: the splitter and lemmatiser).

    With ``existing`` (a glossary or the path of the curated store), the result is that glossary with
    the build merged in by the store's rules (:func:`merge_glossary`). ``notes`` receives how the
    inputs were read (an alignment standing for its article, alignments made with other settings).
    Finds at or above ``threshold`` are the entries; those from ``min_confidence`` up to it are the
    glossary's ``candidates``.

    With ``on_error``, a source that cannot be read is reported to it (one line) and the others are
    still used; without it the first bad source raises. With a ``cache`` (a work folder's), what the
    build takes of alignment files read before is taken from it (:func:`.sources.article_units`),
    each article's tokens are kept there and made again only for articles whose text changed, and
    the whole build is kept too, taken again when every unit and setting is as it was; ``notes``
    then says which was done and why. With a parallel ``engine`` the distinct words are lemmatised
    and the candidates rendered on its workers (:func:`.index.articles_tokens`, :func:`_render_everything`).
    """
    errors: list[str] | None = [] if on_error is not None else None
    found = article_units(sources, term_pairs=term_pairs, glossary=glossary, nlp=nlp, progress=progress,
                          errors=errors, engine=engine, cache=cache)
    for line in errors or []:
        on_error(line)
    if notes is not None:
        notes.extend(found.notes)
    if not found.articles:
        raise UshtilError("nothing to build a glossary from: no articles or alignments given")
    articles = found.articles
    units: list[Unit] = [unit for article_units in articles for unit in article_units]
    if not units:
        raise UshtilError("no parallel text found: the sources have no title, keywords or aligned beads "
                          "in two or more languages")
    cache = cache if cache is not None and cache.folder and lemmatize is None and nlp == "builtin" else None
    key = _build_key(found.digests, nlp, min_confidence, threshold) if cache is not None else ""
    built = _last_build(cache, key) if cache is not None else None
    if built is not None:
        _note(notes, f"the beads of all {len(articles)} article(s) and the settings are as at the last build: "
                     f"its glossary taken from {cache.folder}")
    else:
        with _collector_paused():
            keys = [tokens_key(digest, nlp) for digest in found.text_digests] if cache is not None else None
            tokens, made = corpus_tokens(articles, lemmatize, nlp=nlp, cache=cache, engine=engine, keys=keys)
            sizes = [len(article) for article in articles]
            indexes, indexed = cached_indexes(tokens, keys, sizes, cache) if cache is not None else (None, 0)
            rankings, compositions, ranked_over = (kept_rankings(cache, keys, sizes, indexes) if cache is not None
                                                   else (None, None, 0))
            finds, found_over = kept_finds(cache, keys, sizes) if cache is not None else (None, 0)
            built = glossary_from_units(units, lemmatize or library_lemmatizer(nlp), min_confidence, threshold,
                                        tokens, engine, indexes, rankings, compositions,
                                        render_here=_renders_here(ranked_over, len(articles)), finds=finds)
            keep_to_end(found, tokens)  # (the indexes and rankings with what rendered them, below)
        if cache is not None:
            kept = (cache, key, built, keys, sizes, rankings, compositions, finds, found_over)
            if engine is not None:
                cache.flush()  # (a worker forked to store it finds nothing of this process's uncommitted)
                engine.meanwhile(_keep_build, kept)
            else:
                _keep_build(kept)
            index_note = (f"the index of the first {indexed} taken from the last build and "
                          f"{len(articles) - indexed} added to it" if indexed else
                          "the index made anew (no earlier build counted the first of these articles in order)")
            _note(notes, f"tokens and lemmas of {made} article(s) made, {len(articles) - made} taken from "
                         f"{cache.folder}; {index_note}; {_finds_note(finds, len(units))}; "
                         f"{_ranking_note(rankings, compositions, ranked_over, len(articles))}")
    built.signature = (f"ushtil {__version__} glossary; nlp={nlp}; sources={len(found.articles)}; "
                       f"units={len(units)}; threshold={threshold:g}")
    if existing is None:
        return built
    from .store import load_glossary, merge_glossary

    store = existing if isinstance(existing, Glossary) else load_glossary(existing)
    merged = merge_glossary(store, built)
    known = {entry.en.casefold() for entry in merged.entries}
    merged.candidates = [entry for entry in built.candidates if entry.en.casefold() not in known]
    merged.threshold = threshold
    return merged


def _keep_build(kept: tuple) -> None:
    """Store what the next build starts from: this build's glossary, rankings and finds. Handed to
    :meth:`.Engine.meanwhile`: on a forked worker while the command writes its outputs (none of
    which reads them), in a connection of its own (a forked process must not use the one it
    inherited, :meth:`.ResultCache.reopened`)."""
    cache, key, built, keys, sizes, rankings, compositions, finds, found_over = kept
    cache = cache.reopened()
    cache.put_bytes(_LAST_BUILD, marshal.dumps({"key": key, "glossary": glossary_to_dict(built)}))
    keep_rankings(cache, keys, sizes, rankings, compositions)
    keep_finds(cache, keys, sizes, finds, found_over)
    cache.flush()


def _ranking_note(rankings: dict[str, Rankings], compositions: Remembered, ranked_over: int, articles: int) -> str:
    """What of the renderings' rankings was taken from the last build, and why the rest was not."""
    reused = sum(len(found.reused) for found in rankings.values())
    made = sum(len(found.made) for found in rankings.values()) - reused
    chosen = sum(len(found.choices.reused) for found in rankings.values())
    settled = sum(len(found.choices.settled) for found in rankings.values())
    choices = chosen + sum(len(found.choices.made) for found in rankings.values())
    if not ranked_over:
        return (f"the renderings of all {made} candidate-language pairs ranked anew (no earlier build ranked "
                "the first of these articles in order: an article changed, was removed or sorts before others)")
    return (f"the renderings of {made} candidate-language pairs ranked anew (their beads changed, "
            f"a gram beside them is written otherwise now, or too few of their best kept ones stay first), "
            f"{reused} taken from the ranking over the first {ranked_over} article(s), rescored: "
            f"{articles - ranked_over} new article(s) can only lower the scores of the grams ranked below them; "
            f"{chosen} renderings chosen from their ranking as the last build chose them (the same ranked grams, "
            f"reading no count the new articles changed), {settled} finished from the last build's choice "
            f"(a term's shortlist whose word supports, bounded, still show which renderings it weighs), "
            f"{choices - chosen - settled} chosen anew; "
            f"{len(compositions.reused)} terms composed word by word as the last build composed them, "
            f"{len(compositions.made)} composed anew; "
            f"{sum(len(found.associations_made) for found in rankings.values())} word supports and noun-phrase "
            "tests of renderings worked out anew (a word of theirs is in the new articles, or the last build "
            "had no need of them)")


def _finds_note(finds: UnitFinds, units: int) -> str:
    if finds.taken:
        return (f"the candidates' finds of the first {finds.taken} units taken from the last build and "
                f"{units - finds.taken} looked for")
    return f"the candidates are found over all {units} units again"


def _note(notes: list[str] | None, note: str) -> None:
    if notes is not None:
        notes.insert(0, note)


#: New articles, as a share of the articles the kept rankings were made over, up to which the
#: candidates are rendered in this process whatever ``--jobs``: nearly every rendering is then taken
#: from the last build, and a pool of workers costs more than it shares out (+1 article in 1,000: a
#: second more CPU, and no sooner done on two busy cores).
RENDER_HERE_SHARE = 0.01


def _renders_here(ranked_over: int, articles: int) -> bool:
    """Whether the candidates are rendered in this process, the last build's rankings leaving little
    to redo (:data:`RENDER_HERE_SHARE`); the glossary is the same either way."""
    return bool(ranked_over) and articles - ranked_over <= RENDER_HERE_SHARE * ranked_over


def _load_language_data() -> None:
    """Load the lemmatisers, known names and sound keys here, once, before the renderers are forked:
    they inherit them, where each would otherwise load its own copy (most of a second of CPU each).
    Not the word frequencies: only the single-word terms read them, on one worker, which loads them
    while this process finds the candidates (loaded here, they held up every worker's start by a
    quarter of a second)."""
    from ..translit import name_similarity
    from .index import load_lemmatizers
    from .known import known_names

    load_lemmatizers("builtin")
    known_names()
    name_similarity("Astana", "Астана")


#: The cache slot of the last build: one entry, overwritten by the next build (a few MB each for a
#: large archive; one per corpus state would grow with every re-run). Kept with ``marshal``, which
#: every re-run reads (to compare its key) and writes in about a third of JSON's time (a 1,000-article
#: build's glossary: 0.01 s and 0.011-0.015 s against 0.015-0.026 s and 0.028-0.044 s).
_LAST_BUILD = cache_key("glossary: last build (marshal)", {}, [])


def _last_build(cache: ResultCache, key: str) -> Glossary | None:
    """The last build's glossary when it was made under ``key`` (the same beads and settings)."""
    stored = cache.get_decoded(_LAST_BUILD, marshal.loads)
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    return glossary_from_dict(stored.get("glossary"))


def _build_key(digests: list[str], nlp: str, min_confidence: float, threshold: float) -> str:
    """The cache key of a whole build: every unit as it stands (article, section, texts) in order
    (each article's :func:`.sources.units_digest`), the settings and this code; any other corpus is
    another key."""
    return cache_key("glossary: build", {"nlp": nlp, "min_confidence": min_confidence, "threshold": threshold},
                     digests)


@contextmanager
def _collector_paused():
    """The build makes millions of small dicts, sets and tuples that live until it ends; Python's cycle
    collector, triggered by every few hundred of them, scanned them again and again (a quarter of a
    1,000-article build). Paused for the build, it runs again after (its next full collection sees them)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            if gc.get_freeze_count() == 0:  # (a caller that froze objects itself keeps them frozen)
                # what the build made is moved to the oldest generation unscanned: enabled with it all
                # in the youngest, the collector's first run scanned every object of the build at once
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def glossary_from_units(units: list[Unit], lemmatize: Lemmatize, min_confidence: float = MIN_CONFIDENCE,
                        threshold: float = 0.0, tokens: dict[str, list[Tokens]] | None = None,
                        engine: Engine | None = None, indexes: dict[str, LanguageIndex] | None = None,
                        rankings: dict[str, Rankings] | None = None,
                        compositions: Remembered | None = None, render_here: bool = False,
                        finds: UnitFinds | None = None) -> Glossary:
    """Entries for every English candidate with a rendering in Kazakh or Russian; those below
    ``threshold`` as candidates (``tokens``: the units' tokens, :func:`.index.corpus_tokens`;
    ``indexes``: their indexes when made already, :func:`.index.cached_indexes`; ``rankings``: per
    language, the last build's rankings of renderings, and where this build's go, :mod:`.rankings`;
    ``compositions``: the terms it composed word by word, :mod:`.choices`; ``finds``: what the units
    found of the candidates at the last build, brought up to all of them, :func:`.candidates.find_candidates`).
    With a parallel ``engine`` the candidates are rendered on this machine's cores, or with
    ``render_here`` in this process while one worker finds the single-word terms (see
    :func:`_render_everything`)."""
    indexes = indexes or build_indexes(units, lemmatize, tokens)
    english = indexes["en"]
    rankings = rankings or {}
    changed = compositions.changed if compositions else {}
    words = {lang: WordAssociation(english, indexes[lang], rankings[lang].associations,
                                   (changed.get("en", set()), changed.get(lang, set())),
                                   rankings[lang].associations_made, compositions.since if compositions else 0)
             if lang in rankings else WordAssociation(english, indexes[lang]) for lang in ("kk", "ru")}
    corpus = _Corpus(units=units, indexes=indexes, words=words,
                     composers={lang: PhraseComposer(words[lang]) for lang in ("kk", "ru")}, rankings=rankings,
                     compositions=compositions or Remembered(), finds=finds)
    rendered, single_words = _render_everything(corpus, engine, render_here)
    for lang, found in rankings.items():
        found.associations = words[lang].this_build()  # what the next build keeps
    unclear = _unclear_boundaries(rendered)
    entries = []
    for candidate, english_form, renderings in rendered:
        entry = _entry(candidate, english_form, renderings, units, candidate.key in unclear)
        if entry.confidence >= min_confidence:
            entries.append(entry)
    built = {entry.en.casefold(): entry for entry in entries}
    for term in single_words:
        same = built.get(term.english.casefold())
        if term.confidence >= min_confidence and (same is None or same.confidence < term.confidence):
            if same is not None:
                entries.remove(same)  # a surer reading of the word (poverty, not the name Poverty)
            renderings = {lang: Rendering(lang=lang, gram=r.gram, headword=r.headword, units=r.units, source="word",
                                          variants={r.headword: len(r.units)}, confidence=term.confidence,
                                          support=r.dice) for lang, r in term.renderings.items()}
            entries.append(_entry(Candidate(key=(term.key,), kind="term", units=term.units), term.english,
                                  renderings, units))
    keep_to_end(corpus, rendered)
    entries = _merge_spellings(entries)
    entries.sort(key=lambda entry: (-entry.confidence, -entry.frequency, entry.en.casefold()))
    assign_ids(entries)
    return Glossary(entries=[entry for entry in entries if entry.confidence >= threshold],
                    candidates=[entry for entry in entries if entry.confidence < threshold], threshold=threshold)


@dataclass
class _Corpus:
    """What rendering a candidate reads: the units, their indexes and word associations, the
    candidates (found by :func:`_render_everything`)."""

    units: list[Unit]
    indexes: dict[str, LanguageIndex]
    words: dict[str, WordAssociation]
    composers: dict[str, PhraseComposer]
    rankings: dict[str, Rankings] = dataclasses.field(default_factory=dict)
    compositions: Remembered = dataclasses.field(default_factory=Remembered)
    candidates: list[Candidate] = dataclasses.field(default_factory=list)
    #: what each unit found of the candidates: the last build's (of the first units), then this one's
    finds: UnitFinds | None = None


#: Rendered: a candidate, its English form and its renderings per language.
Rendered = tuple[Candidate, str, dict[str, Rendering | None]]
#: Parts of the candidates handed to each worker (more parts than workers, so they end together).
PARTS_PER_WORKER = 4


def _render_everything(corpus: _Corpus, engine: Engine | None,
                       here: bool = False) -> tuple[list[Rendered], list]:
    """The candidates found (``corpus.candidates``), every candidate's renderings (in the candidates'
    order) and the single-word terms.

    Each candidate is rendered on its own from the corpus-wide indexes, so the candidates can be
    rendered in parts on a pool of processes (forked: they share the indexes this process built,
    which are never sent). The single-word terms need no candidates: they are the first part, which
    a worker starts on while this process finds the candidates (sent with their parts, which follow).
    The results are the same as rendered one after another: the renderers' caches only remember what
    they computed. Each part is a run of neighbouring candidates, which share many words and so much
    of what those caches hold (every eighth candidate to each part cost 57 % more CPU in all: each
    worker computed nearly everything again). A Dask cluster would need the indexes sent to every
    worker, so with one this machine's cores render.

    ``here``: the candidates are found and rendered in this process (little is left to redo), and
    with a parallel ``engine`` one forked worker finds the single-word terms meanwhile."""
    if engine is None or not engine.parallel or here:
        # (the corpus is the worker's shared object: a forked worker inherits it, never sent)
        with aside(_render_part, None, engine=engine.local() if engine is not None else None,
                   shared=corpus) as single_words:
            corpus.candidates = find_candidates(corpus.units, corpus.indexes["en"], corpus.finds)
            rendered = [(corpus.candidates[number], english_form, renderings)
                        for number, (english_form, renderings) in _rendered(enumerate(corpus.candidates), corpus)]
            found = single_words()
        if not found.ok:
            raise UshtilError(f"glossary: single-word terms: {found.error}")
        return rendered, found.value
    local = engine.local()
    _load_language_data()

    def parts():
        yield None
        corpus.candidates = find_candidates(corpus.units, corpus.indexes["en"], corpus.finds)
        count = len(corpus.candidates)
        size = max(1, -(-count // (local.jobs * PARTS_PER_WORKER)))
        for start in range(0, count, size):
            yield [(number, corpus.candidates[number]) for number in range(start, min(start + size, count))]

    outcomes = run_each(_render_part, parts(), engine=local, shared=corpus)
    for outcome in outcomes:
        if not outcome.ok:
            raise UshtilError(f"glossary: rendering the candidates: {outcome.error}")
    made: dict[str, dict] = {lang: {} for lang in corpus.rankings}
    chosen: dict[str, dict] = {lang: {} for lang in corpus.rankings}
    corpus.compositions.made, corpus.compositions.reused = {}, []
    for outcome in outcomes[1:]:
        for lang, (ranked, reused, choices, choices_reused, settled, associations) in outcome.value[1].items():
            made[lang].update(ranked)
            corpus.words[lang].made.update(associations)
            corpus.rankings[lang].reused.extend(reused)
            chosen[lang].update(choices)
            corpus.rankings[lang].choices.reused.extend(choices_reused)
            corpus.rankings[lang].choices.settled.extend(settled)
        composed, composed_reused = outcome.value[2]
        corpus.compositions.made.update(composed)
        corpus.compositions.reused.extend(composed_reused)
    for lang, found in made.items():
        corpus.rankings[lang].made = found
        corpus.rankings[lang].choices.made = chosen[lang]
    numbered = sorted((number, found) for outcome in outcomes[1:] for number, found in outcome.value[0])
    return ([(corpus.candidates[number], english_form, renderings) for number, (english_form, renderings) in numbered],
            outcomes[0].value)


def _render_part(part: list[tuple[int, Candidate]] | None,
                 corpus: _Corpus) -> list | tuple[list, dict[str, tuple[dict[tuple, KeptRanking], list]]]:
    """One part's renderings, numbered by candidate, with the rankings and choices it made and the
    candidates whose kept ones it took, per language (run in a worker); ``None``: the single-word terms."""
    if part is None:
        return _single_words(corpus)
    for found in corpus.rankings.values():
        found.made, found.reused = {}, []
        found.choices.made, found.choices.reused, found.choices.settled = {}, [], []
    for words in corpus.words.values():
        words.made = {}
    corpus.compositions.made, corpus.compositions.reused = {}, []
    rendered = _rendered(part, corpus)
    return (rendered, {lang: (found.made, found.reused, found.choices.made, found.choices.reused,
                              found.choices.settled, corpus.words[lang].made)
                       for lang, found in corpus.rankings.items()},
            (corpus.compositions.made, corpus.compositions.reused))


def _rendered(numbered: Iterable[tuple[int, Candidate]],
              corpus: _Corpus) -> list[tuple[int, tuple[str, dict[str, Rendering | None]]]]:
    """The English form and renderings of the numbered candidates that have a rendering."""
    english = corpus.indexes["en"]
    few_units = term_patterns("en").min_term_units
    rendered = []
    for number, candidate in numbered:
        english_form = _english_form(candidate, english)
        composed = _composed(candidate, corpus)
        renderings = composed[0] if composed else None
        recurring = len(candidate.units) >= few_units
        if renderings is None and _running_term(candidate) and not recurring:
            continue  # too rare to be rendered by co-occurrence
        if renderings is not None and recurring and not all(r.confidence for r in renderings.values()):
            renderings = None  # an unsure composed form: co-occurrence may show the term's form
        if renderings is not None and composed[1]:
            english_form = english.surfaces[" ".join(candidate.key)].most_common(1)[0][0]
        if renderings is None:
            renderings = {lang: render(candidate, english, corpus.indexes[lang], corpus.units, english_form,
                                       corpus.words[lang], corpus.rankings.get(lang)) for lang in ("kk", "ru")}
            if not all(renderings.values()):
                renderings = _with_translated_name(candidate, renderings, corpus)
        if any(renderings.values()):
            rendered.append((number, (english_form, renderings)))
    return rendered


def _single_words(corpus: _Corpus) -> list:
    return single_word_terms(corpus.indexes["en"], corpus.words)


def _running_term(candidate: Candidate) -> bool:
    """A term found in running text (not a name, a demonym or a keyword)."""
    return candidate.kind == "term" and not candidate.demonym and not candidate.keyword_units


def _composed(candidate: Candidate, corpus: _Corpus) -> tuple[dict[str, Rendering], bool] | None:
    """A running-text two-word term's renderings composed word by word (:mod:`.compose`), when
    both languages show one, and whether the term is plural in all three languages; taken from the
    last build when composed there from the same beads, reading no count changed since (:mod:`.choices`)."""
    if not _running_term(candidate) or len(candidate.key) != 2:
        return None
    return _recalled_composition(candidate, corpus)


def _with_translated_name(candidate: Candidate, renderings: dict[str, Rendering | None],
                          corpus: _Corpus) -> dict[str, Rendering | None]:
    """A two-word name translated, not transliterated, composed word by word where co-occurrence gave
    it no rendering: in a bead of several names each one's words co-occur with all of them alike, so
    the name's own evidence is its words' (Great Game = Ұлы ойын = Большая игра: great ~ ұлы, большая;
    game ~ ойын, игра). Every word's translation must be shown by the corpus and the two must stand
    side by side in the bead, in every bead of the name showing one (:mod:`.compose`)."""
    if candidate.kind != "name" or len(candidate.key) != 2:
        return renderings
    composed = _recalled_composition(candidate, corpus, name=True)
    if composed is None:
        return renderings
    return {lang: rendering or composed[0][lang] for lang, rendering in renderings.items()}


def _recalled_composition(candidate: Candidate, corpus: _Corpus,
                          name: bool = False) -> tuple[dict[str, Rendering], bool] | None:
    """:func:`_composition`'s renderings of a two-word candidate, taken from the last build when
    composed there from the same beads, reading no count changed since (:mod:`.choices`); ``name``:
    a translated name's, every word shown by the corpus, kept apart from the running-text terms'
    compositions (keys of two words) by a key of three."""
    composition = corpus.compositions.recall(
        ("name", *candidate.key) if name else candidate.key, (candidate.units,),
        lambda: _composition(candidate.key, candidate.units, corpus.composers, every_word=name),
        [corpus.indexes[lang] for lang in ("en", "kk", "ru")])
    if composition is None:
        return None
    found, plural = composition
    # its confidence: the weakest word's support, none when the dictionary form is unsure
    return {lang: Rendering(lang=lang, gram=gram, headword=form, variants={form: len(holding)},
                            confidence=support if sure else 0.0, units=list(holding), source="composed",
                            support=support)
            for lang, gram, form, holding, support, sure in found}, plural


def _composition(key: tuple[str, ...], units: list[int], composers: dict[str, PhraseComposer],
                 every_word: bool = False) -> Composition | None:
    """:func:`_composed`'s renderings as a :data:`.choices.Composition` (what is kept for the next build);
    ``every_word``: each word's translation shown by the corpus (:meth:`.PhraseComposer.rendering`)."""
    found = {lang: composers[lang].rendering(key, units, every_word) for lang in ("ru", "kk")}
    if None in found.values():
        return None
    grams = {lang: found[lang][0] for lang in found}
    english = composers["ru"].english
    plural = written_plural(english, " ".join(key), {lang: composers[lang].target for lang in found}, grams)
    renderings, adjective = [], False
    for lang in ("ru", "kk"):
        gram, holding, support = found[lang]
        form, sure = composed_headword(composers[lang].target, gram, plural, adjective)
        adjective = lang == "ru" and starts_with_adjective(form)
        renderings.append((lang, gram, form, holding, support, sure))
    return tuple(renderings), plural


def _english_form(candidate: Candidate, english: LanguageIndex) -> str:
    """Keywords as listed; names and acronyms as written (English names do not inflect); terms in
    dictionary form."""
    if candidate.keyword_forms:
        return candidate.keyword_forms.most_common(1)[0][0]
    if candidate.kind == "name" or candidate.demonym:
        written = Counter(_written(english.sides[u], candidate.key) for u in candidate.units[:50])
        written.pop("", None)
        capitalised = [form for form, _ in written.most_common() if form[:1].isupper()]
        if capitalised:
            return capitalised[0]
    return headword(english, " ".join(candidate.key))


def _written(side, key: tuple[str, ...]) -> str:
    """How ``side`` writes the words of ``key`` (first occurrence), "" if it does not hold them."""
    keys, n = side.keys, len(key)
    start, stop = 0, len(keys) - n + 1
    while n and start < stop:  # the places holding the key's first word, one by one
        try:
            start = keys.index(key[0], start, stop)
        except ValueError:
            return ""
        if tuple(keys[start:start + n]) == key:
            return " ".join(side.surface[start:start + n])
        start += 1
    return ""


def _unclear_boundaries(rendered: list[tuple[Candidate, str, dict[str, Rendering | None]]]) -> set[tuple[str, ...]]:
    """Running-text terms whose extent the corpus does not show: a term found in exactly the beads of
    a longer one holding it (disaster mitigation, mitigation agency, disaster mitigation agency).
    Where the longer one's renderings hold the shorter one's in both languages (deep tropical
    moisture = қатты тропикалық ылғал, тропическая влажность ⊇ тропикалық ылғал, тропическая
    влажность), the shorter is the term and only the longer is unclear; otherwise both are."""
    terms = {candidate.key: (tuple(candidate.units), renderings) for candidate, _, renderings in rendered
             if candidate.kind == "term" and not candidate.demonym and not candidate.keyword_units}
    unclear = set()
    for key, (found, renderings) in terms.items():
        for size in range(2, len(key)):
            for start in range(len(key) - size + 1):
                part = key[start:start + size]
                if part not in terms or terms[part][0] != found:
                    continue
                unclear.add(key)
                if not all(_holds_words(renderings[lang], terms[part][1][lang]) for lang in ("kk", "ru")):
                    unclear.add(part)
    return unclear


def _holds_words(longer: Rendering | None, shorter: Rendering | None) -> bool:
    """Whether the longer term's rendering holds the shorter one's words in a row."""
    if longer is None or shorter is None:
        return False
    return f" {shorter.headword.casefold()} " in f" {longer.headword.casefold()} "


def _entry(candidate: Candidate, english_form: str, renderings: dict[str, Rendering | None],
           units: list[Unit], unclear: bool = False) -> GlossaryEntry:
    found = {lang: rendering for lang, rendering in renderings.items() if rendering}
    if candidate.kind == "name" and len(found) == 2:
        _reconcile(found["kk"], found["ru"])
    if candidate.kind == "term" and not candidate.demonym:
        for rendering in found.values():
            _rename(rendering, _sentence_case_off(rendering.headword))
    association = min(renderings[lang].confidence if renderings[lang] else 0.0 for lang in ("kk", "ru"))
    kk, ru = (found[lang].headword if lang in found else "" for lang in ("kk", "ru"))
    confidence = entry_confidence(EntryEvidence(
        kind=candidate.kind, en=english_form, kk=kk, ru=ru, association=association,
        both=min((len(rendering.units) for rendering in found.values()), default=0),
        known=all(rendering.source == "known" for rendering in found.values()),
        from_keywords=any(rendering.source == "keywords" for rendering in found.values()),
        composed=bool(found) and all(rendering.source == "composed" for rendering in found.values()),
        demonym=candidate.demonym, unclear=unclear,
        single_word=bool(found) and all(rendering.source == "word" for rendering in found.values()),
        support=min((rendering.support for rendering in found.values()), default=0.0)))
    variants = {"en": {english_form: len(candidate.units)}}
    variants.update({lang: dict(rendering.variants) for lang, rendering in found.items()})
    articles = sorted({units[u].article for u in candidate.units})
    return GlossaryEntry(
        id="",
        en=english_form,
        kk=kk,
        ru=ru,
        variants=variants,
        kind=candidate.kind,
        frequency=len(candidate.units),
        articles=articles,
        confidence=round(confidence, 4),
        evidence=_evidence(candidate, found, units),
        source="keywords" if candidate.keyword_units else "corpus",
    )


def _reconcile(kk: Rendering, ru: Rendering) -> None:
    """Name headwords cut to the form Kazakh and Russian share (Нэшвиллде / Нэшвилле → Нэшвилл)."""
    for rendering, form in zip((kk, ru), reconcile_names(kk.headword, ru.headword), strict=True):
        _rename(rendering, form)


def _rename(rendering: Rendering, form: str) -> None:
    """Give the rendering another headword, its count carried over in the variants."""
    if form != rendering.headword:
        count = rendering.variants.pop(rendering.headword, 1)
        rendering.variants[form] = rendering.variants.get(form, 0) + count
        rendering.headword = form


def _sentence_case_off(form: str) -> str:
    """Сильное землетрясение → сильное землетрясение: a term's capital came from a sentence start."""
    first = form.split(" ")[0]
    if first[:1].isupper() and first[1:].islower():
        return form[:1].lower() + form[1:]
    return form


def _evidence(candidate: Candidate, found: dict[str, Rendering], units: list[Unit]) -> list[Evidence]:
    """Beads holding the term in every language it was found in; sentences before keyword lists."""
    holding = Counter()
    for rendering in found.values():
        holding.update(rendering.units)
    ranked = heapq.nsmallest(MAX_EVIDENCE, candidate.units,
                             key=lambda u: (units[u].section == "keywords", -holding.get(u, 0), u))
    return [Evidence(article=units[u].article, text=dict(units[u].text), section=units[u].section)
            for u in ranked]


def _merge_spellings(entries: list[GlossaryEntry]) -> list[GlossaryEntry]:
    """One entry for English spellings with the same renderings (USA, U.S. → АҚШ / США)."""
    kept: dict[tuple[str, str, str], GlossaryEntry] = {}
    merged = []
    for entry in sorted(entries, key=lambda e: -e.frequency):
        key = (entry.kind, entry.kk.casefold(), entry.ru.casefold())
        first = kept.get(key) if entry.kind == "acronym" and entry.kk and entry.ru else None
        if first is None:
            kept[key] = entry
            merged.append(entry)
            continue
        first.variants["en"][entry.en] = entry.frequency
        first.frequency += entry.frequency
        first.articles = sorted(set(first.articles) | set(entry.articles))
        first.confidence = max(first.confidence, entry.confidence)
    return merged
