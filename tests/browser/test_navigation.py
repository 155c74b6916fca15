"""The tab bar: one tab per top-level section (the exam, its four domains, practice and the site's own
pages), every one of them on screen at the common laptop and desktop widths, none cut off or hidden
behind the bar's horizontal scroll. Below 1220 px Material shows the sections in the drawer instead."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from sitetools.nav import site_nav
from tests.browser.conftest import TIMEOUT_MS

pytestmark = pytest.mark.browser

WIDTHS = [1280, 1366, 1440, 1920]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["", "compute/ec2/"])
def test_every_tab_fits_in_the_window(browser: Browser, base_url: str, width: int, path: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(base_url + path)
        tabs = page.locator(".md-tabs__item")
        expect(tabs).to_have_count(len(site_nav()))
        titles = [" ".join(t.split()) for t in tabs.all_inner_texts()]
        assert titles == [next(iter(item)) for item in site_nav()]
        bar = page.locator(".md-tabs__list").bounding_box()
        assert bar is not None
        for index in range(tabs.count()):
            tab = tabs.nth(index)
            expect(tab).to_be_visible()
            box = tab.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (width, titles[index], box)
            # ... and inside the bar, which would clip it (and scroll sideways) if it did not fit
            assert box["x"] + box["width"] <= bar["x"] + bar["width"] + 0.5, (width, titles[index], box, bar)
        overflow = page.locator(".md-tabs__list").evaluate("list => list.scrollWidth - list.clientWidth")
        assert overflow <= 0, (width, overflow)
    finally:
        context.close()
