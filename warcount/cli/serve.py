"""``warcount serve``: the dashboard and JSON API over a ledger file (issue 5)."""
from __future__ import annotations

import click

from .common import config_option, db_option, doc_timeout_option


@click.command()
@db_option
@config_option
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1). Anything but loopback "
                                            "needs WARCOUNT_TOKEN for adding articles.")
@click.option("--port", default=None, type=int, help="Port (default 8000).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes; each reads the ledger through its own connection.")
@click.option("--create", is_flag=True, help="Create the ledger file when it does not exist (else refused).")
@doc_timeout_option
def serve(db: str | None, config: str | None, host: str | None, port: int | None, workers: int, create: bool,
          doc_timeout: float | None) -> None:
    """Serve the dashboard and JSON API on HOST:PORT over the ledger.

    Articles posted to /api/extract, /api/ingest or the Add page are processed off the event
    loop, two at a time, each under --doc-timeout; beyond loopback they need WARCOUNT_TOKEN."""
    import os

    import uvicorn

    from ..config import load_options
    from ..web import create_app
    from ..web.app import is_loopback

    from ..store import Ledger

    options = load_options(config, db=db, host=host, port=port, doc_timeout=doc_timeout)
    Ledger(options.db, create=create).close()  # a mistyped path is refused here, in one line
    if not is_loopback(options.host) and not os.environ.get("WARCOUNT_TOKEN"):
        click.echo(f"warcount: warning: listening on {options.host} without WARCOUNT_TOKEN: adding articles "
                   "is disabled", err=True)
    click.echo(f"warcount: serving {options.db} on http://{options.host}:{options.port}/"
               f" ({workers} worker{'s' if workers > 1 else ''})", err=True)
    if workers == 1:
        uvicorn.run(create_app(options.db, options, create=create), host=options.host, port=options.port,
                    log_level="warning")
        return
    import secrets

    os.environ.update(WARCOUNT_DB=str(options.db), WARCOUNT_SERVE_HOST=options.host,
                      WARCOUNT_SECRET=os.environ.get("WARCOUNT_SECRET") or secrets.token_hex(32),
                      WARCOUNT_DOC_TIMEOUT=str(options.doc_timeout), WARCOUNT_SERVE_CREATE="1" if create else "0")
    if config:
        os.environ["WARCOUNT_CONFIG"] = config
    uvicorn.run("warcount.web.app:app_from_env", factory=True, workers=workers, host=options.host,
                port=options.port, log_level="warning")
