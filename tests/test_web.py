"""``crosswire serve``: the web app over a store the main job filled (one sample event + a noise item)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from crosswire.present.cli import app
from crosswire.present.web import create_app
from tests.test_main_job import ARLEN


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, Path]:
    root = tmp_path_factory.mktemp("web")
    db, out = root / "web.db", root / "out"
    result = CliRunner().invoke(
        app, ["analyze", *map(str, ARLEN), "--db", str(db), "--out", str(out), "--offline"]
    )
    assert result.exit_code == 0, result.output
    return TestClient(create_app(db)), out


def test_stories_page_links_every_event(served: tuple[TestClient, Path]) -> None:
    client, _ = served
    events = client.get("/api/events").json()
    assert events
    page = client.get("/")
    assert page.status_code == 200
    links = lxml.html.document_fromstring(page.text).xpath("//a[starts-with(@href, '/events/')]/@href")
    assert sorted(links) == sorted(f"/events/{e['id']}" for e in events)
    for e in events:
        assert client.get(f"/storylines/{e['storyline_id']}").status_code == 200
    chart_rows = lxml.html.document_fromstring(page.text).xpath("//div[@class='chart']//svg/text")
    drawn = [r.text_content() for r in chart_rows if r.get("text-anchor") == "end"]  # row labels
    assert len(drawn) == min(len(events), 10)
    assert all(label.startswith(f"{i}. ") for i, label in enumerate(drawn, start=1))


def test_stories_link_a_storyline_only_where_other_events_continue_the_event(
    served: tuple[TestClient, Path],
) -> None:
    client, _ = served
    events = client.get("/api/events").json()
    sizes = Counter(e["storyline_id"] for e in events)
    page = lxml.html.document_fromstring(client.get("/").text)
    linked = page.xpath("//a[starts-with(@href, '/storylines/')]/@href")
    shared = [e["storyline_id"] for e in events if sizes[e["storyline_id"]] > 1]
    assert sorted(linked) == sorted(f"/storylines/{s}" for s in shared)
    assert page.text_content().count("this one only") == len(events) - len(shared)


def test_a_storyline_of_several_events_is_linked_with_its_size(
    served: tuple[TestClient, Path], tmp_path: Path
) -> None:
    client, out = served
    events = client.get("/api/events").json()
    db = tmp_path / "joined.db"
    with sqlite3.connect(db) as copy, sqlite3.connect(out.parent / "web.db") as source:
        source.backup(copy)
        copy.execute("UPDATE events SET storyline_id = ?", (events[0]["storyline_id"],))
    joined = TestClient(create_app(db))
    page = joined.get("/").text
    storyline = events[0]["storyline_id"]
    link = f'href="/storylines/{storyline}">{len(events)} events</a>'
    assert len(events) > 1 and page.count(link) == len(events)
    assert f'href="/storylines/{storyline}/dossier"' in joined.get(f"/storylines/{storyline}").text
    dossier = lxml.html.document_fromstring(joined.get(f"/storylines/{storyline}/dossier").text)
    reports = sum(e["articles"] for e in events)
    assert f"{reports} reports" in dossier.text_content() and "Storyline" in dossier.text_content()


def test_event_dossier_is_the_one_the_job_wrote(served: tuple[TestClient, Path]) -> None:
    client, out = served
    for path in out.glob("ev-*.html"):
        event_id = path.stem
        page = client.get(f"/events/{event_id}").text
        assert '<a href="/">crosswire</a>' in page  # the way back to the stories
        assert page.replace('<a href="/">crosswire</a>', "crosswire") == path.read_text()
        served_json = client.get(f"/api/events/{event_id}/dossier").json()
        assert served_json == json.loads(path.with_suffix(".json").read_text())
        members = client.get(f"/api/events/{event_id}").json()["article_ids"]
        assert {a["id"] for a in served_json["articles"]} <= set(members)


def test_article_page_marks_exact_spans(served: tuple[TestClient, Path]) -> None:
    client, _ = served
    hits = client.get("/api/search", params={"q": "strike"}).json()
    assert hits
    for hit in hits:
        data = client.get(f"/api/articles/{hit['id']}").json()
        doc = lxml.html.document_fromstring(client.get(f"/articles/{hit['id']}").text)
        marks = doc.xpath("//div[@class='text']//*[@data-start]")
        assert marks
        for el in marks:
            start, end = int(el.get("data-start")), int(el.get("data-end"))
            assert el.text_content() == data["text"][start:end], el.get("class")
        quoted = {(q["content"]["start"], q["content"]["end"]) for q in data["reading"]["quotes"]}
        assert len(doc.xpath("//div[@class='text']//*[contains(@class, 'quote')]")) >= len(quoted) > 0


def test_entities_page_lists_each_entity_with_its_spellings(served: tuple[TestClient, Path]) -> None:
    client, _ = served
    rows = client.get("/api/entities").json()
    assert rows
    doc = lxml.html.document_fromstring(client.get("/entities").text)
    names = doc.xpath("//tbody/tr/td[1]/a/text()")
    assert names == [r["name"] for r in rows]
    variants = [r for r in rows if len(set(r["aliases"]) - {r["name"]}) > 0]
    for r, tr in zip(rows, doc.xpath("//tbody/tr"), strict=True):
        shown = tr.xpath("td[5]")[0].text_content()
        assert all(alias in shown for alias in r["aliases"] if alias != r["name"])
    assert variants, "the Arlen reports spell some names more than one way"


def test_entity_page_shows_what_each_outlet_calls_it_and_every_mention_in_its_sentence(
    served: tuple[TestClient, Path],
) -> None:
    client, _ = served
    rows = client.get("/api/entities").json()
    links = lxml.html.document_fromstring(client.get("/entities").text).xpath("//tbody/tr/td[1]/a/@href")
    assert links == [f"/entities/{r['id']}" for r in rows]
    top = rows[0]
    profile = client.get(f"/api/entities/{top['id']}").json()
    assert profile["mentions"] == top["mentions"] and sorted(profile["outlets"]) == sorted(top["outlets"])
    assert sum(sum(s.values()) for s in profile["outlets"].values()) == top["mentions"]
    doc = lxml.html.document_fromstring(client.get(links[0]).text)
    marks = doc.xpath("//ul[@class='sightings']/li/mark")
    assert len(marks) == top["mentions"]
    for art in profile["articles"]:
        text = client.get(f"/api/articles/{art['article_id']}").json()["text"]
        for m in art["mentions"]:
            assert text[m["start"] : m["end"]] == m["surface"]
            assert m["sentence"].strip("…") in text
    assert client.get("/entities/ent-nonesuch").status_code == 404
    # and back: the article page lists the entities it mentions, each linked to its page
    art = profile["articles"][0]
    page = lxml.html.document_fromstring(client.get(f"/articles/{art['article_id']}").text)
    listed = page.xpath("//ul[@class='entities']/li/a/@href")
    assert f"/entities/{top['id']}" in listed and len(listed) == len(set(listed))


def test_search_highlights_and_reports_bad_queries(served: tuple[TestClient, Path]) -> None:
    client, _ = served
    page = client.get("/search", params={"q": "unionised"})
    assert page.status_code == 200 and "<mark>" in page.text
    nothing = client.get("/search", params={"q": "zeppelin"})
    assert 'class="hit"' not in nothing.text and "0 best matches" in nothing.text


def test_unknown_ids_are_404(served: tuple[TestClient, Path]) -> None:
    client, _ = served
    for url in ("/events/ev-nope", "/articles/nope", "/storylines/sl-nope", "/api/articles/nope"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "nope" in response.text


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no store at" in result.output
    assert not (tmp_path / "none.db").exists()
