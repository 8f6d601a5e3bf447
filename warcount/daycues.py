"""The cue words around a date mention: what the day dates, and whether it dates anything that happened.

``dates.find_dates`` finds and resolves the dates of a text; the words beside
one tell what it is the date of, without a parse (the cue lists are in
``lexicons/dates.json``):

- ``day_kind`` / ``day_cue`` tell a lead's day of the incident ("was shot
  Saturday") from the day of the news about it ("arrested Monday", "said
  Tuesday", "died early Monday") by the nearest cue word of its clause; a day
  modifying an incident noun ("Sunday's shooting", "the Saturday shooting",
  "the Nov. 3 killing") is the incident's whatever verb stands nearer; a day
  opening its sentence ("On Sept. 22, a court sentenced ...") reads the clause
  after its comma; a gathering after an incident cue is its scene ("opened
  fire at a vigil Monday"), and "reported" after an incident cue is when it happened ("the shooting
  was reported about 10 a.m. Sunday"); a verb after a subordinator ("on Monday after he
  shot ...") is another clause's. ``TELLING_CUES`` are the news cues of a
  court or a speaker (a verdict, a charge, a statement).
- ``after_future_cue``: a day after a future cue ("scheduled for November 18",
  "due in court Tuesday") is a day to come (``dates`` moves it forward and
  marks it ``future``).
- ``since_state``: "detained since February 15" dates the start of a state
  that is itself the event; "killed since 2012" is a tally's start.

This module reads only the lexicon and the mention's span: ``dates`` imports
it, never the other way (its functions take any object with a ``start``, an
``end`` and a ``since``, as ``dates.DateMention`` has).
"""
from __future__ import annotations

import re
from typing import Protocol

from .lexicon import load

__all__ = ["CUE_AFTER", "CUE_BEFORE", "OPENING_AFTER", "TELLING_CUES", "Mention", "after_future_cue", "day_cue",
           "day_kind", "since_state"]

_LEX = load("dates")


class Mention(Protocol):
    """What the cue tests read of a date mention (``dates.DateMention``): its span and its "since"."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def since(self) -> bool: ...


def _cue_re(words: list[str]) -> str:
    return r"(?<![\w])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) \
        + r")(?![\w])"


# a clock time written just before the day ("at 11:37 p.m. Saturday", "about 3 a.m. Sunday") is when the
# incident happened: a local story times the shooting, rarely the statement about it
_CLOCK = r"(?<![\w:])(?:\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\b\.?|noon|midnight)(?=\s+(?:on\s+)?$)"
_CUE = re.compile(r"(?P<inc>" + _cue_re(_LEX["incident_cues"]) + r"|" + _CLOCK + r")|(?P<news>"
                  + _cue_re(_LEX["news_cues"]) + r")", re.I)
# a clause ends at ; ! ? a line break, or a full stop that is not "p.m." or a short abbreviation ("St.", "Sgt.");
# a full stop glued to a capitalised word ("late Friday night.DeMaio says", a seam of the page's markup) ends one too
_CLAUSE_END = re.compile(r"[!?;\n]|(?<![ap]\.m)(?<![\s.][A-Z])(?<!\b(?:St|Dr|Mr|Ms|Jr|Sr|Lt|No))(?<!\b(?:Mrs|Sgt|Ave|Cpl|Det|Gov|Rep|Sen|Jan|Feb|Mar|Apr|Aug|Sep|Oct|Nov|Dec))\.(?=\s|$|[A-Z][a-z])")
# "shot at 11:37 p.m. Saturday, police said": a reporting verb after a comma attributes the whole clause;
# it is not the verb the date hangs on
_ATTRIBUTION_AFTER = re.compile(r"[^,]*?(,)")
# a subordinate clause after the day has its own verb: "were hunting a suspect on Monday after he shot two
# officers" dates the hunt, not the shooting
_SUBORDINATE = re.compile(r"(?<![\w])(?:after|before|when|while|following|because|until)(?![\w])", re.I)
# "authorities said Tuesday that ...": a day followed by "that" hangs on the verb before it
_THAT_AFTER = re.compile(r"(?:[ \t]+(?:morning|afternoon|evening|night))?[ \t]+that\b")
# English puts no definite past day on a present perfect ("has died", "have been charged"): a day just before
# one belongs to the cue before the day, when its clause has one ("The man who was shot on Friday has died";
# "Authorities Sunday have identified ..." has none, and stays the news's)
_PERFECT_BEFORE = re.compile(r"(?<![\w])(?:has|have|hasn['’]t|haven['’]t)(?:\s+(?:not|since|now|also|been))*\s+$", re.I)
#: how far from a weekday its verb may stand (characters, inside the clause): "shot about 5:30 p.m. Saturday"
CUE_BEFORE, CUE_AFTER = 60, 40
#: a day opening its sentence ("On Sept. 22, a court sentenced two men ...", "On Monday, officers arrested
#: ...") dates the clause after its comma: that comma is no attribution, and the verb stands further on
OPENING_AFTER = 80
_OPENING_PREPS = frozenset(("", "on", "in", "early", "late", "early on", "late on", "since", "by", "until"))

# a day written as the modifier of a happening's noun: "Sunday's shooting", "Monday night's fatal stabbing"
# (a possessive), "the Saturday afternoon shooting", "a late Sunday shooting", "the Nov. 3 shooting death"
# (a determiner before the day). The noun is the incident's, however near a verb of the news stands
# ("was charged in the Saturday shooting"). Words between the day and the noun are adjectives, never
# prepositions or articles: "arrested Saturday in the shooting" is no modifier.
_PART = r"(?:[ \t]+(?:morning|afternoon|evening|night|overnight))?"
_ADJ = r"(?:[ \t]+(?!(?:in|at|on|of|for|after|before|near|and|or|the|a|an|to|by|with|from|that|which|who|was|were)\b)[A-Za-z-]+){0,3}?"
_NOUN_MOD = re.compile(r"(?P<poss>['’]s)?" + _PART + r"(?P<poss2>['’]s)?" + _ADJ + r"[ \t]+(?:"
                       + _cue_re(_LEX["incident_nouns"]) + r")", re.I)
# the news cues that are also where an incident can happen: "shot while attending a funeral service
# Friday", "opened fire minutes into a vigil Monday evening"; after an incident cue of the same clause they
# are the scene, not the news (``day_kind``)
_GATHERINGS = frozenset(_LEX["gathering_cues"])
#: the news cues of a court or a speaker (a verdict, a charge, a statement), not of an arrest or a death
TELLING_CUES = frozenset(_LEX["telling_cues"])
# the news cues that, after an incident cue of the same clause, time the incident itself: "the shooting was
# reported about 10 a.m. Sunday", "gunfire was reported at 2 a.m. Saturday" (police were called as it happened)
_CALLED_IN = frozenset(_LEX["called_in_cues"])
_DETERMINER = re.compile(r"(?<![\w])(?:the|a|an|that|this)[ \t]+(?:(?:early|late)[ \t]+)?$", re.I)


def _names_incident_noun(text: str, m: Mention) -> bool:
    """Whether the day modifies an incident noun: "Sunday's shooting", "the Saturday shooting" (``_NOUN_MOD``)."""
    after = _NOUN_MOD.match(text, m.end)
    if after is None or after.end() - m.end > 60:
        return False
    if after.group("poss") or after.group("poss2"):
        return True
    return bool(_DETERMINER.search(text[max(0, m.start - 16):m.start]))


def day_kind(text: str, m: Mention) -> str | None:
    """"incident", "news" or None: see ``day_cue``."""
    cue = day_cue(text, m)
    return None if cue is None else cue[0]


def day_cue(text: str, m: Mention) -> tuple[str, str] | None:
    """Whether a day mention dates the incident or the news about it, by the nearest cue word beside it
    in its clause: "was shot Saturday", "the shooting happened Sunday" -> "incident"; "was arrested
    Monday", "police said Tuesday", "died early Monday" -> "news"; None when no cue is near.

    Why: a local story's lead gives both days, and the first one written is as often the day of an
    arrest, a death in hospital or a statement as the day of the shooting; the word the date hangs on
    tells them apart without a parse. A cue before the date wins a tie (English puts the date after
    its verb: "shot and killed Saturday")."""
    if _names_incident_noun(text, m):
        return "incident", ""  # "charged in the Saturday shooting": the day is the shooting's, not the charge's
    lo = max(0, m.start - CUE_BEFORE)
    before = text[lo:m.start]
    cut = [x.end() for x in _CLAUSE_END.finditer(before)]
    if cut:
        lo += cut[-1]
        before = text[lo:m.start]
    opening = before.strip().lower() in _OPENING_PREPS
    after = text[m.end:m.end + (OPENING_AFTER if opening else CUE_AFTER)]
    stop = _CLAUSE_END.search(after)
    if stop:
        after = after[:stop.start()]
    comma = None if opening else _ATTRIBUTION_AFTER.match(after)
    if comma:
        after = after[:comma.start(1)]
    sub = _SUBORDINATE.search(after)
    if sub:
        after = after[:sub.start()]  # "hunting a suspect on Monday after he shot two officers": another clause's verb
    if _THAT_AFTER.match(after):
        after = ""  # "revealed Tuesday that he shot ...": the day is the telling's, the cue the clause's it reports
    best: tuple[int, str, str] | None = None
    incident_before = False
    news_before = False
    for c in _CUE.finditer(before):
        kind = "inc" if c.group("inc") else "news"
        if kind == "news" and incident_before and c.group().lower() in _GATHERINGS:
            continue  # "opened fire minutes into a vigil Monday": the vigil is where, the shooting what
        if kind == "news" and incident_before and c.group().lower() in _CALLED_IN:
            kind = "inc"  # "the shooting was reported shortly before 8:30 p.m. Sunday": when it happened
        if kind == "inc" and news_before and c.group()[:1].isdigit():
            continue  # "was arrested without incident around 8:30 a.m. Tuesday": the arrest's clock
        incident_before = incident_before or kind == "inc"
        news_before = news_before or kind == "news"
        key = (m.start - (lo + c.end()), kind, c.group())
        if best is None or key[0] <= best[0]:
            best = key
    for c in _CUE.finditer(after):
        if best is not None and _PERFECT_BEFORE.search(after, 0, c.start()):
            continue  # "the man who was shot on Friday has died": a perfect takes no day; the day is the verb's before
        key = (c.start() + 1, "inc" if c.group("inc") else "news", c.group())  # +1: the cue before wins a tie
        if best is None or key[0] < best[0]:
            best = key
    if best is None:
        return None
    return ("incident" if best[1] == "inc" else "news"), re.sub(r"\s+", " ", best[2].lower())


_FUTURE = None


def after_future_cue(text: str, m: Mention) -> bool:
    """Whether a future cue of its clause stands just before the day, with no comma and no incident word
    between them: "a hearing scheduled for November 18", "strikes planned for February 19", "the next
    hearing will be on March 15", "is due in court Tuesday" (``lexicons/dates.json`` "future_cues")."""
    global _FUTURE
    if _FUTURE is None:
        _FUTURE = re.compile(r"(?:" + _cue_re(_LEX["future_cues"]) + r")(?P<gap>[^,.;:!?\n]{0,40})$", re.I)
    before = text[max(0, m.start - 60):m.start]
    f = _FUTURE.search(before)
    if f is None:
        return False
    return not any(c.group("inc") for c in _CUE.finditer(f.group("gap")))


_SINCE_STATE = None


def since_state(text: str, m: Mention) -> bool:
    """Whether a "since" date is the day a state began that is itself the event: "has been detained since
    February 15", "held incommunicado since Monday", "missing since Saturday", "in custody since October 23"
    (``lexicons/dates.json`` "since_state_cues", within the clause, a few words before "since"). News of a
    detainee or a missing person dates the arrest or the disappearance this way; "killed since 2012" is a
    tally's start, and "searching since Saturday" an ongoing story's, not an event's day."""
    global _SINCE_STATE
    if not m.since:
        return False
    if _SINCE_STATE is None:
        _SINCE_STATE = re.compile(r"(?:" + _cue_re(_LEX["since_state_cues"]) + r")(?:[ \t]+[\w'’-]+){0,3}[ \t,]*$",
                                  re.I)
    before = text[max(0, m.start - 60):m.start]
    return bool(_SINCE_STATE.search(before))
