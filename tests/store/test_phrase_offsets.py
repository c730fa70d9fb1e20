"""Argument phrase offsets (`Entity.phrase_start`/`phrase_end`) in the store: ingest, read back, recode."""
from __future__ import annotations

import json

import sqlalchemy as sa
from click.testing import CliRunner

import communique
from communique.cli import main
from communique.store.schema import entities

from .conftest import RuleCoder, make_doc

# "Japan's navy" is the phrase the recipient Japan fills; India and France fill only their names, and the
# coder leaves their phrases unknown (null).
TEXT = "China condemned Japan's navy. India met France."
PHRASES = {"China": "China", "Japan": "Japan's navy"}


def _phrase(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


class PhraseCoder(RuleCoder):
    """`RuleCoder` whose participants carry the argument phrases of `PHRASES` (others stay None)."""

    def code(self, documents):
        for result in super().code(documents):
            for event in result.events:
                for entity in event.actor + event.recipient:
                    if entity.entity_text in PHRASES:
                        entity.phrase_start, entity.phrase_end = _phrase(PHRASES[entity.entity_text])
            yield result


def entity_rows(db) -> list[tuple]:
    columns = (entities.c.role, entities.c.entity_text, entities.c.start, entities.c.end,
               entities.c.phrase_start, entities.c.phrase_end)  # fmt: skip
    return db._read(lambda c: [tuple(row) for row in c.execute(sa.select(*columns).order_by(entities.c.n))])


EXPECTED_ROWS = [
    ("actor", "China", 0, 5, 0, 5),
    ("recipient", "Japan", 16, 21, *_phrase("Japan's navy")),
    ("actor", "India", 30, 35, None, None),
    ("recipient", "France", 40, 46, None, None),
]


def _participants(events: list[dict]) -> list[tuple]:
    return [(e["entity_text"], e["phrase_start"], e["phrase_end"])
            for event in events for e in event["actor"] + event["recipient"]]  # fmt: skip


EXPECTED_RECORDS = [("China", 0, 5), ("Japan", *_phrase("Japan's navy")), ("India", None, None),
                    ("France", None, None)]  # fmt: skip


def test_phrase_offsets_are_stored_and_read_back(db_url):
    with communique.open(db_url) as db:
        db.ingest([make_doc("a", TEXT)], coder=PhraseCoder())
        assert entity_rows(db) == EXPECTED_ROWS
        assert _participants(db.reports("a")) == EXPECTED_RECORDS
        assert _participants(db.document("a").events) == EXPECTED_RECORDS
    result = CliRunner().invoke(main, ["doc", "a", "--db", db_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert _participants(json.loads(result.output)["events"]) == EXPECTED_RECORDS


def test_phrase_offsets_are_written_by_recode(db):
    db.ingest([make_doc("a", TEXT)], coder=RuleCoder("rules-1"))
    assert [row[4:] for row in entity_rows(db)] == [(None, None)] * 4
    assert db.recode(coder=PhraseCoder("rules-2")).updated == 1
    assert entity_rows(db) == EXPECTED_ROWS
    assert _participants(db.reports("a")) == EXPECTED_RECORDS
