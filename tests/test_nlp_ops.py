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
