"""Store fixtures: a database on a real SQLite file and on a real PostgreSQL server, and a small rule coder.

The PostgreSQL server comes from `$COMMUNIQUE_TEST_PG_URL` (set by `scripts/start_postgres.sh`, which `.ci/run`
sources); when it is unset the fixture runs the script itself. When no server can be started the PostgreSQL
tests fail under CI (`CI=true`) and are skipped, with the reason, elsewhere. Each test gets its own database.
"""
from __future__ import annotations

import os
import re
import subprocess
import uuid
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from communique.ontology import load_ontology
from communique.records import CodedDocument, Document, Entity, Event, Quote, TextInfo

ROOT = Path(__file__).resolve().parents[2]
START_SCRIPT = ROOT / "scripts" / "start_postgres.sh"

COUNTRIES = {"China": "CHN", "Japan": "JPN", "Russia": "RUS", "Ukraine": "UKR", "France": "FRA",
             "Germany": "DEU", "India": "IND", "Brazil": "BRA"}  # fmt: skip
VERBS = {"condemned": "111", "met": "040", "attacked": "190", "praised": "051", "sanctioned": "163",
         "threatened": "130"}  # fmt: skip
_COUNTRY = "|".join(COUNTRIES)
_PATTERN = re.compile(rf"\b({_COUNTRY})(?: and ({_COUNTRY}))? ({'|'.join(VERBS)}) ({_COUNTRY})(?: and ({_COUNTRY}))?")
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")
_QUOTE = re.compile(r'"([^"]+)"')


class RuleCoder:
    """A small deterministic coder for store tests: "<Country> <verb> <Country>" per sentence.

    It produces full `Event` records (actors with offsets, CAMEO, PLOVER type, scores from the ontology,
    mentions) so the store sees what the real coder gives, in milliseconds. `calls` counts coded documents.
    """

    def __init__(self, version: str = "rules-1", sector: str = "GOV") -> None:
        self.version = version
        self.sector = sector
        self.options = None
        self.calls = 0
        self.ontology = load_ontology()

    def code(self, documents: Iterable[Document]) -> Iterator[CodedDocument]:
        for document in documents:
            self.calls += 1
            if "FAIL" in document.text:
                yield CodedDocument(document=document, error=f"{document.doc_id}: could not be coded (test)")
                continue
            sentences = list(_SENTENCE.finditer(document.text))
            events = [e for n, s in enumerate(sentences) for e in self._events(document, n, s)]
            quotes = [self._quote(document, m, sentences) for m in _QUOTE.finditer(document.text)]
            yield CodedDocument(document=document, events=events, quotes=quotes, n_sentences=len(sentences))

    def _entity(self, match: re.Match, group: int) -> Entity:
        name = match.group(group)
        return Entity(name, COUNTRIES[name], self.sector, name, match.start(group), match.end(group),
                      entry=f"test:{COUNTRIES[name]}", kind="country")  # fmt: skip

    def _events(self, document: Document, n: int, sentence: re.Match) -> Iterator[Event]:
        for match in _PATTERN.finditer(document.text, sentence.start(), sentence.end()):
            cameo = self.ontology[VERBS[match.group(3)]]
            info = TextInfo(n, sentence.start(), sentence.end())
            event = Event(
                doc_id=document.doc_id, event=cameo.event, cameo=cameo.cameo,
                actor=[self._entity(match, g) for g in (1, 2) if match.group(g)],
                recipient=[self._entity(match, g) for g in (4, 5) if match.group(g)],
                text=sentence.group(), text_info=info, mode=cameo.mode, context=cameo.context,
                quad_code=cameo.quad_code, goldstein=cameo.goldstein, plover_score=cameo.plover_score,
                date=document.date.isoformat() if document.date else None,
                date_source="publication" if document.date else "none",
                date_precision="day" if document.date else None, confidence=0.9, rule=f"test:{match.group(3)}",
                mentions=[info],
            )  # fmt: skip
            event.assign_id()
            yield event

    def _quote(self, document: Document, match: re.Match, sentences: list[re.Match]) -> Quote:
        n = next((i for i, s in enumerate(sentences) if s.start() <= match.start() < s.end()), 0)
        return Quote(document.doc_id, None, match.group(1), match.start(1), match.end(1), n, rule="test:quote")


@pytest.fixture()
def rule_coder() -> RuleCoder:
    return RuleCoder()


def make_doc(doc_id: str, text: str, day: str = "2023-04-28", source: str | None = "wire", **kw) -> Document:
    return Document(doc_id=doc_id, text=text, date=date.fromisoformat(day) if day else None, source=source, **kw)


# --- databases ------------------------------------------------------------------------------------------
_PG_STATE: dict[str, str | None] = {}


def _start_postgres() -> str | None:
    """The server URL from the environment, else from running scripts/start_postgres.sh; None if neither."""
    if "url" in _PG_STATE:
        return _PG_STATE["url"]
    url = os.environ.get("COMMUNIQUE_TEST_PG_URL")
    reason = None
    if not url:
        try:
            done = subprocess.run(["bash", str(START_SCRIPT)], capture_output=True, text=True, timeout=600)
            exports = [line for line in done.stdout.splitlines() if line.startswith("export COMMUNIQUE_TEST_PG_URL=")]
            if done.returncode == 0 and exports:
                url = exports[-1].split("=", 1)[1]
            else:
                reason = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
                reason = reason[0]
        except (OSError, subprocess.SubprocessError) as err:
            reason = str(err)
    _PG_STATE["url"] = url
    _PG_STATE["reason"] = reason or "COMMUNIQUE_TEST_PG_URL is unset and scripts/start_postgres.sh failed"
    return url


def postgres_server_url() -> str:
    """The admin URL of the test server, or fail (CI) / skip (elsewhere) with the reason."""
    url = _start_postgres()
    if url:
        return url
    message = f"no PostgreSQL server for the store tests: {_PG_STATE['reason']}"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (dropped afterwards)."""
    server = sa.engine.make_url(postgres_server_url())
    name = f"cq_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    url = server.set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """The same test on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture()
def db(db_url):
    from communique.store import open_database

    database = open_database(db_url)
    yield database
    database.close()


# --- events with unidentified actors (null codes) ---------------------------------------------------------
UNIDENTIFIED_TEXT = ("Gunmen attacked police in Peshawar. China condemned Japan. "
                     "A car bomb hit soldiers. Pakistan accused unknown attackers.")  # fmt: skip


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def unidentified_events(document: Document) -> list[Event]:
    """Events as the extractor will soon give them: some actors and recipients have `code: None`.

    In `UNIDENTIFIED_TEXT`: gunmen (no code, UAF) ASSAULT PAK police; CHN ACCUSE JPN (both coded); a car bomb
    (no code, no sector) ASSAULT soldiers (no code, MIL); PAK ACCUSE unknown attackers (no code, UAF).
    """
    text, ontology = document.text, load_ontology()
    sentences = [m.span() for m in _SENTENCE.finditer(text)]

    def entity(phrase: str, code: str | None, sector: str | None, name: str | None = None) -> Entity:
        return Entity(phrase, code, sector, name, *_span(text, phrase), entry=None, kind="group")

    def event(n: int, cameo_code: str, actor: Entity, recipient: Entity) -> Event:
        cameo = ontology[cameo_code]
        start, end = sentences[n]
        info = TextInfo(n, start, end)
        made = Event(
            doc_id=document.doc_id, event=cameo.event, cameo=cameo.cameo, actor=[actor], recipient=[recipient],
            text=text[start:end], text_info=info, mode=cameo.mode, context=cameo.context,
            quad_code=cameo.quad_code, goldstein=cameo.goldstein, plover_score=cameo.plover_score,
            date=document.date.isoformat(), date_source="publication", date_precision="day", confidence=0.8,
            rule="test:unidentified", mentions=[info],
        )  # fmt: skip
        made.assign_id()
        return made

    return [
        event(0, "180", entity("Gunmen", None, "UAF"), entity("police", "PAK", "COP", "Pakistan")),
        event(1, "111", entity("China", "CHN", "GOV", "China"), entity("Japan", "JPN", "GOV", "Japan")),
        event(2, "183", entity("A car bomb", None, None), entity("soldiers", None, "MIL")),
        event(3, "112", entity("Pakistan", "PAK", "GOV", "Pakistan"), entity("unknown attackers", "", "UAF")),
    ]


class UnidentifiedCoder(RuleCoder):
    """Codes every document as `unidentified_events` does (its text must contain the same sentences)."""

    def __init__(self) -> None:
        super().__init__(version="unidentified-1")

    def code(self, documents: Iterable[Document]) -> Iterator[CodedDocument]:
        for document in documents:
            self.calls += 1
            yield CodedDocument(document=document, events=unidentified_events(document), n_sentences=4)
