"""Printing: the article alone on the paper, tables whole, answers open, and a cheat sheet that fits
on a few sheets of A4."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

# A4 is 210 mm wide; extra.css prints with 12 mm margins, so the text is 186 mm wide: 703 CSS px.
PAPER_WIDTH_PX = round((210 - 2 * 12) / 25.4 * 96)
MAX_CHEAT_SHEET_PAGES = 8
TOPIC_PAGE = "compute/ec2/"  # has Check yourself questions and practice questions
WIDE_TABLES = ["migration/snow-family/", "billing/support-plans/"]  # nine and eight columns


def printed(page: Page, url: str) -> Page:
    page.set_viewport_size({"width": PAPER_WIDTH_PX, "height": 1000})
    page.goto(url)
    page.emulate_media(media="print")
    return page


def pdf_pages(pdf: bytes) -> int:
    """Page objects in the PDF ("/Type /Page"), not the page tree nodes ("/Type /Pages")."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_the_cheat_sheet_prints_on_at_most_eight_a4_pages(page: Page, base_url: str) -> None:
    printed(page, base_url + "exam/cheat-sheet/")
    assert page.locator(".cheat-sheet table").count() >= 15  # the sheet itself, not an empty page
    pages = pdf_pages(page.pdf(format="A4"))
    print(f"cheat sheet: {pages} A4 pages")
    assert 1 < pages <= MAX_CHEAT_SHEET_PAGES


def test_the_page_counter_counts_pages_not_the_page_tree() -> None:
    assert pdf_pages(b"<< /Type /Pages /Kids [3 0 R 4 0 R] >> << /Type /Page >> << /Type/Page >>") == 2


def test_only_the_article_is_printed(page: Page, base_url: str) -> None:
    printed(page, base_url + TOPIC_PAGE)
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                     ".md-search", ".md-content__button", ".md-top", ".md-typeset .headerlink", ".md-typeset .md-tags"):
        hidden = page.locator(selector).evaluate_all("nodes => nodes.every(n => !n.checkVisibility())")
        assert hidden, f"{selector} is printed"
    assert page.locator("article h1").is_visible()


def test_check_yourself_and_practice_answers_print_open(page: Page, base_url: str) -> None:
    page.goto(base_url + TOPIC_PAGE)
    answer = page.locator("article details.question:not([open]) > p").first
    reasons = page.locator("article details.practice__answer:not([open]) li").first
    assert not answer.is_visible() and not reasons.is_visible()  # on screen, closed until opened
    printed(page, base_url + TOPIC_PAGE)
    for element in (answer, reasons):
        box = element.bounding_box()
        assert box is not None and box["height"] > 0 and box["width"] > 0
        assert element.is_visible()


def test_links_print_as_their_text_only(page: Page, base_url: str) -> None:
    printed(page, base_url + TOPIC_PAGE)
    after = page.locator("article a[href]").evaluate_all(
        "links => [...new Set(links.map(a => getComputedStyle(a, '::after').content))]")
    assert set(after) <= {"none", "normal"}, after


@pytest.mark.parametrize("url", WIDE_TABLES)
def test_wide_tables_print_whole_within_the_paper(page: Page, base_url: str, url: str) -> None:
    printed(page, base_url + url)
    widths = page.evaluate("""() => {
      const content = document.querySelector("article").getBoundingClientRect();
      return [...document.querySelectorAll("article table")].map(table => {
        const wrap = table.closest(".md-typeset__scrollwrap") || table.parentElement;
        return {right: table.getBoundingClientRect().right, content: content.right,
                overflow: wrap.scrollWidth - wrap.clientWidth, page: document.documentElement.clientWidth};
      });
    }""")
    assert widths
    for table in widths:
        assert table["right"] <= min(table["content"], table["page"]) + 0.5, table
        assert table["overflow"] <= 0.5, table  # nothing left to scroll to, which paper cannot do
