"""Direct and indirect quotations, with their speakers.

`find_quotes(doc)` returns `records.Quote` records:
- direct quotations between “…”, "…", ‘…’ (a ’ between two letters is an apostrophe, as in "Russia’s") and
  '…'. The speaker is the subject of a speech verb of the sentence(s) the quote lies in ("“…,” Xi assured
  Zelensky", "described as “…” by Zelensky", "reported Xi as saying, “…”", "according to X"); a quoted
  fragment with no speech verb ("Lula condemned “the violation …”") belongs to the subject of the verb it
  hangs from; a quote that stands alone as a sentence belongs to the previous sentence's speaker.
- indirect quotations: the clause reported by a speech verb ("X said that …", "…, stating that China would …")
  and the main clause of a sentence sourced "according to X".

Speech verbs and nouns are data (`data/quotes/speech_verbs.txt`, `speech_nouns.txt`). The speaker is the
actor mention (`doc._.cq_mentions`, set by the actors stage) that covers the speaker's head word; without one
it is None. `find_quote_spans` gives the same results with the speaker as a token, before actor resolution.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..records import Entity, Quote

LOGGER = logging.getLogger(__name__)

SUBJECT_DEPS = ("nsubj", "nsubjpass")
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# Heads that stand for part of the speaker: "some of the protesters said", "part of the statement reads".
QUANTIFIERS = frozenset({"part", "some", "one", "many", "most", "all", "each", "several", "both", "majority"})
# A quoted fragment without a speech verb needs this many words to be a quotation rather than scare quotes.
MIN_FRAGMENT_WORDS = 3
QUESTION_MARKERS = frozenset({"if", "whether"})
# Share of a sentence's non-punctuation characters a quote must cover to stand alone as the sentence.
STANDALONE_SHARE = 0.8
_LETTER = re.compile(r"\w")


@dataclass
class QuoteSpan:
    """A quotation before actor resolution: the quoted words' character range and the speaker's head token."""

    start: int
    end: int
    sentence: int
    direct: bool
    rule: str
    speaker: Token | None


def _read_lemmas(name: str) -> frozenset[str]:
    path = resources.files("communique") / "data" / "quotes" / name
    lines = (line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line)


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Lemmas of the speech verbs (read once per process)."""
    return _read_lemmas("speech_verbs.txt")


@lru_cache(maxsize=1)
def naming_cues() -> frozenset[str]:
    """Words that make the quoted span after them a name or term ("a group called “…”")."""
    return _read_lemmas("naming_cues.txt")


def _is_quotation(text: str, start: int, end: int) -> bool:
    """Whether a quoted span is a quotation: it has Latin letters and does not follow a naming word."""
    if not re.search(r"[A-Za-z]", text[start:end]):
        return False  # the English pipeline cannot read a quotation in another script
    before = re.sub(r"[\s\W]+$", "", text[max(0, start - 40) : start - 1]).lower()
    return not any(before.endswith(" " + cue) or before == cue for cue in naming_cues())


@lru_cache(maxsize=1)
def speech_nouns() -> frozenset[str]:
    """Lemmas of the nouns of speech ("remarks", "statement")."""
    return _read_lemmas("speech_nouns.txt")


# ---------------------------------------------------------------------------------------------- quote marks


def _pairs(text: str, opening: str, closing: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the text between distinct opening and closing marks (“…”, ‘…’); apostrophes skipped."""
    position = 0
    while (start := text.find(opening, position)) >= 0:
        end = start + 1
        while (end := text.find(closing, end)) >= 0 and closing == "’" and _is_apostrophe(text, end):
            end += 1
        reopened = text.find(opening, start + 1)
        if end < 0:
            return
        if 0 <= reopened < end:  # an unclosed opening mark: start again from the next one
            paragraph_end = text.find("\n", start, reopened)
            if paragraph_end > start + 1 and text[start + 1 : paragraph_end].strip():
                # a quotation running on into the next paragraph opens it again without closing this one
                yield start + 1, start + 1 + len(text[start + 1 : paragraph_end].rstrip())
            position = reopened
            continue
        yield start + 1, end
        position = end + 1


def _is_apostrophe(text: str, index: int) -> bool:
    """A ’ or ' followed by a letter or digit ("Russia’s", "don’t") is an apostrophe, not a closing mark."""
    return index + 1 < len(text) and bool(_LETTER.match(text[index + 1]))


def _straight_pairs(text: str, mark: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the text between straight quote marks, paired within each paragraph."""
    for line in re.finditer(r"[^\n]+", text):
        opened: int | None = None
        for index in (m.start() + line.start() for m in re.finditer(re.escape(mark), line.group())):
            if opened is None and _can_open(text, index, mark):
                opened = index
            elif opened is not None and _can_close(text, index, mark):
                yield opened + 1, index
                opened = None
        if opened is not None and mark == '"' and text[line.end() :].lstrip().startswith(mark):
            # a quotation running on into the next paragraph opens it again without closing this one
            yield opened + 1, opened + 1 + len(text[opened + 1 : line.end()].rstrip())


def _can_open(text: str, index: int, mark: str) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (mark == '"' or before.isspace() or before in "([{—–-") and not after.isspace()


def _can_close(text: str, index: int, mark: str) -> bool:
    before = text[index - 1] if index else " "
    return not before.isspace() and (mark == '"' or not _is_apostrophe(text, index))


def find_quote_marks(text: str) -> list[tuple[int, int]]:
    """Character ranges of the text inside quote marks (outermost only, marks excluded), in text order."""
    found = [
        *_pairs(text, "“", "”"),
        *_pairs(text, "‘", "’"),
        *_straight_pairs(text, '"'),
        *_straight_pairs(text, "'"),
    ]
    found = [(s, e) for s, e in found if text[s:e].strip()]
    outer = [(s, e) for s, e in found if not any(o != (s, e) and o[0] <= s and e <= o[1] for o in found)]
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(outer)):
        if kept and start < kept[-1][1]:
            continue  # crossing pairs: keep the first
        kept.append((start, end))
    return kept


# ---------------------------------------------------------------------------------------------- speakers


def _subject(verb: Token) -> Token | None:
    """The speaker of a speech verb: its grammatical speaker, refined past "part of" and "statement of"."""
    return _refine_speaker(_grammatical_speaker(verb))


def _refine_speaker(token: Token | None) -> Token | None:
    """ "Some of the protesters" -> protesters; "the judge's statement", "a statement by X" -> the owner."""
    if token is None:
        return None
    if token.lower_ in QUANTIFIERS:
        of = next((c for c in token.children if c.lower_ == "of"), None)
        token = next((c for c in of.children if c.dep_ == "pobj"), token) if of is not None else token
    if token.lemma_.lower() in speech_nouns():
        return _owner(token) or token
    return token


def _owner(noun: Token) -> Token | None:
    """Who a statement is by: "the judge's statement", "a statement by/from the king"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.lower_ in ("by", "from") or child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _grammatical_speaker(verb: Token) -> Token | None:
    """The grammatical speaker of a verb: its subject, a passive's agent, or the subject it shares."""
    for child in verb.children:
        if child.dep_ == "agent":
            agent = next((c for c in child.children if c.dep_ == "pobj"), None)
            if agent is not None:
                return agent
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    if subject is not None and subject.dep_ == "nsubjpass":
        return None  # "it was announced that …": no speaker in the clause
    if subject is not None:
        return subject
    if _is_as_saying(verb):
        reporter = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return (
            next((c for c in reporter.children if c.dep_ == "dobj"), None) if reporter is not None else None
        )
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "a resolution condemning …": the noun acts
    controller = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    if verb.dep_ == "xcomp" and controller is not None:
        return controller  # "led Biden to express …": the object speaks
    if (
        verb.dep_ in ("conj", "advcl", "xcomp", "acl")
        and verb.head != verb
        and verb.head.pos_ in ("VERB", "AUX")
    ):
        return _grammatical_speaker(verb.head)
    if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
        return _grammatical_speaker(verb.head.head)  # "He continued by noting that …"
    return None


def _is_as_saying(verb: Token) -> bool:
    """ "reported Xi as saying": the speaker is the object of the verb 'as saying' hangs from."""
    before = verb.doc[verb.i - 1] if verb.i else None
    return before is not None and before.lower_ == "as" and verb.tag_ == "VBG"


def _according_to(sentence: Span, quoted: Iterable[tuple[int, int]] = ()) -> Token | None:
    """X in "according to X" within a sentence (outside quotation marks)."""
    for token in sentence:
        if token.lower_ == "according" and not _inside(token, quoted):
            to = next((c for c in token.children if c.lower_ == "to"), None)
            if to is not None:
                return next((c for c in to.children if c.dep_ == "pobj"), None)
    return None


def _speech_noun_speaker(sentence: Span, outside: list[tuple[int, int]]) -> Token | None:
    """The owner of a noun of speech: "the ambassador's remarks", "a statement by/from X", "a statement
    issued by X"."""
    for token in sentence:
        if token.lemma_.lower() not in speech_nouns() or _inside(token, outside):
            continue
        owner = _owner(token)
        if owner is not None and not (owner.dep_ == "poss" and owner.pos_ == "PRON"):
            return owner  # "his statement" names no one new: often the statement retracted, not the source
        for child in token.children:
            if child.dep_ == "acl":
                agent = next((c for c in child.children if c.dep_ == "agent"), None)
                if agent is not None:
                    return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _inside(token: Token, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(s <= token.idx < e for s, e in ranges)


def _speech_verbs(sentences: Iterable[Span], quoted: list[tuple[int, int]]) -> list[Token]:
    """Speech verbs of the sentences that are not themselves inside quotation marks."""
    verbs = speech_verbs()
    return [
        t for s in sentences for t in s
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in verbs and not _inside(t, quoted)
    ]  # fmt: skip


def _quote_tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _closest_verb(verbs: list[Token], quote: Span) -> Token:
    """The speech verb the quote hangs from, else the one nearest to it."""

    def rank(verb: Token) -> tuple[int, int]:
        governs = any(verb in t.ancestors for t in quote) and not (quote.start <= verb.i < quote.end)
        distance = min(abs(verb.i - quote.start), abs(verb.i - (quote.end - 1)))
        return (0 if governs else 1, distance)

    return min(verbs, key=rank)


# ---------------------------------------------------------------------------------------------- direct


def _sentence_index(doc: Doc) -> tuple[list[Span], list[int]]:
    """The doc's sentences and, for every token, the index of its sentence."""
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    index = [0] * len(doc)
    for number, sentence in enumerate(sentences):
        for i in range(sentence.start, sentence.end):
            index[i] = number
    return sentences, index


def _stands_alone(sentence: Span, start: int, end: int) -> bool:
    """Whether a quote is (nearly) its whole sentence."""
    content = sum(len(t.text) for t in sentence if not t.is_punct and not t.is_space)
    quoted = sum(len(t.text) for t in sentence if not t.is_punct and start <= t.idx < end)
    return content > 0 and quoted / content >= STANDALONE_SHARE


def _fragment_speaker(quote: Span) -> Token | None:
    """The speaker of a quoted fragment: the subject of the verb it hangs from ("Lula condemned “…”")."""
    current = quote.root
    while current.head != current and current.pos_ not in ("VERB", "AUX"):
        current = current.head
    return _subject(current) if current.pos_ in ("VERB", "AUX") else None


def _direct_quote(
    doc: Doc, text: str, span: tuple[int, int], quoted: list[tuple[int, int]], sents, index,
    previous: QuoteSpan | None,
) -> QuoteSpan | None:
    """One direct quote with its speaker, from the sentences it lies in (`text`: doc.text, read once by the caller)."""
    tokens = _quote_tokens(doc, *span)
    if tokens is None or not _is_quotation(text, *span):
        return None
    first, last = index[tokens.start], index[tokens.end - 1]
    around = sents[first : last + 1]
    verbs = _speech_verbs(around, quoted)
    if verbs:
        verb = _closest_verb(verbs, tokens)
        speaker = _subject(verb) or _speech_noun_speaker(sents[index[verb.i]], quoted)
        return QuoteSpan(*span, first, True, f"quote:direct:{verb.lower_}", speaker)
    source = next((x for x in (_according_to(s, quoted) for s in around) if x is not None), None)
    if source is not None:
        return QuoteSpan(*span, first, True, "quote:direct:according-to", source)
    owner = next((x for x in (_speech_noun_speaker(s, quoted) for s in around) if x is not None), None)
    if owner is not None:
        return QuoteSpan(*span, first, True, "quote:direct:speech-noun", owner)
    if first == last and not _stands_alone(sents[first], *span):
        if len([t for t in tokens if not t.is_punct]) < MIN_FRAGMENT_WORDS:
            return None  # a word in scare quotes ("considered “major” hurricanes"), not a quotation
        return QuoteSpan(*span, first, True, "quote:direct:fragment", _fragment_speaker(tokens))
    if previous is not None and previous.sentence == first - 1 and previous.speaker is not None:
        return QuoteSpan(*span, first, True, "quote:direct:previous-sentence", previous.speaker)
    speaker = _previous_sentence_speaker(sents, first, quoted)
    return QuoteSpan(
        *span, first, True, "quote:direct:previous-sentence" if speaker else "quote:direct", speaker
    )


def _previous_sentence_speaker(sents: list[Span], number: int, quoted: list[tuple[int, int]]) -> Token | None:
    if number == 0:
        return None
    verbs = _speech_verbs([sents[number - 1]], quoted)
    return _subject(verbs[-1]) if verbs else None


# ---------------------------------------------------------------------------------------------- indirect


def _reported_clause(verb: Token) -> Span | None:
    """The clause a speech verb reports ("said [that] China would …"), without the 'that'."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None or any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKERS for c in clause.children):
        return None  # no clause, or an embedded question ("to predict if …"), which claims nothing
    words = list(clause.subtree)
    while words and (
        words[0].is_punct or words[0].is_space or (words[0].dep_ == "mark" and words[0].lower_ == "that")
    ):
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    if not words:
        return None
    return verb.doc[words[0].i : words[-1].i + 1]


def _indirect_quotes(doc: Doc, sents: list[Span], quoted: list[tuple[int, int]]) -> list[QuoteSpan]:
    found = []
    for number, sentence in enumerate(sents):
        for verb in _speech_verbs([sentence], quoted):
            clause = _reported_clause(verb)
            if clause is None or any(s < clause.end_char and clause.start_char < e for s, e in quoted):
                continue
            rule = "quote:indirect:that-clause" if _has_that(verb) else "quote:indirect:clause"
            speaker = _subject(verb) or _speech_noun_speaker(sentence, quoted)
            found.append(QuoteSpan(clause.start_char, clause.end_char, number, False, rule, speaker))
        source = _according_to(sentence)
        if source is not None and not any(sentence.start_char <= s < sentence.end_char for s, _ in quoted):
            clause = _according_to_clause(sentence, source)
            if clause is not None:
                found.append(
                    QuoteSpan(clause[0], clause[1], number, False, "quote:indirect:according-to", source)
                )
    return found


def _has_that(verb: Token) -> bool:
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    return clause is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _according_to_clause(sentence: Span, source: Token) -> tuple[int, int] | None:
    """The characters of a sentence outside its "according to X" phrase (the reported claim)."""
    according = source.head.head
    phrase = {t.i for t in according.subtree}
    words = [t for t in sentence if t.i not in phrase and not t.is_space]
    while words and words[0].is_punct:
        words.pop(0)
    while words and words[-1].is_punct:
        words.pop()
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


# ---------------------------------------------------------------------------------------------- public


def find_quote_spans(doc: Doc) -> list[QuoteSpan]:
    """Direct and indirect quotations of a parsed doc, with the speaker as a token; in text order."""
    text = doc.text  # built from the tokens on every access: once here
    quoted = find_quote_marks(text)
    sents, index = _sentence_index(doc)
    direct: list[QuoteSpan] = []
    for span in quoted:
        quote = _direct_quote(doc, text, span, quoted, sents, index, direct[-1] if direct else None)
        if quote is not None:
            direct.append(quote)
    return sorted([*direct, *_indirect_quotes(doc, sents, quoted)], key=lambda q: (q.start, not q.direct))


def speaker_entity(doc: Doc, token: Token | None) -> Entity | None:
    """The resolved actor of the mention (doc._.cq_mentions) covering a speaker token or its apposition."""
    if token is None:
        return None
    for candidate in (token, *(c for c in token.children if c.dep_ == "appos")):
        mention = _mention_at(doc, candidate)
        if mention is not None and getattr(mention, "entity", None) is not None:
            return mention.entity
    return None


def _mention_at(doc: Doc, token: Token):
    mention = token._.cq_mention if Token.has_extension("cq_mention") else None
    if mention is not None:
        return mention
    for candidate in (doc._.cq_mentions if Doc.has_extension("cq_mentions") else None) or ():
        if candidate.start <= token.i < candidate.end:
            return candidate
    return None


def find_quotes(doc: Doc) -> list[Quote]:
    """Every quotation of a parsed doc as `records.Quote`, speakers resolved through doc._.cq_mentions.

    doc (Doc): parsed, ideally after the actors stage (otherwise every speaker is None).
    RETURNS (list[Quote]): direct and indirect quotes in text order; start/end are the quoted words' offsets.
    """
    doc_id = doc._.cq_doc_id if Doc.has_extension("cq_doc_id") else None
    text = doc.text
    return [
        Quote(
            doc_id=doc_id or "",
            speaker=speaker_entity(doc, q.speaker),
            quote=text[q.start : q.end],
            start=q.start,
            end=q.end,
            sentence=q.sentence,
            direct=q.direct,
            rule=q.rule,
        )
        for q in find_quote_spans(doc)
    ]


def quote_containing(quotes: Iterable[Quote], char_offset: int) -> Quote | None:
    """The narrowest quote whose quoted text contains a character offset, direct ones first."""
    inside = [q for q in quotes if q.start <= char_offset < q.end]
    return min(inside, key=lambda q: (not q.direct, q.end - q.start)) if inside else None
