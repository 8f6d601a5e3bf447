"""``warcount run`` stopped by a signal, then resumed, must equal a clean run (issue 10, defect 6).

Each trial: a fresh output folder; ``warcount run X.jsonl --workers 2 --partition-size 20`` in its
own process group; once a worker has a document in flight (an ``_inflight`` marker exists) and
after a further random delay, the whole group gets the signal (SIGTERM, SIGHUP or SIGKILL, as
from a terminal closing or a supervisor); then the same command runs again to the end. The
resumed output must hold exactly the clean run's documents and claims (none lost, none twice),
no innocent record may be reported as poisoned ("skipped on retry"), and SIGINT (Ctrl-C), SIGTERM
and SIGHUP must print no traceback of warcount or Dask. Not counted: KeyError tracebacks that
CPython 3.11's multiprocessing resource tracker (a helper process in the same group) prints
about semaphores it never saw registered; they are reported as "tracker noise".

    .venv/bin/python bench/run_signals.py --rounds 20          # 20 of each signal: the long version
    (tests/test_run_signals.py runs SIGTERM, SIGHUP and SIGKILL once each in CI)
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARCOUNT = str(Path(sys.executable).with_name("warcount"))
TOWNS = ["Aleppo", "Homs", "Idlib", "Hama", "Daraa", "Raqqa", "Deir ez-Zor", "Latakia", "Tartus", "Azaz"]
KINDS = ["killed", "wounded", "captured"]


def make_corpus(path: Path, n: int = 120) -> Path:
    """``n`` short incident reports, each different (town, figure, day), a claim or two each."""
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            town, kind = TOWNS[i % len(TOWNS)], KINDS[i % len(KINDS)]
            figure = 2 + i
            text = (f"At least {figure} people were {kind} in {town} on May {1 + i % 28}, 2016, "
                    f"the Syrian Observatory for Human Rights said. Residents said the shelling lasted "
                    f"{rng.randint(2, 9)} hours and {1 + i % 5} more were wounded.")
            fh.write(json.dumps({"id": f"r{i:04d}", "text": text, "published": "2016-06-01"}) + "\n")
    return path


def command(src: Path, out: Path, workers: int = 2, partition_size: int = 20) -> list[str]:
    return [WARCOUNT, "run", str(src), "--workers", str(workers), "--out", str(out), "--partition-size",
            str(partition_size), "--quiet", "--json"]


def run_to_end(src: Path, out: Path, timeout: float = 600) -> dict:
    res = subprocess.run(command(src, out), capture_output=True, text=True, timeout=timeout)
    if res.returncode != 0:
        raise RuntimeError(f"run exited {res.returncode}: {res.stderr[-2000:]}")
    return json.loads(res.stdout)


def canonical(out: Path) -> dict:
    """The output as comparable content: documents and claims by id, each counted."""
    from warcount import scale

    docs = scale.read_table(out, "documents").to_pylist()
    claims = scale.read_table(out, "claims").to_pylist()
    return {"documents": Counter((d.get("record_id") or d.get("origin"), d.get("status")) for d in docs),
            "claims": Counter(c["id"] for c in claims)}


def trial(sig: signal.Signals, src: Path, out: Path, rng: random.Random, max_extra: float = 3.0,
          wait_limit: float = 300) -> dict:
    """Start a run, signal its group once a document is in flight (plus a random delay), resume."""
    proc = subprocess.Popen(command(src, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    t0 = time.monotonic()
    inflight = out / "_inflight"
    while time.monotonic() - t0 < wait_limit and proc.poll() is None:
        if inflight.is_dir() and any(inflight.glob("*.json")):
            break
        time.sleep(0.05)
    time.sleep(rng.uniform(0, max_extra))
    landed = proc.poll() is None
    done_before = len(list((out / "_done").glob("*.json"))) if (out / "_done").is_dir() else 0
    if landed:
        os.killpg(proc.pid, sig)
    try:
        _, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        _, err = proc.communicate()
    _reap_group(proc.pid)
    summary = run_to_end(src, out)
    problems = [e for e in summary.get("error_samples", []) if "skipped on retry" in e.get("problem", "")]
    blocks = err.split("Traceback (most recent call last):")[1:]
    ours = [b for b in blocks if "multiprocessing/resource_tracker.py" not in b]
    return {"signal": sig.name, "after": round(time.monotonic() - t0, 2), "landed": landed,
            "partitions_done_before": done_before, "resumed": summary.get("partitions_resumed"),
            "poisoned": problems, "tracebacks": len(ours), "tracker_noise": len(blocks) - len(ours),
            "stderr": ("Traceback" + ours[0])[-1500:] if ours else err[-600:]}


def _reap_group(pgid: int) -> None:
    """Workers of a SIGKILLed client are orphans in its group: end them before the rerun."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=20, help="trials per signal")
    ap.add_argument("--records", type=int, default=120)
    ap.add_argument("--seed", type=int, default=10)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        src = make_corpus(tmp / "in.jsonl", args.records)
        t0 = time.monotonic()
        run_to_end(src, tmp / "clean")
        clean = canonical(tmp / "clean")
        print(f"clean run: {sum(clean['documents'].values())} documents, {sum(clean['claims'].values())} claims "
              f"in {time.monotonic() - t0:.1f} s", flush=True)
        failures = 0
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL):
            for i in range(args.rounds):
                out = tmp / f"{sig.name}-{i}"
                r = trial(sig, src, out, rng)
                same = canonical(out) == clean
                ok = same and not r["poisoned"] and (sig == signal.SIGKILL or r["tracebacks"] == 0)
                failures += not ok
                print(f"{sig.name} {i + 1:2d}: after {r['after']:5.2f} s (landed: {r['landed']}, "
                      f"{r['partitions_done_before']} partitions done before), resumed {r['resumed']}; "
                      f"equals clean run: {same}; poisoned: {len(r['poisoned'])}; tracebacks: {r['tracebacks']} "
                      f"(+{r['tracker_noise']} from multiprocessing's resource tracker)",
                      flush=True)
        print(f"{4 * args.rounds} trials, {failures} failures")
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
