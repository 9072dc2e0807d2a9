"""Identity and copies: stable ids; exact and near-duplicates kept as their own rows (own outlet, own date),
marked copy_of the group's original; re-running the same ingest adds nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from crosswire.ingest import core, dedup, identity
from crosswire.store.db import Store
from tests.fixtures import FIXTURES, HTML_PAGE, by_title, failure_reasons, run

WIRE = (
    "KESTREL BAY (Tidewater Wire) - The regional water board on Monday banned the use of garden hoses across "
    "the Kestrel Bay district after the driest spring in forty years left the Marrow reservoir at a third of "
    "its usual level.\n\n"
    "Households that water gardens or wash cars with a hose face fines of "
    "up to five hundred crowns, the board "
    "said. Farms and market gardens are exempt until the end of July.\n\n"
    "Board chair Annika Rasmussen said the ban would stay in place until the reservoir had recovered to at "
    'least half of its capacity, which could take until the autumn rains. "We are asking everyone to think '
    'about every litre," she said.\n\n'
    "The last hose ban in the district, in 2011, lasted eleven weeks."
)
# the same wire story lightly edited by another outlet: a sentence added, a few words changed
EDITED = (
    "KESTREL BAY - The regional water board on Monday banned the use of garden hoses across the Kestrel Bay "
    "district after the driest spring in forty years left the Marrow reservoir at a third of its normal "
    "level.\n\n"
    "Households that water gardens or wash cars with a hose face fines of "
    "up to five hundred crowns, the board "
    "said. Farms and market gardens are exempt until the end of July.\n\n"
    "Board chair Annika Rasmussen said the ban would stay in place until the reservoir had recovered to at "
    'least half of its capacity, which could take until the autumn rains. "We are asking everyone to think '
    'about every litre," she told reporters.\n\n'
    "The last hose ban in the district, in 2011, lasted eleven weeks. Garden centres said sales of water "
    "butts had tripled."
)
# the same event reported independently
INDEPENDENT = (
    "Gardeners in Kestrel Bay must put away their hoses. From today, anyone caught sprinkling a lawn can be "
    "fined, after officials said reservoir stocks had dropped to roughly thirty percent following months "
    "without proper rain.\n\n"
    "Annika Rasmussen, who chairs the water board, told this paper the "
    "restriction was a last resort. Growers "
    "get a reprieve until late summer. Residents we spoke to on the "
    "seafront were mostly resigned; one pensioner "
    "said he would reuse his bath water on the roses."
)


def record(id_: str, outlet: str, published: str | None, text: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": id_,
        "url": f"https://{outlet.lower().replace(' ', '')}.example/{id_}",
        "outlet": outlet,
        "title": f"Hose ban ({outlet})",
        "published": published,
        "text": text,
        **extra,
    }


def write_jsonl(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def by_outlet(store: Store) -> dict[str, Any]:
    return {a.outlet: a for a in store.articles()}


def test_exact_copies_are_own_rows_marked_copy_of_the_first(store: Store, tmp_path: Path) -> None:
    respaced = WIRE.upper().replace(". ", ".   ").replace(",", " ,")  # case, spacing, punctuation differ
    path = write_jsonl(
        tmp_path / "in.jsonl",
        record("a", "Tidewater Wire", "2026-06-01T08:00:00Z", WIRE),
        record("b", "Coast Courier", "2026-06-01T11:30:00Z", WIRE),
        record("c", "Bay Observer", "2026-06-02T06:00:00Z", respaced),
    )
    report = run(store, path)
    assert dict(report.counts) == {"new": 1, "copy": 2}
    arts = by_outlet(store)
    wire, courier, observer = arts["Tidewater Wire"], arts["Coast Courier"], arts["Bay Observer"]
    assert (wire.copy_of, wire.copy_kind) == (None, None)
    assert (courier.copy_of, courier.copy_kind) == (wire.id, "exact")
    assert (observer.copy_of, observer.copy_kind) == (wire.id, "exact")
    assert len({wire.id, courier.id, observer.id}) == 3
    assert courier.published == "2026-06-01T11:30:00Z"
    assert observer.published == "2026-06-02T06:00:00Z"
    assert courier.url == "https://coastcourier.example/b"
    assert courier.text == WIRE  # the copy keeps its own text
    assert observer.text == respaced.replace("   ", " ")  # its own text, spacing normalised
    assert wire.content_hash == courier.content_hash == observer.content_hash


def test_near_copy_marked_near_and_independent_report_is_not_a_copy(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "in.jsonl",
        record("a", "Tidewater Wire", "2026-06-01T08:00:00Z", WIRE),
        record("b", "Coast Courier", "2026-06-01T12:00:00Z", EDITED),
        record("c", "Bay Observer", "2026-06-01T13:00:00Z", INDEPENDENT),
    )
    report = run(store, path)
    assert dict(report.counts) == {"new": 2, "copy": 1}
    arts = by_outlet(store)
    assert (arts["Coast Courier"].copy_of, arts["Coast Courier"].copy_kind) == (
        arts["Tidewater Wire"].id,
        "near",
    )
    assert arts["Coast Courier"].text == EDITED
    assert arts["Bay Observer"].copy_of is None
    stats = store.stats()
    assert (stats["articles"], stats["originals"], stats["exact_copies"], stats["near_copies"]) == (
        3,
        2,
        0,
        1,
    )


def test_similarity_of_the_fixture_texts() -> None:
    """The fixtures sit where they should relative to the 0.5 threshold."""
    wire, edited, independent = (dedup.minhash(t) for t in (WIRE, EDITED, INDEPENDENT))
    assert wire.jaccard(edited) >= 0.6
    assert wire.jaccard(independent) < 0.1


def test_copy_of_a_copy_points_at_the_original(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "in.jsonl",
        record("a", "Tidewater Wire", "2026-06-01T08:00:00Z", WIRE),
        record("b", "Coast Courier", "2026-06-01T12:00:00Z", EDITED),
        record("c", "Bay Observer", "2026-06-01T13:00:00Z", EDITED),  # exact copy of the near copy
    )
    run(store, path)
    arts = by_outlet(store)
    assert arts["Bay Observer"].copy_of == arts["Tidewater Wire"].id
    assert arts["Bay Observer"].copy_kind == "exact"


def test_near_copy_found_across_runs(store: Store, tmp_path: Path) -> None:
    run(
        store,
        write_jsonl(tmp_path / "one.jsonl", record("a", "Tidewater Wire", "2026-06-01T08:00:00Z", WIRE)),
    )
    report = run(
        store,
        write_jsonl(tmp_path / "two.jsonl", record("b", "Coast Courier", "2026-06-01T12:00:00Z", EDITED)),
    )
    assert dict(report.counts) == {"copy": 1}
    arts = by_outlet(store)
    assert arts["Coast Courier"].copy_of == arts["Tidewater Wire"].id
    assert arts["Coast Courier"].copy_kind == "near"


def test_earlier_published_report_seen_later_becomes_the_original(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "in.jsonl",
        record("b", "Coast Courier", "2026-06-01T12:00:00Z", WIRE),
        record("c", "Bay Observer", "2026-06-01T14:00:00Z", EDITED),
        record("a", "Tidewater Wire", "2026-06-01T08:00:00Z", WIRE),  # seen last, published first
    )
    run(store, path)
    arts = by_outlet(store)
    wire = arts["Tidewater Wire"]
    assert wire.copy_of is None
    assert (arts["Coast Courier"].copy_of, arts["Coast Courier"].copy_kind) == (wire.id, "exact")
    assert (arts["Bay Observer"].copy_of, arts["Bay Observer"].copy_kind) == (wire.id, "near")
    assert store.stats()["originals"] == 1


def test_same_text_same_outlet_different_url_is_its_own_row(store: Store, tmp_path: Path) -> None:
    first = record("a", "Tidewater Wire", "2026-06-01T08:00:00Z", WIRE)
    second = {**first, "id": "a2", "url": "https://tidewaterwire.example/mirror/a"}
    run(store, write_jsonl(tmp_path / "in.jsonl", first, second))
    rows = store.articles()
    assert len(rows) == 2
    assert rows[1].copy_of == rows[0].id
    assert rows[1].copy_kind == "exact"


def test_article_id_is_stable_and_deterministic(store: Store, tmp_path: Path) -> None:
    chash = identity.content_hash(WIRE)
    assert chash == identity.content_hash(WIRE.replace("\n\n", " ").lower())
    expected = identity.article_id(chash, "Tidewater Wire", "https://tidewaterwire.example/a")
    assert expected == identity.article_id(chash, "TIDEWATER WIRE", "https://tidewaterwire.example/a")
    assert expected != identity.article_id(chash, "Coast Courier", "https://tidewaterwire.example/a")
    assert expected != identity.article_id(chash, "Tidewater Wire", None)
    run(
        store, write_jsonl(tmp_path / "in.jsonl", record("a", "Tidewater Wire", "2026-06-01T08:00:00Z", WIRE))
    )
    [a] = store.articles()
    assert a.id == expected
    with Store(tmp_path / "other.db") as other:  # the same input elsewhere gets the same id
        run(other, tmp_path / "in.jsonl")
        assert [x.id for x in other.articles()] == [expected]


def test_repeated_record_in_one_input_is_present_not_a_copy(store: Store, tmp_path: Path) -> None:
    rec = record("a", "Tidewater Wire", "2026-06-01T08:00:00Z", WIRE)
    report = run(store, write_jsonl(tmp_path / "in.jsonl", rec, rec))
    assert dict(report.counts) == {"new": 1, "present": 1}
    assert store.count() == 1
    assert failure_reasons(store) == {}


# --- idempotence ------------------------------------------------------------------------------------


def _snapshot(store: Store) -> dict[str, Any]:
    q = store.db.execute
    return {
        "articles": [
            tuple(r)
            for r in q(
                "SELECT id, outlet, published, copy_of, copy_kind, seq, text FROM articles ORDER BY seq"
            )
        ],
        "raw": q("SELECT count(*) FROM raw").fetchone()[0],
        "minhashes": q("SELECT count(*) FROM minhashes").fetchone()[0],
        "fts": q("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'the'").fetchone()[0],
        "failures": sorted((r["origin"], r["reason"]) for r in store.failures()),
    }


def test_rerunning_the_same_ingest_adds_nothing(store: Store, tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    shutil.copytree(FIXTURES / "text", root / "text")
    shutil.copytree(FIXTURES / "jsonl", root / "jsonl")
    shutil.copy(HTML_PAGE, root / "page.html")
    shutil.copy(FIXTURES / "feeds" / "kestrel-bay-gazette.rss", root / "kestrel.rss")
    write_jsonl(
        root / "copies.jsonl",
        record("a", "Tidewater Wire", "2026-06-01T08:00:00Z", WIRE),
        record("b", "Coast Courier", "2026-06-01T12:00:00Z", EDITED),
        record("c", "Bay Observer", "2026-06-01T13:00:00Z", WIRE),
    )
    (root / "broken.html").write_text("<html><body><nav>Home</nav></body></html>")
    first = run(store, root)
    assert dict(first.counts) == {"new": 3 + 3 + 1 + 2 + 1, "copy": 2, "failed": 1}
    before = _snapshot(store)
    assert len(before["articles"]) == 12
    second = run(store, root)
    assert dict(second.counts) == {"present": 12, "failed": 1}
    assert _snapshot(store) == before
    [failure] = store.failures()
    assert failure["attempts"] == 2
    runs = store.db.execute("SELECT command, counts FROM runs ORDER BY id").fetchall()
    assert [json.loads(r["counts"]) for r in runs] == [dict(first.counts), dict(second.counts)]
    assert by_title(store)["Orrin Falls library reopens after flood repairs"].outlet == "Orrin Courier"


def test_rerun_after_cleaning_changed_adds_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newer crosswire may clean a text differently (another content hash, another id): the same input
    bytes from the same source are still found as present, not stored again as a near copy."""
    root = tmp_path / "inbox"
    root.mkdir()
    shutil.copy(HTML_PAGE, root / "page.html")
    write_jsonl(root / "wire.jsonl", record("a", "Tidewater Wire", "2026-06-01T08:00:00Z", WIRE))
    first = run(store, root)
    assert dict(first.counts) == {"new": 2}
    before = _snapshot(store)
    cleaned = core.clean.clean_text
    monkeypatch.setattr(core.clean, "clean_text", lambda text, title="": cleaned(text, title) + " Ends.")
    second = run(store, root)
    assert dict(second.counts) == {"present": 2}
    assert _snapshot(store) == before
