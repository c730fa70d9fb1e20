"""The `communique_events` spaCy component: coded events and quotes on every parsed, actor-resolved Doc.

It runs after `communique_actors`. For every sentence outside headlines it extracts candidate events
(`extract.extract_sentence`), lets the trained classifier settle ambiguous lexicon matches, fills the
ontology fields, date, place, historical and reported flags, and merges repeated reports of the same
actor-event-recipient into one event (`merge.merge_events`).

Example:
    >>> nlp.add_pipe("communique_events", config={"user_files": ["my_verbs.yaml"]})
"""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date as Date
from typing import Any, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import extensions  # noqa: F401  (registers the cq_ attributes)
from ..errors import ModelError
from ..language import in_headline
from ..ontology import load_ontology
from ..records import Entity, Event, TextInfo
from .candidates import extract_sentence
from .dates import find_dates
from .places import find_places
from .quotes import find_quotes
from .extract import Candidate, ExtractContext, _lookup
from .modality import FACT, INTENT, modality_of
from .lexicon import Lexicon, load_lexicon
from .merge import merge_events
from .model import model_candidate, rank_with_votes
from .structure import are_coordinated, char_text, named_in_sentence, with_phrase

LOGGER = logging.getLogger(__name__)


def _stripped_offsets(sentence: Span) -> tuple[str, int, int]:
    text = sentence.text
    left = len(text) - len(text.lstrip())
    stripped = text.strip()
    start = sentence.start_char + left
    return stripped, start, start + len(stripped)


class EventCoder:
    """Codes the events of a Doc (see the module docstring). Load once; call on every Doc."""

    def __init__(self, lexicon: Lexicon, *, use_classifier: bool = True) -> None:
        self.lexicon = lexicon
        # nouns naming acts ("blockade", "proposal"): the participants inside their phrases are arguments of
        # their own ("its blockade of Yemen" -> Yemen)
        self.event_nouns = (frozenset(lexicon.nouns) | lexicon.frames.lists.get("proposal_nouns", frozenset())
                            | lexicon.frames.lists.get("denial_nouns", frozenset()))  # "charges by the US": the US
        self.ontology = load_ontology()
        self.use_classifier = use_classifier
        self._classifier: Any = None
        self._classifier_failed = False

    # --- the trained classifier, loaded on first use ----------------------------------------------
    @property
    def classifier(self) -> Any:
        """The trained sentence classifier, loaded on first use (None if it cannot be loaded)."""
        if self._classifier is None and self.use_classifier and not self._classifier_failed:
            try:
                from .classifier import load_classifier

                self._classifier = load_classifier()
            except (ModelError, OSError) as err:  # missing weights must not stop coding: the lexicon works
                LOGGER.warning("event classifier unavailable, lexicon only: %s", err)
                self._classifier_failed = True
        return self._classifier

    # --- the component ----------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        quotes = find_quotes(doc)
        doc._.cq_quotes = quotes
        dates = doc._.cq_dates if doc._.cq_dates is not None else find_dates(doc, doc._.cq_pub_date)
        doc._.cq_dates = dates
        places = doc._.cq_places if doc._.cq_places is not None else find_places(doc)
        doc._.cq_places = places
        context = ExtractContext.for_lexicon(self.lexicon, quotes)
        events: list[Event] = []
        statements: list[Event] = []
        per_sentence = [(index, s, extract_sentence(s, context)) for index, s in enumerate(doc.sents)
                        if not in_headline(doc, s)]  # fmt: skip
        self._consult_model(doc, per_sentence, context)
        for index, sentence, candidates in per_sentence:
            for candidate in candidates:
                event = self.to_event(doc, index, sentence, candidate, dates, places)
                if event is not None:
                    (statements if event.type == "statement" else events).append(event)
        doc._.cq_events = merge_events(events)
        doc._.cq_statements = merge_events(statements)
        LOGGER.debug("%s: %d sentences, %d events", doc._.cq_doc_id, len(per_sentence), len(doc._.cq_events))
        return doc

    def _consult_model(self, doc: Doc, per_sentence: list[tuple[int, Span, list[Candidate]]],
                       context: ExtractContext) -> None:
        """Let the classifier settle ambiguous matches, fill silent sentences and vote on what matters most."""
        if not per_sentence or self.classifier is None:
            return
        votes, story_vote = self._votes(doc, per_sentence, context)
        settings = self.lexicon.frames.model
        for position, ((_, sentence, candidates), vote) in enumerate(zip(per_sentence, votes)):
            if vote is None:
                continue
            for candidate in candidates:
                if candidate.ambiguous:
                    self._settle(candidate, vote)
            if not self._lexicon_declined(sentence, context) and not any(self._codable(c) for c in candidates):
                extra = self._with_lexicon_type(model_candidate(sentence, vote, context), sentence, context)
                if extra is not None:
                    candidates.append(extra)
            rank_with_votes(candidates, vote, story_vote, lead=position == 0, settings=settings)
        if story_vote is not None and not any(self._codable(c) for _, _, cands in per_sentence for c in cands):
            self._story_fallback(per_sentence, story_vote, context)

    def _votes(self, doc: Doc, per_sentence: list[tuple[int, Span, list[Candidate]]],
               context: ExtractContext) -> tuple[list[Any], Any]:
        """The classifier's reading of each sentence that can use one (None for the others), and of the story.

        A sentence needs a vote when it has candidates to rank, or when it may hold an attributable act (a model
        event needs an actor). All go to the classifier in one call.
        """
        needed = [i for i, (_, sentence, candidates) in enumerate(per_sentence) if candidates or _names_actor(sentence)]
        spans = [per_sentence[i][1] for i in needed]
        predictions = self.classifier.predict(spans) if spans else []
        story_vote = None
        if len(per_sentence) > 1:  # the story head reads a story's first sentences as one unit
            lead = [sentence for _, sentence, _ in per_sentence[:_STORY_LEAD]]
            story_vote = self.classifier.predict_story(doc[lead[0].start:lead[-1].end])
        votes: list[Any] = [None] * len(per_sentence)
        for i, prediction in zip(needed, predictions):
            votes[i] = prediction
        return votes, story_vote

    def _lexicon_declined(self, sentence: Span, context: ExtractContext) -> bool:
        """Whether the lexicon knows an act of the sentence that it judged not to have happened (negated,
        hypothetical, asked for) or a sense it maps to no event type (a plain statement): then the classifier
        must not code the sentence after all. An act dropped only for want of a named actor or recipient, or a
        known verb used in a sense the lexicon does not list ("went on strike" beside "went to Beijing"), does
        not count."""
        frames = self.lexicon.frames
        for token in sentence:
            if token.i not in context.matched:
                continue
            if token.pos_ in ("VERB", "AUX"):
                entries = context.matched[token.i]
                if entries and not any(self._type_of(e.cameo) for e in entries):
                    return True
            if modality_of(token, frames, control_lemmas=context.control_lemmas).status not in (FACT, INTENT):
                return True
        return False

    def _with_lexicon_type(self, extra: Candidate | None, sentence: Span, context: ExtractContext) -> Candidate | None:
        """Where the lexicon named the act (and dropped it for want of a participant), its type stands: the
        model's event keeps its own type if the lexicon lists it, takes the lexicon's sense of the same quad
        class ("returned paintings to a museum": the lexicon's RETREAT, the classifier's material cooperation),
        and is dropped otherwise, or when every matching sense needs a recipient the model did not find."""
        if extra is None:
            return None
        if not extra.recipients and self._lemmas_need_recipient(sentence, context):
            return None  # the verb's own demand for a recipient stands ("returned to Bangkok", "spoke about")
        senses = self._lexicon_senses(sentence, context)
        if not senses:
            return extra
        kind = self._type_of(extra.cameo)
        if any(self._type_of(e.cameo) == kind for e in senses):
            return extra
        quad = self.ontology.type_quad.get(kind)
        same_quad = [e for e in senses if self.ontology.type_quad.get(self._type_of(e.cameo)) == quad]
        if not same_quad:
            return None
        entry = same_quad[0]
        intended = extra.modality.status == "intent" or extra.cameo.startswith("03")  # already an intention
        extra.cameo = self.lexicon.frames.intent_code(entry.cameo) if intended else entry.cameo
        extra.rule = f"{extra.rule}+{entry.rule}"
        return extra

    def _lemmas_need_recipient(self, sentence: Span, context: ExtractContext) -> bool:
        """Whether a lexicon verb of the sentence, used without an object, has only senses aimed at someone
        (a recipient, a required preposition or a direct object)."""
        for token in sentence:
            if token.i in context.matched and token.pos_ in ("VERB", "AUX"):
                if any(c.dep_ in ("dobj", "dative", "nsubjpass") for c in token.children):
                    continue  # it acts on something ("returned 11 paintings"): the classifier may type it
                entries = [e for e in _lookup(self.lexicon.verbs, token) if self._type_of(e.cameo)]
                if entries and all(e.needs_recipient or e.preps or e.transitive for e in entries):
                    return True
        return False

    def _lexicon_senses(self, sentence: Span, context: ExtractContext) -> list:
        """The coded lexicon senses matched in the sentence (acts dropped for want of a participant)."""
        senses = []
        for token in sentence:
            if token.i in context.matched and token.pos_ in ("VERB", "AUX"):
                senses.extend(e for e in context.matched[token.i] if self._type_of(e.cameo))
        return senses

    def _type_of(self, cameo: str) -> str | None:
        info = self.ontology.get(cameo)
        return info.event if info else None

    @staticmethod
    def _story_fallback(lead: list[tuple[int, Span, list[Candidate]]], story_vote: Any, context: ExtractContext) -> None:
        """A story in which no sentence yields an event gets the classifier's story type, attributed to the
        first actor its lead sentences name acting (rule "model:<name>+story")."""
        for _, sentence, candidates in lead:
            extra = model_candidate(sentence, story_vote, context)
            if extra is not None:
                extra.rule += "+story"
                candidates.append(extra)
                return

    def _codable(self, candidate: Candidate) -> bool:
        info = self.ontology.get(candidate.cameo)
        return info is not None and info.event is not None

    def _settle(self, candidate: Candidate, vote: Any) -> None:
        """Where a lemma has entries of several CAMEO roots, take the one the classifier finds likelier."""
        choice = self._choose(candidate, vote)
        if choice is not None and not candidate.cameo.startswith(choice.cameo[:2]):
            intended = candidate.modality.status == "intent"
            candidate.cameo = self.lexicon.frames.intent_code(choice.cameo) if intended else choice.cameo
            candidate.rule = f"model:{vote.model}+{choice.rule}"

    def _choose(self, candidate: Candidate, prediction: Any):
        ranked = []
        for entry in candidate.ambiguous:
            info = self.ontology.get(entry.cameo)
            if info is None:
                continue
            score = (info.event == prediction.event) * 2 + (info.penta_class == prediction.penta)
            ranked.append((score, entry))
        ranked.sort(key=lambda pair: -pair[0])
        return ranked[0][1] if ranked and ranked[0][0] > 0 else None

    def to_event(self, doc: Doc, index: int, sentence: Span, candidate: Candidate, dates: list,
                 places: list) -> Event | None:
        """A records.Event for a candidate: an event, or a statement (type "statement", event None) when its
        CAMEO code is a comment (root 01) that PLOVER gives no type; None for other codes without one."""
        info = self.ontology.get(candidate.cameo)
        statement = info is not None and info.event is None and candidate.cameo.startswith("01")
        if info is None or (info.event is None and not statement):
            return None
        text, start, end = _stripped_offsets(sentence)
        value, source, precision = self._date(sentence, candidate, dates, doc._.cq_pub_date)
        mutual = any(are_coordinated(a, r, doc) for a in candidate.actors for r in candidate.recipients)
        actors, recipients = ([with_phrase(named_in_sentence(e, doc), doc, mutual=mutual, event_nouns=self.event_nouns)
                               for e in entities] for entities in (candidate.actors, candidate.recipients))
        if mutual:  # one coordination, one phrase: the last conjunct's mention may run past it ("... Union (EAEU)")
            actors, recipients = _one_phrase(actors, recipients, doc)
        if candidate.kind != "noun":
            recipients = [_before_predicate(e, candidate.predicate) for e in recipients]
        event = Event(
            doc_id=doc._.cq_doc_id or "",
            event=info.event,
            cameo=candidate.cameo,
            actor=actors,
            recipient=recipients,
            text=text,
            text_info=TextInfo(sentence=index, start=start, end=end),
            mode=info.mode,
            context=info.context,
            quad_code=info.quad_code,
            goldstein=info.goldstein,
            plover_score=info.plover_score,
            date=value,
            date_source=source,
            date_precision=precision,
            historical=self._historical(candidate, value, source, dates, doc._.cq_pub_date),
            reported=candidate.reported,
            reporter=candidate.reporter,
            confidence=candidate.confidence,
            rule=candidate.rule,
            event_loc=self._place(candidate, places),
        )
        event.mentions = [event.text_info]
        if statement:
            event.type = "statement"
        return event

    @staticmethod
    def _date(sentence: Span, candidate: Candidate, dates: list, pub_date: Date | None) -> tuple:
        from .dates import date_for_event

        return date_for_event(sentence, candidate.predicate, dates, pub_date)

    def _historical(self, candidate: Candidate, value: str | None, source: str, dates: list,
                    pub_date: Date | None) -> bool:
        from .dates import is_historical, mention_for_event

        cues = self.lexicon.frames.lists.get("historical_cues", frozenset())
        predicate = candidate.predicate
        past = candidate.modality.past_perfect or any(
            c.lower_ in cues for c in predicate.children if c.dep_ in ("advmod", "npadvmod")
        ) or _in_since_clause(predicate)
        if source == "text":
            mention = mention_for_event(predicate.sent, predicate, dates)
            return is_historical(mention if mention is not None else value, pub_date, past=past)
        return past and candidate.modality.status != "intent"

    @staticmethod
    def _place(candidate: Candidate, places: list):
        if not places:
            return None
        from .places import place_for_event

        return place_for_event(candidate.predicate, places)


_STORY_LEAD = 3


def _names_actor(sentence: Span) -> bool:
    """Whether the actor stage resolved any mention in the sentence (a model event needs a resolved actor)."""
    for token in sentence:
        mention = token._.cq_mention
        if mention is not None and getattr(mention, "entity", None) is not None and mention.entity.code:
            return True
    return False


def _in_since_clause(token) -> bool:
    """"since Putin launched its invasion": an event in a since-clause or following-phrase is background."""
    node = token
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in ("since",) for c in node.children):
            return True
        if node.dep_ == "pobj" and node.head.lower_ in ("following", "since", "after"):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


@Language.factory(
    "communique_events",
    default_config={"user_files": []},
    assigns=["doc._.cq_events", "doc._.cq_quotes"],
    requires=["doc._.cq_mentions"],
)
def make_event_coder(nlp: Language, name: str, user_files: Iterable[str]) -> EventCoder:
    """Build the `communique_events` component with the shipped lexicon plus the user's files."""
    return EventCoder(load_lexicon(user_files))


_JOINS = {"and", ",", "or", ", and", "as well as", "&"}


def _before_predicate(entity: Entity, predicate) -> Entity:
    """A participant's phrase ends before the event's own verb when it holds it: the noun a participle modifies
    ("Hundreds of Palestinians detained by Israeli forces": "Hundreds of Palestinians")."""
    if entity.phrase_start is None or not entity.phrase_start <= predicate.idx < entity.phrase_end:
        return entity
    if predicate.idx <= entity.end:
        return entity
    end = predicate.idx
    while end > entity.phrase_start and predicate.doc.text[end - 1] in " ,;":
        end -= 1
    return replace(entity, phrase_end=end)


def _one_phrase(actors: list[Entity], recipients: list[Entity], doc: Doc) -> tuple[list[Entity], list[Entity]]:
    """The participants of a reciprocal event with the phrase that spans all of theirs ("the armies of Brazil"
    and "Argentina": "the armies of Brazil and Argentina")."""
    phrased = sorted((e for e in actors + recipients if e.phrase_start is not None), key=lambda e: e.phrase_start)
    if not phrased:
        return actors, recipients
    start, end = phrased[0].phrase_start, phrased[0].phrase_end
    members = [phrased[0]]
    for entity in phrased[1:]:  # the phrases that overlap the coordination's (a third party keeps its own)
        joined = entity.phrase_start >= end and char_text(doc, end, entity.phrase_start).strip() in _JOINS
        if entity.phrase_start < end or joined:
            members.append(entity)
            end = max(end, entity.phrase_end)

    def widen(entity: Entity) -> Entity:
        return replace(entity, phrase_start=start, phrase_end=end) if any(entity is m for m in members) else entity

    return [widen(e) for e in actors], [widen(e) for e in recipients]
