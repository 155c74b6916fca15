"""Lifecycle notices link to the right entry from any page, and stay one short line."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from macros import lifecycle
from macros._data import load
from sitetools.build import ROOT


def entry(**overrides: object) -> dict:
    base = {
        "id": "cloud9", "service": "AWS Cloud9", "change": "closed_to_new_customers",
        "date": dt.date(2024, 7, 25), "summary": "No new customers.", "identify": ["Cloud9"],
        "verified": dt.date(2026, 11, 22),
        "source": "https://docs.aws.amazon.com/cloud9/latest/APIReference/Welcome.html",
        "quote": "AWS Cloud9 is no longer available to new customers.",
    }
    return {**base, **overrides}


def data(*entries: dict) -> lifecycle.Lifecycle:
    return lifecycle.Lifecycle.model_validate({"as_of": dt.date(2026, 11, 22), "entries": list(entries)})


@pytest.mark.parametrize(
    ("page", "link"),
    [
        ("index.md", "changes.md#cloud9"),
        ("operations/developer-tools.md", "../changes.md#cloud9"),
        ("a/b/c.md", "../../changes.md#cloud9"),
    ],
)
def test_notice_links_relative_to_the_page(page: str, link: str) -> None:
    notice = lifecycle.notice(data(entry()), "cloud9", page)
    assert f"]({link}){{ .lifecycle-notice }}" in notice
    assert "AWS Cloud9&#58; closed to new customers (2024-07-25)" in notice


def test_month_or_unknown_date() -> None:
    loaded = data(entry(date=None, month="2024-04"), entry(id="x", date=None))
    assert loaded.entry("cloud9").when == "2024-04"
    assert loaded.entry("x").when == "date unknown"
    with pytest.raises(ValidationError, match="not both"):
        data(entry(month="2024-04"))


def test_markdown_in_service_names_is_shown_as_written() -> None:
    notice = lifecycle.notice(data(entry(service="Cloud9 [beta] *x* <b>")), "cloud9", "index.md")
    html = BeautifulSoup(markdown.markdown(notice, extensions=["attr_list"]), "html.parser")
    assert html.get_text().strip() == ":material-calendar-alert: Cloud9 [beta] *x* <b>: closed to new customers (2024-07-25)"
    assert html.find(["em", "b"]) is None


def test_unknown_entry_raises() -> None:
    with pytest.raises(KeyError, match="unknown lifecycle entry 'cloud10'"):
        lifecycle.notice(data(entry()), "cloud10", "index.md")


def test_real_notices_are_under_twelve_words() -> None:
    real = load(ROOT / lifecycle.FILE, lifecycle.Lifecycle, root=ROOT)
    for item in real.entries:
        text = lifecycle.notice(real, item.id, "index.md").split("](")[0]
        assert len(text.replace(":material-calendar-alert:", "").split()) < 12, item.id


def test_changes_page_lists_newest_first_with_sources() -> None:
    html = lifecycle.render_entries(
        data(entry(), entry(id="old", service="Old", date=dt.date(2020, 1, 1)), entry(id="nodate", service="Z", date=None)),
        "https://example.org/edit",
    )
    assert html.index("{ #cloud9 }") < html.index("{ #old }") < html.index("{ #nodate }")
    assert 'href="https://docs.aws.amazon.com/cloud9/latest/APIReference/Welcome.html"' in html
