"""SIGKILL mid-ingest leaves a consistent database, and re-running completes it."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crosswire.ingest.core import IngestSettings, ingest
from crosswire.store.db import Store

FILES = 3000
BATCH = 25
MARK = "kestrelmark"  # a word in every generated article, to count FTS hits
ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

CHILD = """
import sys
from crosswire.ingest.core import IngestSettings, ingest
from crosswire.store.db import Store
with Store(sys.argv[1]) as store:
    ingest([sys.argv[2]], store, IngestSettings(offline=True, batch_size=int(sys.argv[3])))
"""


def generate(root: Path) -> None:
    rng = random.Random(20260601)
    vocab = [
        f"{rng.choice('bdfgklmnprstvz')}{rng.choice('aeiou')}{rng.choice('lmnrst')}{i}" for i in range(4000)
    ]
    for i in range(FILES):
        sub = root / f"d{i % 10}"
        sub.mkdir(parents=True, exist_ok=True)
        words = " ".join(rng.choice(vocab) for _ in range(40))
        (sub / f"item{i:04d}.txt").write_text(
            f"---\ntitle: Bulletin {i}\noutlet: Outlet {i % 7}\npublished: 2026-06-{1 + i % 28:02d}\n---\n"
            f"Bulletin number {i} says {MARK} {words}.\n\nA second paragraph for item {i}.\n"
        )


def committed(db: Path) -> int:
    """Rows a reader sees now (0 while the database or its tables do not exist yet)."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.OperationalError:
        return 0
    try:
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()


def check_consistent(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        con.execute(
            "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')"
        )  # raises if inconsistent
        articles = int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        fts = con.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (MARK,)).fetchone()[
            0
        ]
        assert fts == articles
        assert con.execute("SELECT count(*) FROM minhashes").fetchone()[0] == articles  # all originals
        assert con.execute("SELECT count(*) FROM raw").fetchone()[0] == articles
        assert con.execute("SELECT count(DISTINCT seq) FROM articles").fetchone()[0] == articles
        return articles
    finally:
        con.close()


def test_sigkill_mid_ingest_then_rerun_completes(tmp_path: Path) -> None:
    src, db = tmp_path / "src", tmp_path / "cw.db"
    generate(src)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(src), str(BATCH)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while committed(db) < 4 * BATCH:
            assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read()!r}"  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "no rows committed within 60 s"
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    survived = check_consistent(db)
    assert 4 * BATCH <= survived < FILES, "killed mid-ingest"
    assert survived % BATCH == 0  # whole batches only: nothing half-written

    with Store(db) as store:
        report = ingest([str(src)], store, IngestSettings(offline=True, batch_size=BATCH))
        assert dict(report.counts) == {"present": survived, "new": FILES - survived}
        assert store.count() == FILES
        rows = store.db.execute(
            "SELECT count(DISTINCT id), count(DISTINCT source), count(DISTINCT title) FROM articles"
        ).fetchone()
        assert tuple(rows) == (FILES, FILES, FILES)
        assert store.failures() == []
    assert check_consistent(db) == FILES
