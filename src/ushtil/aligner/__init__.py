"""Three-way sentence alignment of English, Kazakh and Russian.

``align`` runs one dynamic programme over the three texts at once (beads 1-1-1, 1-0-1, 2-1-1, …),
scoring beads with offline evidence: length, numbers, names after transliteration, character
n-grams, punctuation, glossary terms and a lexicon learned from the corpus itself.
"""

from .io import read_alignment, write_alignment
from .pipeline import AlignOptions, align, align_corpus

__all__ = ["AlignOptions", "align", "align_corpus", "read_alignment", "write_alignment"]
