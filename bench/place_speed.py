"""Place resolution speed: milliseconds per candidate toponym, and per document's main place.

    .venv/bin/python bench/place_speed.py [--corpus ../shared/corpus] [--docs 300]

Takes the first ``--docs`` texts of local-news.jsonl and world-news.jsonl (the HTML's paragraphs as
text), finds their candidate toponyms (``mainplace.toponyms``) and resolves each in its document's
context (``places.resolve_in``), then times ``mainplace.main_place`` per document. The gazetteer's
one-time load is reported apart. The issue's bound: under 1 ms per candidate on average.
"""
from __future__ import annotations

import argparse
import html as htmlmod
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from warcount import mainplace, places  # noqa: E402


def texts(corpus: Path, n: int) -> list[str]:
    out = []
    for name in ("local-news.jsonl", "world-news.jsonl"):
        with open(corpus / "dev" / name, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= n:
                    break
                rec = json.loads(line)
                t = rec.get("text") or " \n\n".join(htmlmod.unescape(re.sub(r"<[^>]+>", "", p))
                                                    for p in re.findall(r"<p>(.*?)</p>", rec.get("html", ""), re.S))
                out.append(t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1] / "../shared/corpus"))
    ap.add_argument("--docs", type=int, default=300)
    args = ap.parse_args()
    docs = texts(Path(args.corpus), args.docs)
    t0 = time.perf_counter()
    places.gazetteer()
    load = time.perf_counter() - t0
    n = 0
    spent = 0.0
    ctx_time = 0.0
    for t in docs:
        c0 = time.perf_counter()
        ctx = places.context_of(t)
        ctx_time += time.perf_counter() - c0
        cands = mainplace.toponyms(t, ctx)
        r0 = time.perf_counter()
        for name, _, cue in cands:
            places.resolve_in(name, ctx, t, cue=cue)
        spent += time.perf_counter() - r0
        n += len(cands)
    m0 = time.perf_counter()
    for t in docs:
        mainplace.main_place(t, None, (None, None), [])
    main_t = time.perf_counter() - m0
    print(f"gazetteer load: {load:.2f} s (once per process)")
    print(f"{len(docs)} documents, {n} candidate toponyms: {1000 * spent / max(n, 1):.3f} ms per candidate "
          f"(resolution in context); context reading {1000 * ctx_time / len(docs):.2f} ms per document")
    print(f"main place (context, candidates, resolution, choice): {1000 * main_t / len(docs):.2f} ms per document")


if __name__ == "__main__":
    main()
