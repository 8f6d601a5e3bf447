"""The ledger's corrections API: analysts' operations recorded, undone, imported, and read beside the machine's.

A mixin of ``store.Ledger`` (it uses the ledger's ``_q``, ``_transaction`` and read methods); what the
corrections do to the ledger's views is ``ledger_overlay.py``, what they mean is ``corrections.py``.
"""
from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from typing import Any

from . import corrections as corr
from .errors import InputError, LedgerError
from .ledger_overlay import _correction, _recorrect
from .ledger_rows import EventDetail, _jl, _now
from .model import Claim


class CorrectionsAPI:
    """Corrections and merge suggestions on top of a ledger's read API."""

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
