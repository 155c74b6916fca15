"""The CLF-C02 exam guide as typed data (data/exam_guide.yml): its format and scoring, the domains and
their weights, the task statements with the sections of this site that answer them, and the service lists.

`load_guide` validates the file and its cross-references; `section_problems` checks every `section`
against the headings the site really has; the `render_*` functions draw the exam overview page.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, model_validator

from macros import _html
from macros import _pages as checks
from macros._data import Count, Evidence, Model, Slug, Text, load
from macros._errors import DataError

FILE = "data/exam_guide.yml"

# A place on the site: a page path relative to docs/ and a heading id, "cloud-concepts/cloud-computing.md#elasticity".
Section = Annotated[str, Field(strict=True, pattern=r"^[a-z0-9][a-z0-9_./-]*\.md#[a-z0-9][a-z0-9_:-]*$")]
DomainId = Annotated[int, Field(strict=True, ge=1, le=9)]
TaskId = Annotated[str, Field(strict=True, pattern=r"^[1-9]\.[1-9][0-9]?$")]  # "1.4": domain, then task
Weight = Annotated[int, Field(strict=True, ge=1, le=100)]  # percent of the scored questions
EXAMPLE_SECTION = "cloud-concepts/cloud-computing.md#elasticity"


# --- The file -------------------------------------------------------------------------------------


class CountFact(Evidence):
    value: Count


class QuestionType(Evidence):
    id: Slug
    name: Text
    summary: Text  # our words


class Scoring(Evidence):
    scale_min: Count
    scale_max: Count
    passing_score: Count

    @model_validator(mode="after")
    def _passing_score_on_the_scale(self) -> Scoring:
        if not self.scale_min < self.passing_score <= self.scale_max:
            raise ValueError(f"@passing_score: {self.passing_score} is not on the scale {self.scale_min} to {self.scale_max}")
        return self


class JobTasks(Evidence):
    tasks: Annotated[list[Text], Field(min_length=1)]


class Exam(Model):
    code: Text
    title: Text
    official_page: Annotated[str, Field(strict=True, pattern=r"^https://")]
    scored_questions: CountFact
    unscored_questions: CountFact
    question_types: Annotated[list[QuestionType], Field(min_length=1)]
    scoring: Scoring
    out_of_scope_tasks: JobTasks


class Domain(Evidence):
    id: DomainId
    name: Text  # as the guide spells it
    tag: Text  # the exam-domain tag pages carry (data/site.yml)
    weight: Weight


class Answered(Model):
    """Something the site answers: the section that does, and what it leaves out if it answers only part."""

    section: Section | None  # required, so "not answered yet" is written down as null, not forgotten
    missing: Text | None = None  # what `section` leaves out, when it answers only part

    @model_validator(mode="after")
    def _missing_needs_a_section(self) -> Answered:
        if self.missing is not None and self.section is None:
            raise ValueError("@missing: only for what a section answers in part; with section: null, leave it out")
        return self


class Point(Answered):
    """One knowledge or skill point of a task statement, in our words, and where the site answers it."""

    text: Text


class Task(Evidence):
    id: TaskId
    domain: DomainId
    summary: Text  # our one-line reading; the statement itself is the `quote`
    section: Section | None
    knowledge: Annotated[list[Point], Field(min_length=1)]
    skills: Annotated[list[Point], Field(min_length=1)]


class Service(Answered):
    name: Text  # as AWS names it in the guide
    category: Text  # the guide's category
    purpose: Text  # one line, our words


class ServiceList(Evidence):
    entries: Annotated[list[Service], Field(min_length=1)]


class OutOfScopeService(Model):
    name: Text
    category: Text


class OutOfScope(Evidence):
    services: Annotated[list[OutOfScopeService], Field(min_length=1)]


class ExamGuide(Model):
    exam: Exam
    domains: Annotated[list[Domain], Field(min_length=1)]
    tasks: Annotated[list[Task], Field(min_length=1)]
    services: ServiceList
    out_of_scope: OutOfScope

    def domain(self, domain_id: int) -> Domain:
        for domain in self.domains:
            if domain.id == domain_id:
                return domain
        raise KeyError(f"unknown domain {domain_id}; known: {[d.id for d in self.domains]}")


def load_guide(root: Path, context: dict[str, Any] | None = None) -> ExamGuide:
    """Read and validate data/exam_guide.yml under `root`; DataError (one line) on the first problem."""
    guide = load(root / FILE, ExamGuide, root=root, context=context)
    _check_domains(guide)
    _check_tasks(guide)
    _check_services(guide)
    return guide


# --- Sections: does the site have each heading the data points to? --------------------------------


def section_problems(guide: ExamGuide, anchors: Iterable[str]) -> list[DataError]:
    """One line per `section` that is not a heading of the site.

    `anchors` are the site's headings as "page.md#id" (docs-relative), such as
    "cloud-concepts/cloud-computing.md#elasticity".
    """
    known = set(anchors)
    problems = []
    for where, field, section in _sections(guide):
        if section is not None and section not in known:
            problems.append(DataError(FILE, where, field, _unknown_section(section, known)))
    return problems


# --- Gaps: what the site does not answer yet ------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    """A point or service the site answers not at all (`section` is None) or only in part."""

    where: str  # "tasks[3] (1.4)" or "services.entries[12] (Amazon SES)"
    text: str
    task: str | None  # the task id, for a knowledge or skill point
    category: str | None  # the guide's category, for a service
    section: str | None
    missing: str | None


def gaps(guide: ExamGuide) -> list[Gap]:
    """Every knowledge or skill point and every in-scope service that no section fully answers."""
    found: list[Gap] = []
    for index, task in enumerate(guide.tasks):
        for point in [*task.knowledge, *task.skills]:
            if point.section is None or point.missing is not None:
                found.append(Gap(f"tasks[{index}] ({task.id})", point.text, task.id, None, point.section, point.missing))
    for index, service in enumerate(guide.services.entries):
        if service.section is None or service.missing is not None:
            found.append(Gap(f"services.entries[{index}] ({service.name})", service.name, None, service.category, service.section, service.missing))
    return found


# --- Rendering ------------------------------------------------------------------------------------


def render_domains(guide: ExamGuide, edit_url: str | None = None) -> str:
    """The domains and their weights as an escaped HTML table, in the guide's order."""
    rows = [
        [f"Domain {domain.id}", _html.with_confidence(_html.text(domain.name), domain), f"{domain.weight}%"]
        for domain in guide.domains
    ]
    table = _html.table(["Domain", "Name", "Share of scored questions"], rows, caption="CLF-C02 content domains")
    return table + ("\n" + _html.data_footer(FILE, edit_url) if edit_url else "")


def render_question_types(guide: ExamGuide) -> str:
    """The question types as an escaped HTML table."""
    rows = [[q.name, _html.with_confidence(_html.text(q.summary), q)] for q in guide.exam.question_types]
    return _html.table(["Question type", "What you choose"], rows, caption="CLF-C02 question types")


FACTS = ("scored_questions", "unscored_questions", "passing_score", "scale_min", "scale_max")


def render_fact(guide: ExamGuide, name: str) -> str:
    """One exam figure ("scored_questions", "unscored_questions", "passing_score", "scale_min",
    "scale_max") as an inline span from data, marked when its source is not official."""
    if name in ("scored_questions", "unscored_questions"):
        fact: CountFact = getattr(guide.exam, name)
        value, evidence = fact.value, fact
    elif name in ("passing_score", "scale_min", "scale_max"):
        value, evidence = getattr(guide.exam.scoring, name), guide.exam.scoring
    else:
        raise KeyError(f"unknown exam fact {name!r}; known: {', '.join(FACTS)}")
    note = f"verified {evidence.verified.isoformat()}" + ("" if evidence.confidence == "official" else f", {evidence.confidence}")
    shown = _html.with_confidence(_html.text(f"{value:,}"), evidence)
    return str(_html.tag("span", shown, class_=f"fact fact--{evidence.confidence}", title=note))


def render_job_tasks(guide: ExamGuide) -> str:
    """The job tasks the guide puts out of scope, as a Markdown list of plain text."""
    return "".join(f"- {_html.inline(task)}\n" for task in guide.exam.out_of_scope_tasks.tasks)


def render_task_list(guide: ExamGuide, from_page: str) -> str:
    """A Markdown list of the task statements by domain, each linking to the section that answers it.

    Links are Markdown and relative to `from_page` (docs-relative, such as "exam/index.md"), so the
    engine checks every page and anchor and rewrites the links for the site's URL style.
    """
    lines: list[str] = []
    for domain in guide.domains:
        lines.append(f"- **Domain {domain.id}: {_html.inline(domain.name)}**")
        for task in (t for t in guide.tasks if t.domain == domain.id):
            where = f" [Read the notes]({_relative(from_page, task.section)})" if task.section else " Not covered yet."
            # "Task 3.2:" rather than "3.2 Regions", which reads as a figure with a unit.
            lines.append(f"    - **Task {task.id}**: {_html.inline(task.summary)}{where}")
    return "\n".join(lines) + "\n"


def macros(guide: ExamGuide, edit_url: str, page_uri: Callable[[], str]) -> dict[str, Callable[..., str]]:
    """The page macros by name, for `define_env` to register; `page_uri` gives the page being rendered."""
    return {
        "exam_domains_table": lambda: render_domains(guide, edit_url),
        "exam_question_types": lambda: render_question_types(guide),
        "exam_fact": lambda name: render_fact(guide, name),
        "exam_task_list": lambda: render_task_list(guide, page_uri()),
        "exam_job_tasks": lambda: render_job_tasks(guide),
    }


def macro_rules(guide: ExamGuide) -> dict[str, checks.Rule]:
    """What each macro accepts, so a typo such as exam_fact("pasing_score") fails with its page line."""
    return {
        "exam_domains_table": checks.no_arguments,
        "exam_question_types": checks.no_arguments,
        "exam_task_list": checks.no_arguments,
        "exam_job_tasks": checks.no_arguments,
        "exam_fact": checks.id_rule(FACTS, "exam fact (a field of `exam` in data/exam_guide.yml)"),
    }


# --- Helpers --------------------------------------------------------------------------------------


def _check_domains(guide: ExamGuide) -> None:
    seen: dict[int, int] = {}
    for index, domain in enumerate(guide.domains):
        if domain.id in seen:
            raise DataError(FILE, f"domains[{index}] ({domain.name})", "id", f"domain {domain.id} is already domains[{seen[domain.id]}]")
        seen[domain.id] = index
    total = sum(domain.weight for domain in guide.domains)
    if total != 100:
        weights = " + ".join(str(d.weight) for d in guide.domains)
        raise DataError(FILE, "domains", "weight", f"the weights add up to {total} ({weights}); expected 100, each domain's percent of the scored questions")


def _check_tasks(guide: ExamGuide) -> None:
    known = sorted(domain.id for domain in guide.domains)
    seen: dict[str, int] = {}
    for index, task in enumerate(guide.tasks):
        where = f"tasks[{index}] ({task.id})"
        if task.id in seen:
            raise DataError(FILE, where, "id", f"task {task.id} is already tasks[{seen[task.id]}]; each task statement appears once")
        seen[task.id] = index
        if task.domain not in known:
            raise DataError(FILE, where, "domain", f"unknown domain {task.domain}; expected one of {', '.join(map(str, known))} (the ids in `domains`)")
        if not task.id.startswith(f"{task.domain}."):
            raise DataError(FILE, where, "domain", f"task {task.id} belongs to domain {task.id.split('.')[0]}, not {task.domain}")


def _check_services(guide: ExamGuide) -> None:
    seen: dict[str, int] = {}
    for index, service in enumerate(guide.services.entries):
        if service.name in seen:
            raise DataError(FILE, f"services.entries[{index}] ({service.name})", "name", f"already listed as services.entries[{seen[service.name]}]")
        seen[service.name] = index


def _sections(guide: ExamGuide) -> Iterable[tuple[str, str, str | None]]:
    """(entry, field, section) for every `section` in the file, in file order."""
    for index, task in enumerate(guide.tasks):
        where = f"tasks[{index}] ({task.id})"
        yield where, "section", task.section
        for kind in ("knowledge", "skills"):
            for number, point in enumerate(getattr(task, kind)):
                yield where, f"{kind}.{number}.section", point.section
    for index, service in enumerate(guide.services.entries):
        yield f"services.entries[{index}] ({service.name})", "section", service.section


def _unknown_section(section: str, known: set[str]) -> str:
    page = section.split("#", 1)[0]
    on_page = sorted(anchor for anchor in known if anchor.split("#", 1)[0] == page)
    if not on_page:
        close = difflib.get_close_matches(page, sorted({a.split("#", 1)[0] for a in known}), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        return f"no page {page} in docs/{hint}; expected a docs-relative page and heading id, such as {EXAMPLE_SECTION}"
    close = difflib.get_close_matches(section, on_page, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    return f"{page} has no heading #{section.split('#', 1)[1]}; {hint}expected one of its heading ids ({len(on_page)} on the page)"


def _relative(from_page: str, section: str) -> str:
    page, anchor = section.split("#", 1)
    return f"{posixpath.relpath(page, posixpath.dirname(from_page) or '.')}#{anchor}"

