"""Alignments on disk: JSON Lines, one bead per line, in text order (the format is a contract).

Each line is :meth:`~ushtil.model.Bead.to_dict` (``en``/``kk``/``ru`` indices, ``text``,
``score``, ``flags``, ``section``) plus ``sentence_text``: the bead's sentences one by one, so that
:func:`read_alignment` restores the sentence lists exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError
from ..files import atomic_write, read_text
from ..model import LANGS, Alignment, Bead

#: File name ending of an alignment written by ``ushtil align``.
SUFFIX = ".alignment.jsonl"


def write_alignment(alignment: Alignment, path: str | Path) -> None:
    """Write ``alignment`` to ``path`` atomically (JSON Lines)."""
    with atomic_write(path) as handle:
        for bead in alignment.beads:
            record = bead.to_dict()
            record["sentence_text"] = {
                lang: [alignment.sentences[lang][i] for i in bead.sentences.get(lang, [])] for lang in LANGS
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_alignment(path: str | Path) -> Alignment:
    """Read an alignment written by :func:`write_alignment` (or any file in the bead format)."""
    path = Path(path)
    text = read_text(path)
    beads: list[Bead] = []
    found: dict[str, dict[int, str]] = {lang: {} for lang in LANGS}
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            bead = Bead.from_dict(record)
        except (ValueError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not a bead ({exc})") from exc
        beads.append(bead)
        sentence_text = record.get("sentence_text") or {}
        for lang in LANGS:
            texts = sentence_text.get(lang) or []
            indices = bead.sentences[lang]
            if len(texts) != len(indices):
                texts = [bead.text.get(lang, "")] + [""] * (len(indices) - 1) if indices else []
            for index, sentence in zip(indices, texts, strict=False):
                found[lang][index] = sentence
    sentences = {lang: [found[lang].get(i, "") for i in range(max(found[lang], default=-1) + 1)] for lang in LANGS}
    name = path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.stem
    return Alignment(name=name, sentences=sentences, beads=beads)
