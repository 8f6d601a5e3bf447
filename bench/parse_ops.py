"""The parse with thinc's BLIS and with numpy's OpenBLAS side by side (nlp._fast_matmul).

    .venv/bin/python bench/parse_ops.py [--corpus ../shared/corpus] [--rows 150]

Parses the paragraphs of the dev text files and of the first ROWS local-news articles with both
matrix-product back ends in one process, in CPU time of this thread (``time.thread_time``, so
other processes on the machine change the figure little), and counts the tokens whose tag,
dependency label or head differ between the two: the switch is only worth having at 0.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--rows", type=int, default=150)
    args = ap.parse_args()
    import spacy

    from warcount import nlp as nlp_mod

    dev = Path(args.corpus) / "dev"
    texts: list[str] = []
    for f in sorted(dev.glob("*.txt")):
        texts += [p for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]
    with open(dev / "local-news.jsonl", encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k >= args.rows:
                break
            texts += [p for p in json.loads(line)["text"].split("\n") if p.strip()]
    name = nlp_mod.pipeline().nlp.meta["lang"] + "_" + nlp_mod.pipeline().nlp.meta["name"]
    fast = nlp_mod.pipeline().nlp
    slow = spacy.load(name, exclude=["ner", "lemmatizer", "attribute_ruler"])
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} paragraphs, {words} words; OpenBLAS back end in use: "
          f"{not fast.get_pipe('tagger').model.ops.use_blis}")
    for label, model in (("BLIS", slow), ("OpenBLAS", fast)):
        list(model.pipe(texts[:20]))
        times = []
        for _ in range(3):
            t0 = time.thread_time()
            list(model.pipe(texts, batch_size=64))
            times.append(time.thread_time() - t0)
        med = sorted(times)[1]
        print(f"{label:9s} {words / med:8,.0f} words/s (CPU, one thread)")
    differ = total = 0
    for a, b in zip(slow.pipe(texts), fast.pipe(texts)):
        for x, y in zip(a, b):
            total += 1
            differ += (x.tag_, x.dep_, x.head.i) != (y.tag_, y.dep_, y.head.i)
    print(f"tokens {total}, differing in tag, label or head: {differ}")


if __name__ == "__main__":
    main()
