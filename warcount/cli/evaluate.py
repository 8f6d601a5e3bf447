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


#: name -> scorer(corpus folder, console) -> floors held
SCORERS: dict[str, Callable[[Path, Console], bool]] = {
    "body": score_body,
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
