"""Find the actor mentions of a parsed Doc and resolve each on its own (coreference comes after, in coref.py).

Mentions come from noun phrases headed by a name, a title or a group noun ("the Croatian government",
"Chinese President Xi Jinping", "Mexican legislators"), extended over an of/for/to phrase that names a country
("the Chinese ambassador to France", "the spokesperson for Russia's foreign ministry"); from named entities and
knowledge-base names outside such phrases ("Chinese" in "the Chinese approach", "Russia" in "Russia's
invasion"); and from pronouns and "the latter"/"the former". Headlines and datelines are skipped.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..language import in_headline
from ..records import Entity
from .knowledge import KnowledgeBase
from .mentions import Mention
from .resolve import ANAPHORS, PRONOUNS, Resolution, opens_longer_name, resolve_words, scan_words
from .text import join_words

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
EXTEND_PREPOSITIONS = {"to", "of", "for", "from", "in"}
ENTITY_KINDS = {"country": "country", "polity": "country", "person": "person", "organisation": "organisation",
                "group": "group", "region": "region", "place": "place"}  # fmt: skip


def find_mentions(doc: Doc, *, kb: KnowledgeBase, date: datetime.date | None = None) -> list[Mention]:
    """Every actor mention outside headlines, each resolved by itself, ordered by (start, -end)."""
    when = date or datetime.date.today()
    mentions: list[Mention] = []
    covered: set[int] = set()
    texts = [token.text for token in doc]
    chunks = [c for c in doc.noun_chunks if not in_headline(doc, c)]
    # A known name the parser broke into several chunks ("Omar al-Bashir" as four subjects) is taken whole first
    mentions.extend(_spanning_names(doc, texts, kb, when, covered, across=_chunk_ids(doc, chunks)))
    for chunk in chunks:
        mentions.extend(_chunk_mentions(doc, texts, chunk, kb, when, covered))
    for ent in doc.ents:
        wanted = ent.label_ in ENTITY_LABELS and not covered.intersection(range(ent.start, ent.end))
        if wanted and not in_headline(doc, ent):
            mentions.extend(_name_mentions(doc, texts, ent.start, ent.end, kb, when, covered, ent.label_))
    mentions.extend(_spanning_names(doc, texts, kb, when, covered))
    mentions.extend(_pronoun_mentions(doc, covered, kb.word_list("stance-adjectives")))
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


_JOINING = {"ADP", "DET", "CCONJ", "PART"}


def _chunk_ids(doc: Doc, chunks: list[Span]) -> list[int]:
    """Each token's noun chunk (its index), -1 outside chunks."""
    ids = [-1] * len(doc)
    for n, chunk in enumerate(chunks):
        ids[chunk.start : chunk.end] = [n] * len(chunk)
    return ids


def _spanning_names(doc: Doc, texts: list[str], kb, when, covered: set[int], across: list[int] | None = None
                    ) -> list[Mention]:
    """Names of several words the knowledge base knows that no noun chunk or named entity holds whole (the
    chunker cuts "Action Against Hunger" and "Doctors Without Borders" at the preposition, and the entity
    recogniser often misses them), and known acronyms the parser took for another part of speech. With `across`
    (each token's chunk), only names that span two chunks or more."""
    found = []
    i = 0
    while i < len(texts):
        n = min(kb.longest_from(texts[i]), len(texts) - i)
        if n == 0:
            i += 1
            continue
        match = None
        # one word only when it is an acronym ("USAID", tagged an adverb at the start of a sentence)
        shortest = 1 if _is_acronym(texts[i]) else 2
        if n >= shortest and i not in covered and texts[i][:1].isupper():
            for size in range(n, shortest - 1, -1):
                if covered.intersection(range(i, i + size)) or not texts[i + size - 1][:1].isupper():
                    continue
                if across is not None and (len(set(across[i : i + size])) < 2
                                           or any(t.pos_ in _JOINING for t in doc[i : i + size])):
                    continue  # the pre-pass is for names the parser split, not for ones the chunker cut at "of"
                if kb.lookup(join_words(texts[i : i + size])):
                    match = size
                    break
        if match is None or in_headline(doc, doc[i : i + match]):
            i += 1
            continue
        result = resolve_words(texts[i : i + match], date=when, kb=kb)
        found.append(_make_mention(doc, i, i + match, doc[i : i + match].root.i, result, label=doc[i].ent_type_ or None))
        covered.update(range(i, i + match))
        i += match
    return found


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _chunk_mentions(doc: Doc, texts: list[str], chunk: Span, kb, when, covered: set[int]) -> list[Mention]:
    """The mention of a noun chunk if its head is an actor, else the names inside it."""
    root = chunk.root
    if root.lower_ in PRONOUNS or covered.intersection(range(chunk.start, chunk.end)):
        return []  # pronouns are found token by token; a chunk inside an extended mention is done
    if not root.ent_type_ and not any(kb.longest_from(word) for word in texts[chunk.start : chunk.end]):
        return []  # nothing the knowledge base knows, and no named entity: not an actor (fast path)
    start = _extend_start(chunk, _trim_start(chunk))
    end = _extend_end(doc, chunk, texts, start, kb, when)
    words = texts[start:end]
    result = _unless_surname(doc, start, end, resolve_words(words, head=root.i - start, date=when, kb=kb), kb)
    continuation = _name_continuation(texts, end)
    if result.actor_kind == "organisation" and continuation:
        # a name that goes on past the chunk: "the Commission | on Presidential Debates" is no EU body
        longer = resolve_words(words + continuation, head=root.i - start, date=when, kb=kb)
        result = result if longer.resolved else longer
    actor_head = _is_actor_head(root, result)
    if actor_head and not (result.resolved or result.sector) and not root.ent_type_ == "PERSON":
        # an unknown name ("the Israel Boycott Law", "the Puerto Rico Center for Investigative Journalism"): one
        # unresolved mention, who acts stays unknown, and the known names inside it are mentions of their own,
        # nested, for what the act is aimed at (the boycott law is Israel's)
        inner = _name_mentions(doc, texts, start, end, kb, when, covered)
        covered.update(range(start, end))
        return [_make_mention(doc, start, end, root.i, result, label=root.ent_type_ or None)] + inner
    if actor_head:
        inner = _inner_mentions(doc, texts, chunk.end, end, kb, when, covered) if end > chunk.end else []
        inner += [_make_mention(doc, start + s, start + e, start + e - 1, part) for s, e, part in result.parts]
        covered.update(range(start, chunk.end))
        if end == chunk.end and _acronym_follows(texts, end):
            covered.update(range(end, end + 3))
            end += 3
        return [_make_mention(doc, start, end, chunk.root.i, result, label=chunk.root.ent_type_ or None)] + inner
    possessor = _possessor_mention(doc, texts, chunk, kb, when, covered)
    return ([possessor] if possessor else []) + _name_mentions(doc, texts, chunk.start, chunk.end, kb, when, covered)


def _possessor_mention(doc: Doc, texts: list[str], chunk: Span, kb, when, covered: set[int]) -> Mention | None:
    """The possessor of a chunk that is not an actor itself: "US President Donald Trump" in "US President Donald
    Trump's decision", "the Croatian government" in "the Croatian government's request"."""
    for token in doc[chunk.start : chunk.root.i]:
        if token.dep_ == "case" and token.head.dep_ == "poss" and token.head.i < token.i:
            owner = token.head
            start, end = max(chunk.start, _trim_start(chunk)), owner.i + 1
            if owner.lower_ in PRONOUNS or owner.ent_type_ in NOT_ACTOR_LABELS or covered.intersection(range(start, end)):
                return None
            result = resolve_words(texts[start:end], head=owner.i - start, date=when, kb=kb)
            if (result.resolved or result.sector) and end - start > 1:
                covered.update(range(start, end))
                return _make_mention(doc, start, end, owner.i, result, label=owner.ent_type_ or None)
            return None
    return None


def _extend_start(chunk: Span, start: int) -> int:
    """Take in a possessor the chunker left out: "Iran's Supreme Leader Ayatollah Ali Khamenei"."""
    for child in chunk.root.lefts:
        if child.dep_ == "poss" and child.i < start and child.lower_ not in PRONOUNS:
            return child.left_edge.i
    return start


def _acronym_follows(texts: list[str], end: int) -> bool:
    """ "the Lebanese Armed Forces (LAF)": a bracketed acronym belongs to the mention."""
    if end + 2 >= len(texts) or texts[end] != "(" or texts[end + 2] != ")":
        return False
    letters = [c for c in texts[end + 1] if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _trim_start(chunk: Span) -> int:
    """Drop leading punctuation and quotes the chunker sometimes includes."""
    start = chunk.start
    while start < chunk.root.i and chunk.doc[start].is_punct:
        start += 1
    return start


def _name_continuation(texts: list[str], end: int) -> list[str]:
    """The words after a chunk that carry on a capitalised name: "on" / "for" / "of" and capitalised words."""
    if not opens_longer_name(texts, end):
        return []
    stop = end + 1
    while stop < len(texts) and texts[stop][:1].isupper():
        stop += 1
    return texts[end:stop]


def _extend_end(doc: Doc, chunk: Span, texts: list[str], start: int, kb, when) -> int:
    """Extend a title or group noun over "to France", "for Russia's foreign ministry", "of Bulgaria", "in Gaza"."""
    root = chunk.root
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ in EXTEND_PREPOSITIONS and child.i == chunk.end:
            if child.lower_ in ("in", "from") and root.ent_type_ == "PERSON":
                continue  # "Saad Hariri in Washington": a named person needs no place to say who they are
            if child.lower_ == "in" and _placed_without_city(child, texts, start, chunk, kb, when):
                continue  # "Russian authorities in Moscow": placed already; "the police in Gaza" needs its place
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and _names_a_place_or_body(objects[0]):
                return objects[0].i + 1
    return chunk.end


def _placed_without_city(prep: Token, texts: list[str], start: int, chunk: Span, kb, when) -> bool:
    """People or a group whose country the chunk names already, followed by "in" a place ("Russian authorities
    in Moscow", "Sri Lankan officials in Colombo"); an institution keeps its seat ("the Iraqi embassy in Kabul")."""
    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if place is None or place.ent_type_ != "GPE":
        return False
    result = resolve_words(texts[start:chunk.end], head=chunk.root.i - start, date=when, kb=kb)
    return bool(result.code) and result.refers in ("person", "group") and result.actor_kind != "organisation"


def _names_a_place_or_body(token: Token) -> bool:
    return token.ent_type_ in ("GPE", "ORG", "NORP") or any(t.ent_type_ in ("GPE", "NORP") for t in token.lefts)


# Named-entity labels of things, never of actors: "the Women's World Chess Championship" is an event, whatever
# role words ("Women") it contains
NOT_ACTOR_LABELS = {"EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE", "DATE", "TIME", "MONEY", "PERCENT",
                    "QUANTITY", "CARDINAL", "ORDINAL"}


def _is_actor_head(root: Token, result: Resolution) -> bool:
    """A chunk is an actor mention when its head is a name, a title or a group noun the KB knows."""
    if root.ent_type_ in NOT_ACTOR_LABELS:
        return False
    if result.resolved or result.sector:
        return True
    return root.ent_type_ in ENTITY_LABELS and root.pos_ == "PROPN"


def _inner_mentions(doc: Doc, texts: list[str], start: int, end: int, kb, when, covered: set[int]
                    ) -> list[Mention]:  # fmt: skip
    return _name_mentions(doc, texts, start, end, kb, when, covered)


def _name_mentions(doc: Doc, texts: list[str], start: int, end: int, kb, when, covered: set[int],
                   label: str | None = None) -> list[Mention]:  # fmt: skip
    """Knowledge-base names inside doc[start:end] as mentions ("Chinese", "Russia"); an unknown named entity
    (label given) becomes one unresolved mention."""
    found = []
    for match in scan_words(texts[start:end], kb):
        if not match.hits:
            continue
        s, e = start + match.start, start + match.end
        if covered.intersection(range(s, e)) or doc[e - 1].ent_type_ == "MONEY":
            continue  # "nine billion US dollars": a currency, not the country
        if _place_as_surname(doc, s, e, kb):
            continue  # "Kanye West": the whole name is an unknown person's, below
        continuation = _name_continuation(texts, e)
        result = resolve_words(texts[s:e] + continuation, head=e - 1 - s, date=when, kb=kb)
        if continuation and not result.resolved:
            continue  # "the corrupt Commission on Presidential Debates": a longer name, not the EU's Commission
        found.append(_make_mention(doc, s, e, doc[s:e].root.i, result, label=doc[s].ent_type_ or None))
        covered.update(range(s, e))
    while end - start > 1 and texts[end - 1] in ("'s", "’s", "'", "’"):
        end -= 1  # the parser sometimes puts the possessive inside the entity: "Robert Mueller's"
    if not found and label in ("PERSON", "ORG", "GPE") and not covered.intersection(range(start, end)):
        span = doc[start:end]
        result = resolve_words(texts[start:end], head=span.root.i - start, date=when, kb=kb)
        found.append(_make_mention(doc, start, end, span.root.i, result, label=label))
        covered.update(range(start, end))
    return found


# What a place's name may stand for when it ends a person's name: a country, its capital, a region
_PLACE_KINDS = {"country", "region"}


def _reads_as_place(result: Resolution) -> bool:
    return result.actor_kind in _PLACE_KINDS or result.kind in ("metonym", "region")


def _place_as_surname(doc: Doc, start: int, end: int, kb) -> bool:
    """Whether doc[start:end], a one-word place name, is the surname in a person's name the entity recogniser
    marked: "Kanye West", "Denzel Washington", "Michael Jordan" (not "the West", nor "Sierra Leone", which the
    knowledge base knows whole)."""
    if end - start != 1 or start == 0:
        return False
    if doc[start - 1].lower_ != "the" and _named_before_as_surname(doc, start):
        # alone, the surname of a person named in full earlier ("Kanye West ... whether West was running")
        return _reads_as_place(resolve_words([doc[start].text], kb=kb))
    if doc[start].ent_type_ != "PERSON":
        return False
    before = doc[start - 1]
    if before.ent_type_ != "PERSON" or before.ent_iob_ == "O" or before.pos_ != "PROPN":
        return False
    first = start - 1
    while first > 0 and doc[first - 1].ent_type_ == "PERSON" and doc[first].ent_iob_ == "I":
        first -= 1
    given = [t.text for t in doc[first:start]]
    before_reading = resolve_words(given, kb=kb)
    if before_reading.resolved or before_reading.sector or kb.lookup(join_words([*given, doc[start].text])):
        return False  # "President Washington"? "Ukraine Zelensky": the words before are known, not a given name
    return _reads_as_place(resolve_words([doc[start].text], kb=kb))


def _named_before_as_surname(doc: Doc, index: int) -> bool:
    """Whether an earlier person's name in the document ends with the word at `index` ("Kanye West")."""
    word = doc[index].text
    return any(ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == word for ent in doc.ents
               if ent.end <= index)


def _unless_surname(doc: Doc, start: int, end: int, result: Resolution, kb) -> Resolution:
    """The chunk's reading, or that of an unknown person when its head is a place ending a person's name; a
    chunk owned by such a surname ("West's family") has no country from it."""
    head = doc[start:end].root
    if _reads_as_place(result) and _place_as_surname(doc, head.i, head.i + 1, kb):
        return Resolution(kind="name", refers="person", explain=f"'{head.text}' is a surname here")
    owner = next((c for c in head.children if c.dep_ == "poss" and start <= c.i < end), None)
    if result.code and owner is not None and _place_as_surname(doc, owner.i, owner.i + 1, kb):
        return replace(result, code=None, name=None, regional=False, kind="role", entry=(result.entry or "").split("+")[0],
                       explain=f"'{owner.text}' is a surname here: {result.explain.split(';')[0]}, no country")
    return result


def _pronoun_mentions(doc: Doc, covered: set[int], stances: frozenset[str] = frozenset()) -> Iterator[Mention]:
    for token in doc:
        lowered = token.lower_
        if token.i in covered and token.dep_ != "poss":
            continue  # a possessive inside a mention ("his forces") is a mention of its own, nested
        if lowered in PRONOUNS and token.pos_ == "PRON" and not _is_expletive(token, stances):
            if not in_headline(doc, doc[token.i : token.i + 1]):
                yield _make_mention(doc, token.i, token.i + 1, token.i, resolve_words([token.text]))
        elif lowered in ANAPHORS and token.i > 0 and doc[token.i - 1].lower_ == "the" and token.dep_ in (
            "nsubj", "nsubjpass", "dobj", "pobj", "ROOT", "conj", "appos"
        ):  # fmt: skip
            yield _make_mention(doc, token.i - 1, token.i + 1, token.i, resolve_words(["the", token.text]))


def _is_expletive(token: Token, stances: frozenset[str] = frozenset()) -> bool:
    """ "it was too early", "it was announced that", "it needed to be clarified": no referent. `stances`:
    adjectives that need a holder ("said it is skeptical of the plan": "it" is the speaker)."""
    if token.lower_ != "it":
        return False
    if token.dep_ != "nsubj":  # "it" as object ("describing it as") is rarely an actor; expl/nsubjpass never
        return True
    head = token.head
    if head.lemma_ == "be":  # "it was too early to ...", "It is a licence for ...": a thing or nothing
        complements = [c for c in head.children if c.dep_ in ("acomp", "attr")]
        return bool(complements) and not any(c.lower_ in stances for c in complements)
    return token.dep_ == "nsubj" and any(c.dep_ == "xcomp" and any(g.dep_ == "auxpass" for g in c.children)
                                          for c in head.children)  # fmt: skip


def _make_mention(doc: Doc, start: int, end: int, head: int, result: Resolution, label: str | None = None
                  ) -> Mention:  # fmt: skip
    span = doc[start:end]
    if result.kind == "metonym" or (result.entry or "").endswith(":capital"):
        if _described_as_person(doc[head]):
            result = Resolution(kind="name", refers="person", explain=f"'{span.text}' is a person here (who ...)")
    plural = result.plural or doc[head].tag_ in ("NNS", "NNPS")
    if result.kind == "pronoun":
        plural = result.plural
    mention = Mention(start, end, span.start_char, span.end_char, head, span.text, result.kind, plural,
                      refers=result.refers, gender=result.gender, label=label,
                      role_term=result.entry.split("+")[0] if result.entry else None,
                      role_id=result.role_id, office=result.office)  # fmt: skip
    mention.entity = make_entity(span, result) if (result.resolved or result.sector) else None
    return mention


def _described_as_person(token: Token) -> bool:
    """"Amman, who was described as knife-obsessed": a relative "who" makes a city name a person's."""
    return any(c.dep_ == "relcl" and any(g.lower_ in ("who", "whom", "whose") for g in c.children)
               for c in token.children)


def make_entity(span: Span | object, result: Resolution, *, text: str | None = None, start: int | None = None,
                end: int | None = None) -> Entity:  # fmt: skip
    """An Entity for a span (or explicit text and offsets) from a Resolution."""
    kind = ENTITY_KINDS.get(result.actor_kind or "", "pronoun" if result.kind == "pronoun" else "role")
    return Entity(
        entity_text=text if text is not None else span.text,
        code=result.code, sector=result.sector, name=result.name,
        start=start if start is not None else span.start_char, end=end if end is not None else span.end_char,
        entry=result.entry, kind=kind, regional=result.regional,
    )  # fmt: skip


def mention_tokens(mentions: Iterable[Mention]) -> Iterator[tuple[int, Mention]]:
    """(token index, mention) pairs, innermost mention last so that it wins when assigned in order."""
    for mention in sorted(mentions, key=lambda m: -(m.end - m.start)):
        for index in range(mention.start, mention.end):
            yield index, mention


def argument_span(doc: Doc, mention: Mention) -> Span:
    """The whole noun phrase a mention modifies, as event-argument gold marks it ("Somalia's decisions", "an
    Afghan army base", "the Iraqi government's demand"); the mention itself when it is the phrase's head.

    The mention stays the actor; this is the span an event's participant covers in ConfliBERT-style gold.
    """
    token = doc[mention.head]
    while token.dep_ in ("poss", "compound", "amod", "nmod", "case") and token.head.i > token.i:
        token = token.head
    if token.i == mention.head:
        return doc[mention.start : mention.end]
    start = min(token.left_edge.i, mention.start)
    while start < token.i and doc[start].is_punct:
        start += 1
    return doc[start : max(token.i + 1, mention.end)]
