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
numbers give parts (``Found.parts``). One person without a number is read too (singles.py): an indefinite
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

The clause shapes both read (passive subjects, headline grammar, a "who" clause's person, the person words)
and ``Found`` are in clauses.py; triggers.py and singles.py import them, and nothing imports back.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import sides
from .clauses import (  # noqa: F401  the clause shapes (clauses.py); Found, PROPN, HEADLINE are read from here too
    COLLECTIVE,
    HEADLINE,
    PROPN,
    Found,
    _PERSON_SUFFIX,
    _among,
    _copula_subject,
    headline,
    is_passive,
    listed_person_word,
    passive_subject,
    person_noun,
    person_word,
    relative_head,
    verbal,
    victim_phrase,
)
from .model import Figure
from .nlp import cue_tokens, doc_text, lowers, text_of
from .singles import (  # noqa: F401  the one-person readings (singles.py); the custody and pre-filter modules read some
    _ABDUCTOR_MODS,
    DEFINITE_KINDS,
    DEFINITE_WORDS,
    NAMED_WEAK_OK,
    _ORDINALS,
    _abduction,
    _appositive_name,
    _attributive_single,
    _definite_single,
    _included_name,
    _name_figure,
    _named_single,
    _single,
    _under_arrest,
    weak_of_one_person,
)


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
