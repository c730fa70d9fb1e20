"""The ICEWS coded-event layout: 20 tab-separated columns with ICEWS's header names.

Names are as ICEWS writes them: `Source Name` the actor's name, `Source Sectors` its sector in words,
`Source Country` the country's name; `Event Text` is the CAMEO code's name, `Intensity` its Goldstein weight;
`Story ID` is our document id and `Sentence Number` counts from 1. Place columns come from the event location.
"""
from __future__ import annotations

from functools import lru_cache

from ..ontology import load_ontology
from .source import ExportEvent

COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip

SECTOR_NAMES = {
    "GOV": "Government", "MIL": "Military", "COP": "Police", "JUD": "Judicial", "LEG": "Legislative",
    "PTY": "Political Parties", "REB": "Rebels", "SPY": "Intelligence", "PRM": "Paramilitary",
    "UAF": "Unidentified Armed Forces", "UNK": "Unknown", "BUS": "Business", "CRM": "Criminal",
    "CVL": "Civilians", "EDU": "Education", "ELI": "Elites", "JRN": "Media", "LAB": "Labor", "MED": "Medical",
    "REF": "Refugees", "OPP": "Opposition", "PRE": "Previous Government", "REL": "Religious", "SOC": "Social",
    "AGR": "Agricultural",
}  # fmt: skip
GROUP_NAMES = {"IGO": "International Organization", "UNO": "United Nations", "EUR": "European Union",
               "NGO": "Non-Governmental Organization", "MNC": "Multinational Corporation",
               "ISM": "Insurgents", "IMG": "International Militarized Group", "KOS": "Kosovo"}  # fmt: skip


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str:
    if not code:
        return ""
    if code in GROUP_NAMES:
        return GROUP_NAMES[code]
    import pycountry

    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    return getattr(found, "common_name", None) or (found.name if found else code)


def _side(event: ExportEvent, role: str) -> list[str]:
    """Name, Sectors, Country. An unidentified actor (null code) has an empty country, its name and sector kept."""
    code = event.row[f"{role}_code"] or ""
    entity = event.actor(role)
    name = entity.get("name") or entity.get("entity_text") or event.row[f"{role}_name"] or country_name(code)
    sector = event.row[f"{role}_sector"] or ""
    return [name or "", SECTOR_NAMES.get(sector, sector), country_name(code)]


def event_line(event: ExportEvent) -> list[str]:
    """The 20 ICEWS fields of one event, as strings."""
    row, day = event.row, event.when
    entry = load_ontology().get(row["cameo"] or "")
    place = event.record.get("event_loc") or {}
    feature = place.get("feature")
    sentence = (event.record.get("text_info") or {}).get("sentence")
    return [
        row["event_key"], day.isoformat() if day else "", *_side(event, "actor"),
        entry.name if entry else "", row["cameo"] or "",
        "" if row["goldstein"] is None else f"{row['goldstein']:g}", *_side(event, "recipient"),
        event.article.get("doc_id") or "", "" if sentence is None else str(sentence + 1),
        event.article.get("source") or "",
        place.get("name") if feature == "city" else "", "", place.get("name") if feature == "region" else "",
        country_name(place.get("country_code")) if place else "",
        "" if place.get("lat") is None else str(place["lat"]), "" if place.get("lon") is None else str(place["lon"]),
    ]  # fmt: skip
