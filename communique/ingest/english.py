"""A cheap check that a text is English: the script of its letters and the share of English function words.

No model: this only has to catch articles in another language before they are coded with English rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .options import LanguageCheck
from .stopwords import ACCENTS, ENGLISH, OTHER_LATIN, SHARED

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
    if not words:
        return None
    script = guess_script(sample)
    if script != "LATIN":  # "Путин осудил нападение.": a few words are enough to tell the script
        return f"{script} script"
    if len(words) < check.min_words:
        return _guess_short(words, check) if len(words) >= check.min_short_words else None
    if english_share(words) >= check.min_english_share:
        return None
    guess = guess_latin_language(words)
    return guess if guess != "en" else "unknown"


def _guess_short(words: list[str], check: LanguageCheck) -> str | None:
    """The language of a Latin-script text too short for the share test ("La France a condamné l'attaque
    russe."): another language's function words and accented words against the English function words."""
    counted = [word for word in words if word not in SHARED]
    english = sum(word in ENGLISH for word in counted)
    function = {lang: sum(word in vocab for word in counted) for lang, vocab in OTHER_LATIN.items()}
    accented = {lang: sum(word not in vocab and any(ch in ACCENTS[lang] for ch in word) for word in counted)
                for lang, vocab in OTHER_LATIN.items()}
    # at least one function word: accented names alone ("Erdoğan met Müller in Zürich") are no evidence
    scores = {lang: function[lang] + accented[lang] for lang in OTHER_LATIN if function[lang]}
    best = max(scores, key=scores.__getitem__, default=None)
    if best is not None and scores[best] >= check.min_short_evidence and scores[best] > 2 * english:
        return best
    return None
