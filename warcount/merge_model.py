"""The learned merge decision: a logistic regression over :mod:`warcount.matching` features.

Why logistic regression: twenty-odd features, a few thousand labelled pairs,
weights a reader can check (a shared victim's name should weigh for, a
different city against), and a score that is a probability, so one
threshold decides a merge and a lower one a "possibly the same event"
suggestion. The weights, the inverse document frequencies of the TF-IDF
vectors and both thresholds are data (``lexicons/merge_model.json``),
written by ``scripts/train_merge.py`` from the dev incidents; nothing is
fitted or downloaded at run time.
"""
from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .matching import FEATURES, Evidence, features

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).parent / "lexicons" / "merge_model.json"


@dataclass
class MergeModel:
    """Weights per feature name, the idf table, and the merge and suggestion thresholds."""

    weights: dict[str, float]
    idf: dict[str, float]
    default_idf: float
    threshold: float = 0.5
    suggest: float = 0.2
    meta: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._w = [float(self.weights.get(name, 0.0)) for name in FEATURES]

    def score(self, ev: Evidence) -> float:
        z = sum(w * x for w, x in zip(self._w, features(ev)))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def as_json(self) -> dict[str, object]:
        return {"features": list(FEATURES), "weights": self.weights, "threshold": self.threshold,
                "suggest": self.suggest, "default_idf": self.default_idf, "meta": self.meta, "idf": self.idf}


def from_json(d: dict[str, object]) -> MergeModel:
    return MergeModel(weights={str(k): float(v) for k, v in dict(d["weights"]).items()},  # type: ignore[arg-type]
                      idf={str(k): float(v) for k, v in dict(d["idf"]).items()},  # type: ignore[arg-type]
                      default_idf=float(d["default_idf"]), threshold=float(d["threshold"]),  # type: ignore[arg-type]
                      suggest=float(d["suggest"]), meta=dict(d.get("meta") or {}))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def load() -> MergeModel:
    """The shipped model, read once per process."""
    with open(MODEL_PATH, encoding="utf-8") as fh:
        return from_json(json.load(fh))


def fit(x: np.ndarray, y: np.ndarray, *, l2: float = 1.0, steps: int = 300) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method (the bias column is not penalised).

    Small and exact enough for a few thousand rows and two dozen features; no scikit-learn needed."""
    n, d = x.shape
    w = np.zeros(d)
    reg = np.full(d, l2)
    reg[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w
