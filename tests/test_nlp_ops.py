"""The parse's matrix products through OpenBLAS (nlp._fast_matmul) must not change a parse."""
from __future__ import annotations

import pytest

from warcount import nlp

TEXTS = [
    "According to an unconfirmed report, 80 pro-government combatants were killed in the ambush.",
    "Police said two men were shot and killed outside a bar on Friday night; a third was wounded.",
    "The ministry said 40 people died, while the army put the toll at 12 militants.",
]


def test_openblas_parse_equals_blis_parse():
    spacy = pytest.importorskip("spacy")
    fast = nlp.pipeline().nlp
    name = f"{fast.meta['lang']}_{fast.meta['name']}"
    slow = spacy.load(name, exclude=["ner", "lemmatizer", "attribute_ruler"])
    assert slow.get_pipe("tagger").model.ops.use_blis  # the reference really is BLIS
    for a, b in zip(fast.pipe(TEXTS), slow.pipe(TEXTS)):
        assert [(t.tag_, t.dep_, t.head.i) for t in a] == [(t.tag_, t.dep_, t.head.i) for t in b]


def test_switch_only_with_one_blas_thread(monkeypatch):
    monkeypatch.setattr(nlp, "_one_blas_thread", lambda: False)

    class Pipe:
        model = None

    class Fake:
        pipeline = [("tagger", Pipe())]

    assert nlp._fast_matmul(Fake()) is False  # no OpenBLAS held to one thread: BLIS stays


def test_cue_tokens_are_the_sentence_tokens_with_those_words():
    doc = nlp.parse("Two men were shot dead. Police said a third man was wounded in the attack.")
    words = frozenset({"shot", "wounded", "police"})
    for sent in doc.sents:
        expected = [t.i for t in sent if t.lower_ in words]
        assert [t.i for t in nlp.cue_tokens(sent, words, {})] == expected
    first = next(doc.sents)
    assert [t.i for t in nlp.cue_tokens(first, frozenset(), {3: ("killed", "verb")})] == [3]
    assert nlp.lowers(doc) == [t.lower_ for t in doc]


@pytest.mark.parametrize("text, parse", [
    ("On Friday, the Guard lost the Syrian village of Khan Touman.", False),  # weak cue only
    ("Officials attempted to downplay the loss of the town.", False),
    ("The Guard acknowledged the loss of 17 military advisers.", True),  # a figure
    ("No soldiers were captured.", True),  # a zero
    ("Three soldiers lost their lives.", True),  # a multiword trigger
    ("He lost his life in the blast.", True),
    ("The army rejected the claims of losses.", True),  # a denial
    ("The town was lost and two people were killed.", True),  # a strong cue
    ("Thirteen were regular ground forces.", True),  # a continuation, chosen without a cue
])
def test_worth_parsing(text, parse):
    from warcount import sentences

    assert sentences.worth_parsing(text) is parse


def test_sentences_not_worth_parsing_give_nothing():
    """What worth_parsing spares would have given no claim and no victim mention."""
    from warcount import caslex, mentions, sentences, triggers

    lex = caslex.compiled()
    for text in ("On Friday, the Guard lost the Syrian village of Khan Touman.",
                 "Officials attempted to downplay the loss of the town.",
                 "The body was found after a murder inquiry.",
                 "Recently lost areas would be retaken, he vowed."):
        assert not sentences.worth_parsing(text)
        doc = nlp.parse(text)
        figs, multi = triggers.figure_index(doc), triggers.multiword_index(doc, lex)
        for sent in doc.sents:
            assert triggers.find_in_sentence(sent, figs, lex, multi) == []
            assert mentions.find_in_sentence(sent, figs, lex, multi, sentence_no=1, title=False,
                                             locate=lambda toks: ("", -1, -1)) == []


def test_text_of_is_span_text():
    doc = nlp.parse("Two men were shot dead.  Police said a third was wounded. ")
    for sent in doc.sents:
        assert nlp.text_of(sent) == sent.text
    assert nlp.text_of(doc[2:5]) == doc[2:5].text


def test_doc_text_is_doc_text():
    doc = nlp.parse("Two men were shot dead.  Police said a third was wounded. ")
    assert nlp.doc_text(doc) == doc.text
    assert nlp.doc_text(doc) is nlp.doc_text(doc)  # read once


def test_figures_memo_gives_the_scan_and_fresh_lists():
    """numbers.find_figures remembers a document's sentences: the same mentions as the scan, a new
    list each time (a caller's edits do not leak), forgotten at the next document."""
    from warcount import numbers

    text = "Police said 12 people were killed and 3 wounded on 5 May 2016, a 23-year-old among them."
    numbers.new_document()
    first = numbers.find_figures(text)
    assert first == numbers._find_figures(text, False)
    first.clear()
    assert numbers.find_figures(text) == numbers._find_figures(text, False) != []
    assert numbers.find_figures(text, articles=True) == numbers._find_figures(text, True)
    numbers.new_document()
    assert numbers._SEEN == {}


def test_victims_of_memo_is_the_reading():
    from warcount import caslex, triggers

    lex = caslex.compiled()
    doc = nlp.parse("Gunmen killed four villagers and two soldiers were wounded in the attack.")
    for t in doc:
        assert triggers.victims_of(t, lex) == triggers._victims_of(t, lex)
        assert triggers.victims_of(t, lex) == triggers._victims_of(t, lex)  # remembered


def test_trie_matches_exactly_its_words():
    import re

    from warcount import sides

    words = ["attack", "attacker", "attackers", "gunman", "gunmen", "set off", "anti-regime"]
    pat = re.compile(rf"(?:{sides._trie(words)})\Z", re.I)
    for w in words:
        assert pat.match(w) and pat.match(w.upper())
    for w in ("attacke", "gunm", "set", "attackerss", "anti", ""):
        assert not pat.match(w)


def test_event_type_is_the_earliest_type_word():
    """One alternation gives what searching each type's pattern and keeping the earliest gave."""
    import re

    from warcount import events

    def one_by_one(text):
        best, pos = "unknown", len(text) + 1
        for name, pat in events.EVENT_WORDS:
            m = re.search(pat, text, re.I)
            if m and m.start() < pos:
                best, pos = name, m.start()
        return best

    for text in ("", "A suicide bombing killed 5.", "Gunmen opened fire, then a bomb went off.",
                 "The blast followed a shooting.", "He was shot; the suspect was arrested.",
                 "Troops clashed with rebels after an ambush.", "Nothing happened here."):
        assert events._event_type(text) == one_by_one(text)


ODD_TEXTS = [
    "Two men were shot dead.  Police said a third was wounded\tin the attack.\n",
    "  Leading spaces, a tab\there and a trailing newline\n\n",
    "Ümit, 23, und Çelik wurden getötet — “sagte” die Polizei…",
    "x",
]


def test_parsed_doc_keeps_the_text_it_was_given():
    """nlp.doc_text of a parsed text is the text given (spaCy's tokens spell their input exactly), by
    pipe and by call, and the same string Doc.text would build."""
    docs = list(nlp.pipeline().pipe(ODD_TEXTS))
    docs.append(nlp.pipeline()(ODD_TEXTS[0]))
    for text, doc in zip([*ODD_TEXTS, ODD_TEXTS[0]], docs):
        assert doc.user_data.get("warcount.text") == text == doc.text
        assert nlp.doc_text(doc) == doc.text
        assert nlp.lowers(doc) == [t.lower_ for t in doc]


def test_ascii_scope_search_equals_the_case_blind_one():
    """mentions.other_scope reads an ASCII text lowered with case-sensitive patterns: the same answer
    as the case-blind patterns give, in any case the text is written."""
    from warcount import mentions

    lx = mentions.lex()

    def case_blind(text: str) -> bool:
        return bool(lx["other"].search(text) or lx["cumulative"].search(text) or lx["past_opening"].search(text))

    texts = ["It was the city's 30th homicide so far this year.", "A SEPARATE SHOOTING last month left one dead.",
             "In March, 2019, two were killed.", "Back in January 2012 the town was shelled.",
             "Two men were shot on Friday.", "The toll Since The Beginning of the war is 400.",
             "Three died in 2016 attacks; per day, 4 more.", "Über 20 Menschen starben in 2015."]
    for text in texts:
        for variant in (text, text.upper(), text.lower(), text.title()):
            assert mentions.other_scope(variant) is case_blind(variant), variant


def test_cumulative_trie_finds_what_the_alternation_finds():
    import re

    from warcount import caslex, triggers

    cues = caslex.compiled()["cumulative"]
    flat = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b")
    trie = triggers._any_cue(cues)
    for cue in cues:
        for text in (f"x {cue} y", f"x {cue}s y", f"{cue}", f"pre{cue} y", f"{cue[:-1]} y"):
            assert bool(trie.search(text)) is bool(flat.search(text)), text
