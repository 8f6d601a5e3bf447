"""What the pre-filter skips on the dev corpus, what it wrongly skips, and what it costs.

Why: the pre-filter is only worth having if it skips many pages and loses
none that holds a claim. "Holds a claim" means: the seed article, every
Wikipedia line whose gold killed or wounded count is above 0 and stated in
the text, and every HTML page on which the full pipeline finds a claim (the
pipeline is run on all 181 pages here; tests/test_prefilter.py runs it on the
skipped ones only). Timings are per page, on one core.

    python bench/prefilter.py
"""
from __future__ import annotations

import gzip
import json
import logging
import os
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    from warcount import prefilter
    from warcount.pipeline import process
    from warcount.read import read_content

    pf = prefilter.load()
    print("load %.2f %.2f %.2f" % os.getloadavg())

    seed = (CORPUS / "khan-touman-2016.txt").read_bytes()
    print(f"seed: {'kept' if pf.keep(seed) else 'SKIPPED (lost)'}")

    lines = [json.loads(x) for x in (CORPUS / "wikipedia-incidents.jsonl").read_text("utf-8").splitlines() if x.strip()]
    must = [d for d in lines if any((d["gold"].get(k) or 0) > 0 and d["stated"].get(k) for k in ("killed", "wounded"))]
    kept = [d for d in lines if pf.keep(d["text"])]
    lost = [d["id"] for d in must if not pf.keep(d["text"])]
    print(f"wikipedia: kept {len(kept)} of {len(lines)} lines; {len(must)} have a stated gold count; lost {len(lost)} {lost}")

    pages = sorted((CORPUS / "html-articles" / "html").glob("*.html.gz"))
    raw = [gzip.decompress(p.read_bytes()) for p in pages]
    t = time.perf_counter()
    verdicts = [pf.keep(b) for b in raw]
    t_pf = (time.perf_counter() - t) / len(raw)
    process(read_content(raw[0], origin="warm-up", content_type="html"))  # load spaCy before timing
    with_claims, lost_pages, t_kept, t_all = 0, [], 0.0, 0.0
    lost_raw_events = []  # pages with an event (a figureless one included) that the raw check skips
    second, lost_second, with_events, lost_events = 0, [], 0, []
    for p, b, keep in zip(pages, raw, verdicts):
        t = time.perf_counter()
        report = process(read_content(b, origin=p.name, content_type="html"))
        dt = time.perf_counter() - t
        t_all += dt
        t_kept += dt if keep else 0.0
        # the second check, on the cleaned body and title (what scale.run_partition applies before the parse)
        keep2 = keep and prefilter.keep_cleaned(report.cleaned.text, report.cleaned.title)
        second += keep2
        if report.claims:
            with_claims += 1
            if not keep:
                lost_pages.append(p.name)
            elif not keep2:
                lost_second.append(p.name)
        if report.events:
            with_events += 1
            if not keep:
                lost_raw_events.append(p.name)
            if keep and not keep2:
                lost_events.append(p.name)
    n = len(pages)
    print(f"html: kept {sum(verdicts)} of {n} pages ({sum(verdicts) / n:.0%}); the pipeline finds claims on "
          f"{with_claims}; lost {len(lost_pages)} {lost_pages}; pages with an event skipped "
          f"{len(lost_raw_events)} {lost_raw_events}")
    print(f"second check on the cleaned text: {second} of the {sum(verdicts)} kept pages go on to the parse; "
          f"pages with a claim lost {len(lost_second)} {lost_second}; of the {with_events} with an event, "
          f"lost {len(lost_events)} {lost_events}")
    print(f"cost per page: prefilter {t_pf * 1000:.2f} ms; full pipeline {t_all / n * 1000:.0f} ms on average")
    per_page = t_pf + t_kept / n
    print(f"one core: {n / t_all:.1f} pages/s without the pre-filter, {1 / per_page:.1f} pages/s with it")


if __name__ == "__main__":
    main()
