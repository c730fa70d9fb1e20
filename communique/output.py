"""Writing coded documents as they stream out of the pipeline: JSON Lines (the contract), CSV, a readable table."""
from __future__ import annotations

import csv
import json
import shutil
from typing import TextIO

from .records import CodedDocument, Event

FORMATS = ("table", "jsonl", "csv")

CSV_FIELDS = [  # the column order of Event.to_row()
    "id", "doc_id", "date", "date_source", "historical", "actor_code", "actor_sector", "actor_text", "event",
    "mode", "context", "cameo", "recipient_code", "recipient_sector", "recipient_text", "quad_code",
    "goldstein", "plover_score", "confidence", "rule", "sentence", "start", "end", "text",
]  # fmt: skip


class ResultWriter:
    """Writes each coded document's records in one format; `close()` finishes the output."""

    def __init__(self, stream: TextIO, fmt: str, *, quotes: bool = True, statements: bool = False,
                 width: int | None = None) -> None:
        self.stream = stream
        self.fmt = fmt
        self.quotes = quotes
        self.statements = statements  # CAMEO 01 comments (type "statement"): JSON Lines only, on request
        self.width = width or shutil.get_terminal_size((120, 20)).columns
        self._csv: csv.DictWriter | None = None
        self.n_events = 0
        self.n_quotes = 0
        self.n_statements = 0

    def write(self, result: CodedDocument) -> None:
        getattr(self, f"_write_{self.fmt}")(result)
        self.n_events += len(result.events)
        self.n_quotes += len(result.quotes) if self.quotes else 0
        self.n_statements += len(result.statements) if self.statements and self.fmt == "jsonl" else 0

    def _write_jsonl(self, result: CodedDocument) -> None:
        records = [e.to_dict() for e in result.events]
        if self.quotes:
            records += [q.to_dict() for q in result.quotes]
        if self.statements:
            records += [s.to_dict() for s in result.statements]
        for record in records:
            self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")

    def _write_csv(self, result: CodedDocument) -> None:
        if self._csv is None:
            self._csv = csv.DictWriter(self.stream, fieldnames=CSV_FIELDS, lineterminator="\n")
            self._csv.writeheader()
        for event in result.events:
            self._csv.writerow(event.to_row())

    def _write_table(self, result: CodedDocument) -> None:
        for event in result.events:
            self.stream.write(format_event_line(event, width=self.width) + "\n")

    def close(self) -> None:
        self.stream.flush()


def _entities(entities) -> str:
    if not entities:
        return "-"
    return "+".join(f"{e.code or '?'} {e.sector or '?'}" for e in entities)


def format_event_line(event: Event, *, width: int = 120) -> str:
    """One readable line: date, actor, event (mode), recipient, CAMEO code, the sentence cut short.

    Example: `2023-04-27  UKR GOV  -REQUEST(assist)->  MEX LEG  022  Ukrainian President Volodymyr Zel…`
    """
    kind = event.event + (f"({event.mode})" if event.mode else "")
    arrow = f"-{kind}->"
    head = (
        f"{event.date or '----------':<10}  {_entities(event.actor):<8}  {arrow:<22}  "
        f"{_entities(event.recipient):<8}  {event.cameo:<4}  "
    )
    room = max(width - len(head), 20)
    sentence = " ".join(event.text.split())
    if len(sentence) > room:
        sentence = sentence[: room - 1] + "…"
    return head + sentence

