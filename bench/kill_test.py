"""SIGKILL during ``warcount ingest``, the long version (issue 7): 50 kills by default.

Each round: a fresh ledger, ``warcount ingest`` of 200 synthetic report lines
(tests/test_concurrency.py: ``articles``, ``report_lines``) killed with SIGKILL
after a random delay within the time a full ingest takes; then
``PRAGMA integrity_check`` must be ok, every document present must have
exactly the clean run's claims, and a rerun must converge to the clean run's
canonical content.

    .venv/bin/python bench/kill_test.py --kills 50
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_concurrency import (articles, canonical, ingest, integrity, kill_once, report_lines,  # noqa: E402
                              whole_documents, write_lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kills", type=int, default=50)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=50)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        src = write_lines(tmp / "reports.jsonl", report_lines(articles(args.articles)))
        t0 = time.monotonic()
        res = ingest(tmp / "clean.db", src)
        full = time.monotonic() - t0
        assert res.returncode == 0, res.stderr
        clean = canonical(tmp / "clean.db")
        print(f"clean run: {len(clean['documents'])} documents, {len(clean['claims'])} claims, "
              f"{clean['n_events']} events in {full:.1f} s", flush=True)
        partial_docs, failures = [], 0
        t_all = time.monotonic()
        for i in range(args.kills):
            db = tmp / f"killed-{i}.db"
            delay = kill_once(db, src, rng, full * 1.1)
            ok = True
            n = 0
            if db.exists():
                ok &= integrity(db) == "ok"
                ok &= whole_documents(db, clean) == []
                n = len(canonical(db)["documents"])
            partial_docs.append(n)
            rerun = ingest(db, src)
            ok &= rerun.returncode == 0 and integrity(db) == "ok" and canonical(db) == clean
            failures += not ok
            print(f"kill {i + 1:2d}: after {delay:.2f} s, {n:3d} documents committed; integrity, whole documents, "
                  f"rerun converges: {'ok' if ok else 'FAILED'}", flush=True)
            db.unlink(missing_ok=True)
        mid = sum(1 for n in partial_docs if 0 < n < len(clean["documents"]))
        print(f"{args.kills} kills in {time.monotonic() - t_all:.0f} s: {failures} failures; {mid} kills landed "
              f"mid-ingest (0 < documents < {len(clean['documents'])}), "
              f"{partial_docs.count(0)} before the first commit, "
              f"{partial_docs.count(len(clean['documents']))} after the last")
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
