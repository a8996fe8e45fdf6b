"""Words typed with lookalike letters of another script, read in the script they are written in.

Kazakh and Russian texts made with old fonts or keyboards (or a PDF whose font maps letters oddly)
write some letters with their twins from another script: Latin a, o, c, p for Cyrillic а, о, с, р,
Latin ə, i, h for Kazakh ә, і, һ, Greek θ for ө, the yen sign for Ұ; an English text typed on a
Cyrillic layout has Cyrillic а, о, с in its words. Such a word ("Қaзaқстан") is another token than
the word it stands for, so lemmas, terms and the aligner's evidence would miss it. Each language's
record lists the letters of other scripts drawn like its own (``[lookalikes]`` in its TOML); a word
mostly in one script whose other letters are all such lookalikes is read in that script, letter for
letter (the text keeps its length, so positions found in it hold in the text as written). A
lookalike drawn like two letters (Latin y: Kazakh у and ү) is read as the second where the language's
analyser knows only the word so read (``[lookalike_alternatives]``).

Tokens that mix scripts on purpose are left alone: a word with a letter that looks like nothing of
the other script ("COVIDпен" keeps its C, O, V, I, D only if all have twins, and then the capitals
glued to a word in lower case are an abbreviation: "ITкомпания"), a word with as many letters of
either script, and anything with letters of neither kind. A Roman numeral in one script ("XX ғасыр")
is no mixed word; one typed in two ("ХIХ") is read in the script most of it is in ("ХІХ").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import combinations

from .langs import LANGUAGE_CODES, get_language

_CYRILLIC_LOW, _CYRILLIC_HIGH = "\u0400", "\u052f"


@dataclass(frozen=True)
class Respelling:
    """A word typed with lookalike letters of another script: where it starts in the text, the word
    as written, and the word read in its own script."""

    start: int
    written: str
    respelled: str

    @property
    def foreign_letters(self) -> str:
        """The letters that were replaced, each once, in order ("a" for "Қaзaқстан")."""
        return "".join(dict.fromkeys(a for a, b in zip(self.written, self.respelled, strict=True) if a != b))


def _script(letter: str) -> str:
    if _CYRILLIC_LOW <= letter <= _CYRILLIC_HIGH:
        return "Cyrl"
    if letter.isascii() or "\u00c0" <= letter <= "\u02af":
        return "Latn"
    return "other"


@dataclass(frozen=True)
class _Script:
    """One script's lookalikes (the union over its languages' records)."""

    name: str
    table: dict[str, str]
    #: letters of this script that no other script's lookalikes stand for (Cyrillic з, қ; Latin z)
    distinctive: frozenset[str]


@cache
def _scripts() -> tuple[_Script, ...]:
    tables: dict[str, dict[str, str]] = {}
    for code in LANGUAGE_CODES:
        language = get_language(code)
        tables.setdefault(language.script, {}).update(language.lookalikes)
    scripts = []
    for name, table in tables.items():
        borrowed = {own for other, other_table in tables.items() if other != name for own in other_table}
        scripts.append(_Script(name, table, frozenset(
            letter for code in LANGUAGE_CODES if get_language(code).script == name
            for letter in get_language(code).alphabet + get_language(code).alphabet.upper() if letter not in borrowed)))
    return tuple(scripts)


@cache
def _signs() -> str:
    """The lookalikes that are no letters (¥ for Ұ), escaped for a character class."""
    return "".join(re.escape(key) for script in _scripts() for key in script.table if not key.isalpha())


@cache
def _word_pattern() -> re.Pattern[str]:
    """A run of letters, or of the lookalikes that are no letters (¥)."""
    extra = _signs()
    return re.compile(rf"(?:[^\W\d_]|[{extra}])+" if extra else r"[^\W\d_]+")


def respell_word(word: str, context: str = "", around: str = "") -> str:
    """``word`` in the script most of it is written in, when its other letters are all lookalikes of
    that script's letters ("Қaзaқстан" → "Қазақстан", "Kаzakhstan" → "Kazakhstan"); else as it is.
    ``context``: the script of the text around it ("Cyrl", "Latn"), which decides a word that could
    be read in either ("Тhе" in an English sentence: "The"); ``around``: that text, which tells a
    Kazakh one, where a Latin y may be ү ("бyгін" → "бүгін")."""
    scripts = {_script(letter) for letter in word if letter.isalpha() or not letter.isalnum()}
    if len(scripts) < 2:
        return word
    candidates = []
    for script in _scripts():
        own = [letter for letter in word if _script(letter) == script.name and letter.isalpha()]
        foreign = [letter for letter in word
                   if _script(letter) != script.name and (letter.isalpha() or letter in script.table)]
        if not own or not all(letter in script.table for letter in foreign):
            continue
        if any(letter.islower() for letter in own) and _capitals_run(word, script.name):
            continue  # an abbreviation glued to a word: "ITкомпания"
        mostly = len(own) > len(foreign) or not script.distinctive.isdisjoint(own)
        candidates.append((script, len(own), mostly))
    chosen = next((script for script, _, mostly in candidates if script.name == context), None)
    if chosen is None:
        mostly = [(script, own) for script, own, is_mostly in candidates if is_mostly]
        if len(mostly) == 1 or (len(mostly) == 2 and mostly[0][1] != mostly[1][1]):
            chosen = max(mostly, key=lambda item: item[1])[0]
    if chosen is None:
        return word
    read = "".join(chosen.table.get(letter, letter) if _script(letter) != chosen.name else letter for letter in word)
    return _second_reading(word, read, around)


@cache
def _second_readings() -> tuple[tuple[str, dict[str, str], frozenset[str]], ...]:
    """(language, lookalike → the other letter it may stand for, letters only that language writes)
    for each language whose record has such lookalikes (Kazakh: y is у or ү)."""
    found = []
    for code in LANGUAGE_CODES:
        language = get_language(code)
        if language.lookalike_alternatives:
            own = language.distinct_letters
            found.append((code, language.lookalike_alternatives, frozenset(own + own.upper())))
    return tuple(found)


#: Lookalikes with a second reading in one word, at most: each is tried either way.
_MOST_SECOND_READINGS = 4


def _second_reading(word: str, read: str, around: str) -> str:
    """``read``, or ``word`` read with the second letter some of its lookalikes may stand for
    (``lookalike_alternatives``) where that language's analyser knows the word so read and not
    ``read``, and the word or the text ``around`` it holds a letter only that language writes."""
    for code, second, own in _second_readings():
        places = [at for at, letter in enumerate(word) if letter in second and read[at] != letter]
        if not places or len(places) > _MOST_SECOND_READINGS or not any(
                letter in own for text in (read, around) for letter in text):
            continue
        from .lemma import builtin_lemmatizer

        knows = builtin_lemmatizer(code).knows
        if knows(read):
            return read
        for count in range(1, len(places) + 1):
            for chosen in combinations(places, count):
                letters = list(read)
                for at in chosen:
                    letters[at] = second[word[at]]
                if knows(other := "".join(letters)):
                    return other
    return read


def _capitals_run(word: str, script: str) -> bool:
    """Two capitals or more of another script side by side in ``word``."""
    run = 0
    for letter in word:
        run = run + 1 if letter.isupper() and _script(letter) != script else 0
        if run >= 2:
            return True
    return False


@cache
def _other_letter() -> re.Pattern[str]:
    """A letter (or lookalike sign) that is not Cyrillic: a text without one mixes no scripts."""
    extra = _signs()
    return re.compile(rf"[A-Za-z\u00c0-\u02af\u0370-\u03ff{extra}]")


@cache
def _script_change() -> re.Pattern[str]:
    """A Cyrillic letter beside a letter (or a lookalike sign) of another script in one word: what
    every mixed word has, and almost no text (one search tells a clean text at C speed)."""
    extra = _signs()
    cyrillic = rf"{_CYRILLIC_LOW}-{_CYRILLIC_HIGH}"
    other = rf"[^\W\d_{cyrillic}{extra}]|[{extra}]"
    return re.compile(rf"[{cyrillic}](?:{other})|(?:{other})[{cyrillic}]")


_CYRILLIC_LETTER = re.compile(f"[{_CYRILLIC_LOW}-{_CYRILLIC_HIGH}]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _text_script(text: str) -> str:
    """The script most of the text's letters are in ("" for as many of each)."""
    cyrillic, latin = len(_CYRILLIC_LETTER.findall(text)), len(_LATIN_LETTER.findall(text))
    return "Cyrl" if cyrillic > latin else "Latn" if latin > cyrillic else ""


def respellings(text: str) -> list[Respelling]:
    """Every word of ``text`` typed with lookalike letters of another script, in text order."""
    if text.isascii() or not _other_letter().search(text) or not _script_change().search(text):
        return []  # the usual text, told at C speed
    context = _text_script(text)
    found = []
    for match in _word_pattern().finditer(text):
        word = match.group()
        respelled = respell_word(word, context, text)
        if respelled != word:
            found.append(Respelling(match.start(), word, respelled))
    return found


def respell(text: str) -> str:
    """``text`` with every word typed with lookalike letters read in its own script (same length)."""
    found = respellings(text)
    if not found:
        return text
    parts, at = [], 0
    for item in found:
        parts += [text[at:item.start], item.respelled]
        at = item.start + len(item.written)
    return "".join(parts) + text[at:]
