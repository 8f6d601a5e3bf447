"""The faster model load (nlp._load: the spaCy CLI held out of the import, the tokenizer and the
unused components not read from disk) gives the same tokenizer and the same parses as a plain load."""
from __future__ import annotations

import subprocess
import sys

import pytest

from warcount import nlp

TEXTS = [
    "Three people were killed and 12 wounded when a car bomb exploded near a market in Idlib on Monday, "
    "the Syrian Observatory for Human Rights said.",
    "At least 1,200 U.S. soldiers (and 40-odd contractors) died, officials said; see https://example.org/a?b=1.",
    "Gov. Smith's office didn't confirm the toll — 'we can't,' she said at 3:30 p.m. on Jan. 5th.",
]


@pytest.fixture(scope="module")
def plain():
    import spacy

    for name in nlp.MODELS:
        try:
            return spacy.load(name, exclude=["ner", "lemmatizer", "attribute_ruler"])
        except OSError:
            continue
    pytest.skip("no spaCy English pipeline installed")


def test_tokenizer_is_the_models_own(plain):
    import srsly

    fast = srsly.msgpack_loads(nlp.pipeline().nlp.tokenizer.to_bytes(exclude=["vocab"]))
    full = srsly.msgpack_loads(plain.tokenizer.to_bytes(exclude=["vocab"]))
    assert fast.keys() == full.keys()
    for key in full:
        assert fast[key] == full[key], key


def test_same_parses_as_a_plain_load(plain):
    ours = nlp.pipeline()
    for text in TEXTS:
        a, b = ours(text), plain(text)
        assert [(t.text, t.tag_, t.dep_, t.head.i, t.is_sent_start) for t in a] == \
               [(t.text, t.tag_, t.dep_, t.head.i, t.is_sent_start) for t in b]


def test_spacy_cli_still_imports_after_the_load():
    code = ("from warcount import nlp; nlp.pipeline(); import sys; assert 'spacy.cli' not in sys.modules; "
            "import spacy, spacy.cli; from spacy.cli.info import info; assert spacy.cli.info is not None; "
            "assert callable(spacy.info); print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"


def test_the_loaded_model_is_frozen_out_of_the_collector():
    """Once loaded, the model is out of the cyclic collector's sight (what spares each parsing process
    the scan at exit), while objects made later are still collected."""
    code = ("import gc; from warcount import nlp; nlp.pipeline(); assert gc.get_freeze_count() > 10000; "
            "a = []; a.append(a); del a; assert gc.collect() >= 1; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"
