"""Where the shared labelled corpora live (never copied into the repository)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    """``$CROSSWIRE_SHARED`` if set, else ``../shared`` beside the repository checkout."""
    env = os.environ.get("CROSSWIRE_SHARED")
    return Path(env) if env else REPO_ROOT.parent / "shared"


def data_dir() -> Path:
    return shared_dir() / "data"


def have_shared_data() -> bool:
    return data_dir().is_dir()
