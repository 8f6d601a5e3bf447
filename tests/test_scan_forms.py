"""Performance-only rewrites of whole-text scans must find exactly what their plain forms find.

Each scan below was rewritten so that ``re`` can look for its first letters in C (a pattern that
opens with ``\\b`` or a look-behind is tried at every character), or is tried only where a match
can begin. The plain forms are spelled out here as they were; both run over generated texts
built from the words the scans care about, and over every dev text where the corpus is present."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from warcount import datelines, placectx, sides

_NAME = placectx._NAME
PLAIN = {
    "_CAPITALISED": re.compile(r"\b(?:(?:St|Mt|Ft|Pt)\.[ ]?)?[A-Z][\w'ʿ’-]*(?:[ -]+(?:(?:St|Mt|Ft)\.[ ]?[A-Z][\w'ʿ’-]+|"
                               r"[A-Z][\w'ʿ’-]+|(?:al|el|ez|ad|as|ar|de|del|la)(?![\w'’])))*"),
    "_ADMIN_NAMED": re.compile(r"\b(" + _NAME + r")\s+(province|Province|State|state|governorate|Governorate|region|"
                               r"Region|oblast|Oblast|prefecture|Prefecture|district|District|County|county|division|"
                               r"Division|territory|Territory|department|Department|emirate|Emirate)\b"),
    "_COUNTY": re.compile(r"\b((?:St\.\s)?" + _NAME + r")\s+(?:County|Parish|Co\.)(?![\w])"),
    "_ADMIN_OF": re.compile(r"\b(province|state|governorate|oblast|prefecture|emirate|region)\s+of\s+(" + _NAME + ")"),
    "_ADMIN_AFTER_CUE": re.compile(r"\b(in|from|across|throughout|into)\s+(" + _NAME + ")"),
}
PLAIN_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)")

PIECES = ["St.", "Mt.", "Ft.", "Pt.", "St", "S", "t.", "Port", "Lucie", "Saint", "Idlib", "province", "Province", "State",
          "state", "County", "county", "Co.", "Parish", "of", "in", "into", "from", "across", "throughout", "al", "el",
          "de", "la", "Maarat", "Numan", "Syria's", "Syria’s", "Kansas", "City", "Washington", "D.C.", "N.Y.", "NY",
          "Ala.", "Calif.", "Texas", "Georgia", "Wash.", "New York", "IRGC", "xIn", "_In", "2in", "é", "Éire", "ʿ",
          "-", " ", " ", "  ", ", ", ".", "\n", "1999", "2016", "19999", "195", "20", "١٩٩٩", "x", "Jaysh", "Fath",
          "militants", "stormed", "Militants", "attacked", "gunmen", "opened fire", "\u0130", "\u0131", "\u017f",
          "\u212a", "lost", "to", "fell", "surrendered", "unlost", "province of", "state of", "region of", "the governorate of"]


def _texts(n: int = 4000, seed: int = 7):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(PIECES) + rng.choice(["", " ", " ", "-", ", "]) for _ in range(rng.randint(0, 14)))


def _dev_texts(limit: int = 600) -> list[str]:
    dev = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
    out: list[str] = []
    for name in ("local-news.jsonl", "world-news.jsonl", "wikipedia-lists.jsonl"):
        path = dev / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            for k, line in enumerate(fh):
                if k % 10 == 0 and len(out) < limit * 3:
                    out.append((json.loads(line).get("text") or "")[:20_000])
    seed = dev / "khan-touman-2016.txt"
    if seed.exists():
        out.append(seed.read_text("utf-8"))
    return out


def _found(pattern: re.Pattern, text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_first_letter_forms_find_what_the_word_boundary_forms_find(name):
    fast = getattr(placectx, name)
    assert fast.pattern != PLAIN[name].pattern
    for text in _texts():
        assert _found(fast, text) == _found(PLAIN[name], text), repr(text)
        for at in range(0, len(text), 7):  # .match at a position (placectx asks "_ADMIN_NAMED.match(text, at)")
            a, b = fast.match(text, at), PLAIN[name].match(text, at)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (repr(text), at)


def test_scans_on_dev_texts():
    texts = _dev_texts()
    if not texts:
        pytest.skip("no dev corpus")
    states = placectx._state_re()
    for text in texts:
        for name, plain in PLAIN.items():
            assert _found(getattr(placectx, name), text) == _found(plain, text), name
        assert [(m.span(), m.groupdict()) for m in placectx._state_matches(text)] == [
            (m.span(), m.groupdict()) for m in states.finditer(text)]
        assert datelines._YEAR_ALONE.findall(text) == PLAIN_YEAR.findall(text)
        assert sides._attacking(text) == bool(sides._attacking_re().search(text))


def test_state_candidates_find_every_state_match():
    states = placectx._state_re()
    for text in _texts(seed=11):
        assert [(m.span(), m.groupdict()) for m in placectx._state_matches(text)] == [
            (m.span(), m.groupdict()) for m in states.finditer(text)], repr(text)


def test_year_alone_is_the_look_behind_form():
    rng = random.Random(3)
    alphabet = "0123456789 ١٩a\n195"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert [m.span() for m in datelines._YEAR_ALONE.finditer(text)] == [m.span() for m in PLAIN_YEAR.finditer(text)]


def test_attacking_is_the_whole_text_search():
    pattern = sides._attacking_re()
    for text in _texts(seed=5):
        for t in (text, text.upper(), text.title()):
            assert sides._attacking(t) == bool(pattern.search(t)), repr(t)
    assert sides._attacking("Militants stormed the base")
    assert sides._attacking("M\u0130L\u0130TANTS stormed the base") == bool(pattern.search("M\u0130L\u0130TANTS stormed the base"))


def _plain_attacker_phrases(text: str, lex) -> list[tuple[int, str]]:
    cap = r"((?:[A-Z][\w'’-]*+(?:\s+(?:al|el|ad|of|the)\s+|\s+)?){1,5})"
    verbs = "|".join(lex["attack_verbs"])
    found = [(m.start(1), m.group(1)) for m in re.finditer(
        r"\b(?:lost|fell|ceded|surrendered)\b[^.]{0,120}?\bto\s+" + cap, text)]
    found += [(m.start(1), m.group(1)) for m in re.finditer(cap + r"\s*(?:,[^,.]{0,80},\s*)?(?:" + verbs + r")\b", text)]
    return sorted(found)


def test_attacker_phrases_in_verb_stretches_are_the_whole_text_scan():
    from warcount import caslex

    lex = caslex.compiled()
    lost_to, named, verbs = sides._attacker_patterns(lex["attack_verbs"])
    texts = list(_texts(seed=9)) + _dev_texts(limit=200)
    texts.append("Jaysh al Fath, an alliance of jihadi groups, attacked. The army lost Khan Touman to Jaysh al Fath")
    for text in texts:
        found = [(m.start(1), m.group(1)) for m in lost_to.finditer(text)]
        for a, b in sides._verb_stretches(text, verbs):
            found += [(m.start(1), m.group(1)) for m in named.finditer(text, a, b)]
        assert sorted(found) == _plain_attacker_phrases(text, lex), repr(text[:200])


def test_scope_of_text_that_is_not_ascii_is_the_case_blind_one():
    from warcount import mentions

    lx = mentions.lex()

    def case_blind(text: str) -> bool:
        return bool(lx["other"].search(text) or lx["cumulative"].search(text) or lx["past_opening"].search(text))

    texts = ["It was the city’s 30th homicide so far this year.", "A SEPARATE SHOOTING last month left one “dead”.",
             "In March, 2019, two were killed — café owners.", "Back in January 2012 the town was shelled…",
             "Two men were shot on Friday “night”.", "The toll ſince the beginning of the war is 400 – Ünal said.",
             "Three died in 2016 attacks; per day, 4 more.", "THIS YEAR’S 12TH HOMİCİDE", "so far thıs year’s"]
    rng = random.Random(4)
    words = ["so", "far", "this", "year", "since", "last", "month", "in", "2012", "30th", "homicide", "’s", "é", "—",
             "\u0130", "\u0131", "\u017f", "Σ", "ς", "the", "beginning", "of", "war", "separate", "shooting"]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 9))) for _ in range(3000)]
    for text in texts:
        for variant in (text, text.upper(), text.lower(), text.title()):
            assert mentions.other_scope(variant) is case_blind(variant), variant


def test_denial_without_a_denying_verb_is_none_as_the_patterns_say():
    from warcount import attribution

    def plain(text):
        m = attribution._DENIES_HARM.search(text)
        if m:
            return "harm", m.group("who").lower(), m.group("harm").lower()
        return ("figure", None, None) if attribution._DENIES_FIGURE.search(text) else None

    assert attribution._DENY_WORDS  # the gate is on
    rng = random.Random(6)
    words = ["Kyiv", "rejected", "REJECTS", "denied", "Denies", "dismissed", "disputed", "refuted", "the", "claim",
             "figures", "that", "any", "civilians", "had", "been", "hit", "no", "soldiers", "were", "killed", "denıed",
             "diſmissed", "DEN\u0130ED", "’", "."]
    for _ in range(5000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 10)))
        for variant in (text, text.upper(), text.title()):
            assert attribution.denial(variant) == plain(variant), variant


def test_hedge_phrases_pattern_is_a_test_of_each_phrase():
    from warcount import attribution

    _words, phrases = attribution._hedges()
    joined_texts = [p for p in phrases] + [f"x {p} y" for p in phrases] + ["nothing here", "", "could not be"]
    for joined in joined_texts:
        assert (attribution._hedge_phrases().search(joined) is not None) == any(p in joined for p in phrases)
