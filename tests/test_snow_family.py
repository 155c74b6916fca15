"""The Snow Family table: statuses are impossible to miss, and who can order what is computed."""

from __future__ import annotations

import pytest

from macros import lifecycle
from macros import snow_family as sf
from macros._data import load
from macros._errors import DataError
from sitetools.build import ROOT


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
    assert "Retired since 2024-04" in html  # only the month is known
    assert "status--retired" in html
    assert "by new customers: none" in html


def test_storage_is_shown_in_pb_above_1000_tb(snow: sf.SnowFamily) -> None:
    html = sf.render(snow, "https://example.org/x")
    assert "100 PB" in html
    assert "14 TB SSD" in html


def test_unconfirmed_and_unknown_values_say_so(snow: sf.SnowFamily) -> None:
    html = sf.render(snow, "https://example.org/x")
    assert "104 <em class=\"secondary\">(secondary source)</em>" in html  # Compute Optimized vCPUs: AWS's archive only
    assert "<em>unknown</em>" in html  # 210 TB vCPUs are not published


def test_unknown_device_raises(snow: sf.SnowFamily) -> None:
    with pytest.raises(KeyError, match="unknown Snow device"):
        snow.device("snowblower")


@pytest.fixture(scope="module")
def changes() -> lifecycle.Lifecycle:
    return load(ROOT / lifecycle.FILE, lifecycle.Lifecycle, root=ROOT)


def test_statuses_agree_with_the_what_changed_entries(snow: sf.SnowFamily, changes: lifecycle.Lifecycle) -> None:
    sf.check_lifecycle(snow, changes)  # the real data agrees
    linked = {d.id: d.status.lifecycle for d in snow.devices if d.status.lifecycle}
    assert linked == {
        "snowcone-hdd": "snowcone", "snowcone-ssd": "snowcone", "snowball-edge-storage-210tb": "snowball-edge",
        "snowball-edge-compute": "snowball-edge", "snowmobile": "snowmobile",
    }


def test_a_status_date_that_contradicts_its_lifecycle_entry_names_the_device(
    snow: sf.SnowFamily, changes: lifecycle.Lifecycle
) -> None:
    moved = _with_status(snow, "snowmobile", since_month="2024-05")  # the lifecycle entry says 2024-04
    with pytest.raises(DataError) as caught:
        sf.check_lifecycle(moved, changes)
    assert str(caught.value) == (
        "data/snow_family.yml: entry snowmobile, field status: retired since 2024-05 disagrees with "
        "data/lifecycle.yml entry 'snowmobile': retired since 2024-04"
    )


def test_a_status_that_names_a_missing_lifecycle_entry_fails(snow: sf.SnowFamily, changes: lifecycle.Lifecycle) -> None:
    broken = _with_status(snow, "snowcone-hdd", lifecycle="snowcone-typo")
    with pytest.raises(DataError, match=r"entry snowcone-hdd, field status.lifecycle: no entry 'snowcone-typo'"):
        sf.check_lifecycle(broken, changes)


def _with_status(snow: sf.SnowFamily, device_id: str, **changes: str) -> sf.SnowFamily:
    """A copy of the data with one device's status fields changed (the models are frozen)."""
    devices = [
        d.model_copy(update={"status": d.status.model_copy(update=changes)}) if d.id == device_id else d
        for d in snow.devices
    ]
    return snow.model_copy(update={"devices": devices})
