"""Evidence that two document events tell one happening: profiles, blocking keys, pairwise evidence.

A *unit* is one event of one document. Its :class:`Profile` keeps what
matching needs and nothing else: dates (the event's and the document's
publication date), place, type, actors, the figures per kind, victims'
names and ages, and a TF-IDF vector of the title, the lead and the claims'
sentences. Profiles are plain data (``as_dict`` / :func:`profile_from_dict`),
so the ledger stores them and never re-reads a document to compare it.

Why these pieces: on local news (many outlets, days or months apart, one
shooting) the event dates and places the extractor finds are often wrong or
missing, while the publication dates, the victims' names and the rare words
of the title and lead (a street, a school, a surname: counted as the rare
words both texts carry) are reliable. Every
piece is a feature of the learned decision (``merge_model.py``), so better
dates and places (or victims' names from the document's account, passed in
as ``names``) raise the score without a change here.

Blocking (:func:`keys`): a unit is compared only with units that share a
rare term (inverse document frequency above ``KEY_IDF``) within a long
window around its anchor day, or its place within a short window that
widens with the date's precision. Both are index look-ups, never all pairs.

:func:`separated` is the hard rule the clustering never crosses: different
countries, two cities far apart, or two day-precise dates far apart when
the publication dates agree with them.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .dates import parse_iso
from .model import Claim, Event, Place, Record

#: terms at least this rare (idf) are blocking keys
KEY_IDF = 5.0
#: how many of a unit's terms a profile keeps (the heaviest)
MAX_TERMS = 80
#: anchor-day windows: rare terms (follow-ups months later) and places (widened by precision)
TERM_WINDOW_DAYS = 730
#: a candidate shares at least this many keys (one rare word in common is mostly chance: on the dev
#: incidents, 85% of such pairs and 8% of the true ones)
MIN_SHARED_KEYS = 2
#: ... unless their anchor days are this close, when one shared key will do
NEAR_DAYS = 3
PLACE_WINDOW_DAYS = {"day": 3, "month": 35, "year": 370, None: 7}
NEAR_KM = 15.0
#: day-precise event dates further apart than this (and publication dates agreeing) separate two units
SEPARATE_DAYS = 45
#: two point places of one admin1 this close are not a hard separation (a town and its county seat, a suburb
#: and its city: local outlets name either); the model's ``place_different`` still weighs against them
SEPARATE_KM_SAME_ADMIN1 = 150.0
#: rare terms (idf >= ``KEY_IDF``) of title, lead and claims two texts must share to overrule a separation by
#: places: three specifics in common (a surname, a street, a school) say the place readings are the error
OVERRULE_RARE = 3
#: texts this alike (TF-IDF cosine of title, lead and claims) that name different places: when neither names the
#: other's place they are one wording of two happenings (an agency's template); when one does, the same story
ALIKE_TEXT = 0.5
LEAD_CHARS = 1200
TITLE_CHARS = 400  # a page's <title> may be anything: matching reads its start
BODY_CHARS = 20_000
NAME_CHARS = 5_000

_STOP = frozenset("""the and for that with from this was were are been has have had but not his her their they
she him its into than then there said says will would could also about after over more when who what which one
two three four five six seven eight nine ten our out all any can may new news just like get got you your www com
http https html copyright rights reserved posted updated share email comments comment story read more click here
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december year years old day days week weeks month months yesterday today tonight
morning afternoon evening night""".split())
STOPWORDS = _STOP
_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|\d{1,3}")
_NAME_WORD = r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?"
_NAME = re.compile(rf"\b({_NAME_WORD}(?:\s+(?:[A-Z]\.|{_NAME_WORD})){{1,3}})\b")
_AGE = re.compile(r"\b(\d{1,2})[- ]year[- ]old\b|,\s*(\d{1,2}),")
#: capitalised words that start or end a phrase that is not a person's name
_NOT_NAME = frozenset("""The A An This That These Those He She They It His Her Their Police Officers Officer County City
State Department Sheriff Street Avenue Road Drive Boulevard Lane Court High School University College Hospital
Medical Center News Channel Posted Updated Copyright Associated Press Monday Tuesday Wednesday Thursday Friday
Saturday Sunday January February March April May June July August September October November December Mr Mrs Ms
Dr Sgt Lt Capt Chief Detective Deputy Attorney District Judge Court Superior Circuit North South East West New
Saint St Mount Fort Lake Park Village Township United States America American Ministry Army Forces Front Islamic
Facebook Twitter Google Email Share Click Read More Related Follow Sign Page Up To Date Free Press""".split())
_TITLE_SUFFIX = re.compile(r"\s+[-|–—]\s+[^-|–—]{2,40}$")  # " - WKRN News 2"


@dataclass
class Profile(Record):
    """What matching knows of one unit (one event of one document)."""

    id: str
    document_id: str
    date: str | None = None
    date_precision: str | None = None
    published: str | None = None
    place: Place | None = None
    type: str = "unknown"
    actors: list[str] = field(default_factory=list)
    figures: dict[str, list[int]] = field(default_factory=dict)  # kind -> [low, high or -1]
    names: list[str] = field(default_factory=list)
    ages: list[int] = field(default_factory=list)
    title_terms: dict[str, float] = field(default_factory=dict)
    terms: dict[str, float] = field(default_factory=dict)  # unit-length TF-IDF of title, lead, sentences
    body_terms: dict[str, float] = field(default_factory=dict)  # the same of the whole text
    rare_terms: dict[str, float] = field(default_factory=dict)  # term -> idf of the rare terms above
    capitalised: list[str] = field(default_factory=list)  # its capitalised words, lowercased: the places it names
    #: whether its claims tell the incident (its victims, :func:`incident_claims`): a unit whose claims are only
    #: a suspect's arrest or custody may join an event but never makes one, as a document without claims
    incident: bool = True

    @property
    def anchor(self) -> date | None:
        """The day blocking places the unit on: its event date, else its publication date."""
        return parse_iso(self.date) or parse_iso(self.published)


def profile_from_dict(d: Mapping[str, Any]) -> Profile:
    place = d.get("place")
    return Profile(
        id=d["id"], document_id=d["document_id"], date=d.get("date"), date_precision=d.get("date_precision"),
        published=d.get("published"), place=Place(**place) if isinstance(place, dict) else None,
        type=d.get("type") or "unknown", actors=list(d.get("actors") or []),
        figures={k: list(v) for k, v in (d.get("figures") or {}).items()}, names=list(d.get("names") or []),
        ages=[int(a) for a in d.get("ages") or []], title_terms=dict(d.get("title_terms") or {}),
        terms=dict(d.get("terms") or {}), body_terms=dict(d.get("body_terms") or {}),
        rare_terms=dict(d.get("rare_terms") or {}), capitalised=list(d.get("capitalised") or []),
        incident=bool(d.get("incident", True)))


# --- text ------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text.lower()) if w not in _STOP and (len(w) > 2 or w.isdigit())]


def tfidf(words: Iterable[str], idf: Mapping[str, float], default_idf: float, limit: int = MAX_TERMS) -> dict[str, float]:
    """Sublinear TF times IDF, the ``limit`` heaviest terms, unit length (so a dot product is a cosine)."""
    tf = Counter(words)
    weights = {w: (1.0 + math.log(n)) * idf.get(w, default_idf) for w, n in tf.items()}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {w: round(v / norm, 4) for w, v in top}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[w] for w, v in a.items() if w in b)


def clean_title(title: str | None) -> str:
    """The headline without the outlet's suffix (" - WKRN News 2")."""
    t = (title or "").strip()
    return _TITLE_SUFFIX.sub("", t) if len(t) > 30 else t


def person_names(text: str) -> list[str]:
    """Capitalised two- or three-word phrases that read as a person's name ("Marcus Jones", "Ana M. Ruiz").

    A cheap stand-in until the document's account names its victims; a surname alone is not kept."""
    out: list[str] = []
    for m in _NAME.finditer(text):
        parts = [p for p in m.group(1).split() if not p.endswith(".")]
        while parts and parts[0] in _NOT_NAME:
            parts = parts[1:]
        while parts and parts[-1] in _NOT_NAME:
            parts = parts[:-1]
        if len(parts) >= 2 and not any(p in _NOT_NAME for p in parts):
            name = f"{parts[0]} {parts[-1]}".lower()
            if name not in out:
                out.append(name)
    return out


_CAPITAL = re.compile(r"\b[A-Z][A-Za-z'’.-]*[a-z]")
MAX_CAPITALISED = 400


def capitalised_words(text: str) -> list[str]:
    """Distinct capitalised words, lowercased, in order of appearance (at most ``MAX_CAPITALISED``): enough to
    tell whether a text names a place at all, which the heaviest terms alone miss in a long story."""
    out: dict[str, None] = {}
    for m in _CAPITAL.finditer(text):
        w = m.group(0).lower().replace("’", "'")
        if len(w) > 2 and w not in _STOP:
            out[w] = None
            if len(out) >= MAX_CAPITALISED:
                break
    return list(out)


def ages(text: str) -> list[int]:
    found = {int(a or b) for a, b in _AGE.findall(text)}
    return sorted(a for a in found if 0 < a < 100)


#: the kind that tells of a person held: a suspect's arrest or custody is no evidence of the incident
ARREST_KINDS = frozenset({"arrested"})


def incident_claims(claims: list[Claim]) -> list[Claim]:
    """The claims that are evidence two reports tell one incident: its victims and their counts.

    A suspect's custody is not ("the suspect remains in custody", "he is being held on $50,000 bond"): every
    crime story ends with one, in the same formulas and the same county jail, and the one held is no victim
    of the incident. Who is held comes from the claim's role, never from its words here: an arrest on the
    attackers' side (``Claim.perpetrator``, ``victim_side`` "attackers": sides.py reads the suspect nouns of the
    casualty lexicon; custody.py marks the held person its sentence shows accused). Other arrests stay: an
    activist detained is the violation's victim, and in crime news the police's arrest of a named person is
    weak evidence but evidence still (dropping every arrest of a unit that tells people killed or wounded, or
    of an attack, from the profiles and from making events lowered merge recall 0.864 -> 0.858, and dropping
    their sentences alone precision 0.9695 -> 0.9691, on the dev incidents)."""
    return [c for c in claims if not suspect_held(c)]


def suspect_held(c: Claim) -> bool:
    """Whether ``c`` is the arrest or custody of the incident's suspect (:func:`incident_claims`)."""
    return c.kind in ARREST_KINDS and (c.perpetrator or c.victim_side == "attackers")


def build_profile(unit_id: str, document_id: str, event: Event, claims: list[Claim], *, title: str | None,
                  text: str | None, published: str | None, idf: Mapping[str, float], default_idf: float,
                  names: list[str] | None = None) -> Profile:
    """The profile of one document event. ``names``: victims' names when the account gives them. Only the
    claims that tell the incident (:func:`incident_claims`) are evidence: a suspect's custody adds no words,
    names, ages or figures, and a unit with claims but none of them is no incident of its own."""
    told = incident_claims(claims)
    incident = bool(told) or not claims
    claims = told
    head = clean_title((title or "")[:TITLE_CHARS])
    sentences = " ".join(dict.fromkeys(c.sentence or c.evidence for c in claims))
    lead = (text or "")[:LEAD_CHARS]
    if head and lead.startswith(head):
        lead = lead[len(head):]
    body = " ".join([head, lead, sentences])
    figures: dict[str, list[int]] = {}
    for c in claims:
        if c.scope != "incident" or c.part_of or c.status == "denied":
            continue
        cur = figures.get(c.kind)
        hi = c.figure.high if c.figure.high is not None else -1
        if cur is None or c.figure.low > cur[0]:
            figures[c.kind] = [c.figure.low, hi]
    title_terms = tfidf(tokens(head), idf, default_idf, 20)
    terms = tfidf(tokens(body), idf, default_idf)
    body_terms = tfidf(tokens(" ".join([head, (text or "")[:BODY_CHARS]])), idf, default_idf)
    rare = {w: round(idf.get(w, default_idf), 2) for w in sorted(set(title_terms) | set(terms) | set(body_terms))
            if idf.get(w, default_idf) >= KEY_IDF}
    return Profile(
        id=unit_id, document_id=document_id, date=event.date, date_precision=event.date_precision,
        published=(published or "")[:10] or None, place=event.place, type=event.type or "unknown",
        actors=list(event.actors), figures=figures,
        names=list(names) if names else person_names(" ".join([sentences, (text or "")[:NAME_CHARS]])),
        ages=ages(" ".join([head, sentences])), title_terms=title_terms, terms=terms, body_terms=body_terms,
        rare_terms=rare, capitalised=capitalised_words(" ".join([head, (text or "")[:BODY_CHARS]])),
        incident=incident)


# --- blocking --------------------------------------------------------------------


def place_key(place: Place | None) -> str | None:
    if place is None or not place.name or place.precision in ("country", "unknown"):
        return None
    return "place:" + re.sub(r"[^\w]+", " ", place.name.lower()).strip()


def keys(p: Profile, idf: Mapping[str, float], default_idf: float) -> list[str]:
    """Blocking keys: rare terms (by the shipped idf, so the same for every ingest order) and the place."""
    out = sorted(w for w in set(p.terms) | set(p.body_terms) if idf.get(w, default_idf) >= KEY_IDF)
    pk = place_key(p.place)
    return out + ([pk] if pk else [])


def place_window(p: Profile) -> int:
    return PLACE_WINDOW_DAYS.get(p.date_precision if p.date else None, 7)


# --- evidence --------------------------------------------------------------------


def _n(text: str | None) -> str:
    return re.sub(r"[^\w]+", " ", (text or "").lower()).strip()


def _km(p: Place, q: Place) -> float | None:
    if None in (p.latitude, p.longitude, q.latitude, q.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (p.latitude, p.longitude, q.latitude, q.longitude))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(h, 1.0)))


def place_level(a: Place | None, b: Place | None) -> tuple[str, str]:
    """("same" | "near" | "nested" | "unknown" | "different" | "far" | "country", why)."""
    if a is None or b is None or not (a.name or a.country) or not (b.name or b.country):
        return "unknown", "place unknown"
    if a.country and b.country and a.country != b.country:
        return "country", f"different countries ({a.country}, {b.country})"
    if a.name and b.name and _n(a.name) == _n(b.name):
        return "same", f"same place {a.name}"
    km = _km(a, b)
    if km is not None and a.precision == "point" and b.precision == "point":
        if km <= NEAR_KM:
            return "near", f"places {a.name} and {b.name} {km:.0f} km apart"
        return "far", f"places {a.name} and {b.name} {km:.0f} km apart"
    for inner, outer in ((a, b), (b, a)):
        if outer.precision in ("admin1", "country") or outer.precision is None:
            if (outer.admin1 and inner.admin1 == outer.admin1) or (
                    outer.precision == "country" and inner.country == outer.country):
                return "nested", f"{inner.name} lies in {', '.join(x for x in (outer.admin1, outer.country) if x)}"
    if a.precision in ("point", "relative") and b.precision in ("point", "relative"):
        return "different", f"different places ({a.name}, {b.name})"
    return "unknown", "places not comparable"


def _gap(a: str | None, b: str | None) -> int | None:
    da, db = parse_iso(a), parse_iso(b)
    return abs((da - db).days) if da and db else None


def _figure(a: list[int] | None, b: list[int] | None) -> str:
    if not a or not b:
        return "unknown"
    if a[0] == b[0]:
        return "equal"
    lo, hi = sorted((a[0], b[0]))
    return "close" if hi <= max(lo * 1.5, lo + 2) else "different"


@dataclass
class Evidence(Record):
    """Everything the decision on one pair weighed; kept with the merge or the suggestion."""

    place: str
    place_why: str
    date_gap: int | None
    date_precision: str | None  # the coarser of the two
    published_gap: int | None
    names: list[str]
    ages: list[int]
    figures: dict[str, str]
    same_type: bool | None
    actors: list[str]
    title_similarity: float
    text_similarity: float
    body_similarity: float = 0.0
    shared_terms: int = 0
    #: rare terms (idf >= KEY_IDF) both whole texts carry, the sum of their idf, and those of the titles and of
    #: the title, lead and claims: specifics (surnames, streets, schools) two reports of one happening share
    rare_shared: int = 0
    rare_weight: float = 0.0
    title_rare: int = 0
    lead_rare: int = 0
    surnames: list[str] = field(default_factory=list)  # last words of the person names, shared
    place_km: float | None = None
    separated: str | None = None
    score: float = 0.0

    def reason(self, a: Profile, b: Profile) -> str:
        """The one-line why, for the merges table and the event page."""
        out = []
        if self.date_gap is not None:
            out.append(f"dates {a.date} and {b.date} {self.date_gap} day(s) apart ({self.date_precision or 'day'} "
                       "precision)")
        if self.published_gap is not None:
            out.append(f"published {self.published_gap} day(s) apart")
        out.append(self.place_why)
        if self.names:
            out.append("shared names: " + ", ".join(self.names))
        if self.ages:
            out.append("shared ages: " + ", ".join(map(str, self.ages)))
        if self.rare_shared:
            out.append(f"{self.rare_shared} rare word(s) in common ({self.lead_rare} in title, lead and claims)")
        same = [k for k, v in self.figures.items() if v == "equal"]
        if same:
            out.append("same figures: " + ", ".join(same))
        if self.actors:
            out.append("actors overlap: " + ", ".join(self.actors))
        out.append(f"title similarity {self.title_similarity:.2f}, lead {self.text_similarity:.2f}, "
                   f"whole text {self.body_similarity:.2f}")
        out.append(f"score {self.score:.2f}")
        return "; ".join(out)


FIGURE_KINDS = ("killed", "wounded")


def evidence(a: Profile, b: Profile) -> Evidence:
    level, why = place_level(a.place, b.place)
    ranks = {"day": 3, "month": 2, "year": 1}
    prec = min((a.date_precision or "day", b.date_precision or "day"), key=lambda p: ranks.get(p, 3)) \
        if a.date and b.date else None
    actors = sorted({_n(x) for x in a.actors} & {_n(x) for x in b.actors} - {""})
    ev = Evidence(
        place=level, place_why=why, date_gap=_gap(a.date, b.date), date_precision=prec,
        published_gap=_gap(a.published, b.published), names=sorted(set(a.names) & set(b.names)),
        ages=sorted(set(a.ages) & set(b.ages)),
        figures={k: _figure(a.figures.get(k), b.figures.get(k)) for k in FIGURE_KINDS},
        same_type=(a.type == b.type) if "unknown" not in (a.type, b.type) else None, actors=actors,
        title_similarity=round(cosine(a.title_terms, b.title_terms), 4),
        text_similarity=round(cosine(a.terms, b.terms), 4),
        body_similarity=round(cosine(a.body_terms, b.body_terms), 4),
        shared_terms=len(a.body_terms.keys() & b.body_terms.keys()))
    rare = a.rare_terms.keys() & b.rare_terms.keys()
    body = rare & a.body_terms.keys() & b.body_terms.keys()
    ev.rare_shared, ev.rare_weight = len(body), round(sum(a.rare_terms[w] for w in body), 2)
    ev.title_rare = len(rare & a.title_terms.keys() & b.title_terms.keys())
    ev.lead_rare = len(rare & a.terms.keys() & b.terms.keys())
    ev.surnames = sorted({n.split()[-1] for n in a.names} & {n.split()[-1] for n in b.names})
    if a.place is not None and b.place is not None:
        km = _km(a.place, b.place)
        ev.place_km = round(km, 1) if km is not None else None
    ev.separated = separated(a, b, ev)
    return ev


def _names_place(p: Profile, place: Place | None) -> bool:
    """Whether ``p``'s title, lead or text (its kept terms) names ``place``: then the two place readings may be
    one story's two places (a suburb and its city, a victim's home town), and other evidence may join them."""
    words = tokens(place.name or "") if place is not None else []
    named = set(p.capitalised)
    return bool(words) and all(w in named or w in p.terms or w in p.title_terms for w in words)


def separated(a: Profile, b: Profile, ev: Evidence) -> str | None:
    """Why two units can never be one event, or None: the clustering's cannot-link rule.

    Places apart (other countries, cities far apart, two places without coordinates) separate two units,
    unless the place readings are suspect: a town and a city near it in one admin1; or texts that share
    person names, three rare words or most of their words, provided that alike texts name each other's
    place (two alike wire reports each naming only its own city tell two attacks)."""
    if a.document_id == b.document_id:
        return "two events of one document"
    if ev.place in ("country", "far", "different"):
        pa, pb = a.place, b.place
        near_in_admin1 = (ev.place == "far" and ev.place_km is not None and ev.place_km <= SEPARATE_KM_SAME_ADMIN1
                          and pa is not None and pb is not None and bool(pa.admin1) and pa.admin1 == pb.admin1)
        crossed = _names_place(a, pb) or _names_place(b, pa)
        if not near_in_admin1 and ev.text_similarity >= ALIKE_TEXT and not crossed:
            return ev.place_why  # alike words, each text naming its own place only: one template, two places
        if not near_in_admin1 and ev.text_similarity < ALIKE_TEXT and not ev.names and (
                ev.place == "country" or ev.lead_rare < OVERRULE_RARE):
            return ev.place_why
    if ev.date_gap is not None and ev.date_precision == "day" and ev.date_gap > SEPARATE_DAYS and \
            (ev.published_gap is None or ev.published_gap > SEPARATE_DAYS // 3) and not ev.names:
        return f"dates {a.date} and {b.date} are {ev.date_gap} days apart"
    return None


#: the features the model weighs, in order (names are stored with the weights)
FEATURES = (
    "bias", "place_same", "place_nested", "place_unknown", "place_different", "date_known", "date_log_gap",
    "date_far", "published_log_gap", "published_week", "names", "ages", "killed_equal", "killed_different",
    "wounded_equal", "wounded_different", "same_type", "other_type", "actors", "title_similarity",
    "text_similarity", "text_similarity_sq", "body_similarity", "body_similarity_sq",
    "shared_terms", "shared_terms_log", "rare_shared", "rare_weight_log", "title_rare", "surnames",
    "surname_only", "close_text_similarity", "same_place_same_day", "close_same_place", "published_unknown",
    "published_day",
)


def features(ev: Evidence) -> list[float]:
    dg, pg = ev.date_gap, ev.published_gap
    close, same_place = pg is not None and pg <= 2, ev.place in ("same", "near")
    return [
        1.0, float(ev.place in ("same", "near")), float(ev.place == "nested"), float(ev.place == "unknown"),
        float(ev.place in ("different", "far", "country")), float(dg is not None),
        math.log1p(dg) if dg is not None else 0.0, float(dg is not None and dg > 7),
        math.log1p(pg) if pg is not None else math.log1p(30), float(pg is not None and pg <= 7),
        min(len(ev.names), 3) / 3, min(len(ev.ages), 3) / 3,
        float(ev.figures.get("killed") == "equal"), float(ev.figures.get("killed") == "different"),
        float(ev.figures.get("wounded") == "equal"), float(ev.figures.get("wounded") == "different"),
        float(ev.same_type is True), float(ev.same_type is False), float(bool(ev.actors)),
        ev.title_similarity, ev.text_similarity, ev.text_similarity ** 2, ev.body_similarity,
        ev.body_similarity ** 2, min(ev.shared_terms, 40) / 40, math.log1p(ev.shared_terms),
        min(ev.rare_shared, 10) / 10, math.log1p(ev.rare_weight) / 5, min(ev.title_rare, 3) / 3,
        min(len(ev.surnames), 3) / 3, float(bool(ev.surnames) and not ev.names),
        float(close) * ev.text_similarity, float(same_place and dg is not None and dg <= 1),
        float(close and same_place), float(pg is None), float(pg is not None and pg <= 1),
    ]


class Blocker:
    """The in-memory form of the ledger's blocking index (the training script and tests use it).

    Two units are candidates when they share a key and their anchor days are within the key's window:
    ``TERM_WINDOW_DAYS`` for a rare term, the wider of their two ``place_window`` for a place."""

    def __init__(self, idf: Mapping[str, float], default_idf: float) -> None:
        self.idf, self.default_idf = idf, default_idf
        self._index: dict[str, list[tuple[int, int, str]]] = {}

    def candidates(self, p: Profile) -> set[str]:
        day = p.anchor
        if day is None:
            return set()
        d, w = day.toordinal(), place_window(p)
        hits: Counter[str] = Counter()
        near: set[str] = set()
        for k in keys(p, self.idf, self.default_idf):
            window = TERM_WINDOW_DAYS if not k.startswith("place:") else None
            for od, ow, uid in self._index.get(k, ()):
                if abs(od - d) <= (window if window is not None else max(w, ow)) and uid != p.id:
                    hits[uid] += 1
                    if abs(od - d) <= NEAR_DAYS:
                        near.add(uid)
        return {u for u, n in hits.items() if n >= MIN_SHARED_KEYS or u in near}

    def add(self, p: Profile) -> None:
        day = p.anchor
        if day is None:
            return
        for k in keys(p, self.idf, self.default_idf):
            self._index.setdefault(k, []).append((day.toordinal(), place_window(p), p.id))
