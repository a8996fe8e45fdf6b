"""Lemma n-grams of every unit, per language: the counts that association statistics need.

Every side of a unit is tokenised (:func:`ushtil.words`), lemmatised (:mod:`ushtil.lemma`, so
Ресейді, Ресейдің and Ресей meet) and cut into n-grams of lemmas that neither start nor end with a
function word. Acronyms keep their capitals and lose case endings (АҚШ-тың → АҚШ, U.S. → US), so
they never meet an ordinary word (US ≠ us).

Tokens and keys are made per article (:func:`article_tokens`: each article's own vocabulary
lemmatised), so a work folder's cache can keep them: a re-run after one new article tokenises and
lemmatises that article only, and the corpus-wide index is then put together from the kept tokens.
"""

from __future__ import annotations

import marshal
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial

from ..cache import ResultCache, cache_key
from ..engine import Engine, run_each
from ..errors import UshtilError
from ..langs import fold_spelling, get_language, letters
from ..lookalikes import respell
from ..model import LANGS
from ..tokens import WORD
from .patterns import term_patterns
from .sources import Unit, texts_digest

_CAPS = letters(upper=True)
ACRONYM = re.compile(rf"^(?:[{_CAPS}][{_CAPS}0-9&]*[{_CAPS}][{_CAPS}0-9]*|(?:[A-Z]\.)+[A-Z]\.?)$")

#: "Kazakhstan's" → "Kazakhstan": the English possessive is not part of a term.
_POSSESSIVE = re.compile(r"(?<=\w)['’]s?$")

_LEMMA_BATCH = 2000

Lemmatize = Callable[[list[str], str], list[str]]


#: Roman numerals (XIX, or ХІХ typed with Cyrillic letters) look like acronyms but name centuries.
ROMAN = re.compile(r"^[IVXLCDMХІМСДЛ]+$")


@lru_cache(maxsize=65536)
def is_acronym(token: str) -> bool:
    return bool(ACRONYM.match(token)) and not ROMAN.match(token)


@lru_cache(maxsize=65536)
def _has_letter(key: str) -> bool:
    return any(ch.isalpha() for ch in key)


def split_acronym(token: str) -> str:
    """``АҚШ-тың`` → ``АҚШ``, ``Ukip-ке`` → ``Ukip``: a case ending hyphenated to an acronym or to a
    word in Latin letters is not part of it."""
    head, hyphen, tail = token.rpartition("-") if token.count("-") else ("", "", token)
    if not hyphen:
        return token
    if is_acronym(head.partition("-")[0]) and "-" not in head:
        return head
    return head if head.isascii() and tail and not tail.isascii() else token


@dataclass
class Side:
    """One language side of a unit as the matcher sees it."""

    surface: list[str]
    keys: list[str]
    grams: set[str] = field(default_factory=set)
    #: positions of words that follow punctuation: no term runs across them ("Facebook, Google")
    breaks: set[int] = field(default_factory=set)
    #: positions of words that start a sentence (the first word, and words after . ! ? or a colon),
    #: where a capital says nothing about a name
    starts: set[int] = field(default_factory=lambda: {0})
    #: positions of words written with a possessive ending (province's): a phrase of two nouns
    #: joined so ("province's economy") is no compound term
    possessives: set[int] = field(default_factory=set)

    @property
    def folded(self) -> str:
        """The side's words in lower case (ё as е), for a quick look whether a word may stand in it."""
        if self._folded is None:
            self._folded = fold_spelling(" ".join(self.surface).casefold())
        return self._folded

    _folded: str | None = field(default=None, repr=False, compare=False)


@dataclass
class LanguageIndex:
    """Where each n-gram of lemmas occurs (unit numbers) and how it was written there."""

    lang: str
    sides: list[Side | None]
    postings: dict[str, list[int]]
    surfaces: dict[str, Counter]
    #: units that have text in this language
    total: int = 0
    _capitalised: dict[str, bool] = field(default_factory=dict)
    _usual: dict[str, str] = field(default_factory=dict)
    _shapes: dict[str, tuple[int, bool, bool]] = field(default_factory=dict)
    #: while not None, every gram whose counts or written forms are read (:meth:`note`): what a
    #: rendering kept for the next build depends on (:mod:`.choices`)
    reads: set[str] | None = field(default=None, repr=False, compare=False)

    def note(self, gram: str) -> None:
        """Record that the gram's postings or written forms are read (while :attr:`reads` is on)."""
        if self.reads is not None:
            self.reads.add(gram)

    def written(self, gram: str) -> Counter | None:
        """How the gram was written (form → count), None when it does not occur."""
        self.note(gram)
        return self.surfaces.get(gram)

    def units_of(self, gram: str) -> list[int]:
        """The units holding the gram (its postings; empty when it does not occur)."""
        self.note(gram)
        return self.postings.get(gram, [])

    def capitalised(self, gram: str) -> bool:
        """Whether the gram is usually written with a capital (names), cached per gram."""
        if self.reads is not None:
            self.reads.add(gram)
        known = self._capitalised.get(gram)
        if known is None:
            known = self._capitalised[gram] = bool(self.surfaces.get(gram)) and self.usual_form(gram)[:1].isupper()
        return known

    def shape(self, gram: str) -> tuple[int, bool, bool]:
        """The gram's words, whether it is usually written with a capital and whether it is an
        acronym, cached per gram (the renderers look at every gram beside every candidate)."""
        if self.reads is not None:
            self.reads.add(gram)
        found = self._shapes.get(gram)
        if found is None:
            found = self._shapes[gram] = (gram.count(" ") + 1, self.capitalised(gram), is_acronym(gram))
        return found

    def usual_form(self, gram: str) -> str:
        """How the gram is written most often (the first seen of equally frequent forms), cached per
        gram: the renderers ask it of the same grams for many candidates. The gram must occur."""
        if self.reads is not None:
            self.reads.add(gram)
        form = self._usual.get(gram)
        if form is None:
            form = self._usual[gram] = self.surfaces[gram].most_common(1)[0][0]
        return form

    def frequency(self, gram: str) -> int:
        if self.reads is not None:
            self.reads.add(gram)
        return len(self.postings.get(gram, ()))

    def units_with(self, key: tuple[str, ...]) -> list[int]:
        """Units whose keys contain ``key`` contiguously (any length, function words allowed)."""
        gram = " ".join(key)
        self.note(gram)
        if gram in self.postings:
            return self.postings[gram]
        found = None
        for token in key:
            self.note(token)
            units = set(self.postings.get(token, ()))
            found = units if found is None else found & units
        return sorted(u for u in found or () if _contains(self.sides[u].keys, key))


def _contains(keys: list[str], key: tuple[str, ...]) -> bool:
    n = len(key)
    return any(tuple(keys[i:i + n]) == key for i in range(len(keys) - n + 1))


#: What ends a sentence (or opens a quotation or list item) between two words: the next capital is
#: positional.
_SENTENCE_GAP = re.compile(r"[.!?:;…«“\"(\-–—]")
#: :data:`ushtil.tokens.WORD` as a group: splitting on it keeps the words between the gaps.
_WORDS_AND_GAPS = re.compile(f"({WORD.pattern})", WORD.flags)


def tokenize(text: str) -> tuple[list[str], set[int], set[int], set[int]]:
    """Words of one side (acronym endings and English possessives cut off; a word typed with lookalike
    letters of another script read in its own, :mod:`ushtil.lookalikes`), the positions of words
    that follow punctuation, of words that start a sentence and of words written with a possessive."""
    parts = _WORDS_AND_GAPS.split(respell(text))  # gap, word, gap, word, …, gap: one C-level scan, no loop per match
    words, gaps = parts[1::2], parts[2:-1:2]  # gaps[k - 1] stands before word k
    surface = list(map(_clean_token, words))
    breaks = {k for k, gap in enumerate(gaps, 1) if gap != " " and gap.strip()}
    starts = {0} | {k for k in breaks if _SENTENCE_GAP.search(gaps[k - 1])}
    possessives = set() if surface == words else {
        k for k, (word, token) in enumerate(zip(words, surface, strict=True))
        if token != word and _POSSESSIVE.search(word.strip(".,"))}
    return surface, breaks, starts, possessives


@lru_cache(maxsize=65536)
def _clean_token(token: str) -> str:
    return _POSSESSIVE.sub("", split_acronym(token.strip(".,")))


def word_keys(vocabulary: set[str], lang: str, lemmatize: Lemmatize) -> dict[str, str]:
    """The matching key of every distinct word: acronyms by their letters, other words by lower-case
    lemma. Lemmatising the vocabulary once (not every sentence) keeps large builds fast. No word is
    taken for a sentence start (lower-case words go first, and a capital that opens a batch is
    lemmatised again inside one): a word's key is the same whatever else the vocabulary holds."""
    words = sorted((word for word in vocabulary if not is_acronym(word)), key=lambda word: (word[:1].isupper(), word))
    keys = {word: word.replace(".", "") for word in vocabulary if is_acronym(word)}
    for start in range(0, len(words), _LEMMA_BATCH):
        batch = words[start:start + _LEMMA_BATCH]
        lemmas = lemmatize(batch, lang)
        if batch[0][:1].isupper():  # its lemma inside a sentence, as every other word's
            lemmas[0] = lemmatize([batch[0], batch[0]], lang)[1]
        keys.update((word, lemma.casefold()) for word, lemma in zip(batch, lemmas, strict=True))
    return keys


def analyse_side(surface: list[str], keys: list[str], breaks: set[int], starts: set[int], possessives: set[int],
                 lang: str, surfaces: dict[str, Counter]) -> Side:
    """The n-grams of one side (its words and their keys); counts how each gram was written into ``surfaces``.

    A gram runs over usable words (with a letter) and no break, neither starting nor ending on a
    function word. (The inner loop is the index's hot spot: flags are computed once per word, and a
    count is added with ``get``, which a new gram's Counter answers without a Python-level call.)"""
    patterns = term_patterns(lang)
    stop, longest = patterns.stop_words, patterns.max_words
    size = len(keys)
    usable = [_has_letter(key) for key in keys]
    # a gram may end at j: a usable word after no break; it is counted when j is no function word
    joins = [usable[j] and j not in breaks for j in range(size)]
    stops = [key in stop for key in keys]
    grams = set()
    add = grams.add
    for i, key in enumerate(keys):
        if not usable[i]:
            continue
        add(key)
        form = surface[i]
        written = surfaces[key]
        written[form] = written.get(form, 0) + 1
        if stops[i]:
            continue
        gram = key
        for j in range(i + 1, min(i + longest, size)):
            if not joins[j]:
                break
            gram = f"{gram} {keys[j]}"  # the gram and its form grow word by word (no slice joined anew)
            form = f"{form} {surface[j]}"
            if not stops[j]:
                add(gram)
                written = surfaces[gram]
                written[form] = written.get(form, 0) + 1
    return Side(surface=surface, keys=keys, grams=grams, breaks=breaks, starts=starts, possessives=possessives)


_LATIN = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")
#: Characters of a side looked at to tell its script.
_SCRIPT_SAMPLE = 300


def _translated(text: str, lang: str) -> bool:
    """Whether a side holds text in its language: a Kazakh or Russian side written in Latin letters is
    an untranslated sentence, and its words are no renderings (Chequers for Чекерс)."""
    if not text.strip():
        return False
    if lang == "en":
        return True
    sample = text[:_SCRIPT_SAMPLE]
    if not _LATIN.search(sample):
        return True  # the usual case, told without counting letters
    return len(_LATIN.findall(sample)) <= 0.5 * len(_LETTER.findall(sample))


#: One side's tokens as :func:`article_tokens` gives them (JSON-able, for the cache): its words, their
#: keys, and the positions of breaks, sentence starts and possessives; None for no usable text.
Tokens = list | None


def article_tokens(units: list[Unit], lemmatize: Lemmatize) -> dict[str, list[Tokens]]:
    """Per language, the :data:`Tokens` of every unit of one article."""
    return articles_tokens([units], lemmatize)[0]


def articles_tokens(articles: list[list[Unit]], lemmatize: Lemmatize | None = None, *, nlp: str = "builtin",
                    engine: Engine | None = None) -> list[dict[str, list[Tokens]]]:
    """:func:`article_tokens` of each article; their vocabularies are lemmatised together (once per
    distinct word), which gives what each alone would give: a word's key does not depend on the
    other words (:func:`word_keys`). Without ``lemmatize``, the library's lemmatiser for ``nlp``,
    and with the built-in one the distinct words are lemmatised in parts on ``engine``'s workers."""
    tokenized = {lang: [[tokenize(unit.text[lang]) if _translated(unit.text.get(lang, ""), lang) else None
                         for unit in units] for units in articles] for lang in LANGS}
    typed = {lang: [typed_part(units, lang) for units in articles] for lang in LANGS}
    vocabularies: dict[tuple[str, bool], set[str]] = defaultdict(set)
    for lang in LANGS:
        for sides, as_typed in zip(tokenized[lang], typed[lang], strict=True):
            vocabularies[lang, as_typed].update(word for side in sides if side for word in side[0])
    keys = _vocabulary_keys(vocabularies, lemmatize, nlp, engine)
    found: list[dict[str, list[Tokens]]] = [{} for _ in articles]
    for lang in LANGS:
        for tokens, sides, as_typed in zip(found, tokenized[lang], typed[lang], strict=True):
            keys_of = keys[lang, as_typed]
            tokens[lang] = [None if side is None else
                            [side[0], [keys_of[word] for word in side[0]], *(sorted(places) for places in side[1:])]
                            for side in sides]
    return found


def typed_part(units: list[Unit], lang: str) -> bool:
    """Whether one article's ``lang`` part is typed without the language's own letters (Kazakh with
    к for қ …: kk.toml's stand-ins), told from the whole part, as the reader tells it: its words are
    then lemmatised as so typed. A word alone cannot tell (Челси lacks the Kazakh letters as well)."""
    language = get_language(lang)
    return bool(language.stand_ins) and language.typed_without_own_letters(
        " ".join(unit.text.get(lang, "") for unit in units))


#: Distinct words per part handed to a worker (fewer: lemmatised here).
VOCABULARY_PART = 1000


def _vocabulary_keys(vocabularies: dict[tuple[str, bool], set[str]], lemmatize: Lemmatize | None, nlp: str,
                     engine: Engine | None) -> dict[tuple[str, bool], dict[str, str]]:
    """:func:`word_keys` of each vocabulary (by language, and whether its parts are typed without the
    language's own letters): here, or in parts on ``engine`` (the built-in lemmatiser only: stanza
    lemmatises a word by the words beside it in its batch). Each distinct word is lemmatised once,
    in one part, so the workers share out the work without repeating it."""
    size = sum(map(len, vocabularies.values()))
    if (lemmatize is not None or nlp != "builtin" or engine is None or not engine.parallel
            or size < 2 * VOCABULARY_PART):
        return {(lang, typed): word_keys(vocabulary, lang, lemmatize or library_lemmatizer(nlp, typed))
                for (lang, typed), vocabulary in vocabularies.items()}
    if not engine.scheduler:
        load_lemmatizers(nlp)  # the forked workers inherit them
    count = max(2, min(size // VOCABULARY_PART, 4 * (engine.jobs if not engine.scheduler else 8)))
    parts = []
    for (lang, typed), vocabulary in vocabularies.items():
        words = sorted(vocabulary)
        share = max(1, round(count * len(words) / size))
        parts.extend((lang, typed, words[start::share]) for start in range(share) if words[start::share])
    keys: dict[tuple[str, bool], dict[str, str]] = {vocabulary: {} for vocabulary in vocabularies}
    for (lang, typed, _), outcome in zip(parts, run_each(_part_keys, parts, engine=engine, shared=nlp), strict=True):
        if not outcome.ok:
            raise UshtilError(f"glossary: lemmas: {outcome.error}")
        keys[lang, typed].update(outcome.value)
    return keys


def load_lemmatizers(nlp: str) -> None:
    """Load each language's lemmatiser here, before workers are forked: they inherit it, where each
    would otherwise load its own copy (most of a second of CPU each): each lemmatises the last word
    of its language's first keyword marker ("Keywords", "сөздер", "слова")."""
    from .. import lemma

    for lang in LANGS:
        lemma.lemmatize([get_language(lang).keyword_markers[0].split()[-1]], lang, backend=nlp)


def _part_keys(part: tuple[str, bool, list[str]], nlp: str) -> dict[str, str]:
    """The keys of one part of a vocabulary (run in a worker)."""
    lang, typed, words = part
    return word_keys(set(words), lang, library_lemmatizer(nlp, typed))


def library_lemmatizer(nlp: str = "builtin", typed: bool = False) -> Lemmatize:
    """``ushtil.lemma.lemmatize`` for the chosen backend (stanza's lemmas with ``nlp="stanza"``);
    ``typed``: for words of a part typed without the language's own letters (the built-in one)."""
    from .. import lemma

    if nlp == "builtin":
        return partial(lemma.lemmatize, typed=True) if typed else lemma.lemmatize
    return lambda words, lang: lemma.lemmatize(words, lang, backend=nlp)


def corpus_tokens(articles: list[list[Unit]], lemmatize: Lemmatize | None = None, *, nlp: str = "builtin",
                  cache: ResultCache | None = None, engine: Engine | None = None,
                  keys: list[str] | None = None) -> tuple[dict[str, list[Tokens]], int]:
    """The :data:`Tokens` of every unit, per language, made article by article (``articles``: each
    article's units), and how many articles were tokenised now. Without ``lemmatize`` the built-in
    lemmatiser is used (or the library's for ``nlp``), and with the built-in one each article's
    tokens are taken from ``cache`` when its text is as before (and stored there otherwise; ``keys``:
    the articles' :func:`tokens_key`, when the caller has them); stanza lemmatises a word by the words
    beside it in the batch, so its keys are made anew every time.

    The distinct words of the articles to tokenise are lemmatised in parts on ``engine`` (``--jobs
    N``, a Dask cluster, :func:`articles_tokens`); a ``lemmatize`` of the caller's runs here."""
    if cache is None or lemmatize is not None or nlp != "builtin":
        cache = ResultCache(None)
    if not cache.folder:
        keys = [""] * len(articles)
    elif keys is None:
        keys = [tokens_key(texts_digest(units), nlp) for units in articles]
    found: list[dict | None] = [_cached_tokens(cache, key, len(units)) if key else None
                                for key, units in zip(keys, articles, strict=True)]
    todo = [n for n, tokens in enumerate(found) if tokens is None]
    made = articles_tokens([articles[n] for n in todo], lemmatize, nlp=nlp, engine=engine)
    for n, tokens in zip(todo, made, strict=True):
        found[n] = tokens
        if keys[n]:
            cache.put_bytes(keys[n], marshal.dumps(tokens))
    cache.flush()
    return {lang: [side for tokens in found for side in tokens[lang]] for lang in LANGS}, len(todo)


def _cached_tokens(cache: ResultCache, key: str, size: int) -> dict[str, list[Tokens]] | None:
    """One article's kept tokens (``size`` units), None when absent or unreadable (then discarded: a
    checksum that holds over a payload of another shape is still never used). Kept with ``marshal``,
    which reads them back several times faster than JSON."""
    return cache.get_decoded(key, partial(_tokens_from_payload, size=size))


def _tokens_from_payload(payload: bytes, size: int) -> dict[str, list[Tokens]]:
    """The tokens :func:`_cached_tokens` reads; ValueError for a payload of another shape."""
    tokens = marshal.loads(payload)
    if not isinstance(tokens, dict) or sorted(tokens) != sorted(LANGS) or any(
            not isinstance(tokens[lang], list) or len(tokens[lang]) != size for lang in LANGS):
        raise ValueError("not an article's tokens")
    return tokens


def tokens_key(text_digest: str, nlp: str = "builtin") -> str:
    """The cache key of one article's tokens: its units' texts (:func:`.sources.texts_digest`), the
    lemmatiser and this code."""
    return cache_key("glossary: tokens (marshal)", nlp, text_digest)


def build_index(units: list[Unit], lang: str, lemmatize: Lemmatize | None = None,
                tokens: list[Tokens] | None = None) -> LanguageIndex:
    """The :class:`LanguageIndex` of ``lang`` over all units, from their ``tokens`` (one per unit, as
    :func:`article_tokens` makes them) or else tokenised and lemmatised here as one article."""
    if tokens is None:
        tokens = article_tokens(units, lemmatize)[lang]
    return _indexed(lang, tokens, [], defaultdict(list), defaultdict(Counter))


def _indexed(lang: str, tokens: list[Tokens], sides: list[Side | None], postings: defaultdict,
             surfaces: defaultdict) -> LanguageIndex:
    """The index of ``tokens`` given that of their first ``len(sides)`` (its sides, postings and
    surfaces, added to here): the sides after those are analysed and counted in unit order."""
    for number in range(len(sides), len(tokens)):
        found = tokens[number]
        if found is None:
            sides.append(None)
            continue
        surface, keys, breaks, starts, possessives = found
        side = analyse_side(surface, keys, set(breaks), set(starts), set(possessives), lang, surfaces)
        sides.append(side)
        for gram in side.grams:
            postings[gram].append(number)
    return LanguageIndex(lang=lang, sides=sides, postings=dict(postings), surfaces=dict(surfaces),
                         total=sum(1 for side in sides if side is not None))


def build_indexes(units: list[Unit], lemmatize: Lemmatize | None = None,
                  tokens: dict[str, list[Tokens]] | None = None) -> dict[str, LanguageIndex]:
    """The index of every language; ``tokens``: per language, the :data:`Tokens` of every unit."""
    tokens = tokens or article_tokens(units, lemmatize)
    return {lang: build_index(units, lang, tokens=tokens[lang]) for lang in LANGS}


#: The kept index is stored again when the articles added after those it counts are more than this
#: share of them (fewer are analysed again each run, a few milliseconds an article).
REINDEX_SHARE = 0.05
#: The cache slot of the last build's index: one entry, overwritten by a later build.
_LAST_INDEX = cache_key("glossary: last index", {}, [])


def cached_indexes(tokens: dict[str, list[Tokens]], article_keys: list[str], sizes: list[int],
                   cache: ResultCache) -> tuple[dict[str, LanguageIndex], int]:
    """:func:`build_indexes` of the units of articles keyed ``article_keys`` (:func:`tokens_key`) with
    ``sizes`` units each, and how many of these articles' counts were taken from ``cache``.

    The last build's counts (postings and surfaces) are kept in the cache with its articles' keys; when
    those articles are the first ones here, in the same order, their counts are taken and only the
    articles after them are analysed and added, in unit order, as a fresh build adds them, so the
    index is the one a fresh build makes. Any other corpus (an article changed, removed or put before
    others) is indexed anew. The counts stored are this build's (one entry: what the next build
    starts from), but only when the articles added to the kept ones are more than
    :data:`REINDEX_SHARE` of them: a re-run after a few new articles leaves the kept counts as they
    are (rewriting them cost a tenth of a second for one new article in 1,000), and the next run adds
    those articles again, from their kept tokens."""
    kept = _last_index(cache, article_keys, sizes)
    reused = kept[0] if kept else 0
    units = sum(sizes[:reused])
    indexes = {}
    for lang in LANGS:
        sides, postings, surfaces = [], defaultdict(list), defaultdict(Counter)
        if kept:
            stored_postings, stored_surfaces = kept[1][lang]
            sides = _kept_sides(tokens[lang][:units], stored_postings)
            postings.update(stored_postings)
            surfaces.update((gram, Counter(forms)) for gram, forms in stored_surfaces.items())
        indexes[lang] = _indexed(lang, tokens[lang], sides, postings, surfaces)
    if not kept or len(article_keys) - reused > REINDEX_SHARE * reused:
        counts = {lang: (index.postings, {gram: dict(forms) for gram, forms in index.surfaces.items()})
                  for lang, index in indexes.items()}
        cache.put_bytes(_LAST_INDEX, marshal.dumps((article_keys, sizes, counts)))
        cache.flush()
    return indexes, reused


def _last_index(cache: ResultCache, article_keys: list[str], sizes: list[int]) -> tuple[int, dict] | None:
    """How many of the articles the last build's index counted (the first ones, in order) and its
    counts per language; None when it counted others (or none is kept, or it cannot be read)."""
    payload = cache.get_bytes(_LAST_INDEX)
    if payload is None:
        return None
    try:
        keys, kept_sizes, counts = marshal.loads(payload)
        if keys != article_keys[:len(keys)] or kept_sizes != sizes[:len(keys)]:
            return None
        units = sum(kept_sizes)
        if set(counts) != set(LANGS) or not all(all(numbers[-1] < units for numbers in postings.values())
                                                for postings, _ in counts.values()):
            raise ValueError("postings outside the units counted")
    except (EOFError, ValueError, TypeError, IndexError, AttributeError):
        cache.discard(_LAST_INDEX)
        return None
    return len(keys), counts


def _kept_sides(tokens: list[Tokens], postings: dict[str, list[int]]) -> list[Side | None]:
    """The sides of ``tokens``, their grams read off the kept ``postings`` (a gram is in a side when
    the side's unit is in its postings), not analysed again."""
    grams: list[set[str]] = [set() for _ in tokens]
    for gram, numbers in postings.items():
        for number in numbers:
            grams[number].add(gram)
    return [None if found is None else Side(surface=found[0], keys=found[1], grams=held, breaks=set(found[2]),
                                            starts=set(found[3]), possessives=set(found[4]))
            for found, held in zip(tokens, grams, strict=True)]
