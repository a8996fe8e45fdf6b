"""Single-word terms: domain nouns translated the same way in every bead (earthquake = жер сілкінісі =
землетрясение, sanctions = санкциялар = санкции).

A word is a term, not general vocabulary, when it is rare in English at large (and its Russian
rendering in Russian at large): its Zipf frequency in
``wordfreq``'s English list (log10 of uses per billion words) is below GENERAL_ZIPF (said, people,
year, police and government are above; election, climate, earthquake and tsunami below), it is not
in ``general_words`` and does not end like an adjective, adverb or verb. Its rendering must be shown
by the corpus: in every bead holding the English word that has the other language, one and the same
word (a Kazakh word with the word always before it: жер сілкінісі) — that word's Dice with the English
word above any other English word's, and above any other word's of the other language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from ..langs import get_language
from ..translit import name_similarity
from .compose import LOANWORD_LETTERS, LOANWORD_SPELLING, composed_headword, written_plural
from .confidence import SINGLE_WORD_TERM, single_word_confidence
from .headwords import headword
from .index import LanguageIndex
from .patterns import term_patterns
from .phrases import WordAssociation

#: English words at least this frequent in general use (wordfreq's Zipf scale) are general words.
GENERAL_ZIPF = 5.1
#: Beads holding the word and its rendering: a candidate from MIN_BEADS, an entry from TERM_BEADS.
MIN_BEADS = 2
TERM_BEADS = 3
#: The Dice of word and rendering an entry needs (a candidate needs MIN_DICE).
TERM_DICE = 0.5
MIN_DICE = 0.4
#: A word in two beads only is an entry when the English word is no verb too and its renderings have
#: this Dice (found nearly nowhere else).
PAIR_DICE = 0.8
#: From this many beads, one bead may show no rendering (a candidate then, not an entry).
SPARE_FROM = 4
#: A rendering shown in this many beads is sure even where one more bead words it otherwise.
SURE_BEADS = 5
#: A word in every bead is preferred to a word in all but one with a Dice at most this much higher.
COVERAGE_MARGIN = 0.1
#: Another English word of the beads this much more associated with the rendering takes it.
RIVAL_MARGIN = 0.25
#: From this many beads of a term, a Kazakh word with the same word before it in all of them is a unit
#: with it (жер сілкінісі); in fewer, only where the corpus never shows the word without it.
UNIT_BEADS = 3
#: A Kazakh stem and the endings the lemmatiser may leave on it (саммит, саммитте).
STEM_LETTERS = 4
ENDING_LETTERS = 4
#: Words shorter than this are no single-word terms (abbreviations are acronyms).
MIN_LETTERS = 4
#: A word in more beads than this is general vocabulary in the corpus itself.
MAX_BEADS = 400


@dataclass
class WordRendering:
    """A single-word term's rendering in one language."""

    gram: str
    headword: str
    units: list[int]
    dice: float


@dataclass
class WordTerm:
    """A single English noun with its renderings and its confidence."""

    key: str
    english: str
    units: list[int]
    renderings: dict[str, WordRendering]
    confidence: float


@cache
def general_zipf(word: str, lang: str = "en") -> float:
    """The word's Zipf frequency in the language at large (0 for a word wordfreq does not know)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang, wordlist="small")


def term_word(key: str, english: LanguageIndex) -> bool:
    """Whether an English lemma key may be a single-word term: a lower-case alphabetic word as the
    texts write it, no stop word or general word, rare in English at large."""
    patterns = term_patterns("en")
    if len(key) < MIN_LETTERS or not key.isalpha() or key in patterns.stop_words or key in patterns.general_words:
        return False
    written = english.surfaces.get(key)
    if not written:
        return False
    form = written.most_common(1)[0][0]
    lower = sum(count for text, count in written.items() if text.islower())
    if not form.islower() or 2 * lower < sum(written.values()):
        return False  # a name's word, or a word written mostly with a capital
    if not patterns.can_end_term(form) or not patterns.can_end_term(key) or not _english_noun(key):
        return False
    return general_zipf(key) < GENERAL_ZIPF


@cache
def _english_noun(word: str) -> bool:
    """A word English dictionaries have as a noun and not as an adjective (heavy, guilty are not)."""
    from ..lemma.en import english_readings

    parts = english_readings(word)
    return "NOUN" in parts and "ADJ" not in parts


def single_word_terms(english: LanguageIndex, words: dict[str, WordAssociation]) -> list[WordTerm]:
    """Every single-word term with a consistent rendering in Kazakh and Russian."""
    found = []
    stems = {lang: _Stems(words[lang].target) for lang in ("ru", "kk")}
    for key, units in english.postings.items():
        if " " in key or not MIN_BEADS <= len(units) <= MAX_BEADS or not term_word(key, english):
            continue
        if _inside_longer_term(key, units, english):
            continue
        grams = {}
        for lang in ("ru", "kk"):
            grams[lang] = _rendering(key, units, words[lang], stems[lang])
            if grams[lang] is None:
                break
        if None in grams.values():
            continue
        targets = {lang: words[lang].target for lang in grams}
        plural = written_plural(english, key, targets, {lang: found[0] for lang, found in grams.items()})
        renderings, forms = {}, []
        sure = all(found[3] or len(found[1]) >= SURE_BEADS for found in grams.values())
        for lang, (gram, holding, dice, _) in grams.items():
            form, certain = composed_headword(targets[lang], gram, plural)
            if lang == "kk" and " " not in gram:
                form, bare = _without_possessive(form, gram, targets[lang], renderings["ru"].headword)
                # a loanword Kazakh writes as Russian does (температура) is sure as it stands
                certain = (certain and bare) or form.casefold() == renderings["ru"].headword.casefold()
            forms.append((lang, certain))
            renderings[lang] = WordRendering(gram=gram, headword=_lower_first(form), units=holding, dice=dice)
        written = english.surfaces[key].most_common(1)[0][0] if plural else headword(english, key)
        strong = sure and all(len(r.units) >= TERM_BEADS and r.dice >= TERM_DICE for r in renderings.values())
        loanword = _loanword(key, renderings["kk"].headword, renderings["ru"].headword)
        if loanword and all(len(r.units) >= MIN_BEADS and r.dice >= TERM_DICE for r in renderings.values()):
            strong = True  # spelled alike in all three: the spelling backs the beads up (цунами)
        if sure and _only_noun(key) and all(len(r.units) >= MIN_BEADS and r.dice >= PAIR_DICE
                                            for r in renderings.values()):
            strong = True  # in two beads, and the renderings nowhere else (grandson = немере = внук)
        found.append(WordTerm(key=key, english=written, units=list(units), renderings=renderings,
                              confidence=single_word_confidence(strong, all(found[1] for found in forms))))
    # a loanword shared by the three languages is surer than a weak reading by co-occurrence (campus =
    # кампус = кампус, not the stem кампу the lemmatiser left)
    loanwords = loanword_terms(english, words, {term.key for term in found if term.confidence >= SINGLE_WORD_TERM})
    replaced = {term.key for term in loanwords}
    return [term for term in found if term.key not in replaced] + loanwords


def loanword_terms(english: LanguageIndex, words: dict[str, WordAssociation], done: set[str]) -> list[WordTerm]:
    """Single-word terms that are one loanword in all three languages (conference = конференция =
    конференция, reform = реформа = реформа), found in as few as one bead: the spelling, shared by
    three texts, shows what co-occurrence cannot show in so few. The Russian word is a noun whose
    dictionary form is spelled like the English word; the Kazakh word is that dictionary form,
    with at most Kazakh noun endings after it (тарифтер, алюминийге), never an adjective or verb
    suffix (технологиялық, эвакуацияла). Every bead of the word that shows such a rendering shows
    the same one; keys in ``done`` have a rendering already."""
    found = []
    kazakh, russian = words["kk"].target, words["ru"].target
    spelled: dict[int, list[tuple[str, str]]] = {}  # per bead: its Russian words that may be loanwords
    for key, units in english.postings.items():
        if " " in key or key in done or len(units) > MAX_BEADS or not term_word(key, english):
            continue
        russian_words, kazakh_keys, holding = Counter(), Counter(), []
        first_sound = _first_sound(key)
        for u in units:
            ru_side, kk_side = russian.sides[u], kazakh.sides[u]
            if ru_side is None or kk_side is None:
                continue
            if u not in spelled:
                spelled[u] = _loanword_shaped(ru_side.keys)
            # a bead's words that cannot be loanwords are told apart once, not for every English word
            loanwords = {word for word, sound in spelled[u] if sound == first_sound and _russian_loanword(key, word)}
            others = {other for other in english.sides[u].keys if other != key} if loanwords else set()
            for word in loanwords:
                if any(name_similarity(other, word) > name_similarity(key, word) for other in others):
                    continue  # иммигрант is immigrant's, not immigration's
                if not russian.usual_form(word).islower():
                    continue  # a name's word (Супермен)
                forms = {kk_key for kk_key, form in zip(kk_side.keys, kk_side.surface, strict=True)
                         if _kazakh_form_of(form.casefold(), word)}
                if forms:
                    russian_words[word] += 1
                    kazakh_keys.update(forms)
                    holding.append(u)
        if len(russian_words) != 1:
            continue  # none, or two loanwords for one word
        word = next(iter(russian_words))
        grams = {"ru": word, "kk": kazakh_keys.most_common(1)[0][0]}
        term_renderings = {lang: WordRendering(gram=grams[lang], headword=word, units=holding,
                                               dice=name_similarity(key, word)) for lang in ("ru", "kk")}
        found.append(WordTerm(key=key, english=headword(english, key), units=list(units),
                              renderings=term_renderings, confidence=single_word_confidence(True, True)))
    return found


#: A loanword term's Russian word is spelled at least this much like the English word (Dice of the
#: sound keys' bigrams) and is at least LOANWORD_LETTERS long.
LOANWORD_TERM_SPELLING = 0.6


def _loanword_shaped(keys: list[str]) -> list[tuple[str, str]]:
    """The words of a Russian side that may be a loanword by themselves (:func:`_may_be_loanword`),
    in order, each with its first sound."""
    return [(word, _first_sound(word)) for word in keys if _may_be_loanword(word)]


def _may_be_loanword(word: str) -> bool:
    """What :func:`_russian_loanword` asks of the Russian word alone: long enough, letters only, not Latin."""
    return len(word) >= LOANWORD_LETTERS and word.isalpha() and not word.isascii()


@cache
def _first_sound(word: str) -> str:
    """The first letter of the word's sound key: a loanword keeps its first sound."""
    from ..translit import latin_key

    return latin_key(word)[:1]


@cache
def _russian_loanword(english_word: str, word: str) -> bool:
    """A Russian lemma that is a noun spelled like ``english_word`` (конференция for conference)."""
    from ..lemma import builtin_lemmatizer

    if not _may_be_loanword(word):
        return False
    if _first_sound(word) != _first_sound(english_word):
        return False  # a loanword keeps its first sound
    if name_similarity(english_word, word) < LOANWORD_TERM_SPELLING:
        return False
    parses = builtin_lemmatizer("ru").morph.parse(word)
    return bool(parses) and parses[0].tag.POS == "NOUN" and get_language("ru").fold(parses[0].normal_form) == word


@cache
def _kazakh_form_of(form: str, word: str) -> bool:
    """A Kazakh word that is ``word`` with nothing after it but noun endings (plural, possessive,
    case): тарифтер, референдумда, стереотипін."""
    if not form.startswith(word):
        return False
    return _noun_endings_only(form[len(word):])


@cache
def _noun_endings_only(rest: str) -> bool:
    """Whether ``rest`` is a chain of Kazakh noun endings (or nothing)."""
    from ..lemma.kk import kazakh_endings

    if not rest:
        return True
    endings = (*kazakh_endings("plural"), *kazakh_endings("possessive"), *kazakh_endings("genitive"),
               *kazakh_endings("case"))
    return any(rest.endswith(ending) and _noun_endings_only(rest[: -len(ending)]) for ending in endings)


class _Stems:
    """Where each word of one language occurs, a Kazakh word with the forms the lemmatiser left an
    ending on counted as one (саммит: саммит, саммитте; референдум: референдумда)."""

    def __init__(self, target: LanguageIndex):
        self.target = target
        self.family: dict[str, list[str]] = {}
        self._units: dict[str, frozenset[int]] = {}
        self._words: dict[int, frozenset[str]] = {}
        if target.lang == "kk":
            vocabulary = {key for key in target.postings if " " not in key and key.isalpha()}
            for key in vocabulary:
                for cut in range(max(STEM_LETTERS, len(key) - ENDING_LETTERS), len(key)):
                    if key[:cut] in vocabulary:
                        self.family.setdefault(key[:cut], []).append(key)

    def units(self, word: str) -> frozenset[int]:
        found = self._units.get(word)
        if found is None:
            found = frozenset(self.target.postings.get(word, ()))
            for longer in self.family.get(word, ()):
                found |= frozenset(self.target.postings[longer])
            self._units[word] = found
        return found

    def words_of(self, unit: int) -> frozenset[str]:
        """The words of a bead's side, and the stems their forms belong to."""
        found = self._words.get(unit)
        if found is None:
            keys = set(self.target.sides[unit].keys)
            if self.family:
                keys |= {key[:cut] for key in keys for cut in range(max(STEM_LETTERS, len(key) - ENDING_LETTERS),
                                                                     len(key)) if key[:cut] in self.family}
            found = self._words[unit] = frozenset(keys)
        return found


@cache
def _kazakh_modifier(key: str) -> bool:
    """A Kazakh word the lexicon has as an adjective or adverb and not as a noun (жаппай)."""
    from ..lemma import builtin_lemmatizer

    parts = builtin_lemmatizer("kk").parts_of_speech(key)
    return bool(parts) and "NOUN" not in parts


def _dice(first: frozenset[int], second: frozenset[int]) -> float:
    return 2 * len(first & second) / (len(first) + len(second)) if first and second else 0.0


def _rendering(key: str, units: list[int], words: WordAssociation,
               stems: _Stems) -> tuple[str, list[int], float, bool] | None:
    """The one word (or Kazakh two-word unit) rendering ``key`` in the beads that have the language
    (all of them, or all but one of four or more), its beads, Dice and whether every bead shows it;
    None when another word is as likely."""
    target, english = words.target, words.english
    stop = term_patterns(target.lang).stop_words
    holding = [u for u in units if target.sides[u] is not None]
    if len(holding) < MIN_BEADS:
        return None
    needed = len(holding) - (1 if len(holding) >= SPARE_FROM else 0)
    # a word in all beads but one at most is in the first or the second
    possible = {word for word in stems.words_of(holding[0]) | stems.words_of(holding[1])
                if word not in stop and word.replace("-", "").isalpha() and len(word) > 2}  # зорлық-зомбылық
    counts = Counter(word for u in holding for word in possible & stems.words_of(u))
    english_units = frozenset(units)
    ranked = sorted(((_dice(english_units, stems.units(word)), word) for word, count in counts.items()
                     if count >= needed), reverse=True)
    if not ranked:
        return None
    # a word in every bead before one in all but one, unless that one is clearly more associated
    # (temperature = температура in all four beads, not перепад in three)
    everywhere = [(dice, word) for dice, word in ranked if counts[word] == len(holding)]
    if everywhere and everywhere[0] != ranked[0] and everywhere[0][0] >= ranked[0][0] - COVERAGE_MARGIN:
        ranked = everywhere
    dice, word = ranked[0]
    gram = _kazakh_unit(word, holding, target) if target.lang == "kk" else word
    if dice < MIN_DICE or any(other_dice >= dice for other_dice, other in ranked[1:] if other not in gram.split(" ")):
        return None  # weak, or two words equally likely
    if gram not in target.surfaces or not words.noun_phrase(gram) or (
            target.lang == "kk" and _kazakh_modifier(gram.split(" ")[-1])):
        return None
    if _always_beside(gram.split(" ")[-1], holding, target, after=True) or (
            target.lang == "ru" and _always_beside(gram, holding, target, after=False)):
        return None  # part of a longer rendering (среда обитания, мекендеу ортасы)
    if target.lang == "ru" and (not target.usual_form(gram)[:1].islower()
                                or general_zipf(gram, "ru") >= GENERAL_ZIPF):
        return None  # a name's word, or a general Russian word (число for toll)
    # no other English word of the beads is as likely to be what the rendering translates: one in
    # every bead with it (ambiguous), or one far more associated with it
    others = Counter(other for u in holding for other in set(english.sides[u].keys)
                     if other != key and other.isalpha() and len(other) > 2)
    rendered = stems.units(word)
    for other, count in others.items():
        if count >= MIN_BEADS:
            other_dice = _dice(frozenset(english.postings[other]), rendered)
            if other_dice >= dice + RIVAL_MARGIN or (count == len(holding) and other_dice >= dice):
                return None
    covered = [u for u in holding if word in stems.words_of(u)]
    return gram, covered, dice, len(covered) == len(holding)


@cache
def _only_noun(word: str) -> bool:
    """A word English dictionaries have as a noun only (not bear, which bears a name)."""
    from ..lemma.en import english_readings

    return set(english_readings(word)) == {"NOUN"}


def _loanword(english: str, kk: str, ru: str) -> bool:
    """One loanword in all three languages: Kazakh and Russian write it alike, spelled as the English."""
    return kk.casefold() == ru.casefold() and name_similarity(english, ru) >= LOANWORD_SPELLING


def _inside_longer_term(key: str, units: list[int], english: LanguageIndex) -> bool:
    """Whether the word always stands beside the same content word (penalty in death penalty, toll in
    death toll): the term is the longer one."""
    stop = term_patterns("en").stop_words
    common = None
    for u in units:
        keys = english.sides[u].keys
        beside = {keys[j] for i, word in enumerate(keys) if word == key
                  for j in (i - 1, i + 1) if 0 <= j < len(keys) and keys[j] not in stop}
        common = beside if common is None else common & beside
        if not common:
            return False
    return bool(common)


def _always_beside(word: str, holding: list[int], target: LanguageIndex, after: bool) -> bool:
    """Whether ``word`` has the same content word right after it (``after``) or before it in every
    bead of ``holding``."""
    stop = term_patterns(target.lang).stop_words
    step = 1 if after else -1
    common = None
    for u in holding:
        keys = target.sides[u].keys
        beside = {keys[i + step] for i, key in enumerate(keys) if key == word
                  and 0 <= i + step < len(keys) and keys[i + step] not in stop}
        common = beside if common is None else common & beside
        if not common:
            return False
    return bool(common)


def _kazakh_unit(word: str, holding: list[int], target: LanguageIndex) -> str:
    """``word``, or the two-word unit it forms with the word always before it (жер сілкінісі): in the
    whole corpus, or in every bead of the term when there are UNIT_BEADS or more."""
    beads = target.postings[word] if len(holding) < UNIT_BEADS else holding
    before = {side.keys[i - 1] if i else "" for side in (target.sides[u] for u in beads)
              for i, key in enumerate(side.keys) if key == word}
    if len(before) != 1 or "" in before:
        return word
    gram = f"{before.pop()} {word}"
    missing = set(holding) - set(target.postings.get(gram, ()))
    # in five beads or more, one bead may write the unit otherwise (жер сілкініс beside жер сілкінісі)
    return gram if not missing or (len(holding) >= SURE_BEADS and len(missing) == 1) else word


def _without_possessive(form: str, key: str, target: LanguageIndex, russian: str) -> tuple[str, bool]:
    """A single Kazakh noun without the possessive it takes in running text (провинциясы →
    провинция, әріптесі → әріптес), and whether that form is sure: the lexicon knows it, the corpus
    writes it bare, or it is the Russian word (провинция). Otherwise the ending may be the
    stem's (сілкінісі: сілкініс + і, not сілкіні + сі)."""
    from ..lemma import builtin_lemmatizer

    rest = form.casefold()[len(key):]
    if not form.casefold().startswith(key) or rest not in term_patterns("kk").compound_head_endings:
        return form, True
    sure = (bool(builtin_lemmatizer("kk").parts_of_speech(key)) or key in {w.casefold() for w in target.surfaces[key]}
            or key == russian.casefold())
    return key, sure


def _lower_first(form: str) -> str:
    """A term's headword in lower case (the capital came from a sentence start)."""
    first = form.split(" ")[0]
    return form[:1].lower() + form[1:] if first[:1].isupper() and first[1:].islower() else form
