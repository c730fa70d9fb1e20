"""Resolve one actor phrase ("the Chinese ambassador to France", "Mexican legislators") to code and sector.

Pure functions over a list of words: `resolve_words()` is what the spaCy component calls for each mention,
`resolve_phrase()` the same for a plain string (the CLI, the events stage). The most specific reading wins:
a known person or group named at the head, then a title or group noun with its owner (a country, organisation
or group before the head, or in an "of/for/from/in" phrase after it: never in a "to" phrase, which names the
target), then a bare country, capital, demonym, organisation or region.
"""
from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from .entries import Actor, Office
from .knowledge import KnowledgeBase, NameHit, load_knowledge_base
from .text import join_words, split_words

PRONOUNS = {
    "he": ("m", False), "him": ("m", False), "his": ("m", False), "himself": ("m", False),
    "she": ("f", False), "her": ("f", False), "hers": ("f", False), "herself": ("f", False),
    "it": ("n", False), "its": ("n", False), "itself": ("n", False),
    "they": (None, True), "them": (None, True), "their": (None, True), "themselves": (None, True),
}  # fmt: skip
ANAPHORS = {"latter", "former"}
OWNER_PREPOSITIONS = {"of", "for", "from", "in", "at"}
BOUNDARIES = {"of", "for", "to", "from", "in", "at", "with", "on", "over", "against", "by", "under", "between",
              "near", "after", "during", "who", "which", "that", ",", "(", ";", ":", "and", "or", "as"}  # fmt: skip
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "some", "many", "several", "both", "all", "other",
               "two", "three", "four", "five", "its", "his", "her", "their", "our", "any", "each", "another"}  # fmt: skip


@dataclass
class Resolution:
    """What a phrase resolves to, and why.

    code (str | None): ISO alpha-3, organisation code or CAMEO region; None when unresolved.
    sector (str | None): PLOVER sector. name: canonical name. entry: the knowledge-base entry or rule used.
    kind: mention kind (name, pronoun, description, metonym, demonym, role, region).
    refers: what the head noun stands for (person, group, institution, country) for coreference.
    """

    code: str | None = None
    sector: str | None = None
    name: str | None = None
    entry: str | None = None
    explain: str = "nothing in the knowledge base matches"
    kind: str = "name"
    actor_kind: str | None = None
    refers: str | None = None
    regional: bool = False
    plural: bool = False
    gender: str | None = None
    role_id: str | None = None
    office: str | None = None  # a person's office at the date ("President"), for descriptions
    actor: Actor | None = field(default=None, repr=False)
    # For "the Chinese and Ukrainian leaders": (start, end, reading) of each coordinated owner, word indices.
    parts: list = field(default_factory=list, repr=False)

    @property
    def resolved(self) -> bool:
        return self.code is not None

    def to_dict(self) -> dict:
        return {"code": self.code, "sector": self.sector, "name": self.name, "entry": self.entry,
                "kind": self.kind, "regional": self.regional, "explain": self.explain}  # fmt: skip


@dataclass
class Match:
    """A knowledge-base match over words[start:end]: names (hits), a role term or a modifier."""

    start: int
    end: int
    text: str
    hits: list[NameHit] = field(default_factory=list)
    role: object | None = None
    modifier: object | None = None


# --- scanning --------------------------------------------------------------------------------------------
def scan_words(words: Sequence[str], kb: KnowledgeBase) -> list[Match]:
    """Longest knowledge-base matches left to right (names, role terms, modifiers), not overlapping."""
    matches: list[Match] = []
    i = 0
    while i < len(words):
        match = _longest_at(words, i, kb)
        if match is None:
            i += 1
            continue
        matches.append(match)
        i = match.end
    return matches


def _longest_at(words: Sequence[str], i: int, kb: KnowledgeBase) -> Match | None:
    if words[i].lower() in DETERMINERS:
        return None
    longest = min(kb.longest_from(words[i]), len(words) - i)
    for n in range(longest, 0, -1):
        text = join_words(list(words[i : i + n]))
        # a name starts with a capital, or with a compass word the press writes in lower case ("eastern Congo")
        hits = kb.lookup(text) if _capitalised(words[i]) or (n > 1 and words[i].lower() in _COMPASS) else []
        if n == 1 and opens_longer_name(words, i + 1):
            # "the Commission on Presidential Debates", "the Commission for Human Rights": a longer name that
            # only starts like a one-word alias of an organisation ("the Commission": the EU's)
            hits = [h for h in hits if h.actor.kind != "organisation"]
        role = kb.role(text)
        if hits and (not role or text[:1].isupper()):
            return Match(i, i + n, text, hits=hits)
        if role:
            return Match(i, i + n, text, role=role)
        if n == 1 and kb.modifier(text):
            return Match(i, i + 1, text, modifier=kb.modifier(text))
    return None


_COMPASS = {"eastern", "western", "northern", "southern", "northeastern", "northwestern", "southeastern",
            "southwestern", "east", "west", "north", "south"}


def opens_longer_name(words: Sequence[str], i: int) -> bool:
    """Whether the words from `i` continue a name: "on", "for" or "of" and a capitalised word."""
    return i + 1 < len(words) and words[i].lower() in ("on", "for", "of") and words[i + 1][:1].isupper()


def _capitalised(word: str) -> bool:
    """Names are written with a capital ("Male" the capital, not "male"; "Poles", not "poles"), allowing the
    Arabic article ("al-Shabaab") and digits ("G7")."""
    return word[:1].isupper() or word[:1].isdigit() or word.lower().startswith(("al-", "el-", "ad-", "ash-"))


def find_head(words: Sequence[str]) -> int:
    """The head of a phrase given as text: the last word before the first preposition, comma or clause."""
    end = len(words)
    for index, word in enumerate(words):
        if index > 0 and word.lower() in BOUNDARIES and not word.isupper():  # "WHO" is a name, "who" is not
            end = index
            break
    for index in range(end - 1, -1, -1):
        if any(c.isalnum() for c in words[index]) and words[index] not in ("'s", "’s"):
            return index
    return max(0, end - 1)


# --- people and groups at a date ----------------------------------------------------------------------------
def office_at(actor: Actor, when: datetime.date) -> tuple[str | None, str | None, str]:
    """Code, sector and a note for an actor with dated roles, as of `when`.

    A role covering the date wins (GOV before others, then the latest begun). After the last role ended: that
    role's country with sector ELI (a former official). Before the first role: the first role's country, with
    the sector of the entry's "before" field if given, else ELI (someone notable enough to be listed).
    Groups keep their first or last role's sector outside the dated roles.
    """
    if not actor.offices:
        return actor.code, actor.sector, "no dated roles"
    covering = [o for o in actor.offices if o.covers(when)]
    if covering:
        best = max(covering, key=lambda o: (o.sector == "GOV", o.start or datetime.date.min))
        return best.code, best.sector, f"{_office_name(best)} on {when.isoformat()}"
    ended = [o for o in actor.offices if o.end and o.end < when]
    if ended:
        last = max(ended, key=lambda o: o.end)
        sector = last.sector if actor.kind == "group" else "ELI"
        return last.code, sector, f"former {_office_name(last)} (until {last.end.isoformat()})"
    first = min(actor.offices, key=lambda o: o.start or datetime.date.max)
    code, sector = (actor.before or (None, None))
    sector = sector or (first.sector if actor.kind == "group" else "ELI")
    return code or first.code, sector, f"before {_office_name(first)} (from {first.start})"


def _current_office(actor: Actor, when: datetime.date) -> str | None:
    """The name of the office an actor holds at `when` (GOV first), or None."""
    covering = [o for o in actor.offices if o.covers(when) and o.office]
    if not covering:
        return None
    return max(covering, key=lambda o: (o.sector == "GOV", o.start or datetime.date.min)).office


def _office_name(office: Office) -> str:
    return f"{office.office or 'role'} {office.code}{'/' + office.org if office.org else ''}"


def resolve_actor(actor: Actor, how: str, when: datetime.date, text: str = "") -> Resolution:
    """The resolution of a knowledge-base actor named in the text (as `text`), as of `when`.

    A capital is a metonym for the country's government (GOV), as is a country's name or adjective; a plural
    demonym ("Russians", "Palestinians") names the people (CVL).
    """
    code, sector, note = office_at(actor, when) if actor.offices else (actor.code, actor.sector, "")
    office = _current_office(actor, when)
    kind = {"capital": "metonym", "demonym": "demonym"}.get(how, "region" if actor.regional else "name")
    plural = actor.plural
    if actor.kind == "country" and how == "demonym" and _is_plural_demonym(actor, text):
        sector, plural = "CVL", True
    entry = f"kb:{actor.kind}:{actor.id}" + (f":{how}" if how in ("capital", "demonym") else "")
    explain = f"{actor.name} ({actor.kind}, {actor.origin.rsplit('/', 1)[-1]})" + (f": {note}" if note else "")
    return Resolution(code, sector, actor.name, entry, explain, kind, actor_kind=actor.kind, refers=_refers(actor),
                      regional=actor.regional, plural=plural, gender=actor.gender, office=office,
                      actor=actor)  # fmt: skip


def _is_plural_demonym(actor: Actor, text: str) -> bool:
    return text.endswith("s") and text[:-1] in actor.demonyms


def _refers(actor: Actor) -> str:
    return {"person": "person", "country": "country", "polity": "country", "region": "country", "place": "place"}.get(
        actor.kind, "group")


def _best_hit(hits: list[NameHit], when: datetime.date) -> NameHit | None:
    """The first hit, unless several people share the name: then only one in office at the date may win."""
    users = {h.actor.code for h in hits if h.user and h.actor.kind != "person"}
    if len(users) > 1:
        return None  # two user entries disagree (reported as E501 when loading): ambiguous
    people, active = _people_in_office(hits, when)
    if len(people) <= 1:
        return hits[0] if hits else None
    return active[0] if len(active) == 1 else None


def _people_in_office(hits: list[NameHit], when: datetime.date) -> tuple[list[NameHit], list[NameHit]]:
    """The people among the hits, and those of them holding an office at the date."""
    people = [h for h in hits if h.actor.kind == "person"]
    return people, [h for h in people if any(o.covers(when) for o in h.actor.offices)]


# --- phrases ---------------------------------------------------------------------------------------------
def resolve_words(
    words: Sequence[str],
    *,
    head: int | None = None,
    date: datetime.date | None = None,
    kb: KnowledgeBase | None = None,
) -> Resolution:
    """Resolve a phrase given as words (spaCy tokens or `split_words` output).

    Args:
        words (Sequence[str]): the phrase, possessive 's as its own word.
        head (int | None): index of the syntactic head; found from the words when None.
        date (datetime.date | None): the document's date, for people's offices; today when None.
        kb (KnowledgeBase | None): defaults to the shipped knowledge base.

    RETURNS (Resolution): the reading; `code` None when nothing resolves.
    """
    words = list(words)
    if not words:
        return Resolution()
    head = find_head(words) if head is None else head
    lowered = words[head].lower()
    if lowered in PRONOUNS or (lowered in ANAPHORS and head > 0 and words[head - 1].lower() == "the"):
        return _pronoun(lowered)
    kb = kb or load_knowledge_base()
    when = date or datetime.date.today()
    matches = scan_words(words, kb)
    return _resolve_matches(words, head, matches, when, kb)


def _pronoun(word: str) -> Resolution:
    gender, plural = PRONOUNS.get(word, (None, False))
    return Resolution(kind="pronoun", refers="person" if gender in ("m", "f") else None, plural=plural,
                      gender=gender, explain=f"'{word}' refers to an earlier mention")  # fmt: skip


def _match_at(matches: list[Match], index: int) -> Match | None:
    return next((m for m in matches if m.start <= index < m.end), None)


def _resolve_matches(words: list[str], head: int, matches: list[Match], when, kb: KnowledgeBase) -> Resolution:
    at_head = _match_at(matches, head)
    former = any(m.modifier and m.end <= head for m in matches)
    if at_head is not None and at_head.hits:
        result = _resolve_named_head(words, head, at_head, matches, when, kb)
    elif at_head is not None and at_head.role is not None:
        result = _resolve_role(words, head, at_head, matches, when, kb)
    else:
        named = _name_ending_at(words, head, kb)
        if named is not None:
            result = _resolve_named_head(words, head, named, matches, when, kb)
        else:
            result = _resolve_unknown_head(words, head, matches, when, kb)
    if former and result.sector and result.sector != "ELI" and _former_applies(result):
        result = replace(result, sector="ELI", explain=result.explain + "; 'former' -> ELI")
    return result


def _shared_reading(match: Match, when: datetime.date) -> Resolution:
    """A name several people share ("Bush", "Castro") with no one of them alone in office at the date: the
    common country and sector of those in office (or of all, when none is) when they agree (both Bushes are USA
    ELI today), without saying which person; otherwise ambiguous, unresolved."""
    people, active = _people_in_office(match.hits, when)
    readings = [resolve_actor(h.actor, h.how, when, match.text) for h in (active or people)]
    codes = {(r.code, r.sector) for r in readings}
    if len(readings) < 2 or len(codes) != 1 or None in next(iter(codes)):
        return Resolution(kind="name", explain=f"'{match.text}' names several people: ambiguous")
    names = " or ".join(r.name for r in readings)
    return replace(readings[0], name=None, actor=None, office=None, gender=_shared(r.gender for r in readings),
                   entry="kb:people:" + "|".join(h.actor.id for h in (active or people)),
                   explain=f"'{match.text}' names {names}, all {readings[0].code} {readings[0].sector} on {when}")


def _shared(values) -> str | None:
    values = set(values)
    return values.pop() if len(values) == 1 else None


def _former_applies(result: Resolution) -> bool:
    """ "former" makes a person (named or by title) or a group of people ELI; not an institution or country."""
    return result.actor_kind == "person" or result.refers in ("person", "group")


def _name_ending_at(words: list[str], head: int, kb: KnowledgeBase) -> Match | None:
    """A person, group or organisation name ending at the head that the greedy scan missed because a longer
    alias started earlier ("President Xi" + "Jinping" in "Chinese President Xi Jinping")."""
    for start in range(max(0, head + 1 - kb.max_name_words), head + 1):
        if kb.longest_from(words[start]) < head + 1 - start:
            continue
        text = join_words(words[start : head + 1])
        hits = [h for h in kb.lookup(text) if h.actor.kind in ("person", "group", "organisation")]
        if start == head and opens_longer_name(words, head + 1):  # "the Commission on Presidential Debates"
            hits = [h for h in hits if h.actor.kind != "organisation"]
        if hits and words[start][:1].isupper():
            return Match(start, head + 1, text, hits=hits)
    return None


def _resolve_named_head(words, head, match: Match, matches, when, kb) -> Resolution:
    hit = _best_hit(match.hits, when)
    if hit is None:
        return _shared_reading(match, when)
    result = resolve_actor(hit.actor, hit.how, when, match.text)
    if result.actor_kind == "group" and result.sector == "PTY":
        owner = _owner_before(matches, match.start, when, words, kb)
        if owner is not None and owner.actor_kind == "country" and owner.code != result.code:
            # Party names recur across countries: "South Korea's Democratic Party" is not the US one.
            return replace(owner, sector="PTY", name=None, kind="role", entry=f"role:party+{owner.entry}",
                           explain=f"party named for {owner.name}; {owner.explain}")  # fmt: skip
    if result.actor_kind == "person" and result.sector in (None, "ELI"):
        return _prefer_title(result, _title_reading(words, head, matches, when, kb), matches)
    return result


def _prefer_title(person: Resolution, titled: Resolution, matches: list[Match]) -> Resolution:
    """A listed person out of office at the date but given a title in the text ("Pentagon press secretary John
    Kirby", "Chancellor Angela Merkel" in a look back): the text's title gives the sector, the owner the code."""
    if any(m.modifier for m in matches) or not titled.sector or titled.sector == "ELI":
        return person
    return replace(person, code=titled.code or person.code, sector=titled.sector, entry=f"{person.entry}+{titled.entry}",
                   explain=f"{person.explain}; the text's title: {titled.explain}")  # fmt: skip


def _resolve_role(words, head, match: Match, matches, when, kb) -> Resolution:
    """A title or group noun at the head: its sector, and the code of its owner."""
    role = match.role
    coordinated = _coordinated_owners(words, matches, match.start, when)
    if coordinated:
        return _resolve_coordinated(words, head, match, coordinated)
    owner = _owner_before(matches, match.start, when, words, kb) or _owner_after(words, match.end, when, kb)
    sector = _qualified_sector(role, _qualifier(matches, match), owner)
    plural = _looks_plural(words[head], match.text)
    definite = words[0].lower() in ("the", "this", "that")
    kind = "description" if definite and not plural and (owner is None or role.refers == "person") else "role"
    base = Resolution(sector=sector, kind=kind, refers=role.refers, plural=plural, role_id=role.id,
                      entry=f"{'title' if role.refers == 'person' else 'role'}:{match.text.lower()}",
                      explain=f"'{match.text}' -> {sector} ({role.origin.rsplit('/', 1)[-1]})")  # fmt: skip
    if owner is None:
        if role.code:
            return replace(base, code=role.code, kind="role", explain=base.explain + f"; code {role.code}")
        return replace(base, explain=base.explain + "; no country or organisation named")
    return _with_owner(base, owner, sector)


# Titles that say only "someone who speaks for / heads it": they take the sector of the body they belong to
# ("army spokesman" MIL, "police chief" COP, "rebel commander" REB, "the head of Iran's judiciary" JUD).
GENERIC_TITLES = {"official", "spokesperson", "head-of-state", "military", "former"}


def _qualifier(matches: list[Match], title: Match) -> Match | None:
    """A group or institution noun right before a title ("army" in "army spokesman")."""
    before = [m for m in matches if m.end == title.start and m.role is not None]
    return before[0] if before and before[0].role.refers in ("group", "institution") else None


def _qualified_sector(role, qualifier: Match | None, owner: Resolution | None) -> str:
    if role.id not in GENERIC_TITLES:
        return role.sector
    if qualifier is not None and qualifier.role.id != "government":
        return qualifier.role.sector
    if owner is not None and owner.role_id and owner.role_id not in ("government", "country") and owner.sector:
        return owner.sector
    return role.sector


def _coordinated_owners(words, matches: list[Match], before: int, when) -> list[tuple[int, int, Resolution]]:
    """Two or more owners joined by and/or before the head ("the Chinese and Ukrainian leaders")."""
    owners = [m for m in matches if m.end <= before and m.hits]
    if len(owners) < 2:
        return []
    joined = all(any(w.lower() in ("and", "or", ",", "&") for w in words[a.end : b.start])
                 for a, b in pairwise(owners))  # fmt: skip
    if not joined:
        return []
    parts = []
    for match in owners:
        reading = _owner_reading(match, when)
        if reading is not None:
            parts.append((match.start, match.end, reading))
    return parts if len(parts) >= 2 else []


def _resolve_coordinated(words, head, match: Match, parts) -> Resolution:
    """The phrase as a whole has no single code; each owner becomes its own reading with the role's sector."""
    role = match.role
    readings = []
    for start, end, owner in parts:
        base = Resolution(sector=role.sector, kind="role", refers=role.refers, role_id=role.id,
                          entry=f"{'title' if role.refers == 'person' else 'role'}:{match.text.lower()}",
                          explain=f"'{match.text}' -> {role.sector}")  # fmt: skip
        readings.append((start, end, _with_owner(base, owner, role.sector)))
    names = " and ".join(r.name or r.code for _, _, r in readings)
    return Resolution(sector=role.sector, kind="role", refers=role.refers, plural=True, role_id=role.id,
                      explain=f"coordinated owners ({names}): one reading each", parts=readings)  # fmt: skip


def _with_owner(base: Resolution, owner: Resolution, role_sector: str) -> Resolution:
    sector = role_sector
    if owner.actor_kind == "group" and role_sector == "GOV":
        sector = owner.sector
    if owner.regional:
        base = replace(base, kind="region")
    if base.refers == "country" and owner.actor_kind == "country":
        return replace(owner, kind="name" if owner.kind != "metonym" else owner.kind, plural=base.plural,
                       explain=f"{owner.explain}; {base.explain}")  # fmt: skip
    return replace(base, code=owner.code, sector=sector, name=owner.name if base.refers != "person" else None,
                   regional=owner.regional, explain=f"{base.explain}; {owner.explain}",
                   entry=f"{base.entry}+{owner.entry}")  # fmt: skip


def _owner_before(matches: list[Match], before: int, when, words: Sequence[str] = (), kb: KnowledgeBase | None = None
                  ) -> Resolution | None:  # fmt: skip
    """The nearest country, organisation, group or person named before the head ("Russian", "Russia's"), skipping
    backers and causes ("Iran-backed", "pro-Taliban": the `words` lists backer-suffixes and supporter-prefixes)."""
    backers = kb.word_list("backer-suffixes") if kb is not None else frozenset()
    causes = kb.word_list("supporter-prefixes") if kb is not None else frozenset()
    for match in reversed([m for m in matches if m.end <= before and m.hits]):
        if _hyphened_after(words, match.end, backers) or _hyphened_before(words, match.start, causes):
            continue  # "Pakistani pro-Taliban newspapers" are Pakistani; "Iran-backed militias" not Iran's
        reading = _owner_reading(match, when)
        if reading is not None:
            return reading
    return None


def _owner_reading(match: Match, when) -> Resolution | None:
    """The reading of a name that owns a head: its actor's, or what the people sharing it share ("the Assad
    regime" is Syria's, whichever Assad); None when it stays ambiguous."""
    hit = _best_hit(match.hits, when)
    if hit is not None:
        return resolve_actor(hit.actor, hit.how, when, match.text)
    shared = _shared_reading(match, when)
    return shared if shared.resolved else None


def _hyphened_after(words: Sequence[str], end: int, suffixes: frozenset[str]) -> bool:
    """Whether the name ending at `end` is followed by "-backed" or the like (one word or two tokens)."""
    rest = [w.lower() for w in words[end : end + 2]]
    return (len(rest) == 2 and rest[0] == "-" and rest[1] in suffixes) or (
        bool(rest) and rest[0].startswith("-") and rest[0][1:] in suffixes)


def _hyphened_before(words: Sequence[str], start: int, prefixes: frozenset[str]) -> bool:
    """Whether the name starting at `start` follows "pro-", "anti-" or the like ("pro-Russian separatists")."""
    before = [w.lower() for w in words[max(0, start - 2) : start]]
    return (len(before) == 2 and before[1] == "-" and before[0] in prefixes) or (
        bool(before) and before[-1].endswith("-") and before[-1][:-1] in prefixes)


def _owner_after(words: list[str], start: int, when, kb) -> Resolution | None:
    """The owner in an of/for/from/in phrase after the head: "ambassador of France", "the spokesperson for
    Russia's foreign ministry". A "to" phrase names the target ("ambassador to France") and is skipped."""
    if start >= len(words) or words[start].lower() not in OWNER_PREPOSITIONS:
        return None
    rest = words[start + 1 :]
    stop = next((i for i, w in enumerate(rest) if w in (",", "(", ";") or w.lower() in ("who", "which")), len(rest))
    inner = resolve_words(rest[:stop], date=when, kb=kb)
    return inner if inner.code else None


def _resolve_unknown_head(words, head, matches, when, kb) -> Resolution:
    """A head the knowledge base does not know: a known person's name misspelt, else a title before it gives a
    person's country and sector."""
    misspelt = _misspelt_person(words, head, matches, when, kb)
    if misspelt is not None:
        return misspelt
    titled = _title_reading(words, head, matches, when, kb)
    if titled.resolved or titled.sector:
        return titled
    return Resolution(kind="name", explain=f"'{join_words(words)}': unknown name, left unresolved")


def _misspelt_person(words, head, matches, when, kb) -> Resolution | None:
    """A run of capitalised words ending at the head, after any title, that spells a known person's full name
    with a slip ("Ranil Wickremesinge"); see `KnowledgeBase.similar_person`."""
    start = head
    taken = {i for m in matches for i in range(m.start, m.end)}
    while start > 0 and words[start - 1][:1].isupper() and start - 1 not in taken:
        start -= 1
    if head - start < 1 or not all(w[:1].isupper() for w in words[start : head + 1]):
        return None
    text = join_words(words[start : head + 1])
    actor = kb.similar_person(text)
    if actor is None:
        return None
    result = resolve_actor(actor, "name", when, text)
    return replace(result, entry=f"{result.entry}+spelling",
                   explain=f"'{text}' spells {actor.name} with a slip; {result.explain}")


def _title_reading(words, head, matches, when, kb) -> Resolution:
    roles = [m for m in matches if m.role is not None and m.end <= head + 1]
    if not roles or not words[head][:1].isupper():
        return Resolution()
    title = roles[-1]
    owner = _owner_before(matches, title.start, when, words, kb) or _owner_between(matches, title, head, when)
    owner = owner or _owner_after(words, head + 1, when, kb)
    sector = _qualified_sector(title.role, _qualifier(matches, title), owner)
    base = Resolution(sector=sector, kind="name", refers="person", entry=f"title:{title.text.lower()}",
                      role_id=title.role.id, explain=f"title '{title.text}' -> {sector}")  # fmt: skip
    if owner is None:
        return replace(base, explain=base.explain + "; no country named")
    return replace(_with_owner(base, owner, sector), kind="name", refers="person")


def _owner_between(matches, title: Match, head: int, when) -> Resolution | None:
    for match in [m for m in matches if title.end <= m.start and m.end <= head and m.hits]:
        hit = _best_hit(match.hits, when)
        if hit is not None and hit.actor.kind != "person":
            return resolve_actor(hit.actor, hit.how, when, match.text)
    return None


_SINGULAR_S = {"police", "press", "congress", "news", "status", "media", "series", "analysis", "chess", "class"}


def _looks_plural(word: str, term: str) -> bool:
    lowered = word.lower()
    if lowered in ("police", "people", "media", "military", "clergy", "public", "crowd", "militia", "personnel"):
        return lowered in ("police", "people", "personnel", "clergy")
    return lowered.endswith("s") and lowered not in _SINGULAR_S and not lowered.endswith("ss")


def resolve_phrase(
    text: str,
    *,
    context: str | None = None,
    date: datetime.date | None = None,
    kb: KnowledgeBase | None = None,
) -> Resolution:
    """Resolve an actor phrase given as text, e.g. "the Chinese ambassador to France" -> CHN GOV.

    Args:
        text (str): the phrase.
        context (str | None): surrounding text; a phrase that does not resolve by itself (a pronoun, "the
            country", "the foreign minister") takes the nearest compatible actor named in the context.
        date (datetime.date | None): the document's date (people's offices); today when None.
        kb (KnowledgeBase | None): defaults to the shipped knowledge base plus the user's folder.

    RETURNS (Resolution): code, sector, name, entry and an `explain` text.
    """
    kb = kb or load_knowledge_base()
    words = split_words(text)
    result = _resolve_apposition(words, date, kb) if "," in words else None
    result = result or resolve_words(words, date=date, kb=kb)
    if context and not result.resolved:
        from .coref import resolve_from_context

        result = resolve_from_context(result, context, date=date, kb=kb)
    return result


def _resolve_apposition(words: list[str], date, kb) -> Resolution | None:
    """ "The spokesperson for Russia's foreign ministry, Maria Zakharova": a known person in either part wins,
    else the part that resolves."""
    comma = words.index(",")
    left, right = words[:comma], [w for w in words[comma + 1 :] if w != ","]
    readings = [resolve_words(part, date=date, kb=kb) for part in (left, right) if part]
    for reading in readings:
        if reading.actor_kind == "person" and reading.resolved:
            return reading
    for reading in readings:
        if reading.resolved:
            return reading
    return None
