"""Fixtures for the ingest tests: the small fixture files and Wikinews articles from ../shared."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Packaged defaults, independent of the developer's own settings file."""
    return Settings()


@pytest.fixture(scope="session")
def wikinews(shared_dir) -> list[dict]:
    """The 283 Wikinews articles (CC BY 2.5) as records."""
    path = shared_dir / "data" / "wikinews" / "articles.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
