"""Within a document, the same actor-event-recipient reported several times is one event.

`merge_events(events)` groups events by `Event.triple_key()`, keeps the most confident report as the event and
lists every report's sentence and offsets in `mentions`. An event without recipient is dropped when the same
actor does the same kind of thing to a named recipient elsewhere in the document (it is a vaguer report of it).
"""
from __future__ import annotations

from typing import Iterable

from ..records import Event, TextInfo


def _mention_key(info: TextInfo) -> tuple[int, int, int]:
    return (info.sentence, info.start, info.end)


def _specificity(cameo: str) -> int:
    return len(cameo) + (0 if cameo.endswith("0") else 1)


def _merge_group(group: list[Event]) -> Event:
    top = max(e.confidence for e in group)
    # The report with the most specific code speaks for the group ("held a phone call" over "held talks").
    best = max(group, key=lambda e: (_specificity(e.cameo), e.confidence, -e.text_info.start))
    best.confidence = top
    mentions: dict[tuple, TextInfo] = {}
    for event in group:
        for info in event.mentions or [event.text_info]:
            mentions.setdefault(_mention_key(info), info)
    best.mentions = sorted(mentions.values(), key=_mention_key)
    # A dated report is better evidence of when it happened than a publication-date default.
    dated = [e for e in group if e.date_source == "text"]
    if best.date_source != "text" and dated:
        source = max(dated, key=lambda e: e.confidence)
        best.date, best.date_source, best.date_precision = source.date, source.date_source, source.date_precision
        best.historical = best.historical or source.historical
    if len(group) > 1:
        best.confidence = round(min(0.99, best.confidence + 0.05 * (len(group) - 1)), 3)
    return best


def _subsumed(event: Event, with_recipient: set[tuple]) -> bool:
    if event.recipient or any(a.code is None for a in event.actor):
        return False  # unidentified actors ("police", "protesters") are not known to be the same
    actors, kind, _ = event.triple_key()
    return (actors, kind) in with_recipient


def merge_events(events: Iterable[Event]) -> list[Event]:
    """One event per actor-event-recipient triple, each listing all its mentions, in document order."""
    groups: dict[tuple, list[Event]] = {}
    for event in events:
        groups.setdefault(event.triple_key(), []).append(event)
    merged = [_merge_group(group) for group in groups.values()]
    # by kind: the PLOVER type, or for a statement (no type) its CAMEO code
    with_recipient = {e.triple_key()[:2] for e in merged if e.recipient}
    kept = [e for e in merged if not _subsumed(e, with_recipient)]
    return sorted(kept, key=lambda e: (e.text_info.start, e.triple_key()[1]))
