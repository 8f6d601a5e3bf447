"""Ledger commands: ingest, events, event, claims, sources, export.

Thin on purpose: each command opens the ledger, calls one library function
and prints; the work is in ``store``, ``reconcile`` and ``export``.
"""
from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..config import load_options
from ..errors import InputError, LedgerError, WarcountError
from ..model import KINDS, STATUSES, Claim, Estimate, Event, Report
from .common import (config_option, console, date_callback, db_option, doc_timeout_option, echo_json, err_console,
                     format_option, warn)

log = logging.getLogger(__name__)


def _ledger(db: str | None, config: str | None = None, *, create: bool = False, **overrides):
    """The ledger (only ``ingest`` creates one) and the options."""
    from ..store import Ledger

    options = load_options(config, db=db, **overrides)
    return Ledger(options.db, create=create), options


# --- ingest ----------------------------------------------------------------------------


def _is_report_jsonl(path: Path) -> bool:
    """A warcount JSONL export (report lines), which ingest adds as is, without extracting again."""
    if path.suffix.lower() != ".jsonl" or not path.is_file():
        return False
    try:
        with path.open(encoding="utf-8-sig") as fh:
            for line in fh:
                if line.strip():
                    first = json.loads(line)
                    return isinstance(first, dict) and "document" in first and "claims" in first
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return False
    return False


def _reports(inputs: tuple[str, ...], options) -> Iterator[tuple[str, Report | WarcountError | dict]]:
    """(origin, report or error) for every document of every input, in order."""
    from ..store import report_from_dict

    for item in inputs:
        path = Path(item)
        if item != "-" and _is_report_jsonl(path):
            with path.open(encoding="utf-8-sig") as fh:
                for lineno, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    where = f"{item}:{lineno}"
                    try:
                        obj = json.loads(line)
                        if isinstance(obj, dict) and isinstance(obj.get("correction"), dict):
                            yield where, obj["correction"]  # an analyst's correction, added as it was
                            continue
                        yield where, report_from_dict(obj)
                    except RecursionError:
                        yield where, InputError(where, "not a warcount report line (JSON nested too deeply)")
                    except (ValueError, KeyError, TypeError, AttributeError) as exc:
                        msg = " ".join(str(exc).split())[:200]
                        yield where, InputError(where, f"not a warcount report line ({type(exc).__name__}: {msg})")
            continue
        from ..pipeline import process
        from ..read import iter_documents

        for doc in iter_documents([item], options):
            if isinstance(doc, InputError):
                yield doc.source, doc
                continue
            try:
                yield doc.origin, process(doc, options)
            except WarcountError as exc:
                yield doc.origin, exc
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
                log.debug("extracting %s failed", doc.origin, exc_info=True)
                yield doc.origin, InputError(doc.origin, f"extraction failed: {type(exc).__name__}: {exc}")


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@db_option
@config_option
@doc_timeout_option
def ingest(inputs: tuple[str, ...], db: str | None, config: str | None, doc_timeout: float | None) -> None:
    """Add documents to the ledger: files, folders, JSONL (warcount exports too), or - for stdin.

    Creates the ledger file when it does not exist (its folder must). A bad
    document is reported in one line and the batch goes on; the exit code is
    then 1. Each document is one transaction.
    """
    ledger, options = _ledger(db, config, create=True, doc_timeout=doc_timeout)
    if options.gazetteer:
        from .. import places

        places.use_gazetteer(options.gazetteer)
    totals = {"new": 0, "revision": 0, "unchanged": 0, "claims": 0, "superseded": 0, "events": 0, "merged": 0,
              "bad": 0, "corrections": 0}
    progress = Progress(SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[current]}"), TimeElapsedColumn(), console=err_console,
                        transient=True, disable=not err_console.is_terminal)
    with ledger, progress:
        before = {c.id for c in ledger.corrections() if c.state == "orphaned"}
        task = progress.add_task("ingest", total=None, current="")
        for origin, item in _reports(inputs, options):
            progress.update(task, advance=1, current=str(origin)[-50:])
            if isinstance(item, LedgerError):
                raise item
            if isinstance(item, WarcountError):
                totals["bad"] += 1
                warn(str(item))
                continue
            if isinstance(item, dict):
                try:
                    totals["corrections"] += ledger.import_correction(item)
                except InputError as exc:
                    totals["bad"] += 1
                    warn(f"{origin}: {exc}")
                continue
            res = ledger.add_report(item)
            totals[res.status] += 1
            totals["claims"] += res.claims_added
            totals["superseded"] += res.claims_superseded
            totals["events"] += res.events_added
            totals["merged"] += res.events_merged
        # corrections this ingest left without their claims: reported, never silently lost
        lost = [c for c in ledger.corrections() if c.state == "orphaned" and c.id not in before]
    done = totals["new"] + totals["revision"] + totals["unchanged"]
    click.echo(
        f"documents: {totals['new']} new, {totals['revision']} revised, {totals['unchanged']} unchanged; "
        f"claims: {totals['claims']} added, {totals['superseded']} superseded; "
        f"events: {totals['events']} added, {totals['merged']} merged into existing; bad: {totals['bad']}"
        + (f"; corrections: {totals['corrections']} added" if totals["corrections"] else ""), err=True)
    for c in lost:
        click.echo(f"warcount: note: correction {c.id} ({c.describe()}) no longer applies: {c.detail} "
                   "(see warcount correct log)", err=True)
    if totals["bad"]:
        sys.exit(1 if done else 3)


# --- views -------------------------------------------------------------------------------


def _range(e: Estimate | None) -> str:
    if e is None or e.best is None:
        return ""
    high = f"{e.high}+" if e.high_open else str(e.high)
    return str(e.best) if e.low == e.best == e.high else f"{e.low}–{e.best}–{high}"


def _place(ev: Event) -> str:
    p = ev.place
    if not p:
        return ""
    bits = [p.name] + [x for x in (p.admin1, p.country) if x and x != p.name]
    return ", ".join(bits)


@click.command()
@db_option
@click.option("--since", metavar="DATE", callback=date_callback, help="Events on or after this ISO date.")
@click.option("--until", metavar="DATE", callback=date_callback, help="Events on or before this ISO date.")
@click.option("--country", help="Events in this country.")
@click.option("--kind", type=click.Choice(KINDS), help="Events with a claim of this kind.")
@click.option("--source", help="Events with a claim from a source whose name contains this.")
@click.option("--search", help="Words in the summary, place, actors, victims or evidence.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@format_option(["table", "json", "jsonl"], "table")
def events(db: str | None, since, until, country, kind, source, search, limit: int, offset: int, fmt: str) -> None:
    """List the ledger's events with low–best–high per kind (all sides)."""
    ledger, _ = _ledger(db)
    with ledger:
        rows = ledger.events(since=since, until=until, country=country, kind=kind, source=source, search=search,
                             limit=limit, offset=offset)
        corrected = ledger.corrected_event_ids()
    if fmt in ("json", "jsonl"):
        # "corrected": an analyst's correction changed this event (the web list flags it the same way)
        dicts = [e.as_dict() | {"corrected": e.id in corrected} for e in rows]
        if fmt == "json":
            echo_json(dicts)
        else:
            for d in dicts:
                echo_json(d, lines=True)
        return
    marked = any(e.id in corrected for e in rows)
    table = Table(title=f"{len(rows)} event(s)",
                  caption="* changed by an analyst's correction (warcount correct log)" if marked else None)
    for col in ("id", "date", "type", "place", "killed", "wounded", "other", "claims"):
        table.add_column(col, overflow="fold", no_wrap=col in ("id", "date"))
    for e in rows:
        other = "; ".join(f"{k} {_range(s.get('all') or next(iter(s.values())))}" for k, s in e.casualties.items()
                          if k not in ("killed", "wounded") and _range(s.get("all") or next(iter(s.values()))))
        table.add_row(e.id + (" *" if e.id in corrected else ""), e.date or "?", e.type, _place(e),
                      _range(e.casualties.get("killed", {}).get("all")),
                      _range(e.casualties.get("wounded", {}).get("all")), other, str(len(e.claims)))
    console.print(table)


def _figure(c: Claim) -> str:
    f = c.figure
    if f.high is None:
        return f"{f.low}+"
    return str(f.low) if f.low == f.high else f"{f.low}–{f.high}"


@click.command()
@click.argument("event_id")
@db_option
@format_option(["table", "json"], "table")
def event(event_id: str, db: str | None, fmt: str) -> None:
    """Show one event: every source's figures side by side, then the estimates and what disagrees."""
    ledger, _ = _ledger(db)
    with ledger:
        detail = ledger.event(event_id)
        if detail is None:
            hits = ledger.resolve("events", event_id)
            if len(hits) > 1:
                raise WarcountError(f"event id {event_id!r} is ambiguous: {', '.join(hits[:5])}")
            raise WarcountError(f"no event {event_id!r} in the ledger")
        tallies = [c for doc in detail.documents for c in ledger.claims(document=doc["id"], scope="cumulative",
                                                                          limit=None)]
    if fmt == "json":
        echo_json(detail.as_dict() | {"cumulative": [c.as_dict() for c in tallies]})
        return
    ev = detail.event
    console.print(f"[bold]{ev.id}[/bold]  {ev.type}  {ev.date or '?'} ({ev.date_precision or '?'})  {_place(ev)}"
                  + (f"  [{ev.place.precision}{': ' + ev.place.relation if ev.place and ev.place.relation else ''}]"
                     if ev.place else ""))
    if ev.actors:
        console.print("actors: " + ", ".join(ev.actors))
    if ev.summary:
        console.print(ev.summary)
    by_id = {c.id: c for c in detail.claims}
    claims = Table(title="Claims, side by side")
    for col in ("kind", "side", "source", "figure", "status", "scope", "reported", "evidence", "id"):
        claims.add_column(col, overflow="fold")
    order = sorted(detail.claims, key=lambda c: (c.kind, c.victim_side or "", -c.figure.low))
    for c in order:
        flag = " (part)" if c.part_of else ""
        claims.add_row(c.kind, c.victim_side or "unknown", c.source.name, _figure(c) + flag, c.status, c.scope,
                       detail.reported_on.get(c.id) or "", c.evidence, c.id)
    console.print(claims)

    def who(ids: list[str]) -> str:
        return ", ".join(sorted({by_id[i].source.name for i in ids if i in by_id}))

    est = Table(title="Estimates (low: lowest firm figure; high: highest figure; best: see rule)")
    for col in ("kind", "side", "low", "best", "high", "low from", "best from", "high from", "rule"):
        est.add_column(col, overflow="fold")
    for kind, sides in ev.casualties.items():
        for side, e in sides.items():
            est.add_row(kind, side, str(e.low if e.low is not None else ""), str(e.best if e.best is not None else ""),
                        (f"{e.high}+" if e.high_open else str(e.high if e.high is not None else "")),
                        who(e.low_claims), who(e.best_claims), who(e.high_claims), e.rule)
    console.print(est)
    for label, flags in (("Conflicts", detail.conflicts), ("Revisions", detail.revisions),
                         ("Denials", detail.denials)):
        if flags:
            console.print(f"[bold]{label}[/bold]")
            for f in flags:
                console.print(f"  {f['kind']} / {f['side']}: {f['detail']}")
    if tallies:
        console.print("[bold]Cumulative tallies in the same documents (outside the event)[/bold]")
        for c in tallies:
            console.print(f"  {c.kind} {_figure(c)} ({c.source.name}, {c.status}): {c.evidence}")
    if detail.merges:
        console.print("[bold]Merged from other documents[/bold]")
        for m in detail.merges:
            console.print(f"  {m['document_id']}: {m['reason']}")
    console.print("documents: " + "; ".join(d.get("title") or d.get("url") or d["origin"] or d["id"]
                                            for d in detail.documents))
    if detail.suggestions:
        console.print("[bold]Possibly the same event[/bold] (scored below the merge line)")
        for s in detail.suggestions:
            what = s["event_id"] or f"document {s['document_id']}"
            console.print(f"  {what} (score {s['score']:.2f}{', kept apart: ' + s['separated'] if s['separated'] else ''})"
                          f": {s['reason']}")
    _print_corrections(detail)


def _print_corrections(detail) -> None:
    """The analyst's corrections of this event: the machine's value beside each corrected one."""
    m = detail.machine or {}
    for name, v in (m.get("event") or {}).items():
        console.print(f"corrected {name}: {v['corrected']} (machine: {v['machine']})")
    if m.get("merged_from"):
        console.print("merged by an analyst from: " + ", ".join(m["merged_from"]))
    for cid, fields in (m.get("claims") or {}).items():
        console.print(f"claim {cid}: " + "; ".join(f"{k} {v['corrected']} (machine: {v['machine']})"
                                                   for k, v in fields.items()))
    for c in detail.rejected:
        console.print(f"rejected: {c.kind} {_figure(c)} ({c.source.name}): {c.evidence}")
    if detail.corrections:
        console.print("[bold]Corrections[/bold]")
        for c in detail.corrections:
            console.print(f"  {c['id']}. {c['description']} [{c['state']}] by {c['who']} {c['at'][:10]}: {c['reason']}"
                          + (f" ({c['detail']})" if c["detail"] else ""))


@click.command()
@db_option
@click.option("--event", "event_id", help="Claims of this event.")
@click.option("--document", help="Claims of this document.")
@click.option("--kind", type=click.Choice(KINDS), help="Claims of this kind.")
@click.option("--source", help="Source name contains this.")
@click.option("--status", type=click.Choice(STATUSES), help="Claims with this status.")
@click.option("--scope", type=click.Choice(["incident", "cumulative"]))
@click.option("--search", help="Words in the evidence or victim.")
@click.option("--all", "include_superseded", is_flag=True, help="Also claims a newer revision dropped.")
@click.option("--rejected", "include_rejected", is_flag=True, help="Also claims an analyst rejected.")
@click.option("--machine", is_flag=True, help="The machine's reading, without the analysts' corrections.")
@click.option("--limit", type=click.IntRange(min=1), default=200, show_default=True)
@format_option(["table", "json", "jsonl"], "table")
def claims(db, event_id, document, kind, source, status, scope, search, include_superseded, include_rejected,
           machine, limit, fmt) -> None:
    """List the ledger's claims (corrected; --machine for what the machine read)."""
    ledger, _ = _ledger(db)
    with ledger:
        rows = ledger.claims(event=event_id, document=document, kind=kind, source=source, status=status,
                             scope=scope, search=search, include_superseded=include_superseded, limit=limit,
                             include_rejected=include_rejected, machine=machine)
    if fmt == "json":
        echo_json([c.as_dict() for c in rows])
        return
    if fmt == "jsonl":
        for c in rows:
            echo_json(c.as_dict(), lines=True)
        return
    table = Table(title=f"{len(rows)} claim(s)")
    for col in ("id", "event", "kind", "figure", "side", "source", "status", "scope", "evidence"):
        table.add_column(col, overflow="fold")
    for c in rows:
        table.add_row(c.id, c.event_id or "", c.kind, _figure(c), c.victim_side or "", c.source.name, c.status,
                      c.scope, c.evidence)
    console.print(table)


@click.command()
@db_option
@format_option(["table", "json"], "table")
def sources(db: str | None, fmt: str) -> None:
    """List sources: figures given, events, and how often theirs was the highest or lowest figure."""
    ledger, _ = _ledger(db)
    with ledger:
        rows = ledger.sources()
    if fmt == "json":
        echo_json(rows)
        return
    table = Table(title=f"{len(rows)} source(s)")
    for col in ("source", "kind", "figures", "events", "highest", "lowest"):
        table.add_column(col)
    for s in rows:
        table.add_row(s["name"], s["kind"] or "", str(s["figures"]), str(s["events"]), str(s["highest"]),
                      str(s["lowest"]))
    console.print(table)


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "acled", "ucdp"]), required=True,
              help="jsonl (re-ingestible), csv, acled or ucdp (one row per event).")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write here (default: standard output).")
def export(db: str | None, fmt: str, out: str | None) -> None:
    """Export the ledger as JSONL, CSV, ACLED or UCDP GED columns."""
    from ..export import export as run_export

    if out and not Path(out).resolve().parent.is_dir():
        raise click.BadParameter(f"{out}: the folder {str(Path(out).parent)!r} does not exist", param_hint="--out")
    ledger, _ = _ledger(db)
    with ledger:
        if out:
            tmp = Path(out).with_name(Path(out).name + ".part")
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                n = run_export(ledger, fmt, fh, bom=fmt != "jsonl")
            tmp.replace(out)  # a failed export never leaves half a file under the asked name
        else:
            n = run_export(ledger, fmt, sys.stdout)
    click.echo(f"exported {n} {'line' if fmt == 'jsonl' else 'row'}(s) as {fmt}", err=True)

