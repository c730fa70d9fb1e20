"""The `communique` command line: thin adapters over the Python API.

Each area has its own module (code, eval, actors, store); each registers its commands on `main`.
Library errors (`CommuniqueError`) become one-line `click.ClickException`s, never tracebacks.
"""
from __future__ import annotations

import importlib
import logging

import click

from .. import __version__

COMMAND_MODULES = ("code", "eval", "actors", "store")


@click.group()
@click.version_option(__version__, prog_name="communique")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def main(verbose: int) -> None:
    """Communique: code news text into PLOVER/CAMEO political events.

    Example:

        communique code article.txt --date 2023-04-28
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


for _name in COMMAND_MODULES:
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as err:  # a command module not written yet must not break the others
        if err.name != f"{__name__}.{_name}":
            raise
