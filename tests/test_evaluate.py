"""Scoring against gold: slots, alternatives, compound recipients, optional events, negatives, malformed gold,
the sentence-label tasks, and `communique eval` on hand-made predictions and (slow) on the seed article."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.cli import main
from communique.errors import GoldError
from communique.evaluate import detect_task, evaluate, evaluate_sentences
from communique.evaluate.events import score_events
from communique.evaluate.gold import read_gold, read_negatives
from communique.evaluate.sentences import align_tokens, detokenize, predicted_penta, read_spans, select


def entity(code: str, sector: str = "GOV", text: str | None = None) -> dict:
    return {"entity_text": text or code, "code": code, "sector": sector}


def gold_line(actor, event, recipients, **extra) -> dict:
    line = {"doc_id": "d1", "evidence": "x", "event": event, "actor": [entity(actor)],
            "recipient": [entity(r) for r in recipients]}  # fmt: skip
    return line | extra


def pred(actor, event, recipients, doc_id="d1", confidence=0.5, **extra) -> dict:
    record = {"type": "event", "doc_id": doc_id, "event": event, "actor": [entity(actor)],
              "recipient": [entity(r) for r in recipients], "confidence": confidence}  # fmt: skip
    return record | extra


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def score(tmp_path, gold_lines, predictions, negatives=()):
    gold = read_gold(write_jsonl(tmp_path / "gold.jsonl", gold_lines))
    negs = read_negatives(write_jsonl(tmp_path / "neg.jsonl", negatives))
    by_doc: dict = {}
    for record in predictions:
        by_doc.setdefault(record["doc_id"], []).append(record)
    return score_events(gold, by_doc, negatives=negs)


def test_evaluate_perfect_prediction(tmp_path):
    scores = score(tmp_path, [gold_line("CHN", "CONSULT", ["UKR"])], [pred("CHN", "CONSULT", ["UKR"])])
    assert (scores.overall.precision, scores.overall.recall, scores.overall.f1) == (1.0, 1.0, 1.0)


def test_evaluate_wrong_type_and_recipient_are_wrong(tmp_path):
    gold = [gold_line("CHN", "CONSULT", ["UKR"]), gold_line("RUS", "ACCUSE", ["UKR"])]
    scores = score(tmp_path, gold, [pred("CHN", "CONSULT", ["UKR"]), pred("RUS", "ACCUSE", ["USA"]),
                                    pred("RUS", "ASSAULT", ["UKR"])])  # fmt: skip
    assert scores.overall.correct == 1 and scores.overall.predicted == 3
    assert scores.overall.found == 1 and scores.overall.expected == 2
    assert scores.overall.f1 == pytest.approx(2 * (1 / 3) * 0.5 / (1 / 3 + 0.5))


def test_evaluate_alternatives_fill_the_slot(tmp_path):
    gold = [gold_line("USA", "SUPPORT", ["CHN"], also_accept_recipient=["UKR"], also_accept_event=["AGREE"])]
    for alternative in (pred("USA", "SUPPORT", ["UKR"]), pred("USA", "AGREE", ["CHN"]), pred("USA", "AGREE", ["UKR"])):
        scores = score(tmp_path, gold, [alternative])
        assert (scores.overall.precision, scores.overall.recall) == (1.0, 1.0), alternative
    scores = score(tmp_path, gold, [pred("USA", "SUPPORT", ["RUS"])])
    assert (scores.overall.precision, scores.overall.recall) == (0.0, 0.0)


def test_evaluate_alternative_recipient_of_an_event_without_recipient(tmp_path):
    gold = [gold_line("UKR", "REJECT", [], also_accept_recipient=["RUS"])]
    assert score(tmp_path, gold, [pred("UKR", "REJECT", [])]).overall.recall == 1.0
    assert score(tmp_path, gold, [pred("UKR", "REJECT", ["RUS"])]).overall.recall == 1.0
    assert score(tmp_path, gold, [pred("UKR", "REJECT", ["CHN"])]).overall.recall == 0.0


def test_evaluate_compound_recipient_is_two_slots(tmp_path):
    gold = [gold_line("CHN", "CONSULT", ["SAU", "IRN"])]
    half = score(tmp_path, gold, [pred("CHN", "CONSULT", ["SAU"])])
    assert (half.overall.found, half.overall.expected, half.overall.precision) == (1, 2, 1.0)
    both = score(tmp_path, gold, [pred("CHN", "CONSULT", ["SAU", "IRN"])])
    assert (both.overall.correct, both.overall.predicted, both.overall.recall) == (2, 2, 1.0)


def test_evaluate_optional_events_cost_nothing(tmp_path):
    gold = [gold_line("CHN", "CONSULT", ["UKR"]), gold_line("WST", "ACCUSE", ["CHN"], required=False)]
    without = score(tmp_path, gold, [pred("CHN", "CONSULT", ["UKR"])])
    with_optional = score(tmp_path, gold, [pred("CHN", "CONSULT", ["UKR"]), pred("WST", "ACCUSE", ["CHN"])])
    assert without.overall.expected == with_optional.overall.expected == 1
    assert without.overall.precision == with_optional.overall.precision == 1.0
    assert without.overall.recall == with_optional.overall.recall == 1.0


def test_evaluate_negatives_are_wrong_and_counted_apart(tmp_path):
    gold = [gold_line("MEX", "REJECT", ["RUS"])]
    negatives = [{"doc_id": "d1", "event": "SANCTION", "actor": "MEX", "recipient": "RUS"}]
    scores = score(tmp_path, gold, [pred("MEX", "REJECT", ["RUS"]), pred("MEX", "SANCTION", ["RUS"]),
                                    pred("MEX", "COERCE", ["RUS"])], negatives)  # fmt: skip
    assert scores.negatives == 1 and scores.negatives_listed == 1
    assert (scores.overall.correct, scores.overall.predicted) == (1, 3)


def test_evaluate_negative_in_another_document_does_not_count(tmp_path):
    negatives = [{"doc_id": "d2", "event": "SANCTION", "actor": "MEX", "recipient": "RUS"}]
    scores = score(tmp_path, [gold_line("MEX", "REJECT", ["RUS"])], [pred("MEX", "SANCTION", ["RUS"])], negatives)
    assert scores.negatives == 0 and scores.overall.predicted == 1 and scores.overall.correct == 0


def test_evaluate_triples_are_per_document_and_deduplicated(tmp_path):
    gold = [gold_line("CHN", "CONSULT", ["UKR"])]
    scores = score(tmp_path, gold, [pred("CHN", "CONSULT", ["UKR"]), pred("CHN", "CONSULT", ["UKR"], confidence=0.9),
                                    pred("CHN", "CONSULT", ["UKR"], doc_id="d2")])  # fmt: skip
    assert (scores.overall.correct, scores.overall.predicted) == (1, 1)  # d2 has no gold: not scored


def test_evaluate_by_type_table(tmp_path):
    gold = [gold_line("CHN", "CONSULT", ["UKR"]), gold_line("RUS", "ACCUSE", ["UKR"])]
    scores = score(tmp_path, gold, [pred("CHN", "CONSULT", ["UKR"]), pred("RUS", "ASSAULT", ["UKR"])])
    assert scores.by_type["CONSULT"].f1 == 1.0
    assert (scores.by_type["ACCUSE"].recall, scores.by_type["ACCUSE"].predicted) == (0.0, 0)
    assert (scores.by_type["ASSAULT"].precision, scores.by_type["ASSAULT"].expected) == (0.0, 0)


def test_evaluate_attributes_on_matched_events(tmp_path):
    gold = [gold_line("CHN", "CONSULT", ["UKR"], cameo="041", mode="phone", date="2023-04-26", historical=False),
            gold_line("RUS", "ACCUSE", ["UKR"], cameo="111", mode=None)]  # fmt: skip
    predictions = [
        pred("CHN", "CONSULT", ["UKR"], cameo="042", mode="phone", date="2023-04-26", historical=False),
        pred("RUS", "ACCUSE", ["UKR"], cameo="111", mode="disapprove", date="2023-04-28"),
    ]
    predictions[1]["recipient"][0]["sector"] = "MIL"
    attributes = score(tmp_path, gold, predictions).attributes
    assert (attributes["cameo"].agree, attributes["cameo"].total) == (1, 2)
    assert attributes["cameo_root"].rate == 1.0
    assert (attributes["mode"].agree, attributes["mode"].total) == (1, 2)
    assert (attributes["date"].agree, attributes["date"].total) == (1, 1)  # gold gives one date
    assert (attributes["recipient_sector"].agree, attributes["recipient_sector"].total) == (1, 2)
    assert attributes["historical"].total == 1


BAD_GOLD = {
    "doc_id": ({"doc_id": ""}, "doc_id"),
    "event": ({"event": "STATEMENT"}, "event"),
    "actor missing": ({"actor": None}, "actor"),
    "actor empty": ({"actor": []}, "actor"),
    "actor code": ({"actor": [{"entity_text": "China", "code": "china"}]}, "actor"),
    "recipient no code": ({"recipient": [{"entity_text": "Ukraine"}]}, "recipient"),
    "required": ({"required": "yes"}, "required"),
    "cameo": ({"cameo": 41}, "cameo"),
    "date": ({"date": "April 2023"}, "date"),
    "alternatives": ({"also_accept_event": "AGREE"}, "also_accept_event"),
    "alternative code": ({"also_accept_recipient": ["Ukraine"]}, "also_accept_recipient"),
}


@pytest.mark.parametrize("case", sorted(BAD_GOLD))
def test_evaluate_malformed_gold_names_file_line_and_field(tmp_path, case):
    change, field = BAD_GOLD[case]
    path = write_jsonl(tmp_path / "mine.jsonl", [gold_line("CHN", "CONSULT", ["UKR"]), gold_line("A", "B", []) | {
        "actor": [entity("CHN")], "event": "CONSULT"} | change])  # fmt: skip
    with pytest.raises(GoldError, match=rf"\[E303\] .*mine\.jsonl: line 2: field '{field}'"):
        read_gold(path)


def test_evaluate_malformed_json_and_empty_gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold_line("CHN", "CONSULT", ["UKR"])) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"\[E301\] .*gold\.jsonl: line 3: malformed JSON"):
        read_gold(path)
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"\[E304\]"):
        read_gold(path)


def test_evaluate_detects_formats(tmp_path):
    cases = {
        "g.jsonl": json.dumps(gold_line("CHN", "CONSULT", ["UKR"])),
        "s.jsonl": json.dumps({"id": "s1", "text": "Troops attacked.", "event": "ASSAULT"}),
        "p.tsv": "Troops attacked the town.\t4",
        "b.txt": "Troops B-S\nattacked O",
    }
    found = {name: detect_task(write_text(tmp_path / name, text)) for name, text in cases.items()}
    assert found == {"g.jsonl": "events", "s.jsonl": "plover", "p.tsv": "penta", "b.txt": "spans"}
    with pytest.raises(GoldError, match=r"\[E302\]"):
        detect_task(write_text(tmp_path / "x.csv", "a,b,c"))
    with pytest.raises(GoldError, match=r"\[E308\]"):
        evaluate_sentences(tmp_path / "p.tsv", task="plover", predictions={})


def write_text(path: Path, text: str) -> Path:
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_evaluate_penta_top_event_class(tmp_path):
    path = write_text(tmp_path / "p.tsv", "Troops attacked the town.\t4\nChina met Japan.\t1\nHe spoke.\t0\nA met B.\t1")
    predictions = {
        "penta-1": [pred("RUS", "ASSAULT", ["UKR"], cameo="190", confidence=0.9), pred("RUS", "CONSULT", [], cameo="040")],
        "penta-2": [pred("CHN", "CONSULT", ["JPN"], cameo="042")],
        "penta-4": [pred("CHN", "ACCUSE", [], cameo="111")],
    }
    assert predicted_penta(predictions["penta-1"]) == 4 and predicted_penta([]) == 0
    scores = evaluate_sentences(path, split="all", predictions=predictions)
    assert scores.metrics["accuracy"] == 0.75
    assert scores.per_label["1"].to_dict()["recall"] == 0.5
    assert scores.metrics["macro_f1"] == pytest.approx((1 + 1 + 2 / 3 + 0) / 4)  # classes 0, 4, 1 (F1 2/3), 3 absent


def test_evaluate_plover_top_story_event(tmp_path):
    stories = [{"id": "a", "text": "x", "event": "PROTEST"}, {"id": "b", "text": "y", "event": "AID"}]
    path = write_jsonl(tmp_path / "stories.jsonl", stories)
    scores = evaluate_sentences(path, split="all", predictions={"a": [pred("FRA", "PROTEST", [])]})
    assert scores.metrics["accuracy"] == 0.5 and scores.metrics["coverage"] == 0.5
    assert scores.metrics["macro_f1"] == 0.5


def test_evaluate_spans_exact_and_token_overlap(tmp_path):
    lines = ["The B-S", "Swiss I-S", "court I-S", "rejected O", "Croatia B-T", "'s O", "request O", ". O", "",
             "Israel B-R", "and O", "Iran B-R", "clashed O", ". O"]  # fmt: skip
    path = write_text(tmp_path / "ner.txt", "\n".join(lines))
    items = read_spans(path)
    text = items[0].text
    assert text == "The Swiss court rejected Croatia's request."
    swiss = {"start": text.index("Swiss"), "end": text.index(" rejected")}
    croatia = {"start": text.index("Croatia"), "end": text.index("Croatia") + 7}
    first = pred("CHE", "REJECT", ["HRV"])
    first["actor"][0] |= swiss
    first["recipient"][0] |= croatia
    second_text = items[1].text
    second = pred("ISR", "ASSAULT", ["IRN"])
    second["actor"][0] |= {"start": 0, "end": 6}
    second["recipient"][0] |= {"start": second_text.index("Iran"), "end": second_text.index("Iran") + 4}
    scores = evaluate_sentences(path, split="all", predictions={items[0].doc_id: [first], items[1].doc_id: [second]})
    # exact: Croatia (T) and both R spans match; "Swiss court" misses "The Swiss court"
    assert scores.metrics["exact_precision"] == 0.75 and scores.metrics["exact_recall"] == 0.75
    # tokens: gold tags 6 (The Swiss court Croatia Israel Iran); predicted 5, all compatible
    assert scores.metrics["token_precision"] == 1.0 and scores.metrics["token_recall"] == pytest.approx(5 / 6)


def test_evaluate_token_alignment_to_published_text():
    tokens = ["The", "Croatian", "government", "'s", "request", "(", "2018", ")", "."]
    text, offsets = detokenize(tokens)
    assert text == "The Croatian government's request (2018)."
    assert [text[a:b] for a, b in offsets] == tokens
    published = "The Croatian  government\u02bcs request (2018)."
    aligned = align_tokens(published, tokens)
    assert [published[a:b] for a, b in aligned][3] == "\u02bcs"
    assert align_tokens("Something else entirely.", tokens) is None


def test_evaluate_split_selection_is_fixed():
    from communique.evaluate.sentences import Item
    from communique.splits import is_heldout

    items = [Item(str(i), "t", f"sentence {i}", 0) for i in range(200)]
    held, train = select(items, split="heldout"), select(items, split="train")
    assert len(held) + len(train) == 200 and 30 <= len(held) <= 90
    assert all(is_heldout(i.key) for i in held) and not any(is_heldout(i.key) for i in train)
    assert len(select(items, split="all", limit=7)) == 7


def test_cli_eval_scores_saved_predictions(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [gold_line("CHN", "CONSULT", ["UKR"]), gold_line("RUS", "ACCUSE", ["UKR"])])
    write_jsonl(tmp_path / "negatives.jsonl", [{"doc_id": "d1", "event": "ASSAULT", "actor": "RUS", "recipient": "UKR"}])
    predictions = write_jsonl(tmp_path / "pred.jsonl", [pred("CHN", "CONSULT", ["UKR"]), pred("RUS", "ASSAULT", ["UKR"]),
                                                         {"type": "quote", "doc_id": "d1", "quote": "x"}])  # fmt: skip
    result = CliRunner().invoke(main, ["eval", str(gold), "--pred", str(predictions), "--format", "json", "--by-type"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["precision"], data["recall"], data["negatives_produced"]) == (0.5, 0.5, 1)
    text = CliRunner().invoke(main, ["eval", str(gold), "--pred", str(predictions), "--by-type"])
    assert "precision 0.500  recall 0.500" in text.output and "ASSAULT" in text.output


def test_cli_eval_reports_malformed_gold_in_one_line(tmp_path):
    gold = write_text(tmp_path / "gold.jsonl", json.dumps(gold_line("CHN", "MEET", ["UKR"])))
    pred_path = write_jsonl(tmp_path / "pred.jsonl", [])
    result = CliRunner().invoke(main, ["eval", str(gold), "--pred", str(pred_path)])
    assert result.exit_code == 1
    assert "gold.jsonl: line 1: field 'event'" in result.output and "Traceback" not in result.output
    missing_docs = CliRunner().invoke(main, ["eval", str(gold)])
    assert missing_docs.exit_code == 2 and "--docs" in missing_docs.output


@pytest.fixture(scope="session")
def seed_eval_json(shared_dir):
    """`communique eval` on the seed article with the real pipeline, run once for the session."""
    args = ["eval", str(shared_dir / "seed" / "gold.jsonl"), "--docs", str(shared_dir / "seed" / "seed.txt"),
            "--date", "2023-04-28", "--format", "json", "--by-type", "--details"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.slow
def test_cli_eval_on_seed(seed_eval_json, shared_dir):
    data = seed_eval_json
    assert data["documents"] == 1 and data["expected"] == 15 and data["negatives_listed"] == 3
    assert data["predicted"] > 0 and 0 <= data["precision"] <= 1
    assert data["correct"] == len(data["details"][0]["correct"])
    missed = {tuple(m["triple"]) for m in data["details"][0]["missed"]}
    assert data["expected"] - data["found"] == len(missed)


@pytest.mark.slow
def test_evaluate_api_matches_cli_on_seed(seed_eval_json, shared_dir, coder):
    from datetime import date

    scores = evaluate(shared_dir / "seed" / "gold.jsonl", docs=[str(shared_dir / "seed" / "seed.txt")],
                      default_date=date(2023, 4, 28), coder=coder)  # fmt: skip
    assert scores.to_dict()["precision"] == seed_eval_json["precision"]
    assert scores.to_dict()["recall"] == seed_eval_json["recall"]


def test_cli_eval_sentence_task_with_saved_predictions(tmp_path):
    gold = write_text(tmp_path / "p.tsv", "Troops attacked the town.\t4\nChina met Japan.\t1")
    predictions = write_jsonl(tmp_path / "pred.jsonl", [pred("RUS", "ASSAULT", ["UKR"], doc_id="penta-1", cameo="190")])
    args = ["eval", str(gold), "--pred", str(predictions), "--split", "all", "--format", "json"]
    data = json.loads(CliRunner().invoke(main, args).output)
    assert (data["task"], data["items"], data["accuracy"]) == ("penta", 2, 0.5)
    wrong_task = CliRunner().invoke(main, [*args[:-2], "--task", "spans"])
    assert wrong_task.exit_code == 1 and "[E308]" in wrong_task.output


@pytest.mark.slow
@pytest.mark.parametrize("name,task", [("cameo_class_train.tsv", "penta"), ("cameo_ner_train.txt", "spans")])
def test_cli_eval_sentence_sets_with_pipeline(shared_dir, name, task):
    path = shared_dir / "data" / "conflibert" / name
    result = CliRunner().invoke(main, ["eval", str(path), "--limit", "12", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["task"], data["split"], data["items"], data["failed"]) == (task, "heldout", 12, 0)
    assert 0 <= data[data["headline"]] <= 1


@pytest.mark.parametrize(
    "record,field",
    [({"doc_id": "d1", "actor": []}, "event"), ({"doc_id": "d1", "event": "AID", "actor": "CHN"}, "actor"),
     ({"doc_id": "d1", "event": "AID", "recipient": [{"entity_text": "x"}]}, "recipient")],
)  # fmt: skip
def test_evaluate_malformed_predictions_name_line_and_field(tmp_path, record, field):
    from communique.errors import InputError
    from communique.evaluate import read_predictions

    path = write_jsonl(tmp_path / "pred.jsonl", [pred("CHN", "AID", []), record])
    with pytest.raises(InputError, match=rf"\[E009\] .*pred\.jsonl: line 2: '{field}'"):
        read_predictions(path)


def test_evaluate_spans_use_the_top_event_and_its_argument_phrases(tmp_path):
    lines = ["The B-S", "Swiss I-S", "court I-S", "rejected O", "Croatia B-T", "'s I-T", "request I-T", ". O"]
    path = write_text(tmp_path / "ner.txt", "\n".join(lines))
    [item] = read_spans(path)
    text = item.text
    top = pred("CHE", "REJECT", ["HRV"], confidence=0.9)
    # the mentions are "Swiss" and "Croatia"; the phrases they fill are what the gold marks
    top["actor"][0] |= {"start": 4, "end": 9, "phrase_start": 0, "phrase_end": text.index(" rejected")}
    top["recipient"][0] |= {"start": text.index("Croatia"), "end": text.index("Croatia") + 7,
                            "phrase_start": text.index("Croatia"), "phrase_end": text.index(".")}
    other = pred("CHE", "ACCUSE", ["HRV"], confidence=0.5)  # a weaker event of the sentence is not scored
    other["actor"][0] |= {"start": 4, "end": 9}
    other["recipient"][0] |= {"start": text.index("Croatia"), "end": text.index("Croatia") + 7}
    scores = evaluate_sentences(path, split="all", predictions={item.doc_id: [other, top]})
    assert scores.metrics["exact_precision"] == 1.0 and scores.metrics["exact_recall"] == 1.0
