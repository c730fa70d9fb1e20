"""The store commands through CliRunner, checked through the Python API (sqlite-utils style)."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from communique.cli import main
from communique.store import open_database

from .conftest import make_doc

DOCS = [
    ("a", "2023-04-03", "China condemned Japan. Russia attacked Ukraine."),
    ("b", "2023-04-12", "China condemned Japan again."),
]


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def filled_url(db_url, rule_coder) -> str:
    with open_database(db_url) as db:
        db.ingest([make_doc(i, text, day) for i, day, text in DOCS], coder=rule_coder)
    return db_url


def invoke(runner, *args):
    result = runner.invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_cli_events_formats_mirror_the_api(runner, filled_url, tmp_path):
    result = invoke(runner, "events", "--db", filled_url, "--actor", "CHN", "--format", "csv")
    frame = pd.read_csv(io.StringIO(result.stdout), dtype={"cameo": str})
    with open_database(filled_url) as db:
        expected = db.events(actor="CHN")
    assert list(frame.event_key) == list(expected.event_key)
    lines = invoke(runner, "events", "--db", filled_url, "--type", "ASSAULT", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["recipient_code"] for line in lines] == ["UKR"]
    table = invoke(runner, "events", "--db", filled_url).stdout
    assert "CHN" in table and "ACCUSE" in table
    invoke(runner, "events", "--db", filled_url, "--format", "parquet", "-o", str(tmp_path / "e.parquet"))
    assert len(pd.read_parquet(tmp_path / "e.parquet")) == 3


def test_cli_dyads_and_actors_top(runner, filled_url):
    result = invoke(runner, "dyads", "--db", filled_url, "--by", "week", "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["actor_code"], r["recipient_code"], r["period"], r["ACCUSE"]) for r in rows] == [
        ("CHN", "JPN", "2023-04-03", 1), ("CHN", "JPN", "2023-04-10", 1), ("RUS", "UKR", "2023-04-03", 0)]
    top = invoke(runner, "actors", "top", "--db", filled_url, "--format", "csv").stdout
    assert top.splitlines()[0] == "code,events,as_actor,as_recipient,mentions"
    assert top.splitlines()[1].startswith("CHN,2,2,0")


def test_cli_doc_marks_events(runner, filled_url):
    result = invoke(runner, "doc", "a", "--db", filled_url)
    assert "[[China condemned Japan.]]{E1: CHN ACCUSE JPN}" in result.stdout
    assert "E2: RUS ASSAULT UKR" in result.stdout
    missing = runner.invoke(main, ["doc", "nope", "--db", filled_url])
    assert missing.exit_code == 1 and "[E403]" in missing.output and "Traceback" not in missing.output


def test_cli_export_gdelt_writes_events_and_mentions(runner, filled_url, tmp_path):
    out = tmp_path / "events.tsv"
    result = invoke(runner, "export", "--db", filled_url, "--format", "gdelt", "-o", str(out))
    assert "wrote 3 events" in result.stderr
    assert len(pd.read_csv(out, sep="\t", dtype=str)) == 3
    assert len(pd.read_csv(tmp_path / "events.mentions.tsv", sep="\t", dtype=str)) == 3
    plover = invoke(runner, "export", "--db", filled_url, "--format", "plover", "--actor", "RUS").stdout
    assert [json.loads(line)["event"] for line in plover.splitlines()] == [["ASSAULT"]]  # PLOVER: a list


def test_cli_bad_database_is_one_line(runner, tmp_path):
    result = runner.invoke(main, ["events", "--db", "postgresql://u:p@127.0.0.1:1/x"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: [E401]") and "Traceback" not in result.output


def test_cli_commands_have_help(runner):
    for command in (["ingest"], ["recode"], ["events"], ["dyads"], ["doc"], ["export"], ["actors", "top"]):
        result = invoke(runner, *command, "--help")
        assert "--db" in result.stdout and "Example" in result.stdout


@pytest.mark.slow
def test_cli_ingest_examples_prints_summary(runner, tmp_path):
    """The README's main job: ingest the bundled examples into a database, print a summary."""
    from importlib import resources

    examples = str(resources.files("communique") / "data" / "examples" / "wikinews.jsonl")
    db_path = tmp_path / "main.db"
    result = invoke(runner, "ingest", examples, "--db", str(db_path))
    assert "ingested 7 documents" in result.stderr and "events by type:" in result.stderr
    with open_database(db_path) as db:
        summary = db.summary()
        assert summary["coded"] == 7 and summary["events"] > 0
        assert set(db.documents().coder_version) == {db.documents().coder_version.iloc[0]}
    again = invoke(runner, "ingest", examples, "--db", str(db_path))
    assert "7 unchanged" in again.stderr
    recoded = invoke(runner, "recode", "--db", str(db_path), "--all")
    assert "recoded 7 documents" in recoded.stderr
