"""`communique actors ...`: resolve actor phrases against the knowledge base, one or in a batch."""
from __future__ import annotations

import json
import sys

import click

from ..errors import CommuniqueError, Errors
from . import main


@main.group("actors")
def actors() -> None:
    """The actor knowledge base: resolve phrases to country, sector and named entity.

    Example:

        communique actors resolve "the Chinese ambassador to France" --date 2023-04-28
    """


@actors.command("resolve")
@click.argument("text", required=False)
@click.option("--context", help="Surrounding text for pronouns and descriptions ('she', 'the country').")
@click.option("--date", "date_text", metavar="YYYY-MM-DD", help="Document date (people's offices); default today.")
@click.option("--input", "input_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="JSONL file of {id, text, context?, date?} records to resolve ('-' for stdin).")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default=None,
              help="Output format: text or json for one phrase (default text), jsonl for --input.")  # fmt: skip
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output file.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor JSONL file (repeatable); its entries win over the shipped ones.")  # fmt: skip
def resolve(text, context, date_text, input_path, fmt, output, actor_files) -> None:
    """Resolve TEXT (or every record of --input) to code, sector, name and knowledge-base entry.

    Example:

        communique actors resolve "she" --context "Maria Zakharova spoke." --date 2023-04-28 --format json

        communique actors resolve --input cases.jsonl --format jsonl -o resolved.jsonl
    """
    from ..actors import load_knowledge_base, resolve_phrase
    from ..actors.batch import parse_iso_date, read_cases, resolve_cases

    if bool(text) == bool(input_path):
        raise click.UsageError("give either TEXT or --input FILE")
    try:
        kb = load_knowledge_base(actor_files)
        if input_path:
            _resolve_batch(input_path, kb, output, read_cases, resolve_cases)
            return
        date = parse_iso_date(date_text, name="--date") if date_text else None
        result = resolve_phrase(text, context=context, date=date, kb=kb)
    except CommuniqueError as err:
        raise click.ClickException(str(err)) from None
    if (fmt or "text") == "text":
        output.write(_as_text(text, result) + "\n")
    else:
        output.write(json.dumps({"text": text, **result.to_dict()}, ensure_ascii=False) + "\n")


def _resolve_batch(input_path, kb, output, read_cases, resolve_cases) -> None:
    try:
        handle = sys.stdin if input_path == "-" else open(input_path, encoding="utf-8")  # noqa: SIM115
    except OSError as err:
        raise click.ClickException(f"{input_path}: {err.strerror}") from None
    try:
        name = "<stdin>" if input_path == "-" else input_path
        for record in resolve_cases(read_cases(handle, name=name), kb=kb):
            output.write(json.dumps(record, ensure_ascii=False) + "\n")
    except OSError as err:
        raise click.ClickException(f"{input_path}: {err.strerror}") from None
    except UnicodeDecodeError as err:
        raise click.ClickException(Errors.E003.format(name=input_path, position=err.start)) from None
    finally:
        if handle is not sys.stdin:
            handle.close()


def _as_text(text: str, result) -> str:
    if not result.code:
        return f"{text!r}: unresolved ({result.explain})"
    name = f" {result.name}" if result.name else ""
    region = " (regional)" if result.regional else ""
    return f"{text!r}: {result.code} {result.sector or '-'}{name}{region}\n  entry: {result.entry}\n  why: {result.explain}"
