"""Every custom attribute Communique sets on spaCy objects, in one place, all prefixed `cq_`.

Registered on import behind `has_extension` guards, as spaCy's processing-pipelines guide recommends.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_DOC_EXTENSIONS = {
    "cq_doc_id": None,  # the Document's id
    "cq_pub_date": None,  # datetime.date of publication, or None
    "cq_headlines": None,  # list of (start_char, end_char) of headline / dateline blocks
    "cq_mentions": None,  # list[communique.actors.Mention]: every actor mention, resolved or not
    "cq_events": None,  # list[communique.records.Event]
    "cq_statements": None,  # list[communique.records.Event] of type "statement" (CAMEO 01, no PLOVER type)
    "cq_quotes": None,  # list[communique.records.Quote]
    "cq_dates": None,  # list of resolved date expressions (communique.events.dates.DateMention)
    "cq_places": None,  # list of communique.records.Place found in the text
}
_SPAN_EXTENSIONS = {"cq_is_headline": None}
_TOKEN_EXTENSIONS = {"cq_mention": None}  # the Mention whose head this token is, if any


def register_extensions() -> None:
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in _TOKEN_EXTENSIONS.items():
        if not Token.has_extension(name):
            Token.set_extension(name, default=default)


register_extensions()
