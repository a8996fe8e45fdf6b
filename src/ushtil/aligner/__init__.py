"""Three-way sentence alignment of English, Kazakh and Russian.

``align`` runs one dynamic programme over the three texts at once (beads 1-1-1, 1-0-1, 2-1-1, …),
scoring beads with offline evidence: length, numbers, names after transliteration, character
n-grams, punctuation, glossary terms and a lexicon learned from the corpus itself.
``align_inputs`` is how every command aligns (:mod:`.sources`); :mod:`.edit` edits an alignment
as a reviewer decides.

The names are imported on first use, so reading alignment files (``check`` and ``glossary`` of a work
folder) does not load the aligner's numerical code.
"""

from ..lazy import lazy_names

#: Public name → the module of this package that defines it.
_API: dict[str, str] = {
    "CorpusResult": "corpus",
    "align_corpus": "corpus",
    "read_aligned": "io",
    "read_alignment": "io",
    "write_aligned": "io",
    "write_alignment": "io",
    "AlignOptions": "pipeline",
    "align": "pipeline",
    "AlignedCorpus": "sources",
    "align_articles": "sources",
    "align_inputs": "sources",
}

__all__ = sorted(_API)

__getattr__ = lazy_names(__name__, _API)
