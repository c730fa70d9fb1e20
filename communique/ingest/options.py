"""Options objects passed down the readers: CSV/JSONL field names, URL fetching, and the read options."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..settings import Settings

#: Content types accepted from a web server: article pages, plain text and feeds.
ACCEPTED_CONTENT_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)


@dataclass(frozen=True)
class Columns:
    """Which CSV column (or JSONL field) holds each part of a record.

    `id=None` makes ids from the file stem and the line number instead of requiring an id column.
    """

    id: str | None = "id"
    text: str = "text"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    source: str = "source"


@dataclass(frozen=True)
class FetchOptions:
    """How URLs are fetched.

    timeout (float): seconds for the whole request, connection and body.
    max_bytes (int): a larger body is refused.
    max_redirects (int): more redirects than this are refused.
    follow_links (bool): for a feed, fetch each item's linked article instead of keeping its summary.
    user_agent (str): sent with every request.
    """

    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    follow_links: bool = False
    user_agent: str = "communique/0.1 (+https://github.com/communique; news event coder)"
    accepted_types: tuple[str, ...] = ACCEPTED_CONTENT_TYPES


@dataclass(frozen=True)
class LanguageCheck:
    """The cheap English check: share of common English function words among the words of a text.

    English news sits at 0.20-0.44 (283 Wikinews articles); French, Spanish or German prose sits below 0.06.
    A text of `min_short_words` to `min_words` words (a headline, a sentence) is judged by counting instead:
    another language's function words (one at least) and accented words must number at least
    `min_short_evidence` and more than twice the English function words; a text in another script is told by
    its script at any length. Shorter Latin-script texts are not judged.
    """

    min_words: int = 20
    min_english_share: float = 0.08
    sample_chars: int = 5_000
    min_short_words: int = 4
    min_short_evidence: int = 2


@dataclass(frozen=True)
class ReadOptions:
    """Everything a reader needs, bundled once by `read_sources`."""

    settings: Settings = field(default_factory=Settings)
    default_date: date | None = None
    columns: Columns = field(default_factory=Columns)
    fetch: FetchOptions = field(default_factory=FetchOptions)
    language: LanguageCheck = field(default_factory=LanguageCheck)
    allow_non_english: bool = False
