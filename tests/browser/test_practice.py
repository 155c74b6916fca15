"""Practice in a real browser: a question on its topic page, a short quiz and a full exam answered in
a known pattern (so the score per domain is known), keyboard only, an attempt that survives a reload
and Material's instant navigation, and the questions still readable without JavaScript."""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, expect

from macros.questions import BANK_GLOBAL
from tests.browser.conftest import new_context

pytestmark = pytest.mark.browser

QUESTION = "form.practice-exam__question"
KEY = "aws-cloud-notes-practice-v1"


@pytest.fixture(scope="module")
def bank(browser, base_url: str) -> dict[str, dict]:
    """The question bank as the practice page loads it (practice/bank.js), by question id."""
    context = new_context(browser)
    script = context.request.get(base_url + "practice/bank.js").text()
    context.close()
    data = json.loads(script.removeprefix(f"window.{BANK_GLOBAL} = ").removesuffix(";\n"))
    return {q["id"]: q for q in data["questions"]}


@pytest.fixture
def practice(context: BrowserContext, base_url: str) -> Page:
    """The practice page, recording every request's host so a test can check none left the site."""
    page = context.new_page()
    page.hosts = set()  # type: ignore[attr-defined]
    page.on("request", lambda request: page.hosts.add(urlsplit(request.url).hostname))  # type: ignore[attr-defined]
    page.goto(base_url + "practice/")
    return page


def start(page: Page, mode: str, *, domain: int | None = None, timed: bool = False) -> None:
    page.locator(f'input[name="mode"][value="{mode}"]').check()
    if domain is not None:
        page.locator('select[name="domain"]').select_option(str(domain))
    if timed:
        page.locator('input[name="timed"]').check()
    page.get_by_role("button", name="Start").click()
    page.locator(QUESTION).wait_for()


def answer(page: Page, bank: dict[str, dict], right: bool) -> dict:
    """Answer the question on screen: its correct options, or a wrong choice (the first wrong option)."""
    question = bank[page.locator(QUESTION).get_attribute("data-id")]
    wrong = [i for i in range(len(question["o"])) if i not in question["a"]][:1]
    for index in question["a"] if right else wrong:
        page.locator(f"{QUESTION} input").nth(index).check()
    return question


def take(page: Page, bank: dict[str, dict], right_in_domains: set[int]) -> Counter:
    """Answer every question (right in the given domains, wrong elsewhere); return questions per domain."""
    per_domain: Counter = Counter()
    total = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["attempt"]["ids"]
    for number in range(len(total)):
        question = answer(page, bank, question_domain(page, bank) in right_in_domains)
        per_domain[question["d"]] += 1
        label = "Review answers" if number == len(total) - 1 else "Next"
        page.get_by_role("button", name=label, exact=True).click()
    page.get_by_role("button", name="Finish and see my score").click()
    return per_domain


def question_domain(page: Page, bank: dict[str, dict]) -> int:
    return bank[page.locator(QUESTION).get_attribute("data-id")]["d"]


def scores(page: Page) -> dict[int, str]:
    rows = page.locator(".practice-exam__scores tbody tr")
    return {int(rows.nth(i).get_attribute("data-domain")): rows.nth(i).locator("td").first.inner_text()
            for i in range(rows.count())}


def test_a_question_on_its_page_is_answered_in_place(context: BrowserContext, base_url: str, bank: dict) -> None:
    page = context.new_page()
    page.goto(base_url + "cloud-concepts/cloud-computing/")
    form = page.locator("form.practice__question").first
    question = bank[form.get_attribute("data-id")]
    wrong = next(i for i in range(len(question["o"])) if i not in question["a"])
    form.locator("input").nth(wrong).check()
    form.get_by_role("button", name="Check").click()
    expect(form.locator(".practice__feedback")).to_have_text("Not quite. The answer is marked; the reasons are below.")
    expect(form.locator(".practice__answer")).to_have_attribute("open", "")
    for index in question["a"]:
        expect(form.locator("label.practice__option").nth(index)).to_have_class("practice__option practice__option--answer")
    expect(form.locator(".practice__answer a")).to_have_attribute("href", base_url + question["u"])


def test_a_question_is_answered_with_the_keyboard_alone(context: BrowserContext, base_url: str, bank: dict) -> None:
    page = context.new_page()
    page.goto(base_url + "cloud-concepts/cloud-computing/")
    form = page.locator("form.practice__question").first
    question = bank[form.get_attribute("data-id")]
    form.locator("input").first.focus()
    if len(question["a"]) > 1:  # checkboxes: Space ticks the focused one, Tab moves on
        for index in range(len(question["o"])):
            if index in question["a"]:
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
    else:  # a radio group: arrows move and select; Tab leaves the group
        for _ in range(question["a"][0]):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
    expect(form.get_by_role("button", name="Check")).to_be_focused()
    page.keyboard.press("Enter")
    expect(form.locator(".practice__feedback")).to_have_text("Correct.")


def test_without_javascript_questions_and_answers_are_readable(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "cloud-concepts/cloud-computing/")
    form = page.locator("form.practice__question").first
    expect(form.locator("legend")).not_to_be_empty()
    expect(form.get_by_role("button", name="Check")).to_be_hidden()
    form.locator(".practice__answer summary").click()
    expect(form.locator(".practice__reason--right").first).to_be_visible()
    context.close()


def test_a_short_quiz_scores_each_domain(practice: Page, bank: dict) -> None:
    start(practice, "quick")
    per_domain = take(practice, bank, right_in_domains={1, 3})
    assert sum(per_domain.values()) == 10
    shown = scores(practice)
    for domain, count in per_domain.items():
        assert shown[domain] == (f"{count} of {count}" if domain in {1, 3} else f"0 of {count}")
    right = per_domain[1] + per_domain[3]
    expect(practice.locator("h2").first).to_have_text(f"Your score: {right} of 10 ({round(100 * right / 10)}%)")
    # Each wrong answer links back to its section and to the question on its page.
    wrong = practice.locator(".practice-exam__wrong > li")
    assert wrong.count() == 10 - right
    assert practice.hosts == {"127.0.0.1"}, practice.hosts  # no third-party request, bank included


def test_a_full_exam_is_drawn_in_exam_proportion_and_scored(practice: Page, bank: dict) -> None:
    start(practice, "full")
    per_domain = take(practice, bank, right_in_domains={2, 3})
    # 65 questions at 24/30/34/12 percent, by largest remainder: 15.6, 19.5, 22.1, 7.8 -> 16, 19, 22, 8.
    assert dict(per_domain) == {1: 16, 2: 19, 3: 22, 4: 8}
    assert scores(practice) == {1: "0 of 16", 2: "19 of 19", 3: "22 of 22", 4: "0 of 8"}
    expect(practice.locator("h2").first).to_have_text("Your score: 41 of 65 (63%)")
    history = json.loads(practice.evaluate(f"localStorage.getItem('{KEY}')"))["history"]
    assert history[-1]["right"] == 41 and history[-1]["total"] == 65


def test_one_domain_only(practice: Page, bank: dict) -> None:
    start(practice, "domain", domain=4)
    ids = json.loads(practice.evaluate(f"localStorage.getItem('{KEY}')"))["attempt"]["ids"]
    assert ids and {bank[i]["d"] for i in ids} == {4}
    assert len(ids) == min(65, sum(1 for q in bank.values() if q["d"] == 4))


def test_an_attempt_survives_a_reload_and_instant_navigation(practice: Page, bank: dict) -> None:
    start(practice, "quick", timed=True)
    first = answer(practice, bank, right=True)
    practice.get_by_role("button", name="Flag for review").click()
    practice.get_by_role("button", name="Next", exact=True).click()
    second_id = practice.locator(QUESTION).get_attribute("data-id")
    expect(practice.locator(".practice-exam__timer")).to_contain_text("left")

    practice.reload()
    expect(practice.locator(QUESTION)).to_have_attribute("data-id", second_id)
    practice.get_by_role("button", name="Previous").click()
    expect(practice.locator(QUESTION)).to_have_attribute("data-id", first["id"])
    for index in first["a"]:
        expect(practice.locator(f"{QUESTION} input").nth(index)).to_be_checked()
    expect(practice.get_by_role("button", name="Flagged for review")).to_have_attribute("aria-pressed", "true")

    # Leave through the navigation (Material swaps the page in place), then come back the same way.
    practice.locator("a.md-tabs__link, nav.md-nav--primary a.md-nav__link").filter(has_text="Home").first.click()
    practice.wait_for_url("**/aws-cloud-notes/")
    practice.go_back()
    expect(practice.locator(QUESTION)).to_have_attribute("data-id", first["id"])


def test_time_running_out_ends_the_exam(practice: Page, bank: dict) -> None:
    start(practice, "quick", timed=True)
    answer(practice, bank, right=True)
    practice.evaluate(f"""() => {{
        const state = JSON.parse(localStorage.getItem('{KEY}'));
        state.attempt.deadline = Date.now() - 1000;
        localStorage.setItem('{KEY}', JSON.stringify(state));
    }}""")
    practice.reload()
    expect(practice.locator("h2").first).to_contain_text("Your score: 1 of 10")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_exam_is_accessible_in_both_palettes(browser, base_url: str, bank: dict, scheme: str) -> None:
    """axe-core finds nothing on the start screen, a question with a flag, the review list and the results."""
    context = new_context(browser, scheme)
    page = context.new_page()
    page.goto(base_url + "practice/")
    axe = Axe()
    found = {"start": axe.run(page).response["violations"]}
    start(page, "quick")
    answer(page, bank, right=True)
    page.get_by_role("button", name="Flag for review").click()
    found["question"] = axe.run(page).response["violations"]
    page.get_by_role("button", name="Review all").click()
    found["review"] = axe.run(page).response["violations"]
    page.get_by_role("button", name="Finish and see my score").click()
    found["results"] = axe.run(page).response["violations"]
    context.close()
    problems = {view: [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in violations]
                for view, violations in found.items() if violations}
    assert problems == {}
