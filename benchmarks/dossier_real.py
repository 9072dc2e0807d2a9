"""Dossiers on real news: claim grouping and listed differences on NewsWCL50's events and GVC's incidents.

nice .venv/bin/python benchmarks/dossier_real.py                      # NewsWCL50 events 0-9 and GVC
nice .venv/bin/python benchmarks/dossier_real.py --events 0 1 2 3 4   # some NewsWCL50 events, no GVC
nice .venv/bin/python benchmarks/dossier_real.py --events 5 6 7 8 9 --audit-sample OUT.txt  # + texts
nice .venv/bin/python benchmarks/dossier_real.py --gvc-only --details    # GVC, every difference with its claims

Each event's dossier is built from the dataset's articles (read fresh with spaCy, as ``build_dossier`` does
without a store). Per event: claims, groups, the largest group's share of the claims, corroborated and
conflicting groups, and the conflicts listed under "Where reports differ".

**Audit** (with ``--events``). ``dossier_real_audit.json`` holds hand judgements of what the dossiers of
the events given list (judged for events 0-4 and for 5-9): conflicts (is it a real disagreement about one
thing?) and corroborations (a pair of claims of two sources of a corroborated group: do they state the
same fact?). Items are keyed by claim spans (``article id:start-end``), so the file can be re-scored after a
change: judged items are scored, unjudged ones are counted (and, with ``--audit-sample``, written out with
their texts to judge). The sample is chosen by a hash of the claims' texts, not by a random generator:
each corroborated group shows its cross-source pair of lowest hash, and the sample is the 30 items of each
kind of lowest hash. A change elsewhere leaves an item in the sample unless its own claims change or a new
item of lower hash displaces it, so only new or changed items need judging. A second figure is printed
too: precision over every judged pair of every corroborated group, each group counting once.

Claims are whole claims (clauses of sentences); parts are clauses or phrases of them that joined another
report's group (``compare.facets``), counted apart.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from crosswire.compare.claims import Claim
from crosswire.compare.dossier import Dossier, build_dossier
from crosswire.eval.datasets import load
from crosswire.model import Article

AUDIT = Path(__file__).with_name("dossier_real_audit.json")
SAMPLE = 30


@dataclass(frozen=True)
class Item:
    """One listed comparison to audit: a conflict or a corroborating pair of claims."""

    kind: str  # "conflict" | "corroboration"
    a: Claim
    b: Claim
    reason: str

    @property
    def key(self) -> str:
        spans = sorted(f"{c.span.article_id}:{c.span.start}-{c.span.end}" for c in (self.a, self.b))
        return f"{self.kind}|{spans[0]}|{spans[1]}"


def events(names: Iterable[str], gvc: bool) -> list[tuple[str, list[Article]]]:
    """(event name, articles) for the NewsWCL50 events named and, with ``gvc``, GVC's incidents of ≥ 2
    articles."""
    by_story: dict[str, list[Article]] = defaultdict(list)
    for a in load("newswcl50"):
        by_story[a.story_id or ""].append(a)
    out = [(f"newswcl50/{n}", by_story[f"newswcl50/{n}"]) for n in names]
    if gvc:
        incidents: dict[str, list[Article]] = defaultdict(list)
        for a in load("gvc"):
            incidents[a.story_id or ""].append(a)
        out += sorted((k, v) for k, v in incidents.items() if len(v) >= 2)
    return out


def row(name: str, d: Dossier) -> str:
    whole = [c for c in d.claims if c.part_of is None]
    sizes = [sum(c.part_of is None for c in g.claims) for g in d.groups]
    largest = max(sizes, default=0) / max(len(whole), 1)
    corroborated = sum(g.status == "corroborated" for g in d.groups)
    conflicting = sum(g.status == "conflicting" for g in d.groups)
    listed = sum(len(g.conflicts) for g in d.groups)
    return (
        f"{name:22} {len(d.articles):3} {len(whole):6} {len(d.groups):6} {largest:7.2f} "
        f"{corroborated:6} {conflicting:6} {listed:6} {len(d.claims) - len(whole):6}"
    )


def differences(d: Dossier) -> str:
    """Every difference the dossier lists, with the texts of both claims."""
    by_id = {c.id: c for c in d.claims}
    lines = []
    for g in d.groups:
        for c in g.conflicts:
            a, b = by_id[c.claim_a], by_id[c.claim_b]
            lines.append(f"  - {c.kind} ({c.between}): {c.reason}")
            lines += [f"      A [{a.outlet}] {a.text}", f"      B [{b.outlet}] {b.text}"]
    return "\n".join(lines)


def text_hash(*claims: Claim) -> str:
    """A hash of the claims' texts, whatever their order: it chooses audit items stably across changes."""
    return hashlib.sha1("\x1f".join(sorted(c.text for c in claims)).encode()).hexdigest()


def items(d: Dossier) -> list[Item]:
    """Every conflict listed, and per corroborated group its pair of claims of two sources of lowest hash."""
    by_id = {c.id: c for c in d.claims}
    out = [
        Item("conflict", by_id[c.claim_a], by_id[c.claim_b], c.reason)
        for g in d.groups
        if g.status == "conflicting"
        for c in g.conflicts
    ]
    for g in d.groups:
        if g.status == "corroborated":
            pairs = [
                (a, b) for n, a in enumerate(g.claims) for b in g.claims[n + 1 :] if a.source != b.source
            ]
            a, b = min(pairs, key=lambda p: text_hash(*p))
            out.append(Item("corroboration", a, b, f"group {g.id} of {len(g.claims)} claims"))
    return out


def sample(all_items: list[Item]) -> list[Item]:
    """The ``SAMPLE`` items of each kind of lowest hash."""
    out = []
    for kind in ("conflict", "corroboration"):
        mine = [i for i in all_items if i.kind == kind]
        out += sorted(mine, key=lambda i: text_hash(i.a, i.b))[:SAMPLE]
    return out


def group_pairs(d: Dossier) -> list[list[str]]:
    """Per corroborated group, the audit keys of every pair of claims of two sources."""
    return [
        [
            Item("corroboration", a, b, "").key
            for n, a in enumerate(g.claims)
            for b in g.claims[n + 1 :]
            if a.source != b.source
        ]
        for g in d.groups
        if g.status == "corroborated"
    ]


def score_every_pair(groups: list[list[str]], judged: dict[str, bool]) -> str:
    """Corroboration precision over every judged pair of every corroborated group, each group counting once
    (the mean of its judged pairs): steadier than the sample of 30, which a change elsewhere redraws."""
    means = []
    for keys in groups:
        verdicts = [judged[k] for k in keys if k in judged]
        if verdicts:
            means.append(sum(verdicts) / len(verdicts))
    precision = f"{sum(means) / len(means):.3f}" if means else "n/a"
    return (
        f"audit corroboration, every judged pair: {len(means)} of {len(groups)} corroborated groups have "
        f"one; precision {precision} (group mean)"
    )


def score(drawn: list[Item], judged: dict[str, bool]) -> str:
    lines = []
    for kind in ("conflict", "corroboration"):
        mine = [i for i in drawn if i.kind == kind]
        verdicts = [judged[i.key] for i in mine if i.key in judged]
        right = sum(verdicts)
        precision = f"{right / len(verdicts):.2f}" if verdicts else "n/a"
        lines.append(
            f"audit {kind}: {len(mine)} drawn, {len(verdicts)} judged, {right} right: precision {precision}"
        )
    return "\n".join(lines)


def write_sample(path: Path, drawn: list[Item], judged: dict[str, bool]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in drawn:
            verdict = judged.get(i.key)
            out.write(f"## {i.key}\n   judged: {verdict}\n   {i.reason}\n")
            out.write(f"   A [{i.a.outlet}] {i.a.text}\n   B [{i.b.outlet}] {i.b.text}\n\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", nargs="+", default=[str(n) for n in range(10)], help="NewsWCL50 events")
    parser.add_argument("--no-gvc", action="store_true", help="leave GVC out (default when --events given)")
    parser.add_argument("--audit-sample", type=Path, help="write the drawn audit items with their texts here")
    parser.add_argument("--gvc-only", action="store_true", help="GVC's incidents only, no NewsWCL50 event")
    parser.add_argument(
        "--details", action="store_true", help="print every difference listed, with its claims"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    gvc = not args.no_gvc and (args.gvc_only or args.events == parser.get_default("events"))
    if args.gvc_only:
        args.events = []
    all_items: list[Item] = []
    every_pair: list[list[str]] = []  # per corroborated group, the keys of all its cross-source pairs
    print(f"{'event':22} art claims groups largest corrob confl listed  parts")
    for name, articles in events(args.events, gvc):
        d = build_dossier(articles, name)
        print(row(name, d), flush=True)
        if args.details:
            print(differences(d), flush=True)
        if name.startswith("newswcl50/"):
            all_items += items(d)
            every_pair += group_pairs(d)
    if not gvc:  # the audit is drawn from the NewsWCL50 events named: 0-4 (tuned on) or 5-9 (held out)
        judged: dict[str, bool] = json.loads(AUDIT.read_text()) if AUDIT.exists() else {}
        drawn = sample(all_items)
        print(score(drawn, judged))
        print(score_every_pair(every_pair, judged))
        if args.audit_sample:
            write_sample(args.audit_sample, drawn, judged)
    print(f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
