"""One person held, jailed, seized or gone missing (custody.py, singles._definite_single): the shapes
world news writes a detention, an abduction or a disappearance in, each a table row; and what is none."""
from __future__ import annotations

import pytest

import warcount
from warcount import caslex, custody, nlp, triggers


def _read(text: str) -> list[tuple[str, int, int]]:
    """The trigger engine's reading of one sentence with custody.find after it, as claims.py runs them."""
    lex = caslex.compiled()
    doc = nlp.pipeline()(text)
    figs, multi = triggers.figure_index(doc), triggers.multiword_index(doc, lex)
    out = []
    for sent in doc.sents:
        found = [f for f in triggers.find_in_sentence(sent, figs, lex, multi)]
        found += custody.find(sent, lex, found)
        out += [(f.kind, f.figure.low, f.figure.high) for f in found]
    return out

ONE = [
    # a person in a place of custody
    ("remains-in-detention", "The activist remains in detention.", "arrested"),
    ("relative-remains-in-prison", "Amr Imam, who remains in prison, was not released.", "arrested"),
    ("pronoun-remains-in-prison", "The lawyer said he remains in prison.", "arrested"),
    ("been-in-prison-since", "Ahmed Mansoor has been in prison since 2017.", "arrested"),
    ("appos-behind-bars", "Loujain al-Hathloul, a Saudi writer currently behind bars, was honoured.", "arrested"),
    ("taken-into-detention", "Mr Bandarenka was taken into detention where he was beaten.", "arrested"),
    ("remanded-in-detention", "The blogger was remanded in detention.", "arrested"),
    ("in-captivity", "The aid worker remains in captivity.", "captured"),
    # held, with a sign of custody
    ("held-incommunicado", "He has been held incommunicado since his arrest.", "arrested"),
    ("held-undisclosed", "Aung San Suu Kyi has been held at an undisclosed location since the coup.", "arrested"),
    ("held-by-kidnappers", "Oleg Baturin was held by kidnappers in Kherson.", "captured"),
    # imprisoned, jailed: a verb of its own, with "the" or a possessive
    ("imprisoned-named", "Davis was imprisoned in 2010.", "arrested"),
    ("jailed-definite", "The journalist was jailed in 2019.", "arrested"),
    ("jailed-pronoun", "She was jailed for two years.", "arrested"),
    # seized or taken by attackers
    ("seized-by-gunmen", "The activist was seized by gunmen outside his home.", "captured"),
    ("taken-by-armed-men", "The priest was taken by armed men on Sunday.", "captured"),
    ("kidnapped-indefinite", "Officials said a mayor was kidnapped on Friday.", "captured"),
    ("missing-definite", "Officials said the activist went missing on Friday.", "missing"),
    # missing
    ("named-missing-since", "Maks Levin, a photographer, has been missing since March 13.", "missing"),
    ("went-missing", "He went missing in 2018.", "missing"),
    ("reported-missing", "She was reported missing by her parents.", "missing"),
    ("relative-still-missing", "The couple spoke of their daughter who is still missing.", "missing"),
    ("disappearance-of-named", "Police confirmed the disappearance of Ukrainian journalist Maks Levin.", "missing"),
    ("named-disappeared", "Maria Kolesnikova disappeared in Minsk on Monday.", "missing"),
    ("whereabouts-unknown", "His whereabouts remain unknown.", "missing"),
]


@pytest.mark.parametrize("text,kind", [(t, k) for _, t, k in ONE], ids=[i for i, _, _ in ONE])
def test_one_person(text: str, kind: str) -> None:
    assert _read(text) == [(kind, 1, 1)]


NONE = [
    ("meeting-held", "The meeting was held without the minister."),
    ("held-responsible", "He was held responsible for the attack."),
    ("held-accountable", "The officers were held accountable since the report."),
    ("town-seized", "Rebels seized the town on Monday."),
    ("summons", "The union leader was summoned for questioning."),
    ("fine", "The journalist was fined 500 dollars."),
    ("threat", "The activist received death threats."),
    ("sentence-is-no-claim", "Nabeel Rajab was sentenced to five years in prison on Tuesday."),
    ("not-detained", "Police said they had not detained the activist."),
    ("could-face-prison", "The blogger could remain in prison for years."),
    ("people-not-a-name", "The report condemns the detention of Uighurs."),
    ("prison-a-place", "The prison was built in 1950."),
    ("police-collective", "The police remain in custody of the building."),
    ("things-missing", "The documents have been missing since 2019."),
    ("child-custody", "The court gave her custody of the children."),
    ("suspect-in-custody", "The suspect in the park shooting is in custody."),
    ("suspect-arrested", "Police said the man was arrested in a nearby town on Tuesday."),
    ("fugitive-captured", "He was captured in Houston on Thursday."),
    ("man-in-custody", "A man is in custody after the shooting, police said."),
    # crime news' formulas for the police's suspect are left out (lexicons/casualty.json custody._places_note)
    ("taken-into-custody", "He was taken into custody on Monday."),
    ("in-jail", "The man is in jail."),
    ("held-without-bond", "Owens is being held without bond."),
    ("county-jail", "He remains in the Pike County Jail."),
    # figurative: a named person absent; a soldier's MIA is a count of the casualty verbs
    ("missing-in-action", "Ed Burke, the chairman of the committee, has been missing in action."),
]


@pytest.mark.parametrize("text", [t for _, t in NONE], ids=[i for i, _ in NONE])
def test_no_person_held(text: str) -> None:
    assert _read(text) == []


def test_no_second_claim_for_the_same_person() -> None:
    """"was detained by police and has been held incommunicado since": one person, one claim."""
    assert _read("The activist was detained by police and has been held incommunicado since.") == [("arrested", 1, 1)]


def test_time_clause_is_no_content_of_the_report() -> None:
    """"X published a report ... before three of its staff were imprisoned": the article's own voice."""
    text = ("In November, the Egyptian Initiative for Personal Rights published a report on executions in Egypt "
            "before three of their senior staff members were imprisoned.")
    claims = warcount.extract(text, published="2021-05-10").claims
    assert [(c.kind, c.figure.low, c.source.kind) for c in claims] == [("arrested", 3, "unattributed")]


def test_footage_of_the_night_is_no_source() -> None:
    text = "Surveillance video footage from the night she was abducted showed Blanchard at the store."
    claims = warcount.extract(text, published="2021-05-10").claims
    assert [(c.kind, c.source.kind) for c in claims] == [("captured", "unattributed")]


def test_prison_sentence_makes_a_figureless_event() -> None:
    """A sentence is the court's act, no claim; the story still reports a happening (an arrest event)."""
    r = warcount.extract("A court in Uzbekistan has sentenced a Muslim blogger to seven and a half years in prison "
                         "for a Facebook post.", published="2022-01-28")
    assert r.claims == []
    assert [(e.type, e.without_figure) for e in r.events] == [("arrests", True)]


def test_facing_prison_is_no_event() -> None:
    r = warcount.extract("The blogger faces up to ten years in prison for a Facebook post.", published="2022-01-28")
    assert r.events == []


SUSPECT = [
    # the court's custody of an accused: the suspect of the story's violence
    ("on-bond", "He is being held in the Mansfield Jail on $2-million bond.", True),
    ("without-bail", "He is being held without bail in the county detention center.", True),
    ("juvenile", "The boy is being held in juvenile detention pending an appearance in court.", True),
    ("murder-charge", "A Caruthersville man is behind bars on a murder charge.", True),
    ("suspected", "A man suspected in the slaying of his family spent 16 years in prison.", True),
    # an activist's detention: the violation's victim
    ("without-charge", "He is being held without charge in Evin prison.", False),
    ("incommunicado", "The lawyer has been held incommunicado since June.", False),
    ("activist-charges", "She remains in detention on charges of spreading false news.", False),
    ("remains-in-prison", "Ahmed Mansoor has been in prison since 2017.", False),
]


@pytest.mark.parametrize("text,suspect", [(t, s) for _, t, s in SUSPECT], ids=[i for i, _, _ in SUSPECT])
def test_the_suspect_held_is_on_the_attackers_side(text: str, suspect: bool) -> None:
    """custody.find marks the person its sentence shows accused (custody._accused); the claim keeps its kind."""
    [c] = warcount.extract(text, published="2016-05-10").claims
    assert c.kind == "arrested" and (c.figure.low, c.figure.high) == (1, 1)
    assert (c.perpetrator, c.victim_side == "attackers") == (suspect, suspect)
