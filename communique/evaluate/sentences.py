"""The sentence-label development sets: reading them and scoring coded events against their labels.

- penta: ConfliBERT `cameo_class_train.tsv`, "sentence<TAB>label" with the Phoenix penta class 0-4. A
  sentence's predicted class is the penta class of its top event's CAMEO root, 0 when it has no event.
- spans: ConfliBERT `cameo_ner_train.txt`, one "token TAG" a line, BIO tags S (source), T (target),
  R (reciprocal). Predicted spans are the argument phrases (`phrase_start`/`phrase_end`, else the mention) of
  the actor (S) and recipient (T) entities of the sentence's top event (the gold marks one event a sentence), or
  of its top statement when it has no event (a CAMEO 01 comment, which ConfliBERT marks as well and CODING.md
  does not make an event); an R span on either side matches an S or a T on the other.
- plover: NGEC synthetic `stories.jsonl`, {id, text, event}: the top event's type against the story's label.

Items are split by `communique.splits.is_heldout` on the sentence text (penta, spans) or story id (plover).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Errors, GoldError
from ..ontology import PLOVER_TYPES, load_ontology
from ..splits import is_heldout
from .metrics import PRCounts, class_counts, macro_f1

PENTA_CLASSES = (0, 1, 2, 3, 4)
_BIO = re.compile(r"^(O|[BI]-[STR])$")
_QUOTES = str.maketrans({"\u02bc": "'", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "$"}


@dataclass
class Item:
    """One labelled sentence or story: its id (doc_id of its predictions), text, split key and label."""

    doc_id: str
    text: str
    key: str
    label: Any
    tokens: list[tuple[int, int]] = field(default_factory=list)  # char offsets of the gold tokens (spans)


@dataclass
class TaskScores:
    """Scores of one sentence-label task."""

    task: str
    headline: str
    metrics: dict[str, float | None]
    per_label: dict[str, PRCounts]
    items: int
    split: str
    failed: int = 0  # items the pipeline could not code (scored as having no event)

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task, "split": self.split, "items": self.items, "failed": self.failed,
            "headline": self.headline,
            **self.metrics, "per_label": {str(k): v.to_dict() for k, v in self.per_label.items()},
        }  # fmt: skip


def _fail(path: Path, line: int, detail: str) -> GoldError:
    return GoldError(Errors.E301.format(path=path, line=line, detail=detail))


def read_penta(path: Path) -> list[Item]:
    """Sentences of a penta-class TSV file, each with its label 0-4."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        text, sep, label = line.rpartition("\t")
        if not sep or label.strip() not in {str(c) for c in PENTA_CLASSES} or not text.strip():
            raise _fail(path, number, "expected 'sentence<TAB>label' with a label 0-4")
        items.append(Item(f"penta-{number}", text.strip(), text.strip(), int(label)))
    return items


def _token_blocks(path: Path) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """(first line number, [(token, tag)]) for each blank-line separated sentence of a BIO file."""
    block: list[tuple[str, str]] = []
    start = 1
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            if block:
                yield start, block
            block, start = [], number + 1
            continue
        token, sep, tag = line.rstrip().rpartition(" ")
        if not sep or not token or not _BIO.match(tag):
            raise _fail(path, number, f"expected 'token TAG' with TAG O, B-S, I-S, B-T, I-T, B-R or I-R, found {line!r}")
        block.append((token, tag))
    if block:
        yield start, block


def squash(text: str) -> str:
    """Text without whitespace and with plain quote marks: equal for a sentence and its tokens joined."""
    return re.sub(r"\s+", "", text.translate(_QUOTES)).replace("''", '"')


def detokenize(tokens: Iterable[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text from tokens with English spacing around punctuation, and each token's offsets in it."""
    text, offsets, previous = "", [], None
    for token in tokens:
        if text and token not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER:
            text += " "
        offsets.append((len(text), len(text) + len(token)))
        text += token
        previous = token
    return text, offsets


def align_tokens(text: str, tokens: Iterable[str]) -> list[tuple[int, int]] | None:
    """Offsets of tokens in an original text that differs only in spacing and quote marks; None if it does not fit."""
    plain = text.translate(_QUOTES)
    offsets, position = [], 0
    for token in tokens:
        token = token.translate(_QUOTES)
        while position < len(plain) and plain[position].isspace():
            position += 1
        if token == '"' and plain.startswith("''", position):
            offsets.append((position, position + 2))
            position += 2
            continue
        if not plain.startswith(token, position):
            return None
        offsets.append((position, position + len(token)))
        position += len(token)
    return offsets


def _bio_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """(first token, last token + 1, label) for each BIO span."""
    spans, start, label = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            spans.add((start, i, label))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
    return spans


def read_spans(path: Path, originals: Mapping[str, str] | None = None) -> list[Item]:
    """Sentences of a BIO token file; `originals` maps squashed text to the sentence as published."""
    items = []
    for number, block in _token_blocks(path):
        words = [token for token, _ in block]
        original = (originals or {}).get(squash("".join(words)))
        offsets = align_tokens(original, words) if original else None
        text = original if offsets else None
        if text is None:
            text, offsets = detokenize(words)
        spans = _bio_spans([tag for _, tag in block])
        items.append(Item(f"spans-{number}", text, text.strip(), spans, offsets))
    return items


def read_stories(path: Path) -> list[Item]:
    """Stories of a PLOVER-labelled JSONL file ({id, text, event})."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise _fail(path, number, f"malformed JSON ({err.msg})") from None
        for name in ("id", "text", "event"):
            if not isinstance(record, dict) or not isinstance(record.get(name), str) or not record[name].strip():
                raise GoldError(Errors.E303.format(path=path, line=number, field=name, detail="missing or empty"))
        if record["event"] not in PLOVER_TYPES:
            raise GoldError(Errors.E303.format(path=path, line=number, field="event", detail=f"{record['event']!r} is not a PLOVER type"))
        items.append(Item(str(record["id"]), record["text"], str(record["id"]), record["event"]))
    return items


def select(items: list[Item], *, split: str = "heldout", limit: int | None = None) -> list[Item]:
    """The items of one split ('heldout', 'train' or 'all'), the first `limit` of them."""
    if split != "all":
        items = [item for item in items if is_heldout(item.key) == (split == "heldout")]
    return items[:limit] if limit else items


def top_event(records: Iterable[Mapping[str, Any]], *, kind: str = "event") -> Mapping[str, Any] | None:
    """The first, most confident record of a kind, "event" or "statement" (the pipeline sorts them; sort again
    for saved files)."""
    events = [r for r in records if r.get("type", "event") == kind]
    return max(events, key=lambda r: float(r.get("confidence") or 0.0), default=None)


def predicted_penta(records: Iterable[Mapping[str, Any]]) -> int:
    """The penta class of the top event's CAMEO root; 0 (statement) when there is no event."""
    event = top_event(records)
    if event is None:
        return 0
    code = load_ontology().get(str(event.get("cameo") or "")[:2])
    return code.penta_class if code else 0


def _classification(task: str, pairs: list[tuple[Any, Any]], labels: Iterable[Any], split: str) -> TaskScores:
    counts = class_counts(pairs, labels)
    present = [label for label, c in counts.items() if c.expected or c.predicted]  # as sklearn: y_true | y_pred
    metrics = {
        "macro_f1": macro_f1(counts, present),
        "accuracy": sum(g == p for g, p in pairs) / len(pairs) if pairs else None,
        "coverage": sum(p is not None for _, p in pairs) / len(pairs) if pairs else None,
    }
    return TaskScores(task, "macro_f1", metrics, {str(k): v for k, v in counts.items()}, len(pairs), split)


def score_penta(items: list[Item], predictions: Mapping[str, Iterable[Mapping]], *, split: str = "heldout") -> TaskScores:
    """Phoenix penta-class macro-F1 (and accuracy) over the items."""
    pairs = [(item.label, predicted_penta(predictions.get(item.doc_id, ()))) for item in items]
    return _classification("penta", pairs, PENTA_CLASSES, split)


def score_plover(items: list[Item], predictions: Mapping[str, Iterable[Mapping]], *, split: str = "heldout") -> TaskScores:
    """PLOVER type macro-F1 of each story's top event (a story with no event is a miss)."""
    pairs = []
    for item in items:
        event = top_event(predictions.get(item.doc_id, ()))
        pairs.append((item.label, event.get("event") if event else None))
    return _classification("plover", pairs, PLOVER_TYPES, split)


def _token_range(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    inside = [i for i, (a, b) in enumerate(offsets) if a < end and b > start]
    return (inside[0], inside[-1] + 1) if inside else None


def predicted_spans(item: Item, records: Iterable[Mapping[str, Any]]) -> set[tuple[int, int, str]]:
    """Token spans of the top event's actors (S) and recipients (T); a span that is both becomes R."""
    labels: dict[tuple[int, int], set[str]] = {}
    records = list(records)
    # the gold marks one event a sentence, its main one (as penta and plover score); where the sentence has no
    # event, its main statement (a CAMEO 01 comment: ConfliBERT marks their sources and targets too)
    top = top_event(records) or top_event(records, kind="statement")
    for record in [top] if top is not None else []:
        for role, label in (("actor", "S"), ("recipient", "T")):
            for entity in record.get(role) or []:
                # the argument phrase the entity fills is what source/target annotation marks
                start = entity.get("phrase_start", entity["start"])
                end = entity.get("phrase_end", entity["end"])
                span = _token_range(item.tokens, entity["start"] if start is None else start,
                                    entity["end"] if end is None else end)
                if span:
                    labels.setdefault(span, set()).add(label)
    return {(a, b, "R" if len(found) > 1 else found.pop()) for (a, b), found in labels.items()}


def _compatible(gold: str, predicted: str) -> bool:
    return gold == predicted or "R" in (gold, predicted)


def _exact_counts(gold: set, predicted: set) -> PRCounts:
    unmatched = set(gold)
    correct = 0
    for start, end, label in sorted(predicted):
        match = next((g for g in sorted(unmatched) if g[:2] == (start, end) and _compatible(g[2], label)), None)
        if match:
            unmatched.discard(match)
            correct += 1
    return PRCounts(correct, len(predicted), correct, len(gold))


def _token_labels(spans: set, n: int) -> list[str | None]:
    labels: list[str | None] = [None] * n
    for start, end, label in spans:
        for i in range(start, min(end, n)):
            labels[i] = label if labels[i] in (None, label) else "R"
    return labels


def _token_counts(gold: set, predicted: set, n: int) -> PRCounts:
    g, p = _token_labels(gold, n), _token_labels(predicted, n)
    correct = sum(1 for a, b in zip(g, p) if a and b and _compatible(a, b))
    return PRCounts(correct, sum(1 for b in p if b), correct, sum(1 for a in g if a))


def score_spans(items: list[Item], predictions: Mapping[str, Iterable[Mapping]], *, split: str = "heldout") -> TaskScores:
    """Source/target span F1: exact token spans (the headline) and token overlap."""
    exact, overlap = PRCounts(), PRCounts()
    per_label = {label: PRCounts() for label in ("S", "T", "R")}
    for item in items:
        gold, predicted = item.label, predicted_spans(item, predictions.get(item.doc_id, ()))
        exact.add(_exact_counts(gold, predicted))
        overlap.add(_token_counts(gold, predicted, len(item.tokens)))
        for label, counts in per_label.items():
            counts.add(_exact_counts({s for s in gold if s[2] == label}, {s for s in predicted if s[2] == label}))
    metrics = {
        "exact_f1": exact.f1, "exact_precision": exact.precision, "exact_recall": exact.recall,
        "token_f1": overlap.f1, "token_precision": overlap.precision, "token_recall": overlap.recall,
    }  # fmt: skip
    return TaskScores("spans", "exact_f1", metrics, per_label, len(items), split)
