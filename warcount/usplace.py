"""US local news: the town of a county dateline, and the station's town when the text names no other.

US local news often datelines a story by its county ("HENRY COUNTY, Ga. --", "PIKE COUNTY, Miss.
(WJTV) --") and names the town in the lead ("A McDonough family", "near Magnolia"): the town is where
it happened, the county the sheriff's beat. When a story names no town at all ("a shooting on Poplar
Avenue"), the city of the station or paper that ran it, which its page title's site name gives
("WMC Action News 5 - Memphis, Tennessee"), is the best guess left: a local outlet reports its own
city's streets without naming the city. mainplace.py applies both; this module only reads.
"""
from __future__ import annotations

import re
from typing import Protocol

from .gazetteer import Entry, Gazetteer, county_key, norm

_US = "US"


class _Candidate(Protocol):  # mainplace._Cand
    name: str
    score: float
    first: int
    cue: bool
    entries: list[Entry]


def county_keys(g: Gazetteer, dateline_place: str | None, counties: dict[str, int]) -> list[str]:
    """The US counties a story is placed in: the dateline's ("HENRY COUNTY", "LEWIS" beside "Lewis County
    Sheriff's Office") first, then the ones the text names, most named first."""
    out = []
    if dateline_place:
        key = county_key(dateline_place if re.search(r"(?i)\b(?:county|parish)$", dateline_place)
                         else dateline_place + " County")
        if key and (g.counties.get(key) and (key in counties or re.search(r"(?i)\b(?:county|parish)$", dateline_place))):
            out.append(key)
    out += [k for k, _ in sorted(counties.items(), key=lambda kv: -kv[1]) if k not in out]
    return out


def town_in_county(cands: dict[str, _Candidate], keys: list[str], state: str | None) -> tuple[str, Entry] | None:
    """The town the text names with a cue that lies in one of these counties of the state (the first
    county that has one; the town named most, then first): "A McDonough family" under "HENRY COUNTY, Ga."."""
    if not state:
        return None
    for key in keys:
        best: tuple[float, int, str, Entry] | None = None
        for c in cands.values():
            if not c.cue:
                continue
            for e in c.entries:
                if e.country_code == _US and e.admin1 == state and e.admin2 and county_key(e.admin2) == key:
                    rank = (c.score, -c.first)
                    if best is None or rank > (best[0], best[1]):
                        best = (c.score, -c.first, c.name, e)
                    break
        if best is not None:
            return best[2], best[3]
    return None


_SITE_TOWN = re.compile(r"\b([A-Z][a-z]+(?:[ .]+[A-Z][a-z]+){0,2})(?=,\s+[A-Z]|\s+(?:News|NEWS|Weather|Sports)\b|\s*$)")


def site_town(g: Gazetteer, site: str, state: str | None) -> Entry | None:
    """The town a page title's site name gives ("WMC Action News 5 - Memphis, Tennessee", "13 WTHR
    Indianapolis"), in the state the story is placed in: the outlet's own city."""
    if not state or not site:
        return None
    for m in _SITE_TOWN.finditer(site):
        name = m.group(1)
        words = name.split()
        for k in range(len(words)):  # "News 12 Shreveport": the town is the name's tail
            sub = " ".join(words[k:])
            found = [e for e in g.entries(sub) if e.country_code == _US and e.admin1 == state
                     and e.kind != "postal" and norm(e.name) == norm(sub)]
            if found:
                return max(found, key=lambda e: e.population)
    return None
