"""Run the pipeline over whole archives on Dask, into partitioned Parquet (and the ledger).

Why Dask: the same code runs on one laptop (a ``LocalCluster`` of N worker
processes, one thread each, since spaCy and trafilatura hold the GIL) or on
a cluster given by its scheduler address. Why Parquet: each worker writes
its own shard's results, so nothing big travels back to the client, and the
tables are read by any dataframe tool.

Layout under ``out_dir`` (one file per partition per table; files whose
name starts with "." are in-flight temporaries that readers ignore)::

    documents/part-<id>.parquet   one row per record read (processed or pre-filtered)
    claims/part-<id>.parquet      one row per claim, with the claim's JSON
    events/part-<id>.parquet      one row per event, with the event's JSON
    _done/<id>.json               the partition's counts: written last, so its
                                  presence means the three tables are whole
    _ingested/<db>/<id>           the partition went into that ledger
    _inflight/<id>.json           the record being processed (see ``_Guard``)

Each file is written to a temporary name and renamed, so a run killed
midway leaves whole files or none; a rerun skips the partitions that have a
``_done`` marker. The ledger (``--ingest``) is written only by the client
process, from the Parquet files, because SQLite wants one writer.

A bad record (a truncated gzip member, undecodable bytes, a page the
pipeline chokes on) is logged with its location (``file:OFFSET`` or
``file:LINE``), counted and skipped; it never stops the run.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import resource
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import archive
from . import pipeline
from .config import Options
from .errors import InputError, WarcountError
from .model import Cleaned, Document, Report

log = logging.getLogger(__name__)

Process = Callable[[Document], Report]

TABLES = ("documents", "claims", "events")
SKIP_KINDS = ("prefilter", "non-html", "non-200", "non-response", "error")
DEFAULT_MEMORY_LIMIT = "1.5GiB"  # per worker; the nanny restarts a worker above it
DEFAULT_DOC_TIMEOUT = 120.0  # seconds one document may take on a worker before the watchdog ends the worker


def watchdog_limit(doc_timeout: float | None) -> float | None:
    """The watchdog's hard limit for a cooperative ``doc_timeout``: the budget is checked between
    bounded units of work, so a document over it normally stops within one unit; the watchdog
    ends the worker only when a unit itself hangs (stuck in C code). None/0: no limit."""
    if not doc_timeout:
        return None
    return max(3 * doc_timeout, doc_timeout + 30.0)
ALLOWED_FAILURES = 20  # worker deaths one partition may cause (each skips one more bad record)


@dataclass
class PartitionResult:
    """What one worker task did with one partition (also the ``_done`` marker's content)."""

    id: str
    label: str
    documents: int = 0  # records that were documents (Entry), processed or pre-filtered
    processed: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)  # {"location", "problem"}
    with_claims: int = 0
    claims: int = 0
    events: int = 0
    words: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the task: a throughput figure that ignores other load
    worker: str = ""
    peak_rss: int = 0  # bytes, of the worker process so far


@dataclass
class RunSummary:
    """The end-of-run report: what was read, skipped, found and where it went."""

    out_dir: str
    partitions: int = 0
    partitions_resumed: int = 0  # already done by an earlier run: skipped
    partitions_failed: int = 0  # the task itself failed (e.g. a worker died); a rerun retries them
    documents: int = 0
    processed: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    error_samples: list[dict[str, str]] = field(default_factory=list)
    with_claims: int = 0
    claims: int = 0
    events: int = 0
    words: int = 0
    ingested: int = 0  # reports added to the ledger
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # summed over the partitions processed
    workers: int = 0
    peak_rss: dict[str, int] = field(default_factory=dict)  # worker -> bytes
    # where the wall time went (seconds): "partition" (the client cutting the input), "cluster"
    # (starting the local cluster), "tasks" (first submit to last result), "first_result", "close";
    # "busy:<worker>" the seconds of that worker's tasks (their spread is the imbalance)
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def documents_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def add(self, r: PartitionResult, max_samples: int = 20) -> None:
        self.documents += r.documents
        self.processed += r.processed
        for k, v in r.skipped.items():
            self.skipped[k] = self.skipped.get(k, 0) + v
        self.errors += len(r.errors)
        room = max_samples - len(self.error_samples)
        if room > 0:
            self.error_samples += r.errors[:room]
        self.with_claims += r.with_claims
        self.claims += r.claims
        self.events += r.events
        self.words += r.words
        self.cpu_seconds = round(self.cpu_seconds + r.cpu_seconds, 3)
        if r.worker:
            self.peak_rss[r.worker] = max(self.peak_rss.get(r.worker, 0), r.peak_rss)
            busy = f"busy:{r.worker}"
            self.phases[busy] = round(self.phases.get(busy, 0.0) + r.seconds, 3)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["documents_per_s"] = round(self.documents_per_s, 2)
        d["words_per_s"] = round(self.words_per_s, 1)
        return d


# ---------------------------------------------------------------- worker side

def run_partition(part: archive.Partition, out_dir: str, process: Process | None = None,
                  use_prefilter: bool = True, options: Options | None = None,
                  doc_timeout: float | None = None, run_id: str | None = None) -> PartitionResult:
    """Read, pre-filter and process one partition; write its Parquet files and ``_done`` marker.

    Runs on a worker. Everything that can go wrong with one record is caught
    here and recorded, so the task itself fails only when the output cannot
    be written. With ``doc_timeout`` (on Dask workers only: it ends the
    process) a document that hangs the pipeline, or kills the worker, is
    skipped and reported when Dask retries the partition (see ``_Guard``);
    ``run_id`` names the client's run, so that markers a killed earlier run
    left behind are not read as verdicts. Each document also runs under the
    cooperative work budget (``options.doc_timeout``, budget.py).
    """
    from . import budget
    from . import prefilter as prefilter_mod

    process = process or pipeline.process
    if use_prefilter and process is pipeline.process:  # the second check, on the cleaned text, before the parse
        process = functools.partial(pipeline.process, gate=_keeps_cleaned)
    options = options or Options()
    t0, c0 = time.perf_counter(), time.process_time()
    res = PartitionResult(part.id, part.label)
    skipped: Counter[str] = Counter()
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    pf = prefilter_mod.load() if use_prefilter else None
    guard = _Guard(Path(out_dir), part.id, doc_timeout, run_id) if doc_timeout else None
    for item in archive.iter_partition(part, options):
        if isinstance(item, archive.Skip):
            skipped[item.reason] += 1
            continue
        if isinstance(item, InputError):
            _record_error(res, skipped, item.source, item.problem)
            continue
        res.documents += 1
        doc: Document | None = None
        try:
            if item.kind == "jsonl":  # parse first (cheap), so a malformed line is always reported
                doc = item.read(options)
            if pf is not None and not pf.keep(doc.raw if doc is not None else item.data,
                                              html=True if item.content_type == "html" else None):
                skipped["prefilter"] += 1
                rows["documents"].append(_document_row(
                    part.id, "prefiltered", origin=item.origin, url=item.url,
                    id=doc.id if doc is not None else None, record_id=doc.record_id if doc is not None else None))
                continue
            if guard is not None and item.origin in guard.poisoned:
                _record_error(res, skipped, item.origin, guard.poisoned[item.origin])
                continue
            doc = doc or item.read(options)
            with budget.document(doc.origin, options):
                if guard is not None:
                    with guard.watch(item.origin):
                        report = process(doc)
                else:
                    report = process(doc)
        except InputError as exc:
            _record_error(res, skipped, item.origin, exc.problem)
            continue
        except Exception as exc:  # a bad page must not stop the shard: record it and go on
            log.debug("%s: pipeline failed", item.origin, exc_info=True)
            _record_error(res, skipped, item.origin, f"pipeline failed ({type(exc).__name__}: {exc})")
            continue
        res.processed += 1
        _add_report_rows(rows, part.id, report)
        res.words += int(report.document.get("words") or 0)
        res.claims += len(report.claims)
        res.events += len(report.events)
        res.with_claims += bool(report.claims)
    res.skipped = dict(skipped)
    write_partition(Path(out_dir), part.id, rows)
    res.seconds = round(time.perf_counter() - t0, 3)
    res.cpu_seconds = round(time.process_time() - c0, 3)
    res.worker = f"{os.uname().nodename}:{os.getpid()}"
    res.peak_rss = peak_rss()
    _write_atomic(Path(out_dir) / "_done" / f"{part.id}.json",
                  json.dumps(asdict(res), ensure_ascii=False, indent=1).encode())
    if guard is not None:
        guard.finish()
    return res


def _keeps_cleaned(cleaned: Cleaned) -> bool:
    from . import prefilter as prefilter_mod

    return prefilter_mod.keep_cleaned(cleaned.text, cleaned.title)


class _Guard:
    """Survive a document that hangs the pipeline (a ReDoS) or kills the worker (a crash, the memory limit).

    Python cannot interrupt a thread stuck in C code, so a watchdog thread
    ends the whole worker process when one document runs past its limit;
    the nanny restarts the worker and Dask retries the partition. Before
    each document an ``_inflight/<partition>.json`` marker names it; a retry
    that finds the marker adds that record to ``_inflight/<partition>.poison.json``
    and skips it with an error. With one thread per worker (the default)
    the record named is exactly the culprit; with more threads, records that
    happened to be in flight beside it are skipped too.
    """

    EXIT_CODE = 70

    def __init__(self, out: Path, part_id: str, limit: float, run_id: str | None = None) -> None:
        self.limit = limit
        self.run_id = run_id
        self.inflight = out / "_inflight" / f"{part_id}.json"
        self.poison_file = out / "_inflight" / f"{part_id}.poison.json"
        self.poisoned: dict[str, str] = {}
        saved = _read_json(self.poison_file)
        if isinstance(saved, dict) and saved.get("run") == run_id and isinstance(saved.get("poisoned"), dict):
            self.poisoned = saved["poisoned"]
        marker = _read_json(self.inflight)
        if isinstance(marker, dict) and marker.get("run") == run_id and "origin" in marker:
            # a worker of *this* run ended on this record (the watchdog, a crash, the memory limit)
            origin = marker["origin"]
            self.poisoned[origin] = (f"the pipeline ran over {limit:g} s or the worker died on this record "
                                     f"(it was in flight when the worker ended); skipped on retry")
            log.error("%s: %s", origin, self.poisoned[origin])
            _write_atomic(self.poison_file, json.dumps({"run": run_id, "poisoned": self.poisoned}).encode())
        elif marker is not None:
            # left by an earlier run that was stopped as a whole (SIGTERM, SIGHUP, SIGKILL, Ctrl-C):
            # the record was innocent as far as anyone knows, so it is processed again
            log.info("%s: in-flight marker of an earlier run ignored", self.inflight)
        self.inflight.unlink(missing_ok=True)
        self.inflight.parent.mkdir(parents=True, exist_ok=True)

    def watch(self, origin: str):
        from contextlib import contextmanager

        @contextmanager
        def cm():
            self.inflight.write_text(json.dumps({"origin": origin, "run": self.run_id}), "utf-8")
            _watchdog().arm(origin, self.limit)
            try:
                yield
            finally:
                _watchdog().disarm()
        return cm()

    def finish(self) -> None:
        for p in (self.inflight, self.poison_file):
            p.unlink(missing_ok=True)


@dataclass
class _Armed:
    """One document the watchdog watches: its thread's CPU clock (None where there is none), and when
    that clock last moved."""

    origin: str
    limit: float
    wall_start: float
    clock: int | None
    cpu_start: float
    last_cpu: float
    last_change: float


class _Watchdog:
    """One daemon thread per worker process that ends the process when a document overruns.

    A document overruns when its thread has *worked* past the limit (CPU seconds of that thread,
    whatever else the machine runs: a loaded machine or a slow first model load is not a hang),
    or when it has been past the limit in wall time while its thread does no work at all (stuck
    in a wait: a lock, a sleep, a dead pipe). ``_IDLE_CAP`` times the limit in wall time ends it
    in any case."""

    _IDLE_CAP = 10.0

    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()
        self.deadlines: dict[int, _Armed] = {}
        threading.Thread(target=self._run, name="warcount-watchdog", daemon=True).start()

    def arm(self, origin: str, seconds: float) -> None:
        import threading

        ident = threading.get_ident()
        try:
            clock = time.pthread_getcpuclockid(ident)
            cpu = time.clock_gettime(clock)
        except (AttributeError, OSError):  # no per-thread CPU clock here: wall time only
            clock, cpu = None, 0.0
        now = time.monotonic()
        with self.lock:
            self.deadlines[ident] = _Armed(origin, seconds, now, clock, cpu, cpu, now)

    def disarm(self) -> None:
        import threading

        with self.lock:
            self.deadlines.pop(threading.get_ident(), None)

    @classmethod
    def overrun(cls, entry: _Armed, now: float, cpu: float | None) -> bool:
        """Whether one armed document is over its limit (``cpu``: its thread's CPU clock now)."""
        limit = entry.limit
        wall = now - entry.wall_start
        if cpu is None:
            return wall > limit
        if cpu != entry.last_cpu:
            entry.last_cpu, entry.last_change = cpu, now
        idle = now - entry.last_change
        return cpu - entry.cpu_start > limit or (wall > limit and idle > min(limit, 10.0)) or wall > cls._IDLE_CAP * limit

    def _run(self) -> None:
        while True:
            time.sleep(0.5)
            now = time.monotonic()
            late = []
            with self.lock:
                for entry in self.deadlines.values():
                    try:
                        cpu = time.clock_gettime(entry.clock) if entry.clock is not None else None
                    except OSError:  # the thread is gone
                        continue
                    if self.overrun(entry, now, cpu):
                        late.append(entry.origin)
            if late:
                log.error("%s: over the per-document time limit; ending this worker so Dask retries "
                          "the partition without it", late[0])
                logging.shutdown()
                os._exit(_Guard.EXIT_CODE)


_WATCHDOG: _Watchdog | None = None


def _watchdog() -> _Watchdog:
    global _WATCHDOG
    if _WATCHDOG is None:
        _WATCHDOG = _Watchdog()
    return _WATCHDOG


def _read_json(path: Path) -> Any:
    """A marker's JSON, or None when absent or torn (a kill while it was written)."""
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _record_error(res: PartitionResult, skipped: Counter[str], location: str, problem: str) -> None:
    log.warning("%s: %s", location, problem)
    skipped["error"] += 1
    res.errors.append({"location": location, "problem": problem})


def peak_rss() -> int:
    """Peak resident memory of this process, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# ---------------------------------------------------------------- Parquet

def _schemas():
    import pyarrow as pa

    s = pa.string()
    i = pa.int64()
    return {
        "documents": pa.schema([
            ("id", s), ("partition", s), ("status", s), ("origin", s), ("record_id", s), ("url", s),
            ("title", s), ("published", s), ("site", s), ("content_type", s), ("words", i),
            ("claims", i), ("events", i), ("json", s), ("text", s),
        ]),
        "claims": pa.schema([
            ("id", s), ("document_id", s), ("partition", s), ("kind", s), ("low", i), ("high", i),
            ("figure_text", s), ("victim", s), ("victim_side", s), ("source", s), ("source_kind", s),
            ("status", s), ("scope", s), ("event_date", s), ("place", s), ("evidence", s),
            ("evidence_start", i), ("evidence_end", i), ("event_id", s), ("json", s),
        ]),
        "events": pa.schema([
            ("id", s), ("document_id", s), ("partition", s), ("type", s), ("date", s),
            ("date_precision", s), ("place", s), ("country", s), ("claims", pa.list_(s)), ("json", s),
        ]),
    }


def _document_row(partition: str, status: str, **values: Any) -> dict[str, Any]:
    row = {"partition": partition, "status": status}
    row.update(values)
    return row


def _add_report_rows(rows: dict[str, list[dict[str, Any]]], partition: str, report: Report) -> None:
    d = report.document
    doc_id = d.get("id")
    rows["documents"].append(_document_row(
        partition, "processed", id=doc_id, origin=d.get("origin"), record_id=d.get("record_id"),
        url=d.get("url"), title=d.get("title"), published=d.get("published"), site=d.get("site"),
        content_type=d.get("content_type"), words=d.get("words"), claims=len(report.claims),
        events=len(report.events), json=json.dumps(d, ensure_ascii=False, default=str),
        text=report.cleaned.text if report.cleaned is not None else None))
    for c in report.claims:
        cd = c.as_dict()
        rows["claims"].append({
            "id": c.id, "document_id": c.document_id or doc_id, "partition": partition, "kind": c.kind,
            "low": c.figure.low, "high": c.figure.high, "figure_text": c.figure.text, "victim": c.victim,
            "victim_side": c.victim_side, "source": c.source.name, "source_kind": c.source.kind,
            "status": c.status, "scope": c.scope, "event_date": c.event_date, "place": c.place,
            "evidence": c.evidence, "evidence_start": c.evidence_start, "evidence_end": c.evidence_end,
            "event_id": c.event_id, "json": json.dumps(cd, ensure_ascii=False, default=str),
        })
    for e in report.events:
        rows["events"].append({
            "id": e.id, "document_id": doc_id, "partition": partition, "type": e.type, "date": e.date,
            "date_precision": e.date_precision, "place": e.place.name if e.place else None,
            "country": e.place.country if e.place else None, "claims": list(e.claims),
            "json": json.dumps(e.as_dict(), ensure_ascii=False, default=str),
        })


def write_partition(out: Path, part_id: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    """One Parquet file per table, each written to a hidden temporary name and renamed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = _schemas()
    for table in TABLES:
        schema = schemas[table]
        data = pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rows[table]], schema=schema)
        final = out / table / f"part-{part_id}.parquet"
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        pq.write_table(data, tmp, compression="zstd")
        os.replace(tmp, final)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def read_table(out_dir: str | os.PathLike, table: str):
    """A whole output table as one pyarrow Table (empty, with its schema, when there is none)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = sorted((Path(out_dir) / table).glob("part-*.parquet"))
    if not files:
        return pa.Table.from_pylist([], schema=_schemas()[table])
    return pa.concat_tables([pq.read_table(f) for f in files])


# ---------------------------------------------------------------- back to reports

def reports_from_partition(out_dir: Path, part_id: str) -> list[Report]:
    """The processed documents of one partition as ``Report``s (for the ledger)."""
    import pyarrow.parquet as pq

    from .model import Claim, Cleaned, Estimate, Event, Figure, Place, Source

    def load(table: str, *extra: str) -> list[dict[str, Any]]:
        key = "document_id" if table != "documents" else "id"
        return pq.read_table(out_dir / table / f"part-{part_id}.parquet", columns=[key, "json", *extra]).to_pylist()

    claims_by_doc: dict[str, list[Claim]] = {}
    for row in load("claims"):
        d = json.loads(row["json"])
        d["figure"] = Figure.from_dict(d["figure"])
        d["source"] = Source(**_known(Source, d["source"]))
        claims_by_doc.setdefault(row["document_id"], []).append(Claim(**_known(Claim, d)))
    events_by_doc: dict[str, list[Event]] = {}
    for row in load("events"):
        d = json.loads(row["json"])
        d["place"] = Place(**_known(Place, d["place"])) if d.get("place") else None
        d["casualties"] = {k: {side: Estimate(**_known(Estimate, est)) for side, est in sides.items()}
                           for k, sides in (d.get("casualties") or {}).items()}
        events_by_doc.setdefault(row["document_id"], []).append(Event(**_known(Event, d)))
    out = []
    for row in load("documents", "text"):
        if row["json"] is None:  # pre-filtered
            continue
        doc = json.loads(row["json"])
        cleaned = Cleaned(text=row["text"]) if row["text"] is not None else None
        out.append(Report(document=doc, claims=claims_by_doc.get(row["id"], []),
                          events=events_by_doc.get(row["id"], []), cleaned=cleaned))
    return out


def _known(cls: type, d: dict[str, Any]) -> dict[str, Any]:
    """Only the fields ``cls`` takes in its constructor (records may gain computed keys)."""
    from dataclasses import fields

    names = {f.name for f in fields(cls) if f.init}
    return {k: v for k, v in d.items() if k in names}


# ---------------------------------------------------------------- client side

def run(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike, workers: int = 2,
        scheduler: str | None = None, ingest_db: str | None = None, process: Process = pipeline.process,
        progress: bool = True, *, partition_size: int = 100, prefilter: bool = True,
        options: Options | None = None, client: Any = None,
        memory_limit: str | int | None = DEFAULT_MEMORY_LIMIT,
        doc_timeout: float | None = DEFAULT_DOC_TIMEOUT) -> RunSummary:
    """Partition ``inputs``, process the partitions on Dask, write Parquet under ``out_dir``.

    ``scheduler`` is the address of an existing cluster; without it a
    ``LocalCluster`` of ``workers`` processes (one thread each) is started
    and stopped. ``client`` passes an existing ``distributed.Client`` (tests
    share one). With ``ingest_db`` each finished partition is added to that
    ledger from the client. ``doc_timeout`` bounds the seconds one document
    may take (None: no bound); an overrunning or crashing document is
    skipped and reported. Returns the run's ``RunSummary``; a bad record
    or a failed partition never raises.
    """
    options = options or Options()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    parts = archive.partitions(list(inputs), partition_size)
    summary = RunSummary(out_dir=str(out), partitions=len(parts))
    summary.phases["partition"] = round(time.perf_counter() - t0, 3)
    todo = [p for p in parts if not (out / "_done" / f"{p.id}.json").exists()]
    summary.partitions_resumed = len(parts) - len(todo)
    if summary.partitions_resumed:
        log.info("%d of %d partitions already done: skipped", summary.partitions_resumed, len(parts))
    ledger = _open_ledger(ingest_db) if ingest_db else None
    try:
        if ledger is not None:  # partitions finished by an earlier run without this ledger
            pending = {p.id for p in todo}
            for p in parts:
                if p.id not in pending:
                    summary.ingested += _ingest(ledger, out, p.id, ingest_db)
        if todo:
            own = None
            if client is None:
                t1 = time.perf_counter()
                own, client = _start_client(workers, scheduler, memory_limit)
                summary.phases["cluster"] = round(time.perf_counter() - t1, 3)
            try:
                summary.workers = len(client.scheduler_info().get("workers", {}))
                _run_on_dask(client, todo, out, process, prefilter, options, summary, ledger, ingest_db, progress,
                             doc_timeout)
            finally:
                if own is not None:
                    t1 = time.perf_counter()
                    _close(own)
                    summary.phases["close"] = round(time.perf_counter() - t1, 3)
    finally:
        if ledger is not None and hasattr(ledger, "close"):
            ledger.close()
    summary.seconds = round(time.perf_counter() - t0, 3)
    return summary


def _start_client(workers: int, scheduler: str | None, memory_limit: str | int | None):
    import dask
    from distributed import Client, LocalCluster

    if log.getEffectiveLevel() > logging.DEBUG:  # the scheduler runs here: keep its INFO lines out
        logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler:
        client = Client(scheduler)
        return (client,), client
    # no spilling: tasks hold no data worth keeping, and spilling would only slow a full worker
    dask.config.set({"distributed.worker.memory.target": False, "distributed.worker.memory.spill": False,
                     "distributed.scheduler.allowed-failures": ALLOWED_FAILURES})
    import signal

    # the workers start with SIGINT ignored (a Python child then installs no KeyboardInterrupt
    # handler): Ctrl-C reaches the whole process group, and only this client should act on it,
    # closing the cluster, instead of every worker printing a traceback
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if _main_thread() else None
    try:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, memory_limit=memory_limit,
                               dashboard_address=":0", silence_logs=logging.ERROR)
        client = Client(cluster)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return (client, cluster), client


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _close(own: tuple) -> None:
    for obj in own:
        try:
            obj.close()
        except Exception:  # closing is best effort: results are already on disk
            log.debug("closing %r failed", obj, exc_info=True)


def _run_on_dask(client, todo: list[archive.Partition], out: Path, process: Process, use_prefilter: bool,
                 options: Options, summary: RunSummary, ledger, ingest_db: str | None, progress: bool,
                 doc_timeout: float | None) -> None:
    from distributed import as_completed

    t0 = time.perf_counter()
    futures = {}
    run_id = os.urandom(8).hex()  # in-flight markers of another run are not verdicts (see _Guard)
    for p in todo:
        fut = client.submit(run_partition, p, str(out), process, use_prefilter, options, doc_timeout, run_id,
                            key=f"warcount-{p.id}-{os.urandom(4).hex()}", pure=False)
        futures[fut] = p
    bar = _Progress(sum(p.count for p in todo), enabled=progress)
    with bar:
        for fut in as_completed(futures):
            part = futures[fut]
            summary.phases.setdefault("first_result", round(time.perf_counter() - t0, 3))
            try:
                res: PartitionResult = fut.result()
            except Exception as exc:  # the task died (worker killed, disk full): a rerun retries it
                log.error("partition %s failed: %s: %s", part.label, type(exc).__name__, exc)
                summary.partitions_failed += 1
                summary.errors += 1
                summary.error_samples.append({"location": part.label,
                                              "problem": f"partition failed ({type(exc).__name__}: {exc})"})
                bar.advance(part.count, summary, t0)
                continue
            finally:
                fut.release()
            summary.add(res)
            if ledger is not None:
                summary.ingested += _ingest(ledger, out, res.id, ingest_db)
            bar.advance(part.count, summary, t0)
    summary.phases["tasks"] = round(time.perf_counter() - t0, 3)


class _Progress:
    """A rich progress bar with documents/s, or nothing."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.enabled = enabled
        self.total = total
        self.done = 0
        if enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)

            self.progress = Progress(TextColumn("[bold]run"), BarColumn(), MofNCompleteColumn(),
                                     TextColumn("{task.fields[rate]} docs/s"), TextColumn("{task.fields[claims]}"),
                                     TimeElapsedColumn(), TimeRemainingColumn(),
                                     console=Console(stderr=True), transient=False)
            self.task = self.progress.add_task("run", total=total, rate="-", claims="")

    def __enter__(self) -> "_Progress":
        if self.enabled:
            self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.progress.__exit__(*exc)

    def advance(self, n: int, summary: RunSummary, t0: float) -> None:
        self.done += n
        if not self.enabled:
            return
        dt = time.perf_counter() - t0
        rate = f"{summary.documents / dt:,.0f}" if dt > 0 else "-"
        self.progress.update(self.task, advance=n, rate=rate,
                             claims=f"{summary.claims:,} claims, {summary.errors:,} errors")


# ---------------------------------------------------------------- ledger

def _open_ledger(path: str):
    from .store import Ledger

    return Ledger(path)


def _db_key(db: str) -> str:
    return hashlib.sha1(str(Path(db).resolve()).encode()).hexdigest()[:12]


def _ingest(ledger, out: Path, part_id: str, db: str | None) -> int:
    """Add one partition's reports to the ledger, once per ledger."""
    marker = out / "_ingested" / _db_key(db or "") / part_id
    if marker.exists():
        return 0
    n = 0
    for report in reports_from_partition(out, part_id):
        try:
            ledger.add_report(report)
            n += 1
        except WarcountError as exc:
            log.error("ledger refused %s: %s", report.document.get("origin"), exc)
    _write_atomic(marker, b"")
    return n
