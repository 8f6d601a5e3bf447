"""The analyst's hand: corrections stored apart from what the machine read, applied on top.

A correction is an operation (merge two events, split claims out of one,
reject or restore a claim, set a field of a claim or an event) with who made
it, when and why. The ledger keeps the machine's claims and events as they
were extracted and reconciled; this module turns the list of corrections and
the machine's grouping of claims into an :class:`Overlay` (the corrected
events, the claims' corrected fields) that ``store.py`` writes beside the
machine's tables and reads through views.

Anchoring, and why: event ids are assigned by whichever document created the
event and may change when the machine regroups; claim ids are a hash of the
document and the claim's content (kind, figure, source, status, scope and
evidence sentence), so the same claim re-ingested, or surviving into a new
revision, keeps its id. Every correction therefore holds on to claims:

- a claim correction names the claim id;
- an event correction (merge, split, set-event) names the claims the event
  held when it was made, plus their documents as a fallback: when a revision
  dropped every named claim, the event now holding most of those documents'
  claims is used, and the correction says so.

New documents that the machine joins to an event come along with it, because
the merge moves whole (machine) events, not lists of claims. A correction
none of whose claims is left is *orphaned*: kept, listed by ``warcount
correct log`` and on the event page, never silently dropped.

Everything here works on plain records; nothing touches the database.
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from dataclasses import field as _field  # ``Correction.field`` shadows the name in its class body
from datetime import date
from typing import Any

from .errors import InputError
from .model import KINDS, STATUSES, Record

log = logging.getLogger(__name__)

OPS = ("merge", "split", "reject", "restore", "set", "set-event")
CLAIM_FIELDS = ("kind", "figure", "source", "status", "side", "date", "place")
EVENT_FIELDS = ("date", "place", "type")
MAX_TEXT = 200  # a field value or name longer than this is a paste accident, not a correction
MAX_REASON = 2000

#: states a correction can be in after it was applied to the current ledger
APPLIED, ORPHANED, NOOP, UNDONE, PARTIAL = "applied", "orphaned", "no-op", "undone", "partial"


@dataclass
class Correction(Record):
    """One operation of an analyst. ``anchor`` holds the claims it refers to (see the module doc)."""

    id: int
    op: str
    target: str  # the claim or event named when it was made
    field: str | None = None
    value: Any = None  # parsed: figure {"low","high"}, date {"date","precision"}, place {"name",...}, else text
    anchor: dict[str, Any] = _field(default_factory=dict)
    who: str = ""
    at: str = ""
    reason: str = ""
    undone_at: str | None = None
    undone_by: str | None = None
    state: str = APPLIED  # computed against the current ledger
    detail: str = ""

    def describe(self) -> str:
        """One line for the log: what it does, in the analyst's terms."""
        if self.op == "merge":
            return f"merge {self.value} into {self.target}"
        if self.op == "split":
            return f"split {len(self.anchor.get('claims') or [])} claim(s) out of {self.target} as {self.value}"
        if self.op in ("set", "set-event"):
            return f"{self.op} {self.target} {self.field} = {show_value(self.field or '', self.value)}"
        return f"{self.op} {self.target}"


def show_value(field_name: str, value: Any) -> str:
    """A corrected value as an analyst would write it."""
    if value is None:
        return ""
    if field_name == "figure" and isinstance(value, dict):
        lo, hi = value.get("low"), value.get("high")
        return f"{lo}+" if hi is None else (str(lo) if lo == hi else f"{lo}-{hi}")
    if field_name == "date" and isinstance(value, dict):
        return str(value.get("date"))
    if field_name == "place" and isinstance(value, dict):
        bits = [value.get("name")] + [value.get(k) for k in ("admin1", "country")]
        text = ", ".join(str(b) for b in bits if b)
        if value.get("latitude") is not None and value.get("longitude") is not None:
            text += f" ({value['latitude']}, {value['longitude']})"
        return text
    return str(value)


# --- parsing what an analyst types ------------------------------------------------

_FIGURE = re.compile(r"^\s*(\d{1,9})\s*(?:(\+)|[-–]\s*(\d{1,9}))?\s*$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _text(where: str, raw: Any) -> str:
    text = re.sub(r"\s+", " ", str(raw or "")).strip()
    if not text:
        raise InputError(where, "the value is empty")
    if len(text) > MAX_TEXT:
        raise InputError(where, f"the value is {len(text)} characters long (at most {MAX_TEXT})")
    return text


def parse_date(where: str, raw: Any) -> dict[str, str]:
    """'2016-05-06', '2016-05' or '2016' -> {"date": first day, "precision": day|month|year}."""
    text = _text(where, raw)
    if not _DATE.match(text):
        raise InputError(where, f"{text!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    parts = text.split("-")
    precision = ("year", "month", "day")[len(parts) - 1]
    full = "-".join(parts + ["01"] * (3 - len(parts)))
    try:
        date.fromisoformat(full)
    except ValueError:
        raise InputError(where, f"{text!r} is not a calendar date") from None
    return {"date": full, "precision": precision}


def parse_place(where: str, raw: Any) -> dict[str, Any]:
    """A place: a name, or a dict with name, admin1, country, latitude, longitude."""
    if isinstance(raw, dict):
        name = _text(where, raw.get("name"))
        out: dict[str, Any] = {"name": name}
        for k in ("admin1", "country"):
            if raw.get(k):
                out[k] = _text(where, raw[k])
        lat, lon = raw.get("latitude"), raw.get("longitude")
        if (lat is None) != (lon is None):
            raise InputError(where, "give both latitude and longitude, or neither")
        if lat is not None:
            try:
                lat, lon = float(lat), float(lon)
            except (TypeError, ValueError):
                raise InputError(where, "latitude and longitude must be numbers") from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise InputError(where, f"({lat}, {lon}) is not on the globe")
            out["latitude"], out["longitude"] = lat, lon
        return out
    return {"name": _text(where, raw)}


def parse_value(op: str, field_name: str, raw: Any) -> Any:
    """The typed value of ``set`` (claim fields) or ``set-event`` (event fields); InputError if it is wrong."""
    where = f"{op} {field_name}"
    allowed = CLAIM_FIELDS if op == "set" else EVENT_FIELDS
    if field_name not in allowed:
        raise InputError(op, f"unknown field {field_name!r} (choose from {', '.join(allowed)})")
    if field_name == "kind":
        text = _text(where, raw).lower()
        if text not in KINDS:
            raise InputError(where, f"{text!r} is not a kind ({', '.join(KINDS)})")
        return text
    if field_name == "status":
        text = _text(where, raw).lower()
        if text not in STATUSES:
            raise InputError(where, f"{text!r} is not a status ({', '.join(STATUSES)})")
        return text
    if field_name == "figure":
        if isinstance(raw, dict):
            raw = f"{raw.get('low')}" + ("+" if raw.get("high") is None else f"-{raw.get('high')}")
        m = _FIGURE.match(str(raw or ""))
        if not m:
            raise InputError(where, f"{raw!r} is not a figure (12, 10-15 or 10+)")
        low = int(m.group(1))
        high = None if m.group(2) else int(m.group(3)) if m.group(3) else low
        if high is not None and high < low:
            raise InputError(where, f"{raw!r}: the high bound is below the low one")
        return {"low": low, "high": high}
    if field_name == "date":
        return parse_date(where, raw)
    if field_name == "place":
        return parse_place(where, raw) if op == "set-event" else _text(where, raw)
    if field_name == "side":
        return _text(where, raw).lower()
    return _text(where, raw)  # source, type


def reason_text(raw: Any) -> str:
    text = str(raw or "").strip()
    if len(text) > MAX_REASON:
        raise InputError("reason", f"the reason is {len(text)} characters long (at most {MAX_REASON})")
    return text


def split_id(claims: list[str]) -> str:
    """The id of the event a split makes: from the claims it takes, so a rebuilt ledger gives the same id."""
    return "ev-" + hashlib.sha256("\x1f".join(["split", *sorted(claims)]).encode()).hexdigest()[:12]


# --- applying -------------------------------------------------------------------------


@dataclass
class Machine:
    """The machine's grouping of the claims the corrections refer to (what :func:`apply` needs)."""

    event_of: dict[str, str]  # active claim in an event -> its machine event
    members: dict[str, list[str]]  # machine event -> its active claims, in order
    active: set[str]  # every active claim the corrections name
    by_document: dict[str, list[str]] = field(default_factory=dict)  # document -> its active claims in events


@dataclass
class Group:
    """A corrected event: machine events merged, claims moved, fields set."""

    id: str
    base: str  # the machine event whose fields it starts from
    absorbed: list[str]  # machine events merged into it, base first
    claims: list[str]
    fields: dict[str, Any] = field(default_factory=dict)  # event field -> corrected value
    corrections: list[int] = field(default_factory=list)


@dataclass
class Overlay:
    """What the corrections change: only touched events and claims are in it."""

    groups: dict[str, Group] = field(default_factory=dict)
    replaced: dict[str, str] = field(default_factory=dict)  # machine event -> corrected event now holding it
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)  # claim -> field -> corrected value
    rejected: dict[str, int] = field(default_factory=dict)  # claim -> the correction that rejected it
    claim_corrections: dict[str, list[int]] = field(default_factory=dict)
    states: dict[int, tuple[str, str]] = field(default_factory=dict)  # correction -> (state, detail)


def anchor_claims(c: Correction) -> set[str]:
    """Every claim id a correction names (the store fetches their machine events)."""
    a = c.anchor or {}
    out: set[str] = set()
    if c.op in ("reject", "restore", "set"):
        out.add(c.target)
    for part in (a, a.get("a") or {}, a.get("b") or {}):
        out.update(part.get("claims") or [])
    return out


def anchor_documents(c: Correction) -> set[str]:
    a = c.anchor or {}
    out: set[str] = set()
    for part in (a, a.get("a") or {}, a.get("b") or {}):
        out.update(part.get("documents") or [])
    return out


class _State:
    def __init__(self, machine: Machine) -> None:
        self.m = machine
        self.group_of: dict[str, str] = {}
        self.groups: dict[str, Group] = {}
        self.touched: set[str] = set()
        self.absorbed_into: dict[str, str] = {}

    def group(self, claim: str) -> Group | None:
        gid = self.group_of.get(claim)
        if gid is None:
            mid = self.m.event_of.get(claim)
            if mid is None:
                return None
            gid = self.absorbed_into.get(mid, mid)
            if gid not in self.groups:
                self.groups[gid] = Group(gid, mid, [mid], list(self.m.members.get(mid, [])))
                for cid in self.groups[gid].claims:
                    self.group_of[cid] = gid
            return self.groups[gid]
        return self.groups[gid]

    def resolve(self, part: dict[str, Any]) -> tuple[list[str], str]:
        """Live claims of an anchor, and a note when only its documents were left to go on."""
        live = [cid for cid in part.get("claims") or [] if cid in self.m.event_of]
        if live:
            return live, ""
        for doc in part.get("documents") or []:
            live += self.m.by_document.get(doc, [])
        return live, ("its claims are gone; found by document" if live else "")

    def main_group(self, claims: list[str]) -> Group | None:
        groups = [g for g in (self.group(c) for c in claims) if g is not None]
        if not groups:
            return None
        counts = Counter(g.id for g in groups)
        best = max(counts.values())
        return next(g for g in groups if counts[g.id] == best)


def apply(corrections: list[Correction], machine: Machine) -> Overlay:
    """The overlay the corrections (oldest first; undone ones are skipped) make on the machine's grouping."""
    st = _State(machine)
    out = Overlay()
    for c in corrections:
        if c.undone_at:
            out.states[c.id] = (UNDONE, f"undone {c.undone_at[:19]} by {c.undone_by or '?'}")
            continue
        state, detail = _apply_one(c, st, out)
        out.states[c.id] = (state, detail)
    for gid in st.touched:
        g = st.groups.get(gid)
        if g is not None and g.claims:
            out.groups[gid] = g
    # each machine event whose claims a corrected event now holds is replaced by it
    share: dict[str, Counter[str]] = {}
    for g in out.groups.values():
        for cid in g.claims:
            mid = machine.event_of.get(cid)
            if mid:
                share.setdefault(mid, Counter())[g.id] += 1
        for mid in g.absorbed:
            share.setdefault(mid, Counter())[g.id] += 0
    for mid, counts in share.items():
        best = max(counts.values())
        winners = [gid for gid, n in counts.items() if n == best]
        out.replaced[mid] = mid if mid in winners else sorted(winners)[0]
    # a machine event emptied by splits is gone too: map it to where its claims went
    for gid, g in st.groups.items():
        if not g.claims and gid in st.touched:
            for mid in g.absorbed:
                dest = next((out.replaced[m] for m in [mid] if m in out.replaced), None)
                if dest is None:
                    moved = [st.group_of.get(cid) for cid in machine.members.get(mid, [])]
                    dest = next((x for x in moved if x in out.groups), None)
                if dest:
                    out.replaced[mid] = dest
    return out


def _apply_one(c: Correction, st: _State, out: Overlay) -> tuple[str, str]:
    if c.op in ("reject", "restore", "set"):
        cid = c.target
        if cid not in st.m.active:
            return ORPHANED, f"claim {cid} is no longer in the ledger (a revision dropped it)"
        if c.op == "reject":
            if cid in out.rejected:
                return NOOP, "already rejected"
            out.rejected[cid] = c.id
        elif c.op == "restore":
            if cid not in out.rejected:
                return NOOP, "was not rejected"
            del out.rejected[cid]
        else:
            out.claims.setdefault(cid, {})[c.field or ""] = c.value
        out.claim_corrections.setdefault(cid, []).append(c.id)
        g = st.group(cid)
        if g is not None:
            st.touched.add(g.id)
        return APPLIED, ""

    if c.op == "merge":
        a, note_a = st.resolve((c.anchor or {}).get("a") or {})
        b, note_b = st.resolve((c.anchor or {}).get("b") or {})
        if not a or not b:
            which = " and ".join(x for x, live in (("the first", a), ("the second", b)) if not live)
            return ORPHANED, f"{which} event has no claim left in the ledger"
        ga = st.main_group(a)
        if ga is None:
            return ORPHANED, "the first event has no claim left in the ledger"
        others = []
        for cid in b:
            g = st.group(cid)
            if g is not None and g.id != ga.id and g not in others:
                others.append(g)
        if not others:
            return NOOP, "already one event"
        for g in others:
            for cid in g.claims:
                st.group_of[cid] = ga.id
            ga.claims += [cid for cid in g.claims if cid not in ga.claims]
            ga.absorbed += [m for m in g.absorbed if m not in ga.absorbed]
            for k, v in g.fields.items():
                ga.fields.setdefault(k, v)
            ga.corrections += g.corrections
            for m in g.absorbed:
                st.absorbed_into[m] = ga.id
            g.claims = []
            st.touched.add(g.id)
            del st.groups[g.id]
        ga.corrections.append(c.id)
        st.touched.add(ga.id)
        note = "; ".join(n for n in (note_a, note_b) if n)
        return APPLIED, note

    if c.op == "split":
        wanted = list((c.anchor or {}).get("claims") or [])
        live = [cid for cid in wanted if cid in st.m.event_of]
        if not live:
            return ORPHANED, "none of the claims it moved is left in the ledger"
        first = st.group(live[0])
        assert first is not None
        new_id = str(c.value or split_id(wanted))
        if new_id in st.groups:
            return NOOP, f"{new_id} already exists"
        for cid in live:
            g = st.group(cid)
            if g is not None:
                g.claims = [x for x in g.claims if x != cid]
                st.touched.add(g.id)
        st.groups[new_id] = Group(new_id, first.base, [], live, corrections=[c.id])
        for cid in live:
            st.group_of[cid] = new_id
        st.touched.add(new_id)
        if len(live) < len(wanted):
            return PARTIAL, f"{len(wanted) - len(live)} of its {len(wanted)} claims are gone"
        return APPLIED, ""

    if c.op == "set-event":
        live, note = st.resolve(c.anchor or {})
        g = st.main_group(live) if live else None
        if g is None:
            return ORPHANED, "the event has no claim left in the ledger"
        g.fields[c.field or ""] = c.value
        g.corrections.append(c.id)
        st.touched.add(g.id)
        return APPLIED, note
    return ORPHANED, f"unknown operation {c.op!r}"
