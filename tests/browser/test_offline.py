"""The offline copy, opened from disk as a reader who unzipped it would: index.html from file://, a
section reached through the navigation, and a search that finds a page, with nothing fetched from
any server. Builds the offline copy once (mkdocs-offline.yml), so it takes a few seconds more."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, expect

from sitetools.build import ROOT, Build, run_build
from tests.browser.conftest import new_context

pytestmark = pytest.mark.browser

QUERY = "nat gateway"  # answered on networking/vpc, among others


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = run_build(ROOT, tmp_path_factory.mktemp("offline") / "aws-cloud-notes", config="mkdocs-offline.yml")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def disk(browser: Browser) -> Iterator[tuple[BrowserContext, list[str]]]:
    """A context that records every request that does not read a local file."""
    context = new_context(browser)
    remote: list[str] = []
    context.on("request", lambda request: remote.append(request.url)
               if not request.url.startswith(("file:", "data:", "about:", "blob:")) else None)
    yield context, remote
    context.close()


def test_pages_are_files_that_link_to_files(offline_site: Build) -> None:
    site = offline_site.site
    assert (site / "index.html").is_file() and (site / "networking" / "vpc.html").is_file()
    assert not (site / "networking" / "vpc").exists()
    assert (site / "search" / "search_index.js").is_file()  # the index as a script a page on disk can load
    soup = BeautifulSoup((site / "compute" / "ec2.html").read_text(encoding="utf-8"), "html.parser")
    # Every relative link names a file: a folder opened from disk would show its listing, not the page.
    # That includes the practice questions' links, which the macros write as raw HTML.
    links = [a["href"].split("#")[0] for a in soup.select("a[href]") if not a["href"].startswith(("http", "#", "mailto:", "javascript:"))]
    assert links and all(link.endswith(".html") for link in links if link), [x for x in links if x and not x.endswith(".html")]
    assert soup.select("article .practice a[href$='.html'], article .practice a[href*='.html#']")
    assert "unpkg.com" not in str(soup) and soup.select_one("script[src='../javascripts/offline-iframe-worker.js']")


def test_open_from_disk_navigate_and_search(offline_site: Build, disk: tuple[BrowserContext, list[str]]) -> None:
    context, remote = disk
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((offline_site.site / "index.html").as_uri())
    assert page.locator("article h1").is_visible()

    # Into a section through the navigation tabs, as a reader would (no directory URL to resolve).
    tab = page.locator(".md-tabs__link:not([href='index.html'])").first
    target = tab.get_attribute("href")
    tab.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.endswith(target), page.url
    assert page.locator("article h1").is_visible()

    # Search: the index comes from search_index.js, and the worker runs in the page (see the polyfill).
    page.keyboard.press("/")
    page.locator("input.md-search__input").wait_for(state="visible")
    page.keyboard.type(QUERY, delay=20)
    first = page.locator("li.md-search-result__item a.md-search-result__link").first
    first.wait_for(state="visible")
    href = first.get_attribute("href")
    assert href.startswith("file://") and ".html" in href, href
    first.click()
    page.wait_for_load_state()
    assert page.url.split("?")[0].split("#")[0] == href.split("?")[0].split("#")[0]
    assert QUERY.split()[0] in page.locator("article").inner_text().lower()

    assert errors == [] and remote == [], (errors, remote)



def test_a_practice_exam_runs_from_disk(offline_site: Build, disk: tuple[BrowserContext, list[str]]) -> None:
    """The exam loads its bank as a script beside the page (a page on disk may not fetch()), and the
    questions it links back to are files too."""
    context, remote = disk
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((offline_site.site / "practice" / "index.html").as_uri())
    page.locator('input[name="mode"][value="quick"]').check()
    page.get_by_role("button", name="Start").click()
    question = page.locator("form.practice-exam__question")
    question.wait_for()
    for number in range(10):  # answer nothing: every question is then scored wrong and listed
        label = "Review answers" if number == 9 else "Next"
        page.get_by_role("button", name=label, exact=True).click()
    page.get_by_role("button", name="Finish and see my score").click()
    wrong = page.locator(".practice-exam__wrong > li")
    expect(wrong).to_have_count(10)
    links = [wrong.nth(i).locator("a").first.get_attribute("href") for i in range(10)]
    assert all(".html#" in link for link in links), links
    wrong.first.locator("a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.locator("article h1").is_visible(), page.url
    assert errors == [] and remote == [], (errors, remote)
