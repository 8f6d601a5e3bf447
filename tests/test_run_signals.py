"""``warcount run`` resumed after SIGTERM, SIGHUP and SIGKILL equals a clean run (issue 10, defect 6).

The short version: one trial per signal (3 in CI); ``bench/run_signals.py --rounds 20`` is the
long one. Plus the rule itself, on the guard: an in-flight marker is a verdict only when a worker
of the *same* run left it.
"""
from __future__ import annotations

import importlib.util
import json
import random
import signal
from pathlib import Path

import pytest

from warcount import scale

BENCH = Path(__file__).resolve().parents[1] / "bench" / "run_signals.py"


def _bench():
    spec = importlib.util.spec_from_file_location("run_signals", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_marker_of_an_earlier_run_is_not_a_verdict(tmp_path: Path) -> None:
    (tmp_path / "_inflight").mkdir()
    marker = tmp_path / "_inflight" / "p1.json"
    marker.write_text(json.dumps({"origin": "in.jsonl:7", "run": "killed-run"}))
    guard = scale._Guard(tmp_path, "p1", 30.0, "new-run")
    assert guard.poisoned == {} and not marker.exists()
    # the old form without a run id (an older version's marker) is not a verdict either
    marker.write_text(json.dumps({"origin": "in.jsonl:7"}))
    assert scale._Guard(tmp_path, "p1", 30.0, "new-run").poisoned == {}


def test_marker_of_this_run_is_a_verdict(tmp_path: Path) -> None:
    (tmp_path / "_inflight").mkdir()
    (tmp_path / "_inflight" / "p1.json").write_text(json.dumps({"origin": "in.jsonl:7", "run": "r1"}))
    guard = scale._Guard(tmp_path, "p1", 30.0, "r1")
    assert "in.jsonl:7" in guard.poisoned
    assert "in.jsonl:7" in scale._Guard(tmp_path, "p1", 30.0, "r1").poisoned  # kept for the next retry
    assert scale._Guard(tmp_path, "p1", 30.0, "r2").poisoned == {}  # but not for another run


def test_torn_marker_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "_inflight").mkdir()
    (tmp_path / "_inflight" / "p1.json").write_text('{"origin": "in.js')
    assert scale._Guard(tmp_path, "p1", 30.0, "r1").poisoned == {}


@pytest.mark.slow
def test_resume_after_each_signal_equals_a_clean_run(tmp_path: Path) -> None:
    bench = _bench()
    src = bench.make_corpus(tmp_path / "in.jsonl", 80)
    bench.run_to_end(src, tmp_path / "clean")
    clean = bench.canonical(tmp_path / "clean")
    assert sum(clean["documents"].values()) == 80 and clean["claims"]
    rng = random.Random(3)
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGKILL):
        out = tmp_path / sig.name
        r = bench.trial(sig, src, out, rng, max_extra=1.5)
        assert r["poisoned"] == [], r
        assert bench.canonical(out) == clean, r
        if sig != signal.SIGKILL:
            assert r["tracebacks"] == 0, r["stderr"]
