"""Issue 10's reproductions, each timed end to end: "every input handled within 10 s (or refused
with its limit), with no traceback, on the CLI and through the server".

    .venv/bin/python bench/hostile_times.py [--only NAME] [--no-server]

Each input is written into a temporary directory and given to a fresh ``warcount`` process, so a
figure includes the process start (loading the parser and the gazetteer, about 3-4 s of it). For
each: exit code, wall seconds, CPU seconds of the process, output bytes, and the first stderr
line. Then a server is started and the heavy texts are posted to ``/api/extract`` while another
client asks ``/api/documents`` every 0.2 s: the slowest of those answers is printed beside each
post. Exit 1 when any case takes over ``--bound`` seconds or prints a traceback. Wall time
depends on the machine's load (take it on a quiet machine); the unit tests only guard hangs.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARCOUNT = str(Path(sys.executable).with_name("warcount"))
DEV_PAGE = ROOT.parent / "shared" / "corpus" / "dev" / "html-articles" / "html"
PARA = "<p>Officials said three people were killed and four were wounded in the attack, and residents fled.</p>\n"


def _page_head() -> str:
    import gzip

    pages = sorted(DEV_PAGE.glob("*.html.gz"))
    if not pages:
        return "<html><head><title>A page</title></head><body>"
    return gzip.decompress(pages[0].read_bytes()).decode("utf-8", "replace").split("</body>")[0]


def make_inputs(d: Path) -> list[tuple[str, list[str]]]:
    """(name, warcount arguments) for every reproduction of the issue, inputs written into ``d``."""
    def w(name: str, text: str) -> str:
        (d / name).write_text(text, encoding="utf-8")
        return str(d / name)

    cases: list[tuple[str, list[str]]] = []
    ext = ["extract", "--format", "jsonl"]
    # 1. long sentences
    for name, text in [("s5k", "three people were killed and " * 175), ("s10k", "three people were killed and " * 350),
                       ("s20k", "three people were killed and " * 700), ("s100k", "three people were killed and " * 3500),
                       ("s1m", "Officials said three people were killed and " + "the town is quiet and " * 46000),
                       ("s3m", "Officials said three people were killed and " + "the town is quiet and " * 140000)]:
        cases.append((name, ext + [w(name + ".txt", text)]))
    # 2. punctuation runs
    for n in (4_000, 20_000):
        cases.append((f"paren{n // 1000}k", ext + [w(f"p{n}.txt", "Officials said " + "(" * n + "three people were killed.")]))
    # 3. element floods and 40 MB pages
    for n in (50_000, 100_000, 200_000, 1_000_000):
        page = "<html><body>" + "<p>x</p>" * n + "<p>Three people were killed on Monday.</p></body></html>"
        cases.append((f"flood{n // 1000}k", ext + [w(f"f{n}.html", page)]))
    head = _page_head()
    cases.append(("page40m-claims", ext + [w("big40m.html", head + PARA * 400_000 + "</body></html>")]))
    cases.append(("page40m-script", ext + [w("script40m.html", head + "<script>var x = '" + "a" * 40_000_000
                                                + "';</script>" + PARA + "</body></html>")]))
    # 4. JSONL lines that crashed a batch
    ok = '{"id":"ok1","text":"Three people were killed."}\n'
    end = '{"id":"ok2","text":"Two were killed."}\n'
    deep = w("deep.jsonl", ok + '{"id":"deep","text":' + "[" * 100_000 + "\n" + end)
    digits = w("digits.jsonl", ok + '{"id":"big","text":"x killed","published": ' + "9" * 5000 + "}\n" + end)
    with (d / "line50mb.jsonl").open("wb") as f:
        f.write(b'{"id": "before", "text": "Two people were killed in Homs, activists said."}\n{"id": "huge", "text": "')
        f.write(b"filler words " * (50_000_000 // 13))
        f.write(b'"}\n{"id": "after", "text": "Four people were wounded in Idlib, medics said."}\n')
    db = str(d / "r.db")
    cases += [("deep-extract", ["extract", "--jsonl", deep]), ("deep-ingest", ["ingest", "--db", db, deep]),
              ("digits-extract", ["extract", "--jsonl", digits]), ("digits-ingest", ["ingest", "--db", db, digits]),
              ("line50mb", ext + [str(d / "line50mb.jsonl")])]
    # 5. malformed and disguised URLs (refused before any connection)
    for k, url in enumerate(["http://0177.0.0.1/", "http://999.1.1.1/", "http://[::1/", "http://[zz::1]/", "https://xn--/",
                             "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::]/", "http://[::127.0.0.1]/"]):
        cases.append((f"url{k + 1}", ["extract", url]))
    # 7. configuration and arguments
    a = w("a.txt", "Three people were killed.\n")
    cases += [("cfg-bool", ["extract", "--config", w("cfg-bool.toml", 'allow_private_urls = "false"\n'), "http://127.0.0.1:9/"]),
              ("cfg-big", ["extract", "--config", w("cfg-big.toml", 'max_bytes = "big"\n'), a]),
              ("pub-13-45", ["extract", "--published", "2016-13-45", a]), ("pub-notadate", ["extract", "--published", "notadate", a]),
              ("pub-0001", ["extract", "--published", "0001-01-01", a]),
              ("since-yesterday", ["events", "--db", db, "--since", "yesterday"]),
              ("since-13", ["events", "--db", db, "--since", "2024-13-01"]), ("kind-bogus", ["claims", "--db", db, "--kind", "bogus"]),
              ("status-bogus", ["claims", "--db", db, "--status", "bogus"]), ("q-50k", ["events", "--db", db, "--search", "x" * 50_000])]
    # 8. ledger paths
    foreign = d / "foreign.db"
    con = sqlite3.connect(foreign)
    con.execute("create table t(x)")
    con.commit()
    con.close()
    cases += [("events-mistyped", ["events", "--db", str(d / "nosuch.db")]), ("sources-mistyped", ["sources", "--db", str(d / "nosuch.db")]),
              ("ingest-nodir", ["ingest", "--db", "/nonexistent/dir/x.db", a]),
              ("export-nodir", ["export", "--db", db, "--format", "csv", "--out", "/nonexistent/x.csv"]),
              ("foreign", ["events", "--db", str(foreign)])]
    # 9. the scans of the last two rounds (custody, day cues, datelines, setting, place context, sides)
    for name, text in scan_texts().items():
        cases.append((name, ext + [w(name + ".txt", text)]))
    sur = w("surrogates.jsonl", ok + '{"id":"s\\udc80","title":"\\ud83d","text":"'
            + "Three people were killed \\ud800 in Aleppo \\udfff, police said. " * 2000 + '"}\n' + end)
    cases.append(("jsonl-surrogates", ["extract", "--jsonl", sur]))
    nul = w("controls.jsonl", ok + json.dumps({"id": "nul", "text": scan_texts()["controls-40k"].replace("\x1b", "\x00")})
            + "\n" + end)  # NUL refuses a file as binary; a JSONL text may hold it
    cases.append(("jsonl-controls-nul", ["extract", "--jsonl", nul]))
    return cases


MONTHS = "January February March April May June July August September October November December".split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _names(n: int) -> list[str]:
    """n distinct capitalised made-up names no gazetteer holds ("Bakorir", ...)."""
    syll = ["ba", "ko", "ri", "me", "su", "ta", "lo", "ni", "de", "gu"]
    return [(syll[i % 10] + syll[i // 10 % 10] + syll[i // 100 % 10] + syll[i // 1000 % 10] + "r").capitalize()
            for i in range(n)]


def scan_texts() -> dict[str, str]:
    """The inputs aimed at the scans added in the last two rounds, at the sizes measured in docs/reliability.md."""
    dense = ["three", "people", "were", "killed", "in", "Aleppo", "on", "Monday", "said", "police", "the", "city",
             "of", "Homs", "and", "detained", "March", "2016"]
    return {
        "city-of-1000": " ".join(f"Two people were killed in the city of {n}." for n in _names(1000)),
        "province-of-10k": " ".join(f"the province of {n} and" for n in _names(10_000)) + " three were killed.",
        "caps-flood-40k": "Three people were killed in " + " ".join(_names(40_000)) + ".",
        "caps-paras-1000": "\n\n".join("Two soldiers were killed in " + " ".join(_names(12_000)[12 * k:12 * k + 12]) + "."
                                        for k in range(1000)),
        "months-40k": "Three people were killed in " + " ".join(MONTHS * 3400) + ".",
        "day-cues-1000": " ".join(f"Two people were killed {DAYS[i % 7]}, police said {DAYS[(i + 1) % 7]}."
                                  for i in range(1000)),
        "quotes-nested-20k": "Three people were killed, " + "he said \u201c" * 20_000 + "two were wounded" + "\u201d" * 20_000 + ".",
        "quotes-open-1000": " ".join('"Four people were killed," said "the' for _ in range(1000)),
        "datelines-1000": "\n".join(f"ALEPPO, Syria, March {i % 28 + 1} (Reuters) - Posted: Monday, March 3, 2014 "
                                    "Updated: two were killed" for i in range(1000)),
        "no-stop-200k": " ".join(dense[(i * 5) % 18] for i in range(33_000)),
        "controls-40k": "".join(["Three people were killed ", "\x01", "\x1b", "\u202e", "\u202d", "\u200f", "\u2066",
                                 "\ufeff", "\x85", "\u2028", "in Aleppo. ", "\u05d0\u05d1 ", "\u0627\u0644 "][(i * 5) % 13]
                                for i in range(40_000)),
    }


def run_cli(args: list[str], timeout: float) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    try:
        p = subprocess.run([WARCOUNT, *args], capture_output=True, timeout=timeout)
        code, out, err = p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as exc:
        code, out, err = "timeout", exc.stdout or b"", "killed after the timeout"
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    first = next((ln for ln in err.splitlines() if ln.strip()), "")
    return {"code": code, "wall": wall, "cpu": cpu, "bytes": len(out), "stderr": first[:110],
            "traceback": "Traceback" in err}


def server_cases(d: Path, bound: float, wanted: list[str] | None = None) -> list[dict]:
    """Heavy texts posted to a running server while another client keeps asking for documents."""
    import httpx
    from load import free_port  # bench/load.py, beside this script

    port = free_port()
    env = dict(os.environ)
    proc = subprocess.Popen([WARCOUNT, "serve", "--db", str(d / "served.db"), "--create", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/documents", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.3)
        httpx.post(f"{base}/api/extract", json={"text": "Two people were killed."}, timeout=60)  # load the parser
        rows = []
        bodies = [("s100k", {"text": "three people were killed and " * 3500}),
                  ("paren20k", {"text": "Officials said " + "(" * 20000 + "three people were killed."}),
                  ("flood200k", {"text": "<html><body>" + "<p>x</p>" * 200_000 + "<p>Three people were killed.</p></body></html>"}),
                  ("page4m-claims", {"text": _page_head() + PARA * 40_000 + "</body></html>"}),
                  ("s17k-600claims", {"text": "three people were killed and " * 600 + "Officials said " + "(" * 12_000
                                      + " two were wounded."}),
                  ("city-of-1000", {"text": scan_texts()["city-of-1000"]})]
        for name, body in bodies:
            if wanted and not any(w in name for w in wanted):
                continue
            waits: list[float] = []
            stop = threading.Event()

            def poll(stop: threading.Event = stop, waits: list[float] = waits) -> None:
                while not stop.is_set():
                    t = time.monotonic()
                    try:
                        httpx.get(f"{base}/api/documents?limit=1", timeout=bound * 3)
                    except httpx.HTTPError:
                        pass
                    waits.append(time.monotonic() - t)
                    time.sleep(0.2)

            th = threading.Thread(target=poll)
            th.start()
            t0 = time.monotonic()
            try:
                r = httpx.post(f"{base}/api/extract", json=body, timeout=bound * 6)
                status, size = r.status_code, len(r.content)
            except httpx.HTTPError as exc:
                status, size = type(exc).__name__, 0
            wall = time.monotonic() - t0
            stop.set()
            th.join()
            rows.append({"name": "serve " + name, "code": status, "wall": wall, "bytes": size,
                         "other": max(waits) if waits else None})
        return rows
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="run the cases whose name contains one of these (comma-separated)")
    ap.add_argument("--bound", type=float, default=10.0, help="seconds each case must stay under (default 10)")
    ap.add_argument("--no-server", action="store_true", help="skip the server cases")
    ns = ap.parse_args()
    bad = 0
    with tempfile.TemporaryDirectory(prefix="warcount-hostile-") as tmp:
        d = Path(tmp)
        wanted = ns.only.split(",") if ns.only else []
        cases = [c for c in make_inputs(d) if not wanted or any(w in c[0] for w in wanted)]
        subprocess.run([WARCOUNT, "--help"], capture_output=True)  # warm the file cache for the first case
        print(f"{'case':18} {'exit':>7} {'wall s':>7} {'cpu s':>6} {'out bytes':>10}  first stderr line")
        for name, args in cases:
            r = run_cli(args, timeout=max(60.0, ns.bound * 6))
            over = r["wall"] > ns.bound or r["traceback"]
            bad += over
            print(f"{name:18} {r['code']!s:>7} {r['wall']:7.2f} {r['cpu']:6.2f} {r['bytes']:10,}  "
                  f"{'TRACEBACK ' if r['traceback'] else ''}{'OVER ' if over else ''}{r['stderr']}")
        if not ns.no_server:
            print(f"\n{'server case':18} {'status':>7} {'wall s':>7} {'slowest other answer s':>24} {'bytes':>10}")
            for r in server_cases(d, ns.bound, wanted):
                over = r["wall"] > ns.bound or (r["other"] or 0) > 3.0
                bad += over
                other = f"{r['other']:.2f}" if r["other"] is not None else "-"
                print(f"{r['name']:18} {r['code']!s:>7} {r['wall']:7.2f} {other:>24} {r['bytes']:10,}"
                      f"{'  OVER' if over else ''}")
    print(json.dumps({"cases": len(cases), "over_bound_or_traceback": bad, "bound_s": ns.bound}))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
