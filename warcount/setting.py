"""When and where one claim's sentence says it happened.

The date mentions that can date an event (relative ones from the dateline or the publication
date), the date a reporting verb carries (not the event's), "these battles" dated by the
sentence before, and the place name a sentence gives ("in/near/at/outside X"). places.py and
events.py resolve these per event; here they are only read from the sentence.
"""
from __future__ import annotations

import re

from . import attribution
from .nlp import cue_tokens, doc_text
from .clauses import PROPN


def event_mentions(text: str, published):
    """The date mentions that can date an event: relative ones count from the dateline or the
    publication date; those of the publication line, the dateline, update stamps, file-photo captions
    and birth dates are left out."""
    from . import dates as dates_mod
    from .datelines import header_of, reference_date

    head = header_of(text, published)
    return [m for m in dates_mod.find_dates(text, reference_date(text, published))
            if not head.covers(m.start, m.end) and not dates_mod.not_an_event_date(text, m)]


ANAPHOR = re.compile(r"\b(these|those|the same|that|the latest|the new|the renewed)\s+(battles?|clash(es)?|fighting|"
                     r"attacks?|assaults?|operations?|offensives?|raids?|strikes?|bombings?|operation)\b", re.I)


def date_before(mentions, start: int, window: int = 600):
    """The latest dated mention shortly before ``start``: "these battles" names the happening
    the previous sentence dated."""
    before = [m for m in mentions if m.end <= start and start - m.end <= window and m.value is not None
              and not m.since]
    return before[-1] if before else None


def on_reporting_verb(sent, m, offset, trigger=None) -> bool:
    """A date on a reporting verb ("reported on May 16", "ran the headline ... on May 11") is not the event's."""
    doc = sent.doc
    if trigger is not None:
        lo, hi = sorted((trigger.idx, m.start - offset))
        between = doc_text(doc)[lo:hi]  # Doc.text is rebuilt from the tokens at every access: read it once
        if any(q in between for q in ("”", "\"", "’’")) and trigger.idx < m.start - offset:
            return True  # the claim is inside a quotation, the date outside it: the quote's date
    span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    # the claim's own words: the date hangs on them before any reporting verb ("killed 18 on Sunday,
    # a local official said"): the event's date, however the attribution follows
    own: set[int] = set()
    if trigger is not None:
        own.add(trigger.i)
        for t in trigger.ancestors:  # up to the first reporting verb
            if attribution._is_reporting(t):
                break
            own.add(t.i)
    for _ in range(4):
        node = node.head
        if node.i in own and not attribution._is_reporting(node):
            return False
        if attribution._is_reporting(node):
            return True
        if node.head.i == node.i:
            break
    return False


_PLACE_PREPS = frozenset(("in", "near", "at", "outside"))


def place_of(sent) -> str | None:
    """A place the sentence names: a proper name after in/near/at/outside, or the name an area noun
    after them introduces ("in the Mexican border city of Ciudad Juarez", "in the province of Cabo
    Delgado"); a month or weekday ("kidnapped in early January, near Kaduna") is no place, and the next
    one is taken.

    Only the name is taken here; places.py resolves it once per event, so the
    gazetteer is not consulted for every sentence."""
    for t in cue_tokens(sent, _PLACE_PREPS, ()):  # only these words can open the place
        if t.lower_ in _PLACE_PREPS and t.dep_ == "prep":
            for o in (g for g in t.children if g.dep_ == "pobj"):
                if o.tag_ not in PROPN:
                    o = _named_by_area_noun(o)
                    if o is None:
                        continue
                toks = [x for x in o.subtree if x.tag_ in PROPN or x.lower_ in ("al", "el", "-")]
                if toks and toks[-1].i - toks[0].i < 6:
                    name = sent.doc[toks[0].i: toks[-1].i + 1].text
                    if name.split()[0].rstrip(".") not in _WHEN_WORDS and not _handled_there(sent, t):
                        return name
    return None


#: nouns that introduce a place's name after "of": "the city of Aleppo", "the northern province of Idlib"
_AREA_NOUNS = frozenset(("city", "town", "village", "province", "region", "state", "district", "governorate",
                         "county", "capital", "municipality", "oblast", "prefecture", "island", "suburb", "area"))


def _when_words() -> frozenset[str]:
    """Months (and their short forms) and weekdays, which the parser tags as proper names after "in" / "on",
    as the date lexicon spells them (``lexicons/dates.json``; the weekdays in full: "Sun City" is a place),
    and the feasts a time is named by."""
    from .lexicon import load

    d = load("dates")
    return frozenset(d["months"]) | {w for w in d["weekdays"] if w.endswith("day")} | {"Easter", "Christmas", "Ramadan"}


_WHEN_WORDS = _when_words()


def _handled_there(sent, prep) -> bool:
    """Whether the place after ``prep`` is where the story is handled or someone lives, not where it
    happened: the word it hangs from is a court, a trial, prosecutors, a hospital or a home ("prosecutors
    in Germany", "a hospital in Paris", "now lives in the United States"; ``happened.handled_word``, the
    words the main place reads). Only that word: "died in a hospital in Paris after he was shot in Lyon"
    keeps Lyon."""
    from .happened import handled_word

    return handled_word(prep.head.text)


def _named_by_area_noun(o):
    """The proper name after "of" that an area noun introduces ("city of Ciudad Juarez"), or None."""
    if o.lower_ not in _AREA_NOUNS:
        return None
    for prep in (c for c in o.children if c.dep_ == "prep" and c.lower_ == "of"):
        for name in (c for c in prep.children if c.dep_ == "pobj" and c.tag_ in PROPN):
            return name
    return None
