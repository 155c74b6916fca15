"""Once the page is painted, Material's start-up restyles nothing on <html> or in <head>.

The bundle's focus-visible polyfill marks <html> ("js-focus-visible"), and instant navigation makes
every relative URL absolute, which reloads each stylesheet: done after the first paint, each had
every element's style recomputed. overrides/main.html does both in <head>, before anything is styled,
so when Material starts it finds nothing to change. Recorded from the first byte of the page on.

Whatever is done there must keep the stylesheets render-blocking: the first frame is styled. (A link
whose href is changed while its sheet loads no longer blocks rendering: the page was first painted
unstyled, then its links faded into their colors.)
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, Route

from tests.browser.conftest import MATERIAL_STARTED

pytestmark = pytest.mark.browser

RECORD = """
window.__changes = [];
new MutationObserver((records) => {
  if (document.readyState === "loading") return;  // the parser and <head> are still at work
  for (const r of records) {
    const el = r.target;
    if (r.oldValue === el.getAttribute(r.attributeName)) continue;  // written again, unchanged
    if (el === document.documentElement || (el.tagName === "LINK" && el.rel === "stylesheet"))
      window.__changes.push(`${el.tagName.toLowerCase()} ${r.attributeName}: ${r.oldValue} -> ${el.getAttribute(r.attributeName)}`);
  }
}).observe(document, { attributes: true, attributeOldValue: true, subtree: true });
"""


@pytest.mark.parametrize("path", ["billing/support-plans/", "security/shared-responsibility/", ""])
def test_material_changes_nothing_on_html_or_stylesheets(page: Page, base_url: str, path: str) -> None:
    page.add_init_script(RECORD)
    page.goto(base_url + path, wait_until="load")
    page.wait_for_function(MATERIAL_STARTED)
    page.wait_for_timeout(300)  # Material's start-up continues in the tasks after load
    assert page.evaluate("document.documentElement.classList.contains('js-focus-visible')")
    assert page.evaluate("window.__changes") == []


FIRST_FRAME = """
requestAnimationFrame(() => {
  const links = [...document.querySelectorAll("link[rel=stylesheet]")];
  window.__firstFrame = links.map((link) => [link.getAttribute("href").split("/").pop(),
                                             link.sheet ? link.sheet.cssRules.length : 0]);
});
"""


def _slowly(route: Route) -> None:
    time.sleep(0.2)  # the stylesheets arrive after the parser is done: frames are due before
    route.continue_()


@pytest.mark.parametrize("path", ["billing/support-plans/", ""])
def test_the_first_frame_is_styled(page: Page, base_url: str, path: str) -> None:
    page.add_init_script(FIRST_FRAME)
    page.route("**/*.css", _slowly)
    page.goto(base_url + path, wait_until="load")
    frame = page.evaluate("window.__firstFrame")
    assert len(frame) >= 3
    assert [name for name, _ in frame][-1] == "extra.css"  # Material's two, then ours
    assert [name for name, rules in frame if not rules] == []  # each applied before the first paint
