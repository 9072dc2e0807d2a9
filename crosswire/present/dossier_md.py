"""The dossier as Markdown: the sections of the HTML, evidence as quoted text with article and offsets."""

from __future__ import annotations

from typing import Any

from crosswire.compare.dossier import Dossier
from crosswire.present.dossier_json import dossier_data, label_kind, label_order

Data = dict[str, Any]


DIFFERENCES_CAVEAT = (
    "*Found by rules, not by reading: check the quoted sentences before relying on one. A polarity "
    "difference needs one report to deny what the other states about the same subject; one marked "
    "\"people quoted disagree\" is a disagreement the outlets report, not one between the outlets.*"
)


def cell(text: str, limit: int = 0) -> str:
    """Text safe inside a Markdown table cell (one line, no bare pipes)."""
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if not limit or len(text) <= limit else text[: limit - 1] + "…"


def ref(span: Data | None) -> str:
    """``[article 1a2b3c4d, 120–233]``: where a piece of evidence sits."""
    return f"[article {span['article_id'][:8]}, {span['start']}–{span['end']}]" if span else ""


def _header(d: Data) -> list[str]:
    c, t = d["counts"], d["time_span"]
    outlets = ", ".join(f"{o['name']} ({o['articles']})" for o in d["outlets"])
    kind = "Storyline" if d["event_id"].startswith("sl-") else "Event"
    return [
        f"# {d['headline']}",
        "",
        f"{kind} `{d['event_id']}` · {t['first'] or '?'} — {t['last'] or '?'}",
        "",
        f"**Outlets:** {outlets}  ",
        f"**Reports:** {c['articles']} from {len(d['outlets'])} outlets, "
        f"{c['independent_sources']} independent · "
        f"**{c['corroborated']}** corroborated · **{c['conflicting']}** conflicting · "
        f"**{c['unique']}** unique claims",
        "",
    ]


def _summary(d: Data) -> list[str]:
    lines = ["## Summary", ""]
    for i, s in enumerate(d["summary"], 1):
        cites = "; ".join(f"{c['outlet']} {ref(c['evidence'])}" for c in s["citations"])
        lines.append(f"{i}. {cell(s['text'])} — *{s['status']}*: {cites}")
    return lines + ([""] if d["summary"] else ["_No summary._", ""])


def _differences(d: Data) -> list[str]:
    lines = ["## Where reports differ", ""] + ([DIFFERENCES_CAVEAT, ""] if d["differences"] else [])
    for diff in d["differences"]:
        quoted = ", people quoted disagree" if diff.get("between") == "sources" else ""
        lines.append(f"### {', '.join(diff['kinds']).capitalize()}{quoted} (claim {diff['group_id']})")
        lines += [f"- {cell(r)}" for r in diff["reasons"]] + [""]
        for side in diff["sides"]:
            lines.append(f"> **{side['outlet']}** {ref(side['evidence'])}: {cell(side['text'])}")
            lines.append(">")
        lines[-1] = ""
    return lines + ([] if d["differences"] else ["_The reports do not contradict one another._", ""])


def _claims(d: Data) -> list[str]:
    claims = {c["id"]: c for c in d["claims"]}
    lines = ["## Claims", "", "| status | claim | evidence |", "|---|---|---|"]
    for g in d["groups"]:
        status = "; ".join([g["status_text"], *(c["reason"] for c in g["conflicts"])])
        evidence = "<br>".join(f"{claims[i]['outlet']} {ref(claims[i]['evidence'])}" for i in g["claim_ids"])
        lines.append(f"| {cell(status)} | {cell(g['text'], 300)} | {evidence} |")
    return [*lines, ""]


def _omissions(d: Data) -> list[str]:
    groups = {g["id"]: g for g in d["groups"]}
    lines = ["## Omissions", ""]
    for outlet, ids in d["omissions"].items():
        lines.append(f"- **{outlet}**: " + ("carries every corroborated claim" if not ids else ""))
        lines += [
            f"  - {cell(groups[i]['text'], 200)} (carried by {', '.join(groups[i]['outlets'])})" for i in ids
        ]
    return [*lines, ""]


def _labels(d: Data) -> list[str]:
    outlets = [o["name"] for o in d["outlets"]]
    rows = [e for e in d["labels"] if len(e["by_outlet"]) >= 2]
    if not rows:
        return ["## Labels for the same referent", "", "_No referent is named by two outlets._", ""]
    lines = [
        "## Labels for the same referent",
        "",
        "| referent | " + " | ".join(outlets) + " |",
        "|---" * (len(outlets) + 1) + "|",
    ]
    for e in sorted(rows, key=label_order):
        cells = [", ".join(f"{u['label']} ×{u['count']}" for u in e["by_outlet"].get(o, [])) for o in outlets]
        lines.append(f"| {cell(e['name'])} ({label_kind(e)}) | " + " | ".join(cell(c) for c in cells) + " |")
    return [*lines, ""]


def _terms(d: Data) -> list[str]:
    lines = ["## Characteristic terms", ""]
    for t in d["terms"]:
        terms = ", ".join(f"{s['term']} (z {s['z']:.1f})" for s in t["terms"]) or "_none stands out_"
        lines.append(f"- **{t['outlet']}**: {terms}")
    return [*lines, ""]


def _quotes(d: Data) -> list[str]:
    lines = ["## Quotes across outlets", ""]
    for sp in d["quotes"]["speakers"]:
        lines.append(f"### {sp['name']}")
        for st in sp["statements"]:
            for v in st["versions"]:
                rel = f" *{v['relation']}*" if len(st["versions"]) > 1 else ""
                lines.append(
                    f"- **{v['outlet']}**{rel} ({v['cue']}): “{cell(v['text'])}” {ref(v['content'])}"
                )
            lines.append("")
    return lines


def _timeline(d: Data) -> list[str]:
    lines = ["## Timeline", ""]
    for p in d["timeline"]:
        where = "; ".join(f"{x['wording']} {ref(x)}" for x in p["expressions"])
        when = p["start"] if p["start"] == p["end"] else f"{p['start']} – {p['end']}"
        lines.append(
            f"- **{when}** ({p['granularity']}): {cell(p['text'])} — {', '.join(p['outlets'])}: {where}"
        )
    return [*lines, ""]


def _articles(d: Data) -> list[str]:
    lines = ["## Articles", ""]
    for a in d["articles"]:
        copy = f" · copy of `{a['copy_of'][:8]}`" if a["copy_of"] else ""
        lines.append(
            f"- `{a['id'][:8]}` **{a['outlet']}**, {a['published'] or 'date unknown'}: {cell(a['title'])}"
            + (f" <{a['url']}>" if a["url"] else "")
            + copy
        )
    return [*lines, ""]


def data_to_markdown(d: Data) -> str:
    parts = (
        _header,
        _summary,
        _differences,
        _claims,
        _omissions,
        _labels,
        _terms,
        _quotes,
        _timeline,
        _articles,
    )
    return "\n".join(line for part in parts for line in part(d)).rstrip() + "\n"


def to_markdown(dossier: Dossier, event_headline: str | None = None) -> str:
    return data_to_markdown(dossier_data(dossier, event_headline))
