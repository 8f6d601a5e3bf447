"""Group the date and place misses of the dev JSONL sets by cause, so causes are fixed, not rows.

    .venv/bin/python bench/place_misses.py [--corpus ../shared/corpus] [--only local|world] [--show N]

Runs the pipeline once per file (``warcount.evalset``), scores it as
``warcount eval --only places`` does, then sorts each miss into a cause:

date: ``no event`` / ``no date`` / ``not day precision`` / ``= publication date`` (the event took
the day of publication) / ``off by N days`` (a relative date resolved from the wrong base, or
another event's date) / ``other``;
place: ``no event`` (split: the title and lead report no violence, so no figureless event can be; they tell
of counted casualties the claims missed; or they report violence without a figure) / ``no place`` / ``no admin1`` / ``admin1 of another country`` / ``other admin1`` /
``name is not the city`` (a street, a building, a county) / ``no country`` / ``other country`` (split: the
gold is no country name, the text never names the gold country, or names it less or after another); a
place miss of an event reported without a figure (``events.figureless_event``) is marked so.

Prints the count per cause and a few examples of each (id, gold, predicted, the start of the text).
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from warcount.dates import parse_iso  # noqa: E402
from warcount.eval_places import gold_of, main_event, norm_country, norm_name, predicted_of, right  # noqa: E402
from warcount.evalset import reports  # noqa: E402


def date_cause(ev, gold: str, published: str | None) -> str:
    if ev is None:
        return "no event"
    if not ev.date:
        return "no date"
    if ev.date_precision != "day":
        return f"not day precision ({ev.date_precision})"
    if published and ev.date == published[:10]:
        return "= publication date"
    a, b = parse_iso(ev.date), parse_iso(gold)
    if a and b:
        d = (a - b).days
        if abs(d) <= 7:
            return f"off by {d:+d} days"
        return "off by more than a week" if abs(d) <= 60 else "another period"
    return "other"


def other_country(gold: str, text: str) -> str:
    """Why another country: the gold is no country name (an annotation's region, a typo, a state), the text
    never names the gold country, or names it but less than the one chosen."""
    from warcount.placectx import context_of, current

    g = current()
    code = g.country(gold) or {"usa": "US", "england": "GB", "scotland": "GB", "wales": "GB"}.get(norm_name(gold))
    if code is None:
        code = next((c for c, n in g.countries.items() if norm_country(n) == norm_country(gold)), None)
    if code is None:
        return "other country: the gold is no country name"
    if code not in context_of(text).countries:
        return "other country: the text never names the gold country"
    return "other country: the text names the gold country, less or after another"


def no_event_cause(cleaned) -> str:
    """Why an article has no event: it reports no violence in its title and lead (it cannot have one), or it
    does and tells of casualties a reader counts that the claims missed, or its cue is in a planned clause."""
    from warcount import events

    if cleaned is None:
        return "no event: not read"
    head = (cleaned.title or "") + "\n" + cleaned.text[:events.FIGURELESS_LEAD]
    if events.violence_cue(head) is None:
        return "no event: reports no violence (no figureless event can be)"
    if events.tells_of_counted_casualties(head):
        return "no event: counted casualties the claims missed"
    return "no event: reports violence without a figure"


def place_cause(ev, field: str, gold: dict, file: str, text: str = "", cleaned=None) -> str:
    if ev is None:
        return no_event_cause(cleaned)
    if ev.without_figure and field != "date":
        return "figureless event: " + place_cause(replace(ev, without_figure=False), field, gold, file, text)
    p = ev.place
    if p is None:
        return "no place"
    if field == "country":
        return "no country" if not p.country else other_country(gold["country"], text)
    if field == "admin1":
        if not p.admin1:
            return f"no admin1 (precision {p.precision})"
        if gold.get("country") and p.country and norm_country(p.country) != norm_country(gold["country"]):
            return "admin1 of another country"
        return "other admin1"
    if field == "city":
        if norm_name(p.admin1) == norm_name(gold["city"]):
            return "city named as admin1"
        if p.precision in ("admin1", "country"):
            return f"place is an area ({p.precision})"
        return f"name is not the city (precision {p.precision})"
    return "other"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1] / "../shared/corpus"))
    ap.add_argument("--only", choices=["local", "world"], default=None)
    ap.add_argument("--show", type=int, default=3)
    ap.add_argument("--dump", default=None, help="write every miss as JSON lines here")
    args = ap.parse_args()
    files = {"local": "local-news.jsonl", "world": "world-news.jsonl"}
    for key, name in files.items():
        if args.only and args.only != key:
            continue
        run = reports(Path(args.corpus) / "dev" / name)
        causes: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        fields = ("date", "admin1", "city") if key == "local" else ("date", "admin1", "country")
        for rec, rep in run.pairs():
            ev = main_event(rep)
            if ev is None and key == "local":
                continue
            gold, pred = gold_of(rec, name), predicted_of(ev)
            for f in fields:
                if not gold.get(f) or right(f, pred[f], gold[f]):
                    continue
                text = rec.get("text") or (rep.cleaned.text if rep.cleaned else "")
                cause = date_cause(ev, gold[f], rep.document.get("published")) if f == "date" \
                    else place_cause(ev, f, gold, name, (rep.cleaned.title or "") + "\n" + text if rep.cleaned else text,
                                     rep.cleaned)
                causes[f][cause].append((rec["id"], gold[f], pred[f], ev.place.as_dict() if ev and ev.place else None,
                                         text[:160].replace("\n", " | ")))
        if args.dump:
            import json

            with open(f"{args.dump}.{key}.jsonl", "w", encoding="utf-8") as fh:
                for f in fields:
                    for cause, rows in causes[f].items():
                        for r in rows:
                            fh.write(json.dumps({"field": f, "cause": cause, "id": r[0], "gold": r[1], "pred": r[2],
                                                 "place": r[3]}) + "\n")
        print(f"=== {name} ({run.seconds:.0f} s to run)")
        for f in fields:
            total = sum(len(v) for v in causes[f].values())
            print(f"--- {f}: {total} misses")
            for cause, rows in sorted(causes[f].items(), key=lambda kv: -len(kv[1])):
                print(f"  {len(rows):5d}  {cause}")
                for r in rows[:args.show]:
                    print(f"         {r[0]} gold={r[1]!r} pred={r[2]!r} place={r[3]}\n           {r[4]!r}")


if __name__ == "__main__":
    main()
