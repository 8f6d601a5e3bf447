"""Hand-made reports for the ledger tests: short articles written for the purpose.

The extractor is not needed: each article comes with the claims and events a
reader would mark, with evidence offsets found in the text.
"""
from __future__ import annotations

from typing import Any

from warcount.model import Claim, Event, Figure, Place, Report, Source, content_hash

ALEPPO = Place("Aleppo", "Aleppo", "Syria", 36.20124, 37.16117, "point")
IDLIB = Place("Idlib", "Idlib", "Syria", 35.93062, 36.63393, "point")
KHAN_TOUMAN = Place("Khan Touman", "Aleppo", "Syria", 36.20124, 37.16117, "relative", "southwest of Aleppo")


def claim(evidence: str, kind: str, low: int, high: int | None = -1, *, source: str = "unattributed",
          source_kind: str = "outlet", status: str = "reported", side: str | None = "civilians",
          scope: str = "incident", victim: str = "people", part_of: str | None = None) -> dict[str, Any]:
    return dict(evidence=evidence, kind=kind, low=low, high=low if high == -1 else high, source=source,
                source_kind=source_kind, status=status, side=side, scope=scope, victim=victim, part_of=part_of)


def report(text: str, *, url: str | None = None, origin: str | None = None, title: str | None = None,
           published: str | None = None, events: list[tuple[dict[str, Any], list[dict[str, Any]]]] = (),
           loose: list[dict[str, Any]] = ()) -> Report:
    """A report of ``text``: ``events`` pairs event fields with claim specs; ``loose`` claims have no event."""
    doc_id = content_hash(text)
    claims: list[Claim] = []
    out_events: list[Event] = []
    n = 0

    def make(spec: dict[str, Any], event_id: str | None) -> Claim:
        nonlocal n
        n += 1
        start = text.index(spec["evidence"])
        return Claim(
            id=f"c{n}", kind=spec["kind"], figure=Figure(spec["low"], spec["high"], str(spec["low"])),
            victim=spec["victim"], source=Source(spec["source"], spec["source_kind"]), status=spec["status"],
            scope=spec["scope"], victim_side=spec["side"], evidence=spec["evidence"], evidence_start=start,
            evidence_end=start + len(spec["evidence"]), sentence=spec["evidence"], part_of=spec["part_of"],
            event_id=event_id, document_id=doc_id,
        )

    for i, (fields, specs) in enumerate(events, 1):
        eid = f"e{i}"
        members = [make(s, eid) for s in specs]
        claims += members
        out_events.append(Event(id=eid, claims=[c.id for c in members], **fields))
    claims += [make(s, None) for s in loose]
    document = {"id": doc_id, "origin": origin or url or "<memory>", "record_id": None, "url": url,
                "title": title, "author": None, "byline_conflict": None, "published": published,
                "published_source": "input" if published else None, "site": None, "content_type": "text",
                "encoding": "utf-8", "notes": [], "removed": [], "words": len(text.split())}
    from warcount.model import Cleaned

    return Report(document=document, claims=claims, events=out_events, cleaned=Cleaned(text=text, title=title))


# --- the articles -----------------------------------------------------------------

MARKET_A = ("A car bomb tore through the central market of Idlib on Tuesday. Twelve people were killed and "
            "30 wounded, the civil defence said. Rebels blamed government agents for the car bomb.")
MARKET_B = ("At least 25 people died when a car bomb exploded in Idlib's central market, a monitoring group said, "
            "adding that dozens were wounded in the market blast.")
ALEPPO_SHELLING = ("Shelling hit a school in Aleppo on Tuesday, killing 4 children, the health directorate said.")


def market_a() -> Report:
    return report(MARKET_A, url="https://a.example/idlib-market", title="Car bomb kills 12 in Idlib market",
                  published="2016-05-10",
                  events=[(dict(type="bombing", date="2016-05-10", date_precision="day", place=IDLIB,
                                actors=["government agents"], summary="car bomb in the central market of Idlib"),
                           [claim("Twelve people were killed", "killed", 12, source="civil defence", source_kind="official"),
                            claim("30 wounded", "wounded", 30, source="civil defence", source_kind="official")])])


def market_b() -> Report:
    return report(MARKET_B, url="https://b.example/news/1", title="Dozens hurt as car bomb hits Idlib market",
                  published="2016-05-11",
                  events=[(dict(type="bombing", date="2016-05-10", date_precision="day", place=IDLIB,
                                summary="car bomb exploded in Idlib's central market"),
                           [claim("At least 25 people died", "killed", 25, None, source="monitoring group"),
                            claim("dozens were wounded", "wounded", 24, None, source="monitoring group")])])


def aleppo_shelling() -> Report:
    return report(ALEPPO_SHELLING, url="https://a.example/aleppo-school", title="Shelling hits Aleppo school",
                  published="2016-05-10",
                  events=[(dict(type="shelling", date="2016-05-10", date_precision="day", place=ALEPPO,
                                summary="shelling hit a school in Aleppo"),
                           [claim("killing 4 children", "killed", 4, source="health directorate",
                                  source_kind="official")])])


def toll(day: str, n: int, *, url: str) -> Report:
    """The same ministry on different days: a toll revised as bodies are found."""
    text = f"The health ministry said {n} people were killed in the collapse of the Aleppo bakery after the airstrike."
    return report(text, url=url, title=f"Aleppo bakery airstrike toll {n}", published=day,
                  events=[(dict(type="airstrike", date="2016-05-03", date_precision="day", place=ALEPPO,
                                summary="airstrike collapsed a bakery in Aleppo"),
                           [claim(f"{n} people were killed", "killed", n, source="health ministry",
                                  source_kind="official")])])


KHAN_TOUMAN_TEXT = (
    "Jaysh al Fath ambushed pro-government forces in Khan Touman, southwest of Aleppo, on May 6. "
    "Jam News reported, unconfirmed, that 80 pro-government combatants were killed. "
    "The IRGC acknowledged the loss of 17 military advisers, including the deaths of two senior officers. "
    "Harakat al Nujaba announced the names of 11 members who were killed in the ambush. "
    "A spokesman said the remains of 12 Iranians killed in Khan Touman were returned. "
    "Kayhan claimed 500 terrorists killed in Khan Touman. Tasnim said IRGC forces killed dozens of Fath combatants. "
    "Hezbollah has denied that any of its members were captured in the ambush. "
    "Official tallies between 400 and 700 Iranians have been killed in Syria since 2012."
)


def khan_touman() -> Report:
    pg = dict(side="pro-government", victim="pro-government combatants")
    return report(
        KHAN_TOUMAN_TEXT, origin="khan-touman.txt", title="IRGC sustained heavy losses in Khan Touman",
        events=[(dict(type="battle", date="2016-05-06", date_precision="day", place=KHAN_TOUMAN,
                      actors=["Jaysh al Fath"], summary="ambush in Khan Touman"),
                 [claim("80 pro-government combatants were killed", "killed", 80, source="Jam News",
                        status="unconfirmed", **pg),
                  claim("the loss of 17 military advisers", "killed", 17, source="IRGC", source_kind="party",
                        status="acknowledged", **pg),
                  claim("the deaths of two senior officers", "killed", 2, source="IRGC", source_kind="party",
                        status="acknowledged", part_of="c2", **pg),
                  claim("11 members who were killed", "killed", 11, source="Harakat al Nujaba",
                        source_kind="party", **pg),
                  claim("12 Iranians killed in Khan Touman", "killed", 12, source="25th Karbala Division spokesman",
                        source_kind="person", **pg),
                  claim("500 terrorists killed in Khan Touman", "killed", 500, source="Kayhan", status="claimed",
                        side="opposition", victim="terrorists"),
                  claim("killed dozens of Fath combatants", "killed", 24, None, source="Tasnim",
                        side="opposition", victim="Fath combatants"),
                  claim("denied that any of its members were captured", "captured", 0, source="Hezbollah",
                        source_kind="party", status="denied", **pg)])],
        loose=[claim("between 400 and 700", "killed", 400, 700, source="official tallies", scope="cumulative",
                     side="pro-government", victim="Iranians")],
    )
