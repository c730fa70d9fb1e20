"""Argument phrases and unidentified participants on real parses (communique.events.structure)."""
from __future__ import annotations

import pytest

from communique.events import structure as st


def _phrase(doc, word: str) -> str:
    token = next(t for t in doc if t.text == word)
    start, end = st.argument_phrase(token)
    return doc.text[start:end]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, head, phrase",
    [
        ("The police in the Gaza Strip detained several suspects.", "police", "The police in the Gaza Strip"),
        ("Israeli missiles struck an arms depot of the Syrian army or its allied forces.", "depot",
         "an arms depot of the Syrian army"),
        ("China rejected a U.S. call to release three activists.", "call", "a U.S. call"),
        ("Britain rejected Theresa May's offer on citizens' rights.", "offer", "Theresa May's offer"),
        ("Saudi Arabia and Iran restored ties.", "Arabia", "Saudi Arabia"),
        ("Leaders who met in Paris condemned the attack.", "Leaders", "Leaders"),
        ("Rebels loyal to Riek Machar freed prisoners.", "Rebels", "Rebels loyal to Riek Machar"),
        ("China summoned the US ambassador to Beijing.", "ambassador", "the US ambassador to Beijing"),
        ("The U.S. suspended aid to the Syrian humanitarian group known as the White Helmets.", "group",
         "the Syrian humanitarian group known as the White Helmets"),
        # the speaker of a trailing "X said" the parser hung on the last noun is not part of it
        ("Russia has begun withdrawing some of its troops from Syria, Defence Minister Sergei Shoigu said on Monday.",
         "Syria", "Syria"),
        ("Iraqi forces began their assault on the ISIS-held old city.", "city", "the ISIS-held old city"),
        ("On 17 July 2017 Russia's Supreme Court rejected the appeal.", "Court", "Russia's Supreme Court"),
        ("The Nigerian Air Force (NAF) bombed a rebel camp.", "Force", "The Nigerian Air Force (NAF)"),
        # a closing bracket the parser hung on another word still closes the phrase
        (("The Council imposed sanctions on the Central African Republic (CAR) and the Democratic Republic of the "
          "Congo (DRC) over the violence."), "CAR", "the Central African Republic (CAR)"),
        # coordinated words that name no actor of their own are one participant with the first
        ("Government tanks and artillery fire pounded the town.", "tanks", "Government tanks and artillery fire"),
        ("The militants killed the mayor and two of his bodyguards.", "mayor", "the mayor and two of his bodyguards"),
        ("Kenya freed a French doctor and nurse.", "doctor", "a French doctor and nurse"),
        # ... but a conjunct that is an actor, known or only named, stays apart
        ("Police detained a Reuters reporter and other journalists.", "reporter", "a Reuters reporter"),
        ("Qatar mediated between the Sudanese army and Hemedti.", "army", "the Sudanese army"),
        # a time phrase hung on the noun is when, not who; a leading one is part of a compound ("95-year-old")
        ("Russian airstrikes this week killed 20 civilians.", "airstrikes", "Russian airstrikes"),
        ("Police stormed a migrant camp in Calais Sunday.", "camp", "a migrant camp in Calais"),
        ("Britain deported a 95-year-old man.", "man", "a 95-year-old man"),
        # an "in" phrase that says how or through what is no part of who ("in reaction", "in messages")
        ("The Taliban gunmen in reaction killed five soldiers.", "gunmen", "The Taliban gunmen"),
        ("The rebels in the north attacked the base.", "rebels", "The rebels in the north"),
        # one object the parser split in two ("his counterpart" and the name) is one phrase
        ("Erdogan will meet his counterpart Italian President Sergio Mattarella in Rome.", "Mattarella",
         "his counterpart Italian President Sergio Mattarella"),
    ],
)
def test_argument_phrase_marks_the_participant_phrase(nlp, text, head, phrase):
    assert _phrase(nlp(text), head) == phrase


@pytest.mark.slow
def test_coded_entities_carry_their_argument_phrase(coder):
    text = "Russia's Supreme Court rejected an appeal by the Ukrainian government."
    result = coder.code_text(text)
    [event] = [e for e in result.events if e.event == "REJECT"]
    [actor] = event.actor
    assert actor.code == "RUS"
    assert text[actor.phrase_start:actor.phrase_end] == "Russia's Supreme Court"
    assert actor.phrase_start <= actor.start < actor.end <= actor.phrase_end


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Amnesty International accused the Nigerian army of torture.", "the Nigerian army"),
        ("A court in Cairo convicted the former minister of corruption.", "the former minister"),
    ],
)
def test_the_charge_is_not_part_of_the_accused(coder, text, phrase):
    [event] = coder.code_text(text).events
    [target] = event.recipient
    assert text[target.phrase_start:target.phrase_end] == phrase


@pytest.mark.slow
def test_target_inside_a_sum_is_what_the_sum_counts(coder):
    text = "The United States reduced tariffs on $120 billion of China's exports."
    [event] = coder.code_text(text).events
    [target] = event.recipient
    assert (target.code, text[target.phrase_start:target.phrase_end]) == ("CHN", "China's exports")


@pytest.mark.slow
def test_target_of_an_announced_act_is_its_own_phrase(coder):
    text = "Russia announced the withdrawal of its troops from Syria."
    [event] = coder.code_text(text).events
    [target] = event.recipient
    assert (event.cameo, target.code) == ("0874", "SYR")
    assert text[target.phrase_start:target.phrase_end] == "Syria"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("Gunmen killed five soldiers near the border.", "Gunmen", ("Gunmen", None, "REB")),
        ("Dozens of protesters blocked the road.", "Dozens", ("Dozens of protesters", None, "CVL")),
        ("A car bomb struck a bus in Kabul.", "bomb", ("A car bomb", None, None)),
    ],
)
def test_unidentified_entity_keeps_text_and_sector(nlp, text, word, expected):
    doc = nlp(text)
    entity = st.unidentified_entity(next(t for t in doc if t.text == word))
    assert (entity.entity_text, entity.code, entity.sector) == expected
    assert entity.entry == "unidentified" and doc.text[entity.start:entity.end] == entity.entity_text


@pytest.mark.slow
@pytest.mark.parametrize("text, word", [("It struck the bus.", "It"), ("No country recognized it.", "country"),
                                        ("In 2019 the plan failed.", "2019")])
def test_unidentified_entity_refuses_words_that_name_nobody(nlp, text, word):
    doc = nlp(text)
    assert st.unidentified_entity(next(t for t in doc if t.text == word)) is None


@pytest.mark.slow
def test_unidentified_actor_events_are_coded_and_ranked_below_named_ones(coder):
    result = coder.code_text("Gunmen abducted Chinese workers in Kogi state. Nigerian troops later freed the workers.")
    by_actor = {(e.actor[0].code, e.event): e for e in result.events}
    unidentified = by_actor[(None, "ASSAULT")]
    assert unidentified.actor[0].entity_text == "Gunmen" and unidentified.actor[0].sector == "REB"
    assert [r.code for r in unidentified.recipient] == ["CHN"]
    assert all(unidentified.confidence < e.confidence for (code, _), e in by_actor.items() if code)


@pytest.mark.slow
def test_reciprocal_participants_share_the_coordination_phrase(coder):
    text = "Britain and Germany signed a defence pact on Tuesday."
    events = [e for e in coder.code_text(text).events if e.event == "SUPPORT"]
    assert {(e.actor[0].code, e.recipient[0].code) for e in events} == {("GBR", "DEU"), ("DEU", "GBR")}
    for event in events:
        for entity in event.actor + event.recipient:
            assert text[entity.phrase_start:entity.phrase_end] == "Britain and Germany"


@pytest.mark.slow
def test_reciprocal_coordination_may_start_with_a_nationality_adjective(coder):
    """The parser makes "Japanese" an adjective subject; it is still the first conjunct of the pair."""
    text = "Japanese and the Australian armies have agreed to undertake joint military exercises."
    events = coder.code_text(text).events
    assert {(e.actor[0].code, e.recipient[0].code) for e in events} == {("JPN", "AUS"), ("AUS", "JPN")}
    for entity in (entity for e in events for entity in e.actor + e.recipient):
        assert text[entity.phrase_start:entity.phrase_end] == "Japanese and the Australian armies"


@pytest.mark.slow
def test_coordinated_participants_of_a_one_way_act_keep_their_own_phrase(coder):
    text = "Both Russia and the Syrian government condemned Turkey's offensive."
    events = [e for e in coder.code_text(text).events if e.event == "ACCUSE"]
    phrases = {text[a.phrase_start:a.phrase_end] for e in events for a in e.actor}
    assert "the Syrian government" in phrases and len(phrases) == 2
    assert not any(" and " in phrase for phrase in phrases)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, word, key",
    [
        ("Ghani announced a weeklong cease-fire with the Taliban.", "fire", "cease-fire"),
        ("The president lifted the state of emergency.", "state", "state of emergency"),
        ("Japan has provided $12 million in emergency aid.", "million", "emergency aid"),
        ("The Commission allocated 40 million euros to Sudan.", "euros", "money"),
    ],
)
def test_noun_keys_read_hyphens_of_phrases_and_sums(nlp, text, word, key):
    from communique.events.extract import noun_keys

    doc = nlp(text)
    assert key in noun_keys(next(t for t in doc if t.text == word))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, word, phrase",
    [
        ("Lebanese Prime Minister Saad Hariri in Washington met Donald Trump.", "Hariri",
         "Lebanese Prime Minister Saad Hariri"),
        ("Saudi Arabia ended its blockade of Yemen.", "Yemen", "Yemen"),
        ("Venezuela rejected accusations by the United States.", "States", "the United States"),
    ],
)
def test_with_phrase_leaves_out_places_of_names_and_keeps_participants_of_acts(nlp, text, word, phrase):
    from communique.records import Entity

    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    entity = Entity(entity_text=token.text, code="X", sector=None, name=None, start=token.idx,
                    end=token.idx + len(token))
    found = st.with_phrase(entity, doc, event_nouns=frozenset({"blockade", "accusation"}))
    assert text[found.phrase_start:found.phrase_end] == phrase


@pytest.mark.slow
def test_a_participle_participant_phrase_ends_before_the_participle(coder):
    """"Hundreds of Palestinians detained by Israeli forces": the detained are "Hundreds of Palestinians"."""
    text = "Hundreds of Palestinians detained by Israeli forces were released on Monday."
    event = next(e for e in coder.code_text(text).events if e.cameo.startswith("17"))
    (recipient,) = event.recipient
    assert text[recipient.phrase_start:recipient.phrase_end] == "Hundreds of Palestinians"
