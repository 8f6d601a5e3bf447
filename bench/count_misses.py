"""Count misses of a dev JSONL file grouped by cause, to fix causes in bulk rather than rows.

    .venv/bin/python bench/count_misses.py ../shared/corpus/dev/local-news.jsonl [--every K] [--show N]

Runs the file through the pipeline (every K-th row with ``--every``, for a
quick loop), scores each line as ``warcount eval --only counts`` does
(warcount/eval_counts.py), and groups the misses by a coarse cause:

- ``no event``: no claim at all in the document;
- ``no claim of the kind``: events, but none of this kind;
- ``spurious``: gold 0, something predicted;
- ``under`` / ``over``: both non-zero, with the estimate's rule and whether
  the main event's best came from the account or from the claims.

Writes every miss with the main event's claims and account to
``bench/out/misses-<file>.jsonl`` and prints the groups with ``--show`` rows
each. Text is printed only as short evidence snippets.
"""
from __future__ import annotations

import argparse
import json
import logging
import time
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def cause(gold: int, pred: int, rule: str) -> str:
    if rule == "no event":
        return "no event"
    if rule == "no claim of the kind":
        return "no claim of the kind"
    if gold == 0:
        return "spurious"
    head = rule.split(";")[0].split(":")[0].strip()
    return f"{'under' if pred < gold else 'over'} ({head})"


def _account(main, kind: str) -> list[str]:
    acc = getattr(main, "account", None) if main is not None else None
    if acc is None:
        return []
    out = [f"{s}: {f.count} ({f.rule[:70]})" for s, f in acc.figures.get(kind, {}).items()]
    out += [f"person {p.id} {' '.join(p.names) or '/'.join(p.descriptors)} {p.outcome} {p.side}" for p in acc.people]
    out += [f"mention {m.outcome} {m.figure.low if m.figure else '1p'} {m.scope} {m.evidence[:60]!r}"
            for m in acc.mentions if m.outcome in (kind, "hit", "unhurt")]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--every", type=int, default=1, help="score every K-th row only")
    ap.add_argument("--show", type=int, default=3, help="rows shown per cause")
    ap.add_argument("--kind", choices=("killed", "wounded"), default=None)
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    from warcount import eval_counts
    from warcount.evalset import load_records, report_of

    path = Path(args.file)
    records = load_records(path)[:: args.every]
    definition = eval_counts.DEFINITIONS.get(path.name, eval_counts.DEFAULT_DEFINITION)
    t0 = time.perf_counter()
    groups: dict[str, list[dict]] = defaultdict(list)
    preds: dict[str, dict[str, int]] = {}
    totals = {k: [0, 0, 0, 0] for k in eval_counts.KINDS}
    for rec in records:
        report = report_of(rec, path.name)
        main = eval_counts.main_event(report)
        for kind in eval_counts.KINDS:
            if args.kind and kind != args.kind:
                continue
            g = (rec.get("gold") or {}).get(kind)
            if g is None:
                continue
            stated = bool((rec.get("stated") or {}).get(kind))
            pred = eval_counts.line_count(report, kind, definition)
            preds.setdefault(str(rec.get("id")), {})[kind] = pred
            t = totals[kind]
            t[0] += 1
            t[1] += pred == g
            t[2] += stated
            t[3] += pred == g and stated
            if pred == g:
                continue
            rule = eval_counts._rule(report, kind)
            claims = [c for c in report.claims if main is not None and c.id in main.claims and c.kind == kind]
            groups[cause(g, pred, rule)].append({
                "id": rec.get("id"), "kind": kind, "gold": g, "predicted": pred, "stated": stated, "rule": rule,
                "title": (rec.get("title") or "")[:100],
                "claims": [f"{c.figure.low}..{c.figure.high} {c.victim_side} {c.status} {c.evidence[:80]!r}"
                           for c in claims],
                "account": _account(main, kind),
            })
    seconds = time.perf_counter() - t0
    OUT.mkdir(exist_ok=True)
    dump = OUT / f"misses-{path.stem}.jsonl"
    with open(dump, "w", encoding="utf-8") as fh:
        for name, rows in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            for r in rows:
                fh.write(json.dumps({"cause": name, **r}, default=str) + "\n")
    last = OUT / f"preds-{path.stem}-every{args.every}.json"
    base = last.with_suffix(".base.json")  # copy a run here to compare every later run with it
    if base.exists() or last.exists():
        old = json.loads((base if base.exists() else last).read_text("utf-8"))
        gold = {str(r.get("id")): r.get("gold") or {} for r in records}
        for rid, kinds in preds.items():
            for kind, p in kinds.items():
                was = old.get(rid, {}).get(kind)
                if was is not None and was != p and (was == gold[rid].get(kind) or p == gold[rid].get(kind)):
                    print(f"changed {'+' if p == gold[rid].get(kind) else '-'} {rid} {kind} "
                          f"gold {gold[rid].get(kind)} was {was} now {p}")
    last.write_text(json.dumps(preds), "utf-8")
    for kind, (n, ok, ns, oks) in totals.items():
        if n:
            print(f"{kind}: {ok / n:.3f} all ({n}), {oks / ns if ns else 0:.3f} stated ({ns})")
    print(f"{len(records)} rows in {seconds:.0f} s; misses in {dump}")
    for name, rows in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"\n== {name}: {len(rows)}")
        for r in rows[: args.show]:
            print(f"  {r['id']} {r['kind']} gold {r['gold']} pred {r['predicted']} | {r['title'][:70]}")
            for c in r["claims"][:4]:
                print(f"      {c}")
            for a in r["account"][:8]:
                print(f"      | {a}")


if __name__ == "__main__":
    main()
