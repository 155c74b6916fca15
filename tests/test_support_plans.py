"""Support plan prices: tier arithmetic, minimum fees and rounding, checked against hand-worked sums.

Every test here runs on the made-up plans in PLANS_YAML, not on data/support_plans.yml, so a correct
price update in data/ never breaks them. A few facts of the real data are checked in test_real_data.py.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import support_plans as sp
from macros._data import load

# Made-up plans, one per kind of price the code handles:
# - alpha: 10% of the first $10,000, 5% from $10,000 to $50,000, 2% above; at least $100 (tiered, ending)
# - beta: 4% of all spend; at least $30 (one rate, ending, business-hours response times)
# - gamma: 8% to $100,000, 6% to $400,000, 4% above; at least $5,000 (tiered, secondary source)
# - free: no charge and no technical cases
# - delta: at least $29, percentages unknown (a new plan, the upgrade path of alpha and beta)
# - omega: nothing known about the price or the response times
PLANS_YAML = """\
as_of: 2030-01-15
severities:
  - {id: routine, name: Routine question}
  - {id: urgent, name: Urgent problem}
  - {id: critical, name: Critical outage}
example_spends_usd: [1000, 50000]
plans:
  - id: alpha
    name: Alpha
    status:
      state: ending
      ends: 2031-01-01
      replaced_by: delta
      verified: 2030-01-15
      source: https://example.org/alpha/status
      quote: Alpha ends on 2031-01-01.
    pricing:
      minimum_usd: 100
      tiers:
        - {rate_percent: 10, up_to_usd: 10000}
        - {rate_percent: 5, up_to_usd: 50000}
        - {rate_percent: 2}
      verified: 2030-01-15
      source: https://example.org/alpha/price
      quote: Greater of $100 or 10%, 5% and 2% by tier.
    response_times:
      times:
        urgent: {hours: 4}
        critical: {hours: 1}
      verified: 2030-01-15
      source: https://example.org/alpha/response
      quote: Alpha answers within the hour.
    trusted_advisor: full
    tam: none
    access: Phone and email

  - id: beta
    name: Beta
    status:
      state: ending
      ends: 2031-01-01
      replaced_by: delta
      verified: 2030-01-15
      source: https://example.org/beta/status
      quote: Beta ends on 2031-01-01.
    pricing:
      minimum_usd: 30
      tiers:
        - rate_percent: 4
      verified: 2030-01-15
      source: https://example.org/beta/price
      quote: Greater of $30 or 4%.
    response_times:
      times:
        routine: {hours: 24, business_hours: true}
      verified: 2030-01-15
      source: https://example.org/beta/response
      quote: Beta answers within a business day.
    trusted_advisor: core
    tam: none
    access: Business-hours email

  - id: gamma
    name: Gamma
    status:
      state: available
      verified: 2030-01-15
      source: https://example.org/gamma/status
      quote: Gamma is available.
    pricing:
      minimum_usd: 5000
      tiers:
        - {rate_percent: 8, up_to_usd: 100000}
        - {rate_percent: 6, up_to_usd: 400000}
        - {rate_percent: 4}
      verified: 2030-01-15
      source: https://example.org/gamma/price
      source_note: The rates come from an older page.
      confidence: secondary
    response_times:
      times:
        urgent: {hours: 4}
        critical: {minutes: 15}
      verified: 2030-01-15
      source: https://example.org/gamma/response
      quote: Gamma answers critical cases within 15 minutes.
    trusted_advisor: full
    tam: designated
    access: 24/7 phone

  - id: free
    name: Free
    status:
      state: available
      verified: 2030-01-15
      source: https://example.org/free
      quote: Free is included.
    pricing:
      minimum_usd: 0
      tiers: []
      verified: 2030-01-15
      source: https://example.org/free
      quote: Free is included.
    response_times:
      times: {}
      verified: 2030-01-15
      source: https://example.org/free
      quote: Free has no technical cases.
    trusted_advisor: core
    tam: none
    access: Forums only

  - id: delta
    name: Delta
    status:
      state: new
      note: Upgrade path for Alpha and Beta.
      verified: 2030-01-15
      source: https://example.org/delta
      quote: Delta is new.
    pricing:
      minimum_usd: 29
      tiers: null
      verified: 2030-01-15
      source: https://example.org/delta/price
      quote: Delta starts at $29 a month.
      source_note: One copy of the page reads $129, a conversion error.
    response_times: null
    trusted_advisor: unknown
    tam: unknown
    access: 24/7 experts

  - id: omega
    name: Omega
    status:
      state: new
      verified: 2030-01-15
      source: https://example.org/omega
      quote: Omega is new.
    pricing: null
    response_times: null
    trusted_advisor: unknown
    tam: unknown
    access: unknown
"""


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> sp.SupportPlans:
    path: Path = tmp_path_factory.mktemp("plans") / "support_plans.yml"
    path.write_text(PLANS_YAML, encoding="utf-8")
    return load(path, sp.SupportPlans)


def fee(plans: sp.SupportPlans, plan: str, spend: str) -> Decimal | None:
    return sp.monthly_fee(plans.plan(plan).pricing, Decimal(spend))


# Alpha: 10% of the first $10K (at most $1,000), 5% to $50K (at most $2,000), 2% above.
@pytest.mark.parametrize(
    ("spend", "expected"),
    [
        ("5000", "500.00"),  # inside tier 1: 10% x 5,000
        ("10000", "1000.00"),  # tier 1 boundary
        ("20000", "1500.00"),  # 1,000 + 5% x 10,000
        ("50000", "3000.00"),  # 1,000 + 5% x 40,000 (2,000): tier 2 boundary
        ("80000", "3600.00"),  # 3,000 + 2% x 30,000
        ("1000000", "22000.00"),  # 3,000 + 2% x 950,000 (19,000)
    ],
)
def test_tiers_add_up_like_tax_brackets(plans: sp.SupportPlans, spend: str, expected: str) -> None:
    assert fee(plans, "alpha", spend) == Decimal(expected)


# Gamma: 8% of the first $100K (at most $8,000), 6% to $400K (at most $18,000), 4% above.
@pytest.mark.parametrize(
    ("spend", "expected"),
    [
        ("250000", "17000.00"),  # 8,000 + 6% x 150,000 (9,000)
        ("400000", "26000.00"),  # 8,000 + 18,000
        ("500000", "30000.00"),  # 26,000 + 4% x 100,000 (the breakdown below)
    ],
)
def test_tiers_of_a_second_plan(plans: sp.SupportPlans, spend: str, expected: str) -> None:
    assert fee(plans, "gamma", spend) == Decimal(expected)


@pytest.mark.parametrize(
    ("plan", "spend", "expected"),
    [
        ("alpha", "999", "100.00"),  # 10% = 99.90 < $100 minimum
        ("alpha", "1000", "100.00"),  # 10% = 100.00: the percentage and the minimum meet
        ("alpha", "1001", "100.10"),  # the percentage takes over just above $1,000
        ("gamma", "62499", "5000.00"),  # 8% = 4,999.92 < $5,000 minimum
        ("gamma", "62501", "5000.08"),  # 8% x 62,501 = 5,000.08: the percentage takes over
        ("gamma", "100001", "8000.06"),  # 8,000 + 6% x 1
        ("beta", "500", "30.00"),  # 4% = 20 < $30
        ("beta", "1000", "40.00"),  # 4% = 40 > $30
        ("free", "1000000", "0.00"),  # no tiers, no minimum
    ],
)
def test_where_the_minimum_fee_stops_applying(plans: sp.SupportPlans, plan: str, spend: str, expected: str) -> None:
    assert fee(plans, plan, spend) == Decimal(expected)


def test_rounding_is_half_up_to_cents(plans: sp.SupportPlans) -> None:
    # 10% of 1,000.05 = 100.005: half-up gives 100.01 (banker's rounding would give 100.00).
    assert fee(plans, "alpha", "1000.05") == Decimal("100.01")
    # 4% of 1,000.625 = 40.025: half-up gives 40.03 (banker's rounding would give 40.02).
    assert fee(plans, "beta", "1000.625") == Decimal("40.03")


def test_unknown_prices_are_none_not_zero(plans: sp.SupportPlans) -> None:
    assert fee(plans, "delta", "50000") is None  # a minimum, but no percentages
    assert fee(plans, "omega", "50000") is None  # nothing known


def test_unknown_plan_raises(plans: sp.SupportPlans) -> None:
    with pytest.raises(KeyError, match="unknown support plan 'gold'"):
        plans.plan("gold")


def text(fragment: str) -> str:
    """The words of an inline fragment, without its markup."""
    return BeautifulSoup(fragment, "html.parser").get_text()


def test_fee_text_for_prose(plans: sp.SupportPlans) -> None:
    assert text(sp.fee_text(plans, "alpha", 50000)) == "$3,000"  # 1,000 + 2,000
    assert text(sp.fee_text(plans, "gamma", 500000)) == "$30,000"  # 8,000 + 18,000 + 4,000
    assert text(sp.fee_text(plans, "gamma", 100001)) == "$8,000.06"  # cents shown when there are some
    assert text(sp.fee_text(plans, "delta", 1000)) == "unknown"


def test_fee_text_is_marked_as_computed_so_the_figure_check_skips_it(plans: sp.SupportPlans) -> None:
    span = BeautifulSoup(sp.fee_text(plans, "alpha", 50000), "html.parser").span
    assert span["class"] == ["from-data"]
    assert span["title"] == "computed from data/support_plans.yml, verified 2030-01-15"
    assert "secondary" in BeautifulSoup(sp.fee_text(plans, "gamma", 1), "html.parser").span["title"]


def test_fee_working_comes_from_the_tiers(plans: sp.SupportPlans) -> None:
    fee = sp.fee_text(plans, "alpha", 20000)
    assert text(fee.working) == "10% of the first $10,000 ($1,000) plus 5% of the next $10,000 ($500)"
    assert text(fee.minimum) == "$100"
    # the usual mistake: 10% x 20,000 = 2,000 and 5% x 20,000 = 1,000
    assert text(fee.single_rates) == "at 10% the whole $20,000 would cost $2,000, and at 5% it would cost $1,000"
    # into the open-ended tier: 1,000 + 5% x 40,000 (2,000) + 2% x 30,000 (600)
    assert text(sp.fee_text(plans, "alpha", 80000).working) == (
        "10% of the first $10,000 ($1,000) plus 5% of the next $40,000 ($2,000) plus 2% of the next $30,000 ($600)"
    )
    assert text(sp.fee_text(plans, "beta", 2000).working) == "4% of $2,000 ($80)"  # one rate: no "first"
    assert text(sp.fee_text(plans, "delta", 0).minimum) == "$29"  # known even without percentages


def test_fee_breakdown_table_adds_up(plans: sp.SupportPlans) -> None:
    soup = BeautifulSoup(sp.fee_text(plans, "gamma", 500000).breakdown, "html.parser")
    rows = [[cell.get_text() for cell in row.select("th, td")] for row in soup.select("tbody tr")]
    assert rows == [
        ["first $100,000", "8%", "$8,000"],  # 8% x 100,000
        ["$100,000 to $400,000", "6%", "$18,000"],  # 6% x 300,000
        ["above $400,000 (here $100,000)", "4%", "$4,000"],  # 4% x 100,000
        ["Total", "", "$30,000"],
    ]
    assert "from-data" in soup.div["class"]
    footer = " ".join(soup.select_one("p.data-footer").get_text().split())
    assert footer == "Gamma rates · Sources: example.org (1) (secondary source) · verified 2030-01-15 · Data: data/support_plans.yml"
    assert soup.select_one("p.data-footer a")["href"] == "https://example.org/gamma/price"
    assert "older page" not in str(soup)  # the research note stays in data/


def test_working_needs_known_percentages(plans: sp.SupportPlans) -> None:
    with pytest.raises(ValueError, match="percentages are unknown"):
        _ = sp.fee_text(plans, "delta", 1000).working


def cells(html: str) -> dict[tuple[str, str], str]:
    """The text of every body cell of the first table, by (row header, column header)."""
    table = BeautifulSoup(html, "html.parser").table
    for br in table.find_all("br"):
        br.replace_with(" ")
    words = lambda tag: " ".join(tag.get_text().split())  # noqa: E731
    columns = [words(th) for th in table.select("thead th")]
    found = {}
    for tr in table.select("tbody tr"):
        row = tr.find_all(["th", "td"])
        found.update({(words(row[0]), column): words(cell) for column, cell in zip(columns[1:], row[1:], strict=True)})
    return found


def test_price_table_marks_minimums_and_unknowns(plans: sp.SupportPlans) -> None:
    html = sp.render_prices(plans, "https://example.org/data/support_plans.yml")
    fees = cells(html)
    assert fees["$50,000", "Alpha ends 2031-01-01"] == "$3,000"  # 1,000 + 2,000
    assert fees["$1,000", "Alpha ends 2031-01-01"] == "$100 (minimum)"  # 10% = $100 = the minimum
    assert fees["$1,000", "Gamma"] == "$5,000 (minimum) (secondary source)"  # 8% = $80 < $5,000; older page
    assert fees["$1,000", "Beta ends 2031-01-01"] == "$40"  # 4% = $40 > $30
    assert fees["$1,000", "Free"] == "$0"  # a zero fee is no minimum
    assert fees["$1,000", "Delta new plan"] == fees["$1,000", "Omega new plan"] == "unknown"
    assert "<td><em>unknown</em></td>" in html
    # A price never breaks across lines: each amount is one unbreakable span.
    assert '<td><span class="nowrap">$3,000</span></td>' in html


def test_response_times_table(plans: sp.SupportPlans) -> None:
    html = sp.render_response_times(plans, "https://example.org/x")
    assert "&lt; 24 business hours" in html  # Beta, routine
    assert "&lt; 15 minutes" in html  # Gamma, critical
    assert "&lt; 1 hour<" in html  # Alpha, critical: singular
    assert "not offered" in html  # Free has no technical cases; Alpha and Gamma skip routine
    assert "<td><em>unknown</em></td>" in html  # Delta and Omega: response times not known


def test_features_table_shows_end_dates_and_price_rules(plans: sp.SupportPlans) -> None:
    html = sp.render_features(plans, "https://example.org/x")
    shown = " ".join(text(html).split())
    assert shown.count("ends 2031-01-01") == 2  # Alpha and Beta, in the header
    assert "no longer offered from 2031-01-01; upgrade path: Delta" in shown
    assert "greater of $100 or 10% from $0 to $10,000; 5% from $10,000 to $50,000; 2% over $50,000" in shown
    assert "greater of $30 or 4% of AWS charges" in shown  # one rate
    assert "<td>free</td>" in html
    assert "at least $29; percentages unknown" in shown
    assert cells(html)["Monthly price", "Gamma"] == (
        "greater of $5,000 or 8% from $0 to $100,000; 6% from $100,000 to $400,000; 4% over $400,000 (secondary source)"
    )


def test_features_table_sources_sit_under_it_without_research_notes(plans: sp.SupportPlans) -> None:
    html = sp.render_features(plans, "https://example.org/x")
    soup = BeautifulSoup(html, "html.parser")
    assert [" ".join(th.get_text().split()) for th in soup.select("tbody th")][-1] == "Technical Account Manager"  # no Sources row
    line = " ".join(soup.select_one("p.data-footer").get_text().split())
    assert line == (
        "Sources: example.org (1) (2) (3) (4) (5) (6) (7) (8) (9) (10) (11) (12) (13) · verified 2030-01-15 · Data: data/support_plans.yml"
    )
    assert line.count("verified") == 1
    rows = [" ".join(li.get_text().split()) for li in soup.select("details.data-sources li")]
    assert "Gamma, price: (8) (secondary source)" in rows
    assert "Alpha, status: (1)" in rows and len(rows) == 15  # status, price and response times of each plan that has them
    assert "Free, response times: (10)" in rows  # one page backs all three of Free's: one number
    # Research notes stay in data/: neither the note nor the $129 it mentions reaches the page.
    assert "conversion error" not in html and "older page" not in html
