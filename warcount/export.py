"""Ledger exports: warcount's own JSONL and CSV, and the field's formats (ACLED, UCDP GED).

Why these: analysts load events into tools built for ACLED and UCDP GED;
warcount keeps more (every source's figure and hedge), so the range and the
sources go into the columns those formats have for notes and tags.

``jsonl``: one line per document revision, oldest first, exactly what
``warcount ingest`` reads back (``{"document": ..., "claims": [...],
"events": [...]}``); JSONL -> ingest -> JSONL gives the same lines.

``csv``: one row per event; UTF-8 (with a BOM when written to a file, so
spreadsheets read the accents), every field quoted, empty for unknown.

ACLED (one row per event; ``fatalities`` as ACLED codes it, the most
conservative figure):

| ACLED column | warcount |
|---|---|
| event_id_cnty | event id |
| event_date | event date (ISO) |
| year | year of the event date (int) |
| time_precision | 1 day, 3 month or year precision |
| event_type, sub_event_type | from the event type (battle -> Battles / Armed clash; airstrike -> Explosions/Remote violence / Air/drone strike; shelling -> ... / Shelling/artillery/missile attack; bombing -> ... / Remote explosive/landmine/IED; suicide bombing -> ... / Suicide bomb; execution, massacre, attack -> Violence against civilians / Attack; arrests, raid -> Strategic developments / Arrests; protest -> Protests / Peaceful protest, actor 1 Protesters (Country); riot -> Riots / Violent demonstration, actor 1 Rioters (Country)) |
| actor1 | the perpetrator (see "Sides and actors" below), never a reporting source |
| assoc_actor_1 | other well-known armed actors the event names (`lexicons/actors.json`), "; " |
| actor2, assoc_actor_2 | the victims as ACLED names them, killed first, firm figures first: Civilians (Country), Military Forces of Country, Police Forces of Country, a named group or Unidentified Armed Group (Country) |
| country, admin1, admin2, location | place country, admin1, (none), place name |
| latitude, longitude | place coordinates (float) |
| geo_precision | 1 point, 2 relative ("southwest of Aleppo"), 3 admin1, country or unknown |
| source | the sources, "; " |
| source_scale | empty (warcount does not know an outlet's reach) |
| notes | summary, killed low/best/high with the claims behind them, each source's figure and status, conflicts, revisions, denials |
| fatalities | killed, all sides, ``low`` (int; 0 when no figure): rival figures for the same dead are never added; an event reported without any figure (an arrest, a raid, clashes, a protest) has 0 and the tag ``warcount:no-figure`` |
| tags | ``warcount:low=..;warcount:best=..;warcount:high=..;warcount:sources=..`` plus ``warcount:conflict``, ``warcount:revised``, ``warcount:denied`` |
| timestamp | last time a document of the event entered the ledger (Unix seconds, int) |

UCDP GED (one row per event with a casualty figure: UCDP codes only events with a death, so an event
reported without a figure is left out):

| UCDP column | warcount |
|---|---|
| id | event id |
| year | year of date_start (int) |
| date_start, date_end | the event date; month and year precision span the month or year |
| date_prec | 1 day, 4 month, 5 year |
| country, adm_1 | place country, admin1 |
| where_coordinates | place name and its relation ("Khan Touman (southwest of Aleppo)") |
| latitude, longitude | place coordinates (float) |
| where_prec | 1 point, 2 relative, 4 admin1, 6 country or unknown |
| type_of_violence | 1 state-based (state forces against an armed group), 2 non-state (armed groups only), 3 one-sided (a perpetrator against civilians) |
| side_a, side_b | 1: Government of Country / the armed group; 2: the perpetrator group / the other group; 3: the perpetrator (Government of Country for state forces) / Civilians |
| best, low, high | killed, all sides: best, low, high (int) |
| deaths_a, deaths_b | killed best of side A's people (a perpetrator's own dead are side A's) and side B's; 0 for side B in one-sided violence |
| deaths_civilians | killed best of civilians |
| deaths_unknown | killed best of the dead no text puts on a side; the four deaths columns add up to best (a pool of rival sides gives its best to the side of the claim behind it) |
| source_article | the documents' titles and URLs, "; " |
| number_of_sources | number of documents |

Sides and actors. Each claim's victims are on one side of the side model
(``sides.py``): ``civilians``, ``state-forces`` (army, police, named security
forces), ``armed-groups`` (non-state armed groups, with the well-known groups of
``lexicons/actors.json``), ``attackers`` (the perpetrators of this event: gunmen,
bombers, the group the text names as the attacker) or ``unknown``. The exports
map them to the formats' own conventions:

| warcount | ACLED actor | UCDP GED |
|---|---|---|
| perpetrator (who claimed responsibility; a known armed actor the text shows attacking; "Russian shelling", "an Israeli airstrike"; a state source's "its jets struck"; the attacker the text names) | actor1 (else Unidentified Armed Group (Country)) | side_a; Government of Country when a state's forces |
| civilians | Civilians (Country) | side_b "Civilians" (one-sided, type 3); deaths_civilians |
| state-forces | Military Forces of Country; Police Forces of Country for police (the victims' nationality, else the event's country) | Government of Country, side_a in state-based violence; deaths_a |
| armed-groups | the group's name, else Unidentified Armed Group (Country) | the armed group, side_b in state-based violence; deaths_b |
| attackers | their dead are actor1's own losses (not an actor2) | deaths of side_a |
| unknown | no actor | deaths_unknown |
"""
from __future__ import annotations

import calendar
import csv
import json
import logging
from datetime import date, datetime
from typing import Any, TextIO

from . import sides
from .errors import ConfigError
from .model import Estimate
from .store import EventDetail, Ledger

log = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "acled", "ucdp")
KINDS = ("killed", "wounded", "captured", "executed", "missing", "arrested")

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
                 "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "admin2", "location",
                 "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
                 "timestamp"]
UCDP_COLUMNS = ["id", "year", "type_of_violence", "date_start", "date_end", "date_prec", "country", "adm_1", "where_coordinates",
                "latitude", "longitude", "where_prec", "side_a", "side_b", "best", "low", "high", "deaths_a",
                "deaths_b", "deaths_civilians", "deaths_unknown", "source_article", "number_of_sources"]
CSV_COLUMNS = (["id", "date", "date_precision", "type", "place", "admin1", "country", "latitude", "longitude",
                "place_precision", "relation", "actors"]
               + [f"{k}_{x}" for k in KINDS for x in ("low", "best", "high")]
               + ["sources", "documents", "claims", "conflicts", "revisions", "denials", "summary"])

EVENT_TYPES = {
    "battle": ("Battles", "Armed clash"), "clash": ("Battles", "Armed clash"), "ambush": ("Battles", "Armed clash"),
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "drone strike": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "missile": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "bombing": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "explosion": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "suicide bombing": ("Explosions/Remote violence", "Suicide bomb"),
    "execution": ("Violence against civilians", "Attack"), "massacre": ("Violence against civilians", "Attack"),
    "attack": ("Violence against civilians", "Attack"), "shooting": ("Violence against civilians", "Attack"),
    "abduction": ("Violence against civilians", "Abduction/forced disappearance"),
    # events reported without a figure (events.figureless_event) add ACLED's other types
    "arrests": ("Strategic developments", "Arrests"), "raid": ("Strategic developments", "Arrests"),
    "protest": ("Protests", "Peaceful protest"), "riot": ("Riots", "Violent demonstration"),
}
#: ACLED's actor 1 of the demonstration types: the people who demonstrate, not an armed group
CROWD_ACTORS = {"protest": "Protesters", "riot": "Rioters"}
ACLED_TIME = {"day": 1, "month": 3, "year": 3}
ACLED_GEO = {"point": 1, "relative": 2, "admin1": 3, "country": 3, "unknown": 3}
UCDP_DATE = {"day": 1, "month": 4, "year": 5}
UCDP_WHERE = {"point": 1, "relative": 2, "admin1": 4, "country": 6, "unknown": 6}


def export(ledger: Ledger, fmt: str, out: TextIO, *, bom: bool = False) -> int:
    """Write the ledger to ``out`` in ``fmt``; return the number of rows (lines) written."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt == "jsonl":
        n = 0
        for line in ledger.reports():
            out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
            n += 1
        for line in ledger.correction_lines():  # after every report, so a rebuild applies them to it all
            out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
            n += 1
        return n
    columns, row_of = {"csv": (CSV_COLUMNS, csv_row), "acled": (ACLED_COLUMNS, acled_row),
                       "ucdp": (UCDP_COLUMNS, ucdp_row)}[fmt]
    if bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=columns, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n",
                            extrasaction="raise")
    writer.writeheader()
    n = 0
    texts = _DocumentTexts(ledger)
    for detail in details(ledger):
        if fmt == "ucdp" and detail.event.without_figure:
            continue  # UCDP GED codes events with at least one death; ACLED keeps them with fatalities 0
        row = row_of(detail) if fmt == "csv" else row_of(detail, texts(detail))
        writer.writerow({k: ("" if v is None else safe_cell(v)) for k, v in row.items()})
        n += 1
    return n


#: first characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"),
#: with their full-width forms; tab, CR and LF as well, since some programs strip them first
FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def safe_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula (``=HYPERLINK(...)`` from a page
    title) gets a leading apostrophe, which spreadsheets show as text; numbers are left alone."""
    if isinstance(value, str) and value and (value[0] in FORMULA_START or
                                             value.lstrip()[:1] in FORMULA_START):
        return "'" + value
    return value


class _DocumentTexts:
    """The cleaned texts of an event's documents, read once each: the perpetrator is often named
    in a sentence without a figure ("Al-Shabaab claimed responsibility")."""

    def __init__(self, ledger: Ledger, keep: int = 256) -> None:
        self.ledger, self.keep, self.cache = ledger, keep, {}

    def __call__(self, d: EventDetail) -> list[str]:
        out = [d.event.summary, *(c.sentence for c in d.claims)]
        for doc in d.documents:
            key = doc.get("id")
            if key not in self.cache:
                if len(self.cache) >= self.keep:
                    self.cache.pop(next(iter(self.cache)))
                full = self.ledger.document(key) if key else None
                self.cache[key] = ((full or {}).get("text") or "")[:sides.LEAD]
            out.append(self.cache[key])
        return [t for t in out if t]


def details(ledger: Ledger, page: int = 500):
    """Every event's detail, oldest first, page by page (a large ledger is not read at once)."""
    offset = 0
    while True:
        batch = ledger.events(limit=page, offset=offset)
        if not batch:
            return
        for ev in batch:
            d = ledger.event(ev.id)
            if d is not None:
                yield d
        offset += page


# --- rows ----------------------------------------------------------------------------


def _est(d: EventDetail, kind: str, side: str = "all") -> Estimate | None:
    return d.event.casualties.get(kind, {}).get(side)


def _sources(d: EventDetail) -> list[str]:
    seen: list[str] = []
    for c in d.claims:
        if c.source.name not in seen:
            seen.append(c.source.name)
    return seen


def _outlets(d: EventDetail) -> list[str]:
    """The documents' sites (else titles): the sources of an event reported without a figure."""
    seen: list[str] = []
    for doc in d.documents:
        name = doc.get("site") or doc.get("title") or doc.get("url") or doc.get("origin")
        if name and name not in seen:
            seen.append(name)
    return seen


def csv_row(d: EventDetail) -> dict[str, Any]:
    e, p = d.event, d.event.place
    row: dict[str, Any] = {
        "id": e.id, "date": e.date, "date_precision": e.date_precision, "type": e.type,
        "place": p.name if p else None, "admin1": p.admin1 if p else None, "country": p.country if p else None,
        "latitude": p.latitude if p else None, "longitude": p.longitude if p else None,
        "place_precision": p.precision if p else None, "relation": p.relation if p else None,
        "actors": "; ".join(e.actors), "sources": "; ".join(_sources(d)), "documents": len(d.documents),
        "claims": len(d.claims), "conflicts": len(d.conflicts), "revisions": len(d.revisions),
        "denials": len(d.denials), "summary": e.summary,
    }
    for k in KINDS:
        est = _est(d, k)
        for x in ("low", "best", "high"):
            row[f"{k}_{x}"] = getattr(est, x) if est else None
    return row


def _country(d: EventDetail, texts: list[str] | None = None) -> str | None:
    """The event's country: its place's, else the first country the texts name ("ADEN, Yemen")."""
    if d.event.place and d.event.place.country:
        return d.event.place.country
    import re

    names = sorted(set(sides.demonyms().values()), key=len, reverse=True)
    found = [(m.start(), m.group(0)) for t in (texts or [])[:1] + (texts or [])[1:]
             for m in [re.search(r"\b(" + "|".join(map(re.escape, names)) + r")\b", t)] if m]
    return found[0][1] if found else None


_GOVERNMENT_TROOPS = ("government troops", "government forces", "army", "soldiers", "troops", "security forces",
                      "military")


def _state_fights(d: EventDetail, texts: list[str] | None) -> bool:
    """A battle the text says state forces fought ("Government troops and Houthi rebels clashed")."""
    joined = " ".join(texts or [d.event.summary]).lower()
    return (d.event.type or "") in ("battle", "clash", "ambush") and any(w in joined for w in _GOVERNMENT_TROOPS)


def _side(c) -> str:
    return sides.normal(c.victim_side) or ("attackers" if c.perpetrator else "unknown")


def _reporters(d: EventDetail) -> list[tuple[str, str, str]]:
    return [(c.source.name, c.source.kind, c.sentence) for c in d.claims]


def perpetrator(d: EventDetail, texts: list[str] | None = None) -> tuple[str, str]:
    """(ACLED actor 1, side) of an event: who carried out the violence, never who reported it."""
    country = _country(d, texts)
    found = sides.perpetrator(texts if texts is not None else [d.event.summary, *(c.sentence for c in d.claims)],
                              d.event.actors, _reporters(d), country)
    if found:
        return found
    return (f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"), sides.ARMED


def acled_actor(side: str, victims: list, country: str | None) -> str | None:
    """ACLED's own label for the people of one side (ACLED codebook, "Actors"):
    Civilians (Country); Military Forces of Country / Police Forces of Country; a named
    non-state group, else Unidentified Armed Group (Country). Attackers are actor 1 and
    unknown victims are no actor."""
    phrases = " ".join(c.victim for c in victims)
    where = sides.country_of(phrases) or country
    if side == sides.CIVILIANS:
        return f"Civilians ({where})" if where else "Civilians"
    if side == sides.STATE:
        kind = "Police Forces" if sides.is_police(phrases) else "Military Forces"
        return f"{kind} of {where}" if where else f"{kind} (unknown country)"
    if side == sides.ARMED:
        for c in victims:
            named = sides._named_actor(sides._words(c.victim))
            if named:
                from .attribution import canonical

                for n in (3, 2, 1):
                    words = c.victim.split()
                    for i in range(len(words) - n + 1):
                        name, kind = canonical(" ".join(words[i:i + n]))
                        if kind:
                            return name
        return f"Unidentified Armed Group ({where})" if where else "Unidentified Armed Group"
    return None


def victim_actors(d: EventDetail, texts: list[str] | None = None) -> list[str]:
    """ACLED actor 2 and its associates: the victims' sides, killed first, firm figures first,
    largest first; in a battle with state forces and nothing said of their dead, the forces."""
    country = _country(d, texts)
    by_side: dict[str, list] = {}
    for c in d.claims:
        if c.scope == "incident" and c.status != "denied":
            by_side.setdefault(_side(c), []).append(c)
    killed = {sides.normal(k) or k: v for k, v in d.event.casualties.get("killed", {}).items()}
    firm = {s for s, cs in by_side.items() if any(c.status in ("stated", "reported", "acknowledged") for c in cs)}
    order = sorted(by_side, key=lambda s: (s not in killed, s not in firm, -((killed.get(s) and killed[s].best) or 0), s))
    out: list[str] = []
    for side in order:
        name = acled_actor(side, by_side[side], country)
        if name and name not in out:
            out.append(name)
    if _state_fights(d, texts) and not any(x.startswith(("Military Forces", "Police Forces")) for x in out):
        out.insert(0, f"Military Forces of {country}" if country else "Military Forces (unknown country)")
    return out


def associated_actors(d: EventDetail, actor1: str) -> list[str]:
    """Other armed actors the event names (never its reporting sources)."""
    from .attribution import canonical

    out = []
    for a in d.event.actors:
        if sides.actor_side(a) and canonical(a)[0] != actor1 and canonical(a)[0] not in out:
            out.append(canonical(a)[0])
    return out


def deaths_by_side(d: EventDetail) -> dict[str, int]:
    """Killed best per side, adding up to the event's killed best: a pool of rival sides (the
    same dead told as different sides) gives its best to the side of the claim behind it."""
    killed = d.event.casualties.get("killed", {})
    total = killed.get("all")
    if total is None or total.best is None:
        return {}
    behind = set(total.best_claims)
    out: dict[str, int] = {}
    for side, est in killed.items():
        if side in ("all", sides.MIXED) or est.best is None:
            continue
        if set(est.best_claims) & behind:
            out[sides.normal(side) or side] = out.get(sides.normal(side) or side, 0) + est.best
    rest = total.best - sum(out.values())
    if rest > 0:
        out[sides.UNKNOWN] = out.get(sides.UNKNOWN, 0) + rest
    elif rest < 0 and out:
        top = max(out, key=out.get)  # type: ignore[arg-type]
        out[top] = max(0, out[top] + rest)
    return out


def _notes(d: EventDetail) -> str:
    parts = [d.event.summary] if d.event.summary else []
    k = _est(d, "killed")
    if k:
        parts.append(f"warcount killed low {k.low} / best {k.best} / high {k.high}"
                     f"{' (open)' if k.high_open else ''}; best: {k.rule}")
    by_id = {c.id: c for c in d.claims}
    figures = [f"{c.source.name}: {c.kind} {c.figure.text or c.figure.low} ({c.status}"
               f"{', ' + c.scope if c.scope != 'incident' else ''})" for c in by_id.values()]
    if figures:
        parts.append("sources: " + "; ".join(figures))
    for label, flags in (("conflict", d.conflicts), ("revision", d.revisions), ("denial", d.denials)):
        parts += [f"{label}: {f['detail']}" for f in flags]
    return ". ".join(parts)


def _timestamp(d: EventDetail) -> int | None:
    stamps = [x.get("last_seen") for x in d.documents if x.get("last_seen")]
    if not stamps:
        return None
    return int(datetime.fromisoformat(max(stamps)).timestamp())


def acled_row(d: EventDetail, texts: list[str] | None = None) -> dict[str, Any]:
    e, p = d.event, d.event.place
    etype, sub = EVENT_TYPES.get((e.type or "").lower(), ("", ""))
    killed = _est(d, "killed")
    actor1, side1 = perpetrator(d, texts)
    crowd = CROWD_ACTORS.get((e.type or "").lower())
    if crowd and not d.claims:  # a demonstration reported without a figure: its actor is the crowd
        country = _country(d, texts)
        actor1, side1 = (f"{crowd} ({country})" if country else crowd), sides.UNKNOWN
    # an armed group's unnamed dead beside a non-state perpetrator are its own losses, not actor 2
    victims = [v for v in victim_actors(d, texts) if v != actor1
               and not (side1 == sides.ARMED and v.startswith("Unidentified Armed Group"))]
    assoc1 = associated_actors(d, actor1)
    tags = []
    if killed:
        tags += [f"warcount:low={killed.low}", f"warcount:best={killed.best}", f"warcount:high={killed.high}"]
    tags.append(f"warcount:sources={len(_sources(d))}")
    if e.without_figure:
        tags.append("warcount:no-figure")  # reported without a casualty figure: fatalities 0 is no count
    tags += [t for t, flags in (("warcount:conflict", d.conflicts), ("warcount:revised", d.revisions),
                                ("warcount:denied", d.denials)) if flags]
    return {
        "event_id_cnty": e.id, "event_date": e.date, "year": int(e.date[:4]) if e.date else None,
        "time_precision": ACLED_TIME.get(e.date_precision or "", 3) if e.date else None,
        "event_type": etype, "sub_event_type": sub,
        "actor1": actor1, "assoc_actor_1": "; ".join(assoc1),
        "actor2": victims[0] if victims else "", "assoc_actor_2": "; ".join(victims[1:]),
        "country": p.country if p else None, "admin1": p.admin1 if p else None, "admin2": "",
        "location": p.name if p else None, "latitude": p.latitude if p else None,
        "longitude": p.longitude if p else None, "geo_precision": ACLED_GEO.get((p.precision if p else None) or "unknown", 3),
        "source": "; ".join(_sources(d) or _outlets(d)), "source_scale": "", "notes": _notes(d),
        "fatalities": killed.low if killed and killed.low is not None else 0, "tags": "; ".join(tags),
        "timestamp": _timestamp(d),
    }


def _span(value: str | None, precision: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value, value
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1).isoformat(), day.replace(day=last).isoformat()
    if precision == "year":
        return f"{day.year}-01-01", f"{day.year}-12-31"
    return day.isoformat(), day.isoformat()


def ucdp_sides(d: EventDetail, texts: list[str] | None = None) -> dict[str, Any]:
    """type_of_violence, side_a, side_b and the deaths of each, as the UCDP GED codebook defines them.

    1 state-based: side A the government ("Government of Country"), side B the armed group;
    2 non-state: two non-state groups; 3 one-sided: side A the perpetrator, side B "Civilians".
    deaths_a / deaths_b are the dead of side A / B (a perpetrator's own dead are side A's),
    deaths_civilians and deaths_unknown the rest; the four add up to best."""
    country = _country(d, texts)
    actor1, side1 = perpetrator(d, texts)
    deaths = deaths_by_side(d)
    battle = _state_fights(d, texts) and side1 == sides.ARMED
    victims = [s for s in deaths if s not in (sides.ATTACKERS, sides.UNKNOWN)]
    gov = "Government of " + (actor1.removeprefix("Military Forces of ") if actor1.startswith("Military Forces of ")
                              else (country or "unknown country"))
    att, civ, unk = deaths.get(sides.ATTACKERS, 0), deaths.get(sides.CIVILIANS, 0), deaths.get(sides.UNKNOWN, 0)
    st, arm = deaths.get(sides.STATE, 0), deaths.get(sides.ARMED, 0)
    if side1 == sides.STATE and sides.ARMED in victims or side1 == sides.ARMED and (sides.STATE in victims or battle):
        group = actor1 if side1 == sides.ARMED else (next((v for v in victim_actors(d, texts) if "Military Forces" not in v
                                                           and "Police Forces" not in v and "Civilians" not in v),
                                                          "Unidentified armed group"))
        a_deaths, b_deaths = (st + att, arm) if side1 == sides.STATE else (st, arm + att)
        return {"type_of_violence": 1, "side_a": gov, "side_b": group, "deaths_a": a_deaths, "deaths_b": b_deaths,
                "deaths_civilians": civ, "deaths_unknown": unk}
    if side1 == sides.ARMED and victims == [sides.ARMED]:
        return {"type_of_violence": 2, "side_a": actor1, "side_b": "Unidentified armed group",
                "deaths_a": att, "deaths_b": arm, "deaths_civilians": civ, "deaths_unknown": unk}
    side_a = gov if side1 == sides.STATE else actor1
    return {"type_of_violence": 3, "side_a": side_a, "side_b": "Civilians",
            "deaths_a": att + (st if side1 == sides.STATE else arm), "deaths_b": 0,
            "deaths_civilians": civ, "deaths_unknown": unk + (arm if side1 == sides.STATE else st)}


def ucdp_row(d: EventDetail, texts: list[str] | None = None) -> dict[str, Any]:
    e, p = d.event, d.event.place
    killed = d.event.casualties.get("killed", {})
    who = ucdp_sides(d, texts)
    start, end = _span(e.date, e.date_precision)
    total = killed.get("all")
    where = (p.name + (f" ({p.relation})" if p.relation else "")) if p else None
    return {
        "id": e.id, "year": int(start[:4]) if start else None, "date_start": start, "date_end": end,
        "date_prec": UCDP_DATE.get(e.date_precision or "", 5) if e.date else None,
        "country": p.country if p else None, "adm_1": p.admin1 if p else None, "where_coordinates": where,
        "latitude": p.latitude if p else None, "longitude": p.longitude if p else None,
        "where_prec": UCDP_WHERE.get((p.precision if p else None) or "unknown", 6),
        "type_of_violence": who["type_of_violence"], "side_a": who["side_a"], "side_b": who["side_b"],
        "best": total.best if total else 0, "low": total.low if total else 0, "high": total.high if total else 0,
        "deaths_a": who["deaths_a"], "deaths_b": who["deaths_b"], "deaths_civilians": who["deaths_civilians"],
        "deaths_unknown": who["deaths_unknown"],
        "source_article": "; ".join(" ".join(x for x in (doc.get("title"), doc.get("url") or doc.get("origin")) if x)
                                    for doc in d.documents),
        "number_of_sources": len(d.documents),
    }
