"""Finding an English candidate's rendering in Kazakh or Russian, its variants and a confidence.

Over the units that hold the English term, every n-gram of the other language is a possible
rendering. Each is scored by Dice (how exclusively it occurs with the term), by how many words it
has compared with the English term, and — for names and acronyms — by spelling similarity across
scripts (Trump ~ Трамп) and shape (EU ~ ЕС are both acronyms). A keyword list paired by position
gives the rendering directly. The best rendering's confidence combines Dice, the log-likelihood
ratio (which grows with corpus size), the margin over the runner-up and the spelling evidence.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..langs import fold_spelling, get_language
from ..translit import name_similarity
from .association import Counts
from .candidates import Candidate
from .choices import Bounds, Choice, Entry, reads_apart
from .headwords import headword, name_endings
from .index import LanguageIndex, Side, is_acronym
from .known import known_name
from .patterns import term_patterns
from .phrases import WordAssociation, relative_position
from .rankings import Ranked, Rankings, rank
from .sources import Unit

#: How many alternative renderings (variants) one language may list besides the headword.
MAX_VARIANTS = 2
#: A variant must occur mostly with the English term: co-occurrences / its own frequency.
MIN_VARIANT_FIDELITY = 0.5
#: A variant shares the head (last) word with the headword (Орта Азия ~ Орталық Азия) or is spelled
#: much like it (Дайтеон Симпсон ~ Дейтон Симпсон).
VARIANT_SPELLING = 0.6


@dataclass
class Rendering:
    """The best rendering of a candidate in one language, with the evidence for it."""

    lang: str
    gram: str
    headword: str
    #: rendering → how often it stands where the English term does (headword included)
    variants: dict[str, int] = field(default_factory=dict)
    confidence: float = 0.0
    units: list[int] = field(default_factory=list)
    #: where the rendering came from: "corpus" (co-occurrence), "keywords" (paired lists), "known" (CLDR),
    #: "composed" (word by word, :mod:`.compose`), "word" (a single-word term, :mod:`.words`)
    source: str = "corpus"
    #: a running-text term's rendering: how well its words translate the term's (0..1)
    support: float = 0.0


@dataclass(frozen=True)
class Features:
    """What the confidence of a rendering is computed from (all in 0..1 except the counts)."""

    dice: float
    log_likelihood: float
    margin: float
    spelling: float
    shape: float
    by_position: float
    both: int

    def confidence(self) -> float:
        """Logistic combination with hand-set weights (not fitted): it ranks well — on NTREX dev the
        entries above 0.95 are nearly all right — but values in the middle are not probabilities."""
        strength = 1 - math.exp(-self.log_likelihood / 12)
        z = (-5.0 + 3.0 * self.dice + 2.5 * strength + 2.0 * self.margin + 2.5 * self.spelling
             + 1.0 * self.shape + 4.0 * self.by_position + 0.4 * math.log1p(self.both))
        return 1 / (1 + math.exp(-z))


def render(candidate: Candidate, english: LanguageIndex, target: LanguageIndex, units: list[Unit],
           english_form: str, words: WordAssociation | None = None,
           rankings: Rankings | None = None) -> Rendering | None:
    """The rendering of ``candidate`` in ``target.lang``, or None when nothing co-occurs with it; a
    known name's (CLDR) rendering when the text uses it. ``words``: the word association of English
    and ``target.lang``, which a running-text term's rendering is chosen by; ``rankings``: the
    rankings of ``target.lang`` kept from the last build and made in this one (:mod:`.rankings`)."""
    found = _corpus_rendering(candidate, english, target, units, english_form, words, rankings)
    known = known_name(english_form) if candidate.kind in ("name", "acronym") else None
    return _known_rendering(known.forms[target.lang], candidate, target, units, found) if known else found


def _corpus_rendering(candidate: Candidate, english: LanguageIndex, target: LanguageIndex, units: list[Unit],
                      english_form: str, words: WordAssociation | None = None,
                      rankings: Rankings | None = None) -> Rendering | None:
    """The rendering the co-occurrence statistics point to: chosen from the ranked grams (or the
    paired keyword lists), or taken from the last build when made from the same (:mod:`.choices`)."""
    shared = [u for u in candidate.units if target.sides[u] is not None]
    if not shared:
        return None
    from_keywords = _keyword_rendering(candidate, target, units)
    phrase = words is not None and candidate.kind == "term" and not candidate.demonym and not from_keywords
    if from_keywords:
        consumed = ("keywords", from_keywords)
    else:
        ranked = _ranked(candidate, english_form, shared, target, rankings, phrase)
        if not ranked:
            return None
        # what choosing reads of the ranking: a phrase's shortlist, else the best and its runner-up's score
        consumed = ("phrase", tuple(ranked[:PHRASE_SHORTLIST])) if phrase else ("best", ranked[0], _rival(ranked))

    def choose() -> Choice | None:
        return _choice(candidate, english, target, shared, english_form, words, consumed)

    def settle(kept: Entry) -> Choice | None:
        return _settled_phrase(kept, candidate, english, target, shared, english_form, words, consumed,
                               rankings.choices.changed)

    choice = (rankings.choices.recall((candidate.key, candidate.kind, candidate.demonym),
                                      (shared, english_form, consumed), choose, (target, english),
                                      settle if phrase else None)
              if rankings is not None else choose())
    return None if choice is None else _rendering_of(choice, target, len(shared))


#: Slack in comparing bounded weights: far above the rounding of their sums, far below their gaps.
BOUND_SLACK = 1e-9


def _settled_phrase(kept: Entry, candidate: Candidate, english: LanguageIndex, target: LanguageIndex,
                    shared: list[int], english_form: str, words: WordAssociation, consumed: tuple,
                    changed: dict[str, set[str]]) -> Choice | None:
    """A running-text term's kept choice as a fresh build makes it now, or None when that is not
    shown (:mod:`.choices`). It was made from the same beads, English form and shortlisted grams;
    their scores now are in ``consumed``, exact. Its headword and variants read no gram the new
    articles hold, so they stand. Each shortlisted gram's word support lies in its kept range widened
    by :meth:`.phrases.WordAssociation.drift`: when the noun phrases' weights so bounded show which
    :data:`POSITION_SHORTLIST` of them a fresh build weighs further (:func:`_surely_weighed`),
    :func:`_rank_phrases` of those alone ranks as it would of all, and the
    choice is finished from that: its gram must be the kept one, its margin, count and word support
    are worked out now."""
    (kept_shared, kept_form, kept_consumed), _, value = kept
    if (value is None or value[-1] is None or kept_shared != shared or kept_form != english_form
            or kept_consumed[0] != "phrase" or len(kept_consumed[1]) != len(consumed[1])):
        return None
    tail, spans = value[-1]
    if any(not changed[lang].isdisjoint(grams) for lang, grams in tail.items()):
        return None
    kept_spans = {gram: span for (gram, _), span in zip(kept_consumed[1], spans, strict=True)}
    if any(gram not in kept_spans for gram, _ in consumed[1]):
        return None
    # (a gram not weighed, no noun phrase, keeps no narrower range than any support's)
    now = dict.fromkeys(kept_spans, (0.0, 1.0))
    nouns = [(gram, score) for gram, score in consumed[1] if words.noun_phrase(gram)]
    for gram, _ in nouns:
        (low, high), (fall, rise) = kept_spans[gram], words.drift(candidate.key, gram)
        now[gram] = (max(low - fall, 0.0) if fall else low, min(high + rise, 1.0) if rise else high)
    weighed = _surely_weighed(nouns, now)
    if weighed is None:
        return None
    ranked = _rank_phrases(weighed, candidate, english, target, shared, words)
    if not ranked or ranked[0][0] != value[0]:
        return None
    best, runner_up = ranked[0][1], _runner_up(ranked)
    for weighed_gram, _ in weighed:
        support = words.support(candidate.key, weighed_gram)
        now[weighed_gram] = (support, support)
    gram, form, holding, _, _, spelling, shape, by_position, _, variants, source, _ = value
    return (gram, form, holding, max(target.frequency(gram), len(holding)), min(best - runner_up, 1.0), spelling,
            shape, by_position, words.support(candidate.key, gram, weakest=True), variants, source,
            (tail, [now[gram] for gram, _ in consumed[1]]))


#: Score a name's rendering gets per unit of spelling similarity with the English name (:func:`_scores`).
SPELLING_WEIGHT = 0.6
#: Score an acronym's rendering gets for being an acronym too (:func:`_scores`).
ACRONYM_BONUS = 0.3
#: Spelling similarity from which a name's rendering counts as spelled like it (Trump ~ Трамп).
CREDIBLE_SPELLING = 0.4


def _credible_name(candidate: Candidate, english_form: str, form: str, best: tuple[str, float],
                   rival: tuple[str, float], target: LanguageIndex) -> bool:
    """Whether the best rendering (``form``: its headword) of a name, acronym or demonym rests on
    evidence of its own: spelled like the English name (Java ~ Ява), an acronym for an acronym, or
    standing with it more exclusively (Dice) than the best rival gram. In a bead holding several names
    (the intersection of East and West = Шығыс пен Батыстың тоғысқан жері, beside Eurasia = Еуразия)
    every name's words co-occur with it alike: what put one first was a faint likeness of an inflected
    form (West ~ Востока, East ~ Еуразияның) or a few words more, a neighbour's words, not its own.
    Wrong pairs are worse than none: such a name gets no rendering."""
    if candidate.kind not in ("name", "acronym") and not candidate.demonym:
        return True
    gram = best[0]
    if candidate.kind == "acronym" and is_acronym(gram):
        return True
    # a demonym's own word is its last (Central Asian ~ азиялық, not the name's Центральной)
    english, written = (english_form, form) if not candidate.demonym else (english_form.split(" ")[-1],
                                                                             form.split(" ")[-1])
    if _spelled_like(english, written, target.lang) >= CREDIBLE_SPELLING:
        return True
    return not rival[0] or (_dice_of(candidate, english_form, best, target)
                            > _dice_of(candidate, english_form, rival, target) + 1e-9)


@lru_cache(maxsize=65536)
def _spelled_like(english: str, written: str, lang: str) -> float:
    """How alike a name and a rendering are spelled, word by word, each written word as its most alike
    nominative (Мэттом Дэймоном ~ Matt Damon as Мэтт Дэймон): an inflected form is no weaker evidence."""
    words, others = english.split(" "), written.split(" ")
    if len(words) != len(others):
        return name_similarity(english, written)
    return sum(max(name_similarity(word, form) for form in (other, *name_endings(other, lang)))
               for word, other in zip(words, others, strict=True)) / len(words)


def _dice_of(candidate: Candidate, english_form: str, ranked: tuple[str, float], target: LanguageIndex) -> float:
    """The Dice coefficient a ranked gram's score (:func:`_scores`) was made of."""
    gram, score = ranked
    words, _, acronym = target.shape(gram)
    score -= SPELLING_WEIGHT * name_similarity(english_form, target.usual_form(gram))
    score -= ACRONYM_BONUS if candidate.kind == "acronym" and acronym else 0.0
    return score / LENGTH_GAP_FACTORS[min(abs(words - len(candidate.key)), 2)]


def _runner_up(ranked: Ranked) -> float:
    """The score of the best gram after the first that shares no word with it (0 when none)."""
    return _rival(ranked)[1]


def _rival(ranked: Ranked) -> tuple[str, float]:
    """The best gram after the first that shares no word with it, with its score (("", 0) when none)."""
    gram = ranked[0][0]
    return next(((other, score) for other, score in ranked[1:] if not _overlaps(other, gram)), ("", 0.0))


def _surely_weighed(nouns: list[tuple[str, float]], spans: dict[str, tuple[float, float]]) -> list | None:
    """The :data:`POSITION_SHORTLIST` noun phrases (gram, score) that :func:`_rank_phrases` weighs by
    position, each one's word support known only as a range (``spans``): those of the highest least
    weight, when each one ranks before every other at its least weight and the other's most; else None."""
    nouns = sorted(nouns, key=lambda item: (-(item[1] + SUPPORT_WEIGHT * spans[item[0]][0]), item[0]))
    weighed, others = nouns[:POSITION_SHORTLIST], nouns[POSITION_SHORTLIST:]
    if not others or (min(score + SUPPORT_WEIGHT * spans[gram][0] for gram, score in weighed)
                      > max(score + SUPPORT_WEIGHT * spans[gram][1] for gram, score in others) + BOUND_SLACK):
        return weighed
    return weighed if all(_surely_before(item, other, spans) for item in weighed for other in others) else None


def _surely_before(item: tuple[str, float], other: tuple[str, float], spans: dict[str, tuple[float, float]]) -> bool:
    """Whether :func:`_rank_phrases` ranks ``item`` before ``other`` whatever their word supports in
    ``spans``: two supports known exactly (a range of one value, the support as worked out) weigh as
    there, ties by gram; else ``item``'s least weight must be above ``other``'s most."""
    (gram, score), (other_gram, other_score) = item, other
    (low, high), (other_low, other_high) = spans[gram], spans[other_gram]
    least, most = score + SUPPORT_WEIGHT * low, other_score + SUPPORT_WEIGHT * other_high
    if low == high and other_low == other_high:
        return (-least, gram) < (-most, other_gram)
    return least > most + BOUND_SLACK


def _choice(candidate: Candidate, english: LanguageIndex, target: LanguageIndex, shared: list[int],
            english_form: str, words: WordAssociation | None, consumed: tuple) -> Choice | None:
    """The rendering chosen from what ``consumed`` holds of the ranking (or the keyword lists), as a
    :data:`.choices.Choice`: its confidence is not in it (it reads the number of beads)."""
    phrase = consumed[0] == "phrase"
    tail: dict[str, list[str]] = {}  # what a phrase's headword and variants read (its Bounds)
    if consumed[0] == "keywords":
        gram, form, by_position = consumed[1]
        margin = 1.0
    else:
        if phrase:
            ranked = _rank_phrases(list(consumed[1]), candidate, english, target, shared, words)
            if not ranked:
                return None
            (gram, best), runner_up = ranked[0], _runner_up(ranked)
        else:
            (gram, best), (rival, runner_up) = consumed[1], consumed[2]
        margin = min(best - runner_up, 1.0)
        by_position = 0.0
        with reads_apart((target, english)) as tail:
            form = headword(target, gram, english_form if candidate.kind == "name" else "")
        if consumed[0] == "best" and not _credible_name(candidate, english_form, form, (gram, best), (rival, runner_up),
                                                        target):
            return None
    holding = [u for u in shared if _holds(target, u, gram)]
    with reads_apart((target, english)) as variants_read:
        variants = _variants(gram, form, candidate, english, shared, target)
    bounds: Bounds | None = None
    if phrase:
        for lang, grams in variants_read.items():
            tail[lang] = sorted({*tail.get(lang, ()), *grams})
        bounds = (tail, [(support, support) for support in
                         (words.support(candidate.key, other) for other, _ in consumed[1])])
    return (gram, form, holding, max(target.frequency(gram), len(holding)), margin,
            _spelling(candidate, english_form, form), 1.0 if candidate.kind == "acronym" and is_acronym(gram) else 0.0,
            by_position, words.support(candidate.key, gram, weakest=True) if phrase else 0.0, variants,
            "keywords" if consumed[0] == "keywords" else "corpus", bounds)


def _rendering_of(choice: Choice, target: LanguageIndex, shared: int) -> Rendering:
    """The rendering of a choice, its confidence from the counts of this corpus (a fresh object: what
    later steps change in it stays out of the choice kept)."""
    gram, form, holding, target_count, margin, spelling, shape, by_position, support, variants, source, _ = choice
    counts = Counts(both=len(holding), source=shared, target=target_count, total=target.total)
    features = Features(dice=counts.dice, log_likelihood=counts.log_likelihood, margin=margin, spelling=spelling,
                        shape=shape, by_position=by_position, both=len(holding))
    return Rendering(lang=target.lang, gram=gram, headword=form, variants=dict(variants),
                     confidence=features.confidence(), units=list(holding), source=source, support=support)


def _ranked(candidate: Candidate, english_form: str, shared: list[int], target: LanguageIndex,
            rankings: Rankings | None, phrase: bool) -> Ranked:
    """The grams that may render the candidate, best first: all of them, or (from kept ``rankings``)
    the first ones, as many as the renderer reads (a phrase's shortlist, or the best and its runner-up)."""

    def score(cooccurring: Counter) -> dict[str, float]:
        return _scores(candidate, english_form, cooccurring, len(shared), target)

    def cooccurring() -> Counter:
        found = Counter()
        for u in shared:
            found.update(target.sides[u].grams)
        return found

    def enough(ranked: Ranked, complete: bool) -> bool:
        if complete:
            return True
        if phrase:
            return len(ranked) >= PHRASE_SHORTLIST
        return bool(ranked) and any(not _overlaps(other, ranked[0][0]) for other, _ in ranked[1:])

    if rankings is None:
        return rank(score(cooccurring()))
    return rankings.ranked((candidate.key, candidate.kind, candidate.demonym), shared, english_form, score,
                           cooccurring, enough)


#: Renderings of a running-text term weighed by their words and position (the best by Dice first).
PHRASE_SHORTLIST = 40
#: Noun-phrase renderings kept and weighed by position (the best by Dice and support), and the beads
#: their position is measured in (the first ones).
POSITION_SHORTLIST = 4
POSITION_BEADS = 5
#: Weights of word support and (Russian) position added to a phrase rendering's Dice score.
SUPPORT_WEIGHT = 0.6
POSITION_WEIGHT = 0.3


def _rank_phrases(ranked: list[tuple[str, float]], candidate: Candidate, english: LanguageIndex,
                  target: LanguageIndex, shared: list[int], words: WordAssociation) -> list[tuple[str, float]]:
    """A term's renderings re-ranked: noun phrases only, by Dice plus how well their words translate
    the term's words, plus (Russian) how near the best of them stand to where the term stands."""
    supported = sorted(((gram, score + SUPPORT_WEIGHT * words.support(candidate.key, gram))
                        for gram, score in ranked[:PHRASE_SHORTLIST]), key=lambda item: (-item[1], item[0]))
    rescored = [item for item in supported if words.noun_phrase(item[0])][:POSITION_SHORTLIST]
    if target.lang != "ru":
        return rescored
    for number, (gram, score) in enumerate(rescored):
        places = [relative_position(english.sides[u], candidate.key, target.sides[u], gram)
                  for u in shared[:POSITION_BEADS] if gram in target.sides[u].grams]
        places = [place for place in places if place is not None]
        rescored[number] = gram, score + POSITION_WEIGHT * (sum(places) / len(places) if places else 0.0)
    return sorted(rescored, key=lambda item: (-item[1], item[0]))


#: Confidence of a known name's rendering found in most (or only some) of the term's beads.
KNOWN_CONFIDENCE = (0.99, 0.95)
#: Confidence of a known name's form found only in a bead next to the term's.
KNOWN_NEARBY_CONFIDENCE = 0.9
#: At most this confidence for a known name's rendering that is none of its known forms (Spain = Шап).
UNKNOWN_FORM_CONFIDENCE = 0.3


def _known_rendering(forms: tuple[str, ...], candidate: Candidate, target: LanguageIndex, units: list[Unit],
                     found: Rendering | None) -> Rendering | None:
    """The known name's standard form as the headword when the text uses one of its known forms in the
    term's beads (for an acronym, the form it uses most), with the text's forms and the corpus's other
    renderings that look like it (Орта Азия beside Орталық Азия) kept as variants. A known form is
    also looked for in the beads next to the term's (same article): a sentence the aligner put one
    bead off still shows how the text writes a known name."""
    shared = [u for u in candidate.units if target.sides[u] is not None]
    counts = {form: {u: _times_written(form, target.sides[u], target.lang) for u in shared} for form in forms}
    uses = {form: [u for u, n in counts[form].items() if n] for form in forms}
    best = max(forms, key=lambda form: (len(uses[form]), -forms.index(form)))
    holding = uses[best]
    if not holding:
        nearby = _known_nearby(forms, candidate, target, units)
        if nearby is not None:
            return nearby
        if found is not None and not any(_alike(found.headword, form) for form in forms):
            found.confidence = min(found.confidence, UNKNOWN_FORM_CONFIDENCE)
        return found
    covered = set(holding) | (set(found.units) if found is not None and _alike(found.headword, best) else set())
    confidence = KNOWN_CONFIDENCE[0] if 2 * len(covered) >= len(shared) else KNOWN_CONFIDENCE[1]
    # the standard (CLDR) name heads the entry, the text's own forms follow it as variants (Северная
    # Корея under КНДР); an acronym keeps the acronym the text uses (U.S. = АҚШ = США)
    standard = best if candidate.kind == "acronym" else forms[0]
    # as seen: КНДР unseen, Қытай as Кытай where typed without the Kazakh letters
    variants = Counter()
    for form in forms:
        for u in uses[form]:
            variants[_as_typed(form, target.sides[u], target.lang)] += counts[form][u]
    variants = dict(variants)
    if found is not None:
        for form, count in found.variants.items():
            if form not in variants and _alike(form, best):
                variants[form] = count
    gram = found.gram if found is not None and found.headword == standard else standard.casefold()
    return Rendering(lang=target.lang, gram=gram, headword=standard, variants=variants,
                     confidence=max(confidence, found.confidence if found and found.headword == best else 0.0),
                     units=holding, source="known")


def _known_nearby(forms: tuple[str, ...], candidate: Candidate, target: LanguageIndex,
                  units: list[Unit]) -> Rendering | None:
    """The known form written in a bead next to one of the term's, in the same article."""
    near = sorted({v for u in candidate.units for v in (u - 1, u + 1)
                   if 0 <= v < len(units) and units[v].article == units[u].article and target.sides[v] is not None}
                  - set(candidate.units))
    for form in forms:
        holding = [v for v in near if _times_written(form, target.sides[v], target.lang)]
        if holding:
            return Rendering(lang=target.lang, gram=form.casefold(), headword=form, variants={form: len(holding)},
                             confidence=KNOWN_NEARBY_CONFIDENCE, units=holding, source="known")
    return None


def _alike(form: str, other: str) -> bool:
    """Two renderings of one name: the same last word (Орта Азия, Орталық Азия) or spelled alike."""
    return form.split(" ")[-1].casefold() == other.split(" ")[-1].casefold() or name_similarity(form, other) >= 0.7


def _times_written(form: str, side: Side, lang: str) -> int:
    """How often the words of ``form`` stand in ``side`` in a row, each possibly inflected
    (Ұлыбританияның, Великобритании), but not made an adjective (Ресейлік, российский). A side typed
    without the language's own letters is searched for the form so typed (Қытай as Кытай)."""
    words = _as_typed(form, side, lang).split(" ")
    if _stem(words[0], lang) not in side.folded:
        return 0
    surface, first, rest = side.surface, words[0], words[1:]
    # the first word tells most places off before the others are looked at
    return sum(1 for i in range(len(surface) - len(rest)) if _word_form(first, surface[i], lang)
               and all(_word_form(word, surface[i + k], lang) for k, word in enumerate(rest, 1)))


def _as_typed(form: str, side: Side, lang: str) -> str:
    """A known form as ``side`` types it: through the stand-ins when typed without the language's own letters."""
    language = get_language(lang)
    return form.translate(language.stand_in_table) if language.typed_without_own_letters(side.folded) else form


def _stem(word: str, lang: str) -> str:
    """What every inflected form of a known name's word starts with (lower case, ё as е)."""
    folded = fold_spelling(word.casefold())
    if lang != "ru" or is_acronym(word):
        return folded
    return folded[:-2] if len(folded) > 5 else folded[:-1] if len(folded) > 3 else folded


@lru_cache(maxsize=65536)
def _word_form(word: str, token: str, lang: str) -> bool:
    """Whether ``token`` is ``word`` of a known name, inflected (remembered: names recur in many beads)."""
    if is_acronym(word):
        return token == word
    folded, written = fold_spelling(word.casefold()), fold_spelling(token.casefold())
    if written == folded:
        return True
    if lang == "kk":
        tail = written[len(folded):]
        # Ресейлік: an adjective made of the name, not the name itself
        return written.startswith(folded) and len(tail) <= 7 and not tail.startswith(_adjective_suffixes(lang))
    stem = _stem(word, lang)
    adjective_endings = term_patterns(lang).adjective_forms  # российский, Индонезийская: no noun's form
    adjective = folded.endswith(adjective_endings)
    return (written.startswith(stem) and len(written) <= len(folded) + 3
            and (adjective or not written.endswith(adjective_endings)))


def _keyword_rendering(candidate: Candidate, target: LanguageIndex,
                       units: list[Unit]) -> tuple[str, str, float] | None:
    """The rendering given by paired keyword lists: gram, form as listed, and 1.0 when the lists were
    paired by position (0.5 by similarity)."""
    listed: Counter = Counter()
    by_position = 0.0
    for u in candidate.keyword_units:
        side = target.sides[u]
        if side is None or not side.keys:
            continue
        listed[" ".join(side.keys), units[u].text[target.lang].strip()] += 1
        by_position = max(by_position, 1.0 if units[u].paired_by == "position" else 0.5)
    if not listed:
        return None
    grams = Counter()
    for (gram, _), count in listed.items():
        grams[gram] += count
    gram = grams.most_common(1)[0][0]
    form = max((count, text) for (other, text), count in listed.items() if other == gram)[1]
    return gram, form, by_position


def _holds(target: LanguageIndex, unit: int, gram: str) -> bool:
    side = target.sides[unit]
    if gram in side.grams:
        return True
    key = gram.split(" ")
    n = len(key)
    return any(side.keys[i:i + n] == key for i in range(len(side.keys) - n + 1))


def _adjective_of_people(gram: str, lang: str) -> bool:
    """How Kazakh and Russian write an adjective or a people of a country (индонезиялық, неміс;
    немецкий, австриец): a demonym is rendered by these, never by the country's name."""
    patterns = term_patterns(lang)
    last = gram.split(" ")[-1]
    return last.endswith(_adjective_suffixes(lang) + patterns.demonym_endings) or last in patterns.peoples


def _adjective_suffixes(lang: str) -> tuple[str, ...]:
    """The suffixes that make an adjective of a noun (Ресейлік), from the Kazakh lemmatiser's data."""
    if lang != "kk":
        return ()
    from ..lemma.kk import kazakh_endings

    return kazakh_endings("adjective")


def _fits(kind: str, gram: str, target: LanguageIndex) -> bool:
    """Only renderings of the candidate's kind (:func:`_kind_fits`)."""
    _, capitalised, acronym = target.shape(gram)
    return _kind_fits(kind, capitalised, acronym)


def _kind_fits(kind: str, capitalised: bool, acronym: bool) -> bool:
    """Whether a gram so written may render a candidate of ``kind``: names are capitalised, terms are
    not, and neither is an acronym; an acronym may be rendered by anything."""
    if kind == "acronym":
        return True
    return not acronym and capitalised == (kind == "name")


#: A rendering's score is its Dice times this, by how many words it has more or fewer than the term.
LENGTH_GAP_FACTORS = (1.0, 0.7, 0.45)


def _scores(candidate: Candidate, english_form: str, cooccurring: Counter, shared: int,
            target: LanguageIndex) -> dict[str, float]:
    """The score of every gram that co-occurs with the candidate (``cooccurring``: in how many of its
    ``shared`` units) and may render it: no more words than the term has, of the candidate's kind
    (:func:`_kind_fits`), a demonym's an adjective or people. The loop of a rendering's hot spot: each
    gram's shape is the index's, looked up once (:meth:`LanguageIndex.shape`)."""
    size, kind, demonym = len(candidate.key), candidate.kind, candidate.demonym
    named = kind in ("name", "acronym") or demonym
    shape, postings = target.shape, target.postings
    scores = {}
    for gram, both in cooccurring.items():
        words, capitalised, acronym = shape(gram)
        if words > size + 1 or not _kind_fits(kind, capitalised, acronym):
            continue
        if demonym and not _adjective_of_people(gram, target.lang):
            continue
        score = 2 * both / (shared + len(postings.get(gram, ()))) * LENGTH_GAP_FACTORS[min(abs(words - size), 2)]
        if named:
            score += SPELLING_WEIGHT * name_similarity(english_form, target.usual_form(gram))
            if kind == "acronym" and acronym:
                score += ACRONYM_BONUS
        scores[gram] = score
    return scores


def _spelling(candidate: Candidate, english_form: str, form: str) -> float:
    if candidate.kind not in ("name", "acronym"):
        return 0.0
    similarity = name_similarity(english_form, form)
    return similarity if similarity >= CREDIBLE_SPELLING else 0.0


def _overlaps(a: str, b: str) -> bool:
    """Grams sharing a word compete for the same words (азия vs орта азия): not a real runner-up."""
    return bool(set(a.split(" ")) & set(b.split(" ")))


def _inflection_of(gram: str, head_gram: str) -> bool:
    """A form the lemmatiser missed (Сенатының ~ Сенат, Саипова ~ Саипов): same words but a longer or
    shorter ending on the last one."""
    *first, last = gram.split(" ")
    *head_first, head_last = head_gram.split(" ")
    return first == head_first and (last.startswith(head_last) or head_last.startswith(last))


def occurrences(side: Side, gram: str) -> int:
    """How many times the gram's words stand in the side in a row."""
    if " " not in gram:
        return side.keys.count(gram)
    if gram not in side.grams and gram.count(" ") < 2:
        return 0
    keys, wanted = side.keys, gram.split(" ")
    n, first, count, start = len(wanted), wanted[0], 0, 0
    while True:  # only where its first word stands (list.index scans in C)
        try:
            start = keys.index(first, start) + 1
        except ValueError:
            return count
        count += keys[start - 1:start - 1 + n] == wanted


def _variants(gram: str, form: str, candidate: Candidate, english: LanguageIndex, shared: list[int],
              target: LanguageIndex) -> dict[str, int]:
    """The headword ``form`` of ``gram`` with its count, and other renderings where the English term
    occurs more often than the headword (Орта Азия … Орталық Азия): counted by occurrence, so merged
    beads still show them."""
    english_gram = " ".join(candidate.key)
    tokens = gram.split(" ")
    head, size = tokens[-1], len(tokens)
    found = {u: occurrences(target.sides[u], gram) for u in shared}
    wanted = {u: occurrences(english.sides[u], english_gram) for u in shared}
    variants = {form: max(sum(found.values()), 1)}
    shared_units = set(shared)
    for _ in range(MAX_VARIANTS):
        short = [u for u in shared if wanted[u] > found[u]]
        options = Counter()
        for u in short:
            options.update(target.sides[u].grams)
        best = ""
        # (the words counted in the gram, not read from the index: its counts are read only of the
        # grams looked at below, which is what a kept choice depends on)
        sized = [item for item in options.items() if item[0].count(" ") + 1 == size and item[0] != gram]
        for other, _ in sorted(sized, key=lambda item: (-item[1], item[0])):
            words = other.split(" ")  # (what reads no count first: only the grams that pass are read)
            if words[-1] != head and name_similarity(words[-1], head) < VARIANT_SPELLING:
                continue
            if candidate.demonym and not _adjective_of_people(other, target.lang):
                continue
            if not _fits(candidate.kind, other, target):
                continue
            holding = len(shared_units.intersection(target.units_of(other)))  # the shared beads holding it
            if holding / max(target.frequency(other), 1) >= MIN_VARIANT_FIDELITY:
                best = other
                break
        if not best:
            return variants
        count = sum(occurrences(target.sides[u], best) for u in shared)
        variant = form if _inflection_of(best, gram) else headword(target, best)
        variants[variant] = variants.get(variant, 0) + count
        for u in shared:
            found[u] += occurrences(target.sides[u], best)
    return variants
