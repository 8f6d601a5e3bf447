"""Group the main-event date misses of the dev JSONL sets by what went wrong, so causes are fixed, not rows.

    .venv/bin/python bench/date_misses.py [--corpus ../shared/corpus] [--only local|world] [--show N] [--cause PREFIX]

Runs the pipeline once per file (``warcount.evalset``), scores the main event's date as ``warcount eval
--only places`` does, and sorts each miss by where the gold day stands in the story:

- ``choice: gold among the lead's days (incident|news|no cue)``: the lead writes the gold day but
  ``events.main_date`` chose another one; the kind is what ``daycues.day_kind`` says of the gold day's
  mention, so a wrong kind points at the cue lexicon, a right one at the order of the rules;
- ``reading: gold is the reference day - N``: the lead writes no gold day and the story's reference day
  (dateline, publication line, publication date) is N days after the event ("overnight", an undated story
  of the day before);
- ``reading: the lead has coarse dates only`` (month, year, "last week"); ``gold after the reference day``
  (a publication date given with the page that is earlier than its story); ``reading: other``.

Prints the count per cause and, with ``--show``, the lead's mentions of a few misses of each.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from warcount.datelines import reference_date  # noqa: E402
from warcount.dates import parse_iso  # noqa: E402
from warcount.daycues import day_kind  # noqa: E402
from warcount.eval_places import gold_of, main_event, predicted_of  # noqa: E402
from warcount.evalset import reports  # noqa: E402
from warcount.setting import event_mentions  # noqa: E402

LEAD = 1600  # characters of story text read as its lead (events.LEAD_CHARS plus the head)


def cause_of(text: str, published: str | None, gold: str) -> tuple[str, list]:
    """The cause of one miss and the lead's mentions it was judged from."""
    pub = parse_iso(published)
    mentions = [m for m in event_mentions(text, pub) if m.start < LEAD]
    ref = reference_date(text, pub)
    g = parse_iso(gold)
    days = [m for m in mentions if m.precision == "day" and m.value is not None]
    hit = next((m for m in days if m.value == g), None)
    if hit is not None:
        return f"choice: gold among the lead's days ({day_kind(text, hit) or 'no cue'})", mentions
    if ref is not None and g is not None and (ref - g).days < 0:
        return "gold after the reference day", mentions
    if ref is not None and g is not None and (ref - g).days <= 3:
        return f"reading: gold is the reference day - {(ref - g).days}", mentions
    if any(m.value is not None and m.precision in ("month", "year") for m in mentions):
        return "reading: the lead has coarse dates only", mentions
    return "reading: other", mentions


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1] / "../shared/corpus"))
    ap.add_argument("--only", choices=["local", "world"], default=None)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--cause", default=None, help="show only the causes starting with this")
    args = ap.parse_args()
    for key, name in {"local": "local-news.jsonl", "world": "world-news.jsonl"}.items():
        if args.only and args.only != key:
            continue
        run = reports(Path(args.corpus) / "dev" / name)
        causes: dict[str, list] = defaultdict(list)
        total = 0
        for rec, rep in run.pairs():
            ev = main_event(rep)
            gold = gold_of(rec, name)["date"]
            if not gold or (ev is None and key == "local"):
                continue
            total += 1
            pred = predicted_of(ev)["date"]
            if pred == gold:
                continue
            if ev is None or rep.cleaned is None:
                causes["no event"].append((rec["id"], gold, pred, []))
                continue
            text = rep.cleaned.text
            cause, mentions = cause_of(text, rep.cleaned.published, gold)
            causes[cause].append((rec["id"], gold, pred, [
                (m.text, str(m.value), day_kind(text, m) if m.precision == "day" else m.precision)
                for m in mentions]))
        print(f"=== {name}: {sum(len(v) for v in causes.values())} misses of {total}")
        for cause, rows in sorted(causes.items(), key=lambda kv: -len(kv[1])):
            print(f"  {len(rows):5d}  {cause}")
            if args.cause and not cause.startswith(args.cause):
                continue
            for rid, gold, pred, ms in rows[:args.show]:
                print(f"         {rid} gold={gold} pred={pred} lead={ms[:8]}")


if __name__ == "__main__":
    main()
