"""The SQLite ledger: the only module that touches the database.

Why SQLite: one file an analyst can copy, WAL mode for a web app that reads
while an ingest writes, and transactions that make every document all or
nothing (a killed ingest leaves the documents before it, never half of one).

Identity:

- a *document* is a page: the same URL (or record id, or origin) with new
  content, or a copy with the same title and mostly the same text, is a new
  *revision* of it; the same content hash twice changes nothing.
- a *claim* id is a hash of the document, kind, figure, source, status and
  evidence, so a claim that survives into a new revision keeps its id and a
  re-ingest never duplicates it; claims gone from the newest revision stay
  in the ledger as ``superseded``.
- an *event* is a cluster of document events (*units*, each with its matching
  profile and blocking keys): ``matching.py`` gives the pairwise evidence,
  ``merge_model.py`` the score, ``clustering.py`` the groups; its id is a hash
  of its earliest published unit, and every merge's evidence and score is stored.

Corrections (``warcount.corrections``) are stored apart from what the machine
read: the ``corrections`` table holds the analysts' operations, ``corr_*``
tables the overlay they make (rebuilt by ``_recorrect``), and the read
methods query views (``v_events``, ``v_claims``, ...) that show the machine's
rows where no correction touches them and the overlay's where one does. The
writer never reads the views: the machine's matching is the machine's own.

Schema changes are named migrations (``MIGRATIONS``), each applied in a
transaction and recorded in ``migrations``, so an older ledger opens in a
newer version.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import random
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from . import corrections as corr
from . import matching, merge_model, reconcile
from .clustering import cluster
from .errors import InputError, LedgerError
from .model import Claim, Estimate, Event, Figure, Place, Record, Report, Source

log = logging.getLogger(__name__)
T = TypeVar("T")

BUSY_TIMEOUT_MS = 5_000
RETRIES = 8
SIMILAR_TEXT = 0.5  # shingle Jaccard above which a same-title document is a revision
PROFILE_CACHE = 100_000  # matching profiles kept in memory between writes
MAX_CANDIDATES = 400  # most units one unit is scored against (those sharing most blocking keys)


# --- migrations ----------------------------------------------------------------

_M0001 = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY, key TEXT NOT NULL, url TEXT, origin TEXT, title TEXT, title_key TEXT,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL
);
CREATE INDEX documents_key ON documents(key);
CREATE INDEX documents_title ON documents(title_key);
CREATE TABLE revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, document_id TEXT NOT NULL REFERENCES documents(id),
    number INTEGER NOT NULL, content_hash TEXT NOT NULL UNIQUE, meta TEXT NOT NULL, text TEXT,
    published TEXT, ingested_at TEXT NOT NULL, UNIQUE(document_id, number)
);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT, description TEXT
);
CREATE TABLE claims (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
    revision_id INTEGER NOT NULL REFERENCES revisions(id), last_revision_id INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1, local_id TEXT, kind TEXT NOT NULL, low INTEGER NOT NULL, high INTEGER,
    figure_text TEXT, victim TEXT, victim_side TEXT, source_id INTEGER NOT NULL REFERENCES sources(id),
    status TEXT NOT NULL, scope TEXT NOT NULL, event_date TEXT, date_precision TEXT, place TEXT,
    evidence TEXT, evidence_start INTEGER, evidence_end INTEGER, sentence TEXT, part_of TEXT,
    sum_of TEXT NOT NULL DEFAULT '[]', perpetrator INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX claims_document ON claims(document_id);
CREATE INDEX claims_source ON claims(source_id);
CREATE TABLE events (
    id TEXT PRIMARY KEY, type TEXT, date TEXT, date_precision TEXT, place TEXT, place_name TEXT,
    admin1 TEXT, country TEXT, latitude REAL, longitude REAL, actors TEXT NOT NULL DEFAULT '[]',
    summary TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX events_date ON events(date);
CREATE TABLE event_claims (
    claim_id TEXT PRIMARY KEY REFERENCES claims(id), event_id TEXT NOT NULL REFERENCES events(id),
    document_event TEXT
);
CREATE INDEX event_claims_event ON event_claims(event_id);
CREATE TABLE estimates (
    event_id TEXT NOT NULL REFERENCES events(id), kind TEXT NOT NULL, side TEXT NOT NULL,
    low INTEGER, best INTEGER, high INTEGER, rule TEXT, claims TEXT, low_claims TEXT, best_claims TEXT,
    high_claims TEXT, PRIMARY KEY (event_id, kind, side)
);
CREATE TABLE merges (
    id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, document_id TEXT NOT NULL,
    document_event TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL
);
CREATE INDEX merges_event ON merges(event_id);
"""

_M0002 = """
ALTER TABLE estimates ADD COLUMN high_open INTEGER NOT NULL DEFAULT 0;
ALTER TABLE estimates ADD COLUMN denied TEXT NOT NULL DEFAULT '[]';
CREATE TABLE flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL REFERENCES events(id), type TEXT NOT NULL,
    kind TEXT NOT NULL, side TEXT NOT NULL, claims TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE INDEX flags_event ON flags(event_id);
"""

# matching across documents (issue 13): each document event is a *unit* with its matching profile and
# blocking keys; scored pairs above the suggestion threshold are *links*; a ledger event is a cluster of
# units (``clustering.py``); a document with no claim is a unit that may join an event (event_documents).
_M0003 = """
CREATE TABLE units (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL, document_event TEXT, event_id TEXT, day INTEGER,
    claims TEXT NOT NULL DEFAULT '[]', event TEXT NOT NULL, profile TEXT NOT NULL
);
CREATE INDEX units_document ON units(document_id);
CREATE INDEX units_event ON units(event_id);
CREATE TABLE unit_keys (key TEXT NOT NULL, day INTEGER NOT NULL, window INTEGER NOT NULL, unit_id TEXT NOT NULL);
CREATE INDEX unit_keys_key_day ON unit_keys(key, day);
CREATE INDEX unit_keys_unit ON unit_keys(unit_id);
CREATE TABLE links (
    a TEXT NOT NULL, b TEXT NOT NULL, score REAL NOT NULL, decision TEXT NOT NULL, evidence TEXT NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE INDEX links_b ON links(b);
CREATE TABLE event_documents (
    event_id TEXT NOT NULL, document_id TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (event_id, document_id)
);
CREATE INDEX event_documents_document ON event_documents(document_id);
ALTER TABLE merges ADD COLUMN score REAL;
ALTER TABLE merges ADD COLUMN evidence TEXT
"""

# Corrections (issue 16): the analyst's operations, and the overlay they make, beside the machine's tables.
# The machine's tables are never written by a correction; the views (``_ensure_views``, rebuilt after any
# migration from the tables' current columns) read the machine's rows where no correction touches them and
# the overlay's rows where one does (see warcount/corrections.py).
_EST_COLS = "event_id, kind, side, low, best, high, rule, claims, low_claims, best_claims, high_claims, high_open, denied"
_M0100 = """
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT NULL, target TEXT NOT NULL, field TEXT, value TEXT,
    anchor TEXT NOT NULL DEFAULT '{}', who TEXT NOT NULL, at TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
    undone_at TEXT, undone_by TEXT, undo_reason TEXT
);
CREATE TABLE corr_state (correction_id INTEGER PRIMARY KEY, state TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '');
CREATE TABLE corr_claims (
    claim_id TEXT PRIMARY KEY, rejected INTEGER NOT NULL DEFAULT 0, kind TEXT, figure_set INTEGER NOT NULL DEFAULT 0,
    low INTEGER, high INTEGER, source_id INTEGER, status TEXT, victim_side TEXT, event_date TEXT,
    date_precision TEXT, place TEXT, corrections TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE corr_events (
    id TEXT PRIMARY KEY, type TEXT, date TEXT, date_precision TEXT, place TEXT, place_name TEXT,
    admin1 TEXT, country TEXT, latitude REAL, longitude REAL, actors TEXT NOT NULL DEFAULT '[]',
    summary TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    base TEXT NOT NULL, absorbed TEXT NOT NULL DEFAULT '[]', corrections TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE corr_event_claims (claim_id TEXT PRIMARY KEY, event_id TEXT NOT NULL, document_event TEXT);
CREATE INDEX corr_event_claims_event ON corr_event_claims(event_id);
CREATE TABLE corr_replaced (event_id TEXT PRIMARY KEY, by_event TEXT NOT NULL);
CREATE TABLE corr_estimates (
    event_id TEXT NOT NULL, kind TEXT NOT NULL, side TEXT NOT NULL, low INTEGER, best INTEGER, high INTEGER,
    rule TEXT, claims TEXT, low_claims TEXT, best_claims TEXT, high_claims TEXT,
    high_open INTEGER NOT NULL DEFAULT 0, denied TEXT NOT NULL DEFAULT '[]', PRIMARY KEY (event_id, kind, side)
);
CREATE TABLE corr_flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, type TEXT NOT NULL, kind TEXT NOT NULL,
    side TEXT NOT NULL, claims TEXT NOT NULL, detail TEXT NOT NULL
);
"""

#: (name, SQL script) in order; never edit a released one, add a new one.
MIGRATIONS: list[tuple[str, str]] = [
    ("0001_initial", _M0001),
    ("0002_flags_open_highs_denials", _M0002),
    ("0003_merge_units_links_suggestions", _M0003),
    ("0100_corrections", _M0100),
]


# --- records the read API returns ------------------------------------------------


@dataclass
class AddResult(Record):
    """What one ``add_report`` did."""

    document_id: str
    revision: int
    status: str  # "new" | "revision" | "unchanged"
    claims_added: int = 0
    claims_superseded: int = 0
    events_added: int = 0
    events_merged: int = 0
    events: list[str] = field(default_factory=list)  # ledger events touched


@dataclass
class EventDetail(Record):
    """One event with its claims side by side, estimates, flags, merge reasons and documents."""

    event: Event
    claims: list[Claim]
    conflicts: list[dict[str, Any]]
    revisions: list[dict[str, Any]]
    denials: list[dict[str, Any]]
    merges: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    reported_on: dict[str, str | None] = field(default_factory=dict)  # claim id -> date of its document
    #: "possibly the same event": other events (or claimless documents) scored near, below the merge line
    suggestions: list[dict[str, Any]] = field(default_factory=list)
    # corrections (issue 16): rejected claims, the corrections touching this event (with their state) and
    # the machine's value beside each corrected one: {"claims": {id: {field: {machine, corrected}}},
    # "event": {field: {machine, corrected}}, "merged_from": [machine event ids]}
    rejected: list[Claim] = field(default_factory=list)
    corrections: list[dict[str, Any]] = field(default_factory=list)
    machine: dict[str, Any] = field(default_factory=dict)


# --- helpers ---------------------------------------------------------------------


def report_date(published: str | None) -> str | None:
    """A claim's report date: its document's publication day, or None (never the ingest time)."""
    return (published or "")[:10] or None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _h(*parts: Any) -> str:
    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()


def _key(text: str | None) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w]+", " ", (text or "").lower())).strip()


def _source_key(name: str) -> str:
    return re.sub(r"^the ", "", _key(name))


def _shingles(text: str, n: int = 5) -> set[str]:
    words = _key(text).split()
    return {" ".join(words[i:i + n]) for i in range(max(len(words) - n + 1, 1))} if words else set()


def _jl(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _writable(p: Path) -> bool:
    """Can this process write the ledger file and make its journal files beside it?"""
    import os

    return os.access(p, os.W_OK) and os.access(p.parent, os.W_OK | os.X_OK)


def _locked(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return "locked" in msg or "busy" in msg


class Ledger:
    """A ledger file. Thread-safe (one connection behind a lock); open one per process."""

    def __init__(self, path: str | Path = "warcount.db", *, create: bool = True) -> None:
        """Open (and with ``create``, create) the ledger at ``path``.

        Nothing is written before the file is known to be a warcount ledger of a
        version this code knows: a mistyped path with ``create=False`` (the reading
        commands), a missing folder, another program's SQLite file and a ledger from a
        newer warcount are each refused with one line, and leave the file as it was.
        A ledger that cannot be written (a read-only file or folder) is opened for reading.
        """
        self.path = str(path)
        self._lock = threading.RLock()
        self.readonly = False
        memory = self.path == ":memory:"
        p = Path(self.path)
        if not memory:
            if p.is_dir():
                raise LedgerError(f"{self.path}: is a folder, not a ledger file")
            if not p.exists():
                if not create:
                    raise LedgerError(f"{self.path}: no ledger here (`warcount ingest --db {self.path}` "
                                      "creates one)")
                if not p.parent.is_dir():
                    raise LedgerError(f"{self.path}: the folder {str(p.parent)!r} does not exist")
            elif not _writable(p):
                self.readonly = True
        try:
            self._db = self._connect(memory)
            self._db.row_factory = sqlite3.Row
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._check_foreign()
            if self.readonly:
                missing = [n for n, _ in MIGRATIONS if n not in self._applied()]
                if missing:
                    raise LedgerError(f"{self.path}: the ledger is read-only and needs migration "
                                      f"{missing[0]} to be read by this version")
                return
            if not memory:
                self._retry(lambda: self._db.execute("PRAGMA journal_mode = WAL"))
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"{self.path}: cannot open the ledger ({exc})") from None

    def _connect(self, memory: bool) -> sqlite3.Connection:
        if not self.readonly:
            return sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
        uri = Path(self.path).resolve().as_uri()
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False,
                             timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.OperationalError:  # a WAL ledger in a read-only folder: no -shm can be made
            db.close()
            return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None,
                                   check_same_thread=False)

    def _tables(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def _applied(self) -> set[str]:
        if "migrations" not in self._tables():
            return set()
        return {r[0] for r in self._db.execute("SELECT name FROM migrations")}

    def _check_foreign(self) -> None:
        """Refuse, before any write, a SQLite file that is not a ledger or is from a newer warcount."""
        tables = self._tables() - {"sqlite_sequence"}
        if tables and "migrations" not in tables:
            shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
            raise LedgerError(f"{self.path}: not a warcount ledger (a SQLite file with the tables {shown}); "
                              "refusing to change it")
        known = {n for n, _ in MIGRATIONS}
        unknown = sorted(self._applied() - known)
        if unknown:
            raise LedgerError(f"{self.path}: made by a newer warcount (migration {unknown[-1]} is unknown to "
                              "this version); upgrade warcount to open it")

    @classmethod
    def memory(cls) -> "Ledger":
        return cls(":memory:")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------

    def _retry(self, fn: Callable[[], T]) -> T:
        delay = 0.05
        for attempt in range(RETRIES):
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if not _locked(exc) or attempt == RETRIES - 1:
                    raise
                log.info("ledger busy, retry %d in %.2fs", attempt + 1, delay)
                time.sleep(delay + random.uniform(0, delay))
                delay = min(delay * 2, 2.0)
        raise AssertionError("unreachable")

    def _transaction(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one write transaction, retried with backoff while the database is locked."""
        def attempt() -> T:
            with self._lock:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    out = fn(self._db)
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
                return out

        try:
            return self._retry(attempt)
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"{self.path}: {exc}") from None

    def _q(self, sql: str, args: tuple[Any, ...] | list[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._retry(lambda: self._db.execute(sql, args).fetchall())
            except sqlite3.DatabaseError as exc:
                raise LedgerError(f"{self.path}: {exc}") from None

    def migrate(self) -> list[str]:
        """Apply the migrations this ledger lacks, each in its own transaction; return their names."""
        with self._lock:
            self._db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {r[0] for r in self._db.execute("SELECT name FROM migrations")}
        applied = []
        for name, script in MIGRATIONS:
            if name in done:
                continue

            def run(db: sqlite3.Connection, name: str = name, script: str = script) -> None:
                if db.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                    return  # another process applied it meanwhile
                for stmt in _statements(script):
                    db.execute(stmt)
                db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))

            self._transaction(run)
            log.info("ledger %s: applied migration %s", self.path, name)
            applied.append(name)
        if applied or not self._q("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = 'v_claims'"):
            self._transaction(_ensure_views)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self._q("SELECT name FROM migrations ORDER BY name")]

    # -- writing -----------------------------------------------------------------

    def add_report(self, report: Report) -> AddResult:
        """Add one document's report and reconcile the events it touches, all in one transaction.

        The analysts' corrections are applied again on top in the same transaction (``_recorrect``).
        """
        # matching profiles are immutable per unit id (a revision rewrites its own): kept across writes
        profiles = self.__dict__.setdefault("_profile_cache", {})
        if len(profiles) > PROFILE_CACHE:
            profiles.clear()

        def run(db: sqlite3.Connection) -> AddResult:
            result = _Writer(db, report, profiles).run()
            if _touches_corrections(db, result):
                _recorrect(db)
            return result

        return self._transaction(run)

    # -- reading -----------------------------------------------------------------

    @contextlib.contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Several reads that see one state of the ledger: a writer may merge or re-cluster events (an
        event merged into another is gone) between two of them otherwise."""
        with self._lock:
            if self._db.in_transaction:
                yield
                return
            self._retry(lambda: self._db.execute("BEGIN"))
            try:
                yield
            finally:
                self._db.execute("COMMIT")

    def events(self, *, since: str | None = None, until: str | None = None, country: str | None = None,
               kind: str | None = None, source: str | None = None, search: str | None = None,
               limit: int | None = 100, offset: int = 0) -> list[Event]:
        """Events, newest first, with their claim ids and estimates; filters combine with AND."""
        where, args = self._event_filters(since, until, country, kind, source, search)
        sql = f"SELECT * FROM v_events e {where} ORDER BY e.date IS NULL, e.date DESC, e.id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        with self._snapshot():
            return [self._event(r) for r in self._q(sql, args)]

    def count_events(self, *, since: str | None = None, until: str | None = None, country: str | None = None,
                     kind: str | None = None, source: str | None = None, search: str | None = None) -> int:
        where, args = self._event_filters(since, until, country, kind, source, search)
        return int(self._q(f"SELECT count(*) FROM v_events e {where}", args)[0][0])

    @staticmethod
    def _event_filters(since: str | None, until: str | None, country: str | None, kind: str | None,
                       source: str | None, search: str | None) -> tuple[str, list[Any]]:
        conds: list[str] = []
        args: list[Any] = []
        if since:
            conds.append("e.date >= ?")
            args.append(since)
        if until:
            conds.append("e.date <= ?")
            args.append(until)
        if country:
            conds.append("lower(e.country) = lower(?)")
            args.append(country)
        if kind:
            conds.append("EXISTS (SELECT 1 FROM v_event_claims ec JOIN v_claims c ON c.id = ec.claim_id "
                         "WHERE ec.event_id = e.id AND c.active AND NOT c.rejected AND c.kind = ?)")
            args.append(kind)
        if source:
            conds.append("EXISTS (SELECT 1 FROM v_event_claims ec JOIN v_claims c ON c.id = ec.claim_id "
                         "JOIN sources s ON s.id = c.source_id WHERE ec.event_id = e.id AND c.active "
                         "AND NOT c.rejected AND instr(lower(s.name), ?) > 0)")
            args.append(source.lower())
        if search:
            # instr, not LIKE: no pattern-length limit (a 50,000-character q), no wildcard surprises
            like = search.lower()
            conds.append("(instr(lower(coalesce(e.summary,'')), ?) > 0 OR instr(lower(coalesce(e.place_name,'')), ?) > 0 "
                         "OR instr(lower(e.actors), ?) > 0 OR EXISTS (SELECT 1 FROM v_event_claims ec JOIN v_claims c "
                         "ON c.id = ec.claim_id WHERE ec.event_id = e.id AND c.active AND NOT c.rejected AND "
                         "(instr(lower(c.evidence), ?) > 0 OR instr(lower(c.victim), ?) > 0)))")
            args += [like] * 5
        return ("WHERE " + " AND ".join(conds)) if conds else "", args

    def _event(self, row: sqlite3.Row) -> Event:
        claims = [r[0] for r in self._q(
            "SELECT ec.claim_id FROM v_event_claims ec JOIN v_claims c ON c.id = ec.claim_id "
            "WHERE ec.event_id = ? AND c.active AND NOT c.rejected ORDER BY c.evidence_start, c.id", (row["id"],))]
        ev = Event(
            id=row["id"], type=row["type"] or "unknown", date=row["date"], date_precision=row["date_precision"],
            place=Place(**json.loads(row["place"])) if row["place"] else None,
            actors=json.loads(row["actors"]), claims=claims, casualties=self._estimates(row["id"]),
            summary=row["summary"] or "",
        )
        ev.without_figure = not ev.claims and not ev.casualties  # reported without a figure (figureless_event)
        return ev

    def _estimates(self, event_id: str) -> dict[str, dict[str, Estimate]]:
        out: dict[str, dict[str, Estimate]] = {}
        for r in self._q("SELECT * FROM v_estimates WHERE event_id = ? ORDER BY kind, side", (event_id,)):
            out.setdefault(r["kind"], {})[r["side"]] = Estimate(
                low=r["low"], best=r["best"], high=r["high"], claims=json.loads(r["claims"]),
                low_claims=json.loads(r["low_claims"]), best_claims=json.loads(r["best_claims"]),
                high_claims=json.loads(r["high_claims"]), rule=r["rule"] or "", high_open=bool(r["high_open"]),
                denied=json.loads(r["denied"]))
        return out

    def resolve(self, table: str, given: str) -> list[str]:
        """The ids of ``table`` ("events", "documents", "claims") that ``given`` names: itself, or
        itself with the record's prefix (``ev-``, ``doc-``, ``cl-``), or a prefix of either.
        One id when the name is unique; several when a prefix is ambiguous; none when unknown."""
        from .ids import PREFIX

        given = (given or "").strip()
        if table not in PREFIX or not given:
            return []
        names = [given] if given.startswith(PREFIX[table]) else [PREFIX[table] + given, given]
        for name in names:
            if self._q(f"SELECT 1 FROM {table} WHERE id = ?", (name,)):
                return [name]
        found: list[str] = []
        for name in names:
            if len(name) < 4:
                continue
            pattern = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            found += [r[0] for r in self._q(f"SELECT id FROM {table} WHERE id LIKE ? ESCAPE '\\' LIMIT 5",
                                            (pattern,)) if r[0] not in found]
        return found

    def _one(self, table: str, given: str) -> str:
        hits = self.resolve(table, given)
        return hits[0] if len(hits) == 1 else given

    def event(self, event_id: str) -> EventDetail | None:
        """One event, everything the side-by-side view and the dashboard show; None when unknown.
        The id may be given without its ``ev-`` prefix or as a unique prefix."""
        event_id = self.current_event_id(self._one("events", event_id))
        with self._snapshot():
            return self._event_detail(event_id)

    def _event_detail(self, event_id: str) -> EventDetail | None:
        rows = self._q("SELECT * FROM v_events WHERE id = ?", (event_id,))
        if not rows:
            return None
        ev = self._event(rows[0])
        claims = self.claims(event=event_id, limit=None)
        flags = self._q("SELECT * FROM v_flags WHERE event_id = ? ORDER BY id", (event_id,))

        def of(kind: str) -> list[dict[str, Any]]:
            return [{"type": f["type"], "kind": f["kind"], "side": f["side"], "claims": json.loads(f["claims"]),
                     "detail": f["detail"]} for f in flags if f["type"] == kind]

        machine_ids = self._machine_events_of(event_id)
        marks = ",".join("?" * len(machine_ids))
        merges = [dict(r) | {"evidence": json.loads(r["evidence"]) if r["evidence"] else None} for r in self._q(
            f"SELECT document_id, document_event, reason, at, score, evidence FROM merges WHERE event_id IN "
            f"({marks}) ORDER BY id", machine_ids)]
        docs = [self._doc_summary(r) for r in self._q(
            "SELECT DISTINCT d.* FROM documents d JOIN claims c ON c.document_id = d.id "
            "JOIN v_event_claims ec ON ec.claim_id = c.id WHERE ec.event_id = ? "
            "UNION SELECT d.* FROM documents d JOIN event_documents ed ON ed.document_id = d.id "
            f"WHERE ed.event_id IN ({marks}) ORDER BY first_seen", (event_id, *machine_ids))]
        rejected = self.claims(event=event_id, limit=None, rejected_only=True)
        out = EventDetail(event=ev, claims=claims, conflicts=of("conflict"), revisions=of("revision"),
                          denials=of("denial"), merges=merges, documents=docs,
                          reported_on=self._reported_on([c.id for c in claims + rejected]),
                          suggestions=self.suggestions(event_id))
        self._correction_detail(out, rejected)
        return out

    def suggestions(self, event_id: str, limit: int = 10) -> list[dict[str, Any]]:
        """Events and claimless documents that scored near this event but below the merge threshold (or
        that a separation kept out), best first, each with its score and why."""
        rows = self._q(
            "SELECT l.score, l.decision, l.evidence, o.event_id AS other, o.document_id AS other_document "
            "FROM units u JOIN links l ON l.a = u.id OR l.b = u.id "
            "JOIN units o ON o.id = CASE WHEN l.a = u.id THEN l.b ELSE l.a END "
            "WHERE u.event_id = ? AND (o.event_id IS NULL OR o.event_id != ?) ORDER BY l.score DESC", (event_id, event_id))
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for r in rows:
            key = r["other"] or "doc:" + r["other_document"]
            if key in seen:
                continue
            seen.add(key)
            evid = json.loads(r["evidence"])
            out.append({"event_id": r["other"], "document_id": r["other_document"], "score": r["score"],
                        "decision": r["decision"], "reason": evid.get("reason", ""),
                        "separated": evid.get("separated")})
            if len(out) >= limit:
                break
        return out

    def claims(self, *, event: str | None = None, document: str | None = None, kind: str | None = None,
               source: str | None = None, status: str | None = None, scope: str | None = None,
               search: str | None = None, include_superseded: bool = False,
               limit: int | None = 100, offset: int = 0, include_rejected: bool = False,
               rejected_only: bool = False, machine: bool = False) -> list[Claim]:
        """Claims as records, ``event_id`` set to their ledger event (None: outside any event).

        Corrections apply: corrected fields replace the machine's, rejected claims are left out
        (``include_rejected`` keeps them, ``rejected_only`` lists just them); ``machine`` gives the
        machine's reading and grouping instead, as if no analyst had corrected anything.
        """
        conds: list[str] = []
        args: list[Any] = []
        event = self._one("events", event) if event else event
        document = self._one("documents", document) if document else document
        claims_t, links_t = ("claims", "event_claims") if machine else ("v_claims", "v_event_claims")
        if not include_superseded:
            conds.append("c.active")
        if machine:
            pass
        elif rejected_only:
            conds.append("c.rejected")
        elif not include_rejected:
            conds.append("NOT c.rejected")
        for col, val in (("ec.event_id", event), ("c.document_id", document), ("c.kind", kind),
                         ("c.status", status), ("c.scope", scope)):
            if val is not None:
                conds.append(f"{col} = ?")
                args.append(val)
        if source:
            conds.append("instr(lower(s.name), ?) > 0")
            args.append(source.lower())
        if search:
            conds.append("(instr(lower(c.evidence), ?) > 0 OR instr(lower(c.victim), ?) > 0)")
            args += [search.lower()] * 2
        sql = ("SELECT c.*, s.name AS source_name, s.kind AS source_kind, s.description AS source_description, "
               f"ec.event_id AS ledger_event FROM {claims_t} c JOIN sources s ON s.id = c.source_id "
               f"LEFT JOIN {links_t} ec ON ec.claim_id = c.id "
               + ("WHERE " + " AND ".join(conds) if conds else "")
               + " ORDER BY c.document_id, c.evidence_start, c.id")
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        return [_claim(r) for r in self._q(sql, args)]

    def _reported_on(self, claim_ids: list[str]) -> dict[str, str | None]:
        """Claim id -> the date its document says it was published (None when it says none).

        Never the ingest time: that is when the ledger saw it (``first_seen``), not when the
        source reported it, and a re-read archive would otherwise date every claim today."""
        out: dict[str, str | None] = {}
        for i in range(0, len(claim_ids), 500):
            chunk = claim_ids[i:i + 500]
            for r in self._q(
                    f"SELECT c.id, r.published FROM claims c JOIN revisions r ON r.id = c.revision_id "
                    f"WHERE c.id IN ({','.join('?' * len(chunk))})", chunk):
                out[r[0]] = report_date(r[1])
        return out

    def documents(self, *, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        sql = "SELECT * FROM documents ORDER BY first_seen, id"
        args: list[Any] = []
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args = [limit, offset]
        return [self._doc_summary(r) for r in self._q(sql, args)]

    def _doc_summary(self, d: sqlite3.Row) -> dict[str, Any]:
        revs = self._q("SELECT number, content_hash, published, ingested_at, meta FROM revisions "
                       "WHERE document_id = ? ORDER BY number", (d["id"],))
        last = json.loads(revs[-1]["meta"]) if revs else {}
        n_claims = self._q("SELECT count(*) FROM claims WHERE document_id = ? AND active", (d["id"],))[0][0]
        return {
            "id": d["id"], "url": d["url"], "origin": d["origin"], "title": d["title"],
            "author": last.get("author"), "site": last.get("site"),
            "published": revs[-1]["published"] if revs else None,
            "revisions": len(revs), "content_hash": revs[-1]["content_hash"] if revs else None,
            "claims": n_claims, "first_seen": d["first_seen"], "last_seen": d["last_seen"],
        }

    def document(self, document_id: str) -> dict[str, Any] | None:
        """A document: its summary, every revision (the newest with its cleaned text) and its claims.
        The id may be given without its ``doc-`` prefix or as a unique prefix."""
        document_id = self._one("documents", document_id)
        rows = self._q("SELECT * FROM documents WHERE id = ?", (document_id,))
        if not rows:
            return None
        out = self._doc_summary(rows[0])
        revs = self._q("SELECT * FROM revisions WHERE document_id = ? ORDER BY number", (document_id,))
        out["revision_list"] = [{"number": r["number"], "content_hash": r["content_hash"], "published": r["published"],
                                 "ingested_at": r["ingested_at"], "meta": json.loads(r["meta"])} for r in revs]
        out["text"] = revs[-1]["text"] if revs else None
        out["claims"] = [c.as_dict() for c in self.claims(document=document_id, limit=None)]
        out["superseded_claims"] = [c.as_dict() for c in self.claims(document=document_id, limit=None,
                                                                      include_superseded=True)
                                    if c.id not in {x["id"] for x in out["claims"]}]
        return out

    def sources(self) -> list[dict[str, Any]]:
        """Each source: how many figures it gave, in how many events, how often the highest or lowest there."""
        rows = self._q(
            "SELECT s.id, s.name, s.kind, s.description, c.id AS claim_id, c.low, c.high, ec.event_id, c.kind AS ckind, "
            "coalesce(c.victim_side, CASE WHEN c.perpetrator THEN 'attackers' ELSE 'unknown' END) AS side, "
            "(c.scope = 'incident' AND c.part_of IS NULL AND c.status != 'denied') AS counted "
            "FROM sources s JOIN v_claims c ON c.source_id = s.id AND c.active AND NOT c.rejected "
            "LEFT JOIN v_event_claims ec ON ec.claim_id = c.id")
        groups: dict[tuple[str, str, str], list[sqlite3.Row]] = {}
        for r in rows:
            if r["event_id"] and r["counted"]:
                groups.setdefault((r["event_id"], r["ckind"], r["side"]), []).append(r)
        highest: dict[int, int] = {}
        lowest: dict[int, int] = {}
        for members in groups.values():
            if len({m["id"] for m in members}) < 2:
                continue  # a lone source is neither highest nor lowest
            tops = {m["id"]: (m["high"] if m["high"] is not None else m["low"]) for m in members}
            lows = {m["id"]: m["low"] for m in members}
            hi, lo = max(tops.values()), min(lows.values())
            for sid, v in tops.items():
                if v == hi:
                    highest[sid] = highest.get(sid, 0) + 1
            for sid, v in lows.items():
                if v == lo:
                    lowest[sid] = lowest.get(sid, 0) + 1
        out: dict[int, dict[str, Any]] = {}
        for r in rows:
            s = out.setdefault(r["id"], {"name": r["name"], "kind": r["kind"], "description": r["description"],
                                         "figures": 0, "events": set(), "highest": highest.get(r["id"], 0),
                                         "lowest": lowest.get(r["id"], 0)})
            s["figures"] += 1
            if r["event_id"]:
                s["events"].add(r["event_id"])
        result = []
        for s in out.values():
            s["events"] = len(s["events"])
            result.append(s)
        return sorted(result, key=lambda s: (-s["figures"], s["name"].lower()))

    def stats(self) -> dict[str, Any]:
        def n(sql: str) -> int:
            return int(self._q(sql)[0][0])

        return {
            "documents": n("SELECT count(*) FROM documents"),
            "revisions": n("SELECT count(*) FROM revisions"),
            "claims": n("SELECT count(*) FROM v_claims WHERE active AND NOT rejected"),
            "superseded_claims": n("SELECT count(*) FROM claims WHERE NOT active"),
            "events": n("SELECT count(*) FROM v_events"),
            "sources": n("SELECT count(DISTINCT source_id) FROM v_claims WHERE active AND NOT rejected"),
            "merges": n("SELECT count(*) FROM merges"),
            "conflicts": n("SELECT count(DISTINCT event_id) FROM v_flags WHERE type = 'conflict'"),
            "corrections": n("SELECT count(*) FROM corrections WHERE undone_at IS NULL"),
            "claims_by_kind": {r[0]: r[1] for r in self._q(
                "SELECT kind, count(*) FROM v_claims WHERE active AND NOT rejected GROUP BY kind ORDER BY kind")},
            "migrations": self.migrations(),
        }

    # -- corrections (issue 16): the analyst's hand, stored apart and applied on top --------------

    def current_event_id(self, event_id: str) -> str:
        """The event that now shows ``event_id``: itself, or the corrected event it was merged into."""
        r = self._q("SELECT by_event FROM corr_replaced WHERE event_id = ?", (event_id,))
        if r and r[0][0] != event_id and not self._q("SELECT 1 FROM corr_events WHERE id = ?", (event_id,)):
            return str(r[0][0])
        if r or self._q("SELECT 1 FROM v_events WHERE id = ?", (event_id,)):
            return event_id
        # an id a correction named that the machine no longer has (a revision regrouped its claims):
        # the event now holding the claims the correction anchored on
        for k in self._q("SELECT op, target, value, anchor FROM corrections WHERE undone_at IS NULL AND "
                         "(target = ? OR value = ?) ORDER BY id DESC", (event_id, _jl(event_id))):
            anchor = json.loads(k["anchor"] or "{}")
            part = anchor.get("b" if k["op"] == "merge" and k["target"] != event_id else "a") \
                if k["op"] == "merge" else anchor
            claims = list(part.get("claims") or [])
            docs = list(part.get("documents") or [])
            hit = self._q(
                f"SELECT ec.event_id FROM v_event_claims ec JOIN claims c ON c.id = ec.claim_id WHERE c.active AND "
                f"(c.id IN ({','.join('?' * len(claims)) or 'NULL'}) OR c.document_id IN "
                f"({','.join('?' * len(docs)) or 'NULL'})) ORDER BY c.id IN ({','.join('?' * len(claims)) or 'NULL'}) "
                f"DESC LIMIT 1", [*claims, *docs, *claims])
            if hit:
                return str(hit[0][0])
        return event_id

    def find_id(self, text: str, what: str) -> str:
        """A claim or event id from its full form or a unique prefix; InputError names what is wrong."""
        text = (text or "").strip()
        if what == "claim":
            table, sql_all = "claims", "SELECT id FROM claims WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 3"
        else:
            table, sql_all = "events", ("SELECT id FROM v_events WHERE id = ? OR id LIKE ? ESCAPE '\\' UNION "
                                        "SELECT event_id FROM corr_replaced WHERE event_id = ? LIMIT 3")
        if not text:
            raise InputError(what, f"no {what} id given")
        like = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        args: tuple[Any, ...] = (text, like) if what == "claim" else (text, like, text)
        rows = [r[0] for r in self._q(sql_all, args)]
        if text in rows:
            return self.current_event_id(text) if what == "event" else text
        if len(rows) == 1:
            return self.current_event_id(rows[0]) if what == "event" else rows[0]
        if not rows:
            raise InputError(text, f"no such {what} in the ledger ({table})")
        raise InputError(text, f"more than one {what} id starts with this: give more of it")

    def corrected_event_ids(self) -> set[str]:
        """The events an analyst's correction changed (the rest are the machine's as it grouped them)."""
        return {r[0] for r in self._q("SELECT id FROM corr_events")}

    def _event_anchor(self, event_id: str) -> dict[str, Any]:
        rows = self._q("SELECT c.id, c.document_id FROM v_event_claims ec JOIN claims c ON c.id = ec.claim_id "
                       "WHERE ec.event_id = ? AND c.active ORDER BY c.evidence_start, c.id", (event_id,))
        return {"claims": [r[0] for r in rows], "documents": sorted({r[1] for r in rows})}

    def add_correction(self, op: str, target: str, field_name: str | None = None, value: Any = None, *,
                       who: str, reason: str = "", claims: list[str] | None = None) -> corr.Correction:
        """Record one correction and apply every correction again; returns it with its state.

        ``merge``: target and value are the two events (value merges into target); ``split``: the
        ``claims`` leave event ``target`` as a new event; ``reject``/``restore``/``set``: target is a
        claim; ``set-event``: target is an event. Bad ids or values raise InputError.
        """
        if op not in corr.OPS:
            raise InputError(op, f"unknown correction (choose from {', '.join(corr.OPS)})")
        who = corr._text("who", who)
        reason = corr.reason_text(reason)
        anchor: dict[str, Any]
        parsed: Any = None
        if op in ("reject", "restore", "set"):
            target = self.find_id(target, "claim")
            row = self._q("SELECT document_id, active FROM claims WHERE id = ?", (target,))[0]
            if not row["active"]:
                raise InputError(target, "this claim was dropped by a newer revision of its document")
            if op == "set":
                parsed = corr.parse_value("set", field_name or "", value)
            anchor = {"documents": [row["document_id"]]}
        elif op == "merge":
            target = self.find_id(target, "event")
            other = self.find_id(str(value or ""), "event")
            if other == target:
                raise InputError(other, "an event cannot be merged with itself")
            parsed = other
            anchor = {"a": self._event_anchor(target), "b": self._event_anchor(other)}
        elif op == "split":
            target = self.find_id(target, "event")
            mine = self._event_anchor(target)
            moved = []
            for cid in claims or []:
                full = self.find_id(cid, "claim")
                if full not in mine["claims"]:
                    raise InputError(full, f"this claim is not in event {target}")
                if full not in moved:
                    moved.append(full)
            if not moved:
                raise InputError(target, "name the claims to split out (--claims)")
            if len(moved) == len(mine["claims"]):
                raise InputError(target, "a split must leave at least one claim in the event")
            parsed = corr.split_id(moved)
            anchor = {"claims": moved}
        else:
            target = self.find_id(target, "event")
            parsed = corr.parse_value("set-event", field_name or "", value)
            anchor = self._event_anchor(target)
        now = _now()

        def run(db: sqlite3.Connection) -> int:
            cid = db.execute(
                "INSERT INTO corrections (op, target, field, value, anchor, who, at, reason) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (op, target, field_name if op in ("set", "set-event") else None, _jl(parsed), _jl(anchor), who, now,
                 reason)).lastrowid
            _recorrect(db)
            return int(cid)

        n = self._transaction(run)
        return self.corrections(ids=[n])[0]

    def undo_correction(self, number: int, *, who: str, reason: str = "") -> corr.Correction:
        """Mark correction ``number`` undone (it stays in the log) and apply the others again."""
        rows = self._q("SELECT undone_at FROM corrections WHERE id = ?", (number,))
        if not rows:
            raise InputError(str(number), "no such correction")
        if rows[0][0]:
            raise InputError(str(number), f"this correction was already undone at {rows[0][0]}")
        who, reason = corr._text("who", who), corr.reason_text(reason)

        def run(db: sqlite3.Connection) -> None:
            db.execute("UPDATE corrections SET undone_at = ?, undone_by = ?, undo_reason = ? WHERE id = ?",
                       (_now(), who, reason, number))
            _recorrect(db)

        self._transaction(run)
        return self.corrections(ids=[number])[0]

    def corrections(self, *, ids: list[int] | None = None) -> list[corr.Correction]:
        """The corrections, oldest first, each with its state against the current ledger."""
        sql = ("SELECT k.*, s.state, s.detail FROM corrections k LEFT JOIN corr_state s ON s.correction_id = k.id")
        args: list[Any] = []
        if ids is not None:
            if not ids:
                return []
            sql += f" WHERE k.id IN ({','.join('?' * len(ids))})"
            args = list(ids)
        return [_correction(r) for r in self._q(sql + " ORDER BY k.id", args)]

    def correction_lines(self) -> Iterator[dict[str, Any]]:
        """The corrections as JSONL export lines, after the reports: ``{"correction": {...}}``."""
        for c in self.corrections():
            d = c.as_dict()
            d.pop("state", None)
            d.pop("detail", None)
            yield {"correction": d}

    def import_correction(self, d: dict[str, Any]) -> bool:
        """Add an exported correction as it was (who, when, undone); False when the ledger already has it."""
        try:
            op, target, who, at = str(d["op"]), str(d["target"]), str(d["who"]), str(d["at"])
            anchor = d.get("anchor") or {}
            if op not in corr.OPS or not isinstance(anchor, dict):
                raise ValueError(f"unknown operation {op!r}")
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError("correction", f"not a warcount correction ({exc})") from None
        value = _jl(d.get("value"))

        def run(db: sqlite3.Connection) -> bool:
            if db.execute("SELECT 1 FROM corrections WHERE op = ? AND target = ? AND coalesce(field, '') = ? AND "
                          "value = ? AND who = ? AND at = ?",
                          (op, target, d.get("field") or "", value, who, at)).fetchone():
                return False
            db.execute("INSERT INTO corrections (op, target, field, value, anchor, who, at, reason, undone_at, "
                       "undone_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (op, target, d.get("field"), value, _jl(anchor), who, at, corr.reason_text(d.get("reason")),
                        d.get("undone_at"), d.get("undone_by")))
            _recorrect(db)
            return True

        return self._transaction(run)

    def merge_candidates(self, event_id: str, limit: int = 8) -> list[dict[str, Any]]:
        """Events that may be the same happening: the matcher's suggestions when the ledger keeps them,
        then events near in date (30 days) in the same country or without a country."""
        event_id = self.current_event_id(event_id)
        out: dict[str, dict[str, Any]] = {}
        for other, why in self._suggested(event_id):
            other = self.current_event_id(other)
            if other != event_id and other not in out:
                out[other] = {"id": other, "why": why}
        me = self._q("SELECT date, country FROM v_events WHERE id = ?", (event_id,))
        if me:
            d, country = me[0]["date"], me[0]["country"]
            rows = self._q(
                "SELECT id, date FROM v_events WHERE id != ? AND (? IS NULL OR country IS NULL OR "
                "lower(country) = lower(?)) ORDER BY CASE WHEN ? IS NULL OR date IS NULL THEN 1e9 ELSE "
                "abs(julianday(date) - julianday(?)) END, id LIMIT ?",
                (event_id, country, country, d, d, limit * 3))
            for r in rows:
                if r["id"] in out:
                    continue
                gap = None
                if d and r["date"]:
                    with contextlib.suppress(ValueError):
                        gap = abs((date.fromisoformat(r["date"][:10]) - date.fromisoformat(d[:10])).days)
                if gap is not None and gap > 30:
                    continue
                out[r["id"]] = {"id": r["id"], "why": "same country" + (f", {gap} day(s) apart" if gap is not None
                                                                          else ", undated")}
        result = []
        for item in list(out.values())[:limit]:
            ev = self._q("SELECT * FROM v_events WHERE id = ?", (item["id"],))
            if ev:
                result.append({**item, "date": ev[0]["date"], "place": ev[0]["place_name"],
                               "summary": ev[0]["summary"] or ""})
        return result

    def _suggested(self, event_id: str) -> list[tuple[str, str]]:
        """(event, why) from a ``suggestions`` table when the matcher keeps one; its columns are read by name."""
        try:
            cols = [r[1] for r in self._q("PRAGMA table_info(suggestions)")]
        except LedgerError:
            return []
        if not cols:
            return []
        ids = [c for c in cols if "event" in c.lower() or c.lower() in ("a", "b", "other")]
        why = next((c for c in cols if c.lower() in ("reason", "why", "evidence", "detail")), None)
        out = []
        try:
            for r in self._q("SELECT * FROM suggestions"):
                vals = [r[c] for c in ids if isinstance(r[c], str)]
                if event_id in vals:
                    out += [(v, str(r[why]) if why else "suggested by the matcher") for v in vals if v != event_id]
        except LedgerError:
            return []
        return out

    def _machine_events_of(self, event_id: str) -> list[str]:
        ids = [event_id] + [r[0] for r in self._q("SELECT event_id FROM corr_replaced WHERE by_event = ?",
                                                  (event_id,))]
        for r in self._q("SELECT base, absorbed FROM corr_events WHERE id = ?", (event_id,)):
            ids += [r[0], *json.loads(r[1])]
        return list(dict.fromkeys(ids))

    def _correction_detail(self, out: EventDetail, rejected: list[Claim]) -> None:
        """The event's rejected claims, its corrections and the machine's values beside the corrected ones."""
        ev = out.event
        out.rejected = rejected
        ids: list[int] = []
        machine: dict[str, Any] = {"claims": {}, "event": {}, "merged_from": []}
        row = self._q("SELECT * FROM corr_events WHERE id = ?", (ev.id,))
        if row:
            ids += json.loads(row[0]["corrections"])
            absorbed = json.loads(row[0]["absorbed"])
            machine["merged_from"] = [m for m in absorbed if m != ev.id]
            base = self._q("SELECT * FROM events WHERE id = ?", (row[0]["base"],))
            if base:
                b = base[0]
                for name, mval, cval in (("type", b["type"], ev.type), ("date", b["date"], ev.date),
                                         ("place", b["place_name"], ev.place.name if ev.place else None)):
                    if mval != cval:
                        machine["event"][name] = {"machine": mval, "corrected": cval}
        claim_ids = [c.id for c in out.claims + rejected]
        for i in range(0, len(claim_ids), 500):
            chunk = claim_ids[i:i + 500]
            for r in self._q(
                    "SELECT o.corrections, c.id, c.kind, c.low, c.high, c.status, c.victim_side, c.event_date, "
                    "c.place, s.name AS source FROM corr_claims o JOIN claims c ON c.id = o.claim_id "
                    f"JOIN sources s ON s.id = c.source_id WHERE o.claim_id IN ({','.join('?' * len(chunk))})",
                    chunk):
                ids += json.loads(r["corrections"])
                mine = next(c for c in out.claims + rejected if c.id == r["id"])
                fields = {"kind": (r["kind"], mine.kind),
                          "figure": (corr.show_value("figure", {"low": r["low"], "high": r["high"]}),
                                     corr.show_value("figure", {"low": mine.figure.low, "high": mine.figure.high})),
                          "source": (r["source"], mine.source.name), "status": (r["status"], mine.status),
                          "side": (r["victim_side"], mine.victim_side), "date": (r["event_date"], mine.event_date),
                          "place": (r["place"], mine.place)}
                diff = {k: {"machine": m, "corrected": c} for k, (m, c) in fields.items() if m != c}
                if mine in rejected:
                    diff["rejected"] = {"machine": False, "corrected": True}
                if diff:
                    machine["claims"][r["id"]] = diff
        machine_ids = set(self._machine_events_of(ev.id))
        targets = set(claim_ids) | machine_ids
        for c in self.corrections():
            if c.id in ids or c.target in targets or (c.op == "merge" and c.value in machine_ids):
                out.corrections.append(c.as_dict() | {"description": c.describe()})
        out.machine = machine

    def reports(self) -> Iterator[dict[str, Any]]:
        """Every revision as a report dict (document, claims, events), oldest first: the JSONL export.

        Each line carries what ``add_report`` needs to rebuild the same ledger: the revision's metadata,
        cleaned text and ingest time, its claims (with their ledger ids) and its document events.
        """
        for r in self._q("SELECT r.*, d.url AS d_url, d.origin AS d_origin FROM revisions r "
                         "JOIN documents d ON d.id = r.document_id ORDER BY r.id"):
            meta = json.loads(r["meta"])
            meta.update({"id": r["document_id"], "content_hash": r["content_hash"], "text": r["text"],
                         "ingested_at": r["ingested_at"]})
            claims = self._q(
                "SELECT c.*, s.name AS source_name, s.kind AS source_kind, s.description AS source_description, "
                "NULL AS ledger_event FROM claims c JOIN sources s ON s.id = c.source_id "
                "WHERE c.revision_id <= ? AND c.last_revision_id >= ? AND c.document_id = ? "
                "ORDER BY c.evidence_start, c.id", (r["id"], r["id"], r["document_id"]))
            records = [_claim(c) for c in claims]
            events = [_event_from_dict(e) for e in meta.pop("_events", [])]
            for e, raw in zip(events, json.loads(r["meta"]).get("_events", [])):
                e.claims = list(raw.get("claims") or [])
            owner = {cid: e.id for e in events for cid in e.claims}
            for c in records:
                c.event_id = owner.get(c.id)
            yield {"document": meta, "claims": [c.as_dict() for c in records],
                   "events": [e.as_dict() for e in events]}


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _claim(r: sqlite3.Row) -> Claim:
    return Claim(
        id=r["id"], kind=r["kind"], figure=Figure(r["low"], r["high"], r["figure_text"] or ""),
        victim=r["victim"] or "", source=Source(r["source_name"], r["source_kind"] or "unattributed",
                                                r["source_description"]),
        status=r["status"], scope=r["scope"], victim_side=r["victim_side"], event_date=r["event_date"],
        date_precision=r["date_precision"], place=r["place"], evidence=r["evidence"] or "",
        evidence_start=r["evidence_start"] if r["evidence_start"] is not None else -1,
        evidence_end=r["evidence_end"] if r["evidence_end"] is not None else -1,
        sentence=r["sentence"] or "", part_of=r["part_of"], sum_of=json.loads(r["sum_of"]),
        perpetrator=bool(r["perpetrator"]), event_id=r["ledger_event"], document_id=r["document_id"],
    )


def _event_from_dict(d: dict[str, Any]) -> Event:
    place = d.get("place")
    return Event(id=d["id"], type=d.get("type") or "unknown", date=d.get("date"),
                 date_precision=d.get("date_precision"),
                 place=Place(**place) if isinstance(place, dict) else None,
                 actors=list(d.get("actors") or []), claims=[], summary=d.get("summary") or "",
                 without_figure=bool(d.get("without_figure")))


def claim_from_dict(d: dict[str, Any]) -> Claim:
    """A claim from its ``as_dict()`` form (JSONL exports, gold-like files)."""
    src = d.get("source") or {}
    if isinstance(src, str):
        src = {"name": src}
    return Claim(
        id=str(d["id"]), kind=d["kind"], figure=Figure.from_dict(d["figure"]), victim=d.get("victim") or "",
        source=Source(src.get("name") or "unattributed", src.get("kind") or "unattributed", src.get("description")),
        status=d.get("status") or "stated", scope=d.get("scope") or "incident", victim_side=d.get("victim_side"),
        event_date=d.get("event_date"), date_precision=d.get("date_precision"), place=d.get("place"),
        evidence=d.get("evidence") or "", evidence_start=int(d.get("evidence_start", -1)),
        evidence_end=int(d.get("evidence_end", -1)), sentence=d.get("sentence") or "", part_of=d.get("part_of"),
        sum_of=list(d.get("sum_of") or []), perpetrator=bool(d.get("perpetrator")), event_id=d.get("event_id"),
        document_id=d.get("document_id"),
    )


def report_from_dict(d: dict[str, Any]) -> Report:
    """A report from its ``as_dict()`` form: the inverse of ``Ledger.reports`` lines."""
    if not isinstance(d, dict) or not isinstance(d.get("document"), dict) or not isinstance(d.get("claims"), list):
        raise ValueError("not a warcount report: needs 'document' and 'claims'")
    claims = [claim_from_dict(c) for c in d["claims"]]
    events = [_event_from_dict(e) for e in d.get("events") or []]
    for e, raw in zip(events, d.get("events") or []):
        e.claims = list(raw.get("claims") or [])
    return Report(document=dict(d["document"]), claims=claims, events=events)


# --- the writer: one report in one transaction --------------------------------------


class _Writer:
    def __init__(self, db: sqlite3.Connection, report: Report,
                 profiles: dict[str, matching.Profile] | None = None) -> None:
        self.db = db
        self.report = report
        self.meta = dict(report.document)
        self.now = self.meta.get("ingested_at") or _now()
        self._profiles: dict[str, matching.Profile] = profiles if profiles is not None else {}

    def run(self) -> AddResult:
        meta = self.meta
        text = meta.get("text") if isinstance(meta.get("text"), str) else (
            self.report.cleaned.text if self.report.cleaned else None)
        content_hash = str(meta.get("content_hash") or meta.get("id") or _h(_jl(self.report.as_dict())))
        known = self.db.execute("SELECT document_id, number FROM revisions WHERE content_hash = ?",
                                (content_hash,)).fetchone()
        if known:
            self.db.execute("UPDATE documents SET last_seen = ? WHERE id = ?", (self.now, known[0]))
            return AddResult(document_id=known[0], revision=known[1], status="unchanged")

        doc_id = self._find_document(text)
        if doc_id is None:
            key = self._doc_key()
            doc_id = "doc-" + _h(key)[:16]
            if self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
                doc_id = "doc-" + _h(key, content_hash)[:16]
            self.db.execute(
                "INSERT INTO documents (id, key, url, origin, title, title_key, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, key, meta.get("url"), meta.get("origin"), meta.get("title"), _key(meta.get("title")),
                 self.now, self.now))
            number, status = 1, "new"
        else:
            number = self.db.execute("SELECT max(number) FROM revisions WHERE document_id = ?",
                                     (doc_id,)).fetchone()[0] + 1
            status = "revision"
            self.db.execute("UPDATE documents SET last_seen = ?, title = coalesce(?, title) WHERE id = ?",
                            (self.now, meta.get("title"), doc_id))
        stored_meta = {k: v for k, v in meta.items() if k not in ("text", "ingested_at")}
        ids = self._claim_ids(doc_id)
        stored_meta["_events"] = [{**e.as_dict(), "casualties": {},
                                   "claims": [ids[i] for i in e.claims if i in ids]} for e in self.report.events]
        published = meta.get("published")
        rev_id = self.db.execute(
            "INSERT INTO revisions (document_id, number, content_hash, meta, text, published, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc_id, number, content_hash, _jl(stored_meta), text, published, self.now)).lastrowid
        result = AddResult(document_id=doc_id, revision=number, status=status)

        # claims: ids from content, so a claim that survives a revision keeps its id
        previous = {r[0] for r in self.db.execute("SELECT id FROM claims WHERE document_id = ? AND active", (doc_id,))}
        self.db.execute("UPDATE claims SET active = 0 WHERE document_id = ?", (doc_id,))
        for c in self.report.claims:
            gid = ids[c.id]
            src = self._source(c.source)
            row = (doc_id, rev_id, rev_id, c.id, c.kind, c.figure.low, c.figure.high, c.figure.text, c.victim,
                   c.victim_side, src, c.status, c.scope, c.event_date, c.date_precision, c.place, c.evidence,
                   c.evidence_start, c.evidence_end, c.sentence, ids.get(c.part_of) if c.part_of else None,
                   _jl([ids.get(s, s) for s in c.sum_of]), int(c.perpetrator))
            if self.db.execute("SELECT 1 FROM claims WHERE id = ?", (gid,)).fetchone():
                self.db.execute(
                    "UPDATE claims SET active = 1, last_revision_id = ?, local_id = ?, evidence_start = ?, "
                    "evidence_end = ?, sentence = ?, part_of = ?, sum_of = ?, event_date = ?, date_precision = ?, "
                    "place = ?, victim = ?, victim_side = ? WHERE id = ?",
                    (rev_id, c.id, c.evidence_start, c.evidence_end, c.sentence, row[20], row[21], c.event_date,
                     c.date_precision, c.place, c.victim, c.victim_side, gid))
            else:
                self.db.execute(
                    "INSERT INTO claims (id, document_id, revision_id, last_revision_id, local_id, kind, low, high, "
                    "figure_text, victim, victim_side, source_id, status, scope, event_date, date_precision, place, "
                    "evidence, evidence_start, evidence_end, sentence, part_of, sum_of, perpetrator) "
                    "VALUES (?, " + ", ".join("?" * 23) + ")", (gid, *row))
                result.claims_added += 1
        current = set(ids.values())
        gone = previous - current
        result.claims_superseded = len(gone)

        self._events(doc_id, ids, text, result)
        return result

    # -- documents --------------------------------------------------------------

    def _doc_key(self) -> str:
        m = self.meta
        origin = m.get("origin")
        if m.get("url"):
            return "url:" + str(m["url"])
        if m.get("record_id"):
            return "record:" + str(m["record_id"])
        if origin and origin not in ("-", "<memory>", "<stdin>"):
            return "origin:" + str(origin)
        return "hash:" + str(m.get("content_hash") or m.get("id"))

    def _find_document(self, text: str | None) -> str | None:
        key = self._doc_key()
        row = self.db.execute("SELECT id FROM documents WHERE key = ? ORDER BY first_seen LIMIT 1", (key,)).fetchone()
        if row:
            return row[0]
        title = _key(self.meta.get("title"))
        if not title or len(title.split()) < 3 or not text:
            return None
        mine = _shingles(text)
        for cand in self.db.execute("SELECT id FROM documents WHERE title_key = ?", (title,)).fetchall():
            last = self.db.execute("SELECT text FROM revisions WHERE document_id = ? ORDER BY number DESC LIMIT 1",
                                   (cand[0],)).fetchone()
            theirs = _shingles(last[0] or "") if last else set()
            if mine and theirs and len(mine & theirs) / len(mine | theirs) >= SIMILAR_TEXT:
                log.info("%s: a revision of %s (same title, similar text)", self.meta.get("origin"), cand[0])
                return cand[0]
        return None

    def _claim_ids(self, doc_id: str) -> dict[str, str]:
        seen: dict[str, int] = {}
        out: dict[str, str] = {}
        for c in self.report.claims:
            base = _h(doc_id, c.kind, c.figure.low, c.figure.high, _source_key(c.source.name), c.status, c.scope,
                      _key(c.evidence))
            n = seen.get(base, 0)
            seen[base] = n + 1
            out[c.id] = "cl-" + _h(base, n)[:16]
        return out

    def _source(self, s: Source) -> int:
        key = _source_key(s.name) or "unattributed"
        row = self.db.execute("SELECT id, kind, description FROM sources WHERE key = ?", (key,)).fetchone()
        if row:
            if (row[1] in (None, "unattributed") and s.kind != "unattributed") or (not row[2] and s.description):
                self.db.execute("UPDATE sources SET kind = ?, description = coalesce(description, ?) WHERE id = ?",
                                (s.kind if row[1] in (None, "unattributed") else row[1], s.description, row[0]))
            return int(row[0])
        return int(self.db.execute("INSERT INTO sources (key, name, kind, description) VALUES (?, ?, ?, ?)",
                                   (key, s.name, s.kind, s.description)).lastrowid)

    # -- events -------------------------------------------------------------------

    def _events(self, doc_id: str, ids: dict[str, str], text: str | None, result: AddResult) -> None:
        """This document's events become units, scored against their blocked candidates, and the units
        linked to them are clustered again into ledger events (see ``clustering.py``)."""
        model = merge_model.load()
        old_units = [r[0] for r in self.db.execute("SELECT id FROM units WHERE document_id = ?", (doc_id,))]
        affected = {r[0] for r in self.db.execute(
            "SELECT DISTINCT event_id FROM event_claims WHERE claim_id IN (SELECT id FROM claims WHERE document_id = ?)",
            (doc_id,))}
        affected |= {r[0] for r in self.db.execute("SELECT event_id FROM event_documents WHERE document_id = ?",
                                                   (doc_id,))}
        self.db.execute("DELETE FROM event_claims WHERE claim_id IN (SELECT id FROM claims WHERE document_id = ?)",
                        (doc_id,))
        self.db.execute("DELETE FROM event_documents WHERE document_id = ?", (doc_id,))
        for uid in old_units:
            self.db.execute("DELETE FROM links WHERE a = ? OR b = ?", (uid, uid))
            self.db.execute("DELETE FROM unit_keys WHERE unit_id = ?", (uid,))
        self.db.execute("DELETE FROM units WHERE document_id = ?", (doc_id,))

        title = self.meta.get("title") or (self.report.cleaned.title if self.report.cleaned else None)
        # the publication date, never the ingest time: two undated reports are not "0 days apart"
        published = (self.meta.get("published") or "")[:10] or None
        by_local = {c.id: c for c in self.report.claims}
        events = []
        for ev in self.report.events:
            members = [by_local[i] for i in ev.claims if i in by_local] or [
                c for c in self.report.claims if c.event_id == ev.id]
            if members:
                events.append((ev, [_with_id(c, ids[c.id]) for c in members]))
            elif ev.without_figure:  # violence reported without a figure: a unit that may make an event
                events.append((ev, []))
        # the main event (most claims) is what the article is about: it alone is matched across documents,
        # with every incident figure of the article as evidence; the other events the article recalls stay
        # its own (its dates and places are too weak today to tell a recalled attack from a mis-dated one)
        main = max(range(len(events)), key=lambda i: (len(events[i][1]), -i)) if events else -1
        everything = [_with_id(c, ids[c.id]) for c in self.report.claims if c.scope == "incident"]
        new: list[matching.Profile] = []
        for i, (ev, gclaims) in enumerate(events):
            uid = "u-" + _h(doc_id, ev.id)[:16]
            stored = replace(ev, claims=[c.id for c in gclaims], casualties={})
            p = self._add_unit(uid, doc_id, ev.id, stored, gclaims, everything if i == main else gclaims,
                               title, text, published, model)
            new.append(p)
            if i == main:
                self._link(p, model)
        if not events:  # no claim: a unit of the document alone, which may join an event but never makes one
            uid = "u-" + _h(doc_id, "document")[:16]
            p = self._add_unit(uid, doc_id, None, Event(id="document"), [], [], title, text, published, model)
            new.append(p)
            self._link(p, model)

        seeds = set(p.id for p in new) | {r[0] for e in affected for r in self.db.execute(
            "SELECT id FROM units WHERE event_id = ?", (e,))}
        touched = self._recluster(seeds, model)
        mine = {p.id for p in new}
        for event_id, members in touched.items():
            docs = {self._profiles[u].document_id for u in members}
            if mine & set(members):
                if docs == {doc_id}:
                    result.events_added += 1
                else:
                    result.events_merged += 1
        for event_id in sorted(affected | set(touched)):
            self._summarize(event_id)
        result.events = sorted(e for e in touched if self.db.execute(
            "SELECT 1 FROM events WHERE id = ?", (e,)).fetchone())

    # -- matching -------------------------------------------------------------------

    def _add_unit(self, uid: str, doc_id: str, document_event: str | None, ev: Event, claims: list[Claim],
                  evidence: list[Claim], title: str | None, text: str | None, published: str | None,
                  model: merge_model.MergeModel) -> matching.Profile:
        p = matching.build_profile(uid, doc_id, ev, evidence, title=title, text=text, published=published,
                                   idf=model.idf, default_idf=model.default_idf)
        day = p.anchor.toordinal() if p.anchor else None
        self.db.execute("INSERT INTO units (id, document_id, document_event, event_id, day, claims, event, profile) "
                        "VALUES (?, ?, ?, NULL, ?, ?, ?, ?)",
                        (uid, doc_id, document_event, day, _jl([c.id for c in claims]), _jl(ev.as_dict()),
                         _jl(p.as_dict())))
        self._profiles[uid] = p
        return p

    def _profile(self, uid: str) -> matching.Profile:
        p = self._profiles.get(uid)
        if p is None:
            row = self.db.execute("SELECT profile FROM units WHERE id = ?", (uid,)).fetchone()
            p = self._profiles[uid] = matching.profile_from_dict(json.loads(row[0]))
        return p

    def _candidates(self, p: matching.Profile, model: merge_model.MergeModel) -> list[str]:
        """Units sharing a blocking key with ``p`` within the key's window (index look-ups only)."""
        if p.anchor is None:
            return []
        day, window = p.anchor.toordinal(), matching.place_window(p)
        widest = max(matching.TERM_WINDOW_DAYS, max(matching.PLACE_WINDOW_DAYS.values()))
        hits: dict[str, int] = {}
        near: set[str] = set()
        for k in matching.keys(p, model.idf, model.default_idf):
            place = k.startswith("place:")
            span = widest if place else matching.TERM_WINDOW_DAYS
            for od, ow, uid in self.db.execute(
                    "SELECT day, window, unit_id FROM unit_keys WHERE key = ? AND day BETWEEN ? AND ?",
                    (k, day - span, day + span)):
                if uid != p.id and (not place or abs(od - day) <= max(window, ow)):
                    hits[uid] = hits.get(uid, 0) + 1
                    if abs(od - day) <= matching.NEAR_DAYS:
                        near.add(uid)
        ranked = sorted((u for u, n in hits.items() if n >= matching.MIN_SHARED_KEYS or u in near),
                        key=lambda u: (-hits[u], u))
        return ranked[:MAX_CANDIDATES]

    def _link(self, p: matching.Profile, model: merge_model.MergeModel) -> None:
        """Score ``p`` against its candidates; keep the pairs above the suggestion threshold."""
        for uid in self._candidates(p, model):
            q = self._profile(uid)
            if q.document_id == p.document_id:
                continue
            a, b = sorted((p, q), key=lambda x: x.id)
            ev = matching.evidence(a, b)
            ev.score = round(model.score(ev), 4)
            if ev.score < model.suggest:
                continue
            decision = "separated" if ev.separated else "merge" if ev.score >= model.threshold else "suggest"
            self.db.execute("INSERT OR REPLACE INTO links (a, b, score, decision, evidence) VALUES (?, ?, ?, ?, ?)",
                            (a.id, b.id, ev.score, decision, _jl({**ev.as_dict(), "reason": ev.reason(a, b)})))
        if p.anchor is not None:
            day, window = p.anchor.toordinal(), matching.place_window(p)
            for k in matching.keys(p, model.idf, model.default_idf):
                self.db.execute("INSERT INTO unit_keys (key, day, window, unit_id) VALUES (?, ?, ?, ?)",
                                (k, day, window, p.id))

    def _recluster(self, seeds: set[str], model: merge_model.MergeModel) -> dict[str, list[str]]:
        """Cluster the units reachable from ``seeds`` by merge links; write their events. Returns event -> units."""
        region: set[str] = set()
        frontier = [u for u in seeds if self.db.execute("SELECT 1 FROM units WHERE id = ?", (u,)).fetchone()]
        links: dict[tuple[str, str], tuple[float, dict[str, Any]]] = {}
        while frontier:
            u = frontier.pop()
            if u in region:
                continue
            region.add(u)
            for a, b, score, evid in self.db.execute(
                    "SELECT a, b, score, evidence FROM links WHERE (a = ? OR b = ?) AND decision = 'merge'", (u, u)):
                links[(a, b)] = (score, json.loads(evid))
                frontier.append(b if a == u else a)
        profiles = {u: self._profile(u) for u in region}
        sep_cache: dict[tuple[str, str], bool] = {}

        def separated(x: str, y: str) -> bool:
            key = (x, y) if x < y else (y, x)
            if key not in sep_cache:
                pa, pb = profiles[key[0]], profiles[key[1]]
                sep_cache[key] = matching.evidence(pa, pb).separated is not None
            return sep_cache[key]

        groups, used = cluster(region, [(s, a, b) for (a, b), (s, _) in links.items()], separated)
        rows = {r["id"]: r for r in self.db.execute(
            f"SELECT * FROM units WHERE id IN ({','.join('?' * len(region))})", sorted(region))} if region else {}
        old_events = {r["event_id"] for r in rows.values() if r["event_id"]}
        used_in: dict[str, list[tuple[float, str, str]]] = {}
        for s, a, b in used:
            used_in.setdefault(a, []).append((s, a, b))
        out: dict[str, list[str]] = {}
        for members in groups:
            claimed = [u for u in members if json.loads(rows[u]["claims"])]
            figureless = [u for u in members if _figureless(rows[u])]
            if not claimed and not figureless:
                for u in members:
                    self.db.execute("UPDATE units SET event_id = NULL WHERE id = ?", (u,))
                continue
            # a group of reports without a figure makes an event of its own, with no claim and no estimate;
            # beside a report with claims, they are its documents (their events never add to its figures)
            claimed = claimed or figureless
            # the id of the earliest published claim-bearing unit: stable while later reports join
            first = min(claimed, key=lambda u: (profiles[u].published or "9999", u))
            event_id = "ev-" + _h(first)[:12]
            folded: Event | None = None
            for u in sorted(claimed, key=lambda u: (-reconcile.DATE_RANK.get(profiles[u].date_precision, 0),
                                                    profiles[u].published or "9999", u)):
                ev = _event_from_dict(json.loads(rows[u]["event"]))
                folded = ev if folded is None else reconcile.merge_events(folded, ev)
            assert folded is not None
            exists = self.db.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone() is not None
            self._save_event(event_id, folded, update=exists)
            at = {(r[0], r[1]): r[2] for r in self.db.execute(
                "SELECT document_id, document_event, at FROM merges WHERE event_id = ?", (event_id,))}
            self.db.execute("DELETE FROM merges WHERE event_id = ?", (event_id,))
            self.db.execute("DELETE FROM event_documents WHERE event_id = ?", (event_id,))
            for u in members:
                r = rows[u]
                self.db.execute("UPDATE units SET event_id = ? WHERE id = ?", (event_id, u))
                for cid in json.loads(r["claims"]):
                    self.db.execute("INSERT OR REPLACE INTO event_claims (claim_id, event_id, document_event) "
                                    "VALUES (?, ?, ?)", (cid, event_id, r["document_event"]))
            member_set = set(members)
            for s, a, b in used:
                if a not in member_set:
                    continue
                # the unit published later joined the earlier one
                joined = max((a, b), key=lambda u: (profiles[u].published or "9999", u))
                score, evid = links[(a, b)]
                r = rows[joined]
                reason = str(evid.get("reason", ""))
                if r["document_event"] is None:
                    self.db.execute("INSERT OR REPLACE INTO event_documents (event_id, document_id, reason) "
                                    "VALUES (?, ?, ?)", (event_id, r["document_id"], reason))
                self.db.execute(
                    "INSERT INTO merges (event_id, document_id, document_event, reason, at, score, evidence) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (event_id, r["document_id"], r["document_event"] or "document", reason,
                     at.get((r["document_id"], r["document_event"] or "document"), self.now), score, _jl(evid)))
            for u in members:  # a claimless document reached through another claimless one
                r = rows[u]
                if r["document_event"] is None or not json.loads(r["claims"]):
                    why = "reported without a casualty figure" if _figureless(r) else "linked through another report"
                    self.db.execute("INSERT OR IGNORE INTO event_documents (event_id, document_id, reason) "
                                    "VALUES (?, ?, ?)", (event_id, r["document_id"], why))
            out[event_id] = members
        for e in old_events - set(out):
            self.db.execute("DELETE FROM merges WHERE event_id = ?", (e,))
            self.db.execute("DELETE FROM event_documents WHERE event_id = ?", (e,))
            self._summarize(e)  # no claim left: the event is deleted
        return out

    def _figureless_units(self, event_id: str) -> bool:
        """Whether an event holds a unit reported without a figure (``events.figureless_event``)."""
        return any(_figureless(r) for r in self.db.execute(
            "SELECT claims, event, document_event FROM units WHERE event_id = ?", (event_id,)))

    def _load_event(self, event_id: str) -> Event:
        r = self.db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        return Event(id=r["id"], type=r["type"] or "unknown", date=r["date"], date_precision=r["date_precision"],
                     place=Place(**json.loads(r["place"])) if r["place"] else None, actors=json.loads(r["actors"]),
                     summary=r["summary"] or "")

    def _event_claims(self, event_id: str) -> list[Claim]:
        rows = self.db.execute(
            "SELECT c.*, s.name AS source_name, s.kind AS source_kind, s.description AS source_description, "
            "ec.event_id AS ledger_event FROM claims c JOIN sources s ON s.id = c.source_id "
            "JOIN event_claims ec ON ec.claim_id = c.id WHERE ec.event_id = ? AND c.active", (event_id,)).fetchall()
        return [_claim(r) for r in rows]

    def _save_event(self, event_id: str, ev: Event, *, update: bool) -> None:
        p = ev.place
        values = (ev.type, ev.date, ev.date_precision, _jl(p.as_dict()) if p else None, p.name if p else None,
                  p.admin1 if p else None, p.country if p else None, p.latitude if p else None,
                  p.longitude if p else None, _jl(list(ev.actors)), ev.summary)
        if update:
            self.db.execute("UPDATE events SET type = ?, date = ?, date_precision = ?, place = ?, place_name = ?, "
                            "admin1 = ?, country = ?, latitude = ?, longitude = ?, actors = ?, summary = ?, "
                            "updated_at = ? WHERE id = ?", (*values, self.now, event_id))
        else:
            self.db.execute("INSERT INTO events (type, date, date_precision, place, place_name, admin1, country, "
                            "latitude, longitude, actors, summary, created_at, updated_at, id) "
                            "VALUES (" + ", ".join("?" * 14) + ")", (*values, self.now, self.now, event_id))

    def _summarize(self, event_id: str) -> None:
        self.db.execute("DELETE FROM estimates WHERE event_id = ?", (event_id,))
        self.db.execute("DELETE FROM flags WHERE event_id = ?", (event_id,))
        claims = self._event_claims(event_id)
        if not claims and self._figureless_units(event_id):
            return  # reported without a casualty figure: an event with no estimate and no flag
        if not claims:
            # every claim it had was superseded or moved: the event is gone
            self.db.execute("DELETE FROM event_claims WHERE event_id = ?", (event_id,))
            self.db.execute("DELETE FROM events WHERE id = ?", (event_id,))
            return
        dates: dict[str, str | None] = {}
        for r in self.db.execute(
                "SELECT c.id, r.published, r.ingested_at FROM claims c JOIN revisions r ON r.id = c.revision_id "
                "JOIN event_claims ec ON ec.claim_id = c.id WHERE ec.event_id = ?", (event_id,)):
            dates[r[0]] = report_date(r[1])
        summary = reconcile.summarize(claims, dates)
        for kind, sides in summary.casualties.items():
            for side, e in sides.items():
                self.db.execute(
                    "INSERT INTO estimates (event_id, kind, side, low, best, high, rule, claims, low_claims, "
                    "best_claims, high_claims, high_open, denied) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (event_id, kind, side, e.low, e.best, e.high, e.rule, _jl(e.claims), _jl(e.low_claims),
                     _jl(e.best_claims), _jl(e.high_claims), int(e.high_open), _jl(e.denied)))
        for f in summary.flags:
            self.db.execute("INSERT INTO flags (event_id, type, kind, side, claims, detail) VALUES (?, ?, ?, ?, ?, ?)",
                            (event_id, f.type, f.kind, f.side, _jl(f.claims), f.detail))


def _figureless(row: sqlite3.Row) -> bool:
    """A unit of an event that reports violence without a casualty figure (no claims; ``without_figure``)."""
    return (row["document_event"] is not None and not json.loads(row["claims"])
            and bool(json.loads(row["event"]).get("without_figure")))


def _with_id(c: Claim, gid: str) -> Claim:
    from dataclasses import replace

    return replace(c, id=gid)


# --- corrections: applying them on top of the machine's tables -----------------------------------


def _correction(r: sqlite3.Row) -> corr.Correction:
    keys = r.keys()
    return corr.Correction(
        id=int(r["id"]), op=r["op"], target=r["target"], field=r["field"],
        value=json.loads(r["value"]) if r["value"] else None, anchor=json.loads(r["anchor"] or "{}"),
        who=r["who"], at=r["at"], reason=r["reason"] or "", undone_at=r["undone_at"], undone_by=r["undone_by"],
        state=(r["state"] if "state" in keys and r["state"] else corr.APPLIED),
        detail=(r["detail"] if "detail" in keys and r["detail"] else ""))


_CORR_TABLES = ("corr_state", "corr_claims", "corr_events", "corr_event_claims", "corr_replaced", "corr_estimates",
                "corr_flags")


def _in(db: sqlite3.Connection, sql: str, ids: list[str]) -> list[sqlite3.Row]:
    """``sql`` with one ``IN ({})`` filled in chunks of ids."""
    out: list[sqlite3.Row] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out += db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
    return out


#: v_claims column -> the corrected expression (o: the claim's corrections); other columns pass through
_CLAIM_OVERRIDES = {
    "kind": "coalesce(o.kind, c.kind)",
    "low": "CASE WHEN o.figure_set THEN o.low ELSE c.low END",
    "high": "CASE WHEN o.figure_set THEN o.high ELSE c.high END",
    "victim_side": "coalesce(o.victim_side, c.victim_side)",
    "source_id": "coalesce(o.source_id, c.source_id)",
    "status": "coalesce(o.status, c.status)",
    "event_date": "coalesce(o.event_date, c.event_date)",
    "date_precision": "CASE WHEN o.event_date IS NOT NULL THEN o.date_precision ELSE c.date_precision END",
    "place": "coalesce(o.place, c.place)",
}


def _ensure_views(db: sqlite3.Connection) -> None:
    """(Re)create the corrected views from the tables' current columns.

    Built from ``PRAGMA table_info`` so that a later migration adding a column to events, claims,
    estimates or flags reaches every view without anyone editing them (the overlay has NULL there).
    """
    def cols(table: str) -> list[str]:
        return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]

    def union(view: str, machine: str, overlay: str, key: str, *, negate_id: bool = False) -> str:
        mine, theirs = cols(machine), set(cols(overlay))
        pick = ", ".join(("-id AS id" if negate_id and c == "id" else c) if c in theirs else f"NULL AS {c}"
                         for c in mine)
        return (f"CREATE VIEW {view} AS SELECT {', '.join(mine)} FROM {machine} "
                f"WHERE {key} NOT IN (SELECT event_id FROM corr_replaced) UNION ALL SELECT {pick} FROM {overlay}")

    if not cols("corr_replaced"):
        return  # a build whose migrations stop before 0100_corrections: no overlay to view
    for view in ("v_events", "v_event_claims", "v_estimates", "v_flags", "v_claims"):
        db.execute(f"DROP VIEW IF EXISTS {view}")
    db.execute(union("v_events", "events", "corr_events", "id"))
    db.execute(union("v_event_claims", "event_claims", "corr_event_claims", "event_id"))
    db.execute(union("v_estimates", "estimates", "corr_estimates", "event_id"))
    db.execute(union("v_flags", "flags", "corr_flags", "event_id", negate_id=True))
    claim_cols = ", ".join(f"{_CLAIM_OVERRIDES[c]} AS {c}" if c in _CLAIM_OVERRIDES else f"c.{c}"
                           for c in cols("claims"))
    db.execute(f"CREATE VIEW v_claims AS SELECT {claim_cols}, coalesce(o.rejected, 0) AS rejected "
               "FROM claims c LEFT JOIN corr_claims o ON o.claim_id = c.id")


def _touches_corrections(db: sqlite3.Connection, result: AddResult) -> bool:
    """Whether a document just added can change what the corrections do, so bulk ingests stay fast.

    It can when it touched an event a correction replaced, or when its document or one of its claims
    (current or dropped) is what a correction anchors on.
    """
    if result.status == "unchanged" or not db.execute("SELECT 1 FROM corrections LIMIT 1").fetchone():
        return False
    if _in(db, "SELECT 1 FROM corr_replaced WHERE event_id IN ({})", result.events) or \
            _in(db, "SELECT 1 FROM corr_replaced WHERE by_event IN ({})", result.events):
        return True
    named: set[str] = set()
    docs: set[str] = set()
    for r in db.execute("SELECT * FROM corrections"):
        c = _correction(r)
        named |= corr.anchor_claims(c)
        docs |= corr.anchor_documents(c)
    if result.document_id in docs:
        return True
    mine = {r[0] for r in db.execute("SELECT id FROM claims WHERE document_id = ?", (result.document_id,))}
    return bool(mine & named)


def _recorrect(db: sqlite3.Connection) -> None:
    """Rebuild the overlay tables from the machine's tables and every correction (inside a transaction).

    Cheap when there are no corrections (one count); otherwise the work is proportional to the events
    the corrections touch, not to the ledger.
    """
    if not db.execute("SELECT 1 FROM corrections LIMIT 1").fetchone() and \
            not db.execute("SELECT 1 FROM corr_state LIMIT 1").fetchone():
        return
    for t in _CORR_TABLES:
        db.execute(f"DELETE FROM {t}")
    corrections = [_correction(r) for r in db.execute("SELECT * FROM corrections ORDER BY id")]
    named: set[str] = set()
    docs: set[str] = set()
    for c in corrections:
        named |= corr.anchor_claims(c)
        docs |= corr.anchor_documents(c)
    active = {r[0] for r in _in(db, "SELECT id FROM claims WHERE active AND id IN ({})", sorted(named))}
    event_of: dict[str, str] = {}
    by_document: dict[str, list[str]] = {}
    mids = {r[1] for r in _in(db, "SELECT ec.claim_id, ec.event_id FROM event_claims ec WHERE ec.claim_id IN ({})",
                              sorted(active))}
    for r in _in(db, "SELECT c.id, c.document_id, ec.event_id FROM claims c JOIN event_claims ec ON "
                     "ec.claim_id = c.id WHERE c.active AND c.document_id IN ({}) ORDER BY c.evidence_start, c.id",
                 sorted(docs)):
        by_document.setdefault(r[1], []).append(r[0])
        mids.add(r[2])
    members: dict[str, list[str]] = {}
    for r in _in(db, "SELECT ec.event_id, c.id FROM event_claims ec JOIN claims c ON c.id = ec.claim_id "
                     "WHERE c.active AND ec.event_id IN ({}) ORDER BY c.evidence_start, c.id", sorted(mids)):
        members.setdefault(r[0], []).append(r[1])
        event_of[r[1]] = r[0]
    overlay = corr.apply(corrections, corr.Machine(event_of=event_of, members=members, active=active,
                                                   by_document=by_document))
    for cid, (state, detail) in overlay.states.items():
        db.execute("INSERT INTO corr_state VALUES (?, ?, ?)", (cid, state, detail))
    for claim_id in sorted(set(overlay.claims) | set(overlay.rejected) | set(overlay.claim_corrections)):
        f = overlay.claims.get(claim_id, {})
        fig, when = f.get("figure"), f.get("date")
        source_id = None
        if f.get("source"):
            key = _source_key(f["source"]) or "unattributed"
            row = db.execute("SELECT id FROM sources WHERE key = ?", (key,)).fetchone()
            source_id = row[0] if row else db.execute(
                "INSERT INTO sources (key, name, kind) VALUES (?, ?, 'unattributed')", (key, f["source"])).lastrowid
        db.execute("INSERT INTO corr_claims (claim_id, rejected, kind, figure_set, low, high, source_id, status, "
                   "victim_side, event_date, date_precision, place, corrections) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (claim_id, int(claim_id in overlay.rejected), f.get("kind"), int(fig is not None),
                    fig["low"] if fig else None, fig["high"] if fig else None, source_id, f.get("status"),
                    f.get("side"), when["date"] if when else None, when["precision"] if when else None,
                    f.get("place"), _jl(overlay.claim_corrections.get(claim_id, []))))
    for mid, by in overlay.replaced.items():
        db.execute("INSERT INTO corr_replaced VALUES (?, ?)", (mid, by))
    now = _now()
    for g in overlay.groups.values():
        _write_group(db, g, now)


def _machine_event(db: sqlite3.Connection, event_id: str) -> Event | None:
    r = db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
    if r is None:
        return None
    return Event(id=r["id"], type=r["type"] or "unknown", date=r["date"], date_precision=r["date_precision"],
                 place=Place(**json.loads(r["place"])) if r["place"] else None, actors=json.loads(r["actors"]),
                 summary=r["summary"] or "")


def _write_group(db: sqlite3.Connection, g: corr.Group, now: str) -> None:
    """One corrected event: its machine events folded together, fields set, estimates from its claims."""
    order = [g.base, *(m for m in g.absorbed if m != g.base)]  # a split's origin first, then what joined it
    events = [e for e in (_machine_event(db, m) for m in order) if e is not None]
    if not events:
        return
    ev = events[0]
    for other in events[1:]:  # the analyst's target keeps its own date and place; the others fill gaps only
        if not ev.date:
            ev.date, ev.date_precision = other.date, other.date_precision
        if ev.place is None:
            ev.place = other.place
        if ev.type == "unknown":
            ev.type = other.type
        ev.actors = list(dict.fromkeys([*ev.actors, *other.actors]))
        ev.summary = ev.summary or other.summary
    if "type" in g.fields:
        ev.type = str(g.fields["type"])
    if "date" in g.fields:
        ev.date, ev.date_precision = g.fields["date"]["date"], g.fields["date"]["precision"]
    if "place" in g.fields:
        p = g.fields["place"]
        has_point = p.get("latitude") is not None
        ev.place = Place(p["name"], p.get("admin1"), p.get("country"), p.get("latitude"), p.get("longitude"),
                         "point" if has_point else "unknown")
    p = ev.place
    db.execute(
        "INSERT INTO corr_events (id, type, date, date_precision, place, place_name, admin1, country, latitude, "
        "longitude, actors, summary, created_at, updated_at, base, absorbed, corrections) "
        "VALUES (" + ", ".join("?" * 17) + ")",
        (g.id, ev.type, ev.date, ev.date_precision, _jl(p.as_dict()) if p else None, p.name if p else None,
         p.admin1 if p else None, p.country if p else None, p.latitude if p else None, p.longitude if p else None,
         _jl(list(ev.actors)), ev.summary, now, now, g.base, _jl(g.absorbed), _jl(g.corrections)))
    doc_event = {r[0]: r[1] for r in _in(db, "SELECT claim_id, document_event FROM event_claims WHERE claim_id IN ({})",
                                         g.claims)}
    for cid in g.claims:
        db.execute("INSERT OR REPLACE INTO corr_event_claims VALUES (?, ?, ?)", (cid, g.id, doc_event.get(cid)))
    rows = _in(db, "SELECT c.*, s.name AS source_name, s.kind AS source_kind, s.description AS source_description, "
                   "NULL AS ledger_event FROM v_claims c JOIN sources s ON s.id = c.source_id "
                   "WHERE c.active AND NOT c.rejected AND c.id IN ({})", g.claims)
    claims = [_claim(r) for r in rows]
    dates = {r[0]: (r[1] or r[2] or "")[:10] or None for r in _in(
        db, "SELECT c.id, r.published, r.ingested_at FROM claims c JOIN revisions r ON r.id = c.revision_id "
            "WHERE c.id IN ({})", g.claims)}
    summary = reconcile.summarize(claims, dates)
    for kind, sides in summary.casualties.items():
        for side, e in sides.items():
            db.execute(f"INSERT INTO corr_estimates ({_EST_COLS}) VALUES ({', '.join('?' * 13)})",
                       (g.id, kind, side, e.low, e.best, e.high, e.rule, _jl(e.claims), _jl(e.low_claims),
                        _jl(e.best_claims), _jl(e.high_claims), int(e.high_open), _jl(e.denied)))
    for f in summary.flags:
        db.execute("INSERT INTO corr_flags (event_id, type, kind, side, claims, detail) VALUES (?, ?, ?, ?, ?, ?)",
                   (g.id, f.type, f.kind, f.side, _jl(f.claims), f.detail))


@contextlib.contextmanager
def open_ledger(path: str | Path, *, create: bool = True) -> Iterator[Ledger]:
    """``with open_ledger(path) as ledger:`` closes the connection on the way out."""
    ledger = Ledger(path, create=create)
    try:
        yield ledger
    finally:
        ledger.close()
