"""Phrase resolution: the table of real-news cases in cases.jsonl, and the rules behind them."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from communique.actors import load_knowledge_base, resolve_phrase
from communique.actors.entries import parse_entry
from communique.actors.resolve import office_at, split_words

CASES_FILE = Path(__file__).with_name("cases.jsonl")
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    import os

    os.environ["COMMUNIQUE_CONFIG_DIR"] = str(tmp_path_factory.mktemp("config"))  # no user files
    return load_knowledge_base()


def test_resolve_cases_file_is_large_and_covers_every_rule():
    rules = {case["rule"] for case in CASES}
    assert len(CASES) >= 250
    assert {"country-name", "capital", "role", "specific", "organisation", "group", "group-dated", "polity", "region",
            "person-dated", "person-titled", "title-unknown-person", "unknown-name", "context", "former"} <= rules


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_resolve_case(kb, case):
    date = datetime.date.fromisoformat(case["date"]) if case.get("date") else None
    result = resolve_phrase(case["text"], context=case.get("context"), date=date, kb=kb)
    got = (result.code, result.sector if result.code else None)
    assert got == (case["code"], case["sector"]), result.explain
    if "name" in case:
        assert result.name == case["name"]
    if "entry" in case:
        assert result.entry == case["entry"]
    if result.code:
        assert result.entry and result.explain


def test_resolve_every_resolution_says_why(kb):
    result = resolve_phrase("Mexican legislators", kb=kb)
    assert "legislators" in result.explain and "Mexico" in result.explain
    assert result.entry == "role:legislators+kb:country:MEX:demonym"


def _person(roles, before=None):
    record = {"kind": "person", "id": "p", "name": "P", "roles": roles}
    if before:
        record["before"] = before
    return parse_entry(record, path="test", line=1)


def test_resolve_office_at_prefers_gov_over_other_roles():
    person = _person([{"code": "SDN", "sector": "MIL", "start": "2019-04-12"},
                      {"code": "SDN", "sector": "GOV", "start": "2019-08-21"}])  # fmt: skip
    assert office_at(person, datetime.date(2020, 1, 1))[:2] == ("SDN", "GOV")
    assert office_at(person, datetime.date(2019, 5, 1))[:2] == ("SDN", "MIL")


def test_resolve_office_at_after_and_before_roles():
    person = _person([{"code": "ITA", "sector": "GOV", "start": "2014-02", "end": "2016-12"}])
    assert office_at(person, datetime.date(2020, 1, 1))[:2] == ("ITA", "ELI")
    assert office_at(person, datetime.date(2010, 1, 1))[:2] == ("ITA", "ELI")
    party = _person([{"code": "ITA", "sector": "GOV", "start": "2014"}], before={"sector": "PTY"})
    assert office_at(party, datetime.date(2010, 1, 1))[:2] == ("ITA", "PTY")


def test_resolve_partial_dates_cover_whole_period():
    person = _person([{"code": "FRA", "sector": "GOV", "start": "2017-05", "end": "2017"}])
    assert office_at(person, datetime.date(2017, 5, 1))[1] == "GOV"
    assert office_at(person, datetime.date(2017, 12, 31))[1] == "GOV"
    assert office_at(person, datetime.date(2018, 1, 1))[1] == "ELI"


def test_resolve_split_words_keeps_possessive_apart():
    assert split_words("Russia’s foreign ministry") == ["Russia", "’s", "foreign", "ministry"]
    assert split_words("the U.S. envoy") == ["the", "U.S.", "envoy"]


def test_resolve_pronoun_alone_is_unresolved(kb):
    result = resolve_phrase("they", kb=kb)
    assert result.code is None and result.kind == "pronoun"


def test_resolve_family_name_by_date(kb):
    """A surname a family shares is whoever of them held office at the date; with none or several in office,
    the country and sector they share, naming no one (different readings stay unresolved)."""
    assert resolve_phrase("Bush", date=datetime.date(2005, 6, 1), kb=kb).name == "George W. Bush"
    assert resolve_phrase("Bush", date=datetime.date(1990, 6, 1), kb=kb).name == "George H. W. Bush"
    shared = resolve_phrase("Bush", date=datetime.date(2015, 6, 1), kb=kb)
    assert (shared.code, shared.sector, shared.name) == ("USA", "ELI", None)
    assert "George W. Bush" in shared.explain and shared.entry.startswith("kb:people:")
    both = resolve_phrase("Barzani", date=datetime.date(2015, 6, 1), kb=kb)  # the KRG's president and premier
    assert (both.code, both.sector, both.name) == ("IRQ", "GOV", None)
    assert set(both.entry.removeprefix("kb:people:").split("|")) == {"masoud-barzani", "nechirvan-barzani"}


def test_resolve_known_person_misspelt(kb):
    """A full name one slip away from a known person's is that person, said so; a near name of short words, or
    one close to several people or to nobody, stays unknown."""
    slip = resolve_phrase("Ranil Wickremesinge", date=datetime.date(2019, 1, 1), kb=kb)
    assert (slip.code, slip.name) == ("LKA", "Ranil Wickremesinghe")
    assert slip.entry.endswith("+spelling") and "with a slip" in slip.explain
    assert resolve_phrase("Benjamin Netanyahou", date=datetime.date(2019, 1, 1), kb=kb).code == "ISR"
    assert resolve_phrase("Donald Tramp", kb=kb).code is None  # "Tramp" is another word, not a slip
    assert resolve_phrase("John Smith", kb=kb).code is None
