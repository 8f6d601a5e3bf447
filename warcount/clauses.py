"""The clause shapes the claim engine reads in a parsed sentence, shared by the trigger engine
(triggers.py) and its one-person readings (singles.py), and the record of what they find (``Found``).

Who a verb's clause tells of: a passive subject, the subject of a copula ("X became the highest-profile
person arrested"), the people "among the dead", the person a "who" clause is about when the parser hangs
it on a place (``relative_head``); whether a verb is verbal or passive, also in headline grammar ("Jimmy
Lai arrested", ``HEADLINE``); the victim's phrase around its noun (``victim_phrase``); and which words
name a person (``person_word``, ``person_noun``, ``COLLECTIVE``), from the casualty lexicon's person lists.
Split out of triggers.py (s9) so both modules import it and nothing imports back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Figure


@dataclass
class Found:
    kind: str
    figure: Figure
    trigger: object  # spaCy Token
    victim: object | None  # spaCy Token
    victim_text: str
    tokens: list  # tokens that make the evidence
    zero: bool = False
    parts: list["Found"] = field(default_factory=list)
    perpetrator: bool = False
    kin: bool = False  # "along with 9 of their family members": people of the main victims' own side
    #: a state of custody ("remains in prison", "is being held"), not the happening that began it: its
    #: sentence's date and place are of the holding (a jail, a day of a hearing), never the event's
    held: bool = False
    #: told by a participle before the person ("jailed activist X", ``_attributive_single``): the writer's
    #: own description, whoever the sentence quotes on the rest
    described: bool = False


def is_passive(verb) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in verb.children)
        and not any(c.dep_ == "dobj" for c in verb.children)) or _headline_passive(verb)


#: ``doc.user_data`` key set on a parsed title: headline grammar applies ("Jimmy Lai arrested", "Police
#: arrest man"), which prose does not write
HEADLINE = "warcount.headline"


def headline(t) -> bool:
    """The token is in a parsed title (claims.py marks its doc)."""
    return bool(t.doc.user_data.get(HEADLINE))


def _headline_passive(verb) -> bool:
    """"Jimmy Lai arrested under security law": a headline drops the auxiliary of the passive, and the
    tagger reads the bare participle as a past tense with the person as its subject. Only in a title,
    only with no object and no auxiliary (prose writes "police arrested him", "X was arrested")."""
    return verb.tag_ == "VBD" and headline(verb) and not any(
        c.dep_ in ("dobj", "aux", "auxpass", "attr", "oprd", "ccomp", "xcomp") for c in verb.children) and any(
        c.dep_ == "nsubj" for c in verb.children)


def passive_subject(v, t) -> bool:
    """``v`` is what a passive trigger ``t`` tells of: its passive subject, or a headline's subject."""
    return v.dep_ == "nsubjpass" or (v.dep_ == "nsubj" and (v.head.i == t.i and _headline_passive(t) or any(
        x.i == v.i for x in _among(t))))  # "Agnes Chow and two other activists were among those arrested"


def verbal(t) -> bool:
    """A verb, or a verb the tagger took for a noun: a noun never has a direct object ("Hong Kong police
    arrest 5 speech therapists": "arrest" tagged a noun with "therapists" its object)."""
    return t.tag_.startswith("VB") or (t.tag_.startswith("NN") and any(c.dep_ == "dobj" for c in t.children))


PROPN = ("NNP", "NNPS")  # tags, not pos_: the attribute ruler that maps them costs a fifth of the parse


_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})


def _among(t) -> list:
    """"Five children were among the dead", "two journalists were among those killed", "27 students were
    among the abductees": the subject of "be among <the casualties>" is of them."""
    anchor = t if t.dep_ == "pobj" else t.head if t.dep_ in ("acl", "relcl", "amod") and t.head.dep_ == "pobj" else None
    if anchor is None or anchor.head.lower_ != "among" or anchor.head.head.lower_ not in _BE:
        return []
    if anchor is not t and anchor.lower_ not in ("those", "people", "persons", "others"):
        return []
    if any(c.dep_ == "nummod" for c in anchor.children):
        return []  # "Johnson was among the 53 others wounded": the figure is the group's, she one of them
    return [c for c in anchor.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]


#: prepositions of where someone is from or lives: "Mona Qaadan, 50, from the Jenin governorate in northern
#: West Bank, who has been detained": a "who" clause the parser hangs on their object is about the person
_LOCATIVE_PREPS = frozenset({"in", "from", "at", "near", "outside", "inside", "across", "of"})


def relative_head(verb, lex=None):
    """The noun a relative clause ("who was killed") tells of: its head in the parse, unless that head is
    the object of a place preposition after a person ("X, 50, from the Jenin governorate in northern West
    Bank, who has been detained": "who" is a person, never "West Bank"); then the person before the place
    phrase, or None when no person stands there. Only for "who" / "whom": "that" and "which" may be things."""
    head = verb.head
    if verb.dep_ != "relcl" or head.i == verb.i or not any(
            c.lower_ in ("who", "whom") for c in verb.children if c.dep_.startswith("nsubj") or c.dep_ == "dobj"):
        return head
    node, prep = head, None
    while node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in _LOCATIVE_PREPS \
            and node.tag_ in ("NNP", "NNPS", "NN") and not (lex is not None and person_word(node.lower_, lex)):
        if node.head.lower_ == "of" and prep is None:
            break  # "the mother of Jane, who": a person's own "of"
        prep = node.head
        node = prep.head
    if prep is None:
        return head
    doc = verb.doc
    k = prep.i - 1
    # the age and commas of "Mona Qaadan, 50,"; the participle of "a freelance journalist, raised in Florida,"
    while k >= max(verb.sent.start, prep.i - 8) and (doc[k].is_punct or doc[k].tag_ in ("CD", "VBN", "RB")):
        k -= 1
    if k < verb.sent.start:
        return None
    cand = doc[k]
    while cand.dep_ == "compound" and cand.head.i != cand.i:
        cand = cand.head
    if cand.tag_ in ("NNP", "NNPS") or (lex is not None and cand.tag_ in ("NN", "NNS") and person_word(cand.lower_, lex)):
        return cand
    return None


_BECOME = frozenset({"became", "become", "becomes", "is", "was", "are", "were", "'s", "\u2019s"})


def _copula_subject(t) -> list:
    """"Jimmy Lai became the highest-profile person arrested", "Fisher is the second person to be arrested":
    a participle on the noun a copula gives its subject tells of the subject (names only: the caller's)."""
    if t.dep_ not in ("acl", "relcl") or t.tag_ != "VBN" or t.head.dep_ != "attr" or t.head.head.lower_ not in _BECOME:
        return []
    return [c for c in t.head.head.children if c.dep_ == "nsubj" and c.tag_ in ("NNP", "NNPS")]


def victim_phrase(noun, fig_span) -> tuple[str, list]:
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


def person_noun(v, lex) -> bool:
    """A noun for one person: the lexicon's, or an agent or role word ("supervisor", "vendor",
    "commissioner", "businessman", "pharmacist"), which a casualty verb takes as its victim."""
    return person_word(v.lower_, lex)


def listed_person_word(low: str, lex) -> bool:
    """A person word of the lexicon itself, singular or plural, without ``person_word``'s suffix rule: a
    capitalised surname ("Fisher", "Baker", "Christian") ends like an agent noun but is a name."""
    return _in_person_lists(low, lex) or _in_person_lists(_singular(low), lex)


def person_word(low: str, lex) -> bool:
    """``person_noun`` on a lower-case word, singular or plural ("peasants", "tribesmen")."""
    if listed_person_word(low, lex):
        return True
    low = _singular(low)
    return bool(_PERSON_SUFFIX.search(low)) and low not in lex["not_person"]


def _in_person_lists(low: str, lex) -> bool:
    return low in lex["person"] or low in lex["single_person"] or low in lex["roles"]


def _singular(low: str) -> str:
    """A plural person word's singular as the person lists spell it ("tribesmen" -> "tribesman")."""
    if low.endswith("men") and len(low) > 4:
        return low[:-3] + "man"
    if low.endswith("s") and len(low) > 3 and not low.endswith("ss"):
        return low[:-1]
    return low


COLLECTIVE = {"police", "security", "forces", "staff", "crew", "personnel", "militia", "family", "people",
               "military", "army", "others", "other"}


_PERSON_SUFFIX = re.compile(r"(er|or|ist|ian|man|woman|ee|ant|ent)$")
