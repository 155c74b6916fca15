"""Every file in data/, loaded once through its typed model: the one way macros, scripts, tests and
benchmarks read the project's facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros import (
    cidr,
    comparisons,
    exam_guide,
    facts,
    inventory,
    lifecycle,
    questions,
    services,
    snow_family,
    support_plans,
)
from macros._data import DRAFT, Date, Evidence, Model, Text, load
from macros._errors import DataError
from macros.anchors import page_anchors

SITE_FILE = "data/site.yml"


class SiteSettings(Model):
    # The last day anyone checked the data and pages: no `verified`, `reviewed` or file `as_of` date may
    # be later. The build never reads the clock, so this is what makes a date in the future an error.
    as_of: Date
    exam_domains: list[Text]
    untagged_pages: list[Text] = []


@dataclass(frozen=True)
class ProjectData:
    cidr: cidr.CidrData
    snow: snow_family.SnowFamily
    plans: support_plans.SupportPlans
    changes: lifecycle.Lifecycle
    tables: dict[str, comparisons.Comparison]
    facts: dict[str, facts.Fact]
    site: SiteSettings
    inventory: inventory.Inventory
    questions: questions.Bank
    guide: exam_guide.ExamGuide
    services: services.OtherServices


@dataclass(frozen=True)
class EvidenceRow:
    """One sourced claim in data/: where it is, and its evidence."""

    file: str
    entry: str
    evidence: Evidence


def load_project(root: Path, *, draft: bool = False) -> ProjectData:
    """Load and cross-check every data file; raise DataError (one line) on the first problem.

    `draft=True` lets an official row lack its `quote`, for reports that list what is missing;
    the build never uses it.
    """
    context = DRAFT if draft else None
    data = ProjectData(
        cidr=load(root / cidr.FILE, cidr.CidrData, root=root, context=context),
        snow=load(root / snow_family.FILE, snow_family.SnowFamily, root=root, context=context),
        plans=load(root / support_plans.FILE, support_plans.SupportPlans, root=root, context=context),
        changes=load(root / lifecycle.FILE, lifecycle.Lifecycle, root=root, context=context),
        tables=comparisons.load_all(root, context),
        facts=facts.load_all(root, context),
        site=load(root / SITE_FILE, SiteSettings, root=root, context=context),
        inventory=load(root / inventory.FILE, inventory.Inventory, root=root, context=context),
        questions=questions.load_all(root, context),
        guide=exam_guide.load_guide(root, context),
        services=services.load_others(root, context),
    )
    snow_family.check_lifecycle(data.snow, data.changes)
    inventory.check_pages(data.inventory, root / "docs")
    check_dates(data)
    anchors = page_anchors(root / "docs", data.changes)
    problems = exam_guide.section_problems(data.guide, anchors) + lifecycle.section_problems(data.changes, anchors)
    for index, other in enumerate(data.services.services):
        if other.section not in anchors:
            problems.append(DataError(services.FILE, f"services[{index}] ({other.name})", "section", f"{other.section} is not a heading of the site"))
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(first.file, first.entry, first.field, first.problem + more)
    cidr_days = [row.evidence.verified for row in evidence_rows(data) if row.file == cidr.FILE]
    questions.check(
        data.questions,
        tasks=[task.id for task in data.guide.tasks],
        anchors=anchors,
        verified=questions.dependency_dates(data.tables, data.facts, data.changes, data.plans, data.snow, max(cidr_days)),
        changes=data.changes,
    )
    return data


def check_dates(data: ProjectData) -> None:
    """No date of checking lies after the day the data was last checked (`as_of`): a `verified` date in
    the future, or an `as_of` in 2099, is a typo that would keep `make freshness` quiet for years."""
    site_day = data.site.as_of
    files_as_of = {
        snow_family.FILE: data.snow.as_of,
        support_plans.FILE: data.plans.as_of,
        lifecycle.FILE: data.changes.as_of,
    }
    for file, day in files_as_of.items():
        if day > site_day:
            raise DataError(file, "-", "as_of", f"{day.isoformat()} is later than `as_of` {site_day.isoformat()} in {SITE_FILE}: {_FUTURE}")
    for row in evidence_rows(data):
        limit = files_as_of.get(row.file, site_day)
        if row.evidence.verified > limit:
            source = f"the file's `as_of` ({limit.isoformat()})" if row.file in files_as_of else f"`as_of` {limit.isoformat()} in {SITE_FILE}"
            raise DataError(row.file, row.entry, "verified", f"{row.evidence.verified.isoformat()} is later than {source}: {_FUTURE}")


_FUTURE = "a check cannot be dated in the future (if you checked it today, set that `as_of` to today as well)"


def evidence_rows(data: ProjectData) -> list[EvidenceRow]:
    """Every sourced row in data/, in file order."""
    rows: list[EvidenceRow] = []
    for file, model in [
        (cidr.FILE, data.cidr),
        (snow_family.FILE, data.snow),
        (support_plans.FILE, data.plans),
        (lifecycle.FILE, data.changes),
        (exam_guide.FILE, data.guide),
    ]:
        rows += [EvidenceRow(file, where, ev) for where, ev in _walk(model, "")]
    for name, table in data.tables.items():
        for index, row in enumerate(table.rows):
            if row.evidence is not None:
                rows.append(EvidenceRow(f"{comparisons.FOLDER}/{name}.yml", f"rows[{index}] ({row.cells[0]})", row.evidence))
    for fact in data.facts.values():
        rows.append(EvidenceRow(f"{facts.FOLDER}/{fact.file}", f"facts ({fact.id})", fact))
    return rows


def _walk(node: Any, where: str) -> Iterator[tuple[str, Evidence]]:
    if isinstance(node, Evidence):
        yield where or "(top level)", node
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _walk(getattr(node, name), f"{where}.{name}" if where else name)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            label = getattr(item, "id", None) or getattr(item, "name", None)
            yield from _walk(item, f"{where}[{index}]" + (f" ({label})" if label else ""))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, f"{where}.{key}")


@dataclass(frozen=True)
class Transition:
    """A dated change the site shows as still to come: once its day has passed, the data (and the
    pages that say "ends on") must be updated, or the site is wrong."""

    file: str
    entry: str
    what: str
    date: dt.date

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.what} on {self.date.isoformat()} is still shown as upcoming"


def transitions(data: ProjectData) -> list[Transition]:
    """Every announced change dated after the day its data was last checked (`as_of`), soonest first.

    The site never compares these with the clock; `make freshness` does, with the day it is given.
    """
    found: list[Transition] = []
    changes = data.changes
    for entry in changes.entries:
        label = lifecycle.LABELS[entry.change].lower()
        if entry.date is not None and entry.date > changes.as_of:
            found.append(Transition(lifecycle.FILE, entry.id, f"{entry.service}: {label}", entry.date))
        if entry.then is not None:
            step = lifecycle.LABELS[entry.then.change].lower()
            found.append(Transition(lifecycle.FILE, f"{entry.id}.then", f"{entry.service}: {step}", entry.then.date))
    for plan in data.plans.plans:
        ends = plan.status.ends
        if ends is not None and ends > data.plans.as_of:
            found.append(Transition(support_plans.FILE, f"plans ({plan.id}).status", f"{plan.name} plan ends", ends))
    for fact in data.facts.values():
        day = _iso_date(fact.value)
        if day is not None and day > changes.as_of:
            found.append(Transition(f"{facts.FOLDER}/{fact.file}", f"facts ({fact.id})", f"the date in fact {fact.id!r}", day))
    return sorted(found, key=lambda t: (t.date, t.file, t.entry))


def _iso_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
