"""Plain-text reports of evaluation scores (the `communique eval --format text` output)."""
from __future__ import annotations

from collections.abc import Iterable

from .events import EventScores
from .metrics import PRCounts
from .sentences import TaskScores


def fmt(value: float | None) -> str:
    """A rate to three decimals, or '-' when undefined."""
    return "-" if value is None else f"{value:.3f}"


def _counts_row(name: str, counts: PRCounts) -> str:
    return (
        f"{name:<10} {fmt(counts.precision):>9} {fmt(counts.recall):>7} {fmt(counts.f1):>6} "
        f"{counts.correct:>5}/{counts.predicted:<5} {counts.found:>5}/{counts.expected:<5}"
    )


def _table(rows: Iterable[tuple[str, PRCounts]], label: str) -> list[str]:
    header = f"{label:<10} {'precision':>9} {'recall':>7} {'f1':>6} {'correct/pred':>12} {'found/gold':>11}"
    return [header] + [_counts_row(name, counts) for name, counts in rows]


def format_events(scores: EventScores, *, by_type: bool = False, details: bool = False) -> str:
    """The headline figures, negatives, attribute agreement and (optionally) the per-type table."""
    o = scores.overall
    lines = [
        (f"documents: {len(scores.documents)} ({scores.failed} failed to code); predicted triples: {o.predicted}; "
        f"required slots: {o.expected}"),
        f"precision {fmt(o.precision)}  recall {fmt(o.recall)}  f1 {fmt(o.f1)}",
        f"negatives produced: {scores.negatives} (of {scores.negatives_listed} listed)",
        "agreement on matched events: "
        + ", ".join(f"{name} {fmt(a.rate)} ({a.agree}/{a.total})" for name, a in scores.attributes.items()),
    ]
    if by_type:
        lines += ["", *_table(sorted(scores.by_type.items()), "event")]
    if details:
        lines += ["", *_details(scores)]
    return "\n".join(lines)


def _details(scores: EventScores) -> list[str]:
    lines = []
    for doc in scores.documents:
        lines += [f"{doc.doc_id}:"]
        lines += [f"  wrong   {' '.join(str(x) for x in p.triple)}" + (" (negative)" if p in doc.negatives else "")
                  for p in doc.wrong]  # fmt: skip
        lines += [f"  missed  {' '.join(str(x) for x in s.triple)}  (gold line {s.gold.line})" for s in doc.missed]
    return lines


def format_task(scores: TaskScores) -> str:
    """A sentence-label task's headline figure, the other metrics and the per-label table."""
    lines = [
        f"{scores.task}: {scores.items} items ({scores.split} split; {scores.failed} failed to code)",
        f"{scores.headline} {fmt(scores.metrics[scores.headline])}",
        "  ".join(f"{k} {fmt(v)}" for k, v in scores.metrics.items() if k != scores.headline),
        "",
        *_table(((name, c) for name, c in scores.per_label.items() if c.expected or c.predicted), "label"),
    ]
    return "\n".join(lines)
