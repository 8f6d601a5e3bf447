"""``warcount clean FILE...``: what reading and cleaning made of each input.

Prints the metadata (title, author, byline conflict, date, site, URL,
encoding, what was removed) and then the cleaned text; ``--format json``
prints one JSON object per document and line. A bad input is one line on
stderr and the batch goes on; the exit code says whether all, some or none
of the inputs could be processed (``errors.EXIT_CODES``).
"""
from __future__ import annotations

import logging
import sys

import click

from ..config import load_options
from ..errors import InputError
from .common import config_option, echo_json, format_option

log = logging.getLogger(__name__)


@click.command(name="clean")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@format_option(["text", "json"], "text")
@config_option
@click.option("--max-bytes", type=int, default=None, metavar="N", help="Refuse inputs over N bytes (default 50 MiB).")
def clean(inputs: tuple[str, ...], fmt: str, config: str | None, max_bytes: int | None) -> None:
    """Print the cleaned text and metadata of documents.

    FILE is a text, HTML or JSONL file (also .gz), a folder (read
    recursively), an http(s) URL, or - for standard input.
    """
    from .. import clean as clean_mod
    from ..pipeline import document_meta
    from ..read import iter_documents

    options = load_options(config, max_bytes=max_bytes)
    good = bad = 0
    for item in iter_documents(list(inputs), options):
        try:
            if isinstance(item, InputError):
                raise item
            cleaned = clean_mod.clean(item)
        except InputError as exc:
            bad += 1
            click.echo(f"warcount: error: {exc.source}: {exc.problem}", err=True)
            continue
        good += 1
        meta = document_meta(item, cleaned)
        if fmt == "json":
            echo_json({"document": meta, "text": cleaned.text}, lines=True)
        else:
            _print_text(meta, cleaned.text, first=good == 1)
    if bad:
        sys.exit(1 if good else 3)


def _print_text(meta: dict, text: str, *, first: bool) -> None:
    """Plain lines (no rich markup, so the text's brackets print as they are)."""
    if not first:
        click.echo("")
    click.echo(f"== {meta['origin']}")
    rows = [
        ("title", meta["title"]),
        ("author", meta["author"]),
        ("byline conflict", meta["byline_conflict"]),
        ("published", f"{meta['published']} ({meta['published_source']})" if meta["published"] else None),
        ("site", meta["site"]),
        ("url", meta["url"]),
        ("content", meta["content_type"]),
        ("encoding", meta["encoding"]),
        ("words", meta["words"]),
    ]
    for key, value in rows:
        if value is not None:
            click.echo(f"{key + ':':17}{value}")
    if meta["removed"]:
        click.echo("removed:")
        for line in meta["removed"]:
            click.echo(f"  - {line}")
    click.echo("")
    click.echo(text)
