"""Small text helpers shared by the knowledge base and the resolver: name keys and a word splitter."""
from __future__ import annotations

import re

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")
_HYPHEN = re.compile(r"\s*-\s*")  # spaCy splits "France-Presse" into three words
# Words as spaCy splits them where it matters here: "Russia's" -> "Russia", "'s"; "U.S." stays whole.
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|['’]s\b|[^\W_]+(?:(?:-|['’](?!s\b))[^\W_]+)*|[^\w\s]")


def normalise(text: str) -> str:
    """Straight apostrophes and hyphens, single spaces."""
    return _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip()


def name_key(text: str) -> str:
    """The lookup key of a name: normalised, lower case, without a leading "the" and accents kept."""
    key = _HYPHEN.sub("-", normalise(text).lower().replace(" 's", "'s"))
    return _LEADING_THE.sub("", key)


def split_words(text: str) -> list[str]:
    """Split a phrase into words and punctuation, with possessive 's as its own word."""
    return _WORD.findall(text)


def join_words(words: list[str]) -> str:
    """Words back into a lookup string ("Russia", "'s" -> "Russia's")."""
    out = ""
    for word in words:
        if out and not (word in ("'s", "’s") or word in ",.;:!?)" or out.endswith(("(", "-"))):
            out += " "
        out += word
    return out
