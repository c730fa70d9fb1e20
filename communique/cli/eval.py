"""`communique eval`: score the extractor (or saved predictions) against a gold file."""
from __future__ import annotations

import json

import click

from ..errors import CommuniqueError
from . import main


def _scores_text(scores, by_type: bool, details: bool) -> str:
    from ..evaluate.events import EventScores
    from ..evaluate.report import format_events, format_task

    if isinstance(scores, EventScores):
        return format_events(scores, by_type=by_type, details=details)
    return format_task(scores)


def _scores_json(scores, details: bool) -> str:
    data = scores.to_dict()
    if not details:
        data.pop("details", None)
    return json.dumps(data, indent=2, ensure_ascii=False)


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--docs", multiple=True, help="Documents the gold describes (as `communique code` reads them). Repeatable.")
@click.option("--pred", type=click.Path(exists=True, dir_okay=False),
              help="Score these saved predictions (contract JSONL) instead of running the extractor.")
@click.option("--negatives", type=click.Path(exists=True, dir_okay=False),
              help="Triples that must not be produced [default: negatives.jsonl beside GOLD, if any].")
@click.option("--date", "pub_date", help="Publication date (YYYY-MM-DD) for documents that carry none.")
@click.option("--task", type=click.Choice(["events", "penta", "spans", "plover"]),
              help="Gold format [default: detected from the file's content].")
@click.option("--split", type=click.Choice(["heldout", "train", "all"]), default="heldout", show_default=True,
              help="Which part of a sentence-label set to score (communique.splits).")
@click.option("--limit", type=click.IntRange(1), help="Score only the first N items of a sentence-label set.")
@click.option("--by-type", is_flag=True, help="Add a table of precision and recall by event type.")
@click.option("--details", is_flag=True, help="List wrong and missed triples per document.")
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes for coding [default: 1].")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def eval_command(gold, docs, pred, negatives, pub_date, task, split, limit, by_type, details, workers, fmt):
    """Score the extractor against GOLD and print precision, recall and F1.

    GOLD is a gold file in the coding guide's format (JSON Lines of events, scored as document-level
    actor-event-recipient triples against the documents given with --docs), a penta-class TSV, a BIO
    source/target token file or PLOVER-labelled stories (JSONL): the format is detected from the content.

    Examples:

        communique eval gold.jsonl --docs seed.txt --date 2023-04-28 --by-type

        communique eval gold.jsonl --pred events.jsonl --format json

        communique eval cameo_class_train.tsv --split heldout --limit 200
    """
    from ..evaluate import evaluate
    from ..evaluate.run import read_predictions
    from ..ingest.dates import parse_date

    try:
        predictions = read_predictions(pred) if pred else None
        if predictions is None and task in (None, "events") and not docs:
            from ..evaluate import detect_task

            if detect_task(gold) == "events":
                raise click.UsageError("an events gold file needs --docs (the documents) or --pred (predictions)")
        scores = evaluate(
            gold, task=task, docs=docs, predictions=predictions, negatives_path=negatives,
            default_date=parse_date(pub_date), split=split, limit=limit, workers=workers,
        )  # fmt: skip
    except CommuniqueError as err:
        raise click.ClickException(str(err)) from None
    click.echo(_scores_text(scores, by_type, details) if fmt == "text" else _scores_json(scores, details))
