from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from communique.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture()
def runner():
    return CliRunner()


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_cli_code_seed_jsonl_matches_contract(runner, shared_dir, seed_text):
    from communique.schema import validate_record

    seed = shared_dir / "seed" / "seed.txt"
    result = runner.invoke(main, ["code", str(seed), "--date", "2023-04-28", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    events = [r for r in records if r["type"] == "event"]
    assert len(events) >= 10
    for record in records:
        validate_record(record, text=seed_text)
        assert record["doc_id"] == "seed"
    for event in events:
        info = event["text_info"]
        assert seed_text[info["start"] : info["end"]] == event["text"]
        for entity in event["actor"] + event["recipient"]:
            assert seed_text[entity["start"] : entity["end"]] == entity["entity_text"]


def test_cli_code_ids_are_stable(runner, shared_dir):
    seed = str(shared_dir / "seed" / "seed.txt")
    args = ["code", seed, "--date", "2023-04-28", "--format", "jsonl"]
    first = [r["id"] for r in _jsonl(runner.invoke(main, args).stdout) if r["type"] == "event"]
    second = [r["id"] for r in _jsonl(runner.invoke(main, args).stdout) if r["type"] == "event"]
    assert first and first == second
    assert len(set(first)) == len(first)


def test_cli_code_csv_and_table(runner, tmp_path):
    article = tmp_path / "talks.txt"
    article.write_text("Russian forces shelled the Ukrainian city of Kharkiv on Monday, killing three civilians.\n")
    result = runner.invoke(main, ["code", str(article), "--date", "2023-04-28", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and rows[0]["doc_id"] == "talks" and rows[0]["event"] == "ASSAULT"
    table = runner.invoke(main, ["code", str(article), "--date", "2023-04-28", "--format", "table"])
    assert "ASSAULT" in table.stdout and "RUS MIL" in table.stdout


def test_cli_code_bad_inputs_are_reported_and_the_batch_goes_on(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The European Union imposed new sanctions on Iran on Tuesday.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin.txt").write_bytes("Le pr\xe9sident fran\xe7ais a condamn\xe9 l'attaque.".encode("latin-1"))
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"id": "a", "text": "Japan's prime minister praised South Korea on Monday."}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "b", "text": "Israeli warplanes struck targets in Gaza on Sunday."}) + "\n"
    )
    result = runner.invoke(main, ["code", str(tmp_path), "--date", "2023-04-28", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert any("empty.txt" in e for e in errors)
    assert any("binary.txt" in e for e in errors)
    assert any("latin.txt" in e for e in errors)
    assert any("corpus.jsonl" in e and "line 2" in e for e in errors)
    assert len(errors) == 4
    coded = {r["doc_id"] for r in _jsonl(result.stdout)}
    assert {"good", "a", "b"} <= coded


def test_cli_code_fails_when_nothing_could_be_coded(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(main, ["code", str(tmp_path / "empty.txt")])
    assert result.exit_code != 0
    assert "empty.txt" in result.stderr


def test_cli_code_reads_stdin(runner):
    text = "Turkish troops shelled Kurdish positions in northern Syria on Friday.\n"
    result = runner.invoke(main, ["code", "-", "--date", "2023-04-28", "--format", "jsonl"], input=text)
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    assert records and records[0]["doc_id"] == "stdin"


def test_cli_code_bad_date_is_one_line(runner, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Text.")
    result = runner.invoke(main, ["code", str(article), "--date", "28/04/2023"])
    assert result.exit_code != 0
    assert "28/04/2023" in result.output and "Traceback" not in result.output


def test_cli_code_statements_only_on_request(runner, tmp_path):
    from communique.schema import validate_record

    text = "China expressed concern over Japan's military drills. Russian forces shelled Kharkiv on Monday.\n"
    article = tmp_path / "drills.txt"
    article.write_text(text)
    args = ["code", str(article), "--date", "2023-04-28", "--format", "jsonl"]
    plain = _jsonl(runner.invoke(main, args).stdout)
    assert plain and {r["type"] for r in plain} <= {"event", "quote"}
    result = runner.invoke(main, [*args, "--statements"])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    statements = [r for r in records if r["type"] == "statement"]
    assert [(s["cameo"], s["actor"][0]["code"], s["recipient"][0]["code"]) for s in statements] == [("012", "CHN", "JPN")]
    assert [r for r in records if r["type"] == "event"] == [r for r in plain if r["type"] == "event"]
    for record in records:
        validate_record(record, text=text)
