"""One person held, jailed, seized or gone missing: how news tells a detention, an abduction or a
disappearance without a casualty verb the trigger engine ties to a figure.

World news about human rights defenders rarely writes "three activists were arrested"; it writes of
one person, named or described, and of the state that person is in: "remains in detention", "has been
in prison since 2017", "a writer currently behind bars", "is held incommunicado", "was seized by
gunmen", "went missing", "his whereabouts remain unknown". Each rule here reads one such shape in a
parsed sentence and gives a ``Found`` of one person (figure 1..1) beside the trigger engine's; the
person is a pronoun, a name (singles._name_figure) or a singular person noun with an article or a
possessive ("the lawyer", "his brother").

What counts (lexicons/casualty.json, ``custody``): being held, jailed, imprisoned or remanded, in prison,
detention or behind bars, is an arrest reported, and so is dying in custody (the person was held); held by gunmen,
kidnappers or armed or masked men, or "in captivity", is a capture; gone missing, disappeared,
whereabouts unknown is missing. What does not: a summons, a charge, a fine, a travel ban, a threat, and
anything planned, hypothetical or denied ("could face prison", "was not detained"); nor crime news'
formulas for the police's suspect ("a man is in custody", "was taken into custody", "is in the county jail",
"is being held without bond": no place of custody and no sign of one the rules read): as claims, before the
suspect's role below, they joined reports of different shootings in the ledger. A sentence ("was
sentenced to five years in prison") is the court's act, not a report of custody: the hand-made world-news
claims leave every one of them out (6 of 6 read so were extras), so it is no claim; it is a violent
happening that a figureless event is made of (lexicons/violence.json, ``arrests``).

What a custody state is as a claim (claims.py runs ``find`` after the trigger engine, one call per
sentence): a person held as written ("remains in detention", "is being held", "behind bars") is one
arrested, its status as its sentence gives it (stated, reported), and a state dates and places nothing
(``Found.held``: the day of a hearing, the jail); "whereabouts unknown", "went missing" is one missing;
"seized by gunmen", "held by kidnappers", "in captivity" is one captured. A suspect held ("is being held on
$50,000 bond", "behind bars on a murder charge", "a man suspected in the slaying ... spent 16 years in
prison") is an arrest of a suspect: a claim still (local gold counts the suspects arrested), on the
attackers' side (``Found.perpetrator``, read from the role its sentence gives the person: ``_accused``), so
that the ledger keeps it out of the evidence that two reports tell one incident (matching.incident_claims:
its words add nothing to the unit's profile, and a unit with no other claim makes no event of its own).

Measured (s8-custody, dev files, loaded machine): world-news.claims single statements 66 -> 72 of 176,
precision 0.874 -> 0.876, number recall, local counts and world and local places unchanged; the ledger's
merging on local news unchanged (placed P 0.9695 R 0.8636, strict P 0.9764 R 0.7902). Wired without the
suspect's role it had cost strict precision 0.9764 -> 0.9755: one story's "missing in action" (a council
chairman, now no reading here) joined another shooting, and a suspect held was the only claim of an
article two incidents cite, which then made an event of its own.
"""
from __future__ import annotations

from functools import lru_cache

from .model import Figure
from .nlp import lowers


@lru_cache(maxsize=1)
def _lex() -> dict[str, frozenset[str]]:
    from . import lexicon

    c = lexicon.load("casualty")["custody"]
    return {k: frozenset(v) for k, v in c.items() if not k.startswith("_")}


def cue_words() -> frozenset[str]:
    """The words that make a sentence worth reading for these rules (sentences.py's cue set); of the
    seizing verbs only the rare ones ("taken", "forced" are everywhere: their sentence needs another cue)."""
    c = _lex()
    return c["places"] | c["missing_words"] | {"whereabouts", "seized", "snatched"}


def find(sent, lex, found: list) -> list:
    """Every person of ``sent`` that one of the rules reads as held, seized or missing and that
    ``found`` (the trigger engine's reading of the sentence) does not already count."""
    doc = sent.doc
    start, end = sent.start, sent.end
    lows, cues = lowers(doc), _trigger_words()
    if cues.isdisjoint(lows[start:end]):
        return []  # most sentences: no word a rule starts from
    from .triggers import irrealis

    c = _lex()
    seen = {f.victim.i for f in found if f.victim is not None}
    out = []
    for i in range(start, end):
        low = lows[i]
        if low not in cues:
            continue  # most tokens: one look-up in the doc's lower-case words, no spaCy Token built
        t = doc[i]
        got = None
        if low in c["places"] and t.dep_ == "pobj":
            got = _held_in(t, c, lex)
        elif low in c["seize_verbs"] and t.tag_ == "VBN":
            got = _seized(t, lex)
        elif low == "held" and t.tag_ == "VBN":
            got = _held(t, c, lex)
        elif low in c["missing_words"]:
            got = _gone_missing(t, c, lex)
        elif low == "whereabouts":
            got = _whereabouts(t, c, lex)
        if got is None or got.victim.i in seen or irrealis(got.trigger) or _negated(got.trigger, doc):
            continue
        if got.held and _accused(got):
            got.perpetrator = True  # the suspect held: an arrest of the attackers' side (sides.side reads it)
        seen.add(got.victim.i)
        out.append(got)
    return out


#: what a criminal court's custody of an accused is held on ("held on $50,000 bond", "without bail", "in lieu
#: of", "on an outstanding warrant", "in juvenile detention"): an activist's detention is arbitrary ("without
#: charge"), a suspect's is set by a judge
_COURT_CUSTODY = frozenset({"bond", "bail", "lieu", "warrant", "arraignment", "juvenile"})
#: the charges of the violence crime news tells ("on a murder charge", "facing assault charges"); an activist's
#: charges ("spreading false news", "sedition") make no suspect of the violence
_VIOLENT_CHARGES = frozenset({"murder", "homicide", "manslaughter", "assault", "shooting", "robbery", "slaying",
                              "killing", "kidnapping", "battery"})
#: what the held person's own words make of them: the accused ("a man suspected in the slaying")
_ACCUSED_WORDS = frozenset({"suspected", "accused", "charged", "alleged", "arrested"})


def _accused(got) -> bool:
    """Whether the person held is the suspect of the story's violence, by the role the sentence gives them:
    their own words (a suspect noun of the casualty lexicon, "suspected", "accused", "charged": "a man suspected
    in a quadruple slaying spent 16 years in prison", "McShann, who is charged ...") or the court's custody
    ("is being held on $50,000 bond", "held without bail", "behind bars on a murder charge"). The claim stays
    (an arrest of a suspect, which local gold counts); matching.incident_claims keeps it out of the evidence that
    two reports tell one incident."""
    v, t = got.victim, got.trigger
    mine = list(v.subtree) if v is not None else []
    if {w.lower_ for w in mine} & (_suspects() | _ACCUSED_WORDS):
        return True
    verb = t if t.tag_.startswith("VB") else t.head
    own = {x.i for x in mine}
    words = [w for w in verb.subtree if w.i not in own]
    low = {w.lower_ for w in words}
    if low & _COURT_CUSTODY:
        return True
    return any(w.lower_ in ("charge", "charges", "count", "counts") and any(
        m.lower_ in _VIOLENT_CHARGES for m in w.children if m.dep_ in ("compound", "amod", "nmod")) for w in words)


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    """Every word a rule of ``find`` starts from."""
    c = _lex()
    return c["places"] | c["seize_verbs"] | c["missing_words"] | {"held", "whereabouts"}


#: auxiliaries of a custody that has not happened ("could remain in prison", "will be held")
_MODALS = frozenset({"could", "would", "may", "might", "will", "shall", "should", "must", "can", "'ll"})


def _negated(t, doc) -> bool:
    """Denied or not (yet) real: a negation or a modal on the trigger or the verbs right above it."""
    node = t
    for _ in range(3):
        if any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in _MODALS for c in node.children):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _person(v, t, kind: str, lex):
    """``v`` as one person (a ``Found``), or None: a pronoun, a name, "the lawyer", "his brother"; a
    relative pronoun stands for the noun its clause is on, an apposition ("X, a writer") for the name."""
    from .numbers import pronoun_figure
    from .clauses import Found, person_word, relative_head, victim_phrase
    from .singles import _name_figure

    if v.lower_ in ("who", "whom", "that") and v.head.dep_ == "relcl":
        v = relative_head(v.head, lex)  # never the place a "who" clause is hung on
        if v is None:
            return None
    if v.dep_ == "appos" and v.head.tag_ == "NNP":
        v = v.head  # "Loujain al-Hathloul, a Saudi writer currently behind bars"
    fig = None
    if v.tag_ == "PRP":
        fig = pronoun_figure(v.lower_)
        if fig is None or (fig.low, fig.high) != (1, 1):
            return None
    elif v.tag_ == "NNP":
        fig = _name_figure(v, lex)
    elif v.tag_ == "NN" and person_word(v.lower_, lex) and v.lower_ not in _NOT_ONE and v.lower_ not in _suspects():
        det = [d for d in v.children if d.dep_ in ("det", "poss")]
        if det and det[0].lower_ in ("a", "an", "the", "his", "her", "their", "its", "one", "another") or (
                det and det[0].dep_ == "poss" and det[0].tag_ in ("NNP", "NNPS")):
            fig = Figure(1, 1, f"{det[0].text} {v.text}")
    if fig is None:
        return None
    vtext, _ = victim_phrase(v, None)
    return Found(kind, fig, t, v, vtext or v.text, [t, v])


@lru_cache(maxsize=1)
def _suspects() -> frozenset[str]:
    """"The suspect is in custody": in crime news the one held is the attacker, caught later and elsewhere;
    his custody is no happening of the story's (it moved local main events to the arrest's day)."""
    from . import lexicon

    return frozenset(lexicon.load("casualty")["mentions"]["suspect_nouns"])


#: collective and abstract nouns that the person test would let through but that are never one person
_NOT_ONE = frozenset({"police", "security", "staff", "crew", "personnel", "militia", "family", "people", "military",
                      "army", "government", "authority", "regime", "party", "group", "union", "court", "state"})


def _subject(verb):
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj and verb.dep_ == "conj" and verb.head.i != verb.i:
        subj = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]  # "was detained and remains ..."
    return subj[0] if subj else None


def _held_in(t, c, lex):
    """"remains in detention", "has been in prison since 2017", "was taken into detention", "a writer
    currently behind bars": a person in a place of custody."""
    prep = t.head
    if prep.lower_ not in c["into"] or (t.lower_ == "bars") != (prep.lower_ == "behind"):
        return None
    if any(ch.dep_ in ("det", "poss") and ch.lower_ not in ("the",) for ch in t.children):
        return None  # "in his detention", "in a prison where ...": a time or a place, not a state
    kind = "captured" if t.lower_ in c["captivity"] else "arrested"
    head = prep.head
    if head.tag_.startswith("VB"):
        if head.lower_ not in c["hold_verbs"]:
            return None
        v = _subject(head)
        got = _person(v, t, kind, lex) if v is not None else None
        if got is not None:
            got.held = head.lower_ not in c["hold_acts"]  # "remains in prison"; not "was taken into detention"
        return got
    if head.tag_ in ("NN", "NNP") and head.dep_ == "appos":
        got = _person(head, t, kind, lex)  # "X, a writer currently behind bars"
        if got is not None:
            got.held = True
        return got
    return None


def _seized(t, lex):
    """"was seized by gunmen", "was taken by armed men": a person held by attackers is captured."""
    from .clauses import is_passive
    from .singles import _ABDUCTOR_MODS

    if not is_passive(t):
        return None
    agents = [g for ch in t.children if ch.dep_ == "agent" for g in ch.children if g.dep_ == "pobj"]
    if not any(a.lower_ in lex["attacker"] or a.lower_ in _CAPTORS or (
            a.lower_ in ("men", "man", "people", "individuals", "persons") and any(
                m.lower_ in _ABDUCTOR_MODS for m in a.children if m.dep_ in ("amod", "compound"))) for a in agents):
        return None
    v = next((ch for ch in t.children if ch.dep_ == "nsubjpass"), None)
    return _person(v, t, "captured", lex) if v is not None else None


def needs_parse(words: set[str]) -> bool:
    """Whether a sentence whose only cues are weak holds a person held in a way ``_held`` reads ("is being
    held without bond", "held incommunicado since"): "held" alone is everywhere ("held a meeting")."""
    return "held" in words and bool(words & _lex()["held_with"])


def _held(t, c, lex):
    """"is being held without bond", "has been held incommunicado since June", "was held by gunmen": a
    person held (passive "held" with a sign of custody: without charge, incommunicado, since a day, by
    captors). Not "held responsible", "held up", "held a meeting"."""
    from .clauses import is_passive
    from .singles import _abduction

    held_with = c["held_with"]
    if not is_passive(t) or any(ch.dep_ in ("oprd", "acomp", "prt", "dobj", "xcomp", "ccomp")
                                and ch.lower_ not in held_with for ch in t.children):
        return None
    signs = {w.lower_ for ch in t.children if ch.dep_ in ("prep", "advmod", "agent", "npadvmod", "oprd", "acomp")
             for w in ch.subtree}
    if not signs & held_with:
        return None
    v = next((ch for ch in t.children if ch.dep_ == "nsubjpass"), None)
    if v is None and t.dep_ == "conj" and t.head.i != t.i:
        v = next((ch for ch in t.head.children if ch.dep_ == "nsubjpass"), None)
    if v is None:
        return None
    captors = {g.lower_ for ch in t.children if ch.dep_ == "agent" for g in ch.children if g.dep_ == "pobj"}
    kind = "captured" if captors & _CAPTORS else _abduction(t, "arrested", lex)
    got = _person(v, t, kind, lex)
    if got is not None:
        got.held = True  # "is being held without bond": the holding, dated and placed by the hearing or the jail
    return got


#: who holds a captive, not a detainee ("held by kidnappers")
_CAPTORS = frozenset({"kidnappers", "abductors", "captors", "hostage-takers"})


def _gone_missing(t, c, lex):
    """"He went missing", "X has been missing since 2016", "she was reported missing", "X disappeared":
    one person missing."""
    head = t.head if t.dep_ in ("acomp", "xcomp", "advcl", "oprd", "ccomp") and t.head.i != t.i else t
    if head.i != t.i and head.lower_ not in c["missing_heads"]:
        return None
    if any(ch.lower_ == "in" and any(g.lower_ == "action" for g in ch.children) for ch in t.children):
        return None  # "has been missing in action": of one named person, absent (a council chairman from the
        # debate); a soldier's MIA is a count of the casualty verbs ("three soldiers missing in action")
    if t.tag_.startswith("VB") and t.lower_ != "missing" and head.i == t.i:
        v = _subject(t)  # "Mr X disappeared in 2016"
    else:
        v = _subject(head)
    if v is None and t.dep_ in ("acomp",) and head.dep_ == "relcl":
        v = head.head
    if v is None:
        return None
    return _person(v, t, "missing", lex)


def _whereabouts(t, c, lex):
    """"his whereabouts remain unknown", "the whereabouts of X are unknown": one person missing."""
    words = {w.lower_ for w in t.sent}
    if not words & c["unknown"]:
        return None
    poss = [ch for ch in t.children if ch.dep_ == "poss"]
    of = [g for ch in t.children if ch.dep_ == "prep" and ch.lower_ == "of" for g in ch.children if g.dep_ == "pobj"]
    v = poss[0] if poss else of[0] if of else None
    if v is None:
        return None
    if v.tag_ == "PRP$":
        from .clauses import Found

        if v.lower_ not in ("his", "her"):
            return None
        return Found("missing", Figure(1, 1, f"{v.text} whereabouts"), t, v, v.text, [v, t])
    return _person(v, t, "missing", lex)
