"""Generated inputs of the shapes that once hung or crashed warcount (issue 10).

Shapes (``scan``: the scans added in the last two rounds, see ``gen_scan``): long sentences (a clause repeated, with or without a sentence end), runs of punctuation
inside a sentence, element floods and deep nesting in HTML, deep JSON and huge numeric fields in
JSONL lines, URL forms (malformed hosts, octal and out-of-range IPv4, IPv6 with IPv4 inside,
IDNA), Host headers, dates, config values and spreadsheet cells. Each input goes through the
code that reads that shape (the whole pipeline for texts and pages, under ``doc_timeout`` = 5 s)
and must end within 10 s of CPU time of its thread (the verdict does not depend on the machine's load; a
120 s wall-clock SIGALRM stops an input that waits) raising nothing but the documented one-line errors; a text's claims must keep their
``sentence`` and ``evidence`` within ``max_sentence_chars``, and a report's JSON must stay
linear in the input (at most 400 bytes of output per input byte, plus 20 KB).

    .venv/bin/python bench/fuzz_shapes.py --inputs 100000 --seed 1   # about 15 min on a loaded 2-core machine
    .venv/bin/python bench/fuzz_shapes.py --inputs 2000 --only text,html    # a few shapes

Prints, per shape: inputs, crashes, hangs, refusals (documented errors), slowest input.
"""
from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HANG_SECONDS = 10  # CPU seconds of this thread for one input: over it is a hang, whatever the machine's load
WALL_GUARD = 120  # wall seconds (SIGALRM) after which an input is stopped and counted as a hang all the same
DOC_TIMEOUT = 5.0  # the budget the pipeline runs under here: a document must end within it plus one unit of work
CLAUSES = ["three people were killed and ", "at least 12 soldiers died, ", "two were wounded; ",
           "the ministry said 40 were killed while ", "dozens of fighters were captured or ", "word "]
PUNCT = "()[]{}<>-_=+*&^%$#@!~`|\\/.,;:'\"?“”‘’—–…«»•"


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


# --- generators: rng -> payload -----------------------------------------------------------------


BIG_SHARE = 1.0  # scales every shape's chance of a big input (--big)


def _size(rng: random.Random, small: int, big: int, p_big: float = 0.02) -> int:
    return rng.randint(big // 4, big) if rng.random() < p_big * BIG_SHARE else rng.randint(1, small)


def gen_text(rng: random.Random) -> str:
    shape = rng.choice(["long", "run", "mixed", "word", "lines"])
    if shape == "long":
        body = rng.choice(CLAUSES) * _size(rng, 60, 2500, 0.01)
        return body + rng.choice(["", ".", " Police said."])
    if shape == "run":
        run = rng.choice(PUNCT) * _size(rng, 300, 40_000, 0.03)
        return "Officials said " + run + rng.choice(["", " ", "\n"]) + "three people were killed."
    if shape == "mixed":
        run = "".join(rng.choice(PUNCT + " a1") for _ in range(_size(rng, 400, 20_000, 0.02)))
        return "Five people were killed. " + run + " Two were wounded."
    if shape == "word":
        return "Three people were killed " + "a" * _size(rng, 500, 200_000, 0.02) + " in Homs."
    return "\n".join(rng.choice(["x", "Three killed.", "", "—", "* * *"]) for _ in range(_size(rng, 300, 100_000, 0.01)))


MONTHS = "January February March April May June July August September October November December".split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
CUSTODY = ["he", "remains", "in", "detention", "prison", "behind", "bars", "held", "by", "gunmen", "went", "missing",
           "whereabouts", "unknown", "since", "was", "seized", "the", "lawyer", "his", "brother", "and", "incommunicado"]
CONTROLS = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\u202e", "\u202d", "\u200f", "\u2066", "\u2069", "\ufeff",
            "\u2028", "\u200b", "\u05d0", "\u0627"]


def _name(rng: random.Random) -> str:
    return rng.choice("ABCDEFGHIJKLMNOPRSTUVWZ") + "".join(rng.choice("aeiounrstlmk") for _ in range(rng.randint(2, 9)))


def gen_scan(rng: random.Random) -> str:
    """Shapes aimed at the scans of the last two rounds: day cues and dates (runs of month and weekday
    names), the place context (capitalised-word floods, "the city of X" and "province of" cues by the
    thousand), attribution and sides (quotes nested around reporting verbs), datelines and stamps, custody
    words, a long paragraph without a full stop, control and bidi characters."""
    shape = rng.choice(["months", "weekdays", "caps", "city-of", "province-of", "quotes", "dateline", "custody",
                        "no-stop", "controls"])
    n = _size(rng, 400, 40_000, 0.03)
    if shape == "months":
        return "Three people were killed in " + " ".join(rng.choice(MONTHS) + rng.choice(["", " 3,", " 2016"])
                                                         for _ in range(n)) + "."
    if shape == "weekdays":
        return " ".join(rng.choice(["Two were shot ", "police said ", "arrested ", "on ", "died "]) + rng.choice(DAYS)
                        + rng.choice(["", ".", ",", "'s shooting"]) for _ in range(n))
    if shape == "caps":
        sep = rng.choice([" ", "\n\n", ", ", " and "])
        return "Three people were killed in " + sep.join(_name(rng) for _ in range(n)) + rng.choice(["", "."])
    if shape == "city-of":
        return " ".join(f"Two people were killed in the {rng.choice(['city', 'town', 'district', 'village'])} of "
                        f"{_name(rng)}{rng.choice(['.', ',', ' and'])}" for _ in range(max(1, n // 8)))
    if shape == "province-of":
        return " ".join(f"the {rng.choice(['province', 'state', 'governorate', 'region'])} of {_name(rng)} "
                        f"{rng.choice(['and', 'in', ','])}" for _ in range(max(1, n // 4))) + " three were killed."
    if shape == "quotes":
        q = rng.choice(['"', "\u201c", "'", "\u2018", "\u00ab"])
        close = {"\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb"}.get(q, q)
        depth = max(1, n // 3)
        return ("Three people were killed, " + f"{rng.choice(['he said', 'police told', 'according to'])} {q}" * depth
                + "two were wounded" + close * rng.choice([depth, 0, depth // 2]) + ".")
    if shape == "dateline":
        return "\n".join(rng.choice([f"{_name(rng).upper()}, Syria, {rng.choice(MONTHS)} {rng.randint(1, 31)} (Reuters) - ",
                                      "Posted: Monday, March 3, 2014 ", "Updated 9:45 a.m. Sunday: ", "FILE PHOTO: ",
                                      "(File photo) ", "KARACHI: "]) + "two were killed" for _ in range(max(1, n // 10)))
    if shape == "custody":
        return " ".join(rng.choice(CUSTODY) for _ in range(n)) + rng.choice(["", "."])
    if shape == "no-stop":  # up to 200 kB and more without a sentence end
        words = ["three", "people", "were", "killed", "in", "Aleppo", "on", "Monday", "said", "police", "the", "city",
                 "of", "Homs", "and", "detained", "March", "2016", "town", "quiet"]
        return " ".join(rng.choice(words) for _ in range(n * 5))
    return "".join(rng.choice(["Three people were killed ", "in Aleppo. ", "police said "] + CONTROLS)
                   for _ in range(n))


def gen_html(rng: random.Random) -> str:
    shape = rng.choice(["flood", "nest", "attrs", "script"])
    story = "<p>Three people were killed in Aleppo on Monday, the civil defence said.</p>"
    if shape == "flood":
        tag = rng.choice(["p", "div", "span", "li", "td", "a", "b"])
        return "<html><body>" + f"<{tag}>x</{tag}>" * _size(rng, 3000, 300_000, 0.02) + story + "</body></html>"
    if shape == "nest":
        n = _size(rng, 3000, 120_000, 0.02)
        tag = rng.choice(["div", "span", "b", "table"])
        return "<html><body>" + f"<{tag}>" * n + story + f"</{tag}>" * rng.choice([n, 0]) + "</body></html>"
    if shape == "attrs":
        return "<html><body><p " + "a='1' " * _size(rng, 2000, 100_000, 0.01) + ">" + story + "</body></html>"
    return ("<html><head><script>" + "var x=1;" * _size(rng, 1000, 400_000, 0.02) + "</script></head><body><article>"
            + story + "</article></body></html>")


def gen_jsonl(rng: random.Random) -> bytes:
    shape = rng.choice(["deep", "digits", "fields", "published", "surrogates", "mixed"])
    if shape == "surrogates":  # lone surrogate escapes (no characters) in the text and the other fields
        esc = lambda: "".join(rng.choice(["\\ud800", "\\udfff", "\\udc80", "\\ud83d", "x", " ", "killed "])  # noqa: E731
                              for _ in range(rng.randint(1, 40)))
        return ('{"id":"' + esc() + '","title":"' + esc() + '","text":"Three people were killed ' + esc() + '."}').encode()
    if shape == "deep":
        ch = rng.choice(["[", "{\"a\":", "[{\"x\":"])
        return ('{"id":"d","text":' + ch * _size(rng, 5000, 200_000, 0.05)).encode()
    if shape == "digits":
        key = rng.choice(["published", "id", "text", "url", "title"])
        return ('{"id":"n","text":"Two were killed.","' + key + '":' + "9" * rng.randint(1, 20_000) + "}").encode()
    if shape == "fields":
        key = rng.choice(["id", "url", "title", "published"])
        value = rng.choice([[1, 2], {"a": 1}, True, None, 1e308, -0.0, "x" * rng.randint(0, 30_000)])
        return json.dumps({"id": "f", "text": "Two were killed.", key: value}).encode()
    if shape == "published":
        value = rng.choice(["0001-01-01", "9999-12-31", "2016-13-45", "notadate", "2016-05-06T10:00:00Z",
                            "2016", "2016-02-30", "1" * rng.randint(1, 9000), "", "\u0000"])
        return json.dumps({"id": "p", "text": "Two people were killed in Homs.", "published": value}).encode()
    return bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 200)))


def gen_url(rng: random.Random) -> str:
    hosts = ["0177.0.0.1", "999.1.1.1", "[::1", "[zz::1]", "xn--", "xn--zz", "[64:ff9b::7f00:1]", "[2002:7f00:1::]",
             "[::127.0.0.1]", "[::ffff:10.0.0.1]", "[fe80::1%25eth0]", "127.1", "0x7f.1", "2130706433", "a" * 300,
             "exa mple.com", "news.example", "[::]", "[2606:4700::1111]", "evil.com@127.0.0.1", "①②.example", ""]
    host = rng.choice(hosts)
    if rng.random() < 0.3:
        host = "".join(rng.choice("0123456789abcdef:.[]%-x@") for _ in range(rng.randint(1, 40)))
    scheme = rng.choice(["http", "https", "HTTP", "ftp", "file", "javascript"])
    port = rng.choice(["", ":80", ":99999", ":-1", ":abc", ":"])
    return f"{scheme}://{host}{port}/" + rng.choice(["", "path", "%zz", "?q=" + "a" * 100])


def gen_host(rng: random.Random) -> str:
    forms = ["localhost:8820@evil.com", "[::1]evil.com", "localhost", "127.0.0.1:8000", "[::1]:8000",
             "localhost:80:80", "", " ", "evil.com", "localhost.", "LOCALHOST", "[::1", "a" * 300]
    if rng.random() < 0.5:
        return rng.choice(forms)
    return "".join(rng.choice("abcl0:.[]@/\\ %") for _ in range(rng.randint(0, 30)))


def gen_date(rng: random.Random) -> str:
    forms = ["2016-05-06", "2016-5-1", "0001-01-01", "2016-13-45", "yesterday", "9" * 5000, "2016-02-30",
             "2016-05", "2016", "", " 2016-05-06 ", "2016-05-06T00:00"]
    if rng.random() < 0.5:
        return rng.choice(forms)
    return "".join(rng.choice("0123456789-T: x") for _ in range(rng.randint(0, 20)))


def gen_config(rng: random.Random) -> dict:
    key = rng.choice(["allow_private_urls", "max_bytes", "doc_timeout", "workers", "port", "max_sentence_chars",
                      "max_punct_run", "max_html_elements", "host", "fetch_timeout"])
    value = rng.choice(["false", "true", "big", -1, 0, 1, 10**30, 1.5, True, False, None, [1], {"a": 1}, ""])
    return {key: value}


def gen_cell(rng: random.Random) -> object:
    return rng.choice(["=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-1", "@SUM(A1)", "\t=1", " =1",
                       "\uff1d1", "Aleppo", "", 5, -5, 1.5, "=" * rng.randint(1, 100)])


# --- targets: payload -> None, raising only what is documented ---------------------------------


def run_text(payload: str, *, html: bool = False) -> str:
    from warcount.config import Options
    from warcount.errors import InputError
    from warcount.pipeline import process
    from warcount.read import read_content

    options = Options(doc_timeout=DOC_TIMEOUT)
    try:
        report = process(read_content(payload, origin="fuzz", content_type="html" if html else None), options)
    except InputError:
        return "refused"
    limit = options.max_sentence_chars
    for c in report.claims:
        assert len(c.sentence or "") <= limit + options.max_punct_run, ("sentence over budget", len(c.sentence))
        assert len(c.evidence) <= limit + options.max_punct_run, ("evidence over budget", len(c.evidence))
        assert c.figure.low >= 0 and (c.figure.high is None or c.figure.low <= c.figure.high)
    out = len(json.dumps(report.as_dict(), ensure_ascii=False))
    assert out <= 400 * len(payload) + 20_000, ("output not linear", out, len(payload))
    return "ok"


def run_jsonl(payload: bytes) -> str:
    from warcount.errors import InputError
    from warcount.read import _jsonl_record

    item = _jsonl_record(payload, "fuzz.jsonl:1")
    if isinstance(item, InputError):
        assert "\n" not in str(item), "error is more than one line"
        return "refused"
    for value in (item.raw, item.record_id, item.title, item.url):  # every output writes them as UTF-8
        if value is not None:
            value.encode("utf-8")
    return "ok"


def run_url(payload: str) -> str:
    import httpx

    from warcount.config import Options
    from warcount.errors import FetchError
    from warcount.read import fetch

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/plain"}, content=b"Three people were killed.")

    try:
        fetch(payload, Options(), transport=httpx.MockTransport(handler), resolve=lambda h, p: ["93.184.216.34"])
    except FetchError as exc:
        assert "\n" not in str(exc)
        return "refused"
    return "ok"


def run_host(payload: str) -> str:
    from warcount.web.app import LOOPBACK_NAMES, _hostname

    name = _hostname(payload)
    if name is None:
        return "refused"
    assert "@" not in name and "/" not in name and (name in LOOPBACK_NAMES or name.strip("[]")), name
    return "ok"


def run_date(payload: str) -> str:
    from warcount.read import check_published
    from warcount.validate import parse_date

    value, note = check_published(payload)
    assert value is None or note is None
    try:
        parse_date(payload)
        parse_date(payload, end=True, clamp=True)
    except ValueError as exc:
        assert "\n" not in str(exc)
        return "refused"
    return "ok"


def run_config(payload: dict) -> str:
    from warcount.config import load_options
    from warcount.errors import ConfigError

    try:
        load_options(None, **payload)
    except ConfigError as exc:
        assert "\n" not in str(exc)
        return "refused"
    return "ok"


def run_cell(payload: object) -> str:
    from warcount.export import FORMULA_START, safe_cell

    out = safe_cell(payload)
    if isinstance(out, str) and out:
        assert out[0] not in FORMULA_START and out.lstrip()[:1] not in FORMULA_START or out[0] == "'"
    return "ok"


SHAPES = {  # name -> (generator, target, weight)
    "text": (gen_text, run_text, 5),
    "html": (gen_html, lambda p: run_text(p, html=True), 2),
    "scan": (gen_scan, run_text, 3),
    "jsonl": (gen_jsonl, run_jsonl, 25),
    "url": (gen_url, run_url, 15),
    "host": (gen_host, run_host, 18),
    "date": (gen_date, run_date, 18),
    "config": (gen_config, run_config, 9),
    "cell": (gen_cell, run_cell, 8),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inputs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", default="", help="comma-separated shapes")
    ap.add_argument("--big", type=float, default=0.25, help="scale of the chance of a big input (1: the generators' own)")
    args = ap.parse_args()
    global BIG_SHARE
    BIG_SHARE = args.big
    import logging

    logging.disable(logging.WARNING)
    import warcount

    warcount.extract("Three people were killed in Aleppo, police said.")  # load once, before timing
    rng = random.Random(args.seed)
    names = [n for n in SHAPES if not args.only or n in args.only.split(",")]
    weights = [SHAPES[n][2] for n in names]
    stats: dict[str, dict] = defaultdict(lambda: {"inputs": 0, "ok": 0, "refused": 0, "crashes": 0, "hangs": 0,
                                                  "slowest": 0.0, "slowest_cpu": 0.0,
                                                  "bytes": 0})
    signal.signal(signal.SIGALRM, _alarm)
    t_all = time.monotonic()
    samples: list[str] = []
    for i in range(args.inputs):
        name = rng.choices(names, weights)[0]
        gen, target, _ = SHAPES[name]
        payload = gen(rng)
        st = stats[name]
        st["inputs"] += 1
        st["bytes"] += len(payload) if isinstance(payload, (str, bytes)) else 0
        t0, c0 = time.monotonic(), time.thread_time()
        signal.alarm(WALL_GUARD)
        try:
            verdict = target(payload)
            if time.thread_time() - c0 > HANG_SECONDS:
                st["hangs"] += 1
                samples.append(f"HANG {name} ({time.thread_time() - c0:.1f} s CPU): {repr(payload)[:200]}")
            else:
                st[verdict] += 1
        except Hang:
            st["hangs"] += 1
            samples.append(f"HANG {name}: {repr(payload)[:200]}")
        except Exception as exc:  # noqa: BLE001 - a crash is what we count
            st["crashes"] += 1
            samples.append(f"CRASH {name}: {type(exc).__name__}: {exc!s:.200} <- {repr(payload)[:200]}\n"
                           + "".join(traceback.format_exc().splitlines(True)[-4:]))
        finally:
            signal.alarm(0)
        st["slowest"] = max(st["slowest"], time.monotonic() - t0)
        st["slowest_cpu"] = max(st["slowest_cpu"], time.thread_time() - c0)
        if (i + 1) % 10_000 == 0:
            print(f"... {i + 1:,} inputs, {time.monotonic() - t_all:,.0f} s", flush=True)
    total = {k: sum(s[k] for s in stats.values()) for k in ("inputs", "crashes", "hangs", "refused")}
    print(f"{'shape':8} {'inputs':>8} {'ok':>8} {'refused':>8} {'crashes':>8} {'hangs':>6} {'slowest s':>10} "
          f"{'CPU s':>7} {'MB':>8}")
    for name in names:
        s = stats[name]
        print(f"{name:8} {s['inputs']:8,} {s['ok']:8,} {s['refused']:8,} {s['crashes']:8,} {s['hangs']:6,} "
              f"{s['slowest']:10.2f} {s['slowest_cpu']:7.2f} {s['bytes'] / 1e6:8.1f}")
    print(f"total: {total['inputs']:,} inputs, {total['crashes']} crashes, {total['hangs']} hangs over "
          f"{HANG_SECONDS} s of CPU (or {WALL_GUARD} s wall), {time.monotonic() - t_all:,.0f} s wall")
    for s in samples[:20]:
        print(s)
    sys.exit(1 if total["crashes"] or total["hangs"] else 0)


if __name__ == "__main__":
    main()
