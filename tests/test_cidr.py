"""The CIDR table: sizes and ranges checked against numbers worked out by hand.

The tests run on made-up VPC rules (blocks from /18 to /26, 3 addresses reserved per subnet), not on
data/cidr.yml, so they show the code reads the rules from its data; test_real_data.py checks AWS's.
"""

from __future__ import annotations

import datetime as dt
import ipaddress

import pytest

from macros import cidr


def _data(prefixes: list[int]) -> cidr.CidrData:
    return cidr.CidrData.model_validate({
        "example_address": "192.168.77.200",
        "prefixes": prefixes,
        "vpc": {
            "min_prefix": 18,
            "max_prefix": 26,
            "reserved_per_subnet": 3,
            "verified": dt.date(2030, 1, 15),
            "source": "https://example.org/vpc-rules",
            "quote": "Blocks from /18 to /26; three addresses are reserved in each subnet.",
        },
    })


# prefix: (total addresses, usable in a subnet or None, first, last) — worked out by hand:
# 2^(32-n) addresses; a subnet loses 3 and is allowed from /18 to /26; the /n block around
# 192.168.77.200 starts at the address with its last 32-n bits cleared
# (/28: 200 = 1100 1000, keep 1100 -> 192, so .192-.207; /20: 77 = 0100 1101, keep 0100 -> 64,
# so .64.0-.79.255; /18: keep 01 -> 64, so .64.0-.127.255; /26: 200 = 11|00 1000 -> 192, .192-.255).
EXPECTED = {
    32: (1, None, "192.168.77.200", "192.168.77.200"),
    28: (16, None, "192.168.77.192", "192.168.77.207"),
    26: (64, 61, "192.168.77.192", "192.168.77.255"),
    24: (256, 253, "192.168.77.0", "192.168.77.255"),
    20: (4_096, 4_093, "192.168.64.0", "192.168.79.255"),
    18: (16_384, 16_381, "192.168.64.0", "192.168.127.255"),
    16: (65_536, None, "192.168.0.0", "192.168.255.255"),
    8: (16_777_216, None, "192.0.0.0", "192.255.255.255"),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_sizes_and_ranges_match_hand_computed_values(prefix: int) -> None:
    (row,) = cidr.rows(_data([prefix]))
    total, usable, first, last = EXPECTED[prefix]
    assert row.total == total
    assert row.usable_in_subnet == usable
    assert (row.first, row.last) == (ipaddress.IPv4Address(first), ipaddress.IPv4Address(last))


def test_vpc_limits_are_inclusive_at_both_ends() -> None:
    rows = {row.prefix: row for row in cidr.rows(_data([17, 18, 26, 27]))}
    assert rows[17].usable_in_subnet is None
    assert rows[18].usable_in_subnet == 16_381  # 16,384 - 3
    assert rows[26].usable_in_subnet == 61  # 64 - 3
    assert rows[27].usable_in_subnet is None


def test_rendered_table_uses_thousands_separators_and_names_fixed_octets() -> None:
    html = cidr.render(_data([32, 24, 20, 8, 4, 0]), "https://example.org/edit/main/data/cidr.yml")
    assert "<td>16,777,216</td>" in html  # /8: 2^24
    assert "<td>4,294,967,296</td>" in html  # /0: 2^32
    assert "<td>all 4 (192.168.77.200)</td>" in html  # /32
    assert "<td>first 3 (192.168.77)</td>" in html  # /24
    assert "<td>first 2 (192.168) and 4 bits of the third</td>" in html  # /20
    assert "<td>4 bits of the first</td>" in html  # /4
    assert "<td>none</td>" in html  # /0
    assert "<td>253</td>" in html  # /24: 256 - 3
    assert "not allowed in a VPC (only /18 to /26)" in html
    assert "AWS rule: VPC and subnet blocks from /18 to /26, 3 addresses reserved in every subnet" in html
    assert 'href="https://example.org/edit/main/data/cidr.yml"' in html
