"""Each candidate's possible renderings ranked by score, kept from one build for the next.

Ranking a candidate's renderings scores every gram of the other language that co-occurs with it
(:func:`.matching._scores`): the costly part of rendering, which every new article would otherwise
make again for every candidate, since a gram's score holds its corpus-wide frequency. What of it a
build after articles were *added* can take from the last one, and why that ranks as a fresh build:

- A candidate whose units (the beads holding it with text in the language), kind and English form
  are as before co-occurs with the same grams, each in as many of its beads (old beads do not
  change while the old articles stand first, in order, as they were).
- A new article only adds occurrences: a gram's frequency grows or stays, so its score (Dice, times
  a factor of its length, plus a spelling likeness for names) falls or stays. The likeness and
  whether the gram may render the candidate at all read how the gram is usually written; a gram
  whose usual form the new articles changed makes every candidate co-occurring with it ranked anew.
- A kept gram the new articles do not hold has the counts and written forms it had, so its score
  is the one kept with it; only the kept grams the new articles hold are scored again. A ranking
  taken again is kept for the next build with the scores as rescored: kept with the last build's
  scores, a gram the articles added between the two builds lowered would keep its higher score.
- So a gram outside the kept best KEPT_RANKED cannot climb above the last of them as it was ranked
  (its *boundary*): the kept grams scored again that still rank before the boundary are exactly the
  first ones of a fresh ranking. When they are too few for what the renderer reads (the first
  PHRASE_SHORTLIST of a running-text term, the best and its runner-up otherwise), the candidate is
  ranked anew.

A changed, removed or reordered article changes beads under the kept ranks: then everything is
ranked anew (the index is made anew then too, :func:`.index.cached_indexes`).
"""

from __future__ import annotations

import marshal
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..cache import ResultCache, cache_key
from .choices import Remembered, changed_grams, is_choice, is_composition, kept_entry
from .index import LanguageIndex, analyse_side

#: Ranked grams kept per candidate and language: more than the renderer reads of a phrase's
#: (PHRASE_SHORTLIST), so that a few falling behind the boundary still leave enough.
KEPT_RANKED = 64

Ranked = list[tuple[str, float]]
#: A candidate as its ranking depends on it: key, kind, demonym.
CandidateKey = tuple[tuple[str, ...], str, bool]


@dataclass
class KeptRanking:
    """What one candidate's ranking in one language needs to be taken again: its units and English
    form, its best grams with the units each shares with it and the score each had, and the
    boundary (score, gram) of the last gram kept (None: every gram that co-occurs is kept)."""

    units: list[int]
    english_form: str
    grams: list[str]
    both: list[int]
    scores: list[float]
    boundary: tuple[float, str] | None

    def fields(self) -> tuple:
        return self.units, self.english_form, self.grams, self.both, self.scores, self.boundary


@dataclass
class Rankings:
    """The rankings of one language: those ``kept`` from the last build, those ``made`` in this one
    (the kept ones taken again among them, as rescored) and the candidates whose kept one was
    ``reused``, and the ``unsettled`` units, holding a gram whose usual written form the new
    articles changed, and the grams ``changed`` (held by the new articles: scored again); the renderings chosen
    from the rankings (:mod:`.choices`), kept and made likewise; and the word supports and noun-phrase
    tests of renderings (:class:`.phrases.WordAssociation`): those kept (once rendered, those the next
    build keeps) and those made in this build."""

    kept: dict[CandidateKey, KeptRanking] = field(default_factory=dict)
    unsettled: set[int] = field(default_factory=set)
    changed: set[str] = field(default_factory=set)
    made: dict[CandidateKey, KeptRanking] = field(default_factory=dict)
    reused: list[CandidateKey] = field(default_factory=list)
    choices: Remembered = field(default_factory=Remembered)
    associations: dict = field(default_factory=dict)
    associations_made: dict = field(default_factory=dict)

    def this_build(self) -> dict[CandidateKey, KeptRanking]:
        """Every ranking this build made or took again (rescored, in ``made`` too): what the next
        build starts from."""
        return dict(self.made)

    def ranked(self, candidate: CandidateKey, units: list[int], english_form: str,
               score: Callable[[Counter], dict[str, float]], cooccurring: Callable[[], Counter],
               enough: Callable[[Ranked, bool], bool]) -> Ranked:
        """The candidate's grams by descending score (ties by gram): all of them, or a first part
        that holds what ``enough`` asks for (given the part and whether it is all). ``score`` scores
        grams by the units they share with the candidate; ``cooccurring`` counts those units."""
        kept = self.kept.get(candidate)
        if (kept is not None and kept.units == units and kept.english_form == english_form
                and self.unsettled.isdisjoint(units)):
            scores = self.rescored(kept, score)
            ranked = rank(scores)
            if kept.boundary is not None:
                last = (-kept.boundary[0], kept.boundary[1])
                ranked = [item for item in ranked if (-item[1], item[0]) < last]
            if enough(ranked, kept.boundary is None):
                self.reused.append(candidate)
                # kept with the scores as rescored: the next build rescores only the grams its new
                # articles hold, so every other kept score must be this build's (the boundary, the
                # most a gram outside can score, still holds: scores only fall)
                self.made[candidate] = KeptRanking(units, english_form, kept.grams, kept.both,
                                                   [scores[gram] for gram in kept.grams], kept.boundary)
                return ranked
        counts = cooccurring()
        ranked = rank(score(counts))
        top = ranked[:KEPT_RANKED]
        boundary = (top[-1][1], top[-1][0]) if len(ranked) > KEPT_RANKED else None
        self.made[candidate] = KeptRanking(units, english_form, [gram for gram, _ in top],
                                           [counts[gram] for gram, _ in top], [value for _, value in top], boundary)
        return ranked

    def rescored(self, kept: KeptRanking, score: Callable[[Counter], dict[str, float]]) -> dict[str, float]:
        """The kept grams' scores now: each one the new articles hold scored again (``score``), the
        others' as kept (their counts and written forms are as they were)."""
        changed = self.changed
        scores = {gram: value for gram, value in zip(kept.grams, kept.scores, strict=True) if gram not in changed}
        scores.update(score(Counter({gram: both for gram, both in zip(kept.grams, kept.both, strict=True)
                                     if gram in changed})))
        return scores


def rank(scores: dict[str, float]) -> Ranked:
    """Grams by descending score, ties by gram (the same order every run)."""
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


#: The cache slot of the last build's rankings: one entry, overwritten by the next build.
_LAST_RANKINGS = cache_key("glossary: last rankings", {}, [])


def kept_rankings(cache: ResultCache | None, article_keys: list[str], sizes: list[int],
                  indexes: dict[str, LanguageIndex]) -> tuple[dict[str, Rankings], Remembered, int]:
    """Per language, the last build's rankings and choices when its articles (keys
    :func:`.index.tokens_key`, ``sizes`` units each) are the first ones here, in order (else none),
    with the units unsettled and the grams changed by the articles after them; the terms it composed
    (:mod:`.choices`); and how many articles these were made over (0: none kept). A kept entry that
    cannot be read is discarded."""
    empty = {lang: Rankings() for lang in ("kk", "ru")}
    payload = cache.get_bytes(_LAST_RANKINGS) if cache is not None else None
    if payload is None:
        return empty, Remembered(), 0
    try:
        keys, kept_sizes, stored, chosen, composed, associations = marshal.loads(payload)
        if keys != article_keys[:len(keys)] or kept_sizes != sizes[:len(keys)]:
            return empty, Remembered(), 0
        rankings = {lang: Rankings(kept={candidate: _kept(fields) for candidate, fields in stored[lang].items()},
                                   choices=Remembered(kept={candidate: kept_entry(fields, is_choice)
                                                            for candidate, fields in chosen[lang].items()}),
                                   associations=_kept_associations(associations[lang]))
                    for lang in empty}
        compositions = Remembered(kept={key: kept_entry(fields, is_composition) for key, fields in composed.items()})
    except (EOFError, ValueError, TypeError, KeyError, AttributeError):
        cache.discard(_LAST_RANKINGS)
        return empty, Remembered(), 0
    old_units = sum(kept_sizes)
    changed = {lang: changed_grams(index, old_units) for lang, index in indexes.items()}
    compositions.changed, compositions.since = changed, old_units
    for lang, found in rankings.items():
        found.unsettled = unsettled_units(indexes[lang], old_units)
        found.changed = changed[lang]
        found.choices.changed, found.choices.since = changed, old_units
    return rankings, compositions, len(keys)


def _kept_associations(associations: dict) -> dict:
    """Kept word supports and noun-phrase tests as stored; ValueError for a table of another shape."""
    if not isinstance(associations, dict) or not all(
            isinstance(found, bool) if isinstance(item, str) else
            (isinstance(item, tuple) and len(item) == 2 and (found is None or len(found) == 2))
            for item, found in associations.items()):
        raise ValueError("not a table of word supports and noun-phrase tests")
    return associations


def _kept(fields: tuple) -> KeptRanking:
    """A kept ranking as stored; ValueError or TypeError for one of another shape."""
    kept = KeptRanking(*fields)
    if not (len(kept.grams) == len(kept.both) == len(kept.scores)
            and all(isinstance(value, float) for value in kept.scores)
            and (kept.boundary is None or len(kept.boundary) == 2)):
        raise ValueError("not a kept ranking")
    return kept


def keep_rankings(cache: ResultCache, article_keys: list[str], sizes: list[int], rankings: dict[str, Rankings],
                  compositions: Remembered) -> None:
    """Store this build's rankings, choices, composed terms, word supports and noun-phrase tests (what
    the next build starts from; the last two as :meth:`.phrases.WordAssociation.this_build` left them
    in ``rankings``)."""
    stored = {lang: {candidate: kept.fields() for candidate, kept in found.this_build().items()}
              for lang, found in rankings.items()}
    chosen = {lang: found.choices.this_build() for lang, found in rankings.items()}
    associations = {lang: found.associations for lang, found in rankings.items()}
    cache.put_bytes(_LAST_RANKINGS, marshal.dumps((article_keys, sizes, stored, chosen, compositions.this_build(),
                                                   associations)))
    cache.flush()


def unsettled_units(index: LanguageIndex, old_units: int) -> set[int]:
    """The units before ``old_units`` holding a gram whose usual written form (which decides whether
    it may render a name or a term, and how like a name it is spelled) the units after them changed."""
    added = _Written()
    for side in index.sides[old_units:]:
        if side is not None:
            analyse_side(side.surface, side.keys, side.breaks, side.starts, side.possessives, index.lang, added)
    unsettled = set()
    for gram, forms in added.items():
        now = index.surfaces[gram]
        before = Counter({form: count - forms.get(form, 0) for form, count in now.items()
                          if count > forms.get(form, 0)})
        if before and before.most_common(1)[0][0] != index.usual_form(gram):
            unsettled.update(u for u in index.postings[gram] if u < old_units)
    return unsettled


class _Written(dict):
    """The counts of written forms :func:`.index.analyse_side` adds, per gram (a Counter made on first use)."""

    def __missing__(self, gram: str) -> Counter:
        found = self[gram] = Counter()
        return found
