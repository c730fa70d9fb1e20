"""The actor knowledge base: shipped JSONL files under `communique/data/actors/` plus the user's own.

Every line of every file is one JSON object with a `kind`:
`country`, `organisation`, `group`, `polity`, `region`, `place`, `person` (actors with a code), `role` (title and group
nouns that give a sector) and `modifier` (words such as "former" that change the sector). The format is
documented with examples in docs/actors.md. `load_knowledge_base()` reads the shipped files, then the files in
`<config dir>/actors/`, then the files given, and caches the result per set of files.

A user entry with the same kind and id as a shipped one replaces it; two user entries with the same kind and id
but different content are a conflict (`[E104]`), as is a malformed line (`[E101]`, `[E102]`).
"""
from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Errors
from ..settings import config_dir
from .entries import (
    ACTOR_KINDS,
    REGION_CODES,
    SPECIAL_CODES,
    Actor,
    GivenNames,
    Modifier,
    RoleTerm,
    WordList,
    parse_entry,
)
from .text import name_key, normalise, split_words

LOGGER = logging.getLogger(__name__)

SHIPPED_PATTERNS = ("given_names.jsonl", "countries.jsonl", "organisations.jsonl", "groups.jsonl", "polities.jsonl", "places.jsonl", "cities.jsonl", "regions.jsonl", "roles.jsonl",
                    "people_*.jsonl")  # fmt: skip
# When one name belongs to several entries, the first kind here wins (a user entry beats any shipped one).
KIND_PRIORITY = ("person", "group", "organisation", "polity", "country", "place", "region")


@dataclass
class NameHit:
    """One way a name in the text points at an actor: its own name, an alias, a demonym, a capital."""

    actor: Actor
    how: str  # name | alias | demonym | capital
    user: bool


@dataclass
class KnowledgeBase:
    """Actors, role terms and modifiers, indexed by normalised name.

    actors (dict): "kind:id" -> Actor.
    names (dict): name key -> list of NameHit, best first.
    exact (dict): names that must match with their case ("US", "UN", "CAR"), by exact text.
    roles (dict): lowercase term -> RoleTerm; modifiers likewise.
    problems (list): messages about lines skipped when loading with strict=False.
    """

    actors: dict[str, Actor] = field(default_factory=dict)
    names: dict[str, list[NameHit]] = field(default_factory=dict)
    exact: dict[str, list[NameHit]] = field(default_factory=dict)
    roles: dict[str, RoleTerm] = field(default_factory=dict)
    modifiers: dict[str, Modifier] = field(default_factory=dict)
    max_name_words: int = 1
    max_role_words: int = 1
    # First word (lower case) of every name / role term -> the most words such a name or term has: lets the
    # scanner skip a word at once and try only lengths that can match.
    first_words: dict[str, int] = field(default_factory=dict)
    given_names: dict[str, str] = field(default_factory=dict)  # first name -> 'f' | 'm'
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # word lists the rules read, by id
    problems: list[str] = field(default_factory=list)
    files: tuple[str, ...] = ()
    # people's full names by (words, first initial, last initial), for `similar_person`
    person_spellings: dict[tuple[int, str, str], list[tuple[list[str], Actor]]] = field(default_factory=dict, repr=False)

    def lookup(self, text: str) -> list[NameHit]:
        """The actors a name may refer to, best first (empty when unknown)."""
        hits = self.exact.get(text.strip())
        if hits:
            return hits
        return self.names.get(name_key(text), [])

    def longest_from(self, word: str) -> int:
        """The most words a name or role term beginning with `word` has (0: none begins with it)."""
        return self.first_words.get(word.lower().translate(_QUOTES), 0)

    def word_list(self, list_id: str) -> frozenset[str]:
        """A word list of the `words` entries ("backer-suffixes"), empty when none has that id."""
        return self.words.get(list_id, frozenset())

    def role(self, text: str) -> RoleTerm | None:
        return self.roles.get(text.lower().replace("’", "'"))

    def modifier(self, text: str) -> Modifier | None:
        return self.modifiers.get(text.lower())

    def country(self, code: str) -> Actor | None:
        return self.actors.get(f"country:{code}")

    def similar_person(self, text: str) -> Actor | None:
        """The one person whose full name differs from `text` only by a spelling slip or transliteration
        ("Ranil Wickremesinge" for Ranil Wickremesinghe, "Sooronbai Jeenbekov" for Sooronbay): same number of
        words, same initials, each word nearly the same (see `_near`); None when no one or several are."""
        words = _without_accents(name_key(text)).split()
        if len(words) < 2:
            return None
        index = self._spellings()
        found = {actor.id: actor for key, actor in index.get((len(words), words[0][0], words[-1][0]), ())
                 if _near(words, key)}
        return next(iter(found.values())) if len(found) == 1 else None

    def _spellings(self) -> dict[tuple[int, str, str], list[tuple[list[str], Actor]]]:
        if not self.person_spellings:  # built on first use: most documents never need it
            for actor in self.actors.values():
                if actor.kind != "person":
                    continue
                for text in {actor.name, *actor.aliases}:
                    words = _without_accents(name_key(text)).split()
                    if len(words) >= 2:
                        self.person_spellings.setdefault((len(words), words[0][0], words[-1][0]), []).append(
                            (words, actor))
        return self.person_spellings


# --- reading files ---------------------------------------------------------------------------------------
def shipped_files() -> list[Path]:
    """The packaged actor files, in load order."""
    folder = resources.files("communique") / "data" / "actors"
    found: list[Path] = []
    for pattern in SHIPPED_PATTERNS:
        found.extend(sorted(Path(str(folder)).glob(pattern)))
    return found


def user_config_files() -> list[Path]:
    """The JSONL files in the per-user folder `<config dir>/actors/`, sorted by name."""
    folder = config_dir() / "actors"
    return sorted(folder.glob("*.jsonl")) if folder.is_dir() else []


def read_entries(path: Path, *, strict: bool = True, problems: list[str] | None = None) -> Iterator[Any]:
    """Parse one actor file, yielding entries; a bad line raises ConfigError (or is recorded when not strict)."""
    for number, line in enumerate(_read_lines(path), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            yield parse_entry(_parse_json(line, path, number), path=path, line=number)
        except ConfigError as err:
            if strict:
                raise
            LOGGER.warning("%s", err)
            if problems is not None:
                problems.append(str(err))


def _read_lines(path: Path) -> list[str]:
    try:
        data = Path(str(path)).read_bytes()
    except OSError as err:
        raise ConfigError(Errors.E101.format(path=path, line=0, detail=f"cannot read: {err.strerror}")) from None
    try:
        return data.decode("utf-8").splitlines()
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ConfigError(Errors.E101.format(path=path, line=line, detail=f"not valid UTF-8 (byte {err.start})")) from None


def _parse_json(line: str, path: Path, number: int) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise ConfigError(Errors.E101.format(path=path, line=number, detail=f"malformed JSON ({err.msg})")) from None
    if not isinstance(record, dict):
        raise ConfigError(Errors.E101.format(path=path, line=number, detail="a line must be a JSON object"))
    return record


# --- building --------------------------------------------------------------------------------------------
class _Builder:
    """Collects entries from shipped then user files; user entries replace shipped ones with the same key."""

    def __init__(self) -> None:
        self.entries: dict[str, Any] = {}
        self.user_keys: dict[str, Any] = {}

    def add(self, entry: Any, *, user: bool) -> None:
        key = entry.key
        if user:
            earlier = self.user_keys.get(key)
            if earlier is not None and earlier.content() != entry.content():
                raise ConfigError(Errors.E104.format(key=key, first=earlier.origin, second=entry.origin))
            self.user_keys[key] = entry
            if key in self.entries and not self.entries[key].user:
                LOGGER.debug("user entry %s (%s) replaces the shipped one", key, entry.origin)
        entry.user = user
        self.entries[key] = entry

    def known_codes(self) -> set[str]:
        """Country codes of the country entries so far, plus organisation and CAMEO region codes."""
        countries = {e.code for e in self.entries.values() if isinstance(e, Actor) and e.kind == "country"}
        return countries | SPECIAL_CODES | REGION_CODES

    def build(self, kb: KnowledgeBase) -> KnowledgeBase:
        for key, entry in self.entries.items():
            if isinstance(entry, RoleTerm):
                for term in entry.terms:
                    kb.roles[term] = entry
                    kb.max_role_words = max(kb.max_role_words, len(term.split()))
                    _note_first_word(kb, term)
            elif isinstance(entry, GivenNames):
                for name in entry.names:
                    kb.given_names[name] = entry.gender
            elif isinstance(entry, Modifier):
                for term in entry.terms:
                    kb.modifiers[term] = entry
                    _note_first_word(kb, term)
            elif isinstance(entry, WordList):
                kb.words[entry.id] = frozenset(entry.terms)
            else:
                kb.actors[key] = entry
                _index_actor(kb, entry)
        for name, hits in list(kb.names.items()) + list(kb.exact.items()):
            hits.sort(key=_hit_rank)
            _report_user_name_clash(kb, name, hits)
        return kb


def check_codes(entry: Any, known: set[str]) -> None:
    """Every code an entry uses must be a known country, organisation or region code ([E102] otherwise)."""
    if not isinstance(entry, Actor):
        return
    used = [("code", entry.code)] + [(f"roles[{i}].code", o.code) for i, o in enumerate(entry.offices)]
    for name, code in used:
        if code is not None and code not in known:
            path, _, line = entry.origin.rpartition(":")
            detail = f"unknown code {code!r} (an ISO 3166 alpha-3 country, KOS, IGO, UNO, EUR, NGO, ... or a region)"
            raise ConfigError(Errors.E102.format(path=path, line=line, field=name, detail=detail))


def _report_user_name_clash(kb: KnowledgeBase, name: str, hits: list[NameHit]) -> None:
    """Two user entries naming different codes by the same name: reported (logged, in kb.problems), not merged."""
    users = [h for h in hits if h.user and h.actor.kind != "person"]
    codes = {h.actor.code for h in users}
    if len(codes) > 1:
        message = Errors.E501.format(name=name, first=users[0].actor.origin, second=users[1].actor.origin)
        LOGGER.warning("%s", message)
        kb.problems.append(message)


def _hit_rank(hit: NameHit) -> tuple[int, int, int]:
    how_rank = {"name": 0, "alias": 1, "capital": 2, "demonym": 3}.get(hit.how, 4)
    return (0 if hit.actor.user else 1, KIND_PRIORITY.index(hit.actor.kind), how_rank)


def _index_actor(kb: KnowledgeBase, actor: Actor) -> None:
    for text, how in _with_press_spellings(actor):
        hit = NameHit(actor, how, actor.user)
        if _needs_exact_case(text):
            kb.exact.setdefault(text, []).append(hit)
        else:
            kb.names.setdefault(name_key(text), []).append(hit)
        kb.max_name_words = max(kb.max_name_words, len(name_key(text).split()))
        _note_first_word(kb, text)


_QUOTES = str.maketrans({"’": "'", "‘": "'"})


def _with_press_spellings(actor: Actor) -> list[tuple[str, str]]:
    """An actor's names, each also spelled as the press often writes it: without accents ("Sao Paulo",
    "Michoacan", "Jose Mujica") and, for people, with spaces for hyphens ("Adil Abdul Mahdi" for Adil
    Abdul-Mahdi, "Fayez al Sarraj")."""
    names = list(actor.index_names())
    known = {name_key(text) for text, _ in names}
    variants: dict[str, tuple[str, str]] = {}
    for text, how in names:
        spellings = {_without_accents(text)}
        if actor.kind == "person" and "-" in text:
            spellings |= {text.replace("-", " "), _without_accents(text).replace("-", " ")}
        for spelling in spellings:
            key = name_key(spelling)
            if key not in known and key not in variants:
                variants[key] = (spelling, how)
    return names + list(variants.values())


def _near(words: list[str], known: list[str]) -> bool:
    """Two full names of as many words that differ at most by a slip in each long word: a word of five letters
    or more may differ by a letter or two (similarity 0.85 or more), a shorter one must be the same."""
    if words == known:
        return False  # the exact name is looked up, not guessed
    for word, other in zip(words, known):
        if word == other:
            continue
        if min(len(word), len(other)) < 5 or SequenceMatcher(None, word, other).ratio() < 0.85:
            return False
    return True


def _without_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _note_first_word(kb: KnowledgeBase, text: str) -> None:
    """Record the first word of a name or term (the scanner's word split: "Russia's" starts with "russia")."""
    words = split_words(normalise(text))
    if words and words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    if words:
        first = words[0].lower()
        # The tokenizer may split what split_words keeps whole ("France-Presse" -> "France", "-", "Presse"):
        # count every piece of punctuation as a word, an upper bound on the length to try.
        pieces = len(words) + sum(word.count("-") * 2 + word.count(".") for word in words)
        kb.first_words[first] = max(kb.first_words.get(first, 0), pieces)
        if "-" in first:  # and the tokenizer's first piece, where it splits the hyphens ("Hezb", "-", "e", ...)
            piece = first.split("-")[0]
            kb.first_words[piece] = max(kb.first_words.get(piece, 0), pieces)


def _needs_exact_case(text: str) -> bool:
    """Short all-capital names ("US", "UN", "CAR", "ICC") match only in capitals: "us" is a pronoun."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) <= 5 and all(c.isupper() for c in letters)


def build_knowledge_base(files: Iterable[Path], user_files: Iterable[Path], *, strict: bool = True) -> KnowledgeBase:
    """Read shipped `files` then `user_files` into a new KnowledgeBase (not cached)."""
    kb = KnowledgeBase()
    builder = _Builder()
    for path in files:
        for entry in read_entries(path, strict=True):
            builder.add(entry, user=False)
    known = builder.known_codes()
    for entry in builder.entries.values():  # a bad shipped line must not stop the product: report it
        try:
            check_codes(entry, known)
        except ConfigError as err:
            LOGGER.warning("%s", err)
            kb.problems.append(str(err))
    for path in user_files:
        for entry in read_entries(Path(path), strict=strict, problems=kb.problems):
            try:
                if isinstance(entry, Actor) and entry.kind == "country" and entry.code:
                    known.add(entry.code)
                check_codes(entry, known)
                builder.add(entry, user=True)
            except ConfigError as err:
                if strict:
                    raise
                LOGGER.warning("%s", err)
                kb.problems.append(str(err))
    return builder.build(kb)


@lru_cache(maxsize=8)
def _cached(user_files: tuple[str, ...], strict: bool, config_files: tuple[str, ...]) -> KnowledgeBase:
    kb = build_knowledge_base(shipped_files(), [Path(p) for p in config_files + user_files], strict=strict)
    kb.files = config_files + user_files
    LOGGER.debug("knowledge base: %d actors, %d role terms", len(kb.actors), len(kb.roles))
    return kb


def load_knowledge_base(user_files: Iterable[str | Path] = (), *, strict: bool = True) -> KnowledgeBase:
    """The shipped knowledge base plus the user's files, cached per set of files.

    Args:
        user_files (Iterable[str | Path]): extra JSONL files (`--actors FILE`); they win over shipped entries.
        strict (bool): raise ConfigError on a malformed line or a conflict; when False, skip the line, log a
            warning and record the message in `kb.problems`.

    RETURNS (KnowledgeBase): the loaded, indexed knowledge base (shared: do not modify it).
    """
    config_files = tuple(str(p) for p in user_config_files())
    return _cached(tuple(str(p) for p in user_files), strict, config_files)


__all__ = ["ACTOR_KINDS", "KnowledgeBase", "NameHit", "build_knowledge_base", "load_knowledge_base"]
