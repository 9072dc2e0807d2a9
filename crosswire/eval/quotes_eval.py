"""Score quote and attribution extraction against brat-annotated attributions (PolNeAR layout).

Layout: ``DIR/text/NAME.txt`` and ``DIR/attributions/NAME_ANNOTATOR.ann`` (one file per annotator;
a few articles have several). Each ``E.. Attribution`` (or ``Attribution-no-source``) relation links
``Source``, ``Cue`` and ``Content`` text-bound spans, possibly discontinuous (``start end;start end``).

How we score (see ``score_document``):

* Spans become sets of word tokens (``\\w+`` runs, see ``TOKEN_RE``); punctuation, quotation marks
  included, is ignored, so “content” and content (marks excluded) are the same span.
* Predicted attributions are matched one-to-one to gold ones, greedily by the number of shared content
  tokens (shared cue tokens break ties and stand in when either side has no content); a pair needs
  at least one shared token.
* Per role (speaker = PolNeAR's Source, cue, content), over the attributions that have that role:
  - **exact**: a matched pair whose role token sets are equal is a true positive;
    P = TP / predicted roles, R = TP / gold roles;
  - **partial**: the same with "share at least one token" (lenient, as in PARC's partial match);
  - **overlap**: proportional token overlap, as in Citron's overlap metric and Johansson & Moschitti's
    soft measure: P = shared tokens of matched pairs / all predicted role tokens,
    R = shared tokens / all gold role tokens.
* Several annotators: every annotator's file is scored as a gold document of its own against the same
  predictions, and counts are summed (a micro-average over annotator-documents). A union would hold
  overlapping, conflicting readings of one passage, of which a prediction can match only one.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crosswire.read.quotes import Quote

log = logging.getLogger(__name__)

ROLES = ("speaker", "cue", "content")
TOKEN_RE = re.compile(r"\w+")
RELATION_TYPES = ("Attribution", "Attribution-no-source")
BRAT_ROLE = {"Source": "speaker", "Cue": "cue", "Content": "content", "Content2": "content"}

Frags = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    """One attribution as character fragments per role (empty tuple: role absent)."""

    speaker: Frags = ()
    cue: Frags = ()
    content: Frags = ()

    def role(self, name: str) -> Frags:
        frags: Frags = getattr(self, name)
        return frags


@dataclass(frozen=True)
class GoldDoc:
    """One article's text with one annotator's attributions."""

    name: str
    annotator: str
    attributions: tuple[Attribution, ...]


# --------------------------------------------------------------------------- brat reading


def _parse_fragments(offsets: str) -> Frags:
    frags = []
    for part in offsets.split(";"):
        start, end = part.split()
        frags.append((int(start), int(end)))
    return tuple(frags)


def _parse_textbound(line: str) -> tuple[str, str, Frags] | None:
    parts = line.split("\t")
    if len(parts) < 2 or " " not in parts[1]:
        return None
    kind, offsets = parts[1].split(" ", 1)
    try:
        return parts[0], kind, _parse_fragments(offsets)
    except ValueError:
        return None


def _parse_relation(line: str, spans: dict[str, tuple[str, Frags]]) -> Attribution | None:
    args = line.split("\t")[1].split()
    if not args or args[0].split(":")[0] not in RELATION_TYPES:
        return None
    roles: dict[str, Frags] = {"speaker": (), "cue": (), "content": ()}
    for arg in args[1:]:
        brat_role, _, ref = arg.partition(":")
        role = BRAT_ROLE.get(brat_role)
        if role and ref in spans:
            roles[role] = tuple(sorted(roles[role] + spans[ref][1]))
    return Attribution(**roles)


def read_ann(path: Path) -> list[Attribution]:
    """Attributions of one brat ``.ann`` file (continuation lines of multi-line spans are skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    spans: dict[str, tuple[str, Frags]] = {}
    for line in lines:
        if line.startswith("T") and (tb := _parse_textbound(line)):
            spans[tb[0]] = (tb[1], tb[2])
    relations = (_parse_relation(line, spans) for line in lines if re.match(r"E\d+\t", line))
    return [rel for rel in relations if rel is not None]


def iter_gold(folder: Path, limit: int | None = None) -> Iterator[tuple[str, str, list[GoldDoc]]]:
    """Yield ``(name, text, one GoldDoc per annotator)`` for the articles of ``folder``, by name."""
    names = sorted(p.stem for p in (folder / "text").glob("*.txt"))
    for name in names[:limit] if limit is not None else names:
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        golds = [
            GoldDoc(name, ann.stem[len(name) + 1 :], tuple(read_ann(ann)))
            for ann in sorted((folder / "attributions").glob(f"{name}_*.ann"))
            if ann.stem[len(name) + 1 :].isalnum()
        ]
        if not golds:
            log.warning("no annotation for %s: skipped", name)
            continue
        yield name, text, golds
