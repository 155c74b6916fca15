"""The question bank's rules, on small made-up questions: shaped like the exam's, no giveaways, no
duplicates, and never stale (a dependency checked after the review, or a retired service named
without its lifecycle entry, fails with one line naming the question)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from macros import lifecycle, questions
from macros._data import load
from macros._errors import DataError

REVIEWED = dt.date(2026, 12, 1)


def option(text: str, correct: bool = False) -> dict:
    return {"text": text, "correct": correct, "why": f"Because {text.lower()} is {'right' if correct else 'wrong'} here."}


def question(**changes) -> dict:
    base = {
        "id": "elasticity-peak",
        "task": "1.1",
        "stem": "A shop needs triple capacity for one weekend. Which benefit of the cloud is this?",
        "options": [option("Elasticity", True), option("Global reach"), option("Agility"), option("Economies of scale")],
        "section": "cloud-concepts/cloud-computing.md#elasticity",
        "reviewed": REVIEWED,
    }
    return {**base, **changes}


def bank(tmp_path: Path, *items: dict) -> questions.Bank:
    folder = tmp_path / questions.FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "domain-1.yml").write_text(yaml.safe_dump({"questions": list(items)}, sort_keys=False), encoding="utf-8")
    return questions.load_all(tmp_path)


def changes(tmp_path: Path) -> lifecycle.Lifecycle:
    (tmp_path / "lifecycle.yml").write_text(
        "as_of: 2026-12-01\nentries:\n"
        "  - id: snowmobile\n    service: AWS Snowmobile\n    change: retired\n    date: 2024-04-01\n"
        "    summary: Retired.\n    identify: [Snowmobile]\n    verified: 2026-12-01\n"
        "    source: https://example.org/snowmobile\n    quote: Snowmobile is retired.\n",
        encoding="utf-8",
    )
    return load(tmp_path / "lifecycle.yml", lifecycle.Lifecycle, root=tmp_path)


ANCHORS = {"cloud-concepts/cloud-computing.md#elasticity", "migration/snow-family.md#devices"}


def check(tmp_path: Path, item: dict, verified: dict[str, dt.date] | None = None) -> None:
    questions.check(bank(tmp_path, item), tasks=["1.1", "3.6"], anchors=ANCHORS,
                    verified=verified or {"fact:x": REVIEWED}, changes=changes(tmp_path))


def fails(tmp_path: Path, item: dict, message: str, verified: dict[str, dt.date] | None = None) -> str:
    with pytest.raises(DataError) as error:
        check(tmp_path, item, verified)
    text = str(error.value)
    assert text.startswith("data/questions/domain-1.yml: entry "), text
    assert re.search(message, text), text
    return text


def test_a_good_question_passes_and_knows_its_domain(tmp_path: Path) -> None:
    check(tmp_path, question())
    loaded = bank(tmp_path, question()).questions[0]
    assert (loaded.domain, loaded.answers, loaded.multiple) == (1, [0], False)


@pytest.mark.parametrize(
    ("changes_", "message"),
    [
        ({"options": [option("Elasticity", True), option("Agility"), option("Global reach")]}, "field options: List should have at least 4 items"),
        ({"options": [option("A", True), option("B", True), option("C"), option("D")]}, "multiple-response question .* has 5 or more options"),
        ({"options": [option("A", True), option("B", True), option("C"), option("D"), option("E")]}, r'ends with "\(Choose two\.\)"'),
        ({"options": [option("A"), option("B"), option("C"), option("D")]}, "no option has `correct: true`"),
        ({"options": [option("Elasticity", True), option("elasticity."), option("Agility"), option("Reach")]}, "options.1: worded like the correct option 0"),
        ({"options": [option("Elastic capacity that grows and shrinks with demand, billed by the second", True),
                      option("Agility"), option("Reach"), option("Scale")]}, "gives it away"),
        ({"id": "Elasticity_Peak"}, "id"),
        ({"task": "1"}, "task"),
        ({"section": "cloud-concepts/cloud-computing.md"}, "section"),
    ],
    ids=["three-options", "multi-four", "multi-no-choose", "no-answer", "distractor-like-answer", "length-giveaway",
         "bad-id", "bad-task", "no-anchor"],
)
def test_a_malformed_question_fails_with_its_entry_and_field(tmp_path: Path, changes_: dict, message: str) -> None:
    with pytest.raises(DataError) as error:
        bank(tmp_path, question(**changes_))
    assert str(error.value).startswith("data/questions/domain-1.yml: entry questions[0]")
    assert re.search(message, str(error.value)), str(error.value)


def test_a_multiple_response_question_like_the_exam(tmp_path: Path) -> None:
    item = question(stem="Which two are benefits of the cloud? (Choose two.)",
                    options=[option("Agility", True), option("Elasticity", True), option("Fixed costs"),
                             option("Owning the hardware"), option("Long contracts")])
    assert bank(tmp_path, item).questions[0].answers == [0, 1]


def test_the_same_question_twice_is_rejected(tmp_path: Path) -> None:
    again = question(id="elasticity-peak-2", stem="A shop needs triple capacity for one weekend: which benefit of the cloud is this?")
    with pytest.raises(DataError, match=r"field stem: the same question as elasticity-peak"):
        bank(tmp_path, question(), again)


def test_a_dependency_checked_after_the_review_makes_the_question_stale(tmp_path: Path) -> None:
    item = question(depends_on=["fact:x"])
    check(tmp_path, item, {"fact:x": REVIEWED})
    text = fails(tmp_path, item, r"field reviewed: fact:x was verified on 2026-12-02, after this question was reviewed \(2026-12-01\)",
                 {"fact:x": dt.date(2026, 12, 2)})
    assert "questions[0] (elasticity-peak)" in text


def test_an_unknown_dependency_task_or_section_fails(tmp_path: Path) -> None:
    fails(tmp_path, question(depends_on=["fact:nope"]), "unknown dependency 'fact:nope'")
    fails(tmp_path, question(task="2.9"), "unknown task '2.9'")
    fails(tmp_path, question(section="cloud-concepts/cloud-computing.md#elastic"), "is not a heading of the site")


def test_naming_a_retired_service_needs_its_entry_and_its_status(tmp_path: Path) -> None:
    snow = question(task="3.6", section="migration/snow-family.md#devices",
                    stem="Which device moved exabytes in a truck?",
                    options=[option("Snowmobile", True), option("Snowball Edge"), option("DataSync"), option("Direct Connect")])
    fails(tmp_path, snow, r"field depends_on: names 'Snowmobile', which data/lifecycle.yml records as retired: add lifecycle:snowmobile")
    listed = {**snow, "depends_on": ["lifecycle:snowmobile"]}
    fails(tmp_path, listed, "an explanation must say the service is retired", {"lifecycle:snowmobile": REVIEWED})
    listed["options"][0]["why"] = "Snowmobile did, though AWS has since retired it."
    check(tmp_path, listed, {"lifecycle:snowmobile": REVIEWED})


def test_a_page_shows_its_questions_readable_without_javascript(tmp_path: Path) -> None:
    html = questions.render_page(bank(tmp_path, question()), "cloud-concepts/cloud-computing.md", "cloud-concepts/cloud-computing/")
    assert '<form class="practice__question" id="q-elasticity-peak"' in html
    assert 'data-answer="0"' in html and 'type="radio"' in html
    assert '<details class="practice__answer">' in html and "<strong>Correct:</strong> Elasticity." in html
    assert 'href="#elasticity"' in html  # the section is on this page
    assert 's.src = "../../javascripts/practice.js"' in html  # loaded by this page only, after the page
    assert questions.render_page(bank(tmp_path, question()), "compute/ec2.md", "compute/ec2/") == ""


def test_the_exam_settings_and_the_bank(tmp_path: Path) -> None:
    exam = questions.render_exam("practice/", [(1, "Cloud Concepts", 24)], 65)
    settings = json.loads(re.search(r'id="practice-settings">(.*?)</script>', exam).group(1))
    assert settings == {"size": 65, "domains": [{"id": 1, "name": "Cloud Concepts", "weight": 24}], "bank": "bank.js", "root": "../"}
    # The exam is drawn by the script, so it is deferred, not added after load (no late layout shift).
    assert '<script src="../javascripts/practice.js" defer></script>' in exam
    hostile = question(stem='Which one </script><script>alert(1)</script>"; alert(2); "?')
    written = questions.write_bank(bank(tmp_path, hostile), tmp_path / "site")
    assert written == tmp_path / "site" / "practice" / "bank.js"
    script = written.read_text(encoding="utf-8")
    # One assignment of one JSON value: the stem stays a string (quotes escaped), never code.
    prefix, suffix = f"window.{questions.BANK_GLOBAL} = ", ";\n"
    assert script.startswith(prefix) and script.endswith(suffix)
    payload = json.loads(script.removeprefix(prefix).removesuffix(suffix))
    assert payload["questions"][0]["s"] == 'Which one </script><script>alert(1)</script>"; alert(2); "?'
    assert "</script>" not in script
    assert payload["questions"][0]["u"] == "cloud-concepts/cloud-computing/#elasticity"
    assert payload["questions"][0]["q"] == "cloud-concepts/cloud-computing/#q-elasticity-peak"
