"""Rows to records and back: the ledger's records, its small helpers and its row converters.

Shared by the reader (``store.py``), the writer (``ledger_write.py``) and the corrections overlay
(``ledger_overlay.py``), so that none of them imports another.
"""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from .model import Claim, Event, Figure, Place, Record, Report, Source

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



def _with_id(c: Claim, gid: str) -> Claim:
    return replace(c, id=gid)
