"""``align``: from an article or parallel sentence lists to an :class:`~ushtil.model.Alignment`.

The stages: gather the sections to align (title, abstract paragraphs, keywords), calibrate the
pair models on the text itself (length ratio per pair, glossary terms, a learned lexicon), run the
banded three-way programme per section, then score and flag every bead for the reviewer.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..errors import InputError
from ..model import LANGS, Alignment, Article, Bead
from .dp import Band, Cell, Move, fill, traceback
from .features import FEATURES, PairContext
from .profile import ProfileCache, stem
from .scoring import BeadScorer, PairModel, Settings, default_settings

#: Language pairs the model scores, each once.
PAIRS: tuple[tuple[str, str], ...] = (("en", "kk"), ("en", "ru"), ("kk", "ru"))
#: Sections up to this many cells are aligned over the full cube; larger ones inside a band.
FULL_CUBE_CELLS = 2_000
#: Half-width (in sentences) of the band around the guide paths (long sections: LONG_BAND_WIDTH).
BAND_WIDTH = 3
LONG_BAND_WIDTH = 2
#: Half-width of the guides' own band around the diagonal: this share of the text, but at least
#: GUIDE_WIDTH and at most GUIDE_MAX_WIDTH sentences (memory and time stay linear in the length).
GUIDE_WIDTH = 6
GUIDE_SHARE = 0.1
GUIDE_MAX_WIDTH = 15
#: Sections with more sentences than this are "long": a cheaper guide, a narrower band, and a
#: progress bar when options.progress is set.
LONG_SECTION = 1000
#: Expected log length ratio per pair when the text is too short to measure it.
PRIOR_LENGTH_MEAN: dict[tuple[str, str], float] = {("en", "kk"): 0.0, ("en", "ru"): 0.05, ("kk", "ru"): 0.05}
#: Characters per language needed before the length ratio is measured on the text itself.
MIN_CALIBRATION_CHARS = 300
#: Beads scoring below this are flagged ``low_score``.
LOW_SCORE = 0.5

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


def sections_of(source: Article | Mapping[str, Sequence]) -> list[Section]:
    """The sections of an article, or the one section of parallel sentence lists."""
    if isinstance(source, Article):
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


def _length_mean(sections: list[Section], a: str, b: str) -> float:
    chars_a = sum(len(s.replace(" ", "")) for section in sections for s in section.sentences(a))
    chars_b = sum(len(s.replace(" ", "")) for section in sections for s in section.sentences(b))
    if min(chars_a, chars_b) < MIN_CALIBRATION_CHARS:
        return PRIOR_LENGTH_MEAN[(a, b)]
    return math.log(chars_b / chars_a)


def _term_stems(term: str) -> tuple[str, ...]:
    from ..tokens import words

    return tuple(stem(word) for word in words(term))


def pair_models(sections: list[Section], options: AlignOptions) -> list[PairModel]:
    """The pair models, calibrated on the text being aligned."""
    models = []
    index = {lang: position for position, lang in enumerate(LANGS)}
    for a, b in PAIRS:
        name = f"{a}-{b}"
        lexicon = options.lexicon.get(name, {})
        table = options.settings.pair_weights if lexicon else options.settings.first_pass_weights
        bias, weights = table[name]
        terms = [
            (_term_stems(triple[index[a]]), _term_stems(triple[index[b]]))
            for triple in options.terms
            if triple[index[a]] and triple[index[b]]
        ]
        context = PairContext(
            length_mean=_length_mean(sections, a, b),
            length_spread=options.settings.length_spread[name],
            terms=terms,
            lexicon=lexicon,
            reverse_lexicon=options.lexicon.get(f"{b}-{a}", {}),
        )
        models.append(PairModel(a, b, bias, weights, context))
    return models


#: The features a guide pass uses: cheap ones, so that long texts are guided quickly.
GUIDE_FEATURES = frozenset({"length", "numbers_shared", "numbers_unmatched"})


def _guide_scorer(scorer: BeadScorer) -> BeadScorer:
    """The section's scorer restricted to the cheap :data:`GUIDE_FEATURES`."""
    keep = [name in GUIDE_FEATURES for name in FEATURES]
    pairs = [
        replace(pair, weights=tuple(w if kept else 0.0 for w, kept in zip(pair.weights, keep, strict=True)))
        for pair in scorer.pairs
    ]
    return BeadScorer(scorer.langs, scorer.spans, pairs, scorer.priors, scorer.paragraph_starts)


def _guide(scorer: BeadScorer, sizes: Cell, other: int) -> list[float]:
    """Where English sentence i lies in language ``other`` (1 or 2), from a banded pairwise pass."""
    n = sizes[0]
    m = sizes[other]
    two = (n, m, 0)
    diagonal = [(i * m / n if n else 0.0, 0.0) for i in range(n + 1)]
    band = Band.around(two, diagonal, min(GUIDE_MAX_WIDTH, max(GUIDE_WIDTH, int(GUIDE_SHARE * max(n, m)))))

    def score(start: Cell, counts: tuple[int, int, int]) -> float:
        if counts[2]:
            return float("-inf")
        full_start = [start[0], 0, 0]
        full_counts = [counts[0], 0, 0]
        full_start[other], full_counts[other] = start[1], counts[1]
        return scorer.score(tuple(full_start), tuple(full_counts))

    path = traceback(fill(band, score), two)
    position = [0.0] * (n + 1)
    for start, move in path:
        a, b, _ = move.value
        for step in range(a + 1):
            position[start[0] + step] = start[1] + (b * step / a if a else b)
    return position


def band_for(scorer: BeadScorer, sizes: Cell) -> Band:
    """The cells near both pairwise guide paths (en-kk, en-ru); the full cube for tiny sections.

    Long sections are guided with cheap features only and get a narrower band."""
    n, m, k = sizes
    if (n + 1) * (m + 1) * (k + 1) <= FULL_CUBE_CELLS or n == 0:
        return Band.full(sizes)
    long = max(sizes) > LONG_SECTION
    guide = _guide_scorer(scorer) if long else scorer
    to_kk = _guide(guide, sizes, 1) if m else [0.0] * (n + 1)
    to_ru = _guide(guide, sizes, 2) if k else [0.0] * (n + 1)
    return Band.around(sizes, list(zip(to_kk, to_ru, strict=True)), LONG_BAND_WIDTH if long else BAND_WIDTH)


@dataclass
class SectionResult:
    section: Section
    path: list[tuple[Cell, Move]]
    scorer: BeadScorer


def section_scorer(section: Section, models: list[PairModel], options: AlignOptions) -> BeadScorer:
    """The bead scorer over a section's sentences (paragraph-aware where it has paragraphs)."""
    return BeadScorer(
        langs=LANGS,
        spans={lang: ProfileCache(section.sentences(lang), lang) for lang in LANGS},
        pairs=models,
        priors=options.settings.priors,
        paragraph_starts={
            lang: section.paragraph_starts(lang) for lang in LANGS if len(section.paragraphs.get(lang, [])) > 1
        },
    )


def align_section(section: Section, models: list[PairModel], options: AlignOptions) -> SectionResult:
    scorer = section_scorer(section, models, options)
    sizes = tuple(len(scorer.spans[lang].sentences) for lang in LANGS)
    if not (options.progress and max(sizes) > LONG_SECTION):
        return SectionResult(section, traceback(fill(band_for(scorer, sizes), scorer.score), sizes), scorer)
    from tqdm import tqdm

    # on a terminal a live bar; into a log file an update every few seconds, not ten a second
    with tqdm(total=sizes[0], desc="aligning sentences", unit="sent", file=sys.stderr,
              mininterval=0.1 if sys.stderr.isatty() else 5.0) as bar:
        band = band_for(scorer, sizes)
        table = fill(band, scorer.score, on_row=lambda i: bar.update(i - bar.n))
    return SectionResult(section, traceback(table, sizes), scorer)


def _bead(result: SectionResult, start: Cell, move: Move, offsets: dict[str, int], settings: Settings) -> Bead:
    scorer = result.scorer
    counts = move.value
    indices = {lang: list(range(s, s + n)) for lang, s, n in zip(LANGS, start, counts, strict=False)}
    text = {lang: " ".join(scorer.spans[lang].sentences[i] for i in indices[lang]) for lang in LANGS}
    spans = {lang: (s, s + n) for lang, s, n in zip(LANGS, start, counts, strict=False)}
    linked = [
        scorer.pair_log_odds(pair, spans[pair.a], spans[pair.b])
        for pair in scorer.pairs
        if counts[LANGS.index(pair.a)] and counts[LANGS.index(pair.b)]
    ]
    flags = [f"missing:{lang}" for lang, n in zip(LANGS, counts, strict=False) if not n]
    longest = max(counts)
    flags += [f"merged:{lang}" for lang, n in zip(LANGS, counts, strict=False) if 0 < n < longest]
    score = settings.calibration.probability(sum(linked) / len(linked), 0 in counts, longest > 1) if linked else 0.0
    profiles = [scorer.spans[lang].span(*spans[lang]) for lang, n in zip(LANGS, counts, strict=False) if n]
    if len(profiles) > 1 and any(p.numbers != profiles[0].numbers for p in profiles[1:]):
        flags.append("number_mismatch")
    if score < LOW_SCORE:
        flags.append("low_score")
    return Bead(
        sentences={lang: [offsets[lang] + i for i in indices[lang]] for lang in LANGS},
        text=text,
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
) -> Alignment:
    """Align an article (title, abstract paragraphs, keywords) or parallel sentence lists.

    ``source`` is an :class:`~ushtil.model.Article` or a dict ``{"en": [...], "kk": [...], "ru": [...]}``
    of sentences (or of paragraphs, lists of sentences). ``term_pairs`` are known glossary terms:
    (en, kk, ru) triples, mappings by language, or objects with ``en``/``kk``/``ru`` attributes.
    """
    options = options or AlignOptions()
    if term_pairs is not None:
        options = replace(options, terms=_term_triples(term_pairs))
    sections = sections_of(source)
    models = pair_models(sections, options)
    results = [align_section(section, models, options) for section in sections]
    return _assemble(results, name or (source.id if isinstance(source, Article) else ""), options)


def _assemble(results: list[SectionResult], name: str, options: AlignOptions) -> Alignment:
    sentences: dict[str, list[str]] = {lang: [] for lang in LANGS}
    beads = []
    for result in results:
        offsets = {lang: len(sentences[lang]) for lang in LANGS}
        for start, move in result.path:
            beads.append(_bead(result, start, move, offsets, options.settings))
        for lang in LANGS:
            sentences[lang].extend(result.scorer.spans[lang].sentences)
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


def align_corpus(
    sources: Sequence[tuple[str, Article | Mapping[str, Sequence]]],
    *,
    term_pairs: Iterable | None = None,
    options: AlignOptions | None = None,
    progress: Callable[[Iterable, str], Iterable] | None = None,
) -> list[Alignment]:
    """Align many texts; when they are enough, learn a lexicon from the first pass and realign.

    ``sources`` are (name, article or sentence lists) pairs; ``progress(items, label)`` may wrap
    the loops (a progress bar).
    """
    from .lexicon import learn_lexicon

    options = options or AlignOptions()
    if term_pairs is not None:
        options = replace(options, terms=_term_triples(term_pairs))
    wrap = progress or (lambda items, label: items)
    first = [align(source, name=name, options=options) for name, source in wrap(sources, "aligning")]
    if options.lexicon:
        return first
    lexicon = learn_lexicon(first, PAIRS)
    if not lexicon:
        return first
    second = replace(options, lexicon=lexicon)
    return [align(source, name=name, options=second) for name, source in wrap(sources, "realigning")]
