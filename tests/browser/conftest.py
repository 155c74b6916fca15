"""Fixtures for the browser tests: the built site served on loopback and one headless Chromium.

The browser is BROWSER_PATH, else a Chromium on PATH, else Playwright's managed one. Without any,
the tests are skipped with the reason, except in CI, where a missing browser fails them.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from sitetools.browser import find_browser, in_ci, launch
from sitetools.build import Build
from sitetools.pages import CONFIG
from sitetools.server import serve_site

# Generous for a 2-core CI machine running axe, tight enough that a hang fails quickly.
TIMEOUT_MS = 15_000
# Material's script has run: document$ exists and DOMContentLoaded, where it mounts the content, is past.
MATERIAL_STARTED = "() => typeof document$ !== 'undefined' && document.readyState === 'complete'"


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    choice = find_browser(playwright_session)
    if not choice.found:
        if in_ci():
            pytest.fail(f"browser tests cannot run in CI: {choice.reason}")
        pytest.skip(choice.reason)
    browser = launch(playwright_session, choice)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def base_url(site_build: Build) -> Iterator[str]:
    """The site served under its site_url path, e.g. http://127.0.0.1:PORT/aws-cloud-notes/."""
    with serve_site(site_build.site, urlsplit(CONFIG["site_url"]).path) as url:
        yield url


def new_context(browser: Browser, scheme: str = "light") -> BrowserContext:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800},
                                  service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh context (no stored palette, no cache) per test, in light mode."""
    context = new_context(browser)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
