"""From features to numbers the dynamic programme adds up: pair log-odds and bead scores.

A bead's score is the sum, over the language pairs it links, of the log-odds that the two sides
translate each other (:class:`PairModel`: ``bias + features @ weights``), plus log-priors for merges,
missing sentences and paragraph breaks (:class:`Priors`). All weights live in ``data/weights.toml``.
The pair log-odds of every candidate side pair in a band are computed at once (:class:`PairTable`).
"""

from __future__ import annotations

import itertools
import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources

import numpy as np

from .confidence import CONFIDENCE_FEATURES
from .dp import COUNT_KEY, COUNT_KEYS, KEYED_COUNTS, LONGEST_SIDE, Band, move_blocks, move_counts
from .features import FEATURES, PairContext, PairEvidence
from .profile import SentenceProfile


@dataclass(frozen=True)
class Priors:
    """Log-penalties of the bead types and of beads that ignore paragraph breaks."""

    merge: float
    missing: float
    paragraph: float
    #: per sentence beyond the first in the bead's longest side (two 1-1 beads beat one 2-2 bead)
    size: float = 0.0
    #: per sentence beyond the first in the bead's shortest side: 2-2-2 is more often two 1-1-1
    #: beads than one bead (overlapping merges are rare)
    split: float = 0.0
    #: per language pair with one sentence on one side and none on the other, times the log-odds
    #: (when positive) that the other language's neighbouring sentence holds its translation after
    #: all (a merge there, not a missing sentence): a strong pair left in a bead must not hide a merge
    contained: float = 0.0
    #: given back per sentence (a bead's longest side, as ``missing`` counts them) of the beads that
    #: lack one language, less as much once per run of such beads (beads of a sentence alone leave a
    #: run as it is): an affine gap cost, so a passage missing from a language is one gap, not a smear
    #: of gaps and stray pairs. A term of the path, not of a bead (:mod:`.gaps`); hand-set, and this
    #: default is the shipped value (the fit cannot move it: no bead shows it)
    gap_run: float = 3.0
    #: charged per sentence left out by a bead read as partial (:data:`PARTIAL_READINGS`): one
    #: language's single sentence translates only the first or last sentence of another language's
    #: side, which the third language's one line translates whole (a deletion next to a line merged
    #: in another language), so the pair of the single sentence and that line is not scored. Set to
    #: ``missing`` after the fit (a sentence left out is a missing one); inf: no bead is read so
    partial: float = math.inf


@dataclass(frozen=True)
class Calibration:
    """Turns a bead's evidence (:data:`~.confidence.CONFIDENCE_FEATURES`: its margin over the best
    path without it, whether it merges sentences, and how many language pairs aligned on their own
    dispute it) into the probability that the bead is right: ``logistic(bias + evidence · weights)``,
    fitted by bench/calibration.py on NTREX beads held out from the pair weights' fit. Features
    without a weight count 0."""

    bias: float = 0.0
    #: feature name → weight (the default: the logistic of the margin)
    weights: Mapping[str, float] = field(default_factory=lambda: {"margin": 1.0}, hash=False)

    def __post_init__(self):
        unknown = set(self.weights) - set(CONFIDENCE_FEATURES)
        if unknown:
            raise ValueError(f"unknown calibration feature(s) {', '.join(sorted(unknown))}")

    def probabilities(self, evidence: np.ndarray) -> np.ndarray:
        """The probability that each bead is right, from its row of evidence."""
        weights = np.array([self.weights.get(name, 0.0) for name in CONFIDENCE_FEATURES])
        return 1.0 / (1.0 + np.exp(-(self.bias + evidence @ weights)))


@dataclass(frozen=True)
class Settings:
    """The aligner's weights, as read from ``data/weights.toml``."""

    priors: Priors
    #: "en-kk" → (bias, weights in :data:`FEATURES` order), with a learned lexicon
    pair_weights: dict[str, tuple[float, tuple[float, ...]]]
    #: the same without a lexicon (a first pass, or a text too small to learn from)
    first_pass_weights: dict[str, tuple[float, tuple[float, ...]]]
    calibration: Calibration = Calibration()
    #: beads scoring below this are flagged ``low_score`` (chosen from the calibration table)
    low_score: float = 0.5


@cache
def default_settings() -> Settings:
    text = resources.files(__package__).joinpath("data", "weights.toml").read_text(encoding="utf-8")
    return settings_from_dict(tomllib.loads(text))


def _weights(tables: dict) -> dict[str, tuple[float, tuple[float, ...]]]:
    return {
        pair: (float(table["bias"]), tuple(float(table.get(name, 0.0)) for name in FEATURES))
        for pair, table in tables.items()
    }


def settings_from_dict(data: dict) -> Settings:
    calibration = dict(data.get("calibration", {}))
    low_score = float(calibration.pop("low_score", 0.5))
    return Settings(
        priors=Priors(**{key: float(value) for key, value in data["priors"].items()}),
        pair_weights=_weights(data["pairs"]),
        first_pass_weights=_weights(data.get("first_pass", data["pairs"])),
        calibration=Calibration(
            float(calibration.pop("bias", 0.0)), {key: float(value) for key, value in calibration.items()}
        ),
        low_score=low_score,
    )


@dataclass
class PairModel:
    """Log-odds that a side in language ``a`` and one in language ``b`` translate each other."""

    a: str
    b: str
    bias: float
    weights: tuple[float, ...]
    context: PairContext

    def log_odds(self, evidence: PairEvidence, sa, la, sb, lb) -> np.ndarray:
        """``bias + features @ weights`` for the sides ``a[sa : sa + la]`` and ``b[sb : sb + lb]``
        (arrays: one entry per candidate); features weighted 0 are not computed."""
        used = [name for name, weight in zip(FEATURES, self.weights, strict=True) if weight]
        return self.bias + evidence.features(sa, la, sb, lb, used) @ np.array(self.weights)


def type_prior_counts(counts: tuple[int, ...]) -> dict[str, int]:
    """How often a bead of this type is charged each :class:`Priors` penalty (``counts``: the
    sentences the bead takes in each language that has any)."""
    longest = max(counts)
    present = [n for n in counts if n]
    return {
        "merge": sum(longest - n for n in present),
        "missing": (len(counts) - len(present)) * longest,
        "size": longest - 1,
        "split": min(present) - 1,
    }


def type_prior(priors: Priors, counts: tuple[int, ...]) -> float:
    """Log-prior of a bead type (``counts`` in the languages the text has): merges and missing
    sentences are rarer than 1-1-1."""
    return -sum(getattr(priors, name) * n for name, n in type_prior_counts(counts).items())


@lru_cache(maxsize=64)
def _type_priors(priors: Priors, present: tuple[bool, ...], longest: int) -> np.ndarray:
    """The log-prior of every bead type by its key (counts @ COUNT_KEY; -inf: no bead) in a text that
    has the ``present`` languages (made once per settings, not once per section)."""
    table = np.full(COUNT_KEYS, -np.inf)
    for counts in itertools.product(range(longest + 1), repeat=3):
        active = tuple(n for n, here in zip(counts, present, strict=True) if here)
        if any(active):
            table[np.array(counts) @ COUNT_KEY] = type_prior(priors, active)
    table.flags.writeable = False
    return table


def _paragraph_codes(opens: np.ndarray, size: int) -> np.ndarray:
    """codes[n, s]: what a bead taking n sentences from position s of a language (``opens[s]``: s
    opens a paragraph) adds to :data:`PARAGRAPH_CONFLICTS`'s code: 1 if it opens a paragraph there,
    4 if it takes sentences without opening one, 16 if it takes none inside a paragraph, and 64 per
    paragraph break inside the bead."""
    s = np.arange(len(opens))
    before = np.concatenate([[0], np.cumsum(opens)])  # paragraph starts before position s
    codes = np.zeros((LONGEST_SIDE + 1, len(opens)), dtype=np.intp)  # index-sized: a cube of codes indexes a table
    codes[0] = np.where(~opens & (s < size), 16, 0)
    for n in range(1, LONGEST_SIDE + 1):
        breaks = before[np.minimum(s + n, len(opens))] - before[np.minimum(s + 1, len(opens))]
        codes[n] = np.where(opens, 1, 4) + 64 * breaks
    return codes


@lru_cache(maxsize=256)
def _cube_layout(priors: Priors, present: tuple[bool, ...], capped: tuple[int, ...],
                 longest: int) -> tuple[np.ndarray, np.ndarray, dict[tuple[int, int], np.ndarray]]:
    """The rows of a short section's cube (:meth:`BeadScorer._cube_scores`): the bead types (keys)
    that fit texts of ``capped`` sizes (at most ``longest``) with the ``present`` languages, and a
    last row for "no bead"; each key's row (the last for the others); and per (language, n) the
    rows of the types that take n sentences of the language, where some do (made once per layout,
    read-only)."""
    keys = move_counts(capped, longest) @ COUNT_KEY
    keys = keys[_type_priors(priors, present, longest)[keys] > -np.inf]
    keys = np.append(keys, 0)  # the last row: no sentences, no bead (its prior is -inf)
    rows = np.full(COUNT_KEYS, len(keys) - 1)
    rows[keys] = np.arange(len(keys))
    taking = {(lang, n): np.flatnonzero(KEYED_COUNTS[keys, lang] == n)
              for lang in range(3) for n in range(1, longest + 1)}
    taking = {at: types for at, types in taking.items() if len(types)}
    for array in (keys, rows, *taking.values()):
        array.flags.writeable = False
    return keys, rows, taking


@lru_cache(maxsize=1024)
def _paragraphs(starts: frozenset[int], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Whether each position of a language of ``size`` sentences opens a paragraph (``starts``), and
    its :func:`_paragraph_codes` (made once per paragraph layout: the passes, guides and pairs of a
    section share it; read-only)."""
    opens = np.zeros(size + 2, dtype=bool)
    opens[sorted(starts)] = True
    codes = _paragraph_codes(opens, size)
    opens.flags.writeable = codes.flags.writeable = False
    return opens, codes


def _paragraph_conflicts_of(code: int) -> int:
    """The conflicts of a bead from the sum of its languages' codes (see :func:`_paragraph_codes`)."""
    opening, closing, inside, breaks = code & 3, (code >> 2) & 3, (code >> 4) & 3, code >> 6
    return breaks + min(opening, closing) + (inside if opening > 0 and closing == 0 else 0)


#: The paragraph conflicts of a bead by its code (three languages, at most two breaks each).
PARAGRAPH_CONFLICTS = np.array([_paragraph_conflicts_of(code) for code in range(64 * 3 * (LONGEST_SIDE - 1) + 64)])


@lru_cache(maxsize=64)
def _paragraph_penalties(paragraph: float) -> np.ndarray:
    """The penalty of a bead by its paragraph code (:data:`PARAGRAPH_CONFLICTS` times ``paragraph``):
    one look-up per bead, not a look-up and a product."""
    penalties = paragraph * PARAGRAPH_CONFLICTS
    penalties.flags.writeable = False
    return penalties


@cache
def _side_lengths(longest: int) -> np.ndarray:
    """The side-length pairs (la, lb) of a pair table, la then lb from 1 to ``longest``: shape (pairs, 2)."""
    lengths = np.array(list(itertools.product(range(1, longest + 1), repeat=2)))
    lengths.flags.writeable = False
    return lengths


@cache
def _pair_types(slots: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Per bead type (key), for the pair of languages at ``slots``: does the bead link the pair; does
    it hold one sentence of the pair's first (1) or second (2) language and none of the other."""
    ia, ib = slots
    links = (KEYED_COUNTS[:, ia] > 0) & (KEYED_COUNTS[:, ib] > 0)
    alone = np.select([(KEYED_COUNTS[:, ia] == 1) & (KEYED_COUNTS[:, ib] == 0),
                       (KEYED_COUNTS[:, ia] == 0) & (KEYED_COUNTS[:, ib] == 1)], [1, 2])
    links.flags.writeable = alone.flags.writeable = False
    return links, alone


@cache
def _pair_rows(ia: int, ib: int, longest: int) -> np.ndarray:
    """Per bead type (key), the row of a :class:`PairTable`'s values that holds the side pair it takes
    in the languages at ``ia`` and ``ib`` (as :meth:`PairTable.lookup` works it out from the
    lengths: one gather per bead, not six operations)."""
    rows = (np.maximum(KEYED_COUNTS[:, ia] - 1, 0) * longest + np.maximum(KEYED_COUNTS[:, ib] - 1, 0)).astype(np.int64)
    rows.flags.writeable = False
    return rows


#: The partial readings of a three-way bead, as (x, z, last) language positions: x's one sentence
#: translates only z's first (last: its last) sentence of two or more, and the third language's one
#: line translates z's whole side (a line merged across the deletion's edge: no cut of the bead
#: gives x's sentence a bead of its own; where the third language has more lines, the beads that
#: cut it are the reading). A reading counts only where x's sentence pairs with z's one sentence,
#: less the charge for the sentences left out, better than it pairs, alone or joined with its
#: neighbour on the side of those sentences, with z's whole side (else x, or x and that neighbour,
#: translate the whole side: a merge, not a deletion; where the evidence is weak, a neighbour left
#: out so became a stray pair inside a missing page).
PARTIAL_READINGS: tuple[tuple[int, int, bool], ...] = tuple(
    (x, z, last) for x in range(3) for z in range(3) if z != x for last in (False, True))


@cache
def _partial_types(x: int, z: int) -> np.ndarray:
    """Per bead type (key): can it be read as partial, x's one sentence against a sentence of z's
    side of two or more, the third language's side one line."""
    y = 3 - x - z
    found = (KEYED_COUNTS[:, x] == 1) & (KEYED_COUNTS[:, z] >= 2) & (KEYED_COUNTS[:, y] == 1)
    found.flags.writeable = False
    return found


def _rows(mask: np.ndarray) -> slice | np.ndarray | None:
    """The rows (first axis) where ``mask`` holds: all of them, none (None) or their indices (a mask
    of one row holds for all rows or none; no rows: None, as there is nothing to score)."""
    if not mask.any():
        return None
    return slice(None) if mask.all() else np.flatnonzero(mask)


def _take(values, rows: slice | np.ndarray):
    """The given rows of ``values`` (an array of one row stands for every row)."""
    return values if np.ndim(values) == 0 or len(values) == 1 else values[rows]


#: Sections of at most this many cells score every bead type from every cell at once, also those
#: outside the band (:meth:`BeadScorer._cube_scores`: a few operations per bead, where a bead scored
#: alone costs a look-up per pair); longer ones score the beads asked for.
DENSE_CUBE = 20_000
#: Pair tables over at most this many start positions (a × b) keep them as a grid.
SMALL_TABLE = 1 << 16
#: Candidates whose features are computed at once (the feature matrix of a long text is made in
#: pieces of this many rows, so memory stays bounded).
CHUNK = 50_000


class PairTable:
    """A pair model's log-odds for every side pair starting at the given (a, b) positions, each of
    one to three sentences (computed at once, looked up by the programme). The starts are held per
    position s in a: every t from the lowest to the highest wanted, so a look-up is two gathers (in
    a short section one: the starts' positions are a grid, and -1, not held, picks the last column
    of the values, -inf)."""

    def __init__(self, model: PairModel, evidence: PairEvidence, starts: np.ndarray, longest: int = LONGEST_SIDE):
        sizes = (len(evidence.a), len(evidence.b))
        self._longest = longest
        starts = starts[(starts[:, 0] >= 0) & (starts[:, 1] >= 0)]
        self._low = np.full(sizes[0] + 1, sizes[1] + 1)
        np.minimum.at(self._low, starts[:, 0], starts[:, 1])
        high = np.full(sizes[0] + 1, -1)
        np.maximum.at(high, starts[:, 0], starts[:, 1])
        width = np.maximum(high - self._low + 1, 0)
        first = np.concatenate([[0], np.cumsum(width)])
        s = np.repeat(np.arange(sizes[0] + 1), width)
        t = self._low[s] + np.arange(len(s)) - first[s]
        #: per position s + 1 in a (and a row of none before and after the text): the lowest t held,
        #: how many are held and where they start in the values
        self._rows = [np.concatenate([[0], column, [0]]) for column in (self._low, width, first[:-1])]
        #: per side-length pair (la - 1) * longest + lb - 1, the log-odds of each start (and -inf last)
        self.values = np.full((longest * longest, len(s) + 1), -np.inf, dtype=np.float32)
        #: a short section's positions of the starts (s + 1, t + 1) in the values; -1: not held
        self._grid = None
        if (sizes[0] + 2) * (sizes[1] + 2) <= SMALL_TABLE:
            self._grid = np.full((sizes[0] + 2, sizes[1] + 2), -1)
            self._grid[s + 1, t + 1] = np.arange(len(s))
        # every side-length pair from each start, start by start (neighbouring candidates share
        # sentence pairs), where both sides end within the texts
        # (small integer types: a long text's first guide round has millions of candidates)
        lengths = _side_lengths(longest)
        rows = np.repeat(np.arange(len(s), dtype=np.int32), len(lengths))
        la, lb = np.tile(lengths.astype(np.int8), (len(s), 1)).T
        fits = np.flatnonzero((s[rows] + la <= sizes[0]) & (t[rows] + lb <= sizes[1]))
        rows, la, lb = rows[fits], la[fits], lb[fits]
        pieces = [slice(None)]  # a short section's at once; a long text's in pieces: bounded memory
        if len(rows) >= 2 * CHUNK:
            pieces = np.array_split(np.arange(len(rows), dtype=np.int32), len(rows) // CHUNK)
        for chunk in pieces:
            odds = model.log_odds(evidence, s[rows[chunk]], la[chunk], t[rows[chunk]], lb[chunk])
            self.values[(la[chunk] - 1) * longest + lb[chunk] - 1, rows[chunk]] = odds

    def lookup_one(self, sa: int, sb: int, la: int, lb: int) -> float:
        """:meth:`lookup` of one side pair, without arrays (a bead's evidence asks for a few at a time)."""
        low, width, first = (column[sa + 1] for column in self._rows) if 0 <= sa < len(self._low) else (0, 0, 0)
        if 0 <= sb - low < width:
            return float(self.values[(la - 1) * self._longest + lb - 1, first + sb - low])
        return -np.inf

    def lookup(self, sa: np.ndarray, sb: np.ndarray, la, lb, row: np.ndarray | None = None) -> np.ndarray:
        """Log-odds of the side pairs (sa, la), (sb, lb) (numbers or arrays that broadcast together; a
        length of 0 gives a meaningless value); -inf for pairs the table does not hold. ``row``: the
        values' row of (la, lb) where the caller has it (:func:`_pair_rows`)."""
        if row is None:
            row = np.maximum(la - 1, 0) * self._longest + np.maximum(lb - 1, 0)  # a length of 0: as 1
        if self._grid is not None:  # outside the texts: the grid's edges, which hold nothing
            size_a, size_b = (length - 2 for length in self._grid.shape)
            at = self._grid[np.minimum(np.maximum(sa, -1), size_a) + 1, np.minimum(np.maximum(sb, -1), size_b) + 1]
            return self.values[row, at]
        low, width, first = self._rows
        s = np.minimum(np.maximum(sa, -1), len(self._low)) + 1  # outside the text: a row that holds nothing
        t = sb - low[s]
        held = (t >= 0) & (t < width[s])
        nothing = self.values.shape[1] - 1  # the last column: -inf
        return self.values.reshape(-1)[row * self.values.shape[1] + np.where(held, first[s] + t, nothing)]


@dataclass
class BeadScorer:
    """Scores of candidate beads over the sentences of each language (``langs`` in cell order)."""

    langs: tuple[str, ...]
    profiles: dict[str, list[SentenceProfile]]
    pairs: list[PairModel]
    priors: Priors
    #: per language, the sentence indices that open a paragraph (empty: no paragraph information)
    paragraph_starts: dict[str, frozenset[int]] = field(default_factory=dict)
    #: the evidence between the pairs' sentences (default: made here; a guide shares its section's)
    evidence: list[PairEvidence] | None = None
    #: evidence kept from an earlier pass over the same sentences (see :class:`PairEvidence`)
    memo: dict = field(default_factory=dict)
    #: the most sentences a bead may take in one language (a guide pass takes one at a time)
    longest: int = LONGEST_SIDE

    def __post_init__(self):
        self.sizes = tuple(len(self.profiles[lang]) for lang in self.langs)
        self._slots = [(self.langs.index(pair.a), self.langs.index(pair.b)) for pair in self.pairs]
        if self.evidence is None:
            self.evidence = [
                PairEvidence(
                    self.profiles[pair.a], self.profiles[pair.b], pair.context, self.memo
                )
                for pair in self.pairs
            ]
        self._tables: list[PairTable | None] = [None] * len(self.pairs)
        #: a short section's scores of every bead type from every cell (made on first use after prepare)
        self._cube: tuple[np.ndarray, np.ndarray] | None = None
        self._type_priors = _type_priors(self.priors, tuple(size > 0 for size in self.sizes), self.longest)
        # per pair, by bead type: does the bead link the pair; does it hold one sentence of one side only
        self._links, self._alone = zip(*map(_pair_types, self._slots), strict=True) if self._slots else ((), ())
        #: per language with paragraphs: does sentence s open one; and the code of what a bead taking
        #: n sentences from position s adds to its paragraph conflicts (:meth:`_paragraph_conflicts`)
        self._opens, self._paragraph_codes = {}, {}
        for index, lang in enumerate(self.langs):
            starts = self.paragraph_starts.get(lang)
            if starts:
                self._opens[index], self._paragraph_codes[index] = _paragraphs(frozenset(starts), self.sizes[index])

    def pair_alone(self, p: int) -> BeadScorer:
        """The scorer of pair ``p``'s two languages on their own (the pair's first language on the
        programme's first axis), sharing this scorer's evidence and the pair's log-odds table made by
        :meth:`prepare`: the side pairs it holds are the beads it can score."""
        pair = self.pairs[p]
        third = next(lang for lang in self.langs if lang not in (pair.a, pair.b))
        alone = replace(
            self, langs=(pair.a, pair.b, third), pairs=[pair], evidence=[self.evidence[p]],
            profiles={pair.a: self.profiles[pair.a], pair.b: self.profiles[pair.b], third: []},
            paragraph_starts={lang: self.paragraph_starts[lang] for lang in (pair.a, pair.b)
                              if lang in self.paragraph_starts},
        )
        alone._tables = [self._tables[p]]
        return alone

    def prepare(self, band: Band, extra: np.ndarray | None = None) -> None:
        """Compute the pair log-odds of every side pair the programme may visit in ``band`` and
        from the ``extra`` start cells (and the neighbours that :meth:`_contained` reads)."""
        cells = band.cells() if extra is None else np.concatenate([band.cells(), extra])
        for p, (ia, ib) in enumerate(self._slots):
            starts = cells[:, [ia, ib]]
            if self.longest > 1:  # _contained reads the side pairs one sentence before
                starts = np.concatenate([starts, starts - 1])
            self._tables[p] = PairTable(self.pairs[p], self.evidence[p], starts, self.longest)
        self._cube = None

    def scores(self, starts: np.ndarray, counts) -> np.ndarray:
        """Scores of the beads taking ``counts[n, l]`` sentences of language l from ``starts[n, l]`` on
        (``counts``: a row per bead, or one row for all: the many beads of one type in a long text
        then cost no work per bead for their type). The beads must end within the texts."""
        counts = np.asarray(counts, dtype=np.int64).reshape(-1, 3)
        if counts.max(initial=0) > self.longest:  # a bead longer than this scorer takes: -inf, as no bead
            counts = np.where((counts <= self.longest).all(axis=1)[:, None], counts, 0)
        key = counts @ COUNT_KEY
        if self._scored_cube() is not None:
            rows, table = self._cube
            flat = table.reshape(len(table), -1)
            return flat[rows[key], np.ravel_multi_index(starts.T, table.shape[1:])]
        return self._compose(list(starts.T), counts, key)

    def starting(self, cells: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """The scores of the beads taking ``counts[m]`` sentences from each of ``cells`` (moves × cells,
        float32; -inf for beads that end past the texts)."""
        if self._scored_cube() is not None:  # each move's row of the cube, at the cells
            rows, table = self._cube
            scored = table.reshape(len(table), -1)[rows[counts @ COUNT_KEY][:, None],
                                                   np.ravel_multi_index(cells.T, table.shape[1:])[None]]
            return scored.astype(np.float32)
        found = np.full((len(counts), len(cells)), -np.inf, dtype=np.float32)
        for block in move_blocks(len(counts), len(cells)):
            m, c = np.nonzero((cells[None] + counts[block, None] <= self.sizes).all(axis=2))
            taken = counts[block] if len(counts[block]) == 1 else counts[block][m]
            found[block][m, c] = self.scores(cells[c], taken)
        return found

    def for_fill(self, band: Band) -> np.ndarray | Callable[[np.ndarray, np.ndarray], np.ndarray]:
        """What :func:`~.dp.fill` takes over ``band``: a short section's bead scores by move and start
        cell, read from its cube at once (a few operations, where scoring the beads fill asks for
        costs a dozen over every candidate); a longer one's scoring function."""
        if self._scored_cube() is None:
            return self.scores
        return self.starting(band.cells(), move_counts(band.sizes, self.longest))

    def _scored_cube(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The scores of every bead from every cell, in a short section (made on first use)."""
        if self._cube is None and np.prod(np.add(self.sizes, 1)) <= DENSE_CUBE:
            self._cube = self._cube_scores()
        return self._cube

    def _cube_scores(self) -> tuple[np.ndarray, np.ndarray]:
        """The score of every bead type that fits the section from every cell (rows[key]: the row of
        the table of a bead type, the last row -inf; -inf for beads that end past the texts):
        :meth:`_compose` over the bead types and a grid of the cells, so a term costs one operation
        per bead, not a look-up per bead."""
        capped = tuple(min(size, self.longest) for size in self.sizes)
        keys, rows, taking = _cube_layout(self.priors, tuple(size > 0 for size in self.sizes), capped, self.longest)
        grids = [np.arange(size + 1).reshape([-1 if axis == lang else 1 for axis in range(4)])
                 for lang, size in enumerate(self.sizes, start=1)]
        column = keys.reshape(-1, 1, 1, 1)
        table = self._compose(grids, KEYED_COUNTS[column], column)
        for (lang, n), types in taking.items():  # the beads that end past the texts: the last cells
            past = [slice(None)] * 3
            past[lang] = slice(max(self.sizes[lang] - n + 1, 0), None)
            table[(types, *past)] = -np.inf
        return rows, table

    def _compose(self, starts: list[np.ndarray], counts: np.ndarray, key: np.ndarray) -> np.ndarray:
        """The one definition of a bead's score: its type's prior, less its paragraph conflicts, plus
        the log-odds of each pair of languages it links, less the charge for a sentence left alone in
        a pair that looks merged into a neighbour. ``starts``: the start positions per language;
        ``counts[..., l]``: the sentences taken from language l; ``key``: the bead types; all arrays
        that broadcast together (the beads one by one, or every type from every cell of a grid)."""
        shape = np.broadcast_shapes(np.shape(key), *map(np.shape, starts))
        total = self._type_priors[key]  # a new array: each term is added to it in place
        if self._opens:
            total = total - _paragraph_penalties(self.priors.paragraph)[self._paragraph_code(starts, counts)]
        if total.shape != shape:
            total = np.array(np.broadcast_to(total, shape))
        partial = self._reads_partial()
        base, pair_odds = (total.copy(), {}) if partial else (None, None)
        for p, (ia, ib) in enumerate(self._slots):
            links = self._links[p][key]
            if links.any():  # added to the beads that link the pair (most beads, most pairs)
                odds = self._tables[p].lookup(starts[ia], starts[ib], counts[..., ia], counts[..., ib],
                                              _pair_rows(ia, ib, self.longest)[key])
                total += np.where(links, odds, 0.0)  # 0 for the others: on the smaller array, not on the total
                if partial:
                    pair_odds[p] = odds
            if self.priors.contained and self.longest > 1:
                alone = self._alone[p][key]
                for present, absent, side in ((ia, ib, 1), (ib, ia, 2)):
                    rows = _rows(alone == side)
                    if rows is not None:
                        at = [_take(start, rows) for start in starts]
                        total[rows] -= self.priors.contained * np.maximum(0.0, self._contained(p, present, absent, at))
        if partial:
            for x, z, last in PARTIAL_READINGS:
                rows = _rows(_partial_types(x, z)[key])
                if rows is None:
                    continue
                at = [_take(start, rows) for start in starts]
                whole = _take(pair_odds[self._pair_of(x, z)], rows)
                part = self._partial_odds(x, z, last, at, _take(counts, rows), whole)
                alt = _take(base, rows) + _take(pair_odds[self._pair_of(3 - x - z, z)], rows) + part
                total[rows] = np.maximum(total[rows], alt)
        return total

    def _reads_partial(self) -> bool:
        """Whether beads may be read as partial (:data:`PARTIAL_READINGS`): all three pairs scored,
        beads of more than one sentence a side, and a finite :attr:`Priors.partial`."""
        return self.priors.partial < math.inf and len(self._slots) == 3 and self.longest > 1

    def _pair_of(self, a: int, b: int) -> int:
        """The pair (index into ``pairs``) of the languages at positions ``a`` and ``b``."""
        return next(p for p, slots in enumerate(self._slots) if set(slots) == {a, b})

    def _partial_odds(self, x: int, z: int, last: bool, starts, counts: np.ndarray, whole: np.ndarray) -> np.ndarray:
        """What a partial reading scores for the x-z pair: x's sentence against z's first (``last``:
        last) sentence, less the charge for z's sentences left out; -inf where that does not beat
        x's sentence against z's whole side (``whole``: those log-odds), nor x's sentence and its
        neighbour on the side of z's other sentences against it (a merge, not a deletion)."""
        part = self._sub_odds(x, z, last, starts, counts) - self.priors.partial * (counts[..., z] - 1)
        rival = np.maximum(whole, self._extended_odds(x, z, last, starts, counts))
        return np.where(part > rival, part, -np.inf)

    def _sub_odds(self, x: int, z: int, last: bool, starts, counts: np.ndarray) -> np.ndarray:
        """The log-odds of x's one sentence against z's first (``last``: last) sentence of the bead."""
        at_z = starts[z] + (counts[..., z] - 1 if last else 0)
        return self._lookup_from(x, z, starts[x], at_z, 1, 1)

    def _extended_odds(self, x: int, z: int, last: bool, starts, counts: np.ndarray) -> np.ndarray:
        """The log-odds of x's one sentence joined with its neighbour on the side of z's sentences that
        a partial reading leaves out (before it for ``last``) against z's whole side: where they
        translate it, x's neighbour holds what looked missing (a merge, not a deletion)."""
        at_x = starts[x] - 1 if last else starts[x]
        return self._lookup_from(x, z, at_x, starts[z], 2, counts[..., z])

    def _lookup_from(self, x: int, z: int, at_x, at_z, n_x, n_z) -> np.ndarray:
        """The log-odds of x's ``n_x`` sentences from ``at_x`` against z's ``n_z`` from ``at_z``, the
        sides given to their pair's table in its own order."""
        p = self._pair_of(x, z)
        if self._slots[p][0] == x:
            return self._tables[p].lookup(at_x, at_z, n_x, n_z)
        return self._tables[p].lookup(at_z, at_x, n_z, n_x)

    def pair_log_odds(self, p: int, span_a: tuple[int, int], span_b: tuple[int, int]) -> float:
        """The log-odds of pair ``p`` for one side pair (from the table, else computed)."""
        (sa, ea), (sb, eb) = span_a, span_b
        table = self._tables[p]
        if table is not None:
            found = table.lookup_one(sa, sb, ea - sa, eb - sb)
            if found > -np.inf:
                return found
        return float(self.pairs[p].log_odds(self.evidence[p], [sa], [ea - sa], [sb], [eb - sb])[0])

    def _contained(self, p: int, present: int, absent: int, starts) -> np.ndarray:
        """Best log-odds that the bead's one sentence in one language of pair ``p``, joined with its
        next (previous) sentence in the same paragraph, translates the other language's sentence
        just after (before) the bead: a sentence merged into a neighbour looks missing, and pairs
        strongly with the rest of the bead. ``starts``: the start positions per language (arrays
        that broadcast together)."""
        s, j = starts[present], starts[absent]
        after = (s + 1 < self.sizes[present]) & (j < self.sizes[absent])  # joined with the next sentence
        before = (s > 0) & (j > 0)  # or with the previous one
        opens = self._opens.get(present)
        if opens is not None:
            after, before = after & ~opens[s + 1], before & ~opens[s]
        table = self._tables[p]
        if present == self._slots[p][0]:
            odds_after, odds_before = table.lookup(s, j, 2, 1), table.lookup(s - 1, j - 1, 2, 1)
        else:
            odds_after, odds_before = table.lookup(j, s, 1, 2), table.lookup(j - 1, s - 1, 1, 2)
        best = np.maximum(np.where(after, odds_after, -np.inf), np.where(before, odds_before, -np.inf), dtype=float)
        return np.where(best > -np.inf, best, 0.0)

    def _active(self, counts: tuple[int, ...]) -> tuple[int, ...]:
        """The counts of the languages that have sentences in this text (a language absent from the
        whole text is not "missing" from each bead)."""
        return tuple(n for n, size in zip(counts, self.sizes, strict=True) if size)

    def _paragraph_conflicts(self, starts, counts: np.ndarray) -> np.ndarray:
        """Languages disagreeing on whether the bead opens a paragraph, plus breaks inside the bead,
        plus languages the bead leaves out that stand inside a paragraph where every language it
        takes opens one: a paragraph missing from a language leaves that language at a paragraph
        break, so a gap in the middle of its paragraph is a wrong path around two nearby gaps
        (``starts``: the start positions per language, arrays that broadcast together)."""
        return PARAGRAPH_CONFLICTS[self._paragraph_code(starts, counts)]

    def _paragraph_code(self, starts, counts: np.ndarray) -> np.ndarray:
        """The code of a bead's paragraph conflicts: the sum of each language's small code, looked up
        by (sentences taken, start) (:func:`_paragraph_codes`), a few operations over a cube of beads."""
        code = 0
        for index, codes in self._paragraph_codes.items():
            code = code + codes[counts[..., index], starts[index]]
        return code

    def bead_features(
        self, start: tuple[int, ...], counts: tuple[int, ...]
    ) -> tuple[dict[str, np.ndarray], dict[str, float]]:
        """What :meth:`scores` adds up for one bead, before weighting: the feature vector of each pair
        the bead links ("en-kk" → values in :data:`FEATURES` order), and how often each prior is
        charged (negative: a penalty). A structured fit moves the weights along these."""
        pairs = {}
        cell = np.array([start])
        charged = {name: -float(n) for name, n in type_prior_counts(self._active(counts)).items()}
        conflicts = self._paragraph_conflicts(cell.T, np.array([counts])) if self._opens else [0.0]
        charged["paragraph"] = -float(conflicts[0])
        charged["contained"] = 0.0
        charged["gap_run"] = 0.0  # a term of the path (two beads), not of one bead
        charged["partial"] = 0.0
        for p, (ia, ib) in enumerate(self._slots):
            na, nb = counts[ia], counts[ib]
            if na and nb:
                pair = self.pairs[p]
                pairs[f"{pair.a}-{pair.b}"] = self.evidence[p].features([start[ia]], [na], [start[ib]], [nb])[0]
            elif na + nb == 1:
                present, absent = (ia, ib) if na else (ib, ia)
                charged["contained"] -= max(0.0, float(self._contained(p, present, absent, cell.T)[0]))
        reading = self._best_partial(start, counts)
        if reading is not None:  # the sub-pair's features stand for the whole pair; the third pair unscored
            x, z, last = reading
            p, dropped = self._pair_of(x, z), self.pairs[self._pair_of(x, 3 - x - z)]
            del pairs[f"{dropped.a}-{dropped.b}"]
            at_z = start[z] + (counts[z] - 1 if last else 0)
            sides = ([start[x]], [1], [at_z], [1]) if self._slots[p][0] == x else ([at_z], [1], [start[x]], [1])
            pairs[f"{self.pairs[p].a}-{self.pairs[p].b}"] = self.evidence[p].features(*sides)[0]
            charged["partial"] = -float(counts[z] - 1)
        return pairs, charged

    def _best_partial(self, start: tuple[int, ...], counts: tuple[int, ...]) -> tuple[int, int, bool] | None:
        """The partial reading (:data:`PARTIAL_READINGS`) that :meth:`_compose` scores this bead by, if any."""
        if not self._reads_partial() or max(counts) > self.longest:  # (a gold bead the programme cannot make)
            return None
        key = int(np.array(counts) @ COUNT_KEY)
        cell = [np.array([s]) for s in start]
        odds = {p: self.pair_log_odds(p, *((start[i], start[i] + counts[i]) for i in slots))
                for p, slots in enumerate(self._slots)}
        best, found = sum(odds.values()), None  # the whole reading's pairs
        for x, z, last in PARTIAL_READINGS:
            if not _partial_types(x, z)[key]:
                continue
            part = float(self._partial_odds(x, z, last, cell, np.array([counts]),
                                            np.array([odds[self._pair_of(x, z)]]))[0])
            alt = odds[self._pair_of(3 - x - z, z)] + part
            if alt > best:
                best, found = alt, (x, z, last)
        return found
