"""Who gives a figure, and how sure they are.

Works on a parsed sentence and the tokens of one claim (its trigger and its
victim noun). The source is found, in order, as

1. the subject of a reporting verb that governs the claim ("X said", "X
   acknowledged the loss of 17", "X ran the headline ..."), or its "by" agent;
2. the object of "according to" (unwrapping "a report by X", "a journalist
   with X");
3. "footage / videos / photos ... show" (a footage source);
4. a pronoun subject ("he said") or nothing: the previous sentence's source
   carries over when the sentence continues the same report, else the claim
   is the article's own voice (``stated``).

The status comes from the reporting verb's class (lexicons/attribution.json)
and from hedges in the claim's clause or in the source phrase.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon
from .nlp import cue_tokens, folds_to_ascii, lowers
from .model import UNATTRIBUTED, Source

log = logging.getLogger(__name__)

PRONOUNS = {"he", "she", "they", "it", "we", "i"}
STOP_DEPS = {"relcl", "acl"}
CONNECTORS = {"al", "el", "ad", "as", "ar", "ash", "bin", "ibn", "de", "of", "the", "and", "-", "du", "la", "le", "van", "von", "abu", "'s", "’s", "e", "ol"}
STATUS_RANK = {"denied": 6, "unconfirmed": 5, "acknowledged": 4, "claimed": 3, "reported": 2, "stated": 1}


@dataclass(frozen=True)
class Attribution:
    source: Source
    status: str
    verb: str | None = None  # the reporting word
    carried: bool = False  # taken over from an earlier sentence


@lru_cache(maxsize=1)
def _verbs() -> dict[str, str]:
    return lexicon.inverse("attribution", "verbs")


@lru_cache(maxsize=1)
def _hedges() -> tuple[frozenset[str], tuple[str, ...]]:
    words = lexicon.load("attribution")["hedges"]
    return frozenset(w for w in words if " " not in w), tuple(w for w in words if " " in w)


@lru_cache(maxsize=1)
def _actors() -> dict[str, tuple[str, str]]:
    """alias (lower) -> (canonical name, kind)."""
    out: dict[str, tuple[str, str]] = {}
    for a in lexicon.load("actors")["actors"]:
        for alias in [a["name"], *a["aliases"]]:
            out[alias.lower()] = (a["name"], a["kind"])
            if alias.lower().startswith("the "):
                out[alias.lower()[4:]] = (a["name"], a["kind"])
    return out


def canonical(name: str) -> tuple[str, str | None]:
    """The canonical name of a known actor and its kind, else the name as given."""
    key = name.lower().strip()
    if key.startswith("the "):
        key = key[4:]
    hit = _actors().get(key)
    if hit:
        return hit
    return name, None


def hedged(tokens) -> bool:
    """Does a run of tokens hold a hedge word or phrase?"""
    words, phrases = _hedges()
    lows = _lows(tokens)
    if not words.isdisjoint(lows):
        return True
    return bool(phrases) and _hedge_phrases().search(" ".join(lows)) is not None


@lru_cache(maxsize=1)
def _hedge_phrases() -> re.Pattern:
    """The hedge phrases as one pattern: one search finds whether the joined words hold any of them,
    as a test of each phrase in turn did (a thousand substring tests a document; performance only)."""
    return re.compile("|".join(map(re.escape, sorted(_hedges()[1], key=len, reverse=True))))


def _lows(tokens) -> list[str]:
    """The lower-case words of a span or of a list of tokens, from the doc's words read once
    (nlp.lowers): ``Token.lower_`` is a string-store lookup at every access."""
    if hasattr(tokens, "start") and hasattr(tokens, "doc"):  # a Span
        return lowers(tokens.doc)[tokens.start:tokens.end]
    tokens = list(tokens)
    if not tokens:
        return []
    lows = lowers(tokens[0].doc)
    return [lows[t.i] for t in tokens]


def _is_reporting(tok) -> str | None:
    if not tok.tag_.startswith("VB"):
        return None
    return _verbs().get(tok.lower_)


def _subject(verb):
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.dep_ != "nsubjpass":
            return c
    for c in verb.children:  # passive: "was reported by X"
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return _subject(verb.head)
    return None


def _phrase_tokens(head):
    """The noun phrase of ``head`` without relative clauses and trailing punctuation."""
    cut: set[int] = set()  # the tokens of the clauses after the head, gathered once
    for a in head.children:
        if a.dep_ in STOP_DEPS and a.i > head.i:
            cut.update(x.i for x in a.subtree)
    toks = [t for t in head.subtree if t.i not in cut]
    # only the contiguous block around the head (a misattached appositive far away is not the phrase)
    pos = next(k for k, t in enumerate(toks) if t.i == head.i)
    lo, hi = pos, pos
    while lo > 0 and toks[lo - 1].i == toks[lo].i - 1:
        lo -= 1
    while hi + 1 < len(toks) and toks[hi + 1].i == toks[hi].i + 1:
        hi += 1
    toks = toks[lo:hi + 1]
    # cut a relative clause introduced by who/which/that, even when misparsed
    for k, t in enumerate(toks):
        if t.lower_ in ("who", "which", "whose") and t.i > head.i:
            toks = toks[:k]
            break
    while toks and (toks[-1].is_punct or toks[-1].lower_ in ("and", "or")):
        toks = toks[:-1]
    return toks


def _text(toks) -> str:
    if not toks:
        return ""
    # a Span's text is cheap; Doc.text rebuilds the whole document's string on every call
    return toks[0].doc[toks[0].i: toks[-1].i + 1].text.strip(" ,;:“”\"'")


def source_from_phrase(head) -> tuple[Source, bool]:
    """A Source from the noun phrase headed by ``head``; also whether it is hedged."""
    toks = _phrase_tokens(head)
    hedge = hedged(toks)
    att = lexicon.load("attribution")
    if head.lower_ in att["footage_words"]:
        return Source("footage", "footage", _text(toks)), hedge
    containers = set(att["container_nouns"])
    roles = set(att["via_roles"])
    # "an unconfirmed report by X", "an announcement made by X", "a journalist with X"
    if head.lower_ in containers or head.lower_ in roles:
        for c in head.subtree:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "with", "for", "at", "of") and c.head.i >= head.i:
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs and objs[0].i > head.i:
                    inner, inner_hedge = source_from_phrase(objs[0])
                    desc = _text(toks)
                    return Source(inner.name, inner.kind, desc if desc != inner.name else inner.description), hedge or inner_hedge
    # "the spokesman of the 25th Karbala Division" -> "25th Karbala Division spokesman"
    if head.lower_ in ("spokesman", "spokeswoman", "spokesperson", "commander", "head", "chief", "director", "official", "officials", "leader", "deputy"):
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "for"):
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    org = [t for t in _phrase_tokens(objs[0]) if t.lower_ not in ("the",)]
                    name = f"{_text(org)} {head.text}"
                    return Source(name, "official", _text(toks)), hedge
    # split off an appositive description: "Kowsari, a former senior Guard commander"
    main = toks
    appos = ""
    for k, t in enumerate(toks):
        if t.text == "," and k > 0:
            main, rest = toks[:k], toks[k + 1:]
            while rest and rest[0].lower_ in ("or", "and"):
                rest = rest[1:]
            appos = _text(rest)
            break
    if not main:
        return UNATTRIBUTED, hedge
    name_toks, desc_toks = _split_name(main, head)
    name = _text(name_toks) if name_toks else _text([t for t in main if t.lower_ not in ("the", "a", "an")])
    desc_parts = [p for p in (_text(desc_toks), appos) if p]
    description = "; ".join(desc_parts) or None
    canon, kind = canonical(name)
    if kind is None:
        kind = source_kind(main, appos)
    return Source(canon, kind, description), hedge


def _split_name(main, head):
    """The last capitalised run (a proper name) and the words before it."""
    def cap(t):
        return t.text[:1].isupper() or t.text[:1].isdigit() and t.i > main[0].i
    # the run that contains or ends nearest the head
    runs: list[list] = []
    cur: list = []
    for t in main:
        if cap(t) or (cur and t.lower_ in CONNECTORS and t.i < main[-1].i):
            cur.append(t)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    runs = [[t for t in r] for r in runs]
    for r in runs:
        while r and r[-1].lower_ in CONNECTORS:
            r.pop()
    runs = [r for r in runs if r]
    if not runs:
        return [], []
    if not (head.text[:1].isupper()):
        return [], []  # a common-noun source: "Iranian media", "official tallies"
    run = runs[-1]
    for r in runs:
        if head in r:
            run = r
    # a hyphenated adjective ("IRGC-affiliated") is description, not name
    while run and run[-1].i + 1 < len(head.doc) and head.doc[run[-1].i + 1].text == "-" and run[-1].i != head.i:
        run = []
    if not run:
        return [], []
    desc = [t for t in main if t.i < run[0].i and t.lower_ not in ("the", "a", "an")]
    return run, desc


def source_kind(toks, appos: str = "") -> str:
    att = lexicon.load("attribution")
    words = {t.lower_ for t in toks} | set(appos.lower().replace(",", " ").split())
    text = " ".join(t.lower_ for t in toks) + " " + appos.lower()
    if words & set(att["footage_words"]):
        return "footage"
    if _monitor(words, text, att):
        return "monitor"
    if words & set(att["outlet_words"]) or any(" " in w and w in text for w in att["outlet_words"]):
        return "outlet"
    if words & set(att["official_words"]):
        return "official"
    if words & set(att["party_words"]):
        return "party"
    if any(t.tag_ in ("NNP", "NNPS") for t in toks):
        return "person" if len([t for t in toks if t.tag_ in ("NNP", "NNPS")]) >= 2 or words & set(att["person_titles"]) else "party"
    return "person"


def headline_speaker(prefix: str) -> Attribution | None:
    """The speaker a headline names before a colon ("Report: Missing toddler found dead", "Police: 4 shot
    at party"): the title's claims are theirs, reported. None for a label that names no one."""
    name = prefix.strip().rstrip(":").strip()
    words = set(name.lower().split())
    if not name or words & {"breaking", "update", "updated", "watch", "video", "live", "photos", "opinion",
                            "exclusive", "analysis", "editorial", "explainer"}:
        return None
    known, kind = canonical(name)
    if kind is None:
        att = lexicon.load("attribution")
        kind = ("official" if words & set(att["official_words"]) else "party" if words & set(att["party_words"])
                else "outlet")
    return Attribution(Source(known, kind, None), "reported", None)


_NAME_RUN = r"[A-Z][\w\u2019'.-]*(?:\s+(?:[A-Z][\w\u2019'.-]*|al|el|bin|de|van|von|of))*"
#: the last speaker named before a pronoun's sentence: "TLP spokesperson Shafiq Ameeni said ...",
#: "The United Nations' envoy for Yemen, Martin Griffiths, told ...", "The older Saudi journalist told ..."
_SPEAKER_BEFORE = re.compile(
    r"(?:(?P<name>" + _NAME_RUN + r")|(?P<desc>\b[Tt]he\s+(?:[\w\u2019'-]+\s+){0,4}?[a-z][\w-]*))"
    r",?\s+(?:said|says|told|added|stated|explained|noted|wrote)\b")


def speaker_before(text: str) -> Source | None:
    """The speaker of the last reporting verb in ``text`` (what comes before a sentence whose source is a
    bare pronoun: "“Several workers were killed,” he said" after "TLP spokesperson Shafiq Ameeni said
    ..."), or None. A name of two words or more, or a description with "the"; never a pronoun."""
    last = None
    for m in _SPEAKER_BEFORE.finditer(text):
        last = m
    if last is None:
        return None
    if last.group("name"):
        name = last.group("name").strip()
        words = name.split()
        if len(words) < 2 or words[0].lower() in PRONOUNS | {"the", "a", "an", "but", "and", "in", "on"}:
            return None
        known, kind = canonical(name)
        return Source(known, kind or "person", None)
    desc = last.group("desc").strip()
    if desc.split()[-1].lower() in PRONOUNS | {"report", "statement", "police", "ministry"}:
        return None  # an outlet's or a body's report is the sentence's own business, not a pronoun's speaker
    return Source(desc, "person", None)


#: the sign-off of an embedded post, as pages render a tweet's blockquote: "... — Missing Pieces Network
#: (@Network4Missing) September 3, 2019"
_POST_SIGNOFF = re.compile(
    r"[\u2014\u2013-]{1,2}\s*(?P<name>[^\s()\u2014@][^()\u2014\n@]{0,58}?)\s*\(@(?P<handle>\w{1,30})\)\s*"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s*\d{4}")
#: how far a post's sign-off may follow a sentence of it (a post is at most 280 characters, then its links)
POST_REACH = 360


def post_author(following: str) -> Source | None:
    """The author of the embedded post (a tweet) that the sentence just before ``following`` belongs to: the
    first sign-off within ``POST_REACH`` characters, with no sentence ending in a full stop after the
    sign-off's start, or None. The post is its author's word, as a quote is its speaker's."""
    m = _POST_SIGNOFF.search(following, 0, POST_REACH)
    if m is None:
        return None
    name = m.group("name").strip(" ,;:")
    if not name or len(name.split()) > 6:
        return None
    known, kind = canonical(name)
    return Source(known, kind or _kind_of_name(name), f"@{m.group('handle')}")


def _kind_of_name(name: str) -> str:
    """A source's kind by the words of its name alone (an account's display name: "Jackson Police Dept.",
    "6 News"), as ``source_kind`` reads a parsed phrase; a person when no word tells otherwise."""
    att = lexicon.load("attribution")
    low = name.lower()
    words = set(re.findall(r"[a-z]+", low))
    if _monitor(words, low, att):
        return "monitor"
    if words & set(att["outlet_words"]) or words & {"news", "tv", "radio", "channel", "network"}:
        return "outlet"
    if words & set(att["official_words"]):
        return "official"
    if words & set(att["party_words"]):
        return "party"
    return "person"


def _monitor(words: set[str], text: str, att) -> bool:
    """An NGO or monitoring group: "a monitoring group", "a doctors' group", "the rights watchdog"."""
    if words & set(att["monitor_words"]):
        return True
    topic = words & set(att["monitor_topics"]) or any(" " in w and w in text for w in att["monitor_topics"])
    return bool(topic and words & set(att["monitor_bodies"]))


_ACCORDING = frozenset(("according",))


def attribute(sent, trigger, victim, previous: Attribution | None = None) -> Attribution:
    """The source and status of the claim whose trigger and victim tokens are given."""
    status_hedge = _clause_hedged(sent, trigger, victim) or _after_hedged(sent, trigger)
    # 1. a reporting verb above the trigger
    node = trigger
    seen = 0
    while node.head.i != node.i and seen < 12:
        below, node = node, node.head
        seen += 1
        cls = _is_reporting(node)
        if cls:
            if _time_clause(below):
                continue  # "X published a report before three of its staff were imprisoned": no content of X's
            subj = _subject(node)
            inside = subj is not None and any(t.i == trigger.i for t in subj.subtree)
            if inside and (subj.lower_ not in lexicon.load("attribution")["footage_words"]
                           or _own_clause(trigger, subj)):
                continue
            if subj is not None and subj.i != trigger.i and (victim is None or subj.i != victim.i):
                outer = _outer_reporter(node, subj)
                if outer is not None:
                    # "X said it had documented 27 deaths": the pronoun is X, named in this sentence;
                    # "X said its forces had struck ... and claimed ...": X claims, not "its forces"
                    src, h = source_from_phrase(outer[1])
                    return _finish(src, cls, node.lower_, status_hedge or h or _between_hedged(outer[0], trigger))
                if subj.lower_ in PRONOUNS and previous is not None and previous.source.kind != "unattributed":
                    src, h = previous.source, False
                else:
                    src, h = source_from_phrase(subj)
                return _finish(src, cls, node.lower_, status_hedge or h or _between_hedged(node, trigger))
    # 2. "according to X"
    for t in cue_tokens(sent, _ACCORDING, ()):  # the sentence's other tokens cannot open it
        if t.lower_ == "according" and t.i + 1 < sent.end and t.doc[t.i + 1].lower_ == "to":
            to = t.doc[t.i + 1]
            objs = [g for g in to.children if g.dep_ == "pobj"] or [g for g in t.children if g.dep_ == "pobj"]
            if objs:
                src, h = source_from_phrase(objs[0])
                return _finish(src, "reported", "according to", status_hedge or h or _between_hedged(t, trigger))
    # 3. the trigger is itself inside the subject of a reporting verb ("footage of prisoners shows")
    root = sent.root
    cls = _is_reporting(root)
    if cls:
        subj = _subject(root)
        if subj is not None and trigger not in list(subj.subtree):
            src, h = source_from_phrase(subj)
            if src.kind == "footage":
                return _finish(Source("footage", "footage", _text(_phrase_tokens(subj))), cls, root.lower_, status_hedge)
        elif subj is not None and subj.lower_ in lexicon.load("attribution")["footage_words"] \
                and not _own_clause(trigger, subj):
            return _finish(Source("footage", "footage", _text(_phrase_tokens(subj))), cls, root.lower_, status_hedge)
    # 4. carried over, or the article's own voice
    if previous is not None and previous.source.kind != "unattributed" and _continues(sent):
        return Attribution(previous.source, "unconfirmed" if status_hedge else previous.status, previous.verb, True)
    if hedged(sent):  # the article's own voice hedging anywhere in the sentence
        status_hedge = True
    return Attribution(UNATTRIBUTED, "unconfirmed" if status_hedge else "stated", None)


#: the conjunctions of a clause that tells when, not what: its happening is no content of the verb it is on
_TIME_MARKS = frozenset({"before", "after", "when", "while", "until", "once", "as"})


def _time_clause(clause) -> bool:
    """``clause`` is an adverbial clause of time ("before they were imprisoned", "when he was captured")
    on the reporting verb above it: it dates the report, it is not what the report says (s7-detain)."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in clause.children)


def _own_clause(trigger, subj) -> bool:
    """The trigger sits in a clause of its own inside the footage subject ("footage from the night she went
    missing showed ..."): the clause dates the footage, the footage does not show that happening."""
    node = trigger
    while node.i != subj.i and node.head.i != node.i:
        if node.dep_ in ("relcl", "advcl", "acl") and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return True
        node = node.head
    return False


def _outer_reporter(verb, subj):
    """(reporting verb, subject) of an enclosing report in the same sentence whose subject is
    a name, when ``subj`` of the inner ``verb`` only points back to someone: a pronoun ("it",
    "they") or a phrase owned by a pronoun ("its forces"), or borrowed from a non-reporting
    verb ("its forces had struck ... and claimed"). An attribution belongs to its own sentence
    first; only without an enclosing named reporter does a pronoun carry the previous source."""
    pointer = subj.lower_ in PRONOUNS or any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her")
                                             for c in subj.children)
    borrowed = not any(c.i == subj.i for c in verb.children) and not any(
        c.dep_ == "agent" for c in verb.children)
    if not (pointer or borrowed):
        return None
    node, seen = verb, 0
    while node.head.i != node.i and seen < 8:
        node = node.head
        seen += 1
        if _is_reporting(node):
            outer = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if outer is not None and outer.i != subj.i and outer.lower_ not in PRONOUNS:
                return node, outer
    return None


#: the denying verbs: both denial patterns open with one of them (``denial``'s quick test reads them too)
_DENY_WORDS = ("rejected", "rejects", "denied", "denies", "dismissed", "dismisses", "disputed", "disputes", "refuted",
               "refutes")
_DENY = "(?:" + "|".join(_DENY_WORDS) + ")"
_DENIES_FIGURE = re.compile(_DENY + r"\s+(?:the|that|this|these|those|such|its|their)\s+(?:\w+\s+)?"
                            r"(?:claims?|figures?|reports?|tolls?|accounts?|allegations?|numbers?|tally)\b", re.I)
_DENIES_HARM = re.compile(_DENY + r"\b[^.;]{0,40}?\b(?:any|no)\s+(?P<who>[a-z]+)\s+(?:had|have|has)?\s*"
                          r"(?:been|were|was|being)\s+(?P<harm>hit|killed|harmed|hurt|injured|wounded|targeted|"
                          r"affected)\b", re.I)


def denial(text: str) -> tuple[str, str | None, str | None] | None:
    """A sentence that denies a figure told before it, or None.

    ("figure", None, None): "Kyiv rejected the claim", "The army dismissed the figures";
    ("harm", who, harm): "It denied that any civilians had been hit" (no one of ``who``
    was harmed: a zero figure denied by its speaker)."""
    if not folds_to_ascii(text):
        low = text.lower()
        if not any(w in low for w in _DENY_WORDS):
            return None  # no denying verb: neither pattern can match (performance only: most sentences)
    m = _DENIES_HARM.search(text)
    if m:
        return "harm", m.group("who").lower(), m.group("harm").lower()
    if _DENIES_FIGURE.search(text):
        return "figure", None, None
    return None


def denier(sent, previous: Attribution | None) -> Source:
    """Who denies, in a denial sentence: the subject of its denying verb ("Kyiv"), a pronoun's
    referent from the report before ("It denied ..."), else unattributed."""
    for t in sent:
        if _verbs().get(t.lower_) == "denied":
            subj = _subject(t)
            if subj is None:
                break
            if subj.lower_ in PRONOUNS:
                return previous.source if previous is not None else UNATTRIBUTED
            return source_from_phrase(subj)[0]
    return UNATTRIBUTED


def _after_hedged(sent, trigger) -> bool:
    """A hedging phrase later in the sentence ("..., a claim that could not be independently
    verified"): phrases only, single words after the claim are too loose."""
    _, phrases = _hedges()
    tail = " ".join(lowers(sent.doc)[trigger.i: sent.end])
    return any(p in tail for p in phrases)


def _finish(src: Source, cls: str, verb: str, hedge: bool) -> Attribution:
    status = cls
    if hedge and status not in ("denied",):
        status = "unconfirmed"
    return Attribution(src, status, verb)


def _continues(sent) -> bool:
    first = next((t for t in sent if not t.is_punct), None)
    if first is None:
        return False
    return first.lower_ in PRONOUNS or first.lower_ in ("the", "this", "that", "those", "these") and any(
        t.lower_ in ("also", "added", "further") for t in sent)


def _between_hedged(anchor, trigger) -> bool:
    """A hedge between the attribution and the claim scopes over it ("reported that ...
    purportedly destroying two vehicles ..., killing several fighters")."""
    lo, hi = sorted((anchor.i, trigger.i))
    return hedged(trigger.doc[lo:hi])


def _clause_hedged(sent, trigger, victim) -> bool:
    """Hedges that scope over the claim: on its verb chain or its victim phrase."""
    toks = []
    node = trigger
    for _ in range(6):
        toks.extend(c for c in node.children if c.dep_ in ("advmod", "amod", "aux", "auxpass", "neg"))
        if _is_reporting(node.head) or node.head.i == node.i:
            break
        node = node.head
        toks.append(node)
    if victim is not None:
        toks.extend(victim.subtree)
        if victim.head.i != victim.i and victim.dep_ == "pobj":
            toks.extend(c for c in victim.head.head.children if c.dep_ in ("amod",))
    # a hedge right before the claim in the same clause ("purportedly destroying ... killing")
    start = max(sent.start, min(trigger.i, victim.i if victim is not None else trigger.i) - 4)
    toks.extend(trigger.doc[start: trigger.i])
    return hedged(toks)
