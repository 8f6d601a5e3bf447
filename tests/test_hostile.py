"""The hostile-input corpus (issue 7, part 2): every file through ``warcount extract``, as documented.

Small files are committed under tests/data/hostile/; the large ones (a gzip
bomb, 100,000-level nested HTML, a single 100 MB line, a JSONL file with a
50 MB line) are generated into tmp_path. For each case: the exit code (0 ok,
1 partial, 3 nothing readable), a one-line error on stderr that names the input
and says what is wrong, never a traceback, and a hang guard of 60 s
(the 10 s bound is measured by bench/hostile_times.py; docs/reliability.md lists the figures).

URLs go through the real ``read.fetch`` with an ``httpx.MockTransport`` and a
fake resolver patched in: no test touches the network.
"""
from __future__ import annotations

import gzip
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from warcount import read
from warcount.cli import main

HOSTILE = Path(__file__).parent / "data" / "hostile"
#: a hang guard, not a speed figure, in CPU seconds of the process doing the work (wall time on a loaded
#: machine ran 6 to 8 times the CPU time: a loaded CI machine ran a 6 s case past 10 s). The issue's
#: "within 10 s" is measured on a quiet machine by bench/hostile_times.py (docs/reliability.md).
TIME_BOUND = 60.0


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Load the parser and the gazetteer once before the timed cases: the bound is on the input,
    not on a process's first use of them (several seconds on a loaded machine)."""
    import warcount

    warcount.extract("Three people were killed in Aleppo, police said.")
P = pytest.param


# --- generated (large) files -----------------------------------------------------------------

def gzip_bomb(tmp: Path) -> Path:
    """200 MiB of spaces in 200 KiB of gzip: four times the 50 MiB cap."""
    p = tmp / "gzip-bomb.txt.gz"
    with gzip.open(p, "wb", compresslevel=9) as g:
        block = b" " * (1 << 20)
        for _ in range(200):
            g.write(block)
    return p


def nested_html(tmp: Path) -> Path:
    p = tmp / "nested-100k.html"
    p.write_text("<html><body>" + "<div>" * 100_000 + "<p>Three people were killed in Aleppo, police said.</p>"
                 + "</div>" * 100_000 + "</body></html>", encoding="utf-8")
    return p


def line_100mb(tmp: Path) -> Path:
    p = tmp / "line-100mb.txt"
    chunk = b"Three people were killed. " * 40_000  # no newline anywhere
    with p.open("wb") as f:
        while f.tell() < 100_000_000:
            f.write(chunk)
    return p


def jsonl_50mb_line(tmp: Path) -> Path:
    """A good record, one record whose line is 50 MB (decimal, under the 50 MiB line cap), a good record."""
    p = tmp / "line-50mb.jsonl"
    with p.open("wb") as f:
        f.write(b'{"id": "before", "text": "Two people were killed in Homs, activists said."}\n')
        f.write(b'{"id": "huge", "text": "')
        f.write(b"filler words " * (50_000_000 // 13))
        f.write(b'"}\n')
        f.write(b'{"id": "after", "text": "Four people were wounded in Idlib, medics said."}\n')
    return p


def jsonl_over_cap_line(tmp: Path) -> Path:
    """A line of 50 MiB + 1 KiB: over ``max_line_bytes``, refused, and the records around it still go."""
    p = tmp / "line-over-cap.jsonl"
    with p.open("wb") as f:
        f.write(b'{"id": "before", "text": "Two people were killed in Homs, activists said."}\n')
        f.write(b'{"id": "huge", "text": "' + b"x" * (50 * 1024 * 1024 + 1024) + b'"}\n')
        f.write(b'{"id": "after", "text": "Four people were wounded in Idlib, medics said."}\n')
    return p


GENERATED = {"gzip-bomb.txt.gz": gzip_bomb, "nested-100k.html": nested_html, "line-100mb.txt": line_100mb,
             "line-over-cap.jsonl": jsonl_over_cap_line}

# --- the corpus and what each file must do ------------------------------------------------------
# name -> (exit code, what stderr must say (None: nothing), claims expected at least)

CASES = [
    P("empty.txt", 3, "empty file (0 bytes)", 0, id="empty"),
    P("whitespace.txt", 3, "holds only whitespace", 0, id="whitespace-only"),
    P("nul-bytes.txt", 3, "binary file: holds NUL bytes", 0, id="nul-bytes"),
    P("png-named-txt.txt", 3, "looks like a PNG image", 0, id="png-named-txt"),
    P("gzip-bomb.txt.gz", 3, "refusing a possible gzip bomb", 0, id="gzip-bomb"),
    P("truncated.txt.gz", 3, "truncated gzip file", 0, id="truncated-gzip"),
    # over max_html_elements: read by the linear block-tag extractor, which finds the story lxml lost
    P("nested-100k.html", 0, None, 1, id="nested-html-100k"),
    P("line-100mb.txt", 3, "over the limit of 50.0 MiB", 0, id="single-line-100mb"),
    P("line-over-cap.jsonl", 1, "line-over-cap.jsonl:2: line is over the limit", 2, id="jsonl-line-over-cap"),
    P("mixed-encodings.txt", 0, None, 2, id="mixed-utf8-cp1252"),
    P("wrong-charset.html", 0, None, 2, id="declared-shift-jis-is-cp1252"),
    P("declared-utf8-is-cp1251.html", 0, None, 1, id="declared-utf8-is-cp1251"),
    P("bom-mismatch.txt", 0, None, 0, id="utf16-bom-on-utf8-bytes"),
    P("utf16-no-bom.txt", 0, None, 1, id="utf16-without-bom"),
    P("rtl-arabic.txt", 0, None, 1, id="rtl-arabic-with-bidi-override"),
    P("hebrew-mixed.txt", 0, None, 1, id="hebrew-mixed"),
    P("cjk-cyrillic.txt", 0, None, 0, id="cjk-cyrillic"),
    P("emoji.txt", 0, None, 2, id="emoji"),
    P("scripts-only.html", 3, "no article text found in the HTML", 0, id="html-only-scripts"),
    P("absurd-numbers.txt", 0, None, 0, id="absurd-digits"),
    P("bad-lines.jsonl", 1, "bad-lines.jsonl:2: line is not valid JSON", 1, id="jsonl-bad-lines"),
    # an <svg> root once made trafilatura assert; parsed once with lxml's HTML parser, the page's
    # own text is found (its one claim)
    P("svg-root.html", 0, None, 1, id="svg-root-html"),
]


def _path(name: str, tmp_path: Path) -> Path:
    if name in GENERATED:
        return GENERATED[name](tmp_path)
    return HOSTILE / name


def _claims(stdout: str) -> list[dict]:
    out = []
    for line in stdout.splitlines():
        if line.strip():
            out += json.loads(line)["claims"]
    return out


def check_cli_result(res, origin: str, code: int, message: str | None) -> None:
    assert not (res.exception and not isinstance(res.exception, SystemExit)), repr(res.exception)
    assert res.exit_code == code, (res.exit_code, res.stderr)
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    if message is None:
        assert not lines, lines
        return
    assert lines, "expected an error line"
    for ln in lines:  # one line per bad input or record, naming it
        assert ln.startswith("warcount: ") and origin in ln, ln
    assert any(message in ln for ln in lines), (message, lines)


@pytest.mark.parametrize("name,code,message,min_claims", CASES)
def test_hostile_file(name: str, code: int, message: str | None, min_claims: int, tmp_path: Path,
                      record_property) -> None:
    path = _path(name, tmp_path)
    c0 = time.process_time()
    res = CliRunner().invoke(main, ["extract", "--format", "jsonl", str(path)])
    elapsed = time.process_time() - c0
    record_property("seconds", round(elapsed, 2))
    check_cli_result(res, str(path), code, message)
    claims = _claims(res.stdout)
    assert len(claims) >= min_claims
    for c in claims:
        assert c["figure"]["low"] >= 0 and (c["figure"]["high"] is None or c["figure"]["low"] <= c["figure"]["high"])
    assert elapsed < TIME_BOUND, f"{name} took {elapsed:.1f} s of CPU"


def test_absurd_numbers_give_no_astronomical_figures() -> None:
    res = CliRunner().invoke(main, ["extract", "--format", "jsonl", str(HOSTILE / "absurd-numbers.txt")])
    for c in _claims(res.stdout):
        assert c["figure"]["low"] <= 10**9, c


# --- a JSONL file with a 50 MB line, in a real process, under the CPU hang guard ------------------


@pytest.mark.slow
def test_jsonl_50mb_line_within_bound(tmp_path: Path) -> None:
    path = jsonl_50mb_line(tmp_path)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    res = subprocess.run([str(Path(sys.executable).with_name("warcount")), "extract", "--format", "jsonl", str(path)],
                         capture_output=True, text=True, timeout=5 * TIME_BOUND)  # wall: only a guard against a wait
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    assert res.returncode == 0 and "Traceback" not in res.stderr
    assert cpu < TIME_BOUND, cpu
    assert [json.loads(ln)["id"] for ln in res.stdout.splitlines()] == ["before", "huge", "after"]


# --- URLs: redirects to file:// and to private addresses are refused ------------------------------

PUBLIC = {"news.example": ["93.184.216.34"], "cdn.example": ["2606:2800:220:1::1"],
          "intranet.example": ["10.1.2.3"], "rebind.example": ["93.184.216.34", "127.0.0.1"]}


def _handler(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    redirects = {"/to-file": "file:///etc/passwd", "/to-metadata": "http://169.254.169.254/latest/meta-data/",
                 "/to-loopback": "http://127.0.0.1:8000/api/documents", "/to-intranet": "http://intranet.example/",
                 "/to-v6-loopback": "http://[::1]/", "/to-mapped": "http://[::ffff:10.0.0.1]/",
                 "/to-rebind": "http://rebind.example/", "/to-gopher": "gopher://news.example/"}
    if path in redirects:
        return httpx.Response(302, headers={"location": redirects[path]})
    if path == "/loop":
        return httpx.Response(302, headers={"location": "/loop"})
    if path == "/ok":
        return httpx.Response(200, headers={"content-type": "text/plain"},
                              content=b"Three people were killed in Aleppo on Monday, police said.")
    if path == "/bomb":
        return httpx.Response(200, headers={"content-type": "text/plain"}, content=b" " * (51 * 1024 * 1024))
    return httpx.Response(404)


def _resolve(host: str, port: int) -> list[str]:
    if host not in PUBLIC:
        raise OSError("unknown host (test resolver)")
    return PUBLIC[host]


@pytest.fixture
def mock_network(monkeypatch):
    """``read.fetch`` as is, but over a MockTransport and the table above instead of DNS."""
    real = read.fetch

    def fetch(url, options, transport=None, *, resolve=None, **kw):
        return real(url, options, transport=httpx.MockTransport(_handler), resolve=_resolve, **kw)

    monkeypatch.setattr(read, "fetch", fetch)


URLS = [
    P("http://news.example/ok", 0, None, id="public-ok"),
    P("http://news.example/to-file", 3, "refusing URL scheme 'file'", id="redirect-to-file"),
    P("http://news.example/to-gopher", 3, "refusing URL scheme 'gopher'", id="redirect-to-gopher"),
    P("http://news.example/to-metadata", 3, "refusing host 169.254.169.254", id="redirect-to-link-local"),
    P("http://news.example/to-loopback", 3, "refusing host 127.0.0.1", id="redirect-to-loopback"),
    P("http://news.example/to-v6-loopback", 3, "refusing host ::1", id="redirect-to-v6-loopback"),
    P("http://news.example/to-mapped", 3, "refusing host ::ffff:10.0.0.1", id="redirect-to-v4-mapped-private"),
    P("http://news.example/to-intranet", 3, "refusing host intranet.example (10.1.2.3)", id="redirect-to-private-name"),
    P("http://news.example/to-rebind", 3, "refusing host rebind.example (127.0.0.1)", id="name-with-a-loopback-address"),
    P("http://10.0.0.1/", 3, "refusing host 10.0.0.1", id="private-direct"),
    P("file:///etc/passwd", 3, "refusing URL scheme 'file'", id="file-url-direct"),
    P("http://news.example/loop", 3, "more than 10 redirects", id="redirect-loop"),
    P("http://news.example/bomb", 3, "response is over the limit", id="body-over-cap"),
]


@pytest.mark.parametrize("url,code,message", URLS)
def test_hostile_url(url: str, code: int, message: str | None, mock_network) -> None:
    t0 = time.monotonic()
    res = CliRunner().invoke(main, ["extract", "--format", "jsonl", url])
    assert time.monotonic() - t0 < TIME_BOUND
    check_cli_result(res, url, code, message)
    if code == 0:
        assert len(_claims(res.stdout)) >= 1


# --- the scans added in the last two rounds: crafted shapes within the budget --------------------------
# custody.py, daycues.py, datelines.py, setting.py, placectx.py (and places.py's use of it), sides.py and the
# pre-filter each scan text with patterns of their own. Each shape below aims at one of them; it runs the
# whole pipeline under the default budget (``doc_timeout``, CPU seconds, so a loaded machine does not change
# the verdict) and must give a report, never ``DocTimeout`` nor any other exception, with every claim's
# evidence a slice of the raw text and sentence within the window limit. The larger sizes and their times
# are in bench/fuzz_shapes.py (``--only scan``) and bench/hostile_times.py.

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _names(n: int) -> list[str]:
    """n distinct capitalised made-up words ("Bakor", "Dimesu", ...): names no gazetteer holds."""
    syll = ["ba", "ko", "ri", "me", "su", "ta", "lo", "ni", "de", "gu"]
    return [(syll[i % 10] + syll[i // 10 % 10] + syll[i // 100 % 10] + "r").capitalize() for i in range(n)]


SCAN_SHAPES = {
    # daycues / dates / setting._WHEN_WORDS: runs of month and weekday names beside cues
    "month-run": lambda: "Three people were killed in " + " ".join(MONTHS * 400) + ".",
    "weekday-run": lambda: ("Three people were shot " + " ".join(DAYS * 300) + " and arrested "
                            + " ".join(DAYS * 300) + ", police said."),
    "day-cue-sentences": lambda: " ".join(f"Two people were killed {DAYS[i % 7]}, police said {DAYS[(i + 1) % 7]}."
                                          for i in range(300)),
    # placectx: a flood of capitalised words, one sentence and many paragraphs
    "capitalised-flood": lambda: "Three people were killed in " + " ".join(_names(3000)) + ".",
    "capitalised-paragraphs": lambda: "\n\n".join("Two soldiers were killed in " + " ".join(_names(2400)[12 * k:12 * k + 12])
                                                  + "." for k in range(200)),
    # setting._named_by_area_noun, placectx._ADMIN_OF, places: thousands of "the city of X" / "province of"
    "city-of-cues": lambda: " ".join(f"Two people were killed in the city of {n}." for n in _names(400)),
    "province-of-cues": lambda: " ".join(f"the province of {n} and" for n in _names(3000)) + " three were killed.",
    # attribution and sides near quotes: deep nesting around reporting verbs
    "nested-quotes": lambda: ("Three people were killed, " + "he said \u201c" * 2000 + "two were wounded"
                              + "\u201d" * 2000 + "."),
    "open-quotes": lambda: " ".join('"Four people were killed," said "the' for _ in range(300)),
    # datelines: a head of datelines and stamps, captions everywhere
    "dateline-flood": lambda: "\n".join(f"ALEPPO, Syria, March {i % 28 + 1} (Reuters) - Posted: Monday, March 3, 2014 "
                                        "Updated: two were killed" for i in range(300)),
    "stamp-flood": lambda: " ".join("Updated Posted Published Update UPDATE 9:45 a.m. Sunday FILE PHOTO File photo"
                                    for _ in range(1000)) + " two were killed.",
    # custody: its cue words in every order, no sentence end
    "custody-words": lambda: " ".join(["he", "remains", "in", "detention", "behind", "bars", "held", "by", "gunmen",
                                       "went", "missing", "whereabouts", "unknown", "since", "was", "seized", "the",
                                       "lawyer", "his", "brother", "and"][(i * 5) % 21] for i in range(6000)),
    # one 200 kB paragraph without a full stop: the sentence windows, every per-sentence scan (a claim every
    # 2 KB here; the bench's dense version has one every 100 characters and stops at max_claims)
    "200kb-no-full-stop": lambda: " ".join(("the town was quiet and the market opened again while " * 38
                                            + "three people were killed in Aleppo on Monday said police and")
                                           for _ in range(100)),
    # NUL, C0/C1 controls and bidi controls through the text (under the 10 % that makes a file binary)
    "control-and-rtl": lambda: "".join(["Three people were killed ", "\x00", "\x1b", "\u202e", "\u202d", "\u200f",
                                        "\u2066", "\ufeff", "\x85", "\u2028", "in Aleppo. ", "\u05d0\u05d1 ",
                                        "\u0627\u0644 "][(i * 5) % 13] for i in range(4000)),
}


@pytest.mark.parametrize("name", sorted(SCAN_SHAPES))
def test_scan_shape_within_the_budget(name: str) -> None:
    from warcount.config import Options
    from warcount.pipeline import process

    text = SCAN_SHAPES[name]()
    options = Options()  # the default doc_timeout: DocTimeout (an InputError) here fails the test
    doc = read.read_content(text, origin=name)
    report = process(doc, options)
    for c in report.claims:
        assert doc.raw[c.evidence_start:c.evidence_end] == c.evidence
        assert len(c.sentence or "") <= options.max_sentence_chars + options.max_punct_run
    assert len(json.dumps(report.as_dict(), ensure_ascii=False)) <= 400 * len(text) + 20_000


def test_place_context_is_read_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each event's place is resolved against the document's context; the context is read once, not once
    per distinct place name (1,000 claims in differently named cities made 1,000 scans of 20,000
    characters: 4.7 s of the 10 s budget for 500 of them)."""
    import warcount
    from warcount import places

    calls: list[int] = []
    real = places.context_of

    def counting(text, *args, **kwargs):
        calls.append(len(text))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(places, "context_of", counting)
    text = " ".join(f"Two people were killed in the city of {n}." for n in _names(120))
    report = warcount.extract(text)
    assert len(report.events) > 50  # one event per city: the place of each is resolved
    assert len(calls) <= 2, len(calls)


def test_event_type_reads_each_sentence_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """An event's type is read from its claims' sentences; claims that share a sentence window are read
    once (600 claims of one 17 KB sentence joined to 600 KB: one regex search holding the interpreter
    lock for a second, stalling the server's other requests four times longer on a loaded machine)."""
    import warcount
    from warcount import events

    read_chars: list[int] = []
    real = events._event_type

    def counting(text: str) -> str:
        read_chars.append(len(text))
        return real(text)

    monkeypatch.setattr(events, "_event_type", counting)
    text = "three people were killed and " * 600 + "officials said."
    report = warcount.extract(text)
    assert len(report.claims) >= 600
    assert max(read_chars) <= 4000 + 1000 and sum(read_chars) <= 2 * len(text) + 4000, (max(read_chars),
                                                                                          sum(read_chars))


def test_jsonl_surrogate_escapes_keep_the_record(tmp_path: Path) -> None:
    """JSON allows "\\ud800", a lone surrogate that is no character: UTF-8 cannot hold it, so the tokenizer
    refused the record ("extraction failed (UnicodeEncodeError)"); now each becomes U+FFFD with a note, and
    the record, its id and title, go on."""
    p = tmp_path / "surrogates.jsonl"
    p.write_text('{"id": "a", "text": "Two people were killed in Homs."}\n'
                 '{"id": "s\\udc80", "title": "\\ud83d", "text": "Three people were killed \\ud800 in \\udfff Aleppo."}\n'
                 '{"id": "b", "text": "Four people were wounded in Idlib."}\n', encoding="ascii")
    res = CliRunner().invoke(main, ["extract", "--format", "jsonl", str(p)])
    check_cli_result(res, str(p), 0, None)
    rows = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", "s\ufffd", "b"]
    assert rows[1]["claims"] and rows[1]["document"]["title"] == "\ufffd"
    assert any("2 lone surrogate escapes" in n for n in rows[1]["document"]["notes"])
