"""Each source kind end to end through ``ingest``: text with front matter, saved HTML, JSON Lines (file and
stdin), RSS/Atom feeds (file and URL, following entries to their pages), URL lists, directories; outlets,
UTC dates, language; raw input kept compressed."""

from __future__ import annotations

import io
import shutil
import sqlite3
import sys
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest

from crosswire.ingest import meta
from crosswire.ingest.core import IngestSettings
from crosswire.store.db import Store
from tests.fixtures import FIXTURES, HTML_PAGE, by_title, failure_reasons, local, run
from tests.fixtures.local_server import LocalServer, heron_feed

# --- plain text ---------------------------------------------------------------------------------


def test_text_front_matter_gives_metadata(store: Store) -> None:
    path = FIXTURES / "text" / "orrin-courier_library-reopens.txt"
    report = run(store, path)
    assert dict(report.counts) == {"new": 1}
    [a] = store.articles()
    assert a.title == "Orrin Falls library reopens after flood repairs"
    assert a.outlet == "Orrin Courier"
    assert a.url == "https://orrincourier.example/2026/05/02/library-reopens"
    assert a.published == "2026-05-02T13:15:00Z"  # 09:15 at UTC-4
    assert a.language == "en"
    assert (a.source, a.source_kind) == (str(path), "text")
    assert a.text.startswith("The Orrin Falls public library reopened its doors on Saturday")
    assert "title:" not in a.text and "---" not in a.text
    assert len(a.text.split("\n\n")) == 3  # paragraph structure kept
    assert len(a.id) == 16


def test_text_without_front_matter_takes_headline_and_detects_language(store: Store) -> None:
    run(store, FIXTURES / "text" / "untitled-bulletin.txt")
    [a] = store.articles()
    assert a.title == "Grebe Point harbour closed to small boats"
    assert a.text.startswith("Harbour master Pieter Linde closed")
    assert a.outlet == "unknown"
    assert a.published is None
    assert a.language == "en"


def test_text_outlet_from_url_host_without_www(store: Store) -> None:
    run(store, FIXTURES / "text" / "url-only.txt")
    [a] = store.articles()
    assert a.outlet == "valleypost.example"
    assert a.published == "2026-05-03T00:00:00Z"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Le conseil municipal a voté mardi soir une hausse du prix du billet "
            "de bac, qui passera de deux à "
            "quatre couronnes à partir du mois de juin, a annoncé la mairie.",
            "fr",
        ),
        (
            "Der Stadtrat hat am Dienstagabend beschlossen, den Fahrpreis für die "
            "Fähre ab Juni von zwei auf vier "
            "Kronen zu erhöhen, teilte die Gemeinde mit.",
            "de",
        ),
    ],
)
def test_language_detected(store: Store, tmp_path: Path, text: str, language: str) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"---\ntitle: Fähre\noutlet: Seebote\n---\n{text}\n", encoding="utf-8")
    run(store, path)
    [a] = store.articles()
    assert a.language == language


def test_front_matter_language_wins_over_detection(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("---\nlanguage: nl\ndate: 2026-01-05 14:00\n---\n" + "The ferry runs again today. " * 5)
    run(store, path)
    [a] = store.articles()
    assert a.language == "nl"
    assert a.published == "2026-01-05T14:00:00Z"  # 'date' is an alias; a naive time is taken as UTC


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-17T11:45:00+01:00", "2026-03-17T10:45:00Z"),
        ("Tue, 14 Jul 2026 16:05:00 +0200", "2026-07-14T14:05:00Z"),
        ("2026-06-03", "2026-06-03T00:00:00Z"),
        ("March 5, 2026 8:00 PM", "2026-03-05T20:00:00Z"),
        (1780000000, "2026-05-28T20:26:40Z"),
        (1780000000000, "2026-05-28T20:26:40Z"),  # milliseconds
        ("not a date at all", None),
        ("", None),
    ],
)
def test_dates_normalised_to_utc_iso(value: object, expected: str | None) -> None:
    assert meta.normalise_date(value) == expected


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.valleypost.example/news/1", "valleypost.example"),
        ("http://News.Example.ORG:8080/x", "news.example.org"),
        ("https://wwwfoo.example/a", "wwwfoo.example"),
        (None, None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert meta.outlet_from_url(url) == outlet


# --- saved HTML ---------------------------------------------------------------------------------


def test_html_page_main_text_and_metadata(store: Store) -> None:
    report = run(store, HTML_PAGE)
    assert dict(report.counts) == {"new": 1}
    [a] = store.articles()
    assert a.title == "Orrin Falls ferry fares to double from June, council says"
    assert a.author == "Nadia Velasquez"
    assert a.outlet == "Lakeside Herald"
    assert a.url == "https://www.lakesideherald.example/local/2026/04/09/ferry-fares-double"
    assert a.published == "2026-04-09T06:30:00Z"  # 08:30 at UTC+2, as the page's metadata states
    assert a.language == "en"
    assert a.source_kind == "html"
    assert a.text.startswith("ORRIN FALLS — Fares on the Orrin Falls lake ferry will double")
    assert a.text.endswith("from forty to fifty-five crowns, the council said.")


def test_html_without_site_name_takes_outlet_from_url(store: Store, tmp_path: Path) -> None:
    page = (FIXTURES / "pages" / "solar-roof.html").read_text()
    page = page.replace("<head>", '<head><link rel="canonical" href="https://www.heronnews.example/school">')
    path = tmp_path / "solar.html"
    path.write_text(page)
    run(store, path)
    [a] = store.articles()
    assert a.url == "https://www.heronnews.example/school"
    assert a.outlet == "heronnews.example"


# --- JSON Lines ---------------------------------------------------------------------------------


def _check_tidewater(store: Store, origin: str) -> None:
    arts = by_title(store)
    assert set(arts) == {
        "Storm surge floods Marrow Quay",
        "Railway reopens after storm",
        "Choir wins regional prize",
    }
    surge = arts["Storm surge floods Marrow Quay"]
    assert surge.outlet == "Tidewater Wire"
    assert surge.external_id == "tw-101"
    assert surge.story_id == "story-surge"
    assert surge.url == "https://tidewaterwire.example/a/101"
    assert surge.published == "2026-06-01T19:40:00Z"
    assert surge.source == f"{origin}:1"
    assert surge.source_kind == "jsonl"
    assert surge.text == (
        "A storm surge flooded Marrow Quay on Monday night, forcing the evacuation of forty households and "
        "closing the coastal railway between Kestrel Bay and Marrow.\n\nEmergency crews used pumps through "
        "the night. No injuries were reported."
    )
    assert arts["Railway reopens after storm"].published == "2026-06-03T00:00:00Z"
    assert arts["Railway reopens after storm"].source == f"{origin}:2"
    choir = arts["Choir wins regional prize"]
    assert choir.published == "2026-05-28T20:26:40Z"  # epoch seconds
    assert choir.story_id is None


def test_jsonl_file(store: Store) -> None:
    path = FIXTURES / "jsonl" / "tidewater-wire.jsonl"
    report = run(store, path)
    assert dict(report.counts) == {"new": 3}
    _check_tidewater(store, str(path))


def test_jsonl_from_stdin(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    data = (FIXTURES / "jsonl" / "tidewater-wire.jsonl").read_bytes()
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data)))
    report = run(store, "-")
    assert dict(report.counts) == {"new": 3}
    _check_tidewater(store, "<stdin>")


# --- feeds ---------------------------------------------------------------------------------------


def test_feed_file_with_full_text_needs_no_fetching(store: Store) -> None:
    report = run(store, FIXTURES / "feeds" / "kestrel-bay-gazette.rss")  # offline: any fetch would fail
    assert dict(report.counts) == {"new": 2}
    arts = by_title(store)
    museum = arts["Kestrel Bay lighthouse to become a museum"]
    assert museum.outlet == "Kestrel Bay Gazette"
    assert museum.url == "https://kestrelbaygazette.example/2026/07/14/lighthouse-museum"
    assert museum.published == "2026-07-14T14:05:00Z"
    assert museum.source_kind == "feed"
    assert "the keepers' logbooks going back to 1884" in museum.text
    assert museum.text.count("\n\n") == 3  # four paragraphs
    assert "<p>" not in museum.text
    swim = arts["Kestrel Bay swimmers cross the strait for charity"]
    assert swim.published == "2026-07-15T07:00:00Z"
    assert "Agnes Wold" in swim.text


def _check_heron(store: Store, server: LocalServer) -> None:
    arts = by_title(store)
    assert set(arts) == {"Heron Island school gets solar roof", "Heron Island ferry timetable changes"}
    solar = arts["Heron Island school gets solar roof"]
    assert (
        "after workers finished fitting two hundred solar panels to its roof" in solar.text
    )  # from the page
    assert "The island school will make its own electricity" not in solar.text  # not the summary
    assert solar.outlet == "Heron Island News"
    assert solar.url == server.url("/pages/solar-roof.html")
    assert solar.published == "2026-08-01T08:00:00Z"
    assert solar.source_kind == "feed"
    ferry = arts["Heron Island ferry timetable changes"]
    assert "four crossings a day instead of six" in ferry.text
    missing = server.url("/missing-page")
    assert failure_reasons(store) == {missing: "HTTP 404"}


def test_feed_url_with_summaries_follows_entries_to_pages(store: Store, server: LocalServer) -> None:
    report = run(store, server.url("/feeds/heron.atom"), settings=local())
    assert dict(report.counts) == {"new": 2, "failed": 1}
    _check_heron(store, server)
    for page in ("/pages/solar-roof.html", "/pages/ferry-timetable.html", "/missing-page"):
        assert page in server.paths


def test_feed_url_served_as_xml(store: Store, server: LocalServer) -> None:
    report = run(store, server.url("/feeds/heron.xml"), settings=local())
    assert dict(report.counts) == {"new": 2, "failed": 1}


def test_feed_file_with_summaries_fetches_pages(store: Store, server: LocalServer, tmp_path: Path) -> None:
    path = tmp_path / "heron.atom"
    path.write_text(heron_feed(server.base))
    report = run(store, path, settings=local())
    assert dict(report.counts) == {"new": 2, "failed": 1}
    _check_heron(store, server)


def test_feed_follow_never_uses_the_feed_content(store: Store, server: LocalServer, tmp_path: Path) -> None:
    path = tmp_path / "heron.atom"
    path.write_text(heron_feed(server.base))
    before = len(server.paths)
    report = run(store, path, settings=local(follow="never"))
    assert server.paths[before:] == []  # no page fetched
    assert dict(report.counts) == {"failed": 3}  # one-line summaries are too short to be articles
    reasons = failure_reasons(store)
    assert reasons[server.url("/missing-page")] == "feed entry has no content and no fetchable link"
    assert reasons[server.url("/pages/solar-roof.html")].startswith("no article text found")


# --- URL lists -----------------------------------------------------------------------------------


def test_url_list_fetches_each_page(store: Store, server: LocalServer, tmp_path: Path) -> None:
    path = tmp_path / "reading.urls"
    path.write_text(
        "# pages to read\n"
        f"{server.url('/pages/solar-roof.html')}\n\n"
        f"{server.url('/redirect/ferry-timetable.html')}\n"
    )
    report = run(store, path, settings=local())
    assert dict(report.counts) == {"new": 2}
    arts = by_title(store)
    solar = arts["Heron Island school gets solar roof"]
    assert solar.source == server.url("/pages/solar-roof.html")
    assert solar.source_kind == "url"
    assert solar.host == "127.0.0.1"
    assert solar.outlet.startswith("127.0.0.1")
    ferry = arts["Heron Island ferry timetable changes"]
    assert ferry.source == server.url("/redirect/ferry-timetable.html")
    assert ferry.url == server.url("/pages/ferry-timetable.html")  # the final URL after the redirect


def test_txt_file_of_only_urls_is_a_url_list(store: Store, server: LocalServer, tmp_path: Path) -> None:
    path = tmp_path / "links.txt"
    path.write_text(f"{server.url('/pages/solar-roof.html')}\n")
    report = run(store, path, settings=local())
    assert dict(report.counts) == {"new": 1}
    [a] = store.articles()
    assert a.source_kind == "url"


def test_loopback_refused_unless_allowed(store: Store, server: LocalServer, tmp_path: Path) -> None:
    path = tmp_path / "reading.urls"
    url = server.url("/pages/solar-roof.html")
    path.write_text(url + "\n")
    before = len(server.paths)
    report = run(store, path, settings=IngestSettings())  # default: allow_private off
    assert dict(report.counts) == {"failed": 1}
    assert failure_reasons(store) == {url: "refused: 127.0.0.1 is a loopback address (use --allow-private)"}
    assert server.paths[before:] == []  # refused before connecting
    assert store.count() == 0


def test_offline_refuses_url_lists(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "reading.urls"
    path.write_text("http://127.0.0.1:9/a\n")
    report = run(store, path)
    assert dict(report.counts) == {"failed": 1}
    assert failure_reasons(store) == {str(path): "fetching is disabled (--offline)"}


# --- directories ---------------------------------------------------------------------------------


def test_directory_walked_recursively_by_file_type(store: Store, tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    (root / "a" / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    shutil.copy(FIXTURES / "text" / "orrin-courier_library-reopens.txt", root / "library.txt")
    shutil.copy(HTML_PAGE, root / "a" / "ferry.HTML")
    shutil.copy(FIXTURES / "jsonl" / "tidewater-wire.jsonl", root / "a" / "b" / "wire.jsonl")
    shutil.copy(FIXTURES / "feeds" / "kestrel-bay-gazette.rss", root / "a" / "b" / "kestrel.rss")
    shutil.copy(FIXTURES / "text" / "untitled-bulletin.txt", root / ".hidden" / "secret.txt")
    (root / "notes.docx").write_bytes(b"PK\x03\x04 not for us")
    report = run(store, root)
    assert dict(report.counts) == {"new": 1 + 1 + 3 + 2, "failed": 1}
    kinds = sorted(a.source_kind for a in store.articles())
    assert kinds == ["feed", "feed", "html", "jsonl", "jsonl", "jsonl", "text"]
    assert "Grebe Point harbour closed to small boats" not in by_title(store)  # hidden dirs skipped
    reasons = failure_reasons(store)
    assert list(reasons) == [str(root / "notes.docx")]
    assert reasons[str(root / "notes.docx")].startswith("unknown format '.docx'")


# --- raw input -------------------------------------------------------------------------------------


def test_raw_input_kept_compressed(store: Store) -> None:
    report = run(store, HTML_PAGE)
    assert report.counts["new"] == 1
    [a] = store.articles()
    original = HTML_PAGE.read_bytes()
    assert a.raw_id is not None
    assert store.raw(a.raw_id) == original
    [(blob, media_type, origin)] = store.db.execute("SELECT data, media_type, origin FROM raw").fetchall()
    assert (media_type, origin) == ("text/html", str(HTML_PAGE))
    assert blob != original and len(blob) < len(original)
    assert zlib.decompress(blob) == original


def test_raw_of_a_jsonl_line_is_that_line(store: Store) -> None:
    path = FIXTURES / "jsonl" / "tidewater-wire.jsonl"
    run(store, path)
    lines = path.read_bytes().splitlines()
    for a in store.articles():
        line_no = int(a.source.rsplit(":", 1)[1])
        assert a.raw_id is not None
        assert store.raw(a.raw_id) == lines[line_no - 1]


def test_database_is_wal(store: Store, tmp_path: Path) -> None:
    run(store, FIXTURES / "text" / "untitled-bulletin.txt")
    con = sqlite3.connect(tmp_path / "cw.db")
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        con.close()
