"""Parts, totals and denials: the rules that relate a sentence's claims to each other.

Coordinated figures become parts and a total (``combine_parts``); figures under "including",
"among them" or before "of them" are parts of the claim before them; a bare number right after
a claim ("Thirteen were regular ground forces") continues it; a charge sheet ("two counts of
murder") is no casualty report; a sentence denying the figure before it gives a ``denied``
claim. The evidence span of every new claim is mapped back to the raw text (``evidence_span``).
"""
from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from . import attribution, caslex, sides
from .model import Claim, Cleaned, Figure, content_hash
from .nlp import doc_text

if TYPE_CHECKING:
    from .clauses import Found

log = logging.getLogger(__name__)


def combine_parts(first: Claim, rest: list[Claim]) -> Claim | None:
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
        total.victim_side = sides.MIXED
    else:
        for p in [first, *rest]:
            p.part_of = total.id
    return total


def nest_parts(sent, founds: list[Found], claims: list[Claim], lex) -> None:
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


def continuation_parts(sent, sent_claims: list[Claim], last_whole: list[Claim], figs, offset: int,
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
    evidence, rs, re_ = evidence_span(cleaned, offset + s, offset + e)
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


def legal_charge(f: Found) -> bool:
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


def listed_parts(sent, sent_claims: list[Claim], figs, offset: int, cleaned: Cleaned) -> None:
    """Parts the parse leaves out: "killed 27, including nine children", "19 people were wounded,
    five of them children", "among them two policemen": a figure right after "including" /
    "among them", or before "of them", is a part of the sentence's claim just before it."""
    wholes = [c for c in sent_claims if c.part_of is None and not c.sum_of]
    if not wholes:
        return
    taken = {(c.evidence_start, c.evidence_end) for c in sent_claims}
    text = doc_text(sent.doc)  # Doc.text rebuilds the string from every token: read it once
    starts = sorted({v[1].i for k, v in figs.items() if sent.start <= k < sent.end})
    for first_i in starts:
        fig, first, last = figs[first_i]
        before = text[max(sent.start_char, first.idx - 20):first.idx].lower().rstrip()
        after = text[last.idx + len(last):sent.end_char]
        m = _PART_AFTER.match(after)
        if not (before.endswith(_PART_BEFORE) or m):
            continue
        noun_start = last.idx + len(last) + (m.end() if m else 0)
        noun = re.match(r"\s*([A-Za-z][\w'-]*(?:\s+[a-z][\w'-]*)?)", text[noun_start:sent.end_char])
        if not noun:
            continue
        words = noun.group(1).split()
        if len(words) > 1 and not words[1].endswith(("s", "men", "ren")):
            words = words[:1]
        victim = " ".join(words)
        if not (sides.from_phrase(victim) or set(victim.lower().split()) & caslex.compiled()["person"]):
            continue  # "one of them yesterday": not people
        at = first.idx - sent.start_char
        whole = _last_before(wholes, sent.text, 0, at)
        if whole is None or (whole.figure.high is not None and fig.low > whole.figure.high):
            continue
        end_char = noun_start + noun.start(1) + len(victim)
        start_char = (first.idx - len("including ")) if before.endswith("including") else first.idx
        evidence, rs, re_ = evidence_span(cleaned, offset + max(start_char, sent.start_char), offset + end_char)
        if (rs, re_) in taken:
            continue
        sent_claims.append(_part(whole, fig, victim, evidence, rs, re_, "listed"))
        taken.add((rs, re_))


def _last_before(wholes: list[Claim], text: str, start: int, at: int) -> Claim | None:
    """The claim of ``wholes`` whose evidence ``text`` holds last before ``at`` (searched from ``start``; the
    first of them on a tie), the whole a list or breakdown after it is of; None when none stands before."""
    best, best_at = None, -1
    for c in wholes:
        pos = text.find(c.evidence, start)
        if best_at < pos < at:
            best, best_at = c, pos
    return best


def _part(whole: Claim, fig, victim: str, evidence: str, rs: int, re_: int, how: str) -> Claim:
    """A part of ``whole`` (its kind, source, status and date) of ``fig`` people, ``victim`` by who they were,
    with its own evidence span; ``how`` ("listed", "breakdown") keeps the ids of the two readings apart."""
    part = Claim(**{**whole.__dict__})
    part.figure, part.victim, part.part_of, part.sum_of = fig, victim, whole.id, []
    part.victim_side = sides.from_phrase(victim) or whole.victim_side
    part.evidence, part.evidence_start, part.evidence_end = evidence, rs, re_
    part.id = content_hash(f"{whole.id}:{how}:{rs}:{re_}:{fig.low}")[:16]
    return part


#: a clause of a breakdown after its figure: "73 were Saudi citizens", "one was a Syrian national"
_BREAKDOWN_AFTER = re.compile(r"^\s+(?:were|was|are|is)\s+(?:an?\s+|the\s+)?(?P<noun>[A-Za-z][\w'-]*(?:\s+(?!(?:and|or|but|while|in|from|of|on|at|by)\b)[a-z][\w'-]*)?)")
#: what may stand before a breakdown's figure: the sentence's comma, dash, colon, semicolon or "and"
_BREAKDOWN_BEFORE = re.compile(r"(?:[,;:\u2014\u2013]|\s-|\band)\s*$")


def breakdown_parts(sent, sent_claims: list[Claim], figs, offset: int, cleaned: Cleaned) -> None:
    """"Of the 81 people killed, 73 were Saudi citizens, seven were Yemeni and one was a Syrian national",
    "81 executions in one day — 73 were Saudi citizens, seven were Yemeni": two or more figures, each
    before "were" / "was" and a noun, after a claim of the sentence and adding up to no more than it,
    break that claim down: each is a part of it (its kind, source and status), by who they were."""
    wholes = [c for c in sent_claims if c.part_of is None and not c.sum_of and c.figure.low > 1]
    if not wholes:
        return
    text = doc_text(sent.doc)
    found = []
    for first_i in sorted({v[1].i for k, v in figs.items() if sent.start <= k < sent.end}):
        fig, first, last = figs[first_i]
        if fig.high is None or fig.low != fig.high:
            continue
        m = _BREAKDOWN_AFTER.match(text[last.idx + len(last):sent.end_char])
        if not m or not _BREAKDOWN_BEFORE.search(text[max(sent.start_char, first.idx - 12):first.idx]):
            continue
        noun_end = last.idx + len(last) + m.end("noun")
        found.append((fig, first.idx, noun_end, m.group("noun")))
    if len(found) < 2:
        return
    at = found[0][1]
    whole = _last_before([c for c in wholes if c.evidence_start >= 0], text, sent.start_char, at)
    if whole is None or whole.figure.high is None or sum(f.low for f, *_ in found) > whole.figure.high:
        return
    taken = {(c.evidence_start, c.evidence_end) for c in sent_claims}
    for fig, start, end, noun in found:
        evidence, rs, re_ = evidence_span(cleaned, offset + start, offset + end)
        if (rs, re_) in taken:
            continue
        sent_claims.append(_part(whole, fig, noun, evidence, rs, re_, "breakdown"))
        taken.add((rs, re_))


def denial_claims(sent, sent_claims: list[Claim], earlier: list[Claim], previous, offset: int,
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
        target = next((c for c in reversed(pool) if source_key(c) != source.name.lower()), None)
        figure = target.figure if target is not None else None
    if target is None or figure is None:
        return
    s, e = offset + sent.start_char, offset + sent.end_char
    evidence, rs, re_ = evidence_span(cleaned, s, e)
    d = Claim(**{**target.__dict__})
    d.figure, d.source, d.status, d.sum_of, d.part_of = figure, source, "denied", [], None
    if what == "harm":
        d.victim, d.kind, d.victim_side = who or "people", kind, target.victim_side
    d.evidence, d.evidence_start, d.evidence_end, d.sentence = evidence, rs, re_, sent.text
    d.id = content_hash(f"{target.id}:denied:{rs}:{re_}")[:16]
    sent_claims.append(d)


def source_key(c: Claim) -> str:
    return c.source.name.lower()


def evidence_span(cleaned: Cleaned, cs: int, ce: int) -> tuple[str, int, int]:
    """The evidence text and its span in the raw document (cleaned offsets when unmappable)."""
    evidence = cleaned.text[cs:ce]
    raw = cleaned.to_raw(cs, ce)
    if raw is not None:
        return evidence, raw[0], raw[1]
    log.debug("evidence %r could not be mapped back to the raw document", evidence)
    return evidence, -1, -1


#: words that open the telling of another incident in one report ("Another bomb exploded in Cali,
#: killing six", "In a separate attack", "Elsewhere", "Meanwhile"): its figures add to the first's
_ANOTHER = re.compile(
    r"\b(?:(?:another|a second|a third|a further|a separate|a similar|second|third|separate|other)\s+(?:\w+\s+){0,2}?"
    r"(?:bomb|bombs|bombing|bombings|bomber|attack|attacks|blast|blasts|explosion|explosions|incident|incidents|"
    r"shooting|shootings|ambush|raid|assault|strike|strikes|clash|clashes|gunfight|firefight|ied|mortar|rocket|"
    r"landmine|mine|grenade|suicide|car|roadside|attacker|gunmen|militants)\b"
    r"|separately|elsewhere|meanwhile|additionally|in addition|in these (?:incidents|attacks)|in other (?:attacks|incidents)"
    r"|(?:on )?the same day|later (?:that|the same) day)",
    re.I)
#: "Another two civilians were wounded", "a further three died": more people, told as more
_MORE_PEOPLE = re.compile(r"\b(?:another|a further|an additional|further|additional)\s*$", re.I)
_AGAIN_KINDS = ("killed", "wounded")
_TOTAL_WORDS = re.compile(r"\b(?:in total|in all|altogether|overall|total|combined|toll|tally)\b", re.I)


#: "related to another shooting", "similar to another attack": a reference to another happening,
#: not the telling of one more
_REFERENCE = re.compile(r"\b(?:to|with|like|than|whether|if|from|since|after|before|of)\s+(?:the\s+|a\s+)?$", re.I)
_THE = re.compile(r"\bthe\s+$", re.I)
#: vague amounts ("dozens", "several") are no addends
_VAGUE = re.compile(r"\b(?:dozens?|scores?|several|hundreds|thousands|many|some|numerous)\b", re.I)


def _another(before: str) -> bool:
    # "the other shooting happened on Aug. 11" is one the story already knows; "in the second
    # bombing" tells one of those it counted
    return any(not _REFERENCE.search(before[:m.start()]) and not (
        m.group(0).lower().startswith("other") and _THE.search(before[:m.start()])) for m in _ANOTHER.finditer(before))


def _cue_before(c: Claim, prev: Claim, adjacent: bool = True) -> bool:
    """The additional-incident words in ``c``'s sentence before its figure (after ``prev``'s
    evidence when both are in one sentence), or right after its trigger ("was killed in another
    suicide bombing")."""
    sent = c.sentence or ""
    at = sent.find(c.evidence) if c.evidence else -1
    if at < 0:
        return False
    start = 0
    if prev.sentence == sent:
        p = sent.find(prev.evidence)
        if p < 0 or p >= at:
            return False
        start = p + len(prev.evidence)
    before = sent[start:at]
    if _TOTAL_WORDS.search(before):
        return False  # "then another attacker exploded ..., in total 26 were killed": the total, not more
    after = sent[at + len(c.evidence): at + len(c.evidence) + 40]
    return _another(before) or adjacent and bool(_MORE_PEOPLE.search(before)) or bool(re.match(r"\s*(?:in|by|during|when)\s+(?:an?other|a second|a separate)\b",
                                                          after, re.I))


def incident_sums(claims: list[Claim]) -> list[Claim]:
    """Totals over the incidents one voice tells one after another: "killed 12 soldiers ... The
    same day militants attacked a checkpoint, killing four soldiers" is 16, as the lists and
    round-ups total them; a later figure without such words is an update or a re-telling, not
    another incident. Only the same kind, source and date (or none); each added claim and the one
    it adds to become parts of a new total (``combine_parts``). Returns the new totals."""
    out = []
    for kind in _AGAIN_KINDS:
        mine = [c for c in claims if c.kind == kind and c.part_of is None and c.scope == "incident"
                and c.status != "denied" and c.figure is not None and c.figure.low]
        mine.sort(key=lambda c: c.evidence_start)
        # "Another 53 were wounded" adds to the figure right before it, whatever its kind was
        order = sorted((c for c in claims if c.part_of is None and not c.sum_of), key=lambda c: c.evidence_start)
        before_of = {b.id: a.id for a, b in zip(order, order[1:])}
        groups: dict[tuple[str, str | None], list[Claim]] = {}
        last: dict[str, Claim] = {}
        for c in mine:
            key = source_key(c)
            prev = last.get(key)
            last[key] = c
            if prev is None or prev.event_date and c.event_date and prev.event_date != c.event_date:
                continue
            if _VAGUE.search(c.figure.text or "") or _VAGUE.search(prev.figure.text or ""):
                continue
            if not _cue_before(c, prev, adjacent=before_of.get(c.id) == prev.id or prev.sentence == c.sentence):
                continue
            group = groups.setdefault((key, prev.id), [prev])
            groups[(key, c.id)] = group
            group.append(c)
        seen = set()
        for group in groups.values():
            if id(group) in seen or len(group) < 2:
                continue
            seen.add(id(group))
            if any(g.sum_of and g.victim_side == sides.MIXED for g in group):
                continue  # a mixed total counts through its parts: leave it
            before = [g.part_of for g in group]
            total = combine_parts(group[0], group[1:])
            if total is None:  # read as a breakdown of the first: incidents are no breakdown
                for g, p in zip(group, before):
                    g.part_of = p
                continue
            old, total.id = total.id, content_hash(":".join(g.id for g in group) + ":incidents")[:16]
            for g in group:
                if g.part_of == old:
                    g.part_of = total.id
            total.scope = "incident"
            out.append(total)
    return out


def executions_retold(claims: list[Claim]) -> None:
    """"Saudi Arabia executed 81 people ... Of the 81 people killed, 73 were Saudi citizens", "the
    announcement of 81 deaths": an article that tells N executed tells the same N again as killed or as
    deaths; those are the executed, retold. A killed claim with the figure of an executed claim of the
    document (two or more people: "one killed" beside "one executed" is as likely two people) becomes
    executed. The killed estimate still counts them (estimates.executed_among_killed)."""
    executed = {(c.figure.low, c.figure.high) for c in claims if c.kind == "executed" and c.figure.low >= 2}
    if not executed:
        return
    retold = set()
    for c in claims:
        if c.kind == "killed" and (c.figure.low, c.figure.high) in executed:
            c.kind = "executed"
            retold.add(c.id)
    for c in claims:
        if c.kind == "killed" and c.part_of in retold:
            c.kind = "executed"  # "Of the 81 people killed, 73 were Saudi citizens": the parts of the retold
