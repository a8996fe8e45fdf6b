"""Sentence-boundary precision/recall: shared by the splitter benchmarks.

A boundary is the number of non-space characters before a sentence end, so two segmentations of
the same text compare even when their whitespace differs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class BoundaryScore:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, gold_sentences: list[str], predicted_sentences: list[str]) -> None:
        gold, predicted = boundaries(gold_sentences), boundaries(predicted_sentences)
        self.true_positives += len(gold & predicted)
        self.predicted += len(predicted)
        self.gold += len(gold)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def boundaries(sentences: list[str]) -> set[int]:
    """Offsets (in non-space characters) of every sentence end but the last."""
    ends, position = set(), 0
    for sentence in sentences[:-1]:
        position += sum(not ch.isspace() for ch in sentence)
        ends.add(position)
    return ends
