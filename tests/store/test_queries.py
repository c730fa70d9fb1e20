"""Queries and aggregates: event filters, dyad series, top actors, summary (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import date

import pytest

from communique.errors import InputError

from .conftest import make_doc

CORPUS = [
    # doc id, day, source, text
    ("d1", "2023-04-03", "wire", "China condemned Japan. China met Japan."),  # Monday
    ("d2", "2023-04-05", "paper", "China condemned Japan again. Russia attacked Ukraine."),  # same week
    ("d3", "2023-04-12", "wire", "China praised Japan. Japan condemned China."),  # next week
    ("d4", "2023-05-02", "radio", "China threatened Japan. Russia attacked Ukraine and Germany."),
]


@pytest.fixture()
def filled(db, rule_coder):
    db.ingest([make_doc(i, text, day, source) for i, day, source, text in CORPUS], coder=rule_coder)
    return db


def test_queries_events_filters(filled):
    assert len(filled.events()) == 9
    assert set(filled.events(actor="CHN").recipient_code) == {"JPN"}
    assert len(filled.events(actor="chn", type="ACCUSE")) == 2
    assert len(filled.events(type=["ACCUSE", "ASSAULT"])) == 6
    assert set(filled.events(type="19").event) == {"ASSAULT"}  # a CAMEO prefix
    assert set(filled.events(since="2023-04-12").first_doc_id) == {"d3", "d4"}
    assert set(filled.events(until="2023-04-05").first_doc_id) == {"d1", "d2"}
    assert set(filled.events(source="radio").first_doc_id) == {"d4"}
    assert set(filled.events(recipient=["UKR", "DEU"]).recipient_code) == {"UKR", "DEU"}
    assert len(filled.events(limit=3)) == 3


def test_queries_events_bad_date_is_a_coded_error(filled):
    with pytest.raises(InputError, match=r"\[E010\]"):
        filled.events(since="last tuesday")


def test_queries_dyads_by_week(filled):
    frame = filled.dyads(by="week")
    chn_jpn = frame[(frame.actor_code == "CHN") & (frame.recipient_code == "JPN")].set_index("period")
    assert list(chn_jpn.index) == [date(2023, 4, 3), date(2023, 4, 10), date(2023, 5, 1)]
    first = chn_jpn.loc[date(2023, 4, 3)]
    assert (first.events, first.ACCUSE, first.CONSULT, first.mentions) == (3, 2, 1, 3)
    assert (first.verbal_conflict, first.verbal_cooperation) == (2, 1)
    assert first.goldstein == pytest.approx(2 * -2.0 + 1.0)  # CAMEO 111 twice, 040 once
    assert first.plover_score == pytest.approx(2 * -2.0 + 2.5)
    second = chn_jpn.loc[date(2023, 4, 10)]
    assert (second.events, second.SUPPORT) == (1, 1)


def test_queries_dyads_by_month_and_day(filled):
    monthly = filled.dyads(by="month", actor="RUS")
    assert set(zip(monthly.recipient_code, monthly.period)) == {
        ("UKR", date(2023, 4, 1)), ("UKR", date(2023, 5, 1)), ("DEU", date(2023, 5, 1))}
    assert monthly.material_conflict.sum() == 3
    daily = filled.dyads(by="day", actor="CHN", recipient="JPN")
    assert len(daily) == 4
    with pytest.raises(InputError, match=r"\[E404\]"):
        filled.dyads(by="fortnight")


def test_queries_top_actors(filled):
    top = filled.top_actors(limit=3)
    assert list(top.code) == ["CHN", "JPN", "RUS"]
    chn = top.iloc[0]
    assert (chn.events, chn.as_actor, chn.as_recipient) == (6, 5, 1)


def test_queries_summary(filled):
    summary = filled.summary(top=2)
    assert summary["documents"] == 4 and summary["coded"] == 4
    assert summary["events"] == 9
    assert summary["events_by_type"]["ACCUSE"] == 3
    assert summary["top_dyads"][0] == {"actor": "CHN", "recipient": "JPN", "events": 5}
