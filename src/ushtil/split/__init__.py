"""Sentence splitting for en/kk/ru: the built-in rules by default, stanza when asked for.

``split_sentences(text, lang)`` is the one entry point; ``backend="stanza"`` uses stanza's
tokenizer (optional extra ``ushtil[stanza]``) and fails with a one-line message when stanza or
its models are missing.
"""

from __future__ import annotations

from functools import cache

from .parallel import agree_headings
from .rules import RuleSplitter, paragraph_blocks

#: Backends by name; the first is the default.
BACKENDS: tuple[str, ...] = ("builtin", "stanza")


@cache
def _rule_splitter(lang: str) -> RuleSplitter:
    return RuleSplitter(lang)


def split_sentences(text: str, lang: str, backend: str = "builtin") -> list[str]:
    """Split ``text`` (one or more paragraphs) in language ``lang`` into sentences."""
    if backend == "builtin":
        return _rule_splitter(lang).split(text)
    if backend == "stanza":
        from .stanza_backend import stanza_split

        return stanza_split(text, lang)
    raise ValueError(f"unknown sentence splitter backend {backend!r}; choose one of {BACKENDS}")


def split_paragraphs(paragraphs: list[str], lang: str, backend: str = "builtin") -> list[list[str]]:
    """Split each paragraph of one document into sentences, keeping the paragraph structure."""
    if backend == "builtin":
        return _rule_splitter(lang).split_paragraphs(list(paragraphs))
    return [split_sentences(paragraph, lang, backend) for paragraph in paragraphs]


__all__ = ["BACKENDS", "RuleSplitter", "agree_headings", "paragraph_blocks", "split_paragraphs", "split_sentences"]
