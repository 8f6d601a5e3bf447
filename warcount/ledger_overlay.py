"""Corrections applied on top of the machine's tables: the overlay tables and the corrected views.

The machine's tables are never written by a correction. ``_recorrect`` rebuilds the ``corr_*`` tables
from every correction (``corrections.apply``); ``_ensure_views`` makes the ``v_*`` views that read the
machine's rows where no correction touches them and the overlay's where one does.
"""
from __future__ import annotations

import json
import sqlite3

from . import corrections as corr
from . import reconcile
from .ledger_rows import AddResult, _claim, _jl, _now, _source_key
from .ledger_schema import _EST_COLS
from .model import Event, Place

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

