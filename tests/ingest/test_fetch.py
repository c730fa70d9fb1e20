"""Fetching URLs from a real HTTP server on 127.0.0.1: pages, text, feeds, limits and refusals."""

from __future__ import annotations

from datetime import date

import pytest

from communique.ingest import FetchOptions, InputProblem, read_sources
from communique.ingest.fetch import is_url
from communique.records import Document
from communique.settings import Settings

from .conftest import Route


def read_all(sources, **kwargs):
    kwargs.setdefault("settings", Settings())
    return list(read_sources(sources, **kwargs))


def test_fetch_article_page(server, fixtures):
    url = server.add("/world/catalonia-fire", Route((fixtures / "article.html").read_bytes()))
    [doc] = read_all([url], default_date=date(2023, 1, 1))
    assert isinstance(doc, Document), doc
    assert doc.doc_id == url and doc.origin == url
    assert doc.url == "https://news.example.org/world/2019/01/07/catalonia-apartment-fire"  # canonical link
    assert doc.date == date(2019, 1, 7)
    assert "Badalona" in doc.text and "Subscribe" not in doc.text
    assert server.requests == ["/world/catalonia-fire"]


def test_fetch_page_without_canonical_keeps_final_url(server, fixtures):
    server.add("/final", Route((fixtures / "cp1252.html").read_bytes(), "text/html"))
    start = server.add("/start", Route(b"", status=302, headers={"Location": "/final"}))
    [doc] = read_all([start])
    assert isinstance(doc, Document), doc
    assert doc.url == server.base + "/final"
    assert "Bogotá" in doc.text  # the charset declared in the page is honoured


def test_fetch_header_charset_decodes_text(server):
    text = "Colombia and the ELN resumed talks in Bogotá on Tuesday.\n"
    url = server.add("/plain", Route(text.encode("latin-1"), "text/plain; charset=ISO-8859-1"))
    [doc] = read_all([url])
    assert isinstance(doc, Document), doc
    assert doc.text == text


@pytest.mark.parametrize("content_type", ["application/rss+xml", "text/xml", None])
def test_fetch_feed_by_content_type_or_sniffing(server, fixtures, content_type):
    url = server.add("/rss", Route((fixtures / "rss.xml").read_bytes(), content_type))
    items = read_all([url])
    assert [getattr(item, "doc_id", None) for item in items[:2]] == [
        "wnd-2019-0112-cuba",
        "https://news.example.org/world/2019/01/16/lion-air-recorder",
    ]
    assert items[2].message == f"[E001] {url}: item 3: empty input, nothing to code"


def test_fetch_xml_that_is_not_a_feed_is_e015(server, fixtures):
    url = server.add("/config.xml", Route((fixtures / "not_a_feed.xml").read_bytes(), "application/xml"))
    [item] = read_all([url])
    assert item.message == f"[E015] {url}: not an RSS or Atom feed (root element is <config>)"


def fetch_problem(url: str, **options) -> str:
    [item] = read_all([url], fetch=FetchOptions(**options))
    assert isinstance(item, InputProblem)
    assert item.name == url
    return item.message


def test_fetch_http_error_status(server):
    url = server.base + "/nowhere"
    assert fetch_problem(url) == f"[E014] {url}: fetch failed: HTTP 404 Not Found"


def test_fetch_refuses_unaccepted_content_type(server):
    url = server.add("/logo.png", Route(b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"))
    assert fetch_problem(url) == f"[E014] {url}: fetch failed: unsupported content type 'image/png'"


def test_fetch_refuses_announced_oversize_body(server):
    url = server.add("/big", Route(b"word " * 1000, "text/plain"))
    assert fetch_problem(url, max_bytes=1000) == (
        f"[E014] {url}: fetch failed: body of 5000 bytes is over the limit of 1000"
    )


def test_fetch_stops_reading_unannounced_oversize_body(server):
    body = b"word " * 30000
    url = server.add("/stream", Route(body, "text/plain", send_length=False))  # must count while reading
    assert fetch_problem(url, max_bytes=100_000) == (
        f"[E014] {url}: fetch failed: body over the limit of 100000 bytes"
    )


def test_fetch_times_out_on_a_silent_server(server):
    url = server.add("/slow", Route(b"late", "text/plain", delay=2.0))
    assert fetch_problem(url, timeout=0.3) == f"[E014] {url}: fetch failed: timed out after 0.3 s"


def test_fetch_total_timeout_on_a_dripping_server(server):
    url = server.add("/drip", Route(b"Ministers met in Geneva on Monday.", "text/plain", drip=0.05))
    assert fetch_problem(url, timeout=0.5) == f"[E014] {url}: fetch failed: timed out after 0.5 s"


def test_fetch_limits_redirects(server):
    url = server.add("/loop", Route(b"", status=302, headers={"Location": "/loop"}))
    assert fetch_problem(url, max_redirects=3) == f"[E014] {url}: fetch failed: more than 3 redirects"
    assert server.requests.count("/loop") == 4


def test_fetch_refuses_redirect_to_file_url(server):
    url = server.add("/to-file", Route(b"", status=302, headers={"Location": "file:///etc/passwd"}))
    assert (
        fetch_problem(url)
        == f"[E014] {url}: fetch failed: redirect to a file URL refused (file:///etc/passwd)"
    )


@pytest.mark.parametrize(
    "url,scheme", [("file:///etc/passwd", "file"), ("ftp://example.org/news.txt", "ftp")]
)
def test_fetch_refuses_other_schemes(url, scheme):
    assert (
        fetch_problem(url)
        == f"[E014] {url}: fetch failed: only http and https URLs are fetched, not {scheme}://"
    )


def test_fetch_connection_refused_is_one_problem(server):
    url = server.base.rsplit(":", 1)[0] + ":9/article"
    assert fetch_problem(url).startswith(f"[E014] {url}: fetch failed: ")


def test_fetch_binary_body_is_e002(server):
    url = server.add("/blob", Route(bytes(range(256)) * 4, "text/plain"))
    [item] = read_all([url])
    assert item.message == f"[E002] {url}: binary file, not text"


def test_fetch_failures_do_not_stop_the_batch(server, fixtures):
    good = server.add("/good", Route((fixtures / "article.html").read_bytes()))
    items = read_all([server.base + "/missing", good, "ftp://example.org/x"])
    assert [type(item).__name__ for item in items] == ["InputProblem", "Document", "InputProblem"]


@pytest.mark.parametrize(
    "source,expected",
    [
        ("https://example.org/a", True),
        ("http://x", True),
        ("file:///tmp/a.txt", True),
        ("corpus.jsonl", False),
        ("C:\\news\\a.txt", False),
        ("-", False),
        ("dir/with://odd", False),
    ],
)
def test_fetch_is_url(source, expected):
    assert is_url(source) is expected
