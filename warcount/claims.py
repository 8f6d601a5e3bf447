"""Casualty claims: every figure with what it counts, whom, who says so and how sure.

The reading of one document, in order (each step its own module):

- sentences.py cuts the text into sentences cheaply and picks those worth parsing;
- the picked sentences are parsed in one batch (nlp.py), the title with them;
- triggers.py ties each casualty trigger to its victim and figure in a parsed sentence;
- here each found figure becomes a ``Claim``: source and status from attribution.py, the
  date and place its sentence gives from setting.py, the evidence span mapped back to the raw
  text, the victims' side from sides.py;
- parts.py relates the sentence's claims (parts and totals, listed parts, continuations,
  denials of the figure before);
- mentions.py reads the same sentences for the victim mentions account.py counts people from.
"""
from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from datetime import date

from . import attribution, budget, caslex, custody, nlp, numbers, parts, sentences, setting, sides, triggers
from .model import UNATTRIBUTED, Claim, Cleaned, Source, content_hash

log = logging.getLogger(__name__)


_OFFICIAL = {"official", "government", "army", "military", "ministry", "police", "un", "state", "hospital", "health"}


def extract_claims(cleaned: Cleaned, *, document_id: str | None = None, published: date | None = None) -> list[Claim]:
    """Every casualty claim of a cleaned document, in text order."""
    return read_document(cleaned, document_id=document_id, published=published).claims


@dataclass
class Extraction:
    """What one document tells of casualties: the claims (who says what) and the victim mentions
    (mentions.py) that account.py counts people from. The title's mentions come first."""

    claims: list[Claim]
    mentions: list  # list[mentions.Mention]
    #: the title's claims, listed among ``claims`` but counted by no event: a headline is the outlet's
    #: summary of its body ("Airstrike leaves dozens dead" above "killed 40 civilians, the ministry said"),
    #: not another voice beside its sources; the body's claims and the account (which reads the title) give
    #: the event's figures
    headline: list[Claim] = field(default_factory=list)

    @property
    def counted(self) -> list[Claim]:
        """The claims events are made of: all but the title's."""
        ids = {id(c) for c in self.headline}
        return [c for c in self.claims if id(c) not in ids] if ids else self.claims


def read_document(cleaned: Cleaned, *, document_id: str | None = None, published: date | None = None,
                  raw: str | None = None) -> Extraction:
    """Claims and victim mentions of a cleaned document; ``raw`` (the document as read) places the title."""
    from . import mentions as mentions_mod

    found_mentions: list = []
    title_claims: list[Claim] = []
    lex = caslex.compiled()
    title = (cleaned.title or "").strip()
    parse_title = None
    if title and not cleaned.text.startswith(title) and not sentences.cue_free(title):
        def parse_title(doc=None):  # the title's doc comes in the body's parse batch when there is one
            found_mentions[:0] = _title_mentions(title, raw, lex, mentions_mod, doc, title_claims,
                                                 document_id or content_hash(cleaned.text)[:16])
    claims = title_claims + _read_body(cleaned, document_id, published, lex, found_mentions, mentions_mod,
                                       parse_title)
    parts.executions_retold(claims)
    return Extraction(claims, found_mentions, title_claims)


def _title_mentions(title: str, raw: str | None, lex, mentions_mod, doc=None, claims_out: list | None = None,
                    doc_key: str = "") -> list:
    """The title as a sentence of its own: its evidence span is where the raw document has it. Its
    claims go to ``claims_out`` ("Hong Kong police arrest 5 speech therapists", "Jimmy Lai arrested":
    a headline is the article's first statement of the casualty, often its only one in those words)."""
    base = raw.find(title) if raw else -1
    text, skip = sentences.title_text(title)
    if doc is None:
        doc = nlp.pipeline()(text)
    base = base + skip if base >= 0 else -1
    speaker = attribution.headline_speaker(title[:skip]) if skip else None
    title = title[:1000][skip:]
    figs = triggers.figure_index(doc)
    multi = triggers.multiword_index(doc, lex)

    def locate(toks):
        toks = [t for t in toks if t is not None]
        s = min(t.idx for t in toks)
        e = max(t.idx + len(t) for t in toks)
        return title[s:e], (base + s if base >= 0 else -1), (base + e if base >= 0 else -1)

    out = []
    for sent in doc.sents:
        out.extend(mentions_mod.find_in_sentence(sent, figs, lex, multi, sentence_no=0, title=True, locate=locate))
    if claims_out is not None:
        # headline grammar for the claims ("Jimmy Lai arrested", "Police arrest man"); the account reads the
        # title as it always has (its rules for headlines are its own), so the victims remembered for it go
        doc.user_data[triggers.HEADLINE] = True
        doc.user_data.pop(triggers.VICTIMS_MEMO, None)
        for sent in doc.sents:
            claims_out.extend(_title_claims(sent, figs, lex, multi, _TitleText(title, base), doc_key, speaker))
    return out


class _TitleText:
    """The title as the text a claim's evidence is cut from (``parts.evidence_span``): its offsets map
    to the raw document by the title's place in it."""

    def __init__(self, text: str, base: int) -> None:
        self.text, self.base = text, base

    def to_raw(self, start: int, end: int) -> tuple[int, int] | None:
        return (self.base + start, self.base + end) if self.base >= 0 else None


def _title_claims(sent, figs, lex, multi, text: _TitleText, doc_key: str, speaker=None) -> list[Claim]:
    """The claims of one title sentence, as a body sentence's but with neither date nor place of their
    own: a headline dates nothing ("Jimmy Lai arrested under security law") and its place is the main
    place's evidence (mainplace.py); they are listed, never counted by an event (``Extraction.counted``).
    ``speaker``: the one a prefix
    names ("Report: ..."), whose claims they are unless the headline names another."""
    out: list[Claim] = []
    for f in triggers.find_in_sentence(sent, figs, lex, multi):
        if parts.legal_charge(f) or not triggers.counts_people(f, figs, lex):
            continue  # "Men shoot 20 rounds in Queens, injure 4": a headline's loose grammar
        att = attribution.attribute(sent, f.trigger, f.victim, None)
        if speaker is not None and att.source.kind == "unattributed":
            att = speaker
        made = [_claim(item, att, sent, 0, text, doc_key, [], lex) for item in [f, *f.parts]]
        for c in made:
            c.place = None
        if f.parts:
            total = parts.combine_parts(made[0], made[1:])
            if total is not None:
                total.place = None
                made.append(total)
        out.extend(made)
    return out


def _read_body(cleaned: Cleaned, document_id, published, lex, found_mentions: list, mentions_mod,
               parse_title=None) -> list[Claim]:
    claims = _read_body_sentences(cleaned, document_id, published, lex, found_mentions, mentions_mod, parse_title)
    if parse_title is not None and not (found_mentions and found_mentions[0].title) and not getattr(
            parse_title, "done", False):
        parse_title()  # no body sentence was parsed: the title alone
    return claims


def _read_body_sentences(cleaned: Cleaned, document_id, published, lex, found_mentions: list, mentions_mod,
                         parse_title) -> list[Claim]:
    text = cleaned.text
    if not text.strip():
        return []
    if published is None:
        from .dates import parse_iso

        published = parse_iso(cleaned.published)
    numbers.new_document()
    runs = sentences.select_sentences(text, sentences.title_apart(text, sentences.split_sentences(text), cleaned.title))
    if not runs:
        return []  # no casualty cue: the whole-text scans below are not worth their cost
    try:
        mentions = setting.event_mentions(text, published)
    except Exception:  # dates must never cost the claims
        log.exception("date scan failed")
        mentions = []
    attackers = sides.document_attackers(text, sides.attacker_names(text, lex))
    # each sentence is parsed on its own: the cheap splitter knows paragraphs and
    # parentheticals, which the parser would otherwise run together
    chunks = [(k, s, text[s:e]) for k, run in enumerate(runs) for (s, e) in run]
    claims: list[Claim] = []
    doc_key = document_id or content_hash(text)[:16]
    previous = None
    last_run = -1
    last_whole: list[Claim] = []
    sentence_no = 0
    needed = [sentences.worth_parsing(c) for _, _, c in chunks]
    texts = (c for (_, _, c), need in zip(chunks, needed) if need)
    if parse_title is not None:
        head = sentences.title_text(cleaned.title.strip())[0]
        texts = itertools.chain([head], texts)
    docs = nlp.pipeline().pipe(texts, batch_size=64)
    if parse_title is not None:
        parse_title(next(docs))
        parse_title.done = True
    max_claims = int(budget.limit("max_claims"))
    for (run_no, offset, chunk), need in zip(chunks, needed):
        if len(claims) >= max_claims:
            break  # the work limit: the pipeline notes it on the document (budget.claims_note)
        if not need:
            sentence_no += 1  # it can give nothing (sentences.worth_parsing); later sentences keep their number
            continue
        doc = next(docs)
        figs = triggers.figure_index(doc)
        multi = triggers.multiword_index(doc, lex)

        def locate(toks, offset=offset):
            toks = [t for t in toks if t is not None]
            return parts.evidence_span(cleaned, offset + min(t.idx for t in toks), offset + max(t.idx + len(t) for t in toks))

        if run_no != last_run:
            previous = None  # attribution does not carry across unparsed text
            last_whole = []
        last_run = run_no
        for sent in doc.sents:
            sentence_no += 1
            found_mentions.extend(mentions_mod.find_in_sentence(sent, figs, lex, multi, sentence_no=sentence_no,
                                                                title=False, locate=locate))
            founds = [f for f in triggers.find_in_sentence(sent, figs, lex, multi)
                      if not parts.legal_charge(f) and not triggers.counts_events(f, figs)]
            founds += custody.find(sent, lex, founds)  # one person held, seized or missing (custody.py)
            sent_claims: list[Claim] = []
            totals: list[Claim] = []
            for f in founds:
                att = _named_speaker(attribution.attribute(sent, f.trigger, f.victim, previous), text,
                                     offset + sent.start_char)
                att = _posted(att, f, text, offset + f.trigger.idx)
                for item in [f, *f.parts]:
                    sent_claims.append(_claim(item, att, sent, offset, cleaned, doc_key, mentions, lex, attackers))
                _kin_side(sent_claims[-len(f.parts) - 1], f.parts, sent_claims[-len(f.parts):] if f.parts else [])
                if f.parts:
                    total = parts.combine_parts(sent_claims[-len(f.parts) - 1], sent_claims[-len(f.parts):])
                    if total is not None:
                        totals.append(total)
                previous = att if att.source.kind != "unattributed" else previous
            parts.nest_parts(sent, founds, sent_claims, lex)
            sent_claims.extend(totals)
            parts.continuation_parts(sent, sent_claims, last_whole, figs, offset, cleaned)
            parts.listed_parts(sent, sent_claims, figs, offset, cleaned)
            parts.breakdown_parts(sent, sent_claims, figs, offset, cleaned)
            parts.denial_claims(sent, sent_claims, claims, previous, offset, cleaned)
            claims.extend(sent_claims)
            if sent_claims:
                last_whole = [c for c in sent_claims if c.part_of is None]
    claims.extend(parts.incident_sums(claims))
    sides.settle_totals(claims)
    return claims


#: how far before a sentence the speaker a pronoun stands for is looked for
SPEAKER_WINDOW = 700


def _named_speaker(att, text: str, start: int):
    """"“Several workers were killed,” he said" after "TLP spokesperson Shafiq Ameeni said ...": a source
    that is a bare "he" or "she" with no claim's source before it to stand for is the speaker of the last
    reporting verb before the sentence (attribution.speaker_before), when there is one."""
    if att.source.kind != "person" or att.source.name.lower() not in ("he", "she"):
        return att
    speaker = attribution.speaker_before(text[max(0, start - SPEAKER_WINDOW):start])
    if speaker is None:
        return att
    return attribution.Attribution(speaker, att.status, att.verb, True)


def _posted(att, f: triggers.Found, text: str, end: int):
    """A sentence of an embedded post ("... this afternoon. #AmberAlert https://t.co/... — Missing Pieces
    Network (@Network4Missing) September 3, 2019") with no source of its own is its author's report: the
    sign-off follows the trigger at ``end`` in the same paragraph."""
    after = text[end:end + attribution.POST_REACH].split("\n", 1)[0]
    if att.source.kind != "unattributed" or "(@" not in after:
        return att
    author = attribution.post_author(after)
    if author is None:
        return att
    f.described = False  # the post's words, description and all
    return attribution.Attribution(author, "unconfirmed" if att.status == "unconfirmed" else "reported", "posted")


def _kin_side(first: Claim, founds: list, part_claims: list[Claim]) -> None:
    """"Six attackers were killed along with 9 of their family members": the attackers' own
    people are on the attackers' side, which the lists keep apart from the victims."""
    if first.victim_side != sides.ATTACKERS:
        return
    for f, c in zip(founds, part_claims):
        if f.kin:
            c.victim_side, c.perpetrator = sides.ATTACKERS, True


#: words of a person's part in a happening: "accused of involvement in the murder of a US navy diver", "was
#: involved in the hijacking and the murder of an American passenger", "wanted for the killing of X"
_ROLE_IN = frozenset({"involvement", "involved", "role", "part", "accused", "suspected", "convicted", "charged",
                      "wanted", "responsibility", "responsible", "jailed", "sentenced", "complicity", "complicit",
                      "implicated", "guilty", "tried", "indicted", "arrested", "detained", "extradited"})


def _background(t) -> bool:
    """A casualty noun that tells what a person is accused of or took part in ("police said a man accused of
    involvement in the murder of a US navy diver has been arrested"): the happening is the writer's
    background; the report is of the person's part in it. So it is the article's own voice."""
    if not t.tag_.startswith("NN"):
        return False
    # read on the surface: the parser hangs the second of "the hijacking ... and the murder of X" anywhere
    doc = t.doc
    for k in range(t.i - 1, max(t.sent.start, t.i - 16), -1):
        x = doc[k]
        if x.lower_ in ("in", "of", "for", "with") and k - 1 >= t.sent.start and doc[k - 1].lower_ in _ROLE_IN:
            return True
        if x.tag_.startswith("VB") or x.tag_ in ("WDT", "WP", ":", "-LRB-") or x.text in (";", "\u2014", '"'):
            return False  # another clause: "was killed after he was accused of ..." keeps its own voice
    return False


def _own_act(t) -> bool:
    """The trigger's doer is the source itself: "X said it had executed 81 people", "we arrested them"."""
    return t.tag_.startswith("VB") and any(c.dep_ == "nsubj" and c.lower_ in ("it", "we") for c in t.children)


def _quoted(sent, tok) -> bool:
    """``tok`` inside a quotation opened earlier in its sentence (straight quotes counted in pairs)."""
    return nlp.quote_open(nlp.text_of(sent)[: tok.idx - sent.start_char])


def _claim(f: triggers.Found, att, sent, offset: int, cleaned: Cleaned, doc_key: str, mentions, lex,
           attackers: frozenset[str] = frozenset()) -> Claim:
    toks = [t for t in f.tokens if t is not None]
    s = min(t.idx for t in toks)
    e = max(t.idx + len(t) for t in toks)
    cs, ce = offset + s, offset + e
    evidence, rs, re_ = parts.evidence_span(cleaned, cs, ce)
    status = att.status
    source = att.source
    if (f.described or _background(f.trigger)) and not _quoted(sent, f.trigger):
        # "in support of imprisoned opposition leader Alexei Navalny, a rights group said": the description
        # is the writer's, not the group's
        source, status = UNATTRIBUTED, "stated"
    if source.kind == "unattributed" and f.trigger.lower_ in lex["count_nouns"]:
        # "official tallies", "UN figures": the count itself is the source
        mods = [c for c in f.trigger.children if c.dep_ in ("amod", "compound", "poss")]
        if mods and any(m.lower_ in _OFFICIAL for m in mods):
            source = Source(" ".join(x.text for x in [*mods, f.trigger]), "official", None)
            status = "reported"
    if f.zero and status not in ("denied",) and att.verb and att.verb.startswith("den"):
        status = "denied"
    if status in ("reported", "stated") and source.kind != "unattributed" and set(
            f.victim_text.lower().split()) & lex["partisan"]:
        status = "claimed"
    if f.kind == "arrested" and source.kind == "official" and status == "reported":
        status = "acknowledged"  # "police said 14 were detained": the state tells of its own arrests
    if f.kind in ("arrested", "executed") and status == "reported" and source.kind != "unattributed" \
            and _own_act(f.trigger):
        status = "acknowledged"  # "Saudi Arabia said it had executed 81 people": the source tells its own act
    sent_start, sent_end = offset + sent.start_char, offset + sent.end_char
    m = None
    try:
        from . import dates as dates_mod

        m = dates_mod.resolve_in_sentence(mentions, sent_start, sent_end, at=cs)
        if m is None and setting.ANAPHOR.search(nlp.text_of(sent)):
            m = setting.date_before(mentions, sent_start)
    except Exception:  # dates must never cost the claims
        m = None
    event_date = precision = None
    if f.held:
        m = None  # a state of custody dates nothing (triggers.Found.held)
    if m is not None and getattr(m, "value", None) is not None and not getattr(m, "since", False) \
            and not setting.on_reporting_verb(sent, m, offset, f.trigger):
        event_date = m.value.isoformat() if hasattr(m.value, "isoformat") else str(m.value)
        precision = m.precision
    place = None if f.held else setting.place_of(sent)  # "held in the Wake County jail": where, not the event
    kid = content_hash(f"{doc_key}:{cs}:{ce}:{f.kind}:{f.figure.low}:{f.figure.high}")[:16]
    return Claim(
        id=kid, kind=f.kind, figure=f.figure, victim=sides.tidy_victim(f.victim_text, evidence), source=source, status=status,
        scope=triggers.scope_of(sent, f, lex), victim_side=triggers.side_of_found(f, source, lex, attackers, status), event_date=event_date,
        date_precision=precision, place=place, evidence=evidence, evidence_start=rs, evidence_end=re_,
        sentence=nlp.text_of(sent), perpetrator=f.perpetrator, document_id=doc_key,
    )
