"""One way for the browser tests to serve a ledger: the app on a free loopback port, in a thread."""
from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

#: the system chromium and the flags the browser tests launch it with (headless, no network of its own)
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SEED = Path(__file__).parents[1].parent / "shared" / "corpus" / "dev" / "khan-touman-2016.txt"
SHOTS = Path(__file__).parents[1] / "artifacts" / "screenshots"


def playwright_or_skip():
    """``playwright.sync_api``, or the calling test module skipped when chromium or playwright is missing."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
                    allow_module_level=True)
    return pytest.importorskip("playwright.sync_api", reason="the playwright python package is missing")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db: Path) -> Iterator[str]:
    """``warcount serve``'s app over ``db`` until the block ends; yields its base URL."""
    import uvicorn

    from warcount.config import Options
    from warcount.web import create_app

    port = free_port()
    app = create_app(db, Options(db=str(db), port=port))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)
