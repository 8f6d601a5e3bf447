"""The dev corpus's JSONL sets, read and run through the pipeline once per process.

Every scorer (counts, dates and places, merging, claims of world news) needs
the same reports of the same files; running the pipeline over 2,492 long
articles costs a minute or more, so :func:`reports` keeps them per process,
keyed by the file's path, size and modification time. The eval command and
the test suite's gold gate share this cache.

A record is ``{"id", "text" | "html", "published"?, "title"?, "url"?}``,
the shape ``warcount extract --jsonl`` reads; a record that cannot be read
becomes a report with no claims (logged), so a scorer counts it as a miss.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import WarcountError
from .model import Report

log = logging.getLogger(__name__)


@dataclass
class RunResult:
    """Records of one file with their reports, and the cost of producing them."""

    path: Path
    records: list[dict[str, Any]]
    reports: list[Report]
    seconds: float
    words: int

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def pairs(self) -> list[tuple[dict[str, Any], Report]]:
        return list(zip(self.records, self.reports))


_CACHE: dict[tuple[str, int, float], RunResult] = {}


def load_records(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file, blank lines skipped."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
    return out


def report_of(rec: dict[str, Any], name: str) -> Report:
    """Run one record through the pipeline as ``extract --jsonl`` would."""
    from .pipeline import process
    from .read import read_content

    origin = f"{name}:{rec.get('id')}"
    html = rec.get("html")
    content = html if html else rec.get("text") or ""
    try:
        doc = read_content(content, origin=origin, record_id=rec.get("id"), url=rec.get("url"),
                           published=rec.get("published"), title=rec.get("title"),
                           content_type="html" if html else None)
        return process(doc)
    except WarcountError as exc:
        log.warning("%s", exc)
        return Report(document={"id": rec.get("id"), "origin": origin}, claims=[], events=[])


def reports(path: Path) -> RunResult:
    """Every record of ``path`` with its report, computed once per process."""
    path = Path(path).resolve()
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime)
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    records = load_records(path)
    t0 = time.perf_counter()
    out = [report_of(r, path.name) for r in records]
    seconds = time.perf_counter() - t0
    words = sum(len((r.get("text") or r.get("html") or "").split()) for r in records)
    result = RunResult(path, records, out, seconds, words)
    _CACHE[key] = result
    return result
