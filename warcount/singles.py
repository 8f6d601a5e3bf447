"""One person without a number, as news tells a casualty of one: a pronoun, an indefinite person noun
("a policeman was killed"), a name ("Mohammed Ali Hamadi was arrested", "the killing of Qasem Soleimani"),
a definite noun for the kinds and words that tell one as news (``DEFINITE_KINDS``, ``DEFINITE_WORDS``: "the
activist went missing", "the journalist was jailed"), a description ("The Panama Papers investigative
reporter was killed", "jailed activist X"), one "put under arrest", an abduction by masked men.

Each reading takes the victim token and the trigger a trigger-engine match found (triggers.py calls them
from ``_match_trigger``) and answers a ``Figure`` of one, or None. Split out of triggers.py (s9); it reads
the clause shapes of clauses.py and nothing of triggers.py.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .clauses import (
    COLLECTIVE,
    PROPN,
    Found,
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
