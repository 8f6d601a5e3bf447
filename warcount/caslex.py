"""The casualty lexicon (lexicons/casualty.json) compiled once for the claim engine.

Sentence selection, the trigger engine, the parts rules, mentions and the account all read
the same cue sets; they are built here once per process (``compiled()``)."""
from __future__ import annotations

from functools import lru_cache

from . import lexicon


@lru_cache(maxsize=1)
def compiled():
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
    hit = frozenset(cas["mentions"]["hit_verbs"]) | frozenset(cas["mentions"]["fatal_adverbs"]) | frozenset(
        cas["mentions"].get("death_words", ())) | {"condition"}  # (s5-local) the mentions' own cues pick sentences too
    from .custody import cue_words

    # (s7-detain) one person held, sentenced, seized or missing (custody.py) picks its sentence too
    cue = frozenset(trig) | multi_first | hit | cue_words() | {"casualty", "casualties", "toll", "tolls", "tally",
                                                               "tallies", "gunfire", "gunshot"}
    return {
        "trig": trig, "multi": multi, "cue": cue, "multi_first": multi_first,
        "noun": frozenset(cas["noun_triggers"]), "weak": frozenset(cas["weak_triggers"]),
        "person_weak": _person_weak(cas, cue_words()),
        "intrans": frozenset(cas["intransitive"]), "count_nouns": frozenset(cas["count_nouns"]),
        "count_verbs": frozenset(cas["count_verbs"]), "show": frozenset(cas["show_verbs"]),
        "person": frozenset(cas["person_nouns"]),
        "single_person": frozenset(cas["mentions"]["single_person_nouns"]),
        # words that are never a person's name ("Police", "County", a weekday): the trigger engine's named
        # victims and the mentions' named persons read the same set
        "not_person_names": frozenset(cas["mentions"]["not_person_names"]),
        "roles": frozenset(cas["person_roles"]), "not_person": frozenset(cas["not_person_nouns"]),
        "attacker": frozenset(cas["attacker_nouns"]), "partisan": frozenset(cas["partisan_enemy_terms"]),
        "zero": frozenset(cas["zero_words"]), "militant": frozenset(cas["militant_nouns"]),
        "security": frozenset(cas["security_nouns"]), "attack_verbs": tuple(cas["attack_verbs"]),
        "cumulative": tuple(cas["cumulative_cues"]),
        # "double", "triple": the words that make a weak noun a count of people ("double homicide")
        "multiple": frozenset(cas["mentions"]["multiple_incident_numbers"]),
    }


def _person_weak(cas: dict, custody_cues: frozenset[str]) -> frozenset[str]:
    """The weak triggers whose sentence is parsed without a figure (``sentences.worth_parsing``): those one
    person alone makes a claim of (``singles.weak_of_one_person``, the rule the trigger engine applies:
    "X has been missing", "the journalist was jailed", "the murder of Raman Bandarenka", "Iran hanged a
    man"), and those the custody rules read one person from ("seized by gunmen", custody.py's cue words).
    One source, so a weak word the engine learns to take alone is parsed too; less the casualty lexicon's
    ``person_weak_unparsed`` (its note says why)."""
    from .singles import weak_of_one_person

    weak = frozenset(cas["weak_triggers"])
    return ((weak & weak_of_one_person(cas["triggers"])) | (weak & custody_cues)) - frozenset(cas["person_weak_unparsed"])
