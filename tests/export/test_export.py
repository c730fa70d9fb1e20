"""Exports: PLOVER JSONL, GDELT 2.0 events and mentions, ICEWS, CSV, Parquet; loadable with pandas and duckdb."""
from __future__ import annotations

import csv
import json
import re
from datetime import datetime

import duckdb
import pandas as pd
import pytest
from store.conftest import UNIDENTIFIED_TEXT, RuleCoder, UnidentifiedCoder, make_doc

from communique.errors import InputError
from communique.export import gdelt, icews
from communique.ontology import PLOVER_TYPES

DOCS = [
    ("a", "2023-04-28", "wire", "https://news.example/a", "China condemned Japan. Russia attacked Ukraine and Germany."),
    ("b", "2023-04-28", "paper", "https://paper.example/b", "Officials said China condemned Japan."),
    ("c", "2023-05-02", "wire", None, "France praised India."),
]


@pytest.fixture()
def filled(db, rule_coder):
    docs = [make_doc(i, text, day, source, url=url) for i, day, source, url, text in DOCS]
    db.ingest(docs, coder=rule_coder)
    return db


def read_tsv(path, header=True) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


def test_export_gdelt_events_have_61_columns_and_string_codes(filled, tmp_path):
    path = tmp_path / "events.tsv"
    written = filled.export("gdelt", path)
    assert written["events"] == 4 and written["mentions"] == 5
    rows = read_tsv(path)
    assert len(gdelt.EVENT_COLUMNS) == 61 and rows[0] == list(gdelt.EVENT_COLUMNS)
    assert all(len(row) == 61 for row in rows)
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    accuse = frame[frame.EventCode == "111"].iloc[0]
    assert (accuse.Actor1Code, accuse.Actor2Code, accuse.Actor1CountryCode, accuse.Actor1Type1Code) == (
        "CHNGOV", "JPNGOV", "CHN", "GOV")
    assert (accuse.EventBaseCode, accuse.EventRootCode, accuse.QuadClass, accuse.GoldsteinScale) == ("111", "11", "3", "-2")
    assert (accuse.NumMentions, accuse.NumSources, accuse.NumArticles) == ("2", "2", "2")
    assert (accuse.SQLDATE, accuse.MonthYear, accuse.Year, accuse.IsRootEvent) == ("20230428", "202304", "2023", "1")
    assert accuse.SOURCEURL == "https://news.example/a" and len(accuse.DATEADDED) == 14
    praise = frame[frame.EventCode == "051"].iloc[0]
    assert praise.EventRootCode == "05"  # a leading zero survives: codes are strings


def test_export_gdelt_mentions_link_every_article(filled, tmp_path):
    path = tmp_path / "events.tsv"
    filled.export("gdelt", path)
    mentions = pd.read_csv(tmp_path / "events.mentions.tsv", sep="\t", dtype=str, keep_default_na=False)
    assert list(mentions.columns) == list(gdelt.MENTION_COLUMNS) and len(gdelt.MENTION_COLUMNS) == 16
    events = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    accuse_id = events[events.EventCode == "111"].GLOBALEVENTID.item()
    linked = mentions[mentions.GLOBALEVENTID == accuse_id]
    assert set(linked.MentionIdentifier) == {"https://news.example/a", "https://paper.example/b"}
    assert set(linked.MentionSourceName) == {"wire", "paper"}
    b = linked[linked.MentionSourceName == "paper"].iloc[0]
    assert (b.SentenceID, b.ActionCharOffset, b.Actor1CharOffset) == ("1", "0", "15")


def test_export_gdelt_without_header_matches_gdelt_files(filled, tmp_path):
    path = tmp_path / "raw.tsv"
    filled.export("gdelt", path, header=False)
    frame = pd.read_csv(path, sep="\t", header=None, names=gdelt.EVENT_COLUMNS, dtype=str)
    assert len(frame) == 4 and set(frame.EventRootCode) == {"11", "19", "05"}


def test_export_icews_has_20_columns(filled, tmp_path):
    path = tmp_path / "icews.tsv"
    filled.export("icews", path)
    rows = read_tsv(path)
    assert rows[0] == list(icews.COLUMNS) and len(icews.COLUMNS) == 20
    assert all(len(row) == 20 for row in rows)
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    attack = frame[(frame["CAMEO Code"] == "190") & (frame["Target Country"] == "Germany")].iloc[0]
    assert (attack["Source Country"], attack["Source Sectors"], attack["Event Date"]) == ("Russian Federation", "Government", "2023-04-28")
    assert attack["Story ID"] == "a" and attack["Sentence Number"] == "2" and attack["Publisher"] == "wire"
    assert attack["Event Text"] and attack["Intensity"] == "-10"


# The PLOVER manual's "Data Fields" chapter (draft 0.8): the event record, and its actor, text, citation and
# location (geonames) objects. Everything else a record holds must be one of our documented extra fields.
PLOVER_RECORD = {"id", "has_event", "date", "time", "enddate", "endtime", "source", "recipient", "event",
                 "event_loc", "event_text", "quad_code", "event_scale", "mode", "context", "link", "text",
                 "text_info", "cite_info", "coder", "coded_date", "coded_time", "comment"}  # fmt: skip
PLOVER_REQUIRED = {"id", "date", "source", "event"}
PLOVER_ACTOR = {"code", "sector", "actor_text", "identifier_id", "identifier_text", "actor_loc", "religion",
                "ethnicity", "office", "gender", "age"}  # fmt: skip
PLOVER_TEXT_INFO = {"sequence", "start", "end", "text_story"}
PLOVER_CITE_INFO = {"corpus", "citation", "url", "title", "language", "publication", "license", "copyright",
                    "coder", "codebook", "version"}  # fmt: skip
GEONAMES = {"geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature class",
            "feature code", "country code", "cc3", "cc2", "admin1 code", "admin2 code", "admin3 code",
            "admin4 code", "population", "elevation", "dem", "timezone"}  # fmt: skip
OUR_EXTRA_FIELDS = {"date_precision", "cameo", "goldstein", "num_mentions", "num_sources", "num_articles", "rule"}
YMD = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def plover_records(db, tmp_path, **filters) -> list[dict]:
    path = tmp_path / "plover.jsonl"
    db.export("plover", path, **filters)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def check_plover_record(record: dict) -> None:
    """One exported record against the PLOVER data fields: names, nesting, types and formats."""
    assert PLOVER_REQUIRED <= set(record), record
    assert set(record) <= PLOVER_RECORD | OUR_EXTRA_FIELDS, set(record) - PLOVER_RECORD - OUR_EXTRA_FIELDS
    assert isinstance(record["id"], str) and record["id"]
    assert YMD.match(record["date"]), record["date"]
    for role in ("source", "recipient"):
        assert isinstance(record[role], list)
        for actor in record[role]:
            assert set(actor) <= PLOVER_ACTOR and "code" in actor
            assert actor["code"] is None or (isinstance(actor["code"], str) and len(actor["code"]) == 3)
    assert record["source"], "source is required"
    assert isinstance(record["event"], list) and set(record["event"]) <= set(PLOVER_TYPES)
    assert isinstance(record["mode"], list) and isinstance(record["context"], list)
    assert record["quad_code"] in (1, 2, 3, 4) and isinstance(record["event_scale"], float)
    assert set(record["text_info"]) <= PLOVER_TEXT_INFO
    assert set(record["cite_info"]) <= PLOVER_CITE_INFO
    if record["event_loc"] is not None:
        assert set(record["event_loc"]) <= GEONAMES
    assert YMD.match(record["coded_date"])
    datetime.fromisoformat(record["coded_date"] + "T" + record["coded_time"])  # the manual's note 2


def test_export_plover_jsonl_fields(filled, tmp_path):
    records = plover_records(filled, tmp_path)
    assert len(records) == 4
    for record in records:
        check_plover_record(record)
    assert len({r["id"] for r in records}) == 4
    accuse = next(r for r in records if r["event"] == ["ACCUSE"])
    assert accuse["source"] == [{"code": "CHN", "sector": "GOV", "actor_text": "China", "identifier_text": "China"}]
    assert [(a["code"], a["sector"]) for a in accuse["recipient"]] == [("JPN", "GOV")]
    assert (accuse["date"], accuse["num_articles"], accuse["quad_code"], accuse["event_scale"]) == (
        "2023-04-28", 2, 3, -2.0)
    assert accuse["mode"] == ["disapprove"] and accuse["coder"] == "rules-1"
    assert accuse["text"] == "China condemned Japan."
    assert accuse["text_info"] == {"sequence": 0, "start": 0, "end": 22}
    assert accuse["cite_info"] == {"citation": "a", "url": "https://news.example/a", "title": None,
                                   "language": "en", "publication": "wire"}  # fmt: skip
    assert "actor" not in accuse and "location" not in accuse and "plover_score" not in accuse


def test_export_plover_dates_places_and_history(db, tmp_path):
    """A month-precision date becomes YYYY-MM-01; the place uses geonames names; history is a context."""
    from communique.records import Place

    class MonthCoder(RuleCoder):
        def code(self, documents):
            for coded in super().code(documents):
                for event in coded.events:
                    event.date, event.date_precision, event.historical = "2022-03", "month", True
                    event.event_loc = Place("Kyiv", "Kyiv", "UKR", 50.45, 30.52, 0, 4, "city")
                yield coded

    db.ingest([make_doc("m", "Russia attacked Ukraine.", "2023-04-28", "wire")], coder=MonthCoder())
    (record,) = plover_records(db, tmp_path)
    check_plover_record(record)
    assert (record["date"], record["date_precision"]) == ("2022-03-01", "month")
    assert "historical" in record["context"] and "military" in record["context"]
    assert record["event_loc"] == {"name": "Kyiv", "latitude": 50.45, "longitude": 30.52, "country code": "UA",
                                   "cc3": "UKR", "feature class": "P"}  # fmt: skip


def test_export_plover_loads_with_pandas_and_duckdb(filled, tmp_path):
    filled.export("plover", tmp_path / "p.jsonl")
    frame = pd.read_json(tmp_path / "p.jsonl", lines=True)
    assert len(frame) == 4 and {"id", "date", "source", "recipient", "event"} <= set(frame.columns)
    rows = duckdb.sql(f"select source[1].code, event[1] from read_json_auto('{tmp_path / 'p.jsonl'}')").fetchall()
    assert sorted(rows) == [("CHN", "ACCUSE"), ("FRA", "SUPPORT"), ("RUS", "ASSAULT"), ("RUS", "ASSAULT")]


def test_export_unidentified_actors_leave_code_fields_empty(db, tmp_path):
    """Null actor codes: GDELT and ICEWS write empty code columns (name and sector kept), PLOVER `code: null`."""
    db.ingest([make_doc("u1", UNIDENTIFIED_TEXT, "2023-04-03", "wire")], coder=UnidentifiedCoder())
    db.export("gdelt", tmp_path / "g.tsv")
    frame = pd.read_csv(tmp_path / "g.tsv", sep="\t", dtype=str, keep_default_na=False)
    assert len(frame) == 4 and all(len(row) == 61 for row in read_tsv(tmp_path / "g.tsv"))
    gunmen = frame[frame.EventCode == "180"].iloc[0]
    assert (gunmen.Actor1Code, gunmen.Actor1CountryCode, gunmen.Actor1KnownGroupCode) == ("", "", "")
    assert (gunmen.Actor1Name, gunmen.Actor1Type1Code, gunmen.Actor2Code, gunmen.Actor2CountryCode) == (
        "GUNMEN", "UAF", "PAKCOP", "PAK")
    bomb = frame[frame.EventCode == "183"].iloc[0]
    assert (bomb.Actor1Code, bomb.Actor1Type1Code, bomb.Actor2Code, bomb.Actor2Type1Code) == ("", "", "", "MIL")
    accuse = frame[frame.EventCode == "112"].iloc[0]
    assert (accuse.Actor1Code, accuse.Actor2Code, accuse.Actor2Name) == ("PAKGOV", "", "UNKNOWN ATTACKERS")
    mentions = pd.read_csv(tmp_path / "g.mentions.tsv", sep="\t", dtype=str, keep_default_na=False)
    assert len(mentions) == 4

    db.export("icews", tmp_path / "i.tsv")
    icews_frame = pd.read_csv(tmp_path / "i.tsv", sep="\t", dtype=str, keep_default_na=False)
    gunmen = icews_frame[icews_frame["CAMEO Code"] == "180"].iloc[0]
    assert (gunmen["Source Name"], gunmen["Source Sectors"], gunmen["Source Country"]) == (
        "Gunmen", "Unidentified Armed Forces", "")
    assert gunmen["Target Country"] == "Pakistan"
    assert "None" not in (tmp_path / "i.tsv").read_text() and "None" not in (tmp_path / "g.tsv").read_text()

    records = {r["cameo"]: r for r in plover_records(db, tmp_path)}
    for record in records.values():
        check_plover_record(record)
    assert records["180"]["source"] == [{"code": None, "sector": "UAF", "actor_text": "Gunmen", "identifier_text": None}]
    assert records["183"]["recipient"] == [
        {"code": None, "sector": "MIL", "actor_text": "soldiers", "identifier_text": None}]
    assert [a["code"] for a in records["112"]["recipient"]] == [None]
    # filters still work around the empty sides
    assert [r["cameo"] for r in plover_records(db, tmp_path, actor="PAK")] == ["112"]
    assert [r["cameo"] for r in plover_records(db, tmp_path, recipient="PAK")] == ["180"]


def test_export_csv_and_parquet_round_trip(filled, tmp_path):
    filled.export("csv", tmp_path / "e.csv")
    filled.export("parquet", tmp_path / "e.parquet")
    from_csv = pd.read_csv(tmp_path / "e.csv", dtype={"cameo": str})
    from_parquet = pd.read_parquet(tmp_path / "e.parquet")
    assert len(from_csv) == len(from_parquet) == 4
    assert sorted(from_csv.cameo) == sorted(from_parquet.cameo) == ["051", "111", "190", "190"]
    assert duckdb.sql(f"select count(*) from '{tmp_path / 'e.parquet'}'").fetchall()[0][0] == 4
    gdelt_path = tmp_path / "g.tsv"
    filled.export("gdelt", gdelt_path)
    loaded = duckdb.sql(f"select EventCode from read_csv('{gdelt_path}', delim='\t', header=true, all_varchar=true)")
    assert sorted(row[0] for row in loaded.fetchall()) == ["051", "111", "190", "190"]


def test_export_filters_and_errors(filled, tmp_path):
    assert filled.export("plover", tmp_path / "r.jsonl", actor="RUS")["events"] == 2
    with pytest.raises(InputError, match=r"\[E405\]"):
        filled.export("xml", tmp_path / "x")
    with pytest.raises(InputError, match=r"\[E407\]"):
        filled.export("parquet", None)
