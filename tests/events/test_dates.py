"""Tests of communique.events.dates: finding, resolving and attaching date expressions.

The publication date of most cases is Friday 2023-04-28, the seed article's.
"""

from __future__ import annotations

from datetime import date

import pytest

from communique.errors import ConfigError
from communique.events.dates import (
    DATE_WORD_KEYS,
    DateMention,
    date_for_event,
    find_dates,
    is_historical,
    mention_for_event,
    read_json_data,
    scan_date_expressions,
)

PUB = date(2023, 4, 28)  # a Friday


@pytest.fixture(scope="session")
def nlp(nlp_blocks):
    return nlp_blocks


def _only(doc, pub=PUB) -> DateMention:
    found = find_dates(doc, pub)
    assert len(found) == 1, [(d.text, d.value) for d in found]
    return found[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence,text,value,precision",
    [
        ("On Wednesday, Lula retracted his earlier statement.", "Wednesday", "2023-04-26", "day"),
        ("Zelensky spoke to the legislators on Thursday.", "Thursday", "2023-04-27", "day"),
        ("The minister arrived in Paris on Friday.", "Friday", "2023-04-28", "day"),
        ("The ministers met on Saturday in Riyadh.", "Saturday", "2023-04-22", "day"),
        ("The talks resumed on Monday morning.", "Monday morning", "2023-04-24", "day"),
        ("He said last Friday that talks had failed.", "last Friday", "2023-04-21", "day"),
        ("The envoy will travel to Kyiv next Tuesday.", "next Tuesday", "2023-05-02", "day"),
        ("The two leaders will meet on Tuesday in Geneva.", "Tuesday", "2023-05-02", "day"),
        ("Police arrested the protesters yesterday.", "yesterday", "2023-04-27", "day"),
        ("The foreign minister is visiting Ankara today.", "today", "2023-04-28", "day"),
        ("The summit opens tomorrow in Brussels.", "tomorrow", "2023-04-29", "day"),
        ("Rockets hit the city last night.", "last night", "2023-04-27", "day"),
        ("European countries expressed concern this week.", "this week", "2023-04-28", "day"),
        ("Iran test-fired a missile last week.", "last week", "2023-04-21", "day"),
        ("The delegation will arrive next week.", "next week", "2023-05-05", "day"),
        ("The rebels seized the town two weeks ago.", "two weeks ago", "2023-04-14", "day"),
        ("Troops crossed the border three days ago.", "three days ago", "2023-04-25", "day"),
        ("The deal was signed 10 days ago.", "10 days ago", "2023-04-18", "day"),
        ("Xi visited Moscow in March.", "March", "2023-03", "month"),
        ("The ceasefire collapsed in December.", "December", "2022-12", "month"),
        ("The offensive started last month.", "last month", "2023-03", "month"),
        ("Elections are due next month.", "next month", "2023-05", "month"),
        ("Protests spread earlier this month.", "earlier this month", "2023-04", "month"),
        ("The embassy closed six months ago.", "six months ago", "2022-10", "month"),
        (
            "China helped reconcile Saudi Arabia and Iran earlier this year.",
            "earlier this year",
            "2023",
            "year",
        ),
        ("Growth slowed sharply last year.", "last year", "2022", "year"),
        ("The treaty expires next year.", "next year", "2024", "year"),
        ("The sanctions were lifted two years ago.", "two years ago", "2021", "year"),
        ("Putin launched the invasion in February 2022.", "February 2022", "2022-02", "month"),
        ("The accord was signed in Sept. 2019 in Oslo.", "Sept. 2019", "2019-09", "month"),
        ("The court ruled on 4 January 2019 that the ban was lawful.", "4 January 2019", "2019-01-04", "day"),
        (
            "The court ruled on January 4, 2019 that the ban was lawful.",
            "January 4, 2019",
            "2019-01-04",
            "day",
        ),
        ("The agreement took effect on the 1st of March 2021.", "the 1st of March 2021", "2021-03-01", "day"),
        ("The memorandum is dated 2014-12-05.", "2014-12-05", "2014-12-05", "day"),
        ("The ministers met on April 2 in Ankara.", "April 2", "2023-04-02", "day"),
        ("Russia and Ukraine swapped prisoners on 16 April.", "16 April", "2023-04-16", "day"),
        ("The ministers met on December 20 in Cairo.", "December 20", "2022-12-20", "day"),
        ("The vote will be held on May 14.", "May 14", "2023-05-14", "day"),
        ("The country joined NATO in 2019.", "2019", "2019", "year"),
        ("The ceasefire has held since 2020.", "2020", "2020", "year"),
        ("Turkey will hold elections in June.", "June", "2023-06", "month"),
        ("The militia shelled the town over the weekend.", "over the weekend", "2023-04-22", "day"),
        ("Protesters rallied on Tuesday night outside the parliament.", "Tuesday night", "2023-04-25", "day"),
        ("On 24 February last year, Russia invaded Ukraine.", "24 February last year", "2022-02-24", "day"),
        ("The minister resigned in March last year.", "March last year", "2022-03", "month"),
        ("Russia invaded Ukraine on Feb. 24, 2022.", "Feb. 24, 2022", "2022-02-24", "day"),
        ("Fighting intensified in mid-March.", "mid-March", "2023-03", "month"),
        ("The deal was struck in late 2022.", "late 2022", "2022", "year"),
        ("Elections are expected early next year.", "early next year", "2024", "year"),
        ("The talks are set for Sept. 24-26 in Vienna.", "Sept. 24", "2023-09-24", "day"),
        ("The drought hit the region last summer.", "last summer", "2022", "year"),
        ("The talks could resume this summer.", "this summer", "2023", "year"),
        ("The offensive began in the spring.", "spring", "2023", "year"),
        ("The reform was passed in the summer of 2019.", "summer of 2019", "2019", "year"),
        ("The new law takes effect in July.", "July", "2023-07", "month"),
        ("Inflation is at its highest level since January.", "January", "2023-01", "month"),
        (
            "The prime minister said Britain would leave the bloc by October 31.",
            "October 31",
            "2023-10-31",
            "day",
        ),
    ],
)
def test_dates_resolve_against_publication(nlp, sentence, text, value, precision):
    mention = _only(nlp(sentence))
    assert (mention.text, mention.value, mention.precision) == (text, value, precision)
    assert sentence[mention.start_char : mention.end_char] == text


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said the talks may resume soon.",
        "Thousands joined the march in the capital.",
        "The 12-point peace plan calls for a ceasefire.",
        "Some 2,000 soldiers and 1,500 vehicles crossed the border.",
        "The fund pledged $2023 million in loans.",
        "Resolution 2231 endorsed the nuclear deal.",
        "The two sides have talked for years.",
        "Oil prices fall when demand weakens in China.",
    ],
)
def test_dates_ignore_non_dates(nlp, sentence):
    assert find_dates(nlp(sentence), PUB) == []


@pytest.mark.slow
def test_dates_without_publication_date(nlp):
    doc = nlp("On Wednesday, the court cited its ruling of 4 January 2019 and a report from March 2022.")
    found = {d.text: d for d in find_dates(doc, None)}
    assert found["Wednesday"].value is None and found["Wednesday"].relative
    assert found["4 January 2019"].value == "2019-01-04"
    assert found["March 2022"].value == "2022-03" and not found["March 2022"].relative


@pytest.mark.slow
def test_dates_publication_weekday_is_the_publication_date(nlp):
    # 2023-04-26 is a Wednesday: there "on Wednesday" is that day, and "next Wednesday" a week on.
    doc = nlp("The envoy met Lula on Wednesday and will return next Wednesday.")
    values = [d.value for d in find_dates(doc, date(2023, 4, 26))]
    assert values == ["2023-04-26", "2023-05-03"]


@pytest.mark.slow
def test_dates_month_across_year_boundary(nlp):
    mention = _only(nlp("The ceasefire was agreed in November."), date(2023, 1, 10))
    assert mention.value == "2022-11"


def _predicate(doc, word):
    return next(t for t in doc if t.text == word)


def _event_date(nlp, text, word, pub=PUB):
    doc = nlp(text)
    dates = find_dates(doc, pub)
    token = _predicate(doc, word)
    return date_for_event(token.sent, token, dates, pub)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,predicate,expected",
    [
        (
            "During a Thursday video conference with the Mexico-Ukraine Friendship Group, "
            "Ukrainian President Volodymyr Zelensky urged Mexican legislators to back Ukraine.",
            "urged",
            ("2023-04-27", "text", "day"),
        ),
        (
            "On Wednesday, Lula retracted his earlier statement and condemned the violation of Ukraine's "
            "territorial integrity.",
            "condemned",
            ("2023-04-26", "text", "day"),
        ),
        (
            "Since Putin launched its invasion of Ukraine in February 2022, Zelensky has addressed many "
            "parliaments.",
            "launched",
            ("2022-02", "text", "month"),
        ),
        (
            "During his visit to Moscow in March, Chinese President Xi Jinping had peace talks planned.",
            "visit",
            ("2023-03", "text", "month"),
        ),
        (
            "Despite China's reluctance to explicitly condemn Russia's 2022 invasion, it has put forth a "
            "12-point peace plan.",
            "condemn",
            ("2023-04-28", "publication", "day"),
        ),
        (
            "Despite China's reluctance to explicitly condemn Russia's 2022 invasion, it has put forth a "
            "12-point peace plan.",
            "put",
            ("2023-04-28", "publication", "day"),
        ),
        (
            "Zelensky, who visited Washington in December, thanked Biden for the aid.",
            "thanked",
            ("2023-04-28", "publication", "day"),
        ),
        (
            "Zelensky, who visited Washington in December, thanked Biden for the aid.",
            "visited",
            ("2022-12", "text", "month"),
        ),
        (
            "Iran and Saudi Arabia restored ties on Thursday, seven years after they cut relations in 2016.",
            "restored",
            ("2023-04-27", "text", "day"),
        ),
        (
            "European countries expressed concern this week after the Chinese ambassador to France stated "
            "that former Soviet states have no status.",
            "expressed",
            ("2023-04-28", "text", "day"),
        ),
        (
            "Nonetheless, it has supported various United Nations resolutions that have favored Ukraine, "
            "including a resolution denouncing Russia's invasion in March 2022 and a text from October.",
            "supported",
            ("2023-04-28", "publication", "day"),
        ),
        (
            "Biden said he planned to announce his choice around August 1.",
            "planned",
            ("2023-04-28", "publication", "day"),
        ),
        ("China agreed to send an envoy to Kyiv next month.", "agreed", ("2023-04-28", "publication", "day")),
        ("China agreed to send an envoy to Kyiv next month.", "send", ("2023-05", "text", "month")),
        (
            "Carroll joined the party and ran for Congress in 2018.",
            "joined",
            ("2023-04-28", "publication", "day"),
        ),
        ("Carroll joined the party and ran for Congress in 2018.", "ran", ("2018", "text", "year")),
        ("On Monday, China said it would send an envoy.", "send", ("2023-04-28", "publication", "day")),
        ("On Monday, China said it would send an envoy.", "said", ("2023-04-24", "text", "day")),
        ("The ministers discussed trade.", "discussed", ("2023-04-28", "publication", "day")),
    ],
)
def test_dates_date_for_event(nlp, text, predicate, expected):
    assert _event_date(nlp, text, predicate) == expected


@pytest.mark.slow
def test_dates_date_for_event_without_publication_date(nlp):
    assert _event_date(nlp, "The ministers discussed trade.", "discussed", None) == (None, "none", None)
    assert _event_date(nlp, "The ministers met on Thursday.", "met", None) == (None, "none", None)
    assert _event_date(nlp, "The ministers met in May 2021.", "met", None) == ("2021-05", "text", "month")


@pytest.mark.slow
def test_dates_mention_for_event_carries_past_flag(nlp):
    doc = nlp(
        "China helped reconcile rival Middle Eastern countries, Saudi Arabia and Iran, earlier this year."
    )
    dates = find_dates(doc, PUB)
    token = _predicate(doc, "helped")
    mention = mention_for_event(token.sent, token, dates)
    assert mention is not None and mention.value == "2023" and mention.past
    assert is_historical(mention, PUB)
    assert not is_historical(mention.value, PUB)


@pytest.mark.slow
def test_dates_seed_article(nlp, seed_text):
    doc = nlp(seed_text)
    found = {(d.text, d.value) for d in find_dates(doc, PUB)}
    for expected in [
        ("Thursday", "2023-04-27"),
        ("Wednesday", "2023-04-26"),
        ("February 2022", "2022-02"),
        ("March", "2023-03"),
        ("earlier this year", "2023"),
        ("this week", "2023-04-28"),
        ("March 2022", "2022-03"),
        ("October", "2022-10"),
    ]:
        assert expected in found


@pytest.mark.parametrize(
    "value,pub,past,expected",
    [
        ("2022", PUB, False, True),
        ("2023", PUB, False, False),
        ("2023", PUB, True, True),
        ("2023-03", PUB, False, True),
        ("2023-04", PUB, False, False),
        ("2023-04", PUB, True, True),
        ("2023-04-27", PUB, False, False),
        ("2023-04-21", PUB, False, False),
        ("2023-04-14", PUB, False, True),
        ("2022-12-31", date(2023, 1, 2), False, False),
        ("2023-05-02", PUB, False, False),
        (None, PUB, False, False),
        ("2019", None, False, False),
    ],
)
def test_dates_is_historical(value, pub, past, expected):
    assert is_historical(value, pub, past=past) is expected


def test_dates_scan_prefers_longest_expression():
    found = [
        (name, m.group(0)) for name, m in scan_date_expressions("It began on 24 February 2022 at dawn.", [])
    ]
    assert found == [("day-month-year", "24 February 2022")]


def test_dates_scan_needs_context_for_bare_month_and_year():
    assert scan_date_expressions("May God bless the 2023 budget.", []) == []
    assert [m.group(0) for _, m in scan_date_expressions("The budget of 2023 passed in May.", [])] == [
        "2023",
        "May",
    ]


@pytest.mark.parametrize(
    "text,message",
    [
        ('{"months": {', "line 1"),
        ('{"months": {}}', "missing key"),
        ("[1, 2]", "missing key"),
    ],
)
def test_dates_malformed_data_file(text, message):
    with pytest.raises(ConfigError, match=message) as error:
        read_json_data(text, "date_words.json", DATE_WORD_KEYS)
    assert "[E101] date_words.json" in str(error.value)
