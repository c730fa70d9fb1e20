"""Article pages: main text, title, date and canonical URL extracted with trafilatura."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import trafilatura

from ..errors import Errors, InputError
from ..records import Document
from .dates import parse_date
from .decode import declared_charset, decode_text
from .fields import check_language
from .options import ReadOptions

LOGGER = logging.getLogger(__name__)

#: htmldate options: trust the page's markup (meta tags, time elements, URL), never guess from body text.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
#: A page whose extracted lines are all shorter than this many words (menus, link lists) has no article.
MIN_PARAGRAPH_WORDS = 6


@dataclass
class Article:
    """What trafilatura found on a page."""

    text: str
    title: str | None
    date: date | None
    url: str | None
    sitename: str | None


def extract_article(html: str, *, name: str, url: str | None = None) -> Article:
    """Extract the main text and metadata of an HTML page.

    Args:
        html (str): the page.
        name (str): names the input in messages.
        url (str | None): where the page came from, which helps trafilatura and is the fallback URL.

    Raises:
        InputError: E006 when the page holds no article text.
    """
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, date_extraction_params=DATE_PARAMS
    )
    text = (result.text or "").strip() if result is not None else ""
    if not has_paragraph(text):
        raise InputError(Errors.E006.format(name=name))
    return Article(
        text=text,
        title=result.title or None,
        date=extract_page_date(result.date, name=name),
        url=result.url or url,
        sitename=result.sitename or None,
    )


def has_paragraph(text: str) -> bool:
    """Whether extracted text holds at least one line of running text rather than only menu entries."""
    return any(len(line.split()) >= MIN_PARAGRAPH_WORDS for line in text.splitlines())


def extract_page_date(value: str | None, *, name: str) -> date | None:
    """The page's date as trafilatura reports it, or None when absent or unreadable."""
    try:
        return parse_date(value, name=name)
    except InputError:
        LOGGER.info("%s: ignoring unreadable page date %r", name, value)
        return None


def read_html(
    data: bytes,
    *,
    name: str,
    doc_id: str,
    options: ReadOptions,
    url: str | None = None,
    charset: str | None = None,
) -> Document:
    """An HTML page (bytes) as a `Document`.

    Args:
        data (bytes): the page as read or fetched.
        name (str): names the input in messages.
        doc_id (str): the document's id.
        options (ReadOptions): default date, limits, language check.
        url (str | None): where it was fetched from.
        charset (str | None): the charset from the HTTP Content-Type header; wins over the page's own.

    Raises:
        InputError: E001, E002, E003, E006 or E012.
    """
    declared = charset or declared_charset(data)
    html = decode_text(data, name, threshold=options.settings.binary_threshold, declared=declared)
    article = extract_article(html, name=name, url=url)
    check_language(article.text, name=name, options=options)
    return Document(
        doc_id=doc_id,
        text=article.text,
        title=article.title,
        date=article.date or options.default_date,
        url=article.url,
        source=article.sitename,
        origin=url or name,
    )
