"""Checks on the named-people knowledge base (communique/data/actors/people_*.jsonl)."""
import calendar
import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pycountry
import pytest

DATA = Path(__file__).resolve().parents[2] / "communique" / "data" / "actors"
FILES = sorted(DATA.glob("people_*.jsonl"))

SECTORS = set(
    "GOV MIL COP JUD LEG PTY REB SPY PRM UAF UNK BUS CRM CVL EDU ELI JRN "
    "LAB MED REF OPP PRE REL SOC AGR".split()
)
SPECIAL_CODES = {"KOS", "PSE", "UNO", "EUR", "IGO", "IMG"}  # IMG: transnational militant groups (al-Qaeda)
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _load():
    people = []
    for f in FILES:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            people.append((f.name, n, json.loads(line)))
    return people


PEOPLE = _load()
BY_ID = {p["id"]: p for _, _, p in PEOPLE}


def _bounds(s):
    """Earliest and latest day a (possibly partial) ISO date can denote."""
    m = DATE_RE.match(s)
    assert m, s
    y, mo, d = m.group(1), m.group(2), m.group(3)
    y = int(y)
    if mo is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    mo = int(mo)
    if d is None:
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    day = dt.date(y, mo, int(d))
    return day, day


def _norm(s):
    return unicodedata.normalize("NFC", s).casefold().strip()


def holds(pid, code, sector, on, office=None, exact=False):
    """True if person pid held a role with code/sector (office substring, or the exact
    office if `exact`) on date `on`."""
    on = dt.date.fromisoformat(on)
    for r in BY_ID[pid]["roles"]:
        if r["code"] != code or r["sector"] != sector:
            continue
        if office and exact and office.lower() != r["office"].lower():
            continue
        if office and office.lower() not in r["office"].lower():
            continue
        start = _bounds(r["start"])[0]
        end = _bounds(r["end"])[1] if r["end"] else dt.date.max
        if start <= on <= end:
            return True
    return False


def find(alias):
    hits = [p["id"] for _, _, p in PEOPLE
            if _norm(alias) in {_norm(p["name"]), *(_norm(a) for a in p["aliases"])}]
    assert len(hits) == 1, (alias, hits)
    return hits[0]


def test_files_present():
    assert FILES, "no people_*.jsonl files"
    assert len(PEOPLE) > 300


@pytest.mark.parametrize("fname,line,p", PEOPLE, ids=[f"{f}:{n}" for f, n, _ in PEOPLE])
def test_record_well_formed(fname, line, p):
    assert p["kind"] == "person"
    assert set(p) == {"kind", "id", "name", "aliases", "gender", "roles"}
    assert isinstance(p["id"], str) and ID_RE.match(p["id"])
    assert isinstance(p["name"], str) and p["name"].strip() == p["name"] and p["name"]
    assert isinstance(p["aliases"], list)
    assert all(isinstance(a, str) and a.strip() == a and a for a in p["aliases"])
    assert len({_norm(a) for a in p["aliases"]}) == len(p["aliases"]), "duplicate alias"
    assert _norm(p["name"]) not in {_norm(a) for a in p["aliases"]}, "alias repeats the name"
    assert p["gender"] in ("m", "f")
    assert isinstance(p["roles"], list) and p["roles"]
    prev = None
    for r in p["roles"]:
        assert set(r) <= {"code", "org", "sector", "office", "start", "end"}
        assert {"code", "sector", "office", "start", "end"} <= set(r)
        code = r["code"]
        if code in SPECIAL_CODES:
            if code == "IGO":
                assert isinstance(r.get("org"), str) and r["org"]
        else:
            assert pycountry.countries.get(alpha_3=code) is not None, code
        assert r["sector"] in SECTORS, r["sector"]
        assert isinstance(r["office"], str) and r["office"].strip()
        s_lo, _ = _bounds(r["start"])
        if r["end"] is not None:
            _, e_hi = _bounds(r["end"])
            assert s_lo <= e_hi, (r["start"], r["end"])
            assert e_hi.year <= 2026
        assert s_lo.year <= 2026
        if prev is not None:
            assert prev <= s_lo, "roles not in chronological order"
        prev = s_lo
        # each role must overlap 2000-2026 at least loosely (earlier roles of listed people allowed)


def test_ids_unique():
    seen = {}
    for f, n, p in PEOPLE:
        assert p["id"] not in seen, (p["id"], seen.get(p["id"]), (f, n))
        seen[p["id"]] = (f, n)


_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _family_name(name: str) -> str:
    """The surname of a full name: its last word, past suffixes ("Aquino III") and an "al-" ("al-Assad")."""
    words = [w for w in _norm(name).replace("-", " ").split() if w.rstrip(".") not in _NAME_SUFFIXES]
    return words[-1] if words else ""


def test_aliases_unambiguous():
    """An alias names one person, except a family's surname ("Bush", "Castro"), which the resolver settles by
    who held office at the document's date (and leaves unresolved when that does not settle it)."""
    keys = {}
    by_id = {p["id"]: p for _, _, p in PEOPLE}
    for _, _, p in PEOPLE:
        for k in {_norm(p["name"]), *(_norm(a) for a in p["aliases"])}:
            keys.setdefault(k, set()).add(p["id"])
    bad = []
    for _, _, p in PEOPLE:
        for a in p["aliases"]:
            owners = keys[_norm(a)]
            family = all(_family_name(by_id[o]["name"]) == _norm(a).replace("-", " ") for o in owners)
            if len(owners) > 1 and not family:
                bad.append((a, sorted(owners)))
    assert not bad, bad


def test_spot_merkel():
    pid = find("Angela Merkel")
    assert holds(pid, "DEU", "GOV", "2019-06-01", "Chancellor")
    assert not holds(pid, "DEU", "GOV", "2023-06-01", "Chancellor")
    assert find("Merkel") == pid


def test_spot_zelensky():
    pid = find("Zelensky")
    assert find("Zelenskyy") == pid == find("Volodymyr Zelenskyy")
    assert holds(pid, "UKR", "GOV", "2023-04-28", "President")


def test_spot_lula():
    pid = find("Lula")
    assert find("Luiz Inácio Lula da Silva") == pid
    assert holds(pid, "BRA", "GOV", "2023-04-28", "President", exact=True)
    assert holds(pid, "BRA", "GOV", "2005-01-01", "President", exact=True)
    assert not holds(pid, "BRA", "GOV", "2015-01-01")


def test_spot_misc():
    assert holds(find("Putin"), "RUS", "GOV", "2010-01-01", "Prime Minister")
    assert holds(find("Putin"), "RUS", "GOV", "2023-04-28", "President")
    assert holds(find("Sergei Lavrov"), "RUS", "GOV", "2023-04-28", "Foreign")
    assert holds(find("Maria Zakharova"), "RUS", "GOV", "2023-04-28")
    assert holds(find("Wang Wenbin"), "CHN", "GOV", "2022-01-01")
    assert holds(find("Xi Jinping"), "CHN", "GOV", "2023-04-28", "President")
    assert not holds(find("Xi Jinping"), "CHN", "GOV", "2010-01-01", "President", exact=True)
    assert holds(find("Joe Biden"), "USA", "GOV", "2023-04-28", "President")
    assert holds(find("Joe Biden"), "USA", "GOV", "2010-01-01", "Vice President")
    assert holds(find("Donald Trump"), "USA", "GOV", "2025-06-01", "President")
    assert not holds(find("Donald Trump"), "USA", "GOV", "2023-06-01", "President")
    assert holds(find("Antonio Guterres"), "UNO", "GOV", "2023-04-28")
    assert holds(find("Jens Stoltenberg"), "IGO", "GOV", "2020-01-01")
    assert holds(find("Ursula von der Leyen"), "EUR", "GOV", "2023-04-28")
    assert holds(find("Mohammed bin Salman"), "SAU", "GOV", "2023-04-28", "Crown Prince")
    assert holds(find("Recep Tayyip Erdogan"), "TUR", "GOV", "2010-01-01", "Prime Minister")
    assert holds(find("Erdoğan"), "TUR", "GOV", "2023-04-28", "President")
    assert holds(find("Abdel Fattah al-Burhan"), "SDN", "MIL", "2023-04-28")
    assert holds(find("Hemedti"), "SDN", "REB", "2023-06-01")
    assert holds(find("Khalifa Haftar"), "LBY", "MIL", "2020-01-01")
