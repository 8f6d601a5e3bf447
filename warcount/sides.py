"""Whose dead: the side model a conflict analyst reads a casualty figure with.

Sides (``model.SIDES``):

``civilians``
    non-combatants: "civilians", "children", "worshippers", "residents", "aid workers".
``state-forces``
    a state's armed and security forces: army, police, named security forces
    ("soldiers", "policemen", "pro-government combatants", "Revolutionary Guard advisers").
``armed-groups``
    non-state armed groups: "militants", "rebels", the well-known groups of
    ``lexicons/actors.json`` with ``"side": "non-state"`` ("Houthi fighters").
``attackers``
    the perpetrators of *this* event: "gunmen", "the suicide bomber", the group the
    text names as the attacker, militants the text shows attacking. Militants killed
    by an airstrike are an armed group, not the airstrike's attackers.
``unknown``
    the text does not say ("40 people", "27 deaths").

A side is read, in order, from the victim noun phrase (its head noun first, then its
modifiers and any known actor's name in it), from the actor of the violence (the
killer: militants killed by troops or jets are an armed group), and from the
source's alignment (a party that acknowledges losses, or "its fighters", speaks of
its own side).

Why the totals need this (``estimates.casualties``): a total over sides is a sum
only when the sides are different people; one happening's dead told by rival
sources (the ministry's 40 civilians, the army's 12 militants, the monitor's 27)
are rival figures for the same dead. :func:`distinct` says which sides of an event
are different people.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from . import caslex, lexicon
from .nlp import doc_text, folds_to_ascii, text_of
from .numbers import _trie  # one trie builder for every word-list pattern (dates and mentions use it too)

CIVILIANS = "civilians"
STATE = "state-forces"
ARMED = "armed-groups"
ATTACKERS = "attackers"
UNKNOWN = "unknown"
MIXED = "mixed"  # the side of a total whose parts are on different sides
SIDES = (CIVILIANS, STATE, ARMED, ATTACKERS, UNKNOWN)
#: sides of ledgers written before the side model, read as the nearest side
LEGACY = {"targets": UNKNOWN, "pro-government": STATE, "opposition": ARMED}
LABELS = {CIVILIANS: "civilians", STATE: "state forces", ARMED: "non-state armed groups",
          ATTACKERS: "attackers (perpetrators)", UNKNOWN: "unknown", MIXED: "mixed", "all": "all sides"}


def normal(side: str | None) -> str | None:
    """A side as the model names it (a legacy ledger's "targets" is "unknown")."""
    if side is None:
        return None
    return LEGACY.get(side, side)


@lru_cache(maxsize=1)
def _lex() -> dict[str, frozenset[str] | tuple[str, ...]]:
    from .caslex import compiled  # the casualty lexicon's attacker and partisan sets, built once there

    d = lexicon.load("sides")
    cas = compiled()
    return {
        "civ": frozenset(d["civilians"]), "state": frozenset(d["state"]), "state_weak": frozenset(d["state_weak"]),
        "armed": frozenset(d["armed"]), "attack_cues": tuple(d["attack_cues"]),
        "state_actors": frozenset(d["state_actors"]), "own": frozenset(d["own"]),
        "attacker": cas["attacker"], "partisan": cas["partisan"],
    }


@lru_cache(maxsize=1)
def _actor_sides() -> dict[str, str]:
    """alias (lower) -> side, for the lexicon's well-known armed groups and forces."""
    out: dict[str, str] = {}
    for a in lexicon.load("actors")["actors"]:
        side = {"state": STATE, "non-state": ARMED}.get(a.get("side", ""))
        if side is None:
            continue
        for alias in [a["name"], *a["aliases"]]:
            key = alias.lower()
            out[key[4:] if key.startswith("the ") else key] = side
    return out


def actor_side(name: str) -> str | None:
    """The side of a known actor's name ("Houthis" -> armed-groups, "IDF" -> state-forces)."""
    key = name.lower().strip()
    key = key[4:] if key.startswith("the ") else key
    return _actor_sides().get(key)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,;:()\"“”]+", text.lower().replace("’", "'")) if w]


def _named_actor(words: list[str]) -> str | None:
    """A known actor named inside a victim phrase ("Houthi fighters", "IRGC advisers")."""
    sides = _actor_sides()
    for n in (4, 3, 2, 1):
        for i in range(len(words) - n + 1):
            key = " ".join(words[i:i + n]).removesuffix("'s")
            if key in sides:
                return sides[key]
    return None


def from_phrase(victim: str, attackers: frozenset[str] = frozenset()) -> str | None:
    """The side a victim phrase names, or None when it names none ("people", "deaths")."""
    lex = _lex()
    words = _words(victim.replace("-", " ")) if "pro-government" not in victim.lower() else _words(victim)
    if not words:
        return None
    flat = set(words) | {w.replace("-", " ") for w in words}
    if flat & lex["attacker"] or flat & attackers:
        return ATTACKERS
    head = words[-1]
    for word in (head, *reversed(words[:-1])):
        if word in lex["civ"]:
            return CIVILIANS
        if word in lex["armed"]:
            return ARMED
        if word in lex["state"] and (word not in lex["state_weak"] or word != head or len(words) > 1
                                     and words[-2] in lex["state"]):
            return STATE
    named = _named_actor(words)
    if named:
        return named
    if head in lex["state_weak"] and head not in ("advisers", "advisors", "forces", "personnel", "guards", "guard"):
        return None
    if head in ("forces", "personnel", "guards"):
        return STATE
    return None


_STATE_OP = re.compile(r"\b(air ?strikes?|air raids?|drone strikes?|jets|warplanes?|aircraft|helicopters?|artillery|"
                       r"shelling|troops|soldiers|army|military|police|security forces|government forces|forces|"
                       r"operations?|offensive|raids?|clash(?:es|ed)? with|counter-?terrorism)\b", re.I)


def _attacking(text: str) -> bool:
    """Does the text show non-state attackers attacking: "militants stormed ...", "the attackers
    fired rockets", "suicide bombers detonated their explosives".

    (Performance only:) the pattern is tried only where one of its nouns starts in the lower-cased
    text, not at every character (2 ms on a long article with no such sentence).
    Both find the same: a case-insensitive match of the lexicon's ASCII words is where the
    lower-cased text holds them, unless the text has one of the few characters that ``re`` folds
    to an ASCII letter and ``str.lower`` does not (``nlp.ASCII_FOLDS``); such a text is searched whole."""
    pattern = _attacking_re()
    starts = _attacking_starts()
    if starts is None or folds_to_ascii(text):
        return bool(pattern.search(text))
    low = text.lower()
    m = starts.search(low)
    while m is not None:
        if pattern.match(text, m.start()):
            return True
        m = starts.search(low, m.start() + 1)
    return False


@lru_cache(maxsize=1)
def _attacking_starts() -> re.Pattern | None:
    """Where one of the nouns ``_attacking_re`` opens with starts, in lower-cased text: their trie
    alone, case-sensitive, which ``re`` looks for by its first letters in C. None when a noun is not
    ASCII (then the lower-cased text is no safe guide to where the pattern may match)."""
    lex = _lex()
    nouns = sorted({w.lower() for w in lex["armed"] | lex["partisan"] | lex["attacker"]})
    return re.compile(_trie(nouns)) if nouns and all(w.isascii() and w for w in nouns) else None


@lru_cache(maxsize=1)
def _attacking_re() -> re.Pattern:
    """The pattern ``_attacking`` searches, built once from the lexicons. The word lists are
    written as a trie ("attacker(?:s)?|..."): the same words, but ``re`` tries each alternative
    at every character, and a flat list of 60 nouns made this search a twentieth of the claims
    path on a long article."""
    lex = _lex()
    nouns = _trie(sorted(lex["armed"] | lex["partisan"] | lex["attacker"]))
    cues = _trie(lex["attack_cues"])
    return re.compile(rf"\b(?:{nouns})\b[^.]{{0,40}}?\b(?:{cues})\b", re.I)


class Attackers(frozenset):
    """The words of the groups a document names as the attacker, and whether the document
    shows non-state attackers attacking at all (sentences are parsed one by one, so the
    side of a figure needs this from the whole text)."""

    attacking: bool = False


LEAD = 20_000  # characters of a document's lead searched for who attacked: news tells it first


def document_attackers(text: str, names: frozenset[str]) -> Attackers:
    """``names`` with whether the document's lead shows non-state attackers attacking (only the
    lead: a regex over a 50 MB record would cost a minute)."""
    out = Attackers(names)
    out.attacking = _attacking(text[:LEAD])
    return out


def killer(t):
    """The subject of an active casualty verb, following participles to their clause."""
    node = t
    for _ in range(3):
        if node.tag_ in ("VBD", "VBZ", "VBP", "VBG", "VB") or (node.tag_ == "VBN" and any(
                c.dep_ == "aux" for c in node.children)):
            for c in node.children:
                if c.dep_ == "nsubj":
                    return c
        if node.dep_ in ("advcl", "conj", "xcomp") and node.head.i != node.i:
            node = node.head
            continue
        break
    return None


def side(f, source, lex, attackers: frozenset[str] = frozenset(), status: str | None = None) -> str:
    """The side of one found figure ``f`` (triggers.Found) given by ``source``.

    ``lex`` is claims' casualty lexicon (militant and security nouns), ``attackers``
    the words of the groups the document names as the attacker."""
    s = _lex()
    if f.perpetrator:
        return ATTACKERS
    vtext = f.victim_text or ""
    words = set(_words(vtext.replace("-", " ")))
    found = from_phrase(vtext, attackers)
    if found == ATTACKERS:
        return ATTACKERS
    sent = text_of(f.trigger.sent)[:LEAD] if f.trigger is not None else ""
    by = killer(f.trigger) if f.trigger is not None else None
    by_words = {t.lower_ for t in by.subtree} if by is not None else set()
    by_state = bool(by_words & s["state_actors"]) or (by is not None and actor_side(
        " ".join(t.text for t in by.subtree)) == STATE)
    state_op = by_state or bool(_STATE_OP.search(sent))
    if words & s["partisan"] or found == ARMED:
        # militants or "terrorists" killed by troops, jets or police, or in a strike or raid, are an
        # armed group the violence was aimed at; otherwise they are this attack's perpetrators
        # Doc.text rebuilds the string from every token: read only on this branch
        attacking = getattr(attackers, "attacking", False) or _attacking(
            doc_text(f.trigger.doc)[:LEAD] if f.trigger is not None else "")
        if state_op and (by_state or not attacking):
            return ARMED
        return ATTACKERS
    if found is not None:
        return found
    if by is not None and f.trigger.lower_ in ("lost", "lose", "loses", "losing"):
        # "Houthi fighters lost 14 men": the subject of "lost" is the victims' own side
        owner = from_phrase(" ".join(t.text for t in by.subtree), attackers)
        if owner not in (None, ATTACKERS):
            return owner
    # the source's alignment: a party speaking of "its fighters", or acknowledging its own losses
    if source is not None and source.kind in ("party", "official"):
        own = words & s["own"] or re.search(r"\b(its|their|our) (own )?(fighters|members|men)\b", sent, re.I)
        if own or status == "acknowledged":
            named = actor_side(source.name)
            if named:
                return named
            if source.kind == "official":
                return STATE
    if by is not None and by_state and words & {"fighters", "members", "combatants", "suspects", "gunmen"}:
        return ARMED  # "troops killed 12 fighters"
    return UNKNOWN


def total_side(parts: Iterable[str | None]) -> str:
    """The side of a total over parts: theirs when they agree, else ``mixed``."""
    seen = {p or UNKNOWN for p in parts}
    return seen.pop() if len(seen) == 1 else MIXED


def settle_totals(claims: list) -> None:
    """A total whose parts are on different sides ("three soldiers and nine civilians") is
    kept for the record with side ``mixed``; its parts then count, each on its side."""
    by_id = {c.id: c for c in claims}
    for c in claims:
        if not c.sum_of:
            continue
        parts = [by_id[i] for i in c.sum_of if i in by_id]
        if len(parts) < 2 or c.victim_side == MIXED:
            continue
        named = [p.victim_side or UNKNOWN for p in parts]
        # parts sharing a side ("7 French soldiers, 7 peacekeepers and 2 civilians") would be taken as
        # one side's rival figures: the total then keeps counting, on the side of its first part
        if total_side(named) == MIXED and len(set(named)) == len(named):
            c.victim_side = MIXED
            for p in parts:
                if p.part_of == c.id:
                    p.part_of = None


# --- different people? ----------------------------------------------------------------

_MORE = re.compile(r"\b(also|another|more|additional|further|besides|in addition|as well as|separately|"
                   r"on both sides|on each side)\b", re.I)


_JUST_BEFORE = re.compile(r"\b(another|a further|an additional|additional|further)\s*$", re.I)


def _more(c) -> bool:
    """Is the figure written as more dead: "also", "another" in the evidence or just before it."""
    if _MORE.search(c.evidence or ""):
        return True
    sent = c.sentence or ""
    at = sent.find(c.evidence) if c.evidence else -1
    # just before the figure: "another 12", "a further 12" ("has also announced ..." is the report's)
    return at > 0 and bool(_JUST_BEFORE.search(sent[max(0, at - 14):at]))


def _source(c) -> str:
    return re.sub(r"^the ", "", (c.source.name or "").lower().strip())


def distinct(a: str, b: str, claims_a: list, claims_b: list, event_claims: Iterable = ()) -> bool:
    """Are sides ``a`` and ``b`` of one event different people?

    Yes when one of them is the attackers (perpetrators are never their own victims),
    for state forces beside an armed group or beside civilians (a soldier is neither), when one voice gives a figure for each (a source that counts both tells them apart),
    when a figure of one is written as more dead ("also", "another", "in addition"),
    or when they are the parts of one total. ``unknown`` ("40 people") is never apart
    from a named side unless the text adds them: a generic figure holds the specific
    ones. Otherwise the sides are rival sources' accounts of the same dead: the classic
    dispute is the dead one source calls civilians and another militants."""
    a, b = normal(a) or UNKNOWN, normal(b) or UNKNOWN
    if ATTACKERS in (a, b) or {a, b} == {STATE, ARMED} or {a, b} == {STATE, CIVILIANS}:
        return True  # perpetrators and victims, or opposite combatants, or soldiers and civilians
    ids_a = {c.id for c in claims_a}
    ids_b = {c.id for c in claims_b}
    for c in (*claims_a, *claims_b, *event_claims):
        if c.sum_of and set(c.sum_of) & ids_a and set(c.sum_of) & ids_b:
            return True
    if any(_more(c) for c in (*claims_a, *claims_b)):
        return True
    if UNKNOWN in (a, b):
        return False
    return bool({_source(c) for c in claims_a} & {_source(c) for c in claims_b})


def victims_best(by_side: dict) -> int:
    """The best count of an event's victims from its per-side estimates: side ``all`` (rival
    sides pooled, different people added) less the attackers, who are a side of their own
    ("+5 attackers"); the attackers' count when they were the only dead."""
    total = by_side.get("all")
    att = by_side.get(ATTACKERS)
    att_best = int(att.best or 0) if att is not None else 0
    victims = (int(total.best or 0) if total is not None else 0) - att_best
    return victims if victims > 0 else att_best


_LEAD = {"another", "more", "other", "others", "further", "additional", "some", "the", "at", "least", "than", "over",
         "up", "to", "about", "around", "nearly", "almost", "roughly", "of", "a", "an", "least", "most", "all",
         "approximately", "some", "several", "dozens", "hundreds", "scores"}
_REL = re.compile(r"\s+(who|that|which|whom|whose)(\s.*)?$", re.I)
_NUMERIC = re.compile(r"^[\d,.\s+-]*$")


_PRONOUN_VICTIM = {"any", "none", "them", "those", "whom", "one", "some", "all", "both", "each", "these", "they"}


def tidy_victim(text: str, evidence: str = "") -> str:
    """The victim phrase as a person writes it: "Another people" -> "people", "members who
    were" -> "members", "60" (no noun: "more than 60 were hurt") -> "people", "pro government
    combatants" -> "pro-government combatants" (as the evidence spells it), "any" (of its
    members) -> "members"."""
    t = _REL.sub("", (text or "").strip())
    if t.lower() in _PRONOUN_VICTIM:
        m = re.search(r"\bof (?:its|their|the|his|her|our|those|these)\s+([a-z][\w-]*)", evidence or "", re.I)
        return m.group(1) if m else "people"
    parts = t.split()
    for i in range(len(parts) - 1, 0, -1):
        joined = f"{parts[i - 1]}-{parts[i]}"
        if evidence and joined in evidence:
            parts[i - 1:i + 1] = [joined]
    t = " ".join(parts)
    words = t.split()
    while len(words) > 1 and words[0].lower() in _LEAD:
        words = words[1:]
    if words and words[0].lower() == "others" and len(words) > 1:
        words = words[1:]
    t = " ".join(words)
    if not t or _NUMERIC.match(t) or t.lower() in _LEAD - {"others"}:
        return "people"
    return t


# --- who did it: the perpetrator of an event (ACLED actor 1, UCDP side A) -----------------

@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Nationality adjective -> country ("Russian" -> "Russia")."""
    return dict(lexicon.load("sides")["demonyms"])


def country_of(phrase: str) -> str | None:
    """The country a phrase's nationality names: "Ukrainian soldiers" -> "Ukraine"."""
    table = demonyms()
    for w in re.findall(r"[A-Z][\w.]*", phrase or ""):
        w = w.rstrip(".") if w not in table else w
        if w in table:
            return table[w]
    return None


def is_police(phrase: str) -> bool:
    return bool(set(_words(phrase)) & set(lexicon.load("sides")["police"]))


_RESPONSIBILITY = re.compile(
    r"(?P<who>(?:[A-Z][\w'’-]*)(?:[\s-]+(?:al|el|ad|of|the|[A-Z][\w'’-]*))*)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:claimed|claims|claiming|accepted)\s+responsibility")
_STRIKE = r"(?:air ?strikes?|air raids?|shelling|shells|missiles?|drones?|drone strikes?|artillery|rockets?|forces|" \
          r"troops|jets|warplanes|soldiers|army|military|strikes?|bombardment)"
_OWN_STRIKE = re.compile(r"\b(?:its|their|our)\s+(?:own\s+)?(?:jets|warplanes|aircraft|forces|troops|drones|artillery|"
                         r"units|soldiers)\s+(?:had\s+|have\s+|has\s+)?(?:struck|hit|targeted|bombed|shelled|killed|"
                         r"destroyed|carried out)", re.I)


def perpetrator(texts: list[str], actors: list[str], reporters: list[tuple[str, str, str]], country: str | None
                ) -> tuple[str, str] | None:
    """(name, side) of the event's perpetrator, or None when the text does not say.

    In order: a group that claims responsibility ("Al-Shabaab claimed responsibility");
    a well-known armed actor the text shows attacking; a nationality on the weapon or the
    force ("Russian shelling", "an Israeli airstrike"); a state source speaking of its own
    strike ("the army said its jets had struck"); a well-known armed actor among the event's
    actors. ``reporters`` are (source name, source kind, sentence) of the event's claims."""
    from .attribution import canonical

    joined = "\n".join(t[:LEAD] for t in texts if t)[:4 * LEAD]
    for m in _RESPONSIBILITY.finditer(joined):
        words = m.group("who").split()
        while words and words[0].lower() in ("the", "and", "but", "while"):
            words = words[1:]
        for k in range(len(words)):  # the longest known name at the end, else the whole run
            name = " ".join(words[k:])
            side = actor_side(name)
            if side:
                return canonical(name)[0], side
        if words:
            return " ".join(words), ARMED
    cues = "|".join(re.escape(c) for c in (*_lex()["attack_cues"], "clashed", "fought", "battled"))
    for alias, side in sorted(_actor_sides().items(), key=lambda kv: -len(kv[0])):
        if len(alias) < 3:
            continue
        if re.search(rf"\b{re.escape(alias)}\b[^.]{{0,40}}?\b(?:{cues})\b", joined, re.I):
            return canonical(alias)[0], side
    nat = "|".join(sorted(map(re.escape, demonyms()), key=len, reverse=True))
    m = re.search(rf"\b(?:an?\s+|the\s+)?(?P<nat>{nat})(?:-led)?\s+(?:\w+\s+)?{_STRIKE}\b", joined)
    if m:
        return f"Military Forces of {demonyms()[m.group('nat')]}", STATE
    for name, kind, sentence in reporters:
        if kind == "official" and _OWN_STRIKE.search(sentence or ""):
            where = country_of(name) or country
            return (f"Military Forces of {where}" if where else name), STATE
    for a in actors:
        side = actor_side(a)
        if side:
            return canonical(a)[0], side
    # an actor the text names as the attacker ("Jaysh al Fath ambushed ..."), not a reporting source
    speakers = {n.lower() for n, _, _ in reporters}
    for a in actors:
        if a.lower() not in speakers and canonical(a)[1] not in ("outlet", "monitor", "official"):
            return a, ARMED
    return None


_ATTACKER_STOP = {"the", "al", "el", "ad", "of", "on", "in", "a", "an", "and", "it", "they", "he", "she", "this"}


_LAST_ATTACKERS: tuple = (None, None, [])  # (text, lex, phrases) of the last document scanned


def attacker_phrases(text: str, lex=None) -> list[str]:
    """The groups a document names as the attacker (``_attacker_phrases``), remembered for the
    last text: the claims stage and the event grouping both ask for the same document's, and the
    scan over the whole text is a fortieth of the claims path (performance only)."""
    global _LAST_ATTACKERS
    lex = lex or caslex.compiled()
    last = _LAST_ATTACKERS
    if last[0] is text and last[1] is lex:
        return list(last[2])
    out = _attacker_phrases(text, lex)
    _LAST_ATTACKERS = (text, lex, out)
    return list(out)


def _attacker_phrases(text: str, lex) -> list[str]:
    """The groups a document names as the attacker, in text order: "lost Khan Touman to
    Jaysh al Fath", "Jaysh al Fath, an alliance of ..., attacked"."""
    lost_to, named_attacking, verbs = _attacker_patterns(lex["attack_verbs"])
    found: list[tuple[int, str]] = []
    for m in lost_to.finditer(text):
        found.append((m.start(1), m.group(1)))
    whole = not all(w.isalpha() for w in lex["attack_verbs"])  # (a verb that is a pattern: the whole text)
    for start, end in [(0, len(text))] if whole else _verb_stretches(text, verbs):
        for m in named_attacking.finditer(text, start, end):
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


@lru_cache(maxsize=4)
def _attacker_patterns(attack_verbs: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The two patterns of ``_attacker_phrases`` and its verbs alone, compiled once. (Performance only:)
    "lost ... to X" opens with its verbs, each followed by the test that no word character stands
    before it (``lost(?<!\\wlost)``, the same as a ``\\b`` before it): a pattern that opens with
    literal words is searched for their first letters in C, one that opens with ``\\b`` is tried at
    every character."""
    # possessive word (*+): a long capitalised word cannot be split five ways (catastrophic backtracking)
    cap = r"((?:[A-Z][\w'’-]*+(?:\s+(?:al|el|ad|of|the)\s+|\s+)?){1,5})"
    verbs = "|".join(attack_verbs)
    lost = "|".join(rf"{w}(?<!\w{w})" for w in ("lost", "fell", "ceded", "surrendered"))
    return (re.compile(r"(?:" + lost + r")\b[^.]{0,120}?\bto\s+" + cap),
            re.compile(cap + r"\s*(?:,[^,.]{0,80},\s*)?(?:" + verbs + r")\b"),
            re.compile(r"(?:" + verbs + r")"))


def _verb_stretches(text: str, verbs: re.Pattern) -> list[tuple[int, int]]:
    """The stretches between full stops that hold an attack verb, in order. (Performance only:)
    a match of "X, ..., attacked" has no full stop before its verb, so it lies inside one such
    stretch, and the name pattern, tried at every capital, need not be tried in the others (1.3 ms
    on a long article)."""
    out: list[tuple[int, int]] = []
    for m in verbs.finditer(text):
        if out and m.start() < out[-1][1]:
            continue  # another verb of the same stretch
        start = text.rfind(".", 0, m.start()) + 1
        end = text.find(".", m.end())
        out.append((start, len(text) if end < 0 else end))
    return out


def attacker_names(text: str, lex) -> frozenset[str]:
    """The words of :func:`attacker_phrases`, for matching victims ("Fath combatants")."""
    return frozenset(w.lower() for p in attacker_phrases(text, lex) for w in p.split()
                     if w.lower() not in _ATTACKER_STOP and len(w) > 2)
