"""A two-word term's rendering composed word by word, for terms found in one bead or a few.

Counting how often a phrase and its rendering co-occur needs the phrase to recur; most terms of a
small corpus occur once or twice. Their rendering can still be pinned down word by word: in the
term's bead, each English word has a word of the other language that the whole corpus shows to be
its translation — the two co-occur in several beads and rarely apart (Dice), or they are one
loanword spelled alike (technology ~ технологиялық ~ технологический) — and those words stand
side by side as a noun phrase built as the English one is:

- Kazakh puts the head last (сауда соғысы, ұйқы жетіспеушілігі);
- Russian has an adjective agreeing with its noun (торговая война), or the head noun first and
  the English modifier after it in the genitive (лишение сна).

A rendering is taken only when every bead of the term that shows one shows the same one. Its
headwords are plural when all three texts write the term so (civil rights = азаматтық құқықтар =
гражданские права), else singular (trade war = сауда соғысы = торговая война), the Russian
adjective agreeing, the Kazakh modifier in the nominative and the head without case endings
(провинциясының экономикасының → провинция экономикасы).
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from ..langs import get_language
from ..translit import latin_key, name_similarity
from .headwords import typed_gram
from .index import LanguageIndex
from .patterns import term_patterns
from .phrases import WordAssociation

#: A word translates an English word when the two co-occur in this many beads at least ...
MIN_COOCCURRENCE = 2
#: ... with at least this Dice, or when they are spelled at least this much alike (loanwords) and
#: both are at least LOANWORD_LETTERS long.
MIN_DICE = 0.4
LOANWORD_SPELLING = 0.55
LOANWORD_LETTERS = 4
#: The support of a word found once in the corpus paired with the one word found once beside its
#: neighbour's rendering (nothing else in the corpus speaks for or against the pair).
RARE_PAIR = 0.3
#: Beads of a term a rendering is composed in (a term in more beads is counted by co-occurrence too).
MAX_BEADS = 4


class PhraseComposer:
    """Word-by-word renderings of English two-word terms in one other language."""

    def __init__(self, words: WordAssociation):
        self.words = words
        self.english, self.target = words.english, words.target
        self._stop = term_patterns(self.target.lang).stop_words
        self._english_stop = term_patterns("en").stop_words
        self._support: dict[tuple[str, str], float] = {}
        self._dice: dict[tuple[str, str], float] = {}

    def rendering(self, key: tuple[str, ...], units: list[int],
                  every_word: bool = False) -> tuple[str, list[int], float] | None:
        """The gram rendering ``key`` in its (first MAX_BEADS) beads, the beads showing it and its
        weakest word support; None when no bead shows one or two beads show different ones.
        ``every_word``: each word's translation must be shown by the corpus (no word found once
        paired by its place alone)."""
        found = {u: self._in_bead(key, u, every_word) for u in units[:MAX_BEADS]}
        grams = Counter(gram for gram, _ in filter(None, found.values()))
        if len(grams) != 1:
            return None
        gram = next(iter(grams))
        holding = [u for u, value in found.items() if value]
        return gram, holding, min(value[1] for value in found.values() if value)

    def support(self, english_word: str, word: str) -> float:
        """How surely ``word`` translates ``english_word`` (0 when the corpus does not show it): their
        Dice when they co-occur in MIN_COOCCURRENCE beads or more, or their spelling's likeness when
        they are one loanword.

        Remembered or not, it reads both words' counts; it records as read ``english_word`` always, and
        ``word`` only when supported at MIN_DICE or more. Why a support below it cannot change what
        :meth:`_best` (its one caller) makes of the bead while ``english_word``'s count is as it was:
        articles added at the end that hold ``word`` and not ``english_word`` add no bead to the two
        together and beads to ``word`` only, so the Dice falls or stays (the spelling does not
        change): a word below MIN_DICE stays below it, never the best at MIN_DICE or more."""
        value = self._support.get((english_word, word))
        if value is None:
            value = self._counted(english_word, word)
            if (len(english_word) >= LOANWORD_LETTERS and len(word) >= LOANWORD_LETTERS
                    and latin_key(english_word)[:1] == latin_key(word)[:1]):  # a loanword keeps its first sound
                spelled = name_similarity(english_word, word)
                if spelled >= LOANWORD_SPELLING:
                    value = max(value, spelled)
            self._support[english_word, word] = value
        if self.english.reads is not None:  # (inline: a term's composition asks for thousands of pairs)
            self.english.reads.add(english_word)
        if self.target.reads is not None and value >= MIN_DICE:
            self.target.reads.add(word)
        return value

    def _in_bead(self, key: tuple[str, ...], unit: int, every_word: bool = False) -> tuple[str, float] | None:
        """The rendering of a two-word ``key`` in one bead and its weakest word support: of the
        words translating each English word, the two standing side by side as a phrase built as the
        English one is (the best supported such pair)."""
        side, english = self.target.sides[unit], self.english.sides[unit]
        if side is None or all(i in english.possessives for i in _places(english.keys, key)):
            return None  # not in this bead's text, or only as "province's economy"
        options = [self._best(english_word, side) for english_word in key]
        rare_word = [number for number, best in enumerate(options)
                     if not every_word and not best and self.english.frequency(key[number]) == 1]
        if not (any(i + step in options[1] for i in options[0] for step in (-1, 1))
                or (len(rare_word) == 1 and options[1 - rare_word[0]])):
            return None  # no pair of words side by side: nothing to check further
        options = [self._unrivalled(english_word, best, side, english) for english_word, best in zip(key, options,
                                                                                                         strict=True)]
        found = []
        for first, first_support in options[0].items():
            for second in (first - 1, first + 1):
                if second in options[1]:
                    gram = self._phrase(side, [first, second])
                    if gram:
                        found.append((min(first_support, options[1][second]), gram))
        if found:
            support, gram = max(found)
            return gram, support
        missing = [number for number, found in enumerate(options) if not found]
        if every_word or len(missing) != 1 or self.english.frequency(key[missing[0]]) > 1:
            return None
        # a word found once in the corpus: the one word found once beside its neighbour's rendering
        rare = set()
        for anchor in options[1 - missing[0]]:
            for place in (anchor - 1, anchor + 1):
                if 0 <= place < len(side.keys) and side.keys[place] not in self._stop and (
                        self.target.frequency(side.keys[place]) == 1):
                    places = [place, anchor] if missing[0] == 0 else [anchor, place]
                    rare.add(self._phrase(side, places))
        rare.discard(None)
        return (rare.pop(), RARE_PAIR) if len(rare) == 1 else None

    def _best(self, english_word: str, side) -> dict[int, float]:
        """Where the bead shows ``english_word``'s translation, and how surely: the words best
        supported as its translation (at least MIN_DICE)."""
        supports = {i: self.support(english_word, word) for i, word in enumerate(side.keys) if word not in self._stop}
        best = max(supports.values(), default=0.0)
        return {i: support for i, support in supports.items() if support == best >= MIN_DICE}

    def _unrivalled(self, english_word: str, best: dict[int, float], side, english) -> dict[int, float]:
        """Of ``best``, the words no other word of the English sentence co-occurs with more
        (смертная is death's, not federal's); a loanword's spelling decides for itself.

        It records as read only the other English words whose counts can change the result while the
        words of ``best`` keep theirs (they are recorded, :meth:`support`): articles added at the end
        only add beads, so a word in MIN_COOCCURRENCE beads stays so, and the Dice of another English
        word with a word of ``best`` falls or stays (the beads added do not hold that word), so one at
        most ``support`` stays so; only the first found above it (where ``all`` stops) may change."""
        others = {word for word in english.keys if word != english_word and word not in self._english_stop
                  and self._at_least(word, MIN_COOCCURRENCE)
                  and name_similarity(word, english_word) < LOANWORD_SPELLING}  # not medical for medicine
        return {i: support for i, support in best.items()
                if support > self._cooccurrence(english_word, side.keys[i])
                or all(self._rivalled_at_most(other, side.keys[i], support) for other in others)}

    def _at_least(self, english_word: str, count: int) -> bool:
        """Whether the English word is in ``count`` beads or more, recorded as read when it is not."""
        found = len(self.english.postings.get(english_word, ())) >= count
        if not found:
            self.english.note(english_word)
        return found

    def _rivalled_at_most(self, other: str, word: str, support: float) -> bool:
        """Whether ``other``'s Dice with ``word`` is at most ``support``, ``other`` recorded as read
        when it is not (``word`` is recorded by the caller)."""
        at_most = self._counted(other, word) <= support
        if not at_most:
            self.english.note(other)
        return at_most

    def _cooccurrence(self, english_word: str, word: str) -> float:
        """The Dice of two words that co-occur in MIN_COOCCURRENCE beads or more (else 0)."""
        if self.english.reads is not None:
            self.english.reads.add(english_word)
        if self.target.reads is not None:
            self.target.reads.add(word)
        return self._counted(english_word, word)

    def _counted(self, english_word: str, word: str) -> float:
        """:meth:`_cooccurrence` recording nothing as read (the caller records what it must)."""
        value = self._dice.get((english_word, word))
        if value is None:
            together, dice = self.words.pair_unrecorded(english_word, word)
            value = self._dice[english_word, word] = dice if together >= MIN_COOCCURRENCE else 0.0
        return value

    def _phrase(self, side, places: list[int]) -> str | None:
        """The gram at ``places`` (the renderings of the English words in order) if it is a noun
        phrase of adjacent words built as the English one is."""
        start, end = min(places), max(places)
        if len(set(places)) != len(places) or end - start + 1 != len(places) or any(
                i in side.breaks for i in range(start + 1, end + 1)):
            return None
        gram = " ".join(side.keys[start:end + 1])
        if self.target.written(gram) is None:
            return None  # not an n-gram of the index (a number in it)
        written = tuple(side.surface[start:end + 1])
        if any(word[:1].isupper() for word in written[1:]):
            return None  # система Комитета: a name's word, not a term's
        head = places[-1] - start  # where the English head (last word) stands in the rendering
        if not self.words.noun_phrase(gram) or not _built_alike(written, head, self.target):
            return None
        return gram


def _places(keys: list[str], key: tuple[str, ...]) -> list[int]:
    """Where the words of ``key`` stand in a row in ``keys``."""
    n = len(key)
    return [i for i in range(len(keys) - n + 1) if tuple(keys[i:i + n]) == key]


def written_plural(english: LanguageIndex, gram: str, targets: dict[str, LanguageIndex],
                   grams: dict[str, str]) -> bool:
    """Whether all three languages write a term in the plural (civil rights = азаматтық құқықтар =
    гражданские права): its headwords then stay plural; a term plural in one language only (civil
    wars = азаматтық соғыс) is given in the singular."""
    head = gram.split(" ")[-1]
    written = english.written(gram) or {}
    if not written or any(form.split(" ")[-1].casefold() == head for form in written):
        return False
    for lang, target in targets.items():
        form = target.written(grams[lang]).most_common(1)[0][0].casefold().split(" ")
        if lang == "kk" and not form[-1][len(grams[lang].split(" ")[-1]):].startswith(_kazakh_endings("plural")):
            return False
        if lang == "ru" and not _russian_plural(form):
            return False
    return True


def _russian_plural(words: list[str]) -> bool:
    """A Russian two-word phrase in the plural: by its adjective (гражданские), else its head noun."""
    first = _russian_parses(words[0])
    if any(parse.tag.POS in ("ADJF", "PRTF") for parse in first[:1]):
        return first[0].tag.number == "plur"
    return bool(first) and first[0].tag.number == "plur"


def composed_headword(target: LanguageIndex, gram: str, plural: bool, adjective: bool = False) -> tuple[str, bool]:
    """A composed rendering's dictionary form, in the English term's number, and whether it is sure.
    ``adjective``: the Russian rendering opens with an adjective, so a Kazakh head after an adjective
    takes no possessive (консервативтік топ, not консервативтік тобы), after a noun it does (сауда
    соғысы); after a word the lexicon does not know (құпия қаруы) the form is unsure."""
    from ..lemma import lemmatize_phrase

    written = target.usual_form(gram)
    if target.lang == "ru":
        return lemmatize_phrase(written, "ru", plural), True
    if target.lang != "kk":
        return written, True
    *modifiers, head = written.split(" ")
    *modifier_keys, head_key = gram.split(" ")
    typed = typed_gram(written, gram, "kk")  # Kazakh typed without its letters: endings as so typed
    words = [_kazakh_nominative(word, key, typed) for word, key in zip(modifiers, modifier_keys, strict=True)]
    bare, sure = _kazakh_head(head, head_key, plural, typed)
    possessive = next((bare[: -len(ending)] for ending in _typed_if(term_patterns("kk").compound_head_endings, typed)
                       if bare.endswith(ending) and bare[: -len(ending)].casefold() in _kazakh_stems(head_key)), "")
    if adjective and possessive:
        parts = _kazakh_parts(modifier_keys[-1], words[-1])
        if "ADJ" in parts:
            bare = head_key if bare.islower() else bare[:1] + head_key[1:]
        elif "NOUN" not in parts:
            sure = False
    return " ".join([*words, bare]), sure


@cache
def _kazakh_endings(name: str) -> tuple[str, ...]:
    """Kazakh endings from the lemmatiser's data: "genitive" (a modifier of an izafet compound drops
    it in the dictionary form), "plural", "adjective" — the suffixes that make an adjective
    (тропикалық, ядролық) and the attributive ones (аймақтағы) — and the accusative of a possessed
    head ("accusative_after_possessive", "possessive_and_accusative"); the possessive of the third
    person is the term data's ``compound_head_endings``."""
    from ..lemma.kk import kazakh_endings

    if name == "adjective":
        return kazakh_endings("adjective") + kazakh_endings("attributive")
    return kazakh_endings(name)


def _kazakh_parts(key: str, word: str) -> frozenset[str]:
    """What a Kazakh modifier is: an adjective by its suffix (тропикалық), else as the lexicon knows it."""
    from ..lemma import builtin_lemmatizer

    if word.casefold().endswith(_kazakh_endings("adjective")) and not key.endswith(_kazakh_endings("adjective")):
        return frozenset({"ADJ"})
    lexicon = builtin_lemmatizer("kk")
    known = lexicon.parts_of_speech(word.casefold()) or lexicon.parts_of_speech(key)
    return known or (frozenset({"ADJ"}) if word.casefold().endswith(_kazakh_endings("adjective")) else frozenset())


def _kazakh_stems(key: str) -> tuple[str, ...]:
    """A lemma as it stands before an ending (агенттік → агенттік, агенттіг)."""
    from ..lemma.kk import kazakh_voicing

    voicing = kazakh_voicing()
    return (key, key[:-1] + voicing[key[-1]]) if key[-1:] in voicing else (key,)


def _typed_if(endings: tuple[str, ...], typed: bool) -> tuple[str, ...]:
    """``endings``, and with ``typed`` each as typed without the Kazakh letters too (ның, нын)."""
    return get_language("kk").with_typed_forms(endings) if typed else endings


def _kazakh_nominative(word: str, key: str, typed: bool = False) -> str:
    """A modifier in the genitive (провинциясының, агенттігінің) as its lemma; other words as written
    (өлім stays: its lemma key may be cut too far)."""
    folded = word.casefold()
    genitive = _typed_if(_kazakh_endings("genitive"), typed)
    if folded.endswith(genitive) and any(folded.startswith(stem) for stem in _kazakh_stems(key)):
        return word[:1] + key[1:] if word[:1].isupper() else key
    return word


def _kazakh_head(word: str, key: str, plural: bool, typed: bool = False) -> tuple[str, bool]:
    """The head as written without case endings (гранттарын → гранттары) and without its plural
    ending when the term is singular (компаниялар → компания); unsure when the lemmatiser did not
    analyse it and it ends as a case ending does, or a singular term's head keeps a plural."""
    stems = _kazakh_stems(key)
    endings = sorted(_typed_if(term_patterns("kk").name_endings, typed), key=len, reverse=True)
    if word.casefold() == key:
        could_follow = (*endings, *_kazakh_endings("possessive_and_accusative"))
        return word, not any(_may_end_in(word, ending, typed) for ending in _typed_if(could_follow, typed))
    changed = True
    while changed:
        changed = False
        for ending in (*endings, *_kazakh_endings("accusative_after_possessive")):
            bare = word[: -len(ending)]
            if word.endswith(ending) and len(bare) >= len(key) and bare.casefold().startswith(stems):
                word, changed = bare, True
                break
    if not plural and word.casefold().endswith(_kazakh_endings("plural")) and word[:-3].casefold() in stems:
        word = word[:-3]
    rest = word.casefold()[len(key):]
    return word, plural or not rest.startswith(_kazakh_endings("plural"))


def _may_end_in(word: str, ending: str, typed: bool = False) -> bool:
    """Whether a Kazakh word written bare may still carry ``ending`` (by the lemmatiser's rules of
    which sounds an ending follows; an ending they do not list, whenever the word ends so)."""
    from ..lemma import builtin_lemmatizer

    if not word.casefold().endswith(ending):
        return False
    possible = builtin_lemmatizer("kk", typed).may_end_in(word, ending)
    return True if possible is None else possible


def _built_alike(written: tuple[str, ...], head: int, target: LanguageIndex) -> bool:
    """Whether a two-word rendering is built as an English modifier + head: Kazakh puts the head
    last; Russian agrees an adjective with its noun head, or puts the head noun first and the
    modifier after it in the genitive."""
    if target.lang == "kk":
        return head == len(written) - 1
    if target.lang != "ru" or len(written) != 2:
        return True
    first, second = (_russian_parses(word.casefold()) for word in written)
    if head == 1:
        return any(_agrees(adjective.tag, noun.tag) for adjective in first for noun in second)
    return any(parse.tag.POS == "NOUN" for parse in first) and any(
        parse.tag.POS == "NOUN" and parse.tag.case == "gent" for parse in second)


def starts_with_adjective(russian: str) -> bool:
    """Whether a Russian term opens with an adjective (торговая война; not лишение сна)."""
    return any(parse.tag.POS in ("ADJF", "PRTF") for parse in _russian_parses(russian.split(" ")[0].casefold()))


def _agrees(adjective, noun) -> bool:
    """An adjective (or participle) agreeing with a noun in case, number and (singular) gender."""
    if adjective.POS not in ("ADJF", "PRTF") or noun.POS != "NOUN":
        return False
    if adjective.case != noun.case or adjective.number != noun.number:
        return False
    return noun.number == "plur" or None in (adjective.gender, noun.gender) or adjective.gender == noun.gender


@cache
def _russian_parses(word: str) -> tuple:
    from ..lemma import builtin_lemmatizer

    return tuple(builtin_lemmatizer("ru").morph.parse(word))

