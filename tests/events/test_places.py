"""Tests of communique.events.places: the gazetteer, places in text, and where an event happened."""

from __future__ import annotations

import pytest

from communique.errors import ConfigError
from communique.events.places import find_places, load_gazetteer, lookup_place, parse_tsv, place_for_event


@pytest.fixture(scope="session")
def nlp(nlp_blocks):
    return nlp_blocks


@pytest.mark.parametrize(
    "text,name,code,feature",
    [
        ("Kyiv", "Kyiv", "UKR", "city"),
        ("Kiev", "Kyiv", "UKR", "city"),
        ("Washington", "Washington", "USA", "city"),
        ("Washington state", "Washington", "USA", "region"),
        ("New York", "New York City", "USA", "city"),
        ("Moscow", "Moscow", "RUS", "city"),
        ("the Kremlin", "Moscow", "RUS", "city"),
        ("Mexico", "Mexico", "MEX", "country"),
        ("Georgia", "Georgia", "GEO", "country"),
        ("Texas", "Texas", "USA", "region"),
        ("Florida", "Florida", "USA", "region"),
        ("Kosovo", "Kosovo", "KOS", "country"),
        ("the United States", "United States", "USA", "country"),
        ("U.S.", "United States", "USA", "country"),
        ("Russian Federation", "Russia", "RUS", "country"),
        ("Russia’s", "Russia", "RUS", "country"),
        ("the Netherlands", "Netherlands", "NLD", "country"),
        ("Sao Paulo", "São Paulo", "BRA", "city"),
        ("Odessa", "Odesa", "UKR", "city"),
        ("New Delhi", "New Delhi", "IND", "city"),
        ("Crimea", "Crimea", "UKR", "region"),
        ("the Gaza Strip", "Gaza Strip", "PSE", "region"),
        ("Middle East", "Middle East", None, "region"),
        ("the Donetsk region", "Donetsk region", "UKR", "region"),
        ("the Zhytomyr region", "Zhytomyr region", "UKR", "region"),
    ],
)
def test_places_lookup(text, name, code, feature):
    found = lookup_place(text)
    assert found is not None, text
    entry, by_suffix = found
    assert (f"{entry.name} region" if by_suffix and entry.feature == "city" else entry.name) == name
    assert entry.country_code == code
    assert ("region" if by_suffix else entry.feature) == feature


@pytest.mark.parametrize("text", ["Zelensky", "Mexico-Ukraine Friendship Group", "the Global Times", "xyzzy"])
def test_places_lookup_misses_non_places(text):
    assert lookup_place(text) is None


def test_places_gazetteer_coordinates():
    assert len(load_gazetteer()) > 50_000
    kyiv, _ = lookup_place("Kyiv")
    assert abs(kyiv.lat - 50.45) < 0.1 and abs(kyiv.lon - 30.52) < 0.1
    ukraine, _ = lookup_place("Ukraine")
    assert 44 < ukraine.lat < 53 and 22 < ukraine.lon < 41  # inside Ukraine's bounding box


@pytest.mark.slow
def test_places_find_places_offsets_and_codes(nlp):
    text = "Erdogan hosted the foreign ministers of Russia and Ukraine in Antalya."
    places = find_places(nlp(text))
    assert [(p.text, p.country_code, p.feature) for p in places] == [
        ("Russia", "RUS", "country"),
        ("Ukraine", "UKR", "country"),
        ("Antalya", "TUR", "city"),
    ]
    assert all(text[p.start : p.end] == p.text for p in places)


@pytest.mark.slow
def test_places_find_places_recovers_capitals_the_model_misses(nlp):
    # en_core_web_sm tags "Kyiv" as PERSON or leaves it untagged in these sentences.
    for text in ["Heavy fighting raged on the outskirts of Kyiv.", "Kyiv rejected any viable proposals."]:
        assert "Kyiv" in [p.text for p in find_places(nlp(text))]


def _event_place(nlp, text, word):
    doc = nlp(text)
    predicate = next(t for t in doc if t.text == word)
    place = place_for_event(predicate, find_places(doc))
    return place.text if place else None


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,predicate,expected",
    [
        ("The foreign ministers held talks in Geneva on Monday.", "held", "Geneva"),
        ("Russian forces shelled residential areas near Bakhmut.", "shelled", "Bakhmut"),
        ("Protesters gathered outside the embassy in Tehran.", "gathered", "Tehran"),
        ("Two people were killed in a drone strike in Odesa.", "killed", "Odesa"),
        ("During his visit to Moscow in March, Xi signed an agreement.", "visit", "Moscow"),
        ("During his visit to Moscow in March, Xi signed an agreement.", "signed", "Moscow"),
        ("Xi visited Moscow last month.", "visited", "Moscow"),
        ("In Geneva, the ministers met and signed a ceasefire deal.", "signed", "Geneva"),
        ("Police arrested dozens of protesters in the streets of Tbilisi.", "arrested", "Tbilisi"),
        ("Ukraine's army repelled attacks in the Kharkiv region.", "repelled", "Kharkiv"),
        ("The summit in Brussels ended without agreement.", "ended", "Brussels"),
        ("Fighting continued in eastern Ukraine.", "continued", "Ukraine"),
        ("Erdogan hosted the two foreign ministers in Antalya.", "hosted", "Antalya"),
        (
            "Blinken met his Chinese counterpart on the sidelines of the G20 summit in New Delhi.",
            "met",
            "New Delhi",
        ),
        ("Heavy fighting raged on the outskirts of Kyiv.", "raged", "Kyiv"),
        ("Hundreds rallied across France against the pension reform.", "rallied", "France"),
        ("Russian forces shelled Kharkiv overnight.", "shelled", "Kharkiv"),
        ("Two people were killed in a Russian drone strike on Odesa.", "killed", "Odesa"),
        ("Russia launched a massive missile attack on Kyiv.", "launched", "Kyiv"),
        # actors, destinations and places of other clauses are not the event's location
        ("The European Union imposed new sanctions on Russia.", "imposed", None),
        ("The minister criticized Washington for its trade policy.", "criticized", None),
        ("Beijing expressed its desire to send an envoy to Kyiv to mediate.", "expressed", None),
        ("Beijing expressed its desire to send an envoy to Kyiv to mediate.", "send", None),
        ("Beijing condemned the attack.", "condemned", None),
        ("Zelensky, who was in Washington last week, thanked the Congress.", "thanked", None),
        ("The Chinese ambassador to France stated that Ukraine has no status.", "stated", None),
        (
            "In the aftermath of Russia's invasion of Ukraine, Xi held a phone call with Zelensky.",
            "held",
            None,
        ),
        ("Lula seemed to implicate Ukraine in Russia's decision to invade.", "implicate", None),
        ("Mexico declined to join sanctions against Russia.", "join", None),
        ("The minister was born in Hanoi and migrated to Australia in the 1990s.", "migrated", None),
        ("Officers traveled to Canada and interviewed her friends.", "interviewed", "Canada"),
    ],
)
def test_places_place_for_event(nlp, text, predicate, expected):
    assert _event_place(nlp, text, predicate) == expected


@pytest.mark.slow
def test_places_seed_article(nlp, seed_text):
    doc = nlp(seed_text)
    places = find_places(doc)
    names = {p.name for p in places}
    assert {
        "Russia",
        "Ukraine",
        "China",
        "Moscow",
        "Kyiv",
        "Beijing",
        "Saudi Arabia",
        "Iran",
        "Mexico",
    } <= names
    assert all(doc.text[p.start : p.end] == p.text for p in places)
    visit = next(t for t in doc if t.text == "visit" and doc[t.i + 1].text == "to")
    assert place_for_event(visit, places).name == "Moscow"
    urged = next(t for t in doc if t.text == "urged")
    assert place_for_event(urged, places) is None


@pytest.mark.parametrize(
    "lines,name,message",
    [
        (["# comment", "Crimea\t\tUKR\t45.3"], "regions.tsv", "line 2: expected 5 to 5"),
        (["Crimea\t\tUKR\tnorth\t34.4"], "regions.tsv", "must be numbers"),
        (["Kiev"], "aliases.tsv", "line 1: expected 2 to 4"),
    ],
)
def test_places_malformed_data_lines(lines, name, message):
    with pytest.raises(ConfigError, match=message) as error:
        list(parse_tsv(lines, name))
    assert "[E101]" in str(error.value) and name in str(error.value)


def test_places_data_lines_parse():
    assert list(parse_tsv(["", "# x", "Kiev\tKyiv"], "aliases.tsv")) == [["Kiev", "Kyiv"]]
