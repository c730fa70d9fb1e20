"""Coreference within a document: pronouns, descriptions, surnames and "the latter" take an earlier entity.

Rules, applied to mentions in document order (each looks back, never forward):
- A bare name the knowledge base does not know that repeats a word of an earlier person's name ("Zelensky"
  after "Volodymyr Zelensky") is that person; an unknown name in apposition to a title ("the spokesperson for
  Russia's foreign ministry, Maria Zakharova") takes the title's reading.
- he/she/him/his/her: the nearest earlier person whose gender is compatible; it/its: the nearest earlier
  singular country, organisation or group; they/them/their: the nearest earlier plural actor.
- A definite description ("the country", "the Ukrainian leader", "the ministry"): the nearest earlier mention of
  the same kind of thing (person, country, institution) whose code agrees when the description names one.
- "the latter" / "the former": the last / second last distinct actor named before it.
The nearest compatible resolved mention wins; when nothing compatible is found the mention stays as it was
(a description keeps its own reading, a pronoun stays unresolved): ambiguous stays unresolved, not wrong.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from ..records import Entity
from .mentions import Mention

# How far back a pronoun or description may look, in mentions (a few paragraphs of news).
MAX_DISTANCE = 40
# A pronoun looks at its own sentence and at most this many before it.
MAX_SENTENCES_BACK = 2
FEMALE_WORDS = {"spokeswoman", "congresswoman", "chairwoman", "businesswoman", "queen", "princess", "mrs", "ms",
                "mrs.", "ms.", "madam", "empress", "she"}  # fmt: skip
MALE_WORDS = {"spokesman", "congressman", "chairman", "businessman", "king", "prince", "mr", "mr.", "sir", "emperor",
              "sultan", "emir", "he"}  # fmt: skip


def resolve_coreference(doc: Doc, mentions: Sequence[Mention], *, given_names: dict[str, str] | None = None,
                        words: Mapping[str, frozenset[str]] | None = None) -> None:
    """Link pronouns, descriptions, surnames and appositions to earlier mentions, in place.

    given_names (dict): first name -> gender ('f'/'m'), for people the knowledge base does not know.
    words (dict): the knowledge base's word lists (`sending-verbs`, `destination-prepositions`).
    """
    words = words or {}
    _guess_genders(doc, mentions, given_names or {})
    salience = _salience(doc, mentions)
    for index, mention in enumerate(mentions):
        if mention.entity is not None and mention.entity.code is None and mention.kind != "description":
            _take_setting(doc, mentions, index, salience, words)
    for index, mention in enumerate(mentions):
        if mention.text.lower() in ("the latter", "the former"):
            _link(mentions, index, _latter_antecedent(mentions, index), "coref:latter")
        elif mention.kind == "pronoun":
            controller = _controller_antecedent(doc, mentions, index)
            if controller is not None:
                _link(mentions, index, controller, "coref:controller")
            else:
                _link(mentions, index, _pronoun_antecedent(doc, mentions, index, salience), "coref:pronoun",
                      unplaced=True)
        elif mention.kind == "description":
            named = _appositive_name(doc, mentions, index)
            if named is not None:
                _link(mentions, index, named, "coref:apposition")
            else:
                _link(mentions, index, _description_antecedent(mentions, index), "coref:description")
            if mention.entity is not None and mention.entity.code is None:
                _take_setting(doc, mentions, index, salience, words)
        elif mention.kind == "name" and not mention.resolved:
            target = _apposition_antecedent(doc, mentions, index)
            rule = "coref:apposition"
            if target is None:
                target, rule = _acronym_antecedent(mentions, index), "coref:acronym"
            if target is None:
                target, rule = _surname_antecedent(mentions, index), "coref:name"
            _link(mentions, index, target, rule)
    relational = words.get("relational-nouns", frozenset())
    for index, mention in enumerate(mentions):
        if mention.entity is not None and mention.entity.code is None and mention.entity.sector:
            if doc[mention.head].lower_ in relational:
                # "its neighbour Kyrgyzstan", "his counterpart": someone other than the possessor
                _link(mentions, index, _appositive_country(doc, mentions, index), "coref:apposition")
                continue
            _take_possessor(doc, mention) or _take_acronym_owner(doc, mentions, index)


# Sectors of the state's own bodies: "the authorities", "police", "the army" belong to the country the passage is
# about when only one country is named there.
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}


def _take_setting(doc: Doc, mentions: Sequence[Mention], index: int, salience,
                  words: Mapping[str, frozenset[str]]) -> bool:
    """A state body with no owner named ("the authorities", "police", "the army") takes the one country named in
    its sentence and the sentence before; with none or several it stays unresolved."""
    mention = mentions[index]
    if mention.entity.sector not in STATE_SECTORS or mention.refers == "country":
        return False
    if _object_of_named_subject(doc, mention, words.get("sending-verbs", frozenset())):
        return False  # "Obama offered to send troops to Uganda": the troops are the sender's, not Uganda's
    if any(child.dep_ == "poss" for child in doc[mention.head].children):
        return False  # "his government", "their army": the possessor's (linked later), not the passage's
    sentence = salience[index][0]
    codes = set()
    for other_index, other in enumerate(mentions):
        nearby = sentence - 1 <= salience[other_index][0] <= sentence and other is not mention
        if nearby and other.resolved and other.refers in ("country", "place") and not other.entity.regional:
            destination = _destination(doc, other, words.get("destination-prepositions", frozenset()))
            if not destination and not _qualifies_a_thing(doc, other):
                codes.add(other.entity.code)  # "officers traveled to Canada": not Canada's officers
    if len(codes) != 1:
        return False
    mention.entity = replace(mention.entity, code=codes.pop(), entry=f"{mention.entity.entry}+coref:setting")
    return True


def _destination(doc: Doc, mention: Mention, prepositions: frozenset[str]) -> bool:
    """Whether the mention is where someone or something goes ("to Canada", "deported him to Nigeria")."""
    head = doc[mention.head]
    return head.dep_ == "pobj" and head.head.lower_ in prepositions and head.head.head.pos_ in ("VERB", "AUX")


def _qualifies_a_thing(doc: Doc, mention: Mention) -> bool:
    """A nationality adjective on a noun that is no actor ("Russian disinformation", "Iranian oil"): it names
    no country the passage is set in."""
    head = doc[mention.head]
    return (mention.kind == "demonym" and head.dep_ == "amod" and head.head._.cq_mention is None)


def _object_of_named_subject(doc: Doc, mention: Mention, sending_verbs: frozenset[str]) -> bool:
    """Whether the mention is the direct object of a verb of sending whose subject (its own, or its controller's:
    "offered to send troops") is a resolved mention: troops "sent to Uganda" are the sender's, not Uganda's."""
    head = doc[mention.head]
    if head.dep_ != "dobj" or head.head.lemma_.lower() not in sending_verbs:
        return False
    verb = head.head
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            owner = subjects[0]._.cq_mention
            return owner is not None and owner.resolved
        if verb.dep_ not in ("xcomp", "conj") or verb.head is verb:
            return False
        verb = verb.head
    return False


def _controller_antecedent(doc: Doc, mentions: Sequence[Mention], index: int) -> int | None:
    """A possessive pronoun in an infinitive clause whose doer is the object of the verb before it: "called on
    Israel to end its blockade", "urged Russia to withdraw its troops": "its" is that object (object control),
    not the sentence's subject."""
    pronoun = mentions[index]
    token = doc[pronoun.head]
    if token.dep_ != "poss" or token.lower_ not in ("its", "their", "his", "her"):
        return None
    verb = token.head.head if token.head.dep_ in ("dobj", "pobj") else None
    if verb is not None and verb.dep_ == "prep":
        verb = verb.head
    if verb is None or verb.dep_ not in ("xcomp", "advcl", "ccomp") or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    governor = verb.head
    objects = [c for c in governor.children if c.dep_ == "dobj" and c.i < verb.i]
    objects += [g for c in governor.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i < verb.i
                for g in c.children if g.dep_ == "pobj"]
    for obj in objects:
        for back, other in _candidates(mentions, index):
            if other.head == obj.i and other.resolved and _pronoun_compatible(pronoun, other):
                return back
    return None


def _take_acronym_owner(doc: Doc, mentions: Sequence[Mention], index: int) -> bool:
    """ "NAF jets" after "the Nigerian Air Force (NAF)": an acronym modifier gives the code."""
    mention = mentions[index]
    for child in doc[mention.head].lefts:
        if child.dep_ == "compound" and child.text.isupper() and mention.start <= child.i:
            for back, other in _candidates(mentions, index):
                if other.resolved and other.text.replace(" ", "").endswith(f"({child.text})"):
                    mention.entity = replace(mention.entity, code=other.entity.code,
                                             entry=f"{mention.entity.entry}+coref:acronym")  # fmt: skip
                    return True
    return False


def _take_possessor(doc: Doc, mention: Mention) -> bool:
    """A title or group noun owned by a pronoun or description: "his forces", "its cabinet", "the country's
    army" take the possessor's code (resolved by now) and keep their own sector."""
    for child in doc[mention.head].children:
        if child.dep_ != "poss" or not mention.start <= child.i < mention.end:
            continue
        owner = child._.cq_mention
        if owner is None or owner is mention or not owner.resolved:
            continue
        mention.entity = replace(mention.entity, code=owner.entity.code, regional=owner.entity.regional,
                                 entry=f"{mention.entity.entry}+coref:possessor")  # fmt: skip
        return True
    return False


def _link(mentions: Sequence[Mention], index: int, target: int | None, rule: str, *, unplaced: bool = False) -> None:
    """Make mentions[index] stand for mentions[target]; `unplaced`: the target may be a group the knowledge base
    gives a sector but no country ("union workers ... they")."""
    if target is None:
        return
    mention, source = mentions[index], mentions[target]
    if source.entity is None or (source.entity.code is None and not (unplaced and _unplaced_group(source))):
        return
    mention.antecedent = target
    mention.entity = replace(
        source.entity, entity_text=mention.text, start=mention.start_char, end=mention.end_char,
        entry=rule if mention.kind != "name" or rule != "coref:apposition" else f"{rule}+{source.entity.entry}",
    )  # fmt: skip
    if mention.gender is None:
        mention.gender = source.gender
    if mention.refers is None:
        mention.refers = source.refers


def _candidates(mentions: Sequence[Mention], index: int):
    """Earlier mentions, nearest first, skipping ones that contain this mention (nested spans)."""
    mention = mentions[index]
    for back in range(index - 1, max(-1, index - MAX_DISTANCE - 1), -1):
        other = mentions[back]
        if other.start <= mention.start and other.end >= mention.end:
            continue
        if other.end > mention.start:
            continue
        yield back, other


def _is_person(mention: Mention) -> bool:
    if mention.entity is not None and mention.entity.kind == "person":
        return True
    return mention.refers == "person" and mention.kind in ("name", "description", "role") and not mention.plural


def _salience(doc: Doc, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """(sentence start, depth of the head in its parse tree) per mention: subjects of main clauses are
    shallow, names buried in prepositional phrases deep."""
    sentence_of = {sent.start: number for number, sent in enumerate(doc.sents)}
    out = []
    for mention in mentions:
        token = doc[mention.head]
        depth = 0
        while token.head.i != token.i and depth < 50:
            token, depth = token.head, depth + 1
        head = doc[mention.head]
        subject = head.dep_ in ("nsubj", "nsubjpass") or (head.dep_ == "poss" and head.head.dep_ in ("nsubj", "nsubjpass"))
        out.append((sentence_of[head.sent.start], depth, subject))
    return out


def _blocks(pronoun: Mention, other: Mention) -> bool:
    """An unresolved name the pronoun may well stand for ("NASA ... its", "Khashoggi ... he"): if it is the most
    salient candidate the pronoun stays unresolved rather than taking a worse one."""
    if other.resolved or other.kind == "pronoun":
        return False
    if pronoun.gender in ("m", "f"):
        return other.label == "PERSON" and other.gender in (None, pronoun.gender) and other.kind == "name"
    if pronoun.gender != "n" or other.plural:
        return False
    return other.label in ("ORG", "GPE", "NORP") or other.refers in ("group", "institution")


def _unplaced_group(mention: Mention) -> bool:
    """People named by their role, with no country: "Ssangyong union workers", "the protesters"."""
    entity = mention.entity
    return (entity is not None and entity.code is None and bool(entity.sector) and mention.plural
            and mention.kind != "pronoun" and not _is_person(mention))


def _pronoun_compatible(pronoun: Mention, other: Mention, doc: Doc | None = None) -> bool:
    if pronoun.plural and pronoun.gender is None and _unplaced_group(other):
        return True  # "union workers said they will not end the strike"
    if not other.resolved or other.kind == "pronoun" and other.antecedent is None:
        return _blocks(pronoun, other)
    if pronoun.gender in ("m", "f"):
        return _is_person(other) and other.gender in (None, pronoun.gender)
    if pronoun.gender == "n" and doc is not None and _speaks_for_country(doc, other):
        return True  # "Turkey's president says it will begin an operation": "it" is Turkey, which he speaks for
    if pronoun.gender == "n":
        return not _is_person(other) and not other.plural and other.refers != "person" and not _is_regional(other)
    return pronoun.plural and other.plural and not _is_person(other)


def _speaks_for_country(doc: Doc, mention: Mention) -> bool:
    """A government title owned by a country named inside the mention ("Turkey's president"): the mention's
    code and sector are the country's government's, so a neuter pronoun may stand for either."""
    entity = mention.entity
    if entity is None or entity.sector != "GOV" or mention.plural:
        return False
    head = doc[mention.head]
    return any(c.dep_ == "poss" and c.ent_type_ == "GPE" and mention.start <= c.i < mention.end for c in head.children)


def _pronoun_antecedent(doc: Doc, mentions: Sequence[Mention], index: int, salience) -> int | None:
    """The most salient compatible mention of the pronoun's own sentence (before it), else of the sentences
    before, nearest sentence first: shallowest head wins, then the nearest."""
    pronoun = mentions[index]
    subject_only = pronoun.text.lower() == "it"  # "it" is too often a thing: only a subject can be its actor
    own_subjects = _own_subjects(doc[pronoun.head])
    by_sentence: dict[int, list[int]] = {}
    for back, other in _candidates(mentions, index):
        if any(other.start <= i < other.end for i in own_subjects):
            continue  # "Trump called Erdogan and urged him": an object pronoun is not its own clause's subject
        if _pronoun_compatible(pronoun, other, doc) and (not subject_only or salience[back][2]):
            by_sentence.setdefault(salience[back][0], []).append(back)
    own_sentence = salience[index][0]
    for sentence in sorted(by_sentence, reverse=True):
        if own_sentence - sentence > MAX_SENTENCES_BACK:
            break
        best = min(by_sentence[sentence], key=lambda back: (salience[back][1], -back))
        # a group with no country stands for a pronoun only as the subject of the pronoun's own sentence
        # ("union workers said they ..."): further away, "they" is too often someone else
        # (and only for a pronoun that is itself a subject: "police fired tear gas at them" is not at the police)
        placed = mentions[best].resolved or (pronoun.plural and _unplaced_group(mentions[best])
                                             and sentence == own_sentence and salience[best][2]
                                             and salience[index][2])
        return best if placed else None
    return None


def _own_subjects(token) -> set[int]:
    """The subjects of the verb a pronoun is the object of, through coordinated verbs ("X met Y and thanked
    him"): a plain pronoun there cannot stand for them (a reflexive would)."""
    if token.dep_ in ("dobj", "dative", "iobj"):
        verb = token.head
    elif token.dep_ == "pobj" and token.head.dep_ == "prep":
        verb = token.head.head
    else:
        return set()
    subjects: set[int] = set()
    for _ in range(10):
        if verb.pos_ not in ("VERB", "AUX"):
            break
        subjects |= {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
        if verb.dep_ != "conj":
            break
        verb = verb.head
    return subjects


def _is_regional(mention: Mention) -> bool:
    return bool(mention.entity and mention.entity.regional)



def _description_antecedent(mentions: Sequence[Mention], index: int) -> int | None:
    """The nearest earlier mention the description can stand for: the same kind of thing, the same code when
    the description names one, and for a specific title ("the ambassador") the same title."""
    description = mentions[index]
    own_code = description.entity.code if description.entity else None
    head_word = description.text.split()[-1] if description.text.split() else ""
    named_head = head_word if head_word[:1].isupper() else None
    for back, other in _candidates(mentions, index):
        if not other.resolved or other.plural != description.plural:
            continue
        if own_code and other.entity.code != own_code:
            continue
        if named_head and named_head not in other.text:
            continue  # "the Supreme Court" is not any earlier court
        if description.refers == "person" and _is_person(other) and _same_title(description, other):
            return back
        if description.refers == "country" and other.refers == "country" and not _is_regional(other):
            return back
        if (description.refers == "country" and head_word.lower() in DIVISION_WORDS
                and other.entity.kind == "place"):  # fmt: skip
            return back  # "the governor of Ohio announced the state had ...": Ohio, not a country named before
        if (description.refers in ("institution", "group") and other.role_id == description.role_id
                and other.refers == description.refers):  # fmt: skip
            return back
    return None


# Words that can stand for a state or province as well as for a country.
DIVISION_WORDS = {"state", "province", "region", "territory"}


# Titles that fit whoever leads a country's government, whatever the office is called.
LEADER_TITLES = {"leader", "head of state", "head of government", "ruler", "strongman"}


def _same_title(description: Mention, other: Mention) -> bool:
    """Whether a person mention can be what a titled description ("the Chinese president") stands for: the
    same title, or a known person whose office names it, or any government leader for "the leader"."""
    title = (description.role_term or "").split(":", 1)[-1]
    if title in LEADER_TITLES:
        return other.entity is not None and other.entity.sector == "GOV"
    if other.office:
        return title in other.office.lower() or (title == "premier" and "prime minister" in other.office.lower())
    return bool(other.role_term) and other.role_term.split(":", 1)[-1] == title


def _latter_antecedent(mentions: Sequence[Mention], index: int) -> int | None:
    """The last (latter) or second last (former) distinct actor before "the latter"/"the former"."""
    want = 0 if mentions[index].text.lower().endswith("latter") else 1
    seen: list[tuple[str, int]] = []
    for back, other in _candidates(mentions, index):
        if other.resolved and other.kind != "pronoun":
            key = other.entity.name or other.entity.code
            if all(key != k for k, _ in seen):
                seen.append((key, back))
        if len(seen) > want:
            return seen[want][1]
    return None


def _apposition_antecedent(doc: Doc, mentions: Sequence[Mention], index: int) -> int | None:
    """An unknown name next to a resolved title in apposition ("the spokesperson ..., Maria Zakharova")."""
    mention = mentions[index]
    head = doc[mention.head]
    partner = head.head.i if head.dep_ == "appos" else None
    appositives = {c.i for c in head.children if c.dep_ == "appos"}
    for back, other in enumerate(mentions):
        if back == index or not other.resolved or other.refers != "person" or other.kind not in ("role", "description"):
            continue  # only a title lends its reading: two names side by side are two people
        if other.head == partner or other.head in appositives:
            return back
    return None


def _appositive_name(doc: Doc, mentions: Sequence[Mention], index: int) -> int | None:
    """A known person named in apposition to a title: "The spokesperson for Russia's foreign ministry, Maria
    Zakharova" -> the title is Maria Zakharova."""
    mention = mentions[index]
    if mention.refers != "person" or mention.plural:
        return None
    appositives = {c.i for c in doc[mention.head].children if c.dep_ == "appos"}
    if doc[mention.head].dep_ == "appos":
        appositives.add(doc[mention.head].head.i)
    for other_index, other in enumerate(mentions):
        known = other.resolved and (other.entity.entry or "").startswith("kb:person:")
        if other.head in appositives and known:
            return other_index
    return None


def _appositive_country(doc: Doc, mentions: Sequence[Mention], index: int) -> int | None:
    """A country named in apposition to a relational noun: "its beleaguered neighbour Kyrgyzstan"."""
    appositives = {c.i for c in doc[mentions[index].head].children if c.dep_ == "appos"}
    for other_index, other in enumerate(mentions):
        if other.head in appositives and other.resolved and (other.entity.entry or "").startswith("kb:country:"):
            return other_index
    return None


def _acronym_antecedent(mentions: Sequence[Mention], index: int) -> int | None:
    """An acronym the text defined earlier: "NAF" after "the Nigerian Air Force (NAF)"."""
    acronym = mentions[index].text
    if not acronym.isupper():
        return None
    for back, other in _candidates(mentions, index):
        compact = other.text.replace(" ", "")
        if other.resolved and compact.endswith(f"({acronym})"):
            return back
    return None


def _surname_antecedent(mentions: Sequence[Mention], index: int) -> int | None:
    mention = mentions[index]
    words = mention.text.split()
    if not words or not words[-1][:1].isupper():
        return None
    for back, other in _candidates(mentions, index):
        person = other.resolved and (other.entity.kind == "person" or other.label == "PERSON")
        if person and words[-1] in other.text.split() and len(other.text.split()) > len(words):
            return back
    return None


def _guess_genders(doc: Doc, mentions: Sequence[Mention], given_names: dict[str, str]) -> None:
    """Gender from the knowledge base, else from a gendered title or honorific, else from a known first name."""
    for mention in mentions:
        if mention.gender or mention.kind == "pronoun":
            continue
        tokens = doc[mention.start : mention.end]
        lowered = {t.lower_ for t in tokens}
        if lowered & FEMALE_WORDS:
            mention.gender = "f"
        elif lowered & MALE_WORDS:
            mention.gender = "m"
        else:
            names = [t.text for t in tokens if t.ent_type_ == "PERSON"]
            mention.gender = given_names.get(names[0]) if names else None


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[A-Z\"“‘'])")


def resolve_from_context(result, context: str, *, date: datetime.date | None = None, kb=None):
    """A phrase that does not resolve by itself, read against a context text.

    The context is cut into sentences and each sentence into candidate phrases (runs of knowledge-base names,
    role nouns and capitalised words: "Mexican legislators", "Kenyan President William Ruto"). The last
    sentence holding a compatible candidate is used, and in it the first candidate (the subject, in news).
    """
    sentences = list(reversed(_SENTENCE_END.split(context)))
    readings = [list(_context_readings(sentence, date=date, kb=kb)) for sentence in sentences]
    for lenient in (False, True):
        if lenient and not (result.kind != "pronoun" and result.refers == "person"):
            break  # only a title ("the foreign minister") may take its country alone from the context
        for sentence in readings:
            for reading in sentence:
                if _context_compatible(result, reading) or lenient and reading.actor_kind == "country":
                    return _from_context(result, reading)
    return result


def _from_context(result, reading):
    sector = result.sector if result.kind != "pronoun" and result.sector else reading.sector
    name = None if result.refers == "person" and reading.actor_kind == "country" else reading.name
    return replace(reading, sector=sector, name=name, kind=result.kind, entry=f"context:{reading.entry}",
                   explain=f"{result.explain}; from the context: {reading.explain}")  # fmt: skip


def _context_readings(sentence: str, *, date, kb):
    """The readings of the candidate phrases of one sentence, in order."""
    from .resolve import DETERMINERS, resolve_words, scan_words
    from .text import split_words

    words = split_words(sentence)
    in_match = set()
    for match in scan_words(words, kb):
        in_match.update(range(match.start, match.end))
    run: list[str] = []
    for index, word in enumerate(words + ["."]):
        joins = index in in_match or (word[:1].isupper() and word.lower() not in DETERMINERS and index > 0)
        joins = joins or (word in ("'s", "’s") and bool(run))
        if joins and index < len(words):
            run.append(word)
            continue
        if run:
            reading = resolve_words(run, date=date, kb=kb)
            if reading.resolved:
                yield reading
            run = []


def _context_compatible(result, reading) -> bool:
    """Whether a reading from the context can be what a pronoun or description stands for."""
    if not reading.resolved:
        return False
    is_person = reading.actor_kind == "person" or (reading.refers == "person" and not reading.plural)
    if result.kind == "pronoun":
        if result.gender in ("m", "f"):
            return is_person and reading.gender in (None, result.gender)
        if result.gender == "n":
            return not is_person and not reading.plural and not reading.regional
        return reading.plural and not is_person
    if result.refers == "person":
        return is_person
    if result.refers == "country":
        return reading.actor_kind in ("country", "polity") or reading.refers == "country"
    if reading.role_id and result.role_id:
        return reading.role_id == result.role_id and reading.plural == result.plural
    return not is_person and not reading.regional


__all__ = ["Entity", "resolve_coreference", "resolve_from_context"]
