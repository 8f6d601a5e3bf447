"""archive.py: partitions, WARC framing and damage, JSONL ranges, folders."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from warcount import archive
from warcount.errors import InputError

PAGE = "<html><head><title>t{i}</title></head><body><p>Page {i}: {n} people were killed.</p></body></html>"


def _record(url: str, body: bytes, *, status: str = "200 OK", ctype: str = "text/html; charset=utf-8",
            rtype: str = "response") -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    if rtype == "request":
        http = b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"
    head = (f"WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Record-ID: <urn:uuid:{abs(hash((url, rtype))):032x}>\r\n"
            f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-03-01T10:00:00Z\r\n"
            f"Content-Type: application/http; msgtype={rtype}\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def build_warc(path: Path, n: int = 6, *, gz: bool = True, truncate: int | None = None,
               extras: bool = True) -> list[int]:
    """A WARC of ``n`` HTML pages (+ a request, a 404 and a PNG); ``truncate`` cuts that page's member in half.

    Returns the offsets of the pages.
    """
    members = []
    pages = []
    for i in range(n):
        if extras and i == 1:
            members.append(("x", _record("https://example.org/r", b"", rtype="request")))
        pages.append(len(members))
        members.append(("p", _record(f"https://example.org/{i}", PAGE.format(i=i, n=i + 2).encode())))
    if extras:
        members.append(("x", _record("https://example.org/404", b"<html>gone</html>", status="404 Not Found")))
        members.append(("x", _record("https://example.org/a.png", b"\x89PNG....", ctype="image/png")))
    out = io.BytesIO()
    offsets = []
    for j, (_kind, rec) in enumerate(members):
        offsets.append(out.tell())
        data = gzip.compress(rec) if gz else rec
        if truncate is not None and j == pages[truncate]:
            data = data[: len(data) // 2]
        out.write(data)
    path.write_bytes(out.getvalue())
    return [offsets[j] for j in pages]


def items(inputs, size=3):
    return [it for p in archive.partitions(inputs, size) for it in archive.iter_partition(p)]


def kinds(its):
    out = {"entry": 0, "error": 0}
    for it in its:
        if isinstance(it, archive.Entry):
            out["entry"] += 1
        elif isinstance(it, InputError):
            out["error"] += 1
        else:
            out[it.reason] = out.get(it.reason, 0) + 1
    return out


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_warc_pages_and_skips(tmp_path, gz):
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    offsets = build_warc(path, gz=gz)
    its = items([path])
    assert kinds(its) == {"entry": 6, "error": 0, "non-response": 1, "non-200": 1, "non-html": 1}
    entries = [it for it in its if isinstance(it, archive.Entry)]
    assert [e.origin for e in entries] == [f"{path}:{o}" for o in offsets]
    assert entries[0].url == "https://example.org/0"
    assert entries[0].published == "2024-03-01"
    assert b"2 people were killed" in entries[0].data
    doc = entries[0].read()
    assert doc.origin == f"{path}:{offsets[0]}" and doc.content_type == "html"


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize("where", [2, 5], ids=["mid-file", "last"])
def test_truncated_record_is_reported_and_the_rest_read(tmp_path, gz, where):
    path = tmp_path / ("t.warc.gz" if gz else "t.warc")
    offsets = build_warc(path, gz=gz, truncate=where, extras=False)
    its = items([path], size=2)
    errors = [it for it in its if isinstance(it, InputError)]
    assert len(errors) == 1
    assert errors[0].source == f"{path}:{offsets[where]}"
    assert "truncated" in errors[0].problem or "corrupt" in errors[0].problem
    urls = [it.url for it in its if isinstance(it, archive.Entry)]
    assert urls == [f"https://example.org/{i}" for i in range(6) if i != where]


def test_garbage_between_members_is_skipped_with_location(tmp_path):
    path = tmp_path / "g.warc.gz"
    build_warc(path, n=3, extras=False)
    data = path.read_bytes()
    cut = data.index(b"\x1f\x8b\x08", 10)
    path.write_bytes(data[:cut] + b"\x1f\x8b\x08 not gzip at all" + data[cut:])
    its = items([path])
    assert kinds(its)["entry"] == 3
    (err,) = [it for it in its if isinstance(it, InputError)]
    assert err.source == f"{path}:{cut}"


def test_partitions_are_stable_and_cover_every_record(tmp_path):
    path = tmp_path / "a.warc.gz"
    build_warc(path, n=7, extras=False)
    a = archive.partitions([path], 3)
    b = archive.partitions([path], 3)
    assert [p.id for p in a] == [p.id for p in b]
    assert len({p.id for p in a}) == 3 and [p.count for p in a] == [3, 3, 1]
    assert archive.partitions([path], 2)[0].id != a[0].id  # another cut, another id
    assert kinds(items([path], size=3))["entry"] == 7


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_jsonl_line_ranges(tmp_path, gz):
    lines = [json.dumps({"id": f"r{i}", "text": f"{i} people were killed."}) for i in range(7)]
    lines.insert(3, "{not json")
    lines.insert(5, "")
    data = ("\n".join(lines) + "\n").encode()
    path = tmp_path / ("a.jsonl.gz" if gz else "a.jsonl")
    path.write_bytes(gzip.compress(data) if gz else data)
    parts = archive.partitions([path], 3)
    assert sum(p.count for p in parts) == 9
    its = [it for p in parts for it in archive.iter_partition(p)]
    entries = [it for it in its if isinstance(it, archive.Entry)]
    assert [e.origin for e in entries] == [f"{path}:{n}" for n in (1, 2, 3, 4, 5, 7, 8, 9)]
    docs, errors = [], []
    for e in entries:
        try:
            docs.append(e.read())
        except InputError as exc:
            errors.append(exc)
    assert [d.record_id for d in docs] == [f"r{i}" for i in range(7)]
    assert [x.source for x in errors] == [f"{path}:4"]


def test_truncated_jsonl_gz_reports_and_keeps_earlier_lines(tmp_path):
    data = "".join(json.dumps({"id": i, "text": f"{i} killed"}) + "\n" for i in range(50)).encode()
    z = gzip.compress(data)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(z[: len(z) * 2 // 3])
    its = items([path], size=10)
    errs = [it for it in its if isinstance(it, InputError)]
    assert len(errs) == 1 and "truncated" in errs[0].problem and errs[0].source.startswith(f"{path}:")
    assert 0 < kinds(its)["entry"] < 50


def test_folder_walk_groups_files_and_finds_archives(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.html").write_text(PAGE.format(i=1, n=3))
    (tmp_path / "sub" / "b.txt").write_text("Four soldiers were wounded.")
    (tmp_path / "sub" / "c.html.gz").write_bytes(gzip.compress(PAGE.format(i=2, n=5).encode()))
    (tmp_path / ".hidden.txt").write_text("skip me")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-")
    build_warc(tmp_path / "sub" / "z.warc.gz", n=2, extras=False)
    parts = archive.partitions([tmp_path], 2)
    assert [p.kind for p in parts] == ["files", "files", "warc"]
    its = [it for p in parts for it in archive.iter_partition(p)]
    assert [Path(it.origin).name.split(":")[0] for it in its] == ["a.html", "b.txt", "c.html.gz", "z.warc.gz",
                                                                    "z.warc.gz"]
    assert its[2].read().content_type == "html"


def test_missing_input_raises(tmp_path):
    with pytest.raises(InputError):
        archive.partitions([tmp_path / "nope.warc.gz"], 10)


def _origins(its) -> list[str]:
    return [getattr(it, "origin", None) or getattr(it, "source", None) for it in its]


@pytest.mark.parametrize("size", [1, 3, 7, 40])
def test_byte_range_partitions_read_every_record_once(tmp_path, monkeypatch, size):
    """A large gzip WARC is cut by bytes with no scan; each range's worker finds its first record:
    together they read exactly what one sequential pass reads, damage included, in order."""
    path = tmp_path / "big.warc.gz"
    build_warc(path, n=30, truncate=11)
    data = path.read_bytes()
    cut = data.index(b"\x1f\x8b\x08", len(data) // 3)
    path.write_bytes(data[:cut] + b"\x1f\x8b\x08 not gzip at all" + data[cut:])
    whole = list(archive.iter_warc(path))
    monkeypatch.setattr(archive, "BYTE_RANGES_FROM", 0)
    monkeypatch.setattr(archive, "_SAMPLE", 8)
    parts = archive.partitions([path], size)
    assert all(p.kind == "warc" for p in parts) and any(p.seek for p in parts)
    assert parts[0].start == 0 and parts[-1].stop is None
    assert all(a.stop == b.start for a, b in zip(parts, parts[1:]))  # the ranges tile the file
    assert [p.id for p in parts] == [p.id for p in archive.partitions([path], size)]  # stable ids
    ranged = [it for p in parts for it in archive.iter_partition(p)]
    assert _origins(ranged) == _origins(whole)
    assert [type(it) for it in ranged] == [type(it) for it in whole]
    assert kinds(ranged)["entry"] == kinds(whole)["entry"] == 29  # 30 pages, one truncated


def test_small_gzip_warc_keeps_the_exact_cut(tmp_path, monkeypatch):
    path = tmp_path / "s.warc.gz"
    build_warc(path, n=5, extras=False)
    monkeypatch.setattr(archive, "BYTE_RANGES_FROM", 0)  # large enough by bytes, but under _SAMPLE records
    parts = archive.partitions([path], 2)
    assert [p.count for p in parts] == [2, 2, 1] and not any(p.seek for p in parts)
