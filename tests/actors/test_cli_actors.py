"""`communique actors resolve`: one phrase, a JSONL batch, user files, and one-line errors."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from communique.actors import load_knowledge_base, resolve_phrase
from communique.cli import main


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_CONFIG_DIR", str(tmp_path / "config"))


def _run(*args, input=None):
    return CliRunner().invoke(main, ["actors", "resolve", *args], input=input)


def test_cli_actors_resolve_text():
    result = _run("the Chinese ambassador to France", "--date", "2023-04-28")
    assert result.exit_code == 0, result.output
    assert "CHN GOV" in result.output and "title:ambassador" in result.output


def test_cli_actors_resolve_json_matches_python_api():
    result = _run("Angela Merkel", "--date", "2019-03-01", "--format", "json")
    record = json.loads(result.output)
    expected = resolve_phrase("Angela Merkel", date=__import__("datetime").date(2019, 3, 1))
    assert (record["code"], record["sector"], record["name"], record["entry"]) == (
        expected.code, expected.sector, expected.name, expected.entry)  # fmt: skip
    assert record["sector"] == "GOV"


def test_cli_actors_resolve_context():
    result = _run("she", "--context", "Maria Zakharova, Russia's foreign ministry spokeswoman, spoke.", "--format",
                  "json", "--date", "2023-04-28")  # fmt: skip
    record = json.loads(result.output)
    assert (record["code"], record["sector"], record["name"]) == ("RUS", "GOV", "Maria Zakharova")


def test_cli_actors_resolve_batch(tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        '{"id": "a", "text": "Angela Merkel", "date": "2019-01-01"}\n'
        '{"id": "b", "text": "Angela Merkel", "date": "2023-01-01"}\n'
        '{"id": "c", "text": "Bob Smith"}\n'
        '{"id": "d", "text": "he", "context": "Kenyan President William Ruto spoke.", "date": "2023-02-01"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = _run("--input", str(cases), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "c", "d"]
    assert [(r["code"], r["sector"]) for r in records] == [("DEU", "GOV"), ("DEU", "ELI"), (None, None),
                                                           ("KEN", "GOV")]  # fmt: skip
    assert set(records[0]) == {"id", "code", "sector", "name", "entry"}


def test_cli_actors_resolve_batch_from_stdin():
    result = _run("--input", "-", "--format", "jsonl", input='{"id": 1, "text": "the Kremlin"}\n')
    assert json.loads(result.output)["code"] == "RUS"


def test_cli_actors_resolve_user_file_wins(tmp_path):
    user = tmp_path / "mine.jsonl"
    user.write_text('{"kind": "person", "id": "ivan-petrov", "name": "Ivan Petrov", "roles": '
                    '[{"code": "BGR", "sector": "GOV", "start": "2021"}]}\n', encoding="utf-8")  # fmt: skip
    result = _run("Ivan Petrov", "--actors", str(user), "--format", "json", "--date", "2022-01-01")
    assert json.loads(result.output)["code"] == "BGR"
    assert load_knowledge_base().lookup("Ivan Petrov") == []  # the shipped base is untouched


@pytest.mark.parametrize(
    "args,stdin,message",
    [
        (["--input", "-"], '{"id": 1}\n', "[E005] <stdin>: line 1: record has no 'text' field"),
        (["--input", "-"], "{oops\n", "[E004] <stdin>: line 1: malformed JSON"),
        (["x", "--date", "2023-13-01"], None, "[E010] --date: bad date '2023-13-01'"),
        ([], None, "give either TEXT or --input FILE"),
    ],
)
def test_cli_actors_resolve_errors_are_one_line(args, stdin, message):
    result = _run(*args, input=stdin)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_actors_bad_user_file_names_file_line_and_field(tmp_path):
    user = tmp_path / "bad.jsonl"
    user.write_text('{"kind": "group", "id": "g", "name": "G", "code": "FRA", "sector": "BOSS"}\n', encoding="utf-8")
    result = _run("G", "--actors", str(user))
    assert result.exit_code == 1
    assert "[E102]" in result.output and "bad.jsonl: line 1: field 'sector'" in result.output


def test_cli_actors_missing_input_is_one_line(tmp_path):
    result = _run("--input", str(tmp_path / "nope.jsonl"))
    assert result.exit_code == 1
    assert "nope.jsonl: No such file or directory" in result.output
    assert "Traceback" not in result.output
