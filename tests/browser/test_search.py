"""Search lands on the answer: each query in search_queries.yml, typed key by key into the site's
own search box, puts the answering page first and, within it, the answering section first (or, for
a query the page as a whole answers, the page's own entry above all its sections)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from sitetools.pages import SOURCES
from sitetools.search import (
    Query,
    install_tracker,
    load_queries,
    open_search,
    top_hit,
    type_query,
)
from tests.browser.conftest import new_context

pytestmark = pytest.mark.browser

QUERIES = load_queries()
CASES = [pytest.param(q, id=q.query, marks=[pytest.mark.xfail(strict=True, reason=q.known_issue)]
                      if q.known_issue else []) for q in QUERIES]


@pytest.fixture(scope="module")
def search_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """One page with the search box open, reused for every query (each clears the box first)."""
    context = new_context(browser)
    install_tracker(context)
    page = context.new_page()
    page.goto(base_url)
    open_search(page)
    yield page
    context.close()


def test_the_query_file_is_big_enough_and_points_at_real_pages() -> None:
    assert len([q for q in QUERIES if not q.known_issue]) >= 40
    assert len({q.query.lower() for q in QUERIES}) == len(QUERIES), "a query is listed twice"
    unknown = [q.page for q in QUERIES if q.page not in SOURCES]
    assert not unknown, f"no such page: {unknown}"


@pytest.mark.parametrize("query", CASES)
def test_search_lands_on_the_answer(search_page: Page, base_url: str, query: Query) -> None:
    type_query(search_page, query.query)
    hit = top_hit(search_page, base_url)
    assert hit is not None, f"{query.query!r} found nothing"
    assert hit.lands_on(query), f"{query.query!r}: best result is {hit}, expected {query.expected}"
