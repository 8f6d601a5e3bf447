"""Offline place resolution (warcount/places.py)."""
from __future__ import annotations

import pytest

from warcount import places
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
