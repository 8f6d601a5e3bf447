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
    return held & _score_world_claims(corpus, out)


def _score_world_claims(corpus: Path, out: Console) -> bool:
    """world-news.claims.jsonl: recall by form, precision, source and status (corpus README)."""
    from ..eval_claims import FLOORS, score_world_claims

    score = score_world_claims(corpus / "dev")
    if score is None:
        return True
    got = score.figures()
    out.print(f"world-news.claims.jsonl: recall number {score.matched_number}/{score.gold_number} "
              f"({got['recall_number']:.3f}), single {score.matched_single}/{score.gold_single} "
              f"({got['recall_single']:.3f}); precision {score.matched_predicted}/{score.predicted} "
              f"({got['precision']:.3f}); source {got['source']:.3f}, status {got['status']:.3f} over "
              f"{score.matched} matches (floors {', '.join(f'{k} {v:.3f}' for k, v in FLOORS.items())})",
              markup=False, highlight=False)
    return score.held()


def score_counts(corpus: Path, out: Console, misses: int = 0) -> bool:
    """Killed and wounded counts of every dev JSONL file with count gold (corpus README's definition)."""
    from ..eval_counts import render, score_dev

    return render(score_dev(corpus / "dev"), out, misses)


def score_places(corpus: Path, out: Console) -> bool:
    """Main event date, admin1, city and country on local-news.jsonl and world-news.jsonl."""
    from ..eval_places import floors_hold, render, score_corpus

    scores = score_corpus(corpus)
    render(scores, out)
    return all(floors_hold(s) for s in scores)


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
    "places": score_places,
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
@click.option("--misses", type=click.IntRange(0, 10_000), default=0, metavar="N",
              help="List the N worst count misses of each file (counts scorer).")
def evaluate(corpus: str | None, only: tuple[str, ...], misses: int) -> None:
    """Score warcount on the gold corpus and print the tables."""
    folder = find_corpus(corpus)
    names = list(only) or list(SCORERS)
    held = {}
    for name in names:
        scorer = SCORERS[name]
        held[name] = scorer(folder, console, misses) if name == "counts" else scorer(folder, console)  # type: ignore[call-arg]
    failed = [n for n, ok in held.items() if not ok]
    if failed:
        console.print(f"[red]below floor:[/] {', '.join(failed)}")
