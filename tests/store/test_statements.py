"""Statements (CAMEO 01 comments) in the store: written beside the events, read back, replaced on recode."""
from __future__ import annotations

import sqlalchemy as sa

import communique
from communique.records import Entity, Event, TextInfo
from communique.store.schema import events, statements

from .conftest import RuleCoder, make_doc

TEXT = "China condemned Japan. China expressed concern to Japan."


class StatementCoder(RuleCoder):
    """`RuleCoder` that also reports "<Country> expressed concern to <Country>" as a 012 statement."""

    def code(self, documents):
        for result in super().code(documents):
            text = result.document.text
            start = text.find("China expressed concern")
            if start >= 0:
                info = TextInfo(1, start, len(text))
                china, japan = text.index("China", start), text.rindex("Japan")
                cameo = self.ontology["012"]
                statement = Event(
                    doc_id=result.document.doc_id, event=None, cameo="012",
                    actor=[Entity("China", "CHN", "GOV", "China", china, china + 5)],
                    recipient=[Entity("Japan", "JPN", "GOV", "Japan", japan, japan + 5)],
                    text=text[start:], text_info=info, quad_code=cameo.quad_code, goldstein=cameo.goldstein,
                    confidence=0.8, rule=f"test:concern:{self.version}", mentions=[info], type="statement",
                )  # fmt: skip
                result.statements = [statement]
            yield result


def _statement_rows(db) -> list[tuple]:
    columns = (statements.c.doc_id, statements.c.cameo, statements.c.actor_code, statements.c.recipient_code,
               statements.c.rule)  # fmt: skip
    return db._read(lambda c: [tuple(row) for row in c.execute(sa.select(*columns))])


def test_statements_are_stored_apart_from_events(db):
    db.ingest([make_doc("a", TEXT)], coder=StatementCoder())
    assert _statement_rows(db) == [("a", "012", "CHN", "JPN", "test:concern:rules-1")]
    assert db._read(lambda c: c.scalar(sa.select(sa.func.count()).select_from(events))) == 1  # the condemnation
    [record] = db.document("a").statements
    assert record["type"] == "statement" and record["cameo"] == "012" and record["event"] is None


def test_statements_are_replaced_not_added_on_recode(db):
    db.ingest([make_doc("a", TEXT)], coder=StatementCoder("rules-1"))
    assert db.recode(coder=StatementCoder("rules-2")).updated == 1
    assert _statement_rows(db) == [("a", "012", "CHN", "JPN", "test:concern:rules-2")]
    assert db.recode(coder=RuleCoder("rules-3")).updated == 1
    assert _statement_rows(db) == []
    with communique.open(db.url) as again:
        assert again.document("a").statements == []
