"""The data model's derived values."""

from __future__ import annotations

from crosswire.model import UNKNOWN_OUTLET, Article


def test_outlet_label_prefers_stated_outlet_then_host_then_file_name() -> None:
    stated = Article("a1", "t", outlet="Meridian Wire", host="meridianwire.example")
    assert stated.outlet_label == "Meridian Wire"
    assert Article("a2", "t", outlet=UNKNOWN_OUTLET, host="cbn.example").outlet_label == "cbn.example"
    one = Article("a3", "t", outlet=UNKNOWN_OUTLET, source="/in/seeds/000_wapo.txt")
    two = Article("a4", "t", outlet=UNKNOWN_OUTLET, source="/in/seeds/004_presstv.txt")
    assert one.outlet_label == "unknown (000_wapo.txt)"
    assert one.outlet_label != two.outlet_label  # two unnamed reports stay two outlets


def test_an_unnamed_dataset_document_is_labelled_by_the_start_of_its_id() -> None:
    doc = Article("a5", "t", outlet=UNKNOWN_OUTLET, source="dataset:gvc/662672852b984c058a02869c92096d86")
    other = Article("a6", "t", outlet=UNKNOWN_OUTLET, source="dataset:gvc/772591405acd0c43d28f61c737d563a0")
    assert doc.outlet_label == "unknown (66267285)"
    assert other.outlet_label != doc.outlet_label
