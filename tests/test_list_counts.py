"""How incident lists and round-ups write their dead and hurt: sentences written for the purpose.

Each case is a way English tells casualties that the Wikipedia lists showed the claim engine
misreading (issue 11): outcome nouns of two kinds side by side, the attackers inside a total,
a bomber "killing himself", the executed among the dead, wounds "sustained" or "received",
and several incidents one after another in one report.
"""
from __future__ import annotations

import pytest

import warcount
from warcount.eval_claims import main_event_count


def _counts(text: str) -> tuple[int, int]:
    report = warcount.extract(text)
    return main_event_count(report, "killed"), main_event_count(report, "wounded")


@pytest.mark.parametrize("text, killed, wounded", [
    pytest.param("A bomb attack caused six deaths and 66 injured on the train.", 6, 66, id="deaths-and-injured"),
    pytest.param("Two bombings in Baghdad resulted in two deaths and 10 injuries.", 2, 10, id="deaths-and-injuries"),
    pytest.param("Guerrillas ambushed an army truck. 8 military deaths and other 20 wounded.", 8, 20,
                 id="deaths-subject-of-wounded"),
    pytest.param("At least five people, including four suicide bombers, were killed in the attack.", 1, 0,
                 id="attackers-inside-total"),
    pytest.param("A suicide bomber killed himself and eight others on a bus in the city.", 8, 0,
                 id="bomber-killed-himself"),
    pytest.param("Police said seven policemen sustained injuries and several attacking insurgents were killed.", 0, 7,
                 id="sustained-injuries"),
    pytest.param("Eight commuters close to the explosions received various degrees of injuries.", 0, 8,
                 id="received-degrees-of-injuries"),
    pytest.param("At least one soldier died and three others, including civilians, were injured in the incident.",
                 1, 3, id="second-clause-subject"),
    pytest.param("Ten were killed with thirty reported wounded.", 10, 30, id="with-reported-wounded"),
    pytest.param("Four civilians were killed and 31 others, including four French soldiers, wounded in the attack.",
                 4, 31, id="others-including-wounded"),
])
def test_list_sentences(text: str, killed: int, wounded: int) -> None:
    assert _counts(text) == (killed, wounded)


def test_the_executed_are_among_the_killed() -> None:
    report = warcount.extract("Islamic State militants executed 15 people in Mosul.")
    ev = report.events[0]
    assert ev.casualties["executed"]["all"].best == 15  # the kind as the source told it
    assert ev.casualties["killed"]["all"].best == 15
    assert "executed" in ev.casualties["killed"]["all"].rule


def test_executed_and_killed_are_not_added() -> None:
    """One text telling both kinds may tell the same dead twice: the larger of each side group."""
    report = warcount.extract("Gunmen stormed the village and killed 15 people, executing 12 of them in the mosque.")
    assert main_event_count(report, "killed") == 15


@pytest.mark.parametrize("text, killed", [
    pytest.param("A car bomb went off in the market, killing 12 people and wounding 28 others. Additionally, an IED "
                 "exploded in the south of the city, which caused the death of four persons.", 16, id="additionally"),
    pytest.param("A man blew himself up inside a restaurant, killing four people. Another person was killed in "
                 "another suicide bombing attack.", 5, id="another-attack"),
    pytest.param("Five people were killed in the attack. Officials later said seven people had been killed.", 7,
                 id="an-update-is-no-sum"),
    pytest.param("Five people were killed in the attack on the market. Police said five people were killed.", 5,
                 id="a-retelling-is-no-sum"),
])
def test_incidents_told_one_after_another(text: str, killed: int) -> None:
    assert main_event_count(warcount.extract(text), "killed") == killed
