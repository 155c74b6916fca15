"""The Snow Family table: statuses are impossible to miss, and who can order what is computed."""

from __future__ import annotations

import pytest

from macros import snow_family as sf
from macros._data import load
from tests._project import ROOT


@pytest.fixture(scope="module")
def snow() -> sf.SnowFamily:
    return load(ROOT / sf.FILE, sf.SnowFamily, root=ROOT)


def test_every_device_in_the_notes_is_listed(snow: sf.SnowFamily) -> None:
    names = " ".join(device.name for device in snow.devices)
    for expected in ("Snowcone (HDD)", "Snowcone SSD", "80 TB", "210 TB", "Compute Optimized", "Snowmobile"):
        assert expected in names


def test_no_device_is_orderable_by_new_customers_as_of_the_data(snow: sf.SnowFamily) -> None:
    assert {sf.orderable_by(d) for d in snow.devices} == {"no one", "existing customers only"}
    assert sf.orderable_by(snow.device("snowmobile")) == "no one"
    assert sf.orderable_by(snow.device("snowball-edge-storage-210tb")) == "existing customers only"


def test_statuses_render_with_their_date(snow: sf.SnowFamily) -> None:
    html = sf.render(snow, "https://example.org/x")
    assert "Discontinued since 2024-11-12" in html
    assert "Closed to new customers since 2025-11-07" in html
    assert "Retired (date unknown)" in html
    assert "status--retired" in html
    assert "by new customers: none" in html


def test_storage_is_shown_in_pb_above_1000_tb(snow: sf.SnowFamily) -> None:
    html = sf.render(snow, "https://example.org/x")
    assert "100 PB" in html
    assert "14 TB SSD" in html


def test_unconfirmed_and_unknown_values_say_so(snow: sf.SnowFamily) -> None:
    html = sf.render(snow, "https://example.org/x")
    assert "104 <em class=\"unconfirmed\">(unconfirmed)</em>" in html  # Compute Optimized vCPUs
    assert "<em>unknown</em>" in html  # 210 TB vCPUs are not published


def test_unknown_device_raises(snow: sf.SnowFamily) -> None:
    with pytest.raises(KeyError, match="unknown Snow device"):
        snow.device("snowblower")
