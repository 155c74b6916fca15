"""Every page, loaded in full in light and dark mode: no third-party request, no console error,
no accessibility violation found by axe-core.

Each page is loaded once per mode; the three tests read the same recorded visit, so a failure
names the page, the mode and the one thing that is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext

from sitetools.pages import NOT_FOUND, PAGES
from tests.browser.conftest import new_context

pytestmark = pytest.mark.browser

MODES = ("light", "dark")

# Violations that only the page's author can fix, each with the fix. The test still fails on any
# other violation on these pages, and fails once a listed one is gone, so the entry is removed.
KNOWN_VIOLATIONS: dict[tuple[str, str], str] = {}
SCHEMES = {"light": "default", "dark": "slate"}  # Material's name for each palette


@dataclass
class Visit:
    """What one page did while it loaded in one mode."""

    status: int
    scheme: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)


class Visitor:
    """Loads each (page, mode) once, on first use, and remembers what happened."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.contexts: dict[str, BrowserContext] = {}
        self.visits: dict[tuple[str, str], Visit] = {}
        self.axe = Axe()

    def visit(self, page_path: str, mode: str) -> Visit:
        key = (page_path, mode)
        if key not in self.visits:
            self.visits[key] = self._load(page_path, mode)
        return self.visits[key]

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()

    def _load(self, page_path: str, mode: str) -> Visit:
        if mode not in self.contexts:
            self.contexts[mode] = new_context(self.browser, mode)
        page = self.contexts[mode].new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and errors.append(
            f"console: {message.text} ({message.location.get('url')})"))
        page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        url = self.base_url + ("no-such-page/" if page_path == NOT_FOUND else page_path)
        response = page.goto(url, wait_until="networkidle")
        assert response is not None, url
        scheme = page.locator("body").get_attribute("data-md-color-scheme") or ""
        violations = self.axe.run(page).response["violations"]
        page.close()
        return Visit(response.status, scheme, requests, errors, violations)


@pytest.fixture(scope="session")
def visitor(browser: Browser, base_url: str) -> Iterator[Visitor]:
    visitor = Visitor(browser, base_url)
    yield visitor
    visitor.close()


def _is_local(url: str, base_url: str) -> bool:
    if url.startswith(("data:", "blob:")):
        return True
    return urlsplit(url).netloc == urlsplit(base_url).netloc


def _missing_page_log(visit: Visit, page_path: str, error: str) -> bool:
    """Chromium logs the 404 status of the 404 page itself; that one is the page working."""
    return page_path == NOT_FOUND and "status of 404" in error and "no-such-page/" in error


@pytest.mark.parametrize("page_path", PAGES)
def test_page_requests_nothing_outside_the_site(visitor: Visitor, base_url: str, page_path: str) -> None:
    visit = visitor.visit(page_path, "light")
    assert visit.status == (404 if page_path == NOT_FOUND else 200)
    assert any(url.endswith("/search/search_index.json") for url in visit.requests), \
        "the page did not load in full: the search index was never requested"
    outside = sorted({url for url in visit.requests if not _is_local(url, base_url)})
    assert not outside, f"{page_path or 'home'} requested third-party URLs: {outside}"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("page_path", PAGES)
def test_page_logs_no_console_error(visitor: Visitor, page_path: str, mode: str) -> None:
    visit = visitor.visit(page_path, mode)
    assert visit.scheme == SCHEMES[mode], f"the page did not open in {mode} mode"
    errors = [e for e in visit.errors if not _missing_page_log(visit, page_path, e)]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("page_path", PAGES)
def test_page_has_no_accessibility_violation(visitor: Visitor, page_path: str, mode: str) -> None:
    visit = visitor.visit(page_path, mode)
    assert visit.scheme == SCHEMES[mode], f"the page did not open in {mode} mode"
    known = {rule for (page, rule) in KNOWN_VIOLATIONS if page == page_path}
    new = [v for v in visit.violations if v["id"] not in known]
    assert not new, _report(new)
    fixed = known - {v["id"] for v in visit.violations}
    assert not fixed, f"fixed, remove from KNOWN_VIOLATIONS: {sorted(fixed)}"


def _report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['failureSummary'].splitlines()[-1].strip()}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)
