"""US local-news places: post-office towns, American context, compass parts, datelines, headlines,
site names, the District, counties (warcount/mainplace.py, placectx.py, gazetteer.py)."""
from __future__ import annotations

import pytest

from warcount import mainplace, places
from warcount.placectx import context_of, current


@pytest.fixture(autouse=True)
def _packaged_only():
    places.use_gazetteer(None)
    yield
    places.use_gazetteer(None)


def _where(title, text, dateline=(None, None), claims=()):
    p = mainplace.main_place(text, title, dateline, list(claims))
    return (p.name, p.admin1, p.country) if p else None


@pytest.mark.parametrize("title, text, dateline, claims, expected", [
    pytest.param("Man killed in Pinetown shooting",
                 "A man was shot and killed in Pinetown on Friday night, Beaufort County deputies said.",
                 (None, None), [], ("Pinetown", "North Carolina", "United States"), id="post-office-town"),
    pytest.param("Two men charged after baby girl accidentally shot - WNCT",
                 "The Greene County Sheriff's Office is charging the father. Allen Ormond Jr made his first "
                 "appearance in court. Ormond faces charges.", (None, None), [],
                 None, id="us-county-is-american"),
    pytest.param("South LA shootings: girl among 8 injured",
                 "Gunfire erupted again in South Los Angeles on Wednesday, police said. The victims were shot "
                 "in the area of Vermont and Manchester avenues.", (None, None), [],
                 ("Los Angeles", "California", "United States"), id="compass-part-of-city"),
    pytest.param("Woman killed in Austin shooting",
                 "A shooting in Austin killed a woman, officials said. The Cook County Medical Examiner's "
                 "Office identified her.", ("Chicago", None), ["Austin"],
                 ("Chicago", "Illinois", "United States"), id="dateline-votes-for-its-state"),
    pytest.param("Two killed in Lolo, suspect not yet charged",
                 "Two people were shot and killed in Lolo on Sunday, the Missoula County sheriff said. "
                 "Deputies searched the woods near Lolo for the suspect.", ("Missoula", None), [],
                 ("Lolo", "Montana", "United States"), id="headline-town"),
    pytest.param("Naples police have suspect in fatal shooting - KSLA News 12 Shreveport, Louisiana News",
                 "Naples police say they have a suspect in a shooting in Naples, Texas, on Saturday.",
                 (None, None), [], ("Naples", "Texas", "United States"), id="site-name-state-is-the-market"),
    pytest.param("Six injured in shooting in Southwest D.C.",
                 "Six people were injured in a shooting in Southwest D.C. on Sunday, police said.",
                 (None, None), [], ("Washington", "District of Columbia", "United States"), id="district"),
    pytest.param("Teenager in Allamakee County injured in accidental shooting",
                 "A teenager was injured in an accidental shooting in rural Allamakee County on Saturday, the "
                 "Allamakee County Sheriff's Office said.", (None, None), [],
                 ("Allamakee County", "Iowa", "United States"), id="county-without-town"),
    pytest.param("Victims identified in McDowell County double-shooting",
                 "The shooting happened near Iaeger, West Virginia. The suspect was taken into custody in "
                 "the Long Branch area of Wyoming County. Wyoming County deputies helped.", (None, None), [],
                 ("Iaeger", "West Virginia", "United States"), id="wyoming-county-is-no-wyoming"),
    pytest.param("Murder warrant issued in 6th Street shooting",
                 "Austin police said the shooting left one woman dead in Downtown Austin. The suspect was "
                 "arrested in Las Vegas, Nevada. He grew up in Austin, Texas.", ("Austin", None), [],
                 ("Austin", "Texas", "United States"), id="state-tie-broken-by-votes"),
    # title case and a sentence's article are no part of a name (s5-usplaces)
    pytest.param("4 Shot, 1 Killed During Argument In Detroit",
                 "Police said four people were shot during an argument early Sunday.", (None, None), [],
                 ("Detroit", "Michigan", "United States"), id="title-case-in"),
    pytest.param("Mother charged after daughter shoots herself",
                 "A Charlotte woman was arrested Saturday after her daughter shot herself, police say.",
                 (None, None), [], ("Charlotte", "North Carolina", "United States"), id="article-led-name"),
    # US usage: a hundred-block address and state troopers say the story is American
    pytest.param("Teen Hit in Hunting-Related Shooting in Colchester",
                 "A 14-year-old was shot in the foot in Colchester on Wednesday. Officers and state troopers "
                 "responded to the 100 block of Middletown Road.", (None, None), [], None, id="us-usage"),
    # a state named once after another town does not outvote the town the story names throughout
    pytest.param("Denver police arrest suspect in triple slaying",
                 "Denver police have arrested a man in Tulsa, Okla., in connection with the triple homicide "
                 "Friday night in Denver. Denver police said the man was held.", (None, None), [],
                 ("Denver", "Colorado", "United States"), id="qualifying-state-outvoted"),
    # a city's named part is the city
    pytest.param("2 teenagers, young man shot in Brooklyn",
                 "Two teenagers and a young man were shot Friday night in Baltimore's Brooklyn neighborhood, "
                 "police said.", (None, None), [], ("Baltimore", "Maryland", "United States"), id="part-of-city"),
    # a county dateline: the town the lead names in that county
    pytest.param("Henry County child shot in the head",
                 "A McDonough family is grieving after an 18-month-old boy was shot in their home.",
                 ("Henry County", "Ga."), [], ("McDonough", "Georgia", "United States"), id="county-dateline-town"),
    # no town named: the station's own town
    pytest.param("Girl shot in chest while getting ready for prom - WMC Action News 5 - Memphis, Tennessee",
                 "An 18-year-old woman is in critical condition after police said she was shot inside her home.",
                 (None, None), [], ("Memphis", "Tennessee", "United States"), id="station-town"),
    # a county and no town: the county's main town, when it holds a good share of its people
    pytest.param("Man wounded in northeast Harris County shooting",
                 "A man was wounded in a shooting Sunday, Harris County Sheriff's Office deputies said.",
                 (None, None), [], ("Houston", "Texas", "United States"), id="county-main-town"),
    pytest.param("Prosecutors: feud prompted Howland shooting",
                 "Prosecutors say a fight prompted a shooting that killed two people in Howland.",
                 ("Howland", "Ohio"), [], ("Howland", "Ohio", "United States"), id="qualifier-holds"),
])
def test_us_main_place(title, text, dateline, claims, expected):
    got = _where(title, text, dateline, claims)
    if expected is None:  # the American context: no namesake abroad
        assert got is not None and got[2] == "United States", got
    else:
        assert got == expected


def test_post_office_towns_are_only_taken_in_the_state_the_text_gives():
    g = current()
    towns = [e for e in g.entries("Pinetown") if e.kind == "postal"]
    assert [(e.admin1, e.country_code) for e in towns] == [("North Carolina", "US")]
    assert all(e.population == 0 for e in towns)
    # in another state it is a name the gazetteer does not know there: it keeps the text's state
    p = places.resolve("Pinetown, Ohio", "Two men were shot in Pinetown, Ohio.")
    assert (p.name, p.admin1, p.country) == ("Pinetown", "Ohio", "United States")
    # never an anchor of a relation of its own ("near Reed" is a street far more often)
    assert [e.kind for e in g.entries("Reed")].count("postal") >= 2
    found = g.find("Reed")
    assert found is None or found[0].kind != "postal"


def test_context_reads_american_signals():
    assert context_of("Deputies said the Bibb County Sheriff's Office took the case.").country() == "US"
    assert context_of("Shooting leaves one dead - WKRN News 2\nPolice said a man died.").country() == "US"
    assert context_of("Gunmen killed 18 villagers in Zamfara, a local official said.").country() != "US"
    ctx = context_of("Deputies in Wyoming County searched the woods near Pineville, West Virginia.")
    assert "Wyoming" not in ctx.states and ctx.state() == "West Virginia"


def test_compass_street_is_not_the_city():
    # "the 100 block of South Springfield" is a street of Chicago, not Springfield
    got = _where("4 seriously wounded in West Garfield Park shooting",
                 "Three men were standing outside about 3:30 a.m. in the 100 block of South Springfield when "
                 "someone fired shots, according to Chicago police.")
    assert got is not None and got[:2] == ("Chicago", "Illinois")


# ---------------------------------------------------------------- s6: state and city without a state named

@pytest.mark.parametrize("title, text, expected", [
    pytest.param("Shooting on Poplar Avenue leaves man dead",
                 "A man was shot and killed on Poplar Avenue late Friday, police said. Anyone with information "
                 "is asked to call Crime Stoppers at 901-528-2274.", "Tennessee", id="area-code-gives-state"),
    pytest.param("Teen shot near Main Street",
                 "A teenager was shot near Main Street in Columbia on Sunday. Police asked witnesses to call "
                 "(803) 545-3500.", "South Carolina", id="area-code-picks-namesake"),
])
def test_a_local_telephone_number_gives_the_state(title, text, expected):
    p = mainplace.main_place(text, title, (None, None), [])
    assert p is not None and p.admin1 == expected


def test_phone_states_reads_numbers_not_dates_or_amounts():
    from warcount.usplace import phone_states

    got = phone_states("Call 615-742-7463 or (504) 822-1111 or 1-800-222-8477; it cost $615.742-1234 on 12/03/2016, "
                       "615-742-7463 again.")
    assert dict(got) == {"Tennessee": 1, "Louisiana": 1}


def test_area_codes_are_one_state_each():
    from warcount.gazetteer import area_codes

    codes = area_codes()
    assert codes["615"] == "Tennessee" and codes["504"] == "Louisiana" and codes["202"] == "District of Columbia"
    assert "800" not in codes and len(codes) > 300


def test_a_headline_that_begins_with_its_town():
    assert _where("Apison toddler accidentally shot himself in the head, authorities say",
                  "Apison toddler accidentally shot himself in the head, authorities say") == \
        ("Apison", "Tennessee", "United States")


def test_st_inside_a_name_and_particles_as_whole_words():
    from warcount.placectx import _CAPITALISED

    names = [m.group(0) for m in _CAPITALISED.finditer(
        "A girl in Port St. Lucie was shot. Police are looking. Maarat al-Numan and Rio de Janeiro.")]
    assert "Port St. Lucie" in names and "Police" in names and "Maarat al-Numan" in names and "Rio de Janeiro" in names
    assert _where("Brother arrested after sister shot in Port St. Lucie",
                  "A 16-year-old was arrested after his sister was shot in Port St. Lucie, police said.") == \
        ("Port Saint Lucie", "Florida", "United States")


def test_police_initials_name_their_city():
    from warcount.usplace import police_city

    g = current()
    assert police_city(g, "NOPD") == "New Orleans" and police_city(g, "LVMPD") == "Las Vegas"
    assert police_city(g, "DPD") is None and police_city(g, "CMPD") is None  # one letter: many cities
    assert _where("NOPD: 4 shot in Gert Town", "NOPD said four people were shot Tuesday in Gert Town.")[1] == "Louisiana"


def test_a_city_department_names_the_city():
    assert _where("4 wounded in Morgan Park shooting",
                  "Four people were wounded in a shooting Saturday, according to the Chicago Fire Department.")[:2] \
        == ("Chicago", "Illinois")


def test_a_large_us_city_outweighs_a_country_named_in_passing():
    p = mainplace.main_place("Four people were shot in southeast Fresno on Sunday. Also: Mexico president rejects "
                             "the wall. Mexico border wall could be funded by tax on imports.",
                             "Police: 4 people shot in southeast Fresno", (None, None), [])
    assert p is not None and (p.name, p.admin1, p.country) == ("Fresno", "California", "United States")


def test_a_lead_place_abroad_by_another_name_only_is_no_place_of_a_us_story():
    p = mainplace.main_place("Hawaii police are investigating a shooting in Puna that killed a juvenile. Officers "
                             "responded to Mountain View, Hawaii.", "Police investigate Puna shooting", (None, None),
                             ["Puna"])
    assert p is not None and p.country == "United States" and p.admin1 == "Hawaii"


def test_the_stations_own_town_over_a_larger_namesake():
    assert _where("Columbus teen killed in possible revenge shooting - WTVM.com-Columbus, GA News Weather & Sports",
                  "A Columbus teen was killed in a shooting on Sunday, Columbus police said. The Columbus teen "
                  "was 16.")[:2] == ("Columbus", "Georgia")


def test_a_street_named_after_a_state_is_no_state():
    ctx = context_of("Maryland Drive murder victims identified. Two people were found dead on Maryland Drive "
                     "and Pennsylvania Ave. on Friday.")
    assert "Maryland" not in ctx.states and "Pennsylvania" not in ctx.states


@pytest.mark.parametrize("text", ["A boy was hurt in a Washington D.C. shooting.", "shot in Washington, D.C., police said",
                                  "Washington DC police said", "Washington, DC police said"])
def test_washington_dc_is_the_district_not_the_state(text):
    assert dict(context_of(text).states) == {"District of Columbia": 1}


def test_a_town_of_a_countrys_name_qualified_by_its_state():
    where = _where("Lebanon man charged in shooting",
                   "LEBANON, Pa. -- A Lebanon man was charged Friday after a shooting in Lebanon left two hurt. "
                   "Lebanon police said the Lebanon man fled.", ("LEBANON", "Pa."))
    assert where is not None and where[1:] == ("Pennsylvania", "United States")
