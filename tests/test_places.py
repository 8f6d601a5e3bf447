"""Offline place resolution (warcount/places.py)."""
from __future__ import annotations

import pytest

from warcount import mainplace, places
from warcount.errors import InputError


@pytest.fixture(autouse=True)
def _packaged_only():
    places.use_gazetteer(None)
    yield
    places.use_gazetteer(None)


@pytest.mark.parametrize("name, context, expected", [
    pytest.param("Aleppo", None, ("Aleppo", "Syria", "point", None), id="city"),
    pytest.param("Mosul", None, ("Nineveh", "Iraq", "point", None), id="city-admin1-name"),
    pytest.param("Syria", None, (None, "Syria", "country", None), id="country"),
    pytest.param("Iran", None, (None, "Iran", "country", None), id="country-short-name"),
    pytest.param("Idlib province", None, ("Idlib", "Syria", "admin1", None), id="admin1-with-suffix"),
    pytest.param("Khan Touman", "Jaysh al Fath ambushed them in Khan Touman, southwest of Aleppo, on May 6.",
                 ("Aleppo", "Syria", "relative", "southwest of Aleppo"), id="village-relative"),
    pytest.param("Tripoli", "Clashes in Tripoli, Lebanon", ("Liban-Nord", "Lebanon", "point", None),
                 id="ambiguous-context-country"),
    pytest.param("Tripoli", None, ("Tripoli", "Libya", "point", None), id="ambiguous-most-populous"),
    pytest.param("Xyzzyville", None, (None, None, "unknown", None), id="unknown"),
])
def test_resolve(name, context, expected):
    p = places.resolve(name, context)
    assert p.name == name
    assert (p.admin1, p.country, p.precision, p.relation) == expected
    if p.precision in ("point", "relative", "admin1"):
        assert p.latitude is not None and p.longitude is not None
    else:
        assert p.latitude is None


def test_relative_with_distance():
    p = places.resolve("Tal Xyz", "fighting in Tal Xyz, 10 km north of Hama, Syria")
    assert (p.admin1, p.country, p.precision, p.relation) == ("Hama", "Syria", "relative", "10 km north of Hama")


def test_is_place():
    assert places.is_place("Aleppo")
    assert places.is_place("Syria")
    assert not places.is_place("Jam News")
    assert not places.is_place("  ")


def test_resolve_returns_copies():
    p = places.resolve("Aleppo")
    p.name = "changed"
    assert places.resolve("Aleppo").name == "Aleppo"


GEONAMES_ROWS = [
    # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 adm1 adm2 adm3 adm4 pop elev dem tz mod
    ["163843", "Aleppo Governorate", "Aleppo Governorate", "Halab", "36.25", "37.5", "A", "ADM1", "SY", "", "09",
     "", "", "", "4867991", "", "400", "Asia/Damascus", "2012-01-18"],
    ["170170", "Khān Ţūmān", "Khan Tuman", "Khan Touman,Khan Toman", "36.11", "37.07", "P", "PPL", "SY", "", "09",
     "", "", "", "0", "", "330", "Asia/Damascus", "2012-01-18"],
    ["999999", "Qarya Xyz", "Qarya Xyz", "", "35.0", "37.0", "P", "PPL", "SY", "", "77",
     "", "", "", "0", "", "330", "Asia/Damascus", "2012-01-18"],
]


def test_user_geonames_file_widens_coverage(tmp_path):
    path = tmp_path / "SY.txt"
    path.write_text("\n".join("\t".join(r) for r in GEONAMES_ROWS) + "\n", encoding="utf-8")
    assert places.resolve("Khan Touman").precision == "unknown"
    places.use_gazetteer(str(path))
    p = places.resolve("Khan Touman", "in Khan Touman, southwest of Aleppo")
    assert (p.admin1, p.country, p.precision) == ("Aleppo Governorate", "Syria", "point")
    assert (p.latitude, p.longitude) == (36.11, 37.07)
    assert places.resolve("Khan Tuman").precision == "point"  # ascii name
    # an admin1 code without an ADM1 row: the nearest packaged place names it
    assert places.resolve("Qarya Xyz").admin1 is not None
    assert places.is_place("Khan Toman")


def test_bad_geonames_file(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("not\ta\tgeonames\tfile\n", encoding="utf-8")
    with pytest.raises(InputError, match="GeoNames"):
        places.use_gazetteer(str(path))
    with pytest.raises(InputError, match="cannot read"):
        places.use_gazetteer(str(tmp_path / "missing.txt"))


def test_norm():
    assert places.norm("Deir ez-Zor") == places.norm("deir ez zor")
    assert places.norm("Ḩalab") == "halab"
    assert places.norm("al-Raqqa") == "raqqa"


# ------------------------------------------------------------------ the main place of a story (issue 12)

MAIN_PLACES = [
    # (title, text, dateline, claims' places, expected (name, admin1, country))
    pytest.param("Fresno girl, 9, dies in drive-by", "A 9-year-old girl was hit by gunfire in Fresno, police said.",
                 (None, None), [], ("Fresno", "California", "United States"), id="no-state-the-larger-namesake"),
    pytest.param("Police: Franklin murder-suicide", "FRANKLIN - Johnson County authorities believe the man shot "
                 "his ex-girlfriend in Franklin on Monday.", (None, None), [],
                 ("Franklin", "Indiana", "United States"), id="county-named-picks-the-town's-state"),
    pytest.param(None, "A 4-year-old was shot in Senath Saturday. Dunklin County Sheriff Bob Holder said his office "
                 "is investigating.", (None, None), [], ("Senath", "Missouri", "United States"),
                 id="county-abbreviation-and-small-town"),
    pytest.param(None, "Four people were injured in a shooting on Tuesday evening.", ("West Memphis", "Ark."), [],
                 ("West Memphis", "Arkansas", "United States"), id="direction-word-that-is-part-of-the-name"),
    pytest.param(None, "A boy was shot in the arm, according to the Highlands County Sheriff's Office.",
                 ("Avon Park", None), [], ("Avon Park", "Florida", "United States"), id="town-ending-in-park"),
    pytest.param("Suspect in Smith County shootout takes plea - KSLA News 12 Shreveport, Louisiana News Weather",
                 "One suspect in the Tyler truck stop shooting pled guilty in Smith County on Thursday.",
                 (None, None), [], ("Tyler", "Texas", "United States"), id="station-name-is-not-the-place"),
    pytest.param("Five shot in West Garfield Park", "One victim was taken to Mount Sinai Hospital, Chicago police "
                 "said.", (None, None), [], ("Chicago", "Illinois", "United States"), id="hospital-name-is-no-place"),
    pytest.param("Rapper targeted in shootings", "A 17-year-old was killed outside a Rogers Park restaurant, "
                 "Chicago police said.", ("Rogers Park", None), [], ("Chicago", "Illinois", "United States"),
                 id="neighbourhood-beside-its-city"),
    pytest.param("5 Chinese mine workers kidnapped in DR Congo", "Gunmen attacked a mining company and kidnapped five "
                 "Chinese nationals early on Sunday in the east of the country.", ("BEIJING", None), [],
                 (None, None, "Democratic Republic of Congo"), id="capital-dateline-abroad-of-the-headline"),
    pytest.param("Boko Haram renewed attacks", "The new attacks on communities of Yobe and Borno States are worrisome. "
                 "Fighters stormed Damasak in Borno State on Saturday.", (None, None), [],
                 (None, None, "Nigeria"), id="admin1-named-as-such-names-its-country"),
]


@pytest.mark.parametrize("title, text, dateline, claims, expected", MAIN_PLACES)
def test_main_place(title, text, dateline, claims, expected):
    p = mainplace.main_place(text, title, dateline, claims)
    assert p is not None
    assert (p.name if expected[0] else None, p.admin1 if expected[1] else None, p.country) == expected


def test_alternate_names_weigh_less_than_own_names():
    from warcount.gazetteer import Entry, pick, weight

    own = Entry("Englewood", "US", "Colorado", None, 0.0, 0.0, 33_000)
    alt = Entry("Issaquah", "US", "Washington", None, 0.0, 0.0, 36_000)
    assert pick([alt, own], "US", key="englewood") is own
    assert weight(alt, "englewood") < weight(own, "englewood")


def test_us_counties_know_their_states():
    g = places.gazetteer()
    assert ("Missouri", "Dunklin County") in g.us_counties("Dunklin Co.")
    assert ("Louisiana", "Orleans Parish") in g.us_counties("Orleans Parish")
    assert len({s for s, _ in g.us_counties("Johnson County")}) > 5
