"""Document-level scoring of coded events against gold events, as CODING.md "Scoring" describes.

Each gold event gives one slot per actor-recipient pair. A predicted triple (actor code, event type,
recipient code) is correct when some slot, required or optional, accepts it, and wrong otherwise; a triple
listed in the negatives is wrong (even where a slot would accept it) and also counted apart. A predicted event
with several actors or recipients gives one triple per pair; a document's triples are counted once each. Recall is the share of required slots that some
predicted triple fills. Sector, CAMEO code, mode, date and the historical flag are compared on matched events.
Predictions are contract records (`Event.to_dict()`), so saved JSONL output is scored the same way.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .gold import GoldEvent, Negative, Slot, Triple
from .metrics import Agreement, PRCounts

ATTRIBUTES = ("actor_sector", "recipient_sector", "cameo", "cameo_root", "mode", "date", "historical")


@dataclass(frozen=True)
class Prediction:
    """One predicted triple and the record (and entities) it came from."""

    triple: Triple
    record: dict[str, Any]
    actor: dict[str, Any] | None
    recipient: dict[str, Any] | None


@dataclass
class DocumentScore:
    """What happened to one document's slots and predicted triples."""

    doc_id: str
    correct: list[Prediction] = field(default_factory=list)
    wrong: list[Prediction] = field(default_factory=list)
    negatives: list[Prediction] = field(default_factory=list)
    filled: list[tuple[Slot, Prediction]] = field(default_factory=list)
    missed: list[Slot] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def triples(items: Iterable[Prediction]) -> list[list]:
            return [list(p.triple) for p in items]

        return {
            "doc_id": self.doc_id,
            "correct": triples(self.correct),
            "wrong": triples(self.wrong),
            "negatives": triples(self.negatives),
            "missed": [{"triple": list(s.triple), "line": s.gold.line, "evidence": s.gold.evidence} for s in self.missed],
        }


@dataclass
class EventScores:
    """Scores over a set of documents: overall, by event type, attribute agreement, per document."""

    overall: PRCounts = field(default_factory=PRCounts)
    by_type: dict[str, PRCounts] = field(default_factory=lambda: defaultdict(PRCounts))
    negatives: int = 0
    negatives_listed: int = 0
    attributes: dict[str, Agreement] = field(default_factory=lambda: {name: Agreement() for name in ATTRIBUTES})
    documents: list[DocumentScore] = field(default_factory=list)
    task: str = "events"
    failed: int = 0  # documents the pipeline could not code (scored as having no event)

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "documents": len(self.documents),
            "failed": self.failed,
            **self.overall.to_dict(),
            "negatives_produced": self.negatives,
            "negatives_listed": self.negatives_listed,
            "by_type": {name: counts.to_dict() for name, counts in sorted(self.by_type.items())},
            "attributes": {name: agreement.to_dict() for name, agreement in self.attributes.items()},
            "details": [doc.to_dict() for doc in self.documents],
        }


def _code(entity: dict[str, Any] | None) -> str | None:
    return entity.get("code") if entity else None


def predicted_triples(records: Iterable[Mapping[str, Any]]) -> list[Prediction]:
    """A document's distinct triples, each from its most confident event (one per actor-recipient pair)."""
    events = [r for r in records if r.get("type", "event") == "event"]
    events.sort(key=lambda r: -float(r.get("confidence") or 0.0))
    seen: dict[Triple, Prediction] = {}
    for record in events:
        actors = record.get("actor") or [None]
        recipients = record.get("recipient") or [None]
        for actor in actors:
            for recipient in recipients:
                triple = (_code(actor), record.get("event"), _code(recipient))
                seen.setdefault(triple, Prediction(triple, dict(record), actor, recipient))
    return list(seen.values())


def score_document(
    doc_id: str, gold: Iterable[GoldEvent], negatives: Iterable[Negative], records: Iterable[Mapping[str, Any]]
) -> DocumentScore:
    """Score one document's predicted records against its gold events and negatives."""
    slots = [slot for event in gold for slot in event.slots()]
    banned = {negative.triple for negative in negatives}
    score = DocumentScore(doc_id)
    predictions = predicted_triples(records)
    for prediction in predictions:
        if prediction.triple in banned:
            score.negatives.append(prediction)
            score.wrong.append(prediction)
        elif any(slot.accepts(prediction.triple) for slot in slots):
            score.correct.append(prediction)
        else:
            score.wrong.append(prediction)
    for slot in slots:
        match = next((p for p in score.correct if slot.accepts(p.triple)), None)
        if match is not None:
            score.filled.append((slot, match))
        elif slot.required:
            score.missed.append(slot)
    return score


def _same_sector(gold, predicted: dict[str, Any] | None) -> bool:
    return bool(predicted) and predicted.get("sector") == gold.sector


def compare_attributes(slot: Slot, prediction: Prediction, agreement: dict[str, Agreement]) -> None:
    """Add one matched slot's attribute comparisons to the agreement counts (only where gold gives a value)."""
    gold, record = slot.gold, prediction.record
    if slot.actor.sector:
        agreement["actor_sector"].add(_same_sector(slot.actor, prediction.actor))
    if slot.recipient is not None and slot.recipient.sector:
        agreement["recipient_sector"].add(_same_sector(slot.recipient, prediction.recipient))
    if gold.cameo:
        agreement["cameo"].add(record.get("cameo") == gold.cameo)
        agreement["cameo_root"].add(str(record.get("cameo") or "")[:2] == gold.cameo[:2])
    if "mode" in gold.fields:
        agreement["mode"].add(record.get("mode") == gold.mode)
    if gold.date:
        agreement["date"].add(record.get("date") == gold.date)
    if gold.historical is not None:
        agreement["historical"].add(bool(record.get("historical")) == gold.historical)


def add_document(scores: EventScores, score: DocumentScore) -> None:
    """Add one document's counts to the totals, the per-type table and the attribute agreement."""
    scores.documents.append(score)
    scores.negatives += len(score.negatives)
    predictions = score.correct + score.wrong
    scores.overall.add(PRCounts(len(score.correct), len(predictions), 0, 0))
    for prediction in predictions:
        counts = scores.by_type[prediction.triple[1]]
        counts.predicted += 1
        counts.correct += prediction in score.correct
    for slot, prediction in score.filled:
        if slot.required:
            scores.overall.found += 1
            scores.overall.expected += 1
            scores.by_type[slot.gold.event].found += 1
            scores.by_type[slot.gold.event].expected += 1
        compare_attributes(slot, prediction, scores.attributes)
    for slot in score.missed:
        scores.overall.expected += 1
        scores.by_type[slot.gold.event].expected += 1


def group_by_doc(items: Iterable[Any]) -> dict[str, list[Any]]:
    """Items with a `doc_id` attribute grouped by it, in first-seen order."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        groups[item.doc_id].append(item)
    return groups


def score_events(
    gold: Iterable[GoldEvent],
    predictions: Mapping[str, Iterable[Mapping[str, Any]]],
    *,
    negatives: Iterable[Negative] = (),
    doc_ids: Iterable[str] = (),
) -> EventScores:
    """Score predicted records against gold events, document by document.

    Args:
        gold (Iterable[GoldEvent]): the gold events (`read_gold`).
        predictions (Mapping[str, Iterable[dict]]): contract records by doc_id.
        negatives (Iterable[Negative]): triples that must not be produced (`read_negatives`).
        doc_ids (Iterable[str]): documents to score besides those named in the gold and negatives (documents
            coded for the evaluation that have no gold event: everything predicted there is wrong).
    RETURNS (EventScores): the counts and rates.
    """
    gold_by_doc, negatives = group_by_doc(gold), list(negatives)
    negatives_by_doc = group_by_doc(negatives)
    scores = EventScores(negatives_listed=len(negatives))
    scope = dict.fromkeys([*gold_by_doc, *negatives_by_doc, *doc_ids])
    for doc_id in scope:
        records = predictions.get(doc_id, ())
        add_document(scores, score_document(doc_id, gold_by_doc.get(doc_id, ()), negatives_by_doc.get(doc_id, ()), records))
    return scores
