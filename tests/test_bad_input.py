"""Bad input, nothing lost: each bad item gets a one-line reason naming it, is recorded in ``failures``,
and the run goes on. Covers broken/empty HTML, binary files, wrong and mixed encodings, a 200 MB file,
invalid JSON lines, duplicate ids, feeds that 404 or time out."""

from __future__ import annotations

import base64
import json
import logging
import time
from pathlib import Path

import pytest

from crosswire.ingest.core import IngestSettings
from crosswire.store.db import Store
from tests.fixtures import FIXTURES, by_title, failure_reasons, local, run
from tests.fixtures.local_server import SLOW_S, LocalServer

GOOD_TEXT = (FIXTURES / "text" / "orrin-courier_library-reopens.txt").read_text()
GOOD_TITLE = "Orrin Falls library reopens after flood repairs"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
NOT_FOUND = "no article text found in the page (navigation or boilerplate only?)"


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def story(id_: str, text: str, **extra: object) -> dict[str, object]:
    return {
        "id": id_,
        "outlet": "Tidewater Wire",
        "title": f"Story {id_}",
        "published": "2026-06-01",
        "text": text,
        **extra,
    }


SURGE = "A storm surge flooded Marrow Quay on Monday night, forcing the evacuation of forty households."
RAIL = (
    "The coastal railway between Kestrel Bay and Marrow reopened on Wednesday after engineers cleared debris."
)
CHOIR = "The Kestrel Bay youth choir won first prize at the regional music festival on Saturday evening."


# --- one item at a time: the exact reason -----------------------------------------------------------

CASES: list[tuple[str, bytes, str]] = [
    (
        "nav-only.html",
        b"<html><head><title>Ledger</title></head><body><nav><a "
        b"href='/'>Home</a> <a href='/w'>World</a></nav>"
        b"<footer>&copy; 2026 Ledger</footer></body></html>",
        NOT_FOUND,
    ),
    ("empty.html", b"", "empty file"),
    ("blank.txt", b"  \n\n\t \n", "empty file"),
    ("truncated.html", b"<html><head><title>Ferry</title></head><body><article><p>The ferry to", NOT_FOUND),
    (
        "markup-free.html",
        b"Just words, no markup at all, in a file that claims to be HTML.",
        "not HTML: no markup found",
    ),
    ("picture.txt", PNG, "binary content (NUL bytes), not text"),
    # base64 lines are one-word "lines": the link-list cleaning alone would have kept one as an article
    ("attachment.txt", base64.encodebytes(PNG * 40), "no readable text: mostly encoded data"),
    ("dump.txt", (PNG * 8).hex().encode(), "no readable text: mostly encoded data"),
    ("picture.html", PNG, "binary content (NUL bytes), not text"),
    (
        "boilerplate.txt",
        b"Share this article\n\nSubscribe to our newsletter for the latest news.\n\nAdvertisement\n",
        "no article text left after removing boilerplate",
    ),
    ("front-matter-only.txt", b"---\ntitle: Nothing below\n---\n", "no article text after the front matter"),
    (
        "bad-yaml.txt",
        b"---\ntitle: [unclosed\n---\n" + GOOD_TEXT.split("---\n")[-1].encode(),
        "invalid front matter: while parsing a flow sequence",
    ),
    (
        "list-yaml.txt",
        b"---\n- a\n- b\n---\nThe ferry runs again today, the council said on Monday.\n",
        "invalid front matter: expected 'key: value' lines",
    ),
    (
        "not-a-feed.xml",
        b'<?xml version="1.0"?><catalog><book id="1"><title>Tides</title></book></catalog>',
        "not a readable RSS/Atom feed: no RSS or Atom elements",
    ),
    ("half-a-feed.rss", b'<rss version="2.0"><channel><title>Half a feed', "not a readable RSS/Atom feed:"),
    ("empty.jsonl", b"\n\n", "empty file: no JSON Lines records"),
    ("report.pdf", b"%PDF-1.4 binary-ish", "unknown format '.pdf'"),
    ("README", b"no extension", "unknown format '(no extension)'"),
    ("comments.urls", b"# nothing to fetch yet\n", "no URLs in the list"),
]


@pytest.mark.parametrize(("name", "data", "reason"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_fails_with_reason_and_run_goes_on(
    store: Store, tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT)
    report = run(store, bad, good)
    assert dict(report.counts) == {"failed": 1, "new": 1}
    assert [a.title for a in store.articles()] == [GOOD_TITLE]
    reasons = failure_reasons(store)
    assert list(reasons) == [str(bad)]
    assert reasons[str(bad)].startswith(reason)
    assert "\n" not in reasons[str(bad)]
    assert [f.line() for f in report.failures] == [f"{bad}: {reasons[str(bad)]}"]


def test_200_mb_file_refused_by_size_without_reading_it(store: Store, tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.write(b"---\ntitle: Huge\n---\nThe ferry runs again today.\n")
        f.truncate(200 * 2**20)  # sparse: no real disk used
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT)
    start = time.monotonic()
    report = run(store, big, good)
    assert time.monotonic() - start < 10
    assert dict(report.counts) == {"failed": 1, "new": 1}
    assert failure_reasons(store) == {str(big): "file too large (200.0 MB > 20 MB limit)"}


def test_size_limit_is_a_setting(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(GOOD_TEXT)
    run(store, path, settings=IngestSettings(offline=True, max_file_bytes=100))
    [reason] = failure_reasons(store).values()
    assert reason.startswith("file too large") and "limit" in reason


# --- encodings ----------------------------------------------------------------------------------------

ACCENTED = (
    "---\ntitle: Café owners in Zürich fear new rules\noutlet: Seebote\n---\n"
    "The owners of the Café Müller on the Bahnhofstraße said on Friday that the new rules would cost them "
    "“at least €4,000 a year”.\n\n"
    "Señora Núñez, who runs the crêperie next door, called the plan naïve — and said she would appeal.\n"
)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encoded_file_decoded_right(store: Store, tmp_path: Path, encoding: str) -> None:
    text = ACCENTED
    if encoding == "latin-1":  # no curly quotes, euro sign or dashes in latin-1
        text = text.replace("“", '"').replace("”", '"').replace("€", "EUR ").replace("—", "-")
    path = tmp_path / "seebote.txt"
    path.write_bytes(text.encode(encoding))
    report = run(store, path)
    assert dict(report.counts) == {"new": 1}
    [a] = store.articles()
    assert a.title == "Café owners in Zürich fear new rules"
    assert "Café Müller on the Bahnhofstraße" in a.text
    assert "Señora Núñez, who runs the crêperie next door, called the plan naïve" in a.text
    if encoding == "cp1252":
        assert "“at least €4,000 a year”" in a.text


def test_mixed_utf8_and_cp1252_lines_decoded_right(store: Store, tmp_path: Path) -> None:
    data = (
        b"---\ntitle: Dock talks resume in Arlen\n---\n"
        + (
            "Talks between the dockworkers’ union and Castellan resumed on Tuesday in Arlen’s town hall.\n\n"
        ).encode()
        + (
            "The mediator, Hélène Dubois, said both sides had shown “goodwill” – a first since March.\n\n"
        ).encode("cp1252")
        + "Union leader Marta Kellan said a deal was possible “within days”, but not at any price.\n".encode()
    )
    path = tmp_path / "talks.txt"
    path.write_bytes(data)
    run(store, path)
    [a] = store.articles()
    assert a.text == (
        "Talks between the dockworkers’ union and Castellan resumed on Tuesday in Arlen’s town hall.\n\n"
        "The mediator, Hélène Dubois, said both sides had shown “goodwill” – a first since March.\n\n"
        "Union leader Marta Kellan said a deal was possible “within days”, but not at any price."
    )


def test_utf8_with_bom_and_crlf(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD_TEXT.replace("\n", "\r\n").encode())
    run(store, path)
    [a] = store.articles()
    assert a.title == GOOD_TITLE  # the BOM did not hide the front matter
    assert "\r" not in a.text and "\ufeff" not in a.text


# --- JSON Lines -------------------------------------------------------------------------------------


def test_invalid_json_lines_fail_alone(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_bytes(
        jsonl(
            story("s1", SURGE),
            '{"id": "s2", "text": "unterminated',
            "[1, 2, 3]",
            {"id": "s4", "title": "No text here"},
            {"id": "s5", "text": "   "},
            story("s6", RAIL),
        ).encode()
        + b'{"id": "s7", "text": "\xff\xfe broken bytes"}\n'
        + jsonl(story("s8", CHOIR)).encode()
    )
    report = run(store, path)
    assert dict(report.counts) == {"new": 3, "failed": 5}
    assert {a.external_id for a in store.articles()} == {"s1", "s6", "s8"}
    reasons = failure_reasons(store)
    assert set(reasons) == {f"{path}:{n}" for n in (2, 3, 4, 5, 7)}
    assert reasons[f"{path}:2"].startswith("invalid JSON: ")
    assert reasons[f"{path}:3"] == "expected a JSON object, got list"
    assert reasons[f"{path}:4"] == "missing or empty 'text' field"
    assert reasons[f"{path}:5"] == "missing or empty 'text' field"
    assert reasons[f"{path}:7"].startswith("invalid JSON: ")
    assert all("\n" not in r for r in reasons.values())


def test_oversized_json_line_fails_alone(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(jsonl(story("big", "word " * 400), story("s2", RAIL)))
    report = run(store, path, settings=IngestSettings(offline=True, max_line_bytes=1000))
    assert dict(report.counts) == {"new": 1, "failed": 1}
    assert failure_reasons(store)[f"{path}:1"].startswith("line too large (")


def test_duplicate_ids_with_different_text_fail(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(jsonl(story("s1", SURGE), story("s2", RAIL), story("s1", CHOIR), story("s2", RAIL)))
    report = run(store, path)
    assert dict(report.counts) == {"new": 2, "failed": 1, "present": 1}
    assert failure_reasons(store) == {
        f"{path}:3": "duplicate id 's1' with different text (first on line 1)",
    }
    assert store.articles()[0].text == SURGE
    assert [a.external_id for a in store.articles()] == ["s1", "s2"]


# --- feeds and URLs over HTTP ---------------------------------------------------------------------------


def test_feed_url_that_404s(store: Store, server: LocalServer, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT)
    url = server.url("/feeds/gone.atom")
    report = run(store, url, good, settings=local())
    assert dict(report.counts) == {"failed": 1, "new": 1}
    assert failure_reasons(store) == {url: "HTTP 404"}


def test_feed_url_that_times_out(store: Store, server: LocalServer, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT)
    url = server.url("/feeds/slow.atom")
    start = time.monotonic()
    report = run(store, url, good, settings=local(timeout_s=0.5))
    assert time.monotonic() - start < SLOW_S  # gave up before the server answered
    assert dict(report.counts) == {"failed": 1, "new": 1}
    assert failure_reasons(store) == {url: "timed out after 0.5 s"}


def test_url_list_with_missing_and_slow_pages(store: Store, server: LocalServer, tmp_path: Path) -> None:
    path = tmp_path / "reading.urls"
    missing, slow, good = (
        server.url("/pages/nope.html"),
        server.url("/slow"),
        server.url("/pages/solar-roof.html"),
    )
    path.write_text(f"{missing}\n{slow}\n{good}\n")
    report = run(store, path, settings=local(timeout_s=0.5))
    assert dict(report.counts) == {"failed": 2, "new": 1}
    assert failure_reasons(store) == {missing: "HTTP 404", slow: "timed out after 0.5 s"}
    assert list(by_title(store)) == ["Heron Island school gets solar roof"]


def test_unresolvable_host(store: Store, tmp_path: Path) -> None:
    url = "http://no-such-host.invalid/feed.xml"
    report = run(store, url, settings=local())
    assert dict(report.counts) == {"failed": 1}
    assert failure_reasons(store) == {url: "cannot resolve host"}


# --- all at once: the run goes on, each failure one line, logged, recorded; fixed items clear ---------


def test_everything_bad_in_one_directory(
    store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "inbox"
    root.mkdir()
    for name, data, _reason in CASES:
        (root / name).write_bytes(data)
    with (root / "huge.html").open("wb") as f:
        f.write(b"<html>")
        f.truncate(200 * 2**20)
    (root / "wire.jsonl").write_text(jsonl(story("s1", SURGE), "{oops", story("s1", CHOIR)))
    (root / "zz-good.txt").write_text(GOOD_TEXT)
    with caplog.at_level(logging.WARNING, logger="crosswire.ingest.core"):
        report = run(store, root)
    expected = {str(root / name) for name, _d, _r in CASES} | {
        str(root / "huge.html"),
        f"{root / 'wire.jsonl'}:2",
        f"{root / 'wire.jsonl'}:3",
    }
    assert report.counts["new"] == 2  # the good text file and the first JSON line
    assert report.failed == len(expected)
    assert set(failure_reasons(store)) == expected
    assert {f.origin for f in report.failures} == expected
    assert store.stats()["failures"] == len(expected)
    logged = [r.getMessage() for r in caplog.records]
    assert sorted(logged) == sorted(f.line() for f in report.failures)
    assert all("\n" not in line for line in logged)


def test_fixed_item_clears_its_failure(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("---\ntitle: Nothing yet\n---\n")
    run(store, path)
    assert list(failure_reasons(store)) == [str(path)]
    path.write_text(GOOD_TEXT)
    report = run(store, path)
    assert dict(report.counts) == {"new": 1}
    assert failure_reasons(store) == {}


def test_link_that_leads_nowhere_fails_with_its_name(store: Store, tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    root.mkdir()
    (root / "gone.txt").symlink_to(root / "deleted.txt")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "good.txt").write_text(GOOD_TEXT)
    report = run(store, root)
    assert report.counts["new"] == 1
    reasons = failure_reasons(store)
    assert set(reasons) == {str(root / "gone.txt"), str(root / "loop.txt")}
    assert all(reason.startswith("cannot read") for reason in reasons.values())


def test_a_folder_holding_the_store_ingests_its_news_and_not_the_store(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD_TEXT)
    with Store(tmp_path / "news.db") as store:
        first, again = run(store, tmp_path), run(store, tmp_path)  # the second walk meets -wal/-shm too
        assert dict(first.counts) == {"new": 1} and dict(again.counts) == {"present": 1}
        assert failure_reasons(store) == {}
