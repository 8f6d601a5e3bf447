"""Load check for the dashboard: N concurrent clients reading event pages on loopback.

Starts its own server (a separate process, so the clients do not share its
GIL) over a temporary ledger seeded from the dev corpus, then runs
``--clients`` asyncio + httpx clients for ``--duration`` seconds, each
fetching random ``/events/{id}`` pages back to back, and prints requests/s,
p50/p99 latency and the error count.

    .venv/bin/python bench/load.py --clients 50 --duration 30
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"


def seed(db: Path, n: int) -> None:
    """Fill the ledger: the Khan Touman seed plus ``n`` short incident texts."""
    from warcount.pipeline import extract
    from warcount.store import Ledger

    with Ledger(db) as ledger:
        seed_text = CORPUS / "khan-touman-2016.txt"
        if seed_text.is_file():
            ledger.add_report(extract(seed_text.read_text("utf-8"), published="2016-05-12"))
        lines = CORPUS / "wikipedia-incidents.jsonl"
        if lines.is_file():
            for line in lines.read_text("utf-8").splitlines()[:n]:
                rec = json.loads(line)
                ledger.add_report(extract(rec["text"], published=f"{rec.get('year', '2020')}-12-31"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int = 1) -> subprocess.Popen:
    """``warcount serve`` as a user runs it, in its own process group."""
    return subprocess.Popen([sys.executable, "-m", "warcount.cli", "serve", "--db", str(db), "--port", str(port),
                             "--workers", str(workers)], start_new_session=True)


async def run(base: str, clients: int, duration: float) -> tuple[list[float], int, int]:
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=30) as probe:
        for _ in range(200):
            try:
                ids = [e["id"] for e in (await probe.get("/api/events", params={"limit": 1000})).json()]
                break
            except httpx.TransportError:
                await asyncio.sleep(0.1)
        else:
            raise SystemExit("the server did not start")
    if not ids:
        raise SystemExit("the seeded ledger has no events")
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + duration
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            t = time.perf_counter()
            try:
                r = await http.get(f"/events/{random.choice(ids)}")
                ok = r.status_code == 200 and "Side by side" in r.text
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - t)
            errors += not ok

    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    return latencies, errors, len(ids)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds")
    ap.add_argument("--seed-lines", type=int, default=40, help="incident texts added beside the Khan Touman seed")
    ap.add_argument("--workers", type=int, default=1, help="server worker processes (warcount serve --workers)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="warcount-load-") as tmp:
        db = Path(tmp) / "ledger.db"
        t = time.perf_counter()
        seed(db, args.seed_lines)
        print(f"seeded {db} in {time.perf_counter() - t:.1f} s")
        port = free_port()
        server = start_server(db, port, args.workers)
        try:
            lat, errors, n_events = asyncio.run(run(f"http://127.0.0.1:{port}", args.clients, args.duration))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(20)
    lat.sort()
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000  # noqa: E731
    print(f"{args.clients} clients, {args.workers} server worker(s), {args.duration:.0f} s, {n_events} events: "
          f"{len(lat)} requests, "
          f"{len(lat) / args.duration:.1f} requests/s, p50 {p(0.50):.1f} ms, p99 {p(0.99):.1f} ms, "
          f"mean {statistics.fmean(lat) * 1000:.1f} ms, errors {errors}")


if __name__ == "__main__":
    main()
