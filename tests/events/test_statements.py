"""Statements: CAMEO 01 comments are coded as `statement` records beside the events, never as events."""
from __future__ import annotations

import pytest

from communique.evaluate.sentences import Item, predicted_spans

pytestmark = pytest.mark.slow


def _codes(entities) -> list:
    return [e.code for e in entities]


@pytest.mark.parametrize(
    "text, cameo, actor, recipient",
    [
        ("China expressed concern over North Korea's missile tests on Friday.", "012", "CHN", ["PRK"]),
        ("The Greek prime minister expressed optimism about the talks with Turkey.", "013", "GRC", ["TUR"]),
        ("Japan is considering sending aid to North Korea after the floods.", "014", "JPN", ["PRK"]),
        ("The Taliban claimed responsibility for the bombing in Kabul.", "015", "AFG", [None]),
        ("Ethiopia's government rejected accusations by the US that its army committed abuses in Tigray.", "016",
         "ETH", ["USA"]),
        ("The Brazilian government expressed condolences to Bangladesh over the factory fire.", "018", "BRA", ["BGD"]),
        ("The German chancellor said she was skeptical of the Russian proposal.", "012", "DEU", ["RUS"]),
        ("The Government of Eritrea declined to comment on the dispute.", "011", "ERI", []),
        ("The Kremlin refused to elaborate on the report.", "011", "RUS", []),
        ("Kazakhstan is considering sending aid to its beleaguered neighbour Kyrgyzstan.", "014", "KAZ", ["KGZ"]),
        ("The UK is considering imposing sanctions on Russia.", "014", "GBR", ["RUS"]),
    ],
)
def test_statements_are_coded_apart_from_events(coder, text, cameo, actor, recipient):
    result = coder.code_text(text, date=None)
    assert [s.cameo for s in result.statements] == [cameo]
    [statement] = result.statements
    assert statement.type == "statement" and statement.event is None and statement.plover_score is None
    assert _codes(statement.actor) == [actor] and _codes(statement.recipient) == recipient
    assert not result.events  # a comment is not an event (CODING.md): nothing to count in dyads or exports


def test_statement_topic_is_the_thing_commented_on(coder):
    text = "Australia's foreign minister expressed condolences over the earthquake in Sichuan province."
    [statement] = coder.code_text(text).statements
    [topic] = statement.recipient
    assert topic.code is None and text[topic.phrase_start:topic.phrase_end] == "the earthquake in Sichuan province"


def test_weighing_a_policy_needs_an_act(coder):
    assert not coder.code_text("The rebels are considered a terrorist group by Washington.").statements
    assert [s.cameo for s in coder.code_text("Washington is weighing whether to send troops to Haiti.").statements] == ["014"]


def test_events_beside_statements_are_unchanged(coder):
    text = "Russia expressed concern over the drills. Russian forces shelled Kharkiv on Monday."
    result = coder.code_text(text)
    assert [s.cameo for s in result.statements] == ["012"]
    assert [(e.event, _codes(e.actor), _codes(e.recipient)) for e in result.events] == [("ASSAULT", ["RUS"], ["UKR"])]


def test_span_scoring_reads_a_statement_only_where_the_sentence_has_no_event():
    text = "China expressed concern to Japan ."
    tokens = [(0, 5), (6, 15), (16, 23), (24, 26), (27, 32), (33, 34)]
    item = Item("d", text, text, {(0, 1, "S"), (4, 5, "T")}, tokens)

    def record(kind, confidence, actor=(0, 5), recipient=(27, 32)):
        entity = lambda s, e: {"start": s, "end": e, "phrase_start": s, "phrase_end": e}  # noqa: E731
        return {"type": kind, "confidence": confidence, "actor": [entity(*actor)], "recipient": [entity(*recipient)]}

    statement = record("statement", 0.9)
    assert predicted_spans(item, [statement]) == {(0, 1, "S"), (4, 5, "T")}
    event = record("event", 0.1, actor=(27, 32), recipient=(0, 5))
    assert predicted_spans(item, [statement, event]) == {(4, 5, "S"), (0, 1, "T")}


def test_statements_of_different_kinds_by_one_actor_are_kept_apart(coder):
    text = ("The Brazilian government expressed condolences to Bangladesh over the fire. "
            "The Brazilian government also expressed deep concern.")
    codes = sorted(s.cameo for s in coder.code_text(text).statements)
    assert codes == ["012", "018"]  # the concern (no actor as recipient) is not a vaguer report of the condolences


def test_a_name_no_one_knows_may_comment_and_act_on_a_known_actor_but_not_violently(coder):
    text = "The California Farm Bureau Federation said it is skeptical of the new export rules."
    [statement] = coder.code_text(text).statements
    assert statement.actor[0].code is None and statement.actor[0].entity_text == "The California Farm Bureau Federation"
    assert statement.actor[0].entry == "unidentified:name"
    assert not coder.code_text("Peter Hollowell attacked the embassy in Nairobi.").events
    assert not coder.code_text("Peter Hollowell returned to the village.").events  # aimed at no known actor
    assert not coder.code_text("Peter Hollowell retreated to New Mexico.").events  # a place is no actor
    [event] = coder.code_text("Peter Hollowell encouraged the CIA to release the files.").events
    assert (event.actor[0].code, event.actor[0].entry, event.recipient[0].code) == (None, "unidentified:name", "USA")


def test_a_pronoun_in_a_reported_clause_stands_for_the_speaker_it_agrees_with(coder):
    events = coder.code_text("UNICEF reported they had delivered 105,000 vaccine doses to Samoa.").events
    assert [(e.actor[0].code, e.event, e.recipient[0].code) for e in events] == [("UNO", "AID", "WSM")]
    # "it" cannot be the officials (plural): it is the storm, and the killing is not theirs
    assert not coder.code_text("Officials said it killed nine people and injured 50 more.").events


@pytest.mark.parametrize(
    "text, cameo",
    [("UN diplomats said they hoped that the envoy would reach Myanmar by October.", "013"),
     ("The Canadian government agreed with the Senate that the law should be changed.", "019")],
)
def test_hoping_and_agreeing_that_are_statements(coder, text, cameo):
    result = coder.code_text(text)
    assert [s.cameo for s in result.statements] == [cameo] and not result.events


def test_hoping_to_act_is_an_intention_not_a_statement(coder):
    result = coder.code_text("Moscow hoped to sign a gas deal with Beijing before the end of the year.")
    assert [e.event for e in result.events] == ["AGREE"] and not result.statements


def test_a_denial_is_aimed_at_the_accuser_whose_phrase_it_marks(coder):
    text = "Ethiopia's government rejected accusations by the US that its army committed abuses in Tigray."
    [statement] = coder.code_text(text).statements
    [accuser] = statement.recipient
    assert accuser.code == "USA" and text[accuser.phrase_start:accuser.phrase_end] == "the US"


def test_declining_to_comment_is_a_statement_but_declining_to_act_is_a_rejection(coder):
    result = coder.code_text("Israel refused to release the prisoners.")
    assert [e.cameo[:2] for e in result.events] == ["12"] and not result.statements
    result = coder.code_text("Pakistan's army chief urged the government to elaborate a comprehensive security policy.")
    assert [e.cameo for e in result.events] == ["020"] and not result.statements  # a verb of comment, no refusal


def test_a_name_keeps_the_words_coordinated_inside_it(coder):
    text = "Kristina Baum, a spokesperson for the White House Office of Science and Technology Policy, declined to comment."
    [statement] = coder.code_text(text).statements
    [speaker] = statement.actor
    assert text[speaker.phrase_start:speaker.phrase_end] == text[: text.index(", declined")]
