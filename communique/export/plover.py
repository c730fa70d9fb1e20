"""PLOVER JSON Lines: one record per event, with PLOVER's data fields.

Fields (PLOVER manual, "Data fields"): `id`, `date`, `event`, `mode`, `context`, `actor` and `recipient`
(code), their sector and text, `quad_code` and `plover_score` (PLOVER's intensity), `location` (place name,
country, latitude, longitude), `text` (the reporting sentence) and provenance: the document id, URL and
publisher, plus the CAMEO code and Goldstein score and GDELT-style counts of mentions, sources and articles.
"""
from __future__ import annotations

from typing import Any

from .source import ExportEvent


def plover_record(event: ExportEvent) -> dict[str, Any]:
    row, record = event.row, event.record
    place = record.get("event_loc") or None
    actor, recipient = event.actor("actor"), event.actor("recipient")
    return {
        "id": row["event_key"],
        "date": row["date"] or (event.when.isoformat() if event.when else None),
        "date_precision": record.get("date_precision"),
        "event": row["event"],
        "mode": row["mode"],
        "context": [c for c in (row["context"] or "").split(";") if c.strip()],
        "actor": row["actor_code"],
        "actor_sector": row["actor_sector"],
        "actor_text": actor.get("entity_text"),
        "recipient": row["recipient_code"],
        "recipient_sector": row["recipient_sector"],
        "recipient_text": recipient.get("entity_text"),
        "quad_code": row["quad_code"],
        "plover_score": row["plover_score"],
        "cameo": row["cameo"],
        "goldstein": row["goldstein"],
        "historical": bool(row["historical"]),
        "location": {
            "placename": place.get("name"), "country": place.get("country_code"),
            "lat": place.get("lat"), "lon": place.get("lon"),
        } if place else None,
        "text": record.get("text"),
        "doc_id": event.article.get("doc_id"),
        "url": event.article.get("url"),
        "source": event.article.get("source"),
        "num_mentions": row["num_mentions"],
        "num_sources": row["num_sources"],
        "num_articles": row["num_articles"],
        "rule": record.get("rule"),
    }  # fmt: skip
