"""How world news writes casualties (s9-claims): victims that are no people, plots and charges that are no
happening, descriptions that name one person, breakdowns, embedded posts and the source's own acts."""
from __future__ import annotations

import pytest

import warcount
from warcount import attribution


def _claims(text: str):
    return [(c.kind, c.figure.low, c.figure.high) for c in warcount.extract(text).claims]


def _of(text: str, kind: str):
    return [c for c in warcount.extract(text).claims if c.kind == kind]


# ---------------------------------------------------------------- a victim that is no person


def test_who_clause_hung_on_a_place_tells_of_the_person() -> None:
    got = _of("The report cited the testimony of prisoner Mona Qaadan, 50, from the Jenin governorate in northern "
              "West Bank, who has been detained for nearly three months.", "arrested")
    assert len(got) == 1
    assert "Qaadan" in got[0].victim and "Bank" not in got[0].victim


def test_who_clause_on_a_person_keeps_its_person() -> None:
    got = _of("A journalist in Kabul, who was detained on Monday, spoke to reporters.", "arrested")
    assert [c.victim for c in got] == ["journalist"]


def test_two_roles_of_one_person_are_one() -> None:
    got = _claims("Masked men kidnapped a Brooklyn journalist and human rights activist, Masih Alinejad.")
    assert got == [("captured", 1, 1)]
    assert ("captured", 2, 2) in _claims("Masked men kidnapped a journalist and an activist.")


# ---------------------------------------------------------------- what did not happen


@pytest.mark.parametrize("text", [
    pytest.param("Four officers have been indicted on conspiracy charges to kidnap a Brooklyn journalist.",
                 id="charges-to-kidnap"),
    pytest.param("The attempted kidnapping of a journalist in Brooklyn was foiled.", id="attempted-kidnapping"),
    pytest.param("Police said a plot to kill two journalists was uncovered.", id="plot-to-kill"),
    pytest.param("He made an attempt to abduct a child.", id="attempt-to-abduct"),
    pytest.param("Those executed had been plotting attacks in the kingdom, including the killing of a large number "
                 "of civilians.", id="object-of-plotting"),
    pytest.param("Douglas has been charged with one count of attempted murder.", id="attempted-murder"),
    pytest.param("So far, no one has claimed responsibility for the two kidnapping incidents.",
                 id="incidents-are-no-people"),
])
def test_plot_attempt_or_charge_is_no_casualty(text: str) -> None:
    assert _claims(text) == []


@pytest.mark.parametrize("text, want", [
    pytest.param("Gunmen kidnapped a journalist.", ("captured", 1, 1), id="kidnapped"),
    pytest.param("He was tried for the killing of two men.", ("killed", 2, 2), id="tried-for-the-killing"),
    pytest.param("The failed attempt to free the hostages left two soldiers dead.", ("killed", 2, 2),
                 id="failed-rescue-kills"),
])
def test_happenings_stay(text: str, want: tuple) -> None:
    assert want in _claims(text)


# ---------------------------------------------------------------- one person by description


@pytest.mark.parametrize("text, want", [
    pytest.param("The Panama Papers investigative reporter was killed in an October 2017 car bomb blast.",
                 ("killed", 1, 1), id="proper-noun-modifier"),
    pytest.param("Police detained supporters of imprisoned opposition leader Alexei Navalny.", ("arrested", 1, 1),
                 id="imprisoned-name"),
    pytest.param("Police discovered the body of abducted toddler Nalani Johnson.", ("captured", 1, 1),
                 id="abducted-name"),
    pytest.param("The arrested doctor was taken to Manila.", ("arrested", 1, 1), id="the-arrested-doctor"),
    pytest.param("Jimmy Lai became the highest-profile person arrested under the law.", ("arrested", 1, 1),
                 id="copula-subject"),
    pytest.param("Fisher is the second person to be arrested in the case.", ("arrested", 1, 1),
                 id="copula-to-be"),
    pytest.param("He stabbed his wife to death.", ("killed", 1, 1), id="v-x-to-death"),
    pytest.param("He is accused of torturing Giulio Regeni to death.", ("killed", 1, 1), id="torturing-to-death"),
])
def test_one_person(text: str, want: tuple) -> None:
    assert want in _claims(text)


@pytest.mark.parametrize("text", [
    pytest.param("The driver was killed.", id="the-driver-is-often-counted"),
    pytest.param("He was sentenced to death.", id="sentenced-to-death"),
    pytest.param("The detained men were freed.", id="a-plural-description"),
])
def test_no_new_person(text: str) -> None:
    assert _claims(text) == []


def test_stabbed_to_death_is_killed_not_also_wounded() -> None:
    assert _claims("He stabbed his wife to death.") == [("killed", 1, 1)]


def test_description_is_the_writers_voice() -> None:
    got = _of("Police across Russia have arrested more than 400 people at demonstrations in support of imprisoned "
              "opposition leader Alexei Navalny, a human rights group said.", "arrested")
    navalny = [c for c in got if c.figure.low == 1]
    assert navalny and navalny[0].source.kind == "unattributed" and navalny[0].status == "stated"
    crowd = [c for c in got if c.figure.low > 1]
    assert crowd and crowd[0].source.kind != "unattributed"


def test_happening_someone_is_accused_of_is_background() -> None:
    got = _of("A Lebanese man accused of involvement in the hijacking of a TWA plane and the murder of a US navy "
              "diver has been arrested in Greece, police said on Saturday.", "killed")
    assert got and got[0].source.kind == "unattributed"


# ---------------------------------------------------------------- breakdowns


def test_breakdown_after_a_claim_gives_its_parts() -> None:
    claims = warcount.extract("Of the 30 dead, 12 were children and 5 were women, officials said.").claims
    whole = [c for c in claims if c.figure.low == 30]
    parts = {(c.figure.low, c.victim) for c in claims if c.part_of}
    assert whole and parts == {(12, "children"), (5, "women")}
    assert all(c.part_of == whole[0].id for c in claims if c.part_of)


def test_breakdown_of_retold_executions_is_executed() -> None:
    text = ("Saudi Arabia said it had executed 81 people on Saturday. Of the 81 people killed, 73 were Saudi "
            "citizens, seven were Yemeni and one was a Syrian national.")
    got = _claims(text)
    assert ("executed", 73, 73) in got and ("executed", 7, 7) in got and ("executed", 1, 1) in got
    assert ("killed", 73, 73) not in got


def test_one_number_is_no_breakdown() -> None:
    claims = warcount.extract("Of the 30 dead, 12 were children, officials said.").claims
    assert not [c for c in claims if c.figure.low == 12 and c.part_of]


# ---------------------------------------------------------------- sources


def test_source_telling_its_own_executions_acknowledges_them() -> None:
    got = _of("Saudi Arabia said it had executed a record 81 people.", "executed")
    assert got and got[0].status == "acknowledged"


def test_post_signoff_is_the_source() -> None:
    text = ("Tragically, state police recovered the body of abducted toddler #NalaniJohnson this afternoon. "
            "#AmberAlert https://t.co/jQa pic.twitter.com/aLa \u2014 Missing Pieces Network (@Network4Missing) "
            "September 3, 2019")
    got = _of(text, "captured")
    assert got and got[0].source.name == "Missing Pieces Network" and got[0].status == "reported"


@pytest.mark.parametrize("following, want", [
    pytest.param(" #tag https://t.co/x \u2014 Jackson Police Dept. (@JacksonMSPolice) October 30, 2016",
                 ("Jackson Police Dept.", "official"), id="police-account"),
    pytest.param(" \u2014 6 News (@WJACTV) September 3, 2019 According to the AP", ("6 News", "outlet"),
                 id="news-account"),
    pytest.param(" No post follows this sentence.", None, id="none"),
    pytest.param(" " + "x" * 400 + " \u2014 Far Away (@far) May 1, 2020", None, id="too-far"),
])
def test_post_author(following: str, want) -> None:
    got = attribution.post_author(following)
    assert (None if got is None else (got.name, got.kind)) == want
