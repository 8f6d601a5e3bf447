"""Events across documents: when two are one happening, and what the sources say together.

Works on records only (``Event``, ``Claim``); ``store.py`` loads the
candidates, calls :func:`find_match` and :func:`summarize`, and writes what
they return, so the database stays in one module.

When two events merge (:func:`compare`), all of:

- **date**: both dates known and apart by no more than the window of the
  coarser precision (day: 1 day, reports are often a day off; month: 31;
  year: 366); an undated event merges only on a same-place, same-wording
  match.
- **place**: the same place (name or points within 15 km), or one contained
  in the other (a city inside the admin1 or country the other names).
  Different countries, or points more than 15 km apart, never merge.
- **and some evidence they are the same happening**: the same named place,
  overlapping actors or victims, or similar wording (Jaccard of content
  words >= 0.2).

The reason is kept word for word in the ledger's ``merges`` table.

Flags (:func:`summarize`): a *conflict* where two sources' figures for one
kind and side are a factor of two or more apart; a *revision* where the
same source gives a different figure on a later date (the earlier figure
is listed but leaves the estimate: the source itself replaced it); a
*denial* for every denied claim. Cumulative tallies and parts never enter
an incident's totals (``estimates.counts``).
"""
from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from .estimates import casualties, counts, point, side_of
from .dates import parse_iso as _iso
from .model import Claim, Estimate, Event, Place, Record

log = logging.getLogger(__name__)

WINDOW_DAYS = {"day": 1, "month": 31, "year": 366}
NEAR_KM = 15.0
MIN_WORDING = 0.2
PRECISION_RANK = {"point": 4, "relative": 3, "admin1": 2, "country": 1, "unknown": 0, None: 0}
DATE_RANK = {"day": 3, "month": 2, "year": 1, None: 0}
_STOP = frozenset("""a an the of in on at to and or for by with from as is was were be been are that this it its
their they he she his her who which said says killed wounded dead people were least more than after during
into over under near about according reported report reports""".split())


@dataclass
class Flag(Record):
    """A conflict, revision or denial among an event's claims."""

    type: str  # "conflict" | "revision" | "denial"
    kind: str
    side: str
    claims: list[str]
    detail: str


@dataclass
class Match(Record):
    event_id: str
    reason: str


@dataclass
class Summary(Record):
    casualties: dict[str, dict[str, Estimate]] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)


# --- merging -------------------------------------------------------------------


def _date_reason(a: Event, b: Event) -> tuple[bool, str]:
    da, db = _iso(a.date), _iso(b.date)
    if da is None or db is None:
        return False, "undated"
    coarser = min((a.date_precision, b.date_precision), key=lambda p: DATE_RANK.get(p, 0))
    window = WINDOW_DAYS.get(coarser or "day", 1)
    gap = abs((da - db).days)
    if gap > window:
        return False, f"dates {a.date} and {b.date} are {gap} days apart (window {window})"
    return True, f"dates {a.date} and {b.date} within {window} day(s) ({coarser or 'day'} precision)"


def _km(p: Place, q: Place) -> float | None:
    if None in (p.latitude, p.longitude, q.latitude, q.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (p.latitude, p.longitude, q.latitude, q.longitude))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _n(text: str | None) -> str:
    return re.sub(r"[^\w]+", " ", (text or "").lower()).strip()


def _place_reason(a: Place | None, b: Place | None) -> tuple[bool | None, bool, str]:
    """(compatible or None when unknown, same named place, why)."""
    if a is None or b is None or not (a.name or a.country) or not (b.name or b.country):
        return None, False, "place unknown"
    if a.country and b.country and a.country != b.country:
        return False, False, f"different countries ({a.country}, {b.country})"
    same_name = bool(a.name and b.name and _n(a.name) == _n(b.name))
    if same_name:
        return True, True, f"same place {a.name}"
    km = _km(a, b)
    both_points = a.precision == "point" and b.precision == "point"
    if km is not None and both_points:
        if km <= NEAR_KM:
            return True, True, f"places {a.name} and {b.name} {km:.0f} km apart"
        return False, False, f"places {a.name} and {b.name} {km:.0f} km apart"
    for inner, outer in ((a, b), (b, a)):
        if outer.precision in ("admin1", "country", "relative") or outer.precision is None:
            area = [x for x in (outer.admin1, outer.country, outer.name) if x]
            if (outer.admin1 and inner.admin1 == outer.admin1) or (
                    outer.precision == "country" and inner.country == outer.country):
                return True, False, f"{inner.name} lies in {', '.join(area)}"
    if a.precision in ("point", "relative") and b.precision in ("point", "relative"):
        return False, False, f"different places ({a.name}, {b.name})"
    return None, False, "places not comparable"


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'-]+", text.lower()) if w not in _STOP and len(w) > 2}


def _jaccard(x: set[str], y: set[str]) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0


def _text_of(event: Event, claims: Iterable[Claim]) -> str:
    return " ".join([event.summary, *(c.victim for c in claims), *(c.evidence for c in claims)])


def compare(a: Event, a_claims: list[Claim], b: Event, b_claims: list[Claim]) -> str | None:
    """Why ``a`` and ``b`` are one happening, or None when they are not (see the module docstring)."""
    date_ok, date_why = _date_reason(a, b)
    place_ok, same_place, place_why = _place_reason(a.place, b.place)
    if place_ok is False:
        return None
    actors = {_n(x) for x in a.actors} & {_n(x) for x in b.actors}
    actors.discard("")
    wording = _jaccard(_words(_text_of(a, a_claims)), _words(_text_of(b, b_claims)))
    evidence = []
    if same_place:
        evidence.append(place_why)
    if actors:
        evidence.append("actors overlap: " + ", ".join(sorted(actors)))
    if wording >= MIN_WORDING:
        evidence.append(f"wording similarity {wording:.2f}")
    if not date_ok:
        # an undated report merges only when the place and the wording agree
        if date_why != "undated" or not (same_place and wording >= MIN_WORDING):
            return None
        return "; ".join(["undated", *evidence])
    if place_ok is None and not (actors and wording >= MIN_WORDING):
        return None
    if not evidence:
        return None
    why = [date_why] + ([place_why] if place_ok and not same_place else []) + evidence
    return "; ".join(why)


def find_match(event: Event, claims: list[Claim], candidates: Iterable[tuple[Event, list[Claim]]]) -> Match | None:
    """The first candidate (closest in date) that is the same happening, with the reason."""
    def gap(item: tuple[Event, list[Claim]]) -> int:
        da, db = _iso(event.date), _iso(item[0].date)
        return abs((da - db).days) if da and db else 10_000

    for cand, cand_claims in sorted(candidates, key=gap):
        why = compare(event, claims, cand, cand_claims)
        if why:
            log.debug("merge %s into %s: %s", event.id, cand.id, why)
            return Match(event_id=cand.id, reason=why)
    return None


def merge_events(base: Event, other: Event) -> Event:
    """``base`` with what ``other`` knows better: a finer date, a more precise place, more actors."""
    out = replace(base, actors=list(base.actors), claims=list(base.claims))
    if DATE_RANK.get(other.date_precision, 0) > DATE_RANK.get(base.date_precision, 0) or not base.date:
        out.date, out.date_precision = other.date, other.date_precision
    bp = base.place.precision if base.place else None
    op = other.place.precision if other.place else None
    if other.place and PRECISION_RANK.get(op, 0) > PRECISION_RANK.get(bp, 0):
        out.place = other.place
    for a in other.actors:
        if a not in out.actors:
            out.actors.append(a)
    for c in other.claims:
        if c not in out.claims:
            out.claims.append(c)
    if base.type == "unknown":
        out.type = other.type
    if not base.summary:
        out.summary = other.summary
    return out


# --- estimates and flags -------------------------------------------------------


def _source_key(c: Claim) -> str:
    return re.sub(r"^the ", "", c.source.name.lower().strip())


def given(c: Claim) -> str:
    """A figure as its source gave it ("up to 30", "at least 12"), not the point value used to
    compare: a conflict must quote what the sources said."""
    text = (c.figure.text or "").strip()
    if text and any(ch.isdigit() for ch in text) or text and text.isalpha():
        return text
    f = c.figure
    return str(f.low) if f.high == f.low else (f"{f.low}+" if f.high is None else f"{f.low}-{f.high}")


def conflict_wording(hi: Claim, lo: Claim) -> str:
    """"Russia's defence ministry: up to 30 (claimed) vs State Emergency Service: 15 (reported)"."""
    ratio = point(hi) / max(point(lo), 1)
    return (f"{hi.source.name}: {given(hi)} ({hi.status}) vs {lo.source.name}: {given(lo)} ({lo.status}); "
            f"a factor of {ratio:.1f} between them")


def summarize(claims: list[Claim], reported_on: Mapping[str, str | None] | None = None) -> Summary:
    """Per kind and side estimates and the conflict, revision and denial flags of one event's claims."""
    dates = dict(reported_on or {})
    flags: list[Flag] = []
    superseded: set[str] = set()

    groups: dict[tuple[str, str], list[Claim]] = {}
    for c in claims:
        if c.scope == "incident" and c.part_of is None:
            groups.setdefault((c.kind, side_of(c)), []).append(c)

    for (kind, side), group in sorted(groups.items()):
        by_source: dict[str, list[Claim]] = {}
        for c in group:
            if c.status == "denied":
                flags.append(Flag("denial", kind, side, [c.id],
                                  f"{c.source.name} denies: {c.evidence or c.victim}"))
                continue
            by_source.setdefault(_source_key(c), []).append(c)
        latest: dict[str, Claim] = {}
        for key, cs in by_source.items():
            dated = sorted((c for c in cs if dates.get(c.id)), key=lambda c: (dates[c.id], c.id))
            for earlier, later in zip(dated, dated[1:]):
                if dates[later.id] > dates[earlier.id] and point(later) != point(earlier):
                    superseded.add(earlier.id)
                    direction = "upward" if point(later) > point(earlier) else "downward"
                    flags.append(Flag("revision", kind, side, [earlier.id, later.id],
                                      f"{later.source.name} revised {direction}: {earlier.figure.text or point(earlier)}"
                                      f" ({dates[earlier.id]}) -> {later.figure.text or point(later)}"
                                      f" ({dates[later.id]})"))
            current = [c for c in cs if c.id not in superseded]
            latest[key] = max(current, key=lambda c: (dates.get(c.id) or "", point(c)))
        firm_sources = [c for c in latest.values() if counts(c)]
        if len(firm_sources) >= 2:
            lo = min(firm_sources, key=point)
            hi = max(firm_sources, key=point)
            if point(hi) >= 2 * max(point(lo), 1) and point(lo) > 0:
                flags.append(Flag("conflict", kind, side, [lo.id, hi.id], conflict_wording(hi, lo)))

    kept = [c for c in claims if c.id not in superseded]
    return Summary(casualties=casualties(kept, dates), flags=flags)
