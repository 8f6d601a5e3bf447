"""Words per second of the extraction pipeline on one core, on the seed path.

    .venv/bin/python bench/speed.py [FILE] [--repeat N]

Reads FILE (default: the seed article), warms up (loads the spaCy pipeline,
lexicons and gazetteer once), then times ``pipeline.process`` on the same
document N times in this one process and reports words/s over the raw
document's words. Time is this thread's CPU time (``time.thread_time``), so a
machine loaded by other processes changes the figure little; wall time is
printed beside it with the load average.
"""
from __future__ import annotations

import argparse
import logging
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev" / "khan-touman-2016.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(SEED))
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    logging.disable(logging.CRITICAL)
    from warcount.pipeline import process
    from warcount.read import read_content

    raw = Path(args.file).read_bytes()
    doc = read_content(raw, origin=args.file)
    words = len(doc.raw.split())
    report = process(doc)  # warm-up
    times = []
    walls = []
    for _ in range(args.repeat):
        t0, w0 = time.thread_time(), time.perf_counter()
        process(doc)
        times.append(time.thread_time() - t0)
        walls.append(time.perf_counter() - w0)
    times.sort()
    walls.sort()
    med = times[len(times) // 2]
    wall = walls[len(walls) // 2]
    print(f"file: {args.file}")
    print(f"words: {words}, claims: {len(report.claims)}, repeats: {args.repeat}")
    print(f"median {med * 1000:.1f} ms CPU per document -> {words / med:,.0f} words/s on one core "
          f"(best {words / times[0]:,.0f}); wall median {wall * 1000:.1f} ms "
          f"({words / wall:,.0f} words/s); load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
