"""The document as sentences: a cheap splitter and the choice of sentences worth parsing.

Only sentences with a casualty cue (and the sentence after one, when it opens with a number,
"Thirteen were ...", or denies the figure before it) go to the parser, which keeps the whole
pipeline fast. The title is a sentence of its own (``title_text``).
"""
from __future__ import annotations

import re

from . import attribution, budget, caslex, custody

ABBREV = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "capt", "sgt", "st", "no", "jan", "feb", "mar", "apr",
          "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "inc", "co", "corp",
          "vs", "rev", "maj", "brig", "adm", "gov", "sen", "rep", "prof", "jr", "sr", "mt", "ft", "e.g", "i.e"}


_SENT_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“'‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\S)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Cheap sentence spans; errs on the side of not splitting after abbreviations."""
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        end = m.start() + 1
        word = text[max(start, end - 6):end - 1].split()[-1:] if end - 1 > start else []
        if word and m.group(0)[0] == "." and (word[0].lower().strip("(") in ABBREV or len(word[0]) == 1):
            continue
        if text[start:end].strip():
            spans.append(_strip(text, start, m.end() if m.group(0).strip() == "" else end))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    out = []
    for s, e in spans:
        out.extend(_split_parenthetical(text, s, e))
    # the work budget: an overlong sentence becomes bounded windows
    spans = budget.windows(text, [s for s in out if s[1] > s[0]])
    budget.check()  # a huge text is refused here, before the whole-text scans, when over doc_timeout
    return spans


def title_apart(text: str, spans: list[tuple[int, int]], title: str | None) -> list[tuple[int, int]]:
    """The title a page's text opens with is a sentence of its own even when no stop follows it ("About
    100 abducted ...; 3 found dead Cleric warns Nigeria ..."): a headline ends where it ends."""
    title = (title or "").strip()
    if not spans or len(title) < 12 or not text.startswith(title):
        return spans
    s, e = spans[0]
    cut = len(title)
    if not (s < cut < e) or not text[cut:cut + 1].isspace():
        return spans
    rest = budget.strip_span(text, cut, e)
    return [(s, cut)] + ([rest] if rest[1] > rest[0] else []) + spans[1:]


_PAREN = re.compile(r"\(([^()]{30,})\)")
#: a finite verb: the parenthetical is a clause of its own, not a list or an apposition
_CLAUSE = re.compile(r"\b(is|was|were|are|has|have|had|said|says|say|will|would|\w{3,}ed)\b", re.IGNORECASE)


def _split_parenthetical(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A long parenthetical with its own clause is a sentence of its own: the parser
    otherwise hangs it on the outer sentence and borrows the wrong subject."""
    m = _PAREN.search(text, s, e)
    if not m or len(m.group(1).split()) < 6 or not _CLAUSE.search(m.group(1)):
        return [(s, e)]  # "three civilians (one Filipino, a Brazilian and a Swede) were wounded": a list
    inner = _strip(text, m.start(1), m.end(1))
    before = _strip(text, s, m.start())
    after = _strip(text, m.end(), e)
    parts = [before, inner] + (_split_parenthetical(text, *after) if after[1] - after[0] > 1 else [])
    return [p for p in parts if p[1] - p[0] > 1]


_strip = budget.strip_span  # one definition for the sentence splitter and the sentence windows


WORD = re.compile(r"[a-z]+")


NUM_START = re.compile(r"^\W*(\d|(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                        r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
                        r"eighty|ninety|hundred|dozens?|several|most|all|many|some|of (those|them|the))\b)", re.I)


def select_sentences(text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Runs of consecutive sentences worth parsing: those with a cue, and continuations."""
    cue = caslex.compiled()["cue"]
    word = WORD
    picked = []
    prev_hit = False
    for s, e in spans:
        chunk = text[s:e]
        hit = not cue.isdisjoint(word.findall(chunk.lower()))
        cont = not hit and prev_hit and (bool(NUM_START.match(chunk)) or attribution.denial(chunk) is not None)
        picked.append(hit or cont)
        prev_hit = hit or cont
    runs: list[list[tuple[int, int]]] = []
    previous = None
    for k, (span, keep) in enumerate(zip(spans, picked)):
        if not keep:
            continue
        if runs and previous == (spans[k - 1] if k > 0 else None):
            runs[-1].append(span)
        else:
            runs.append([span])
        previous = span
    budget.check()
    # the work budget: walls of punctuation in a chosen sentence are left out before parsing
    return [budget.without_runs(text, run) for run in runs]


def worth_parsing(chunk: str) -> bool:
    """False for a chosen sentence whose only cues are weak triggers ("lost the village", "the
    loss of the town", "remains missing") with no figure, no zero word and no denial in it: the
    trigger engine takes a weak trigger only with a figure or a zero on a person ("the loss of 17
    advisers", "no soldiers were captured"), and a weak word is no cue of a victim mention, so the
    parse of such a sentence can give nothing; sparing it saves a sixth of the seed's parse."""
    lex = caslex.compiled()
    seq = WORD.findall(chunk.lower())
    words = set(seq)
    cues = words & lex["cue"]
    if not cues or not cues <= lex["weak"] or words & _zero_words(lex):
        return True  # a continuation ("Thirteen were ..."), a strong cue, "no one"
    if cues & lex["person_weak"] or custody.needs_parse(words):
        return True  # "the murder of Raman Bandarenka", "X has been missing": one person, no figure (s7-detain)
    if words & lex["multiple"]:
        return True  # "a double murder-suicide": the word is the figure (mentions.py counts it)
    if cues & lex["multi_first"]:
        joined = " ".join(seq)
        for phrase, _ in lex["multi"]:
            if phrase[0] in cues and (not all(WORD.fullmatch(w) for w in phrase) or " ".join(phrase) in joined):
                return True  # "lost their lives": a multiword trigger (or one this test cannot see)
    if attribution.denial(chunk) is not None:
        return True
    from . import numbers

    return any(m.casualty_ok for m in numbers.find_figures(chunk))


def _zero_words(lex) -> frozenset[str]:
    """The words of the zero lexicon as the cue scan splits them ("no-one": "no", "one")."""
    words = lex.get("_zero_words")
    if words is None:
        words = lex["_zero_words"] = frozenset(w for z in (*lex["zero"], "nobody", "none", "no") for w in WORD.findall(z))
    return words


def cue_free(text: str) -> bool:
    """No casualty cue word in the text (the cheap test sentence selection uses)."""
    return caslex.compiled()["cue"].isdisjoint(WORD.findall(text.lower()))


def title_text(title: str) -> tuple[str, int]:
    """The words of a title the parser reads, and where they start in it: without a speaker
    prefix ("Police: 4 shot at ..."), in sentence case."""
    title = title[:1000]
    prefix = _TITLE_PREFIX.match(title)
    skip = prefix.end() if prefix else 0
    return _sentence_case(title[skip:]), skip


_TITLE_PREFIX = re.compile(r"^[A-Z][\w.&' -]{0,30}:\s+(?=\S)")


def _sentence_case(title: str) -> str:
    """A Title Case headline ("Four Hurt In Park Shooting") in sentence case, which the parser
    reads (it tags every capitalised word a proper noun); the same length, so offsets hold.
    Words in capitals (acronyms) and the first word keep theirs."""
    words = title.split()
    caps = sum(1 for w in words if w[:1].isupper())
    if len(words) < 3 or caps < 0.7 * len(words):
        return title
    out = []
    for k, w in enumerate(re.split(r"(\s+)", title)):
        low = w.lower()
        out.append(w if k == 0 or w.isupper() or len(low) != len(w) else low)
    return "".join(out)
