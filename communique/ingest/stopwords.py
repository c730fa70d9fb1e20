"""Function words used by the English check (a small fixed table, kept out of the logic)."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """The set of space-separated words in `text`."""
    return frozenset(text.split())


ENGLISH = _words(
    "the of and to in a is that for on was with as by at it from said has have be are were his her an "
    "not which this after he they their will its who had but been or"
)

#: Languages commonly met in international news feeds, to name the guess in E012.
OTHER_LATIN = {
    "fr": _words("le la les des du de et est une un dans que qui pour pas sur au avec il elle sont été"),
    "es": _words("el la los las del de y en que por con una un para es se su al lo como más fue"),
    "de": _words("der die das und den dem des ist nicht ein eine mit von zu sich auf für im auch wurde"),
    "pt": _words("o os as do da dos das e em que um uma para com não por se foi na no ao"),
    "it": _words("il lo la gli le di e che un una per con non del della sono è nel alla al"),
    "nl": _words("de het een en van in is dat op te zijn met voor niet aan er die werd ook"),
}

#: Letters with diacritics typical of each language (English news has them only in some foreign names), counted
#: per word for short texts, where function words are too few to judge by.
ACCENTS = {
    "fr": frozenset("éèêàçùâîôœë"),
    "es": frozenset("ñáéíóú¿¡"),
    "de": frozenset("äöüß"),
    "pt": frozenset("ãõçáéêóâôà"),
    "it": frozenset("àèéìòù"),
    "nl": frozenset("ëïé"),
}

#: Words that are function words in English and in the other languages alike ("a": French "has", Spanish
#: "to"), so they count for neither in a short text.
SHARED = frozenset(["a", "de", "in", "is", "die", "as", "so", "do", "no", "um", "on", "se"])

