"""``warcount extract`` and ``warcount demo``: claims of documents, without a ledger."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import click
from rich.table import Table

from ..config import load_options
from ..errors import InputError
from ..model import Claim, Document, Report
from .common import config_option, console, date_callback, doc_timeout_option, warn


def _figure(c: Claim) -> str:
    f = c.figure
    if f.high is None:
        return f"{f.low}+"
    return str(f.low) if f.low == f.high else f"{f.low}-{f.high}"


def claims_table(report: Report, title: str) -> Table:
    table = Table(title=title, show_lines=False, expand=True)
    for col, kw in (("figure", {"justify": "right", "no_wrap": True}), ("kind", {"no_wrap": True}),
                    ("victims", {"max_width": 24}), ("source", {"max_width": 22}), ("status", {"no_wrap": True}),
                    ("scope", {"no_wrap": True}), ("date", {"no_wrap": True}), ("evidence", {"ratio": 1})):
        table.add_column(col, **kw)
    for c in report.claims:
        note = " (part)" if c.part_of else (" (sum)" if c.sum_of else "")
        table.add_row(_figure(c) + note, c.kind, _esc(c.victim), _esc(c.source.name), c.status, c.scope,
                      c.event_date or "", _esc(c.evidence))
    return table


def _esc(text: str) -> str:
    from rich.markup import escape

    return escape(text or "")


def events_view(report: Report) -> list[Table]:
    """One table per event: its sources side by side per kind and side, then its estimate."""
    by_id = {c.id: c for c in report.claims}
    out = []
    for ev in report.events:
        place = ev.place.name if ev.place else "?"
        where = ", ".join(x for x in (place, ev.place.admin1 if ev.place else None,
                                      ev.place.country if ev.place else None) if x)
        when = (ev.date or "date unknown")[:7] if ev.date_precision == "month" else (ev.date or "date unknown")
        t = Table(title=f"Event {ev.id}: {ev.type}, {when}, {where}", expand=True)
        for col in ("kind", "side", "source", "figure", "status", "evidence"):
            t.add_column(col, ratio=1 if col == "evidence" else None)
        members = [by_id[i] for i in ev.claims if i in by_id]
        members.sort(key=lambda c: (c.kind, c.victim_side or "", -c.figure.low))
        for c in members:
            tag = " (part)" if c.part_of else ""
            t.add_row(c.kind, c.victim_side or "", _esc(c.source.name), _figure(c) + tag, c.status, _esc(c.evidence))
        for kind, sides in ev.casualties.items():
            for side, est in sides.items():
                if est.best is None:
                    continue
                hi = f"{est.high}+" if getattr(est, "high_open", False) else str(est.high)
                t.add_row(f"[bold]{kind}[/]", f"[bold]{side}[/]", "[bold]estimate[/]",
                          f"[bold]{est.low} / {est.best} / {hi}[/]", "low/best/high", _esc(est.rule))
        out.append(t)
    cumulative = [c for c in report.claims if c.scope == "cumulative"]
    if cumulative:
        t = Table(title="Cumulative tallies (outside any event)", expand=True)
        for col in ("kind", "source", "figure", "status", "evidence"):
            t.add_column(col, ratio=1 if col == "evidence" else None)
        for c in cumulative:
            t.add_row(c.kind, _esc(c.source.name), _figure(c), c.status, _esc(c.evidence))
        out.append(t)
    return out


def account_view(report: Report) -> list[Table]:
    """The document's account of its main event (account.py) beside what the estimate took:
    each figure with the mentions and claims it counted, so a count shows why it is what it is."""
    by_claim = {c.id: c for c in report.claims}
    out = []
    for ev in report.events:
        acc = ev.account
        if acc is None or not getattr(acc, "figures", None):
            continue
        by_mention = {m.id: m for m in acc.mentions}
        t = Table(title=f"Account of event {ev.id} (people counted once; figures bound them)", expand=True)
        for col, ratio in (("kind/side", None), ("account", None), ("estimate took", 2), ("counted", 3)):
            t.add_column(col, ratio=ratio)
        for kind, sides in acc.figures.items():
            for side, fig in sides.items():
                est = ev.casualties.get(kind, {}).get(side)
                took = f"{est.best}: {est.rule}" if est is not None and est.best is not None else "-"
                why = [fig.rule] + [f"{by_mention[i].outcome}: {by_mention[i].evidence}" for i in fig.mentions
                                    if i in by_mention][:6]
                why += [f"claim: {by_claim[i].evidence}" for i in fig.claims if i in by_claim][:3]
                t.add_row(f"{kind}/{side}", str(fig.count), _esc(took), _esc(" | ".join(why)))
        out.append(t)
    return out


def _documents(inputs: tuple[str, ...], options) -> Iterator[Document | InputError]:
    from ..read import iter_documents

    yield from iter_documents(list(inputs), options)


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True,
              help="table: one table per document; json: one report object per document; jsonl: one line per record.")
@click.option("--jsonl", "as_batch", is_flag=True,
              help='Treat inputs as JSONL batches; print one line {"id","document","claims","events"} per record.')
@click.option("--published", default=None, metavar="DATE", callback=date_callback,
              help="Publication date (ISO) for relative dates.")
@config_option
@doc_timeout_option
def extract(inputs: tuple[str, ...], fmt: str, as_batch: bool, published: str | None, config: str | None,
            doc_timeout: float | None = None) -> None:
    """Find casualty claims in FILE... (text, HTML, .gz, JSONL, URLs, - for stdin).

    A bad input or record is reported on one line and the rest go on; the exit
    code is 1 when some were bad, 3 when none could be read.
    """
    from ..pipeline import process

    options = load_options(config, doc_timeout=doc_timeout)
    if as_batch:
        fmt = "jsonl"
    good = bad = 0
    for item in _documents(inputs, options):
        if isinstance(item, InputError):
            bad += 1
            warn(str(item))
            continue
        if published and not item.published:
            item.published = published
        try:
            report = process(item, options)
        except InputError as exc:
            bad += 1
            warn(str(exc))
            continue
        except (RecursionError, MemoryError, ValueError, OverflowError) as exc:  # one record must not end the batch
            bad += 1
            warn(f"{item.origin}: extraction failed ({type(exc).__name__})")
            continue
        good += 1
        if fmt == "jsonl":
            d = report.as_dict()
            sys.stdout.write(json.dumps({"id": item.record_id or item.origin, **d}, ensure_ascii=False) + "\n")
        elif fmt == "json":
            sys.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            title = report.document.get("title") or item.origin
            console.print(claims_table(report, f"{_esc(title)} ({item.origin}): {len(report.claims)} claims"))
            for table in account_view(report):
                console.print(table)
            if not report.claims and not any(ev.account for ev in report.events):
                console.print("no casualty figures found")
    if bad and not good:
        sys.exit(3)
    if bad:
        sys.exit(1)


@click.command()
@click.argument("path", type=click.Path(dir_okay=False), metavar="FILE")
def demo(path: str) -> None:
    """Run the whole pipeline on FILE and show each view: claims, events side by side, then the
    cleaned document's metadata and a summary of its text."""
    from ..pipeline import process
    from ..read import read_content

    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    report = process(read_content(data, origin=path))
    meta = report.document
    console.rule("[bold]1. Every casualty claim, with its source and status")
    console.print(claims_table(report, f"{len(report.claims)} claims"))
    console.rule("[bold]2. Events: the sources side by side, low / best / high")
    for t in events_view(report):
        console.print(t)
    console.rule("[bold]3. The document, cleaned")
    for key in ("title", "author", "byline_conflict", "published", "published_note", "site", "encoding", "words"):
        console.print(f"[bold]{key:>16}[/]: {_esc(str(meta.get(key)))}")
    console.print(f"[bold]{'removed':>16}[/]: {len(meta['removed'])} pieces of page furniture")
    for r in meta["removed"]:
        console.print(f"{'':>18}- {_esc(r)}")
    text = report.cleaned.text if report.cleaned else ""
    paras = [p for p in text.split("\n\n") if p.strip()]
    console.print(f"[bold]{'text':>16}[/]: {len(paras)} paragraphs, {len(text.split())} words; "
                  f"begins: {_esc(text[:160])}...")
