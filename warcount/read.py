"""Stage 1, read: paths, folders, stdin, JSONL lines and URLs -> ``Document``.

Everything that can go wrong with an input is found here and reported as one
``InputError`` that names the input and the problem, so later stages only
ever see decoded text. Batch readers (``read_path``, ``iter_documents``)
*yield* the error for a bad input or record and go on with the rest: the
caller reports it and continues.

Size limits (``Options.max_bytes``, default 50 MiB = 52,428,800 bytes): a
file, a decompressed ``.gz``, stdin or a fetched body of up to ``max_bytes``
bytes is read and processed; one byte more is refused with an error that
states the limit. A 50 MB (decimal, 50,000,000 bytes) text file is therefore
processed; so is one of exactly 50 MiB. JSONL files have no total limit
(they are streamed line by line); each line is limited to
``Options.max_line_bytes``.

Decoding: a byte-order mark wins; then UTF-8; then, for HTML, a charset the
page or the HTTP header declares if the bytes decode with it; then
charset-normalizer, with ties between equally clean candidates broken in
favour of the encodings most common on the web (windows-1252 before its
look-alikes). The encoding assumed is kept in ``Document.encoding`` and a
note says how it was chosen.
"""
from __future__ import annotations

import codecs
import gzip
import ipaddress
import json
import logging
import re
import socket
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from .config import Options
from .errors import FetchError, InputError
from .model import Document, content_hash

log = logging.getLogger(__name__)

#: file name endings read from a folder (each also with ``.gz``)
DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".shtml", ".jsonl", ".ndjson")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")

#: leading bytes of common non-text formats, for a clearer message than "binary"
MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
    (b"WARC/", "a WARC archive, which this reader does not take"),
)

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: tie-break among equally clean charset-normalizer candidates: most common on the web first
PREFERRED_ENCODINGS = (
    "cp1252", "latin_1", "iso8859_15", "cp1251", "cp1250", "cp932", "shift_jis", "euc_jp",
    "gb18030", "gbk", "big5", "cp949", "euc_kr", "koi8_r", "iso8859_2", "cp1256", "cp1255",
    "cp1253", "cp1254", "cp874",
)

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_HTML_ROOT = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.I)
_HTML_TAG = re.compile(r"</?(?:p|div|span|a|br|article|section|h[1-6]|ul|ol|li|table|tr|td|script|style|meta|title|"
                       r"link|img|header|footer|nav|main|em|strong|b|i)\b[^<>]{0,500}>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{2,40})""", re.I)

Resolver = Callable[[str, int], list[str]]


# --------------------------------------------------------------------- content

def read_content(data: str | bytes, *, origin: str, url: str | None = None, published: str | None = None,
                 record_id: str | None = None, title: str | None = None,
                 content_type: str | None = None, charset: str | None = None) -> Document:
    """Decode and check one input given in memory; raise ``InputError`` when it is not a usable text.

    ``content_type`` forces "html" or "text" (a JSONL ``html`` field, an HTTP
    header); otherwise the markup is sniffed. ``charset`` is a declared
    encoding (HTTP header) tried after a BOM and UTF-8.
    """
    notes: list[str] = []
    encoding: str | None = None
    if isinstance(data, bytes):
        if not data:
            raise InputError(origin, "empty file (0 bytes)")
        text, encoding, note = decode_bytes(data, origin=origin, charset=charset)
        notes.append(note)
    else:
        text = data
        if not text:
            raise InputError(origin, "empty text")
        text, note = without_surrogates(text)
        if note:
            notes.append(note)
    if not text.strip():
        raise InputError(origin, "holds only whitespace")
    _check_text(text, origin)
    if content_type is None:
        content_type = "html" if looks_like_html(text) else "text"
        if content_type == "html":
            notes.append("read as HTML (markup found)")
    return Document(id=content_hash(data), origin=origin, raw=text, content_type=content_type,
                    encoding=encoding, url=url, published=published, title=title, record_id=record_id,
                    notes=notes)


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> tuple[str, str | None]:
    """The text with every lone surrogate (a JSON ``"\\ud800"`` escape with no pair: no character
    at all) replaced by U+FFFD, and a note saying how many, or the text and ``None``. Why: such a
    string cannot be encoded as UTF-8, so the tokenizer, the ledger and every output refused the
    whole record ("extraction failed (UnicodeEncodeError)"); a one-character replacement keeps
    every offset, so evidence still indexes ``Document.raw``."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text, None
    fixed, n = _SURROGATE.subn("\ufffd", text)
    return fixed, f"{n:,} lone surrogate escape{'s' if n != 1 else ''} (not characters) replaced by U+FFFD"


def looks_like_html(text: str) -> bool:
    """True when the text is markup: an html/head/body tag or doctype, or starts with a tag among others.

    A plain text that mentions "<p>" once stays text.
    """
    head = text[:8192]
    if _HTML_ROOT.search(head):
        return True
    return head.lstrip().startswith("<") and len(_HTML_TAG.findall(head)) >= 3


def decode_bytes(data: bytes, *, origin: str, charset: str | None = None) -> tuple[str, str, str]:
    """Bytes -> (text, encoding, note); ``InputError`` for binary or undecodable bytes."""
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(name), name, f"decoded as {name} (byte-order mark)"
            except UnicodeDecodeError as exc:
                raise InputError(origin, f"has a {name} byte-order mark but invalid {name} bytes "
                                         f"at offset {exc.start}") from None
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise InputError(origin, f"binary file: looks like {what}, not text or HTML")
    if b"\x00" in data:
        guess = _utf16_without_bom(data)
        if guess is None:
            raise InputError(origin, "binary file: holds NUL bytes, not text or HTML")
        try:
            return data.decode(guess), guess, f"decoded as {guess} (no byte-order mark; NUL byte pattern)"
        except UnicodeDecodeError:
            raise InputError(origin, "binary file: holds NUL bytes, not text or HTML") from None
    try:
        return data.decode("utf-8"), "utf-8", "decoded as utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared = [charset] if charset else []
    if looks_like_html(data[:8192].decode("latin-1")):
        declared += [m.decode("ascii", "replace") for m in _META_CHARSET.findall(data[:8192])]
    for name in declared:
        try:
            codec = codecs.lookup(name).name
            return data.decode(codec), codec, f"decoded as {codec} (declared charset; not valid UTF-8)"
        except (LookupError, UnicodeDecodeError):
            continue
    detected = _detect(data)
    if detected is None:
        raise InputError(origin, f"cannot be decoded: not UTF-8 (invalid byte at offset {utf8_error.start}) "
                                 "and no plausible text encoding fits")
    text, name = detected
    return text, name, f"decoded as {name} (not valid UTF-8; detected by charset-normalizer)"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte (for Latin text); else None."""
    sample = data[:65536]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _detect(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's pick, with ties broken by ``PREFERRED_ENCODINGS``.

    On short texts charset-normalizer often ranks a look-alike (cp1250 for
    French windows-1252) first with the same chaos and coherence, and it
    groups encodings that decode the bytes identically in
    ``could_be_from_charset``; among the equally good candidates we take the
    encoding most used on the web. UTF-16/32 are left out: without NULs
    (handled before) they are never right for real text.
    """
    import charset_normalizer

    matches = [m for m in charset_normalizer.from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        return None
    best = matches[0]
    pool = [m for m in matches if m.chaos <= best.chaos + 0.02 and m.coherence >= best.coherence - 0.1]
    choice, choice_rank = best.encoding, len(PREFERRED_ENCODINGS)
    for m in pool:
        for name in m.could_be_from_charset:
            rank = PREFERRED_ENCODINGS.index(name) if name in PREFERRED_ENCODINGS else len(PREFERRED_ENCODINGS)
            if rank < choice_rank:
                choice, choice_rank = name, rank
    try:
        return data.decode(choice), choice
    except UnicodeDecodeError:
        return str(best), best.encoding


_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]")


def _check_text(text: str, origin: str) -> None:
    """Refuse decoded text that is mostly control characters (a binary file that happened to decode)."""
    sample = text[:100_000]
    bad = len(_NOT_TEXT.findall(sample))  # one C-level scan: a Python loop over the characters cost 25 ms a page
    if bad > 0.1 * len(sample):
        raise InputError(origin, f"binary file: {bad * 100 // len(sample)}% of the characters are not text")


# ------------------------------------------------------------------- paths

def iter_documents(inputs: list[str], options: Options, *, stdin: BinaryIO | None = None) -> Iterator[Document | InputError]:
    """Every document of every input, in order; a bad input or record is yielded as an ``InputError``."""
    for item in inputs:
        yield from read_path(item, options, stdin=stdin)


def read_path(path_or_url_or_dash: str, options: Options, *, stdin: BinaryIO | None = None,
              transport=None, resolve: Resolver | None = None) -> Iterator[Document | InputError]:
    """The documents of one input: a file, a folder (recursively, sorted), ``-`` (stdin) or a URL."""
    item = str(path_or_url_or_dash)
    try:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = _read_capped(stream, options.max_bytes, "-", "standard input")
            yield _document_from_bytes(data, "-", options, name="-")
            return
        if _URL.match(item):
            yield fetch(item, options, transport=transport, resolve=resolve)
            return
        path = Path(item)
        if path.is_dir():
            yield from _read_folder(path, options)
            return
        yield from _read_file(path, options)
    except InputError as exc:
        yield exc


def read_jsonl(path_or_dash: str, options: Options, *, stdin: BinaryIO | None = None
               ) -> Iterator[Document | InputError]:
    """The records of one input read as JSONL whatever its name: ``-`` (stdin, plain or gzip),
    any file name (``dump.txt``, ``records``), a folder's files. For ``extract --jsonl``."""
    item = str(path_or_dash)
    if item != "-":
        path = Path(item)
        if path.is_dir():
            yield from read_path(item, options)
            return
        try:
            yield from _read_jsonl(path, options)
        except InputError as exc:
            yield exc
        return
    stream: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
    head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    if head == b"\x1f\x8b":
        stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
    seen = 0
    try:
        for lineno, line in _capped_lines(stream, options.max_line_bytes):
            if line is None:
                seen += 1
                yield InputError(f"-:{lineno}", f"line is over the limit of {_size(options.max_line_bytes)} "
                                                f"(max_line_bytes)")
                continue
            if line.strip():
                seen += 1
                yield _jsonl_record(line, f"-:{lineno}")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield InputError("-", f"not a valid gzip stream ({exc})")
        return
    if not seen:
        yield InputError("-", "standard input holds no JSONL records")


def _read_folder(root: Path, options: Options) -> Iterator[Document | InputError]:
    files = sorted((p for p in root.rglob("*") if p.is_file() and _is_document_name(p)
                    and not any(part.startswith(".") for part in p.relative_to(root).parts)),
                   key=lambda p: p.relative_to(root).parts)
    if not files:
        raise InputError(str(root), "folder holds no documents (looked for "
                         + ", ".join(DOCUMENT_SUFFIXES) + " and their .gz)")
    for p in files:
        yield from _read_file(p, options)


def _is_document_name(p: Path) -> bool:
    name = p.name.lower().removesuffix(".gz")
    return name.endswith(DOCUMENT_SUFFIXES)


def _read_file(path: Path, options: Options) -> Iterator[Document | InputError]:
    origin = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(origin, "no such file or folder") from None
    except OSError as exc:
        raise InputError(origin, f"cannot be read ({exc.strerror or exc})") from None
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(JSONL_SUFFIXES):
        yield from _read_jsonl(path, options)
        return
    if size > options.max_bytes:
        raise InputError(origin, f"file is {_size(size)}, over the limit of {_size(options.max_bytes)} (max_bytes)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(origin, f"cannot be read ({exc.strerror or exc})") from None
    yield _document_from_bytes(data, origin, options, name=name)


def _document_from_bytes(data: bytes, origin: str, options: Options, *, name: str) -> Document:
    """Decompress a gzip (with a size cap) and read the bytes as one document."""
    if data.startswith(b"\x1f\x8b"):
        data = gunzip(data, options.max_bytes, origin)
    content_type = None
    if name.endswith(HTML_SUFFIXES):
        text_head = data[:8192].decode("latin-1")
        if _HTML_TAG.search(text_head) or _HTML_ROOT.search(text_head):
            content_type = "html"
    doc = read_content(data, origin=origin, content_type=content_type)
    if content_type == "html":
        doc.notes.append("read as HTML (file name and markup)")
    return doc


def gunzip(data: bytes, max_bytes: int, origin: str) -> bytes:
    """Decompress gzip bytes, refusing output over ``max_bytes`` (a gzip bomb) and truncated streams."""
    import io

    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as g:
            out = _read_capped(g, max_bytes, origin, "decompressed gzip", bomb=True)
    except EOFError:
        raise InputError(origin, "truncated gzip file (the compressed stream ends early)") from None
    except (gzip.BadGzipFile, zlib.error, OSError) as exc:
        raise InputError(origin, f"not a valid gzip file ({exc})") from None
    return out


def _read_capped(stream: BinaryIO, max_bytes: int, origin: str, what: str, *, bomb: bool = False) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(1 << 20, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            extra = "; refusing a possible gzip bomb" if bomb else ""
            raise InputError(origin, f"{what} is over the limit of {_size(max_bytes)} (max_bytes){extra}")
    return b"".join(chunks)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MiB ({n:,} bytes)"
    return f"{n:,} bytes"


# ------------------------------------------------------------------- JSONL

def _read_jsonl(path: Path, options: Options) -> Iterator[Document | InputError]:
    """One document per line ``{"id", "text"|"html", "url"?, "published"?, "title"?}``; bad lines are yielded as errors."""
    origin = str(path)
    try:
        with path.open("rb") as raw:
            gz = raw.read(2) == b"\x1f\x8b"
            raw.seek(0)
            stream: BinaryIO = gzip.GzipFile(fileobj=raw) if gz else raw  # type: ignore[assignment]
            seen = 0
            for lineno, line in _capped_lines(stream, options.max_line_bytes):
                if line is None:
                    yield InputError(f"{origin}:{lineno}",
                                     f"line is over the limit of {_size(options.max_line_bytes)} (max_line_bytes)")
                    seen += 1
                    continue
                if not line.strip():
                    continue
                seen += 1
                yield _jsonl_record(line, f"{origin}:{lineno}")
    except FileNotFoundError:
        raise InputError(origin, "no such file or folder") from None
    except EOFError:
        yield InputError(origin, "truncated gzip file (the compressed stream ends early); later lines are lost")
        return
    except (gzip.BadGzipFile, zlib.error) as exc:
        yield InputError(origin, f"not a valid gzip file ({exc})")
        return
    except OSError as exc:
        raise InputError(origin, f"cannot be read ({exc.strerror or exc})") from None
    if not seen:
        yield InputError(origin, "empty JSONL file (no records)")


def _capped_lines(stream: BinaryIO, cap: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; ``None`` for a line over ``cap``, which is skipped in chunks."""
    lineno = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        lineno += 1
        if len(line) > cap and not (len(line) == cap + 1 and line.endswith(b"\n")):
            while not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
                if not line:
                    break
            yield lineno, None
            continue
        yield lineno, line


def _jsonl_record(line: bytes, origin: str) -> Document | InputError:
    try:
        rec = json.loads(line)
    except UnicodeDecodeError:
        return InputError(origin, "line is not valid UTF-8")
    except json.JSONDecodeError as exc:
        return InputError(origin, f"line is not valid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return InputError(origin, "line is JSON nested too deeply to read")
    except ValueError as exc:  # an integer of thousands of digits: Python refuses to convert it
        what = "a number too long to read (over 4,300 digits)" if "digits" in str(exc) else \
            f"a value that cannot be read ({' '.join(str(exc).split())[:120]})"
        return InputError(origin, f"line holds {what}")
    if not isinstance(rec, dict):
        return InputError(origin, f"line is JSON but not an object (a {type(rec).__name__})")
    rec = {k: without_surrogates(v)[0] if isinstance(v, str) and k != "text" and k != "html" else v
           for k, v in rec.items()}  # an id, url or title that cannot be written as UTF-8 costs nothing else
    body = rec.get("text") if rec.get("text") is not None else rec.get("html")
    if not isinstance(body, str):
        return InputError(origin, 'record has no "text" or "html" string')
    ctype = "html" if rec.get("text") is None else None
    rid = rec.get("id")
    for key in ("id", "url", "title", "published"):
        problem = _field_problem(rec.get(key))
        if problem:
            return InputError(origin, f'record field "{key}" {problem}')
    published, note = check_published(rec.get("published"))
    try:
        doc = read_content(body, origin=origin, url=_str_or_none(rec.get("url")), published=published,
                           record_id=None if rid is None else str(rid), title=_str_or_none(rec.get("title")),
                           content_type=ctype)
    except InputError as exc:
        return exc
    if note:
        doc.notes.append(note)
    return doc


#: longest id, url, title or published field a JSONL record may give (the text has its own limit)
MAX_FIELD_CHARS = 10_000


def _field_problem(value: object) -> str | None:
    if value is None or isinstance(value, (str, int, float)) and not isinstance(value, bool):
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            return f"is {len(value):,} characters, over the limit of {MAX_FIELD_CHARS:,}"
        return None
    return f"must be a string, not a JSON {type(value).__name__}"


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]{0,40})?|\d{4}-\d{2}|\d{4}")


def check_published(value: object) -> tuple[str | None, str | None]:
    """A publication date given with an input: (ISO text, None) when it is an ISO date of a
    plausible year (1800-2200: date arithmetic near year 1 overflows), else (None, a note that
    it was ignored). A bad date must not cost the record."""
    from datetime import date

    if value is None or value == "":
        return None, None
    text = str(value) if not isinstance(value, str) else value
    shown = text[:40] + ("..." if len(text) > 40 else "")
    if not _ISO_DATE.fullmatch(text.strip()):
        return None, f"published {shown!r} is not an ISO date; ignored"
    try:
        d = date.fromisoformat(text.strip()[:10]) if len(text.strip()) >= 10 else None
        year = d.year if d else int(text.strip()[:4])
    except ValueError:
        return None, f"published {shown!r} is not a valid date; ignored"
    if not 1800 <= year <= 2200:
        return None, f"published {shown!r} is outside the years 1800-2200; ignored"
    return text.strip(), None


def _str_or_none(v: object) -> str | None:
    return None if v is None else str(v)


# --------------------------------------------------------------------- URLs

def fetch(url: str, options: Options, transport=None, *, resolve: Resolver | None = None,
          max_redirects: int = 10) -> Document:
    """GET an http(s) URL into a ``Document``; raise ``FetchError`` when refused or failed.

    Redirects are followed by hand so that every hop's scheme and host are
    checked: unless ``options.allow_private_urls``, a host that resolves to a
    private, loopback, link-local or otherwise non-global address is refused
    (a page must not make warcount read the intranet). ``transport`` is an
    httpx transport (``httpx.MockTransport`` in tests); ``resolve(host, port)``
    returns the host's addresses (default: ``socket.getaddrinfo``).
    Limitation: the address is checked before httpx connects, so a DNS
    server that answers differently the second time could still win.
    """
    import httpx

    resolve = resolve or _resolve
    if not _URL.match(url):
        raise FetchError(url, "not a URL")
    current = _parse_url(url, url)
    with httpx.Client(transport=transport, timeout=options.fetch_timeout, follow_redirects=False,
                      headers={"User-Agent": "warcount/0.1 (+https://github.com/warcount)"}) as client:
        for hop in range(max_redirects + 1):
            _check_url(current, url, options, resolve, redirected=hop > 0)
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        current = _join_url(current, resp.headers["location"], url)
                        log.debug("redirect to %s", current)
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(url, f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
                    body = _read_body(resp, options.max_bytes, url)
                    ctype_header = resp.headers.get("content-type", "")
                    charset = resp.charset_encoding
            except (httpx.HTTPError, httpx.InvalidURL, UnicodeError, ValueError) as exc:
                raise FetchError(url, f"could not fetch ({type(exc).__name__}: {exc})") from None
            break
        else:
            raise FetchError(url, f"more than {max_redirects} redirects")
    mime = ctype_header.split(";")[0].strip().lower()
    ctype = "html" if mime in ("text/html", "application/xhtml+xml") else None
    doc = read_content(body, origin=url, url=str(current), content_type=ctype, charset=charset)
    if str(current) != url:
        doc.notes.append(f"redirected to {current}")
    return doc


def _parse_url(text: str, origin: str):  # -> httpx.URL
    """The URL parsed, or a one-line ``FetchError``: a malformed host ("http://[::1/",
    "http://999.1.1.1/", "https://xn--/") must not become an httpx or IDNA traceback."""
    import httpx

    try:
        u = httpx.URL(text)
        _ = u.host, u.port  # decoding an IDNA host can fail only here
    except (httpx.InvalidURL, UnicodeError, ValueError, TypeError) as exc:
        raise FetchError(origin, f"malformed URL ({_one_line(exc)})") from None
    return u


def _join_url(base, location: str, origin: str):  # -> httpx.URL
    try:
        return _parse_url(str(base.join(location)), origin)
    except FetchError:
        raise
    except Exception as exc:  # noqa: BLE001 - httpx raises several types for a bad Location
        raise FetchError(origin, f"malformed redirect Location {location[:200]!r} ({_one_line(exc)})") from None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def _read_body(resp, max_bytes: int, url: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    for chunk in resp.iter_bytes():
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(url, f"response is over the limit of {_size(max_bytes)} (max_bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _check_url(u, origin: str, options: Options, resolve: Resolver, *, redirected: bool = False) -> None:
    hop = f" (redirected to {u})" if redirected else ""
    if u.scheme not in ("http", "https"):
        raise FetchError(origin, f"refusing URL scheme '{u.scheme}'{hop}: only http and https are fetched")
    if not u.host:
        raise FetchError(origin, f"no host in the URL{hop}")
    if options.allow_private_urls:
        return
    port = u.port or (443 if u.scheme == "https" else 80)
    try:
        addresses = [str(ipaddress.ip_address(u.host))]
    except ValueError:
        try:
            addresses = resolve(u.host, port)
        except OSError as exc:
            raise FetchError(origin, f"cannot resolve host {u.host}{hop} ({exc})") from None
    for addr in addresses:
        if not _is_public(addr):
            raise FetchError(origin, f"refusing host {u.host} ({addr}){hop}: a private, loopback or link-local "
                                     "address (set allow_private_urls to allow)")


_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_V4_COMPATIBLE = ipaddress.ip_network("::/96")


def _is_public(addr: str) -> bool:
    """A global unicast address, and so is every IPv4 address an IPv6 one carries: mapped
    (``::ffff:a.b.c.d``), IPv4-compatible (``::a.b.c.d``), NAT64 (``64:ff9b::a.b.c.d``),
    6to4 (``2002:AABB:CCDD::``) and Teredo reach the IPv4 host inside."""
    try:
        ip = ipaddress.ip_address(addr.split("%")[0])
    except ValueError:
        return False
    if not (ip.is_global and not ip.is_multicast) and not (ip.version == 6 and _embedded_v4(ip)):
        return False
    if ip.version == 6:
        inner = _embedded_v4(ip)
        if inner:
            return all(v4.is_global and not v4.is_multicast for v4 in inner)
    return True


def _embedded_v4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    out = []
    if ip.ipv4_mapped is not None:
        out.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        out.append(ip.sixtofour)
    if ip.teredo is not None:
        out.extend(ip.teredo)
    if any(ip in net for net in _NAT64) or (ip in _V4_COMPATIBLE and int(ip) > 1):
        out.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return out


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return sorted({info[4][0] for info in infos})
