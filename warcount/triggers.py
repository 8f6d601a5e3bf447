"""The claim engine inside one parsed sentence: casualty triggers tied to their victims.

Each *trigger* (a casualty word from lexicons/casualty.json) is tied to its *victim* noun
through the dependency parse:

- passive and intransitive verbs: the subject ("80 fighters were killed");
- active verbs: the object ("killed dozens of fighters", "killing three");
- participles after a noun: that noun ("12 Iranians killed", "members who
  were killed");
- nouns: the "of" object or a number on the noun ("the loss of 17 advisers",
  "two fatalities");
- count nouns: "raising the number of prisoners to eight", "the death toll
  rose to 30".

The figure is the number on (or being) the victim noun; coordinated victims with their own
numbers give parts (``Found.parts``). One person without a number is read too: an indefinite
person noun ("a policeman was killed"), a pronoun, a name, and for the kinds and words a definite noun
tells as news (``DEFINITE_KINDS``, ``DEFINITE_WORDS``: "the activist went missing", "his brother was
executed", "the journalist was jailed"); custody.py reads
the shapes of a person held or missing that have no casualty verb ("remains in detention", "went
missing", "his whereabouts remain unknown"), not yet called here (see its docstring). What is found here is a ``Found``; claims.py makes it a
``Claim`` with its source, status, date and place.

World news writes some casualties in shapes of their own (s8-claims): a headline drops the article and the
auxiliary ("Police arrest man", "Jimmy Lai arrested": read only in a parsed title, ``HEADLINE``); a vague
plural of people ("some SP workers", "a number of policemen") is two or more (``vague_figures``); a named
person's conjuncts and companions add to them ("Hamadi and two others", "along with a British translator");
"five children were among the dead" counts the subject (``_among``).

And (s9-claims) what is no casualty and who is one person: a "who" clause the parser hangs on a place tells of
the person before it (``relative_head``); a plot, an attempt or a charge to do it did not happen ("conspiracy
charges to kidnap", "an attempted kidnapping", ``irrealis``); a proper noun before a person noun, a participle
before a name or role, a named subject of "the second person arrested" are one person ("the Panama Papers
reporter", "jailed activist X", ``_attributive_single``, ``_copula_subject``); "V X to death" kills.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import sides
from .nlp import cue_tokens, doc_text, lowers, text_of
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


_CASUALTY_CONTEXT = re.compile(r"\b(casualt|death|dead|kill|fatalit|died|lives)", re.I)


_YEAR = re.compile(r"^(19|20)\d\d$")


def figure_index(doc):
    """token index -> (Figure, first token, last token) for every casualty-able figure."""
    from . import numbers

    index = {}
    text = doc_text(doc)
    for m in numbers.find_figures(text):
        if not m.casualty_ok:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if _YEAR.match(text[span.start_char:span.end_char]) and not (span.end < len(doc) and doc[span.end].tag_ in ("NNS", "NNPS")):
            continue  # "2017 shooting of Paris police officers": a year, not 2017 people
        for t in span:
            index[t.i] = (m.figure, span[0], span[-1])
    return index


def _trigger_kind(tok, lex) -> str | None:
    low = tok.lower_
    kind = lex["trig"].get(low)
    if kind is None:
        return None
    if tok.tag_ in PROPN:
        return None
    return kind


def multiword_index(doc, lex):
    """token index -> kind for multiword triggers ("shot dead", "taken prisoner")."""
    out = {}
    lows = lowers(doc)
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


def fig_on(noun, figs):
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
    return _fig_on_modifier(noun, figs)


def _fig_on_modifier(noun, figs):
    """"Six paramilitary fighters", "Nine Afghan Local Police personnel": the parser hangs the
    number on a modifier before the noun; written first in the noun phrase, it counts the noun."""
    for c in noun.children:
        if c.i > noun.i or c.dep_ not in ("amod", "compound", "nmod"):
            continue
        for g in c.children:
            if g.dep_ == "nummod" and g.i < c.i and g.i in figs and figs[g.i][1].i <= noun.left_edge.i + 2:
                return figs[g.i]
    return None


def zero_on(noun, lex) -> bool:
    if noun.lower_ in lex["zero"] or noun.lower_ in ("nobody", "none", "no-one"):
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


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


#: casualty words that are verbs when a headline reads "<subject> <word> <object>"; not "murder" ("murder
#: suspect"), nor a word only a noun can be ("death", "detention", "kidnapping")
_HEADLINE_VERBS = frozenset({"arrest", "arrests", "kill", "kills", "detain", "detains", "abduct", "abducts", "kidnap",
                             "kidnaps", "execute", "executes", "hang", "hangs", "behead", "beheads", "nab", "nabs",
                             "capture", "captures", "seize", "seizes", "free", "frees"})


def _headline_verb(t) -> bool:
    """"Cops arrest doctor", "Greek police arrest man suspected of ...": in a headline the tagger reads the
    verb between two nouns as a compound of the object; the noun before it is the subject."""
    if t.lower_ not in _HEADLINE_VERBS or t.dep_ != "compound" or not headline(t) or t.i == t.sent.start:
        return False
    head, before = t.head, t.doc[t.i - 1]
    return head.i > t.i and head.tag_ in ("NN", "NNS") and before.tag_ in ("NN", "NNS", "NNP", "NNPS") \
        and before.head.i in (t.i, head.i) and before.lower_ not in ("house", "mass", "citizen")


def passive_subject(v, t) -> bool:
    """``v`` is what a passive trigger ``t`` tells of: its passive subject, or a headline's subject."""
    return v.dep_ == "nsubjpass" or (v.dep_ == "nsubj" and (v.head.i == t.i and _headline_passive(t) or any(
        x.i == v.i for x in _among(t))))  # "Agnes Chow and two other activists were among those arrested"


def verbal(t) -> bool:
    """A verb, or a verb the tagger took for a noun: a noun never has a direct object ("Hong Kong police
    arrest 5 speech therapists": "arrest" tagged a noun with "therapists" its object)."""
    return t.tag_.startswith("VB") or (t.tag_.startswith("NN") and any(c.dep_ == "dobj" for c in t.children))


PROPN = ("NNP", "NNPS")  # tags, not pos_: the attribute ruler that maps them costs a fifth of the parse




_HARM_NOUNS = {"injury", "injuries", "wound", "wounds"}


_SUFFER = {"sustain", "sustained", "sustains", "suffer", "suffered", "suffers", "received", "receive", "got",
           "sustaining", "suffering"}


#: nouns that count an outcome, not people: "six deaths" are never the people injured
_OUTCOME_NOUNS = {"death": "killed", "deaths": "killed", "fatality": "killed", "fatalities": "killed",
                  "injury": "wounded", "injuries": "wounded", "wound": "wounded", "wounds": "wounded"}


def _other_outcome(v, t) -> bool:
    """"caused six deaths and 66 injured", "8 military deaths and other 20 wounded": a noun that
    counts another outcome than the trigger's is that outcome's figure, not the trigger's victims."""
    mine = _OUTCOME_NOUNS.get(t.lower_) or ("wounded" if t.lower_ in ("injured", "wounded", "injuring", "wounding",
                                                                       "injures", "wounds", "injure", "wound")
                                           else "killed" if t.lower_ in ("killed", "killing", "kills", "kill", "died",
                                                                         "die", "dies", "dead") else None)
    other = _OUTCOME_NOUNS.get(v.lower_)
    return v.i != t.i and mine is not None and other is not None and other != mine


VICTIMS_MEMO = "warcount.victims"


def victims_of(t, lex):
    """Candidate victim nouns of a trigger token, best first (never a noun counting another outcome):
    remembered per parsed doc (as token indices, so the doc holds no tokens of its own), since the
    claims and the mentions scans ask for the same cues' victims (performance only)."""
    doc = t.doc
    memo = doc.user_data.get(VICTIMS_MEMO)
    if memo is None:
        memo = doc.user_data[VICTIMS_MEMO] = {}
    key = (t.i, id(lex))
    found = memo.get(key)
    if found is None:
        found = memo[key] = tuple(v.i for v in _victims_of(t, lex) if not _other_outcome(v, t))
    return [doc[i] for i in found]


def _victims_of(t, lex):
    low = t.lower_
    out = []
    is_noun = t.tag_.startswith("NN") and not verbal(t)
    if is_noun and _headline_verb(t):
        return [t.head]  # "Cops arrest doctor who helped ...": the verb read as a compound of its object
    out.extend(_among(t))
    if is_noun:
        if t.dep_ == "dobj" and t.head.lower_ in _SUFFER:
            out.extend(_subject_of(t.head))  # "57 sustained injuries"
        else:
            out.extend(_sufferers(t))
        for c in t.children:
            if c.dep_ == "prep" and (c.lower_ in ("of", "among") or c.lower_ == "to" and low in _HARM_NOUNS):
                out.extend(g for g in c.children if g.dep_ == "pobj")  # "injuries to 45 others"
        out.append(t)  # "two fatalities", "21 deaths"
        return out
    kids = list(t.children)
    passive = is_passive(t)
    objects = [c for c in kids if c.dep_ in ("dobj", "attr", "oprd")]
    if passive or (low in lex["intrans"] and not any(c.dep_ == "dobj" for c in kids)):
        out.extend(c for c in kids if c.dep_ in ("nsubjpass", "nsubj"))
    out.extend(objects)
    if t.dep_ == "acl" and t.head.dep_ == "pobj" and t.head.head.lower_ == "including" and t.head.head.head.i != t.i \
            and any(x.text == "," for x in t.doc[t.head.i + 1:t.i]):
        # "31 others, including four French soldiers, wounded in the attack": after the comma the
        # participle tells of the noun that includes them
        out.append(t.head.head.head)
    if t.dep_ in ("acl", "relcl", "amod") and t.head.i != t.i:
        head = relative_head(t, lex)
        if head is None:
            return out  # "..., from the Jenin governorate in northern West Bank, who has been detained"
        # "members who were killed" / "12 Iranians killed" / "the dead"; "a soldier and a civilian
        # injured": the participle on the last conjunct tells of the whole coordination
        first = head
        while first.dep_ == "conj" and first.head.i != first.i and first.head.tag_ in ("NN", "NNS") \
                and t.dep_ == "acl" and not any(c.dep_ in ("acl", "amod") and c.i > first.head.i and (
                    lex["trig"].get(c.lower_) or c.lower_ == "dead") for c in first.head.children):
            first = first.head  # (not "three militants killed and a jawan injured": each has its own)
        out.append(first)
        if first.i != head.i:
            out.append(head)  # the conjunct itself when the first names no victim
        out.extend(_copula_subject(t))  # "Jimmy Lai became the highest-profile person arrested"
    if t.dep_ in ("acomp", "xcomp", "oprd") and t.head.i != t.i:
        if t.dep_ == "oprd":  # "left 3 people dead", "leaving two wounded": the object
            out.extend(c for c in t.head.children if c.dep_ == "dobj")
        out.extend(c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    if t.dep_ == "conj" and not any(c.dep_.startswith("nsubj") or c.dep_ == "dobj" for c in kids):
        # "one soldier died and three others, including civilians, were injured": the parser hangs
        # the second clause's subject on the first verb, between the two verbs
        out.extend(c for c in t.head.children if c.dep_ == "conj" and c.tag_ in ("NNS", "NN") and t.head.i < c.i < t.i
                   and not lex["trig"].get(c.lower_))
        # "were killed and four injured": share the first verb's victims only via own numbers
        # an active verb's subject is its actor, not a victim: "A gunman killed one and two others were wounded"
        head_passive = is_passive(t.head) or t.head.lower_ in lex["intrans"]
        out.extend(c for c in t.head.children if passive and (c.dep_ == "nsubjpass" or c.dep_ == "nsubj" and head_passive))
    if not out and low in lex["intrans"] and t.dep_ in ("amod",):
        out.append(t.head)
    out.extend(c for c in kids if c.dep_ == "npadvmod" and c.lower_ in _ORDINALS)  # "and a third injured"
    return out


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


def _subject_of(verb) -> list:
    """The subject of a suffering verb; of a relative clause, the noun it is on ("three children
    who sustained minor injuries")."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and any(c.lower_ in ("who", "that") for c in subj):
        return [verb.head]
    return subj


def _sufferers(t) -> list:
    """"57 sustained injuries" however the parser hangs the noun: "eight commuters received various
    degrees of injuries", "seven policemen sustained injuries and ...": the subject of the
    suffering verb a few words before the harm noun."""
    if t.lower_ not in _HARM_NOUNS:
        return []
    for j in range(t.i - 1, max(t.sent.start, t.i - 5) - 1, -1):
        x = t.doc[j]
        if x.lower_ in _SUFFER and x.tag_.startswith("VB"):
            return _subject_of(x)
        if x.tag_ not in ("DT", "JJ", "JJR", "JJS", "RB", "NN", "NNS", "IN") or x.tag_ == "IN" and x.lower_ != "of":
            return []
    return []


def _victim_text(v, fig, t) -> str:
    """The victim words of ``v`` (``victim_phrase``), without the trigger and what comes before it when the
    parse hangs them on the victim ("Cops arrest doctor": "doctor")."""
    return _after_trigger(*victim_phrase(v, fig), v, t)


def _after_trigger(text: str, toks: list, v, t) -> str:
    """``_victim_text`` of a victim phrase already read."""
    if t.i < v.i and any(x.i <= t.i for x in toks):
        toks = [x for x in toks if x.i > t.i and x.tag_ not in ("WP", "WDT")]
        text = " ".join(x.text for x in toks)
    return text


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


#: vague amounts of people that numbers.py gives no count ("some", "many", "a number of"): two or more,
#: the least the plural can mean (the corpus's convention: "some" 2+, "a number of" 2+); read only as a
#: trigger's victims, never as the mentions' and the account's headcount
_VAGUE_DETS = frozenset({"some", "many", "numerous"})
_VAGUE_NOUNS = frozenset({"number", "group"})
_VAGUE_ADJ_OK = frozenset({"large", "big", "huge", "great", "small", "unknown", "unspecified", "undisclosed",
                           "alarming", "significant", "considerable", "growing", "undetermined", "unconfirmed"})


def vague_figures(sent, figs, lex) -> dict:
    """token index -> (Figure(2, None), first, last) for "some workers", "many others", "a number of
    policemen", "a large group of students": a plural of people without a count. Not "some 50" (a
    number's hedge, numbers.py), "how many", "as many as", "many more", nor "some" of a singular."""
    doc = sent.doc
    lows = lowers(doc)
    out = {}
    for i in range(sent.start, sent.end):
        low = lows[i]
        if low in _VAGUE_DETS:
            t = doc[i]
            if i in figs or i + 1 < sent.end and (i + 1 in figs or lows[i + 1] in ("more", "of", "as", "times")):
                continue
            if i > sent.start and lows[i - 1] in ("how", "as", "so", "too") and not (
                    i - 2 >= sent.start and lows[i - 2] == "far"):
                continue
            if t.dep_ in ("det", "amod") and t.head.tag_ == "NNS" and _people(t.head, lex):
                out[i] = (Figure(2, None, t.text), t, t)  # "some SP workers", "many party workers"
        elif low in _VAGUE_NOUNS and i + 1 < sent.end and lows[i + 1] == "of" and i > sent.start:
            j = i - 1
            while j > sent.start and lows[j] in _VAGUE_ADJ_OK:
                j -= 1
            if lows[j] not in ("a", "an") or j in figs or i in figs or not any(
                    c.dep_ == "prep" and c.lower_ == "of" and any(
                        g.dep_ == "pobj" and _people(g, lex) and not any(x.i in figs for x in g.subtree)
                        for g in c.children) for c in doc[i].children):
                continue  # "a number of policemen"; not "a number of houses", nor "a number of 43 people"
            fig = (Figure(2, None, doc[j:i + 1].text), doc[j], doc[i])
            for k in range(j, i + 1):
                out[k] = fig
    return out


def _people(noun, lex) -> bool:
    """A plural noun of people ("workers", "others", "students"), the only nouns a vague amount counts."""
    return noun.lower_ in ("others", "people", "persons", "individuals") or person_word(noun.lower_, lex) and \
        noun.lower_ not in lex["not_person"]


def find_in_sentence(sent, figs, lex, multi) -> list[Found]:
    vague = vague_figures(sent, figs, lex)
    if vague:
        figs = {**vague, **figs}
    found: list[Found] = []
    used_figs: set[int] = set()
    # figure -> kind of a relative clause on its victims ("Seven men who were kidnapped were found
    # dead"): the clause tells what befell them before; the main verb may count them for another kind
    described: dict[int, str] = {}
    victim_of: set[int] = set()
    triggers = []
    context = bool(_CASUALTY_CONTEXT.search(text_of(sent)))
    for t in cue_tokens(sent, _trigger_words(lex), multi):  # the other tokens can be no trigger
        if t.i in multi:
            kind, role = multi[t.i]
            if role != "inner":
                triggers.append((t, kind, role))
            continue
        if context and t.lower_ in _TOLL_WORDS and not any(
                t.i == i for i in multi):
            triggers.append((t, "killed", "toll"))
            continue
        verb = _to_death_verb(t) if t.lower_ == "death" else None
        if verb is not None:
            triggers.append((verb, "killed", "word"))  # "stabbed his wife to death": the verb kills
            continue
        kind = _trigger_kind(t, lex)
        if kind:
            triggers.append((t, kind, "word"))
    if any(t.lower_ == "death" for t, _, _ in triggers) or len({t.i for t, _, _ in triggers}) < len(triggers):
        seen: dict[int, tuple] = {}
        for t, kind, role in triggers:
            if t.i not in seen or (kind == "killed" and _to_death_verb_of(t)):
                seen[t.i] = (t, kind, role)  # "stabbed ... to death": killed, not also wounded
        triggers = sorted(seen.values(), key=lambda x: x[0].i)
    # nouns that are the victims of a verb trigger are not triggers themselves ("executed three prisoners")
    verb_triggers = [t for t, _, r in triggers if verbal(t)]
    for vt in verb_triggers:
        for v in victims_of(vt, lex):
            victim_of.add(v.i)
    for t, kind, role in triggers:
        if t.i in victim_of and t.tag_.startswith("NN") and role == "word" and not _verb_form(t, figs):
            continue
        if role == "toll":
            fig = _figure_near_count(t, figs, lex) or _after_count(t, figs, lex)
            if fig and fig[1].i not in used_figs:
                found.append(_make(kind, fig, t, None, "", [t, fig[1], fig[2]]))
                used_figs.add(fig[1].i)
            continue
        used = used_figs
        if described:
            used = used_figs - {i for i, k in described.items() if k != kind}
        got = _match_trigger(t, kind, figs, lex, used)
        if got:
            found.append(got)
            if got.figure is not None and not got.zero:
                for fs in _fig_tokens(got, figs):
                    used_figs.add(fs)
                    if _describes_victim(got) and fs not in described:
                        described[fs] = kind
            for p in got.parts:
                for fs in _fig_tokens(p, figs):
                    used_figs.add(fs)
    return _died_of_wounds(found)


def _to_death_verb(t):
    """The verb of "V X to death" ("stabbed his wife to death", "torturing Giulio Regeni to death",
    "shooting to death his former girlfriend"), for its "death", or None (not "sentenced to death", "put to
    death": a sentence and an execution, which the lexicon reads)."""
    if t.dep_ != "pobj" or t.head.lower_ != "to" or t.head.dep_ != "prep" or any(c.dep_ == "poss" for c in t.children):
        return None
    verb = t.head.head
    if not verb.tag_.startswith("VB") or verb.lower_ in _NOT_TO_DEATH:
        return None
    return verb


def _to_death_verb_of(verb) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" and g.dep_ == "pobj"
                                                               for g in c.children) for c in verb.children)


#: verbs before "to death" that tell no killing done: a sentence, a threat, a fear, an execution ("put to
#: death" is the lexicon's own), a bore ("bored to death"), a state ("close to death")
_NOT_TO_DEATH = frozenset({"sentenced", "sentence", "sentences", "sentencing", "condemned", "condemn", "put", "puts",
                           "putting", "bored", "scared", "frightened", "worried", "threatened", "threaten", "threatens",
                           "close", "near", "doomed", "starve", "starved", "starving", "freeze", "froze", "frozen",
                           "freezing", "drink", "drank", "drinking", "work", "worked", "working", "bleed", "bled",
                           "bleeding", "led", "lead", "leading", "contributed", "contribute", "linked", "link", "come",
                           "came", "nursed"})


#: nouns that make a figure before a casualty noun a count of happenings: "the two kidnapping incidents"
_EVENT_NOUNS = frozenset({"incident", "incidents", "attack", "attacks", "operation", "operations", "episode",
                          "episodes", "spree", "sprees", "plot", "plots", "attempt", "attempts", "charge", "charges",
                          "trial", "trials", "ring", "rings", "gang", "gangs"})


def counts_events(f: Found, figs) -> bool:
    """The figure of ``f`` counts happenings, not people: "no one has claimed responsibility for the two
    kidnapping incidents" (the figure, the casualty noun, then a noun of events)."""
    t = f.trigger
    if not t.tag_.startswith("NN") or t.i + 1 >= len(t.doc):
        return False
    nxt = t.doc[t.i + 1]
    return nxt.lower_ in _EVENT_NOUNS and any(x.i in figs and x.i < t.i for x in f.tokens if x is not None)


def _died_of_wounds(found: list[Found]) -> list[Found]:
    """"a juvenile injured in a shooting has died", "three soldiers, who were injured in the
    attack, have succumbed": the wound is the story of a death, so its victims are the dead,
    not also the wounded."""
    dead = {f.victim.i for f in found if f.kind == "killed" and f.victim is not None}
    if not dead:
        return found
    return [f for f in found if not (f.kind == "wounded" and f.victim is not None and f.victim.i in dead
                                     and f.trigger.dep_ in ("acl", "relcl"))]


def _describes_victim(f: Found) -> bool:
    """The trigger is a relative clause or participle on its own victim noun ("men who were
    kidnapped", "policemen abducted last week") that is the subject of another verb."""
    v = f.victim
    return (v is not None and f.trigger.dep_ in ("relcl", "acl") and f.trigger.head.i == v.i
            and v.dep_ in ("nsubj", "nsubjpass") and v.tag_ in ("NN", "NNS") and v.i > f.trigger.i - 12
            and (f.trigger.dep_ == "relcl" or any(c.dep_ == "agent" or c.lower_ == "by" for c in f.trigger.children)))


_TOLL_WORDS = ("toll", "tolls", "tally", "tallies")


def _trigger_words(lex) -> frozenset[str]:
    """Every word ``find_in_sentence`` can take for a trigger besides the multiword ones (kept in
    the lexicon dict itself, built on first use)."""
    words = lex.get("_trigger_words")
    if words is None:
        words = lex["_trigger_words"] = frozenset(lex["trig"]) | frozenset(_TOLL_WORDS)
    return words


def _fig_tokens(f: Found, figs) -> list[int]:
    out = []
    for t in f.tokens:
        if t.i in figs:
            out.append(figs[t.i][1].i)
    return out


def _make(kind, fig, trigger, victim, vtext, toks, zero=False) -> Found:
    figure = fig[0] if fig else Figure(0, 0, "")
    return Found(kind, figure, trigger, victim, vtext, list(toks), zero=zero)


_IRREALIS = {"threaten", "threatened", "threatens", "threatening", "plan", "planned", "plans", "planning", "plot",
             "plotted", "plotting", "vow", "vowed", "vows", "try", "tried", "tries", "trying", "attempt", "attempted",
             "attempting", "want", "wanted", "wants", "intend", "intended", "intends", "seek", "sought", "aim",
             "aimed", "conspire", "conspired", "urge", "urged", "call", "called", "promise", "promised", "fear",
             "feared", "seeking", "seeks", "demand", "demanded", "demanding", "demands"}


#: nouns of an intent, a plan or a charge: "charges to kidnap a journalist", "a plot to kill", "an attempt to
#: abduct": what they name is what someone meant or is accused of meaning to do, not what happened
_INTENT_NOUNS = frozenset({"plot", "plots", "conspiracy", "conspiracies", "charge", "charges", "attempt", "attempts",
                           "plan", "plans", "bid", "bids", "scheme", "schemes", "threat", "threats", "intent",
                           "intention", "intentions", "effort", "efforts", "order", "orders", "call", "calls",
                           "campaign", "demand", "demands", "warrant", "warrants", "wish", "desire", "goal",
                           "aim", "mission", "ambition", "readiness", "right", "decision", "proposal"})
#: modifiers of a casualty noun that make it no happening: "attempted kidnapping", "a foiled abduction"
_NOT_DONE_MODS = frozenset({"attempted", "foiled", "thwarted", "failed", "planned", "plotted", "intended",
                            "threatened", "botched", "averted", "would-be", "possible", "potential"})


def _object_of_intent(t) -> bool:
    """A casualty noun inside the object of a verb of intent: "had been plotting attacks — including killing
    of a large number of civilians", "planned the abduction of X" (not "was tried for the killing": the
    chain must enter the verb as its object)."""
    node = t
    for _ in range(5):
        head = node.head
        if head.i == node.i:
            return False
        if node.dep_ == "dobj":
            return head.lower_ in _IRREALIS and head.tag_.startswith("VB")
        if node.dep_ not in ("pobj", "prep", "conj", "appos"):
            return False
        node = head
    return False


def irrealis(t) -> bool:
    """"threatened to kill", "plotting to kidnap", "charges to kidnap a journalist", "an attempted
    kidnapping": a casualty that did not happen (a plot, an attempt, a charge of it)."""
    if t.tag_.startswith("NN") and any(c.dep_ in ("amod", "compound") and c.lower_ in _NOT_DONE_MODS
                                       for c in t.children):
        return True
    if t.dep_ == "acl" and t.head.lower_ in _INTENT_NOUNS and any(c.lower_ == "to" and c.dep_ == "aux"
                                                                   for c in t.children):
        return True
    if t.tag_.startswith("NN") and _object_of_intent(t):
        return True
    node = t
    for _ in range(2):
        if node.dep_ in ("xcomp", "ccomp", "advcl") and node.head.lower_ in _IRREALIS and not (
                node.dep_ == "advcl" and node.tag_ == "VBG"):
            return True  # "killing 30" after "tried to storm the base, ...": it happened
        node = node.head
    return False


def _match_trigger(t, kind, figs, lex, used) -> Found | None:
    weak = t.lower_ in lex["weak"]
    if irrealis(t) or _self_hanged(t):
        return None
    for v in victims_of(t, lex):
        fig = fig_on(v, figs)
        if fig is None and v.i != t.i and v.dep_ == "pobj" and v.head.lower_ == "of" and v.head.head.i in figs:
            fig = figs[v.head.head.i]  # "one of them"
        if fig is not None and fig[1].i in used:
            continue
        if fig is not None:
            vtext, vtoks = victim_phrase(v, fig)
            vtext = _after_trigger(vtext, vtoks, v, t)
            if weak and not _personal(v, vtoks, lex, fig, t):
                continue
            f = _make(kind, fig, t, v, vtext or v.text, [t, fig[1], fig[2], v])
            f.parts = _coordinated(v, kind, t, figs, lex, used)
            f.perpetrator = _perpetrator(vtext, lex)
            return f
        if zero_on(v, lex) and (not weak or any(x.lower_ in lex["person"] for x in v.subtree)):
            vtext, _ = victim_phrase(v, None)
            return _make(kind, None, t, v, vtext, [t, v], zero=True)
        # a single person: "a policeman was killed", "killing him"
        single = _single(v, t, lex)
        definite = kind in DEFINITE_KINDS or t.lower_ in DEFINITE_WORDS
        if single is None and definite:
            single = _definite_single(v, t, lex)
        if single is not None and (not weak or definite or t.lower_ in NAMED_WEAK_OK):  # "the murder of a diver"
            vtext = _victim_text(v, None, t)
            f = Found(kind, single, t, v, vtext or v.text, [t, v])
            f.parts = _coordinated(v, kind, t, figs, lex, used)
            f.perpetrator = _perpetrator(f.victim_text, lex)
            return f
        described = _attributive_single(v, t, kind, lex)
        if described is not None:
            while v.dep_ == "compound" and v.head.i > v.i and v.head.tag_ in ("NNP", "NN"):
                v = v.head
            vtext, _ = victim_phrase(v, None)
            f = Found(kind, described, t, v, vtext or v.text, [t, v])
            f.held = kind != "killed"  # "jailed activist X": a state, dated and placed by nothing here
            f.described = True
            return f
        included = _included_name(v, t, lex) if not weak else None
        if included is not None:
            name, fig = included
            vtext, _ = victim_phrase(name, None)
            return Found(kind, fig, t, name, vtext or name.text, [t, name])
        named = _named_single(v, t, lex)
        if named is not None and (not weak or t.lower_ in NAMED_WEAK_OK):
            vtext, _ = victim_phrase(v, None)
            f = Found(_abduction(t, kind, lex), named, t, v, vtext or v.text, [t, v])
            # "kidnapped DSP Umar Baloch and four other policemen"; not "blogger and activist Alaa Abdel Fattah"
            name = _appositive_name(v, lex) or v
            f.parts = [p for p in _coordinated(v, f.kind, t, figs, lex, used) if p.victim is None or p.victim.i > name.i]
            f.perpetrator = _perpetrator(f.victim_text, lex)
            return f
    held = _under_arrest(t, kind, lex)
    if held is not None:
        return held
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
                    fig = fig_on(c, figs)
                    if fig and fig[1].i not in used:
                        vtext, _ = victim_phrase(c, fig)
                        return _make(kind, fig, t, c, vtext, [t, fig[1], fig[2], c])
    return _surface(t, kind, figs, lex, used, weak)


_HANGED = frozenset({"hanged", "hangs", "hanging", "hang"})


def _self_hanged(t) -> bool:
    """"He hanged himself in his cell": a suicide, not an execution (the reflexive object), and "was
    found hanged" tells a death whose cause the text has not settled."""
    if t.lower_ not in _HANGED:
        return False
    if any(c.dep_ == "dobj" and c.lower_ in _REFLEXIVE for c in t.children):
        return True
    return t.head.i != t.i and t.head.lower_ in ("found", "discovered") and t.dep_ in ("oprd", "xcomp", "acomp", "ccomp")


def _surface(t, kind, figs, lex, used, weak) -> Found | None:
    """Fallback when the parse gives nothing: a figure right before or after the trigger."""
    sent = t.sent
    if _definite_partitive(t):
        return None
    # before: "<figure> <people words> (were|have been)? <trigger>"; a verb read as a noun
    # ("kills 2 children wounds 6 others") takes the figure after it
    j = t.i - 1
    steps = 0
    verb_noun = t.tag_.startswith("NN") and _verb_form(t, figs)
    while j >= sent.start and steps < 5 and not verb_noun:
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
        if tok.tag_.startswith("VB") and tok.dep_ not in ("aux", "auxpass") and not (
                tok.lower_ in _HEARSAY and tok.dep_ == "advcl") or tok.text in (";", ":") or tok.lower_ in ("and", "but", "while"):
            break
        j -= 1
        steps += 1
    # after: "<trigger> (the|another)? <figure>", verbs only ("killing three", "wounded another 20")
    if t.lower_ in _HARM_NOUNS and t.i + 2 < sent.end and t.doc[t.i + 1].lower_ == "to" and t.i + 2 in figs:
        fig = figs[t.i + 2]  # "injuries to 45 others", however the parser hangs "to"
        if fig[1].i not in used:
            after = [x for x in t.doc[fig[2].i + 1: min(sent.end, fig[2].i + 3)] if x.tag_.startswith("NN")][:1]
            return _make(kind, fig, t, after[0] if after else fig[2], after[0].text if after else "", [t, fig[1], fig[2]])
    if t.tag_.startswith("NN") and not _verb_form(t, figs):
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


#: "thirty reported wounded", "five said killed": a hedge between the figure and its trigger
_HEARSAY = {"reported", "reportedly", "said", "believed", "feared", "thought", "confirmed"}


def _verb_form(t, figs) -> bool:
    """A verb the tagger took for a noun: "wounding 25", "kills 2 children wounds 6 others"
    (a casualty word ending in -ing or -s right before a figure)."""
    return t.i + 1 in figs and t.i + 1 < t.sent.end and (t.lower_.endswith("ing") or t.lower_.endswith("s")) \
        and not t.lower_.endswith(("ies", "ties")) and t.lower_ not in ("bodies", "lives", "losses")


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
    if v.tag_ in ("NN", "NNS") and person_word(v.lower_, lex):
        return True  # "murder 12 peasants", "lost two tribesmen"
    if v.lower_ in ("counts", "count", "charges") and t.lower_ in _LEGAL and t.i > 0 and \
            t.doc[t.i - 1].lower_ != "attempted":
        return True  # "admitted to 3 counts of murder": one count a victim
    return v.tag_ == "NNPS"


def counts_people(f: Found, figs, lex) -> bool:
    """The figure of ``f`` counts people: the number alone ("4 killed", "400 arrested") or a number before
    a person noun ("5 speech therapists"), never a number before a thing that a headline's loose grammar
    ties to the trigger ("Men shoot 20 rounds in Queens, injure 4"). A one-person reading and a zero pass."""
    if f.zero:
        return True
    at = [t for t in f.tokens if t is not None and t.i in figs]
    if not at:
        return True
    doc = at[0].doc
    run = []
    k = figs[at[0].i][2].i + 1
    while k < len(doc) and doc[k].tag_ in ("NN", "NNS", "NNP", "NNPS", "JJ", "HYPH", "POS", "VBN") and len(run) < 6:
        run.append(doc[k])
        k += 1
    nouns = [x for x in run if x.tag_.startswith("NN")]
    if not nouns:
        return True
    return _personal(nouns[-1], nouns, lex, None, f.trigger) or nouns[-1].lower_ in (
        "people", "persons", "others", "civilians", "individuals")


def _single(v, t, lex) -> Figure | None:
    from .numbers import pronoun_figure

    if v.tag_ == "PRP":
        # "killing him", "he was shot dead": the object of an active verb or the subject of a passive
        # one; "he died" in a biography mostly re-tells a named death, so an active subject is left out
        return pronoun_figure(v.lower_) if (t.i < v.i and v.dep_ == "dobj") or passive_subject(v, t) else None
    if v.lower_ in ("other", "another") and v.dep_ in ("nsubj", "nsubjpass") and not any(
            c.dep_ == "nummod" for c in v.children):
        return Figure(1, 1, v.text)  # "a policeman was shot dead and other was injured"
    if v.i == t.i and t.tag_ == "NN" and t.lower_ in _ONE_DEATH:
        # "caused his immediate death", "resulting in her death": one person's death
        poss = [c for c in t.children if c.dep_ == "poss" and c.lower_ in ("his", "her")]
        # only as what something caused ("resulted in his death"); "Her death focused attention" recalls it
        if poss and _caused(t) and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
            return Figure(1, 1, f"{poss[0].text} {t.text}")
        return None
    det = [c for c in v.children if c.dep_ in ("det", "poss")]
    if not det:  # "A police jawan": the article hangs on the compound before the noun
        det = [d for c in v.children if c.dep_ == "compound" and c.i < v.i for d in c.children
               if d.dep_ == "det" and d.i == v.left_edge.i]
    if v.lower_ in _ORDINALS and det and det[0].lower_ == "a":
        return Figure(1, 1, f"a {v.text}")  # "two were killed and a third injured"
    if det and det[0].lower_ in ("his", "her") and v.tag_ == "NN" and v.i != t.i and v.lower_ in _COMPANIONS:
        return Figure(1, 1, f"{det[0].text} {v.text}")  # "shot dead, while his friend was injured"
    lower_propn = v.tag_ == "NNP" and v.text.islower()  # the tagger's proper noun for "jawan"
    # "the driver" is often the attacker's own driver: only an indefinite single is a new victim
    if (v.tag_ == "NN" or lower_propn) and v.i != t.i and person_noun(v, lex) and (
            v.lower_ not in COLLECTIVE or v.lower_ == "personnel" and det and det[0].lower_ in ("a", "an")) \
            and det and det[0].lower_ in ("a", "an", "one", "another"):
        return Figure(1, 1, f"{det[0].text} {v.text}")
    if not det and headline(t) and v.tag_ == "NN" and v.i != t.i and person_noun(v, lex) and v.lower_ not in COLLECTIVE \
            and not any(c.dep_ in ("nummod", "poss", "conj") for c in v.children):
        return Figure(1, 1, v.text)  # "Police arrest man", "Toddler found dead": a headline drops the article
    if v.tag_ == "NN" and v.i != t.i and det and det[0].lower_ == "the" and person_noun(v, lex) \
            and v.lower_ not in COLLECTIVE and _proper_modified(v) and (passive_subject(v, t) or (
                v.dep_ == "dobj" and t.i < v.i)):
        # "The Panama Papers investigative reporter was killed": a proper noun before the person noun makes
        # the description one known person (not "the driver", whom a story has often counted already)
        return Figure(1, 1, f"{det[0].text} {v.text}")
    if v.tag_ in ("NN", "NNP") and v.lower_ in lex["roles"] | _OFFICE and det and det[0].lower_ == "the" and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in v.children) and t.i < v.i and v.dep_ == "dobj":
        return Figure(1, 1, f"the {v.text}")  # "shot and killed the mayor of Misurata": one office holder
    return None


def _proper_modified(v) -> bool:
    """A proper noun among the words before a person noun ("the Panama Papers investigative reporter", "the
    Al Jazeera journalist"), besides the article: the description names one known person."""
    return any(c.i < v.i and c.dep_ in ("compound", "nmod") and (c.tag_ in PROPN or any(
        g.tag_ in PROPN and g.dep_ == "compound" for g in c.children)) for c in v.children)


#: weak triggers that a named person makes a casualty: a place is "captured", never "jailed"
NAMED_WEAK_OK = {"jailed", "murder", "missing", "disappeared", "disappearance", "detention"}
#: kinds whose one person the article may name with "the" or a possessive ("the activist went missing", "his
#: brother was executed"): the person is the news. Not the dead and the hurt ("the driver" is often someone
#: already counted), and not "the man was arrested" / "he was captured": in crime news that is the suspect,
#: caught days later and elsewhere, and as a claim it moved local main events to the arrest's town and day
#: (3 of 4 articles it changed); a person jailed or imprisoned is held, and that reads with "the" too.
DEFINITE_KINDS = frozenset({"missing", "executed"})
DEFINITE_WORDS = frozenset({"jailed", "imprisoned", "incarcerated"})


def weak_of_one_person(triggers_by_kind: dict[str, list[str]]) -> frozenset[str]:
    """The trigger words that one person alone makes a claim of even when weak (``_match_trigger``): a named
    person (``NAMED_WEAK_OK``), or one told by "the" or a possessive (``DEFINITE_WORDS`` and the words of
    ``DEFINITE_KINDS`` in ``triggers_by_kind``, the casualty lexicon's "triggers"). The pre-filter keeps a
    page on them without a headcount."""
    return frozenset(NAMED_WEAK_OK | DEFINITE_WORDS | {w.lower() for kind in DEFINITE_KINDS
                                                       for w in triggers_by_kind.get(kind, [])})



def _definite_single(v, t, lex) -> Figure | None:
    """"The journalist was jailed", "they executed his brother", "his brother imprisoned in 2019": one
    person by a singular person noun with "the" or a possessive, as the passive subject, the object after
    the verb, or the noun a participle is on (never a collective: "the police", "the family"); called for
    ``DEFINITE_KINDS`` and ``DEFINITE_WORDS`` only."""
    if v.i == t.i or v.tag_ != "NN" or v.lower_ in COLLECTIVE or not person_noun(v, lex) or any(
            c.dep_ == "neg" for c in t.children):
        return None  # (not "they had not detained the activist")
    if not (passive_subject(v, t) or (v.dep_ == "dobj" and t.i < v.i)
            or (t.dep_ in ("acl", "relcl") and t.head.i == v.i and t.tag_ == "VBN")):
        return None
    det = [c for c in v.children if c.dep_ in ("det", "poss")]
    if not det or det[0].lower_ not in ("the", "his", "her", "their", "its") and not (
            det[0].dep_ == "poss" and det[0].tag_ in ("NNP", "NNPS")):
        return None
    if any(c.dep_ == "nummod" for c in v.children):
        return None
    return Figure(1, 1, f"{det[0].text} {v.text}")
#: one person's outcome as a noun with the person after "of" ("the killing of Qasem Soleimani")
_NAMED_OUTCOME_NOUNS = {"killing", "murder", "assassination", "execution", "beheading", "abduction", "kidnapping",
                        "arrest", "detention", "disappearance"}
#: nouns before "the arrest of X" that make it wanted, not done ("a warrant for the arrest of X")
_NOT_DONE_HEADS = {"warrant", "warrants", "order", "ordered", "orders", "sought", "seek", "seeking", "call", "calls",
                   "called", "calling", "demand", "demanded", "demanding", "demands", "urged", "urge", "push"}
#: courtesy titles before a surname ("Mr Navalny"), not part of the name's shape test
_NAME_TITLES = {"mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr.", "sir", "dame", "lord", "lady"}
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'\u2019.-]*(?:['\u2019.-][^\W\d_]*)*\.?")


@lru_cache(maxsize=1)
def _actor_names() -> frozenset[str]:
    """The armed groups, official bodies, monitors and outlets of ``lexicons/actors.json`` by every name
    and alias, lower case: "killed Al-Shabaab" kills no person of that name."""
    from . import lexicon

    out = set()
    for a in lexicon.load("actors")["actors"]:
        for n in [a["name"], *a.get("aliases", ())]:
            out.add(n.lower())
    return frozenset(out)


def _named_single(v, t, lex) -> Figure | None:
    """One person by name, as world news reports an arrest, an abduction or a killing: "Mohammed Ali
    Hamadi was arrested", "police killed 25-year-old Sami Wagdy Bashir", "the killing of Iranian commander
    Qasem Soleimani". The name is the passive subject, the object after an active verb, or the "of" object
    of an outcome noun; every word of it capitalised (a particle such as "al-" aside; not a dateline's
    capitals, not "Police", "County" or a weekday), and not a bare role word ("Iran Hangs Man"), so an
    organisation, a description or a count is not taken for a person."""
    if v.i == t.i or any(c.dep_ == "neg" for c in t.children) or _scare_quoted(t):
        return None  # "they had not detained Kolesnikova": a denial, not one person held
    name = _appositive_name(v, lex)
    if name is not None:
        v, role = name, v  # "its chief US correspondent Andrew Buncombe was arrested": the name tells the one
    else:
        role = v
    if v.tag_ != "NNP" and not (v.tag_ == "NN" and v.i == v.sent.start and v.text[:1].isupper()
                                and v.lower_ not in _NOT_NAMES and not any(c.dep_ == "det" for c in v.children)):
        return None  # the tagger reads a rare surname opening a sentence as a noun ("Hamadi was arrested")
    if verbal(t):
        copular = any(x.i == role.i for x in _copula_subject(t)) or any(x.i == role.i for x in _among(t))
        antecedent = relative_head(t, lex) if t.dep_ == "relcl" else None
        relative = antecedent is not None and antecedent.i == role.i and is_passive(t) and any(
            c.lower_ in ("who", "whom") for c in t.children)  # "Robert Stethem, who was murdered"
        if not (passive_subject(role, t) or (role.dep_ == "dobj" and t.i < role.i) or relative or copular):
            return None
    elif not (t.tag_ == "NN" and t.lower_ in _NAMED_OUTCOME_NOUNS and role.dep_ == "pobj" and role.head.lower_ == "of"
              and role.head.head.i == t.i and not (t.head.lower_ in _NOT_DONE_HEADS or t.dep_ == "pobj"
                                                    and t.head.head.lower_ in _NOT_DONE_HEADS)):
        return None
    elif v.lower_.endswith("s") and not v.lower_.endswith("ss") and not any(
            c.dep_ == "compound" for c in v.children):
        return None  # "the detention of Uighurs", "the killing of Kurds": a people, not one person
    return _name_figure(v, lex, conj_ok=True, surname_ok=lex["trig"].get(t.lower_) in _SURNAME_KINDS)


#: participles news sets before one person's name or role as what befell them: "jailed Kremlin critic Alexei
#: Navalny", "abducted toddler Nalani Johnson", "the arrested doctor", "slain journalist X"
_ATTRIBUTIVE = frozenset({"jailed", "imprisoned", "detained", "arrested", "incarcerated", "abducted", "kidnapped",
                          "missing", "disappeared", "slain", "murdered", "assassinated", "executed"})


def _attributive_single(v, t, kind: str, lex) -> Figure | None:
    """One person told by a casualty participle before their name or role ("imprisoned opposition leader
    Alexei Navalny", "the arrested doctor", "the missing college student"): the name, or a singular person
    noun with "the", "a" or a possessive. The killed only by name ("slain journalist X"): "the murdered man"
    is mostly the one the story has counted already."""
    if t.dep_ != "amod" or t.head.i != v.i or t.i > v.i or t.lower_ not in _ATTRIBUTIVE or v.i == t.i:
        return None
    name = v
    while name.dep_ == "compound" and name.head.i > name.i and name.head.tag_ in ("NNP", "NN"):
        name = name.head  # "imprisoned opposition leader Alexei Navalny": the participle is on "leader"
    if name.tag_ == "NNP" and name.i != v.i:
        return _name_figure(name, lex, surname_ok=kind in _SURNAME_KINDS)
    if v.tag_ == "NNP":
        return _name_figure(v, lex, surname_ok=kind in _SURNAME_KINDS)
    if kind == "killed" or v.tag_ != "NN" or v.lower_ in COLLECTIVE or not person_noun(v, lex):
        return None
    det = [c for c in v.children if c.dep_ in ("det", "poss") and c.i < t.i]
    if not det or det[0].lower_ not in ("the", "a", "an", "his", "her", "their") and det[0].tag_ not in PROPN:
        return None
    return Figure(1, 1, f"{det[0].text} {v.text}")


def _included_name(v, t, lex):
    """"Other senior Apple Daily staff, including Executive Director Cheung Kim-hung, were also arrested": a
    group of no number that the trigger tells of (passive subject or object) names one of its people after
    "including"; that person is one (the name and its figure), or None."""
    if v.i == t.i or v.tag_ not in ("NN", "NNS") or fig_on_any(v) or not (
            passive_subject(v, t) or (v.dep_ == "dobj" and t.i < v.i)):
        return None
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ == "including":
            names = [g for g in c.children if g.dep_ == "pobj" and g.tag_ == "NNP"]
            if len(names) == 1 and not any(x.dep_ == "conj" for x in names[0].children):
                fig = _name_figure(names[0], lex)
                if fig is not None:
                    return names[0], fig
    return None


def fig_on_any(v) -> bool:
    """A number on the noun itself ("four staff")."""
    return any(c.dep_ == "nummod" for c in v.children)


def _appositive_name(v, lex):
    """The name in apposition to a singular person noun ("its chief US correspondent Andrew Buncombe", "the
    activist, Ihar Losik,"), or None: the description and the name are one person."""
    if v.tag_ != "NN" or v.lower_ in COLLECTIVE or not person_noun(v, lex):
        return None
    for c in v.children:
        if c.dep_ == "appos" and c.tag_ == "NNP" and c.i > v.i:
            return c
    return None


#: kinds whose named person a surname shaped like an agent noun may be ("Fisher was arrested")
_SURNAME_KINDS = frozenset({"arrested", "captured", "missing", "executed"})


_QUOTES = {'"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "``", "''"}


def _scare_quoted(t) -> bool:
    """The outcome word alone in quotes ("Nazeri was \u201cmartyred\u201d"): the writer quotes a party's
    label and keeps its distance from it; no claim of the article's."""
    doc = t.doc
    return 0 < t.i < len(doc) - 1 and doc[t.i - 1].text in _QUOTES and doc[t.i + 1].text in _QUOTES


def _name_figure(v, lex, conj_ok: bool = False, surname_ok: bool = False) -> Figure | None:
    """One person's name ending at ``v`` (its compounds, hyphens and particles), or None when the words
    are no name. ``conj_ok``: the caller reads the conjuncts as parts of their own ("Hamadi and two others").
    ``surname_ok``: a word that only ends like an agent noun ("Fisher", "Baker") may be the name; for the
    kinds a name alone is the news of (``_SURNAME_KINDS``), not for the dead and the hurt, whom crime news
    names beside their death ("Felder was wounded in the head" of the boy who died) and the account counts."""
    if any(c.dep_ in (("nummod", "det") if conj_ok else ("nummod", "conj", "det")) for c in v.children):
        return None  # "Hamadi and two others", "an Army Sergeant", "the Ben Nevis": a group, a description, a thing
    if conj_ok and any(c.dep_ == "conj" and c.tag_ not in ("NNP", "NNPS") and not person_word(c.lower_, lex)
                       for c in v.children):
        return None  # "the murder of Pearl ... as well as the 1994 kidnapping of ...": no list of people
    parts = {x.i for x in v.lefts if x.dep_ == "compound" and (x.tag_ == "NNP" or x.text in _HYPHENS)}
    first = v.i
    while first - 1 >= v.sent.start and (first - 1 in parts or v.doc[first - 1].text in _HYPHENS
                                         and first - 2 in parts):
        first -= 1
    name = list(v.doc[first:v.i + 1])
    words = [x for x in name if x.text not in _HYPHENS and x.lower_ not in _NAME_TITLES]
    if not words or len(words) > 5:
        return None
    stop = lex["not_person_names"]
    for x in words:
        low = x.lower_
        particle = low in _NAME_PARTICLES and x.i < v.i
        hyphened = x.i > v.sent.start and x.doc[x.i - 1].text in _HYPHENS and x.i - 1 > first  # "Kim-hung"
        if low in stop or low in lex["not_person"] or not (x.text[:1].isupper() or particle or hyphened) \
                or (len(x.text) > 1 and x.text.isupper()) or not _NAME_WORD.fullmatch(x.text):
            return None
    if all((listed_person_word if surname_ok else person_word)(x.lower_, lex) for x in words):
        return None  # "Man", "Journalist": a description the headline capitalised (not "Fisher", "Baker")
    text = "".join(x.text_with_ws for x in name).strip()
    if text.lower() in _actor_names() or " ".join(x.text for x in words).lower() in _actor_names():
        return None  # an armed group or an outlet ("Al-Shabaab", "Hamas")
    return Figure(1, 1, text)


#: who holds a person when a "detention" is an abduction: "masked men detained ...", "held by unknown gunmen"
_ABDUCTOR_MODS = {"masked", "unidentified", "unknown", "armed", "hooded", "plainclothes", "plain-clothes"}


def _abduction(t, kind: str, lex) -> str:
    """The outcome of one named person: an arrest by masked, unidentified or armed men, or by gunmen, is an
    abduction ("Masked men detained protest leader Maria Kolesnikova": news writes "detained" for both, the
    agent tells them apart). ("put to death" is the lexicon's executed alone, never killed.)"""
    if kind != "arrested":
        return kind
    agents = [c for c in t.children if c.dep_ == "nsubj"]
    agents += [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    for a in agents:
        if a.lower_ in lex["attacker"] or a.lower_ in ("men", "man", "people") and any(
                c.lower_ in _ABDUCTOR_MODS for c in a.children if c.dep_ in ("amod", "compound")):
            return "captured"
    return kind


_UNDER_ARREST_VERBS = {"put", "placed", "kept", "held"}


def _under_arrest(t, kind, lex) -> Found | None:
    """"He has been put under house arrest", "Ms Yarmysh, who was placed under arrest": the person put
    under arrest, a pronoun or a name, is one person arrested."""
    from .numbers import pronoun_figure

    if kind != "arrested" or t.lower_ != "arrest" or t.dep_ != "pobj" or t.head.lower_ != "under":
        return None
    verb = t.head.head
    if verb.lower_ not in _UNDER_ARREST_VERBS or not is_passive(verb) or any(c.dep_ == "neg" for c in verb.children):
        return None
    subj = [c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ not in ("who", "whom", "that")]
    if not subj and verb.dep_ == "relcl" and any(c.lower_ in ("who", "whom") for c in verb.children):
        subj = [h for h in [relative_head(verb, lex)] if h is not None]
    if not subj:
        return None
    v = subj[0]
    fig = (pronoun_figure(v.lower_) if v.tag_ == "PRP" else _name_figure(v, lex) if v.tag_ == "NNP" else None)
    if fig is None or (fig.low, fig.high) != (1, 1):
        return None
    vtext, _ = victim_phrase(v, None)
    return Found(kind, fig, t, v, vtext or v.text, [t, v])


_HYPHENS = {"-", "\u2010", "\u2011"}
#: lower-case parts of a name ("Loujain al-Hathloul", "Ahmed bin Ali")
_NAME_PARTICLES = {"al", "el", "bin", "bint", "ibn", "de", "da", "di", "del", "van", "von", "der", "le", "la", "du", "dos",
                   "das", "abu", "ben", "ould", "wa"}
#: sentence-opening nouns that are no name ("Someone was killed": a person, but the single engine's)
_NOT_NAMES = {"someone", "somebody", "everyone", "everybody", "anyone", "anybody", "nobody", "none", "one",
              "each", "all", "livestock", "property", "nothing", "everything", "something"}


_CAUSE_VERBS = {"cause", "caused", "causes", "causing", "result", "resulted", "results", "resulting", "lead", "led",
                "leads", "leading", "ensure", "ensured"}


def _caused(t) -> bool:
    """The death is what an attack caused ("caused his death", "resulted in his death", "led to
    her death"), not a back-reference ("video of his death", "confirming her death")."""
    head = t.head
    if t.dep_ == "pobj" and head.lower_ in ("in", "to"):
        head = head.head
    elif t.dep_ != "dobj":
        return False
    return head.lower_ in _CAUSE_VERBS


_ORDINALS = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
#: one person named by a relation to another ("his companion was wounded")
_COMPANIONS = {"friend", "companion", "wife", "husband", "son", "daughter", "brother", "sister", "father",
               "mother", "nephew", "niece", "cousin", "uncle", "aunt", "bodyguard", "driver", "guard",
               "colleague", "assistant", "aide", "fiancee", "fiance", "girlfriend", "boyfriend", "grandson",
               "granddaughter", "grandfather", "grandmother", "child", "baby", "neighbour", "neighbor"}
_ONE_DEATH = {"death", "killing", "murder", "assassination", "execution", "beheading"}
#: offices one person holds ("the mayor of ..."), beside the lexicon's person roles
_OFFICE = {"mayor", "governor", "minister", "head", "chief", "president", "director", "commander", "leader",
           "secretary", "speaker", "editor", "owner", "founder", "chairman", "deputy", "inspector"}


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


def _multi_tokens(x) -> set[int]:
    """Tokens of "shot dead" and the like right around ``x`` (the cheap check ``_coordinated`` needs)."""
    nxt = x.doc[x.i + 1] if x.i + 1 < len(x.doc) else None
    return {x.i} if x.lower_ == "shot" and nxt is not None and nxt.lower_ == "dead" else set()


def _along_with(v, t) -> list:
    """"was killed along with five other policemen", "together with his two bodyguards": the
    object of "with" after "along" / "together" on the victim or the trigger adds victims."""
    out = []
    verb = t
    while verb.dep_ in ("pobj", "prep") and verb.head.i != verb.i:
        verb = verb.head  # "resulted in his death, along with five other policemen"
    for head in {v.i: v, t.i: t, verb.i: verb}.values():
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "with" and c.i > 0 and c.doc[c.i - 1].lower_ in ("along", "together"):
                out.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ in ("advmod", "prep") and c.lower_ in ("along", "together"):
                out.extend(g for w in c.children if w.dep_ == "prep" and w.lower_ == "with"
                           for g in w.children if g.dep_ == "pobj")
    return out


def _coordinated(v, kind, t, figs, lex, used, top: bool = True) -> list[Found]:
    """"three soldiers and nine assailants": each conjunct with its own number is a part."""
    parts = []
    siblings = [c for c in v.head.children if c.dep_ == v.dep_ and c.i > v.i and v.dep_ in ("nsubjpass", "nsubj", "dobj")
                and any(x.dep_ == "cc" for x in v.doc[v.i:c.i])] if v.head.i != v.i else []
    along = _along_with(v, t) if top and v.lower_ not in ("himself", "herself", "themselves") else []
    # "killed along with 115 wound", "along with a killed soldier": a casualty word of its own
    along = [g for g in along if not any(lex["trig"].get(x.lower_) or x.i in _multi_tokens(x) for x in g.subtree)]
    for c in [*v.children, *siblings, *along]:
        if c.dep_ != "conj" and c not in siblings and c not in along:
            continue
        tail = [x for x in c.doc[c.i + 1: min(c.sent.end, c.i + 5)]]
        # "a policeman and a civilian while also injuring two": the clause ends at "while"
        stop = next((k for k, x in enumerate(tail) if x.is_punct or x.dep_ == "mark" or x.lower_ in _CLAUSE_STOP),
                    len(tail))
        if any(lex["trig"].get(x.lower_) and x.i != t.i for x in tail[:stop]):
            continue  # "killed 20 people and another 29 were injured": its own clause
        if _other_outcome(c, t) or _OUTCOME_NOUNS.get(c.lower_) and _OUTCOME_NOUNS.get(c.lower_) != kind:
            continue  # "two deaths and 10 injuries": the conjunct is its own outcome's figure
        fig = fig_on(c, figs)
        if fig is not None and fig[1].i not in used:
            vtext, _ = victim_phrase(c, fig)
            p = _make(kind, fig, t, c, vtext, [fig[1], fig[2], c])
        elif c.tag_ == "NN" and v.tag_ == "NN" and c.dep_ == "conj" and not any(
                d.dep_ in ("det", "poss", "nummod") for d in c.children) and any(
                d.dep_ == "det" and d.lower_ in ("a", "an", "the") for d in v.children):
            continue  # "a Brooklyn journalist and human rights activist": one person of two roles
        elif c.tag_ in ("NN", "NNP", "JJ") and _one_person(c, lex) and not _unborn(c):
            p = Found(kind, Figure(1, 1, c.text), t, c, c.text, [c])
        elif c.tag_ == "NNP" and c.dep_ == "conj" and v.tag_ == "NNP" and _name_figure(c, lex) is not None:
            p = Found(kind, Figure(1, 1, c.text), t, c, c.text, [c])  # "the arrest of Yahya and Muhamad"
        else:
            continue
        p.perpetrator = _perpetrator(p.victim_text, lex)
        p.kin = c in along and any(x.dep_ == "poss" and x.lower_ in ("their", "his", "her") for x in c.subtree)
        parts.append(p)
        parts.extend(_coordinated(c, kind, t, figs, lex, used, top=False))
    return parts


_CLAUSE_STOP = {"while", "whilst", "as", "when", "after", "before", "whereas", "but", "and"}


_PERSON_SUFFIX = re.compile(r"(er|or|ist|ian|man|woman|ee|ant|ent)$")


def _unborn(c) -> bool:
    """"five people and an unborn baby": tolls (and the archives that keep them) count the born."""
    return any(x.lower_ in ("unborn", "fetus", "foetus") for x in c.subtree)


def _one_person(c, lex) -> bool:
    """A singular person noun in a list of victims: "three guards and a police inspector"."""
    if c.lower_ in lex["person"] or (c.tag_ == "NN" and _PERSON_SUFFIX.search(c.lower_)):
        return any(d.dep_ in ("det", "poss") and d.lower_ not in ("the", "this", "that") or d.dep_ == "poss"
                   for d in c.children) or c.lower_ in lex["person"] and c.tag_ == "NN"
    return False


_REFLEXIVE = frozenset({"himself", "herself", "themselves"})


def _perpetrator(vtext: str, lex) -> bool:
    """An attacker noun ("four suicide bombers"), or the reflexive object of a casualty verb: "a
    bomber killed himself and eight others", "killing himself and a policeman" tell of the one who
    did the violence among its dead."""
    words = set(vtext.lower().replace("-", " ").split())
    return bool(words & lex["attacker"]) or vtext.strip().lower() in _REFLEXIVE


def _clause_text(sent, f: Found) -> str:
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
    return text_of(sent.doc[words[0].i: words[-1].i + 1]) if words else text_of(sent)


def scope_of(sent, f: Found, lex) -> str:
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
    """One pattern that finds any of ``cues`` as whole words (what ``scope_of`` tests one by one),
    written as a trie (numbers._trie): the same words, and ``re`` need not try each cue at each word."""
    from .numbers import _trie

    return re.compile(r"\b(?:" + _trie(cues) + r")\b")


def side_of_found(f: Found, source, lex, attackers: frozenset[str] = frozenset(), status: str | None = None) -> str:
    """Whose dead these are: the side model lives in sides.py."""
    return sides.side(f, source, lex, attackers, status)
