"""Three-way sentence alignment of English, Kazakh and Russian.

``align`` runs one dynamic programme over the three texts at once (beads 1-1-1, 1-0-1, 2-1-1, …),
scoring beads with offline evidence: length, numbers, names after transliteration, character
n-grams, punctuation, glossary terms and a lexicon learned from the corpus itself.
``align_inputs`` is how every command aligns (:mod:`.sources`); :mod:`.edit` edits an alignment
as a reviewer decides.
"""

from .corpus import CorpusResult, align_corpus
from .io import read_aligned, read_alignment, write_aligned, write_alignment
from .pipeline import AlignOptions, align
from .sources import AlignedCorpus, align_articles, align_inputs

__all__ = [
    "AlignOptions",
    "AlignedCorpus",
    "CorpusResult",
    "align",
    "align_articles",
    "align_corpus",
    "align_inputs",
    "read_aligned",
    "read_alignment",
    "write_aligned",
    "write_alignment",
]
