"""How world news writes casualties the claim engine reads (s8-claims): headlines, vague amounts, the
words of executions and arrests, named people with companions, "among the dead", a pronoun's speaker."""
from __future__ import annotations

import pytest

import warcount
from warcount import caslex, sentences, triggers
from warcount.custody import cue_words


def _claims(text: str):
    return [(c.kind, c.figure.low, c.figure.high) for c in warcount.extract(text).claims]


# ---------------------------------------------------------------- headlines


@pytest.mark.parametrize("title, want", [
    pytest.param("Hong Kong police arrest 5 speech therapists over children's books", ("arrested", 5, 5),
                 id="verb-read-as-noun-with-an-object"),
    pytest.param("Hong Kong tycoon Jimmy Lai arrested under security law", ("arrested", 1, 1),
                 id="name-arrested-without-auxiliary"),
    pytest.param("Greek police arrest man suspected of 1985 TWA hijacking", ("arrested", 1, 1),
                 id="police-arrest-man"),
    pytest.param("Cops arrest doctor who helped Lumad of Mindanao", ("arrested", 1, 1), id="cops-arrest-doctor"),
    pytest.param("Saudi Arabia puts to death record 81 people in one day", ("executed", 81, 81),
                 id="puts-to-death"),
    pytest.param("Iran hangs man for terror, despite UN appeal", ("executed", 1, 1), id="hangs-man"),
    pytest.param("Belarusian protest leader disappears after being detained", ("missing", 1, 1),
                 id="leader-disappears"),
    pytest.param("Kano police nab 3,547 criminal suspects", ("arrested", 3547, 3547), id="nab"),
])
def test_headline_claims(title: str, want: tuple) -> None:
    report = warcount.extract(f"{title}\n\nThe story follows here, with no figure of its own.\n")
    got = [(c.kind, c.figure.low, c.figure.high) for c in report.claims]
    assert want in got
    # listed, but counted by no event: the headline is the outlet's summary of its body, not another voice
    assert all(c.event_id is None for c in report.claims if (c.kind, c.figure.low, c.figure.high) == want)


def test_headline_speaker_is_the_source() -> None:
    report = warcount.extract("Report: Missing Pittsburgh area toddler found dead\n\nNo more is known.\n")
    dead = [c for c in report.claims if c.kind == "killed"]
    assert dead and dead[0].source.name == "Report" and dead[0].status == "reported"


def test_headline_figure_on_a_thing_is_no_claim() -> None:
    got = _claims("Men shoot 20 rounds in Queens, injure 4\n\nFour people were injured when two men fired.\n")
    assert ("wounded", 20, 20) not in got and ("wounded", 4, 4) in got


def test_headline_grammar_stays_in_the_headline() -> None:
    """Prose writes "X was arrested"; "X arrested" without the auxiliary is read only in a title."""
    assert _claims("The council met. Smith arrested the motion in committee, officials said.") == []


def test_title_run_into_the_text_is_its_own_sentence() -> None:
    text = "About 100 abducted, 3 found dead Cleric warns of a killing field in the north"
    spans = sentences.split_sentences(text)
    apart = sentences.title_apart(text, spans, "About 100 abducted, 3 found dead")
    assert text[apart[0][0]:apart[0][1]] == "About 100 abducted, 3 found dead"


# ---------------------------------------------------------------- vague amounts


@pytest.mark.parametrize("text, want", [
    pytest.param("Police said some SP workers who tried to stage a protest were arrested.", ("arrested", 2, None),
                 id="some-workers"),
    pytest.param("A large number of students were abducted from the school.", ("captured", 2, None),
                 id="a-large-number-of"),
    pytest.param("A group of party workers were arrested in Lucknow.", ("arrested", 2, None), id="a-group-of"),
    pytest.param("He was arrested along with many party workers.", ("arrested", 3, None), id="many-workers"),
])
def test_vague_amounts_of_people(text: str, want: tuple) -> None:
    assert want in _claims(text)


@pytest.mark.parametrize("text", [
    pytest.param("The toll may be higher, with some reports suggesting as many as 200 dead.", id="some-reports"),
    pytest.param("Some 50 people were killed in the attack.", id="some-50-is-50"),
    pytest.param("A number of houses were destroyed and 3 people were injured.", id="a-number-of-houses"),
])
def test_vague_words_that_count_no_people(text: str) -> None:
    assert not any(low == 2 and high is None for _, low, high in _claims(text))


# ---------------------------------------------------------------- words


@pytest.mark.parametrize("text, want", [
    pytest.param("The commission investigated the slaughter of roughly 50 African migrants.", ("killed", 50, 50),
                 id="slaughter"),
    pytest.param("Militants have decapitated dozens of civilians.", ("killed", 24, None), id="decapitated"),
    pytest.param("Iran hanged a man on Saturday, the judiciary said.", ("executed", 1, 1), id="hanged-a-man"),
    pytest.param("Javid Dehghan Khalad was put to death at dawn.", ("executed", 1, 1), id="put-to-death"),
])
def test_casualty_words(text: str, want: tuple) -> None:
    assert want in _claims(text)


def test_put_to_death_is_executed_only() -> None:
    multi = caslex.compiled()["multi"]
    assert [kind for words, kind in multi if words == ("put", "to", "death")] == ["executed"]


@pytest.mark.parametrize("text", [
    pytest.param("The prisoner hanged himself in his cell.", id="suicide"),
    pytest.param("He was found hanged in his cell on Monday.", id="found-hanged"),
])
def test_hanged_that_is_no_execution(text: str) -> None:
    assert not any(k == "executed" for k, _, _ in _claims(text))


def test_executions_retold_as_deaths() -> None:
    got = _claims("Saudi Arabia executed 81 people on Saturday. Of the 81 people killed, 73 were Saudi citizens.")
    assert ("killed", 81, 81) not in got and got.count(("executed", 81, 81)) == 2


# ---------------------------------------------------------------- people


@pytest.mark.parametrize("text, want", [
    pytest.param("Fisher was arrested late Friday by Auburn police.", ("arrested", 1, 1), id="surname-like-a-noun"),
    pytest.param("According to the paper, its chief US correspondent Andrew Buncombe was arrested on July 1.",
                 ("arrested", 1, 1), id="appositive-name"),
    pytest.param("Mohammed Ali Hamadi and two others were arrested.", ("arrested", 3, 3), id="name-and-others"),
    pytest.param("They condemned the arrest of Yahya and Muhamad.", ("arrested", 2, 2), id="two-names"),
    pytest.param("Foley, a freelance journalist, was abducted along with a British translator.",
                 ("captured", 2, 2), id="name-along-with"),
    pytest.param("Five children were among the dead.", ("killed", 5, 5), id="among-the-dead"),
    pytest.param("Two journalists were among those killed in the attack.", ("killed", 2, 2), id="among-those-killed"),
    pytest.param("Agnes Chow and two other activists were among those arrested.", ("arrested", 3, 3),
                 id="name-among-those-arrested"),
    pytest.param("The man arrested in Athens took part in the murder of an American passenger.",
                 ("killed", 1, 1), id="the-murder-of-a-person"),
])
def test_people(text: str, want: tuple) -> None:
    assert want in _claims(text)


def test_roles_of_one_person_are_not_two() -> None:
    got = _claims("On 29 September, prominent blogger and activist Alaa Abdel Fattah, was arrested.")
    assert ("arrested", 2, 2) not in got and ("arrested", 1, 1) in got


# ---------------------------------------------------------------- sources and status


def test_pronoun_speaker_named_before() -> None:
    text = ("In a video message, TLP spokesperson Shafiq Ameeni said police had attacked their headquarters. "
            "\u201cSeveral workers were killed,\u201d he said.")
    [c] = [c for c in warcount.extract(text).claims if c.kind == "killed"]
    assert c.source.name == "Shafiq Ameeni"


def test_police_tell_of_their_own_arrests() -> None:
    [c] = warcount.extract("Police said 14 party leaders were arrested in Banda.").claims
    assert (c.kind, c.source.kind, c.status) == ("arrested", "official", "acknowledged")


# ---------------------------------------------------------------- one source for the weak words of one person


def test_person_weak_comes_from_the_trigger_rule() -> None:
    """The weak words a sentence is parsed for without a figure are those one person alone makes a claim of
    (triggers.weak_of_one_person) and custody's cue words: one rule, not three lists."""
    lex = caslex.compiled()
    from warcount import lexicon

    cas = lexicon.load("casualty")
    alone = triggers.weak_of_one_person(cas["triggers"])
    assert lex["person_weak"] == ((lex["weak"] & alone) | (lex["weak"] & cue_words())) - set(cas["person_weak_unparsed"])
    assert "hanged" in lex["person_weak"] and "murder" not in lex["person_weak"]
    assert sentences.worth_parsing("Iran hanged a man on Saturday.")
