"""Checks added for issue #5 follow-ups, on invented sentences: what could happen does not align with what
happened, a shared quotation aligns two reports, a denial of harm conflicts with a count of the dead, an age
agrees with a year of building, a past event's figure is not compared with today's, overlapping dates of
one happening agree, and one speaker's quotes stay together under a role or a transliterated name. (A
denial is not a statement of fact, and conflict reasons read as sentences: tests/test_compare_statuses.py.)"""

from __future__ import annotations

import pytest

from crosswire.compare.align import ClaimGroup, _aligns
from crosswire.compare.claims import Claim, claim_bounds
from crosswire.compare.dossier import Dossier, build_dossier
from crosswire.compare.features import (
    attribution_cue,
    content_words,
    hypothetical,
    is_hedged,
    quoted_phrases,
    shares_quote,
)
from crosswire.compare.quotes_across import QuoteVersion, _role_speaker, merge_same_person, person_name
from crosswire.compare.sentences import sentence_spans
from crosswire.compare.settings import DEFAULT_SETTINGS
from crosswire.compare.summary import as_sentence
from crosswire.model import Article, Span
from tests.fixtures.claims import claim

HARM_REPORT = (
    "A monitoring group said six civilians, including two children, were killed on Friday when shells hit a "
    "school on the edge of the town of Merrow."
)
HARM_DENIAL = "There have been no civilian casualties in Merrow, an army spokesman said."
BRIDGE_A = "The Orlen Bridge, a steel span built in 1971, carries the coast road over the Tamsk river."
BRIDGE_B = "Engineers had warned for years that the 55-year-old bridge needed new cables."
FLOOD_A = "It was the worst flood in the valley since 1998, when the river burst its banks, killing 30."
FLOOD_B = "The flood killed 12 people in the valley on Monday, police said."
QUOTE_A = '"We will never sell the harbour to a private company," the mayor told a rally on Sunday.'
QUOTE_B = "The mayor has promised voters that the town will “never sell the harbour to a private company”."


def _article(aid: str, outlet: str, text: str, published: str = "2026-03-18T10:00:00Z") -> Article:
    return Article(id=aid, text=text, outlet=outlet, published=published)


def _dossier(*texts: str) -> Dossier:
    outlets = ["Wire Agency", "Daily Paper", "State TV", "Evening Post"]
    articles = [_article(f"a{k}", outlets[k], t) for k, t in enumerate(texts)]
    return build_dossier(articles, "checks")


def _group_of(d: Dossier, phrase: str) -> ClaimGroup:
    return next(g for g in d.groups if any(phrase in c.text for c in g.claims))


def _claim(cid: str, source: str, text: str) -> Claim:
    return claim(cid, source, text, entities=("e:leader",), hypothetical=hypothetical(text))


def test_hypothetical_reads_modals_not_the_month() -> None:
    assert hypothetical("The leader said troops could return to the border within hours.")
    assert not hypothetical("The troops returned to the border in May.")
    assert not hypothetical("The dam could not have been saved, engineers said.")


def test_what_could_happen_does_not_align_weakly_with_what_happened() -> None:
    could = _claim("c0", "wire", "The leader said troops could return to the border within hours.")
    did = _claim("c1", "paper", "The leader announced that troops had been ordered to leave the border.")
    also = _claim("c2", "post", "The leader announced troops were ordered back from the border.")
    sim = (DEFAULT_SETTINGS.align_weak + DEFAULT_SETTINGS.align_strong) / 2
    assert not _aligns(could, did, sim, DEFAULT_SETTINGS)
    assert _aligns(did, also, sim, DEFAULT_SETTINGS)
    assert _aligns(could, did, DEFAULT_SETTINGS.align_strong, DEFAULT_SETTINGS)


def test_quoted_phrases_and_shared_quotes() -> None:
    a, b = quoted_phrases(QUOTE_A), quoted_phrases(QUOTE_B)
    assert "never sell the harbour to a private company" in b
    assert shares_quote(QUOTE_A, a, QUOTE_B, b)
    assert not quoted_phrases("He called it “theft”.")  # one word is no evidence
    assert not shares_quote(QUOTE_A, a, FLOOD_B, quoted_phrases(FLOOD_B))


def test_shared_quotation_groups_two_reports() -> None:
    d = _dossier(QUOTE_A, QUOTE_B)
    g = _group_of(d, "never sell the harbour")
    assert g.status == "corroborated" and len(g.claims) == 2


def test_denial_of_harm_conflicts_with_a_count_of_the_dead() -> None:
    d = _dossier(HARM_REPORT, HARM_DENIAL)
    g = _group_of(d, "six civilians")
    assert g.status == "conflicting"
    conflict = next(c for c in g.conflicts if c.kind == "polarity")
    assert "six civilians" in conflict.reason and "no civilian casualties" in conflict.reason


def test_denial_of_something_else_is_no_conflict() -> None:
    d = _dossier(HARM_REPORT, "No shells have been fired at the school in Merrow since Friday, he said.")
    assert not _group_of(d, "six civilians").conflicts


def test_age_agrees_with_year_of_building() -> None:
    d = _dossier(BRIDGE_A, BRIDGE_B)
    g = _group_of(d, "55-year-old bridge")
    assert g.status != "conflicting" and any("1971" in c.reason for c in g.compatible)
    d = _dossier(BRIDGE_A, BRIDGE_B.replace("55-year-old", "40-year-old"))
    assert not any("1971" in c.reason for g in d.groups for c in g.compatible)


def test_past_events_figure_is_not_compared_with_todays() -> None:
    d = _dossier(FLOOD_A, FLOOD_B)
    assert not [c for g in d.groups for c in g.conflicts if c.kind == "numbers"]


TRUCE_A = "Fighting around Ostrava has eased since the truce with the rebels took effect three weeks ago."
TRUCE_B = "A ceasefire with the rebel groups has been in place since 27 February across Ostrava province."


def test_truce_and_ceasefire_share_a_stem() -> None:
    assert content_words("the truce held") & content_words("a cease-fire") == {"cease"}


def test_overlapping_dates_of_one_happening_are_compatible() -> None:
    d = _dossier(TRUCE_A, TRUCE_B)
    g = _group_of(d, "three weeks ago")
    assert any("compatible dates" in c.reason for c in g.compatible)
    assert any("27 February" in c.text for c in g.claims)
    d = _dossier(TRUCE_A.replace("three weeks ago", "ten weeks ago"), TRUCE_B)
    assert not any("compatible dates" in c.reason for g in d.groups for c in g.compatible)


def test_person_names_match_across_transliterations() -> None:
    assert person_name("NF spokesman Yusuf Darwish") == ("y", "darwish")
    assert person_name("Youssef al-Darwish, a spokesman for the Front") == ("y", "darwish")
    assert person_name("Interior Ministry") is None and person_name("Darwish") is None


def test_a_role_speaker_is_the_named_speaker_with_that_title() -> None:
    earlier = [("e:brand", "Health Minister Ida Brand"), ("e:olsen", "Mayor Per Olsen")]
    assert _role_speaker("the minister", earlier) == ("e:brand", "Health Minister Ida Brand")
    assert _role_speaker("the mayor", earlier) == ("e:olsen", "Mayor Per Olsen")
    assert _role_speaker("the spokesman", earlier) is None
    assert _role_speaker("Ida Brand", earlier) is None


def test_one_person_under_two_keys_is_merged() -> None:
    def version(outlet: str) -> QuoteVersion:
        return QuoteVersion(outlet, outlet, Span(outlet, 0, 1), Span(outlet, 0, 1), "We stay.", True, "said")

    by_speaker = {"e1": [version("A")], "darwish": [version("B")], "e2": [version("C")]}
    names = {"e1": "Yusuf Darwish", "darwish": "Youssef al-Darwish, a spokesman", "e2": "Yara Darwish Haddad"}
    merge_same_person(by_speaker, names)
    assert [v.outlet for v in by_speaker["e1"]] == ["A", "B"] and "darwish" not in names
    assert [v.outlet for v in by_speaker["e2"]] == ["C"]


def test_a_wire_dateline_is_not_part_of_the_first_sentence() -> None:
    text = "DORVIK HARBOUR (Northline Press) — Ferries stopped on Monday. Crews said repairs go on."
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["Ferries stopped on Monday.", "Crews said repairs go on."]
    plain = "Ferries stopped on Monday. Crews said so."
    assert next(plain[s:e] for s, e in sentence_spans(plain)) == "Ferries stopped on Monday."


def test_a_dateline_after_a_standfirst_is_not_part_of_its_sentence() -> None:
    text = (
        "The operator blamed the storm.\n\nDORVIK HARBOUR, May 2 (Northline Press) - Ferries stopped on "
        "Monday.\n\nUS - Norland talks resume today."
    )
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == [
        "The operator blamed the storm.",
        "Ferries stopped on Monday.",
        "US - Norland talks resume today.",
    ]


def test_a_straight_quoted_passage_of_two_sentences_stays_one_sentence() -> None:
    text = '"The water came at night. We are still searching," Dresner said. Crews arrived later.'
    spans = [text[s:e] for s, e in sentence_spans(text)]
    quoted = '"The water came at night. We are still searching," Dresner said.'
    assert spans == [quoted, "Crews arrived later."]


def test_a_sentence_with_two_facts_gives_two_claims() -> None:
    text = (
        "Another 31 people were missing, and rescue teams had pulled 260 people from rooftops by midday. "
        "Prices rose and fell, and the market closed higher on the day. "
        '"We lost power, and the pumps stopped working," said the plant manager on Monday.'
    )
    article = Article(id="a", text=text, outlet="Northline")
    parts = [text[s:e] for s, e in claim_bounds(article, DEFAULT_SETTINGS)]
    second = "rescue teams had pulled 260 people from rooftops by midday."
    assert parts[:2] == ["Another 31 people were missing,", second]
    assert "Prices rose and fell, and the market closed higher on the day." in parts  # a part under 5 words
    assert parts[-1].startswith('"We lost power, and the pumps')  # not cut inside a quotation


def test_a_subjects_relative_clause_is_a_claim_of_its_own() -> None:
    """ "X, who did A, did B" states two facts: A (with its subject) and B; a relative clause that is no
    subject's ("charged the grandparents of Mariah, who shot herself ..., and the mother") is not cut."""
    text = (
        "Prime Minister Anton Keller, who declared a state of emergency within hours of the breach, "
        "chaired a cabinet meeting and released 50 million crowns. "
        "Prosecutors charged the grandparents of Mariah Davis, who shot herself with a gun in their home, "
        "and the mother of a boy."
    )
    parts = [
        text[s:e] for s, e in claim_bounds(Article(id="a", text=text, outlet="Northline"), DEFAULT_SETTINGS)
    ]
    assert parts[:2] == [
        "Prime Minister Anton Keller, who declared a state of emergency within hours of the breach,",
        "chaired a cabinet meeting and released 50 million crowns.",
    ]
    assert parts[2].startswith("Prosecutors charged") and parts[2].endswith("the mother of a boy.")


def test_a_clause_reads_as_a_sentence_in_the_summary() -> None:
    assert as_sentence("rescue teams had pulled 260 people,") == "Rescue teams had pulled 260 people."
    assert as_sentence("The dam held.") == "The dam held."


def test_according_to_is_attribution_not_hedging() -> None:
    assert attribution_cue("30 aircraft flew home, according to the ministry") == "according to"
    assert not is_hedged("according to") and is_hedged("claims")


RISEN = "Rescuers in the flooded town of Orm said the dam disaster had now killed at least 20 people."


@pytest.mark.parametrize(
    ("late_text", "hours", "noted"),
    [
        (RISEN, 19, True),
        (RISEN, 0, False),  # within the hour
        (RISEN.replace("at least 20", "nine"), 19, False),  # the later figure is lower
    ],
)
def test_a_later_higher_count_is_noted_as_one_that_rose(late_text: str, hours: int, noted: bool) -> None:
    first = "Floodwater from the burst Velt dam killed 14 people in Orm, police said."
    early = _article("a0", "Wire Agency", first)
    late_time = f"2026-03-{18 + (10 + hours) // 24}T{(10 + hours) % 24:02d}:00:00Z"
    late = _article("a1", "Daily Paper", late_text, published=late_time)
    d = build_dossier([early, late], "rising")
    [conflict] = [c for g in d.groups for c in g.conflicts if c.kind == "numbers"]
    assert ("a count that rose?" in conflict.reason) is noted
    assert ("19 h after" in conflict.reason) is noted


def test_a_later_higher_sum_of_money_is_not_called_a_count_that_rose() -> None:
    first = "The port strike costs the economy about 35 million crowns a day, traders said."
    early = _article("a0", "Wire Agency", first)
    late = _article(
        "a1",
        "Daily Paper",
        "Economists warned that the stoppage at the port was costing more than 60 million crowns a day.",
        published="2026-03-19T12:00:00Z",
    )
    d = build_dossier([early, late], "costs")
    reasons = [c.reason for g in d.groups for c in g.conflicts if c.kind == "numbers"]
    assert reasons and not any("rose" in r for r in reasons)


def test_a_clause_reads_as_a_sentence_where_reports_differ() -> None:
    text = "The burst Velt dam killed 14 people in Orm, and rescuers searched the valley all night."
    early = _article("a0", "Wire Agency", text)
    late = _article("a1", "Daily Paper", RISEN, published="2026-03-19T10:00:00Z")
    d = build_dossier([early, late], "clauses")
    [difference] = [x for x in d.differences if "numbers" in x.kinds]
    texts = sorted(difference.texts.values())
    assert texts == sorted([RISEN, "The burst Velt dam killed 14 people in Orm."])


def test_a_name_inside_a_speaker_phrase_is_the_speaker_only_at_its_end() -> None:
    from crosswire.compare.quotes_across import _speaker_key
    from crosswire.read.quotes import Quote
    from crosswire.read.resolve import Resolution

    text = "Keller's critics say the pull-out hands the rebels victory. Prime Minister Anton Keller said no."
    said = text.index("Prime Minister")

    def quote(start: int, speaker: str) -> Quote:
        span = Span("a", start, start + len(speaker))
        return Quote(span, span, None, span, speaker, False, speaker_resolved=speaker)

    mentions = {"a": [("0", "6", "ent-keller"), (str(said + 15), str(said + 27), "ent-keller")]}
    critics = _speaker_key(quote(0, "Keller's critics"), text, Resolution([]), mentions)
    keller = _speaker_key(quote(said, "Prime Minister Anton Keller"), text, Resolution([]), mentions)
    assert keller == ("ent-keller", "Prime Minister Anton Keller")
    assert critics is not None and critics[0] != "ent-keller"
    titled = "Ruben Stahl, the spokesman, said the strikes go on."
    named = {"a": [("0", "11", "e")]}
    stahl = _speaker_key(quote(0, "Ruben Stahl, the spokesman"), titled, Resolution([]), named)
    assert stahl == ("e", "Ruben Stahl, the spokesman")  # an apposition after the name
