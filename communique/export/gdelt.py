"""The GDELT 2.0 event layout (61 tab-separated columns, codes as strings) and its mentions table (16 columns).

Columns follow the GDELT 2.0 Event Database codebook. What Communique has no value for stays empty:
actor ethnic and religion codes, tone, actor geography (only the action's place is known), ADM codes, and the
code columns of an unidentified actor or recipient (null code), whose name and type (sector) are still written.
`GLOBALEVENTID` is the event key read as a 60-bit integer, stable across exports. `ActionGeo_CountryCode` holds
the ISO 3166 alpha-2 code (GDELT uses FIPS 10-4 codes, which mostly but not always agree).
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from .source import ExportEvent, compact_timestamp

EVENT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

MENTION_COLUMNS = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip

#: Actor codes GDELT files under KnownGroupCode rather than CountryCode.
KNOWN_GROUPS = frozenset({"IGO", "NGO", "UNO", "EUR", "NGM", "MNC", "IMG", "ISM"})
#: GDELT ActionGeo_Type: 1 country, 4 world city, 5 world state / region.
GEO_TYPES = {"country": 1, "city": 4, "region": 5}


def global_event_id(event_key: str) -> str:
    return str(int(event_key[:15], 16))


def _actor_columns(event: ExportEvent, role: str) -> list[str]:
    """Actor1*/Actor2* (10 columns). An unidentified actor (null code: "gunmen") leaves the code columns
    (Code, CountryCode, KnownGroupCode) empty, as GDELT does, and keeps its name and sector (Type1Code)."""
    code, sector = event.row[f"{role}_code"] or "", event.row[f"{role}_sector"] or ""
    entity = event.actor(role)
    name = (entity.get("name") or entity.get("entity_text") or event.row[f"{role}_name"] or "").upper()
    if not code:
        return ["", name, "", "", "", "", "", sector, "", ""]
    country = code if len(code) == 3 and code not in KNOWN_GROUPS else ""
    group = code if code in KNOWN_GROUPS else ""
    return [code + sector, name, country, group, "", "", "", sector, "", ""]


def _action_geo(event: ExportEvent) -> list[str]:
    place = event.record.get("event_loc") or {}
    if not place:
        return [""] * 8
    country = place.get("country_code") or ""
    alpha2 = ""
    if country:
        import pycountry

        found = pycountry.countries.get(alpha_3=country) if len(country) == 3 else None
        alpha2 = found.alpha_2 if found else country
    return [
        str(GEO_TYPES.get(place.get("feature") or "", "")), place.get("name") or "", alpha2, "", "",
        _number(place.get("lat")), _number(place.get("lon")), "",
    ]  # fmt: skip


def _number(value: Any) -> str:
    return "" if value is None else f"{float(value):.4f}".rstrip("0").rstrip(".")


def event_line(event: ExportEvent) -> list[str]:
    """The 61 GDELT fields of one event, as strings."""
    row, day = event.row, event.when
    cameo = row["cameo"] or ""
    sentence = (event.record.get("text_info") or {}).get("sentence")
    fraction = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else ""
    return [
        global_event_id(row["event_key"]),
        day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "", str(day.year) if day else "",
        fraction, *_actor_columns(event, "actor"), *_actor_columns(event, "recipient"),
        "1" if sentence == 0 else "0", cameo, cameo[:3], cameo[:2],
        "" if row["quad_code"] is None else str(row["quad_code"]),
        "" if row["goldstein"] is None else f"{row['goldstein']:g}",
        str(row["num_mentions"]), str(row["num_sources"]), str(row["num_articles"]), "",
        *([""] * 16), *_action_geo(event),
        compact_timestamp(row["added_at"]), event.article.get("url") or "",
    ]  # fmt: skip


def mention_line(mention: dict[str, Any], added: dict[str, Any]) -> list[str]:
    """The 16 GDELT mention fields of one mention."""
    import json

    record = json.loads(mention["record"])
    actor = (record.get("actor") or [{}])[0]
    recipient = (record.get("recipient") or [{}])[0]
    return [
        global_event_id(mention["event_key"]), compact_timestamp(added.get(mention["event_key"])),
        compact_timestamp(mention["pub_date"] or mention["ingested_at"]), "1", mention["source"] or "",
        mention["url"] or mention["doc_id"], str(mention["sentence"] + 1),
        str(actor.get("start", -1)), str(recipient.get("start", -1)), str(mention["start"]), "1",
        str(round(100 * (mention["confidence"] or 0))), str(mention["doc_length"]), "", "", "",
    ]  # fmt: skip


def write_tsv(stream: TextIO, header: Iterable[str] | None, lines: Iterable[list[str]]) -> int:
    writer = csv.writer(stream, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    if header is not None:
        writer.writerow(list(header))
    n = 0
    for line in lines:
        writer.writerow([value.replace("\t", " ").replace("\n", " ") for value in line])
        n += 1
    return n
