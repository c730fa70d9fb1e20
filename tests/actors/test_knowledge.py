"""The actor knowledge base: shipped coverage, user files, overrides, conflicts and malformed lines."""
from __future__ import annotations

import json
import tracemalloc

import pycountry
import pytest

from communique.actors.knowledge import build_knowledge_base, load_knowledge_base, shipped_files
from communique.actors.resolve import resolve_phrase
from communique.errors import ConfigError


def _write(path, records) -> str:
    path.write_text("".join(json.dumps(r) + "\n" if isinstance(r, dict) else r + "\n" for r in records), "utf-8")
    return str(path)


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path, monkeypatch):
    """Point the per-user config folder at an empty temporary one."""
    monkeypatch.setenv("COMMUNIQUE_CONFIG_DIR", str(tmp_path / "config"))


def test_knowledge_loads_small():
    # Load time is measured in benchmarks/ (the brief: no timed unit tests); memory is deterministic enough.
    kb = build_knowledge_base(shipped_files(), [])
    tracemalloc.start()
    build_knowledge_base(shipped_files(), [])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(kb.actors) > 500
    assert peak < 200 * 1024 * 1024


def test_knowledge_shipped_files_have_no_problems():
    assert build_knowledge_base(shipped_files(), []).problems == []


def test_knowledge_unknown_code_names_the_field(tmp_path):
    user = _write(tmp_path / "bad.jsonl", [{"kind": "person", "id": "x", "name": "X",
                                            "roles": [{"code": "GRE", "sector": "GOV"}]}])  # fmt: skip
    with pytest.raises(ConfigError, match=r"\[E102\] .*bad\.jsonl: line 1: field 'roles\[0\]\.code': unknown code 'GRE'"):
        load_knowledge_base([user])


def test_knowledge_has_every_iso_country():
    kb = load_knowledge_base()
    missing = [c.alpha_3 for c in pycountry.countries if kb.country(c.alpha_3) is None]
    assert not missing


@pytest.mark.parametrize(
    "name,code",
    [("Burma", "MMR"), ("Swaziland", "SWZ"), ("Zaire", "COD"), ("Kiev", "UKR"), ("Kosovo", "KOS"),
     ("Palestine", "PSE"), ("Hong Kong", "HKG"), ("Emirati", "ARE"), ("Filipino", "PHL"), ("Ivory Coast", "CIV"),
     ("Czechia", "CZE"), ("Türkiye", "TUR"), ("the Elysee", "FRA"), ("Downing Street", "GBR")],
)  # fmt: skip
def test_knowledge_country_names(name, code):
    assert load_knowledge_base().lookup(name)[0].actor.code == code


def test_knowledge_short_capitals_match_case_sensitively():
    kb = load_knowledge_base()
    assert kb.lookup("US")[0].actor.code == "USA"
    assert kb.lookup("us") == []


def test_knowledge_user_entry_overrides_shipped(tmp_path):
    user = _write(tmp_path / "mine.jsonl", [
        {"kind": "country", "code": "GEO", "name": "Georgia", "names": ["Sakartvelo"], "capitals": ["Tbilisi"]},
        {"kind": "person", "id": "ivan-petrov", "name": "Ivan Petrov", "aliases": ["Petrov"], "gender": "m",
         "roles": [{"code": "BGR", "sector": "GOV", "office": "Defence Minister", "start": "2021-05"}]},
    ])  # fmt: skip
    kb = load_knowledge_base([user])
    assert resolve_phrase("Sakartvelo", kb=kb).code == "GEO"
    assert kb.actors["country:GEO"].user
    reading = resolve_phrase("Ivan Petrov", kb=kb)
    assert (reading.code, reading.sector, reading.entry) == ("BGR", "GOV", "kb:person:ivan-petrov")


def test_knowledge_reads_user_config_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cfg"
    (folder / "actors").mkdir(parents=True)
    _write(folder / "actors" / "local.jsonl", [
        {"kind": "group", "id": "lions", "name": "Lions of the North", "code": "NGA", "sector": "REB"}])
    monkeypatch.setenv("COMMUNIQUE_CONFIG_DIR", str(folder))
    reading = resolve_phrase("the Lions of the North", kb=load_knowledge_base())
    assert (reading.code, reading.sector) == ("NGA", "REB")


def test_knowledge_malformed_json_names_file_and_line(tmp_path):
    user = _write(tmp_path / "bad.jsonl", [{"kind": "country", "code": "FRA", "name": "France"}, "{not json"])
    with pytest.raises(ConfigError, match=r"\[E101\] .*bad\.jsonl: line 2: malformed JSON"):
        load_knowledge_base([user])


@pytest.mark.parametrize(
    "record,field",
    [
        ({"kind": "person", "id": "x", "name": "X", "roles": [{"code": "FRA", "sector": "BOSS"}]}, "roles[0].sector"),
        ({"kind": "person", "id": "x", "name": "X", "roles": [{"code": "France", "sector": "GOV"}]}, "roles[0].code"),
        ({"kind": "person", "id": "x", "name": "X",
          "roles": [{"code": "FRA", "sector": "GOV", "start": "2019-13-40"}]}, "roles[0].start"),
        ({"kind": "group", "id": "x", "name": "X", "code": "FRA", "sector": "GOV", "aliases": "X"}, "aliases"),
        ({"kind": "planet", "id": "x", "name": "X"}, "kind"),
        ({"kind": "group", "id": "x", "code": "FRA"}, "name"),
        ({"kind": "role", "id": "x", "sector": "GOV", "terms": ["boss"], "refers": "thing"}, "refers"),
        ({"kind": "region", "id": "x", "name": "X", "code": "FRA"}, "code"),
    ],
)  # fmt: skip
def test_knowledge_bad_field_names_file_line_and_field(tmp_path, record, field):
    user = _write(tmp_path / "bad.jsonl", [{"kind": "country", "code": "FRA", "name": "France"}, record])
    with pytest.raises(ConfigError, match=r"\[E102\] .*bad\.jsonl: line 2: field '" + field.replace("[", r"\[")
                       .replace("]", r"\]") + "'"):  # fmt: skip
        load_knowledge_base([user])


def test_knowledge_bad_user_file_leaves_shipped_loadable(tmp_path):
    user = _write(tmp_path / "bad.jsonl", ["{oops", {"kind": "group", "id": "g", "name": "Gee Group",
                                                      "code": "FRA", "sector": "REB"}])  # fmt: skip
    with pytest.raises(ConfigError):
        load_knowledge_base([user])
    assert resolve_phrase("Beijing", kb=load_knowledge_base()).code == "CHN"
    lenient = load_knowledge_base([user], strict=False)
    assert len(lenient.problems) == 1 and "line 1" in lenient.problems[0]
    assert resolve_phrase("Gee Group", kb=lenient).code == "FRA"


def test_knowledge_conflicting_user_entries_are_reported(tmp_path):
    first = _write(tmp_path / "a.jsonl", [{"kind": "group", "id": "g", "name": "Gee", "code": "FRA", "sector": "REB"}])
    second = _write(tmp_path / "b.jsonl", [{"kind": "group", "id": "g", "name": "Gee", "code": "DEU", "sector": "REB"}])
    with pytest.raises(ConfigError, match=r"\[E104\] conflicting user entries for 'group:g': .*a\.jsonl:1 and .*b\.jsonl:1"):
        load_knowledge_base([first, second])


def test_knowledge_identical_user_entries_are_not_a_conflict(tmp_path):
    record = {"kind": "group", "id": "g", "name": "Gee", "code": "FRA", "sector": "REB"}
    first, second = _write(tmp_path / "a.jsonl", [record]), _write(tmp_path / "b.jsonl", [record])
    assert load_knowledge_base([first, second]).actors["group:g"].code == "FRA"


def test_knowledge_missing_user_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="E101"):
        load_knowledge_base([str(tmp_path / "nope.jsonl")])


def test_knowledge_user_name_clash_is_reported(tmp_path):
    first = _write(tmp_path / "a.jsonl", [{"kind": "group", "id": "g1", "name": "Lions", "code": "FRA", "sector": "REB"}])
    second = _write(tmp_path / "b.jsonl", [{"kind": "group", "id": "g2", "name": "Lions", "code": "DEU", "sector": "REB"}])
    kb = load_knowledge_base([first, second])
    assert any("[E501]" in problem and "'lions'" in problem for problem in kb.problems)
    assert resolve_phrase("the Lions", kb=kb).code is None


def test_knowledge_non_utf8_user_file_names_the_line(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"kind": "group", "id": "g", "name": "G", "code": "FRA", "sector": "REB"}\n{"name": "Caf\xe9"}\n')
    with pytest.raises(ConfigError, match=r"\[E101\] .*latin1\.jsonl: line 2: not valid UTF-8"):
        load_knowledge_base([str(path)])


def test_word_lists_load_and_user_list_replaces_shipped(tmp_path):
    shipped = load_knowledge_base()
    assert "backed" in shipped.word_list("backer-suffixes")
    assert shipped.word_list("no-such-list") == frozenset()
    user = tmp_path / "mine.jsonl"
    user.write_text('{"kind": "words", "id": "backer-suffixes", "terms": ["bankrolled"]}\n', encoding="utf-8")
    kb = load_knowledge_base([user])
    assert kb.word_list("backer-suffixes") == frozenset({"bankrolled"})


def test_word_list_without_terms_is_an_error(tmp_path):
    user = tmp_path / "bad.jsonl"
    user.write_text('{"kind": "words", "id": "sending-verbs", "terms": []}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="terms"):
        load_knowledge_base([user])


@pytest.mark.parametrize(
    "text, date, code, sector",
    [
        ("Adil Abdul Mahdi", "2019-06-01", "IRQ", "GOV"),  # listed as Adil Abdul-Mahdi
        ("Fayez al Sarraj", "2019-06-01", "LBY", "GOV"),  # listed as Fayez al-Sarraj
        ("Kim Jong Un", "2019-06-01", "PRK", "GOV"),  # the spaced spelling is also a listed alias: one hit, not two
        ("the Sao Paulo state government", "2019-06-01", "BRA", "GOV"),  # listed as São Paulo
        ("Nuevo Leon", "2019-06-01", "MEX", "GOV"),
        ("The Catalan government", "2019-06-01", "ESP", "GOV"),  # a region's demonym
        ("The Welsh Government", "2019-06-01", "GBR", "GOV"),
        ("the Kerala government", "2019-06-01", "IND", "GOV"),  # a first-level division
        ("Johor police", "2019-06-01", "MYS", "COP"),
    ],
)
def test_knowledge_press_spellings_and_divisions(text, date, code, sector):
    import datetime

    result = resolve_phrase(text, date=datetime.date.fromisoformat(date))
    assert (result.code, result.sector) == (code, sector)


def test_shipped_countries_are_what_the_build_script_writes():
    """countries.jsonl is generated (scripts/build_actor_countries.py from pycountry and
    scripts/data/country_extras.tsv): an edit to the file alone would be lost on the next build."""
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("build_actor_countries", root / "scripts" / "build_actor_countries.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shipped = [json.loads(line) for line in script.OUTPUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert shipped == script.build()
    by_code = {entry["code"]: entry for entry in shipped}
    assert "Congo" in by_code["COD"]["names"] and "Congo" not in by_code["COG"]["names"]  # a "-Congo" removal
