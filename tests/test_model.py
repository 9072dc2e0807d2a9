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
