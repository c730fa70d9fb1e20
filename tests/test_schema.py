"""The JSON Schema of the output contract: hand-made records good and bad, and the pipeline's real output."""
from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator

from communique.records import Entity, Event, Place, Quote, TextInfo
from communique.schema import SCHEMA_FILES, RecordError, load_schema, validate_record

TEXT = "China condemned Japan on Monday. \u201cWe will respond,\u201d the ministry said."


def make_event() -> Event:
    sentence_end = TEXT.index(".") + 1
    return Event(
        doc_id="d1",
        event="ACCUSE",
        cameo="111",
        actor=[Entity("China", "CHN", "GOV", "China", 0, 5, entry="kb:country:CHN", kind="country")],
        recipient=[Entity("Japan", "JPN", "GOV", "Japan", 16, 21)],
        text=TEXT[:sentence_end],
        text_info=TextInfo(0, 0, sentence_end),
        mode="disapprove",
        quad_code=3,
        goldstein=-2.0,
        plover_score=-2.0,
        date="2023-04-24",
        date_source="text",
        date_precision="day",
        confidence=0.8,
        rule="lexicon:condemn",
        event_loc=Place("Tokyo", "Tokyo", "JPN", 35.7, 139.7),
    )


def make_quote() -> Quote:
    start = TEXT.index("We")
    end = TEXT.index(",\u201d")
    return Quote("d1", Entity("the ministry", "CHN", "GOV", None, 52, 64), TEXT[start:end], start, end, 1, rule="quote:marks")


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_schema_files_are_valid_draft_2020_12(name):
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schema_accepts_records_from_records_py():
    validate_record(make_event().to_dict(), text=TEXT)
    validate_record(make_quote().to_dict(), text=TEXT)


def test_schema_accepts_partial_dates_and_empty_recipient():
    record = make_event().to_dict()
    record.update(date="2023-03", date_precision="month", recipient=[], event_loc=None)
    validate_record(record, text=TEXT)
    record.update(date=None, date_source="none", date_precision=None)
    validate_record(record)


def _broken(change):
    record = make_event().to_dict()
    change(record)
    return record


BAD_EVENTS = {
    "event type": lambda r: r.update(event="STATEMENT"),
    "cameo digits": lambda r: r.update(cameo="1a1"),
    "cameo length": lambda r: r.update(cameo="11111"),
    "quad code": lambda r: r.update(quad_code=5),
    "date format": lambda r: r.update(date="24/04/2023"),
    "date month": lambda r: r.update(date="2023-13"),
    "date source": lambda r: r.update(date_source="guess"),
    "historical type": lambda r: r.update(historical="no"),
    "confidence": lambda r: r.update(confidence=1.5),
    "empty rule": lambda r: r.update(rule=""),
    "missing id": lambda r: r.pop("id"),
    "missing text_info": lambda r: r.pop("text_info"),
    "actor not a list": lambda r: r.update(actor=r["actor"][0]),
    "entity code": lambda r: r["actor"][0].update(code="china"),
    "entity sector": lambda r: r["actor"][0].update(sector="XYZ"),
    "entity offsets": lambda r: r["recipient"][0].pop("start"),
    "negative offset": lambda r: r["actor"][0].update(start=-1),
    "mentions empty": lambda r: r.update(mentions=[]),
}


@pytest.mark.parametrize("case", sorted(BAD_EVENTS))
def test_schema_rejects_bad_event(case):
    with pytest.raises(RecordError, match=r"\[E305\]"):
        validate_record(_broken(BAD_EVENTS[case]))


def test_schema_error_names_the_field():
    with pytest.raises(RecordError, match=r"actor/0/code"):
        validate_record(_broken(BAD_EVENTS["entity code"]))


def test_schema_rejects_unknown_type():
    record = make_event().to_dict()
    record["type"] = "story"
    with pytest.raises(RecordError, match=r"\[E307\].*'story'"):
        validate_record(record)
    with pytest.raises(RecordError, match=r"\[E307\]"):
        validate_record(["not", "a", "record"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "role,field,value",
    [("actor", "start", 1), ("recipient", "end", 20), ("actor", "entity_text", "Chinese")],
)
def test_schema_checks_entity_offsets_against_text(role, field, value):
    record = make_event().to_dict()
    record[role][0][field] = value
    validate_record(record)  # the schema alone cannot see it
    with pytest.raises(RecordError, match=rf"\[E306\].*{role}/0"):
        validate_record(record, text=TEXT)


def test_schema_checks_sentence_and_quote_offsets():
    event = make_event().to_dict()
    event["text_info"]["end"] -= 1
    with pytest.raises(RecordError, match=r"\[E306\].*text_info"):
        validate_record(event, text=TEXT)
    quote = make_quote().to_dict()
    quote["start"] += 1
    with pytest.raises(RecordError, match=r"\[E306\].*quote"):
        validate_record(quote, text=TEXT)


def test_schema_rejects_start_after_end():
    record = make_event().to_dict()
    record["actor"][0].update(start=5, end=0)
    with pytest.raises(RecordError, match="after end"):
        validate_record(record)


def test_schema_quote_speaker_uses_entity_definition():
    quote = make_quote().to_dict()
    validate_record({**quote, "speaker": None})
    bad = copy.deepcopy(quote)
    bad["speaker"]["code"] = 7
    with pytest.raises(RecordError, match=r"speaker"):
        validate_record(bad)


@pytest.mark.slow
def test_schema_validates_pipeline_output_on_seed(coder, seed_text):
    from datetime import date

    result = coder.code_text(seed_text, doc_id="seed", date=date(2023, 4, 28))
    assert result.error is None
    records = [e.to_dict() for e in result.events] + [q.to_dict() for q in result.quotes]
    assert result.events, "the pipeline coded no events from the seed article"
    for record in records:
        json.loads(json.dumps(record))  # JSON-serialisable as written
        validate_record(record, text=seed_text)


def _examples_path():
    from importlib import resources

    return resources.files("communique") / "data" / "examples"


def test_schema_examples_are_attributed():
    folder = _examples_path()
    attribution = (folder / "ATTRIBUTION.md").read_text(encoding="utf-8")
    records = [json.loads(line) for line in (folder / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()]
    assert 5 <= len(records) <= 8 and "CC BY 2.5" in attribution and "Wikinews contributors" in attribution
    for record in records:
        assert {"id", "url", "date", "title", "text"} <= set(record) and record["text"].strip()
        assert record["url"] in attribution and record["id"] in attribution


@pytest.mark.slow
def test_schema_validates_pipeline_output_on_examples(coder):
    from communique.ingest import read_sources
    from communique.records import Document

    documents = [d for d in read_sources([str(_examples_path() / "wikinews.jsonl")]) if isinstance(d, Document)]
    assert len(documents) >= 5
    n_events = 0
    for result in coder.code(documents):
        assert result.error is None, result.error
        for record in [e.to_dict() for e in result.events] + [q.to_dict() for q in result.quotes]:
            validate_record(record, text=result.document.text)
        n_events += len(result.events)
    assert n_events >= len(documents), "the examples are about international politics: expect events from each"
