"""``warcount run``: the pipeline over archives on Dask, into Parquet (and the ledger)."""
from __future__ import annotations

import json
import logging

import click

from ..config import load_options
from ..errors import InputError
from .common import config_option, console, db_option, doc_timeout_option, err_console

log = logging.getLogger(__name__)


@click.command(name="run")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of the local Dask cluster (default: the workers option, 2).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Use an existing Dask cluster at this scheduler address (tcp://host:8786).")
@click.option("--out", "out_dir", default="out", show_default=True, metavar="DIR",
              help="Folder for the Parquet tables; a rerun skips the partitions finished there.")
@click.option("--ingest", is_flag=True, help="Also add the results to the ledger (--db).")
@db_option
@click.option("--partition-size", type=click.IntRange(min=1), default=100, show_default=True, metavar="N",
              help="Records per partition (the unit of work and of resumption).")
@click.option("--no-prefilter", is_flag=True, help="Process every document, even those with no casualty cue.")
@doc_timeout_option
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@config_option
def run(inputs: tuple[str, ...], workers: int | None, scheduler: str | None, out_dir: str, ingest: bool,
        db: str | None, partition_size: int, no_prefilter: bool, doc_timeout: float, as_json: bool, quiet: bool,
        config: str | None) -> None:
    """Run the pipeline over folders, JSONL files and WARC files on Dask.

    INPUT is a folder, a JSONL file (.jsonl, .jsonl.gz) or a WARC file
    (.warc, .warc.gz) of HTML responses; non-HTML and non-200 records are
    skipped and counted. Results go to DIR/documents, DIR/claims and
    DIR/events as one Parquet file per partition. A bad record is reported
    with its location and skipped; the exit code is then 1.
    """
    import signal

    from .. import scale

    options = load_options(config, db=db, workers=workers, doc_timeout=doc_timeout)
    # SIGTERM and SIGHUP stop the run like Ctrl-C: the cluster is closed on the way out, and
    # a rerun resumes (finished partitions are kept, in-flight ones redone)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _stop)
    summary = scale.run(list(inputs), out_dir, workers=options.workers, scheduler=scheduler,
                        ingest_db=options.db if ingest else None, progress=not quiet,
                        partition_size=partition_size, prefilter=not no_prefilter, options=options,
                        doc_timeout=scale.watchdog_limit(options.doc_timeout))
    if as_json:
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_summary(summary)
    if summary.documents == 0 and summary.errors and summary.partitions_resumed == 0:
        raise InputError(", ".join(inputs), "no input could be processed")
    if summary.errors:
        raise SystemExit(1)


def _stop(signum: int, frame) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _print_summary(s) -> None:
    from rich.table import Table

    t = Table(title=f"warcount run -> {s.out_dir}", show_header=False, box=None)
    t.add_row("partitions", f"{s.partitions:,} ({s.partitions_resumed:,} already done, "
                            f"{s.partitions_failed:,} failed)")
    t.add_row("documents read", f"{s.documents:,} in {s.seconds:,.1f} s ({s.documents_per_s:,.1f}/s)")
    t.add_row("processed", f"{s.processed:,} ({s.words:,} words, {s.words_per_s:,.0f}/s)")
    skipped = ", ".join(f"{k} {s.skipped.get(k, 0):,}" for k in ("prefilter", "non-html", "non-200",
                                                                  "non-response", "error"))
    t.add_row("skipped", skipped)
    t.add_row("with claims", f"{s.with_claims:,} documents, {s.claims:,} claims, {s.events:,} events")
    if s.ingested:
        t.add_row("ingested", f"{s.ingested:,} documents into the ledger")
    t.add_row("errors", f"{s.errors:,}")
    if s.peak_rss:
        t.add_row("peak RSS", ", ".join(f"{v / 2**20:,.0f} MiB" for v in s.peak_rss.values()))
    console.print(t)
    for e in s.error_samples:
        err_console.print(f"warcount: warning: {e['location']}: {e['problem']}", markup=False, highlight=False)
    if s.errors > len(s.error_samples):
        err_console.print(f"warcount: ... and {s.errors - len(s.error_samples):,} more (see "
                          f"{s.out_dir}/_done/*.json)", markup=False)
