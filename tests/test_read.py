"""read.py: every kind of input, and every bad input as one clear InputError."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import httpx
import pytest

from warcount.config import Options
from warcount.errors import FetchError, InputError
from warcount.model import content_hash
from warcount.read import fetch, iter_documents, looks_like_html, read_content, read_path

OPTS = Options()


def read_one(path: Path | str, options: Options = OPTS):
    items = list(read_path(str(path), options))
    assert len(items) == 1, items
    return items[0]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# ------------------------------------------------------------------ text and encodings

FRENCH = "Les réfugiés “déplacés” — douze morts à Alep, selon l’ONU. Ça coûte cher : 5 €."
GERMAN = "Zürich und München: Straße, Größe, Übermut. Die Flüchtlinge kamen aus Aleppo, zwölf Tote."
JAPANESE = "東京で地震が発生し、少なくとも十二人が死亡したと警察が発表した。政府は被害の状況を調べている。"
RUSSIAN = "Двенадцать человек погибли в результате взрыва в Алеппо, сообщила полиция."

ENCODINGS = [
    pytest.param(FRENCH.encode("utf-8"), FRENCH, {"utf-8"}, id="utf-8"),
    pytest.param(FRENCH.encode("cp1252"), FRENCH, {"cp1252"}, id="cp1252"),
    pytest.param(GERMAN.encode("latin-1"), GERMAN, {"cp1252", "latin_1", "iso8859_15"}, id="latin-1"),
    pytest.param("\ufeff".encode("utf-8") + FRENCH.encode("utf-8"), FRENCH, {"utf-8"}, id="utf-8-bom"),
    pytest.param(FRENCH.encode("utf-16"), FRENCH, {"utf-16-le", "utf-16-be"}, id="utf-16-bom"),
    pytest.param(FRENCH.encode("utf-16-le"), FRENCH, {"utf-16-le"}, id="utf-16-le-no-bom"),
    pytest.param(JAPANESE.encode("shift_jis"), JAPANESE, {"cp932", "shift_jis"}, id="shift_jis"),
    pytest.param(RUSSIAN.encode("cp1251"), RUSSIAN, {"cp1251"}, id="cp1251"),
]


@pytest.mark.parametrize("data,text,encodings", ENCODINGS)
def test_encodings_are_detected(tmp_path, data, text, encodings):
    doc = read_one(write(tmp_path, "a.txt", data))
    assert doc.raw == text
    assert doc.encoding in encodings
    assert any(doc.encoding in note for note in doc.notes)
    assert doc.id == content_hash(data)
    assert doc.content_type == "text"


def test_html_declared_charset_is_used(tmp_path):
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p></body></html>'
    doc = read_one(write(tmp_path, "page.htm", page.encode("cp1251")))
    assert doc.encoding == "cp1251" and RUSSIAN in doc.raw and doc.content_type == "html"


SNIFF = [
    pytest.param("<!DOCTYPE html><html><body><p>x</p></body></html>", True, id="doctype"),
    pytest.param("  <div><p>One</p><p>Two</p></div>", True, id="fragment"),
    pytest.param("Use the <p> tag for paragraphs.", False, id="prose-mentions-tag"),
    pytest.param("Three people were killed.", False, id="plain"),
]


@pytest.mark.parametrize("text,expected", SNIFF)
def test_html_is_sniffed(text, expected):
    assert looks_like_html(text) is expected


def test_html_without_html_extension_is_html(tmp_path):
    doc = read_one(write(tmp_path, "saved.txt", b"<html><head><title>T</title></head><body><p>Hi</p></body></html>"))
    assert doc.content_type == "html"


# ------------------------------------------------------------------ bad inputs

BAD = [
    pytest.param(b"", "empty file", id="empty"),
    pytest.param(b" \n\t\r\n  ", "only whitespace", id="whitespace"),
    pytest.param(b"GIF89a\x01\x00\x01\x00\x00\xff\x00,", "binary file", id="gif"),
    pytest.param(b"abc\x00\x01\x02\x00\xff\xfe\x00\x00\x10" * 50, "binary file", id="nul-bytes"),
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF", id="pdf"),
    pytest.param(bytes(range(128, 256)) * 20, "cannot be decoded", id="undecodable"),
    pytest.param(b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 30 + b"text", "binary file", id="control-chars"),
]


@pytest.mark.parametrize("data,problem", BAD)
def test_bad_file_is_one_input_error(tmp_path, data, problem):
    path = write(tmp_path, "bad.txt", data)
    err = read_one(path)
    assert isinstance(err, InputError)
    assert problem in err.problem
    assert err.source == str(path)
    assert "\n" not in str(err)


def test_missing_file(tmp_path):
    err = read_one(tmp_path / "nope.txt")
    assert isinstance(err, InputError) and "no such file" in err.problem


def test_oversized_file_refused_with_the_limit(tmp_path):
    path = write(tmp_path, "big.txt", b"x" * 101)
    err = read_one(path, Options(max_bytes=100))
    assert isinstance(err, InputError) and "over the limit of 100 bytes" in err.problem


def test_file_of_exactly_max_bytes_is_read(tmp_path):
    doc = read_one(write(tmp_path, "edge.txt", b"y" * 100), Options(max_bytes=100))
    assert doc.raw == "y" * 100


def test_default_limit_is_stated_in_mib(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as f:  # sparse: refused on its size, never read
        f.truncate(50 * 1024 * 1024 + 1)
    err = read_one(path)
    assert isinstance(err, InputError) and "over the limit of 50.0 MiB (52,428,800 bytes)" in err.problem


# ------------------------------------------------------------------ gzip

def test_gzip_text_is_decompressed_and_hashed_decompressed(tmp_path):
    data = FRENCH.encode("cp1252")
    doc = read_one(write(tmp_path, "a.txt.gz", gzip.compress(data)))
    assert doc.raw == FRENCH and doc.id == content_hash(data)


def test_gzip_html_is_html(tmp_path):
    doc = read_one(write(tmp_path, "a.html.gz", gzip.compress(b"<html><body><p>Hello</p></body></html>")))
    assert doc.content_type == "html"


def test_truncated_gzip(tmp_path):
    blob = gzip.compress(("Some text. " * 2000).encode())
    err = read_one(write(tmp_path, "cut.txt.gz", blob[: len(blob) // 2]))
    assert isinstance(err, InputError) and "truncated gzip" in err.problem


def test_gzip_bomb_refused(tmp_path):
    blob = gzip.compress(b"a" * 1_000_000)
    assert len(blob) < 10_000
    err = read_one(write(tmp_path, "bomb.txt.gz", blob), Options(max_bytes=100_000))
    assert isinstance(err, InputError) and "gzip bomb" in err.problem and "100,000 bytes" in err.problem


# ------------------------------------------------------------------ folders, stdin

def test_folder_is_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    write(tmp_path / "b", "2.txt", b"second")
    write(tmp_path, "a.txt", b"first")
    write(tmp_path, "notes.json", b"{}")  # not a document
    write(tmp_path, ".hidden.txt", b"hidden")
    write(tmp_path, "c.html.gz", gzip.compress(b"<html><body><p>third</p></body></html>"))
    docs = list(read_path(str(tmp_path), OPTS))
    assert [Path(d.origin).name for d in docs] == ["a.txt", "2.txt", "c.html.gz"]


def test_folder_without_documents(tmp_path):
    write(tmp_path, "data.csv", b"a,b")
    err = read_one(tmp_path)
    assert isinstance(err, InputError) and "folder holds no documents" in err.problem


def test_stdin():
    doc = read_one_stdin(b"Three people were killed.")
    assert doc.origin == "-" and doc.raw == "Three people were killed."


def test_stdin_gzip():
    doc = read_one_stdin(gzip.compress(b"<html><body><p>Four were injured.</p></body></html>"))
    assert doc.content_type == "html"


def read_one_stdin(data: bytes):
    items = list(read_path("-", OPTS, stdin=io.BytesIO(data)))
    assert len(items) == 1
    return items[0]


def test_a_batch_goes_on_after_a_bad_input(tmp_path):
    good = write(tmp_path, "good.txt", b"Five were killed.")
    items = list(iter_documents([str(tmp_path / "missing.txt"), str(good)], OPTS))
    assert [type(i).__name__ for i in items] == ["InputError", "Document"]


# ------------------------------------------------------------------ JSONL

def test_jsonl_bad_lines_are_reported_and_the_rest_read(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "Two killed.", "url": "https://x.org/a", "published": "2020-01-02",
                    "title": "T"}),
        "{not json",
        "",
        json.dumps({"id": "c"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "html": "<p>Nine wounded.</p>"}),
        json.dumps({"id": "e", "text": "   "}),
    ]
    path = write(tmp_path, "recs.jsonl", "\n".join(lines).encode())
    items = list(read_path(str(path), OPTS))
    kinds = [(type(i).__name__, i.origin if hasattr(i, "origin") else i.source) for i in items]
    assert kinds == [
        ("Document", f"{path}:1"), ("InputError", f"{path}:2"), ("InputError", f"{path}:4"),
        ("InputError", f"{path}:5"), ("Document", f"{path}:6"), ("InputError", f"{path}:7"),
    ]
    first, second = items[0], items[4]
    assert (first.record_id, first.url, first.published, first.title) == ("a", "https://x.org/a", "2020-01-02", "T")
    assert second.record_id == "7" and second.content_type == "html"
    assert "not valid JSON" in items[1].problem
    assert '"text" or "html"' in items[2].problem
    assert "not an object" in items[3].problem
    assert "whitespace" in items[5].problem


def test_jsonl_line_over_the_limit(tmp_path):
    big = json.dumps({"id": "big", "text": "x" * 500})
    small = json.dumps({"id": "ok", "text": "Six dead."})
    path = write(tmp_path, "recs.jsonl", f"{big}\n{small}\n".encode())
    items = list(read_path(str(path), Options(max_line_bytes=200)))
    assert isinstance(items[0], InputError) and "max_line_bytes" in items[0].problem
    assert items[0].source == f"{path}:1"
    assert items[1].record_id == "ok" and items[1].origin == f"{path}:2"


def test_jsonl_gz_and_truncated(tmp_path):
    body = "".join(json.dumps({"id": str(i), "text": f"Record {i} " * 50}) + "\n" for i in range(200)).encode()
    blob = gzip.compress(body)
    items = list(read_path(str(write(tmp_path, "r.jsonl.gz", blob)), OPTS))
    assert len(items) == 200 and all(not isinstance(i, InputError) for i in items)
    cut = list(read_path(str(write(tmp_path, "cut.jsonl.gz", blob[: len(blob) // 2])), OPTS))
    assert isinstance(cut[-1], InputError) and "truncated gzip" in cut[-1].problem
    assert 0 < len(cut) - 1 < 200


def test_dev_jsonl_reads_every_line(corpus_dir):
    items = list(read_path(str(corpus_dir / "dev" / "wikipedia-incidents.jsonl"), OPTS))
    assert len(items) == 324 and not any(isinstance(i, InputError) for i in items)
    assert items[0].record_id == "wiki-000"


# ------------------------------------------------------------------ URLs (no network)

PUBLIC = "93.184.216.34"


def handler(routes: dict[str, httpx.Response]):
    def handle(request: httpx.Request) -> httpx.Response:
        return routes.get(str(request.url), httpx.Response(404))
    return httpx.MockTransport(handle)


def public_dns(host: str, port: int) -> list[str]:
    return {"news.example": [PUBLIC], "intranet.example": ["10.0.0.5"]}[host]


def test_fetch_html():
    page = b"<html><body><article><p>Ten were killed, officials said.</p></article></body></html>"
    transport = handler({"https://news.example/a": httpx.Response(
        200, content=page, headers={"content-type": "text/html; charset=utf-8"})})
    doc = fetch("https://news.example/a", OPTS, transport=transport, resolve=public_dns)
    assert doc.content_type == "html" and doc.url == "https://news.example/a" and "Ten were killed" in doc.raw


def test_fetch_follows_a_public_redirect():
    transport = handler({
        "https://news.example/old": httpx.Response(301, headers={"location": "/new"}),
        "https://news.example/new": httpx.Response(200, text="Eleven dead."),
    })
    doc = fetch("https://news.example/old", OPTS, transport=transport, resolve=public_dns)
    assert doc.raw == "Eleven dead." and doc.url == "https://news.example/new"
    assert any("redirected" in n for n in doc.notes)


REFUSED = [
    pytest.param("file:///etc/passwd", {}, "scheme 'file'", id="file-scheme"),
    pytest.param("ftp://news.example/x", {}, "scheme 'ftp'", id="ftp-scheme"),
    pytest.param("http://127.0.0.1/admin", {}, "loopback", id="loopback"),
    pytest.param("http://169.254.169.254/latest/meta-data", {}, "private", id="link-local-metadata"),
    pytest.param("http://[::1]/", {}, "private", id="ipv6-loopback"),
    pytest.param("http://intranet.example/", {}, "10.0.0.5", id="resolves-private"),
    pytest.param("https://news.example/r", {"https://news.example/r": httpx.Response(
        302, headers={"location": "file:///etc/passwd"})}, "scheme 'file'", id="redirect-to-file"),
    pytest.param("https://news.example/r", {"https://news.example/r": httpx.Response(
        302, headers={"location": "http://127.0.0.1:8000/secret"})}, "127.0.0.1", id="redirect-to-loopback"),
    pytest.param("https://news.example/gone", {}, "HTTP 404", id="http-404"),
]


@pytest.mark.parametrize("url,routes,problem", REFUSED)
def test_fetch_refusals(url, routes, problem):
    with pytest.raises(FetchError) as info:
        fetch(url, OPTS, transport=handler(routes), resolve=public_dns)
    assert problem in info.value.problem and info.value.source == url


def test_private_urls_allowed_by_option():
    transport = handler({"http://127.0.0.1/x": httpx.Response(200, text="Local text.")})
    doc = fetch("http://127.0.0.1/x", Options(allow_private_urls=True), transport=transport)
    assert doc.raw == "Local text."


def test_fetch_body_over_the_limit():
    transport = handler({"https://news.example/big": httpx.Response(200, content=b"z" * 5000)})
    with pytest.raises(FetchError, match="over the limit"):
        fetch("https://news.example/big", Options(max_bytes=1000), transport=transport, resolve=public_dns)


def test_read_path_yields_fetch_errors():
    items = list(read_path("gopher://x/", OPTS))
    assert isinstance(items[0], FetchError)


def test_read_content_str():
    doc = read_content("Three people were killed.", origin="<memory>", published="2020-01-01")
    assert doc.content_type == "text" and doc.encoding is None and doc.published == "2020-01-01"
    with pytest.raises(InputError, match="whitespace"):
        read_content("  \n", origin="<memory>")
