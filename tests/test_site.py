"""The real site, built once: no warnings, tables with the right numbers, every page searchable."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitetools.build import ROOT, Build, run_build
from sitetools.pages import built_pages as site_pages


def table_cell(soup: BeautifulSoup, row_label: str, column_label: str, table_index: int = 0) -> str:
    """The text of the cell in the row headed `row_label` and the column headed `column_label`."""
    table = soup.select("article table")[table_index]
    headers = [" ".join(th.get_text(" ").split()) for th in table.select("thead th")]
    # Plan headers carry a note ("ends 2027-01-01", "new plan"): match the name exactly first.
    names = [re.sub(r" (ends \S+|new plan)$", "", h) for h in headers]
    if column_label in names:
        column = names.index(column_label)
    else:
        column = next(i for i, h in enumerate(headers) if h.startswith(column_label))
    for tr in table.select("tbody tr"):
        cells = tr.find_all(["th", "td"])
        if " ".join(cells[0].get_text(" ").split()) == row_label:
            return " ".join(cells[column].get_text(" ").split())
    raise AssertionError(f"no row {row_label!r} in {headers}")


def built_pages(build: Build) -> list[str]:
    return sorted(
        path.parent.relative_to(build.site).as_posix() + "/"
        for path in site_pages(build.site)
    )


def test_strict_build_prints_no_warning(site_build: Build) -> None:
    assert "WARNING" not in site_build.output
    assert "ERROR" not in site_build.output


def test_cidr_table_on_the_networking_page(site_build: Build) -> None:
    soup = site_build.html("networking/ip-addressing")
    assert table_cell(soup, "/8", "Addresses") == "16,777,216"
    assert table_cell(soup, "/20", "Addresses") == "4,096"
    assert table_cell(soup, "/20", "Usable") == "4,091"
    assert table_cell(soup, "/20", "Range") == "10.100.96.0 – 10.100.111.255"
    assert table_cell(soup, "/32", "Usable").startswith("not allowed in a VPC")
    assert table_cell(soup, "/24", "Fixed octets") == "first 3 (10.100.100)"


def test_support_tables_on_the_billing_page(site_build: Build) -> None:
    soup = site_build.html("billing/support-plans")
    assert table_cell(soup, "$50,000", "Business", table_index=2) == "$3,800"
    # Enterprise's tiers come from an older edition of the pricing page: the marker sits beside each fee.
    assert table_cell(soup, "$1,000,000", "Enterprise", table_index=2) == "$64,500 (secondary source)"
    assert table_cell(soup, "$10,000", "Enterprise", table_index=2) == "$5,000 (minimum) (secondary source)"
    assert table_cell(soup, "$50,000", "Enterprise On-Ramp", table_index=2) == "$5,500 (minimum) (secondary source)"
    assert table_cell(soup, "$50,000", "Business Support+", table_index=2) == "unknown"
    assert table_cell(soup, "$1,000", "Developer", table_index=2) == "$30"
    assert table_cell(soup, "Business-critical system down", "Enterprise On-Ramp", table_index=1) == "< 30 minutes (secondary source)"
    assert "$3,800" in soup.select_one("article").get_text()  # the inline support_fee() in the prose


def test_snow_table_on_the_migration_page(site_build: Build) -> None:
    soup = site_build.html("migration/snow-family")
    assert table_cell(soup, "Snowmobile", "Status").startswith("Retired")
    assert table_cell(soup, "Snowcone SSD", "Status").startswith("Discontinued since 2024-11-12")
    assert table_cell(soup, "Snowcone SSD", "Storage") == "14 TB SSD (secondary source)"  # only the notes state it


def test_every_table_links_to_its_data_file(site_build: Build) -> None:
    for page, file in [
        ("networking/ip-addressing", "data/cidr.yml"),
        ("migration/snow-family", "data/snow_family.yml"),
        ("billing/support-plans", "data/support_plans.yml"),
    ]:
        links = [a["href"] for a in site_build.html(page).select(".data-footer a")]
        assert any(href.endswith(f"/edit/main/{file}") for href in links), (page, links)


def test_search_index_contains_every_page(site_build: Build) -> None:
    index = json.loads((site_build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    pages = {page.removeprefix("./") for page in built_pages(site_build)}
    # The practice pages hold every question: they opt out (`search: exclude`), or their wording would outrank the answers.
    # The tags page is only links to other pages, and their titles would outrank the pages themselves.
    excluded = {"practice/", "tags/"}
    assert {"" if page == "./" else page for page in pages} - excluded <= locations | {""}
    assert not excluded & locations
    assert "networking/ip-addressing/" in locations


def test_no_page_shows_raw_macro_braces(site_build: Build) -> None:
    for page in site_build.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        outside_code = re.sub(r"<(script|pre|code)\b.*?</\1>", "", html, flags=re.S)
        if not re.search(r"\{\{|\{%|%\}|\}\}", outside_code):
            continue  # no braces outside code: nothing to parse (parsing every page took 7 s)
        soup = BeautifulSoup(html, "html.parser")
        for code in soup.select("pre, code, script"):
            code.decompose()
        text = soup.get_text()
        assert not re.search(r"\{\{|\{%|%\}|\}\}", text), page


@pytest.mark.slow
def test_the_site_built_on_another_day_is_byte_identical(site_build: Build, tmp_path: Path) -> None:
    """MkDocs dates pages with SOURCE_DATE_EPOCH (else today): a build "on" 2001-09-09 must match."""
    other = run_build(ROOT, tmp_path / "site", env={"SOURCE_DATE_EPOCH": "1000000000"})
    assert other.returncode == 0, other.output
    files = sorted(p.relative_to(site_build.site) for p in site_build.site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other.site) for p in other.site.rglob("*") if p.is_file())
    differ = [str(f) for f in files if (site_build.site / f).read_bytes() != (other.site / f).read_bytes()]
    assert differ == []
    assert "<lastmod>2" in (site_build.site / "sitemap.xml").read_text(encoding="utf-8")  # from `reviewed`


def test_the_old_question_bank_address_leads_to_the_practice_page(site_build: Build) -> None:
    """practice/bank/ was a page of data until the bank became practice/bank.js: a bookmark of it
    now opens the practice page, and the bank itself is one script of plain data."""
    stub = site_build.html("practice/bank")
    assert stub.select_one('meta[http-equiv="refresh"]')["content"].endswith("url=../")
    script = (site_build.site / "practice" / "bank.js").read_text(encoding="utf-8")
    assert script.startswith("window.practiceBank = {") and script.count("\n") == 1
    assert len(json.loads(script.removeprefix("window.practiceBank = ").removesuffix(";\n"))["questions"]) >= 300
