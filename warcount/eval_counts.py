"""Killed and wounded counts of the dev JSONL sets, scored by the corpus README's one definition.

``corpus/README.md`` ("How the new sets are scored"): the count of a line is
the best figure of the report's main event (the event with the most claims),

- summed over **all** sides for ``local-news.jsonl``: the Gun Violence
  Archive counts a shooter killed by police among the killed;
- over the **victims'** sides for the Wikipedia lists: their editors write
  the perpetrators apart ("12 (+5)"; ``gold.perpetrators_killed``). A text
  whose only dead are the attackers keeps the existing rule of
  :func:`warcount.eval_claims.main_event_count` (the attackers were the dead).

0 when the report has no claim of that kind.

The killed figure holds the executed. The lists' Dead column counts hostages and
captives who were executed ("At least 72 migrants were executed": Dead 72), and an
executed person is a person killed, in the archives (ACLED's fatalities, UCDP's
deaths) as in plain English. So the event's killed estimate itself takes them in
(``estimates.executed_among_killed``, run on every event's final estimates), not this
scorer: what ``warcount eval`` compares is what the ledger, the exports and the web
show. Kind ``executed`` stays as the sources told it. Where a text tells both kinds it
often tells the same dead twice, so victims and attackers are each the larger of the
two, never the sum. Measured on every dev file with count gold, the same reports scored with and
without it (2026-12-01): wikipedia-lists killed 3,509 -> 3,584 of 4,418 rows (adding
the two kinds instead: 3,583), wikipedia-incidents 246 -> 246 of 324 (adding: 247),
local-news 2,013 -> 2,012 of 2,492 (adding: 2,011); the one local row lost is
"prosecutors had the option of seeking the executions of three defendants", read as a
claim (an irrealis noun rule fixed it but moved that article's main event and date). Exact-match accuracy over all
lines and over the lines whose text states the count (``stated``). A file
without count gold (``world-news.jsonl``) is skipped. Every miss is kept with
its gold, prediction and the main event's rule, so ``warcount eval --misses N``
and ``bench/count_misses.py`` can list and group them.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .eval_claims import COUNT_FLOORS, main_event_count
from .model import Event, Report

log = logging.getLogger(__name__)

KINDS = ("killed", "wounded")
#: file name -> how a line's count is summed ("all" sides, or the "victims'" sides)
DEFINITIONS = {"local-news.jsonl": "all"}
DEFAULT_DEFINITION = "victims"

#: floors of the gold gate per file, (all rows, stated rows); measured, only ever raised
FLOORS: dict[str, dict[str, tuple[float, float]]] = {
    "wikipedia-incidents.jsonl": COUNT_FLOORS,
    # measured on the integrated pipeline (claims, account, sides, dates and places together):
    # `warcount eval --only counts`, 2026-12-01; the account alone had measured 0.774 / 0.944 and
    # 0.795 / 0.790 before the side model and the geoparser joined it
    # 2026-12-01 (s3-counts): the title's dead among the body's hit, gunshot wounds as hit, headline
    # "N shot", the attackers apart inside an agreed total; `warcount eval --only counts`
    # 2026-12-01 (s4-wiki): the claim engine's general rules (figures on modifiers, single persons by
    # role noun, conjuncts, "along with", the injured who died); bench: /tmp dumps, same definition
    # 2026-12-01 (s5-wiki): the executed among the killed, outcome nouns as their own kind ("six deaths and
    # 66 injured"), attackers inside a total, "killing himself", wounds sustained or received, incidents
    # told one after another; `warcount eval --only counts` (was 0.794 / 0.953, 0.797 / 0.953)
    # integrated with s5-local's account and s5-speed (one run): 0.817 (3,609 / 4,418) / 0.957, 0.803 / 0.956 (1,822 / 1,906)
    # integrated 2026-12-01 (all s6 branches, one run): 0.819 (3,620 / 4,418) / 0.956, 0.803 (3,067 / 3,818) / 0.955
    # s8-claims (one run, loaded machine): 0.822 / 0.956, 0.804 / 0.956 (floors truncated below the rounded figures)
    "wikipedia-lists.jsonl": {"killed": (0.821, 0.956), "wounded": (0.803, 0.955)},
    # 2026-12-01 (s4-local): double/triple shootings and homicides, "shooting of" a person, headline
    # "N-year-old shot, killed", earlier-month openings as other happenings, relatives' names apart,
    # a child apart from an adult; `warcount eval --only counts` (was 0.796 / 0.788, 0.689 / 0.711)
    # integrated with s4-wiki's claim engine and the wound-verb fix: 0.808 / 0.807, 0.699 / 0.723
    # 2026-12-01 (s5-local): headline counts read without the parse, station numbers, death words,
    # "in critical condition", murder-suicide and a suspect beside a killer's count, a one-person voice
    # not a rival; `warcount eval --only counts` on a loaded machine: 0.821 / 0.824, 0.712 / 0.730
    # (floors truncated below the rounded figures)
    # 2026-12-01 (s5-wiki, the claim engine's changes above): 0.808 / 0.808, 0.699 / 0.724 (2,014 and 1,744 rows)
    # integrated (all six branches, one run): 0.821 / 0.824, 0.712 / 0.731
    # then the event the lead dates first, winning a tie (events._group_claims): 0.822 / 0.826, 0.712 / 0.731
    # 2026-12-01 (s6-wounded): "5 shot, 1 fatally" a part, one shot the other, headline lists of people and
    # a present-tense verb's object, coordinated people add up, ages after words, "in critical condition"
    # of a conjunct's subject, gunshot victims with a figure, pronoun voices no rivals; `warcount eval
    # --only counts` on a loaded machine: 0.827 / 0.836 (2,061 / 2,492), 0.721 / 0.748 (1,796 / 2,492; 803 / 1,073)
    # integrated with s6-world's named single victims, s6-dates, s6-usplaces, s6-speed, s6-throughput (one
    # run): 0.826 / 0.836 (2,060 / 2,492; 772 / 923), 0.721 / 0.750 (1,797 / 2,492; 805 / 1,073)
    # s8-claims (one run, loaded machine): 0.827 / 0.837 (773 / 923), 0.721 / 0.750
    # s9-claims (`warcount eval --only counts --only claims --only places`, one run, loaded machine): 0.829 /
    # 0.839 (774 / 923 stated: "V X to death", plots and attempted murders no killing), 0.721 / 0.750
    "local-news.jsonl": {"killed": (0.828, 0.838), "wounded": (0.721, 0.750)},
}


@dataclass
class Miss:
    id: str
    kind: str
    gold: int
    predicted: int
    stated: bool
    rule: str
    title: str

    @property
    def size(self) -> int:
        return abs(self.gold - self.predicted)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "gold": self.gold, "predicted": self.predicted,
                "stated": self.stated, "rule": self.rule, "title": self.title}


@dataclass
class KindScore:
    kind: str
    lines: int = 0
    correct: int = 0
    stated_lines: int = 0
    stated_correct: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.lines if self.lines else 0.0

    @property
    def stated_accuracy(self) -> float:
        return self.stated_correct / self.stated_lines if self.stated_lines else 0.0


@dataclass
class FileScore:
    name: str
    definition: str
    kinds: dict[str, KindScore]
    words_per_second: float

    def held(self) -> bool:
        floors = FLOORS.get(self.name, {})
        return all(s.accuracy >= floors[k][0] and s.stated_accuracy >= floors[k][1]
                   for k, s in self.kinds.items() if k in floors)


def main_event(report: Report) -> Event | None:
    """The event with the most claims (the first on ties)."""
    if not report.events:
        return None
    return max(report.events, key=lambda e: len(e.claims))


def count_all_sides(report: Report, kind: str) -> int:
    """Best of side "all" of the main event (or of the first event with that kind)."""
    main = main_event(report)
    if main is None:
        return 0
    if kind not in main.casualties:
        main = next((e for e in report.events if kind in e.casualties), None)
        if main is None:
            return 0
    est = main.casualties[kind].get("all")
    return int(est.best or 0) if est is not None else 0


def line_count(report: Report, kind: str, definition: str) -> int:
    return count_all_sides(report, kind) if definition == "all" else main_event_count(report, kind)


def _rule(report: Report, kind: str) -> str:
    main = main_event(report)
    if main is None or kind not in main.casualties:
        return "no event" if main is None else "no claim of the kind"
    est = main.casualties[kind].get("all")
    return est.rule if est is not None else ""


def has_count_gold(records: list[dict[str, Any]]) -> bool:
    return any(isinstance(r.get("gold"), dict) and any(k in r["gold"] for k in KINDS) for r in records[:50])


def score_file(path: Path) -> FileScore | None:
    """Score one JSONL file; None when it holds no count gold."""
    from .evalset import load_records, reports

    path = Path(path)
    if not has_count_gold(load_records(path)):
        return None
    definition = DEFINITIONS.get(path.name, DEFAULT_DEFINITION)
    run = reports(path)
    kinds = {k: KindScore(k) for k in KINDS}
    for rec, report in run.pairs():
        gold = rec.get("gold") or {}
        for kind, s in kinds.items():
            g = gold.get(kind)
            if g is None:
                continue
            pred = line_count(report, kind, definition)
            stated = bool((rec.get("stated") or {}).get(kind))
            ok = pred == g
            s.lines += 1
            s.correct += ok
            s.stated_lines += stated
            s.stated_correct += ok and stated
            if not ok:
                title = rec.get("title") or (rec.get("text") or "")[:90]
                s.misses.append(Miss(str(rec.get("id")), kind, int(g), pred, stated, _rule(report, kind), title))
    return FileScore(path.name, definition, kinds, run.words_per_second)


def score_dev(corpus_dev: Path) -> list[FileScore]:
    """Every JSONL file of the dev folder that has count gold."""
    out = []
    for path in sorted(Path(corpus_dev).glob("*.jsonl")):
        score = score_file(path)
        if score is not None:
            out.append(score)
    return out


def worst(score: FileScore, n: int) -> list[Miss]:
    """The ``n`` largest misses, stated rows first (the text gave the number)."""
    misses = [m for s in score.kinds.values() for m in s.misses]
    return sorted(misses, key=lambda m: (not m.stated, -m.size, m.id))[:n]


def render(scores: list[FileScore], out, misses: int = 0) -> bool:
    """Print one table per file (and its worst misses); True when every floor holds."""
    from rich.table import Table

    held = True
    for fs in scores:
        what = "all sides" if fs.definition == "all" else "victims' sides"
        table = Table(title=f"Counts against {fs.name} (best figure of the main event, {what})")
        for col in ("kind", "lines", "exact (all)", "stated lines", "exact (stated)", "floor"):
            table.add_column(col, justify="right")
        floors = FLOORS.get(fs.name, {})
        for s in fs.kinds.values():
            fl = floors.get(s.kind)
            table.add_row(s.kind, str(s.lines), f"{s.accuracy:.3f}", str(s.stated_lines),
                          f"{s.stated_accuracy:.3f}", f"{fl[0]:.3f} / {fl[1]:.3f}" if fl else "")
        out.print(table)
        out.print(f"{fs.name}: {fs.words_per_second:,.0f} words/s end to end (includes one-time loading)")
        held &= fs.held()
        if misses:
            out.print(f"worst {misses} misses of {fs.name} (stated rows first): id, kind, gold -> predicted, title, rule")
            for m in worst(fs, misses):
                out.print(f"  {m.id} {m.kind} {m.gold} -> {m.predicted}{'' if m.stated else ' (not stated)'}: "
                          f"{m.title[:70]!r} [{m.rule[:90]}]", markup=False, highlight=False)
    return held
