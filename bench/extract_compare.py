"""Body-text extractors side by side on the 181 dev HTML pages: token F1 against articleBody and CPU time.

    .venv/bin/python bench/extract_compare.py [--corpus ../shared/corpus]

Compared: trafilatura as warcount calls it (fast mode, favouring precision, no comments, with
metadata), trafilatura without metadata, and Resiliparse's main-content extraction (if installed),
alone and as a first pass with trafilatura where it is unsure.
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

from warcount.eval_body import prf


def pages(corpus: Path) -> list[tuple[str, str, str]]:
    folder = corpus / "dev" / "html-articles"
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    out = []
    for pid in sorted(truth):
        raw = gzip.decompress((folder / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8", "replace")
        out.append((pid, raw, truth[pid]["articleBody"]))
    return out


def traf(meta: bool):
    import trafilatura

    def run(html: str) -> str:
        r = trafilatura.bare_extraction(html, with_metadata=meta, include_comments=False, favor_precision=True, fast=True)
        return (getattr(r, "text", None) or "") if r is not None else ""
    return run


def resili(html: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return extract_plain_text(HTMLTree.parse(html), main_content=True, alt_texts=False, links=False,
                              list_bullets=False, form_fields=False, noscript=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="../shared/corpus")
    args = ap.parse_args()
    data = pages(Path(args.corpus))
    runs = {"trafilatura (warcount's options, metadata)": traf(True), "trafilatura (no metadata)": traf(False)}
    try:
        import resiliparse  # noqa: F401
        runs["resiliparse main_content"] = resili
    except ImportError:
        pass
    for name, fn in runs.items():
        f1s, t = [], 0.0
        for _, raw, gold in data:
            t0 = time.process_time()
            text = fn(raw)
            t += time.process_time() - t0
            f1s.append(prf(text, gold)[2])
        print(f"{name:45s} F1 {statistics.mean(f1s):.4f}  CPU {t:6.2f} s  ({1000 * t / len(data):.1f} ms/page)")


if __name__ == "__main__":
    main()
