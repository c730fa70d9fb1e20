"""Shared fixtures for the actors tests: the spaCy pipeline and the seed article are loaded once."""
from __future__ import annotations

import datetime
import json

import pytest

SEED_DATE = datetime.date(2023, 4, 28)


@pytest.fixture(scope="session")
def nlp():
    """The spaCy model with the block splitter and the actors component (no events stage)."""
    from communique import actors  # noqa: F401
    from communique.language import load_language

    pipeline = load_language()
    pipeline.add_pipe("communique_actors")
    return pipeline


def parse(nlp, text: str, date: datetime.date | None = None):
    """Run the pipeline on one text with a publication date."""
    doc = nlp.make_doc(text)
    doc._.cq_pub_date = date
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


@pytest.fixture(scope="session")
def seed_doc(nlp, seed_text):
    return parse(nlp, seed_text, SEED_DATE)


@pytest.fixture(scope="session")
def seed_gold(shared_dir) -> list[dict]:
    with (shared_dir / "seed" / "gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
