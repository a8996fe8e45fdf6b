"""Parallel text files: ``NAME.en.txt``, ``NAME.kk.txt``, ``NAME.ru.txt`` triples.

A triple is read into paragraphs (blocks separated by blank lines) per language; the splitter
(:func:`ushtil.split.split_triple`) then cuts them into sentences, or, for a pre-segmented triple,
takes each line as a sentence. Every file is checked: readable, not empty, written in its language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..files import read_text
from ..langid import identify, language_names, supported_names
from ..model import LANGS
from .layout import paragraph_blocks

#: ``NAME.LANG.txt``, and ``NAME.raw.LANG.txt``: the running text of the same document (NTREX layout)
_TRIPLE_FILE = re.compile(r"^(?P<name>.+?)(?P<raw>\.raw)?\.(?P<lang>en|kk|ru)\.txt$")


@dataclass
class Triple:
    """The files of one parallel text, by language (a language may be absent: an error to report)."""

    name: str
    files: dict[str, Path]
    #: the ``NAME.raw.LANG.txt`` files (running text) rather than ``NAME.LANG.txt``
    raw: bool = False

    @property
    def missing(self) -> list[str]:
        return [lang for lang in LANGS if lang not in self.files]


def is_triple_file(path: Path) -> bool:
    return bool(_TRIPLE_FILE.match(path.name))


def find_triples(paths: Iterable[Path], presegmented: bool = False) -> list[Triple]:
    """Group ``NAME.LANG.txt`` files into triples by folder and NAME (sorted).

    ``NAME.raw.LANG.txt`` is the running text of document NAME: pre-segmented reading ignores it;
    running-text reading takes it instead of ``NAME.LANG.txt`` when both are there. So one
    document is one triple either way."""
    plain: dict[Path, Triple] = {}
    raw: dict[Path, Triple] = {}
    for path in paths:
        match = _TRIPLE_FILE.match(path.name)
        if not match:
            continue
        key = path.parent / match["name"]
        group = raw if match["raw"] else plain
        group.setdefault(key, Triple(match["name"], {}, raw=bool(match["raw"]))).files[match["lang"]] = path
    chosen = dict(plain)
    if not presegmented:
        chosen.update((key, triple) for key, triple in raw.items() if not triple.missing or key not in plain)
    return [chosen[key] for key in sorted(chosen)]


def read_triple(triple: Triple) -> dict[str, list[str]]:
    """The paragraphs of each language; :class:`InputError` for an unusable triple."""
    if triple.missing:
        given = ", ".join(path.name for path in triple.files.values())
        raise InputError(
            f"{triple.name}: no {' or '.join(f'{triple.name}.{lang}.txt' for lang in triple.missing)} "
            f"beside {given} (a triple needs en, kk and ru)"
        )
    paragraphs = {}
    for lang in LANGS:
        path = triple.files[lang]
        text = read_text(path)
        check_language(text, lang, path)
        paragraphs[lang] = paragraph_blocks(text)
        if not paragraphs[lang]:
            raise InputError(f"{path}: no sentences in the file")
    return paragraphs


def check_language(text: str, lang: str, path: Path) -> None:
    """Refuse a file that is confidently written in another language than its name says."""
    guess = identify(text[:20000])
    if guess.other:
        raise InputError(f"{path}: the text is not {supported_names()}, the languages ushtil reads")
    if not guess.is_compatible(lang):
        names = language_names()
        found = names.get(guess.lang, "a text in another script") if guess.lang else "a text in another script"
        raise InputError(f"{path}: the text is {found}, not {names[lang]}")

