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

The ledger is five modules beside this one, each read by this one only (and the rows by all):
``ledger_schema.py`` (the migrations), ``ledger_rows.py`` (records, row converters, hashing helpers),
``ledger_write.py`` (``_Writer``: one report in one transaction, units, links, clustering) and
``ledger_overlay.py`` (corrections applied on top: the overlay tables and the corrected views), and
``ledger_corrections.py`` (the corrections API, a mixin of ``Ledger``).
This module is the connection, its locking and retries, and the read API.
"""
from __future__ import annotations

import contextlib
import json
import logging
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from .errors import LedgerError
from .ledger_corrections import CorrectionsAPI
from .ledger_overlay import _ensure_views, _recorrect, _touches_corrections
from .ledger_rows import (AddResult, EventDetail, _claim, _event_from_dict, _now, _statements,
                          claim_from_dict, report_date, report_from_dict)
from .ledger_schema import MIGRATIONS
from .ledger_write import _Writer
from .model import Claim, Estimate, Event, Place, Report

__all__ = ["MIGRATIONS", "AddResult", "EventDetail", "Ledger", "claim_from_dict", "open_ledger", "report_date",
           "report_from_dict"]

log = logging.getLogger(__name__)
T = TypeVar("T")

BUSY_TIMEOUT_MS = 5_000
RETRIES = 8
PROFILE_CACHE = 100_000  # matching profiles kept in memory between writes



def _writable(p: Path) -> bool:
    """Can this process write the ledger file and make its journal files beside it?"""
    import os

    return os.access(p, os.W_OK) and os.access(p.parent, os.W_OK | os.X_OK)


def _locked(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return "locked" in msg or "busy" in msg


class Ledger(CorrectionsAPI):
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


@contextlib.contextmanager
def open_ledger(path: str | Path, *, create: bool = True) -> Iterator[Ledger]:
    """``with open_ledger(path) as ledger:`` closes the connection on the way out."""
    ledger = Ledger(path, create=create)
    try:
        yield ledger
    finally:
        ledger.close()
