"""Small counting helpers shared by the scorers: precision/recall/F1 counts, agreement rates, macro-F1."""
from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator, or None when there is nothing to divide by."""
    return numerator / denominator if denominator else None


def f1_score(precision: float | None, recall: float | None) -> float | None:
    """The harmonic mean; 0 when both are 0, None when either is undefined."""
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class PRCounts:
    """Counts behind precision and recall, which may come from different units.

    correct/predicted give precision (predicted items that are right); found/expected give recall (gold items
    that some prediction found). For triples the units differ: predictions are triples, gold are slots.
    """

    correct: int = 0
    predicted: int = 0
    found: int = 0
    expected: int = 0

    @property
    def precision(self) -> float | None:
        return ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float | None:
        return ratio(self.found, self.expected)

    @property
    def f1(self) -> float | None:
        return f1_score(self.precision, self.recall)

    def add(self, other: PRCounts) -> None:
        self.correct += other.correct
        self.predicted += other.predicted
        self.found += other.found
        self.expected += other.expected

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "correct": self.correct, "predicted": self.predicted, "found": self.found, "expected": self.expected,
        }  # fmt: skip


@dataclass
class Agreement:
    """How often a predicted attribute equals the gold one, over the cases where gold gives it."""

    agree: int = 0
    total: int = 0

    def add(self, same: bool) -> None:
        self.agree += int(same)
        self.total += 1

    @property
    def rate(self) -> float | None:
        return ratio(self.agree, self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"rate": self.rate, "agree": self.agree, "total": self.total}


def class_counts(pairs: Iterable[tuple[Hashable, Hashable | None]], labels: Iterable[Hashable]) -> dict:
    """Per-label PRCounts from (gold, predicted) pairs; a predicted None (no answer) only costs recall."""
    counts = {label: PRCounts() for label in labels}
    for gold, predicted in pairs:
        counts.setdefault(gold, PRCounts()).expected += 1
        if predicted is not None:
            counts.setdefault(predicted, PRCounts()).predicted += 1
        if predicted == gold:
            counts[gold].correct += 1
            counts[gold].found += 1
    return counts


def macro_f1(counts: dict[Hashable, PRCounts], labels: Iterable[Hashable]) -> float | None:
    """The unweighted mean F1 over `labels` (an undefined F1, a label never predicted, counts as 0)."""
    scores = [counts[label].f1 or 0.0 for label in labels if label in counts]
    return sum(scores) / len(scores) if scores else None
