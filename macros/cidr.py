"""The CIDR block size table: addresses per prefix, computed, checked against the AWS VPC rules."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, model_validator

from macros import _html
from macros._data import Count, Evidence, Model

FILE = "data/cidr.yml"
IPV4_BITS = 32
OCTET_NAMES = ("first", "second", "third", "fourth")

Prefix = Annotated[int, Field(strict=True, ge=0, le=IPV4_BITS)]


class VpcRules(Evidence):
    """The prefix lengths a VPC or subnet may use, and the addresses AWS keeps in each subnet."""

    min_prefix: Prefix
    max_prefix: Prefix
    reserved_per_subnet: Count

    @model_validator(mode="after")
    def _ordered(self) -> VpcRules:
        if self.min_prefix > self.max_prefix:
            raise ValueError("min_prefix (the largest block) must not be longer than max_prefix")
        return self


class CidrData(Model):
    example_address: ipaddress.IPv4Address
    prefixes: Annotated[list[Prefix], Field(min_length=1)]
    vpc: VpcRules

    @model_validator(mode="after")
    def _unique(self) -> CidrData:
        if len(set(self.prefixes)) != len(self.prefixes):
            raise ValueError("a prefix length is listed twice")
        return self


@dataclass(frozen=True)
class CidrRow:
    prefix: int
    total: int
    usable_in_subnet: int | None  # None: the prefix is not allowed for a VPC subnet
    first: ipaddress.IPv4Address
    last: ipaddress.IPv4Address


def rows(data: CidrData) -> list[CidrRow]:
    return [_row(data, prefix) for prefix in data.prefixes]


def render(data: CidrData, edit_url: str) -> str:
    """The CIDR table as escaped HTML, with the data file and the VPC rule's source under it."""
    example = data.example_address
    headers = [
        "Prefix",
        "Fixed bits",
        "Fixed octets",
        "Addresses (2^(32−n))",
        "Usable in an AWS subnet",
        f"Range of the /n network containing {example}",
    ]
    body = [
        [
            f"/{row.prefix}",
            f"{row.prefix} of {IPV4_BITS}",
            _fixed_octets(example, row.prefix),
            f"{row.total:,}",
            _usable(row, data.vpc),
            f"{row.first} – {row.last}",
        ]
        for row in rows(data)
    ]
    rule = _html.text(
        f"AWS rule: VPC and subnet blocks from /{data.vpc.min_prefix} to /{data.vpc.max_prefix}, "
        f"{data.vpc.reserved_per_subnet} addresses reserved in every subnet"
    )
    footer = _html.data_footer(FILE, edit_url, rule, sources=[("VPC and subnet rules", data.vpc)])
    return _html.table(headers, body, label="CIDR block sizes") + "\n" + footer


def _row(data: CidrData, prefix: int) -> CidrRow:
    network = ipaddress.ip_network(f"{data.example_address}/{prefix}", strict=False)
    total = network.num_addresses
    allowed = data.vpc.min_prefix <= prefix <= data.vpc.max_prefix
    usable = total - data.vpc.reserved_per_subnet if allowed else None
    return CidrRow(prefix, total, usable, network.network_address, network.broadcast_address)


def _fixed_octets(example: ipaddress.IPv4Address, prefix: int) -> str:
    whole, extra_bits = divmod(prefix, 8)
    octets = str(example).split(".")
    if whole == 0 and extra_bits == 0:
        return "none"
    if extra_bits == 0:
        return f"{'all 4' if whole == 4 else f'first {whole}'} ({'.'.join(octets[:whole])})"
    partial = OCTET_NAMES[whole]
    if whole == 0:
        return f"{extra_bits} bits of the {partial}"
    return f"first {whole} ({'.'.join(octets[:whole])}) and {extra_bits} bits of the {partial}"


def _usable(row: CidrRow, vpc: VpcRules) -> str:
    if row.usable_in_subnet is None:
        return f"not allowed in a VPC (only /{vpc.min_prefix} to /{vpc.max_prefix})"
    return f"{row.usable_in_subnet:,}"
