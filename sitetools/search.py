"""Drive the site's own search box as a reader does, for the search tests and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import BrowserContext, Page

from sitetools.build import ROOT

QUERIES_FILE = ROOT / "tests" / "browser" / "search_queries.yml"
INPUT = "input.md-search__input"
ITEM = "li.md-search-result__item"
# Material's own text once the worker has loaded the index and answered the empty query.
READY_TEXT = "Type to start searching"
# Milliseconds between key presses: a fast typist, and enough for each keyup to reach the worker.
KEY_DELAY_MS = 20
# Count the queries the page sends to Material's search worker and the results that come back.
# The worker answers in order, so once every query has its answer and the last one sent is the
# whole text, the list on screen is the answer to the whole query, not to one of its prefixes.
# Material renders results in its own message listener, which runs before this one.
TRACKER = """
window.__search = {sent: 0, received: 0, lastQuery: null, lastKey: 0, lastResult: 0, ready: null};
document.addEventListener("keyup", () => { window.__search.lastKey = performance.now(); }, true);
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (!this.__tracked) {
    this.__tracked = true;
    this.addEventListener("message", event => {
      if (event.data && event.data.type === 1) window.__search.ready = performance.now();  // READY
      if (event.data && event.data.type === 3) {  // RESULT
        window.__search.received++;
        window.__search.lastResult = performance.now();
      }
    });
  }
  if (message && message.type === 2) {  // QUERY
    window.__search.sent++;
    window.__search.lastQuery = message.data;
  }
  return post.call(this, message, ...rest);
};
"""


@dataclass(frozen=True)
class Query:
    """One line of search_queries.yml: what a learner types and where it should land."""

    query: str
    page: str
    section: str
    known_issue: str = ""  # why it cannot land yet: a content or macro change it waits for

    @property
    def expected(self) -> str:
        return self.page + (f"#{self.section}" if self.section else "")


@dataclass(frozen=True)
class Hit:
    """The first result group: its page, its best-scored section, and whether the page's own entry
    scored higher than every section (then Material's Enter key opens the top of the page)."""

    page: str
    section: str
    page_is_best: bool
    title: str

    def lands_on(self, query: Query) -> bool:
        if self.page != query.page:
            return False
        return self.section == query.section if query.section else self.page_is_best

    def __str__(self) -> str:
        where = self.page if self.page_is_best or not self.section else f"{self.page}#{self.section}"
        return f"{where} ({self.title!r})"


def load_queries(path: Path = QUERIES_FILE) -> list[Query]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
    return [Query(str(e["query"]), str(e["page"]), str(e.get("section") or ""),
                  str(e.get("known_issue") or "")) for e in entries]


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
    wait_for_results(page, text)


def wait_for_results(page: Page, text: str) -> None:
    page.wait_for_function(
        """text => window.__search.lastQuery === text
                   && window.__search.received === window.__search.sent""", arg=text)


def top_hit(page: Page, base_url: str) -> Hit | None:
    """The first result group as Material ranks it, or None if nothing was found."""
    found = page.evaluate(
        """() => {
          const group = document.querySelector(".md-search-result__item");
          if (!group) return null;
          const entries = [...group.querySelectorAll("a.md-search-result__link")].map(link => ({
            href: link.href,
            score: parseFloat(link.firstElementChild.getAttribute("data-md-score")),
            title: link.querySelector("h1, h2").textContent.trim(),
          }));
          const article = entries.find(e => !new URL(e.href).hash);
          const sections = entries.filter(e => new URL(e.href).hash)
            .sort((a, b) => b.score - a.score);
          const best = sections[0];
          return {article, best, pageIsBest: !best || article.score >= best.score};
        }""")
    if found is None:
        return None
    prefix = urlsplit(base_url).path
    article, best = found["article"], found["best"]
    return Hit(
        page=urlsplit(article["href"]).path.removeprefix(prefix),
        section=urlsplit(best["href"]).fragment if best else "",
        page_is_best=found["pageIsBest"],
        title=(article if found["pageIsBest"] or not best else best)["title"])
