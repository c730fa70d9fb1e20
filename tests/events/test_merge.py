"""Merging repeated reports of the same actor-event-recipient within a document."""
from __future__ import annotations

from communique.events.merge import merge_events
from communique.records import Entity, Event, TextInfo


def _entity(code: str, start: int = 0) -> Entity:
    return Entity(entity_text=code, code=code, sector="GOV", name=code, start=start, end=start + 3)


def _event(actor: str, kind: str, recipient: str | None, sentence: int, confidence: float = 0.6,
           cameo: str = "111", date_source: str = "publication") -> Event:
    info = TextInfo(sentence=sentence, start=sentence * 100, end=sentence * 100 + 50)
    event = Event(doc_id="d", event=kind, cameo=cameo, actor=[_entity(actor)],
                  recipient=[_entity(recipient, 10)] if recipient else [], text="...", text_info=info,
                  confidence=confidence, date_source=date_source, date="2023-03" if date_source == "text" else None)
    event.mentions = [info]
    return event


def test_merge_same_triple_lists_every_mention():
    merged = merge_events([_event("CHN", "ACCUSE", "USA", 1), _event("CHN", "ACCUSE", "USA", 4, 0.7)])
    assert len(merged) == 1
    assert [m.sentence for m in merged[0].mentions] == [1, 4]
    assert merged[0].confidence > 0.7  # two reports are better evidence than one


def test_merge_keeps_different_triples_apart():
    merged = merge_events([_event("CHN", "ACCUSE", "USA", 1), _event("USA", "ACCUSE", "CHN", 2)])
    assert len(merged) == 2


def test_merge_drops_vaguer_report_without_recipient():
    merged = merge_events([_event("WST", "ACCUSE", None, 1), _event("WST", "ACCUSE", "CHN", 1)])
    assert [(e.actor[0].code, e.recipient[0].code) for e in merged] == [("WST", "CHN")]


def test_merge_prefers_the_specific_code_and_the_text_date():
    general = _event("CHN", "CONSULT", "UKR", 1, cameo="040")
    phone = _event("CHN", "CONSULT", "UKR", 2, cameo="041")
    dated = _event("CHN", "CONSULT", "UKR", 3, confidence=0.5, cameo="040", date_source="text")
    [event] = merge_events([general, phone, dated])
    assert event.cameo == "041"
    assert event.date_source == "text" and event.date == "2023-03"




def test_merge_keeps_unidentified_actors_apart():
    # "protesters clashed with the police" does not make "police fired tear gas" a vaguer report of it
    clash = _event("CHN", "ASSAULT", "USA", 1)
    clash.actor[0].code = None
    tear_gas = _event("CHN", "ASSAULT", None, 2)
    tear_gas.actor[0].code = None
    assert len(merge_events([clash, tear_gas])) == 2
