"""RSS 2.0, RSS 1.0 and Atom feeds, from files and a local HTTP server, with and without following links."""

from __future__ import annotations

from datetime import date

import pytest

from communique.errors import InputError
from communique.ingest import FetchOptions, InputProblem, read_sources
from communique.ingest.dates import parse_feed_date
from communique.ingest.feeds import html_to_text
from communique.records import Document
from communique.settings import Settings

from .conftest import Route

DEFAULT = date(2023, 4, 28)


def read_all(sources, **kwargs):
    kwargs.setdefault("settings", Settings())
    return list(read_sources([str(s) for s in sources], **kwargs))


def test_feeds_rss2_items(fixtures):
    path = fixtures / "rss.xml"
    cuba, lion, gallery = read_all([path], default_date=DEFAULT)
    assert (cuba.doc_id, cuba.url, cuba.date) == (
        "wnd-2019-0112-cuba",
        "https://news.example.org/world/2019/01/12/cuba-bus-crash",
        date(2019, 1, 12),
    )
    assert cuba.title == "State-run bus crashes in Cuba en route to Havana, killing seven"
    assert cuba.source == "World News Daily: World" and cuba.origin == f"{path}#1"
    assert cuba.text.startswith("A bus operated by Viazul") and "<p>" not in cuba.text
    assert cuba.text.count("\n") == 1  # two paragraphs of the HTML description
    # content:encoded wins over the teaser description; no guid: the link is the id; the local date is kept
    assert lion.doc_id == lion.url == "https://news.example.org/world/2019/01/16/lion-air-recorder"
    assert lion.text.startswith("The National Transportation Safety Committee") and "teaser" not in lion.text
    assert lion.date == date(2019, 1, 16)
    assert gallery.message == f"[E001] {path}: item 3: empty input, nothing to code"


def test_feeds_atom_entries(fixtures):
    fire, lion = read_all([fixtures / "atom.xml"])
    assert fire.doc_id == "tag:news.example.org,2019:catalonia-fire"
    assert fire.url == "https://news.example.org/world/2019/01/07/catalonia-fire"
    assert fire.date == date(2019, 1, 7)  # published, not updated
    assert fire.title == "Catalonia apartment block fire kills three, injures sixteen"
    assert fire.text.startswith("An apartment block caught fire") and "<" not in fire.text
    assert lion.url == "https://news.example.org/world/2019/01/16/lion-air-recorder"  # link without rel
    assert lion.date == date(2019, 1, 16)
    assert lion.text.splitlines()[0].startswith("The National Transportation Safety Committee")
    assert len(lion.text.splitlines()) == 2  # xhtml content: one line per paragraph


def test_feeds_rss1_rdf(tmp_path):
    path = tmp_path / "rdf.rss"
    path.write_text("""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://news.example.org/"><title>Wire</title></channel>
  <item rdf:about="https://news.example.org/a">
    <title>Talks resume</title><link>https://news.example.org/a</link><dc:date>2019-02-03T10:00:00Z</dc:date>
    <description>Delegates from both governments met in Geneva on Sunday to resume the talks.</description>
  </item>
</rdf:RDF>
""")
    [doc] = read_all([path])
    assert (doc.doc_id, doc.title, doc.date, doc.source) == (
        "https://news.example.org/a",
        "Talks resume",
        date(2019, 2, 3),
        "Wire",
    )


@pytest.mark.parametrize(
    "name,detail",
    [
        ("broken.rss", "not XML: Premature end of data in tag item line 2, line 3, column 1"),
        ("not_a_feed.xml", "root element is <config>"),
    ],
)
def test_feeds_not_a_feed_is_e015(fixtures, name, detail):
    path = fixtures / name
    [item] = read_all([path])
    assert item.message == f"[E015] {path}: not an RSS or Atom feed ({detail})"


def test_feeds_html_file_named_xml_is_e015(tmp_path):
    path = tmp_path / "page.xml"
    path.write_text("<html><body><p>Hello</p></body></html>")
    [item] = read_all([path])
    assert item.message == f"[E015] {path}: not an RSS or Atom feed (root element is <html>)"


def test_feeds_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET CONTENT")
    path = tmp_path / "xxe.rss"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>x</title><item><title>t</title><guid>g1</guid>
<description>Ministers met in Geneva on Monday to discuss the border. &xxe;</description></item>
</channel></rss>
""")
    items = read_all([path])
    assert all("TOP SECRET" not in getattr(item, "text", "") for item in items)


def test_feeds_empty_feed_is_e001(tmp_path):
    path = tmp_path / "empty.rss"
    path.write_text('<rss version="2.0"><channel><title>Nothing yet</title></channel></rss>')
    [item] = read_all([path])
    assert item.message == f"[E001] {path}: empty input, nothing to code"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("Sat, 12 Jan 2019 08:15:00 GMT", date(2019, 1, 12)),
        ("Wed, 16 Jan 2019 23:40:00 -0500", date(2019, 1, 16)),
        ("16 Jan 2019 10:00 +0000", date(2019, 1, 16)),
        ("2019-01-07T09:30:00+01:00", date(2019, 1, 7)),
        (None, None),
        ("  ", None),
    ],
)
def test_feeds_parse_feed_date(value, expected):
    assert parse_feed_date(value, name="feed") == expected


def test_feeds_bad_item_date_keeps_the_item(tmp_path, caplog):
    path = tmp_path / "bad-date.rss"
    path.write_text(
        '<rss version="2.0"><channel><title>x</title><item><guid>g</guid><pubDate>someday</pubDate>'
        "<description>Ministers met in Geneva on Monday to discuss the border.</description>"
        "</item></channel></rss>"
    )
    [doc] = read_all([path], default_date=DEFAULT)
    assert doc.date == DEFAULT
    assert "bad date 'someday'" in caplog.text
    with pytest.raises(InputError):
        parse_feed_date("someday", name="feed")


@pytest.mark.parametrize(
    "markup,expected",
    [
        ("<p>One.</p><p>Two  words.</p>", "One.\nTwo words."),
        ("Plain &amp; simple", "Plain & simple"),
        ("Line<br>break<ul><li>a</li><li>b</li></ul>", "Line\nbreak\na\nb"),
        ("no markup at all", "no markup at all"),
    ],
)
def test_feeds_html_to_text(markup, expected):
    assert html_to_text(markup) == expected


def test_feeds_follow_links_fetches_articles(server, fixtures):
    feed = (fixtures / "rss.xml").read_text().replace("https://news.example.org", server.base)
    server.add("/world/2019/01/12/cuba-bus-crash", Route((fixtures / "article.html").read_bytes()))
    url = server.add("/world/rss.xml", Route(feed.encode(), "application/rss+xml"))
    plain = read_all([url])
    followed = read_all([url], fetch=FetchOptions(follow_links=True))
    assert server.requests.count("/world/2019/01/12/cuba-bus-crash") == 1  # only when following
    # item 1: the linked page's article replaces the feed's summary
    assert "Viazul" in plain[0].text and "Badalona" in followed[0].text
    assert followed[0].doc_id == "wnd-2019-0112-cuba" and followed[0].date == date(2019, 1, 12)
    # item 2: the link is 404, so the feed's own content is kept
    assert followed[1].text == plain[1].text
    # item 3: no summary and the link fails: one problem naming the link
    assert isinstance(followed[2], InputProblem)
    assert (
        followed[2].message
        == f"[E014] {server.base}/world/2019/01/18/gallery: fetch failed: HTTP 404 Not Found"
    )


def test_feeds_follow_links_from_a_feed_file(server, fixtures, tmp_path):
    path = tmp_path / "local.atom"
    path.write_text((fixtures / "atom.xml").read_text().replace("https://news.example.org", server.base))
    server.add(
        "/world/2019/01/07/catalonia-fire", Route((fixtures / "cp1252.html").read_bytes(), "text/html")
    )
    fire, lion = read_all([path], fetch=FetchOptions(follow_links=True))
    assert "Bogotá" in fire.text  # the fetched page, not the summary
    assert isinstance(lion, Document) and lion.text.startswith("The National Transportation")


def test_feeds_followed_article_fills_missing_title_and_date(server, fixtures):
    url = server.add("/a", Route((fixtures / "article.html").read_bytes()))
    feed = f'<rss version="2.0"><channel><title>Bare</title><item><link>{url}</link></item></channel></rss>'
    feed_url = server.add("/bare.rss", Route(feed.encode(), "application/rss+xml"))
    [doc] = read_all([feed_url], fetch=FetchOptions(follow_links=True), default_date=DEFAULT)
    assert doc.doc_id == url and doc.date == date(2019, 1, 7)
    assert doc.title == "Catalonia apartment block fire kills three, injures sixteen"
    assert "Badalona" in doc.text
