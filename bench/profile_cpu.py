"""Where the CPU of the archive path goes (not named profile.py: that would shadow the standard
library module cProfile imports whenever bench/ is on sys.path), stage by stage (issue: 100 documents a second).

    .venv/bin/python bench/profile_cpu.py [--corpus ../shared/corpus] [--pages N] [--top 15]

Runs the path ``warcount run`` takes for each of the dev HTML pages (read, pre-filter, clean, the
second check on the cleaned text, extract, resolve, the Parquet rows) in one process under cProfile, then charges every function's
own time (tottime) to a stage by the module it lives in: warcount's modules by name, trafilatura,
htmldate, justext, courlan and lxml to "clean (trafilatura)", spaCy and thinc to "parse", pyarrow to
"parquet". Stages the code does not have (yet) simply do not appear. Prints a table of CPU ms per
kept page and per page overall, and the share of each stage.
"""
from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import pstats
import time
from collections import defaultdict
from pathlib import Path

LIBRARY_STAGES = {
    "trafilatura": "clean (trafilatura)", "htmldate": "clean (trafilatura)", "justext": "clean (trafilatura)",
    "courlan": "clean (trafilatura)", "lxml": "clean (trafilatura)", "charset_normalizer": "read",
    "spacy": "parse", "thinc": "parse", "numpy": "parse", "pyarrow": "parquet", "reverse_geocode": "places",
}
WARCOUNT_STAGES = {
    "read": "read", "prefilter": "pre-filter", "clean": "clean (warcount)", "nlp": "parse",
    "claims": "claims", "numbers": "claims", "attribution": "claims", "mentions": "claims",
    "sides": "claims", "account": "account", "dates": "dates", "places": "places", "gazetteer": "places",
    "events": "events", "estimates": "events", "scale": "parquet", "pipeline": "pipeline",
}


OTHER = "other"


def stage_of(filename: str) -> str:
    """The stage of a function by its file; ``OTHER`` for builtins and the standard library."""
    parts = Path(filename).parts
    if "warcount" in parts:
        name = Path(filename).stem
        return WARCOUNT_STAGES.get(name, f"warcount.{name}")
    for lib, stage in LIBRARY_STAGES.items():
        if lib in parts:
            return stage
    return OTHER


def charge(stats: pstats.Stats) -> dict[str, float]:
    """Own time per stage; a builtin's or the standard library's own time (``str.join``, ``re.sub``)
    goes to the stages of its callers, in proportion to the time each caller spent in it."""
    table = stats.stats  # type: ignore[attr-defined]
    memo: dict[tuple, dict[str, float]] = {}

    def shares(key: tuple, depth: int = 0) -> dict[str, float]:
        if key in memo:
            return memo[key]
        stage = stage_of(key[0])
        if stage != OTHER or depth > 6 or key not in table:
            memo[key] = {stage: 1.0}
            return memo[key]
        memo[key] = {OTHER: 1.0}  # a guard against recursion cycles
        callers = table[key][4]
        total = sum(v[3] for v in callers.values()) or 0.0
        out: dict[str, float] = defaultdict(float)
        for ckey, v in callers.items():
            w = v[3] / total if total else 1.0 / len(callers)
            for st, f in shares(ckey, depth + 1).items():
                out[st] += w * f
        memo[key] = dict(out) or {OTHER: 1.0}
        return memo[key]

    by_stage: dict[str, float] = defaultdict(float)
    for key, (_cc, _nc, tottime, _ct, _callers) in table.items():
        for st, f in shares(key).items():
            by_stage[st] += tottime * f
    return by_stage


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--pages", type=int, default=None, help="only the first N pages")
    ap.add_argument("--top", type=int, default=0, help="also print the N costliest functions")
    args = ap.parse_args()

    from warcount import prefilter, scale
    from warcount.errors import InputError
    from warcount.nlp import pipeline
    from warcount.pipeline import process
    from warcount.read import read_content

    folder = Path(args.corpus) / "dev" / "html-articles"
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    ids = sorted(truth)[: args.pages]
    raws = [gzip.decompress((folder / "html" / f"{i}.html.gz").read_bytes()) for i in ids]
    pipeline()  # the model load and the gazetteer are one-time costs, outside the per-page figures
    try:
        process(read_content("Three people were killed in Aleppo, Syria on Monday.", origin="warm-up"))
    except InputError:
        pass
    rows: dict = defaultdict(list)
    kept = 0
    prof = cProfile.Profile(time.process_time)  # CPU time: the machine may be shared
    t0 = time.process_time()
    prof.enable()
    for pid, raw in zip(ids, raws):
        if not prefilter.keep(raw, html=True):
            continue
        kept += 1
        try:
            report = process(read_content(raw, origin=pid), gate=scale._keeps_cleaned)  # the second check, as run does
        except InputError:
            continue
        scale._add_report_rows(rows, "p0", report)
    prof.disable()
    cpu = time.process_time() - t0
    stats = pstats.Stats(prof)
    by_stage = charge(stats)
    total = sum(by_stage.values()) or 1.0
    print(f"{len(ids)} pages, {kept} kept by the pre-filter; {cpu:.2f} s CPU under the profiler "
          f"({1000 * cpu / max(kept, 1):.1f} ms per kept page; the shares hold, the profiler inflates the total)")
    print(f"{'stage':34s} {'ms/kept page':>12s} {'share':>7s}")
    for stage, sec in sorted(by_stage.items(), key=lambda kv: -kv[1]):
        print(f"{stage:34s} {1000 * sec / max(kept, 1):12.2f} {100 * sec / total:6.1f}%")
    if args.top:
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
