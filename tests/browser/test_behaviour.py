"""What a reader does with the site: switch the palette, search from the keyboard, follow an edit
link or a deep link, and land on the 404 page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from sitetools.build import Build
from sitetools.nav import landing_pages, site_nav
from sitetools.pages import CONFIG, SOURCES, page_url
from sitetools.search import INPUT, ITEM, READY_TEXT, install_tracker, open_search, type_query

pytestmark = pytest.mark.browser

DARK_TOGGLE = CONFIG["theme"]["palette"][0]["toggle"]["name"]   # "Switch to dark mode"
LIGHT_TOGGLE = CONFIG["theme"]["palette"][1]["toggle"]["name"]  # "Switch to light mode"


def scheme(page: Page) -> str | None:
    return page.locator("body").get_attribute("data-md-color-scheme")


def test_palette_toggle_switches_and_is_remembered(page: Page, base_url: str) -> None:
    page.goto(base_url)
    assert scheme(page) == "default"

    page.locator(f"label[title='{DARK_TOGGLE}']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")

    # The system still prefers light, so only the stored choice can keep the page dark.
    page.reload()
    assert scheme(page) == "slate"
    page.goto(base_url + "security/iam/")
    assert scheme(page) == "slate"

    page.locator(f"label[title='{LIGHT_TOGGLE}']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    page.goto(base_url + "networking/")
    assert scheme(page) == "default"


@pytest.mark.parametrize("key", ["/", "s"])
def test_shortcut_opens_search(page: Page, base_url: str, key: str) -> None:
    page.goto(base_url + "compute/")
    page.keyboard.press(key)
    expect(page.locator(INPUT)).to_be_focused()
    expect(page.locator("#__search")).to_be_checked()


def _searched(context: BrowserContext, base_url: str, query: str) -> Page:
    """The home page with `query` typed into the search box and its results shown."""
    install_tracker(context)
    page = context.new_page()
    page.goto(base_url)
    open_search(page)
    type_query(page, query)
    return page


def test_keyboard_only_search_opens_the_chosen_result(context: BrowserContext, base_url: str) -> None:
    page = _searched(context, base_url, "Lambda")

    # The elements the arrow keys move through, in Material's own order (a collapsed "more on this
    # page" counts as one stop).
    links = page.locator("[data-md-component=search-result]").locator(
        ":not(details) > [href], summary, details[open] [href]")
    assert links.count() >= 2, "expected at least two results to move between"
    page.keyboard.press("ArrowDown")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(links.nth(0)).to_be_focused()

    target = urlsplit(links.nth(0).get_attribute("href") or "")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == target.path)
    expect(page.locator("#__search")).not_to_be_checked()


def test_enter_in_the_search_box_opens_the_best_result(context: BrowserContext, base_url: str) -> None:
    page = _searched(context, base_url, "Lambda")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path != urlsplit(base_url).path)
    assert page.locator("article h1").count() == 1


@pytest.mark.parametrize("page_path", ["", "networking/", "networking/ip-addressing/"])
def test_edit_link_points_at_the_page_source(page: Page, base_url: str, page_path: str) -> None:
    page.goto(base_url + page_path)
    edit = page.locator("a.md-content__button[href*='/edit/']")
    expected = f"{CONFIG['repo_url'].rstrip('/')}/{CONFIG['edit_uri'].strip('/')}/{SOURCES[page_path]}"
    assert edit.get_attribute("href") == expected


def test_deep_link_scrolls_to_the_heading(page: Page, base_url: str, site_build: Build) -> None:
    page_path = "networking/ip-addressing/"
    heading_id = site_build.html(page_path).select("article h2[id]")[-1]["id"]
    page.goto(base_url + page_path)
    heading = page.locator(f"[id='{heading_id}']")
    # Only meaningful if the heading starts out below the fold.
    assert heading.evaluate("h => h.getBoundingClientRect().top") > page.viewport_size["height"]

    page.goto(f"{base_url}{page_path}#{heading_id}")
    expect(heading).to_be_in_viewport()
    header_bottom = page.locator("header.md-header").evaluate("h => h.getBoundingClientRect().bottom")
    assert heading.evaluate("h => h.getBoundingClientRect().top") >= header_bottom - 1, \
        "the heading is hidden under the sticky header"


def test_not_found_page_offers_search_and_the_sections(context: BrowserContext, base_url: str) -> None:
    install_tracker(context)
    page = context.new_page()
    response = page.goto(base_url + "no/such/page/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")

    # Every top-level section of the navigation (and each section a domain groups) is offered, and
    # each link works from this depth.
    prefix = urlsplit(base_url).path
    expected = {prefix + page_url(Path(page)) for page in landing_pages(site_nav())}
    hrefs = {urlsplit(a.get_attribute("href") or "").path
             for a in page.locator(".not-found-sections a").all()}
    assert hrefs == expected
    for href in sorted(hrefs):
        assert page.request.get(urlsplit(base_url)._replace(path=href).geturl()).status == 200, href

    # The page's own button opens the header search; a result leads to a real page.
    page.locator("label.not-found-search").click()
    expect(page.locator(INPUT)).to_be_focused()
    type_query(page, "S3")
    first = page.locator(f"{ITEM} > a.md-search-result__link").first
    target = urlsplit(first.get_attribute("href") or "")
    first.click()
    page.wait_for_url(lambda url: urlsplit(url).path == target.path)
    expect(page.locator("article h1")).to_have_count(1)


def header_color(page: Page) -> str:
    """The header's background as #rrggbb, as the phone's address bar should show it."""
    return page.evaluate("""() => '#' + getComputedStyle(document.querySelector('.md-header'))
        .backgroundColor.match(/\\d+/g).slice(0, 3)
        .map(v => (+v).toString(16).padStart(2, '0')).join('')""")


def theme_color(page: Page) -> str | None:
    return page.locator("meta[name='theme-color']").get_attribute("content")


def test_palette_follows_the_system_until_a_choice_is_made(page: Page, base_url: str) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(base_url)
    assert scheme(page) == "slate"
    # The theme-color written in the head (mkdocs.yml extra.theme_color) is the header's color.
    assert theme_color(page) == header_color(page) == CONFIG["extra"]["theme_color"]

    page.emulate_media(color_scheme="light")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    assert theme_color(page) == header_color(page)

    # Once the reader has chosen, the system setting no longer decides.
    page.locator(f"label[title='{DARK_TOGGLE}']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.emulate_media(color_scheme="light")
    page.reload()
    assert scheme(page) == "slate"
    assert theme_color(page) == header_color(page)


def test_enter_on_the_palette_toggle_switches(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.locator("input[name='__palette']:checked").focus()
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator(f"label[title='{LIGHT_TOGGLE}']")).to_be_visible()
    expect(page.locator(f"label[title='{DARK_TOGGLE}']")).to_be_hidden()


def test_a_tap_on_an_abbreviation_shows_its_expansion(page: Page, base_url: str) -> None:
    page.goto(base_url + "security/iam/")
    abbr = page.locator("article abbr[title]").first
    title = abbr.get_attribute("title") or ""
    assert title
    after = "el => getComputedStyle(el, '::after').content"
    assert abbr.evaluate(after) in ("none", "normal")
    abbr.click()
    assert title in abbr.evaluate(after)
    abbr.click()
    assert abbr.evaluate(after) in ("none", "normal")


def _started_after_load(page: Page, name: str) -> bool:
    return page.evaluate("""name => {
        const load = performance.getEntriesByType('navigation')[0].loadEventStart
        const entry = performance.getEntriesByType('resource').find(e => e.name.endsWith(name))
        return entry ? entry.startTime >= load : null
    }""", name)


def test_the_search_index_and_practice_script_wait_for_the_page(page: Page, base_url: str) -> None:
    """What the first view does not need is requested after the page's load event, and still works."""
    page.goto(base_url + "compute/ec2/")
    page.locator(".md-search-result__meta").filter(has_text=READY_TEXT).wait_for(state="attached")
    page.wait_for_function("() => performance.getEntriesByType('resource')"
                           ".some(e => e.name.endsWith('/javascripts/practice.js'))")
    assert _started_after_load(page, "/search/search_index.json") is True
    assert _started_after_load(page, "/javascripts/practice.js") is True
    # The practice script has run: the page's questions are ready to be answered.
    expect(page.locator("form.practice__question[data-ready]").first).to_be_attached()
