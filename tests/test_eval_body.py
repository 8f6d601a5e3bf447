"""eval_body.py and ``warcount eval --only body``: the token measure, and the gold gate."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from rich.console import Console

from warcount.cli import main
from warcount.eval_body import F1_FLOOR, articles_dir, prf, render, score_html_articles

PRF = [
    pytest.param("a b c", "a b c", (1.0, 1.0, 1.0), id="same"),
    pytest.param("A, b. C!", "a b c", (1.0, 1.0, 1.0), id="case-and-punctuation-ignored"),
    pytest.param("a b", "a b c d", (1.0, 0.5, 2 / 3), id="half-recall"),
    pytest.param("a a a b", "a b", (0.5, 1.0, 2 / 3), id="multiset-not-set"),
    pytest.param("", "a b", (0.0, 0.0, 0.0), id="empty-prediction"),
    pytest.param("x y", "a b", (0.0, 0.0, 0.0), id="no-overlap"),
    pytest.param("", "", (1.0, 1.0, 1.0), id="both-empty"),
    pytest.param("Über café", "über CAFÉ", (1.0, 1.0, 1.0), id="unicode-words"),
]


@pytest.mark.parametrize("pred,gold,expected", PRF)
def test_prf(pred, gold, expected):
    assert prf(pred, gold)[:3] == pytest.approx(expected)


def test_corpus_folder_forms(corpus_dir):
    target = corpus_dir / "dev" / "html-articles"
    assert articles_dir(corpus_dir) == articles_dir(corpus_dir / "dev") == articles_dir(target) == target


def test_subset_of_five_pages_above_floor(corpus_dir):
    score = score_html_articles(corpus_dir, limit=5)
    assert score.pages == 5
    assert all(r.error is None for r in score.rows)
    assert score.f1 >= 0.90, [(r.id[:8], round(r.f1, 3)) for r in score.rows]


@pytest.mark.slow
def test_gold_gate_all_181_pages(corpus_dir):
    """The floor: 0.966, the measured 0.9668 truncated (issue 15: at least 0.965 whatever makes it faster)."""
    score = score_html_articles(corpus_dir)
    assert score.pages == 181
    assert score.f1 >= F1_FLOOR
    assert score.f1 >= 0.965  # pinned a little under the measured 0.968 so a regression is noticed


def test_render_prints_means_and_worst(corpus_dir):
    score = score_html_articles(corpus_dir, limit=3)
    console = Console(record=True, width=120)
    render(score, console, worst=2)
    out = console.export_text()
    assert f"{score.f1:.4f}" in out and "Lowest F1 (2 pages)" in out and score.rows[0].id[:16] in out


def test_eval_command_finds_the_corpus_and_runs_body(corpus_dir, monkeypatch):
    import warcount.cli.evaluate as ev

    seen = {}

    def fake(corpus, out):
        seen["corpus"] = corpus
        return True

    monkeypatch.setitem(ev.SCORERS, "body", fake)
    res = CliRunner().invoke(main, ["eval", "--only", "body", "--corpus", str(corpus_dir)])
    assert res.exit_code == 0, res.output
    assert seen["corpus"] == corpus_dir
    res = CliRunner().invoke(main, ["eval", "--only", "nope"])
    assert res.exit_code == 2


def test_eval_default_corpus_from_another_folder(tmp_path, monkeypatch, corpus_dir):
    from warcount.cli.evaluate import find_corpus

    monkeypatch.chdir(tmp_path)
    assert find_corpus(None) == corpus_dir.resolve()
