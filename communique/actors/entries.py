"""The entries of the actor knowledge base, parsed and checked from one JSON object each.

Kinds: `country`, `organisation`, `group`, `polity`, `region`, `person` (all become an `Actor`), `role`
(a `RoleTerm`) and `modifier` (a `Modifier`). docs/actors.md describes every field with examples.
"""
from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any, ClassVar

from ..errors import ConfigError, Errors

ACTOR_KINDS = ("country", "organisation", "group", "polity", "region", "person", "place")
SECTORS = frozenset({
    "GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "SPY", "PRM", "UAF", "UNK", "BUS", "CRM", "CVL",
    "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC", "AGR",
})
SPECIAL_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "KOS"})
REGION_CODES = frozenset({
    "AFR", "ASA", "BLK", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM", "MEA", "MDT",
    "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST",
})
REFERS = ("person", "group", "institution", "country")
_CODE = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _fail(path: Path | str, line: int, name: str, detail: str) -> ConfigError:
    return ConfigError(Errors.E102.format(path=path, line=line, field=name, detail=detail))


class _Reader:
    """Typed access to one record's fields, raising E102 (file, line, field) on a bad value."""

    def __init__(self, record: dict, path: Path | str, line: int) -> None:
        self.record, self.path, self.line = record, path, line

    def fail(self, name: str, detail: str) -> ConfigError:
        return _fail(self.path, self.line, name, detail)

    def text(self, name: str, *, required: bool = True) -> str | None:
        value = self.record.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(name, "required, a non-empty string" if value is None else "must be a non-empty string")
        return value.strip()

    def texts(self, name: str) -> tuple[str, ...]:
        value = self.record.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(name, "must be a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def code(self, name: str, *, required: bool = True, record: dict | None = None, label: str = "") -> str | None:
        value = (self.record if record is None else record).get(name)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not _CODE.match(value):
            raise self.fail(label + name, f"must be a three-letter code such as 'CHN', 'IGO' or 'WST', not {value!r}")
        return value

    def sector(self, name: str, *, required: bool = True, record: dict | None = None, label: str = "") -> str | None:
        value = (self.record if record is None else record).get(name)
        if value is None and not required:
            return None
        if value not in SECTORS:
            raise self.fail(label + name, f"must be a PLOVER sector ({', '.join(sorted(SECTORS))}), not {value!r}")
        return value


def parse_date(value: Any, *, end: bool = False) -> Date | None:
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' as a date: the first day of the period, or its last when `end`."""
    if value is None:
        return None
    match = _DATE.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"must be 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', not {value!r}")
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    if month is None:
        return Date(year, 12, 31) if end else Date(year, 1, 1)
    if day is None:
        last = calendar.monthrange(year, int(month))[1]
        return Date(year, int(month), last if end else 1)
    return Date(year, int(month), int(day))


@dataclass(frozen=True)
class Office:
    """One role a person (or a group) held: a code and sector over a period; end None = still held."""

    code: str
    sector: str
    office: str | None
    start: Date | None
    end: Date | None
    org: str | None = None

    def covers(self, when: Date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


class _Entry:
    """What every knowledge-base entry shares: its key (kind prefix and id), by which a user entry replaces a
    shipped one, and its content, by which two user entries with one key are found to conflict."""

    PREFIX: ClassVar[str] = ""

    @property
    def key(self) -> str:
        return f"{self.PREFIX}:{self.id}"  # type: ignore[attr-defined]

    def content(self) -> str:
        return json.dumps(self.record, sort_keys=True)  # type: ignore[attr-defined]


@dataclass
class Actor(_Entry):
    """Something with a code: a country, organisation, group, polity, region or person."""

    kind: str
    id: str
    name: str
    code: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    gender: str | None = None
    before: tuple[str | None, str | None] | None = None
    regional: bool = False
    plural: bool = False
    origin: str = ""
    record: dict = field(default_factory=dict, repr=False)
    user: bool = False

    @property
    def key(self) -> str:  # the kind is the prefix: "country:FRA", "person:angela-merkel"
        return f"{self.kind}:{self.id}"

    def index_names(self) -> list[tuple[str, str]]:
        """Every (text, how) this actor is known by."""
        names = [(self.name, "name")] + [(a, "alias") for a in self.aliases]
        names += [(d, "demonym") for d in self.demonyms] + [(c, "capital") for c in self.capitals]
        return names


@dataclass
class RoleTerm(_Entry):
    """Title or group nouns ("ambassador", "troops") with the sector they give and what they refer to."""

    PREFIX: ClassVar[str] = "role"

    id: str
    sector: str
    refers: str
    terms: tuple[str, ...]
    code: str | None = None
    origin: str = ""
    record: dict = field(default_factory=dict, repr=False)
    user: bool = False


@dataclass
class Modifier(_Entry):
    """Words before a title that change its sector ("former", "ousted" -> ELI)."""

    PREFIX: ClassVar[str] = "modifier"

    id: str
    sector: str
    terms: tuple[str, ...]
    origin: str = ""
    record: dict = field(default_factory=dict, repr=False)
    user: bool = False


@dataclass
class GivenNames(_Entry):
    """First names that tell a person's gender, for he/she when the knowledge base does not know the person."""

    PREFIX: ClassVar[str] = "given-names"

    id: str
    gender: str
    names: tuple[str, ...]
    origin: str = ""
    record: dict = field(default_factory=dict, repr=False)
    user: bool = False


@dataclass
class WordList(_Entry):
    """A named list of words a resolution rule reads ("backer-suffixes": "Iran-backed" names a backer, not an
    owner); a user entry with the same id replaces the shipped list."""

    PREFIX: ClassVar[str] = "words"

    id: str
    terms: tuple[str, ...]
    origin: str = ""
    record: dict = field(default_factory=dict, repr=False)
    user: bool = False


# --- parsing -----------------------------------------------------------------------------------------------
def parse_entry(record: dict, *, path: Path | str, line: int) -> Actor | RoleTerm | Modifier | GivenNames | WordList:
    """Check one record and build its entry; raises ConfigError naming file, line and field."""
    reader = _Reader(record, path, line)
    kind = record.get("kind")
    origin = f"{path}:{line}"
    if kind == "role":
        return _parse_role(reader, origin)
    if kind == "given-names":
        gender = reader.text("gender")
        if gender not in ("f", "m"):
            raise reader.fail("gender", f"must be 'f' or 'm', not {gender!r}")
        return GivenNames(reader.text("id"), gender, reader.texts("names"), origin=origin, record=record)
    if kind == "modifier":
        terms = tuple(t.lower() for t in reader.texts("terms"))
        return Modifier(reader.text("id"), reader.sector("sector"), terms, origin=origin, record=record)
    if kind == "words":
        terms = tuple(t.lower() for t in reader.texts("terms"))
        if not terms:
            raise reader.fail("terms", "must list at least one word")
        return WordList(reader.text("id"), terms, origin=origin, record=record)
    if kind not in ACTOR_KINDS:
        expected = ", ".join(ACTOR_KINDS + ("role", "modifier", "given-names", "words"))
        raise reader.fail("kind", f"must be one of {expected}, not {kind!r}")
    return _parse_actor(reader, kind, origin)


def _parse_role(reader: _Reader, origin: str) -> RoleTerm:
    refers = reader.text("refers", required=False) or "person"
    if refers not in REFERS:
        raise reader.fail("refers", f"must be one of {', '.join(REFERS)}, not {refers!r}")
    terms = tuple(t.lower().replace("’", "'") for t in reader.texts("terms"))
    if not terms:
        raise reader.fail("terms", "must list at least one term")
    code = reader.code("code", required=False)
    return RoleTerm(reader.text("id"), reader.sector("sector"), refers, terms, code, origin, reader.record)


def _parse_actor(reader: _Reader, kind: str, origin: str) -> Actor:
    record = reader.record
    name = reader.text("name")
    identifier = reader.text("id", required=kind != "country") or reader.code("code")
    aliases = reader.texts("names") + reader.texts("aliases")
    offices = _parse_offices(reader) if kind in ("person", "group") else ()
    required = kind not in ("person",) and not offices
    code = reader.code("code", required=required)
    if code and kind == "region" and code not in REGION_CODES:
        raise reader.fail("code", f"a region takes a CAMEO region code ({', '.join(sorted(REGION_CODES))})")
    sector = reader.sector("sector", required=False)
    gender = record.get("gender")
    if gender not in (None, "f", "m", "x"):
        raise reader.fail("gender", f"must be 'f', 'm' or 'x', not {gender!r}")
    return Actor(
        kind=kind, id=identifier, name=name, code=code, sector=sector or _default_sector(kind),
        aliases=tuple(a for a in aliases if a != name), demonyms=reader.texts("demonyms"),
        capitals=reader.texts("capitals"), offices=offices, gender=gender, before=_parse_before(reader),
        regional=kind == "region" or bool(record.get("regional")), plural=bool(record.get("plural")),
        origin=origin, record=record,
    )  # fmt: skip


def _default_sector(kind: str) -> str | None:
    return {"country": "GOV", "organisation": "GOV", "region": "GOV", "polity": "PRE", "place": "GOV"}.get(kind)


def _parse_offices(reader: _Reader) -> tuple[Office, ...]:
    roles = reader.record.get("roles", [])
    if not isinstance(roles, list):
        raise reader.fail("roles", "must be a list of objects")
    offices = []
    for index, role in enumerate(roles):
        where = f"roles[{index}]"
        if not isinstance(role, dict):
            raise reader.fail(where, "must be an object")
        code = reader.code("code", record=role, label=f"{where}.")
        sector = reader.sector("sector", record=role, label=f"{where}.")
        offices.append(Office(code, sector, role.get("office"), *_office_dates(reader, role, where), role.get("org")))
    return tuple(offices)


def _office_dates(reader: _Reader, role: dict, where: str) -> tuple[Date | None, Date | None]:
    dates = []
    for name in ("start", "end"):
        try:
            dates.append(parse_date(role.get(name), end=name == "end"))
        except ValueError as err:
            raise reader.fail(f"{where}.{name}", str(err)) from None
    if dates[0] and dates[1] and dates[1] < dates[0]:
        raise reader.fail(f"{where}.end", "ends before it starts")
    return dates[0], dates[1]


def _parse_before(reader: _Reader) -> tuple[str | None, str | None] | None:
    before = reader.record.get("before")
    if before is None:
        return None
    if not isinstance(before, dict):
        raise reader.fail("before", "must be an object with 'code' and/or 'sector'")
    code = before.get("code")
    if code is not None and not (isinstance(code, str) and _CODE.match(code)):
        raise reader.fail("before.code", f"must be a three-letter code, not {code!r}")
    sector = before.get("sector")
    if sector is not None and sector not in SECTORS:
        raise reader.fail("before.sector", f"must be a PLOVER sector, not {sector!r}")
    return (code, sector)
