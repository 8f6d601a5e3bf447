"""scale.py: ``run`` on a real LocalCluster (2 worker processes), shared by the module.

Covers the issue's musts: damaged input is reported and the good records
are all there; ``run`` gives the same claims as ``pipeline.process``; a
rerun skips finished partitions; ``--ingest`` fills the ledger.
"""
from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from warcount import archive, pipeline, scale
from warcount.errors import InputError

from test_archive import _record

pytestmark = pytest.mark.slow

GOOD = [
    "<html><head><title>Raid</title></head><body><article><h1>Raid on the village</h1>"
    "<p>Officials said 12 villagers were killed and 30 wounded in the raid on Tuesday.</p>"
    "<p>The army said it had arrested four suspects.</p></article></body></html>",
    "<html><head><title>Clash</title></head><body><article><h1>Clash at the border</h1>"
    "<p>Five soldiers were killed in a clash near the border, the ministry said.</p>"
    "<p>Local media reported that two more were missing.</p></article></body></html>",
    # broken but readable markup: unclosed tags, stray angle brackets
    "<html><body><article><p>Unclosed <div><table><tr><td>Three policemen were killed on Monday, "
    "police said. <<< >>> </td><p>Residents fled",
    "<html><head><title>Budget</title></head><body><article><h1>The budget</h1>"
    "<p>The council passed a budget of 2 million for the parks.</p></article></body></html>",
]
BINARY = b"<html><body><p>\x00\x01\x02\xff\xfe\x00\x00 12 killed \x00\x00</p></body></html>"


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                           memory_limit="1.5GiB")
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def write_warc(path: Path, *, truncate_last: bool = True) -> dict[str, int]:
    """Good pages, the binary page and a last page whose gzip member is cut in half."""
    out = io.BytesIO()
    where: dict[str, int] = {}
    bodies = [(f"https://example.org/{i}", b.encode()) for i, b in enumerate(GOOD)]
    bodies.insert(2, ("https://example.org/binary", BINARY))
    bodies.append(("https://example.org/cut", GOOD[0].replace("12", "13").encode()))
    for url, body in bodies:
        where[url] = out.tell()
        member = gzip.compress(_record(url, body))
        if url.endswith("/cut") and truncate_last:
            member = member[: len(member) // 2]
        out.write(member)
    member = gzip.compress(_record("https://example.org/gone", b"<html>gone</html>", status="404 Not Found"))
    if not truncate_last:
        out.write(member)
    path.write_bytes(out.getvalue())
    return where


def write_jsonl(path: Path, corpus_dir: Path | None = None) -> int:
    lines = [{"id": "a", "text": "Two people were killed and seven injured when a bomb exploded."},
             {"id": "b", "text": "The weather was fine all week."}]
    if corpus_dir is not None:
        wiki = (corpus_dir / "dev" / "wikipedia-incidents.jsonl").read_text("utf-8").splitlines()[:12]
        lines += [json.loads(x) for x in wiki]
    text = "\n".join(json.dumps(x) for x in lines)
    path.write_text(text + "\n{not json}\n", "utf-8")
    return len(lines)


def test_damaged_inputs_are_reported_and_good_records_all_there(client, tmp_path):
    warc = tmp_path / "news.warc.gz"
    where = write_warc(warc)
    jsonl = tmp_path / "lines.jsonl"
    n_lines = write_jsonl(jsonl)
    out = tmp_path / "out"
    s = scale.run([warc, jsonl], out, client=client, partition_size=2, progress=False)

    locations = {e["location"]: e["problem"] for e in s.error_samples}
    assert "truncated gzip member" in locations[f"{warc}:{where['https://example.org/cut']}"]
    assert "binary" in locations[f"{warc}:{where['https://example.org/binary']}"]
    assert "not valid JSON" in locations[f"{jsonl}:{n_lines + 1}"]
    assert s.errors == 3 and s.skipped["error"] == 3
    assert s.partitions_failed == 0
    assert s.documents == len(GOOD) + 1 + n_lines + 1  # good pages, the binary one, the JSON lines, the bad line
    assert s.skipped.get("prefilter", 0) == 2  # the budget page and the weather line

    docs = scale.read_table(out, "documents").to_pylist()
    processed = {d["origin"] for d in docs if d["status"] == "processed"}
    assert processed == {f"{warc}:{where[f'https://example.org/{i}']}" for i in (0, 1, 2)} | {f"{jsonl}:1"}
    claims = scale.read_table(out, "claims").to_pylist()
    by_doc = {d["id"]: d["origin"] for d in docs if d["id"]}
    found = {(by_doc[c["document_id"]].rsplit(":", 1)[1], c["kind"], c["low"]) for c in claims}
    assert {(str(where["https://example.org/0"]), "killed", 12), (str(where["https://example.org/1"]), "killed", 5),
            (str(where["https://example.org/2"]), "killed", 3), ("1", "killed", 2), ("1", "wounded", 7)} <= found
    assert not list(out.rglob(".*.tmp"))  # no temporaries left behind


def test_run_gives_the_same_claims_as_process(client, tmp_path, corpus_dir):
    """The Parquet claims equal those of ``pipeline.process`` on every document, pre-filter or not."""

    html = sorted((corpus_dir / "dev" / "html-articles" / "html").glob("*.html.gz"))[:12]
    warc = tmp_path / "pages.warc.gz"
    with warc.open("wb") as fh:
        for p in html:
            fh.write(gzip.compress(_record(f"https://example.org/{p.name}", gzip.decompress(p.read_bytes()))))
    jsonl = tmp_path / "wiki.jsonl"
    write_jsonl(jsonl, corpus_dir)
    seed = tmp_path / "seed"
    seed.mkdir()
    (seed / "khan-touman.txt").write_bytes((corpus_dir / "dev" / "khan-touman-2016.txt").read_bytes())
    out = tmp_path / "out"
    s = scale.run([warc, jsonl, seed], out, client=client, partition_size=5, progress=False)
    assert s.partitions_failed == 0

    def key(c: dict) -> tuple:
        return (c["document_id"], c["kind"], c["low"], c["high"], c["evidence"], c["evidence_start"],
                c["status"], c["source"])

    got = sorted(key(c) for c in scale.read_table(out, "claims").to_pylist())
    want = []
    for item in archive.iter_inputs([warc, jsonl, seed]):
        if not isinstance(item, archive.Entry):
            continue
        try:
            report = pipeline.process(item.read())
        except InputError:
            continue
        want += [key({"document_id": c.document_id or report.document["id"], "kind": c.kind, "low": c.figure.low,
                      "high": c.figure.high, "evidence": c.evidence, "evidence_start": c.evidence_start,
                      "status": c.status, "source": c.source.name}) for c in report.claims]
    assert len(want) > 20
    assert got == sorted(want)


def test_rerun_skips_finished_partitions(client, tmp_path):
    warc = tmp_path / "news.warc.gz"
    write_warc(warc, truncate_last=False)
    out = tmp_path / "out"
    first = scale.run([warc], out, client=client, partition_size=2, progress=False, process=count_process)
    assert first.partitions == 4 and first.partitions_resumed == 0 and first.documents == 6
    files = sorted(p.name for p in (out / "claims").iterdir())
    assert len(files) == 4

    again = scale.run([warc], out, client=client, partition_size=2, progress=False, process=count_process)
    assert again.partitions_resumed == 4 and again.documents == 0

    done = [m for m in sorted((out / "_done").glob("*.json")) if json.loads(m.read_text())["documents"] == 2]
    done[0].unlink()  # as if the run had died before finishing that partition
    third = scale.run([warc], out, client=client, partition_size=2, progress=False, process=count_process)
    assert third.partitions_resumed == 3 and third.documents == 2
    assert sorted(p.name for p in (out / "claims").iterdir()) == files
    assert scale.read_table(out, "claims").num_rows == first.claims


def test_ingest_fills_the_ledger_from_the_client(client, tmp_path):
    from warcount.store import Ledger

    warc = tmp_path / "news.warc.gz"
    write_warc(warc, truncate_last=False)
    out = tmp_path / "out"
    db = tmp_path / "ledger.db"
    s = scale.run([warc], out, client=client, partition_size=3, progress=False, ingest_db=str(db))
    assert s.ingested == s.processed == 4  # three good pages and the intact last one
    with Ledger(db) as ledger:
        claims = ledger.claims(limit=None, include_superseded=True)  # the 13 page revises the 12 one
    assert {(c.kind, c.figure.low) for c in claims} >= {("killed", 12), ("killed", 5), ("killed", 3)}

    # a resumed run with another ledger ingests the finished partitions from Parquet
    db2 = tmp_path / "other.db"
    s2 = scale.run([warc], out, client=client, partition_size=3, progress=False, ingest_db=str(db2))
    assert s2.partitions_resumed == s2.partitions and s2.ingested == 4


def test_a_hanging_or_crashing_document_is_skipped_and_reported(client, tmp_path):
    """The watchdog ends the worker; Dask retries the partition, which skips the culprit."""
    src = tmp_path / "in.jsonl"
    texts = ["Two were killed.", "HANG: 3 were killed.", "Four were killed.", "CRASH: 5 were killed.", "6 killed."]
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)), "utf-8")
    out = tmp_path / "out"
    s = scale.run([src], out, client=client, partition_size=10, progress=False, process=fragile_process,
                  doc_timeout=2)
    assert s.partitions_failed == 0
    assert {e["location"] for e in s.error_samples} == {f"{src}:2", f"{src}:4"}
    assert all("skipped on retry" in e["problem"] for e in s.error_samples)
    assert s.processed == 3
    docs = scale.read_table(out, "documents").to_pylist()
    assert sorted(d["origin"] for d in docs) == [f"{src}:1", f"{src}:3", f"{src}:5"]
    assert not list((out / "_inflight").iterdir())


def fragile_process(doc):
    """Hangs on 'HANG' (as a catastrophic regex would), kills its process on 'CRASH'."""
    import os
    import time

    if "HANG" in doc.raw:
        time.sleep(3600)
    if "CRASH" in doc.raw:
        os._exit(1)
    return count_process(doc)


def count_process(doc):
    """A stand-in for the pipeline: one 'killed' claim per document, no NLP."""
    from warcount.model import Claim, Figure, Report, Source

    claim = Claim(id=f"{doc.id[:12]}-0", kind="killed", figure=Figure(1, 1, "one"), victim="x",
                  source=Source("unattributed"), status="stated", document_id=doc.id)
    return Report(document={"id": doc.id, "origin": doc.origin, "words": len(doc.raw.split())},
                  claims=[claim], events=[])


# the workers cannot import this test module: ship its functions by value
import cloudpickle  # noqa: E402

cloudpickle.register_pickle_by_value(sys.modules[__name__])


def test_cli_run_reports_and_exits_1_on_a_bad_record(tmp_path):
    """The command end to end, with its own one-worker cluster."""
    from click.testing import CliRunner

    from warcount.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Four soldiers were killed in the ambush."}) + "\n{oops\n", "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(src), "--workers", "1", "--out", str(out), "--quiet", "--json"])
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert summary["documents"] == 2 and summary["processed"] == 1 and summary["errors"] == 1
    assert summary["error_samples"][0]["location"] == f"{src}:2"
    assert summary["claims"] >= 1
    assert len(list((out / "claims").glob("part-*.parquet"))) == 1
