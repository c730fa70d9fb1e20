"""`communique code`: read inputs, code them, write events as a table, JSON Lines or CSV."""
from __future__ import annotations

import dataclasses
import logging
import sys
from typing import Iterable, Iterator

import click

from ..errors import CommuniqueError
from ..records import CodedDocument, Document
from . import main

LOGGER = logging.getLogger(__name__)


def report_problem(message: str) -> None:
    """One line on stderr per input that could not be coded."""
    click.echo(f"error: {message}", err=True)


def documents_only(items: Iterable, counts: dict) -> Iterator[Document]:
    """Pass documents on; report input problems as they come and count them."""
    for item in items:
        if isinstance(item, Document):
            counts["read"] += 1
            yield item
        else:
            counts["problems"] += 1
            report_problem(item.message)


def with_progress(results: Iterator[CodedDocument], *, enabled: bool) -> Iterator[CodedDocument]:
    """A progress bar on stderr (only on a terminal, and only past a few documents)."""
    if not enabled:
        yield from results
        return
    from tqdm import tqdm

    bar = None
    for n, result in enumerate(results, 1):
        if bar is None and n > 3:
            bar = tqdm(desc="coding", unit="doc", initial=n - 1, file=sys.stderr, disable=None)
        if bar is not None:
            bar.update(1)
        yield result
    if bar is not None:
        bar.close()


def build_options(actors: tuple[str, ...], lexicons: tuple[str, ...], workers: int | None, model: str | None):
    from ..pipeline import CoderOptions
    from ..settings import load_settings

    settings = load_settings()
    if workers:
        settings = dataclasses.replace(settings, workers=workers)
    return CoderOptions(model=model, actor_files=actors, lexicon_files=lexicons, settings=settings)


@main.command("code")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--date", "pub_date", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]),
    help="Output format [default: table on a terminal, jsonl otherwise].",
)  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout.")
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes [default: settings, 1].")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user actor file (JSONL); its entries win over the shipped ones. Repeatable.")
@click.option("--lexicon", "lexicon_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user event lexicon file; its entries win over the shipped ones. Repeatable.")
@click.option("--no-quotes", is_flag=True, help="Leave quote records out of JSON Lines output.")
@click.option("--statements", is_flag=True,
              help="Add statement records (CAMEO 01 comments, which have no PLOVER type) to JSON Lines output.")
@click.option("--model", help="spaCy model package to use instead of the default.")
def code_command(inputs, pub_date, fmt, output, workers, actor_files, lexicon_files, no_quotes, statements, model):
    """Code news articles into events.

    INPUT is a .txt file (one article, doc_id = file name without extension), an .html file (main text,
    title and date extracted), a .jsonl file of {id, text, title?, date?, url?, source?} records, a .csv
    file, a directory of these, a URL, or - for standard input.

    Examples:

        communique code article.txt --date 2023-04-28

        communique code corpus.jsonl --format jsonl -o events.jsonl --workers 2
    """
    from ..ingest import read_sources
    from ..ingest.dates import parse_date
    from ..output import ResultWriter
    from ..pipeline import code_documents

    try:
        default_date = parse_date(pub_date)
        options = build_options(actor_files, lexicon_files, workers, model)
    except CommuniqueError as err:
        raise click.ClickException(str(err)) from None
    fmt = fmt or ("table" if output is None and sys.stdout.isatty() else "jsonl")
    counts = {"read": 0, "problems": 0, "coded": 0, "failed": 0}
    stream = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        documents = documents_only(read_sources(inputs, default_date=default_date), counts)
        results = code_documents(documents, options=options)
        writer = ResultWriter(stream, fmt, quotes=not no_quotes, statements=statements)
        for result in with_progress(results, enabled=True):
            if result.error:
                counts["failed"] += 1
                report_problem(result.error)
                continue
            counts["coded"] += 1
            writer.write(result)
        writer.close()
    except CommuniqueError as err:
        raise click.ClickException(str(err)) from None
    finally:
        if output:
            stream.close()
    LOGGER.info("coded %d documents, %d events; %d inputs failed", counts["coded"], writer.n_events,
                counts["problems"] + counts["failed"])
    if counts["coded"] == 0:
        raise click.ClickException("nothing could be coded")


@main.command("examples")
def examples_command():
    """Print the path of the bundled example articles (CC BY 2.5 Wikinews; see ATTRIBUTION.md there).

    Example:

        communique code "$(communique examples)"
    """
    from importlib import resources

    click.echo(str(resources.files("communique") / "data" / "examples" / "wikinews.jsonl"))
