"""Shared fixtures. The gold corpus lives beside the repository and is never written to."""
from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"gold corpus not found at {CORPUS}")
    return CORPUS
