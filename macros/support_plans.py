"""AWS Support plans: features, response times and the monthly price, all from data/support_plans.yml.

Prices are computed tier by tier like tax brackets, in Decimal, rounded half-up to cents, and then
the plan's monthly minimum applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from macros import _html
from macros._data import (
    STATUS_LABELS,
    Count,
    Date,
    Evidence,
    Flag,
    Model,
    NonNegative,
    Percent,
    Slug,
    Text,
    check_unique_ids,
    find_by_id,
)

FILE = "data/support_plans.yml"
CENT = Decimal("0.01")
HUNDRED = Decimal(100)

PlanState = Literal["available", "ending", "new"]
TrustedAdvisor = Literal["core", "full", "unknown"]
Tam = Literal["none", "pool", "designated", "unknown"]
Id = Slug  # one id syntax across data/: lowercase words joined by hyphens

TA_LABELS = {"core": "Core checks only", "full": "Full set of checks", "unknown": "Unknown"}
TAM_LABELS = {
    "none": "No",
    "pool": "Pool of TAMs",
    "designated": "Designated TAM",
    "unknown": "Unknown",
}


class Tier(Model):
    """A bracket of monthly AWS spend charged at `rate_percent`; the last one has no upper bound."""

    rate_percent: Percent
    up_to_usd: NonNegative | None = None


class Pricing(Evidence):
    minimum_usd: NonNegative
    tiers: list[Tier] | None  # None: the percentages are not known

    @model_validator(mode="after")
    def _tiers_in_order(self) -> Pricing:
        tiers = self.tiers or []
        bounds = [tier.up_to_usd for tier in tiers]
        if None in bounds[:-1]:
            raise ValueError("only the last tier may leave out up_to_usd")
        if tiers and bounds[-1] is not None:
            raise ValueError("the last tier must leave out up_to_usd (it has no upper bound)")
        known = [bound for bound in bounds if bound is not None]
        if any(b >= a for a, b in zip(known[1:], known, strict=False)) or any(b <= 0 for b in known):
            raise ValueError("tiers must be listed in order of up_to_usd, each above the one before")
        return self


class ResponseTime(Model):
    hours: Count | None = None
    minutes: Count | None = None
    business_hours: Flag = False

    @model_validator(mode="after")
    def _one_unit(self) -> ResponseTime:
        if (self.hours is None) == (self.minutes is None):
            raise ValueError("give exactly one of hours or minutes")
        return self

    def __str__(self) -> str:
        amount, unit = (self.hours, "hour") if self.hours is not None else (self.minutes, "minute")
        unit = f"business {unit}" if self.business_hours else unit
        return f"< {amount} {unit}{'' if amount == 1 else 's'}"


class ResponseTimes(Evidence):
    times: dict[Id, ResponseTime]  # a severity left out is not offered by the plan


class PlanStatus(Evidence):
    state: PlanState
    ends: Date | None = None
    replaced_by: Id | None = None
    note: Text | None = None


class Plan(Model):
    id: Id
    name: Text
    status: PlanStatus
    pricing: Pricing | None  # None: nothing about the price is known
    response_times: ResponseTimes | None
    trusted_advisor: TrustedAdvisor
    tam: Tam
    access: Text  # how and when technical support can be reached


class Severity(Model):
    id: Id
    name: Text


class SupportPlans(Model):
    as_of: Date
    severities: Annotated[list[Severity], Field(min_length=1)]
    example_spends_usd: Annotated[list[NonNegative], Field(min_length=1)]
    plans: Annotated[list[Plan], Field(min_length=1)]

    @model_validator(mode="after")
    def _references_resolve(self) -> SupportPlans:
        check_unique_ids(self.plans, "plans")
        ids = [plan.id for plan in self.plans]
        severities = {severity.id for severity in self.severities}
        for plan in self.plans:
            if plan.status.replaced_by and plan.status.replaced_by not in ids:
                raise ValueError(f"plan {plan.id}: replaced_by names unknown plan {plan.status.replaced_by!r}")
            unknown = set(plan.response_times.times) - severities if plan.response_times else set()
            if unknown:
                raise ValueError(f"plan {plan.id}: unknown severity {sorted(unknown)[0]!r}")
        return self

    def plan(self, plan_id: str) -> Plan:
        return find_by_id(self.plans, plan_id, "support plan")


def tiered_charge(tiers: list[Tier], spend: Decimal) -> Decimal:
    """The sum over tiers of rate × the part of `spend` inside the tier, rounded half-up to cents
    once, on the total (each slice's own `charge` is rounded for display only)."""
    total = sum((part.size * part.rate_percent / HUNDRED for part in slices(tiers, spend)), Decimal(0))
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def monthly_fee(pricing: Pricing | None, spend: Decimal | int | str) -> Decimal | None:
    """The monthly fee at `spend` dollars of AWS usage, or None when the plan's price is unknown."""
    if pricing is None or pricing.tiers is None:
        return None
    amount = Decimal(str(spend))
    if amount < 0:
        raise ValueError(f"monthly spend cannot be negative: {spend}")
    return max(tiered_charge(pricing.tiers, amount), pricing.minimum_usd.quantize(CENT))


def usd(amount: Decimal) -> str:
    """$1,234.50; whole dollars drop the cents ($3,800)."""
    amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    return f"${amount:,.0f}" if amount == amount.to_integral_value() else f"${amount:,.2f}"


def fee_text(data: SupportPlans, plan_id: str, spend: Decimal | int | str) -> FeeText:
    """The fee of one plan at one spend for prose, e.g. '$3,800', with its working (see FeeText)."""
    return FeeText(data.plan(plan_id), spend)


@dataclass(frozen=True)
class Slice:
    """The part of a spend that falls inside one tier, and what it costs at that tier's rate."""

    lower: Decimal
    upper: Decimal
    rate_percent: Decimal
    open_ended: bool  # the last tier, which has no upper bound

    @property
    def size(self) -> Decimal:
        return self.upper - self.lower

    @property
    def charge(self) -> Decimal:
        return (self.size * self.rate_percent / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def slices(tiers: list[Tier], spend: Decimal) -> list[Slice]:
    """The slices of `spend`, tier by tier, that tiered_charge adds up (empty slices left out)."""
    found, lower = [], Decimal(0)
    for tier in tiers:
        upper = spend if tier.up_to_usd is None else min(spend, tier.up_to_usd)
        if upper > lower:
            found.append(Slice(lower, upper, tier.rate_percent, tier.up_to_usd is None))
        if tier.up_to_usd is None or spend <= tier.up_to_usd:
            break
        lower = tier.up_to_usd
    return found


class FeeText(str):
    """What `{{ support_fee(plan, spend) }}` prints: the fee as an inline fragment, '$3,800'.

    It is the fee, computed from data/support_plans.yml, in a `from-data` span (so the stray-figure
    check knows no one typed it), and its attributes show the arithmetic behind it from the same
    tiers, so a worked example never types an AWS rate or tier bound:

    - `.minimum`: the plan's monthly minimum, '$100'
    - `.working`: '10% of the first $10,000 ($1,000) plus 7% of the next $40,000 ($2,800)'
    - `.single_rates`: the usual mistake, the whole spend at the first rate and at the last one
    - `.breakdown`: a table of the slices, with the evidence for the rates under it
    """

    plan: Plan
    spend: Decimal
    amount: Decimal | None

    def __new__(cls, plan: Plan, spend: Decimal | int | str) -> FeeText:
        amount = Decimal(str(spend))
        fee = monthly_fee(plan.pricing, amount)
        self = super().__new__(cls, _inline("unknown" if fee is None else usd(fee), plan.pricing))
        self.plan, self.spend, self.amount = plan, amount, fee
        return self

    @property
    def minimum(self) -> str:
        pricing = self.plan.pricing
        return _inline("unknown" if pricing is None else usd(pricing.minimum_usd), pricing)

    @property
    def working(self) -> str:
        parts = []
        for index, part in enumerate(self._slices()):
            if part.open_ended and index == 0:
                where = f"{usd(part.size)}"
            else:
                where = f"the {'first' if index == 0 else 'next'} {usd(part.size)}"
            parts.append(f"{part.rate_percent:g}% of {where} ({usd(part.charge)})")
        return _inline(" plus ".join(parts), self._pricing())

    @property
    def single_rates(self) -> str:
        found = self._slices()
        rates = [found[0].rate_percent] + ([found[-1].rate_percent] if len(found) > 1 else [])
        wrong = [f"at {rate:g}% {what} would cost {usd(self.spend * rate / HUNDRED)}" for rate, what in zip(
            rates, [f"the whole {usd(self.spend)}", "it"], strict=False
        )]
        return _inline(", and ".join(wrong), self._pricing())

    @property
    def breakdown(self) -> str:
        rows: list[list[_html.Cell]] = []
        for index, part in enumerate(self._slices()):
            if index == 0 and not part.open_ended:
                label = f"first {usd(part.upper)}"
            elif part.open_ended:
                label = f"above {usd(part.lower)} (here {usd(part.size)})"
            else:
                label = f"{usd(part.lower)} to {usd(part.upper)}"
            rows.append([label, f"{part.rate_percent:g}%", usd(part.charge)])
        rows.append(["Total", "", "unknown" if self.amount is None else usd(self.amount)])
        table = _html.table(
            ["Slice of spend", "Rate", "Fee for the slice"], rows, css_class="data-table support-table from-data",
            label=f"{self.plan.name} fee at {usd(self.spend)} of monthly spend, slice by slice",
        )
        footer = _html.data_footer(FILE, None, f"{self.plan.name} rates", sources=[(f"{self.plan.name}, price", self._pricing())])
        return table + "\n" + footer

    def _pricing(self) -> Pricing:
        pricing = self.plan.pricing
        if pricing is None or pricing.tiers is None:
            raise ValueError(f"support plan {self.plan.id!r}: its percentages are unknown, so there is no working to show")
        return pricing

    def _slices(self) -> list[Slice]:
        return slices(self._pricing().tiers or [], self.spend)


def _inline(text: str, evidence: Evidence | None) -> str:
    """An inline span for prose, marked as computed from data, with how sure the data is."""
    title = f"computed from {FILE}"
    if evidence is not None:
        title += f", verified {evidence.verified.isoformat()}"
        if evidence.confidence != "official":
            title += f", {evidence.confidence}"
    return str(_html.tag("span", text, class_="from-data", title=title))


def render_features(data: SupportPlans, edit_url: str) -> str:
    headers: list[_html.Cell] = ["Feature", *(_plan_header(plan) for plan in data.plans)]
    rows: list[list[_html.Cell]] = [
        ["Status", *(_status(plan.status, data) for plan in data.plans)],
        ["Monthly price", *(_price_rule(plan.pricing) for plan in data.plans)],
        ["Technical support", *(plan.access for plan in data.plans)],
        ["Trusted Advisor", *(TA_LABELS[plan.trusted_advisor] for plan in data.plans)],
        ["Technical Account Manager", *(TAM_LABELS[plan.tam] for plan in data.plans)],
    ]
    table = _html.table(headers, rows, css_class="data-table support-table", label="Support plan features")
    sources = [(f"{plan.name}, {label}", evidence) for plan in data.plans for label, evidence in _evidence_items(plan)]
    return _wrap(table, edit_url, sources, "Source of each plan's status, price and response times")


def render_response_times(data: SupportPlans, edit_url: str) -> str:
    headers: list[_html.Cell] = ["Case severity", *(_plan_header(plan) for plan in data.plans)]
    rows = [
        [severity.name, *(_response(plan, severity.id) for plan in data.plans)]
        for severity in data.severities
    ]
    table = _html.table(headers, rows, css_class="data-table support-table", label="Support response times")
    sources = [(plan.name, plan.response_times) for plan in data.plans if plan.response_times is not None]
    return _wrap(table, edit_url, sources, "Source of each plan's response times")


def render_prices(data: SupportPlans, edit_url: str) -> str:
    headers: list[_html.Cell] = ["Monthly AWS spend", *(_plan_header(plan) for plan in data.plans)]
    rows = [
        [usd(spend), *(_fee_cell(plan, spend) for plan in data.plans)]
        for spend in data.example_spends_usd
    ]
    note = _html.text("Fees computed tier by tier, rounded half-up to cents, then the monthly minimum applied.")
    table = _html.table(headers, rows, css_class="data-table support-table", label="Support fees at example monthly spends")
    sources = [(plan.name, plan.pricing) for plan in data.plans if plan.pricing is not None]
    return _wrap(table, edit_url, sources, "Source of each plan's price", note)


def _wrap(table: str, edit_url: str, sources: list[_html.Sourced], each: str, *extra: _html.Cell) -> str:
    return table + "\n" + _html.data_footer(FILE, edit_url, *extra, sources=sources, each=each)


def _plan_header(plan: Plan) -> _html.Markup:
    if plan.status.state == "ending" and plan.status.ends:
        return _html.join(plan.name, _html.BR, _html.tag("small", f"ends {plan.status.ends.isoformat()}"))
    if plan.status.state == "new":
        return _html.join(plan.name, _html.BR, _html.tag("small", "new plan"))
    return _html.text(plan.name)


def _status(status: PlanStatus, data: SupportPlans) -> _html.Markup:
    parts: list[_html.Cell] = [STATUS_LABELS[status.state]]
    if status.ends:
        parts.append(f": no longer offered from {status.ends.isoformat()}")
    if status.replaced_by:
        parts.append(f"; upgrade path: {data.plan(status.replaced_by).name}")
    if status.confidence != "official":
        parts += [" ", _html.confidence_marker(status)]
    if status.note:
        parts += [_html.BR, status.note]
    return _html.tag("span", _html.join(*parts), class_=f"status status--{status.state}")


def _price_rule(pricing: Pricing | None) -> _html.Markup:
    if pricing is None:
        return _html.tag("em", "unknown")
    minimum = usd(pricing.minimum_usd)
    if pricing.tiers is None:
        rule = f"at least {minimum}; percentages unknown"
    elif not pricing.tiers:
        rule = "free" if pricing.minimum_usd == 0 else minimum
    else:
        rule = f"greater of {minimum} or " + _tiers_text(pricing.tiers)
    return _html.with_confidence(rule, pricing)


def _tiers_text(tiers: list[Tier]) -> str:
    if len(tiers) == 1:
        return f"{tiers[0].rate_percent:g}% of AWS charges"
    parts, lower = [], Decimal(0)
    for tier in tiers:
        if tier.up_to_usd is None:
            parts.append(f"{tier.rate_percent:g}% over {usd(lower)}")
        else:
            parts.append(f"{tier.rate_percent:g}% from {usd(lower)} to {usd(tier.up_to_usd)}")
            lower = tier.up_to_usd
    return "; ".join(parts)


def _fee_cell(plan: Plan, spend: Decimal) -> _html.Markup:
    fee = monthly_fee(plan.pricing, spend)
    if fee is None:
        return _html.tag("em", "unknown")
    assert plan.pricing is not None  # monthly_fee returned a number
    text = usd(fee)
    if fee == plan.pricing.minimum_usd and fee > 0:
        text += " (minimum)"
    return _html.with_confidence(text, plan.pricing)


def _response(plan: Plan, severity_id: str) -> _html.Markup:
    if plan.response_times is None:
        return _html.tag("em", "unknown")
    time = plan.response_times.times.get(severity_id)
    if time is None:
        return _html.text("not offered")
    return _html.with_confidence(str(time), plan.response_times)


def _evidence_items(plan: Plan) -> list[tuple[str, Evidence]]:
    items: list[tuple[str, Evidence | None]] = [
        ("status", plan.status), ("price", plan.pricing), ("response times", plan.response_times)
    ]
    return [(label, evidence) for label, evidence in items if evidence is not None]
