"""Ledger ingest as the ledger grows: the dev articles repeated with shifted dates and places.

    .venv/bin/python bench/merge_scale.py [--copies 8] [--corpus ../shared/corpus] [--cache /tmp/reports.pkl]

The 2,492 reports of ``local-news.jsonl`` (the pipeline runs once; ``--cache`` keeps its output in a
pickle between runs) are added to a ledger file on disk, then again as copies whose publication and event
dates are moved on by ``SHIFT_DAYS`` per copy and whose rare capitalised words (places, names) are
renamed, so each copy is a new stream of happenings overlapping its neighbours in time, as a real feed
would. Printed: a row per batch (the ledger size, the batch's wall and CPU seconds, reports per CPU
second, links kept per unit; CPU time is the fair measure on a shared machine); with blocking the time
per batch stays flat as the ledger grows (all pairs would grow it linearly).
"""
from __future__ import annotations

import argparse
import copy
import pickle
import re
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from warcount import matching, merge_model  # noqa: E402
from warcount.model import Report  # noqa: E402
from warcount.store import Ledger  # noqa: E402

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
SHIFT_DAYS = 800  # the dev articles span 1,555 days: neighbouring copies overlap by about half


def _shift(day: str | None, days: int) -> str | None:
    if not day:
        return day
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return day


_PROPER = re.compile(r"\b([A-Z][a-z]{2,})\b")


def _rename(text: str | None, k: int) -> str | None:
    """Every rare capitalised word (a name, a street, a small town: rare by the shipped idf) made new for
    copy ``k``: "Jones" -> "Jonesqc"; common ones ("Police", "Chicago") stay, as in a real feed."""
    if not text:
        return text
    model = merge_model.load()
    tag = "q" + "abcdefghijklmnopqrstuvwxyz"[k % 26]

    def sub(m: re.Match[str]) -> str:
        word = m.group(1).lower()
        rare = word not in matching.STOPWORDS and model.idf.get(word, model.default_idf) >= matching.KEY_IDF
        return m.group(1) + tag if rare else m.group(1)

    return _PROPER.sub(sub, text)


def shifted(rep: Report, k: int) -> Report:
    """Copy ``k`` of a report: a new document, dates ``k * SHIFT_DAYS`` later, places and names renamed
    (else a copy overlapping the original in time would be the same happening told again)."""
    if k == 0:
        return rep
    days = k * SHIFT_DAYS
    doc = dict(rep.document)
    doc.update(id=f"{doc.get('id')}-copy{k}", url=f"{doc.get('url') or doc.get('origin')}?copy={k}",
               record_id=f"{doc.get('record_id')}-copy{k}", published=_shift(doc.get("published"), days),
               # the ledger knows a document by its content hash: a copy is new content
               content_hash=f"{doc.get('content_hash') or doc.get('id')}-copy{k}",
               # a new title (in words matching ignores), else the ledger takes the copy for a revision
               title=f"{_rename(doc.get('title'), k) or ''} ({NUMBER_WORDS[k % len(NUMBER_WORDS)]})")
    claims = [replace(c, event_date=_shift(c.event_date, days), sentence=_rename(c.sentence, k) or "",
                      evidence=_rename(c.evidence, k) or "") for c in rep.claims]
    events = []
    for e in rep.events:
        place = replace(e.place, name=_rename(e.place.name, k)) if e.place and e.place.name else e.place
        events.append(replace(e, date=_shift(e.date, days), place=place, claims=list(e.claims)))
    cleaned = copy.copy(rep.cleaned)
    if cleaned is not None:
        cleaned.text = _rename(cleaned.text, k) or ""
        cleaned.title = _rename(cleaned.title, k)
    return Report(document=doc, claims=claims, events=events, cleaned=cleaned)


def load_reports(corpus: Path, cache: Path | None) -> list[Report]:
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    from warcount import evalset

    run = evalset.reports(corpus / "dev" / "local-news.jsonl")
    print(f"pipeline: {len(run.reports)} articles in {run.seconds:.0f} s ({run.words_per_second:,.0f} words/s)")
    reports = run.reports
    for r in reports:  # the deferred span aligner holds a parser: not needed to ingest
        if r.cleaned is not None:
            r.cleaned.__dict__.pop("_aligner", None)
            r.cleaned.__dict__.pop("_pending", None)
    if cache:
        cache.write_bytes(pickle.dumps(reports))
    return reports


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(ROOT / "../shared/corpus"))
    ap.add_argument("--copies", type=int, default=8, help="how many times the dev set is ingested (8: 19,936)")
    ap.add_argument("--cache", default=None, help="pickle of the pipeline's reports, reused when present")
    args = ap.parse_args()
    reports = load_reports(Path(args.corpus), Path(args.cache) if args.cache else None)
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger(Path(tmp) / "scale.db")
        total = 0
        print("| reports ingested | documents in the ledger | batch seconds (wall) | batch CPU seconds | reports per "
              "CPU second | links kept per unit | events |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for k in range(args.copies):
            t0, c0 = time.perf_counter(), time.process_time()
            for rep in reports:
                ledger.add_report(shifted(rep, k))
            seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
            total += len(reports)
            units = ledger._q("SELECT count(*) FROM units")[0][0]
            docs = ledger._q("SELECT count(*) FROM documents")[0][0]
            pairs = ledger._q("SELECT count(*) FROM links")[0][0]
            print(f"| {total:,} | {docs:,} | {seconds:.1f} | {cpu:.1f} | {len(reports) / cpu:.0f} | {pairs / max(units, 1):.2f} "
                  f"| {ledger.count_events():,} |", flush=True)
        ledger.close()


if __name__ == "__main__":
    main()
