"""The exam guide data: a bad weight sum, an unknown domain or a repeated task fails with one line,
every `section` is checked against the site's headings, and the overview page renders from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros import exam_guide as eg
from macros._errors import DataError
from sitetools.build import ROOT

EVIDENCE = """\
    verified: 2026-12-03
    source: https://docs.aws.amazon.com/aws-certification/latest/cloud-practitioner-02/cloud-practitioner-02.html
    quote: An excerpt of the guide."""


def _domain(domain_id: int, weight: int) -> str:
    return f"  - id: {domain_id}\n    name: Domain {domain_id} | <b>\n    tag: Tag {domain_id}\n    weight: {weight}\n{EVIDENCE}\n"


def _task(task_id: str, domain: int, section: str = "a/page.md#heading") -> str:
    return f"""\
  - id: "{task_id}"
    domain: {domain}
    summary: A task in our words, with a * and a [bracket].
    section: {section}
    knowledge:
      - text: A knowledge point
        section: {section}
    skills:
      - text: A skill point
        section: null
{EVIDENCE}
"""


def _guide(domains: str, tasks: str) -> str:
    fact = f"\n{EVIDENCE}".replace("\n    ", "\n    ")
    return f"""\
exam:
  code: CLF-C02
  title: AWS Certified Cloud Practitioner
  official_page: https://docs.aws.amazon.com/aws-certification/latest/cloud-practitioner-02/cloud-practitioner-02.html
  scored_questions:
    value: 50{fact}
  unscored_questions:
    value: 15{fact}
  question_types:
    - id: multiple-choice
      name: Multiple choice
      summary: One right answer among four.
{EVIDENCE.replace("    ", "      ")}
  scoring:
    scale_min: 100
    scale_max: 1000
    passing_score: 700{fact}
  out_of_scope_tasks:
    tasks: [Coding]{fact}
domains:
{domains}tasks:
{tasks}services:
{EVIDENCE.replace("    ", "  ")}
  entries:
    - name: Amazon S3
      category: Storage
      section: a/page.md#heading
      purpose: Object storage.
out_of_scope:
{EVIDENCE.replace("    ", "  ")}
  services:
    - {{name: AWS Wavelength, category: Compute}}
"""


def _load(tmp_path: Path, text: str) -> eg.ExamGuide:
    path = tmp_path / eg.FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return eg.load_guide(tmp_path)


def _problem(tmp_path: Path, text: str) -> str:
    with pytest.raises(DataError) as caught:
        _load(tmp_path, text)
    message = str(caught.value)
    assert "\n" not in message
    return message


WEIGHTS_100 = _domain(1, 60) + _domain(2, 40)


def test_a_well_formed_guide_loads(tmp_path: Path) -> None:
    guide = _load(tmp_path, _guide(WEIGHTS_100, _task("1.1", 1) + _task("2.1", 2)))
    assert [d.weight for d in guide.domains] == [60, 40]
    assert guide.domain(2).name == "Domain 2 | <b>"
    assert [t.id for t in guide.tasks] == ["1.1", "2.1"]


def test_domain_weights_that_do_not_add_up_to_100_are_rejected(tmp_path: Path) -> None:
    message = _problem(tmp_path, _guide(_domain(1, 60) + _domain(2, 39), _task("1.1", 1)))
    assert message.startswith("data/exam_guide.yml: entry domains, field weight: the weights add up to 99 (60 + 39); expected 100")


def test_a_task_in_an_unknown_domain_is_rejected(tmp_path: Path) -> None:
    message = _problem(tmp_path, _guide(WEIGHTS_100, _task("1.1", 1) + _task("5.1", 5)))
    assert message.startswith("data/exam_guide.yml: entry tasks[1] (5.1), field domain: unknown domain 5; expected one of 1, 2")


def test_a_task_numbered_for_another_domain_is_rejected(tmp_path: Path) -> None:
    message = _problem(tmp_path, _guide(WEIGHTS_100, _task("2.1", 1)))
    assert message == "data/exam_guide.yml: entry tasks[0] (2.1), field domain: task 2.1 belongs to domain 2, not 1"


def test_a_task_listed_twice_is_rejected(tmp_path: Path) -> None:
    message = _problem(tmp_path, _guide(WEIGHTS_100, _task("1.1", 1) + _task("1.2", 1) + _task("1.1", 1)))
    assert message.startswith("data/exam_guide.yml: entry tasks[2] (1.1), field id: task 1.1 is already tasks[0]")


def test_a_section_must_name_a_page_and_a_heading(tmp_path: Path) -> None:
    message = _problem(tmp_path, _guide(WEIGHTS_100, _task("1.1", 1, section="a/page.md")))
    assert message.startswith("data/exam_guide.yml: entry tasks[0] (1.1), field section: String should match pattern")


def test_missing_without_a_section_is_rejected(tmp_path: Path) -> None:
    text = _guide(WEIGHTS_100, _task("1.1", 1)).replace(
        "        section: null\n", "        section: null\n        missing: half of it\n", 1
    )
    message = _problem(tmp_path, text)
    assert message.startswith("data/exam_guide.yml: entry tasks[0] (1.1), field skills.0.missing: only for what a section answers in part")


def test_the_section_check_reports_each_missing_anchor_in_one_line(tmp_path: Path) -> None:
    guide = _load(tmp_path, _guide(WEIGHTS_100, _task("1.1", 1) + _task("2.1", 2, section="b/other.md#gone")))
    anchors = {"a/page.md#heading", "b/other.md#here", "b/other.md#gone-away"}
    problems = [str(p) for p in eg.section_problems(guide, anchors)]
    assert problems == [
        "data/exam_guide.yml: entry tasks[1] (2.1), field section: b/other.md has no heading #gone; "
        "did you mean b/other.md#gone-away? expected one of its heading ids (2 on the page)",
        "data/exam_guide.yml: entry tasks[1] (2.1), field knowledge.0.section: b/other.md has no heading #gone; "
        "did you mean b/other.md#gone-away? expected one of its heading ids (2 on the page)",
    ]
    assert eg.section_problems(guide, anchors | {"b/other.md#gone"}) == []


def test_the_section_check_reports_a_missing_page(tmp_path: Path) -> None:
    guide = _load(tmp_path, _guide(WEIGHTS_100, _task("1.1", 1)))
    problems = [str(p) for p in eg.section_problems(guide, {"a/pages.md#heading"})]
    assert problems[0] == (
        "data/exam_guide.yml: entry tasks[0] (1.1), field section: no page a/page.md in docs/ "
        "(did you mean a/pages.md?); expected a docs-relative page and heading id, such as "
        "cloud-concepts/cloud-computing.md#elasticity"
    )
    assert problems[-1].startswith("data/exam_guide.yml: entry services.entries[0] (Amazon S3), field section: no page")


def test_gaps_list_unanswered_and_partly_answered_points_and_services(tmp_path: Path) -> None:
    text = _guide(WEIGHTS_100, _task("1.1", 1)).replace(
        "      purpose: Object storage.\n", "      purpose: Object storage.\n      missing: storage classes\n"
    )
    found = eg.gaps(_load(tmp_path, text))
    assert [(g.where, g.text, g.section, g.missing) for g in found] == [
        ("tasks[0] (1.1)", "A skill point", None, None),
        ("services.entries[0] (Amazon S3)", "Amazon S3", "a/page.md#heading", "storage classes"),
    ]


def test_the_domains_table_shows_values_as_text(tmp_path: Path) -> None:
    guide = _load(tmp_path, _guide(WEIGHTS_100, _task("1.1", 1)))
    html = eg.render_domains(guide, "https://example.org/edit/data/exam_guide.yml")
    assert "Domain 2 | &lt;b&gt;" in html and "<b>" not in html
    assert re.search(r"<td>60%</td>.*<td>40%</td>", html, re.S)
    assert 'class="data-footer"' in html


def test_the_task_list_links_relative_to_the_page_and_escapes_markdown(tmp_path: Path) -> None:
    guide = _load(tmp_path, _guide(WEIGHTS_100, _task("1.1", 1) + _task("2.1", 2, section="null")))
    listing = eg.render_task_list(guide, "exam/index.md")
    assert "[Read the notes](../a/page.md#heading)" in listing
    assert "**Task 2.1**: A task in our words, with a &#42; and a &#91;bracket&#93;. Not covered yet." in listing


def test_an_unknown_exam_fact_is_refused(tmp_path: Path) -> None:
    guide = _load(tmp_path, _guide(WEIGHTS_100, _task("1.1", 1)))
    assert ">700<" in eg.render_fact(guide, "passing_score")
    with pytest.raises(KeyError, match="pasing_score"):
        eg.render_fact(guide, "pasing_score")
    assert eg.macro_rules(guide)["exam_fact"](["pasing_score"]) == (
        "unknown exam fact (a field of `exam` in data/exam_guide.yml) 'pasing_score' (did you mean 'passing_score'?)"
    )


# --- The real file --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guide() -> eg.ExamGuide:
    return eg.load_guide(ROOT)


def test_the_real_guide_has_four_domains_that_add_up(guide: eg.ExamGuide) -> None:
    assert [(d.id, d.weight) for d in guide.domains] == [(1, 24), (2, 30), (3, 34), (4, 12)]
    assert [t.id for t in guide.tasks if t.domain == 3] == [f"3.{n}" for n in range(1, 9)]


def test_every_section_in_the_real_guide_is_an_explicit_heading_id(guide: eg.ExamGuide) -> None:
    """Explicit ids only (`{ #id }`): an id MkDocs makes up from a heading's words changes with them."""
    anchors = {
        f"{path.relative_to(ROOT / 'docs').as_posix()}#{anchor}"
        for path in (ROOT / "docs").rglob("*.md")
        for anchor in re.findall(r"\{ #([a-z0-9][a-z0-9_:-]*)[ .}]", path.read_text(encoding="utf-8"))
    }
    assert eg.section_problems(guide, anchors) == []


def test_the_site_tags_match_the_guide_domains(guide: eg.ExamGuide) -> None:
    from macros._data import load
    from macros.project import SITE_FILE, SiteSettings

    site = load(ROOT / SITE_FILE, SiteSettings, root=ROOT)
    assert [d.tag for d in guide.domains] == site.exam_domains
