"""The dashboard and JSON API over one ledger file.

Page text is hostile input (it comes from the web), so: Jinja2 autoescapes
everything, a strict Content-Security-Policy forbids inline script and any
other origin, form POSTs carry a signed double-submit CSRF token and must come
from our own origin, the Host header must name this server (DNS rebinding),
and the write endpoints need ``WARCOUNT_TOKEN`` whenever the server listens on
anything but loopback (and are off when no token is set then).
"""
from __future__ import annotations

import dataclasses
import hashlib
import hmac
import ipaddress
import logging
import os
import re
import secrets
import tempfile
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import sides
from ..config import Options
from ..errors import InputError
from .. import validate
from ..pipeline import extract
from ..model import KINDS, STATUSES, Claim, Report
from ..store import Ledger
from .charts import DayPoint, MapPoint, RangeRow, map_svg, range_svg, timeline_svg

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
CSRF_COOKIE = "warcount_csrf"
CSRF_FIELD = "csrf"
TOKEN_HEADER = "x-warcount-token"
PAGE = 50
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
NOT_FOUND = {404: {"description": "No such record"}}


def is_loopback(host: str) -> bool:
    """True when binding ``host`` keeps the server on this machine."""
    if host.strip("[]") in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


class TooLarge(Exception):
    """A request body over ``upload_limit``."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"upload too large: the limit is {_size(limit)}")
        self.limit = limit


class Guard:
    """ASGI middleware: security headers, Host check, and the body-size cap (413).

    Pure ASGI (not BaseHTTPMiddleware) so it can count streamed body bytes and
    refuse a chunked upload that has no Content-Length.
    """

    def __init__(self, app: ASGIApp, *, limit: int, loopback: bool) -> None:
        self.app, self.limit, self.loopback = app, limit, loopback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        path = scope.get("path", "")

        async def send_secure(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        host = headers.get("host", "")
        if _hostname(host) is None:
            await _plain(send_secure, 400, f"malformed Host header {host[:200]!r}", path)
            return
        if self.loopback and _hostname(host) not in LOOPBACK_NAMES:
            await _plain(send_secure, 400, f"unexpected Host header {host!r}: this server answers on loopback only",
                         path)
            return
        declared = headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.limit:
            await _plain(send_secure, 413, str(TooLarge(self.limit)), path)
            return
        seen = 0

        async def counted() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise TooLarge(self.limit)
            return message

        try:
            await self.app(scope, counted, send_secure)
        except TooLarge as exc:
            await _plain(send_secure, 413, str(exc), path)


_HOST = re.compile(r"(?:(\[[0-9A-Fa-f:.]{2,45}\])|([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?))(?::\d{1,5})?")


def _hostname(host: str) -> str | None:
    """The host name of a Host header (lowercased, IPv6 in brackets), or None when the header is
    not ``name[:port]`` or ``[v6][:port]``: "localhost:8820@evil.com" and "[::1]evil.com" are refused."""
    m = _HOST.fullmatch(host)
    if not m:
        return None
    return (m.group(1) or m.group(2)).lower()


async def _plain(send: Send, status: int, message: str, path: str) -> None:
    import json

    if path.startswith("/api"):
        body, ctype = json.dumps({"detail": message}).encode(), b"application/json"
    else:
        body = (f"<!doctype html><meta charset=utf-8><title>{status}</title><h1>{status}</h1>"
                f"<p>{_esc(message)}</p>").encode()
        ctype = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _esc(s: str) -> str:
    from html import escape

    return escape(s)


# --- text helpers -------------------------------------------------------------------


def locate(text: str, evidence: str, hint: int) -> int | None:
    """Where ``evidence`` sits in the cleaned ``text``: the occurrence nearest ``hint``.

    Claims carry offsets into the raw document; the ledger keeps the cleaned
    text, so the offset is only a hint for which occurrence is meant.
    """
    if not evidence:
        return None
    found, i = [], text.find(evidence)
    while i >= 0:
        found.append(i)
        i = text.find(evidence, i + 1)
    if not found:
        return None
    return min(found, key=lambda p: abs(p - hint))


def figure_parts(evidence: str, figure_text: str) -> list[tuple[str, bool]]:
    """The evidence split so the figure as written can be highlighted: (text, is_figure) parts."""
    i = evidence.lower().find(figure_text.lower()) if figure_text else -1
    if i < 0:
        return [(evidence, False)]
    j = i + len(figure_text)
    return [p for p in ((evidence[:i], False), (evidence[i:j], True), (evidence[j:], False)) if p[0]]


def highlight(text: str, claims: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Cut the document text into plain and claim segments; returns (segments, claims not found).

    Overlapping evidence is clipped so each character is drawn once; every
    claim still gets its anchor at its start.
    """
    spans = []
    missing = []
    for c in claims:
        at = locate(text, c.get("evidence") or "", c.get("evidence_start", 0) or 0)
        if at is None:
            missing.append(c)
        else:
            spans.append((at, at + len(c["evidence"]), c))
    spans.sort(key=lambda s: (s[0], -s[1]))
    segs: list[dict[str, Any]] = []
    pos = 0
    for start, end, c in spans:
        if start >= pos:
            if start > pos:
                segs.append({"text": text[pos:start], "claim": None, "anchors": []})
            segs.append({"text": text[start:end], "claim": c, "anchors": [c["id"]]})
            pos = end
        else:  # inside the previous mark: add an anchor there, extend if it runs further
            segs[-1]["anchors"].append(c["id"])
            if end > pos:
                segs.append({"text": text[pos:end], "claim": c, "anchors": []})
                pos = end
    if pos < len(text):
        segs.append({"text": text[pos:], "claim": None, "anchors": []})
    return segs, missing


def headline_claims(title: str | None, missing: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Of the claims not found in the stored text, those the title makes ("Airstrike leaves dozens dead":
    a headline's claims are listed, counted by no event) apart from the ones truly not found; returns
    (the headline's, the rest)."""
    low = (title or "").lower()
    headline = [c for c in missing if low and (c.get("evidence") or "").strip().lower() in low
                and (c.get("evidence") or "").strip()]
    ids = {id(c) for c in headline}
    return headline, [c for c in missing if id(c) not in ids]


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None: ``javascript:`` and friends never become links."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def side_of(c: Claim) -> str:
    return sides.normal(c.victim_side) or ("attackers" if c.perpetrator else "unknown")


def side_label(side: str | None) -> str:
    """A side as a reader names it ("state forces", "non-state armed groups")."""
    return sides.LABELS.get(sides.normal(side) or "unknown", side or "unknown")


def timeline_points(events) -> tuple[dict[str, list[int]], int, int]:
    """Killed low / best / high summed per day, and how many events could not be drawn:
    undated ones, and those dated only to a month or year."""
    per_day: dict[str, list[int]] = {}
    undated = coarse = 0
    for e in events:
        est = e.casualties.get("killed", {}).get("all")
        if est is None or est.best is None:
            continue
        if not e.date:
            undated += 1
            continue
        if e.date_precision not in (None, "day"):
            coarse += 1
            continue
        acc = per_day.setdefault(e.date[:10], [0, 0, 0])
        acc[0] += est.low or 0
        acc[1] += est.best or 0
        acc[2] += est.high if est.high is not None else (est.best or 0)
    return per_day, undated, coarse


_PLACE_IN = re.compile(r"\b(?:in|near|at|outside|of)\s+(?:the\s+(?:town|city|village|district|province)\s+of\s+)?"
                       r"((?:[A-Z][\w'’-]+)(?:[\s-](?:al|el|ad|[A-Z][\w'’-]+)){0,3})")


def event_heading(ev, claims: list[Claim]) -> str:
    """The event page's title: its place; else the place its claims or summary name ("the town
    of Saraqib"); else its type; never "Unknown place" when the text names one."""
    if ev.place and ev.place.name:
        return ev.place.name
    named = [c.place for c in claims if c.place]
    if named:
        return max(set(named), key=named.count)
    for m in _PLACE_IN.finditer(ev.summary or ""):
        name = m.group(1)
        if name.split()[0] not in _NOT_PLACES:
            return name
    return (ev.type or "event").capitalize() + ", place not stated"


_NOT_PLACES = {"The", "A", "An", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
               "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December", "Human", "Rights", "State"}


def given_metadata(report: Report, *, title: str = "", outlet: str = "") -> None:
    """What the Add form says of a pasted text (its title, its outlet) wins over what the text
    seems to say of itself."""
    if title.strip():
        report.document["title"] = title.strip()[:500]
    if outlet.strip():
        report.document["site"] = outlet.strip()[:200]


# --- API parameters and bodies ------------------------------------------------------

def _date_query():  # one per parameter: FastAPI keeps each parameter's name on its Query object
    return Query(None, pattern=validate.DATE_PATTERN, description="ISO date, month or year (2016-05-06, 2016-05)")


KindParam = Literal[KINDS]  # type: ignore[valid-type]
StatusParam = Literal[STATUSES]  # type: ignore[valid-type]
ScopeParam = Literal[validate.SCOPES]  # type: ignore[valid-type]



class ExtractBody(BaseModel):
    """An article given in the request; the API never fetches (the Add page does, when asked)."""

    text: str = Field(min_length=1, pattern=r"\S", description="Article text or HTML")
    url: str | None = Field(default=None, description="Where the text came from (metadata only, never fetched)")
    published: str | None = Field(default=None, description="ISO publication date, the base for relative dates")


class CorrectionBody(BaseModel):
    """One correction (see ``warcount correct --help``): merge, split, reject, restore, set or set-event."""

    op: str = Field(default="", description="Taken from the path (merge | split | reject | restore | set | "
                                            "set-event)")
    target: str = Field(min_length=1, max_length=200, description="The event (merge, split, set-event) or claim")
    field: str | None = Field(default=None, description="set: kind, figure, source, status, side, date, place; "
                                                        "set-event: date, place, type")
    value: Any = Field(default=None, description="merge: the event merged into target; set/set-event: the value "
                                                 "(set-event place: a name or {name, country, latitude, longitude})")
    claims: list[str] = Field(default_factory=list, max_length=1000, description="split: the claims that leave")
    reason: str = Field(default="", max_length=2000, description="Why (kept in the log)")
    who: str | None = Field(default=None, max_length=200, description="Who (default: the config's who, else the "
                                                                      "server's user)")


class UndoBody(BaseModel):
    reason: str = Field(default="", max_length=2000)
    who: str | None = Field(default=None, max_length=200)


# --- the app ------------------------------------------------------------------------


#: documents extracted at once by one server process; more requests wait for a slot
EXTRACT_SLOTS = 2


def create_app(db_path: str | Path, options: Options | None = None, *, create: bool = True) -> FastAPI:
    """The FastAPI app over the ledger at ``db_path``; ``options.host`` decides the write rules.

    ``create=False`` (``warcount serve`` without ``--create``) refuses a path with no ledger.
    Extraction runs in worker threads, at most ``EXTRACT_SLOTS`` at once and each under the
    document budget (``doc_timeout``), so the event loop and the page handlers keep answering.
    """
    import threading

    options = options or Options(db=str(db_path))
    ledger = Ledger(db_path, create=create)
    slots = threading.BoundedSemaphore(EXTRACT_SLOTS)
    loopback = is_loopback(options.host)
    token = os.environ.get("WARCOUNT_TOKEN") or None
    # several worker processes sign forms with one shared key (``warcount serve --workers``)
    shared = os.environ.get("WARCOUNT_SECRET")
    secret = bytes.fromhex(shared) if shared else secrets.token_bytes(32)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["url_ok"] = safe_url
    env.globals["side_label"] = side_label
    env.globals["heading"] = lambda e: event_heading(e, [])

    # The ledger lives as long as the app, not one lifespan: test clients run many lifespans over one app.
    # ``app.state.ledger`` is there for whoever wants to close it.
    app = FastAPI(title="warcount", version="0.1", docs_url=None, redoc_url=None,
                  description="A source-attributed ledger of casualty claims. Field names are those of the "
                              "records' as_dict().")
    app.state.ledger = ledger
    app.add_middleware(Guard, limit=options.upload_limit, loopback=loopback)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    # -- security helpers ------------------------------------------------------------

    def sign(nonce: str) -> str:
        return hmac.new(secret, nonce.encode(), hashlib.sha256).hexdigest()[:32]

    def csrf_valid(value: str | None) -> bool:
        if not value or "." not in value:
            return False
        nonce, sig = value.split(".", 1)
        return hmac.compare_digest(sig, sign(nonce))

    def writes() -> tuple[bool, str]:
        """(enabled, why not) under the binding rules."""
        if loopback:
            return True, ""
        if not token:
            return False, "adding articles is disabled: the server listens beyond loopback and WARCOUNT_TOKEN is not set"
        return True, ""

    def check_origin(request: Request) -> None:
        """A POST must come from this origin when the browser says where it comes from."""
        own = f"{request.url.scheme}://{request.headers.get('host', '')}".lower()
        origin = request.headers.get("origin")
        if origin and origin.lower() != "null":
            if origin.lower().rstrip("/") != own:
                raise HTTPException(403, f"cross-origin POST refused (Origin {origin})")
            return
        if origin and origin.lower() == "null":
            raise HTTPException(403, "cross-origin POST refused (Origin null)")
        referer = request.headers.get("referer")
        if referer:
            p = urlsplit(referer)
            if f"{p.scheme}://{p.netloc}".lower() != own:
                raise HTTPException(403, "cross-origin POST refused (Referer from another site)")

    def check_write(request: Request, form_token: str | None = None) -> None:
        ok, why = writes()
        if not ok:
            raise HTTPException(403, why)
        if not loopback:
            given = request.headers.get(TOKEN_HEADER) or form_token or ""
            if not hmac.compare_digest(given.encode(), (token or "").encode()):
                raise HTTPException(403, "a valid WARCOUNT_TOKEN is required (header X-Warcount-Token "
                                         "or the form's token field)")

    def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        cookie = request.cookies.get(CSRF_COOKIE)
        fresh = not csrf_valid(cookie)
        if fresh:
            nonce = secrets.token_urlsafe(16)
            cookie = f"{nonce}.{sign(nonce)}"
        ok, why = writes()
        html = env.get_template(name).render(request=request, csrf=cookie, writes_ok=ok, writes_why=why,
                                             needs_token=not loopback, kinds=KINDS, statuses=STATUSES, **ctx)
        resp = HTMLResponse(html, status_code=status)
        if fresh:
            resp.set_cookie(CSRF_COOKIE, cookie, httponly=True, samesite="strict", path="/")
        return resp

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        message = exc.detail if isinstance(exc.detail, str) else "; ".join(
            d.get("msg", str(d)) if isinstance(d, dict) else str(d) for d in exc.detail)
        return render(request, "error.html", status=exc.status_code, status_code=exc.status_code, message=message)

    @app.exception_handler(TooLarge)
    async def _too_large(request: Request, exc: TooLarge) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": str(exc)}, status_code=413)
        return render(request, "error.html", status=413, status_code=413, message=str(exc))

    # -- pages -----------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, since: str = "", until: str = "", country: str = "", kind: str = "",
                    source: str = "", q: str = "", page: int = Query(1, ge=1, le=100000)) -> HTMLResponse:
        filters = dict(since=_date(since), until=_date(until, end=True), country=country or None,
                       kind=_valid(validate.check_kind, kind), source=source or None, search=q or None)
        total = ledger.count_events(**filters)
        rows = ledger.events(**filters, limit=PAGE, offset=(page - 1) * PAGE)
        everything = ledger.events(**filters, limit=5000)  # the timeline and the map draw the same events
        per_day, undated, coarse = timeline_points(everything)
        chart = timeline_svg([DayPoint(d, *v) for d, v in per_day.items()], undated=undated, coarse=coarse)
        return render(request, "events.html", events=rows, total=total, page=page, pages=max(1, -(-total // PAGE)),
                      f=dict(since=since, until=until, country=country, kind=kind, source=source, q=q),
                      stats=ledger.stats(), chart=chart, undated=undated, coarse=coarse,
                      worldmap=_events_map(everything), corrected=ledger.corrected_event_ids())

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> HTMLResponse:
        detail = ledger.event(event_id)
        if detail is None:
            raise HTTPException(404, f"no event {event_id!r}")
        ev = detail.event
        incident = [c for c in detail.claims if c.scope == "incident"]
        tallies = [c for c in detail.claims if c.scope != "incident"]
        flagged: dict[str, list[str]] = {}
        for kind, flags in (("conflict", detail.conflicts), ("revision", detail.revisions),
                            ("denial", detail.denials)):
            for fl in flags:
                for cid in fl["claims"]:
                    flagged.setdefault(cid, []).append(kind)
        charts = []
        for kind in KINDS:
            for side, est in sorted(ev.casualties.get(kind, {}).items()):
                if side == "all":
                    continue
                # parts ("including nine children") are inside a figure, not rival figures
                members = [c for c in incident if c.kind == kind and side_of(c) == side and not c.part_of]
                if not members:
                    continue
                rows = [RangeRow(c.source.name, c.low, c.high, c.status, f"#claim-{c.id}")
                        for c in members]
                charts.append({"kind": kind, "side": side, "estimate": est,
                               "svg": range_svg(rows, low=est.low, best=est.best, high=est.high,
                                                title=f"{kind}, {side}: figures by source")})
        rows = [{"c": c, "side": side_of(c), "parts": figure_parts(c.evidence, c.figure.text),
                 "flags": flagged.get(c.id, []), "reported_on": detail.reported_on.get(c.id)}
                for c in sorted(incident, key=lambda c: (KINDS.index(c.kind) if c.kind in KINDS else 99,
                                                         side_of(c), c.low))]
        tally_rows = [{"c": c, "side": side_of(c), "parts": figure_parts(c.evidence, c.figure.text),
                       "flags": flagged.get(c.id, []), "reported_on": detail.reported_on.get(c.id)} for c in tallies]
        return render(request, "event.html", d=detail, ev=ev, rows=rows, tally_rows=tally_rows, charts=charts,
                      heading=event_heading(ev, detail.claims), candidates=ledger.merge_candidates(ev.id))

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request, page: int = Query(1, ge=1, le=100000)) -> HTMLResponse:
        docs = ledger.documents(limit=PAGE, offset=(page - 1) * PAGE)
        return render(request, "documents.html", docs=docs, page=page, stats=ledger.stats())

    @app.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, document_id: str) -> HTMLResponse:
        doc = ledger.document(document_id)
        if doc is None:
            raise HTTPException(404, f"no document {document_id!r}")
        segs, missing = highlight(doc.get("text") or "", doc["claims"])
        headline, missing = headline_claims(doc.get("title"), missing)
        meta = doc["revision_list"][-1]["meta"] if doc["revision_list"] else {}
        return render(request, "document.html", doc=doc, segs=segs, missing=missing, headline=headline, meta=meta,
                      link=safe_url(doc.get("url")), side_label=side_label)

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request) -> HTMLResponse:
        sources = ledger.sources()
        figures: dict[str, list[Claim]] = {}
        for c in ledger.claims(limit=5000):
            figures.setdefault(c.source.name, []).append(c)
        return render(request, "sources.html", sources=sources, figures=figures)

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page(request: Request) -> HTMLResponse:
        return render(request, "add.html", limit=_size(options.upload_limit))

    def _form_checks(request: Request, csrf: str, token: str, page: str = "the page") -> None:
        """Every form POST: the Origin, the signed CSRF token against its cookie, the write token."""
        check_origin(request)
        cookie = request.cookies.get(CSRF_COOKIE)
        if not (csrf_valid(csrf) and cookie and hmac.compare_digest(csrf, cookie)):
            raise HTTPException(403, f"the form's CSRF token is missing or does not match: reload {page} "
                                     "and submit again")
        check_write(request, token)

    @app.post("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_submit(request: Request, csrf: str = Form(""), token: str = Form(""), text: str = Form(""),
                   url: str = Form(""), published: str = Form(""), title: str = Form(""), outlet: str = Form(""),
                   file: UploadFile | None = File(None)) -> HTMLResponse:
        _form_checks(request, csrf, token, page="the Add page")
        pub = _date(published.strip(), name="published", where="body") if published.strip() else None
        try:
            with slots:  # the same bound as the API's extractions
                reports = _read_inputs(text, url.strip(), file, pub, options)
            if text.strip():
                for item in reports:
                    if isinstance(item, Report):
                        given_metadata(item, title=title, outlet=outlet)
        except InputError as exc:
            return render(request, "result.html", status=400, error=str(exc), results=[])
        if not reports:
            return render(request, "result.html", status=400, results=[],
                          error="nothing to add: paste text, choose a file or give a URL")
        results = []
        for item in reports:
            if isinstance(item, InputError):
                results.append({"error": str(item)})
                continue
            added = ledger.add_report(item)
            results.append({"report": item, "added": added})
        return render(request, "result.html", results=results, error=None)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request) -> HTMLResponse:
        """The API reference rendered from our own OpenAPI schema: no CDN, works offline."""
        spec = app.openapi()
        ops = []
        for path, item in spec.get("paths", {}).items():
            for method, op in item.items():
                params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                           "schema": p.get("schema", {})} for p in op.get("parameters", [])]
                ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                            "description": op.get("description", ""), "params": params,
                            "body": "requestBody" in op, "responses": sorted(op.get("responses", {}))})
        return render(request, "docs.html", ops=ops, spec=spec)

    # -- JSON API --------------------------------------------------------------------

    @app.get("/api/events", summary="Events, newest first")
    def api_events(since: str | None = _date_query(), until: str | None = _date_query(), country: str | None = None,
                   kind: KindParam | None = None, source: str | None = None, q: str | None = None,
                   limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=10**9)
                   ) -> list[dict[str, Any]]:
        return [e.as_dict() for e in ledger.events(since=_date(since), until=_date(until, end=True), country=country,
                                                   kind=_valid(validate.check_kind, kind), source=source, search=q,
                                                   limit=limit, offset=offset)]

    @app.get("/api/events/{event_id}", summary="One event with its claims side by side", responses=NOT_FOUND)
    def api_event(event_id: str) -> dict[str, Any]:
        detail = ledger.event(event_id)
        if detail is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return detail.as_dict()

    @app.get("/api/claims", summary="Claims")
    def api_claims(event: str | None = None, document: str | None = None, kind: KindParam | None = None,
                   source: str | None = None, status: StatusParam | None = None, scope: ScopeParam | None = None,
                   q: str | None = None, limit: int = Query(100, ge=1, le=1000),
                   offset: int = Query(0, ge=0, le=10**9)) -> list[dict[str, Any]]:
        return [c.as_dict() for c in ledger.claims(event=event, document=document,
                                                   kind=_valid(validate.check_kind, kind), source=source,
                                                   status=_valid(validate.check_status, status),
                                                   scope=_valid(validate.check_scope, scope), search=q,
                                                   limit=limit, offset=offset)]

    @app.get("/api/documents", summary="Documents, oldest first")
    def api_documents(limit: int = Query(100, ge=1, le=1000),
                      offset: int = Query(0, ge=0, le=10**9)) -> list[dict[str, Any]]:
        return ledger.documents(limit=limit, offset=offset)

    @app.get("/api/documents/{document_id}", summary="One document with its text and claims", responses=NOT_FOUND)
    def api_document(document_id: str) -> dict[str, Any]:
        doc = ledger.document(document_id)
        if doc is None:
            raise HTTPException(404, f"no document {document_id!r}")
        return doc

    @app.get("/api/sources", summary="Sources and how their figures compare")
    def api_sources() -> list[dict[str, Any]]:
        return ledger.sources()

    api_post = {400: {"description": "Unreadable input or refused URL, or over a work limit (doc_timeout)"},
                403: {"description": "Cross-origin, or writes need a token"},
                413: {"description": "Body over the upload limit"},
                415: {"description": "Body is not JSON"}}

    def _bounded_extract(text: str, url: str | None, published: str | None) -> Report:
        """One extraction in a worker thread, at most ``EXTRACT_SLOTS`` at once, under ``doc_timeout``."""
        with slots:
            return extract(text, url=url, published=published, options=options)

    async def _api_report(request: Request, body: ExtractBody) -> Report:
        from starlette.concurrency import run_in_threadpool

        check_origin(request)
        check_write(request)  # extraction costs CPU: beyond loopback it needs the token too
        if "json" not in request.headers.get("content-type", ""):
            raise HTTPException(415, "send the body as application/json")
        published = _date(body.published, name="published", where="body") if body.published else None
        try:
            return await run_in_threadpool(_bounded_extract, body.text, body.url or None, published)
        except InputError as exc:
            raise HTTPException(400, str(exc)) from None

    @app.post("/api/extract", summary="Extract claims without writing to the ledger", responses=api_post)
    async def api_extract(request: Request, body: ExtractBody) -> dict[str, Any]:
        return (await _api_report(request, body)).as_dict()

    @app.post("/api/ingest", summary="Extract claims and add them to the ledger", responses=api_post)
    async def api_ingest(request: Request, body: ExtractBody) -> dict[str, Any]:
        from starlette.concurrency import run_in_threadpool

        report = await _api_report(request, body)
        added = await run_in_threadpool(ledger.add_report, report)
        return {"report": report.as_dict(), "result": added.as_dict()}

    # -- corrections (issue 16): same Origin, CSRF and token rules as adding articles ------------------

    def who_of(given: str | None) -> str:
        return (given or "").strip() or getattr(options, "who", None) or os.environ.get("USER") or "web"

    def _correct(body: CorrectionBody) -> dict[str, Any]:
        try:
            c = ledger.add_correction(body.op, body.target, body.field, body.value, who=who_of(body.who),
                                      reason=body.reason, claims=body.claims)
        except InputError as exc:
            raise HTTPException(400, str(exc)) from None
        return c.as_dict() | {"description": c.describe(), "event": ledger.current_event_id(c.target)
                              if c.op in ("merge", "split", "set-event") else None}

    def _api_write(request: Request) -> None:
        check_origin(request)
        if "json" not in request.headers.get("content-type", ""):
            raise HTTPException(415, "send the body as application/json")
        check_write(request)

    @app.get("/api/corrections", summary="Every correction, oldest first, with its state")
    def api_corrections() -> list[dict[str, Any]]:
        return [c.as_dict() | {"description": c.describe()} for c in ledger.corrections()]

    @app.post("/api/corrections/{op}", summary="Add a correction: merge, split, reject, restore, set or set-event",
              responses=api_post)
    def api_correct(request: Request, op: Literal["merge", "split", "reject", "restore", "set", "set-event"],
                    body: CorrectionBody) -> dict[str, Any]:
        _api_write(request)
        return _correct(body.model_copy(update={"op": op}))

    @app.post("/api/corrections/{number}/undo", summary="Undo a correction (it stays in the log)",
              responses=api_post | NOT_FOUND)
    def api_undo(request: Request, number: int, body: UndoBody) -> dict[str, Any]:
        _api_write(request)
        try:
            c = ledger.undo_correction(number, who=who_of(body.who), reason=body.reason)
        except InputError as exc:
            raise HTTPException(404 if "no such" in str(exc) else 400, str(exc)) from None
        return c.as_dict() | {"description": c.describe()}

    @app.get("/api/events/{event_id}/candidates", summary="Events that may be the same happening",
             responses=NOT_FOUND)
    def api_candidates(event_id: str) -> list[dict[str, Any]]:
        if ledger.event(event_id) is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return ledger.merge_candidates(event_id)

    @app.post("/events/{event_id}/correct", include_in_schema=False)
    async def event_correct(request: Request, event_id: str) -> Response:
        form = await request.form()
        text = {k: str(v) for k, v in form.items() if isinstance(v, str)}
        _form_checks(request, text.get("csrf", ""), text.get("token", ""))
        op = text.get("op", "")
        value: Any = (text.get("value") or text.get("other") or "").strip()
        if op == "merge":
            value = (text.get("other") or "").strip() or (text.get("candidate") or "").strip()
        if op == "set-event" and text.get("field") == "place":
            value = {"name": value, "country": text.get("country") or None,
                     "latitude": text.get("latitude") or None, "longitude": text.get("longitude") or None}
        target = event_id if op in ("merge", "split", "set-event") else text.get("claim", "")
        body = CorrectionBody(op=op, target=target or "?", field=text.get("field") or None, value=value,
                              claims=[str(v) for v in form.getlist("claims")], reason=text.get("reason", ""),
                              who=text.get("who") or None)
        out = _correct(body)
        dest = out.get("event") or ledger.current_event_id(event_id)
        if op == "split":
            dest = ledger.current_event_id(event_id)
        return Response(status_code=303, headers={"location": f"/events/{dest}#corrections"})

    @app.post("/corrections/{number}/undo", include_in_schema=False)
    async def undo_submit(request: Request, number: int) -> Response:
        form = await request.form()
        text = {k: str(v) for k, v in form.items() if isinstance(v, str)}
        _form_checks(request, text.get("csrf", ""), text.get("token", ""))
        try:
            c = ledger.undo_correction(number, who=who_of(text.get("who")), reason=text.get("reason", ""))
        except InputError as exc:
            raise HTTPException(400, str(exc)) from None
        back = text.get("back", "")
        dest = f"/events/{ledger.current_event_id(back)}#corrections" if back.startswith("ev-") else "/corrections"
        log.info("correction %d undone", c.id)
        return Response(status_code=303, headers={"location": dest})

    @app.get("/corrections", response_class=HTMLResponse, include_in_schema=False)
    def corrections_page(request: Request) -> HTMLResponse:
        return render(request, "corrections.html", corrections=ledger.corrections())

    return app


def _unprocessable(where: str, name: str, msg: str) -> HTTPException:
    """A 422 shaped like FastAPI's own validation errors (the OpenAPI ``HTTPValidationError``)."""
    return HTTPException(422, [{"loc": [where, name], "msg": msg, "type": "value_error"}])


def _date(value: str | None, *, end: bool = False, name: str = "since", where: str = "query") -> str | None:
    """A date filter or field as ISO ("2016-5-1" -> "2016-05-01"); 422 for anything else."""
    if not value:
        return None
    try:
        return validate.parse_date(value, end=end, clamp=where == "query")
    except ValueError as exc:
        raise _unprocessable(where, "until" if end else name, str(exc)) from None


def _valid(check, value: str | None) -> str | None:
    try:
        return check(value)
    except ValueError as exc:
        raise _unprocessable("query", check.__name__.removeprefix("check_"), str(exc)) from None


def _events_map(events: list[Any]) -> str:
    """The events page's map: every filtered event with coordinates, sized by its best killed figure."""
    points = []
    for e in events:
        p = e.place
        if p is None or p.latitude is None or p.longitude is None:
            continue
        est = e.casualties.get("killed", {}).get("all")
        points.append(MapPoint(p.name, p.latitude, p.longitude, est.best if est else None, f"/events/{e.id}",
                               e.date))
    return map_svg(points)


def _read_inputs(text: str, url: str, file: UploadFile | None, published: str | None, options: Options
                 ) -> list[Report | InputError]:
    """Reports for what the Add form or API was given: pasted text, an uploaded file, or a URL to fetch."""
    from ..pipeline import process
    from ..read import fetch, read_path

    out: list[Report | InputError] = []
    if text.strip():
        out.append(extract(text, url=url or None, published=published, options=options))
        return out
    if file is not None and file.filename:
        data = file.file.read(options.upload_limit + 1)
        if len(data) > options.upload_limit:
            raise TooLarge(options.upload_limit)
        name = Path(file.filename).name or "upload.txt"
        suffix = "".join(Path(name).suffixes[-2:]) or ".txt"
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / ("upload" + suffix)
            path.write_bytes(data)
            for item in read_path(str(path), options):
                if isinstance(item, InputError):
                    out.append(InputError(f"upload:{name}", item.problem))
                    continue
                origin = item.origin.replace(str(path), f"upload:{name}")
                doc = dataclasses.replace(item, origin=origin, published=item.published or published)
                out.append(process(doc, options))
        return out
    if url:
        doc = fetch(url, options)
        if published and not doc.published:
            doc = dataclasses.replace(doc, published=published)
        out.append(process(doc, options))
    return out


def app_from_env() -> FastAPI:
    """The app for each worker process of ``warcount serve --workers N`` (uvicorn's factory):
    the ledger path and the bind address come from WARCOUNT_DB and WARCOUNT_SERVE_HOST."""
    from ..config import load_options

    options = load_options(os.environ.get("WARCOUNT_CONFIG"), db=os.environ["WARCOUNT_DB"],
                           host=os.environ.get("WARCOUNT_SERVE_HOST"),
                           doc_timeout=float(os.environ["WARCOUNT_DOC_TIMEOUT"])
                           if os.environ.get("WARCOUNT_DOC_TIMEOUT") else None)
    return create_app(options.db, options, create=os.environ.get("WARCOUNT_SERVE_CREATE") == "1")
