"""Reading local inputs: text, HTML, JSONL, CSV/TSV files, directories and standard input, and bad input."""

from __future__ import annotations

import io
import json
import shutil
import tracemalloc
from datetime import date

import pytest

from communique.ingest import Columns, InputProblem, read_sources
from communique.records import Document
from communique.settings import Settings

DEFAULT = date(2023, 4, 28)


def read_all(sources, **kwargs) -> list[Document | InputProblem]:
    kwargs.setdefault("settings", Settings())
    return list(read_sources([str(s) for s in sources], **kwargs))


def only(items, kind):
    return [item for item in items if isinstance(item, kind)]


def test_readers_txt_is_one_article(wikinews, tmp_path):
    record = wikinews[5]
    path = tmp_path / "badalona-fire.txt"
    path.write_text(record["text"], encoding="utf-8")
    [doc] = read_all([path], default_date=DEFAULT)
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.text, doc.date, doc.origin) == (
        "badalona-fire",
        record["text"],
        DEFAULT,
        str(path),
    )


def test_readers_html_extracts_text_title_date_and_canonical_url(fixtures):
    [doc] = read_all([fixtures / "article.html"], default_date=DEFAULT)
    assert isinstance(doc, Document), doc
    assert doc.doc_id == "article"
    assert doc.title == "Catalonia apartment block fire kills three, injures sixteen"
    assert doc.date == date(2019, 1, 7)  # the page's own date wins over the default
    assert doc.url == "https://news.example.org/world/2019/01/07/catalonia-apartment-fire"
    assert "An apartment block caught fire on Saturday morning in Badalona" in doc.text
    assert "killed another person, according to firefighters." in doc.text
    for boilerplate in ("Subscribe", "cookies", "Most read", "Privacy policy", "Share on Facebook"):
        assert boilerplate not in doc.text


def test_readers_html_honours_declared_charset(fixtures):
    [doc] = read_all([fixtures / "cp1252.html"])
    assert isinstance(doc, Document), doc
    assert "met again in Bogotá on Tuesday, the government’s chief negotiator" in doc.text
    assert "“We have agreed to continue the dialogue,”" in doc.text
    assert doc.date is None  # no date on the page and no default


def test_readers_utf16_with_bom_is_read(fixtures):
    [doc] = read_all([fixtures / "utf16.txt"])
    assert isinstance(doc, Document), doc
    assert doc.text.startswith("Colombia's government and the ELN met in Bogotá")


@pytest.mark.parametrize(
    "name,expected",
    [
        ("empty.txt", "[E001] {path}: empty input, nothing to code"),
        ("blank.txt", "[E001] {path}: empty input, nothing to code"),
        ("binary.txt", "[E002] {path}: binary file, not text"),
        ("latin1.txt", "[E003] {path}: not valid UTF-8 (byte 46); re-encode it as UTF-8"),
        ("navigation_only.html", "[E006] {path}: no article text found in the HTML"),
        ("missing.txt", "[E007] {path}: no such file or directory"),
        ("french.txt", "[E012] {path}: text does not look like English (language guess: fr)"),
        ("russian.txt", "[E012] {path}: text does not look like English (language guess: CYRILLIC script)"),
        ("not_a_feed.xml", "[E015] {path}: not an RSS or Atom feed (root element is <config>)"),
    ],
)
def test_readers_bad_file_is_one_problem(fixtures, name, expected):
    path = fixtures / name
    [item] = read_all([path])
    assert isinstance(item, InputProblem)
    assert item.name == str(path)
    assert item.message == expected.format(path=path)


@pytest.mark.parametrize(
    "text, guess",
    [
        ("La France a condamné l'attaque russe contre l'Ukraine.", "fr"),
        ("El gobierno de España condenó el ataque contra Ucrania.", "es"),
        ("Die Bundesregierung verurteilt den russischen Angriff auf die Ukraine.", "de"),
        ("Путин осудил нападение.", "CYRILLIC script"),
    ],
)
def test_readers_one_sentence_in_another_language_is_e012(tmp_path, text, guess):
    path = tmp_path / "short.txt"
    path.write_text(text + "\n", encoding="utf-8")
    [item] = read_all([path])
    assert isinstance(item, InputProblem)
    assert item.message == f"[E012] {path}: text does not look like English (language guess: {guess})"


@pytest.mark.parametrize(
    "text",
    ["Russia attacked Ukraine on Monday.", "José Mujica visited Brazil.", "Erdoğan met Müller in Zürich.",
     "Le Pen and de Gaulle met.", "What do your parents do?", "China"],
)
def test_readers_short_english_with_foreign_names_is_english(tmp_path, text):
    path = tmp_path / "short.txt"
    path.write_text(text + "\n", encoding="utf-8")
    [doc] = read_all([path])
    assert isinstance(doc, Document), doc


def test_readers_latin1_position_points_at_the_bad_byte(fixtures):
    data = (fixtures / "latin1.txt").read_bytes()
    assert data[46:47] == "á".encode("latin-1")
    assert data[:46].decode("utf-8")


def test_readers_unsupported_suffix_is_e008(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n")
    [item] = read_all([path])
    assert item.message.startswith(f"[E008] {path}: unsupported input type '.md'")


def test_readers_non_english_can_be_forced(fixtures):
    [doc] = read_all([fixtures / "french.txt"], allow_non_english=True)
    assert isinstance(doc, Document)
    assert doc.text.startswith("Le président de la République")


def test_readers_english_check_passes_every_wikinews_article(wikinews, tmp_path, shared_dir):
    path = tmp_path / "wikinews.jsonl"
    shutil.copy(shared_dir / "data" / "wikinews" / "articles.jsonl", path)
    items = read_all([path])
    problems = [item.message for item in only(items, InputProblem)]
    # One record is a two-word stub: too short to judge, so it is read, never flagged.
    assert problems == []
    assert len(only(items, Document)) == len(wikinews)


def test_readers_oversized_file_is_e011(fixtures):
    path = fixtures / "article.html"
    size = path.stat().st_size
    [item] = read_all([path], settings=Settings(max_bytes=1000))
    assert item.message == f"[E011] {path}: input too large ({size} bytes; the limit is 1000)"


def test_readers_jsonl_reports_bad_lines_and_reads_the_rest(fixtures):
    path = fixtures / "corpus.jsonl"
    items = read_all([path], default_date=DEFAULT)
    assert [item.doc_id for item in only(items, Document)] == ["cuba-bus", "42", "catalonia-fire"]
    assert [item.message for item in only(items, InputProblem)] == [
        f"[E004] {path}: line 4: malformed JSON (Expecting ',' delimiter)",
        f"[E005] {path}: line 5: record has no 'id' field",
        f"[E010] {path}: line 6: bad date '07/01/2019' (expected YYYY-MM-DD)",
        f"[E016] {path}: line 7: not a JSON object (found list)",
        f"[E009] {path}: line 8: 'date' must be a string",
    ]


def test_readers_jsonl_fields_dates_and_meta(fixtures):
    path = fixtures / "corpus.jsonl"
    docs = {doc.doc_id: doc for doc in only(read_all([path], default_date=DEFAULT), Document)}
    cuba = docs["cuba-bus"]
    assert (cuba.date, cuba.source, cuba.origin) == (date(2019, 1, 12), "Wikinews", f"{path}:1")
    assert cuba.title == "State-run bus crashes in Cuba en route to Havana, killing seven"
    assert cuba.url.startswith("https://en.wikinews.org/wiki/State-run_bus")
    assert docs["42"].date == DEFAULT  # no date in the record: the default
    assert docs["catalonia-fire"].date == date(2019, 1, 7)  # a timestamp keeps its date part
    assert docs["catalonia-fire"].meta == {"lang_note": "kept in meta"}


def test_readers_jsonl_invalid_utf8_line_names_line_and_byte(tmp_path):
    good = json.dumps({"id": "a", "text": "Officials met in Geneva on Monday."}).encode() + b"\n"
    bad = b'{"id": "b", "text": "Bogot\xe1 talks resumed."}\n'
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(good + bad + good.replace(b'"a"', b'"c"'))
    items = read_all([path])
    assert [getattr(item, "doc_id", None) for item in items] == ["a", None, "c"]
    position = len(good) + bad.index(b"\xe1")
    assert (
        items[1].message == f"[E003] {path}: line 2: not valid UTF-8 (byte {position}); re-encode it as UTF-8"
    )


def test_readers_jsonl_overlong_line_is_e011_and_rest_is_read(tmp_path):
    lines = [
        {"id": "a", "text": "Short article about talks."},
        {"id": "b", "text": "x " * 600},
        {"id": "c", "text": "Another short article."},
    ]
    path = tmp_path / "long.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in lines))
    items = read_all([path], settings=Settings(max_bytes=500))
    assert [getattr(item, "doc_id", None) for item in items] == ["a", None, "c"]
    assert items[1].message.startswith(f"[E011] {path}: line 2: input too large (")


def test_readers_empty_jsonl_is_e001(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n")
    [item] = read_all([path])
    assert item.message == f"[E001] {path}: empty input, nothing to code"


def test_readers_csv_rows_and_problems(fixtures):
    path = fixtures / "corpus.csv"
    items = read_all([path])
    docs = only(items, Document)
    assert [doc.doc_id for doc in docs] == ["cuba-bus", "lion-air"]
    assert docs[0].text.count("\n\n") == 1  # a quoted field spanning lines stays one text
    assert docs[1].origin == f"{path}:8"
    assert (docs[1].date, docs[1].title) == (
        date(2019, 1, 16),
        "Lion Air disaster: Crashed jet's voice recorder recovered from Java Sea",
    )
    assert [item.message for item in only(items, InputProblem)] == [
        f"[E001] {path}: line 5: empty input, nothing to code",
        f"[E010] {path}: line 6: bad date '12 January' (expected YYYY-MM-DD)",
        f"[E017] {path}: line 7: 2 fields where the header has 5",
    ]


def test_readers_tsv_with_own_column_names(fixtures):
    path = fixtures / "corpus.tsv"
    [problem] = read_all([path])
    assert problem.message == f"[E013] {path}: CSV has no column 'id' (columns: doc, body, published)"
    [doc] = read_all([path], columns=Columns(id="doc", text="body", date="published"))
    assert (doc.doc_id, doc.date) == ("fire", date(2019, 1, 7))
    assert doc.text.startswith("An apartment block caught fire")


def test_readers_csv_generated_ids_and_bad_bytes(tmp_path):
    path = tmp_path / "notes.csv"
    data = b"text\nTroops crossed the border.\nBogot\xe1 talks.\nMinisters met in Paris.\n"
    path.write_bytes(data)
    items = read_all([path], columns=Columns(id=None))
    assert [getattr(item, "doc_id", None) for item in items] == ["notes-2", None, "notes-4"]
    position = data.index(b"\xe1")
    assert (
        items[1].message == f"[E003] {path}: line 3: not valid UTF-8 (byte {position}); re-encode it as UTF-8"
    )


def test_readers_directory_sorted_recursive_hidden_skipped(tmp_path):
    for rel in ("b.txt", "a/z.txt", "a/c.txt", ".hidden.txt", ".git/x.txt", "a/.cache/y.txt"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Ministers met to discuss {rel}.")
    docs = read_all([tmp_path])
    assert [doc.origin for doc in docs] == [
        str(tmp_path / "a" / "c.txt"),
        str(tmp_path / "a" / "z.txt"),
        str(tmp_path / "b.txt"),
    ]


def test_readers_sources_keep_their_order(fixtures, tmp_path):
    (tmp_path / "one.txt").write_text("Ministers met in Geneva.")
    items = read_all([fixtures / "empty.txt", tmp_path / "one.txt", fixtures / "missing.txt"])
    assert [type(item).__name__ for item in items] == ["InputProblem", "Document", "InputProblem"]


@pytest.mark.parametrize(
    "wrap",
    [
        io.StringIO,
        lambda s: io.BytesIO(s.encode()),
        lambda s: io.TextIOWrapper(io.BytesIO(s.encode()), encoding="utf-8"),
    ],
)
def test_readers_stdin_plain_text(wrap):
    text = "Turkish troops shelled Kurdish positions in northern Syria on Friday.\n"
    [doc] = read_all(["-"], stdin=wrap(text), default_date=DEFAULT)
    assert (doc.doc_id, doc.text, doc.date) == ("stdin", text, DEFAULT)


def test_readers_stdin_jsonl(wikinews):
    lines = "".join(
        json.dumps({"id": r["id"], "text": r["text"], "date": r["date"]}) + "\n" for r in wikinews[:40]
    )
    items = read_all(["-"], stdin=io.BytesIO(lines.encode()))
    assert [doc.doc_id for doc in items] == [r["id"] for r in wikinews[:40]]
    assert items[0].origin == "stdin:1"


def test_readers_stdin_text_starting_with_json_is_text():
    text = '{"id": 1}\nThe minister said the talks would resume on Monday.\n'
    [doc] = read_all(["-"], stdin=io.StringIO(text))
    assert (doc.doc_id, doc.text) == ("stdin", text)


@pytest.mark.parametrize(
    "data,code", [(b"", "E001"), (b"\x00\x01binary\x00", "E002"), (b"Bogot\xe1 talks", "E003")]
)
def test_readers_stdin_bad_input(data, code):
    [item] = read_all(["-"], stdin=io.BytesIO(data))
    assert item.name == "stdin" and item.message.startswith(f"[{code}] stdin")


def test_readers_stream_large_jsonl_in_bounded_memory(tmp_path, wikinews):
    """A 10 MB corpus is read line by line: peak memory stays far below the file size."""
    path = tmp_path / "big.jsonl"
    texts = [r["text"] for r in wikinews if len(r["text"]) > 2000]
    with path.open("w", encoding="utf-8") as handle:
        for n in range(4000):
            handle.write(json.dumps({"id": f"d{n}", "text": texts[n % len(texts)][:2500]}) + "\n")
    size = path.stat().st_size
    assert size > 9_500_000
    tracemalloc.start()
    count = sum(1 for item in read_sources([str(path)], settings=Settings()) if isinstance(item, Document))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 4000
    assert peak < size / 20, f"peak {peak} bytes for a {size} byte file"


def test_readers_are_lazy(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Ministers met in Geneva.")
    items = read_sources([str(path), str(tmp_path / "created-later.txt")], settings=Settings())
    assert next(items).doc_id == "a"
    (tmp_path / "created-later.txt").write_text("Troops crossed the border on Monday.")
    assert next(items).doc_id == "created-later"


def test_readers_stdin_jsonl_with_a_record_longer_than_the_sniff(wikinews):
    long_text = " ".join(r["text"] for r in wikinews[:60])
    assert len(long_text) > 70_000
    data = (
        json.dumps({"id": "long", "text": long_text}) + "\n" + json.dumps({"id": "short", "text": "Talks."})
    )
    items = read_all(["-"], stdin=io.BytesIO(data.encode()))
    assert [item.doc_id for item in items] == ["long", "short"]
    assert items[0].text == long_text


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_readers_utf8_bom_and_crlf(tmp_path, suffix):
    path = tmp_path / f"excel{suffix}"
    if suffix == ".csv":
        body = 'id,text\r\na,Ministers met in Geneva.\r\nb,"Two lines:\r\nthe second."\r\n'
    else:
        body = '{"id": "a", "text": "Ministers met in Geneva."}\r\n{"id": "b", "text": "Two lines."}\r\n'
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    docs = read_all([path])
    assert [doc.doc_id for doc in docs] == ["a", "b"]
    assert docs[0].text == "Ministers met in Geneva."


def test_readers_html_in_another_language_is_e012(tmp_path, fixtures):
    french = (fixtures / "french.txt").read_text(encoding="utf-8")
    path = tmp_path / "page.html"
    path.write_text(
        f"<html><head><title>Actualités</title></head><body><article><p>{french}</p>"
        f"<p>{french}</p></article></body></html>",
        encoding="utf-8",
    )
    [item] = read_all([path])
    assert item.message == f"[E012] {path}: text does not look like English (language guess: fr)"


def test_readers_html_latin1_label_decodes_as_windows_1252(tmp_path):
    text = "The minister’s statement – issued on Monday – said talks would resume in Bogotá next week."
    path = tmp_path / "page.htm"
    page = (
        f'<html><head><meta charset="ISO-8859-1"></head><body><article><p>{text}</p></article></body></html>'
    )
    path.write_bytes(page.encode("cp1252"))
    [doc] = read_all([path])
    assert isinstance(doc, Document), doc
    assert text in doc.text


def test_readers_directory_symlink_loop_is_reported_once(tmp_path):
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text("Ministers met in Geneva on Monday.")
    (root / "sub" / "loop").symlink_to(root)
    items = read_all([root])
    assert [getattr(item, "doc_id", None) for item in items] == ["a", None]
    loop = root / "sub" / "loop"
    assert items[1].message == f"[E020] {loop}: directory already visited through a symbolic link, skipped"


def test_readers_unreadable_path_is_e019(tmp_path):
    import socket

    path = tmp_path / "socket.txt"  # a Unix socket: it exists, but open() fails even for root
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    try:
        [item] = read_all([path])
    finally:
        listener.close()
    assert item.message == f"[E019] {path}: cannot read: No such device or address"


def test_readers_one_bare_path_is_one_source(fixtures):
    [doc] = list(read_sources(fixtures / "article.html", settings=Settings()))
    assert doc.doc_id == "article"
