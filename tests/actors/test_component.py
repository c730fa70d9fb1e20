"""The communique_actors component on real text: mentions, spans, resolution in context (the seed article)."""
from __future__ import annotations

import datetime

import pytest

from communique.actors import Mention

from .conftest import parse

pytestmark = pytest.mark.slow


def _gold_slots(gold: list[dict]):
    for record in gold:
        if record["required"]:
            for role in ("actor", "recipient"):
                for entity in record[role]:
                    yield record["evidence"], entity


def _mention_in_evidence(doc, evidence: str, entity_text: str) -> Mention | None:
    """The innermost mention at the gold entity's words, found inside the evidence's occurrence."""
    where = doc.text.find(evidence)
    assert where >= 0, evidence
    start = doc.text.find(entity_text, where, where + len(evidence))
    if start < 0:  # the entity is named just before the evidence (an actor in a preceding clause)
        start = doc.text.rfind(entity_text, 0, where + len(evidence))
    token = doc.char_span(start, start + len(entity_text), alignment_mode="expand")[-1]
    return token._.cq_mention


def test_component_resolves_every_required_seed_actor(seed_doc, seed_gold):
    failures = []
    for evidence, entity in _gold_slots(seed_gold):
        mention = _mention_in_evidence(seed_doc, evidence, entity["entity_text"])
        got = (mention.entity.code, mention.entity.sector) if mention and mention.entity else None
        if got != (entity["code"], entity["sector"]):
            failures.append((entity["entity_text"], got, (entity["code"], entity["sector"])))
    assert not failures


@pytest.mark.parametrize(
    "text,code,sector,name,entry",
    [
        ("she", "RUS", "GOV", "Maria Zakharova", "coref:pronoun"),
        ("The spokesperson for Russia’s foreign ministry", "RUS", "GOV", "Maria Zakharova", "coref:apposition"),
        ("Kyiv", "UKR", "GOV", "Ukraine", "kb:country:UKR:capital"),
        ("The Ukrainian leader", "UKR", "GOV", None, "coref:description"),
        ("the country", "CHN", "GOV", "China", "coref:description"),
        ("Mexican legislators", "MEX", "LEG", "Mexico", "role:legislators+kb:country:MEX:demonym"),
        ("the Chinese ambassador to France", "CHN", "GOV", None, "title:ambassador+kb:country:CHN:demonym"),
        ("US national security spokesperson John Kirby", "USA", "GOV", "John Kirby", "kb:person:john-kirby"),
        ("the Chinese foreign ministry", "CHN", "GOV", "China", "role:foreign ministry+kb:country:CHN:demonym"),
        ("Western nations", "WST", "GOV", "the West", "kb:region:west"),
    ],
)
def test_component_seed_mentions(seed_doc, text, code, sector, name, entry):
    found = [m for m in seed_doc._.cq_mentions if m.text == text]
    assert found, f"no mention {text!r}"
    entity = found[0].entity
    assert (entity.code, entity.sector, entity.entry) == (code, sector, entry)
    if name:
        assert entity.name == name


def test_component_entity_offsets_point_into_text(seed_doc):
    for mention in seed_doc._.cq_mentions:
        assert seed_doc.text[mention.start_char : mention.end_char] == mention.text
        assert seed_doc[mention.start : mention.end].text == mention.text
        if mention.entity is not None:
            entity = mention.entity
            assert seed_doc.text[entity.start : entity.end] == entity.entity_text == mention.text


def test_component_mentions_ordered_and_antecedents_earlier(seed_doc):
    mentions = seed_doc._.cq_mentions
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    linked = [m for m in mentions if m.antecedent is not None]
    assert len(linked) > 10
    for mention in linked:
        antecedent = mentions[mention.antecedent]
        if mention.entity.entry == "coref:apposition":  # a title and the name beside it: either order
            assert abs(antecedent.start - mention.end) <= 2 or abs(mention.start - antecedent.end) <= 2
        else:
            assert antecedent.end <= mention.start
        assert (antecedent.entity.code, antecedent.entity.sector) == (mention.entity.code, mention.entity.sector)


def test_component_token_attribute_is_innermost(seed_doc):
    outer = next(m for m in seed_doc._.cq_mentions if m.text == "the Chinese ambassador to France")
    france = seed_doc[outer.end - 1]
    assert france._.cq_mention.text == "France"
    assert seed_doc[outer.head]._.cq_mention is outer


def test_component_skips_headlines(seed_doc):
    headline_end = seed_doc.text.index("Following Russia")
    assert all(m.start_char >= headline_end for m in seed_doc._.cq_mentions)


def test_component_date_changes_person_sector(nlp):
    text = "Angela Merkel met French officials in Paris on Tuesday."
    early = parse(nlp, text, datetime.date(2019, 5, 2))._.cq_mentions[0]
    late = parse(nlp, text, datetime.date(2023, 5, 2))._.cq_mentions[0]
    assert (early.entity.code, early.entity.sector) == ("DEU", "GOV")
    assert (late.entity.code, late.entity.sector) == ("DEU", "ELI")


def test_component_unknown_name_stays_unresolved(nlp):
    doc = parse(nlp, "Peter Hollowell spoke to reporters on Monday.", datetime.date(2020, 1, 1))
    person = next(m for m in doc._.cq_mentions if m.text == "Peter Hollowell")
    assert person.entity is None or person.entity.code is None


@pytest.mark.parametrize(
    "text, surname",
    [("Kanye West criticized President Trump on Monday.", "West"),
     ("Michael Jordan praised the Chinese government.", "Jordan"),
     # alone, after the full name earlier in the document
     ("Kanye West announced a campaign. The interviewer asked whether West was running.", "West")],
)
def test_component_place_as_surname_is_not_the_place(nlp, text, surname):
    """A one-word place name ending a person's name ("Kanye West", "Michael Jordan") is a surname: the person is
    unknown, not the West or Jordan."""
    doc = parse(nlp, text, datetime.date(2020, 1, 1))
    token = [t for t in doc if t.text == surname][-1]
    mention = token._.cq_mention
    assert mention is None or mention.entity is None or mention.entity.code is None


def test_component_chunk_owned_by_a_surname_takes_no_country(nlp):
    text = "Kanye West announced a campaign. At this time, West's family expressed concerns."
    doc = parse(nlp, text, datetime.date(2020, 7, 20))
    family = next(m for m in doc._.cq_mentions if m.text == "West's family")
    assert (family.entity.code, family.entity.sector) == (None, "CVL")
    doc = parse(nlp, "The West's response was weak.", datetime.date(2020, 7, 20))
    assert doc._.cq_mentions[0].entity.code == "WST"  # "the West" stays the West


@pytest.mark.parametrize(
    "text, word, code",
    [("The West condemned the attack.", "West", "WST"), ("King Abdullah of Jordan praised Egypt.", "Jordan", "JOR"),
     ("Sierra Leone praised Guinea.", "Leone", "SLE")],
)
def test_component_place_names_stay_places(nlp, text, word, code):
    doc = parse(nlp, text, datetime.date(2020, 1, 1))
    mention = next(t for t in doc if t.text == word)._.cq_mention
    assert mention.entity.code == code


def test_component_it_before_a_stance_adjective_stands_for_someone(nlp):
    doc = parse(nlp, "The State Department said it is skeptical of the Russian offer.", datetime.date(2020, 1, 1))
    it = next(t for t in doc if t.text == "it")._.cq_mention
    assert it is not None and it.entity.code == "USA"
    doc = parse(nlp, "It is clear that the talks failed.", datetime.date(2020, 1, 1))
    assert doc[0]._.cq_mention is None  # an expletive: no one


@pytest.mark.parametrize(
    "text, pronoun, code",
    [("Putin met Erdogan on Monday and praised him.", "him", "TUR"),
     ("US President Donald Trump called President Erdogan of Turkey and urged him to exercise caution.", "him", "TUR"),
     ("Macron said he would visit Kyiv.", "he", "FRA")],
)
def test_component_object_pronoun_is_not_its_clause_subject(nlp, text, pronoun, code):
    """A plain object pronoun cannot stand for the subject of its own verb (a reflexive would): "Putin met
    Erdogan and praised him" is Erdogan; a subject pronoun in a reported clause may be the speaker."""
    doc = parse(nlp, text, datetime.date(2020, 1, 1))
    mention = next(t for t in doc if t.text == pronoun)._.cq_mention
    assert mention.entity.code == code


def test_component_unknown_titled_person_takes_title(nlp):
    doc = parse(nlp, "Defence Minister Ivan Petrov of Bulgaria visited the troops.", datetime.date(2020, 1, 1))
    mention = doc._.cq_mentions[0]
    assert mention.text == "Defence Minister Ivan Petrov of Bulgaria"
    assert (mention.entity.code, mention.entity.sector) == ("BGR", "GOV")


def test_component_possessive_pronoun_gives_owner(nlp):
    doc = parse(nlp, "Western nations fear that Putin could use a truce that leaves his forces in control.",
                datetime.date(2023, 4, 28))  # fmt: skip
    forces = next(m for m in doc._.cq_mentions if m.text == "his forces")
    assert (forces.entity.code, forces.entity.sector) == ("RUS", "MIL")
    assert doc[forces.start]._.cq_mention.entity.name == "Vladimir Putin"


@pytest.mark.parametrize(
    "text, phrase, code",
    [
        ("Kazakhstan is sending aid to its beleaguered neighbour Kyrgyzstan.", "its beleaguered neighbour", "KGZ"),
        ("Iran condemned its neighbour for the attack.", "its neighbour", None),
        ("Germany and its allies condemned the coup.", "its allies", None),
    ],
)
def test_component_relational_noun_is_not_its_possessor(nlp, text, phrase, code):
    doc = parse(nlp, text, datetime.date(2023, 4, 28))
    # the parser may join the apposition to the mention or keep it apart: either way it names the neighbour
    mention = next(m for m in doc._.cq_mentions if m.text.startswith(phrase))
    assert mention.entity.code == code


def test_component_the_state_after_a_state_is_that_state(nlp):
    text = "Thailand closed its borders. The governor of Ohio announced the state had extended its stay-at-home order."
    doc = parse(nlp, text, datetime.date(2020, 4, 20))
    state = next(m for m in doc._.cq_mentions if m.text == "the state")
    assert state.entity.code == "USA"  # Ohio, the nearer antecedent, not the country named before


def test_component_us_state_is_not_a_country(nlp):
    doc = parse(nlp, "The governor of New Mexico sued the federal government.", datetime.date(2020, 1, 1))
    assert all(m.entity is None or m.entity.code != "MEX" for m in doc._.cq_mentions)


def test_component_lowercase_word_is_not_a_capital(nlp):
    doc = parse(nlp, "A male suspect was arrested by police in Male.", datetime.date(2020, 1, 1))
    codes = {(m.text, m.entity.code if m.entity else None) for m in doc._.cq_mentions}
    assert ("Male", "MDV") in codes
    assert not any(text.lower().startswith("a male") and code == "MDV" for text, code in codes)


def test_component_acronym_joins_mention_and_later_use(nlp):
    doc = parse(nlp, "The Nigerian Air Force (NAF) said on Monday that NAF jets struck a camp.", datetime.date(2020, 1, 1))
    first = doc._.cq_mentions[0]
    assert first.text == "The Nigerian Air Force (NAF)"
    jets = next(m for m in doc._.cq_mentions if m.text == "NAF jets")
    assert (jets.entity.code, jets.entity.sector) == ("NGA", "MIL")


def test_component_possessor_joins_titled_name(nlp):
    doc = parse(nlp, "Iran's Supreme Leader Ayatollah Ali Khamenei met Iraq's prime minister.", datetime.date(2020, 1, 1))
    texts = [m.text for m in doc._.cq_mentions]
    assert "Iran's Supreme Leader Ayatollah Ali Khamenei" in texts
    leader = doc._.cq_mentions[texts.index("Iran's Supreme Leader Ayatollah Ali Khamenei")]
    assert (leader.entity.code, leader.entity.sector, leader.entity.name) == ("IRN", "GOV", "Ali Khamenei")


def test_component_argument_span_covers_the_possessed_phrase(nlp):
    from communique.actors import argument_span

    doc = parse(nlp, "Zakharova condemned Ukraine's position and an Afghan army base was hit.", datetime.date(2023, 4, 28))
    by_text = {m.text: m for m in doc._.cq_mentions}
    assert argument_span(doc, by_text["Ukraine"]).text == "Ukraine's position"
    assert argument_span(doc, by_text["Zakharova"]).text == "Zakharova"


def test_component_state_body_takes_the_only_country_named(nlp):
    doc = parse(nlp, "Protests erupted in Nairobi on Monday. Police fired tear gas and the authorities imposed a curfew.",
                datetime.date(2023, 1, 1))  # fmt: skip
    by_text = {m.text: m for m in doc._.cq_mentions}
    assert (by_text["Police"].entity.code, by_text["Police"].entity.sector) == ("KEN", "COP")
    assert by_text["the authorities"].entity.entry.endswith("+coref:setting")


def test_component_state_body_stays_unresolved_between_two_countries(nlp):
    doc = parse(nlp, "Russia and Ukraine traded accusations. The army said it repelled an attack.", datetime.date(2023, 1, 1))
    by_text = {m.text: m for m in doc._.cq_mentions}
    assert by_text["The army"].entity.code is None
    assert by_text["it"].entity is None  # the army is the subject: "it" does not jump to Russia


def test_component_city_and_hyphenated_names(nlp):
    doc = parse(nlp, "Agence France-Presse reported that Mumbai police arrested two men.", datetime.date(2020, 1, 1))
    by_text = {m.text: m for m in doc._.cq_mentions}
    assert (by_text["Agence France-Presse"].entity.code, by_text["Agence France-Presse"].entity.sector) == ("FRA", "JRN")
    assert (by_text["Mumbai police"].entity.code, by_text["Mumbai police"].entity.sector) == ("IND", "COP")


def test_component_named_event_is_not_an_actor(nlp):
    # "Women" is a role word, but the phrase names a tournament (NER label EVENT), not a group of people
    doc = parse(nlp, "Iran hosted the 2017 Women's World Chess Championship.", datetime.date(2017, 3, 1))
    assert [(m.text, m.entity.code if m.entity else None) for m in doc._.cq_mentions] == [("Iran", "IRN")]


def test_component_name_the_chunker_cuts_at_a_preposition(nlp):
    # the noun chunker stops "Action Against Hunger" at "Against" and the recogniser misses the name: the
    # knowledge base's multiword names are found across chunk boundaries, and the pronoun then resolves to it
    doc = parse(nlp, "Action Against Hunger says it is providing food assistance to people in Nigeria.",
                datetime.date(2020, 1, 1))
    by_text = {m.text: m for m in doc._.cq_mentions}
    assert by_text["Action Against Hunger"].entity.code == "NGO"
    assert by_text["it"].entity.code == "NGO"


def test_component_plural_pronoun_stands_for_a_group_of_its_own_sentence(nlp):
    # a group named by role with no country ("union workers") is what "they" stands for in the same sentence,
    # with no country guessed; in a later sentence "they" stays unresolved (too often someone else)
    doc = parse(nlp, "Ssangyong union workers said they will not end the strike. They found the talks hard.",
                datetime.date(2020, 1, 1))
    they = [m for m in doc._.cq_mentions if m.text.lower() == "they"]
    assert (they[0].entity.code, they[0].entity.sector, they[0].antecedent is not None) == (None, "CVL", True)
    assert they[1].entity is None or they[1].entity.code is None and they[1].antecedent is None


def test_component_acronym_the_parser_took_for_an_adverb(nlp):
    # en_core_web_sm tags a sentence-initial "USAID" as an adverb and the recogniser misses it
    doc = parse(nlp, "In cooperation with local partners, USAID provided shelter materials to families.",
                datetime.date(2020, 1, 1))
    by_text = {m.text: m for m in doc._.cq_mentions}
    assert (by_text["USAID"].entity.code, by_text["USAID"].entity.sector) == ("USA", "GOV")


def test_component_possessive_in_controlled_infinitive_is_the_object(nlp):
    # object control: "call on Israel to end its blockade" - "its" is Israel's, not the subject's
    doc = parse(nlp, "Turkey and Qatar call on Israel to end its blockade of Gaza.", datetime.date(2020, 1, 1))
    its = next(m for m in doc._.cq_mentions if m.text == "its")
    assert (its.entity.code, its.entity.entry) == ("ISR", "coref:controller")


@pytest.mark.parametrize(
    "text,name,code,sector",
    [
        # the parser makes each piece of the name a subject (language.repair_split_arguments joins them); the
        # knowledge base's name is taken whole, with its of-phrase
        ("Omar al-Bashir of Sudan expelled humanitarian aid workers.", "Omar al-Bashir of Sudan", "SDN", "GOV"),
        # the tokenizer splits the hyphens, the base's first word is "hezb-e-islami"
        ("Hezb-e-Islami also threatened to shell the airfield.", "Hezb-e-Islami", "AFG", "REB"),
    ],
)
def test_component_known_name_split_by_parser(nlp, text, name, code, sector):
    doc = parse(nlp, text, datetime.date(2009, 3, 5))
    mention = doc._.cq_mentions[0]
    assert mention.text == name
    assert (mention.entity.code, mention.entity.sector) == (code, sector)


@pytest.mark.parametrize(
    "text,pronoun",
    [
        ("Iran's president said he would meet the Saudi king.", "he"),  # a possessive title is a person
        ("Turkey's president says it will begin a new military operation in Syria.", "it"),  # it: the country
    ],
)
def test_component_pronoun_after_possessive_title(nlp, text, pronoun):
    doc = parse(nlp, text, datetime.date(2022, 5, 1))
    mention = next(m for m in doc._.cq_mentions if m.text == pronoun)
    assert mention.antecedent == 0
    assert (mention.entity.code, mention.entity.sector) == (doc._.cq_mentions[0].entity.code, "GOV")


def test_component_it_is_not_a_person_without_a_country_owner(nlp):
    doc = parse(nlp, "The president said it would rain in Paris tomorrow.", datetime.date(2022, 5, 1))
    mention = next(m for m in doc._.cq_mentions if m.text == "it") if any(m.text == "it" for m in doc._.cq_mentions) else None
    assert mention is None or mention.antecedent is None


def test_component_sent_troops_do_not_take_the_setting(nlp):
    """Troops a named actor sends are not the country they are sent to; police with no owner named still
    take the one country of their passage."""
    doc = parse(nlp, "President Obama offered to send troops to Uganda.", datetime.date(2011, 10, 14))
    troops = next(m for m in doc._.cq_mentions if m.text == "troops")
    assert troops.entity.code is None
    doc = parse(nlp, "Police arrested dozens of protesters in Uganda on Monday.", datetime.date(2011, 10, 14))
    police = next(m for m in doc._.cq_mentions if m.text == "Police")
    assert police.entity.code == "UGA"


@pytest.mark.parametrize(
    "text,code",
    [
        ("Iran-backed militias attacked a base on Monday.", None),  # the backer is not the owner
        ("Russia-backed separatists shelled the town.", None),
        ("Pakistan-based militants attacked the town.", "PAK"),  # based there: placed there
        ("Iranian militias attacked a base on Monday.", "IRN"),
        ("Pro-Russian separatists shelled the town.", None),  # supporters are not the country
        ("Syrian Iran-backed militias attacked a base on Monday.", "SYR"),  # the owner before the backer
    ],
)
def test_component_backer_is_not_owner(nlp, text, code):
    doc = parse(nlp, text, datetime.date(2020, 1, 1))
    mention = doc._.cq_mentions[0]
    assert mention.text.split()[-1] in ("militias", "separatists", "militants")
    assert (mention.entity.code, mention.entity.sector) == (code, "REB")


def test_component_possessed_body_is_not_the_setting(nlp):
    """'his government' is the possessor's, even when another country is the only one named near it."""
    doc = parse(nlp, "Vietnam's Prime Minister expressed condolences to the families of migrants found near London, "
                     "as his government vowed to repatriate them.", datetime.date(2019, 11, 28))
    government = next(m for m in doc._.cq_mentions if m.text == "his government")
    assert government.entity.code == "VNM"
    assert "coref:setting" not in government.entity.entry


def test_component_destination_is_not_the_setting(nlp):
    """Officers who travel to Canada are not Canada's: a country named as a destination gives no setting."""
    doc = parse(nlp, "Officers traveled to Canada and interviewed her friends.", datetime.date(2020, 1, 1))
    officers = next(m for m in doc._.cq_mentions if m.text == "Officers")
    assert officers.entity.code is None


def test_component_currency_names_no_country(nlp):
    doc = parse(nlp, "China has invested about nine billion US dollars in diagnostics.", datetime.date(2020, 3, 1))
    assert [m.text for m in doc._.cq_mentions] == ["China"]


def test_component_unknown_name_keeps_inner_names_nested(nlp):
    """An unknown name stays one unresolved mention (who acts is unknown), with the known names inside it
    nested for what an act is aimed at: "the Israel Boycott Law" is Israel's."""
    doc = parse(nlp, "The Puerto Rico Center for Investigative Journalism released the messages.", datetime.date(2019, 7, 14))
    head = next(t for t in doc if t.text == "Center")
    assert head._.cq_mention is not None and head._.cq_mention.entity is None
    doc = parse(nlp, "The UAE has repealed the Israel Boycott Law.", datetime.date(2020, 8, 29))
    israel = next(t for t in doc if t.text == "Israel")
    assert israel._.cq_mention.entity.code == "ISR"
