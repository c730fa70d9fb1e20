"""Input problems: what a reader reports instead of a document when an input cannot be read."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError


@dataclass
class InputProblem:
    """One input (or one line of it) that could not be read.

    name (str): the input as given: a path, a URL, "-".
    message (str): the full one-line coded message naming the input and, for JSONL/CSV, the line.
    """

    name: str
    message: str


def problem_from_error(name: str, error: InputError) -> InputProblem:
    """An `InputProblem` carrying an `InputError`'s message."""
    return InputProblem(name=name, message=str(error))
