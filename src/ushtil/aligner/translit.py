"""A coarse Latin "sound key" for words of any of the three languages.

Names and loanwords are the surest evidence that two sentences in different scripts translate each
other (Бернард Ванн ~ Bernard Vann, НАТО ~ NATO). Both sides are folded to the same lossy key; the
tables are data (``data/translit.toml``), not code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

_DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class SoundKeyTable:
    """Cyrillic letters → Latin, then Latin rewrites applied in order."""

    cyrillic: dict[str, str]
    rewrites: tuple[tuple[str, str], ...]

    def key(self, word: str) -> str:
        """The sound key of one word: lower case, transliterated, folded, doubled letters collapsed."""
        latin = "".join(self.cyrillic.get(ch, ch) for ch in word.lower())
        for old, new in self.rewrites:
            if old in latin:
                latin = latin.replace(old, new)
        return _DOUBLED.sub(r"\1", latin)


@cache
def sound_key_table() -> SoundKeyTable:
    text = resources.files(__package__).joinpath("data", "translit.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return SoundKeyTable(
        cyrillic=dict(data["cyrillic"]),
        rewrites=tuple((old, new) for old, new in data["latin"]["rewrites"]),
    )


@cache
def sound_key(word: str) -> str:
    """The sound key of ``word`` (see :class:`SoundKeyTable`)."""
    return sound_key_table().key(word)
