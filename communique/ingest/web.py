"""Reading a URL: an article page, a plain-text body or a feed, decided by content type and sniffing."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator

from ..errors import Errors, InputError
from ..records import Document
from .decode import check_text_bytes
from .feeds import item_documents
from .fetch import Fetched, fetch_url
from .files import text_document
from .html import read_html
from .options import ReadOptions
from .problems import InputProblem

LOGGER = logging.getLogger(__name__)

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_ROOT = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<\?[^>]*>\s*)*<(rss|feed|rdf:RDF)[\s>]", re.DOTALL | re.IGNORECASE
)
_HTML_ROOT = re.compile(rb"^\s*(<!doctype html|<html|<head|<body)", re.IGNORECASE)


def read_url(url: str, options: ReadOptions) -> Iterator[Document | InputProblem]:
    """Documents from a URL: one for an article page or text, one per item for a feed."""
    try:
        fetched = fetch_url(url, options.fetch)
        check_text_bytes(fetched.body, url, options.settings.binary_threshold)
        kind = classify(fetched)
        if kind == "feed":
            follow = fetch_article_for(options) if options.fetch.follow_links else None
            yield from item_documents(fetched.body, name=url, options=options, fetch_article=follow)
        else:
            yield fetched_document(fetched, url=url, kind=kind, options=options)
    except InputError as err:
        yield InputProblem(url, str(err))


def classify(fetched: Fetched) -> str:
    """Classify a body as "feed", "html" or "text": by its first element, else by its content type."""
    head = fetched.body[:2048]
    if _FEED_ROOT.match(head) or fetched.media_type in FEED_TYPES:
        return "feed"
    if _HTML_ROOT.match(head) or fetched.media_type in HTML_TYPES:
        return "html"
    if fetched.media_type in ("application/xml", "text/xml") or fetched.media_type.endswith("+xml"):
        return "feed"  # XML that is not a feed is reported as E015 by the feed parser
    return "text"


def fetched_document(fetched: Fetched, *, url: str, kind: str, options: ReadOptions) -> Document:
    """A fetched article page or text body as one document; its doc_id is the URL as given."""
    if kind == "html":
        return read_html(
            fetched.body, name=url, doc_id=url, options=options, url=fetched.url, charset=fetched.charset
        )
    return text_document(
        fetched.body, name=url, doc_id=url, options=options, url=fetched.url, charset=fetched.charset
    )


def fetch_article_for(options: ReadOptions) -> Callable[[str], Document]:
    """A function fetching one linked article (for feeds read with `follow_links`)."""

    def fetch_article(link: str) -> Document:
        fetched = fetch_url(link, options.fetch)
        kind = classify(fetched)
        if kind == "feed":
            raise InputError(Errors.E014.format(name=link, detail="the link leads to a feed, not an article"))
        return fetched_document(fetched, url=link, kind=kind, options=options)

    return fetch_article
