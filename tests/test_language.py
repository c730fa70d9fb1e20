from __future__ import annotations

import pytest

from communique.language import find_headlines, in_headline, is_headline_line


@pytest.mark.parametrize(
    "line",
    [
        "Beijing Seeks to Mediate as Xi Talks to Zelensky",
        "Home Updates Russia-Ukraine War Beijing Seeks to Mediate as Xi Talks to Zelensky",
        "Friday, January 4, 2019",
        "Ukraine’s Zelensky addresses Mexican Congress",
        "Read Also: US Defense Secretary Communicates with Russian Counterpart Following Drone Incident",
        "Sources",
    ],
)
def test_language_headline_lines(line):
    assert is_headline_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "China has been actively working towards portraying itself as a peace broker in recent times.",
        "Kirby acknowledged the importance of the call and remarked, “That’s a good thing.”",
        "The talks in Geneva ended without agreement after the delegations walked out on Tuesday",
        "",
    ],
)
def test_language_running_text_is_not_headline(line):
    assert not is_headline_line(line)


def test_language_find_headlines_offsets():
    text = "Xi Talks to Zelensky\n\nChina offered to mediate.\nRead Also: Other News"
    ranges = find_headlines(text)
    assert [text[a:b] for a, b in ranges] == ["Xi Talks to Zelensky", "Read Also: Other News"]


@pytest.mark.slow
def test_language_blocks_split_sentences_at_line_breaks(nlp_blocks):
    text = "Beijing Seeks to Mediate as Xi Talks to Zelensky\n\nChina offered to mediate in the war on Monday."
    doc = nlp_blocks(text)
    sentences = [s for s in doc.sents if s.text.strip()]
    assert sentences[-1].text.strip() == "China offered to mediate in the war on Monday."
    assert in_headline(doc, sentences[0])
    assert not in_headline(doc, sentences[-1])
    # Nothing from the headline leaks into the body sentence.
    assert all(t.idx >= text.index("China") for t in sentences[-1] if not t.is_space)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, word, pos",
    [
        ("EU and UN hand over medical supplies to the Nigerian government.", "hand", "VERB"),  # was NOUN
        ("The minister shook hands with his counterpart.", "hands", "NOUN"),  # an object, not a root
        ("Talks between the two sides.", "Talks", "NOUN"),  # a root with no subject stays a noun
    ],
)
def test_language_noun_root_with_a_subject_is_a_verb(coder, text, word, pos):
    doc = coder.nlp(text)
    token = next(t for t in doc if t.text == word)
    assert token.pos_ == pos
    if pos == "VERB":
        assert token.lemma_ == "hand"


@pytest.mark.slow
@pytest.mark.parametrize("form", ["hopes", "hoped", "hoping"])
def test_language_verb_lemmas_the_model_gets_wrong_are_repaired(coder, form):
    doc = coder.nlp(f"Russia {form} to sign a deal with China.")
    assert doc[1].lemma_ == "hope"  # the small model says "hop"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, phrase",
    [
        # the small model makes each piece a subject (or object) of the verb; a verb has one
        ("Libyan Prime Minister Fayez al-Sarraj meanwhile rejected the EU proposal.", "Libyan Prime Minister Fayez al-Sarraj"),
        ("The rebel Free Syrian Army on Wednesday threatened to shell positions.", "The rebel Free Syrian Army"),
        ("Erdogan will meet his counterpart Italian President Sergio Mattarella in Rome.",
         "his counterpart Italian President Sergio Mattarella"),
    ],
)
def test_language_split_subject_or_object_is_one_phrase(coder, text, phrase):
    doc = coder.nlp(text)
    assert phrase in [chunk.text for chunk in doc.noun_chunks]
    heads = [t for t in doc if t.dep_ in ("nsubj", "dobj") and t.head.dep_ == "ROOT"]
    assert len({t.dep_ for t in heads}) == len(heads)  # one subject, one object


def test_language_two_objects_of_different_kinds_stay_apart(coder):
    doc = coder.nlp("The court sentenced the opposition leader and freed two journalists.")
    assert "the opposition leader" in [chunk.text for chunk in doc.noun_chunks]
