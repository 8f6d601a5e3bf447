"""Units into events: the strongest links first, never across a separation.

Why this clustering: it is a pure function of the units and their pairwise
scores, so the same documents give the same events in any ingest order
(links are taken strongest first, ties by unit id), and it is local: the
ledger re-clusters only the units linked to a new document. A link joins
two groups only when no pair across them is separated (two cities, dates
far apart, one document's own two events), so single links cannot chain
two happenings into one.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable


def cluster(units: Iterable[str], links: Iterable[tuple[float, str, str]],
            separated: Callable[[str, str], bool]) -> tuple[list[list[str]], list[tuple[float, str, str]]]:
    """Groups of units (each sorted; groups sorted by first member) and the links that made them."""
    group: dict[str, list[str]] = {u: [u] for u in sorted(set(units))}
    used: list[tuple[float, str, str]] = []
    for score, a, b in sorted(links, key=lambda t: (-t[0], min(t[1], t[2]), max(t[1], t[2]))):
        if a not in group or b not in group:
            continue
        ga, gb = group[a], group[b]
        if ga is gb:
            continue
        if any(separated(x, y) for x in ga for y in gb):
            continue
        merged = ga + gb
        for u in merged:
            group[u] = merged
        used.append((score, a, b))
    seen: set[int] = set()
    out = []
    for members in group.values():
        if id(members) not in seen:
            seen.add(id(members))
            out.append(sorted(members))
    return sorted(out), used
