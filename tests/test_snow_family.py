"""The Snow Family table: statuses are impossible to miss, and who can order what is computed.

The tests run on the made-up devices in SNOW_YAML and the made-up "What changed" entries in
CHANGES_YAML, not on data/, so a correct status update there never breaks them; test_real_data.py
checks the real devices.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import lifecycle
from macros import snow_family as sf
from macros._data import load
from macros._errors import DataError

# One device per status, and specs that exercise each way a value is shown.
SNOW_YAML = """\
as_of: 2030-01-15
devices:
  - id: icecube
    name: Icecube
    specs:
      storage_tb: 8
      storage_medium: HDD
      vcpus: 2
      memory_gib: 4
      typical_migration: up to 20 TB
      clustering: not supported
      datasync_agent: true
      verified: 2030-01-15
      source: https://example.org/icecube
      quote: Icecube holds 8 TB.
    status:
      state: available
      verified: 2030-01-15
      source: https://example.org/icecube
      quote: Icecube can be ordered.

  - id: slab
    name: Slab
    specs:
      storage_tb: 1500
      vcpus: 16
      typical_migration: up to petabytes
      datasync_agent: false
      verified: 2030-01-15
      source_note: Only learner notes give the specs.
      confidence: secondary
    status:
      state: closed_to_new_customers
      since: 2029-03-04
      lifecycle: slab-line
      note: Existing customers only.
      verified: 2030-01-15
      source: https://example.org/slab
      quote: Slab is closed to new customers.

  - id: floe
    name: Floe
    specs:
      storage_tb: 1000
      storage_medium: SSD
      verified: 2030-01-15
      source: https://example.org/floe
      quote: Floe holds 1,000 TB.
    status:
      state: discontinued
      since: 2028-06-30
      note: Replaced by Slab.
      verified: 2030-01-15
      source: https://example.org/floe
      quote: Floe is discontinued.

  - id: drift
    name: Drift
    specs:
      verified: 2030-01-15
      source: https://example.org/drift
      quote: Drift existed.
    status:
      state: discontinued
      verified: 2030-01-15
      source: https://example.org/drift
      quote: Drift is discontinued.

  - id: iceberg
    name: Iceberg
    specs:
      storage_tb: 100000
      storage_medium: (a truck)
      verified: 2030-01-15
      source: https://example.org/iceberg
      quote: Iceberg holds 100 PB.
    status:
      state: retired
      since_month: 2027-09
      lifecycle: iceberg-line
      verified: 2030-01-15
      source: https://example.org/iceberg
      quote: Iceberg was retired in September 2027.
"""

CHANGES_YAML = """\
as_of: 2030-01-15
entries:
  - id: slab-line
    service: Slab
    change: closed_to_new_customers
    date: 2029-03-04
    summary: Slab is available to existing customers only.
    identify: [Slab]
    verified: 2030-01-15
    source: https://example.org/slab
    quote: Slab is closed to new customers.
  - id: iceberg-line
    service: Iceberg
    change: retired
    month: 2027-09
    summary: Iceberg is no longer offered.
    identify: [Iceberg]
    verified: 2030-01-15
    source: https://example.org/iceberg
    quote: Iceberg was retired in September 2027.
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("snow")
    (path / "snow_family.yml").write_text(SNOW_YAML, encoding="utf-8")
    (path / "lifecycle.yml").write_text(CHANGES_YAML, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def snow(folder: Path) -> sf.SnowFamily:
    return load(folder / "snow_family.yml", sf.SnowFamily)


@pytest.fixture(scope="module")
def changes(folder: Path) -> lifecycle.Lifecycle:
    return load(folder / "lifecycle.yml", lifecycle.Lifecycle)


@pytest.fixture(scope="module")
def html(snow: sf.SnowFamily) -> str:
    return sf.render(snow, "https://example.org/x")


def shown(fragment: str) -> str:
    """What a reader sees: the text without markup (a date is a span of its own, not a word)."""
    return " ".join(BeautifulSoup(fragment, "html.parser").get_text().split())


@pytest.mark.parametrize(
    ("device", "who"),
    [
        ("icecube", "anyone"),  # available
        ("slab", "existing customers only"),  # closed to new customers
        ("floe", "no one"),  # discontinued
        ("iceberg", "no one"),  # retired
    ],
)
def test_who_can_order_follows_the_status(snow: sf.SnowFamily, device: str, who: str) -> None:
    assert sf.orderable_by(snow.device(device)) == who


def test_summary_names_who_can_order_what(snow: sf.SnowFamily, html: str) -> None:
    assert "Can be ordered as of 2030-01-15:" in shown(html)
    assert "by new customers: Icecube; by existing customers only: Slab." in html
    closed = snow.model_copy(update={"devices": [d for d in snow.devices if d.id != "icecube"]})
    assert "by new customers: none; by existing customers only: Slab." in sf.render(closed, "https://example.org/x")


def test_statuses_render_with_their_date(html: str) -> None:
    assert "Status (as of 2030-01-15)" in shown(html)
    assert "Discontinued since 2028-06-30" in shown(html)
    assert "Closed to new customers since 2029-03-04" in shown(html)
    assert "Retired since 2027-09" in shown(html)  # only the month is known
    assert '<span class="nowrap">2027-09</span>' in html  # a date never breaks at its hyphen
    assert "Discontinued (date unknown)" in html  # Drift: no date in the data
    assert "<strong>Available</strong>" in html  # an available device shows no date
    assert "status--retired" in html
    assert "status--closed-to-new-customers" in html
    assert "Replaced by Slab." in html  # the status note


def test_storage_is_shown_in_pb_from_1000_tb(html: str) -> None:
    assert "100 PB (a truck)" in html  # 100,000 TB / 1,000
    assert "1.5 PB" in html  # 1,500 TB
    assert "1 PB SSD" in html  # exactly 1,000 TB
    assert "8 TB HDD" in html  # below 1,000 TB


def test_unconfirmed_and_unknown_values_say_so(html: str) -> None:
    assert "16 <em class=\"secondary\">(secondary source)</em>" in html  # Slab's specs: learner notes only
    assert "<td><em>unknown</em></td>" in html  # Slab's memory, and all of Drift's specs
    assert "<td>pre-installed</td>" in html  # Icecube's DataSync agent
    assert "<td>no <em class=\"secondary\">(secondary source)</em></td>" in html  # Slab's


def test_sources_sit_under_the_table_not_in_it(html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    assert "Sources" not in [th.get_text() for th in soup.select("thead th")]
    line = shown(str(soup.select_one("p.data-footer")))
    assert line == "Sources: example.org (1) (2) (3) (4) (5) · verified 2030-01-15 · Data: data/snow_family.yml"
    rows = [shown(str(li)) for li in soup.select("details.data-sources li")]
    assert rows[:3] == ["Icecube, specs: (1)", "Icecube, status: (1)", "Slab, specs: no page to link (secondary source)"]
    assert "learner notes" not in html  # Slab's research note stays in data/


def test_unknown_device_raises(snow: sf.SnowFamily) -> None:
    with pytest.raises(KeyError, match="unknown Snow device"):
        snow.device("snowblower")


def test_statuses_that_agree_with_their_what_changed_entries_pass(
    snow: sf.SnowFamily, changes: lifecycle.Lifecycle
) -> None:
    sf.check_lifecycle(snow, changes)  # Slab and Iceberg agree with their entries; the rest link none


@pytest.mark.parametrize(
    ("device", "update", "message"),
    [
        (  # the date moved: the lifecycle entry says 2027-09
            "iceberg", {"since_month": "2027-10"},
            "data/snow_family.yml: entry iceberg, field status: retired since 2027-10 disagrees with "
            "data/lifecycle.yml entry 'iceberg-line': retired since 2027-09",
        ),
        (  # the kind of change differs: the lifecycle entry says closed to new customers
            "slab", {"state": "discontinued"},
            "data/snow_family.yml: entry slab, field status: discontinued since 2029-03-04 disagrees with "
            "data/lifecycle.yml entry 'slab-line': closed_to_new_customers since 2029-03-04",
        ),
    ],
)
def test_a_status_that_contradicts_its_lifecycle_entry_names_the_device(
    snow: sf.SnowFamily, changes: lifecycle.Lifecycle, device: str, update: dict[str, str], message: str
) -> None:
    with pytest.raises(DataError) as caught:
        sf.check_lifecycle(_with_status(snow, device, **update), changes)
    assert str(caught.value) == message


def test_a_status_that_names_a_missing_lifecycle_entry_fails(snow: sf.SnowFamily, changes: lifecycle.Lifecycle) -> None:
    broken = _with_status(snow, "slab", lifecycle="slab-typo")
    with pytest.raises(DataError, match=r"entry slab, field status.lifecycle: no entry 'slab-typo'"):
        sf.check_lifecycle(broken, changes)


def _with_status(snow: sf.SnowFamily, device_id: str, **changes: str) -> sf.SnowFamily:
    """A copy of the data with one device's status fields changed (the models are frozen)."""
    devices = [
        d.model_copy(update={"status": d.status.model_copy(update=changes)}) if d.id == device_id else d
        for d in snow.devices
    ]
    return snow.model_copy(update={"devices": devices})
