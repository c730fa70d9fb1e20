"""The event lexicon: predicates -> CAMEO codes, and the structure and modality cues, loaded from data files.

The shipped files live in `communique/data/lexicon/` (verbs.yaml, light_verbs.yaml, nouns.yaml, frames.yaml);
a user adds entries with their own YAML or JSONL files (`communique_events` config `user_files`, or any
`*.yaml` / `*.jsonl` in `<config dir>/lexicon/`). A user entry with the same key as a shipped one replaces it;
`cameo: null` removes it. The format is documented in docs/lexicon.md.

Entries are indexed by lemma so the extractor does one dictionary look-up per token.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from ..errors import ConfigError, Errors
from ..ontology import load_ontology
from ..settings import config_dir

LOGGER = logging.getLogger(__name__)

SHIPPED_FILES = ("verbs.yaml", "light_verbs.yaml", "nouns.yaml", "frames.yaml")
ENTRY_FIELDS = {
    "lemma", "noun", "cameo", "prep", "particle", "frame", "needs_recipient", "confidence", "intent",
    "reflexive", "phone", "aggression_target", "kind", "note", "transitive", "object", "own_side",
}  # fmt: skip
FRAMES = {None, "control", "reciprocal"}
OBJECTS = {None, "actor", "thing", "act", "clause", "comment"}
DEFAULT_CONFIDENCE = {"verb": 0.7, "light": 0.8, "noun": 0.65}


@dataclass(frozen=True)
class Entry:
    """One lexicon sense: a predicate (verb, verb + noun, or noun) and the CAMEO code it carries."""

    kind: str  # verb | light | noun
    lemma: str  # the verb lemma (verb, light) or the noun's head lemma (noun)
    cameo: str | None
    source: str  # file name the entry came from
    particle: str | None = None
    preps: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()  # light verbs: the object noun phrases, lower-cased
    frame: str | None = None
    needs_recipient: bool = False
    transitive: bool = False  # the sense needs a direct object ("returned the pilot", not "returned home")
    object: str | None = None  # the direct object must name an actor ("welcomed the president": host) or a thing
    # ("welcomed the initiative": endorse); None: either
    confidence: float = 0.7
    intent: bool = False
    reflexive: bool = False
    aggression_target: bool = False
    own_side: bool = False  # the object may be the actor's own side's ("defended Russia's involvement in Syria")

    @property
    def key(self) -> tuple:
        """Entries with the same key are the same sense: a later (user) one replaces an earlier one."""
        return (self.kind, self.lemma, self.particle, self.preps, self.nouns, self.cameo[:2] if self.cameo else None)

    @property
    def specificity(self) -> int:
        return (2 if self.particle else 0) + (1 if self.preps else 0)

    @property
    def rule(self) -> str:
        """What `Event.rule` says when this entry produced the event."""
        name = self.lemma + (f" {self.particle}" if self.particle else "")
        if self.kind == "light":
            name = f"{name}+{self.nouns[0]}"
        elif self.preps and self.kind == "verb":
            name = f"{name} {self.preps[0]}"
        return f"lexicon:{self.source}:{name}"


@dataclass
class Frames:
    """Lemma lists that steer structure and modality, and the intent / refusal code maps."""

    lists: dict[str, frozenset[str]] = field(default_factory=dict)
    intent_codes: dict[str, str] = field(default_factory=dict)
    refusal_codes: dict[str, str] = field(default_factory=dict)
    failure_codes: dict[str, str] = field(default_factory=dict)
    punishment_codes: dict[str, str] = field(default_factory=dict)
    yields_to: dict[str, str] = field(default_factory=dict)
    appeal_codes: dict[str, str] = field(default_factory=dict)
    demand_codes: dict[str, str] = field(default_factory=dict)
    offer_codes: dict[str, str] = field(default_factory=dict)
    model: dict[str, float] = field(default_factory=dict)

    def has(self, name: str, lemma: str) -> bool:
        return lemma in self.lists.get(name, frozenset())

    def lists_code(self, name: str, cameo: str) -> bool:
        """Whether a list of CAMEO prefixes (`mutual_codes`, `people_object_codes`, ...) holds a prefix of `cameo`."""
        return any(cameo.startswith(code) for code in self.lists.get(name, frozenset()))

    def intent_code(self, cameo: str) -> str:
        """The CAMEO code of intending `cameo` (unchanged when no prefix is listed)."""
        return _longest_prefix(self.intent_codes, cameo) or cameo

    def offered_intent_code(self, cameo: str) -> str:
        """The code of offering or pledging `cameo` (`offer_codes`: "offered to send troops" is military
        cooperation, not the threat that intending a deployment is), else the plain intent code."""
        return _longest_prefix(self.offer_codes, cameo) or self.intent_code(cameo)

    def refusal_code(self, cameo: str) -> str | None:
        """The CAMEO code of refusing to do `cameo`, or None when refusing it is not a coded rejection."""
        return _longest_prefix(self.refusal_codes, cameo)

    def failure_code(self, cameo: str) -> str | None:
        """The CAMEO code of failing to do `cameo` ("failed to reach agreement"), or None when failing is no event."""
        return _longest_prefix(self.failure_codes, cameo)

    def unrealised_code(self, verb: str, cameo: str) -> str | None:
        """What refusing (`refusal_verbs`) or failing (`failure_verbs`) to do `cameo` is coded as, by the verb."""
        if self.has("failure_verbs", verb):
            return self.failure_code(cameo)
        return self.refusal_code(cameo)

    def called_for_code(self, request: str, wanted: str) -> str:
        """The code of calling for an act a noun names ("called for sanctions against X"): a demand when the act is
        a punishment (`punishment_codes`), else the appeal for it."""
        return _longest_prefix(self.punishment_codes, wanted) or self.request_code(request, wanted)

    def yields(self, cameo: str, others: Iterable[str]) -> bool:
        """Whether a reading coded `cameo` gives way to another reading of the same verb (`yields_to`: "sent troops
        to the UN peacekeeping mission" is peacekeeping, 074, not a deployment against someone, 154)."""
        stronger = _longest_prefix(self.yields_to, cameo)
        return stronger is not None and any(other.startswith(stronger) for other in others)

    def request_code(self, request: str, wanted: str) -> str:
        """The appeal (02x) or demand (10x) code for asking someone to do `wanted` (else `request`: a coercion,
        "forced the soldiers to retreat", stays one)."""
        if not request.startswith(("02", "10")):
            return request
        table = self.demand_codes if request.startswith("10") else self.appeal_codes
        return _longest_prefix(table, wanted) or request


def _longest_prefix(table: dict[str, str], cameo: str) -> str | None:
    for size in range(len(cameo), 1, -1):
        if cameo[:size] in table:
            return table[cameo[:size]]
    return None


class Lexicon:
    """All entries, indexed by lemma, plus the frames."""

    def __init__(self) -> None:
        self.verbs: dict[str, list[Entry]] = {}
        self.light: dict[str, list[Entry]] = {}
        self.nouns: dict[str, list[Entry]] = {}
        self.frames = Frames()
        self._entries: dict[tuple, Entry] = {}

    def add(self, entry: Entry) -> None:
        """Add an entry, replacing one with the same key; an entry without CAMEO code removes it."""
        if entry.cameo is None:
            self._entries = {k: e for k, e in self._entries.items() if k[:5] != entry.key[:5]}
        else:
            self._entries[entry.key] = entry
        self._reindex()

    def add_many(self, entries: Iterable[Entry]) -> None:
        for entry in entries:
            if entry.cameo is None:
                self._entries = {k: e for k, e in self._entries.items() if k[:5] != entry.key[:5]}
            else:
                self._entries[entry.key] = entry
        self._reindex()

    def _reindex(self) -> None:
        self.verbs, self.light, self.nouns = {}, {}, {}
        for entry in self._entries.values():
            index = {"verb": self.verbs, "light": self.light, "noun": self.nouns}[entry.kind]
            index.setdefault(entry.lemma, []).append(entry)
        for index in (self.verbs, self.light, self.nouns):
            for entries in index.values():
                entries.sort(key=lambda e: -e.specificity)

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> list[Entry]:
        return list(self._entries.values())

    def cameo_roots(self) -> set[str]:
        return {e.cameo[:2] for e in self._entries.values() if e.cameo}


# --- reading files ------------------------------------------------------------------------------------


class _LexiconLoader(yaml.SafeLoader):
    """YAML 1.2 booleans only: "on", "off", "yes" and "no" are prepositions and particles here, not booleans."""


_LexiconLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LexiconLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def read_records(path: Path | Any) -> Iterator[tuple[int, dict]]:
    """(line or index, record) pairs from a YAML file (a mapping with `entries`) or a JSONL file."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(Errors.E601.format(path=name, detail=err)) from None
    if name.endswith(".jsonl"):
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as err:
                    raise ConfigError(Errors.E101.format(path=name, line=number, detail=err.msg)) from None
        return
    try:
        data = yaml.load(text, Loader=_LexiconLoader) or {}
    except yaml.YAMLError as err:
        raise ConfigError(Errors.E601.format(path=name, detail=str(err).splitlines()[0])) from None
    if not isinstance(data, dict):
        raise ConfigError(Errors.E601.format(path=name, detail="expected a mapping with 'entries'"))
    for number, record in enumerate(data.get("entries") or [], 1):
        yield number, record
    if any(k for k in data if k not in ("version", "entries")):
        yield 0, {"kind": "frames", **{k: v for k, v in data.items() if k not in ("version", "entries")}}


def _entry_kind(record: dict) -> str:
    if record.get("kind"):
        return str(record["kind"])
    if "lemma" in record and "noun" in record:
        return "light"
    if "noun" in record:
        return "noun"
    return "verb"


def parse_entries(record: dict, *, source: str, line: int) -> list[Entry]:
    """The entries one record stands for (one per lemma); raises ConfigError on a malformed record."""
    unknown = set(record) - ENTRY_FIELDS
    if unknown:
        raise ConfigError(Errors.E602.format(path=source, line=line, detail=f"unknown field(s) {sorted(unknown)}"))
    kind = _entry_kind(record)
    cameo = record.get("cameo")
    if "cameo" not in record:
        raise ConfigError(Errors.E602.format(path=source, line=line, detail="no 'cameo' field"))
    if cameo is not None:
        cameo = str(cameo)
        if cameo not in load_ontology():
            raise ConfigError(Errors.E603.format(path=source, line=line, cameo=cameo))
    if record.get("frame") not in FRAMES:
        raise ConfigError(Errors.E602.format(path=source, line=line, detail=f"unknown frame {record.get('frame')!r}"))
    if record.get("object") not in OBJECTS:
        raise ConfigError(Errors.E602.format(path=source, line=line, detail=f"object must be one of actor, thing, act, clause, comment, not {record.get('object')!r}"))
    heads = _as_list(record.get("noun")) if kind == "noun" else _as_list(record.get("lemma"))
    if not heads:
        raise ConfigError(Errors.E602.format(path=source, line=line, detail="no 'lemma' or 'noun'"))
    return [_make_entry(kind, head, cameo, record, source) for head in heads]


def _make_entry(kind: str, head: str, cameo: str | None, record: dict, source: str) -> Entry:
    words = head.lower().split()
    lemma, particle = (words[-1], None) if kind == "noun" else (words[0], " ".join(words[1:]) or None)
    particle = record.get("particle") or particle
    nouns = tuple(n.lower() for n in _as_list(record.get("noun"))) if kind == "light" else ()
    if kind == "noun":
        nouns = (head.lower(),)
    return Entry(
        kind=kind,
        lemma=lemma,
        cameo=cameo,
        source=Path(source).name,
        particle=particle,
        preps=tuple(p.lower() for p in _as_list(record.get("prep"))),
        nouns=nouns,
        frame=record.get("frame"),
        needs_recipient=bool(record.get("needs_recipient", False)),
        transitive=bool(record.get("transitive", False)),
        object=record.get("object"),
        confidence=float(record.get("confidence", DEFAULT_CONFIDENCE[kind])),
        intent=bool(record.get("intent", False)),
        reflexive=bool(record.get("reflexive", False)),
        aggression_target=bool(record.get("aggression_target", False)),
        own_side=bool(record.get("own_side", False)),
    )


def _merge_frames(frames: Frames, record: dict) -> None:
    for name, value in record.items():
        if name == "kind":
            continue
        if name == "model":
            frames.model.update({str(k): float(v) for k, v in (value or {}).items()})
        elif name in ("intent_codes", "refusal_codes", "failure_codes", "punishment_codes", "yields_to", "appeal_codes",
                      "demand_codes", "offer_codes"):
            getattr(frames, name).update({str(k): str(v) for k, v in (value or {}).items()})
        else:
            frames.lists[name] = frames.lists.get(name, frozenset()) | {str(v).lower() for v in _as_list(value)}


def load_file(lexicon: Lexicon, path: Path | Any) -> None:
    """Read one lexicon file into `lexicon` (its entries win over those already there)."""
    entries: list[Entry] = []
    for line, record in read_records(path):
        if not isinstance(record, dict):
            raise ConfigError(Errors.E602.format(path=path, line=line, detail="an entry must be a mapping"))
        if record.get("kind") == "frames":
            _merge_frames(lexicon.frames, record)
        else:
            entries.extend(parse_entries(record, source=str(path), line=line))
    lexicon.add_many(entries)
    LOGGER.debug("read %d lexicon entries from %s", len(entries), path)


def user_lexicon_files() -> list[Path]:
    """The user's own lexicon files in `<config dir>/lexicon/`, in name order."""
    folder = config_dir() / "lexicon"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".jsonl"))


def load_lexicon(user_files: Iterable[str | Path] = (), *, include_user_dir: bool = True) -> Lexicon:
    """The shipped lexicon extended by the user's files (later files win).

    Args:
        user_files (Iterable[str | Path]): extra YAML / JSONL lexicon files.
        include_user_dir (bool): also read `<config dir>/lexicon/*`.
    RETURNS (Lexicon): the indexed lexicon.
    """
    paths = tuple(str(p) for p in user_files)
    user_dir = tuple(str(p) for p in user_lexicon_files()) if include_user_dir else ()
    return _load_cached(paths + user_dir)


@lru_cache(maxsize=8)
def _load_cached(user_paths: tuple[str, ...]) -> Lexicon:
    lexicon = Lexicon()
    folder = resources.files("communique") / "data" / "lexicon"
    for name in SHIPPED_FILES:
        load_file(lexicon, folder / name)
    for user_path in user_paths:
        path = Path(user_path)
        if not path.is_file():
            raise ConfigError(Errors.E601.format(path=user_path, detail="no such file"))
        load_file(lexicon, path)
    return lexicon
