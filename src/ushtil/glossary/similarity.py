"""Character similarity across scripts: names and loanwords look alike once transliterated.

Nazarbayev ~ Назарбаев, Trump ~ Трамп, NATO ~ НАТО: the Cyrillic side is folded to Latin letters with
``data/translit.tsv`` and compared by character bigrams.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def _table() -> dict[str, str]:
    text = resources.files(__package__).joinpath("data", "translit.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        letter, _, latin = line.partition("\t")
        table[letter] = latin.strip()
    return table


@cache
def latin_key(text: str) -> str:
    """``text`` in lower-case Latin letters only (transliterated, vowels y/i folded, no spaces)."""
    table = _table()
    latin = "".join(table.get(ch, ch) for ch in text.casefold())
    folded = latin.replace("y", "i").replace("j", "i").replace("w", "v").replace("ph", "f")
    folded = folded.replace("c", "k").replace("q", "k").replace("x", "ks").replace("kh", "h")
    return "".join(ch for ch in folded if "a" <= ch <= "z")


def _bigrams(key: str) -> list[str]:
    padded = f"^{key}$"
    return [padded[i:i + 2] for i in range(len(padded) - 1)]


@cache
def name_similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of the two transliterated strings (0..1)."""
    left, right = _bigrams(latin_key(a)), _bigrams(latin_key(b))
    if len(left) < 3 or len(right) < 3:
        return 0.0
    pool = list(right)
    shared = 0
    for gram in left:
        if gram in pool:
            pool.remove(gram)
            shared += 1
    return 2 * shared / (len(left) + len(right))
