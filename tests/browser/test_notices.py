"""Lifecycle notices on a 390 px phone: each is a strip of its own, one line box high or wrapped
under its words (not under the icon), never wider than its column, the same in every place and in
both palettes, and saying what the data says. The What changed summary table lists every entry, and
each page it names shows that entry's notice."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from macros import lifecycle
from macros._data import load
from sitetools.build import ROOT, Build
from sitetools.pages import SOURCES
from tests.browser.conftest import TIMEOUT_MS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
CHANGES = "changes/"
DATA = load(ROOT / lifecycle.FILE, lifecycle.Lifecycle, root=ROOT)

# Where each notice sits and what its text is made of: the box, its column, each line of its text
# (after the icon) and the icon itself, in CSS pixels.
MEASURE = """notice => {
  const style = getComputedStyle(notice);
  const icon = notice.querySelector('.twemoji');
  // From the first word after the icon (not the space before it) to the end.
  const walker = document.createTreeWalker(notice, NodeFilter.SHOW_TEXT);
  let first = null;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (icon.contains(node) || !(icon.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    if (node.data.trim()) { first = node; break; }
  }
  const range = document.createRange();
  range.setStart(first, first.data.length - first.data.trimStart().length);
  range.setEnd(notice, notice.childNodes.length);
  const lineHeight = parseFloat(style.lineHeight);
  const lines = [];
  for (const rect of range.getClientRects()) {
    if (rect.width === 0) continue;
    const line = lines.find(l => Math.abs(l.top - rect.top) < lineHeight / 2);
    if (line) line.left = Math.min(line.left, rect.left);
    else lines.push({top: rect.top, left: rect.left});
  }
  lines.sort((a, b) => a.top - b.top);
  const box = notice.getBoundingClientRect();
  const column = notice.parentElement.getBoundingClientRect();
  return {
    href: new URL(notice.href).hash,
    text: notice.textContent.replace(/\\s+/g, ' ').trim(),
    top: box.top, bottom: box.bottom, left: box.left, right: box.right, height: box.height,
    columnLeft: column.left, columnRight: column.right,
    overflows: notice.scrollWidth > notice.clientWidth + 1,
    padding: parseFloat(style.paddingTop) + parseFloat(style.paddingBottom),
    lineHeight, lines: lines.map(l => l.left), iconRight: icon.getBoundingClientRect().right,
    look: [style.display, style.backgroundColor, style.borderLeftStyle, style.borderLeftWidth,
           style.borderLeftColor, style.color, style.fontSize, style.lineHeight].join(' '),
  };
}"""


@pytest.fixture(scope="module")
def notice_pages(site_build: Build) -> list[str]:
    """The URL paths of the built pages that show at least one notice."""
    pages = [url for url in SOURCES if site_build.html(url).select_one("a.lifecycle-notice")]
    assert len(pages) > 10, f"expected notices on many pages, found them on {pages}"
    return pages


@pytest.fixture(params=["light", "dark"])
def phone(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(color_scheme=request.param, viewport=PHONE, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_every_notice_is_one_clean_strip_on_a_phone(phone: Page, base_url: str, notice_pages: list[str]) -> None:
    problems: list[str] = []
    looks: dict[str, str] = {}
    count = 0
    for url in notice_pages:
        phone.goto(base_url + url)
        notices = phone.locator("article a.lifecycle-notice").evaluate_all(f"all => all.map({MEASURE})")
        if phone.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
            problems.append(f"{url}: the page scrolls sideways")
        previous_bottom = None
        for n in sorted(notices, key=lambda n: n["top"]):
            count += 1
            where = f"{url} {n['href']}"
            looks.setdefault(n["look"], where)
            entry = DATA.entry(n["href"].removeprefix("#"))
            if n["text"] != lifecycle.notice_text(entry):
                problems.append(f"{where}: says {n['text']!r}, the data says {lifecycle.notice_text(entry)!r}")
            if n["left"] < n["columnLeft"] - 0.5 or n["right"] > n["columnRight"] + 0.5 or n["overflows"]:
                problems.append(f"{where}: overflows its column ({n['left']:.0f}-{n['right']:.0f} px in {n['columnLeft']:.0f}-{n['columnRight']:.0f})")
            if previous_bottom is not None and n["top"] < previous_bottom - 0.5:
                problems.append(f"{where}: sits beside the notice before it, not below it")
            previous_bottom = n["bottom"]
            lines = len(n["lines"])
            expected = lines * n["lineHeight"] + n["padding"]
            if lines == 0 or abs(n["height"] - expected) > 2:
                problems.append(f"{where}: {n['height']:.0f} px high for {lines} line(s) of {n['lineHeight']:.0f} px")
            if n["lines"] and n["lines"][0] < n["iconRight"]:
                problems.append(f"{where}: the text starts under the icon")
            hanging = [left for left in n["lines"][1:] if abs(left - n["lines"][0]) > 1.5]
            if hanging:
                problems.append(f"{where}: wrapped lines start at {hanging} px, not under the first word ({n['lines'][0]:.0f} px)")
    assert count > 20, f"only {count} notices measured"
    if len(looks) > 1:
        problems.append("notices look different: " + "; ".join(f"{look} (first at {where})" for look, where in looks.items()))
    assert not problems, "\n".join(problems)


def test_what_changed_summary_lists_every_entry(phone: Page, base_url: str, site_build: Build) -> None:
    phone.goto(base_url + CHANGES)
    table = phone.locator(".lifecycle-summary table")
    rows = table.locator("tbody tr")
    services = rows.locator("td:first-child a").evaluate_all("links => links.map(a => new URL(a.href).hash)")
    sections = phone.locator("article h2[id]").evaluate_all("hs => hs.map(h => '#' + h.id)")
    # Every entry once, in the order of the sections below the table.
    assert sorted(services) == sorted(f"#{entry.id}" for entry in DATA.entries)
    assert services == [anchor for anchor in sections if anchor in services]
    assert not phone.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"), \
        "the summary table makes the page scroll sideways instead of scrolling in its own box"

    # Each page the table names shows that entry's notice, linking back here.
    prefix = urlsplit(base_url).path
    named = 0
    for row in range(rows.count()):
        entry_id = services[row].removeprefix("#")
        links = rows.nth(row).locator("td:last-child a").evaluate_all("links => links.map(a => a.href)")
        for href in links:
            named += 1
            page = urlsplit(href).path.removeprefix(prefix)
            targets = {a["href"].rsplit("#", 1)[-1] for a in site_build.html(page).select("a.lifecycle-notice")}
            assert entry_id in targets, f"the summary says {page or 'home'} mentions {entry_id}, but it shows no notice for it"
        successor = DATA.entry(entry_id).successor
        cell = rows.nth(row).locator("td:nth-child(4)").inner_text().strip()
        assert cell == (successor or "none named"), entry_id
    assert named >= len(DATA.entries), f"only {named} page links for {len(DATA.entries)} entries"
