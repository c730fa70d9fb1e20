"""Fetching URLs: http(s) only, with a total timeout, a size limit, a redirect limit and a type check."""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from ..errors import Errors, InputError
from .options import FetchOptions

LOGGER = logging.getLogger(__name__)

ALLOWED_SCHEMES = ("http", "https")
CHUNK_BYTES = 65536


@dataclass
class Fetched:
    """A fetched body with what the server said about it.

    url (str): the final URL, after redirects.
    media_type (str): the Content-Type's media type, lower case ("" when the server sent none).
    charset (str | None): the Content-Type's charset parameter.
    """

    url: str
    media_type: str
    charset: str | None
    body: bytes


class FetchError(Exception):
    """A reason a fetch failed, worded for the E014 message."""


def is_url(source: str) -> bool:
    """Whether a source names a URL (any scheme://), as opposed to a path."""
    scheme, sep, _ = source.partition("://")
    return bool(sep) and scheme.isalpha() and len(scheme) > 1


class LimitedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows at most `max_redirects` redirects, and only to http or https URLs."""

    def __init__(self, max_redirects: int) -> None:
        self.max_redirects = max_redirects
        self.max_redirections = max_redirects + 1  # our own check below speaks first

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urljoin(req.full_url, location)
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ALLOWED_SCHEMES:
                raise FetchError(f"redirect to a {scheme} URL refused ({target})")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        count = getattr(req, "redirect_count", 0) + 1
        if count > self.max_redirects:
            raise FetchError(f"more than {self.max_redirects} redirects")
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.redirect_count = count
        return new


def fetch_url(url: str, options: FetchOptions) -> Fetched:
    """Fetch `url` within the limits of `options`.

    Raises:
        InputError: E014 naming the URL and the reason (refused scheme, HTTP status, timeout, too large,
            content type not accepted, network error).
    """
    try:
        return _fetch(url, options)
    except FetchError as err:
        reason = str(err)
    except urllib.error.HTTPError as err:
        reason = f"HTTP {err.code} {err.reason}"
    except urllib.error.URLError as err:
        reason = _describe_reason(err.reason, options)
    except (TimeoutError, OSError, ValueError) as err:
        reason = _describe_reason(err, options)
    LOGGER.info("fetch of %s failed: %s", url, reason)
    raise InputError(Errors.E014.format(name=url, detail=reason))


def _describe_reason(reason: object, options: FetchOptions) -> str:
    """Words for a low-level failure."""
    if isinstance(reason, TimeoutError):
        return f"timed out after {options.timeout:g} s"
    return str(reason) or type(reason).__name__


def _fetch(url: str, options: FetchOptions) -> Fetched:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise FetchError(f"only http and https URLs are fetched, not {scheme or 'this'}://")
    opener = urllib.request.build_opener(LimitedRedirects(options.max_redirects))
    request = urllib.request.Request(
        url, headers={"User-Agent": options.user_agent, "Accept": _accept(options)}
    )
    deadline = time.monotonic() + options.timeout
    with opener.open(request, timeout=options.timeout) as response:
        media_type, charset = parse_content_type(response.headers.get("Content-Type"))
        check_media_type(media_type, options)
        check_declared_length(response.headers.get("Content-Length"), options)
        body = read_limited(response, options, deadline)
        return Fetched(url=response.geturl(), media_type=media_type, charset=charset, body=body)


def _accept(options: FetchOptions) -> str:
    """The Accept header: the accepted types, then anything at a low weight."""
    return ", ".join(options.accepted_types) + ", */*;q=0.1"


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """The media type (lower case) and charset of a Content-Type header."""
    if not value:
        return "", None
    message = Message()
    message["Content-Type"] = value
    charset = message.get_param("charset")
    return message.get_content_type().lower(), charset.lower() if isinstance(charset, str) else None


def check_media_type(media_type: str, options: FetchOptions) -> None:
    """Refuse a content type we cannot read (no Content-Type at all is left to sniffing)."""
    if media_type and media_type not in options.accepted_types and not media_type.endswith("+xml"):
        raise FetchError(f"unsupported content type '{media_type}'")


def check_declared_length(value: str | None, options: FetchOptions) -> None:
    """Refuse early when the server announces a body over the size limit."""
    if value and value.strip().isdigit() and int(value) > options.max_bytes:
        raise FetchError(f"body of {int(value)} bytes is over the limit of {options.max_bytes}")


def read_limited(response, options: FetchOptions, deadline: float) -> bytes:
    """Read the body in chunks, stopping at the size limit or the total deadline."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(CHUNK_BYTES):
        size += len(chunk)
        if size > options.max_bytes:
            raise FetchError(f"body over the limit of {options.max_bytes} bytes")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {options.timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)
