"""Where a violation happened vs where its news is made (happened.py, issue 12).

Each row is a short text written for the rule in the forms English news uses: a suspect's arrest, trial or
prosecution elsewhere, a hospital, a person's home; and the texts where the chosen place must stay.
"""
from __future__ import annotations

import pytest

from warcount import happened, mainplace


def _country(text: str, title: str | None = None, dateline=(None, None), claim_places=()) -> str | None:
    p = mainplace.main_place(text, title, dateline, list(claim_places))
    return p.country if p is not None else None


@pytest.mark.parametrize("text,expected", [
    ("the murder of the reporter in Belarus", ["Belarus"]),
    ("he was abducted near Aleppo in 2013", ["Aleppo"]),
    ("the 2008 hostage-taking of the reporter, who was working as a freelance journalist near Mogadishu",
     ["Mogadishu"]),
    ("the boy was last seen at a hotel in Andorra", ["Andorra"]),
    ("she was beaten and detained in China for her faith", ["China"]),
    ("he spoke from the hotel detention in Brisbane", ["Brisbane"]),
    # a building's place in apposition after its name
    ("Israel tortures and abuses female prisoners in Damon Prison, northern Israel", ["Israel"]),
    # a state's premises: the place named after them
    ("the murder, which happened in the Saudi consulate in Istanbul", ["Istanbul"]),
    # a place just before a passive violation verb
    ("a quarter of a million people in Liberia were killed in the wars", ["Liberia"]),
    ("the jet was flown across the Mediterranean after it was hijacked", []),
    # the clause ends: a subordinator, a comma opening no relative clause, a word of the aftermath
    ("years of torture, all for exposing war crimes in Iraq", []),
    ("the torture case was heard by a court in Paris", []),
    ("a man accused of the murder of a diver has been arrested in Greece", []),
    ("the killings, said officials in Geneva", []),
])
def test_a_violation_word_locates_its_happening(text: str, expected: list[str]) -> None:
    assert [name for name, _ in happened.located(text)] == expected


@pytest.mark.parametrize("text,name,expected", [
    ("A woman has been arrested in France over the disappearance of her lover.", "France", True),
    ("Kotey pleaded guilty in federal court in Alexandria to the killings.", "Alexandria", True),
    ("The Public Prosecution Service of Canada said the case is complete.", "Canada", True),
    ("He was hospitalised in Paris on Tuesday.", "Paris", True),
    ("The reporter, raised in Red Deer, was seized in 2008.", "Red Deer", True),
    ("A Uighur woman who now lives in the United States says she was beaten.", "United States", True),
    ("Monir fled his home in Bangladesh because of political violence.", "Bangladesh", True),
    ("The report cited prisoner Mona Qaadan, 50, from the Jenin governorate.", "Jenin", True),
    # a victim's arrest is the violation itself; a violation word between them: the happening's place
    ("Police said 12 activists were arrested in Cairo on Friday.", "Cairo", False),
    ("Sotloff, raised in Florida, was abducted near Aleppo.", "Aleppo", False),
    ("Gunmen killed five villagers in Zamfara on Sunday.", "Zamfara", False),
    # a list of wrongs located together, the violations first: the place of them all
    ("Countries voiced concern at alleged torture, unlawful detentions and unfair trials of critics, including "
     "women activists and journalists, in Saudi Arabia.", "Saudi Arabia", False),
    ("He faces torture and trial in Egypt.", "Egypt", False),
])
def test_an_aftermath_or_a_home_is_not_where_it_happened(text: str, name: str, expected: bool) -> None:
    assert happened.away(text, text.index(name)) is expected


@pytest.mark.parametrize("title,text,expected", [
    # a suspect's arrest abroad: the crime's place
    ("Woman arrested for kidnap of missing lover",
     "A woman has been arrested in France over the disappearance of her lover, who was last seen at a hotel in "
     "Andorra in 2016. French police detained her at the airport in Paris.", "Andorra"),
    # a trial at home for killings abroad
    ("Militant admits role in killings of hostages",
     "The militant pleaded guilty Thursday in federal court in Alexandria, Virginia, to his role in the deaths "
     "of four Americans. All four had traveled to Syria; one, a journalist, was abducted near Aleppo in 2013.", "Syria"),
    # a hospital during a trial; the massacre is elsewhere
    ("Former general hospitalised while standing trial in France",
     "The former general was hospitalised in Paris on Tuesday while standing trial for fraud. He is accused "
     "over the massacre in Hama in 1982, in which thousands were killed in Syria's fourth city.", "Syria"),
    # a suspect's arrest at home for war crimes abroad
    ("Arrest on suspicion of war crimes",
     "A man was arrested on suspicion of war crimes in London today. Between 1989 and 2003 as many as 250,000 "
     "people in Liberia were killed in a civil war.", "Liberia"),
    # a refugee's home country is not where he is held
    ("Refugee released from hotel detention",
     "Monir fled his home in Bangladesh because of political violence. He spoke from the hotel detention in "
     "Brisbane, Australia, in February.", "Australia"),
    # a victim's home is not where she was held
    ("Artist draws the story of a detained woman",
     "The comic tells the story of a woman who now lives in the United States and says she was beaten and "
     "detained in China for her religion.", "China"),
    # the chosen town first named as a prisoner's home: the prison's place is where the torture happens
    ("Palestine commission says Israel tortures female prisoners",
     "The commission said on Thursday that Israel has tortured female prisoners in Damon Prison, northern Israel. "
     "It cited the testimony of prisoner Mona Qaadan, 50, from the Jenin governorate in the northern West Bank, "
     "who has been held for three months. Qaadan was interrogated for 22 days in Jenin.", "Israel"),
])
def test_the_violation_place_over_the_aftermath(title: str, text: str, expected: str) -> None:
    assert _country(text, title) == expected


@pytest.mark.parametrize("title,text,expected", [
    # the chosen country first named as where it happened: it stays, whatever else is located
    ("Journalists detained in Ethiopia",
     "Police detained 12 journalists in Addis Ababa, Ethiopia, on Monday. Their union recalled the torture "
     "of reporters in Eritrea.", "Ethiopia"),
    # no violation located elsewhere: the arrest's place stays
    ("Man arrested in London",
     "A man was arrested on suspicion of fraud in London on Thursday, police said.", "United Kingdom"),
    # the victim's arrest is the violation
    ("Activists arrested in Cairo",
     "Security forces arrested 12 activists in Cairo on Friday, a rights group said. The group recalled the "
     "killing of a student in Italy.", "Egypt"),
])
def test_the_chosen_place_stays(title: str, text: str, expected: str) -> None:
    assert _country(text, title) == expected


@pytest.mark.parametrize("title,text,expected", [
    # a roundup's headline names several countries: the lead's located violation says which story is first
    ("Human rights breaches in Belarus, Ethiopia, and Algeria",
     "Human rights violations in Belarus, in particular the murder of an art teacher. MEPs also condemned "
     "the repression in Algeria, where journalists in Algeria face jail, and abuses in Algeria's prisons.",
     "Belarus"),
    # a lead that locates nothing keeps the country named most
    ("Human rights breaches in Belarus, Ethiopia, and Algeria",
     "Parliament adopted three resolutions on Thursday. Journalists in Algeria face jail, lawyers in Algeria "
     "are harassed and activists in Algeria are detained.", "Algeria"),
])
def test_a_roundup_headline_and_its_lead(title: str, text: str, expected: str) -> None:
    assert _country(text, title) == expected


@pytest.mark.parametrize("text", ["", "killed in " * 5000, "killed, " * 20000, "accused " * 20000,
                                  "arrested in France over the killing. " * 3000, "\n" * 50000,
                                  "was killed in Aaaa Bbbb Cccc Dddd " * 2000])
def test_untrusted_text_is_read_without_failing(text: str) -> None:
    # floods of violation, suspect and place words: a bounded read that answers (bench/place_speed.py times it)
    assert isinstance(happened.located(text), list)
    assert isinstance(happened.away(text, len(text) // 2), bool)
    p = mainplace.main_place(text, "Human rights breaches in Belarus, Ethiopia, and Algeria", (None, None), [])
    assert p is None or p.country


def test_a_violation_placed_by_its_country_takes_the_admin1_named_in_it() -> None:
    text = ("The comic tells the story of a woman who now lives in the United States and says she was beaten and "
            "detained in China. Rights groups say a million people have been held in the Xinjiang region of "
            "northwest China.")
    p = mainplace.main_place(text, "Artist draws the story of a detained woman", (None, None), [])
    assert p is not None and p.country == "China" and p.admin1 == "Xinjiang"


@pytest.mark.parametrize("title", ["Western countries raise concerns over Saudi rights record",
                                   "Concern grows over the Saudi crackdown", "UN experts condemn Saudi regime"])
def test_a_headline_on_a_states_record_is_about_that_country(title: str) -> None:
    """A people's name before the state's record or rule ("Saudi rights record", "the Saudi crackdown") names
    the country the story is about: a dateline abroad of it is where the story was filed."""
    text = ("GENEVA (Reuters) - Two dozen countries voiced concern on Monday at the detention of critics, at the U.N. "
            "Human Rights Council in Geneva. In Riyadh, a minister rejected the report.")
    assert _country(text, title, ("Geneva", None)) == "Saudi Arabia"
