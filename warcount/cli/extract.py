"""``warcount extract`` and ``warcount demo``: claims of documents, without a ledger."""
from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator

from typing import TYPE_CHECKING

import click

from .. import sides

from ..config import load_options
from ..errors import InputError
from ..model import Claim, Document, Report
from .common import config_option, console, date_callback, doc_timeout_option, warn

if TYPE_CHECKING:
    from rich.console import Group, RenderableType

# rich (the table views) is imported by the functions that draw: ``extract --format jsonl`` and the
# batch paths never import it (issue 15: a process loads only what the run uses)


def _figure(c: Claim) -> str:
    f = c.figure
    if f.high is None:
        return f"{f.low}+"
    return str(f.low) if f.low == f.high else f"{f.low}-{f.high}"


def _label(side: str | None) -> str:
    return sides.LABELS.get(sides.normal(side) or "unknown", side or "unknown")


def _claim_block(n: int, c: Claim) -> Group:
    """One claim as a block that reads at any width: the figure line, the source line, then the
    evidence on its own indented lines (never cut, whatever the width)."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    note = " (part)" if c.part_of else (" (sum)" if c.sum_of else "")
    head = Text.assemble((f"{n:>3}. ", "dim"), (f"{c.kind} {_figure(c)}{note}", "bold"), f" {c.victim or ''}",
                         (f"  [{_label(c.victim_side)}]", "cyan"), (f"  {c.status}", "magenta"))
    src = c.source.name + (f" ({c.source.kind})" if c.source.kind not in ("unattributed",) else "")
    meta = Padding(Text.assemble(("source: ", "dim"), src, ("  scope: ", "dim"), c.scope,
                                 ("  date: ", "dim"), c.event_date or "not stated"), (0, 0, 0, 5))
    evidence = Padding(Text(f"“{c.evidence}”", style="italic"), (0, 0, 0, 5))
    return Group(Padding(head, (0, 0, 0, 0)), meta, evidence)


def claims_view(report: Report, title: str) -> list[RenderableType]:
    """Every claim of a report, one block each (issue 14: readable at 80 and 120 columns)."""
    from rich.text import Text

    out: list[RenderableType] = [Text(title, style="bold underline")]
    for n, c in enumerate(report.claims, 1):
        out.append(_claim_block(n, c))
    return out


def claims_table(report: Report, title: str) -> Group:
    """Kept for callers of the old name: the claims as blocks."""
    from rich.console import Group

    return Group(*claims_view(report, title))


def _esc(text: str) -> str:
    from rich.markup import escape

    return escape(text or "")


def events_view(report: Report) -> list[RenderableType]:
    """Each event: a heading, its sources side by side (one line per figure, the evidence on
    the next), then the low / best / high estimate per kind and side with the rule behind it."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    by_id = {c.id: c for c in report.claims}
    out: list[RenderableType] = []
    for ev in report.events:
        place = ev.place.name if ev.place else "place unknown"
        where = ", ".join(x for x in (place, ev.place.admin1 if ev.place else None,
                                      ev.place.country if ev.place else None) if x)
        when = (ev.date or "date unknown")[:7] if ev.date_precision == "month" else (ev.date or "date unknown")
        out.append(Text(f"Event {ev.id}: {ev.type}, {when}, {where}", style="bold underline"))
        members = [by_id[i] for i in ev.claims if i in by_id]
        members.sort(key=lambda c: (c.kind, sides.normal(c.victim_side) or "", -c.figure.low))
        for c in members:
            tag = " (part)" if c.part_of else ""
            out.append(Group(
                Text.assemble(f"  {c.kind:<8} ", (f"{_label(c.victim_side):<24}", "cyan"),
                              (f" {_figure(c) + tag:<10}", "bold"), (f" {c.status}", "magenta")),
                Padding(Text.assemble(("source: ", "dim"), c.source.name), (0, 0, 0, 11)),
                Padding(Text(f"“{c.evidence}”", style="italic dim"), (0, 0, 0, 11))))
        for kind, by_side in ev.casualties.items():
            for side, est in by_side.items():
                if est.best is None:
                    continue
                hi = f"{est.high}+" if getattr(est, "high_open", False) else str(est.high)
                out.append(Group(
                    Text.assemble(f"  {kind:<8} ", (f"{_label(side):<24}", "cyan bold"),
                                  (f" {est.low} / {est.best} / {hi}", "bold"), ("  low / best / high", "dim")),
                    Padding(Text(est.rule, style="dim"), (0, 0, 0, 11))))
    cumulative = [c for c in report.claims if c.scope == "cumulative"]
    if cumulative:
        out.append(Text("Cumulative tallies (outside any event)", style="bold underline"))
        for c in cumulative:
            out.append(Group(
                Text.assemble(f"  {c.kind:<8} ", (f"{_figure(c):<10}", "bold"), f" {c.source.name}",
                              (f"  {c.status}", "magenta")),
                Padding(Text(f"“{c.evidence}”", style="italic dim"), (0, 0, 0, 11))))
    return out


def account_view(report: Report) -> list[RenderableType]:
    """The document's account of its main event (account.py) beside what the estimate took:
    each figure with the mentions and claims it counted, so a count shows why it is what it is.
    Blocks, like the claims, so they read at 80 columns."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    by_claim = {c.id: c for c in report.claims}
    out: list[RenderableType] = []
    for ev in report.events:
        acc = ev.account
        if acc is None or not getattr(acc, "figures", None):
            continue
        by_mention = {m.id: m for m in acc.mentions}
        out.append(Text(f"Account of event {ev.id} (people counted once; figures bound them)",
                        style="bold underline"))
        for kind, by_side in acc.figures.items():
            for side, fig in by_side.items():
                est = ev.casualties.get(kind, {}).get(side)
                took = (("  the estimate took ", "dim"), f"{est.best} ({est.rule})") \
                    if est is not None and est.best is not None else ("", "")
                lines = [Text.assemble(f"  {kind:<8} ", (f"{_label(side):<24}", "cyan"), (f" {fig.count}", "bold"),
                                       *took),
                         Padding(Text(fig.rule, style="dim"), (0, 0, 0, 11))]
                for i in [i for i in fig.mentions if i in by_mention][:6]:
                    m = by_mention[i]
                    lines.append(Padding(Text.assemble((f"{m.outcome}: ", "dim"), (f"“{m.evidence}”", "italic")),
                                         (0, 0, 0, 11)))
                for i in [i for i in fig.claims if i in by_claim][:3]:
                    lines.append(Padding(Text.assemble(("claim: ", "dim"), (f"“{by_claim[i].evidence}”", "italic")),
                                         (0, 0, 0, 11)))
                out.append(Group(*lines))
    return out


def render(items: list[RenderableType], width: int) -> str:
    """The views as plain text at ``width`` columns (for tests and ``--width``)."""
    from rich.console import Console

    con = Console(width=width, record=True, file=io.StringIO(), color_system=None, highlight=False)
    for item in items:
        con.print(item)
    return "\n".join(line.rstrip() for line in con.export_text().splitlines()) + "\n"


def _documents(inputs: tuple[str, ...], options, *, batch: bool = False) -> Iterator[Document | InputError]:
    """The documents of the inputs; with ``batch`` (``--jsonl``) every input, stdin and any file
    name included, is read as JSONL records."""
    from ..read import iter_documents, read_jsonl

    if not batch:
        yield from iter_documents(list(inputs), options)
        return
    for item in inputs:
        yield from read_jsonl(item, options)


def _title(report: Report, item: Document) -> str:
    """A heading for one document: its title and where it came from ("standard input" for -)."""
    where = {"-": "standard input"}.get(item.origin, item.origin)
    if where.startswith("-:"):
        where = f"standard input, line {where[2:]}"
    title = report.document.get("title")
    return f"{title} ({where})" if title else where


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
    for item in _documents(inputs, options, batch=as_batch):
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
            for block in claims_view(report, f"{_title(report, item)}: {len(report.claims)} claims"):
                console.print(block)
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
    for block in claims_view(report, f"{len(report.claims)} claims"):
        console.print(block)
    console.rule("[bold]2. Events: the sources side by side, low / best / high")
    for block in events_view(report):
        console.print(block)
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
