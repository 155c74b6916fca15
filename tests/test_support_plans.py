"""Support plan prices: tier arithmetic, minimum fees and rounding, checked against hand-worked sums."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from macros import support_plans as sp
from macros._data import load
from sitetools.build import ROOT


@pytest.fixture(scope="module")
def plans() -> sp.SupportPlans:
    return load(ROOT / sp.FILE, sp.SupportPlans, root=ROOT)


def fee(plans: sp.SupportPlans, plan: str, spend: str) -> Decimal | None:
    return sp.monthly_fee(plans.plan(plan).pricing, Decimal(spend))


# Business: 10% of the first $10K, 7% to $80K, 5% to $250K, 3% above; at least $100.
@pytest.mark.parametrize(
    ("spend", "expected"),
    [
        ("5000", "500.00"),  # inside tier 1: 10% x 5,000
        ("10000", "1000.00"),  # tier 1 boundary
        ("20000", "1700.00"),  # 1,000 + 7% x 10,000
        ("50000", "3800.00"),  # 1,000 + 7% x 40,000 (the worked example)
        ("80000", "5900.00"),  # 1,000 + 4,900
        ("100000", "6900.00"),  # 5,900 + 5% x 20,000
        ("250000", "14400.00"),  # 5,900 + 8,500
        ("300000", "15900.00"),  # 14,400 + 3% x 50,000
        ("1000000", "36900.00"),  # 14,400 + 3% x 750,000
    ],
)
def test_business_tiers_add_up_like_tax_brackets(plans: sp.SupportPlans, spend: str, expected: str) -> None:
    assert fee(plans, "business", spend) == Decimal(expected)


# Enterprise: 10% of the first $150K, 7% to $500K, 5% to $1M, 3% above; at least $5,000 (reduced from $15,000).
@pytest.mark.parametrize(
    ("spend", "expected"),
    [
        ("250000", "22000.00"),  # 15,000 + 7% x 100,000
        ("750000", "52000.00"),  # 15,000 + 24,500 + 5% x 250,000 (12,500)
        ("1000000", "64500.00"),  # 15,000 + 24,500 + 25,000
        ("1200000", "70500.00"),  # + 3% x 200,000 (the worked example)
    ],
)
def test_enterprise_tiers(plans: sp.SupportPlans, spend: str, expected: str) -> None:
    assert fee(plans, "enterprise", spend) == Decimal(expected)


@pytest.mark.parametrize(
    ("plan", "spend", "expected"),
    [
        ("business", "999", "100.00"),  # 99.90 < $100 minimum
        ("business", "1001", "100.10"),  # the percentage takes over just above $1,000
        ("enterprise", "49999", "5000.00"),  # 4,999.90 < $5,000 minimum
        ("enterprise", "50001", "5000.10"),  # 10% x 50,001 = 5,000.10: the percentage takes over
        ("enterprise", "150001", "15000.07"),  # 15,000 + 7% x 1
        ("developer", "500", "29.00"),  # 3% = 15 < $29
        ("developer", "1000", "30.00"),
        ("enterprise_on_ramp", "50000", "5500.00"),  # 10% = 5,000 < $5,500
        ("enterprise_on_ramp", "60000", "6000.00"),
        ("basic", "1000000", "0.00"),
    ],
)
def test_where_the_minimum_fee_stops_applying(plans: sp.SupportPlans, plan: str, spend: str, expected: str) -> None:
    assert fee(plans, plan, spend) == Decimal(expected)


def test_rounding_is_half_up_to_cents(plans: sp.SupportPlans) -> None:
    # 10% of 1,000.05 = 100.005: half-up gives 100.01 (banker's rounding would give 100.00).
    assert fee(plans, "business", "1000.05") == Decimal("100.01")
    # 3% of 1,000.50 = 30.015 -> 30.02
    assert fee(plans, "developer", "1000.50") == Decimal("30.02")


def test_unknown_prices_are_none_not_zero(plans: sp.SupportPlans) -> None:
    assert fee(plans, "business_plus", "50000") is None  # tiers unconfirmed
    assert fee(plans, "unified_operations", "50000") is None  # nothing known


def test_unknown_plan_raises(plans: sp.SupportPlans) -> None:
    with pytest.raises(KeyError, match="unknown support plan 'gold'"):
        plans.plan("gold")


def text(fragment: str) -> str:
    """The words of an inline fragment, without its markup."""
    return BeautifulSoup(fragment, "html.parser").get_text()


def test_fee_text_for_prose(plans: sp.SupportPlans) -> None:
    assert text(sp.fee_text(plans, "business", 50000)) == "$3,800"
    assert text(sp.fee_text(plans, "enterprise", 1200000)) == "$70,500"
    assert text(sp.fee_text(plans, "enterprise", 150001)) == "$15,000.07"
    assert text(sp.fee_text(plans, "business_plus", 1000)) == "unknown"


def test_fee_text_is_marked_as_computed_so_the_figure_check_skips_it(plans: sp.SupportPlans) -> None:
    fee = sp.fee_text(plans, "business", 50000)
    assert BeautifulSoup(fee, "html.parser").span["class"] == ["from-data"]
    assert "secondary" in BeautifulSoup(sp.fee_text(plans, "enterprise", 1), "html.parser").span["title"]


def test_fee_working_comes_from_the_tiers(plans: sp.SupportPlans) -> None:
    fee = sp.fee_text(plans, "business", 50000)
    assert text(fee.working) == "10% of the first $10,000 ($1,000) plus 7% of the next $40,000 ($2,800)"
    assert text(fee.minimum) == "$100"
    assert text(fee.single_rates) == "at 10% the whole $50,000 would cost $5,000, and at 7% it would cost $3,500"
    assert text(sp.fee_text(plans, "developer", 2000).working) == "3% of $2,000 ($60)"
    assert text(sp.fee_text(plans, "business_plus", 0).minimum) == "$29"


def test_fee_breakdown_table_adds_up(plans: sp.SupportPlans) -> None:
    soup = BeautifulSoup(sp.fee_text(plans, "enterprise", 1200000).breakdown, "html.parser")
    rows = [[cell.get_text() for cell in row.select("th, td")] for row in soup.select("tbody tr")]
    assert rows == [
        ["first $150,000", "10%", "$15,000"],
        ["$150,000 to $500,000", "7%", "$24,500"],
        ["$500,000 to $1,000,000", "5%", "$25,000"],
        ["above $1,000,000 (here $200,000)", "3%", "$6,000"],
        ["Total", "", "$70,500"],
    ]
    assert "from-data" in soup.div["class"]
    assert "(secondary)" in soup.select_one("p.data-footer").get_text()


def test_working_needs_known_percentages(plans: sp.SupportPlans) -> None:
    with pytest.raises(ValueError, match="percentages are unknown"):
        _ = sp.fee_text(plans, "business_plus", 1000).working


def test_price_table_marks_minimums_and_unknowns(plans: sp.SupportPlans) -> None:
    html = sp.render_prices(plans, "https://example.org/data/support_plans.yml")
    assert "<td>$3,800</td>" in html  # Business at $50K
    assert "<td>$100 (minimum)</td>" in html  # Business at $1K: 10% = $100 = the minimum
    assert "<td>$5,000 (minimum)</td>" in html  # Enterprise at $1K
    assert "<td><em>unknown</em></td>" in html  # Unified Operations


def test_response_times_table(plans: sp.SupportPlans) -> None:
    html = sp.render_response_times(plans, "https://example.org/x")
    assert "&lt; 24 business hours" in html  # Developer, general guidance
    assert "&lt; 15 minutes" in html  # Enterprise, business-critical system down
    assert "&lt; 1 hour<" in html  # singular
    assert "not offered" in html  # Basic has no technical cases


def test_ending_plans_show_their_end_date(plans: sp.SupportPlans) -> None:
    html = sp.render_features(plans, "https://example.org/x")
    for plan in ("developer", "business", "enterprise_on_ramp"):
        assert plans.plan(plan).status.ends.isoformat() == "2027-01-01"
    assert html.count("ends 2027-01-01") == 3
    # The Business Support+ minimum: the one place that records both figures AWS pages show.
    assert "at least $29; percentages unknown" in html
    assert "$129/month minimum per account" in html
