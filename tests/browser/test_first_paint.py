"""Once the page is painted, Material's start-up restyles nothing on <html> or in <head>.

The bundle's focus-visible polyfill marks <html> ("js-focus-visible"), and instant navigation makes
every relative URL absolute, which reloads each stylesheet: done after the first paint, each had
every element's style recomputed. overrides/main.html does both in <head>, before anything is styled,
so when Material starts it finds nothing to change. Recorded from the first byte of the page on.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

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
