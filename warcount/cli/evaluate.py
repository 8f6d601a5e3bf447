"""``warcount eval``: score warcount on the gold corpus.

One function per scorer (``SCORERS``), chosen with ``--only``; each takes
the corpus folder and a console, prints its tables and returns whether its
floors hold. New scorers (claims, counts) add a function and an entry.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console

from ..errors import ConfigError
from .common import console

log = logging.getLogger(__name__)

DEFAULT_CORPUS = "../shared/corpus"


def score_body(corpus: Path, out: Console) -> bool:
    """Body text of the 181 HTML articles: token P/R/F1 against articleBody."""
    from ..eval_body import F1_FLOOR, render, score_html_articles

    score = score_html_articles(corpus)
    render(score, out)
    return score.f1 >= F1_FLOOR


def score_claims(corpus: Path, out: Console) -> bool:
    """Claims of the gold files (*.gold.json): P/R/F1; source, status and scope accuracy on matches."""
    from rich.table import Table

    from ..eval_claims import CLAIM_FLOORS, score_gold_files

    held = True
    table = Table(title="Claims against *.gold.json (DESIGN.md matching)")
    for col in ("document", "gold", "predicted", "matched", "precision", "recall", "F1", "source", "status", "scope"):
        table.add_column(col, justify="right" if col != "document" else "left")
    for s in score_gold_files(corpus / "dev"):
        m = s.matched or 1
        table.add_row(s.document, str(s.gold), str(s.predicted), str(s.matched), f"{s.precision:.3f}",
                      f"{s.recall:.3f}", f"{s.f1:.3f}", f"{s.source_ok}/{s.matched} ({s.source_ok / m:.2f})",
                      f"{s.status_ok}/{s.matched} ({s.status_ok / m:.2f})", f"{s.scope_ok}/{s.matched} ({s.scope_ok / m:.2f})")
        held &= s.precision >= CLAIM_FLOORS["precision"] and s.recall >= CLAIM_FLOORS["recall"]
    out.print(table)
    return held


def score_counts(corpus: Path, out: Console) -> bool:
    """Killed and wounded counts of the one-paragraph incidents (*.jsonl): exact-match accuracy."""
    from rich.table import Table

    from ..eval_claims import COUNT_FLOORS, score_jsonl

    held = True
    for path in sorted((corpus / "dev").glob("*.jsonl")):
        scores, wps = score_jsonl(path)
        table = Table(title=f"Counts against {path.name} (best figure of the main event, victim sides)")
        for col in ("kind", "lines", "exact (all)", "stated lines", "exact (stated)", "regex baseline (all)"):
            table.add_column(col, justify="right")
        for s in scores:
            base = {"killed": "0.623", "wounded": "0.466"}.get(s.kind, "")
            table.add_row(s.kind, str(s.lines), f"{s.accuracy:.3f}", str(s.stated_lines), f"{s.stated_accuracy:.3f}", base)
            floor_all, floor_stated = COUNT_FLOORS[s.kind]
            held &= s.accuracy >= floor_all and s.stated_accuracy >= floor_stated
        out.print(table)
        out.print(f"{path.name}: {wps:,.0f} words/s end to end (includes one-time gazetteer and model loading)")
    return held


def score_merge(corpus: Path, out: Console) -> bool:
    """Events across sources on local-news.jsonl: B-cubed of the ledger's events against the incidents."""
    from ..eval_merge import held, render, score_file

    score = score_file(corpus / "dev" / "local-news.jsonl")
    render(score, out)
    return held(score)


#: name -> scorer(corpus folder, console) -> floors held
SCORERS: dict[str, Callable[[Path, Console], bool]] = {
    "body": score_body,
    "claims": score_claims,
    "counts": score_counts,
    "merge": score_merge,
}


def find_corpus(given: str | None) -> Path:
    """``--corpus`` as given; by default ../shared/corpus from the current folder, then from the repo root."""
    if given:
        path = Path(given)
        if not path.is_dir():
            raise ConfigError(f"{given}: corpus folder not found")
        return path
    repo_root = Path(__file__).resolve().parents[2]
    for cand in (Path.cwd() / DEFAULT_CORPUS, repo_root / DEFAULT_CORPUS):
        if cand.is_dir():
            return cand.resolve()
    raise ConfigError(f"corpus folder not found ({DEFAULT_CORPUS} from here or from {repo_root}); use --corpus DIR")


@click.command(name="eval")
@click.option("--corpus", default=None, metavar="DIR", help=f"The gold corpus (default {DEFAULT_CORPUS}).")
@click.option("--only", type=click.Choice(sorted(SCORERS)), multiple=True, help="Run only this scorer (repeatable).")
def evaluate(corpus: str | None, only: tuple[str, ...]) -> None:
    """Score warcount on the gold corpus and print the tables."""
    folder = find_corpus(corpus)
    names = list(only) or list(SCORERS)
    held = {}
    for name in names:
        held[name] = SCORERS[name](folder, console)
    failed = [n for n, ok in held.items() if not ok]
    if failed:
        console.print(f"[red]below floor:[/] {', '.join(failed)}")
