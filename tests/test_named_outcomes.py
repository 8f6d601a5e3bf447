"""One named person arrested, abducted, executed or killed (issue 12, world news): the claim engine reads
"Mohammed Ali Hamadi was arrested" as one person arrested, as a reader does, and does not take an
organisation, a description, a ship or a denial for that person. Texts are written in the forms world news
uses; none is a dev row."""
from __future__ import annotations

import pytest

import warcount
from warcount import places


def claims_of(text: str):
    return [(c.kind, c.figure.low, c.figure.high) for c in warcount.extract(text).claims]


@pytest.mark.parametrize("text, kind", [
    pytest.param("Mohammed Ali Hamadi was arrested at Frankfurt airport in 1987.", "arrested", id="passive-name"),
    pytest.param("Authorities arrested Antwain Shamar Fisher, 35, on Friday.", "arrested", id="object-name-with-age"),
    pytest.param("Human rights lawyer Mahienour El-Masry was arrested in September.", "arrested",
                 id="hyphenated-name"),
    pytest.param("Saudi activist Loujain al-Hathloul was detained in 2018.", "arrested", id="name-particle"),
    pytest.param("Unknown men abducted staff lawyer Amr Imam in Cairo on Tuesday.", "captured", id="name-that-is-a-role-word"),
    pytest.param("Police killed 25-year-old Sami Wagdy Bashir during the protest.", "killed", id="killed-by-police"),
    pytest.param("Trump boasted about the killing of Iranian commander Qasem Soleimani.", "killed",
                 id="killing-of-name"),
    pytest.param("The family of Robert Stethem, who was murdered in 1985, welcomed the news.", "killed",
                 id="who-was-murdered"),
    pytest.param("Opposition politician Brijendra Singh was placed under house arrest on Monday.", "arrested",
                 id="placed-under-arrest"),
    pytest.param("Masked men detained protest leader Maria Kolesnikova in central Minsk.", "captured",
                 id="detained-by-masked-men-is-abduction"),
    pytest.param("Javid Dehghan Khalad was put to death at dawn.", "executed", id="put-to-death"),
])
def test_one_named_person(text: str, kind: str) -> None:
    assert (kind, 1, 1) in claims_of(text)


@pytest.mark.parametrize("text", [
    pytest.param("The authorities said they had not detained Maria Kolesnikova.", id="denial"),
    pytest.param("The Ben Nevis was detained in Aberdeen Harbour in October.", id="a-ship-with-an-article"),
    pytest.param("Police County officials were arrested.", id="not-a-name"),
    pytest.param("A court issued a warrant for the arrest of Omar al-Bashir.", id="arrest-wanted-not-done"),
    pytest.param("Mosul was captured by the militants in 2014.", id="a-place-is-captured"),
    pytest.param("IRAN HANGS MAN", id="capitals-no-name"),
])
def test_no_named_person(text: str) -> None:
    assert not any(fig == (1, 1) and kind in ("arrested", "captured", "killed", "executed")
                   for kind, *fig in [(k, lo, hi) for k, lo, hi in claims_of(text)])


def test_a_lower_case_compass_word_is_part_of_the_city_after_it() -> None:
    # "east London" is a part of London; "East London" (capitalised) is the South African city
    p = places.resolve("east London", "Omar Saeed Sheikh, of Wanstead, in east London, was jailed.")
    assert (p.name, p.country) == ("London", "United Kingdom")
    q = places.resolve("East London", "Two men were shot in East London, Eastern Cape, South Africa.")
    assert q.country == "South Africa"


def test_a_name_with_a_parenthesis_is_no_place() -> None:
    assert places.never_place("Philippines Offshore Gaming Operator (POGO")
    assert not places.never_place("Cebu")


def test_a_named_arrest_weeks_later_is_news_of_the_main_event() -> None:
    # the lead dates the shooting; the suspect's arrest three weeks later is no event of its own
    text = ("A man was shot and killed on June 2 outside a store on Broad Street, police said.\n\n"
            "Police arrested John Throneberry on June 22 and charged him with murder.")
    report = warcount.extract(text, published="2016-06-23")
    assert ("arrested", 1, 1) in [(c.kind, c.figure.low, c.figure.high) for c in report.claims]
    assert len(report.events) == 1 and report.events[0].date == "2016-06-02"


def test_two_names_joined_by_and_are_no_one_place() -> None:
    assert places.two_names("Flamingo and Durango")
    assert places.two_names("December and Ty-Ryne Hoskins")
    assert not places.two_names("Trinidad and Tobago") and not places.two_names("Jammu and Kashmir")
    assert not places.two_names("Baidoa")


def test_on_a_tie_in_claims_the_finer_date_is_the_event_s() -> None:
    from collections import Counter

    from warcount.events import _most_claimed_date

    counted = Counter({("2007-01-01", "year"): 1, ("2020-07-04", "day"): 1})
    assert _most_claimed_date(counted) == ("2020-07-04", "day")
    assert _most_claimed_date(Counter({("2007-01-01", "year"): 2, ("2020-07-04", "day"): 1})) == ("2007-01-01", "year")
