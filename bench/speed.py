"""Words per second of the extraction pipeline on one core, on the seed path.

    .venv/bin/python bench/speed.py [FILE] [--repeat N]
    .venv/bin/python bench/speed.py [FILE] --against DIR [--rounds K] [--repeat N]

Reads FILE (default: the seed article), warms up (loads the spaCy pipeline,
lexicons and gazetteer once), then times ``pipeline.process`` on the same
document N times in this one process and reports words/s over the raw
document's words. Time is this thread's CPU time (``time.thread_time``), so a
machine loaded by other processes changes the figure less; wall time is
printed beside it with the load average.

On a shared machine the figure still moves by a tenth from run to run (caches
and cores shared with the other processes), so a change is measured against
the code before it with ``--against DIR`` (a checkout of the other version,
e.g. ``git worktree add /tmp/before HEAD~3``): K rounds, each timing DIR's code
then this tree's in fresh processes pinned to the same core, one after the
other, and the median of the rounds' ratios.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "dev" / "khan-touman-2016.txt"


def measure(file: str, repeat: int) -> dict:
    """Median and best CPU time of ``pipeline.process`` on one document, after a warm-up."""
    logging.disable(logging.CRITICAL)
    from warcount.pipeline import process
    from warcount.read import read_content

    raw = Path(file).read_bytes()
    doc = read_content(raw, origin=file)
    words = len(doc.raw.split())
    report = process(doc)  # warm-up
    times = []
    walls = []
    for _ in range(repeat):
        t0, w0 = time.thread_time(), time.perf_counter()
        process(doc)
        times.append(time.thread_time() - t0)
        walls.append(time.perf_counter() - w0)
    times.sort()
    walls.sort()
    return {"words": words, "claims": len(report.claims), "median": times[len(times) // 2], "best": times[0],
            "wall": walls[len(walls) // 2], "load": os.getloadavg()[0]}


def _child(tree: Path, file: str, repeat: int, cpu: int | None) -> dict:
    """One measurement of ``tree``'s code in a fresh process (pinned to ``cpu`` when given)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    cmd = [sys.executable, str(Path(__file__).resolve()), file, "--repeat", str(repeat), "--json"]
    if cpu is not None:
        cmd[:0] = ["taskset", "-c", str(cpu)]
    out = subprocess.run(cmd, env=env, cwd=str(tree), capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def compare(file: str, against: Path, rounds: int, repeat: int, cpu: int | None) -> None:
    """Interleaved rounds: ``against``'s code, then this tree's, under the same load."""
    ratios, bests = [], []
    for k in range(rounds):
        before = _child(against, file, repeat, cpu)
        after = _child(ROOT, file, repeat, cpu)
        wb, wa = before["words"] / before["median"], after["words"] / after["median"]
        ratios.append(wa / wb)
        bests.append(before["best"] / after["best"])
        print(f"round {k + 1}: before {wb:,.0f} words/s, after {wa:,.0f} words/s, x{wa / wb:.3f} "
              f"(best x{bests[-1]:.3f}; load {before['load']:.1f}/{after['load']:.1f})", flush=True)
    print(f"median ratio after/before over {rounds} rounds: x{statistics.median(ratios):.3f} "
          f"(min x{min(ratios):.3f}, max x{max(ratios):.3f}); of the best times x{statistics.median(bests):.3f} "
          "(other processes only ever add time: the best is the steadier figure on a loaded machine)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(SEED))
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--against", type=Path, help="a checkout of the code to compare with (interleaved rounds)")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--cpu", type=int, default=0, help="the core the rounds are pinned to (-1: not pinned)")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.against is not None:
        compare(args.file, args.against.resolve(), args.rounds, args.repeat, None if args.cpu < 0 else args.cpu)
        return
    r = measure(args.file, args.repeat)
    if args.json:
        print(json.dumps(r))
        return
    words, med, wall = r["words"], r["median"], r["wall"]
    print(f"file: {args.file}")
    print(f"words: {words}, claims: {r['claims']}, repeats: {args.repeat}")
    print(f"median {med * 1000:.1f} ms CPU per document -> {words / med:,.0f} words/s on one core "
          f"(best {words / r['best']:,.0f}); wall median {wall * 1000:.1f} ms "
          f"({words / wall:,.0f} words/s); load average {r['load']:.2f}")


if __name__ == "__main__":
    main()
