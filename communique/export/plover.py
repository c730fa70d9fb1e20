"""PLOVER JSON Lines: one record per stored event, with the field names of the PLOVER data specification.

The PLOVER manual (OEDA, "Data Fields", draft 0.8) names the record fields; we write these:

- `id` (required): the event key, unique in the database.
- `date` (required): YYYY-MM-DD. An event dated only to a month or a year gets its first day, and
  `date_precision` (ours: day, month or year) says so; an event with no date of its own gets its first
  article's publication date, and a null `date_precision`.
- `source` (required) and `recipient`: lists of actor objects `{code, sector, actor_text, identifier_text}`
  (`identifier_text`: the knowledge base's name for the actor). A record is one actor-recipient pair (a
  compound sentence gives several records, as the manual allows), so each list holds one actor, or none when
  the event has no recipient. An unidentified actor ("gunmen") has `"code": null` and keeps sector and text.
- `event` (required), `mode`, `context`: lists. The manual's special context `historical` is added to
  `context` for background events.
- `quad_code`; `event_scale`: the PLOVER conflict-cooperation score of the event type.
- `event_loc`: a location object with the geonames field names the manual adopts: `name`, `latitude`,
  `longitude`, `country code` (ISO 3166 alpha-2), `cc3` (alpha-3) and `feature class` (P city, A country).
- `text`: the reporting sentence (of the first article that reports the event); `text_info`:
  `{sequence, start, end}` (the sentence's index and character offsets in that article).
- `cite_info`: `{citation, url, title, language, publication}` of that article (`citation` is our document id,
  `publication` the publisher).
- `coder` (the coder version), `coded_date` (YYYY-MM-DD) and `coded_time` (ISO 8601, UTC).

Fields of our own, as the manual allows ("providers should feel free to include named fields"): `date_precision`,
`cameo`, `goldstein`, GDELT-style `num_mentions`, `num_sources` and `num_articles`, and `rule`.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .source import ExportEvent

#: The record fields the PLOVER manual names that this export writes (beyond them: EXTRA_FIELDS).
PLOVER_FIELDS = (
    "id", "date", "source", "recipient", "event", "mode", "context", "quad_code", "event_scale", "event_loc",
    "text", "text_info", "cite_info", "coder", "coded_date", "coded_time",
)  # fmt: skip
EXTRA_FIELDS = ("date_precision", "cameo", "goldstein", "num_mentions", "num_sources", "num_articles", "rule")
#: geonames feature classes of our place kinds (P: populated place, A: country, state, region).
FEATURE_CLASSES = {"city": "P", "country": "A"}


def _list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _actors(event: ExportEvent, role: str) -> list[dict[str, Any]]:
    """The row's actor (or recipient) as a one-element list of PLOVER actor objects; [] when there is none."""
    code, sector = event.row[f"{role}_code"] or None, event.row[f"{role}_sector"] or None
    entity = event.actor(role)
    text = entity.get("entity_text") or event.row[f"{role}_name"]
    if code is None and sector is None and not text:
        return []
    return [{"code": code, "sector": sector, "actor_text": text, "identifier_text": entity.get("name")}]


def _alpha2(alpha3: str | None) -> str | None:
    if not alpha3:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_3=alpha3) if len(alpha3) == 3 else None
    return found.alpha_2 if found else None


def _location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if not place:
        return None
    return {
        "name": place.get("name"), "latitude": place.get("lat"), "longitude": place.get("lon"),
        "country code": _alpha2(place.get("country_code")), "cc3": place.get("country_code"),
        "feature class": FEATURE_CLASSES.get(place.get("feature") or ""),
    }  # fmt: skip


def _day(event: ExportEvent) -> str | None:
    day = event.when
    if isinstance(day, datetime):
        day = day.date()
    return day.isoformat() if isinstance(day, date) else None


def plover_record(event: ExportEvent) -> dict[str, Any]:
    """One stored event as a PLOVER record (field names: see the module docstring)."""
    row, record, article = event.row, event.record, event.article
    context = _list(row["context"])
    if row["historical"] and "historical" not in context:
        context.append("historical")
    info = record.get("text_info") or {}
    coded_at = article.get("coded_at")
    return {
        "id": row["event_key"],
        "date": _day(event),
        "source": _actors(event, "actor"),
        "recipient": _actors(event, "recipient"),
        "event": [row["event"]],
        "mode": _list(row["mode"]),
        "context": context,
        "quad_code": row["quad_code"],
        "event_scale": row["plover_score"],
        "event_loc": _location(record.get("event_loc")),
        "text": record.get("text"),
        "text_info": {"sequence": info.get("sentence"), "start": info.get("start"), "end": info.get("end")},
        "cite_info": {
            "citation": article.get("doc_id"),
            "url": article.get("url"),
            "title": article.get("title"),
            "language": article.get("language"),
            "publication": article.get("source"),
        },
        "coder": article.get("coder_version"),
        "coded_date": coded_at.date().isoformat() if coded_at else None,
        "coded_time": coded_at.strftime("%H:%M:%SZ") if coded_at else None,
        "date_precision": record.get("date_precision") if row["day"] else None,
        "cameo": row["cameo"],
        "goldstein": row["goldstein"],
        "num_mentions": row["num_mentions"],
        "num_sources": row["num_sources"],
        "num_articles": row["num_articles"],
        "rule": record.get("rule"),
    }
