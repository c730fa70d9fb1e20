"""Reading gold files in the coding guide's format (CODING.md "Gold files"): gold events and negatives.

A gold event gives one slot per actor-recipient pair; a slot accepts the triples (actor code, event type,
recipient code) of its pair, with the event types of `also_accept_event` and the recipient codes of
`also_accept_recipient` as alternatives. A negative is one triple that must not be produced.
Every malformed line raises `GoldError` naming the file, the line and the field.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Errors, GoldError
from ..ontology import PLOVER_TYPES

Triple = tuple[str | None, str, str | None]  # (actor code, event type, recipient code or None)

_CODE = re.compile(r"^[A-Z]{3}$")
_CAMEO = re.compile(r"^[0-9]{2,4}$")
_DATE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")


@dataclass(frozen=True)
class GoldEntity:
    """An actor or recipient of a gold event: its code and (optionally) its sector and words."""

    code: str
    sector: str | None = None
    entity_text: str | None = None


@dataclass
class GoldEvent:
    """One line of a gold file."""

    doc_id: str
    line: int
    event: str
    actor: list[GoldEntity]
    recipient: list[GoldEntity]
    required: bool = True
    also_accept_event: tuple[str, ...] = ()
    also_accept_recipient: tuple[str, ...] = ()
    cameo: str | None = None
    mode: str | None = None
    date: str | None = None
    historical: bool | None = None
    evidence: str | None = None
    note: str | None = None
    fields: frozenset[str] = field(default_factory=frozenset)  # the keys the line gives

    def slots(self) -> list[Slot]:
        """One slot per actor-recipient pair (a compound recipient gives several slots)."""
        recipients: list[GoldEntity | None] = list(self.recipient) or [None]
        return [Slot(self, actor, recipient) for actor in self.actor for recipient in recipients]


@dataclass(frozen=True, eq=False)
class Slot:
    """One actor-recipient pair of a gold event, and the triples it accepts."""

    gold: GoldEvent
    actor: GoldEntity
    recipient: GoldEntity | None

    @property
    def required(self) -> bool:
        return self.gold.required

    @property
    def triple(self) -> Triple:
        return (self.actor.code, self.gold.event, self.recipient.code if self.recipient else None)

    def accepts(self, triple: Triple) -> bool:
        """Whether a predicted triple fills this slot, alternatives included."""
        actor, event, recipient = triple
        events = {self.gold.event, *self.gold.also_accept_event}
        recipients = {self.recipient.code if self.recipient else None, *self.gold.also_accept_recipient}
        return actor == self.actor.code and event in events and recipient in recipients


@dataclass(frozen=True)
class Negative:
    """A triple that must not be produced for a document (negatives.jsonl)."""

    doc_id: str
    line: int
    triple: Triple
    evidence: str | None = None


class _Line:
    """One parsed JSON line and the place to blame when a field is wrong."""

    def __init__(self, path: Path, number: int, record: dict[str, Any]) -> None:
        self.path, self.number, self.record = path, number, record

    def fail(self, name: str, detail: str) -> GoldError:
        return GoldError(Errors.E303.format(path=self.path, line=self.number, field=name, detail=detail))

    def get(self, name: str, check: Callable[[Any], Any], *, required: bool = False, default: Any = None) -> Any:
        if name not in self.record or self.record[name] is None:
            if required:
                raise self.fail(name, "missing")
            return default
        try:
            return check(self.record[name])
        except (TypeError, ValueError) as err:
            raise self.fail(name, str(err)) from None


def _string(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a non-empty string, found {value!r}")
    return value


def _pattern(regex: re.Pattern, what: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str) or not regex.match(value):
            raise ValueError(f"expected {what}, found {value!r}")
        return value

    return check


def _event_type(value: Any) -> str:
    if value not in PLOVER_TYPES:
        raise ValueError(f"{value!r} is not a PLOVER event type ({', '.join(PLOVER_TYPES)})")
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, found {value!r}")
    return value


def _list_of(check: Callable[[Any], Any]) -> Callable[[Any], tuple]:
    def checked(value: Any) -> tuple:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, found {value!r}")
        return tuple(check(item) for item in value)

    return checked


_actor_code = _pattern(_CODE, "a three-letter actor code such as 'CHN'")


def _entity(value: Any) -> GoldEntity:
    """An entity object ({entity_text, code, sector}) or a bare code string."""
    if isinstance(value, str):
        return GoldEntity(_actor_code(value))
    if not isinstance(value, dict):
        raise TypeError(f"expected an entity object or an actor code, found {value!r}")
    if "code" not in value:
        raise ValueError(f"entity {value!r} has no 'code'")
    sector = value.get("sector")
    if sector is not None and not (isinstance(sector, str) and _CODE.match(sector)):
        raise ValueError(f"entity sector must be a three-letter PLOVER sector, found {sector!r}")
    text = value.get("entity_text")
    return GoldEntity(_actor_code(value["code"]), sector, text if isinstance(text, str) else None)


def _entities(value: Any) -> list[GoldEntity]:
    """A list of entities; a single entity or code is taken as a list of one."""
    return list(_list_of(_entity)(value)) if isinstance(value, list) else [_entity(value)]


def iter_json_lines(path: Path) -> Iterator[_Line]:
    """Each non-empty line of a JSON Lines file as a parsed object, with its line number."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise GoldError(Errors.E301.format(path=path, line=0, detail=f"cannot read: {err.strerror}")) from None
    with handle:
        for number, text in enumerate(handle, 1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as err:
                raise GoldError(Errors.E301.format(path=path, line=number, detail=f"malformed JSON ({err.msg})"))
            if not isinstance(record, dict):
                raise GoldError(Errors.E301.format(path=path, line=number, detail="not a JSON object"))
            yield _Line(path, number, record)


def parse_gold_event(line: _Line) -> GoldEvent:
    """A `GoldEvent` from one parsed line; raises `GoldError` naming the field that is wrong."""
    actor = line.get("actor", _entities, required=True)
    if not actor:
        raise line.fail("actor", "a gold event needs at least one actor")
    return GoldEvent(
        doc_id=line.get("doc_id", _string, required=True),
        line=line.number,
        event=line.get("event", _event_type, required=True),
        actor=actor,
        recipient=line.get("recipient", _entities, default=[]),
        required=line.get("required", _boolean, default=True),
        also_accept_event=line.get("also_accept_event", _list_of(_event_type), default=()),
        also_accept_recipient=line.get("also_accept_recipient", _list_of(_actor_code), default=()),
        cameo=line.get("cameo", _pattern(_CAMEO, "a CAMEO code of 2-4 digits as a string")),
        mode=line.get("mode", _string),
        date=line.get("date", _pattern(_DATE, "an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")),
        historical=line.get("historical", _boolean),
        evidence=line.get("evidence", _string),
        note=line.get("note", str),
        fields=frozenset(line.record),
    )


def parse_negative(line: _Line) -> Negative:
    """A `Negative` from one parsed line of a negatives file."""
    actor = line.get("actor", _entities, required=True)
    recipient = line.get("recipient", _entities, default=[])
    if len(actor) != 1 or len(recipient) > 1:
        raise line.fail("actor" if len(actor) != 1 else "recipient", "a negative names one actor and one recipient")
    triple = (actor[0].code, line.get("event", _event_type, required=True), recipient[0].code if recipient else None)
    return Negative(line.get("doc_id", _string, required=True), line.number, triple, line.get("evidence", _string))


def read_gold(path: str | Path) -> list[GoldEvent]:
    """The gold events of a CODING.md gold file; raises `GoldError` on the first malformed line."""
    path = Path(path)
    events = [parse_gold_event(line) for line in iter_json_lines(path)]
    if not events:
        raise GoldError(Errors.E304.format(path=path))
    return events


def read_negatives(path: str | Path) -> list[Negative]:
    """The negatives of a negatives.jsonl file (may be empty)."""
    return [parse_negative(line) for line in iter_json_lines(Path(path))]


def default_negatives_path(gold_path: str | Path) -> Path | None:
    """`negatives.jsonl` beside the gold file, when there is one (and it is not the gold file itself)."""
    candidate = Path(gold_path).with_name("negatives.jsonl")
    return candidate if candidate.is_file() and candidate.resolve() != Path(gold_path).resolve() else None
