"""``align``: from an article or parallel sentence lists to an :class:`~ushtil.model.Alignment`.

The stages: gather the sections to align (title, abstract paragraphs, keywords), set up the pair
models (length ratio per pair, glossary terms, a learned lexicon), run the banded three-way
programme per section, then score and flag every bead for the reviewer.

The length ratio a pair model expects is the language records' unless an earlier alignment of the
same text measured it (:func:`linked_length_means`, as :func:`~.corpus.align_corpus`'s second pass
does): measured on the whole texts, a passage missing from one language would pull the ratio
towards "that language is shorter", and the programme would then pair sentences of unequal content.
"""

from __future__ import annotations

import itertools
import math
import sys
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

import numpy as np

from ..errors import InputError
from ..langs import LANGUAGE_PAIRS, get_language, length_ratio
from ..model import LANGS, Alignment, Article, Bead
from ..split import is_split, sentences_within
from ..tokens import words
from .confidence import bead_evidence, path_bounds
from .dp import Band, Cell, Move, fill, move_counts, traceback
from .edit import shape_flags
from .features import FEATURES, PairContext, TermPairs
from .gaps import PageInterior, charged_scores, gap_steps, gap_stretches, page_interiors
from .profile import COGNATE_PREFIX, SentenceProfile, profile_sentence, stem
from .scoring import BeadScorer, PairModel, Settings, default_settings

#: Language pairs the model scores, each once (from the language registry).
PAIRS: tuple[tuple[str, str], ...] = LANGUAGE_PAIRS
#: Sections up to this many cells are aligned over the full cube; larger ones inside a band.
FULL_CUBE_CELLS = 2_000
#: Half-width (in sentences) of the band around the guide paths.
BAND_WIDTH = 3
#: Half-width of the guides' own band: this share of the text, but at least GUIDE_WIDTH and at most
#: GUIDE_MAX_WIDTH sentences, plus the difference in length of the two texts (a passage missing
#: from one of them). The band starts on the diagonal (in a section over ANCHORED_SECTION
#: sentences, on the anchors' path, without the difference) and is moved onto the guide's path
#: until the path no longer runs along its edge (at most GUIDE_ROUNDS times), so a missing passage
#: is followed, while time and memory stay linear in the length.
GUIDE_WIDTH = 6
GUIDE_SHARE = 0.1
GUIDE_MAX_WIDTH = 15
GUIDE_ROUNDS = 12
#: A guide's gap stretch at most this many positions wide in English or in the other language is
#: widened whole (:func:`_over_gaps`): the cells it adds are at most as many per sentence as the
#: guide's own band has.
WIDENED_STRETCH = 2 * GUIDE_MAX_WIDTH + 1
#: Sections with more sentences than this are "long": a progress bar when options.progress is set.
LONG_SECTION = 1000
#: Sections with more sentences than this start their guides from anchors (:func:`_anchor_path`),
#: not from the diagonal: the guide's band then follows a missing passage of any length, and its
#: cells stay linear in the length.
ANCHORED_SECTION = 200
#: An anchor's key occurs at most ANCHOR_REPEATS times in each text, or that often within this many
#: sentences (plus the texts' difference in length) of where the other text's occurrence puts it.
ANCHOR_WINDOW = 100
ANCHOR_REPEATS = 3
#: Keys two sentences must share to make them an anchor.
ANCHOR_KEYS = 2
#: Sections whose evidence (and their sentences' profiles) a corpus run keeps for its next pass:
#: about 0.2 MB per short section, so an archive of any size keeps at most about 200 MB; the
#: sections after these are scored afresh in each pass (the same scores; on small articles the
#: kept evidence saves only a few per cent of the time, on long texts more).
KEPT_SECTIONS = 1000
#: The key under which ``AlignOptions.profiles`` counts the sections it keeps.
_KEPT = ("kept sections",)
#: Characters per language in linked beads needed before the length ratio is measured on an
#: alignment (below, the language records' ratio is used).
MIN_CALIBRATION_CHARS = 300

Paragraphs = list[list[str]]


@dataclass
class Section:
    """One part of the input aligned on its own: its paragraphs of sentences per language."""

    name: str
    paragraphs: dict[str, Paragraphs]

    def sentences(self, lang: str) -> list[str]:
        return [sentence for paragraph in self.paragraphs.get(lang, []) for sentence in paragraph]

    def paragraph_starts(self, lang: str) -> frozenset[int]:
        starts, position = set(), 0
        for paragraph in self.paragraphs.get(lang, []):
            if paragraph:
                starts.add(position)
            position += len(paragraph)
        return frozenset(starts)


@dataclass
class AlignOptions:
    """What shapes the pair models besides the weights: glossary terms and a learned lexicon."""

    settings: Settings = field(default_factory=default_settings)
    #: (en, kk, ru) term triples; "" where a language's term is unknown
    terms: list[tuple[str, str, str]] = field(default_factory=list)
    #: learned translations per direction "en-kk", "kk-en", …: stem → stems
    lexicon: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    #: show a progress bar (stderr) while aligning sections of more than LONG_SECTION sentences
    progress: bool = False
    #: sentence profiles by (language, text) and evidence counts by section, kept between the
    #: passes of :func:`~.corpus.align_corpus` (for its first KEPT_SECTIONS sections)
    profiles: dict[tuple, SentenceProfile | dict | int] | None = field(default=None, repr=False, compare=False)
    #: give beads their calibrated scores and widen the band over a guide's gap stretches; a first
    #: pass whose beads only feed the learned lexicon goes without (the margins behind a score cost
    #: as much as a third of a pass)
    scored: bool = True


def sections_of(source: Article | Mapping[str, Sequence]) -> list[Section]:
    """The sections of an article, or the one section of parallel sentence lists."""
    if isinstance(source, Article):
        if not is_split(source):
            raise InputError(f"{source.id}: the abstracts are not split into sentences (ushtil.split.split_article)")
        parts = {lang: source.part(lang) for lang in LANGS}
        sections = [
            Section("title", {lang: [[part.title]] if part.title else [] for lang, part in parts.items()}),
            Section("abstract", {lang: [list(p) for p in part.sentences if p] for lang, part in parts.items()}),
            Section("keywords", {lang: [list(part.keywords)] if part.keywords else [] for lang, part in parts.items()}),
        ]
        return [section for section in sections if any(section.paragraphs.values())]
    if not isinstance(source, Mapping):
        raise TypeError("align() takes an Article or a dict of sentence lists per language")
    unknown = set(source) - set(LANGS)
    if unknown:
        raise InputError(f"unknown language(s) {', '.join(sorted(unknown))}; use {', '.join(LANGS)}")
    paragraphs = {}
    for lang, items in source.items():
        items = list(items)
        if items and all(isinstance(item, str) for item in items):
            paragraphs[lang] = [items]
        elif all(isinstance(item, list | tuple) for item in items):
            paragraphs[lang] = [list(p) for p in items if p]
        else:
            raise TypeError(f"{lang}: give a list of sentences or a list of paragraphs (lists of sentences)")
    return [Section("", paragraphs)]


def linked_length_means(alignment: Alignment) -> dict[str, float]:
    """Per pair ("en-kk", …), the log ratio of characters (b over a) in the beads that link both
    languages: the text's own ratio, which a passage missing from one language does not bias.
    Pairs with too little linked text are left out (the language records' ratio holds)."""
    means = {}
    for a, b in PAIRS:
        linked = [bead for bead in alignment.beads if bead.sentences[a] and bead.sentences[b]]
        chars_a = sum(_chars(alignment.sentences[a][i]) for bead in linked for i in bead.sentences[a])
        chars_b = sum(_chars(alignment.sentences[b][i]) for bead in linked for i in bead.sentences[b])
        if min(chars_a, chars_b) >= MIN_CALIBRATION_CHARS:
            means[f"{a}-{b}"] = math.log(chars_b / chars_a)
    return means


def _chars(sentence: str) -> int:
    return len(sentence.replace(" ", ""))


@lru_cache(maxsize=65536)
def _term_stems(term: str) -> tuple[str, ...]:
    """The stems of a glossary term (cached: every text of a corpus is aligned with the same terms)."""
    return tuple(stem(word) for word in words(term))


@lru_cache(maxsize=16)
def _pair_terms(terms: tuple[tuple[str, str, str], ...], a: int, b: int) -> TermPairs:
    """The glossary terms known in languages ``a`` and ``b`` (indices into a triple), as stems
    (made once per corpus, not once per text)."""
    pairs = [(_term_stems(triple[a]), _term_stems(triple[b])) for triple in terms if triple[a] and triple[b]]
    return TermPairs(tuple(term for term, _ in pairs), tuple(term for _, term in pairs))


def _glossary_pairs(terms: list[tuple[str, str, str]], a: int, b: int) -> TermPairs:
    """:func:`_pair_terms` of a list of term triples, kept for the list last asked for (every text
    of a corpus is aligned with the same list: comparing it with the kept one, item by item and
    mostly by identity, costs far less than hashing a glossary of thousands of terms for each text
    and pair)."""
    triples = tuple(terms)
    if triples != _GLOSSARY[0]:
        _GLOSSARY[:] = [triples, {}]
    found = _GLOSSARY[1].get((a, b))
    if found is None:
        found = _GLOSSARY[1][a, b] = _pair_terms(triples, a, b)
    return found


#: The term triples last asked for (:func:`_glossary_pairs`) and their term pairs by languages.
_GLOSSARY: list = [(), {}]


def pair_models(options: AlignOptions, length_means: Mapping[str, float] | None = None) -> list[PairModel]:
    """The pair models; ``length_means`` per pair are the text's length ratios measured on an earlier
    alignment of it (:func:`linked_length_means`), where known."""
    length_means = length_means or {}
    models = []
    index = {lang: position for position, lang in enumerate(LANGS)}
    for a, b in PAIRS:
        name = f"{a}-{b}"
        lexicon = options.lexicon.get(name, {})
        table = options.settings.pair_weights if lexicon else options.settings.first_pass_weights
        bias, weights = table[name]
        context = PairContext(
            length_mean=length_means.get(name, length_ratio(b, a)[0]),
            length_spread=length_ratio(b, a)[1],
            heading_contraction_a=get_language(a).heading_contraction,
            heading_contraction_b=get_language(b).heading_contraction,
            heading_spread_a=get_language(a).heading_spread,
            heading_spread_b=get_language(b).heading_spread,
            terms=_glossary_pairs(options.terms, index[a], index[b]),
            lexicon=lexicon,
            reverse_lexicon=options.lexicon.get(f"{b}-{a}", {}),
        )
        models.append(PairModel(a, b, bias, weights, context))
    return models


def _profile(text: str, lang: str, options: AlignOptions) -> SentenceProfile:
    if options.profiles is None:
        return profile_sentence(text, lang)
    found = options.profiles.get((lang, text))
    if found is None:
        found = profile_sentence(text, lang)
        if options.profiles.get(_KEPT, 0) < KEPT_SECTIONS:
            options.profiles[(lang, text)] = found
    return found


def section_scorer(section: Section, models: list[PairModel], options: AlignOptions) -> BeadScorer:
    """The bead scorer over a section's sentences (paragraph-aware where it has paragraphs)."""
    return BeadScorer(
        langs=LANGS,
        profiles={lang: [_profile(text, lang, options) for text in section.sentences(lang)] for lang in LANGS},
        pairs=models,
        priors=options.settings.priors,
        paragraph_starts={
            lang: section.paragraph_starts(lang) for lang in LANGS if len(section.paragraphs.get(lang, [])) > 1
        },
        memo=_memo(section, options),
    )


def _memo(section: Section, options: AlignOptions) -> dict:
    """The evidence an earlier pass over this section kept (empty: none), kept for the next pass
    while fewer than KEPT_SECTIONS sections are."""
    if options.profiles is None:
        return {}
    key = ("evidence", *(tuple(section.sentences(lang)) for lang in LANGS))
    found = options.profiles.get(key)
    if found is None:
        found = {}
        kept = options.profiles.get(_KEPT, 0)
        if kept < KEPT_SECTIONS:
            options.profiles[key], options.profiles[_KEPT] = found, kept + 1
    return found


#: The evidence of a guide's first, wide round: cheap to compute over a band as wide as a missing page
#: (no names, character n-grams or lexicon).
FIRST_ROUND_FEATURES = frozenset({"length", "numbers_shared", "numbers_unmatched", "cognates", "punctuation_unmatched"})


def _guide(scorer: BeadScorer, other: int,
           over_gaps: bool = True) -> tuple[np.ndarray, np.ndarray, list[PageInterior]]:
    """Where each English position lies in language ``other`` (1 or 2): the positions a banded
    pairwise pass visits (lowest, highest per row), and the insides of the pages it found missing
    (:func:`~.gaps.page_interiors`; none without ``over_gaps``).

    In a long section the first round searches the band around the anchors' path
    (:func:`_anchor_path`: wide only where the anchors leave room for a missing passage); in a
    shorter one, a band as wide as the texts' difference in length (a passage missing from one of
    them), with cheap evidence (lengths, numbers). The next rounds use all the evidence in a narrower
    band moved onto the path found, until the path no longer runs along its edge.
    The pass takes one sentence per language at a time (a merge becomes a 1-1 and a 1-0 step,
    close enough for a guide) and shares the section's evidence, so the sentence pairs it compares
    are not compared again by the three-way pass. It maximises the three-way pass's objective, the
    gap-run term included (:func:`~.gaps.gap_steps`): a page missing from English leaves a guide a
    page of the other language to skip at one English position, which by the bead scores alone it
    smears over the next lines, pairing unrelated sentences."""
    p = next(p for p, pair in enumerate(scorer.pairs) if (pair.a, pair.b) == (LANGS[0], LANGS[other]))
    profiles = {lang: scorer.profiles[lang] if index in (0, other) else [] for index, lang in enumerate(LANGS)}
    starts = {lang: s for lang, s in scorer.paragraph_starts.items() if lang in (LANGS[0], LANGS[other])}
    model = scorer.pairs[p]
    cheap = replace(model, weights=tuple(w if name in FIRST_ROUND_FEATURES else 0.0
                                         for w, name in zip(model.weights, FEATURES, strict=True)))
    n, m = len(profiles[LANGS[0]]), len(profiles[LANGS[other]])
    width = min(GUIDE_MAX_WIDTH, max(GUIDE_WIDTH, int(GUIDE_SHARE * max(n, m))))
    low = np.zeros((n + 1, 2), dtype=np.int64)
    anchored = max(n, m) > ANCHORED_SECTION
    if anchored:
        high = low.copy()
        low[:, other - 1], high[:, other - 1] = _kept_anchor_path(scorer, other, n, m)
    else:
        low[:, other - 1] = np.arange(n + 1) * m // max(n, 1)
        high = low + (low > 0)
    steps = gap_steps(tuple(len(profiles[lang]) for lang in LANGS), scorer.priors.gap_run, longest=1)
    for round_ in range(GUIDE_ROUNDS):
        first = round_ == 0 and abs(n - m) > width and not anchored
        guide = BeadScorer(LANGS, profiles, [cheap if first else model], scorer.priors, starts,
                           [scorer.evidence[p]], longest=1)
        band = Band.around(guide.sizes, low, high, width + (abs(n - m) if first else 0))
        guide.prepare(band)
        path = traceback(fill(band, guide.for_fill(band), longest=1, steps=steps), guide.sizes)
        low, high = path_bounds(path, 0, (1, 2), n + 1, int(np.iinfo(np.int64).max))  # per English position
        edge_low, edge_high = band.rows[:, 2 * other - 2], band.rows[:, 2 * other - 1]
        along_edge = (low[:, other - 1] <= edge_low) & (edge_low > 0)
        along_edge |= (high[:, other - 1] >= edge_high) & (edge_high < m)
        if not first and not along_edge.any():
            break
    if not over_gaps:
        return low[:, other - 1], high[:, other - 1], []
    return *_over_gaps(path, other, low[:, other - 1], high[:, other - 1]), page_interiors(path, other)


def _kept_anchor_path(scorer: BeadScorer, other: int, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_anchor_path` of the anchors between English and language ``other``, kept in the
    section's memo: they depend on the sentences alone, and each pass of a corpus run asks again
    (a second or more of a 10,000-line text's pass)."""
    key = ("anchor path", other)
    found = scorer.memo.get(key)
    if found is None:
        found = _anchor_path(_anchors(scorer.profiles[LANGS[0]], scorer.profiles[LANGS[other]]), n, m)
        for bounds in found:
            bounds.flags.writeable = False
        scorer.memo[key] = found
    return found


def _over_gaps(path: list[tuple[Cell, Move]], other: int, low: np.ndarray,
               high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The bounds ``low``, ``high`` of a guide's path (per English position, in language ``other``)
    widened over its gap stretches (:func:`~.gaps.gap_stretches`) to every position of ``other``
    the stretch visits: a guide takes one sentence at a time, so it pairs the sentences just before
    or after a missing page, whose merges it cannot take, with stray sentences inside the page, and
    the three-way programme must be free to put them back. So is a detour: steps without the other
    language next to steps without English, where the guide skipped both texts' sentences rather
    than pair them (its gap-run term makes a detour cheaper than a few weak pairs, which the
    three-way programme, with the third language's evidence, may well take). A stretch is widened
    whole where it is narrow one way (at most :data:`WIDENED_STRETCH` English positions or positions
    of ``other``: a page with a few sentences paired into it), however long the other way: the
    stray pairs may lie anywhere in the page, and the page's true edges further than
    GUIDE_MAX_WIDTH from the guide's path. A stretch wide both ways (a smear, a text not a
    translation) is widened at most GUIDE_MAX_WIDTH either side of the path: the cells stay
    linear in the length either way."""
    widened_low, widened_high = low.copy(), high.copy()
    for first, last in [*gap_stretches(path, 0, (0, other)), *gap_stretches(path, other, (0, other)),
                        *_detours(path)]:
        (start, _), (end, move) = path[first], path[last]
        rows = slice(start[0], end[0] + move.value[0] + 1)
        top = end[other] + move.value[other]
        narrow = min(rows.stop - rows.start, top - start[other] + 1) <= WIDENED_STRETCH
        widened_low[rows] = np.minimum(widened_low[rows], start[other] if narrow
                                       else np.maximum(start[other], low[rows] - GUIDE_MAX_WIDTH))
        widened_high[rows] = np.maximum(widened_high[rows], top if narrow
                                        else np.minimum(top, high[rows] + GUIDE_MAX_WIDTH))
    return widened_low, widened_high


def _detours(path: list[tuple[Cell, Move]]) -> list[tuple[int, int]]:
    """The first and last bead of each run of consecutive beads of a pairwise path that lack one of
    its languages, where some lack one and some the other."""
    lacking = [{lang for lang, n in enumerate(move.value) if not n} for _, move in path]
    runs, first = [], None
    for position, lacks in enumerate([*lacking, set()]):
        if len(lacks) == 2 and first is None:
            first = position
        elif len(lacks) != 2 and first is not None:
            if len(set.union(*lacking[first:position])) == 3:  # both languages of the pair lacked
                runs.append((first, position - 1))
            first = None
    return runs


def _anchor_keys(profile: SentenceProfile) -> set:
    """What may tie a sentence to its translation across scripts: its numbers and the sound-key
    prefixes of its longer words and names."""
    return {*profile.numbers, *profile.cognates, *(name[:COGNATE_PREFIX] for name in profile.names)}


def _anchors(a: Sequence[SentenceProfile], b: Sequence[SentenceProfile]) -> list[tuple[int, int]]:
    """Sentence pairs (i, j), increasing in both, that are almost surely translations: the longest
    chain, forward in both texts, of the pairs that share ANCHOR_KEYS keys rare near them (a text
    may repeat a number or a name, but rarely many times within a few pages). A key found at most
    ANCHOR_REPEATS times in each text pairs all its occurrences; a more frequent one pairs each of
    its occurrences in one text with those in the other within ANCHOR_WINDOW sentences (plus the
    texts' difference in length) of where the occurrence puts it, if there are at most
    ANCHOR_REPEATS of them there in each text. Linear in the length: keys by hashing, the chain by
    patience sorting."""
    n, m = len(a), len(b)
    window = ANCHOR_WINDOW + abs(n - m)
    where_a, where_b = defaultdict(list), defaultdict(list)
    for where, profiles in ((where_a, a), (where_b, b)):
        for position, profile in enumerate(profiles):
            for key in _anchor_keys(profile):
                where[key].append(position)
    shared: Counter = Counter()
    for key, rows in where_a.items():
        columns = where_b.get(key, ())
        if 0 < len(columns) <= ANCHOR_REPEATS and len(rows) <= ANCHOR_REPEATS:  # rare in both texts: anywhere
            shared.update(itertools.product(rows, columns))
            continue
        for i in rows if columns else ():
            if bisect_right(rows, i + window) - bisect_left(rows, i - window) > ANCHOR_REPEATS:
                continue
            expected = i * m / n
            first, last = bisect_left(columns, expected - window), bisect_right(columns, expected + window)
            if last - first <= ANCHOR_REPEATS:
                shared.update((i, j) for j in columns[first:last])
    # one pair per row at most: a row's pairs in decreasing j, of which an increasing chain takes one
    pairs = sorted((pair for pair, count in shared.items() if count >= ANCHOR_KEYS), key=lambda p: (p[0], -p[1]))
    return _without_lone_offsets(_longest_chain(pairs), n, m)


def _without_lone_offsets(chain: list[tuple[int, int]], n: int, m: int) -> list[tuple[int, int]]:
    """The ``chain`` of anchors less each whose offset (j - i) lies between its neighbours' (the texts'
    ends count as anchors), more than GUIDE_WIDTH from both: the offset moves where a passage is
    missing, and an anchor alone at an offset between two others is a chance pair inside a page (two
    small numbers shared). Leaving out such an anchor only widens the band (:func:`_anchor_path`:
    between its neighbours the band holds every path whose offset moves from theirs to theirs), so
    a true one costs cells, not the path."""
    kept = [(0, 0)]
    ends = [*chain, (n, m)]
    for anchor, after in zip(chain, ends[1:], strict=True):
        offsets = [j - i for i, j in (kept[-1], anchor, after)]
        low, high = sorted((offsets[0], offsets[2]))
        if not low + GUIDE_WIDTH < offsets[1] < high - GUIDE_WIDTH:
            kept.append(anchor)
    return kept[1:]


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of ``pairs`` (taken in their order) whose second numbers increase."""
    tails: list[int] = []  # tails[k]: the smallest last j of a chain of k + 1 pairs so far
    ends: list[int] = []  # and the index of that pair
    before = []
    for index, (_, j) in enumerate(pairs):
        length = bisect_left(tails, j)
        before.append(ends[length - 1] if length else -1)
        if length == len(tails):
            tails.append(j)
            ends.append(index)
        else:
            tails[length], ends[length] = j, index
    chain, index = [], ends[-1] if ends else -1
    while index >= 0:
        chain.append(pairs[index])
        index = before[index]
    return chain[::-1]


def _anchor_path(anchors: list[tuple[int, int]], n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Per English position (0 … n), the lowest and highest positions of the other language that a
    path through ``anchors`` may visit: between two anchors it runs along the diagonal, except for
    one passage missing from the text that has fewer sentences there (anywhere between them)."""
    low = np.full(n + 1, m, dtype=np.int64)
    high = np.zeros(n + 1, dtype=np.int64)
    for (i0, j0), (i1, j1) in itertools.pairwise([(0, 0), *anchors, (n, m)]):
        rows = np.arange(i0, i1 + 1)
        diagonal = j0 + rows - i0
        low[rows] = np.minimum(low[rows], np.clip(diagonal - max(0, (i1 - i0) - (j1 - j0)), j0, j1))
        high[rows] = np.maximum(high[rows], np.clip(diagonal + max(0, (j1 - j0) - (i1 - i0)), j0, j1))
    return low, high


def band_for(scorer: BeadScorer, sizes: Cell, over_gaps: bool = True) -> Band:
    """The cells near both pairwise guide paths (en-kk, en-ru), widened over their gap stretches
    (``over_gaps``, :func:`_over_gaps`); the full cube for tiny sections."""
    return _guided_band(scorer, sizes, over_gaps)[0]


def _guided_band(scorer: BeadScorer, sizes: Cell, over_gaps: bool = True) -> tuple[Band, list[PageInterior]]:
    """:func:`band_for`'s band, and the insides of the pages the guides found missing."""
    n, m, k = sizes
    if (n + 1) * (m + 1) * (k + 1) <= FULL_CUBE_CELLS or n == 0:
        return Band.full(sizes), []
    low = np.zeros((n + 1, 2), dtype=np.int64)
    high = np.zeros((n + 1, 2), dtype=np.int64)
    interiors = []
    for other in (1, 2):
        if sizes[other]:
            low[:, other - 1], high[:, other - 1], found = _guide(scorer, other, over_gaps)
            interiors += found
    return Band.around(sizes, low, high, BAND_WIDTH), interiors


@dataclass
class SectionResult:
    section: Section
    path: list[tuple[Cell, Move]]
    scorer: BeadScorer
    #: the section as given, where ``section`` holds its sentences cut into pieces (:func:`_cut`), and
    #: per language the sentence each piece comes from
    given: Section | None = None
    owners: dict[str, list[int]] | None = None

    def __post_init__(self):
        self.sentences = {lang: self.section.sentences(lang) for lang in LANGS}

    @cached_property
    def given_sentences(self) -> dict[str, list[str]]:
        """The sentences as given (the section's own where none was cut)."""
        return self.sentences if self.given is None else {lang: self.given.sentences(lang) for lang in LANGS}


#: The sections whose sentences are cut where they hold several (:func:`_cut`); a title and keywords
#: are aligned as they stand.
CUT_SECTIONS = frozenset({"", "abstract"})


def _cut(section: Section) -> tuple[Section, dict[str, list[int]]] | None:
    """The section with each sentence cut at the sentence ends inside it, and the sentence each
    piece comes from; None where no sentence holds more than one. A pre-segmented line may join two
    sentences (a translator merged them): aligned as one, it cannot pair its first sentence with one
    language and leave its second missing from another, as a deletion beside a merge asks."""
    if section.name not in CUT_SECTIONS:
        return None
    paragraphs: dict[str, Paragraphs] = {}
    owners: dict[str, list[int]] = {}
    for lang, given in section.paragraphs.items():
        pieces = [[_pieces(sentence, lang) for sentence in paragraph] for paragraph in given]
        paragraphs[lang] = [[piece for found in paragraph for piece in found] for paragraph in pieces]
        owners[lang] = [n for n, found in enumerate(found for paragraph in pieces for found in paragraph)
                        for _ in found]
    if all(len(owners[lang]) == len(section.sentences(lang)) for lang in owners):
        return None
    return Section(section.name, paragraphs), owners


@lru_cache(maxsize=1 << 16)
def _pieces(sentence: str, lang: str) -> tuple[str, ...]:
    """The sentences one sentence holds (:func:`~ushtil.split.sentences_within`); the sentence itself
    unless the pieces are its text, whitespace aside."""
    found = sentences_within(sentence, lang)
    if len(found) < 2 or "".join("".join(found).split()) != "".join(sentence.split()):
        return (sentence,)
    return tuple(found)


def _align_cut(section: Section, models: list[PairModel], options: AlignOptions) -> SectionResult:
    """:func:`align_section` over the pieces of the section's sentences where some hold several
    (:func:`_cut`); :func:`_assemble` gives its beads back over the sentences as given."""
    cut = _cut(section)
    if cut is None:
        return align_section(section, models, options)
    result = align_section(cut[0], models, options)
    result.given, result.owners = section, cut[1]
    return result


def align_section(section: Section, models: list[PairModel], options: AlignOptions) -> SectionResult:
    scorer = section_scorer(section, models, options)
    sizes = scorer.sizes
    # a first pass, whose beads only feed the learned lexicon, leaves stray pairs in a page as they are
    band, interiors = _guided_band(scorer, sizes, over_gaps=options.scored)
    scorer.prepare(band)
    steps = gap_steps(sizes, options.settings.priors.gap_run)  # a missing page as one gap
    # a sentence kept inside a page found missing is charged for where it lies
    scores = charged_scores(scorer.for_fill(band), band.cells(), move_counts(sizes), interiors)
    if not (options.progress and max(sizes) > LONG_SECTION):
        table = fill(band, scores, steps=steps)
    else:
        from tqdm import tqdm

        # on a terminal a live bar; into a log file an update every few seconds, not ten a second
        with tqdm(total=100, desc="aligning sentences", unit="%", file=sys.stderr,
                  mininterval=0.1 if sys.stderr.isatty() else 5.0) as bar:
            table = fill(band, scores, on_progress=lambda share: bar.update(int(100 * share) - bar.n), steps=steps)
    return SectionResult(section, traceback(table, sizes), scorer)


#: A bead as the path gives it: the sentences it takes per language (in its section, as given), the
#: pieces of them the programme aligned (the same where no sentence was cut) and its score.
Taken = tuple[dict[str, list[int]], dict[str, list[int]], float]


def _taken(result: SectionResult, start: Cell, move: Move, score: float) -> Taken:
    """A bead of the path; ``score`` is its calibrated confidence (0 where it links no pair)."""
    counts = move.value
    indices = {lang: list(range(s, s + n)) for lang, s, n in zip(LANGS, start, counts, strict=True)}
    if not any(counts[LANGS.index(pair.a)] and counts[LANGS.index(pair.b)] for pair in result.scorer.pairs):
        score = 0.0
    return indices, indices, score


def _joined(pieces: list[Taken], owners: dict[str, list[int]]) -> list[Taken]:
    """The beads of a section aligned over the pieces of its sentences (:func:`_align_cut`), over the
    sentences as given: beads holding pieces of one sentence become one bead with every bead between
    them (the path is monotone, so a run of consecutive beads), as sure as the least sure of them."""
    last = {(lang, owners[lang][piece]): n for n, (_, held, _) in enumerate(pieces) for lang in LANGS
            for piece in held[lang]}
    joined, first, reach = [], 0, -1
    for n, (_, held, _) in enumerate(pieces):
        reach = max(reach, n, *(last[lang, owners[lang][piece]] for lang in LANGS for piece in held[lang]))
        if reach > n:
            continue
        run = pieces[first:n + 1]
        held = {lang: [piece for _, member, _ in run for piece in member[lang]] for lang in LANGS}
        sentences = {lang: sorted({owners[lang][piece] for piece in held[lang]}) for lang in LANGS}
        joined.append((sentences, held, min(score for _, _, score in run)))
        first = n + 1
    return joined


def _bead(result: SectionResult, taken: Taken, offsets: dict[str, int], settings: Settings) -> Bead:
    """The bead of the alignment: its sentences, their text, its score and flags (the numbers read
    from the pieces the programme aligned)."""
    sentences, pieces, score = taken
    flags = shape_flags([len(sentences[lang]) for lang in LANGS])
    numbers = [sum((result.scorer.profiles[lang][i].numbers for i in pieces[lang]), Counter())
               for lang in LANGS if pieces[lang]]
    if len(numbers) > 1 and any(side != numbers[0] for side in numbers[1:]):
        flags.append("number_mismatch")
    if score < settings.low_score:
        flags.append("low_score")
    return Bead(
        sentences={lang: [offsets[lang] + i for i in sentences[lang]] for lang in LANGS},
        text={lang: " ".join(result.given_sentences[lang][i] for i in sentences[lang]) for lang in LANGS},
        score=score,
        flags=flags,
        section=result.section.name,
    )


def align(
    source: Article | Mapping[str, Sequence],
    *,
    term_pairs: Iterable | None = None,
    name: str = "",
    options: AlignOptions | None = None,
    length_means: Mapping[str, float] | None = None,
) -> Alignment:
    """Align an article (title, abstract paragraphs, keywords) or parallel sentence lists.

    ``source`` is an :class:`~ushtil.model.Article` or a dict ``{"en": [...], "kk": [...], "ru": [...]}``
    of sentences (or of paragraphs, lists of sentences). ``term_pairs`` are known glossary terms:
    (en, kk, ru) triples, mappings by language, or objects with ``en``/``kk``/``ru`` attributes.
    ``length_means`` are the text's length ratios from an earlier alignment of it
    (:func:`linked_length_means`); without them the language records' ratios are expected.
    """
    options = options or AlignOptions()
    if term_pairs is not None:
        options = replace(options, terms=_term_triples(term_pairs))
    sections = sections_of(source)
    models = pair_models(options, length_means)
    results = [_align_cut(section, models, options) for section in sections]
    return _assemble(results, name or (source.id if isinstance(source, Article) else ""), options)


def _assemble(results: list[SectionResult], name: str, options: AlignOptions) -> Alignment:
    sentences: dict[str, list[str]] = {lang: [] for lang in LANGS}
    beads = []
    for result in results:
        offsets = {lang: len(sentences[lang]) for lang in LANGS}
        scores = (options.settings.calibration.probabilities(bead_evidence(result.scorer, result.path))
                  if options.scored else np.zeros(len(result.path)))
        taken = [_taken(result, start, move, float(score)) for (start, move), score in zip(result.path, scores,
                                                                                           strict=True)]
        if result.owners is not None:  # aligned over the pieces: over the sentences as given
            taken = _joined(taken, result.owners)
        beads += [_bead(result, bead, offsets, options.settings) for bead in taken]
        for lang in LANGS:
            sentences[lang].extend(result.given_sentences[lang])
    return Alignment(name=name, sentences=sentences, beads=beads, signature=signature(options))


def signature(options: AlignOptions) -> str:
    from .. import __version__

    lexicon = sum(len(entries) for entries in options.lexicon.values())
    return f"ushtil {__version__} | aligner three-way DP | terms {len(options.terms)} | lexicon {lexicon}"


def _term_triples(term_pairs: Iterable) -> list[tuple[str, str, str]]:
    triples = []
    for item in term_pairs:
        if isinstance(item, Mapping):
            triple = tuple(str(item.get(lang, "") or "") for lang in LANGS)
        elif isinstance(item, tuple | list):
            triple = tuple(str(x or "") for x in item[:3])
        else:
            triple = tuple(str(getattr(item, lang, "") or "") for lang in LANGS)
        if sum(bool(t) for t in triple) >= 2:
            triples.append(triple)
    return triples
