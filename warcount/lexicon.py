"""Loads the packaged lexicons (data files under ``warcount/lexicons``) once."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed JSON lexicon ``warcount/lexicons/<name>.json``."""
    text = resources.files("warcount").joinpath("lexicons", f"{name}.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def word_set(name: str, key: str) -> frozenset[str]:
    """A lower-cased set of the single words under ``key`` of a lexicon."""
    return frozenset(w.lower() for w in load(name)[key])


@lru_cache(maxsize=None)
def inverse(name: str, key: str) -> dict[str, str]:
    """``{word: category}`` from a ``{category: [words]}`` entry."""
    out: dict[str, str] = {}
    for category, words in load(name)[key].items():
        for w in words:
            out.setdefault(w.lower(), category)
    return out
