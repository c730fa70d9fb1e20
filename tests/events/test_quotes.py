"""Tests of communique.events.quotes: quote marks, direct and indirect quotations, speakers."""

from __future__ import annotations

import pytest

from communique.events.quotes import find_quote_marks, find_quote_spans, find_quotes, quote_containing
from communique.records import Quote


@pytest.fixture(scope="session")
def nlp(nlp_blocks):
    return nlp_blocks


def _marked(text: str) -> list[str]:
    return [text[s:e] for s, e in find_quote_marks(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Kirby remarked, “That’s a good thing.”", ["That’s a good thing."]),
        ("Russia’s envoy said ‘no’ to Kyiv’s plan.", ["no"]),
        ("He called it ‘Russia’s war’ and left.", ["Russia’s war"]),
        ('"We will not yield," the minister said.', ["We will not yield,"]),
        ("The protesters' leader said 'enough' on Monday.", ["enough"]),
        ("She said “the talks ‘failed’ badly” and left.", ["the talks ‘failed’ badly"]),
        ("Ukraine’s and Russia’s leaders didn’t meet.", []),
        ('He said "yes" and then "no".', ["yes", "no"]),
        ("An unclosed “quote and a “closed one” here.", ["closed one"]),
        (
            'He said: "We will rebuild every town.\n\n"We will not give up," he added.',
            ["We will rebuild every town.", "We will not give up,"],
        ),
        (
            "He said: “We will rebuild every town.\n\n“We will not give up,” he added.",
            ["We will rebuild every town.", "We will not give up,"],
        ),
    ],
)
def test_quotes_marks(text, expected):
    assert _marked(text) == expected


def _spans(nlp, text):
    doc = nlp(text)
    out = []
    for q in find_quote_spans(doc):
        speaker = q.speaker.text if q.speaker is not None else None
        out.append((doc.text[q.start : q.end], q.direct, speaker, q.rule))
    return out


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,quote,direct,speaker,rule",
    [
        (
            "“China will continue to work with Ukraine,” Xi assured Zelensky.",
            "China will continue to work with Ukraine,",
            True,
            "Xi",
            "quote:direct:assured",
        ),
        (
            "Kirby acknowledged the importance of the call and remarked, “That’s a good thing.”",
            "That’s a good thing.",
            True,
            "Kirby",
            "quote:direct:remarked",
        ),
        (
            "The call was described as “lengthy and significant” by President Zelensky.",
            "lengthy and significant",
            True,
            "Zelensky",
            "quote:direct:described",
        ),
        (
            "The Global Times reported Xi as saying, “China always stands on the peace side.”",
            "China always stands on the peace side.",
            True,
            "Xi",
            "quote:direct:saying",
        ),
        (
            "“We are ready for talks,” said Foreign Minister Dmytro Kuleba.",
            "We are ready for talks,",
            True,
            "Kuleba",
            "quote:direct:said",
        ),
        (
            '"The sanctions will stay," the chancellor told reporters in Berlin.',
            "The sanctions will stay,",
            True,
            "chancellor",
            "quote:direct:told",
        ),
        (
            "Erdogan warned that Ankara would “not stay silent” if the attacks continued.",
            "not stay silent",
            True,
            "Erdogan",
            "quote:direct:warned",
        ),
        (
            "According to Tass, the minister called the plan “a provocation.”",
            "a provocation.",
            True,
            "Tass",
            "quote:direct:according-to",
        ),
        (
            "Lula condemned “the violation of Ukraine’s territorial integrity.”",
            "the violation of Ukraine’s territorial integrity.",
            True,
            "Lula",
            "quote:direct:fragment",
        ),
        (
            "President Lula, who attributed the fight to “decisions made by two nations,” drew criticism.",
            "decisions made by two nations,",
            True,
            "Lula",
            "quote:direct:fragment",
        ),
        (
            "The ambassador’s remarks represented his “personal opinions.”",
            "personal opinions.",
            True,
            "ambassador",
            "quote:direct:speech-noun",
        ),
        (
            "Zakharova condemned Ukraine’s position, stating that Kyiv rejected any viable proposals.",
            "Kyiv rejected any viable proposals",
            False,
            "Zakharova",
            "quote:indirect:that-clause",
        ),
        (
            "Xi reaffirmed China’s stance, stating that China would support peace efforts in the crisis.",
            "China would support peace efforts in the crisis",
            False,
            "Xi",
            "quote:indirect:that-clause",
        ),
        (
            "The Indian foreign minister said New Delhi would keep buying Russian oil.",
            "New Delhi would keep buying Russian oil",
            False,
            "minister",
            "quote:indirect:clause",
        ),
        (
            "In a statement issued by the foreign ministry, it was announced that an envoy would be sent.",
            "an envoy would be sent",
            False,
            "ministry",
            "quote:indirect:that-clause",
        ),
        (
            "According to the Chinese state media, Beijing initiated the phone call.",
            "Beijing initiated the phone call",
            False,
            "media",
            "quote:indirect:according-to",
        ),
        (
            "Kirby cautioned that it was too early to predict if the talks would succeed.",
            "it was too early to predict if the talks would succeed",
            False,
            "Kirby",
            "quote:indirect:that-clause",
        ),
        (
            "Western officials, who told reporters that the strikes had stopped, declined to give details.",
            "the strikes had stopped",
            False,
            "officials",
            "quote:indirect:that-clause",
        ),
        (
            "The senator continued by noting that the bill would not pass the chamber.",
            "the bill would not pass the chamber",
            False,
            "senator",
            "quote:indirect:that-clause",
        ),
        (
            "North Korea claimed, as of Thursday, it was free of coronavirus infections.",
            "it was free of coronavirus infections",
            False,
            "Korea",
            "quote:indirect:clause",
        ),
        (
            "The joint statement read: “Both sides will respect each other’s sovereignty.”",
            "Both sides will respect each other’s sovereignty.",
            True,
            "statement",
            "quote:direct:read",
        ),
    ],
)
def test_quotes_speaker(nlp, text, quote, direct, speaker, rule):
    assert (quote, direct, speaker, rule) in _spans(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Two sex workers from a group called “Ashodaya Samithi” discussed the lockdown.",
        "The term “intellectual property” is applied to many different kinds of laws.",
        "Hurricanes of category 3 or above are considered to be “major” hurricanes.",
        "Russia launched its so-called “special military operation” in February 2022.",
        "प्रदर्शनकारियों ने कहा “हम पीछे नहीं हटेंगे” और मार्च किया।",
    ],
)
def test_quotes_names_terms_and_scare_quotes_are_not_quotations(nlp, text):
    assert [q for q in find_quote_spans(nlp(text)) if q.direct] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Some of the protesters said they had come “to defend their children’s future.”", "protesters"),
        ("Part of the judge’s statement reads “the average soldier could serve in any position.”", "judge"),
        (
            "The palace published the king’s statement: “She relinquished her title according to royal law.”",
            "king",
        ),
        ("The backlash led Biden to express regret: “I shouldn’t have been so cavalier.”", "Biden"),
    ],
)
def test_quotes_speaker_refined(nlp, text, speaker):
    [quote] = [q for q in find_quote_spans(nlp(text)) if q.direct]
    assert quote.speaker is not None and quote.speaker.text == speaker


@pytest.mark.slow
def test_quotes_standalone_quote_takes_previous_speaker(nlp):
    text = (
        "The Iranian foreign minister spoke to reporters after the meeting in Beijing. "
        "“This agreement opens a new chapter for the region.”"
    )
    found = _spans(nlp, text)
    assert (
        "This agreement opens a new chapter for the region.",
        True,
        "minister",
        "quote:direct:previous-sentence",
    ) in found


@pytest.mark.slow
def test_quotes_multi_sentence_quote_finds_verb_in_last_sentence(nlp):
    text = "“We will not retreat. We will defend every village,” the Ukrainian commander said on Sunday."
    [(quote, _, speaker, _)] = [s for s in _spans(nlp, text) if s[1]]
    assert quote == "We will not retreat. We will defend every village," and speaker == "commander"


@pytest.mark.slow
def test_quotes_no_quote_in_plain_reporting(nlp):
    assert find_quote_spans(nlp("Russian forces shelled the city of Kharkiv overnight.")) == []
    assert find_quote_spans(nlp("Russia’s foreign ministry didn’t respond to Ukraine’s offer.")) == []


@pytest.mark.slow
def test_quotes_records_offsets_sentence_and_doc_id(nlp):
    doc = nlp("The talks ended. Kirby remarked, “That’s a good thing.”")
    doc._.cq_doc_id = "d1"
    [quote] = find_quotes(doc)
    assert isinstance(quote, Quote) and quote.doc_id == "d1" and quote.sentence == 1 and quote.direct
    assert doc.text[quote.start : quote.end] == quote.quote == "That’s a good thing."
    assert quote.speaker is None  # no actors stage ran: no mention covers "Kirby"


@pytest.mark.slow
def test_quotes_seed_article(nlp, seed_text):
    doc = nlp(seed_text)
    found = {
        (doc.text[q.start : q.end][:30], q.direct, q.speaker.text if q.speaker is not None else None)
        for q in find_quote_spans(doc)
    }
    for expected in [
        ("lengthy and significant", True, "Zelensky"),
        ("China always stands on the pea", True, "Xi"),
        ("China will continue to work wi", True, "Xi"),
        ("That’s a good thing.", True, "Kirby"),
        ("don’t have actual status in in", True, "ambassador"),
        ("the violation of Ukraine’s ter", True, "Lula"),
        ("Kyiv rejected any viable propo", False, "Zakharova"),
        ("China would support peace effo", False, "Xi"),
    ]:
        assert expected in found


def test_quotes_quote_containing_prefers_direct_and_narrow():
    outer = Quote("d", None, "x" * 50, 10, 60, 0, direct=False, rule="quote:indirect:clause")
    inner = Quote("d", None, "x" * 10, 20, 30, 0, direct=True, rule="quote:direct:said")
    assert quote_containing([outer, inner], 25) is inner
    assert quote_containing([outer, inner], 40) is outer
    assert quote_containing([outer, inner], 60) is None


@pytest.fixture(scope="session")
def nlp_actors():
    """The spaCy model with the real actors stage, which sets doc._.cq_mentions."""
    import communique.actors  # noqa: F401  (registers communique_actors)
    from communique.language import load_language

    nlp = load_language()
    nlp.add_pipe("communique_actors")
    return nlp


@pytest.mark.slow
def test_quotes_speakers_resolve_through_actor_mentions(nlp_actors, seed_text):
    doc = nlp_actors(seed_text)
    doc._.cq_doc_id = "seed"
    quotes = find_quotes(doc)
    assert all(q.doc_id == "seed" and doc.text[q.start : q.end] == q.quote for q in quotes)
    codes = {q.quote[:25]: q.speaker.code if q.speaker else None for q in quotes}
    assert codes["China will continue to wo"] == "CHN"
    assert codes["lengthy and significant"] == "UKR"
    assert codes["Kyiv rejected any viable "] == "RUS"
    assert codes["the violation of Ukraine’"] == "BRA"


def test_quotes_without_sentence_boundaries():
    import spacy

    doc = spacy.blank("en")("Kirby remarked, “That’s a good thing.” Then he left.")
    [quote] = find_quotes(doc)
    assert (quote.quote, quote.sentence, quote.speaker) == ("That’s a good thing.", 0, None)
