"""The ``warcount`` command: a thin click group over the library.

Each command lives in its own module under ``warcount/cli/`` and is loaded
only when called, so ``warcount --help`` stays fast. Library errors become
one-line messages and the exit codes in ``warcount.errors.EXIT_CODES``.
"""
from __future__ import annotations

import importlib
import logging
import sys

import click

from ..errors import EXIT_CODES, WarcountError

#: command name -> (module under warcount.cli, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "clean": ("clean", "clean", "Print the cleaned text and metadata of documents."),
    "extract": ("extract", "extract", "Find casualty claims in documents and print them."),
    "demo": ("extract", "demo", "Run the whole pipeline on one document and show every view."),
    "eval": ("evaluate", "evaluate", "Score warcount on the gold corpus."),
    "ingest": ("ledger", "ingest", "Add documents to the ledger."),
    "events": ("ledger", "events", "List the ledger's events."),
    "event": ("ledger", "event", "Show one event: every source's figures side by side."),
    "claims": ("ledger", "claims", "List the ledger's claims."),
    "sources": ("ledger", "sources", "List sources and how their figures compare."),
    "export": ("ledger", "export", "Export the ledger as JSONL, CSV, ACLED or UCDP."),
    "serve": ("serve", "serve", "Serve the dashboard and JSON API."),
    "run": ("run", "run", "Run the pipeline over archives on Dask."),
    "correct": ("correct", "correct", "Correct the ledger: merge, split, reject, set; log and undo."),
}

EPILOG = "Exit codes: " + "; ".join(f"{k} {v}" for k, v in EXIT_CODES.items())


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        try:
            mod = importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith(__name__):
                return _missing(name)
            raise
        return getattr(mod, attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WarcountError as exc:
            click.echo(f"warcount: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("warcount: interrupted", err=True)
            sys.exit(130)


def _missing(name: str) -> click.Command:
    @click.command(name=name, help=COMMANDS[name][2] + " (not available in this build)")
    def cmd() -> None:
        raise WarcountError(f"the '{name}' command is not available in this build")

    return cmd


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="warcount")
def main(verbose: int) -> None:
    """warcount: a source-attributed ledger of casualty claims from conflict news."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if not verbose:
        # trafilatura and htmldate log every page they discard; our own one-line errors say it
        for noisy in ("trafilatura", "htmldate", "charset_normalizer"):
            logging.getLogger(noisy).setLevel(logging.ERROR)
