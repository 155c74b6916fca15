"""Tables on a 390 px phone: a wide table scrolls inside its own box with its first column held in
place, no row is taller than two thirds of the screen, and no date or price breaks across lines.

Every page is loaded once at 390 x 844 with every <details> opened (answers, "Source of each row"),
so tables and dates inside collapsed blocks are measured too; each test then reads those
measurements and names every page and table that fails, not only the first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser

from sitetools.pages import NOT_FOUND, PAGES
from tests.browser.conftest import MATERIAL_STARTED, TIMEOUT_MS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MAX_ROW_PX = 560  # two thirds of the screen: a row never hides the rows around it
SLACK_PX = 1  # sub-pixel rounding

# Every table sits in Material's scroll wrapper, exactly once: the build writes it (hooks/tables.py)
# and Material's script, once the page has loaded, must not add a second one.
WRAPPED = """() => [...document.querySelectorAll('article table')].every(
  (table) => table.parentElement.classList.contains('md-typeset__table') &&
    !table.closest('.md-typeset__scrollwrap').parentElement.closest('.md-typeset__scrollwrap'))"""

# Run in the page after Material has wrapped its tables: open every collapsed block, then measure
# each visible table, scroll its scroll box to the far right to see where the first column sits,
# and count the lines each unbreakable span (a date, a price) is drawn on.
MEASURE = """() => {
  for (const details of document.querySelectorAll('article details:not([open])')) details.open = true;
  const scroller = (element) => {
    for (let box = element.parentElement; box; box = box.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) return box;
    }
    return null;
  };
  const tables = [...document.querySelectorAll('article table')].filter((t) => t.checkVisibility());
  return {
    pageWidth: document.documentElement.scrollWidth,
    tables: tables.map((table, index) => {
      const box = scroller(table);
      const first = [...table.rows].map((row) => row.cells[0]).filter(Boolean);
      const holder = table.closest('[aria-label]');
      const name = table.caption?.textContent.trim() || holder?.getAttribute('aria-label') ||
        `table ${index + 1} (${first[0]?.textContent.trim().slice(0, 30)})`;
      let offset = null;
      if (box && box.scrollWidth > box.clientWidth) {
        box.scrollLeft = box.scrollWidth;
        const edge = box.getBoundingClientRect().left + box.clientLeft;
        offset = Math.max(...first.map((cell) => Math.abs(cell.getBoundingClientRect().left - edge)));
        box.scrollLeft = 0;
      }
      const boxRect = box?.getBoundingClientRect();
      return {
        name,
        width: table.getBoundingClientRect().width,
        scrolls: Boolean(box && box.scrollWidth > box.clientWidth),
        boxLeft: boxRect ? boxRect.left : null,
        boxRight: boxRect ? boxRect.right : null,
        rows: [...table.rows].map((row) => [row.cells[0]?.textContent.trim().slice(0, 40), row.getBoundingClientRect().height]),
        positions: [...new Set(first.map((cell) => getComputedStyle(cell).position))],
        firstColumnOffset: offset,
      };
    }),
    unbreakable: [...document.querySelectorAll('article .nowrap')]
      .filter((span) => span.checkVisibility())
      .map((span) => [span.textContent, span.getClientRects().length]),
  };
}"""


@dataclass(frozen=True)
class Table:
    page: str
    name: str
    width: float
    scrolls: bool
    box_left: float | None
    box_right: float | None
    rows: list[tuple[str, float]]
    positions: list[str]
    first_column_offset: float | None

    def __str__(self) -> str:
        return f"{self.page or 'home'}: {self.name}"


@dataclass(frozen=True)
class PhoneVisit:
    page: str
    page_width: int
    tables: list[Table]
    unbreakable: list[tuple[str, int]]


@pytest.fixture(scope="module")
def visits(browser: Browser, base_url: str) -> Iterator[list[PhoneVisit]]:
    context = browser.new_context(viewport=PHONE, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    found = []
    for path in [p for p in PAGES if p != NOT_FOUND]:
        page.goto(base_url + path, wait_until="load")
        page.wait_for_function(MATERIAL_STARTED)
        assert page.evaluate(WRAPPED), f"{path}: a table is not in exactly one scroll wrapper"
        result = page.evaluate(MEASURE)
        tables = [
            Table(path, t["name"], t["width"], t["scrolls"], t["boxLeft"], t["boxRight"],
                  [tuple(row) for row in t["rows"]], t["positions"], t["firstColumnOffset"])
            for t in result["tables"]
        ]
        found.append(PhoneVisit(path, result["pageWidth"], tables, [tuple(s) for s in result["unbreakable"]]))
    context.close()
    yield found


def tables(visits: list[PhoneVisit]) -> list[Table]:
    return [table for visit in visits for table in visit.tables]


def test_the_pages_with_tables_were_measured(visits: list[PhoneVisit]) -> None:
    """The other tests read these measurements: make sure they cover the tables that matter."""
    measured = {visit.page for visit in visits if visit.tables}
    assert {"storage/s3/", "migration/snow-family/", "billing/support-plans/", "networking/ip-addressing/"} <= measured
    assert len(tables(visits)) >= 40, len(tables(visits))


def test_no_page_is_wider_than_the_phone(visits: list[PhoneVisit]) -> None:
    wide = [(visit.page, visit.page_width) for visit in visits if visit.page_width > PHONE["width"]]
    assert not wide, f"pages that scroll sideways as a whole at {PHONE['width']} px: {wide}"


def test_a_wide_table_scrolls_inside_its_own_box(visits: list[PhoneVisit]) -> None:
    overflowing = [
        f"{table} ({table.width:.0f} px)" for table in tables(visits)
        if table.width > PHONE["width"] + SLACK_PX and not (
            table.scrolls
            and table.box_left is not None and table.box_left >= -SLACK_PX
            and table.box_right is not None and table.box_right <= PHONE["width"] + SLACK_PX
        )
    ]
    assert not overflowing, "tables wider than the screen without a scroll box that fits it:\n" + "\n".join(overflowing)
    assert any(table.scrolls for table in tables(visits)), "no table scrolls at all: the check above saw nothing to check"


def test_no_table_row_is_taller_than_560_px(visits: list[PhoneVisit]) -> None:
    tall = [
        f"{table}, row {label!r}: {height:.0f} px"
        for table in tables(visits) for label, height in table.rows if height > MAX_ROW_PX
    ]
    assert not tall, f"rows taller than {MAX_ROW_PX} px at {PHONE['width']} px wide:\n" + "\n".join(tall)


def test_the_first_column_stays_at_the_left_edge_while_the_table_scrolls(visits: list[PhoneVisit]) -> None:
    loose = [f"{table}: first column is {table.positions}" for table in tables(visits) if table.positions != ["sticky"]]
    assert not loose, "first columns that scroll away:\n" + "\n".join(loose)
    scrolled = [table for table in tables(visits) if table.first_column_offset is not None]
    assert scrolled, "no table scrolls sideways at 390 px, so holding the first column was never checked"
    adrift = [f"{table}: {table.first_column_offset:.1f} px from the edge" for table in scrolled
              if table.first_column_offset > SLACK_PX]
    assert not adrift, "after scrolling to the far right, the first column left the box's edge:\n" + "\n".join(adrift)


def test_dates_and_prices_stay_on_one_line(visits: list[PhoneVisit]) -> None:
    spans = [(visit.page, text, lines) for visit in visits for text, lines in visit.unbreakable]
    assert any(text[:1] == "$" for _, text, _ in spans) and any(text[:1].isdigit() for _, text, _ in spans), \
        "no date or price was marked unbreakable on any page"
    broken = [f"{page or 'home'}: {text!r} on {lines} lines" for page, text, lines in spans if lines != 1]
    assert not broken, "dates or prices broken across lines:\n" + "\n".join(broken)
