"""Fuzz targets for the reader, the cleaner and the whole extract (issue 7).

Each target takes fuzzer bytes and must raise nothing but ``InputError``; the
extract target also checks the invariants of tests/test_fuzz_properties.py
(evidence equals the raw slice, non-negative int figures with low <= high,
JSON round trip). A target that runs longer than 10 s on one input is a hang.

Coverage-guided, with atheris (libFuzzer), one process per target:

    .venv/bin/python bench/fuzz.py --target reader --runs 100000
    .venv/bin/python bench/fuzz.py --target all --runs 40000   # each target in turn

Without atheris instrumentation (seed mutations from a fixed PRNG; the CI run
in tests/test_fuzz_properties.py calls ``run_plain``):

    .venv/bin/python bench/fuzz.py --plain --runs 3000

Seeds are short texts, HTML, gzip, JSONL lines and encodings written here.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HANG_SECONDS = 10

SEEDS: list[bytes] = [
    b"Three people were killed and four injured in Aleppo on Monday, police said.",
    b"On May 6, 2016, at least 17 IRGC advisers were killed in Khan Touman, the IRGC acknowledged. "
    b"Jam News reported 80 dead, a claim that could not be confirmed.",
    b"<html><head><meta charset='windows-1252'><title>Bomb kills twelve</title></head><body><article>"
    b"<p>Twelve people were killed when a bomb exploded in the market, police said.</p>"
    b"<p>Between 400 and 700 were wounded since 2012.</p></article></body></html>",
    "قتل خمسة مدنيين في حلب يوم الاثنين. Five civilians were killed in Aleppo.".encode("utf-8"),
    "Погибли 12 солдат. Twelve soldiers died, officials said.".encode("cp1251"),
    "Dozens were killed 🔥 and hundreds wounded, reportedly.".encode("utf-16"),
    b"999999999999999999999 killed; 10^400 dead; 1e400 wounded",
    gzip.compress(b"Two soldiers were captured near Idlib on Tuesday, the army said."),
    json.dumps({"id": "a", "text": "Five or six prisoners were executed, a parliamentarian said."}).encode(),
    json.dumps({"id": "b", "html": "<p>At least 24 fighters were killed, Tasnim said.</p>"}).encode(),
    b"\xef\xbb\xbfMore than 100 people went missing in late May, according to the UN.",
    b"<div><div><div><p>No one was killed.</p></div></div></div><script>var x = '5 killed';</script>",
    # the scans of rounds 7 and 8: day cues, datelines and stamps, the place context, custody, quotes
    (b"DAMASCUS, Syria, March 14 (Reuters) - Posted: Monday, March 3, 2014 Updated 9:45 a.m. Sunday: Two were shot "
     b"Saturday and died Monday, police said Tuesday. FILE PHOTO: January February March April May"),
    b"Two people were killed in the city of Bakor, the province of Dimesu and the town of Kelu Rina Tosa Mbe.",
    b"The lawyer remains in detention, his brother went missing and his whereabouts are unknown since 2017.",
    "Three were killed, he said “police said “the army said “two were wounded””.".encode(),
    b'{"id": "s\\udc80", "title": "\\ud83d", "text": "Three people were killed \\ud800 in Aleppo."}',
]


# --- targets ------------------------------------------------------------------------------

def _split(data: bytes) -> tuple[int, bytes]:
    return (data[0] if data else 0), data[1:]


def target_reader(data: bytes) -> None:
    """read_content on the bytes (as-is, as HTML, with a declared charset), gunzip and a JSONL record."""
    from warcount.errors import InputError
    from warcount.read import _jsonl_record, gunzip, read_content

    mode, body = _split(data)
    kw = {}
    if mode & 1:
        kw["content_type"] = "html"
    if mode & 2:
        kw["charset"] = ("utf-8", "windows-1252", "shift_jis", "bogus", "utf-16")[mode % 5]
    try:
        doc = read_content(body, origin="<fuzz>", **kw)
        assert isinstance(doc.raw, str)
    except InputError:
        pass
    if body[:2] == b"\x1f\x8b" or mode & 4:
        try:
            gunzip(body if body[:2] == b"\x1f\x8b" else gzip.compress(body)[: max(len(body) // 2, 10)],
                   1 << 20, "<fuzz>")
        except InputError:
            pass
    rec = _jsonl_record(body, "<fuzz>:1")
    assert rec is not None


def target_clean(data: bytes) -> None:
    """clean() on the bytes decoded as UTF-8 (errors replaced), as text and as HTML."""
    from warcount.clean import clean
    from warcount.errors import InputError
    from warcount.model import Document

    mode, body = _split(data)
    text = body.decode("utf-8", "replace")
    if not text.strip():
        return
    for ctype in (("html",) if mode & 1 else ("text", "html")):
        try:
            c = clean(Document(id="x", origin="<fuzz>", raw=text, content_type=ctype))
        except InputError:
            continue
        for cs, rs, ln in c.spans:
            assert c.text[cs:cs + ln] == text[rs:rs + ln], (cs, rs, ln)


def target_extract(data: bytes) -> None:
    """read -> clean -> claims -> events, with every invariant checked."""
    from warcount.errors import InputError
    from warcount.pipeline import process
    from warcount.read import read_content

    mode, body = _split(data)
    payload: str | bytes = body if mode & 1 else body.decode("utf-8", "replace")
    try:
        doc = read_content(payload, origin="<fuzz>")
        report = process(doc)
    except InputError:
        return
    check(report, doc.raw, html=doc.content_type == "html")


#: tolerated outcomes that are not crashes, counted per run (HTML evidence that cannot be placed)
KNOWN: dict[str, int] = {}


def visible(markup: str) -> str:
    """The words of an HTML slice as a reader sees them (``clean.visible_words``)."""
    from warcount.clean import visible_words

    return visible_words(markup)


def check(report, raw: str, *, html: bool = False) -> None:
    """The invariants of a report (also used by tests/test_fuzz_properties.py).

    Figures are non-negative ints with low <= high; a text document's evidence is exactly
    ``raw[evidence_start:evidence_end]``; an HTML document's evidence is the cleaned text and its
    offsets the raw region it came from, so that region read as a page is the evidence (-1 offsets
    when it cannot be placed); estimates are sane; the report round-trips through JSON."""
    from warcount.model import KINDS, STATUSES

    for c in report.claims:
        assert c.kind in KINDS and c.status in STATUSES
        f = c.figure
        assert type(f.low) is int and f.low >= 0, f
        assert f.high is None or (type(f.high) is int and f.low <= f.high), f
        if html and c.evidence_start == c.evidence_end == -1:
            KNOWN["html evidence not placed"] = KNOWN.get("html evidence not placed", 0) + 1
            continue
        assert 0 <= c.evidence_start <= c.evidence_end <= len(raw), (c.evidence_start, c.evidence_end)
        if html:
            from warcount.clean import visible_words

            region = raw[c.evidence_start:c.evidence_end]
            # verbatim (even when the extractor kept markup-like text), or the region read as a page
            assert region == c.evidence or visible(region) == visible_words(c.evidence, markup=False), c.evidence
        else:
            assert raw[c.evidence_start:c.evidence_end] == c.evidence, (c.evidence, c.evidence_start)
    for ev in report.events:
        for sides in ev.casualties.values():
            for est in sides.values():
                vals = [v for v in (est.low, est.best, est.high) if v is not None]
                assert all(type(v) is int and v >= 0 for v in vals)
                if est.low is not None and est.high is not None:
                    assert est.low <= est.high or est.high_open, est
    d = report.as_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d


TARGETS = {"reader": target_reader, "clean": target_clean, "extract": target_extract}


# --- plain mutation loop (no atheris) -----------------------------------------------------

def mutate(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(7)
        i = rng.randrange(len(b) + 1)
        if op == 0 and b:
            del b[i:i + rng.randint(1, 16)]
        elif op == 1:
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 2 and b:
            b[min(i, len(b) - 1)] ^= 1 << rng.randrange(8)
        elif op == 3:
            b[i:i] = rng.choice(SEEDS)[: rng.randint(1, 80)]
        elif op == 4:
            b[i:i] = rng.choice([b"<p>", b"</div>", b"&#0;", b"\x00", b"\xff\xfe", b"\xe2\x80\xae", b" killed",
                                 b" 1,000,000,000,000 ", b"\r\n", b"<meta charset=koi8-r>", b" since 2012 "])
        elif op == 5 and b:
            j = rng.randrange(len(b))
            b[i:i] = b[j:j + rng.randint(1, 40)]
        else:
            b = b[:i]
    return bytes(b)


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang(f"one input ran over {HANG_SECONDS} s")


def run_plain(runs: int, seed: int = 0, targets: list[str] | None = None) -> dict[str, int]:
    """Each target on ``runs`` inputs (seeds, then mutations); raise on the first crash or hang."""
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    old = signal.signal(signal.SIGALRM, _alarm) if hasattr(signal, "SIGALRM") else None
    try:
        for name in targets or list(TARGETS):
            fn = TARGETS[name]
            pool = list(SEEDS)
            for n in range(runs):
                data = pool[n] if n < len(pool) else mutate(rng, rng.choice(pool))
                if n % 50 == 0 and len(pool) < 500:
                    pool.append(data)
                if old is not None:
                    signal.alarm(HANG_SECONDS)
                try:
                    fn(data)
                except Exception as exc:
                    raise AssertionError(f"target {name} crashed on input {data!r}: {type(exc).__name__}: {exc}") \
                        from exc
                finally:
                    if old is not None:
                        signal.alarm(0)
            counts[name] = runs
    finally:
        if old is not None:
            signal.signal(signal.SIGALRM, old)
    return counts


# --- atheris ---------------------------------------------------------------------------------

def run_atheris(name: str, runs: int, extra: list[str]) -> None:
    import atheris

    with atheris.instrument_imports(include=["warcount"]):
        import warcount.clean  # noqa: F401
        import warcount.pipeline  # noqa: F401
        import warcount.read  # noqa: F401
    TARGETS[name](SEEDS[0])  # load spaCy and the lexicons before the clock starts
    corpus = Path(os.environ.get("FUZZ_CORPUS", ROOT / "bench" / "out" / "fuzz-corpus")) / name
    corpus.mkdir(parents=True, exist_ok=True)
    for i, s in enumerate(SEEDS):
        (corpus / f"seed-{i}").write_bytes(s)
    argv = [sys.argv[0], f"-runs={runs}", f"-timeout={HANG_SECONDS}", "-max_len=4096", "-rss_limit_mb=4096",
            "-print_final_stats=1", *extra, str(corpus)]
    import atexit

    atexit.register(lambda: print(f"known (tolerated): {KNOWN}", flush=True))
    atheris.Setup(argv, TARGETS[name])
    atheris.Fuzz()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target", choices=[*TARGETS, "all"], default="all")
    ap.add_argument("--runs", type=int, default=2000, help="inputs per target")
    ap.add_argument("--plain", action="store_true", help="seed mutations without atheris")
    ap.add_argument("--seed", type=int, default=0)
    args, extra = ap.parse_known_args()
    names = list(TARGETS) if args.target == "all" else [args.target]
    if args.plain:
        t0 = time.monotonic()
        counts = run_plain(args.runs, args.seed, names)
        print(f"plain: {counts} inputs, no new crash, {time.monotonic() - t0:.1f} s; known: {KNOWN}")
        return
    if len(names) > 1:  # atheris.Fuzz() never returns: one process per target
        failed = 0
        for name in names:
            t0 = time.monotonic()
            rc = subprocess.call([sys.executable, __file__, "--target", name, "--runs", str(args.runs), *extra])
            print(f"target {name}: exit {rc}, {time.monotonic() - t0:.0f} s", flush=True)
            failed |= rc != 0
        sys.exit(1 if failed else 0)
    run_atheris(names[0], args.runs, extra)


if __name__ == "__main__":
    main()
