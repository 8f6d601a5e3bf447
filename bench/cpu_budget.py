"""The CPU budget of one page on the archive path, measured stage by stage in thread CPU time.

    python bench/cpu_budget.py /tmp/corpus/pages.warc.gz [--limit N] [--target 100] [--cores 2]

Why: issue 15 asks ``warcount run`` for 100 documents a second with 2 workers on 2 cores, cluster
start included. That leaves ``(cores x documents / target - start-up) / documents`` CPU-seconds
per page, about 17 ms on the benchmark's 1,991 pages. Whether that is within reach depends on what
the pages that must be extracted cost in the one stage warcount cannot make cheaper by itself:
``trafilatura.extract(fast=True, with_metadata=True)``, the issue's own reference extractor. This
script gives, on the benchmark's mix and in one process, the path ``scale.run_partition`` takes,
each stage timed with ``time.thread_time`` (this thread's CPU: the machine may be shared, and a
profiler would inflate it):

    read          the WARC record and its decoding into a ``Document`` (every page)
    pre-filter    ``prefilter.keep`` on the raw bytes (every page), and its pass rate
    trafilatura   ``trafilatura.extract(fast=True, with_metadata=True)`` alone (passing pages; not
                  part of the path: the reference the issue names)
    clean         ``clean.clean``: warcount's whole extraction (passing pages)
    gate          the second check on the cleaned text (``prefilter.keep_cleaned``)
    parse         the spaCy calls (``nlp.Budgeted`` call and pipe)
    own passes    everything else ``pipeline.process`` does (sentences, claims, account, dates,
                  places, events, ids)
    rows          the Parquet rows of the report, and the partition's Parquet write

and, from a fresh process, the worker start-up: the imports a worker's task needs, the spaCy
model load, and the first document's extra cost over the same document again (gazetteer and
lexicon loads). It then prints the budget table: each stage's CPU per passing page and per page
of the mix, against the budget per page.

It also counts, for the pre-filter levers, the passing pages that give no claim at all
(``--claims-out FILE`` writes each passing page's claim count, for ``bench/prefilter.py``).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

STARTUP = r"""
import json, time, sys
t = time.thread_time
marks = {}
c0 = t()
import warcount.scale, warcount.pipeline, warcount.prefilter, warcount.archive, warcount.read
marks["import warcount"] = t() - c0
c = t()
from warcount import clean
import trafilatura, lxml.html
marks["import trafilatura"] = t() - c
c = t()
from warcount import nlp
nlp.pipeline()
marks["spaCy load"] = t() - c
from warcount.read import read_content
from warcount.pipeline import process
from warcount import scale
page = open(sys.argv[1], "rb").read()
c = t()
process(read_content(page, origin="first", content_type="html"), gate=scale._keeps_cleaned)
first = t() - c
c = t()
process(read_content(page, origin="again", content_type="html"), gate=scale._keeps_cleaned)
again = t() - c
marks["first document's extra"] = first - again
c = t()
import pyarrow, pyarrow.parquet
marks["import pyarrow"] = t() - c
marks["total"] = sum(marks.values())
print(json.dumps(marks))
"""


class Clock:
    """CPU seconds of this thread per stage, with nesting: time spent in an inner stage is not
    charged to the outer one as well."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.stack: list[list] = []  # [name, start, inner]

    def __enter_stage(self, name: str) -> None:
        self.stack.append([name, time.thread_time(), 0.0])

    def __exit_stage(self) -> float:
        name, start, inner = self.stack.pop()
        total = time.thread_time() - start
        self.spent[name] += total - inner
        if self.stack:
            self.stack[-1][2] += total
        return total

    def wrap(self, name: str, fn):
        def timed(*args, **kwargs):
            self.__enter_stage(name)
            try:
                return fn(*args, **kwargs)
            finally:
                self.__exit_stage()
        return timed

    def wrap_gen(self, name: str, fn):
        """A generator function whose every step is charged to ``name``, not the consumer's work."""
        def timed(*args, **kwargs):
            it = iter(fn(*args, **kwargs))
            while True:
                self.__enter_stage(name)
                try:
                    item = next(it)
                except StopIteration:
                    return
                finally:
                    self.__exit_stage()
                yield item
        return timed

    def run(self, name: str, fn, *args, **kwargs):
        return self.wrap(name, fn)(*args, **kwargs)


def startup(page: bytes) -> dict[str, float]:
    """Thread CPU of a fresh worker-like process before its first page is done (median of 3)."""
    import statistics
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".html") as fh:
        fh.write(page)
        fh.flush()
        runs = []
        for _ in range(3):
            out = subprocess.run([sys.executable, "-c", STARTUP, fh.name], capture_output=True, text=True,
                                 env=dict(os.environ))
            if out.returncode != 0:
                raise SystemExit(out.stderr[-2000:])
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def run_startup(page: bytes, workers: int) -> dict[str, float]:
    """CPU of a whole ``warcount run --workers N`` (every process: client, scheduler, nannies, workers)
    on N copies of one passing page, one partition each, less N times that page's own cost: what a run
    pays before and after its pages (interpreters, Dask, imports, model loads, shutdown). Median of 3."""
    import resource
    import shutil
    import statistics
    import tempfile

    exe = Path(sys.executable).with_name("warcount")
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        for i in range(workers):
            (pages / f"p{i}.html").write_bytes(page + f"<!-- {i} -->".encode())
        for _ in range(3):
            out = Path(tmp) / "out"
            shutil.rmtree(out, ignore_errors=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            proc = subprocess.run([str(exe), "run", str(pages), "--workers", str(workers), "--out", str(out),
                                   "--partition-size", "1", "--json", "--quiet"], capture_output=True, text=True)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if proc.returncode not in (0, 1):
                raise SystemExit(proc.stderr[-2000:])
            summary = json.loads(proc.stdout)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            runs.append({"process CPU": cpu, "wall": wall, "cluster": summary["phases"].get("cluster", 0.0),
                         "close": summary["phases"].get("close", 0.0), "workers used": len(summary["peak_rss"])})
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def count_documents(inputs: list[str], size: int) -> int:
    from warcount import archive

    return sum(isinstance(item, archive.Entry) for part in archive.partitions(inputs, size)
               for item in archive.iter_partition(part))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+", help="the benchmark's input (bench/make_corpus.py's pages.warc.gz)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--target", type=float, default=100.0, help="documents per second")
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--partition-size", type=int, default=100)
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up processes")
    ap.add_argument("--claims-out", type=Path, default=None)
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)

    import trafilatura

    from warcount import archive, clean, nlp, pipeline, prefilter, scale
    from warcount.config import Options
    from warcount.errors import InputError

    clock = Clock()
    extract_alone = trafilatura.extract  # before bare_extraction is wrapped below: the reference is timed whole
    clean_real = clean.clean
    clean.clean = clock.wrap("clean", clean_real)
    # inside clean: the HTML parse, the page's metadata, the pruning and trafilatura's extraction
    # (looked up by name at each call, so wrapping the module attributes times them)
    from warcount import pagemeta

    clean.load_tree = clock.wrap("clean: lxml parse", clean.load_tree)
    pagemeta.page_meta = clock.wrap("clean: metadata", pagemeta.page_meta)
    clean.drop_furniture = clock.wrap("clean: prune", clean.drop_furniture)
    bare = trafilatura.bare_extraction
    trafilatura.bare_extraction = clock.wrap("clean: trafilatura.bare_extraction", bare)
    nlp.Budgeted.__call__ = clock.wrap("parse", nlp.Budgeted.__call__)
    nlp.Budgeted.pipe = clock.wrap_gen("parse", nlp.Budgeted.pipe)
    gate = clock.wrap("gate", scale._keeps_cleaned)
    options = Options()
    pf = prefilter.load()

    # warm-up, outside the figures: model, gazetteer, lexicons, trafilatura's first call
    warm = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "khan-touman-2016.txt"
    from warcount.read import read_content

    pipeline.process(read_content(warm.read_bytes(), origin="warm-up"))
    trafilatura.extract("<html><body><p>warm up text here</p></body></html>", fast=True, with_metadata=True)
    clock.spent.clear()

    import tempfile

    tmp = tempfile.TemporaryDirectory(prefix="cpu_budget_")  # the Parquet files, written as run writes them
    n = passing = errors = 0
    no_claim = 0
    gated = 0
    per_page: list[dict] = []
    first_passing: bytes | None = None
    t_all = time.thread_time()
    for part in archive.partitions(args.inputs, args.partition_size):
        if args.limit is not None and n >= args.limit:
            break
        rows: dict[str, list] = {t: [] for t in scale.TABLES}
        it = archive.iter_partition(part, options)
        while True:
            c = time.thread_time()
            item = next(it, None)
            clock.spent["read"] += time.thread_time() - c
            if item is None or (args.limit is not None and n >= args.limit):
                break
            if not isinstance(item, archive.Entry):
                continue
            n += 1
            html = True if item.content_type == "html" else None
            if not clock.run("pre-filter", pf.keep, item.data, html=html):
                rows["documents"].append(scale._document_row(part.id, "prefiltered", origin=item.origin))
                continue
            passing += 1
            try:
                doc = clock.run("read", item.read, options)
            except InputError:
                errors += 1
                continue
            if first_passing is None and isinstance(item.data, bytes):
                first_passing = item.data
            clock.run("trafilatura alone", extract_alone, doc.raw, fast=True, with_metadata=True)
            try:
                report = clock.run("process", pipeline.process, doc, gate=gate)
            except InputError:
                errors += 1
                continue
            clock.run("rows", scale._add_report_rows, rows, part.id, report)
            ok = not any(pipeline.NOT_PARSED == note for note in doc.notes)
            gated += not ok
            no_claim += not report.claims
            per_page.append({"origin": item.origin, "claims": len(report.claims), "events": len(report.events),
                             "parsed": ok})
        clock.run("rows", scale.write_partition, Path(tmp.name), part.id, rows)
    wall_cpu = time.thread_time() - t_all
    tmp.cleanup()
    spent = dict(clock.spent)
    spent["own passes"] = spent.pop("process", 0.0)  # what is left of process after clean, gate, parse
    if args.claims_out:
        args.claims_out.write_text("\n".join(json.dumps(r) for r in per_page) + "\n", "utf-8")

    start = {} if args.no_startup or first_passing is None else startup(first_passing)
    whole = {} if args.no_startup or first_passing is None else run_startup(first_passing, args.cores)
    page_cost = sum(spent.get(k, 0.0) for k in spent if k != "trafilatura alone") / max(passing, 1)
    # the run's fixed CPU: the tiny run less its pages' own (steady) cost
    fixed = max(0.0, whole.get("process CPU", 0.0) - args.cores * page_cost) if whole else args.cores * start.get(
        "total", 0.0)
    run_n = n if args.limit is None else count_documents(args.inputs, args.partition_size)
    budget_all = args.cores * run_n / args.target  # CPU-seconds for the whole run at the target
    per_doc = (budget_all - fixed) / max(run_n, 1)
    print(f"load {' '.join('%.2f' % x for x in os.getloadavg())}")
    print(f"{n:,} documents, {passing:,} pass the pre-filter ({passing / max(n, 1):.1%}), {errors} unreadable; "
          f"{gated} of those stopped by the second check; {no_claim} passing pages give no claim")
    print(f"budget at {args.target:g} documents/s on {args.cores} cores for a run of {run_n:,} documents: "
          f"{budget_all:.1f} CPU-s; less the run's fixed CPU {fixed:.1f} s: {1000 * per_doc:.1f} ms per document, "
          f"{1000 * per_doc * n / max(passing, 1):.1f} ms per passing page if the others cost nothing")
    print()
    print("| stage | ms per passing page | ms per document of the mix | share of the budget per document |")
    print("|---|---|---|---|")
    order = ["read", "pre-filter", "clean: lxml parse", "clean: metadata", "clean: prune",
             "clean: trafilatura.bare_extraction", "clean", "gate", "parse", "own passes", "rows"]
    path_total = 0.0
    for name in order:
        s = spent.get(name, 0.0)
        name = "clean: the rest (decoding, mapping, dates)" if name == "clean" else name
        path_total += s
        print(f"| {name} | {1000 * s / max(passing, 1):.1f} | {1000 * s / max(n, 1):.1f} | {s / max(n, 1) / per_doc:.0%} |")
    print(f"| **the path, total** | {1000 * path_total / max(passing, 1):.1f} | {1000 * path_total / max(n, 1):.1f} "
          f"| {path_total / max(n, 1) / per_doc:.0%} |")
    t = spent.get("trafilatura alone", 0.0)
    print(f"| trafilatura.extract(fast, with_metadata) alone (reference) | {1000 * t / max(passing, 1):.1f} "
          f"| {1000 * t / max(n, 1):.1f} | {t / max(n, 1) / per_doc:.0%} |")
    if start:
        print("\none worker's start-up (thread CPU of a fresh process, median of 3):")
        for k, v in start.items():
            print(f"  {k:28s} {v:6.2f} s")
    if whole:
        print(f"\na whole `warcount run --workers {args.cores}` on {args.cores} pages (every process, median of 3): "
              + ", ".join(f"{k} {v:.2f}" for k, v in whole.items())
              + f"; less the pages' own cost: fixed CPU {fixed:.2f} s")
    scale_to = run_n / max(n, 1)
    print(f"\nat this cost a run of {run_n:,} documents needs {path_total * scale_to + fixed:.1f} CPU-s: "
          f"{args.cores * run_n / (path_total * scale_to + fixed):.1f} documents/s on {args.cores} perfectly busy "
          f"cores; trafilatura.extract alone on the passing pages plus the fixed CPU, with nothing else, would "
          f"allow {args.cores * run_n / (t * scale_to + fixed):.1f}")
    print(f"(the loop's own CPU: {wall_cpu:.1f} s)")


if __name__ == "__main__":
    main()
