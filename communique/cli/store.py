"""`communique ingest|recode|events|dyads|doc|export|actors top`: thin adapters over `communique.store.Database`.

Every command takes `--db URL` (a path, `sqlite:///path` or `postgresql://...`; default `$COMMUNIQUE_DB`,
else `~/.local/share/communique/communique.db`) and writes to standard output or `-o FILE`.
"""
from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any

import click

from ..errors import CommuniqueError
from . import main

QUERY_FORMATS = ("table", "jsonl", "csv", "parquet")


def db_option(function):
    return click.option(
        "--db", "db_url", envvar="COMMUNIQUE_DB", show_envvar=True,
        help="Database: a path, sqlite:///path or postgresql://user:pass@host/db "
             "[default: ~/.local/share/communique/communique.db].",
    )(function)  # fmt: skip


def filter_options(function):
    """The filters shared by events, dyads, actors top and export (mirroring `Database.events` keywords)."""
    options = [
        click.option("--actor", multiple=True, help="Actor code (CHN). Repeatable."),
        click.option("--recipient", multiple=True, help="Recipient code (UKR). Repeatable."),
        click.option("--type", "type_", multiple=True, help="PLOVER type (ACCUSE) or CAMEO prefix (11). Repeatable."),
        click.option("--since", help="Events on or after this day (YYYY-MM-DD)."),
        click.option("--until", help="Events on or before this day (YYYY-MM-DD)."),
        click.option("--source", multiple=True, help="Only events some article of this publisher reports."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def filters_from(actor, recipient, type_, since, until, source) -> dict[str, Any]:
    return {"actor": list(actor), "recipient": list(recipient), "type": list(type_), "since": since,
            "until": until, "source": list(source)}  # fmt: skip


@contextlib.contextmanager
def opened(db_url: str | None) -> Iterator[Any]:
    """Open the database, turning library errors into one-line CLI errors."""
    from ..store import open_database

    try:
        with open_database(db_url) as db:
            yield db
    except CommuniqueError as err:
        raise click.ClickException(str(err)) from None


TABLE_TEXT_WIDTH = 60


def _text_formatters(frame) -> dict:
    """Left-aligned text columns, long values (sentences) cut short, missing values blank.

    Applied to the values before printing (`_formatted`): pandas leaves a column of nothing but None (say,
    `actor_code` when every listed actor is unidentified) out of its formatters and prints "None"."""

    def column_formatter(width: int):
        def cut(value) -> str:
            text = "" if value is None or value != value else " ".join(str(value).split())
            text = text if len(text) <= TABLE_TEXT_WIDTH else text[: TABLE_TEXT_WIDTH - 1] + "…"
            return f"{text:<{width}}"

        return cut

    formatters = {}
    for name in frame.columns:
        if frame[name].dtype == object or str(frame[name].dtype).startswith("str"):
            longest = frame[name].map(lambda v: len(" ".join(str(v).split())) if v == v and v is not None else 0)
            formatters[name] = column_formatter(min(int(longest.max() or 0), TABLE_TEXT_WIDTH))
    return formatters


def _formatted(frame):
    """A copy of the frame whose text columns hold their printed form (see `_text_formatters`)."""
    frame = frame.copy()
    for name, formatter in _text_formatters(frame).items():
        frame[name] = frame[name].map(formatter).astype(object)
    return frame


def write_frame(frame, fmt: str, output: str | None) -> None:
    """A DataFrame as a table, JSON Lines, CSV or Parquet, to stdout or a file."""
    if fmt == "parquet":
        if not output:
            raise click.ClickException("the parquet format needs an output file (-o FILE)")
        frame.to_parquet(output, index=False)
        return
    if fmt == "table":
        import pandas as pd

        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            text = _formatted(frame).to_string(index=False, justify="left", na_rep="") if len(frame) else "(no rows)"
        text += "\n"
    elif fmt == "csv":
        text = frame.to_csv(index=False, lineterminator="\n")
    else:
        text = "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in frame.to_dict("records"))
    if output:
        with open(output, "w", encoding="utf-8") as stream:
            stream.write(text)
    else:
        click.echo(text, nl=False)


def format_option(function):
    function = click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not stdout.")(function)
    return click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table", show_default=True,
                        help="Output format.")(function)  # fmt: skip


def print_summary(summary: dict[str, Any]) -> None:
    """The short summary after an ingest: documents, events by type, top dyads (on stderr)."""
    echo = lambda text: click.echo(text, err=True)
    echo(f"database: {summary['documents']} documents ({summary['coded']} coded, {summary['duplicates']} "
         f"duplicates), {summary['events']} events, {summary['mentions']} mentions")  # fmt: skip
    if summary["events_by_type"]:
        echo("events by type: " + ", ".join(f"{k} {v}" for k, v in summary["events_by_type"].items()))
    if summary["top_dyads"]:
        echo("top dyads: " + ", ".join(f"{d['actor']}->{d['recipient']} {d['events']}" for d in summary["top_dyads"]))


@main.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--date", "pub_date", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--id-column", default="id", show_default=True, help="CSV column / JSONL field of the id.")
@click.option("--text-column", default="text", show_default=True, help="CSV column / JSONL field of the text.")
@click.option("--title-column", default="title", show_default=True, help="Column of the title.")
@click.option("--date-column", default="date", show_default=True, help="Column of the publication date.")
@click.option("--url-column", default="url", show_default=True, help="Column of the URL.")
@click.option("--source-column", default="source", show_default=True, help="Column of the publisher.")
@click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds per URL fetch.")
@click.option("--max-bytes", type=int, default=10_000_000, show_default=True, help="Largest page or feed fetched.")
@click.option("--follow-links", is_flag=True, help="For feeds, fetch each item's article, not its summary.")
@click.option("--workers", type=click.IntRange(1, 64), help="Coding processes [default: settings, 1].")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user actor file; its entries win over the shipped ones. Repeatable.")
@click.option("--lexicon", "lexicon_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user event lexicon file. Repeatable.")
@click.option("--model", help="spaCy model package to use instead of the default.")
@click.option("--no-dedup", is_flag=True, help="Code exact and near duplicates instead of linking them.")
@click.option("--near-threshold", type=click.FloatRange(0, 1), help="Near-duplicate similarity threshold.")
@click.option("-q", "--quiet", is_flag=True, help="No summary at the end.")
def ingest_command(sources, db_url, pub_date, id_column, text_column, title_column, date_column, url_column,
                   source_column, timeout, max_bytes, follow_links, workers, actor_files, lexicon_files, model,
                   no_dedup, near_threshold, quiet):  # fmt: skip
    """Code articles and store them, their events, mentions and quotes in the database.

    SOURCE is a file or folder (as `communique code` reads them), a JSONL or CSV corpus, an RSS/Atom feed
    (URL or file) or an article URL. Running it again skips what is stored; duplicates are linked to the
    first copy. A source that cannot be read is reported on stderr and skipped.

    Examples:

        communique ingest "$(communique examples)"

        communique ingest corpus.csv --text-column body --id-column uid --db postgresql://me@localhost/events
    """
    from ..ingest import Columns, FetchOptions
    from ..ingest.dates import parse_date
    from .code import build_options, report_problem

    try:
        read_options = {
            "default_date": parse_date(pub_date),
            "columns": Columns(id=id_column, text=text_column, title=title_column, date=date_column,
                               url=url_column, source=source_column),
            "fetch": FetchOptions(timeout=timeout, max_bytes=max_bytes, follow_links=follow_links),
        }  # fmt: skip
        options = build_options(actor_files, lexicon_files, workers, model)
    except CommuniqueError as err:
        raise click.ClickException(str(err)) from None
    with opened(db_url) as db:
        try:
            report = db.ingest(sources, options=options, workers=options.settings.workers, dedup=not no_dedup,
                               near_threshold=near_threshold, on_problem=report_problem, **read_options)  # fmt: skip
        except CommuniqueError as err:
            raise click.ClickException(str(err)) from None
        if not quiet:
            r = report
            click.echo(f"ingested {r.read} documents in {r.seconds:.1f}s: {r.coded} coded, {r.updated} updated, "
                       f"{r.unchanged} unchanged, {r.duplicates} duplicates, {r.near_duplicates} near duplicates, "
                       f"{r.failed} failed; {len(r.problems)} problems", err=True)  # fmt: skip
            print_summary(db.summary())
    if report.read == 0 and report.problems:
        raise click.ClickException("nothing could be read")


@main.command("recode")
@db_option
@click.option("--all", "everything", is_flag=True, help="Recode every document, not only older coder versions.")
@click.option("--workers", type=click.IntRange(1, 64), help="Coding processes [default: settings, 1].")
@click.option("--model", help="spaCy model package to use instead of the default.")
def recode_command(db_url, everything, workers, model):
    """Code stored documents again (after an upgrade), replacing each one's events atomically.

    Example:

        communique recode --db events.db
    """
    from .code import build_options, report_problem

    options = build_options((), (), workers, model)
    with opened(db_url) as db:
        report = db.recode(options=options, workers=options.settings.workers, all=everything,
                           on_problem=report_problem)  # fmt: skip
    click.echo(f"recoded {report.updated} documents ({report.reports} events), {report.failed} failed "
               f"in {report.seconds:.1f}s", err=True)  # fmt: skip


@main.command("events")
@db_option
@filter_options
@click.option("--limit", type=int, help="At most this many events.")
@format_option
def events_command(db_url, actor, recipient, type_, since, until, source, limit, fmt, output):
    """List stored events (one per actor-recipient pair, type and day) with mention/source/article counts.

    Example:

        communique events --actor CHN --recipient UKR --type ACCUSE --since 2023-01-01 --format csv
    """
    with opened(db_url) as db:
        frame = db.events(limit=limit, **filters_from(actor, recipient, type_, since, until, source))
    if fmt == "table":
        frame = frame[["day", "actor_code", "event", "recipient_code", "cameo", "num_mentions", "num_articles",
                       "first_doc_id", "text"]]  # fmt: skip
    write_frame(frame, fmt, output)


@main.command("dyads")
@db_option
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="month", show_default=True,
              help="Period.")  # fmt: skip
@filter_options
@format_option
def dyads_command(db_url, by, actor, recipient, type_, since, until, source, fmt, output):
    """Per actor-recipient pair and period: counts per PLOVER type and quad class, Goldstein and PLOVER sums.

    Example:

        communique dyads --by week --actor CHN --format csv -o chn.csv
    """
    with opened(db_url) as db:
        frame = db.dyads(by=by, **filters_from(actor, recipient, type_, since, until, source))
    if fmt == "table":
        frame = frame.loc[:, (frame != 0).any(axis=0)] if len(frame) else frame
    write_frame(frame, fmt, output)


@main.command("doc")
@click.argument("doc_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Marked text, or the document with its event and quote records as JSON.")  # fmt: skip
def doc_command(doc_id, db_url, fmt):
    """Show a stored article with its events ([[sentence]]{E1: ...}) and quotes (<<...>>{Q1: ...}) marked.

    Example:

        communique doc wikinews-2019-000
    """
    from ..store.queries import event_label

    with opened(db_url) as db:
        try:
            view = db.document(doc_id)
        except CommuniqueError as err:
            raise click.ClickException(str(err)) from None
    doc = view.document
    if fmt == "json":
        record = {k: v for k, v in doc.items() if k != "signature"}
        click.echo(json.dumps({"document": record, "events": view.events, "quotes": view.quotes,
                               "statements": view.statements},
                              ensure_ascii=False, default=str, indent=1))  # fmt: skip
        return
    head = [doc["title"] or doc_id, " | ".join(str(v) for v in (doc["pub_date"], doc["source"], doc["url"]) if v)]
    if doc["duplicate_of"]:
        head.append(f"{doc['duplicate_kind']} duplicate of {doc['duplicate_of']} (its coding is shown)")
    click.echo("\n".join(line for line in head if line) + "\n")
    click.echo(view.marked_text())
    click.echo("")
    for n, event in enumerate(view.events, 1):
        click.echo(f"E{n}: {event_label(event)}  cameo {event['cameo']}  date {event['date']}  rule {event['rule']}")


@main.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["plover", "gdelt", "icews", "csv", "parquet", "jsonl"]),
              required=True, help="plover: PLOVER JSONL; gdelt: GDELT 2.0 events (+ mentions); icews: ICEWS.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not stdout.")
@click.option("--mentions", "mentions_path", type=click.Path(dir_okay=False),
              help="gdelt: the mentions table [default: beside -o, as NAME.mentions.tsv].")
@click.option("--no-header", is_flag=True, help="gdelt/icews: no header row (GDELT's own files have none).")
@filter_options
def export_command(db_url, fmt, output, mentions_path, no_header, actor, recipient, type_, since, until, source):
    """Export events as PLOVER JSON Lines, GDELT 2.0 (61 columns + mentions), ICEWS (20 columns), CSV or Parquet.

    Examples:

        communique export --format gdelt -o events.tsv

        communique export --format plover --actor RUS > russia.jsonl
    """
    with opened(db_url) as db:
        try:
            written = db.export(fmt, output, mentions_path=mentions_path, header=not no_header,
                                **filters_from(actor, recipient, type_, since, until, source))  # fmt: skip
        except CommuniqueError as err:
            raise click.ClickException(str(err)) from None
    if output:
        click.echo(f"wrote {written['events']} events to {output}" +
                   (f", {written['mentions']} mentions to {written['mentions_path']}" if "mentions" in written else ""),
                   err=True)  # fmt: skip


def top_actors_command(db_url, limit, actor, recipient, type_, since, until, source, fmt, output):
    """Actor codes ranked by the events they take part in, as actor or recipient.

    Example:

        communique actors top --limit 10
    """
    with opened(db_url) as db:
        frame = db.top_actors(limit=limit, **filters_from(actor, recipient, type_, since, until, source))
    write_frame(frame, fmt, output)


def register_top_actors(group: click.Group) -> None:
    """Add `top` to the `actors` group (defined by the actors CLI module, or here when it is missing)."""
    command = click.command("top")(format_option(filter_options(
        click.option("--limit", type=int, default=20, show_default=True, help="How many codes.")(
            db_option(top_actors_command)))))  # fmt: skip
    group.add_command(command)


def _actors_group() -> click.Group:
    try:
        from .actors import actors  # the actors CLI module owns the group

        return actors
    except ModuleNotFoundError as err:
        if err.name != f"{__package__}.actors":
            raise
    except ImportError:  # the module exists but defines no `actors` group
        pass
    existing = main.commands.get("actors")
    if isinstance(existing, click.Group):
        return existing

    @main.group("actors")
    def actors() -> None:
        """Actor codes: the knowledge base and the stored events."""

    return actors


register_top_actors(_actors_group())
