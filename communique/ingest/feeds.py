"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item becomes a `Document`."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml import etree

from ..errors import Errors, InputError
from ..records import Document
from .dates import parse_feed_date
from .decode import check_text_bytes
from .fields import check_language
from .options import ReadOptions
from .problems import InputProblem

LOGGER = logging.getLogger(__name__)

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
#: Elements after which an HTML summary gets a line break when turned into text.
BLOCK_TAGS = frozenset(
    ["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"]
)


@dataclass
class FeedItem:
    """One item of a feed, before it becomes a document."""

    number: int
    guid: str | None
    title: str | None
    link: str | None
    date_text: str | None
    text: str


def parse_feed(data: bytes, *, name: str) -> tuple[str | None, list[FeedItem]]:
    """The feed's title and its items.

    Raises:
        InputError: E015 when the bytes are not XML or the XML is not an RSS or Atom feed.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise InputError(Errors.E015.format(name=name, detail=f"not XML: {err.msg}")) from None
    tag = etree.QName(root).localname
    if tag == "rss":
        channel = root.find("channel")
        return _text(channel, "title"), [_rss_item(n, item) for n, item in enumerate(root.iter("item"), 1)]
    if tag == "RDF":
        items = root.iter(f"{RSS1}item")
        return _text(root.find(f"{RSS1}channel"), f"{RSS1}title"), [
            _rdf_item(n, i) for n, i in enumerate(items, 1)
        ]
    if root.tag == f"{ATOM}feed":
        entries = root.iter(f"{ATOM}entry")
        return _atom_text(root.find(f"{ATOM}title")), [_atom_entry(n, e) for n, e in enumerate(entries, 1)]
    raise InputError(Errors.E015.format(name=name, detail=f"root element is <{tag}>"))


def _text(element, path: str) -> str | None:
    """Stripped text of a child element, or None."""
    if element is None:
        return None
    value = element.findtext(path)
    return value.strip() or None if value else None


def _rss_item(number: int, item) -> FeedItem:
    body = _text(item, f"{CONTENT}encoded") or _text(item, "description") or ""
    return FeedItem(
        number=number,
        guid=_text(item, "guid"),
        title=_text(item, "title"),
        link=_text(item, "link"),
        date_text=_text(item, "pubDate") or _text(item, f"{DC}date"),
        text=html_to_text(body),
    )


def _rdf_item(number: int, item) -> FeedItem:
    body = _text(item, f"{CONTENT}encoded") or _text(item, f"{RSS1}description") or ""
    about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    return FeedItem(
        number,
        about,
        _text(item, f"{RSS1}title"),
        _text(item, f"{RSS1}link"),
        _text(item, f"{DC}date"),
        html_to_text(body),
    )


def _atom_entry(number: int, entry) -> FeedItem:
    body = entry.find(f"{ATOM}content")
    if body is None or not _atom_text(body):
        body = entry.find(f"{ATOM}summary")
    return FeedItem(
        number=number,
        guid=_text(entry, f"{ATOM}id"),
        title=_atom_text(entry.find(f"{ATOM}title")),
        link=_atom_link(entry),
        date_text=_text(entry, f"{ATOM}published") or _text(entry, f"{ATOM}updated"),
        text=_atom_text(body) or "",
    )


def _atom_link(entry) -> str | None:
    """The entry's alternate link (a link without rel counts as alternate)."""
    for link in entry.iter(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href").strip()
    return None


def _atom_text(element) -> str | None:
    """An Atom text construct as plain text: type text, html (escaped markup) or xhtml (inline markup)."""
    if element is None:
        return None
    kind = element.get("type", "text")
    if kind == "xhtml":
        value = html_to_text(etree.tostring(element, method="html", encoding="unicode"))
    elif kind == "html" or kind.endswith("html"):
        value = html_to_text(element.text or "")
    else:
        value = element.text or ""
    return value.strip() or None


def html_to_text(markup: str) -> str:
    """Plain text from an HTML fragment: block elements become line breaks, whitespace is tidied."""
    if "<" not in markup:
        return _tidy(html.unescape(markup))
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy(html.unescape(markup))
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    """Collapse runs of spaces within lines and drop empty lines."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def item_documents(
    data: bytes, *, name: str, options: ReadOptions, fetch_article: Callable[[str], Document] | None = None
) -> Iterator[Document | InputProblem]:
    """A document or a problem for each item of a feed.

    Args:
        data (bytes): the feed.
        name (str): the feed's path or URL, for messages.
        options (ReadOptions): default date, language check.
        fetch_article (Callable | None): given, each item's link is fetched and its article replaces the
            item's summary (which stays the fallback when the fetch fails).

    Raises:
        InputError: E015 for a file that is not a feed, E001 for a feed without items.
    """
    title, items = parse_feed(data, name=name)
    if not items:
        raise InputError(Errors.E001.format(name=name))
    for item in items:
        try:
            yield item_document(item, name=name, source=title, options=options, fetch_article=fetch_article)
        except InputError as err:
            yield InputProblem(name, str(err))


def item_document(
    item: FeedItem,
    *,
    name: str,
    source: str | None,
    options: ReadOptions,
    fetch_article: Callable[[str], Document] | None,
) -> Document:
    """One feed item as a `Document` (its summary, or the linked article when asked to follow links)."""
    where = f"{name}: item {item.number}"
    article = None
    if fetch_article is not None and item.link:
        article = follow_link(item, where=where, fetch_article=fetch_article)
    text = article.text if article is not None else item.text
    if not text.strip():
        raise InputError(Errors.E001.format(name=where))
    check_language(text, name=where, options=options)
    return Document(
        doc_id=item.guid or item.link or f"{Path(name).stem}-{item.number}",
        text=text,
        title=item.title or (article.title if article else None),
        date=item_date(item, where=where) or (article.date if article else None) or options.default_date,
        url=item.link,
        source=source,
        origin=f"{name}#{item.number}",
    )


def follow_link(item: FeedItem, *, where: str, fetch_article: Callable[[str], Document]) -> Document | None:
    """The linked article, or None (keeping the item's summary) when it cannot be fetched.

    Raises:
        InputError: the fetch failure, when the item has no summary to fall back on.
    """
    try:
        return fetch_article(item.link)
    except InputError as err:
        if not item.text.strip():
            raise
        LOGGER.warning("%s: keeping the feed summary: %s", where, err)
        return None


def item_date(item: FeedItem, *, where: str):
    """The item's date; an unreadable feed timestamp is logged and ignored rather than losing the item."""
    try:
        return parse_feed_date(item.date_text, name=where)
    except InputError as err:
        LOGGER.warning("%s", err)
        return None


def read_feed_file(path: Path, name: str, options: ReadOptions) -> Iterator[Document | InputProblem]:
    """A feed file (.xml, .rss, .atom); with `fetch.follow_links`, each item's article is fetched."""
    from .files import read_whole
    from .web import fetch_article_for

    data = read_whole(path, name, options)
    check_text_bytes(data, name, options.settings.binary_threshold)
    follow = fetch_article_for(options) if options.fetch.follow_links else None
    yield from item_documents(data, name=name, options=options, fetch_article=follow)
