"""Build the throughput benchmark's corpus from the dev corpus.

Why: the dev corpus has about 500 documents, too few to measure a Dask run
whose start-up alone costs seconds. This script repeats its documents with
light variations (so every copy has its own content hash and the ledger does
not collapse them) up to about 20,000 documents, in the three input shapes
``warcount run`` reads:

    OUT/pages.warc.gz     the 181 HTML pages x N as gzip-per-record WARC
                          responses, plus a few request, non-HTML and
                          non-200 records so the skip counters have work
    OUT/wiki.jsonl.gz     the 324 Wikipedia incident lines x M
    OUT/seed/             the seed article x K as text files

Nothing is written under the shared corpus; OUT defaults to bench/out/
(gitignored).

    python bench/make_corpus.py [--out bench/out] [--html-copies 60]
        [--wiki-copies 28] [--seed-copies 20]
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import logging
import re
from pathlib import Path

log = logging.getLogger("bench.make_corpus")

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "dev"

_CHARSET = re.compile(rb"""charset=["']?([\w-]+)""", re.I)


def html_pages(corpus: Path = CORPUS) -> list[tuple[str, str, bytes]]:
    """(id, url, raw bytes) of the dev HTML pages, in a stable order."""
    truth = json.loads((corpus / "html-articles" / "ground-truth.json").read_text("utf-8"))
    out = []
    for path in sorted((corpus / "html-articles" / "html").glob("*.html.gz")):
        pid = path.name.split(".")[0]
        url = truth.get(pid, {}).get("url") or f"https://example.org/{pid}"
        out.append((pid, url, gzip.decompress(path.read_bytes())))
    return out


def vary_html(raw: bytes, k: int) -> bytes:
    """A light variation that changes the content hash but not the text."""
    if k == 0:
        return raw
    return raw + f"\n<!-- warcount bench copy {k} -->\n".encode()


def http_block(status: str, content_type: str, body: bytes) -> bytes:
    head = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode("latin-1")
    return head + body


def write_warc(path: Path, pages: list[tuple[str, str, bytes]], copies: int, *, extras: bool = True) -> int:
    """Write ``copies`` x ``pages`` as WARC responses; return the number of HTML responses."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    n = 0
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for k in range(copies):
            for pid, url, raw in pages:
                body = vary_html(raw, k)
                m = _CHARSET.search(body[:5000])
                ctype = "text/html; charset=" + m.group(1).decode() if m else "text/html"
                u = url if k == 0 else f"{url}#copy{k}"
                if extras and n % 50 == 0:
                    req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
                    writer.write_record(writer.create_warc_record(u, "request", http_headers=req))
                headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(u, "response", payload=io.BytesIO(body),
                                                              http_headers=headers))
                n += 1
            if extras:
                _write_extras(writer, k)
    return n


def _write_extras(writer, k: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders

    for status, ctype, body in (("404 Not Found", "text/html", b"<html><body>not found</body></html>"),
                                ("301 Moved Permanently", "text/html", b""),
                                ("200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
                                ("200 OK", "application/json", b'{"killed": 3}')):
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/extra/{k}/{status[:3]}/{ctype}",
                                                      "response", payload=io.BytesIO(body),
                                                      http_headers=headers))


def wiki_lines(corpus: Path = CORPUS) -> list[dict]:
    with open(corpus / "wikipedia-incidents.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl(path: Path, lines: list[dict], copies: int) -> int:
    n = 0
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for k in range(copies):
            for rec in lines:
                text = rec["text"] if k == 0 else f"{rec['text']} (Copy {k}.)"
                fh.write(json.dumps({"id": f"{rec['id']}-{k}", "text": text}, ensure_ascii=False) + "\n")
                n += 1
    return n


def write_seed(folder: Path, copies: int, corpus: Path = CORPUS) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    text = (corpus / "khan-touman-2016.txt").read_text("utf-8")
    for k in range(copies):
        (folder / f"khan-touman-{k:03d}.txt").write_text(text if k == 0 else f"{text}\n\nCopy {k}.\n", "utf-8")
    return copies


def build(out: Path, html_copies: int = 60, wiki_copies: int = 28, seed_copies: int = 20) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    counts = {
        "html": write_warc(out / "pages.warc.gz", html_pages(), html_copies),
        "wiki": write_jsonl(out / "wiki.jsonl.gz", wiki_lines(), wiki_copies),
        "seed": write_seed(out / "seed", seed_copies),
    }
    counts["total"] = sum(counts.values())
    (out / "corpus.json").write_text(json.dumps(counts, indent=2) + "\n", "utf-8")
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--html-copies", type=int, default=60)
    ap.add_argument("--wiki-copies", type=int, default=28)
    ap.add_argument("--seed-copies", type=int, default=20)
    args = ap.parse_args()
    counts = build(args.out, args.html_copies, args.wiki_copies, args.seed_copies)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
