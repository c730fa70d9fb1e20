"""Scoring the extractor against gold: CODING.md gold files and the sentence-label development sets.

Python API (the `communique eval` command calls the same functions):

    >>> from communique.evaluate import evaluate
    >>> scores = evaluate("gold.jsonl", docs=["article.txt"], default_date=date(2023, 4, 28))
    >>> scores.overall.precision, scores.overall.recall
    >>> evaluate("cameo_class_train.tsv", split="heldout").metrics["macro_f1"]

Tasks: "events" (CODING.md gold JSONL, document-level triples), "penta" (penta-class TSV), "spans"
(BIO source/target tokens) and "plover" (PLOVER-labelled stories JSONL); `detect_task` tells them apart by
content.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..errors import Errors, GoldError
from .events import EventScores, score_events
from .gold import default_negatives_path, read_gold, read_negatives
from .run import Predictions, code_predictions, read_documents, read_predictions
from .sentences import (
    Item,
    TaskScores,
    read_penta,
    read_spans,
    read_stories,
    score_penta,
    score_plover,
    score_spans,
    select,
    squash,
)

LOGGER = logging.getLogger(__name__)

TASKS = ("events", "penta", "spans", "plover")
SPLITS = ("heldout", "train", "all")

__all__ = [
    "TASKS",
    "EventScores",
    "TaskScores",
    "detect_task",
    "evaluate",
    "evaluate_events",
    "evaluate_sentences",
    "read_gold",
    "read_negatives",
    "read_predictions",
    "score_events",
]  # fmt: skip


def _first_line(path: Path) -> str:
    try:
        with path.open(encoding="utf-8") as handle:
            return next((line.rstrip("\n") for line in handle if line.strip()), "")
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(Errors.E301.format(path=path, line=1, detail=f"cannot read: {err}")) from None


def _json_task(line: str) -> str | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return None
    if not isinstance(record, dict):
        return None
    if "actor" in record or "evidence" in record:
        return "events"
    return "plover" if "text" in record and "event" in record else None


def detect_task(path: str | Path) -> str:
    """Which gold format a file holds, judged by its first non-empty line; raises GoldError (E302) if none."""
    path = Path(path)
    line = _first_line(path)
    task = None
    if line.lstrip().startswith("{"):
        task = _json_task(line)
    elif "\t" in line and line.rsplit("\t", 1)[1].strip() in {"0", "1", "2", "3", "4"}:
        task = "penta"
    elif len(line.split()) >= 2 and line.split()[-1] in {"O", "B-S", "I-S", "B-T", "I-T", "B-R", "I-R"}:
        task = "spans"
    if task is None:
        raise GoldError(Errors.E302.format(path=path))
    return task


def evaluate_events(
    gold_path: str | Path,
    *,
    docs: Iterable[str] = (),
    predictions: Predictions | None = None,
    negatives_path: str | Path | None = None,
    default_date: date | None = None,
    coder=None,
    workers: int | None = None,
) -> EventScores:
    """Score events against a CODING.md gold file: code `docs` (or take `predictions`) and count triples.

    Args:
        gold_path: the gold JSONL file.
        docs: the documents the gold describes (paths, as `communique code` reads them).
        predictions: already coded records by doc_id (a saved JSONL output); then `docs` is not coded.
        negatives_path: triples that must not be produced; defaults to `negatives.jsonl` beside the gold file.
        default_date: publication date for documents that carry none.
        coder: an already loaded `Coder`; workers: processes to code with.
    RETURNS (EventScores): precision, recall, F1, negatives, per-type counts and attribute agreement.

    The documents scored are those the gold or negatives name, plus every document of `docs` (one without gold
    events has none: whatever is coded there is wrong). Predictions for other documents are ignored.
    """
    gold = read_gold(gold_path)
    negatives_path = negatives_path or default_negatives_path(gold_path)
    negatives = read_negatives(negatives_path) if negatives_path else []
    doc_ids: list[str] = []
    failed: list = []
    if predictions is None:
        documents = read_documents(docs, default_date=default_date)
        _check_evidence(gold, {d.doc_id: d.text for d in documents}, gold_path)
        predictions, failed = code_predictions(documents, coder=coder, workers=workers)
        doc_ids = [d.doc_id for d in documents]
    unknown = set(predictions) - {g.doc_id for g in gold} - {n.doc_id for n in negatives} - set(doc_ids)
    if unknown:
        LOGGER.warning("%d predicted documents have no gold and are not scored", len(unknown))
    scores = score_events(gold, predictions, negatives=negatives, doc_ids=doc_ids)
    scores.failed = len(failed)
    return scores


def _check_evidence(gold, texts: dict[str, str], gold_path) -> None:
    """Warn about gold lines whose document is missing or whose evidence is not in the document."""
    for event in gold:
        text = texts.get(event.doc_id)
        if text is None:
            LOGGER.warning("%s: line %d: no document '%s' among the inputs", gold_path, event.line, event.doc_id)
        elif event.evidence and event.evidence not in text:
            LOGGER.warning("%s: line %d: evidence not found in document '%s'", gold_path, event.line, event.doc_id)


def _penta_originals(path: Path) -> dict[str, str]:
    """Sentences of penta TSV files beside a BIO file, so that spans are scored on the published text."""
    originals = {}
    for sibling in sorted(path.parent.glob("*.tsv")):
        try:
            originals.update({squash(item.text): item.text for item in read_penta(sibling)})
        except GoldError:
            continue
    return originals


def read_items(path: Path, task: str) -> list[Item]:
    """The labelled items of a sentence-label file."""
    if task == "penta":
        return read_penta(path)
    if task == "spans":
        return read_spans(path, _penta_originals(path))
    return read_stories(path)


def evaluate_sentences(
    path: str | Path,
    *,
    task: str | None = None,
    split: str = "heldout",
    limit: int | None = None,
    predictions: Predictions | None = None,
    coder=None,
    workers: int | None = None,
) -> TaskScores:
    """Score the extractor on a sentence-label set (penta, spans or plover), one document per item.

    Items are named `penta-<line>`, `spans-<line>` (first token's line) or by story id; saved `predictions`
    must use those doc_ids.
    """
    path = Path(path)
    detected = detect_task(path)
    task = task or detected
    if task != detected:
        raise GoldError(Errors.E308.format(path=path, detected=detected, task=task))
    items = select(read_items(path, task), split=split, limit=limit)
    LOGGER.info("%s: %d %s items (%s split)", path, len(items), task, split)
    failed: list = []
    if predictions is None:
        documents = [_item_document(item) for item in items]
        predictions, failed = code_predictions(documents, coder=coder, workers=workers)
    scorer = {"penta": score_penta, "spans": score_spans, "plover": score_plover}[task]
    scores = scorer(items, predictions, split=split)
    scores.failed = len(failed)
    return scores


def _item_document(item: Item):
    from ..records import Document

    return Document(doc_id=item.doc_id, text=item.text)


def evaluate(
    gold_path: str | Path,
    *,
    task: str | None = None,
    docs: Iterable[str] = (),
    predictions: Predictions | None = None,
    negatives_path: str | Path | None = None,
    default_date: date | None = None,
    split: str = "heldout",
    limit: int | None = None,
    coder=None,
    workers: int | None = None,
) -> EventScores | TaskScores:
    """Score against any supported gold file, its format detected from its content unless `task` is given."""
    detected = detect_task(gold_path)
    task = task or detected
    if task == "events":
        if detected != "events":
            raise GoldError(Errors.E308.format(path=gold_path, detected=detected, task=task))
        return evaluate_events(
            gold_path, docs=docs, predictions=predictions, negatives_path=negatives_path,
            default_date=default_date, coder=coder, workers=workers,
        )  # fmt: skip
    return evaluate_sentences(
        gold_path, task=task, split=split, limit=limit, predictions=predictions, coder=coder, workers=workers
    )

