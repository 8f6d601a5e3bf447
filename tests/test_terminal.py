"""Issue 14, items 7 and 9: `extract --jsonl` honoured for stdin and any file name, stdin titled
sensibly, and the claim and event views readable at 80 and 120 columns (texts written for it)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import warcount
from warcount.cli import main
from warcount.cli.extract import claims_view, events_view, render

DATA = Path(__file__).parent / "data" / "conflict"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("name", ["airstrike-three-sources.txt", "shelling-city.txt", "suicide-bombing.txt"])
def test_views_read_at_width(name: str, width: int) -> None:
    report = warcount.extract((DATA / name).read_text("utf-8"))
    out = render(claims_view(report, name) + events_view(report), width)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "…" not in out and "..." not in out  # nothing truncated
    assert not any(a == b == "" for a, b in zip(lines, lines[1:]))  # no rows padded with blank lines
    flat = _flat(out)
    for c in report.claims:
        assert _flat(c.evidence) in flat  # the evidence is there, whole
        assert c.source.name in flat
    for e in report.events:
        est = e.casualties["killed"]["all"]
        assert f"{est.low} / {est.best} / {est.high}" in flat


def test_seed_demo_reads_at_80_columns() -> None:
    seed = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "dev" / "khan-touman-2016.txt"
    if not seed.exists():
        pytest.skip("dev corpus not mounted")
    report = warcount.extract(seed.read_text("utf-8"))
    out = render(claims_view(report, "seed") + events_view(report), 80)
    assert max(len(x) for x in out.splitlines()) <= 80
    assert _flat("80 pro-government combatants were killed") in _flat(out)


JSONL = "\n".join(json.dumps(r) for r in [
    {"id": "a1", "text": "A roadside bomb killed four soldiers on Monday, the army said."},
    {"id": "a2", "text": "Gunmen killed six villagers overnight, police said."},
]) + "\n"


def test_jsonl_from_stdin_is_read_as_records() -> None:
    out = CliRunner().invoke(main, ["extract", "--jsonl", "-"], input=JSONL)
    assert out.exit_code == 0, out.output
    lines = [json.loads(x) for x in out.output.splitlines() if x.startswith("{")]
    assert [x["id"] for x in lines] == ["a1", "a2"]
    assert [x["claims"][0]["figure"]["low"] for x in lines] == [4, 6]


def test_jsonl_flag_for_any_file_name(tmp_path) -> None:
    path = tmp_path / "dump.txt"
    path.write_text(JSONL, "utf-8")
    out = CliRunner().invoke(main, ["extract", "--jsonl", str(path)])
    assert out.exit_code == 0, out.output
    assert [json.loads(x)["id"] for x in out.output.splitlines() if x.startswith("{")] == ["a1", "a2"]


def test_stdin_is_titled_standard_input() -> None:
    out = CliRunner().invoke(main, ["extract", "-"], input="Two policemen were killed in the blast.\n")
    assert out.exit_code == 0, out.output
    assert "standard input" in out.output and "- (-)" not in out.output
