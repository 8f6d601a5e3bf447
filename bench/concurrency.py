"""Two ``warcount ingest`` processes and ``warcount serve`` on one ledger, the long version (issue 7).

Inputs: 400 synthetic articles (tests/test_concurrency.py ``articles``) as
report lines, split into two overlapping halves (100 documents in both); each
round runs both ingests at once against a live server polled by a reader loop
(/api/documents and /api/events) on a fresh ledger. Checks: both ingests exit
0 without "database is locked"; the reader gets no error and never sees a
document with fewer claims than the sequential run gives it; integrity_check
ok; the ledger equals the sequential run's (canonical dump). ``--text`` feeds
the raw articles instead, so the ingests also extract (spaCy) while writing.

    .venv/bin/python bench/concurrency.py --rounds 5
    .venv/bin/python bench/concurrency.py --rounds 2 --text
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_concurrency import (articles, canonical, concurrent_run, ingest, integrity, report_lines,  # noqa: E402
                              write_lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--text", action="store_true", help="ingest raw articles (extraction included)")
    args = ap.parse_args()
    n = args.articles
    failures = 0
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        recs = articles(n)
        lines = ([json.dumps(r) for r in recs] if args.text else report_lines(recs))
        half, overlap = n // 2, n // 8
        a = write_lines(tmp / "a.jsonl", lines[:half + overlap])
        b = write_lines(tmp / "b.jsonl", lines[half - overlap:])
        base = tmp / "sequential.db"
        t0 = time.monotonic()
        for p in (a, b):
            res = ingest(base, p, timeout=1800)
            assert res.returncode == 0, res.stderr
        seq = time.monotonic() - t0
        want = canonical(base)
        print(f"sequential: {len(want['documents'])} documents, {len(want['claims'])} claims, "
              f"{want['n_events']} events in {seq:.1f} s", flush=True)
        for r in range(args.rounds):
            rdir = tmp / f"round-{r}"
            rdir.mkdir()
            run = concurrent_run(rdir, a, b, base)
            rd = run["reader"]
            locked = sum("locked" in err.lower() for _, err in run["results"])
            codes = [c for c, _ in run["results"]]
            same = canonical(run["db"]) == want
            ok = codes == [0, 0] and not locked and rd.errors == 0 and not rd.half and same \
                and integrity(run["db"]) == "ok"
            failures += not ok
            print(f"round {r + 1}: {run['seconds']:.1f} s; ingest exits {codes}; 'locked' in stderr: {locked}; "
                  f"reader {rd.requests} requests, {rd.errors} errors, {len(rd.half)} half-written sightings, "
                  f"up to {rd.max_docs} documents seen; equals sequential: {same} -> {'ok' if ok else 'FAILED'}",
                  flush=True)
            if rd.problems:
                print("  reader problems:", rd.problems[:3])
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
