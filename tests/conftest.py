"""Shared fixtures: paths to ../shared (tests may read it; the product never does) and one loaded pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the tests need the shared reference folder beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared_dir) -> str:
    return (shared_dir / "seed" / "seed.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def coder():
    """The full pipeline with the real spaCy model, loaded once per test session."""
    from communique.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def nlp_blocks():
    """The spaCy model with only the block splitter added (no Communique stages)."""
    from communique.language import load_language

    return load_language()
