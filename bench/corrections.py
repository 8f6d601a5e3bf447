"""What corrections cost: ingest time per document with and without corrections, and a correction's own time.

Synthetic reports (one event, two claims each, in different towns and days, so the machine keeps
them apart) fill a ledger; then ``--corrections`` merges of pairs are made, and more documents are
ingested: those that touch no corrected event (the common case) and re-ingests of the merged ones
(each re-applies every correction).

    .venv/bin/python bench/corrections.py --events 400 --corrections 40
"""
from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from warcount.model import Claim, Cleaned, Event, Figure, Place, Report, Source, content_hash
from warcount.store import Ledger, _recorrect


def synthetic(i: int, *, revision: int = 0) -> Report:
    day = (date(2016, 1, 1) + timedelta(days=i % 700)).isoformat()
    town = f"Town{i}"
    text = (f"Shelling hit {town} on {day}, killing {i % 50 + 1} people, the civil defence said. "
            f"{i % 20 + 2} people were wounded, a monitor said." + (" Update." * revision))
    claims = [Claim(id="c1", kind="killed", figure=Figure(i % 50 + 1, i % 50 + 1, str(i % 50 + 1)), victim="people",
                    source=Source("civil defence", "official"), status="reported", victim_side="civilians",
                    evidence=f"killing {i % 50 + 1} people", event_id="e1"),
              Claim(id="c2", kind="wounded", figure=Figure(i % 20 + 2, i % 20 + 2, str(i % 20 + 2)), victim="people",
                    source=Source("monitor", "outlet"), status="reported", victim_side="civilians",
                    evidence=f"{i % 20 + 2} people were wounded", event_id="e1")]
    place = Place(town, "Province", "Syria", 33 + (i % 50) / 10, 36 + (i % 37) / 10, "point")
    ev = Event(id="e1", type="shelling", date=day, date_precision="day", place=place, claims=["c1", "c2"],
               summary=f"shelling of {town}")
    doc = {"id": content_hash(text), "origin": f"bench-{i}", "url": f"https://bench.example/{i}", "title": None,
           "published": day}
    return Report(document=doc, claims=claims, events=[ev], cleaned=Cleaned(text=text))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=400)
    ap.add_argument("--corrections", type=int, default=40)
    ap.add_argument("--extra", type=int, default=100, help="documents ingested after the corrections")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Ledger(Path(tmp) / "bench.db") as ledger:
        t0 = time.perf_counter()
        ids = [ledger.add_report(synthetic(i)).events[0] for i in range(args.events)]
        base = (time.perf_counter() - t0) / args.events
        t0 = time.perf_counter()
        firsts = list(dict.fromkeys(ids))  # the machine may have joined some already
        for k in range(args.corrections):
            ledger.add_correction("merge", firsts[2 * k], value=firsts[2 * k + 1], who="bench", reason="bench")
        per_correction = (time.perf_counter() - t0) / max(args.corrections, 1)
        t0 = time.perf_counter()
        for i in range(args.events, args.events + args.extra):
            ledger.add_report(synthetic(i))
        untouched = (time.perf_counter() - t0) / args.extra
        revised = list(range(args.events - 1, max(args.events - 1 - args.extra, 2 * args.corrections - 1), -1))
        t0 = time.perf_counter()
        n = 0
        for i in revised:  # new revisions of documents no correction holds on to
            ledger.add_report(synthetic(i, revision=1))
            n += 1
        revision = (time.perf_counter() - t0) / max(n, 1)
        touched_docs = [i for i in range(2 * args.corrections)][:args.extra]
        t0 = time.perf_counter()
        for i in touched_docs:
            ledger.add_report(synthetic(i, revision=1))
        touched = (time.perf_counter() - t0) / max(len(touched_docs), 1)
        t0 = time.perf_counter()
        ledger._transaction(_recorrect)
        recorrect = time.perf_counter() - t0
        print(f"ledger: {args.events} events, {args.corrections} merges")
        print(f"re-applying every correction:       {recorrect * 1000:7.1f} ms")
        print(f"ingest, no corrections yet:         {base * 1000:7.1f} ms/doc")
        print(f"one correction (merge), applied:    {per_correction * 1000:7.1f} ms")
        print(f"ingest, new documents not touched:  {untouched * 1000:7.1f} ms/doc")
        print(f"ingest, revisions of untouched:     {revision * 1000:7.1f} ms/doc")
        print(f"ingest, revisions of merged events: {touched * 1000:7.1f} ms/doc (re-applies every correction)")


if __name__ == "__main__":
    main()
