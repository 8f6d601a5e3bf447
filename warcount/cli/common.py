"""Options and helpers shared by the commands."""
from __future__ import annotations

import json
import sys
from typing import Any, Iterable

import click


class _LazyConsole:
    """A ``rich.console.Console`` made on first use: importing rich and sizing the terminal costs
    a batch run that prints JSON lines (``extract --format jsonl``) for nothing."""

    def __init__(self, **kwargs: Any) -> None:
        self._kwargs = kwargs
        self._console = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._kwargs)
        return getattr(self._console, name)


console = _LazyConsole()
err_console = _LazyConsole(stderr=True)

db_option = click.option(
    "--db", envvar="WARCOUNT_DB", default=None, metavar="PATH",
    help="Ledger file (default ./warcount.db; env WARCOUNT_DB).",
)
config_option = click.option("--config", default=None, metavar="FILE", help="A warcount.toml options file.")


def format_option(choices: Iterable[str], default: str):
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True,
                        help="Output format.")


def echo_json(obj: Any, *, lines: bool = False) -> None:
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":") if lines else None, indent=None if lines else 2)
    sys.stdout.write(text + "\n")


def warn(msg: str) -> None:
    """One line on stderr for a bad input or record that the batch skips and goes on from."""
    click.echo(f"warcount: error: {msg}", err=True)


# --- validation at the edge: a bad value is a one-line usage error (exit 2), never an empty answer

from ..validate import parse_date  # noqa: E402 - shared with the web app


def date_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parse_date(value, end=param.name == "until")
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


doc_timeout_option = click.option(
    "--doc-timeout", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
    help="Skip (and report in one line) a document that takes more than this many seconds of CPU time "
         "to process; 0 for no limit (default 10, the doc_timeout option).")
