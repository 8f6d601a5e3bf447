"""Tests of warcount.daycues: the cue words around a date mention, and the split from dates.py.

The day-kind, "since" and future-day tables stay in ``test_dates.py`` (they find
their mentions with ``find_dates``); here: the module's contract, that it reads
only a mention's span (any object with ``start``, ``end`` and ``since``), that
``dates`` imports it and not the other way, and that the moved names are still
importable from ``dates``.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from warcount import dates, daycues

P = pytest.param


@dataclass(frozen=True)
class Span:
    """A bare span: not a ``DateMention``, so a test fails if the cue code reads more of a mention."""

    start: int
    end: int
    since: bool = False


def _span(text: str, target: str, since: bool = False) -> Span:
    i = text.index(target)
    return Span(i, i + len(target), since)


CUES = [
    # (text, the day, (kind, cue word) or None)
    P("A man was shot Saturday night outside a bar.", "Saturday", ("incident", "shot"), id="incident-verb"),
    P("Police said Tuesday that the victim was a teenager.", "Tuesday", ("news", "said"), id="news-verb"),
    P("A man was charged in the Saturday shooting.", "Saturday", ("incident", ""), id="incident-noun-modifier"),
    P("The town was quiet on Sunday.", "Sunday", None, id="no-cue"),
    # "reported" after an incident cue of its clause times the incident (police were called as it happened)
    P("The shooting was reported shortly before 8:30 p.m. Sunday, according to deputies.", "Sunday",
      ("incident", "8:30 p.m."), id="an-incident-reported-at-a-clock-time"),
    P("A man was arrested without incident around 8:30 a.m. Tuesday.", "Tuesday", ("news", "arrested"),
      id="an-arrest-clock-stays-the-news"),
    P("The robbery was reported to police on Monday, a week after it happened.", "Monday", ("news", "reported"),
      id="reported-without-an-incident-cue-is-news"),
    # a full stop glued to the next sentence (a markup seam) still ends the clause
    P("Two guns were used outside the bar late Friday night.DeMaio says five people were treated.", "Friday",
      None, id="a-glued-full-stop-ends-the-clause"),
    # a present perfect takes no definite day: the day before it is the verb's before the day
    P("The man who was shot at a gas station on Friday has died, police said.", "Friday", ("incident", "shot"),
      id="a-day-before-a-present-perfect"),
    P("Authorities Sunday have identified the man.", "Sunday", ("news", "identified"),
      id="a-perfect-with-no-verb-before-the-day"),
    P("The minister condemned the Friday invasion of a federal court by masked operatives.", "Friday",
      ("incident", ""), id="an-invasion-is-an-incident-noun"),
]


@pytest.mark.parametrize("text,target,cue", CUES)
def test_day_cue_reads_only_the_span(text: str, target: str, cue: tuple[str, str] | None) -> None:
    m = _span(text, target)
    assert daycues.day_cue(text, m) == cue
    assert daycues.day_kind(text, m) == (None if cue is None else cue[0])


FUTURE = [
    P("A hearing is scheduled for November 18.", "November 18", True, id="scheduled-for"),
    P("He is due in court Tuesday.", "Tuesday", True, id="due-in-court"),
    P("The man who will be remembered was shot Tuesday.", "Tuesday", False, id="an-incident-word-between"),
    P("Two men were killed on February 19.", "February 19", False, id="no-future-cue"),
]


@pytest.mark.parametrize("text,target,future", FUTURE)
def test_after_future_cue(text: str, target: str, future: bool) -> None:
    assert daycues.after_future_cue(text, _span(text, target)) is future


def test_since_state_needs_a_since_mention() -> None:
    text = "He has been detained since February 15."
    assert daycues.since_state(text, _span(text, "February 15", since=True)) is True
    assert daycues.since_state(text, _span(text, "February 15", since=False)) is False


def test_daycues_never_imports_dates() -> None:
    """The flow goes one way: dates imports daycues (``after_future_cue`` in its scan), not the reverse."""
    tree = ast.parse(Path(daycues.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
            imported.update(a.name for a in node.names if not node.module)
        elif isinstance(node, ast.Import):
            imported.update(a.name for a in node.names)
    assert not {"dates", "warcount.dates"} & imported


@pytest.mark.parametrize("name", ["TELLING_CUES", "day_cue", "day_kind", "since_state"])
def test_moved_names_still_importable_from_dates(name: str) -> None:
    assert getattr(dates, name) is getattr(daycues, name)
