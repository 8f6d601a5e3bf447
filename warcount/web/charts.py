"""Server-side SVG charts for the dashboard.

Drawn on the server so the pages need no chart library, work offline and
read the same in a screenshot as in a browser. Every label is escaped: place
names and source names come from hostile pages. No inline ``style``
attributes (the Content-Security-Policy forbids them); colours come from
presentation attributes and CSS classes in ``static/app.css``.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape
from pathlib import Path

W, H = 760, 220
PAD_L, PAD_R, PAD_T, PAD_B = 56, 20, 16, 36
MARK_OFFSET = {"low": 0, "best": 14, "high": 28}  # stagger labels so close values stay legible


@dataclass(frozen=True)
class DayPoint:
    """Killed on one day, summed over that day's events."""

    day: str  # ISO date
    low: int
    best: int
    high: int


@dataclass(frozen=True)
class RangeRow:
    """One source's figure (``high`` None: open-ended) on the range chart."""

    label: str
    low: int
    high: int | None
    status: str
    anchor: str = ""  # "#claim-..." link target


def _nice_max(v: float) -> int:
    """The next round number above ``v``, so axis ticks are readable."""
    if v <= 0:
        return 1
    mag = 10 ** (len(str(int(v))) - 1)
    for m in (1, 2, 2.5, 5, 10):
        if m * mag >= v:
            return int(m * mag) if m * mag >= 1 else 1
    return int(10 * mag)


def short_name(name: str, width: int = 26) -> str:
    """A long source name as its initials ("Islamic Revolutionary Guard Corps" -> "IRGC"), else cut.

    Row labels share a fixed gutter; the full name stays in the tooltip and the table.
    """
    if len(name) <= width:
        return name
    caps = [w[0] for w in name.split() if w[:1].isupper()]
    if len(caps) >= 2:
        return "".join(caps)
    return name[: width - 1] + "…"


def _ticks(top: int, n: int = 4) -> list[int]:
    step = max(1, top // n)
    return list(range(0, top + 1, step))


LABEL_W = 74  # width of a "2016-05-06" tick label at 11px, in viewBox units, with a gap


def _tick_days(days: list[date], x) -> list[tuple[date, float, str]]:
    """Which days get a label, where, and anchored how: first and last always, others only
    where they fit; an edge label is anchored inward so it is never clipped."""
    if not days:
        return []
    lo, hi = PAD_L, W - PAD_R

    def place(d: date) -> tuple[float, str]:
        cx = x(d)
        if cx - LABEL_W / 2 < lo:
            return max(cx, lo - 6), "start"
        if cx + LABEL_W / 2 > hi:
            return min(cx, hi + 6), "end"
        return cx, "middle"

    def span(px: float, anchor: str) -> tuple[float, float]:
        if anchor == "start":
            return px, px + LABEL_W
        if anchor == "end":
            return px - LABEL_W, px
        return px - LABEL_W / 2, px + LABEL_W / 2

    chosen: list[tuple[date, float, str]] = []
    order = [days[0]] + ([days[-1]] if days[-1] != days[0] else []) + days[1:-1]
    for d in order:
        px, anchor = place(d)
        a, b = span(px, anchor)
        if all(b <= span(q, an)[0] or a >= span(q, an)[1] for _, q, an in chosen):
            chosen.append((d, px, anchor))
    return sorted(chosen)


def timeline_svg(points: list[DayPoint], *, title: str = "Killed per day", undated: int = 0,
                 coarse: int = 0) -> str:
    """Killed per day: one bar per day with a figure (best), a whisker from low to high, days on
    a real time axis. Days without events stay empty (no line is drawn across them); tick labels
    never overlap or run off the chart; events that cannot be placed on a day are counted in the
    caption ("3 undated, 1 with month precision: not drawn")."""
    note = _not_drawn(undated, coarse)
    if not points:
        msg = "no dated killed figures" + (f" ({note})" if note else "")
        return (f'<svg class="chart timeline" viewBox="0 0 {W} 60" role="img" aria-label="{escape(title)}: no data">'
                f'<text x="{W // 2}" y="34" text-anchor="middle" class="muted">{escape(msg)}</text></svg>')
    pts = sorted(points, key=lambda p: p.day)
    days = [date.fromisoformat(p.day) for p in pts]
    d0, d1 = days[0].toordinal(), days[-1].toordinal()
    span = max(1, d1 - d0)
    top = _nice_max(max(max(p.high, p.best) for p in pts) or 1)
    iw, ih = W - PAD_L - PAD_R, H - PAD_T - PAD_B
    bar = max(3.0, min(22.0, iw / (span + 1) * 0.7))

    def x(d: date) -> float:
        if d0 == d1:
            return PAD_L + iw / 2
        return PAD_L + bar / 2 + (iw - bar) * (d.toordinal() - d0) / span

    def y(v: float) -> float:
        return PAD_T + ih * (1 - v / top)

    label = f"{title}: {len(pts)} day(s)" + (f"; {note}" if note else "")
    out = [f'<svg class="chart timeline" viewBox="0 0 {W} {H}" role="img" aria-label="{escape(label)}">',
           f'<title>{escape(label)}</title>']
    for t in _ticks(top):
        out.append(f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{y(t):.1f}" y2="{y(t):.1f}" class="grid"/>'
                   f'<text x="{PAD_L - 6}" y="{y(t) + 4:.1f}" text-anchor="end" class="tick">{t}</text>')
    for d, p in zip(days, pts):
        cx = x(d)
        out.append(f'<rect x="{cx - bar / 2:.1f}" y="{y(p.best):.1f}" width="{bar:.1f}" '
                   f'height="{max(0.0, y(0) - y(p.best)):.1f}" class="daybar">'
                   f'<title>{escape(p.day)}: best {p.best} (low {p.low}, high {p.high})</title></rect>')
        if p.high != p.low:
            out.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{y(p.low):.1f}" y2="{y(p.high):.1f}" class="whisker"/>'
                       f'<line x1="{cx - 4:.1f}" x2="{cx + 4:.1f}" y1="{y(p.high):.1f}" y2="{y(p.high):.1f}" '
                       f'class="whisker"/>')
    out.append(f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{y(0):.1f}" y2="{y(0):.1f}" class="axis"/>')
    for d, px, anchor in _tick_days(days, x):
        out.append(f'<text x="{px:.1f}" y="{H - 12}" text-anchor="{anchor}" class="tick daylabel">'
                   f'{d.isoformat()}</text>')
    out.append("</svg>")
    return "".join(out)


def _not_drawn(undated: int, coarse: int) -> str:
    parts = []
    if undated:
        parts.append(f"{undated} undated")
    if coarse:
        parts.append(f"{coarse} with only a month or year")
    return (", ".join(parts) + ": not drawn") if parts else ""


def range_svg(rows: list[RangeRow], *, low: int | None, best: int | None, high: int | None,
              title: str = "Figures by source") -> str:
    """Each source's figure or range on one axis, the estimate's low, best and high marked.

    An open-ended figure ("at least 12") is drawn as a bar running to the
    axis end with an arrow, so it never reads as a closed range.
    """
    if not rows:
        return ""
    values = [r.low for r in rows] + [r.high for r in rows if r.high is not None]
    values += [v for v in (low, best, high) if v is not None]
    top = _nice_max(max(values) * 1.08 or 1)
    row_h = 26
    label_w = 230
    ih = row_h * len(rows)
    hh = ih + PAD_T + 72
    iw = W - label_w - PAD_R

    def x(v: float) -> float:
        return label_w + iw * v / top

    out = [f'<svg class="chart range" viewBox="0 0 {W} {hh}" role="img" aria-label="{escape(title)}">',
           f'<title>{escape(title)}</title>']
    for t in _ticks(top, 5):
        out.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{PAD_T}" y2="{PAD_T + ih}" class="grid"/>'
                   f'<text x="{x(t):.1f}" y="{PAD_T + ih + 14}" text-anchor="middle" class="tick">{t}</text>')
    for i, r in enumerate(rows):
        cy = PAD_T + i * row_h + row_h / 2
        label = f"{short_name(r.label)} ({r.status})"
        out.append(f'<text x="{label_w - 8}" y="{cy + 4:.1f}" text-anchor="end" class="label">{escape(label)}</text>')
        cls = f"fig st-{escape(r.status)}"
        shown = f"{r.low}" if r.high == r.low else (f"{r.low}–{r.high}" if r.high is not None else f"{r.low}+")
        if r.high is None:
            out.append(f'<line x1="{x(r.low):.1f}" x2="{x(top):.1f}" y1="{cy:.1f}" y2="{cy:.1f}" class="{cls} open"/>'
                       f'<path d="M{x(top) - 7:.1f},{cy - 5:.1f} L{x(top):.1f},{cy:.1f} L{x(top) - 7:.1f},{cy + 5:.1f}" '
                       f'class="{cls} open" fill="none"/>')
        elif r.high != r.low:
            out.append(f'<line x1="{x(r.low):.1f}" x2="{x(r.high):.1f}" y1="{cy:.1f}" y2="{cy:.1f}" class="{cls} bar"/>')
        out.append(f'<circle cx="{x(r.low):.1f}" cy="{cy:.1f}" r="5" class="{cls}"><title>{escape(r.label)}: '
                   f'{shown} ({escape(r.status)})</title></circle>')
        out.append(f'<text x="{x(r.low) + 8:.1f}" y="{cy - 6:.1f}" class="value">{shown}</text>')
    ybase = PAD_T + ih + 22
    for name, v in (("low", low), ("best", best), ("high", high)):
        if v is None:
            continue
        out.append(f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{PAD_T - 4}" y2="{PAD_T + ih + 2}" class="mark m-{name}"/>'
                   f'<text x="{x(v):.1f}" y="{ybase + MARK_OFFSET[name] + 10}" text-anchor="middle" '
                   f'class="marklabel m-{name}">{name} {v}</text>')
    out.append("</svg>")
    return "".join(out)


# --- the events map (issue 16) ------------------------------------------------------------

WORLD = Path(__file__).parent / "data" / "world.json"  # built by scripts/build_world_map.py
MAP_W = 760  # the pixel width the map is drawn for: dot sizes and labels are set in these pixels
MAP_LABELS = 8  # the largest dots get a place label


@dataclass(frozen=True)
class MapPoint:
    """One event on the map: where, its best killed figure (None: no figure), and its page."""

    label: str
    latitude: float
    longitude: float
    killed: int | None
    href: str
    date: str | None = None


@lru_cache(maxsize=1)
def _world_paths() -> str:
    """The country outlines as one ``<g>`` of paths (x = longitude, y = -latitude), read once."""
    try:
        data = json.loads(WORLD.read_text("utf-8"))
    except (OSError, ValueError):
        return ""  # a build without the data file still draws the dots on the graticule
    return "".join(f'<path d="{escape(c["d"])}" class="land"><title>{escape(c.get("name") or "")}</title></path>'
                   for c in data.get("countries", []) if c.get("d"))


def _view(points: list[MapPoint]) -> tuple[float, float, float, float]:
    """The viewBox (x, y, w, h in degrees): the events' extent padded, 2:1, inside the world."""
    if not points:
        return -180.0, -90.0, 360.0, 180.0
    xs = [p.longitude for p in points]
    ys = [-p.latitude for p in points]
    w = max(max(xs) - min(xs), 2 * (max(ys) - min(ys)), 24.0) * 1.5
    w = min(w, 360.0)
    h = w / 2
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x0 = min(max(cx - w / 2, -180.0), 180.0 - w)
    y0 = min(max(cy - h / 2, -90.0), 90.0 - h)
    return x0, y0, w, h


def dot_radius(killed: int | None) -> float:
    """Pixels: area grows with the figure, so 100 dead reads as ten times 10 dead; capped."""
    if not killed or killed <= 0:
        return 3.0
    return min(3.0 + 2.0 * math.sqrt(killed), 26.0)


def map_svg(points: list[MapPoint], *, title: str = "Events on the map") -> str:
    """The events with coordinates on a world outline, dots sized by the best killed figure, each a link.

    Drawn on the server from country outlines shipped in the package: no tiles, no script, no network.
    """
    x0, y0, w, h = _view(points)
    px = w / MAP_W  # degrees per pixel
    out = [f'<svg class="chart worldmap" viewBox="{x0:.2f} {y0:.2f} {w:.2f} {h:.2f}" role="img" '
           f'aria-label="{escape(title)}: {len(points)} event(s)" preserveAspectRatio="xMidYMid meet">',
           f'<title>{escape(title)}</title>',
           f'<rect x="{x0:.2f}" y="{y0:.2f}" width="{w:.2f}" height="{h:.2f}" class="sea" fill="#eaf2f8"/>',
           f'<g class="land" stroke-width="{0.6 * px:.3f}">{_world_paths()}</g>']
    if not points:
        out.append(f'<text x="0" y="0" text-anchor="middle" font-size="{14 * px:.2f}" class="maplabel">'
                   f'no events with coordinates</text>')
    ordered = sorted(points, key=lambda p: -(p.killed or 0))  # big dots first, small ones drawn on top
    for p in ordered:
        r = dot_radius(p.killed) * px
        figure = f"killed {p.killed}" if p.killed is not None else "no killed figure"
        tip = " · ".join(x for x in (p.label, p.date or "", figure) if x)
        out.append(f'<a href="{escape(p.href)}" class="maplink" aria-label="{escape(tip)}">'
                   f'<circle cx="{p.longitude:.3f}" cy="{-p.latitude:.3f}" r="{r:.3f}" class="dot" '
                   f'stroke-width="{0.8 * px:.3f}"><title>{escape(tip)}</title></circle></a>')
    spots: dict[tuple[float, float], list[MapPoint]] = {}
    for p in ordered:  # one label per spot: events placed at the same point share it, largest first
        spots.setdefault((round(p.latitude, 2), round(p.longitude, 2)), []).append(p)
    for group in list(spots.values())[:MAP_LABELS]:
        p = group[0]
        names = list(dict.fromkeys(q.label for q in group if q.label))
        text = " · ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
        r = dot_radius(p.killed) * px
        out.append(f'<text x="{p.longitude + r + 3 * px:.3f}" y="{-p.latitude + 4 * px:.3f}" '
                   f'font-size="{11 * px:.3f}" class="maplabel">{escape(text)}</text>')
    out.append("</svg>")
    return "".join(out)
