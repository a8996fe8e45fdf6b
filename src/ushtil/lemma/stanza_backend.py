"""Lemmas from stanza's lemmatiser (optional backend), on words that are already tokenised."""

from __future__ import annotations

from ..stanza_models import stanza_pipeline


def stanza_lemmatize(words: list[str], lang: str) -> list[str]:
    """One stanza lemma per word; multi-word tokens (English "don't") get their first part's lemma."""
    return stanza_lemmatize_sentences([words], lang)[0]


def stanza_lemmatize_sentences(sentences: list[list[str]], lang: str) -> list[list[str]]:
    """Lemmas for many sentences in one stanza call (much faster than one call per sentence)."""
    filled = [list(words) for words in sentences if words]
    if not filled:
        return [[] for _ in sentences]
    pipeline = stanza_pipeline(lang, "tokenize,lemma", pretokenized=True)
    analysed = iter(pipeline(filled).sentences)
    lemmas = []
    for words in sentences:
        if not words:
            lemmas.append([])
            continue
        sentence = next(analysed)
        lemmas.append([token.words[0].lemma or token.text for token in sentence.tokens])
    return lemmas
