"""Sentence splitting with stanza's neural tokenizer (optional backend)."""

from __future__ import annotations

import re

from ..read.layout import paragraph_blocks
from ..stanza_models import stanza_pipeline

_SPACE = re.compile(r"\s+")


def stanza_split(text: str, lang: str) -> list[str]:
    """Sentences as stanza's tokenizer finds them, cut from the original text."""
    pipeline = stanza_pipeline(lang, "tokenize")
    sentences = []
    for paragraph in paragraph_blocks(text):
        document = pipeline(paragraph)
        for sentence in document.sentences:
            first, last = sentence.tokens[0], sentence.tokens[-1]
            piece = paragraph[first.start_char:last.end_char]
            sentences.append(_SPACE.sub(" ", piece).strip())
    return sentences
