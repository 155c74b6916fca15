"""The CIDR table: sizes and ranges checked against numbers worked out by hand."""

from __future__ import annotations

import ipaddress

import pytest

from macros import cidr
from macros._data import load
from sitetools.build import ROOT


@pytest.fixture(scope="module")
def data() -> cidr.CidrData:
    return load(ROOT / cidr.FILE, cidr.CidrData, root=ROOT)


def _data(prefixes: list[int]) -> cidr.CidrData:
    return cidr.CidrData.model_validate({
        "example_address": "10.100.100.0",
        "prefixes": prefixes,
        "vpc": {"min_prefix": 16, "max_prefix": 28, "reserved_per_subnet": 5,
                "verified": __import__("datetime").date(2026, 11, 22),
                "source": "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html",
                "quote": "The allowed block size is between a /16 netmask and /28 netmask."},
    })


# prefix: (total addresses, usable in an AWS subnet or None, first, last) — worked out by hand:
# 2^(32-n) addresses; a subnet loses 5; the /n block around 10.100.100.0 starts at the address
# with its last 32-n bits cleared (e.g. /20: 100 = 0110 0100, keep 0110 -> 96, so .96.0-.111.255).
EXPECTED = {
    32: (1, None, "10.100.100.0", "10.100.100.0"),
    28: (16, 11, "10.100.100.0", "10.100.100.15"),
    24: (256, 251, "10.100.100.0", "10.100.100.255"),
    20: (4_096, 4_091, "10.100.96.0", "10.100.111.255"),
    16: (65_536, 65_531, "10.100.0.0", "10.100.255.255"),
    8: (16_777_216, None, "10.0.0.0", "10.255.255.255"),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_sizes_and_ranges_match_hand_computed_values(prefix: int) -> None:
    (row,) = cidr.rows(_data([prefix]))
    total, usable, first, last = EXPECTED[prefix]
    assert row.total == total
    assert row.usable_in_subnet == usable
    assert (row.first, row.last) == (ipaddress.IPv4Address(first), ipaddress.IPv4Address(last))


def test_the_real_data_shows_at_least_the_prefixes_the_notes_need(data: cidr.CidrData) -> None:
    assert {32, 28, 24, 20, 16, 8} <= set(data.prefixes)


def test_vpc_limits_are_inclusive_at_both_ends() -> None:
    rows = {row.prefix: row for row in cidr.rows(_data([15, 16, 28, 29]))}
    assert rows[15].usable_in_subnet is None
    assert rows[16].usable_in_subnet == 65_531
    assert rows[28].usable_in_subnet == 11
    assert rows[29].usable_in_subnet is None


def test_rendered_table_uses_thousands_separators_and_names_fixed_octets(data: cidr.CidrData) -> None:
    html = cidr.render(data, "https://example.org/edit/main/data/cidr.yml")
    assert "<td>16,777,216</td>" in html
    assert "<td>first 3 (10.100.100)</td>" in html
    assert "<td>first 2 (10.100) and 4 bits of the third</td>" in html
    assert "not allowed in a VPC (only /16 to /28)" in html
    assert 'href="https://example.org/edit/main/data/cidr.yml"' in html
