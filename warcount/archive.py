"""Input enumeration for whole archives: folders, JSONL (plain or .gz) and WARC files.

Why a module beside ``read.py``: a run over months of news must be cut into
shards that Dask workers read on their own, and must survive the damage
real archives carry (a download cut short, a corrupt gzip member). So this
module does two things:

* ``partitions(inputs, size)`` walks the inputs once on the client and cuts
  them into ``Partition`` records: a byte range of a WARC file, a line range
  of a JSONL file, or a group of plain files. Each has a stable ``id`` (a
  hash of the path, its size and the range), so a rerun finds the shards it
  already finished.
* ``iter_partition(part)`` reads one shard on a worker and yields, record by
  record, an ``Entry`` (raw content ready for the pre-filter and
  ``read.read_content``), a ``Skip`` (a WARC record that is not an HTML
  page with status 200, with the reason), or an ``InputError`` naming the
  location ``file:OFFSET`` (WARC) or ``file:LINE`` (JSONL). A bad record
  never ends the iteration.

A gzip stream cannot seek, so a worker reading a later shard of a
``.jsonl.gz`` decompresses (and drops) the lines before it: fine up to a few
hundred MB; for bigger dumps use plain JSONL or WARC (gzip per record), whose
shards start at a byte offset.

WARC library: FastWARC parses each record (WARC and HTTP headers, chunked
and content-encoded payloads). Measured on a WARC of the 181 dev HTML pages
(31.5 MB of HTML, 6.2 MB as gzip-per-record WARC, load 0.75, one core):

    ===================  ==========  ==========  ==========
    library              .warc.gz    .warc       10x .warc.gz
    ===================  ==========  ==========  ==========
    FastWARC 2.0.1       4,113 rec/s 14,254      4,237 rec/s (737 MB/s)
    warcio 1.8.1         2,039 rec/s 11,273      2,078 rec/s (361 MB/s)
    ===================  ==========  ==========  ==========

Neither reports damage well on its own: on a gzip member truncated at the
end of the file FastWARC yields a record with empty headers and warcio
drops it silently; on one truncated mid-file both stop the iteration. So
the framing is ours: gzip members are split with ``zlib`` (a member that
ends early or fails its CRC is an error at its offset), plain records by
their ``Content-Length``; after damage the reader resynchronises on the
next gzip header (or ``WARC/1.`` line) whose content starts with ``WARC/``.
Our framing plus FastWARC's record parser reads about 1,400 pages/s from a
.warc.gz and 5,000 from a .warc on one core (load 2), some 50 times what
extraction needs; the index pass of ``partitions`` costs about as much.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import logging
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .config import Options
from .errors import InputError
from .model import Document

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
#: what a folder walk hands to read.py as one document per file
FILE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".shtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")

CHUNK = 1 << 20
MAX_HEADER = 64 << 10
GZIP_MAGIC = b"\x1f\x8b\x08"
_CLEN = re.compile(rb"\r?\ncontent-length:[ \t]*(\d+)", re.I)
_WARC_LINE = re.compile(rb"(WARC/1\.[01]\r\n)")


@dataclass(frozen=True)
class Partition:
    """One shard of the input, read by one worker task.

    ``kind`` "warc": records whose first byte lies in ``[start, stop)`` of
    ``paths[0]``; "jsonl": lines ``start`` to ``stop - 1`` (1-based) of
    ``paths[0]``, the first at byte ``offset`` when the file is not
    compressed; "files": every path in ``paths``. ``count`` is the number of
    records expected (for progress and balance). ``seek``: a "warc" range cut by
    bytes (``_warc_byte_ranges``), whose ``start`` and ``stop`` are any bytes of the
    file, not record starts.
    """

    id: str
    kind: str
    paths: tuple[str, ...]
    start: int = 0
    stop: int | None = None
    offset: int = 0
    count: int = 0
    seek: bool = False

    @property
    def label(self) -> str:
        if self.kind == "files":
            return f"{len(self.paths)} files from {self.paths[0]}"
        unit = "bytes" if self.kind == "warc" else "lines"
        return f"{self.paths[0]} {unit} {self.start}..{self.stop}"


@dataclass
class Entry:
    """One raw record, before decoding: what the pre-filter and ``read_content`` take."""

    origin: str
    data: bytes | str
    kind: str  # "warc", "jsonl" or "file"
    url: str | None = None
    published: str | None = None
    content_type: str | None = None  # "html" when the record says so
    charset: str | None = None  # declared by the HTTP header

    def read(self, options: Options | None = None) -> Document:
        """The record as a ``Document`` (``InputError`` when it is not usable text)."""
        from . import read

        options = options or Options()
        if self.kind == "jsonl":
            got = read._jsonl_record(self.data if isinstance(self.data, bytes) else self.data.encode(), self.origin)
            if isinstance(got, InputError):
                raise got
            return got
        if self.kind == "file":
            name = Path(self.origin).name.lower().removesuffix(".gz")
            assert isinstance(self.data, bytes)
            return read._document_from_bytes(self.data, self.origin, options, name=name)
        return read.read_content(self.data, origin=self.origin, url=self.url, published=self.published,
                                 content_type=self.content_type, charset=self.charset)


@dataclass(frozen=True)
class Skip:
    """A record that is not a document: ``reason`` is "non-html", "non-200" or "non-response"."""

    origin: str
    reason: str
    detail: str = ""


Item = Entry | Skip | InputError


# ---------------------------------------------------------------- partitions

def partitions(inputs: Iterable[str | os.PathLike], size: int = 500) -> list[Partition]:
    """Cut the inputs into shards of about ``size`` records each, in input order.

    Folders are walked recursively in sorted order (hidden entries skipped).
    An input that does not exist raises ``InputError``; a folder without a
    readable file is an ``InputError`` too, since the run would do nothing.
    """
    if size < 1:
        raise ValueError("partition size must be at least 1")
    out: list[Partition] = []
    loose: list[Path] = []  # plain files, grouped in order
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files = _walk(path)
            if not files:
                raise InputError(str(path), "folder holds no WARC, JSONL or document files")
        elif path.is_file():
            files = [path]
        else:
            raise InputError(str(path), "no such file or folder")
        for f in files:
            kind = classify(f)
            if kind == "file":
                loose.append(f)
                continue
            out += _file_groups(loose, size)
            loose = []
            out += _warc_partitions(f, size) if kind == "warc" else _jsonl_partitions(f, size)
    out += _file_groups(loose, size)
    return out


def classify(path: Path) -> str:
    """"warc", "jsonl" or "file", by the name (a ``.gz`` ending is looked through)."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.removesuffix(".gz").endswith(JSONL_SUFFIXES):
        return "jsonl"
    return "file"


def _walk(root: Path) -> list[Path]:
    keep = WARC_SUFFIXES + FILE_SUFFIXES + JSONL_SUFFIXES
    files = [p for p in root.rglob("*")
             if p.is_file() and not any(s.startswith(".") for s in p.relative_to(root).parts)
             and (p.name.lower().endswith(keep) or p.name.lower().removesuffix(".gz").endswith(keep))]
    return sorted(files, key=lambda p: p.relative_to(root).parts)


def _pid(*parts: object) -> str:
    return hashlib.sha1(json.dumps(parts, default=str).encode()).hexdigest()[:16]


def _stat_key(path: Path) -> tuple[str, int]:
    return str(path.resolve()), path.stat().st_size


def _file_groups(files: list[Path], size: int) -> list[Partition]:
    out = []
    for i in range(0, len(files), size):
        group = files[i:i + size]
        key = [_stat_key(p) for p in group]
        out.append(Partition(_pid("files", key), "files", tuple(str(p) for p in group), count=len(group)))
    return out


BYTE_RANGES_FROM = 16 << 20  # a gzip WARC this large is cut by bytes, without decompressing it on the client
_SAMPLE = 64  # records whose compressed size gives the bytes of ``size`` records


def _warc_partitions(path: Path, size: int) -> list[Partition]:
    """Byte ranges holding ``size`` records each; boundaries are record (member) starts.

    Finding the boundaries of a gzip WARC means decompressing it once here;
    FastWARC-free framing is what the workers use too, so damage moves
    boundaries the same way on both sides. A large gzip WARC is cut by bytes
    instead (``_warc_byte_ranges``): the scan was the client's whole work before
    the first task could start (1.8 s for a 68 MB WARC, all of it zlib).
    """
    if path.stat().st_size >= BYTE_RANGES_FROM and _is_gzip(path):
        ranges = _warc_byte_ranges(path, size)
        if ranges:
            return ranges
    offsets = [off for off, _rec, _problem in _frames(path, 0, None, index_only=True)]
    key = _stat_key(path)
    out = []
    for i in range(0, len(offsets), size):
        start = offsets[i]
        stop = offsets[i + size] if i + size < len(offsets) else None
        n = min(size, len(offsets) - i)
        out.append(Partition(_pid("warc", key, start, stop), "warc", (str(path),), start, stop, count=n))
    if not offsets:
        out.append(Partition(_pid("warc", key, 0, None), "warc", (str(path),), 0, None, count=0))
    return out


def _warc_byte_ranges(path: Path, size: int) -> list[Partition]:
    """Equal ranges of compressed bytes, each about ``size`` records by the first records' sizes.

    Why: balanced by bytes (a worker's cost follows its page bytes more than its record
    count), and no scan: a range's worker finds its first record itself, the first gzip member
    at or after its ``start`` whose content begins ``WARC/`` (``_resync_gzip``, the rule the
    reader already uses to step over damage), and reads the records that start before its
    ``stop``, the next range's start; so each record is read by exactly one range. Empty when
    the file holds fewer than ``_SAMPLE`` records (the exact cut is cheap then).

    Damage at a cut: the walk of a range goes on past its ``stop`` while it stands on something
    that is not a record's start (garbage after the member that straddles the cut, which the
    next range's search steps over), so that damage is reported, once, by the range before."""
    import itertools

    frames = _frames(path, 0, None, index_only=True)
    try:
        offsets = [off for off, _rec, _problem in itertools.islice(frames, _SAMPLE + 1)]
    finally:
        frames.close()
    if len(offsets) <= _SAMPLE:
        return []
    step = max(1, (offsets[-1] - offsets[0]) * size // (len(offsets) - 1))
    key = _stat_key(path)
    file_size = key[1]
    starts = list(range(0, max(0, file_size - 2 * step), step))
    tail = starts[-1] + step if starts else 0
    # the last two ranges' worth of bytes in four: whichever worker takes the last task, the
    # others wait at most half a range for it (the run's end was one whole partition late)
    quarter = max(1, (file_size - tail) // 4)
    starts += [b for b in range(tail, file_size, quarter) if file_size - b >= quarter // 2 or b == tail]
    out = []
    for i, start in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else None
        n = max(1, round(size * ((stop or file_size) - start) / step))
        out.append(Partition(_pid("warc-bytes", key, start, stop), "warc", (str(path),), start, stop,
                             count=n, seek=True))
    return out


def _jsonl_partitions(path: Path, size: int) -> list[Partition]:
    gz = _is_gzip(path)
    key = _stat_key(path)
    out = []
    lineno, pos, first, first_pos = 0, 0, 1, 0
    try:
        with (gzip.open(path, "rb") if gz else path.open("rb")) as fh:
            for line in fh:
                lineno += 1
                if lineno - first == size:
                    out.append(Partition(_pid("jsonl", key, first, lineno), "jsonl", (str(path),), first, lineno,
                                         0 if gz else first_pos, count=size))
                    first, first_pos = lineno, pos
                pos += len(line)
    except (EOFError, OSError, zlib.error) as exc:
        # a damaged .gz: the worker that reads the last shard reports it with its line
        log.debug("%s: index pass stopped at line %d (%s)", path, lineno, exc)
    out.append(Partition(_pid("jsonl", key, first, None), "jsonl", (str(path),), first, None,
                         0 if gz else first_pos, count=max(0, lineno - first + 1)))
    return out


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


# ---------------------------------------------------------------- reading

def iter_partition(part: Partition, options: Options | None = None) -> Iterator[Item]:
    """Every record of one shard as an ``Entry``, ``Skip`` or ``InputError``; never raises for bad data."""
    options = options or Options()
    if part.kind == "warc":
        yield from iter_warc(part.paths[0], part.start, part.stop, max_bytes=options.max_bytes, seek=part.seek)
    elif part.kind == "jsonl":
        yield from _iter_jsonl(part, options)
    else:
        for p in part.paths:
            yield _file_entry(p, options)


def iter_inputs(inputs: Iterable[str | os.PathLike], options: Options | None = None,
                size: int = 500) -> Iterator[Item]:
    """All records of all inputs, shard after shard, in one process (no Dask)."""
    for part in partitions(inputs, size):
        yield from iter_partition(part, options)


def _file_entry(path: str, options: Options) -> Entry | InputError:
    try:
        size = os.path.getsize(path)
        if size > options.max_bytes:
            return InputError(path, f"file is {size:,} bytes, over the limit of {options.max_bytes:,} (max_bytes)")
        data = Path(path).read_bytes()
    except OSError as exc:
        return InputError(path, f"cannot be read ({exc.strerror or exc})")
    if data.startswith(b"\x1f\x8b"):
        from .read import gunzip

        try:
            data = gunzip(data, options.max_bytes, path)
        except InputError as exc:
            return exc
    html = path.lower().removesuffix(".gz").endswith((".html", ".htm", ".xhtml", ".shtml"))
    return Entry(path, data, "file", content_type="html" if html else None)


def _iter_jsonl(part: Partition, options: Options) -> Iterator[Item]:
    path = Path(part.paths[0])
    origin = str(path)
    cap = options.max_line_bytes
    lineno = part.start - 1
    try:
        gz = _is_gzip(path)
        with (gzip.open(path, "rb") if gz else path.open("rb")) as fh:
            if gz:
                for _ in range(part.start - 1):  # a gzip stream cannot seek: skip the lines before
                    if not fh.readline():
                        return
            else:
                fh.seek(part.offset)
            while part.stop is None or lineno + 1 < part.stop:
                line = fh.readline(cap + 1)
                if not line:
                    return
                lineno += 1
                if len(line) > cap and not line.endswith(b"\n"):
                    while line and not line.endswith(b"\n"):
                        line = fh.readline(CHUNK)
                    yield InputError(f"{origin}:{lineno}", f"line is over the limit of {cap:,} bytes (max_line_bytes)")
                    continue
                if line.strip():
                    yield Entry(f"{origin}:{lineno}", line, "jsonl")
    except FileNotFoundError:
        yield InputError(origin, "no such file")
    except EOFError:
        yield InputError(f"{origin}:{lineno + 1}",
                         "truncated gzip stream (the compressed data ends early); later lines are lost")
    except (gzip.BadGzipFile, zlib.error, OSError) as exc:
        yield InputError(f"{origin}:{lineno + 1}", f"damaged gzip stream ({exc}); later lines are lost")


# ---------------------------------------------------------------- WARC

def iter_warc(path: str | os.PathLike, start: int = 0, stop: int | None = None, *,
              max_bytes: int = Options.max_bytes, seek: bool = False) -> Iterator[Item]:
    """The records of a WARC file whose first byte lies in ``[start, stop)``; with ``seek``,
    ``start`` may be any byte of a gzip WARC (the first record is the first member after it)."""
    path = str(path)
    for offset, rec, problem in _frames(Path(path), start, stop, max_bytes=max_bytes, seek=seek):
        origin = f"{path}:{offset}"
        if problem is not None or rec is None:
            log.debug("%s: %s", origin, problem)  # the caller reports it
            yield InputError(origin, problem or "unreadable record")
            continue
        yield _warc_item(origin, rec)


def _warc_item(origin: str, rec: bytes) -> Item:
    from fastwarc.warc import WarcRecord, WarcRecordType

    try:
        record = WarcRecord.from_reader(io.BytesIO(rec))
        rtype = record.record_type
        if rtype not in (WarcRecordType.response, WarcRecordType.resource):
            return Skip(origin, "non-response", str(rtype))
        url = record.headers.get("WARC-Target-URI")
        date = record.headers.get("WARC-Date")
        if rtype == WarcRecordType.response:
            if not record.is_http:
                return Skip(origin, "non-html", "response without HTTP headers")
            record.parse_http(auto_decode="all")
            status = record.http_headers.status_code if record.http_headers is not None else None
            if status != 200:
                return Skip(origin, "non-200", str(status))
            ctype = (record.http_content_type or "").lower()
            charset = record.http_charset
        else:
            ctype = (record.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            charset = None
        if "html" not in ctype:
            return Skip(origin, "non-html", ctype or "no content type")
        body = record.reader.read()
    except (OSError, ValueError) as exc:
        return InputError(origin, f"broken WARC record ({exc})")
    return Entry(origin, body, "warc", url=url, published=date[:10] if date else None,
                 content_type="html", charset=charset)


def _frames(path: Path, start: int, stop: int | None, *, index_only: bool = False,
            max_bytes: int = Options.max_bytes, seek: bool = False) -> Iterator[tuple[int, bytes | None, str | None]]:
    """(offset, record bytes, problem) for each record starting in ``[start, stop)``.

    ``problem`` is None for a sound record. With ``index_only`` the record
    bytes are not kept (the partition pass needs only the offsets). With
    ``seek`` (gzip only) ``start`` is any byte: reading begins at the first
    member at or after it.
    """
    with path.open("rb") as fh:
        gz = fh.read(2) == b"\x1f\x8b"
        if gz and seek and start > 0:
            first = _resync_gzip(fh, start)
            if first is None or (stop is not None and first >= stop):
                return
            start = first
        if gz:
            yield from _gzip_frames(fh, start, stop, index_only, max_bytes, ranged=seek)
        else:
            yield from _plain_frames(fh, start, stop, index_only, max_bytes)


def _record_problem(rec: bytes) -> str | None:
    """Why the bytes are not one whole WARC record, or None."""
    if not rec.startswith(b"WARC/"):
        return "not a WARC record (no WARC/ version line)"
    end = rec.find(b"\r\n\r\n", 0, MAX_HEADER)
    if end < 0:
        return "WARC header has no end (truncated or over 64 KiB)"
    if _WARC_LINE.search(rec, 1, end + 2):
        return "truncated record (another record starts inside its header)"
    m = _CLEN.search(rec, 0, end + 2)
    if not m:
        return "WARC header has no Content-Length"
    need = end + 4 + int(m.group(1))
    if len(rec) < need:
        return f"truncated record: {len(rec) - end - 4:,} of {int(m.group(1)):,} content bytes"
    return None


def _gzip_frames(fh, start: int, stop: int | None, index_only: bool, max_bytes: int, ranged: bool = False):
    """One gzip member is one record (the WARC standard's recommended layout).

    The bytes read past a member's end are the next member's start: they are carried over, so
    the file is read once, in order (seeking back to each member and reading a fresh chunk read
    about 1 MiB per 30 KB record, most of the client's partition scan)."""
    pos = start
    carry = b""  # the file's bytes from ``pos`` on, already read; the file is positioned after them
    while stop is None or pos < stop or (ranged and not _member_at(fh, pos)):
        if ranged and stop is not None and pos >= stop:
            carry = b""  # _member_at moved the file
        if not carry:
            fh.seek(pos)
        d = zlib.decompressobj(31)
        parts: list[bytes] = []
        head = b""
        total = used = 0
        pending, carry = carry, b""
        read = len(pending)
        problem: str | None = None
        while True:
            if not pending:
                pending = fh.read(CHUNK)
                if not pending:
                    if read == 0:
                        return  # clean end of file
                    problem = f"truncated gzip member (the file ends {read:,} bytes into it)"
                    break
                read += len(pending)
            try:
                out = d.decompress(pending, 4 * CHUNK)  # bounded: a gzip bomb cannot balloon memory
            except zlib.error as exc:
                problem = f"corrupt gzip member ({exc})"
                break
            pending = d.unconsumed_tail
            total += len(out)
            if len(head) < MAX_HEADER:
                head += out[:MAX_HEADER - len(head)]
            if total > max_bytes:
                problem = f"record over the limit of {max_bytes:,} bytes (max_bytes)"
                break
            if not index_only:
                parts.append(out)
            if d.eof:
                used = read - len(d.unused_data)
                break
        if problem is None:
            if index_only:
                problem = None if head.startswith(b"WARC/") else "not a WARC record (no WARC/ version line)"
                rec = None
            else:
                rec = b"".join(parts)
                problem = _record_problem(rec)
            carry = d.unused_data  # the next member's first bytes (the file is positioned after them)
            yield pos, (rec if problem is None else None), problem
            pos += used  # the member itself was whole: the next one starts right after it
            continue
        yield pos, None, problem
        nxt = _resync_gzip(fh, pos + 1)
        if nxt is None:
            return
        pos = nxt


def _member_at(fh, pos: int) -> bool:
    """Whether a record's gzip member starts at ``pos`` (by ``_resync_gzip``'s test), or the file ends there."""
    fh.seek(pos)
    if not fh.read(1):
        return True
    return _resync_gzip(fh, pos) == pos


def _resync_gzip(fh, pos: int) -> int | None:
    """Offset of the next gzip member (at or after ``pos``) whose content starts with ``WARC/``."""
    while True:
        fh.seek(pos)
        buf = fh.read(CHUNK)
        if not buf:
            return None
        i = buf.find(GZIP_MAGIC)
        if i < 0:
            pos += max(1, len(buf) - len(GZIP_MAGIC) + 1)
            continue
        cand = pos + i
        fh.seek(cand)
        try:
            head = zlib.decompressobj(31).decompress(fh.read(1 << 16), 16)
        except zlib.error:
            head = b""
        if head.startswith(b"WARC/"):
            return cand
        pos = cand + 1


def _plain_frames(fh, start: int, stop: int | None, index_only: bool, max_bytes: int):
    pos = start
    while stop is None or pos < stop:
        fh.seek(pos)
        head = fh.read(MAX_HEADER)
        if not head.strip():
            return
        lead = len(head) - len(head.lstrip(b"\r\n"))  # blank lines between records
        if lead:
            pos += lead
            continue
        problem = None
        end = head.find(b"\r\n\r\n")
        m = _CLEN.search(head, 0, end + 2) if end >= 0 else None
        if not head.startswith(b"WARC/"):
            problem = "not a WARC record (no WARC/ version line)"
        elif end < 0:
            problem = "WARC header has no end (truncated or over 64 KiB)"
        elif _WARC_LINE.search(head, 1, end + 2):
            problem = "truncated record (another record starts inside its header)"
        elif not m:
            problem = "WARC header has no Content-Length"
        elif int(m.group(1)) > max_bytes:
            problem = f"record over the limit of {max_bytes:,} bytes (max_bytes)"
        if problem is None:
            assert m is not None
            clen = int(m.group(1))
            total = end + 4 + clen
            fh.seek(pos + total)
            tail = fh.read(4)
            if index_only:
                got = min(total, _file_size(fh) - pos)
                rec = None
            else:
                fh.seek(pos)
                rec = fh.read(total)
                got = len(rec)
            if got < total:
                problem = f"truncated record: {got - end - 4:,} of {clen:,} content bytes"
            elif tail != b"\r\n\r\n" and not (len(tail) < 4 and not tail.strip(b"\r\n")):
                # the next bytes should be the record's closing CRLF CRLF: the length lies
                problem = "record does not end where its Content-Length says (truncated or corrupt)"
            else:
                yield pos, rec, None
                pos += total
                continue
        yield pos, None, problem
        nxt = _resync_plain(fh, pos + 1)
        if nxt is None:
            return
        pos = nxt


def _file_size(fh) -> int:
    return os.fstat(fh.fileno()).st_size


def _resync_plain(fh, pos: int) -> int | None:
    """Offset of the next ``WARC/1.x`` line at or after ``pos``."""
    while True:
        fh.seek(pos)
        buf = fh.read(CHUNK)
        if not buf:
            return None
        m = _WARC_LINE.search(buf, 1)
        if m:
            return pos + m.start(1)
        if len(buf) < CHUNK:
            return None
        pos += len(buf) - 16
