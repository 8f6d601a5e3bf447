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
| event_type, sub_event_type | from the event type (battle -> Battles / Armed clash; airstrike -> Explosions/Remote violence / Air/drone strike; shelling -> ... / Shelling/artillery/missile attack; bombing -> ... / Remote explosive/landmine/IED; suicide bombing -> ... / Suicide bomb; execution, massacre, attack -> Violence against civilians / Attack) |
| actor1, assoc_actor_1 | first actor, the others joined by "; " |
| actor2, assoc_actor_2 | the victims' sides (Civilians (country), Pro-government forces, Opposition forces, ...) |
| country, admin1, admin2, location | place country, admin1, (none), place name |
| latitude, longitude | place coordinates (float) |
| geo_precision | 1 point, 2 relative ("southwest of Aleppo"), 3 admin1, country or unknown |
| source | the sources, "; " |
| source_scale | empty (warcount does not know an outlet's reach) |
| notes | summary, killed low/best/high with the claims behind them, each source's figure and status, conflicts, revisions, denials |
| fatalities | killed, all sides, ``low`` (int; 0 when no figure) |
| tags | ``warcount:low=..;warcount:best=..;warcount:high=..;warcount:sources=..`` plus ``warcount:conflict``, ``warcount:revised``, ``warcount:denied`` |
| timestamp | last time a document of the event entered the ledger (Unix seconds, int) |

UCDP GED (one row per event):

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
| side_a, side_b | Pro-government forces / Opposition forces when claims name those sides, else the first actor / the targets |
| best, low, high | killed, all sides: best, low, high (int) |
| deaths_a, deaths_b | killed best of side_a's and side_b's side |
| deaths_civilians | killed best of civilians |
| deaths_unknown | killed best of sides none of the above (unknown) |
| source_article | the documents' titles and URLs, "; " |
| number_of_sources | number of documents |
"""
from __future__ import annotations

import calendar
import csv
import json
import logging
from datetime import date, datetime
from typing import Any, TextIO

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
UCDP_COLUMNS = ["id", "year", "date_start", "date_end", "date_prec", "country", "adm_1", "where_coordinates",
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
}
SIDE_NAMES = {"pro-government": "Pro-government forces", "opposition": "Opposition forces",
              "attackers": "Attackers", "targets": "Targets", "unknown": "Unknown"}
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
    for detail in details(ledger):
        writer.writerow({k: ("" if v is None else v) for k, v in row_of(detail).items()})
        n += 1
    return n


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


def _victim_sides(d: EventDetail) -> list[str]:
    country = d.event.place.country if d.event.place else None
    out = []
    for side in d.event.casualties.get("killed", {}) or next(iter(d.event.casualties.values()), {}):
        if side == "all":
            continue
        name = f"Civilians ({country})" if side == "civilians" and country else SIDE_NAMES.get(side, side.title())
        if name not in out:
            out.append(name)
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


def acled_row(d: EventDetail) -> dict[str, Any]:
    e, p = d.event, d.event.place
    etype, sub = EVENT_TYPES.get((e.type or "").lower(), ("", ""))
    killed = _est(d, "killed")
    sides = _victim_sides(d)
    tags = []
    if killed:
        tags += [f"warcount:low={killed.low}", f"warcount:best={killed.best}", f"warcount:high={killed.high}"]
    tags.append(f"warcount:sources={len(_sources(d))}")
    tags += [t for t, flags in (("warcount:conflict", d.conflicts), ("warcount:revised", d.revisions),
                                ("warcount:denied", d.denials)) if flags]
    return {
        "event_id_cnty": e.id, "event_date": e.date, "year": int(e.date[:4]) if e.date else None,
        "time_precision": ACLED_TIME.get(e.date_precision or "", 3) if e.date else None,
        "event_type": etype, "sub_event_type": sub,
        "actor1": e.actors[0] if e.actors else "", "assoc_actor_1": "; ".join(e.actors[1:]),
        "actor2": sides[0] if sides else "", "assoc_actor_2": "; ".join(sides[1:]),
        "country": p.country if p else None, "admin1": p.admin1 if p else None, "admin2": "",
        "location": p.name if p else None, "latitude": p.latitude if p else None,
        "longitude": p.longitude if p else None, "geo_precision": ACLED_GEO.get((p.precision if p else None) or "unknown", 3),
        "source": "; ".join(_sources(d)), "source_scale": "", "notes": _notes(d),
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


def ucdp_row(d: EventDetail) -> dict[str, Any]:
    e, p = d.event, d.event.place
    killed = d.event.casualties.get("killed", {})

    def best(side: str) -> int | None:
        est = killed.get(side)
        return est.best if est else None

    if "pro-government" in killed or "opposition" in killed:
        a, b = "pro-government", "opposition"
        side_a, side_b = SIDE_NAMES[a], SIDE_NAMES[b]
    else:
        a, b = "attackers", "targets"
        side_a = e.actors[0] if e.actors else SIDE_NAMES[a]
        side_b = SIDE_NAMES[b]
    named = {a, b, "civilians", "all"}
    unknown = [best(s) for s in killed if s not in named and best(s) is not None]
    start, end = _span(e.date, e.date_precision)
    total = killed.get("all")
    where = (p.name + (f" ({p.relation})" if p.relation else "")) if p else None
    return {
        "id": e.id, "year": int(start[:4]) if start else None, "date_start": start, "date_end": end,
        "date_prec": UCDP_DATE.get(e.date_precision or "", 5) if e.date else None,
        "country": p.country if p else None, "adm_1": p.admin1 if p else None, "where_coordinates": where,
        "latitude": p.latitude if p else None, "longitude": p.longitude if p else None,
        "where_prec": UCDP_WHERE.get((p.precision if p else None) or "unknown", 6),
        "side_a": side_a, "side_b": side_b,
        "best": total.best if total else 0, "low": total.low if total else 0, "high": total.high if total else 0,
        "deaths_a": best(a) or 0, "deaths_b": best(b) or 0, "deaths_civilians": best("civilians") or 0,
        "deaths_unknown": sum(unknown) if unknown else 0,
        "source_article": "; ".join(" ".join(x for x in (doc.get("title"), doc.get("url") or doc.get("origin")) if x)
                                    for doc in d.documents),
        "number_of_sources": len(d.documents),
    }
