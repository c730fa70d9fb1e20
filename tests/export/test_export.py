"""Exports: PLOVER JSONL, GDELT 2.0 events and mentions, ICEWS, CSV, Parquet; loadable with pandas and duckdb."""
from __future__ import annotations

import csv
import json

import duckdb
import pandas as pd
import pytest

from communique.errors import InputError
from communique.export import gdelt, icews
from tests.store.conftest import make_doc

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


def test_export_plover_jsonl_fields(filled, tmp_path):
    path = tmp_path / "plover.jsonl"
    filled.export("plover", path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 4
    accuse = next(r for r in records if r["event"] == "ACCUSE")
    assert {"id", "date", "event", "mode", "context", "actor", "actor_sector", "recipient", "recipient_sector",
            "quad_code", "plover_score", "location", "text"} <= set(accuse)  # fmt: skip
    assert (accuse["actor"], accuse["recipient"], accuse["date"], accuse["num_articles"]) == ("CHN", "JPN", "2023-04-28", 2)
    assert isinstance(accuse["context"], list)


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
