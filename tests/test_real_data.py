"""A few named checks on the real data/ files: facts a reader of the site relies on.

The logic tests (test_support_plans.py, test_cidr.py, test_snow_family.py) run on made-up inputs so a
correct update in data/ never breaks them. The checks here are the exception: each one is a fact the
pages state in prose or a link between two files that no other check enforces, and it should change
only when AWS changes it. If one fails after an update you made on purpose, check the pages that
state the fact, then update the test with them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from macros import cidr, snow_family, support_plans
from macros.project import ProjectData, load_project
from sitetools.build import ROOT


@pytest.fixture(scope="module")
def data() -> ProjectData:
    return load_project(ROOT)  # validated and cross-checked, exactly as the build loads it


def test_a_24_subnet_has_251_usable_addresses(data: ProjectData) -> None:
    """networking/ip-addressing.md teaches the /24 example (256 addresses) and the table beside it
    subtracts AWS's reserved addresses; 251 is the number learners are asked for. It changes only if
    AWS changes how many addresses it keeps in each subnet."""
    (row,) = cidr.rows(data.cidr.model_copy(update={"prefixes": [24]}))
    assert (row.total, row.usable_in_subnet) == (256, 251)


def test_vpc_blocks_run_from_16_to_28(data: ProjectData) -> None:
    """The line under the CIDR table states AWS's rule, and the vpc page sends readers to it:
    a VPC or subnet block is at most a /16 (65,536 addresses) and at least a /28 (16)."""
    assert (data.cidr.vpc.min_prefix, data.cidr.vpc.max_prefix) == (16, 28)


def test_the_cidr_table_shows_the_prefixes_the_pages_discuss(data: ProjectData) -> None:
    """The prose points at rows of the table: a /32, the /24 example, "how many addresses a /20
    holds" (the home page), the /16 and /28 limits and the /8 the notes round to "16.7 million"."""
    assert {32, 28, 24, 20, 16, 8} <= set(data.cidr.prefixes)


def test_no_snow_device_can_be_ordered_by_new_customers(data: ProjectData) -> None:
    """migration/snow-family.md says only existing Snowball Edge customers can still order a device;
    the table's summary is computed from the statuses, so this checks the statuses say the same."""
    by_who = {d.id: snow_family.orderable_by(d) for d in data.snow.devices}
    assert "anyone" not in by_who.values()
    existing_only = {device for device, who in by_who.items() if who == "existing customers only"}
    assert existing_only == {"snowball-edge-storage-210tb", "snowball-edge-compute"}


def test_snow_statuses_are_linked_to_their_what_changed_entries(data: ProjectData) -> None:
    """load_project checks a device's status against the data/lifecycle.yml entry it links to, but
    only when it links one: a dropped link would let the table and the notice on every page that
    names the device drift apart without an error."""
    linked = {d.id: d.status.lifecycle for d in data.snow.devices if d.status.lifecycle}
    assert linked == {
        "snowcone-hdd": "snowcone", "snowcone-ssd": "snowcone", "snowball-edge-storage-210tb": "snowball-edge",
        "snowball-edge-compute": "snowball-edge", "snowmobile": "snowmobile",
    }


def test_legacy_support_plans_end_on_the_day_every_file_gives(data: ProjectData) -> None:
    """Three files state when Developer, Business and Enterprise On-Ramp end: the plan table
    (support_plans.yml), the What changed page (lifecycle.yml) and the prose (the fact
    legacy-support-plans-end). Nothing else checks that they agree."""
    ends = {
        "developer": "support-developer",
        "business": "support-business",
        "enterprise-on-ramp": "support-enterprise-on-ramp",
    }
    for plan_id, entry_id in ends.items():
        plan, entry = data.plans.plan(plan_id), data.changes.entry(entry_id)
        assert (plan.status.state, entry.change) == ("ending", "ending"), plan_id
        assert plan.status.ends == entry.date == dt.date(2027, 1, 1), plan_id
    assert data.facts["legacy-support-plans-end"].value == "2027-01-01"


def test_business_support_plus_has_a_minimum_but_no_known_percentages(data: ProjectData) -> None:
    """billing/support-plans.md says AWS gives no percentage above the Business Support+ minimum,
    and that one AWS page shows a different minimum, explained in the note under the features table.
    Both sentences are only true while the data says so."""
    plus = data.plans.plan("business-plus").pricing
    assert plus is not None and plus.tiers is None
    assert support_plans.monthly_fee(plus, 50000) is None
    assert plus.minimum_usd == 29
    assert plus.source_note is not None and "$129/month" in plus.source_note


def test_enterprise_minimum_is_lower_than_the_former_one_the_page_quotes(data: ProjectData) -> None:
    """The support plans page says Enterprise now has "a lower minimum" of the plan's minimum_usd,
    "reduced from" the fact enterprise-support-former-minimum: the two figures live in two files."""
    now = data.plans.plan("enterprise").pricing
    former = str(data.facts["enterprise-support-former-minimum"].value)  # "$15,000"
    assert now is not None
    assert now.minimum_usd < Decimal(former.removeprefix("$").replace(",", ""))
