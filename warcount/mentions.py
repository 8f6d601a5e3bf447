"""Victim mentions: every mention of people a casualty befell, with its outcome.

Claims (claims.py) are figures someone gives; a *mention* is any place the
text tells of victims, with or without a number, so that account.py can count
people rather than sentences. Read from the same parsed sentences as the
claims (no second parse), each casualty cue is tied to its victim nouns:

- a group with a figure: "four people were shot", "two of them fatally";
- one person: a name ("Smith was pronounced dead"), a descriptor ("a
  17-year-old", "the victim", "his wife"), a pronoun ("he died");
- enumerations: "the deaths of a pastor, his wife and their three children";
- zero statements: "no one else was hurt".

The outcome is ``killed``, ``hit`` (shot, stabbed, struck by gunfire: hurt,
maybe fatally), ``wounded`` (hurt and said so) or ``unhurt`` (a negated cue),
and for the other kinds of claims their kind. A mention in a sentence about
statistics or another happening ("the city's 30th homicide this year", "in
2012") has scope ``other`` and stays out of the account. Ages, times and
years are never counts: numbers.py marks them, and a figure the numbers
module rejects is not on the victim.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon, nlp
from .model import Figure, Record

log = logging.getLogger(__name__)

OUTCOMES = ("killed", "hit", "wounded", "unhurt", "captured", "arrested", "missing", "executed")


@dataclass
class Mention(Record):
    """One mention of victims: a group with a figure, or one person (``person`` set)."""

    id: str
    outcome: str
    figure: Figure | None  # a group's count; None for one person
    person: str | None  # "name:barbee", "desc:victim", "pron:he" for one person
    victim: str  # the words as written
    side: str  # "targets" or "attackers" (suspects, gunmen), from the victim's own words
    scope: str  # "incident", or "other" (statistics, another happening)
    definite: bool  # "the victim", "the man": a person already told of
    title: bool  # in the document's title
    sentence: int  # order of the sentence in the document (the title is 0)
    evidence: str
    evidence_start: int = -1
    evidence_end: int = -1
    cue: str = ""  # sentence and cue word: the victims of one cue are different people ("a man and a woman")
    part: bool = False  # named under "including" / "among": one of the cue's group, not one more beside it


@lru_cache(maxsize=1)
def lex() -> dict:
    from .caslex import compiled  # the sets the trigger engine reads too, built once there

    cas = lexicon.load("casualty")
    m = cas["mentions"]
    clex = compiled()
    return {
        "hit": frozenset(m["hit_verbs"]), "hit_nouns": frozenset(m["hit_nouns"]),
        "fatal": frozenset(m["fatal_adverbs"]), "death": frozenset(m.get("death_words", ())),
        "condition": frozenset(m.get("condition_adjectives", ())), "not_victim": frozenset(m["not_victim_nouns"]),
        "wound": frozenset(m["wound_nouns"]), "single": clex["single_person"],
        "suspect": frozenset(m["suspect_nouns"]) | clex["attacker"],
        "attackers": frozenset(m["suspect_nouns"]) | clex["attacker"] | clex["militant"] | clex["partisan"],
        "not_person": clex["not_person_names"],
        "other": re.compile(m["other_incident_pattern"], re.I),
        "past_opening": re.compile(m["past_opening_pattern"], re.I),
        # one alternation for the cumulative cues ("so far this year"): a search per cue per sentence
        # cost a twentieth of the pipeline; "since" needs a date after it, which triggers.scope_of checks
        "cumulative": re.compile(r"\b(?:" + "|".join(re.escape(c) for c in _cumulative_cues(cas)) + r")\b", re.I),
        "projectile": re.compile(m["projectile_pattern"], re.I),
        "multiple": _multiple_pattern(m["multiple_incident_numbers"], m["multiple_incident_nouns"]),
        "multiple_n": dict(m["multiple_incident_numbers"]), "multiple_kind": dict(m["multiple_incident_nouns"]),
    }


def _multiple_pattern(numbers: dict[str, int], nouns: dict[str, str]) -> re.Pattern:
    """"a double shooting", "triple-homicide", "a quadruple fatal shooting", "double murder-suicide";
    not a plural ("double shootings": a count of incidents) nor an "attempted double murder"."""
    return re.compile(r"(?<!attempted )\b(" + "|".join(numbers) + r")[- ](?:(fatal|deadly) )?("
                      + "|".join(nouns) + r")(?![a-z])(?!s\b)((?:-|,? (?:and )?)suicide)?", re.I)


_SEVERITY = {"unhurt": 0, "hit": 1, "wounded": 1, "killed": 2}
_PRONOUNS = {"he": "he", "him": "he", "she": "she", "her": "she"}
_INDEFINITE = {"a", "an", "another", "one"}
_FRESH = {"another", "second", "third", "other", "fourth", "fifth"}  # "another man": a new person
_CONJ_STOP = 12  # an enumeration longer than this is a list of something else


def other_scope(text: str) -> bool:
    """Statistics or another happening: "30th homicide", "so far this year", "in 2012"."""
    lx = lex()
    if text.isascii() or not nlp.folds_to_ascii(text) and _lowered_patterns_ascii(lx):
        # (any other text: lower-casing keeps its length and what \b, \w, \d and \s see, character by
        # character, and without nlp.ASCII_FOLDS a case-blind ASCII pattern matches where its lower-case
        # form matches the lowered text; performance only: most news has curly quotes)
        low = text.lower()
        return any(p.search(low if lowered else text) for p, lowered in _ascii_scope_patterns(lx))
    return bool(lx["other"].search(text) or lx["cumulative"].search(text) or lx["past_opening"].search(text))


def _ascii_scope_patterns(lx) -> list[tuple[re.Pattern, bool]]:
    """``other_scope``'s three patterns for an ASCII text, each with whether it reads the lowered text.

    Why: ``re.IGNORECASE`` costs ``re`` its fast paths, and these patterns are searched in every
    sentence with a cue (a tenth of a millisecond a sentence). On ASCII text a case-blind search is
    the same as a case-sensitive search of the lowered text by a pattern written in lower case
    (``\\b``, ``\\d``, ``\\s`` see the same characters; ``\\W`` or a ``\\x41`` is left as it is), and
    the cumulative cues, all lower case, are one trie (numbers._trie): the same words, found faster."""
    cached = lx.get("_ascii_scope")
    if cached is None:
        from .numbers import _trie

        out = []
        for name in ("other", "cumulative", "past_opening"):
            pat = lx[name]
            words = _cumulative_cues(lexicon.load("casualty")) if name == "cumulative" else ()
            if words and all(w == w.lower() for w in words):
                out.append((re.compile(r"\b(?:" + _trie(words) + r")\b"), True))
            elif pat.pattern == pat.pattern.lower() and not _ESCAPED_CHAR.search(pat.pattern):
                out.append((re.compile(pat.pattern, pat.flags & ~re.IGNORECASE), True))
            else:
                out.append((pat, False))
        cached = lx["_ascii_scope"] = out
    return cached


def _lowered_patterns_ascii(lx) -> bool:
    """Whether the patterns ``other_scope`` searches in the lowered text are ASCII (then a text that is not
    may be searched the same way, when it has none of ``nlp.ASCII_FOLDS``)."""
    cached = lx.get("_ascii_scope_ascii")
    if cached is None:
        cached = lx["_ascii_scope_ascii"] = all(p.pattern.isascii() for p, lowered in _ascii_scope_patterns(lx) if lowered)
    return cached


#: an escape that names a character by its code (\x41, \u0041, \N{...}, octal) or a group by number
_ESCAPED_CHAR = re.compile(r"\\[xuUN0-9]")


def _cumulative_cues(cas) -> list[str]:
    """The cumulative cues ``lex()["cumulative"]`` finds, longest first ("since" needs a date after
    it, which triggers.scope_of checks)."""
    return sorted((c for c in cas["cumulative_cues"] if c != "since"), key=len, reverse=True)


def find_in_sentence(sent, figs, clex, multi, *, sentence_no: int, title: bool, locate) -> list[Mention]:
    """The victim mentions of one parsed sentence.

    ``figs`` and ``multi`` are the claims' figure index and multiword cues of the
    sentence's doc, ``clex`` the claims lexicon, ``locate(tokens)`` returns
    ``(evidence, raw_start, raw_end)`` for tokens of the sentence."""
    from . import triggers as C

    lx = lex()
    scope = ""  # read when the sentence has a cue

    def sentence_scope() -> str:
        """"other" for statistics or another happening, else "incident": read once, when first needed."""
        nonlocal scope
        if not scope:
            scope = "other" if other_scope(nlp.text_of(sent)) else "incident"
        return scope

    out: list[Mention] = []
    seen: dict[int, Mention] = {}  # victim token -> its mention: a second cue on it may tell worse ("shot and killed")
    projectile = None
    for t in nlp.cue_tokens(sent, _cue_words(clex, lx), multi):  # _cue is None for every other token
        outcome = _cue(t, clex, lx, multi)
        if outcome is None:
            continue
        if outcome == "hit" and t.lower_ in ("struck", "hit"):
            if projectile is None:
                projectile = bool(lx["projectile"].search(nlp.text_of(sent)))
            if not projectile:
                continue
        if C.irrealis(t):
            continue
        sentence_scope()
        negated = any(c.dep_ == "neg" for c in t.children) or any(
            c.dep_ == "neg" for c in t.head.children if t.dep_ in ("acomp", "xcomp", "oprd"))
        if outcome in ("hit", "wounded") and _fatal(t, lx):
            outcome = "killed"
        for v in victims(t, clex, title):
            before = len(out)
            listed, coordinated = _enumerated(v, t, clex)
            parts = {w.i for w in listed[coordinated:]}
            for w in listed:
                if w.i in seen:
                    had = seen[w.i]
                    if _SEVERITY.get(outcome, -1) > _SEVERITY.get(had.outcome, 9):
                        had.outcome = outcome
                    before -= 1  # the cue found its victim
                    continue
                m = _mention(w, t, outcome, figs, clex, lx, negated)
                if m is None:
                    continue
                kind, figure, person, victim, definite, toks = m
                evidence, rs, re_ = locate([t, *toks])
                words = set(victim.lower().replace("-", " ").split())
                side = "attackers" if words & lx["attackers"] else "targets"
                mid = f"m{sentence_no}.{len(out)}"
                out.append(Mention(mid, kind, figure, person, victim, side, scope, definite, title, sentence_no,
                                   evidence, rs, re_, f"{sentence_no}.{t.i}", w.i in parts))
                seen[w.i] = out[-1]
            if len(out) > before:
                break  # the first victim noun with people is the cue's victim
    low_text = nlp.text_of(sent).lower()
    if title or _headline(sent):
        out.extend(_headline_counts(sent, out, lx, clex, sentence_scope(), title, sentence_no, locate))
        out.extend(_headline_lists(sent, out, clex, sentence_scope(), title, sentence_no, locate))
    if "self" in low_text or "own life" in low_text or "suicide" in low_text:
        out.extend(_suicide(sent, out, sentence_scope(), title, sentence_no, locate))
    if "ple" in low_text or "double" in low_text:
        out.extend(_multiple(sent, lx, sentence_scope(), title, sentence_no, locate, len(out)))
    if "fatally" in low_text or "mortally" in low_text:
        out.extend(_fatal_parts(sent, figs, lx, sentence_scope(), title, sentence_no, locate, len(out)))
    return out


_LEAVE = {"left", "leave", "leaves", "leaving"}
_HIT_VICTIM = {"gunshot", "shooting", "stabbing"}
_REFLEXIVE = {"himself": "he", "herself": "she", "themselves": "they"}
_CARE = {"for", "with", "from", "of"}


def victims(t, clex, title: bool = False) -> list:
    """The claims' victim nouns of a cue (triggers.victims_of), with the patterns a count without a
    figure needs: a subjectless passive ("recovering after being shot": the clause's subject), a
    headline's bare past tense ("4 people shot near ..."), the care nouns ("treated for gunshot
    wounds", "died from his injuries"), reflexives ("shot himself": the shooter) and no killer
    ("the suspect who killed four": the suspect is not the victim)."""
    from . import triggers as C

    out = [v for v in C.victims_of(t, clex)]
    kids = list(t.children)
    if t.lower_ == "victims" and t.tag_ == "NNS":
        return [t]  # "two gunshot victims": the cue is its own victim noun
    if t.tag_ == "NN" and t.i + 1 < t.sent.end and t.doc[t.i + 1].lower_ == "of" and (
            clex["trig"].get(t.lower_) == "killed" or t.lower_ in ("shooting", "stabbing")):
        # "suspects in shooting death of 9-year-old girl": the parser hangs the "of" elsewhere, but
        # a death noun's "of" right after it names the dead
        out[:0] = [c for c in t.doc[t.i + 1].children if c.dep_ == "pobj" and c not in out]
    if not out and t.lower_ in lex()["death"] and t.tag_.startswith("VB"):
        out.extend(c for c in kids if c.dep_ == "nsubj")  # "the girl had passed away"
    if not out and t.tag_ in ("VBZ", "VBD") and clex["trig"].get(t.lower_) == "killed" and not any(
            c.dep_.startswith("nsubj") for c in kids):
        # "One of two men shot late Monday dies", "Man shot outside bar dies": the parser makes the
        # headline's participle a clause of its own; its subject is the one who died
        out.extend(g for c in kids if c.dep_ in ("ccomp", "csubj") and c.i < t.i
                   for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
    if t.lower_ == "condition" and t.head.lower_ == "in":
        # "the boy is in critical condition": the subject of the verb; "child in critical condition": the noun
        # ("Killeen 2-year-old in critical condition": the age noun); "the other two victims, both shot
        # ..., remain in critical condition": the subject of the verb the conjunct joins
        x = t.head.head
        subj = _subject(x) if x.tag_.startswith("VB") else None
        out = [x] if x.tag_.startswith("NN") or _year_old(x) else [
            c for c in x.children if c.dep_ in ("nsubj", "nsubjpass")] or ([subj] if subj is not None else out)
    if t.tag_ == "NN" and t.lower_ in lex()["hit"]:
        out.extend(c for c in kids if c.dep_ == "nummod")  # "4 shot" read as a noun (see _cue)
        out.extend(c for c in kids if c.dep_ == "amod" and _year_old(c))  # "17-year-old shot"
    if t.dep_ in ("acl", "conj") and t.head.tag_ == "NN" and t.head.lower_ in lex()["hit"] and _headline(t.sent):
        # "17-year-old shot, killed": the headline's second verb has the first one's victim
        out.extend(c for c in t.head.children if c.dep_ == "amod" and _year_old(c))
    has_obj = any(c.dep_ == "dobj" for c in kids)
    shot_someone = has_obj or any(  # "a boy who shot and killed his brother": the boy is the shooter
        c.dep_ == "conj" and c.tag_.startswith("VB") and any(g.dep_ == "dobj" for g in c.children) for c in kids)
    if shot_someone and t.dep_ in ("relcl", "acl") and not C.is_passive(t):
        out = [v for v in out if v.i != t.head.i]
    for c in kids:
        if c.dep_ == "dobj" and c.lower_ in _REFLEXIVE:
            subj = _subject(t)
            out = [subj] if subj is not None else out
    # "he found a gun and shot": an active shooting verb without its object tells who shot, not who was hit
    shooter = t.lower_ in lex()["hit"] and not C.is_passive(t)
    if t.tag_.startswith("VB") and not any(c.dep_.startswith("nsubj") for c in kids):
        if C.is_passive(t) and t.dep_ in ("pcomp", "advcl", "xcomp", "conj") or (
                t.dep_ == "conj" and not has_obj and not shooter):
            subj = _subject(t.head)
            if subj is not None:
                out.append(subj)
    if t.head.lower_ in _LEAVE and t.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "amod", "advcl") and t.head.i != t.i:
        # "left 6 injured", "leaving three people dead": the figure left, not who left it
        leaver = _subject(t.head)
        out = [v for v in out if leaver is None or v.i != leaver.i]
        out.extend(c for c in t.head.children if c.dep_ in ("dobj", "nsubj") and c.i > t.head.i)
        before = t.doc[t.i - 1] if t.i > t.sent.start else None
        if before is not None and before.tag_ in ("CD", "NNS", "NN") and before.i > t.head.i:
            out.append(before)
    person_obj = any(c.dep_ == "dobj" and (c.tag_ in ("PRP", "NNP") or c.lower_ in clex["person"]) for c in kids)
    if t.tag_ in ("VBD", "VBN", "VBZ") and not person_obj and (title or _headline(t.sent)):
        out.extend(c for c in kids if c.dep_ == "nsubj")
    if t.tag_.startswith("NN") and t.dep_ == "pobj" and t.head.lower_ in _CARE and t.head.head.tag_.startswith("VB") \
            and clex["trig"].get(t.head.head.lower_) != "killed":  # "died from his injuries": the dead
        out.extend(c for c in t.head.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    return out


def _headline(sent) -> bool:
    """A line without a full stop ("Four people shot outside bar - WFXG"): headline grammar."""
    text = nlp.text_of(sent).rstrip()
    return bool(text) and text[-1] not in ".!?\"'”’:;," and len(sent) <= 25


def _subject(verb):
    """The subject of a verb, climbing conjunctions and clauses ("was shot and later died")."""
    node = verb
    for _ in range(3):
        for c in node.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
        if node.head.i == node.i:
            break
        node = node.head
    return None


def _cue(t, clex, lx, multi) -> str | None:
    """The outcome a token tells of, or None."""
    if t.i in multi:
        kind, role = multi[t.i]
        return None if role == "inner" else kind
    low = t.lower_
    if low in lx["hit"] and t.tag_.startswith("VB") and (t.tag_ != "VBG" or any(c.dep_ == "dobj" for c in t.children)):
        return "hit"
    if low in lx["hit"] and t.tag_ == "NN" and any(c.dep_ == "nummod" for c in t.children) and (
            t.i == t.sent.start + 1 or _headline(t.sent)):
        return "hit"  # the headline's "4 shot, 1 killed": the parser reads "shot" as a noun
    if low in lx["hit"] and t.tag_ == "NN" and _headline(t.sent) and any(
            c.dep_ == "amod" and _year_old(c) for c in t.children):
        return "hit"  # "17-year-old shot, killed inside house": a headline's "shot" read as a noun
    of = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"] or (
        [t.doc[t.i + 1]] if t.i + 1 < t.sent.end and t.doc[t.i + 1].lower_ == "of" else [])
    if low in ("shooting", "stabbing") and t.tag_ == "NN" and any(
            any(g.dep_ == "pobj" for g in c.children) for c in of):
        # "charged in the shooting of a 17-year-old", "the fatal shooting of his wife"
        # a murder charge in the shooting of someone tells that they died
        fatal = any(c.dep_ == "amod" and c.lower_ in ("fatal", "deadly") for c in t.children) or any(
            x.lower_ in _DEATH_CHARGES for x in t.sent[: t.i - t.sent.start])
        return "killed" if fatal else "hit"
    if low in lx["hit_nouns"] and t.tag_.startswith("NN"):
        return "wounded"
    if low == "victims" and t.tag_ == "NNS" and any(c.dep_ == "nummod" and c.like_num for c in t.children) and any(
            c.dep_ in ("compound", "amod") and c.lower_ in _HIT_VICTIM for c in t.children):
        return "hit"  # "two other gunshot victims": people hit, maybe fatally
    if low == "condition" and t.tag_ == "NN" and t.dep_ == "pobj" and t.head.lower_ == "in" and any(
            c.dep_ in ("amod", "compound") and c.lower_ in lx["condition"] for c in t.children):
        return "wounded"  # "a child in critical condition", "was listed in stable condition"
    if low in lx["death"] and (low != "passed" or any(c.dep_ in ("prt", "advmod") and c.lower_ == "away" for c in t.children)):
        return "killed"
    kind = clex["trig"].get(low)
    if kind is None or t.tag_ in ("NNP", "NNPS") or low in clex["weak"]:
        return None
    if low in lx["wound"] and t.tag_.startswith("NN") and not any(c.dep_ == "nummod" for c in t.children) and (
            t.dep_ in ("pobj", "dobj") or any(c.dep_ in ("compound", "amod") for c in t.children)):
        return "hit"  # "found with gunshot wounds", "suffering from a stab wound": hit, maybe fatally
    return "wounded" if kind == "wounded" else kind


def _cue_words(clex, lx) -> frozenset[str]:
    """Every word ``_cue`` can read an outcome from besides the multiword triggers (kept in the
    mentions lexicon dict, built on first use)."""
    words = lx.get("_cue_words")
    if words is None or words[0] is not clex:
        words = lx["_cue_words"] = (clex, frozenset(clex["trig"]) | lx["hit"] | lx["hit_nouns"] | lx["death"]
                                    | {"condition", "victims"})
    return words[1]


def _fatal(t, lx) -> bool:
    """"fatally shot", "mortally wounded"; "shot and killed" is read by the "killed" cue. Not "5 people
    were shot, 1 fatally" nor "two of them fatally": a part of the hit died (``_fatal_parts``)."""
    return any(c.lower_ in lx["fatal"] and not _fatal_part(c) for c in t.children)


def _fatal_part(adverb) -> bool:
    """The adverb closes a part of the group: "..., 1 fatally", "two of them fatally", "one of whom fatally"."""
    if adverb.i == adverb.sent.start:
        return False
    before = adverb.doc[adverb.i - 1]
    return before.like_num or before.lower_ in ("them", "whom", "one") or any(c.like_num for c in adverb.children)


def _enumerated(v, t, clex) -> tuple[list, int]:
    """The victim noun and the nouns coordinated with it: "a pastor, his wife and their three
    children"; not a conjunct with its own cue ("killed 20 people and another 29 were injured").
    Then the people named under "including": parts of the group. Returns the nouns and how many of
    them are the coordinated ones (the first)."""
    out = [v]
    k = 0
    while k < len(out) and len(out) < _CONJ_STOP:
        for c in out[k].children:
            if c.dep_ != "conj" or not c.tag_.startswith(("NN", "PRP", "CD")):
                continue
            tail = list(c.doc[c.i + 1: min(c.sent.end, c.i + 5)])
            stop = next((j for j, x in enumerate(tail) if x.is_punct), len(tail))
            if any(clex["trig"].get(x.lower_) and x.i != t.i for x in tail[:stop]):
                continue
            out.append(c)
        k += 1
    coordinated = len(out)
    # "four people are dead, including the suspect": a person named under "including" shares the
    # outcome (a part with a figure, "including 4 soldiers", is the claims' breakdown)
    for head in {v.i: v, t.i: t, t.head.i: t.head}.values():
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("including", "among"):
                out.extend(g for g in c.children if g.dep_ == "pobj" and g.i != v.i
                           and not any(x.like_num for x in g.subtree))
    return out, coordinated


def _mention(v, t, outcome, figs, clex, lx, negated):
    """(outcome, figure, person key, victim words, definite, tokens) of one victim noun, or None."""
    from . import triggers as C

    if negated:
        outcome = "unhurt"
    if v.tag_ == "CD" and v.dep_ in ("appos", "npadvmod") and v.i not in figs and v.head.i != v.i and (
            v.head.lower_ in lx["single"] or v.head.lower_ in clex["person"]):
        v = v.head  # "Boy, 3, wounded": the age in apposition stands for its person
    fig = C.fig_on(v, figs)
    if fig is None and v.dep_ == "pobj" and v.head.lower_ == "of" and v.head.head.i in figs:
        fig = figs[v.head.head.i]  # "two of them"
    if fig is None and v.i in figs:
        fig = figs[v.i]
    if v.lower_ in _CHARGES or v.lower_ in lx["not_victim"]:
        return None  # "three counts of malicious wounding", "shot 20 rounds", "shot four times": not people
    if fig is not None and (_next_cue_figure(fig, t, clex) or _caption(fig)):
        return None
    if fig is not None and v.lower_ in lx["wound"]:
        return None  # "suffered 2 gunshot wounds": wounds, not people
    if fig is not None:
        vtext, vtoks = C.victim_phrase(v, fig)
        if not (_personal(v, vtoks, clex, lx) or v.i in figs or v.tag_ == "PRP"):
            return None
        return outcome, fig[0], None, vtext or v.text, False, [fig[1], fig[2], v]
    if C.zero_on(v, clex):
        return "unhurt" if outcome in ("hit", "wounded", "killed") else outcome, Figure(0, 0, v.text), None, v.text, \
            False, [v]
    low = v.lower_
    if low in ("another", "other") and not v.tag_.startswith("NNP"):
        if _reciprocal(v, t, lx, clex):
            return outcome, None, "desc:person", "the one shot", True, [v]  # "one of the boys shot the other"
        return outcome, None, "desc:person", "another", False, [v]  # "one was killed and another wounded"
    if v.tag_ == "PRP":
        if low in _PRONOUNS:
            return outcome, None, f"pron:{_PRONOUNS[low]}", v.text, True, [v]
        return None
    appos = [c for c in v.children if c.dep_ == "appos" and c.tag_ == "NNP"]
    if v.tag_ == "NN" and appos:
        v, low = appos[0], appos[0].lower_  # "the victim, John Smith, ...": the name
    # a headline's capitalised "Boy, 3, wounded": a descriptor the parser took for a name
    capital_noun = v.tag_ in ("NNP", "UH") and low in lx["single"] and not any(
        x.dep_ == "compound" and x.tag_ == "NNP" for x in v.lefts)
    if v.tag_ == "NNP" and not capital_noun:  # a name, or the name in apposition
        name = [x for x in v.lefts if x.dep_ == "compound" and x.tag_ == "NNP"] + [v]
        if any(x.lower_ in lx["not_person"] or x.lower_ in clex["person"] for x in name):
            return None
        if not v.text[:1].isupper() or not v.text.isalpha() and "'" not in v.text and "-" not in v.text:
            return None
        if len(v.text) > 1 and all(x.text.isupper() for x in name):
            return None  # "LOUISVILLE, KY (WAVE) - A 16-year-old died": a dateline, not a person
        return outcome, None, f"name:{v.lower_}", " ".join(x.text for x in name), True, name
    if (v.tag_ == "NN" or capital_noun or _year_old(v)) and (low in lx["single"] or low in clex["person"] or _year_old(v)) \
            and low not in C.COLLECTIVE:
        dets = [c for c in v.children if c.dep_ in ("det", "poss")]
        definite = not (dets and dets[0].lower_ in _INDEFINITE)
        key = "year-old" if _year_old(v) else low
        vtext, vtoks = C.victim_phrase(v, None)
        fresh = [] if _reciprocal(v, t, lx, clex) else [
            c.text for c in v.children if c.lower_ in _FRESH and c.dep_ in ("det", "amod")]
        return outcome, None, f"desc:{key}", " ".join([*fresh, vtext or v.text]), definite, [v, *dets]
    return None


def _reciprocal(v, t, lx, clex) -> bool:
    """"One of the boys shot the other", "a 5-year-old shot another boy", "the teen who shot the other":
    the object of an active shooting verb whose subject is one of the same people (not a gunman) is
    "other" than the shooter, not one more victim beside those told of."""
    if v.dep_ != "dobj" or v.head.i != t.i or not t.tag_.startswith("VB"):
        return False
    from . import triggers as C

    if C.is_passive(t):
        return False
    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.tag_ == "WP" and t.dep_ == "relcl":
        subj = t.head  # "the teen who accidentally shot the other"
    if subj is None:
        return False
    low = subj.lower_
    if low in lx["attackers"] or low in lx["suspect"]:
        return False
    if low == "one":
        return True
    return subj.tag_ in ("NN", "NNS") and (low in lx["single"] or low in clex["person"] or _year_old(subj)) or \
        _year_old(subj)


_CHARGES = {"count", "counts", "charge", "charges"}
_DEATH_CHARGES = {"murder", "homicide", "manslaughter"}


_CAPTION = {"image", "images", "photo", "photos", "slide", "picture", "pictures", "video", "gallery", "page", "item"}


def _caption(fig) -> bool:
    """"Image 2 of 8 A child was shot": a gallery's caption counter, not people."""
    first = fig[1]
    return first is not None and first.i > 0 and first.doc[first.i - 1].lower_ in _CAPTION


def _next_cue_figure(fig, t, clex) -> bool:
    """A figure after the cue that another casualty word follows is that word's ("1 killed 3
    injured", "girl dead, three others wounded"): headlines drop the "and" between counts."""
    first, last = fig[1], fig[2]
    if first is None or last is None or first.i <= t.i:
        return False
    doc = t.doc
    hit = lex()["hit"]
    for x in doc[last.i + 1: min(t.sent.end, last.i + 4)]:
        if x.is_punct or x.dep_ == "cc":
            return False  # "killed two and wounded three": the two are the killed
        kind = "hit" if x.lower_ in hit else clex["trig"].get(x.lower_)
        if kind is not None and x.i != t.i and kind != clex["trig"].get(t.lower_):
            return True
    return False


def _year_old(v) -> bool:
    """"a 17-year-old": the parser heads it on "old"."""
    return v.lower_ == "old" and any(c.lower_ in ("year", "years", "month", "months") for c in v.subtree)


def _personal(v, vtoks, clex, lx) -> bool:
    if v.lower_ in clex["person"] or v.lower_ in lx["single"]:
        return True
    return any(x.lower_ in clex["person"] or x.lower_ in lx["single"] for x in vtoks) or v.tag_ in ("NNS", "NNPS")


@lru_cache(maxsize=1)
def _head_pair() -> re.Pattern:
    """A figure's words up to its casualty word in a headline: "6 hurt", "2 teens killed", "1 officer
    killed", "3 others were shot": at most one person noun between (the lexicon's, or a plural)."""
    from .caslex import compiled

    nouns = set(compiled()["person"]) | set(lex()["single"]) | {"others", "more", "other"}
    alt = "|".join(sorted((re.escape(n) for n in nouns if n.isalpha()), key=len, reverse=True))
    return re.compile(r"\s*(?:(?:" + alt + r")s?\s+)?(?:(?:are|were|is|was)\s+)?([a-z]+)\b", re.I)

_HEAD_THEN = re.compile(r"\b(shot|stabbed)(?:,|\s+and)\s+(?:then\s+)?killed\b", re.I)


def _headline_counts(sent, out: list[Mention], lx, clex, scope, title, sentence_no, locate) -> list[Mention]:
    """A headline's counts read without the parse: "1 dead, 6 hurt after shooting", "2 killed, 3
    injured": headline grammar drops the verbs and commas join the counts, and the parser reads such
    lines as noun lists (the figure a modifier of nothing). Each figure a casualty word follows is
    a mention of its own; one the parse already read (same outcome and count) is not repeated. And
    "girl shot, killed": the one shot is the one killed."""
    from .numbers import find_figures

    text = sent.text
    low = text.lower()
    if _HEAD_THEN.search(text):
        for m in out:
            if m.outcome == "hit" and m.figure is None and m.person is not None:
                m.outcome = "killed"
    pairs = []
    for f in find_figures(text):
        if not f.casualty_ok or f.figure.low <= 0 or f.figure.low > 10000:
            continue
        pair = _head_pair().match(low, f.end)
        if pair is None:
            continue
        word = pair.group(1)
        outcome = "hit" if word in ("shot", "stabbed") else clex["trig"].get(word)
        if outcome in ("killed", "wounded", "hit") and (word not in clex["weak"] or word == "hurt"):
            pairs.append((f, pair, outcome))
    said = {(o, f.figure.low) for f, _, o in pairs}
    # "Two injured, shooter dead": a figure its casualty word follows at once counts people of no
    # noun of their own; the parse may hang it on the next person ("shooter"), whose side it is not
    bare = {(o, f.figure.low) for f, pair, o in pairs if pair.group(0).strip().lower() == pair.group(1)}
    for m in out:
        if m.figure is not None and m.side == "attackers" and (m.outcome, m.figure.low) in bare:
            m.side = "targets"
    for m in out:
        # "4 wounded, gunman dead": the parse hung the figure on the later word; the word right
        # after a headline's figure is its outcome
        if m.figure is not None and m.outcome in ("killed", "wounded", "hit") and (m.outcome, m.figure.low) not in said:
            other = next((o for _, _, o in pairs if (o, m.figure.low) in said and o != m.outcome), None)
            if other is not None:
                m.outcome = other
        elif m.person is not None and m.outcome in ("killed", "wounded", "hit") and m.victim:
            # "4 wounded, gunman dead": likewise the word right after a person is what befell them
            after = re.search(re.escape(m.victim.lower().split()[-1]) + r"\s+(?:(?:was|is)\s+)?([a-z]+)\b", low)
            word = after.group(1) if after else ""
            told = "hit" if word in ("shot", "stabbed") else clex["trig"].get(word)
            if told in ("killed", "wounded", "hit") and _SEVERITY[told] > _SEVERITY[m.outcome] and word not in clex["weak"]:
                m.outcome = told
    got = {(m.outcome, m.figure.low) for m in out if m.figure is not None}
    made: list[Mention] = []
    for f, pair, outcome in pairs:
        if (outcome, f.figure.low) in got:
            continue
        got.add((outcome, f.figure.low))
        span = sent.doc.char_span(sent.start_char + f.start, sent.start_char + pair.end(1), alignment_mode="expand")
        if span is None:
            continue
        evidence, rs, re_ = locate(list(span))
        made.append(Mention(f"m{sentence_no}.{len(out) + len(made)}", outcome, f.figure, None, text[f.start:pair.end(1)],
                            "targets", scope, False, title, sentence_no, evidence, rs, re_,
                            f"{sentence_no}.h{f.start}"))
    return made


_LIST_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}
_LIST_OUTCOMES = {"shot": "hit", "shoots": "hit", "stabbed": "hit", "stabs": "hit", "wounded": "wounded",
                  "wounds": "wounded", "injured": "wounded", "injures": "wounded", "hurt": "wounded",
                  "killed": "killed", "kills": "killed", "dead": "killed"}


@lru_cache(maxsize=1)
def _list_pattern() -> re.Pattern:
    """A headline's list of people with the word of what befell them: "4 Women, Man Shot At Vigil",
    "2 children, 1 teen shot", "Girl, man killed in crash", "Man Shoots Girl, 2 Women": items of an
    optional count, an optional modifier and a person noun, joined by commas, "and" or "&"."""
    from .caslex import compiled

    nouns = set(compiled()["person"]) | set(lex()["single"]) | {"adult", "adults", "juvenile", "juveniles", "others"}
    alt = "|".join(sorted((re.escape(n) for n in nouns if n.isalpha()), key=len, reverse=True))
    num = r"(?:\d{1,2}|" + "|".join(_LIST_NUMBERS) + r")"
    item = r"(?:" + num + r"\s+)?(?:[\w'-]+\s+)?(?:" + alt + r")s?"
    items = r"(" + item + r"(?:\s*(?:,|&|\band\b)\s*" + item + r")+)"
    objects = r"((?:(?:his|her|their|a|an)\s+)?" + item + r"(?:\s*(?:,|&|\band\b)\s*" + item + r")*)"
    words = "|".join(_LIST_OUTCOMES)
    return re.compile(r"(?:^|[:;-]\s*)" + items + r"\s+(?:were\s+|are\s+)?(?:(?:accidentally|fatally)\s+)?(" + words
                      + r")\b|\b(shoots|stabs|kills|wounds|injures)\s+" + objects + r"(?=\s|$|[,.;:])", re.I)


_NOT_LISTED = {"police", "officials", "authorities", "officers", "deputies", "troopers", "sheriff", "sources"}
_ITEM = re.compile(r"(?:(\d{1,2}|[a-z]+)\s+)?(?:([\w'-]+)\s+)?([a-z'-]+)$", re.I)


def _list_count(items: str, least: int = 2) -> int | None:
    """The people of a list's items: a count each, else one for a singular noun; None when a bare
    plural ("teens") leaves the number open, or when fewer than ``least``."""
    n = 0
    for part in re.split(r"\s*(?:,|&|\band\b)\s*", items.strip()):
        m = _ITEM.match(part.strip())
        if m is None:
            return None
        first, modifier, noun = (m.group(1) or "").lower(), (m.group(2) or "").lower(), m.group(3).lower()
        if modifier in _LIST_OUTCOMES or first in _LIST_OUTCOMES or noun in _NOT_LISTED or "unborn" in (first, modifier):
            return None  # "kills stepfather, injures mother": a second verb; "4 Boys, Police": the attribution
        if first.isdigit() or first in _LIST_NUMBERS:
            n += int(first) if first.isdigit() else _LIST_NUMBERS[first]
        elif noun.endswith("s") and noun not in lex()["single"]:
            return None
        else:
            n += 1
    return n if n >= least else None


def _headline_lists(sent, out: list[Mention], clex, scope, title, sentence_no, locate) -> list[Mention]:
    """The people of a headline's list as one group ("4 Women, Man Shot": five hit), which the parse of
    headline grammar splits or drops; a count already read as large is not repeated."""
    text = sent.text
    made: list[Mention] = []
    for m in _list_pattern().finditer(text):
        items, word = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        # a headline's present-tense verb ("Toddler shoots mother", "finds gun, wounds mother") is
        # read as a noun by the parser: its one object is a person hit too
        n = _list_count(items, 2 if m.group(1) else 1)
        if n is None:
            continue
        outcome = _LIST_OUTCOMES[word.lower()]
        if any(x.outcome == outcome and x.figure is not None and x.figure.low >= n for x in out):
            continue
        start = m.start(1) if m.group(1) else m.start(3)
        span = sent.doc.char_span(sent.start_char + start, sent.start_char + m.end(), alignment_mode="expand")
        if span is None:
            continue
        evidence, rs, re_ = locate(list(span))
        side = "attackers" if set(items.lower().replace(",", " ").split()) & lex()["attackers"] else "targets"
        made.append(Mention(f"m{sentence_no}.{len(out) + len(made)}", outcome, Figure(n, n, items), None, items,
                            side, scope, False, title, sentence_no, evidence, rs, re_, f"{sentence_no}.l{start}"))
    return made


_SUICIDE = re.compile(r"\bmurder[- ]suicide\b|\b(?:killed|kills|killing|kill|fatally shot|fatally shooting|"
                      r"then|and) (?:him|her)self\b|,\s*(?:then\s+)?self\b|\b(?:took|takes|taking|take) (?:his|her) own life\b|"
                      r"\b(?:turned|turns|turning|turn) the gun on (?:him|her)self\b", re.I)


def _suicide(sent, out: list[Mention], scope, title, sentence_no, locate) -> list[Mention]:
    """"killed his son and then himself", "before turning the gun on himself", "a murder-suicide": the
    killer is dead too, one person on the attackers' side (account.py keeps them apart from a total
    that may hold them, "three dead in a murder-suicide"). Not when the parse already told the
    reflexive's subject dead, nor for a "double murder-suicide" (read with the multiples)."""
    m = _SUICIDE.search(sent.text)
    if m is None or "attempted" in sent.text.lower()[max(0, m.start() - 30): m.start()]:
        return []
    if any(x.outcome == "killed" and x.person is not None and x.evidence and re.search(r"\b(?:him|her)self\b", x.evidence)
           for x in out):
        return []
    if lex()["multiple"].search(sent.text):
        return []
    span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
    if span is None:
        return []
    evidence, rs, re_ = locate(list(span))
    return [Mention(f"m{sentence_no}.{len(out)}", "killed", Figure(1, 1, m.group(0)), None, "suicide", "attackers",
                    scope, False, title, sentence_no, evidence, rs, re_, f"{sentence_no}.s{m.start()}")]


_FATAL_PART = re.compile(r"\b(\w+)\s+(?:of\s+(?:them|whom)\s+)?(?:fatally|mortally)\b", re.I)


def _fatal_parts(sent, figs, lx, scope, title, sentence_no, locate, n) -> list[Mention]:
    """"four people were shot, two of them fatally", "... three fatally": the dead among the hit."""
    out: list[Mention] = []
    for m in _FATAL_PART.finditer(sent.text):
        tok = sent.doc.char_span(sent.start_char + m.start(1), sent.start_char + m.end(1), alignment_mode="expand")
        if tok is None or tok[0].i not in figs:
            continue
        fig, first, last = figs[tok[0].i]
        evidence, rs, re_ = locate([first, last, *sent.doc[last.i + 1: min(sent.end, last.i + 4)]])
        out.append(Mention(f"m{sentence_no}.{n + len(out)}", "killed", fig, None, m.group(0), "targets", scope,
                           False, title, sentence_no, evidence, rs, re_))
    return out


def _multiple(sent, lx, scope, title, sentence_no, locate, n) -> list[Mention]:
    """"a triple shooting": three people hit; "a double homicide": two dead; "a double murder-suicide":
    two dead and the shooter (the attackers' side)."""
    out: list[Mention] = []
    for m in lx["multiple"].finditer(sent.text):
        count = lx["multiple_n"][m.group(1).lower()]
        outcome = "killed" if m.group(2) else lx["multiple_kind"][m.group(3).lower()]
        span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
        if span is None:
            continue
        evidence, rs, re_ = locate(list(span))
        cue = f"{sentence_no}.x{m.start()}"
        out.append(Mention(f"m{sentence_no}.{n + len(out)}", outcome, Figure(count, count, m.group(0)), None,
                           m.group(0), "targets", scope, False, title, sentence_no, evidence, rs, re_, cue))
        if m.group(4) and outcome == "killed":
            out.append(Mention(f"m{sentence_no}.{n + len(out)}", "killed", Figure(1, 1, m.group(0)), None,
                               "suicide", "attackers", scope, False, title, sentence_no, evidence, rs, re_, cue + "s"))
    return out
