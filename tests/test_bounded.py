"""Bounded work on any input (issue 10): each defect's reproduction, pinned.

Every case checks what the issue asks: the input is handled (or refused with its
limit, in one line naming it) without a traceback, and the rest of a batch goes on.
Wall-clock bounds are generous (the suite runs on a loaded 2-core machine); the
real bounds are structural (windows, runs, element counts) and asserted directly.
"""
from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import warcount
from warcount import budget, read, sentences
from warcount.cli import main
from warcount.config import Options, load_options
from warcount.errors import ConfigError, FetchError, LedgerError
from warcount.store import Ledger

#: a hang guard in CPU seconds of this process (CliRunner runs the command in it): the promise is about work, and
#: wall time on a machine with two busy cores ran 6 to 8 times the CPU time; the issue's 10 s is measured by
#: bench/hostile_times.py
BOUND = 60.0


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """The parser and gazetteer load once before anything is timed."""
    warcount.extract("Three people were killed in Aleppo, police said.")


def _run(*args: str, input: str | None = None):
    c0 = time.process_time()  # every thread of the process: the parser's matrix code may run in threads of its own
    res = CliRunner().invoke(main, list(args), input=input)
    return res, time.process_time() - c0


def _no_traceback(res) -> None:
    assert not (res.exception and not isinstance(res.exception, SystemExit)), repr(res.exception)
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout


# --- the claim and text limits: a crafted page ends with its limit, not with doc_timeout ---------


def test_max_claims_stops_reading_and_says_so() -> None:
    text = " ".join(f"On day {k} three people were killed in the market." for k in range(1, 41))
    full = warcount.extract(text)
    capped = warcount.extract(text, options=Options(max_claims=10))
    assert len(full.claims) >= 40 and not any("max_claims" in n for n in full.document["notes"])
    assert 10 <= len(capped.claims) < 15  # stops after the sentence that reaches the limit
    assert [c.evidence for c in capped.claims] == [c.evidence for c in full.claims[:len(capped.claims)]]
    assert any("max_claims" in n for n in capped.document["notes"])


def test_max_text_chars_cuts_at_a_paragraph_and_says_so() -> None:
    text = "\n\n".join(f"Officials said three people were killed in market number {k}." for k in range(200))
    assert 12_000 < len(text) < 14_000
    report = warcount.extract(text, options=Options(max_text_chars=2_000))
    assert report.claims and all(c.evidence_end <= 2_000 for c in report.claims)
    assert len(report.claims) < 40  # the first 2,000 characters: under 31 paragraphs
    (note,) = [n for n in report.document["notes"] if "max_text_chars" in n]
    assert "over max_text_chars (2,000): claims are read from the first 1," in note


def test_text_and_claim_limits_are_options(tmp_path: Path) -> None:
    cfg = tmp_path / "warcount.toml"
    cfg.write_text("max_claims = 0\n")
    with pytest.raises(ConfigError, match="max_claims"):
        load_options(str(cfg))
    cfg.write_text('max_text_chars = "lots"\n')
    with pytest.raises(ConfigError, match="max_text_chars"):
        load_options(str(cfg))
    cfg.write_text("max_claims = 50\nmax_text_chars = 100000\n")
    opts = load_options(str(cfg))
    assert (opts.max_claims, opts.max_text_chars) == (50, 100_000)


# --- 1. long sentences ------------------------------------------------------------------------


def test_windows_are_bounded_and_cover_the_sentence() -> None:
    text = "three people were killed and " * 500
    with budget.document("t", Options(max_sentence_chars=1000)):
        spans = sentences.split_sentences(text)
    assert all(e - s <= 1000 for s, e in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")
    assert all(text[s:e].startswith(("three", "and")) for s, e in spans)  # cut before "and", not mid-clause


def test_long_sentence_claims_are_bounded_and_linear(tmp_path: Path) -> None:
    text = "three people were killed and " * 250  # one 7 KB sentence, 250 claims
    p = tmp_path / "long.txt"
    p.write_text(text)
    res, took = _run("extract", "--format", "jsonl", str(p))
    _no_traceback(res)
    assert res.exit_code == 0, res.stderr
    out = json.loads(res.stdout)
    assert len(out["claims"]) == 250  # every clause found across the window cuts
    limit = Options().max_sentence_chars
    assert all(len(c["sentence"] or "") <= limit and len(c["evidence"]) <= limit for c in out["claims"])
    assert len(res.stdout) < 200 * len(text)  # linear: each claim carries a window, not the sentence
    assert took < BOUND


def test_a_sentence_over_spacy_max_length_is_no_e088(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    p.write_text("Officials said three people were killed and " + "the town is quiet and " * 100_000)  # 2.2 MB
    res, took = _run("extract", "--format", "jsonl", str(p))
    _no_traceback(res)
    assert "E088" not in res.stderr
    assert res.exit_code == 0 and [c["figure"]["low"] for c in json.loads(res.stdout)["claims"]] == [3]
    assert took < BOUND


# --- 2. runs of punctuation -------------------------------------------------------------------


@pytest.mark.parametrize("run", ["(" * 20_000, ")" * 5000, "-" * 30_000, "\"'" * 4000])
def test_punctuation_run_is_left_out_before_the_tokenizer(run: str, tmp_path: Path) -> None:
    p = tmp_path / "run.txt"
    p.write_text("Officials said " + run + "three people were killed.")
    res, took = _run("extract", "--format", "jsonl", str(p))
    _no_traceback(res)
    assert res.exit_code == 0
    assert [c["evidence"] for c in json.loads(res.stdout)["claims"]] == ["three people were killed"]
    assert took < BOUND


# --- 3. element floods ------------------------------------------------------------------------


@pytest.mark.parametrize("repeats", [50_000, 200_000, 1_000_000])
def test_element_flood_is_read_linearly(repeats: int, tmp_path: Path) -> None:
    p = tmp_path / "flood.html"
    p.write_text("<html><body>" + "<p>x</p>" * repeats + "<p>Three people were killed on Monday.</p></body></html>")
    res, took = _run("extract", "--format", "jsonl", str(p))
    _no_traceback(res)
    assert res.exit_code == 0
    out = json.loads(res.stdout)
    assert [c["figure"]["low"] for c in out["claims"]] == [3]
    assert any("max_html_elements" in n for n in out["document"]["notes"])
    assert took < BOUND


def test_a_huge_script_does_not_hide_the_article(tmp_path: Path) -> None:
    p = tmp_path / "script.html"
    p.write_text("<html><head><title>Raid</title><script>var d='" + "QUJD " * 2_500_000 + "';</script></head><body>"
                 "<article><p>Three people were killed in an air raid on Monday, the civil defence said.</p>"
                 "<p>The town's market was hit twice in the afternoon, residents said.</p></article></body></html>")
    res, took = _run("extract", "--format", "jsonl", str(p))
    _no_traceback(res)
    assert res.exit_code == 0, res.stderr
    assert [c["figure"]["low"] for c in json.loads(res.stdout)["claims"]] == [3]
    assert took < BOUND


# --- 4. JSONL lines that crashed the batch -----------------------------------------------------


def _bad_jsonl(tmp_path: Path) -> Path:
    p = tmp_path / "batch.jsonl"
    p.write_text('{"id":"a","text":"Three people were killed in Homs."}\n'
                 '{"id":"deep","text":' + "[" * 100_000 + "\n"
                 '{"id":"big","text":"Two were killed.","published": ' + "9" * 5000 + "}\n"
                 '{"id":"old","text":"Four people were killed in Idlib.","published":"0001-01-01"}\n'
                 '{"id":"list","text":"Five people were killed.","url":["x"]}\n'
                 '{"id":"b","text":"Six people were wounded in Hama."}\n')
    return p


def test_extract_jsonl_reports_bad_lines_and_goes_on(tmp_path: Path) -> None:
    res, took = _run("extract", "--jsonl", str(_bad_jsonl(tmp_path)))
    _no_traceback(res)
    assert res.exit_code == 1
    assert [json.loads(ln)["id"] for ln in res.stdout.splitlines()] == ["a", "old", "b"]
    errors = res.stderr.strip().splitlines()
    assert len(errors) == 3 and all(ln.startswith("warcount: error: ") and "batch.jsonl:" in ln for ln in errors)
    assert "nested too deeply" in errors[0] and "4,300 digits" in errors[1] and '"url"' in errors[2]
    old = json.loads(res.stdout.splitlines()[1])["document"]
    assert old["published"] is None and any("0001-01-01" in n for n in old["notes"])
    assert took < BOUND


def test_ingest_reports_bad_lines_and_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    res, _ = _run("ingest", "--db", str(db), str(_bad_jsonl(tmp_path)))
    _no_traceback(res)
    assert res.exit_code == 1 and "3 new" in res.stderr
    with Ledger(db) as ledger:
        assert len(ledger.documents()) == 3


def test_ingest_of_report_lines_survives_deep_json(tmp_path: Path) -> None:
    good = warcount.extract("Three people were killed in Homs.").as_dict()
    p = tmp_path / "reports.jsonl"
    p.write_text(json.dumps(good) + "\n" + '{"document": ' + "[" * 100_000 + "\n" + json.dumps(good) + "\n")
    res, _ = _run("ingest", "--db", str(tmp_path / "l.db"), str(p))
    _no_traceback(res)
    assert res.exit_code == 1 and "reports.jsonl:2" in res.stderr


# --- 5. URLs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://0177.0.0.1/", "http://999.1.1.1/", "http://[::1/", "http://[zz::1]/",
                                 "https://xn--/", "http://exa mple.com/"])
def test_malformed_url_is_one_line_exit_3(url: str) -> None:
    res, _ = _run("extract", url)
    _no_traceback(res)
    assert res.exit_code == 3
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and url in lines[0], lines


@pytest.mark.parametrize("addr", ["64:ff9b::7f00:1", "2002:7f00:1::", "::127.0.0.1", "::ffff:10.0.0.1",
                                  "64:ff9b::a00:1", "2002:a9fe:a9fe::1", "::1", "fe80::1"])
def test_ipv4_inside_ipv6_private_is_refused(addr: str) -> None:
    assert not read._is_public(addr)
    with pytest.raises(FetchError, match="refusing host"):
        read.fetch(f"http://[{addr}]/", Options(), resolve=lambda h, p: [])


@pytest.mark.parametrize("addr", ["8.8.8.8", "2606:4700::1111", "64:ff9b::808:808", "2002:808:808::1"])
def test_public_addresses_still_pass(addr: str) -> None:
    assert read._is_public(addr)


@pytest.mark.parametrize("host,ok", [("localhost:8820@evil.com", False), ("[::1]evil.com", False),
                                     ("localhost:8000", True), ("[::1]:8000", True), ("127.0.0.1", True),
                                     ("evil.com", False), ("localhost:80:80", False), ("", False)])
def test_host_header(host: str, ok: bool, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from warcount.web import create_app

    with TestClient(create_app(tmp_path / "l.db")) as c:
        r = c.get("/api/documents", headers={"host": host})
    assert (r.status_code == 200) == ok, (host, r.status_code, r.text)


def test_add_page_malformed_url_is_400_not_500(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from warcount.web import create_app

    with TestClient(create_app(tmp_path / "l.db"), base_url="http://127.0.0.1:8000") as c:
        page = c.get("/add")
        import re

        csrf = re.search(r"warcount_csrf=([^;]+)", page.headers["set-cookie"]).group(1)
        for url in ("http://[::1/", "https://xn--/", "http://999.1.1.1/"):
            r = c.post("/add", data={"csrf": csrf, "url": url})
            assert r.status_code == 400 and "malformed URL" in r.text, (url, r.status_code)


# --- 7. configuration and arguments -----------------------------------------------------------


@pytest.mark.parametrize("toml,msg", [('allow_private_urls = "false"', "allow_private_urls must be true or false"),
                                      ('max_bytes = "big"', "max_bytes must be an integer"),
                                      ("doc_timeout = -1", "doc_timeout must be at least 0"),
                                      ("workers = 0", "workers must be at least 1"),
                                      ("port = 70000", "port must be at most 65535")])
def test_config_values_are_typed(toml: str, msg: str, tmp_path: Path) -> None:
    cfg = tmp_path / "warcount.toml"
    cfg.write_text(toml + "\n")
    with pytest.raises(ConfigError, match=msg):
        load_options(str(cfg))
    res, _ = _run("extract", "--config", str(cfg), "-", input="Three people were killed.")
    _no_traceback(res)
    assert res.exit_code == 2 and msg in res.stderr


def test_unreadable_config_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "warcount.toml"
    cfg.write_text("workers = 1\n")

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(ConfigError, match="cannot be read"):
        load_options(str(cfg))


@pytest.mark.parametrize("args", [["extract", "--published", "2016-13-45", "-"],
                                  ["extract", "--published", "notadate", "-"],
                                  ["extract", "--published", "0001-01-01", "-"],
                                  ["events", "--since", "yesterday"], ["events", "--since", "2024-13-01"],
                                  ["events", "--until", "2016-02-30"],
                                  ["claims", "--kind", "bogus"], ["claims", "--status", "bogus"],
                                  ["events", "--limit", "0"], ["extract", "--doc-timeout", "-1", "-"]])
def test_bad_arguments_exit_2(args: list[str], tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    Ledger(db).close()
    res, _ = _run(*args, "--db", str(db), input="Three people were killed.") if args[0] != "extract" else \
        _run(*args, input="Three people were killed.")
    _no_traceback(res)
    assert res.exit_code == 2, (res.exit_code, res.stderr)
    assert "OverflowError" not in res.stderr


@pytest.fixture()
def api(tmp_path: Path):
    from fastapi.testclient import TestClient

    from warcount.web import create_app

    db = tmp_path / "l.db"
    with Ledger(db) as ledger:
        ledger.add_report(warcount.extract("Three people were killed in Aleppo on May 6, 2016.",
                                           published="2016-05-08"))
        ledger.add_report(warcount.extract("Two people were killed in Homs on May 20, 2016.", published="2016-05-21"))
    with TestClient(create_app(db), base_url="http://127.0.0.1:8000") as c:
        yield c


def test_api_dates_are_dates(api) -> None:
    def n(**params) -> int:
        r = api.get("/api/events", params=params)
        assert r.status_code == 200, r.text
        return len(r.json())

    assert n() == 2
    assert n(since="2016-5-10") == n(since="2016-05-10") == 1  # compared as dates, not strings
    assert n(until="2016-5-10") == 1 and n(until="2016-05") == 2  # a month includes its days
    for bad in ("garbage", "2016-13-01", "0001-01-01", "2016-05-01x", "yesterday"):
        assert api.get("/api/events", params={"since": bad}).status_code == 422
    assert n(until="2016-02-30") == 0  # a filter's day past the month's end is the month's last day
    assert api.get("/api/events", params={"kind": "bogus"}).status_code == 422
    assert api.get("/api/claims", params={"status": "bogus"}).status_code == 422
    assert api.get("/events", params={"since": "garbage"}).status_code == 422


def test_a_long_q_is_fine(api, tmp_path: Path) -> None:
    q = "killed " * 7500  # 52,500 characters: over SQLite's LIKE pattern limit
    assert api.get("/api/events", params={"q": q}).status_code == 200
    assert api.get("/api/claims", params={"q": q}).json() == []
    assert len(api.get("/api/events", params={"q": "KILLED"}).json()) == 2
    res, _ = _run("events", "--db", str(tmp_path / "l.db"), "--search", q, "--format", "json")
    assert res.exit_code == 0 and json.loads(res.stdout) == []


# --- 8. ledger paths --------------------------------------------------------------------------


@pytest.mark.parametrize("cmd", [["events"], ["claims"], ["sources"], ["event", "ev-x"],
                                 ["export", "--format", "csv"]])
def test_reading_never_creates_a_ledger(cmd: list[str], tmp_path: Path) -> None:
    db = tmp_path / "mistyped.db"
    res, _ = _run(*cmd, "--db", str(db))
    _no_traceback(res)
    assert res.exit_code == 5 and "no ledger here" in res.stderr
    assert not db.exists() and list(tmp_path.iterdir()) == []


def test_serve_on_a_mistyped_path_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "mistyped.db"
    res, _ = _run("serve", "--db", str(db), "--port", "1")
    assert res.exit_code == 5 and not db.exists()


def test_ingest_and_export_do_not_create_folders(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such"
    src = tmp_path / "a.txt"
    src.write_text("Three people were killed.")
    res, _ = _run("ingest", "--db", str(missing / "x.db"), str(src))
    _no_traceback(res)
    assert res.exit_code == 5 and "does not exist" in res.stderr
    Ledger(tmp_path / "l.db").close()
    res, _ = _run("export", "--db", str(tmp_path / "l.db"), "--format", "csv", "--out", str(missing / "x.csv"))
    _no_traceback(res)
    assert res.exit_code == 2 and "does not exist" in res.stderr
    assert not (tmp_path / "no").exists()


def test_read_only_ledger_is_readable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "l.db"
    with Ledger(db) as ledger:
        ledger.add_report(warcount.extract("Three people were killed in Aleppo."))
    monkeypatch.setattr("warcount.store._writable", lambda p: False)  # root ignores file modes: pretend
    with Ledger(db, create=False) as ledger:
        assert ledger.readonly and len(ledger.documents()) == 1
        with pytest.raises(LedgerError):
            ledger.add_report(warcount.extract("Two people were killed in Homs."))


def test_foreign_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(LedgerError, match="not a warcount ledger"):
        Ledger(db)
    assert db.read_bytes() == before and not Path(f"{db}-wal").exists()


def test_newer_ledger_is_refused_clearly(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    Ledger(db).close()
    con = sqlite3.connect(db)
    con.execute("INSERT INTO migrations VALUES ('9999_from_the_future', '2030-01-01')")
    con.commit()
    con.close()
    with pytest.raises(LedgerError, match="newer warcount .*9999_from_the_future"):
        Ledger(db)
    res, _ = _run("events", "--db", str(db))
    assert res.exit_code == 5 and "upgrade warcount" in res.stderr


# --- 9. spreadsheet injection -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "acled", "ucdp"])
def test_exports_neutralise_formulas(fmt: str, tmp_path: Path) -> None:
    import csv
    import io

    from warcount.export import export

    with Ledger(tmp_path / "l.db") as ledger:
        doc = read.read_content("=HYPERLINK(\"http://evil.example\",\"x\")\n\n"
                                "Three people were killed in Aleppo on May 6, 2016, the Syrian Observatory said.",
                                origin="t", title='=HYPERLINK("http://evil.example","x")', url="http://a.example/")
        from warcount.pipeline import process

        ledger.add_report(process(doc))
        out = io.StringIO()
        export(ledger, fmt, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    cells = [c for row in rows[1:] for c in row]
    assert cells and not any(c[:1] in "=+-@" and c[:1] for c in cells), [c for c in cells if c[:1] in "=+-@"]
    if fmt == "ucdp":
        header = rows[0]
        assert rows[1][header.index("source_article")].startswith("'=HYPERLINK")


def test_safe_cell_leaves_numbers_and_text() -> None:
    from warcount.export import safe_cell

    assert safe_cell(-5) == -5 and safe_cell(3.5) == 3.5 and safe_cell("Aleppo") == "Aleppo"
    for bad in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", " =1", "\uff1d1"):
        assert safe_cell(bad).startswith("'")


# --- the per-document budget -----------------------------------------------------------------


def test_doc_timeout_refuses_one_document_and_the_batch_goes_on(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    dense = "three people were killed and " * 1500  # some 10 s of claims on this machine
    p.write_text(json.dumps({"id": "small1", "text": "Two people were killed in Homs."}) + "\n"
                 + json.dumps({"id": "dense", "text": dense}) + "\n"
                 + json.dumps({"id": "small2", "text": "Four people were wounded in Idlib."}) + "\n")
    res, took = _run("extract", "--jsonl", "--doc-timeout", "1", str(p))
    _no_traceback(res)
    assert res.exit_code == 1
    assert [json.loads(ln)["id"] for ln in res.stdout.splitlines()] == ["small1", "small2"]
    assert res.stderr.strip() == (f"warcount: error: {p}:2: processing took over 1 s of CPU time (doc_timeout); "
                                  "the document was skipped")
    assert took < BOUND
    res, _ = _run("ingest", "--db", str(tmp_path / "l.db"), "--doc-timeout", "1", str(p))
    assert res.exit_code == 1 and "2 new" in res.stderr and "doc_timeout" in res.stderr


def test_doc_timeout_is_in_every_command_help() -> None:
    for cmd in ("extract", "ingest", "serve", "run"):
        res = CliRunner().invoke(main, [cmd, "--help"])
        assert "--doc-timeout" in res.stdout and "default 10" in " ".join(res.stdout.split()), cmd


# --- serve: extraction off the event loop, and the token -------------------------------------


def test_api_extract_needs_the_token_beyond_loopback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from warcount.web import create_app

    monkeypatch.setenv("WARCOUNT_TOKEN", "s3cret")
    app = create_app(tmp_path / "l.db", Options(db=str(tmp_path / "l.db"), host="0.0.0.0"))
    with TestClient(app, base_url="http://dash.example") as c:
        assert c.post("/api/extract", json={"text": "Three people were killed."}).status_code == 403
        r = c.post("/api/extract", json={"text": "Three people were killed."}, headers={"X-Warcount-Token": "s3cret"})
        assert r.status_code == 200 and r.json()["claims"][0]["figure"]["low"] == 3


def test_server_answers_while_a_document_is_processed(tmp_path: Path) -> None:
    import socket
    import threading

    import httpx
    import uvicorn

    from warcount.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(tmp_path / "l.db", Options(db=str(tmp_path / "l.db"), doc_timeout=30))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(f"{base}/api/documents", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        heavy = "three people were killed and " * 2400 + "Officials said " + "(" * 12_000 + " two were wounded."
        result: dict = {}

        def post() -> None:
            t0 = time.monotonic()
            r = httpx.post(f"{base}/api/extract", json={"text": heavy}, timeout=120)
            result.update(status=r.status_code, seconds=time.monotonic() - t0, claims=len(r.json().get("claims", [])))

        poster = threading.Thread(target=post)
        poster.start()
        time.sleep(0.3)
        answered = []
        while poster.is_alive() and len(answered) < 500:
            t0 = time.monotonic()
            r = httpx.get(f"{base}/api/documents", timeout=60)
            assert r.status_code == 200
            answered.append(time.monotonic() - t0)
            time.sleep(0.05)
        poster.join(120)
        assert result["status"] == 200 and result["claims"] >= 600
        assert len(answered) >= 3, ("the extraction finished before other requests were answered", answered, result)
        # Answered while the document was processed: an extraction on the event loop would hold one answer for
        # the rest of the extraction. The bound is a share of the extraction's own wall time, not a number of
        # seconds, because both slow down alike on a loaded machine (a fixed 3 s failed 3 runs of 5 beside two
        # busy cores, answers of 3.5 to 4.5 s while the extraction took tens of seconds); quiet, answers take
        # about 0.1 to 0.3 s and the extraction about 2 s (2,400 repeats; with 600 the code had grown fast
        # enough, 0.8 s, for one answer of 0.27 s to fail the share in a CI run).
        assert max(answered) < result["seconds"] / 4, (max(answered), result["seconds"], answered)
    finally:
        server.should_exit = True
        thread.join(10)


# --- one budget on every path: the CLI, the server and ``run`` (Dask) cut and report alike ----------------
# The same hostile batch through each path, under the same limits (doc_timeout 0.5 s of CPU, max_text_chars
# 50,000): a dense document is refused in one line naming it, with the same words on every path; a long one is
# cut at max_text_chars with the same note; the documents around them are processed.

CUT_LIMITS = "doc_timeout = 0.5\nmax_text_chars = 50000\n"
REFUSED = "processing took over 0.5 s of CPU time (doc_timeout); the document was skipped"
CUT_NOTE = "over max_text_chars (50,000): claims are read from the first 4"


def _hostile_batch() -> list[dict]:
    return [{"id": "small1", "text": "Two people were killed in Homs."},
            {"id": "dense", "text": "three people were killed and " * 1500},  # 1,000 claims: 1.8 s of CPU
            {"id": "long", "text": "Officials said three people were killed in the market.\n\n"
                                   + "\n\n".join(f"The town was quiet on day {k} and the shops opened." for k in range(1000))},
            {"id": "small2", "text": "Four people were wounded in Idlib."}]


def _write_batch(tmp_path: Path) -> tuple[Path, Path]:
    src, cfg = tmp_path / "batch.jsonl", tmp_path / "warcount.toml"
    src.write_text("".join(json.dumps(r) + "\n" for r in _hostile_batch()))
    cfg.write_text(CUT_LIMITS)
    return src, cfg


def _cut_note(notes: list[str]) -> bool:
    return any(CUT_NOTE in n for n in notes)


def test_cli_extract_cuts_and_reports_and_goes_on(tmp_path: Path) -> None:
    src, cfg = _write_batch(tmp_path)
    res, _ = _run("extract", "--jsonl", "--config", str(cfg), str(src))
    _no_traceback(res)
    assert res.exit_code == 1
    rows = {json.loads(ln)["id"]: json.loads(ln) for ln in res.stdout.splitlines()}
    assert list(rows) == ["small1", "long", "small2"]
    assert _cut_note(rows["long"]["document"]["notes"]) and rows["long"]["claims"]
    assert res.stderr.strip() == f"warcount: error: {src}:2: {REFUSED}"


def test_server_cuts_and_reports_and_goes_on(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from warcount.web import create_app

    _, cfg = _write_batch(tmp_path)
    options = load_options(str(cfg), db=str(tmp_path / "l.db"))
    with TestClient(create_app(tmp_path / "l.db", options), base_url="http://127.0.0.1") as c:
        answers = [c.post("/api/extract", json={"text": r["text"]}) for r in _hostile_batch()]
    assert [a.status_code for a in answers] == [200, 400, 200, 200]
    assert answers[1].json()["detail"] == f"<memory>: {REFUSED}"
    assert _cut_note(answers[2].json()["document"]["notes"]) and answers[2].json()["claims"]
    assert answers[0].json()["claims"] and answers[3].json()["claims"]


@pytest.mark.slow
def test_run_cuts_and_reports_and_goes_on(tmp_path: Path) -> None:
    """``warcount run`` on its own one-worker Dask cluster, with the pre-filter on as by default."""
    from warcount import scale

    src, cfg = _write_batch(tmp_path)
    out = tmp_path / "out"
    res, _ = _run("run", str(src), "--workers", "1", "--out", str(out), "--quiet", "--json", "--config", str(cfg))
    _no_traceback(res)
    assert res.exit_code == 1, res.output
    summary = json.loads(res.stdout)
    assert summary["processed"] == 3 and summary["errors"] == 1
    assert summary["error_samples"] == [{"location": f"{src}:2", "problem": REFUSED}]
    docs = {d["record_id"]: d for d in scale.read_table(out, "documents").to_pylist()}
    assert set(docs) == {"small1", "long", "small2"}
    assert _cut_note(json.loads(docs["long"]["json"])["notes"]) and docs["long"]["claims"]
