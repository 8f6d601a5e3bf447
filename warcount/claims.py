"""Casualty claims: every figure with what it counts, whom, who says so and how sure.

The text is cut into sentences cheaply; only sentences with a casualty cue
(and the sentence after one, when it opens with a number: "Thirteen were
...") are parsed, which keeps the whole pipeline fast. In a parsed sentence,
each *trigger* (a casualty word from lexicons/casualty.json) is tied to its
*victim* noun through the dependency parse:

- passive and intransitive verbs: the subject ("80 fighters were killed");
- active verbs: the object ("killed dozens of fighters", "killing three");
- participles after a noun: that noun ("12 Iranians killed", "members who
  were killed");
- nouns: the "of" object or a number on the noun ("the loss of 17 advisers",
  "two fatalities");
- count nouns: "raising the number of prisoners to eight", "the death toll
  rose to 30".

The figure is the number on (or being) the victim noun; coordinated victims
with their own numbers give parts and a total ("three soldiers and nine
assailants"). Figures under "including" belong to the larger claim
(``part_of``). Source and status come from attribution.py, dates from
dates.py, the evidence span is mapped back to the raw text.
"""
from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from . import attribution, budget, lexicon, nlp, sides
from .model import Claim, Cleaned, Figure, Source, content_hash

log = logging.getLogger(__name__)

ABBREV = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "capt", "sgt", "st", "no", "jan", "feb", "mar", "apr",
          "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "inc", "co", "corp",
          "vs", "rev", "maj", "brig", "adm", "gov", "sen", "rep", "prof", "jr", "sr", "mt", "ft", "e.g", "i.e"}
_SENT_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“'‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\S)")


@dataclass
class _Found:
    kind: str
    figure: Figure
    trigger: object  # spaCy Token
    victim: object | None  # spaCy Token
    victim_text: str
    tokens: list  # tokens that make the evidence
    zero: bool = False
    parts: list["_Found"] = field(default_factory=list)
    perpetrator: bool = False


@lru_cache(maxsize=1)
def _lex():
    cas = lexicon.load("casualty")
    trig = lexicon.inverse("casualty", "triggers")
    multi = []
    for kind, phrases in cas["multiword_triggers"].items():
        for p in phrases:
            multi.append((tuple(p.split()), kind))
    multi.sort(key=lambda x: -len(x[0]))
    multi_first = frozenset(w[0] for w, _ in multi)
    # cue words as a set: one C-level findall and a set intersection per sentence is an order of
    # magnitude faster than a long regex alternation on big inputs
    hit = frozenset(cas["mentions"]["hit_verbs"]) | frozenset(cas["mentions"]["fatal_adverbs"])
    cue = frozenset(trig) | multi_first | hit | {"casualty", "casualties", "toll", "tolls", "tally", "tallies",
                                                 "gunfire", "gunshot"}
    return {
        "trig": trig, "multi": multi, "cue": cue, "multi_first": multi_first,
        "noun": frozenset(cas["noun_triggers"]), "weak": frozenset(cas["weak_triggers"]),
        "intrans": frozenset(cas["intransitive"]), "count_nouns": frozenset(cas["count_nouns"]),
        "count_verbs": frozenset(cas["count_verbs"]), "show": frozenset(cas["show_verbs"]),
        "person": frozenset(cas["person_nouns"]),
        "attacker": frozenset(cas["attacker_nouns"]), "partisan": frozenset(cas["partisan_enemy_terms"]),
        "zero": frozenset(cas["zero_words"]), "militant": frozenset(cas["militant_nouns"]),
        "security": frozenset(cas["security_nouns"]), "attack_verbs": tuple(cas["attack_verbs"]),
        "cumulative": tuple(cas["cumulative_cues"]),
    }


# ---------------------------------------------------------------- sentences

def split_sentences(text: str) -> list[tuple[int, int]]:
    """Cheap sentence spans; errs on the side of not splitting after abbreviations."""
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        end = m.start() + 1
        word = text[max(start, end - 6):end - 1].split()[-1:] if end - 1 > start else []
        if word and m.group(0)[0] == "." and (word[0].lower().strip("(") in ABBREV or len(word[0]) == 1):
            continue
        if text[start:end].strip():
            spans.append(_strip(text, start, m.end() if m.group(0).strip() == "" else end))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    out = []
    for s, e in spans:
        out.extend(_split_parenthetical(text, s, e))
    # the work budget: an overlong sentence becomes bounded windows
    spans = budget.windows(text, [s for s in out if s[1] > s[0]])
    budget.check()  # a huge text is refused here, before the whole-text scans, when over doc_timeout
    return spans


_PAREN = re.compile(r"\(([^()]{30,})\)")


def _split_parenthetical(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A long parenthetical with its own clause is a sentence of its own: the parser
    otherwise hangs it on the outer sentence and borrows the wrong subject."""
    m = _PAREN.search(text, s, e)
    if not m or len(m.group(1).split()) < 6:
        return [(s, e)]
    inner = _strip(text, m.start(1), m.end(1))
    before = _strip(text, s, m.start())
    after = _strip(text, m.end(), e)
    parts = [before, inner] + (_split_parenthetical(text, *after) if after[1] - after[0] > 1 else [])
    return [p for p in parts if p[1] - p[0] > 1]


_strip = budget.strip_span  # one definition for the sentence splitter and the sentence windows


_WORD = re.compile(r"[a-z]+")
_CASUALTY_CONTEXT = re.compile(r"\b(casualt|death|dead|kill|fatalit|died|lives)", re.I)
_NUM_START = re.compile(r"^\W*(\d|(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                        r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
                        r"eighty|ninety|hundred|dozens?|several|most|all|many|some|of (those|them|the))\b)", re.I)


def select_sentences(text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Runs of consecutive sentences worth parsing: those with a cue, and continuations."""
    cue = _lex()["cue"]
    word = _WORD
    picked = []
    prev_hit = False
    for s, e in spans:
        chunk = text[s:e]
        hit = not cue.isdisjoint(word.findall(chunk.lower()))
        cont = not hit and prev_hit and (bool(_NUM_START.match(chunk)) or attribution.denial(chunk) is not None)
        picked.append(hit or cont)
        prev_hit = hit or cont
    runs: list[list[tuple[int, int]]] = []
    previous = None
    for k, (span, keep) in enumerate(zip(spans, picked)):
        if not keep:
            continue
        if runs and previous == (spans[k - 1] if k > 0 else None):
            runs[-1].append(span)
        else:
            runs.append([span])
        previous = span
    budget.check()
    # the work budget: walls of punctuation in a chosen sentence are left out before parsing
    return [budget.without_runs(text, run) for run in runs]


# ---------------------------------------------------------------- figures

def _figure_index(doc):
    """token index -> (Figure, first token, last token) for every casualty-able figure."""
    from . import numbers

    index = {}
    for m in numbers.find_figures(doc.text):
        if not m.casualty_ok:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        for t in span:
            index[t.i] = (m.figure, span[0], span[-1])
    return index


# ---------------------------------------------------------------- triggers

def _trigger_kind(tok, lex) -> str | None:
    low = tok.lower_
    kind = lex["trig"].get(low)
    if kind is None:
        return None
    if tok.tag_ in _PROPN:
        return None
    return kind


def _multiword(doc, lex):
    """token index -> kind for multiword triggers ("shot dead", "taken prisoner")."""
    out = {}
    lows = [t.lower_ for t in doc]
    firsts = lex["multi_first"]
    for i in range(len(doc)):
        if lows[i] not in firsts:
            continue
        for words, kind in lex["multi"]:
            n = len(words)
            if tuple(lows[i:i + n]) == words:
                if words[0] in ("death",) and n == 2:
                    out[i + 1] = ("killed", "toll")  # the toll noun carries the figure
                    out[i] = (kind, "inner")
                else:
                    out[i] = (kind, "verb")
                    for k in range(i + 1, i + n):
                        out[k] = (kind, "inner")
                break
    return out


# ---------------------------------------------------------------- the parse walk

def _fig_on(noun, figs):
    """The figure written on a noun: the noun itself, or a number attached to it."""
    if noun.i in figs:
        return figs[noun.i]
    for c in noun.children:
        if c.i in figs and c.dep_ in ("nummod", "amod", "quantmod", "det", "compound", "npadvmod", "advmod", "nmod"):
            return figs[c.i]
        if c.dep_ == "nummod":
            for g in c.subtree:
                if g.i in figs:
                    return figs[g.i]
    return None


def _zero_on(noun, lex) -> bool:
    if noun.lower_ in lex["zero"] or noun.lower_ in ("nobody", "none", "no-one"):
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _is_passive(verb) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in verb.children)
        and not any(c.dep_ == "dobj" for c in verb.children))


_PROPN = ("NNP", "NNPS")  # tags, not pos_: the attribute ruler that maps them costs a fifth of the parse
MIXED = "mixed"  # the side of a total whose parts are on different sides
_SUFFER = {"sustain", "sustained", "sustains", "suffer", "suffered", "suffers", "received", "receive", "got",
           "sustaining", "suffering"}


def _victims(t, lex):
    """Candidate victim nouns of a trigger token, best first."""
    low = t.lower_
    out = []
    is_noun = t.tag_.startswith("NN") or (low in lex["noun"] and t.tag_.startswith("NN"))
    if is_noun:
        if t.dep_ == "dobj" and t.head.lower_ in _SUFFER:
            out.extend(c for c in t.head.children if c.dep_ == "nsubj")  # "57 sustained injuries"
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "among"):
                out.extend(g for g in c.children if g.dep_ == "pobj")
        out.append(t)  # "two fatalities", "21 deaths"
        return out
    kids = list(t.children)
    passive = _is_passive(t)
    objects = [c for c in kids if c.dep_ in ("dobj", "attr", "oprd")]
    if passive or (low in lex["intrans"] and not any(c.dep_ == "dobj" for c in kids)):
        out.extend(c for c in kids if c.dep_ in ("nsubjpass", "nsubj"))
    out.extend(objects)
    if t.dep_ in ("acl", "relcl", "amod") and t.head.i != t.i:
        head = t.head
        # "members who were killed" / "12 Iranians killed" / "the dead"
        out.append(head)
    if t.dep_ in ("acomp", "xcomp", "oprd") and t.head.i != t.i:
        out.extend(c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    if t.dep_ == "conj" and not any(c.dep_.startswith("nsubj") or c.dep_ == "dobj" for c in kids):
        # "were killed and four injured": share the first verb's victims only via own numbers
        out.extend(c for c in t.head.children if c.dep_ in ("nsubjpass", "nsubj") and passive)
    if not out and low in lex["intrans"] and t.dep_ in ("amod",):
        out.append(t.head)
    return out


def _victim_phrase(noun, fig_span) -> tuple[str, list]:
    """Victim words: the noun with its modifiers, without the figure; "dozens of X" -> X."""
    if fig_span is not None and noun.i in range(fig_span[1].i, fig_span[2].i + 1):
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    noun = objs[0]
                    break
    keep = []
    for t in noun.subtree:
        if t.i > noun.i and t.dep_ in ("relcl", "acl", "prep", "punct", "cc", "conj", "appos") and t.head.i == noun.i:
            break
        keep.append(t)
    toks = [t for t in keep if not (fig_span and fig_span[1].i <= t.i <= fig_span[2].i)
            and t.dep_ not in ("det",) and not t.is_punct]
    # the subtree walk can pass a "break" child's own subtree; keep only up to the noun's right edge of modifiers
    toks = [t for t in toks if t.i <= noun.i or t.head.i != noun.i or t.dep_ in ("compound", "amod")]
    text = " ".join(t.text for t in toks).replace(" - ", "-").replace(" ’s", "’s").replace(" 's", "'s")
    return text.strip(" “”\"'"), toks


def _count_noun_figure(t, figs, lex):
    """"the number of prisoners to eight", "death toll rose to 30", "tallies between 400 and 700"."""
    head = t
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in lex["count_nouns"]:
        head = t.head.head
    elif t.dep_ == "compound" and t.head.lower_ in lex["count_nouns"]:
        head = t.head
    elif t.lower_ not in lex["count_nouns"]:
        return None
    return _figure_near_count(head, figs, lex)


def _figure_near_count(head, figs, lex):
    cands = []
    for c in head.children:
        if c.dep_ in ("prep",) and c.lower_ in ("of", "at", "to", "between", "near", "around"):
            cands.extend(c.subtree)
        if c.dep_ in ("nummod", "appos", "quantmod"):
            cands.extend(c.subtree)
    verb = head.head
    if verb.lower_ in lex["count_verbs"] or verb.tag_.startswith("VB") or verb.tag_ == "MD":
        for c in verb.children:
            if c.dep_ in ("prep", "attr", "dobj", "npadvmod", "acomp") and c.i > head.i:
                cands.extend(c.subtree)
    for c in cands:
        if c.i in figs:
            return figs[c.i]
    return None


_OFFICIAL = {"official", "government", "army", "military", "ministry", "police", "un", "state", "hospital", "health"}
_COUNT_GLUE = {"at", "of", "between", "to", "now", "has", "had", "have", "is", "was", "stands", "stood", "rose",
               "risen", "climbed", "reached", "hit", "put", "puts", "been", "around", "about", "officially"}


def _after_count(t, figs, lex):
    """"tallies between 400 and 700", "the toll now stands at 30": a figure a few words after."""
    j = t.i + 1
    while j < t.sent.end and j <= t.i + 5:
        if j in figs:
            return figs[j]
        if t.doc[j].lower_ not in _COUNT_GLUE:
            return None
        j += 1
    return None


def _find_in_sentence(sent, figs, lex, multi) -> list[_Found]:
    found: list[_Found] = []
    used_figs: set[int] = set()
    victim_of: set[int] = set()
    triggers = []
    context = bool(_CASUALTY_CONTEXT.search(sent.text))
    for t in sent:
        if t.i in multi:
            kind, role = multi[t.i]
            if role != "inner":
                triggers.append((t, kind, role))
            continue
        if context and t.lower_ in ("toll", "tolls", "tally", "tallies") and not any(
                t.i == i for i in multi):
            triggers.append((t, "killed", "toll"))
            continue
        kind = _trigger_kind(t, lex)
        if kind:
            triggers.append((t, kind, "word"))
    # nouns that are the victims of a verb trigger are not triggers themselves ("executed three prisoners")
    verb_triggers = [t for t, _, r in triggers if not t.tag_.startswith("NN")]
    for vt in verb_triggers:
        for v in _victims(vt, lex):
            victim_of.add(v.i)
    for t, kind, role in triggers:
        if t.i in victim_of and t.tag_.startswith("NN") and role == "word":
            continue
        if role == "toll":
            fig = _figure_near_count(t, figs, lex) or _after_count(t, figs, lex)
            if fig and fig[1].i not in used_figs:
                found.append(_make(kind, fig, t, None, "", [t, fig[1], fig[2]]))
                used_figs.add(fig[1].i)
            continue
        got = _match_trigger(t, kind, figs, lex, used_figs)
        if got:
            found.append(got)
            if got.figure is not None and not got.zero:
                for fs in _fig_tokens(got, figs):
                    used_figs.add(fs)
            for p in got.parts:
                for fs in _fig_tokens(p, figs):
                    used_figs.add(fs)
    return found


def _fig_tokens(f: _Found, figs) -> list[int]:
    out = []
    for t in f.tokens:
        if t.i in figs:
            out.append(figs[t.i][1].i)
    return out


def _make(kind, fig, trigger, victim, vtext, toks, zero=False) -> _Found:
    figure = fig[0] if fig else Figure(0, 0, "")
    return _Found(kind, figure, trigger, victim, vtext, list(toks), zero=zero)


_IRREALIS = {"threaten", "threatened", "threatens", "threatening", "plan", "planned", "plans", "planning", "plot",
             "plotted", "plotting", "vow", "vowed", "vows", "try", "tried", "tries", "trying", "attempt", "attempted",
             "attempting", "want", "wanted", "wants", "intend", "intended", "intends", "seek", "sought", "aim",
             "aimed", "conspire", "conspired", "urge", "urged", "call", "called", "promise", "promised", "fear",
             "feared"}


def _irrealis(t) -> bool:
    """"threatened to kill", "plotting to kidnap": a casualty that did not happen."""
    node = t
    for _ in range(2):
        if node.dep_ in ("xcomp", "ccomp", "advcl") and node.head.lower_ in _IRREALIS:
            return True
        node = node.head
    return False


def _match_trigger(t, kind, figs, lex, used) -> _Found | None:
    weak = t.lower_ in lex["weak"]
    if _irrealis(t):
        return None
    for v in _victims(t, lex):
        fig = _fig_on(v, figs)
        if fig is None and v.i != t.i and v.dep_ == "pobj" and v.head.lower_ == "of" and v.head.head.i in figs:
            fig = figs[v.head.head.i]  # "one of them"
        if fig is not None and fig[1].i in used:
            continue
        if fig is not None:
            vtext, vtoks = _victim_phrase(v, fig)
            if weak and not _personal(v, vtoks, lex, fig, t):
                continue
            f = _make(kind, fig, t, v, vtext or v.text, [t, fig[1], fig[2], v])
            f.parts = _coordinated(v, kind, t, figs, lex, used)
            f.perpetrator = _perpetrator(vtext, lex)
            return f
        if _zero_on(v, lex) and (not weak or any(x.lower_ in lex["person"] for x in v.subtree)):
            vtext, _ = _victim_phrase(v, None)
            return _make(kind, None, t, v, vtext, [t, v], zero=True)
        # a single person: "a policeman was killed", "killing him"
        single = _single(v, t, lex)
        if single is not None and not weak:
            vtext, _ = _victim_phrase(v, None)
            f = _Found(kind, single, t, v, vtext or v.text, [t, v])
            f.parts = _coordinated(v, kind, t, figs, lex, used)
            f.perpetrator = _perpetrator(f.victim_text, lex)
            return f
    # count nouns: "raising the number of prisoners to eight", "the toll rose to 30"
    if t.tag_.startswith("NN"):
        fig = _count_noun_figure(t, figs, lex)
        if fig is not None and fig[1].i not in used:
            return _make(kind, fig, t, None, t.text, [t, fig[1], fig[2]])
        # "footage of prisoners shows two members"
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.dep_ in ("nsubj",) and t.head.head.head.lower_ in lex["show"]:
            verb = t.head.head.head
            for c in verb.children:
                if c.dep_ == "dobj":
                    fig = _fig_on(c, figs)
                    if fig and fig[1].i not in used:
                        vtext, _ = _victim_phrase(c, fig)
                        return _make(kind, fig, t, c, vtext, [t, fig[1], fig[2], c])
    return _surface(t, kind, figs, lex, used, weak)


def _surface(t, kind, figs, lex, used, weak) -> _Found | None:
    """Fallback when the parse gives nothing: a figure right before or after the trigger."""
    sent = t.sent
    if _definite_partitive(t):
        return None
    # before: "<figure> <people words> (were|have been)? <trigger>"
    j = t.i - 1
    steps = 0
    while j >= sent.start and steps < 5:
        tok = t.doc[j]
        if j in figs:
            fig = figs[j]
            if fig[1].i in used:
                return None
            nouns = [x for x in t.doc[fig[2].i + 1: t.i] if x.tag_.startswith("NN")]
            if weak and not (nouns and _personal(nouns[-1], nouns, lex, fig, t)):
                return None
            vt = nouns[-1] if nouns else fig[2]
            return _make(kind, fig, t, vt, " ".join(x.text for x in nouns), [fig[1], fig[2], t])
        if tok.tag_.startswith("VB") and tok.dep_ not in ("aux", "auxpass") or tok.text in (";", ":") or tok.lower_ in ("and", "but", "while"):
            break
        j -= 1
        steps += 1
    # after: "<trigger> (the|another)? <figure>", verbs only ("killing three", "wounded another 20")
    if t.tag_.startswith("NN"):
        return None
    j = t.i + 1
    steps = 0
    while j < sent.end and steps < 3:
        tok = t.doc[j]
        if j in figs:
            fig = figs[j]
            if fig[1].i in used:
                return None
            after = t.doc[fig[2].i + 1: min(sent.end, fig[2].i + 4)]
            nouns = [x for x in after if x.tag_.startswith("NN")][:1]
            if weak and not (nouns and nouns[0].lower_ in lex["person"]):
                return None
            return _make(kind, fig, t, nouns[0] if nouns else fig[2], nouns[0].text if nouns else "", [t, fig[1], fig[2]])
        if tok.tag_ not in ("DT", "RB", "JJ", "PDT"):
            break
        j += 1
        steps += 1
    return None


def _definite_partitive(t) -> bool:
    """"two of the captives": a subset of people already counted, not a new figure."""
    doc = t.doc
    i = t.i - 1
    while i >= t.sent.start and doc[i].tag_ in ("JJ", "NNP", "NNPS", "PRP$", "DT") and doc[i].lower_ not in ("of",):
        if doc[i].lower_ in ("the", "these", "those", "its", "their", "his", "her"):
            return i - 1 >= t.sent.start and doc[i - 1].lower_ == "of"
        i -= 1
    return False


_LEGAL = {"murder", "murders", "manslaughter", "kidnapping", "kidnappings", "abduction", "abductions"}


def _personal(v, vtoks, lex, fig, t=None) -> bool:
    """Weak triggers ("lost", "loss", "captured") count only for people: "lost four" may be
    games, "the loss of 17 advisers" is not."""
    if v.lower_ in lex["person"] or any(x.lower_ in lex["person"] for x in vtoks):
        return True
    if v.lower_ in ("counts", "count", "charges") and t.lower_ in _LEGAL and t.i > 0 and \
            t.doc[t.i - 1].lower_ != "attempted":
        return True  # "admitted to 3 counts of murder": one count a victim
    return v.tag_ == "NNPS"


def _single(v, t, lex) -> Figure | None:
    from .numbers import pronoun_figure

    if v.tag_ == "PRP":
        # "killing him", "he was shot dead": the object of an active verb or the subject of a passive
        # one; "he died" in a biography mostly re-tells a named death, so an active subject is left out
        return pronoun_figure(v.lower_) if (t.i < v.i and v.dep_ == "dobj") or v.dep_ == "nsubjpass" else None
    if v.tag_ == "NN" and v.lower_ in lex["person"] and v.lower_ not in _COLLECTIVE:
        det = [c for c in v.children if c.dep_ in ("det", "poss")]
        # "the driver" is often the attacker's own driver: only an indefinite single is a new victim
        if det and det[0].lower_ in ("a", "an", "one", "another"):
            return Figure(1, 1, f"{det[0].text} {v.text}")
    return None


_COLLECTIVE = {"police", "security", "forces", "staff", "crew", "personnel", "militia", "family", "people",
               "military", "army", "others", "other"}


def _coordinated(v, kind, t, figs, lex, used) -> list[_Found]:
    """"three soldiers and nine assailants": each conjunct with its own number is a part."""
    parts = []
    siblings = [c for c in v.head.children if c.dep_ == v.dep_ and c.i > v.i and v.dep_ in ("nsubjpass", "nsubj", "dobj")
                and any(x.dep_ == "cc" for x in v.doc[v.i:c.i])] if v.head.i != v.i else []
    for c in [*v.children, *siblings]:
        if c.dep_ != "conj" and c not in siblings:
            continue
        tail = [x for x in c.doc[c.i + 1: min(c.sent.end, c.i + 5)]]
        stop = next((k for k, x in enumerate(tail) if x.is_punct), len(tail))
        if any(lex["trig"].get(x.lower_) and x.i != t.i for x in tail[:stop]):
            continue  # "killed 20 people and another 29 were injured": its own clause
        fig = _fig_on(c, figs)
        if fig is not None and fig[1].i not in used:
            vtext, _ = _victim_phrase(c, fig)
            p = _make(kind, fig, t, c, vtext, [fig[1], fig[2], c])
        elif c.tag_ in ("NN", "NNP", "JJ") and _one_person(c, lex):
            p = _Found(kind, Figure(1, 1, c.text), t, c, c.text, [c])
        else:
            continue
        p.perpetrator = _perpetrator(p.victim_text, lex)
        parts.append(p)
        parts.extend(_coordinated(c, kind, t, figs, lex, used))
    return parts


_PERSON_SUFFIX = re.compile(r"(er|or|ist|ian|man|woman|ee|ant|ent)$")


def _one_person(c, lex) -> bool:
    """A singular person noun in a list of victims: "three guards and a police inspector"."""
    if c.lower_ in lex["person"] or (c.tag_ == "NN" and _PERSON_SUFFIX.search(c.lower_)):
        return any(d.dep_ in ("det", "poss") and d.lower_ not in ("the", "this", "that") or d.dep_ == "poss"
                   for d in c.children) or c.lower_ in lex["person"] and c.tag_ == "NN"
    return False


def _perpetrator(vtext: str, lex) -> bool:
    words = set(vtext.lower().replace("-", " ").split())
    return bool(words & lex["attacker"])


# ---------------------------------------------------------------- claims

def _clause_text(sent, f: _Found) -> str:
    """The words of the claim's own clause: its governing verb's subtree without the other
    clauses hanging on it ("112 were killed in the past day, bringing the toll since
    October to 29,782": "since October" belongs to the toll, not to the 112)."""
    head = f.trigger
    while head.tag_.startswith("NN") and head.head.i != head.i:
        head = head.head
    while head.dep_ in ("prep", "pobj", "amod", "compound", "nummod") and head.head.i != head.i:
        head = head.head
    mine = {t.i for t in f.tokens if t is not None}
    skip: set[int] = set()
    for c in head.children:
        if c.dep_ in ("advcl", "conj", "ccomp", "parataxis") and not mine & {x.i for x in c.subtree}:
            skip.update(x.i for x in c.subtree)
    words = [t for t in head.subtree if t.i not in skip]
    return sent.doc[words[0].i: words[-1].i + 1].text if words else sent.text


def _scope(sent, f: _Found, lex) -> str:
    low = _clause_text(sent, f).lower()
    if not _any_cue(lex["cumulative"]).search(low):
        return "incident"  # the common case, in one search instead of one per cue
    for cue in lex["cumulative"]:
        if re.search(r"\b" + re.escape(cue) + r"\b", low):
            if cue == "since" and not re.search(r"\bsince\s+(\d{4}|the (start|beginning|outbreak)|(january|february|march|april|may|june|july|august|september|october|november|december))", low):
                continue
            return "cumulative"
    return "incident"


@lru_cache(maxsize=8)
def _any_cue(cues: tuple[str, ...]) -> re.Pattern:
    """One pattern that finds any of ``cues`` as whole words (what ``_scope`` tests one by one)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b")


def _side(f: _Found, source, lex, attackers: frozenset[str] = frozenset(), status: str | None = None) -> str:
    """Whose dead these are: the side model lives in sides.py."""
    return sides.side(f, source, lex, attackers, status)


_killer = sides.killer


_ATTACKER_STOP = {"the", "al", "el", "ad", "of", "on", "in", "a", "an", "and", "it", "they", "he", "she", "this"}


def attacker_phrases(text: str, lex=None) -> list[str]:
    """The groups a document names as the attacker, in text order: "lost Khan Touman to
    Jaysh al Fath", "Jaysh al Fath, an alliance of ..., attacked"."""
    lex = lex or _lex()
    # possessive word (*+): a long capitalised word cannot be split five ways (catastrophic backtracking)
    cap = r"((?:[A-Z][\w'’-]*+(?:\s+(?:al|el|ad|of|the)\s+|\s+)?){1,5})"
    verbs = "|".join(lex["attack_verbs"])
    found: list[tuple[int, str]] = []
    for m in re.finditer(r"\b(?:lost|fell|ceded|surrendered)\b[^.]{0,120}?\bto\s+" + cap, text):
        found.append((m.start(1), m.group(1)))
    for m in re.finditer(cap + r"\s*(?:,[^,.]{0,80},\s*)?(?:" + verbs + r")\b", text):
        found.append((m.start(1), m.group(1)))
    out: list[str] = []
    for _, phrase in sorted(found):
        words = phrase.split()
        while words and words[0].lower() in _ATTACKER_STOP:
            words = words[1:]
        while words and words[-1].lower() in _ATTACKER_STOP:
            words = words[:-1]
        name = " ".join(words).strip(" ,")
        if len(name) > 2 and name not in out:
            out.append(name)
    return out


def attacker_names(text: str, lex) -> frozenset[str]:
    """The words of :func:`attacker_phrases`, for matching victims ("Fath combatants")."""
    return frozenset(w.lower() for p in attacker_phrases(text, lex) for w in p.split()
                     if w.lower() not in _ATTACKER_STOP and len(w) > 2)


def extract_claims(cleaned: Cleaned, *, document_id: str | None = None, published: date | None = None) -> list[Claim]:
    """Every casualty claim of a cleaned document, in text order."""
    return read_document(cleaned, document_id=document_id, published=published).claims


@dataclass
class Extraction:
    """What one document tells of casualties: the claims (who says what) and the victim mentions
    (mentions.py) that account.py counts people from. The title's mentions come first."""

    claims: list[Claim]
    mentions: list  # list[mentions.Mention]


def read_document(cleaned: Cleaned, *, document_id: str | None = None, published: date | None = None,
                  raw: str | None = None) -> Extraction:
    """Claims and victim mentions of a cleaned document; ``raw`` (the document as read) places the title."""
    from . import mentions as mentions_mod

    found_mentions: list = []
    lex = _lex()
    title = (cleaned.title or "").strip()
    parse_title = None
    if title and not cleaned.text.startswith(title) and not cue_free(title):
        def parse_title(doc=None):  # the title's doc comes in the body's parse batch when there is one
            found_mentions[:0] = _title_mentions(title, raw, lex, mentions_mod, doc)
    claims = _read_body(cleaned, document_id, published, lex, found_mentions, mentions_mod, parse_title)
    return Extraction(claims, found_mentions)


def cue_free(text: str) -> bool:
    """No casualty cue word in the text (the cheap test sentence selection uses)."""
    return _lex()["cue"].isdisjoint(_WORD.findall(text.lower()))


def title_text(title: str) -> tuple[str, int]:
    """The words of a title the parser reads, and where they start in it: without a speaker
    prefix ("Police: 4 shot at ..."), in sentence case."""
    title = title[:1000]
    prefix = _TITLE_PREFIX.match(title)
    skip = prefix.end() if prefix else 0
    return _sentence_case(title[skip:]), skip


def _title_mentions(title: str, raw: str | None, lex, mentions_mod, doc=None) -> list:
    """The title as a sentence of its own: its evidence span is where the raw document has it."""
    base = raw.find(title) if raw else -1
    text, skip = title_text(title)
    if doc is None:
        doc = nlp.pipeline()(text)
    base = base + skip if base >= 0 else -1
    title = title[:1000][skip:]
    figs = _figure_index(doc)
    multi = _multiword(doc, lex)

    def locate(toks):
        toks = [t for t in toks if t is not None]
        s = min(t.idx for t in toks)
        e = max(t.idx + len(t) for t in toks)
        return title[s:e], (base + s if base >= 0 else -1), (base + e if base >= 0 else -1)

    out = []
    for sent in doc.sents:
        out.extend(mentions_mod.find_in_sentence(sent, figs, lex, multi, sentence_no=0, title=True, locate=locate))
    return out


_TITLE_PREFIX = re.compile(r"^[A-Z][\w.&' -]{0,30}:\s+(?=\S)")


def _sentence_case(title: str) -> str:
    """A Title Case headline ("Four Hurt In Park Shooting") in sentence case, which the parser
    reads (it tags every capitalised word a proper noun); the same length, so offsets hold.
    Words in capitals (acronyms) and the first word keep theirs."""
    words = title.split()
    caps = sum(1 for w in words if w[:1].isupper())
    if len(words) < 3 or caps < 0.7 * len(words):
        return title
    out = []
    for k, w in enumerate(re.split(r"(\s+)", title)):
        low = w.lower()
        out.append(w if k == 0 or w.isupper() or len(low) != len(w) else low)
    return "".join(out)


def _read_body(cleaned: Cleaned, document_id, published, lex, found_mentions: list, mentions_mod,
               parse_title=None) -> list[Claim]:
    claims = _read_body_sentences(cleaned, document_id, published, lex, found_mentions, mentions_mod, parse_title)
    if parse_title is not None and not (found_mentions and found_mentions[0].title) and not getattr(
            parse_title, "done", False):
        parse_title()  # no body sentence was parsed: the title alone
    return claims


def _read_body_sentences(cleaned: Cleaned, document_id, published, lex, found_mentions: list, mentions_mod,
                         parse_title) -> list[Claim]:
    text = cleaned.text
    if not text.strip():
        return []
    if published is None:
        from .dates import parse_iso

        published = parse_iso(cleaned.published)
    runs = select_sentences(text, split_sentences(text))
    if not runs:
        return []  # no casualty cue: the whole-text scans below are not worth their cost
    try:
        mentions = _event_mentions(text, published)
    except Exception:  # dates must never cost the claims
        log.exception("date scan failed")
        mentions = []
    attackers = sides.document_attackers(text, attacker_names(text, lex))
    # each sentence is parsed on its own: the cheap splitter knows paragraphs and
    # parentheticals, which the parser would otherwise run together
    chunks = [(k, s, text[s:e]) for k, run in enumerate(runs) for (s, e) in run]
    claims: list[Claim] = []
    doc_key = document_id or content_hash(text)[:16]
    previous = None
    last_run = -1
    last_whole: list[Claim] = []
    sentence_no = 0
    texts = (c for _, _, c in chunks)
    if parse_title is not None:
        head = title_text(cleaned.title.strip())[0]
        texts = itertools.chain([head], texts)
    docs = nlp.pipeline().pipe(texts, batch_size=64)
    if parse_title is not None:
        parse_title(next(docs))
        parse_title.done = True
    max_claims = int(budget.limit("max_claims"))
    for (run_no, offset, chunk), doc in zip(chunks, docs):
        if len(claims) >= max_claims:
            break  # the work limit: the pipeline notes it on the document (budget.claims_note)
        figs = _figure_index(doc)
        multi = _multiword(doc, lex)

        def locate(toks, offset=offset):
            toks = [t for t in toks if t is not None]
            return _evidence(cleaned, offset + min(t.idx for t in toks), offset + max(t.idx + len(t) for t in toks))

        if run_no != last_run:
            previous = None  # attribution does not carry across unparsed text
            last_whole = []
        last_run = run_no
        for sent in doc.sents:
            sentence_no += 1
            found_mentions.extend(mentions_mod.find_in_sentence(sent, figs, lex, multi, sentence_no=sentence_no,
                                                                title=False, locate=locate))
            founds = [f for f in _find_in_sentence(sent, figs, lex, multi) if not _legal_charge(f)]
            sent_claims: list[Claim] = []
            totals: list[Claim] = []
            for f in founds:
                att = attribution.attribute(sent, f.trigger, f.victim, previous)
                for item in [f, *f.parts]:
                    sent_claims.append(_claim(item, att, sent, offset, cleaned, doc_key, mentions, lex, attackers))
                if f.parts:
                    total = _combine_parts(sent_claims[-len(f.parts) - 1], sent_claims[-len(f.parts):])
                    if total is not None:
                        totals.append(total)
                previous = att if att.source.kind != "unattributed" else previous
            _nest_parts(sent, founds, sent_claims, lex)
            sent_claims.extend(totals)
            _continuation_parts(sent, sent_claims, last_whole, figs, offset, cleaned)
            _listed_parts(sent, sent_claims, figs, offset, cleaned)
            _denials(sent, sent_claims, claims, previous, offset, cleaned)
            claims.extend(sent_claims)
            if sent_claims:
                last_whole = [c for c in sent_claims if c.part_of is None]
    sides.settle_totals(claims)
    return claims


def _claim(f: _Found, att, sent, offset: int, cleaned: Cleaned, doc_key: str, mentions, lex,
           attackers: frozenset[str] = frozenset()) -> Claim:
    toks = [t for t in f.tokens if t is not None]
    s = min(t.idx for t in toks)
    e = max(t.idx + len(t) for t in toks)
    cs, ce = offset + s, offset + e
    evidence, rs, re_ = _evidence(cleaned, cs, ce)
    status = att.status
    source = att.source
    if source.kind == "unattributed" and f.trigger.lower_ in lex["count_nouns"]:
        # "official tallies", "UN figures": the count itself is the source
        mods = [c for c in f.trigger.children if c.dep_ in ("amod", "compound", "poss")]
        if mods and any(m.lower_ in _OFFICIAL for m in mods):
            source = Source(" ".join(x.text for x in [*mods, f.trigger]), "official", None)
            status = "reported"
    if f.zero and status not in ("denied",) and att.verb and att.verb.startswith("den"):
        status = "denied"
    if status in ("reported", "stated") and source.kind != "unattributed" and set(
            f.victim_text.lower().split()) & lex["partisan"]:
        status = "claimed"
    sent_start, sent_end = offset + sent.start_char, offset + sent.end_char
    m = None
    try:
        from . import dates as dates_mod

        m = dates_mod.resolve_in_sentence(mentions, sent_start, sent_end, at=cs)
        if m is None and _ANAPHOR.search(sent.text):
            m = _date_before(mentions, sent_start)
    except Exception:  # dates must never cost the claims
        m = None
    event_date = precision = None
    if m is not None and getattr(m, "value", None) is not None and not getattr(m, "since", False) \
            and not _report_date(sent, m, offset, f.trigger):
        event_date = m.value.isoformat() if hasattr(m.value, "isoformat") else str(m.value)
        precision = m.precision
    place = _place(sent)
    kid = content_hash(f"{doc_key}:{cs}:{ce}:{f.kind}:{f.figure.low}:{f.figure.high}")[:16]
    return Claim(
        id=kid, kind=f.kind, figure=f.figure, victim=sides.tidy_victim(f.victim_text, evidence), source=source, status=status,
        scope=_scope(sent, f, lex), victim_side=_side(f, source, lex, attackers, status), event_date=event_date,
        date_precision=precision, place=place, evidence=evidence, evidence_start=rs, evidence_end=re_,
        sentence=sent.text, perpetrator=f.perpetrator, document_id=doc_key,
    )


def _event_mentions(text: str, published):
    """The date mentions that can date an event: relative ones count from the dateline or the
    publication date; those of the publication line and the dateline themselves are left out."""
    from . import dates as dates_mod
    from .datelines import header_of, reference_date

    head = header_of(text, published)
    return [m for m in dates_mod.find_dates(text, reference_date(text, published))
            if not head.covers(m.start, m.end)]


_ANAPHOR = re.compile(r"\b(these|those|the same|that|the latest|the new|the renewed)\s+(battles?|clash(es)?|fighting|"
                     r"attacks?|assaults?|operations?|offensives?|raids?|strikes?|bombings?|operation)\b", re.I)


def _date_before(mentions, start: int, window: int = 600):
    """The latest dated mention shortly before ``start``: "these battles" names the happening
    the previous sentence dated."""
    before = [m for m in mentions if m.end <= start and start - m.end <= window and m.value is not None
              and not m.since]
    return before[-1] if before else None


def _report_date(sent, m, offset, trigger=None) -> bool:
    """A date on a reporting verb ("reported on May 16", "ran the headline ... on May 11") is not the event's."""
    doc = sent.doc
    if trigger is not None:
        lo, hi = sorted((trigger.idx, m.start - offset))
        between = doc.text[lo:hi]  # Doc.text is rebuilt from the tokens at every access: read it once
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


def _place(sent) -> str | None:
    """A place the sentence names: a proper name after in/near/at/outside.

    Only the name is taken here; places.py resolves it once per event, so the
    gazetteer is not consulted for every sentence."""
    for t in sent:
        if t.lower_ in ("in", "near", "at", "outside") and t.dep_ == "prep":
            for o in (g for g in t.children if g.dep_ == "pobj" and g.tag_ in _PROPN):
                toks = [x for x in o.subtree if x.tag_ in _PROPN or x.lower_ in ("al", "el", "-")]
                if toks and toks[-1].i - toks[0].i < 6:
                    return sent.doc[toks[0].i: toks[-1].i + 1].text
    return None


def _combine_parts(first: Claim, rest: list[Claim]) -> Claim | None:
    """Coordinated figures of one verb: a breakdown, or parts and their total.

    - "40 people, 6 security personnel and 34 civilians": the others add up to
      the first, so they are its parts (``part_of``) and no total is made;
    - "three soldiers and nine civilians were killed": a new total claim holds
      them (``sum_of``), each conjunct is its part and the total counts;
    - "32 people and 3 suicide bombers were killed": attackers beside their
      victims, so the total (victim side "mixed") is kept for the record but each
      part counts on its own side. Returns the total, if any.
    """
    exact = all(c.figure.high == c.figure.low for c in [first, *rest])
    if exact and len(rest) > 1 and sum(c.figure.low for c in rest) == first.figure.low:
        for p in rest:
            p.part_of = first.id
        return None
    lo = sum(c.figure.low for c in [first, *rest])
    highs = [c.figure.high for c in [first, *rest]]
    hi = None if any(h is None for h in highs) else sum(highs)  # type: ignore[arg-type]
    total = Claim(**{**first.__dict__})
    total.figure = Figure(lo, hi, " + ".join(c.figure.text for c in [first, *rest]))
    total.victim = " and ".join(c.victim for c in [first, *rest])
    total.perpetrator = False
    total.id = content_hash(first.id + ":total")[:16]
    total.sum_of = [c.id for c in [first, *rest]]
    if len({c.perpetrator for c in [first, *rest]}) > 1:
        total.victim_side = MIXED
    else:
        for p in [first, *rest]:
            p.part_of = total.id
    return total


def _nest_parts(sent, founds: list[_Found], claims: list[Claim], lex) -> None:
    """A figure under "including"/"among them" attached to another claim's victim is a part of it."""
    flat = [x for f in founds for x in [f, *f.parts]]
    for f, c in zip(flat, claims):
        if c.part_of is not None or f.victim is None:
            continue
        node = f.trigger if f.trigger.tag_.startswith("NN") else f.victim
        for _ in range(4):
            head = node.head
            if head.i == node.i:
                break
            if node.dep_ == "pobj" and head.lower_ in ("including", "among") or node.dep_ == "prep" and node.lower_ in ("including", "among"):
                owner = head.head if node.dep_ == "pobj" else head
                for g, d in zip(flat, claims):
                    if g is not f and d.kind == c.kind and g.victim is not None and (g.victim.i == owner.i or g.trigger.i == owner.i):
                        if c.figure.low <= (d.figure.high or d.figure.low) or d.figure.high is None:
                            c.part_of = d.id
                            c.source, c.status = d.source, d.status
                break
            node = head


def _continuation_parts(sent, sent_claims: list[Claim], last_whole: list[Claim], figs, offset: int,
                        cleaned: Cleaned) -> None:
    """"... the loss of 17 advisers. Thirteen were regular ground forces ...": a bare number
    as the subject of "were/was" right after a claim is a part of that claim."""
    if sent_claims or not last_whole:
        return
    root = sent.root
    if root.lower_ not in ("were", "was", "are", "is", "be", "been"):
        return
    subj = [c for c in root.children if c.dep_ in ("nsubj",) and c.i in figs]
    if not subj:
        return
    fig = figs[subj[0].i][0]
    smaller = [c for c in last_whole if fig.low < c.figure.low]
    if not smaller:
        return
    whole = max(smaller, key=lambda c: c.evidence_start)  # the nearest claim it continues
    attrs = [c for c in root.children if c.dep_ in ("attr", "acomp")]
    victim = " ".join(t.text for t in attrs[0].subtree) if attrs else ""
    toks = [subj[0], *(attrs[0].subtree if attrs else [])]
    s = min(t.idx for t in toks)
    e = max(t.idx + len(t) for t in toks)
    evidence, rs, re_ = _evidence(cleaned, offset + s, offset + e)
    part = Claim(**{**whole.__dict__})
    part.figure = fig
    part.victim = victim.strip(" .")
    part.part_of = whole.id
    part.sum_of = []
    part.sentence = sent.text
    part.evidence, part.evidence_start, part.evidence_end = evidence, rs, re_
    part.id = content_hash(f"{whole.id}:part:{rs}:{re_}")[:16]
    sent_claims.append(part)


_CHARGE = {"charged", "charges", "charge", "indicted", "accused", "face", "faces", "facing", "faced", "arraigned",
           "booked"}


def _legal_charge(f: _Found) -> bool:
    """"charged with two counts of murder": a charge sheet, not a casualty report. Only the
    counts are dropped: "charged in the death of a boy" still tells of a death."""
    if f.victim is None or f.victim.lower_ not in ("counts", "count", "charges", "charge"):
        return False
    node = f.trigger
    for _ in range(4):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lower_ in _CHARGE:
            return True
    return False


_PART_BEFORE = ("including", "among them", "among whom", "among the dead", "among the victims", "among those")
_PART_AFTER = re.compile(r"^\s*of (them|whom|those|the dead|the victims)\b(\s+(were|are|was))?\s+", re.I)


def _listed_parts(sent, sent_claims: list[Claim], figs, offset: int, cleaned: Cleaned) -> None:
    """Parts the parse leaves out: "killed 27, including nine children", "19 people were wounded,
    five of them children", "among them two policemen": a figure right after "including" /
    "among them", or before "of them", is a part of the sentence's claim just before it."""
    wholes = [c for c in sent_claims if c.part_of is None and not c.sum_of]
    if not wholes:
        return
    taken = {(c.evidence_start, c.evidence_end) for c in sent_claims}
    doc = sent.doc
    starts = sorted({v[1].i for k, v in figs.items() if sent.start <= k < sent.end})
    for first_i in starts:
        fig, first, last = figs[first_i]
        before = doc.text[max(sent.start_char, first.idx - 20):first.idx].lower().rstrip()
        after = doc.text[last.idx + len(last):sent.end_char]
        m = _PART_AFTER.match(after)
        if not (before.endswith(_PART_BEFORE) or m):
            continue
        noun_start = last.idx + len(last) + (m.end() if m else 0)
        noun = re.match(r"\s*([A-Za-z][\w'-]*(?:\s+[a-z][\w'-]*)?)", doc.text[noun_start:sent.end_char])
        if not noun:
            continue
        words = noun.group(1).split()
        if len(words) > 1 and not words[1].endswith(("s", "men", "ren")):
            words = words[:1]
        victim = " ".join(words)
        if not (sides.from_phrase(victim) or set(victim.lower().split()) & _lex()["person"]):
            continue  # "one of them yesterday": not people
        at = first.idx - sent.start_char
        whole = max((c for c in wholes if 0 <= sent.text.find(c.evidence) < at),
                    key=lambda c: sent.text.find(c.evidence), default=None)
        if whole is None or (whole.figure.high is not None and fig.low > whole.figure.high):
            continue
        end_char = noun_start + noun.start(1) + len(victim)
        start_char = (first.idx - len("including ")) if before.endswith("including") else first.idx
        evidence, rs, re_ = _evidence(cleaned, offset + max(start_char, sent.start_char), offset + end_char)
        if (rs, re_) in taken:
            continue
        part = Claim(**{**whole.__dict__})
        part.figure, part.victim, part.part_of, part.sum_of = fig, victim, whole.id, []
        part.victim_side = sides.from_phrase(victim) or whole.victim_side
        part.evidence, part.evidence_start, part.evidence_end = evidence, rs, re_
        part.id = content_hash(f"{whole.id}:listed:{rs}:{re_}:{fig.low}")[:16]
        sent_claims.append(part)
        taken.add((rs, re_))


def _denials(sent, sent_claims: list[Claim], earlier: list[Claim], previous, offset: int,
             cleaned: Cleaned) -> None:
    """A sentence denying the figure before it: "Kyiv rejected the claim" (the latest figure,
    now denied by Kyiv), "It denied that any civilians had been hit" (a zero figure for
    civilians, denied... by the one who speaks). Each becomes a ``denied`` claim: flagged,
    never counted."""
    if sent_claims or not earlier:
        return
    found = attribution.denial(sent.text)
    if found is None:
        return
    what, who, harm = found
    source = attribution.denier(sent, previous)
    pool = [c for c in earlier if c.status != "denied" and c.part_of is None and c.scope == "incident"]
    if what == "harm":
        side = sides.from_phrase(who or "") or sides.UNKNOWN
        kind = "wounded" if harm in ("hurt", "injured", "wounded") else "killed"
        target = next((c for c in reversed(pool) if c.kind == kind and (c.victim_side in (side, sides.UNKNOWN))), None)
        figure = Figure(0, 0, f"any {who}")
    else:
        target = next((c for c in reversed(pool) if _source_key(c) != source.name.lower()), None)
        figure = target.figure if target is not None else None
    if target is None or figure is None:
        return
    s, e = offset + sent.start_char, offset + sent.end_char
    evidence, rs, re_ = _evidence(cleaned, s, e)
    d = Claim(**{**target.__dict__})
    d.figure, d.source, d.status, d.sum_of, d.part_of = figure, source, "denied", [], None
    if what == "harm":
        d.victim, d.kind, d.victim_side = who or "people", kind, target.victim_side
    d.evidence, d.evidence_start, d.evidence_end, d.sentence = evidence, rs, re_, sent.text
    d.id = content_hash(f"{target.id}:denied:{rs}:{re_}")[:16]
    sent_claims.append(d)


def _source_key(c: Claim) -> str:
    return c.source.name.lower()


def _evidence(cleaned: Cleaned, cs: int, ce: int) -> tuple[str, int, int]:
    """The evidence text and its span in the raw document (cleaned offsets when unmappable)."""
    evidence = cleaned.text[cs:ce]
    raw = cleaned.to_raw(cs, ce)
    if raw is not None:
        return evidence, raw[0], raw[1]
    log.debug("evidence %r could not be mapped back to the raw document", evidence)
    return evidence, -1, -1
