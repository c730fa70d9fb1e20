"""A cheap check that a text is English: the script of its letters and the share of English function words.

No model: this only has to catch articles in another language before they are coded with English rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .options import LanguageCheck
from .stopwords import ENGLISH, OTHER_LATIN

_WORD = re.compile(r"[^\W\d_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


def guess_script(text: str) -> str:
    """The Unicode script most of the letters belong to ("LATIN", "CYRILLIC", "CJK", "ARABIC", ...)."""
    scripts = Counter(_script_of(ch) for ch in _NON_ASCII.findall(text) if ch.isalpha())
    scripts["LATIN"] += len(text.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
    script, count = scripts.most_common(1)[0]
    return script if count else "NONE"


def _script_of(ch: str) -> str:
    """The first word of a letter's Unicode name, which names its script."""
    return unicodedata.name(ch, "UNKNOWN").split(" ")[0]


def english_share(words: list[str]) -> float:
    """The share of `words` that are common English function words."""
    return sum(map(ENGLISH.__contains__, words)) / len(words) if words else 0.0


def guess_latin_language(words: list[str]) -> str:
    """The Latin-script language whose function words are commonest in `words`."""
    scores = {lang: sum(word in vocab for word in words) for lang, vocab in OTHER_LATIN.items()}
    scores["en"] = sum(word in ENGLISH for word in words)
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] else "unknown"


def guess_non_english(text: str, check: LanguageCheck) -> str | None:
    """None when `text` looks English (or is too short to judge), else a guess at its language or script.

    Args:
        text (str): the article text.
        check (LanguageCheck): thresholds.

    Returns:
        str | None: e.g. "fr", "CYRILLIC script", or None for English.
    """
    sample = text[: check.sample_chars]
    words = _WORD.findall(sample.lower())
    if len(words) < check.min_words:
        return None
    script = guess_script(sample)
    if script != "LATIN":
        return f"{script} script"
    if english_share(words) >= check.min_english_share:
        return None
    guess = guess_latin_language(words)
    return guess if guess != "en" else "unknown"
