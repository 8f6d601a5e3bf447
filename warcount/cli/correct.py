"""``warcount correct``: the analyst's corrections (merge, split, reject, restore, set, set-event, log, undo).

Each correction is stored with who made it (``--who``, else the config's ``who``, else ``$USER``), when
and why; the machine's reading stays as it was and every view shows the ledger with the corrections
applied on top (see ``warcount.corrections``). ``undo N`` marks a correction undone; it stays in the log.
"""
from __future__ import annotations

import os

import click
from rich.table import Table

from ..config import load_options
from ..corrections import Correction, show_value
from .common import config_option, console, db_option, echo_json, format_option

who_option = click.option("--who", default=None, metavar="NAME",
                          help="Who makes the correction (default: config 'who', else $USER).")
why_option = click.option("--why", "--reason", "why", default="", metavar="TEXT", help="Why: kept in the log.")


def _open(db: str | None, config: str | None, who: str | None):
    from ..store import Ledger

    options = load_options(config, db=db)
    name = who or getattr(options, "who", None) or os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"
    return Ledger(options.db), name


def _report(c: Correction) -> None:
    line = f"correction {c.id}: {c.describe()} [{c.state}]"
    if c.detail:
        line += f" ({c.detail})"
    click.echo(line)


@click.group()
def correct() -> None:
    """Correct the ledger: merge or split events, reject or restore claims, set fields; log and undo.

    Nothing the machine read is overwritten: corrections are stored apart, applied on top, and
    survive re-ingesting documents and new revisions.
    """


@correct.command()
@click.argument("event_a")
@click.argument("event_b")
@why_option
@who_option
@db_option
@config_option
def merge(event_a: str, event_b: str, why: str, who: str | None, db: str | None, config: str | None) -> None:
    """Merge event B into event A (they are one happening): A keeps its id, B's claims join it."""
    ledger, name = _open(db, config, who)
    with ledger:
        _report(ledger.add_correction("merge", event_a, value=event_b, who=name, reason=why))


@correct.command()
@click.argument("event_id")
@click.option("--claims", "claims", multiple=True, required=True, metavar="ID[,ID...]",
              help="The claims that leave the event (repeat or separate with commas).")
@why_option
@who_option
@db_option
@config_option
def split(event_id: str, claims: tuple[str, ...], why: str, who: str | None, db: str | None,
          config: str | None) -> None:
    """Split claims out of an event into a new event of their own."""
    ids = [x.strip() for item in claims for x in item.split(",") if x.strip()]
    ledger, name = _open(db, config, who)
    with ledger:
        _report(ledger.add_correction("split", event_id, who=name, reason=why, claims=ids))


@correct.command()
@click.argument("claim_id")
@click.option("--why", "--reason", "why", required=True, metavar="TEXT", help="Why the claim is false.")
@who_option
@db_option
@config_option
def reject(claim_id: str, why: str, who: str | None, db: str | None, config: str | None) -> None:
    """Reject a claim: it stays visible (struck out) but no estimate counts it."""
    ledger, name = _open(db, config, who)
    with ledger:
        _report(ledger.add_correction("reject", claim_id, who=name, reason=why))


@correct.command()
@click.argument("claim_id")
@why_option
@who_option
@db_option
@config_option
def restore(claim_id: str, why: str, who: str | None, db: str | None, config: str | None) -> None:
    """Restore a rejected claim."""
    ledger, name = _open(db, config, who)
    with ledger:
        _report(ledger.add_correction("restore", claim_id, who=name, reason=why))


@correct.command(name="set")
@click.argument("claim_id")
@click.argument("field", type=click.Choice(["kind", "figure", "source", "status", "side", "date", "place"]))
@click.argument("value")
@why_option
@who_option
@db_option
@config_option
def set_claim(claim_id: str, field: str, value: str, why: str, who: str | None, db: str | None,
              config: str | None) -> None:
    """Set a claim's field: kind, figure (12, 10-15, 10+), source, status, side, date (ISO) or place."""
    ledger, name = _open(db, config, who)
    with ledger:
        _report(ledger.add_correction("set", claim_id, field, value, who=name, reason=why))


@correct.command(name="set-event")
@click.argument("event_id")
@click.argument("field", type=click.Choice(["date", "place", "type"]))
@click.argument("value")
@click.option("--country", default=None, help="With 'place': its country.")
@click.option("--admin1", default=None, help="With 'place': its province or governorate.")
@click.option("--lat", type=float, default=None, help="With 'place': latitude (puts it on the map).")
@click.option("--lon", type=float, default=None, help="With 'place': longitude.")
@why_option
@who_option
@db_option
@config_option
def set_event(event_id: str, field: str, value: str, country: str | None, admin1: str | None, lat: float | None,
              lon: float | None, why: str, who: str | None, db: str | None, config: str | None) -> None:
    """Set an event's date (ISO: day, month or year), place (a name, with --country --lat --lon) or type."""
    raw: object = value
    if field == "place":
        raw = {"name": value, "country": country, "admin1": admin1, "latitude": lat, "longitude": lon}
    ledger, name = _open(db, config, who)
    with ledger:
        _report(ledger.add_correction("set-event", event_id, field, raw, who=name, reason=why))


@correct.command()
@click.argument("number", type=int)
@why_option
@who_option
@db_option
@config_option
def undo(number: int, why: str, who: str | None, db: str | None, config: str | None) -> None:
    """Undo correction N (from the log): the ledger is as it was before it; the log keeps both."""
    ledger, name = _open(db, config, who)
    with ledger:
        _report(ledger.undo_correction(number, who=name, reason=why))


@correct.command()
@db_option
@format_option(["table", "json"], "table")
def log(db: str | None, fmt: str) -> None:
    """Every correction, oldest first: who, when, what, why, and whether it still applies."""
    ledger, _ = _open(db, None, None)
    with ledger:
        rows = ledger.corrections()
    if fmt == "json":
        echo_json([c.as_dict() | {"description": c.describe()} for c in rows])
        return
    table = Table(title=f"{len(rows)} correction(s)")
    for col in ("n", "when", "who", "what", "why", "state"):
        table.add_column(col, overflow="fold")
    for c in rows:
        state = c.state + (f": {c.detail}" if c.detail else "")
        table.add_row(str(c.id), c.at[:19], c.who, c.describe(), c.reason, state)
    console.print(table)


__all__ = ["correct", "show_value"]
