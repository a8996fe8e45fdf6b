"""A coarse Latin "sound key" for words of any of the three languages, and name similarity on it.

Names and loanwords are the surest evidence that two texts in different scripts translate each
other (Бернард Ванн ~ Bernard Vann, Nazarbayev ~ Назарбаев, NATO ~ НАТО): the aligner, the glossary
and the name checks compare them after folding both sides to the same lossy key. The tables are data
(``langs/data/translit.toml``), not code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

_DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class SoundKeyTable:
    """Cyrillic letters → Latin, then Latin rewrites applied in order."""

    cyrillic: dict[str, str]
    rewrites: tuple[tuple[str, str], ...]

    @cached_property
    def _letters(self) -> dict[int, str]:
        """The Cyrillic letters as a ``str.translate`` table."""
        return str.maketrans(self.cyrillic)

    def key(self, word: str) -> str:
        """The sound key of one word: lower case, transliterated, folded, doubled letters collapsed."""
        latin = word.lower().translate(self._letters)
        for old, new in self.rewrites:
            if old in latin:
                latin = latin.replace(old, new)
        return _DOUBLED.sub(_first_letter, latin) if _DOUBLED.search(latin) else latin


def _first_letter(match: re.Match) -> str:
    """A run of one letter as the letter (a function: a template is parsed again for every match)."""
    return match.group(1)


@cache
def _translit_data() -> dict:
    """``langs/data/translit.toml``, read once."""
    return tomllib.loads(resources.files("ushtil.langs").joinpath("data", "translit.toml").read_text(encoding="utf-8"))


@cache
def sound_key_table() -> SoundKeyTable:
    data = _translit_data()
    return SoundKeyTable(
        cyrillic=dict(data["cyrillic"]),
        rewrites=tuple((old, new) for old, new in data["latin"]["rewrites"]),
    )


@cache
def sound_key(word: str) -> str:
    """The sound key of ``word`` (see :class:`SoundKeyTable`)."""
    return sound_key_table().key(word)


@cache
def latin_key(text: str) -> str:
    """The sound key of a whole name or phrase, letters only (spaces and punctuation dropped)."""
    return "".join(ch for ch in sound_key(text) if "a" <= ch <= "z")


@cache
def _key_bigrams(text: str) -> tuple[str, ...]:
    """The character bigrams of the text's sound key, ends marked (made once per text: a name is
    compared with many)."""
    padded = f"^{latin_key(text)}$"
    return tuple(padded[i:i + 2] for i in range(len(padded) - 1))


@cache
def name_similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of the two sound keys (0..1)."""
    left, right = _key_bigrams(a), _key_bigrams(b)
    if len(left) < 3 or len(right) < 3:
        return 0.0
    pool = list(right)
    shared = 0
    for gram in left:
        if gram in pool:
            pool.remove(gram)
            shared += 1
    return 2 * shared / (len(left) + len(right))


@cache
def _kazakh_as_russian() -> tuple[dict[int, str], list, list]:
    """The ``[kazakh_as_russian]`` table: its letters as a translation table (hyphens as spaces), its
    rewrites and its word-initial rewrites."""
    table = _translit_data()["kazakh_as_russian"]
    return str.maketrans({**table["letters"], "-": " "}), table["rewrites"], table["initial"]


def russian_spelling(form: str) -> str:
    """A Kazakh or Russian name's spelling with the regular differences of the two orthographies
    folded (Еуразия and Евразия → евразия; Ердоган and Эрдоган → ердоган), lower case, hyphens as
    spaces, so that the two spellings of one name compare equal."""
    letters, rewrites, initial = _kazakh_as_russian()
    folded = form.casefold().translate(letters)
    for old, new in rewrites:
        folded = folded.replace(old, new)
    words = []
    for word in folded.split(" "):
        for old, new in initial:
            if word.startswith(old):
                word = new + word[len(old):]
        words.append(word)
    return " ".join(words)
