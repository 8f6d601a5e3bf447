"""Events across documents: what the sources say together once they are one happening.

Works on records only (``Event``, ``Claim``). Which document events are one happening is decided by
``matching.py`` (evidence), ``merge_model.py`` (the learned score) and ``clustering.py``; ``store.py``
writes the clusters and calls :func:`merge_events` to fold their events and :func:`summarize` for
the figures.

Flags (:func:`summarize`): a *conflict* where two sources' figures for one
kind and side are a factor of two or more apart; a *revision* where the
same source gives a different figure on a later date (the earlier figure
is listed but leaves the estimate: the source itself replaced it); a
*denial* for every denied claim. Cumulative tallies and parts never enter
an incident's totals (``estimates.counts``).
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .estimates import casualties, counts, executed_among_killed, point, side_of
from .model import Claim, Estimate, Event, Record

log = logging.getLogger(__name__)

PRECISION_RANK = {"point": 4, "relative": 3, "admin1": 2, "country": 1, "unknown": 0, None: 0}
DATE_RANK = {"day": 3, "month": 2, "year": 1, None: 0}


@dataclass
class Flag(Record):
    """A conflict, revision or denial among an event's claims."""

    type: str  # "conflict" | "revision" | "denial"
    kind: str
    side: str
    claims: list[str]
    detail: str


@dataclass
class Summary(Record):
    casualties: dict[str, dict[str, Estimate]] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)


# --- merging -------------------------------------------------------------------


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
    flags += _revisions(claims, dates, superseded)

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
            current = [c for c in cs if c.id not in superseded]
            if not current:
                continue
            latest[key] = max(current, key=lambda c: (dates.get(c.id) or "", point(c)))
        firm_sources = [c for c in latest.values() if counts(c)]
        if len(firm_sources) >= 2:
            lo = min(firm_sources, key=point)
            hi = max(firm_sources, key=point)
            if point(hi) >= 2 * max(point(lo), 1) and point(lo) > 0:
                flags.append(Flag("conflict", kind, side, [lo.id, hi.id], conflict_wording(hi, lo)))

    kept = [c for c in claims if c.id not in superseded]
    merged = casualties(kept, dates)
    executed_among_killed(merged)  # as events.group_events does: the executed are among the dead
    return Summary(casualties=merged, flags=flags)


def _revisions(claims: list[Claim], dates: Mapping[str, str | None], superseded: set[str]) -> list[Flag]:
    """A source's later figure for one kind replaces its earlier one (the same voice revising its toll).

    Within one side; and across sides when the source gives one figure of that kind per report date,
    since then a changed side is the reading's doubt (who the "40 people" were), not a second toll."""
    by_source: dict[tuple[str, str], list[Claim]] = {}
    for c in claims:
        if c.scope == "incident" and c.part_of is None and c.status != "denied" and dates.get(c.id):
            by_source.setdefault((c.kind, _source_key(c)), []).append(c)
    flags: list[Flag] = []
    for (kind, _), cs in sorted(by_source.items()):
        per_date = Counter(dates[c.id] for c in cs)
        if all(n == 1 for n in per_date.values()):
            chains = [cs]
        else:
            sides: dict[str, list[Claim]] = {}
            for c in cs:
                sides.setdefault(side_of(c), []).append(c)
            chains = list(sides.values())
        for chain in chains:
            dated = sorted(chain, key=lambda c: (dates[c.id], c.id))
            for earlier, later in zip(dated, dated[1:]):
                if dates[later.id] > dates[earlier.id] and point(later) != point(earlier):  # type: ignore[operator]
                    superseded.add(earlier.id)
                    direction = "upward" if point(later) > point(earlier) else "downward"
                    flags.append(Flag("revision", kind, side_of(later), [earlier.id, later.id],
                                      f"{later.source.name} revised {direction}: {earlier.figure.text or point(earlier)}"
                                      f" ({dates[earlier.id]}) -> {later.figure.text or point(later)}"
                                      f" ({dates[later.id]})"))
    return flags
