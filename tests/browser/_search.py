"""Drive the site's own search box as a reader does, for the search tests and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import BrowserContext, Page

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")
INPUT = "input.md-search__input"
ITEM = "li.md-search-result__item"
# Material's own text once the worker has loaded the index and answered the empty query.
READY_TEXT = "Type to start searching"
# Milliseconds between key presses: a fast typist, and enough for each keyup to reach the worker.
KEY_DELAY_MS = 20
# Results count as settled when the result list has not changed for this long.
QUIET_MS = 250

# Record when the last key went up and when the result list last changed, so a test waits for the
# answer to the whole query rather than to one of its prefixes.
TRACKER = """
window.__search = {lastKey: 0, firstRender: null, lastRender: 0};
document.addEventListener("keyup", () => {
  window.__search.lastKey = performance.now();
  window.__search.firstRender = null;
}, true);
document.addEventListener("DOMContentLoaded", () => {
  const result = document.querySelector("[data-md-component=search-result]");
  if (!result) return;
  new MutationObserver(() => {
    const now = performance.now();
    window.__search.lastRender = now;
    if (window.__search.firstRender === null) window.__search.firstRender = now;
  }).observe(result, {childList: true, subtree: true, characterData: true});
});
"""


@dataclass(frozen=True)
class Query:
    """One line of search_queries.yml: what a learner types and where it should land."""

    query: str
    page: str
    section: str

    @property
    def expected(self) -> str:
        return self.page + (f"#{self.section}" if self.section else "")


@dataclass(frozen=True)
class Hit:
    """The best-scored link of the first result group, as Material's Enter key would choose it."""

    page: str
    section: str
    title: str
    group: str

    @property
    def found(self) -> str:
        return self.page + (f"#{self.section}" if self.section else "")


def load_queries(path: Path = QUERIES_FILE) -> list[Query]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
    return [Query(str(e["query"]), str(e["page"]), str(e.get("section") or "")) for e in entries]


def install_tracker(context: BrowserContext) -> None:
    context.add_init_script(TRACKER)


def open_search(page: Page) -> None:
    """Wait until the index is loaded, then focus the search box with the `/` shortcut."""
    page.locator(".md-search-result__meta").filter(has_text=READY_TEXT).wait_for(state="attached")
    page.keyboard.press("/")
    page.locator(INPUT).wait_for(state="visible")


def type_query(page: Page, text: str) -> None:
    """Clear the box, type `text` key by key and wait until the results for all of it are shown."""
    page.locator(INPUT).fill("")
    page.keyboard.type(text, delay=KEY_DELAY_MS)
    page.wait_for_function(
        f"""() => window.__search.firstRender !== null
            && performance.now() - window.__search.lastRender > {QUIET_MS}""")


def top_hit(page: Page, base_url: str) -> Hit | None:
    """The page and section Material ranks first, or None if nothing was found."""
    found = page.evaluate(
        """() => {
          const group = document.querySelector(".md-search-result__item");
          if (!group) return null;
          let best = null;
          for (const link of group.querySelectorAll("a.md-search-result__link")) {
            const score = parseFloat(link.firstElementChild.getAttribute("data-md-score"));
            if (best === null || score > best.score)
              best = {score, href: link.href, title: link.querySelector("h1, h2").textContent.trim()};
          }
          best.group = group.querySelector("h1").textContent.trim();
          return best;
        }""")
    if found is None:
        return None
    url = urlsplit(found["href"])
    return Hit(url.path.removeprefix(urlsplit(base_url).path), url.fragment, found["title"],
               found["group"])
