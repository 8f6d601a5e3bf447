"""``warcount serve``: the dashboard and JSON API over a ledger file (issue 5)."""
from __future__ import annotations

import click

from .common import config_option, db_option


@click.command()
@db_option
@config_option
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1). Anything but loopback "
                                            "needs WARCOUNT_TOKEN for adding articles.")
@click.option("--port", default=None, type=int, help="Port (default 8000).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes; each reads the ledger through its own connection.")
def serve(db: str | None, config: str | None, host: str | None, port: int | None, workers: int) -> None:
    """Serve the dashboard and JSON API on HOST:PORT over the ledger."""
    import os

    import uvicorn

    from ..config import load_options
    from ..web import create_app
    from ..web.app import is_loopback

    options = load_options(config, db=db, host=host, port=port)
    if not is_loopback(options.host) and not os.environ.get("WARCOUNT_TOKEN"):
        click.echo(f"warcount: warning: listening on {options.host} without WARCOUNT_TOKEN: adding articles "
                   "is disabled", err=True)
    click.echo(f"warcount: serving {options.db} on http://{options.host}:{options.port}/"
               f" ({workers} worker{'s' if workers > 1 else ''})", err=True)
    if workers == 1:
        uvicorn.run(create_app(options.db, options), host=options.host, port=options.port, log_level="warning")
        return
    import secrets

    os.environ.update(WARCOUNT_DB=str(options.db), WARCOUNT_SERVE_HOST=options.host,
                      WARCOUNT_SECRET=os.environ.get("WARCOUNT_SECRET") or secrets.token_hex(32))
    if config:
        os.environ["WARCOUNT_CONFIG"] = config
    uvicorn.run("warcount.web.app:app_from_env", factory=True, workers=workers, host=options.host,
                port=options.port, log_level="warning")
