"""Build communique/data/actors/countries.jsonl from pycountry plus the hand-curated scripts/data/country_extras.tsv.

Run from the repository root after changing either source:

    .venv/bin/python scripts/build_actor_countries.py

Every ISO 3166-1 country becomes one `{"kind": "country", ...}` line with its names (official, short, common and
former), demonyms and capitals. Names with a comma ("Korea, Republic of") are pycountry's sort forms, not names
anyone writes, and are skipped. Codes the extras add that ISO lacks (KOS) become entries of their own.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
EXTRAS = ROOT / "scripts" / "data" / "country_extras.tsv"
OUTPUT = ROOT / "communique" / "data" / "actors" / "countries.jsonl"
LOGGER = logging.getLogger("build_actor_countries")


def read_extras(path: Path) -> dict[str, dict[str, list[str]]]:
    """The curated columns by code; a code listed twice has its lists concatenated."""
    extras: dict[str, dict[str, list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + ["", "", ""])[:4]
        entry = extras.setdefault(cells[0].strip(), {"demonyms": [], "capitals": [], "names": []})
        for key, cell in zip(("demonyms", "capitals", "names"), cells[1:]):
            entry[key].extend(item.strip() for item in cell.split(";") if item.strip())
    return extras


def unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [item for item in items if not (item in seen or seen.add(item))]


def pycountry_names(country) -> list[str]:
    names = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
    plain = [name for name in names if name and "," not in name]
    return plain or [country.name]


def build_entry(code: str, country, extra: dict[str, list[str]]) -> dict:
    # "-Congo" in the extras takes a name away (pycountry's "Congo" is the Republic of the Congo's; the press's
    # bare "Congo" is the DR Congo)
    removed = {name[1:] for name in extra.get("names", []) if name.startswith("-")}
    added = [name for name in extra.get("names", []) if not name.startswith("-")]
    names = [n for n in unique(added + (pycountry_names(country) if country else [])) if n not in removed]
    return {
        "kind": "country",
        "id": code,
        "code": code,
        "name": names[0],
        "names": names,
        "demonyms": unique(extra.get("demonyms", [])),
        "capitals": unique(extra.get("capitals", [])),
    }


def build() -> list[dict]:
    extras = read_extras(EXTRAS)
    entries = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        entries.append(build_entry(country.alpha_3, country, extras.get(country.alpha_3, {})))
    iso = {c.alpha_3 for c in pycountry.countries}
    for code in sorted(set(extras) - iso):
        entries.append(build_entry(code, None, extras[code]))
    return entries


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    entries = build()
    with OUTPUT.open("w", encoding="utf-8") as handle:
        for entry in entries:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    LOGGER.info("wrote %d countries to %s", len(entries), OUTPUT)


if __name__ == "__main__":
    main()
