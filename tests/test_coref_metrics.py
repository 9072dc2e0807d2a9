"""MUC, B³, CEAF-e and CoNLL F1 on hand-computed examples from the literature."""

from __future__ import annotations

import pytest

from crosswire.eval.coref_metrics import b_cubed, ceaf_e, muc, score

# Pradhan et al. 2014 (ACL short paper), Figure 1: key {a b c} {d e f g}, response {a b} {c d} {f g h i}.
KEY_P14 = [set("abc"), set("defg")]
RSP_P14 = [set("ab"), set("cd"), set("fghi")]

# The reference scorer's CEAF test cases (conll/reference-coreference-scorers, test/TestCases.README).
KEY_TC = [{"a"}, {"b", "c"}, {"d", "e", "f"}]


def test_pradhan_2014_muc() -> None:
    # recall: {abc} -> {ab}{c}: 3-2=1; {defg} -> {d}{e}{fg}: 4-3=1; (1+1)/(2+3)
    # precision: {ab} 1, {cd} 0, {fghi} -> {fg}{h}{i}: 1; 2/(1+1+3)
    m = muc(KEY_P14, RSP_P14)
    assert m.recall == pytest.approx(0.4)
    assert m.precision == pytest.approx(0.4)
    assert m.f1 == pytest.approx(0.4)


def test_pradhan_2014_b_cubed() -> None:
    # recall: ((4+1)/3 + (1+4)/4) / 7 = 0.41667; precision: (4/2 + 2/2 + 4/4) / 8 = 0.5
    b = b_cubed(KEY_P14, RSP_P14)
    assert b.recall == pytest.approx((5 / 3 + 5 / 4) / 7)
    assert b.precision == pytest.approx(0.5)


def test_pradhan_2014_ceaf_e() -> None:
    # best alignment {abc}-{ab}: 2*2/5 = 0.8 and {defg}-{fghi}: 2*2/8 = 0.5; recall 1.3/2, precision 1.3/3
    c = ceaf_e(KEY_P14, RSP_P14)
    assert c.recall == pytest.approx(0.65)
    assert c.precision == pytest.approx(1.3 / 3)


def test_conll_is_mean_of_three() -> None:
    s = score(KEY_P14, RSP_P14)
    assert s.conll_f1 == pytest.approx((s.muc.f1 + s.b3.f1 + s.ceafe.f1) / 3)


def test_vilain_1995_muc_split_chain() -> None:
    # key {A B C D}; response {A B} {C D}: recall (4-2)/3, precision 1
    m = muc([set("ABCD")], [set("AB"), set("CD")])
    assert m.recall == pytest.approx(2 / 3)
    assert m.precision == pytest.approx(1.0)


def test_reference_tc1_perfect() -> None:
    s = score(KEY_TC, KEY_TC)
    assert s.muc.f1 == s.b3.f1 == s.ceafe.f1 == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("response", "recall", "precision"),
    [
        ([{"a"}, {"d", "e"}], 0.6, 0.9),  # TC2: missing mentions
        ([{"a"}, {"b", "c", "x"}, {"d", "e", "f", "y"}, {"z"}], 0.88571, 0.66429),  # TC3: false alarms
        ([{"a"}, {"b", "c", "x"}, {"d", "y"}, {"z"}], 0.73333, 0.55),  # TC4: both
    ],
)
def test_reference_ceaf_e_cases(response: list[set[str]], recall: float, precision: float) -> None:
    c = ceaf_e(KEY_TC, response)
    assert c.recall == pytest.approx(recall, abs=1e-5)
    assert c.precision == pytest.approx(precision, abs=1e-5)


def test_all_singletons_response() -> None:
    # no links predicted: MUC 0; B3 precision 1, recall (1 + 2*1/2 + 3*1/3) / 6 = 0.5
    s = score(KEY_TC, [{m} for m in "abcdef"])
    assert s.muc.f1 == 0.0
    assert s.b3.precision == pytest.approx(1.0)
    assert s.b3.recall == pytest.approx(0.5)


def test_everything_in_one_cluster() -> None:
    # MUC recall 1, precision (6-3)/5; B3 precision (1 + 4 + 9) / 36
    s = score(KEY_TC, [set("abcdef")])
    assert s.muc.recall == pytest.approx(1.0)
    assert s.muc.precision == pytest.approx(3 / 5)
    assert s.b3.precision == pytest.approx(14 / 36)
    assert s.b3.recall == pytest.approx(1.0)
