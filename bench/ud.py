"""Reading Universal Dependencies CoNLL-U test files into documents of gold sentences.

Documents come from ``# newdoc`` (and paragraphs from ``# newpar``) where a treebank marks them; the
Kazakh KTB names its source document in the ``sent_id`` ("akorda-random.tagged.txt:3:31"), and a
file with neither is one document. Multi-word token lines are skipped: words carry the lemmas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Word:
    form: str
    lemma: str
    upos: str


@dataclass
class Sentence:
    text: str
    words: list[Word] = field(default_factory=list)


@dataclass
class Paragraph:
    """Sentences that run on in one piece of text: what a splitter gets to split."""

    sentences: list[Sentence] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(sentence.text for sentence in self.sentences)


def read_conllu(path: Path) -> list[Paragraph]:
    """The paragraphs (or documents, where paragraphs are not marked) of a CoNLL-U file, in order."""
    paragraphs: list[Paragraph] = []
    sentence: Sentence | None = None
    document = None
    new_unit = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc") or line.startswith("# newpar"):
            new_unit = True
        elif line.startswith("# sent_id") and ".txt:" in line:
            source = line.split("=", 1)[1].strip().split(":", 1)[0]
            new_unit = new_unit or source != document
            document = source
        elif line.startswith("# text ="):
            sentence = Sentence(line.split("=", 1)[1].strip())
            if new_unit or not paragraphs:
                paragraphs.append(Paragraph())
                new_unit = False
            paragraphs[-1].sentences.append(sentence)
        elif line and not line.startswith("#") and sentence is not None:
            columns = line.split("\t")
            if columns[0].isdigit():
                sentence.words.append(Word(columns[1], columns[2], columns[3]))
    return paragraphs
