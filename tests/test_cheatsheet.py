"""The cheat sheet: every item found in the data and on the page it comes from, compact tables with
the chosen columns, values escaped, one line of sources per table, and the same figures as the notes."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import cheatsheet, comparisons
from macros._errors import PageError
from macros.anchors import page_anchors
from macros.project import ProjectData, load_project
from sitetools.build import ROOT, Build

PAGE = "exam/cheat-sheet.md"


@pytest.fixture(scope="module")
def data() -> ProjectData:
    return load_project(ROOT)


@pytest.fixture(scope="module")
def sheet(data: ProjectData) -> cheatsheet.Sheet:
    return cheatsheet.prepare(data, ROOT / "docs")


def edit(file: str) -> str:
    return f"https://example.org/edit/main/{file}"


def render(sheet: cheatsheet.Sheet) -> BeautifulSoup:
    return BeautifulSoup(cheatsheet.render(sheet, PAGE, edit), "html.parser")


# --- What goes on the sheet, checked against the data and the pages ---------------------------------


def test_every_domain_of_the_exam_guide_has_a_section(data: ProjectData) -> None:
    assert sorted(cheatsheet.SHEET) == sorted(d.id for d in data.guide.domains)
    assert all(cheatsheet.SHEET[d] for d in cheatsheet.SHEET)


def test_each_item_links_to_a_heading_of_the_page_that_shows_it(data: ProjectData, sheet: cheatsheet.Sheet) -> None:
    anchors = page_anchors(ROOT / "docs", data.changes)
    assert set(sheet.sections.values()) <= anchors
    # A table's section is where its macro is called; a figure's, where its page uses the fact.
    s3 = next(item for item in cheatsheet.SHEET[3] if isinstance(item, cheatsheet.Table) and item.name == "s3_storage_classes")
    assert sheet.sections[s3] == "storage/s3.md#s3-storage-classes"
    assert sheet.sections[cheatsheet.Builtin("cidr")] == "networking/ip-addressing.md#cidr-block-sizes"
    azs = next(f for f in cheatsheet.SHEET[1][0].figures if f.fact == "az-minimum-per-region")
    assert sheet.sections[azs].startswith("cloud-concepts/global-infrastructure.md#")


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (cheatsheet.Table("s3_storage_clases", ("Storage class",)), "unknown comparison table 's3_storage_clases'"),
        (cheatsheet.Table("s3_storage_classes", ("Storage class", "Price")), "(unknown: 'Price')"),
        (cheatsheet.Table("s3_storage_classes", ("Use it for",)), "must start with 'Storage class'"),
        (cheatsheet.Figures((cheatsheet.Figure("lambda-timeout", "x", "compute/lambda.md"),)), "unknown fact 'lambda-timeout'"),
        (cheatsheet.Figures((cheatsheet.Figure("lambda-max-timeout", "x", "storage/s3.md"),)),
         'fact("lambda-max-timeout") is not on docs/storage/s3.md'),
        (cheatsheet.Builtin("glossary"), "unknown table 'glossary'"),
    ],
)
def test_a_wrong_item_fails_with_one_line_naming_it(data: ProjectData, item: cheatsheet.Item, message: str) -> None:
    items = {**cheatsheet.SHEET, 3: (item,)}
    with pytest.raises(PageError) as caught:
        cheatsheet.prepare(data, ROOT / "docs", items)
    assert str(caught.value).startswith("macros/cheatsheet.py: SHEET, domain 3: ")
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_table_no_page_shows_has_no_section_to_link_to(data: ProjectData, tmp_path: Path) -> None:
    (tmp_path / "storage").mkdir()
    (tmp_path / "storage" / "s3.md").write_text("# S3\n\n## Classes { #classes }\n\nNo table here.\n", encoding="utf-8")
    with pytest.raises(PageError, match=r'comparison_table\("s3_storage_classes"\) is not on any page of docs/'):
        cheatsheet.prepare(data, tmp_path, {d: () for d in cheatsheet.SHEET} | {3: (cheatsheet.Table("s3_storage_classes", ("Storage class",)),)})


def test_a_missing_domain_fails(data: ProjectData) -> None:
    with pytest.raises(PageError, match=r"SHEET covers domains \[1, 2, 3\]; data/exam_guide.yml has \[1, 2, 3, 4\]"):
        cheatsheet.prepare(data, ROOT / "docs", {d: cheatsheet.SHEET[d] for d in (1, 2, 3)})


# --- Rendering --------------------------------------------------------------------------------------


def test_the_sheet_has_a_section_per_domain_and_every_heading_is_out_of_search(sheet: cheatsheet.Sheet) -> None:
    markdown = cheatsheet.render(sheet, PAGE, edit)
    headings = re.findall(r"^(#{2,3}) (.*)$", markdown, re.M)
    domains = [text for level, text in headings if level == "##"]
    assert [d.split(" {")[0] for d in domains] == [
        "Domain 1: Cloud Concepts", "Domain 2: Security and Compliance",
        "Domain 3: Cloud Technology and Services", "Domain 4: Billing, Pricing, and Support"]
    assert all(text.endswith("data-search-exclude }") for _, text in headings)
    # Each table's heading is a Markdown link (the engine checks it), relative to the sheet's page.
    assert "### [Amazon S3 storage classes compared](../storage/s3.md#s3-storage-classes) { #s3-storage-classes data-search-exclude }" in markdown
    assert "- [Longest a Lambda invocation can run](../compute/lambda.md#" in markdown


def test_a_compact_table_keeps_only_the_chosen_columns(sheet: cheatsheet.Sheet) -> None:
    table = render(sheet).select_one(".cheat-sheet__table--s3-storage-classes table")
    assert [th.get_text() for th in table.select("thead th")] == [
        "Storage class", "Availability Zones", "Minimum storage duration", "First byte / retrieval"]
    assert len(table.select("tbody tr")) == len(sheet.data.tables["s3_storage_classes"].rows)


def test_each_table_has_one_line_of_sources(sheet: cheatsheet.Sheet) -> None:
    soup = render(sheet)
    table = soup.select_one(".cheat-sheet__table--s3-storage-classes")
    footer = table.find_next_sibling("p", class_="data-footer")
    links = [a["href"] for a in footer.select("a")]
    urls = {str(row.evidence.source) for row in sheet.data.tables["s3_storage_classes"].rows if row.evidence.source}
    assert links[0] == edit("data/comparisons/s3_storage_classes.yml")
    assert sorted(links[1:]) == sorted(urls)  # each source page once, numbered 1, 2, ...
    assert [a.get_text() for a in footer.select("a")[1:]] == [str(n) for n in range(1, len(urls) + 1)]
    assert re.search(r"verified \d{4}-\d{2}-\d{2}", footer.get_text())


def test_computed_tables_come_from_their_models(sheet: cheatsheet.Sheet) -> None:
    soup = render(sheet)
    cidr = {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in soup.select(".cheat-sheet__table--cidr tbody tr")}
    assert cidr["/20"] == ["4,096", "4,091"]
    assert cidr["/8"] == ["16,777,216", "not allowed"]
    plans = {tr.th.get_text(): [td.get_text(" ") for td in tr.select("td")] for tr in soup.select(".cheat-sheet__table--support tbody tr")}
    assert plans["Basic"][1:3] == ["free", "no technical cases"]
    assert plans["Business"][0].startswith("Ending on ")
    snow = {tr.th.get_text(): [td.get_text(" ") for td in tr.select("td")] for tr in soup.select(".cheat-sheet__table--snow tbody tr")}
    assert snow["Snowmobile"][0].startswith("Retired since") and snow["Snowmobile"][1] == "no one"


def test_values_from_data_are_text_not_markup(data: ProjectData) -> None:
    hostile = comparisons.Comparison.model_validate({
        "caption": "A *caption* with [a](link)", "kind": "general", "columns": ["Name", "What"],
        "rows": [{"cells": ["<script>alert(1)</script>", "a | pipe and **stars**"]}],
    })
    item = cheatsheet.Table("hostile", ("Name", "What"))
    sheet = cheatsheet.Sheet(dataclasses.replace(data, tables={**data.tables, "hostile": hostile}),
                             {d: () for d in cheatsheet.SHEET} | {1: (item,)}, {item: "storage/s3.md#s3-storage-classes"})
    markdown = cheatsheet.render(sheet, PAGE, edit)
    assert "<script>" not in markdown and "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown
    assert "a | pipe and **stars**" in markdown  # inside an HTML table, which Markdown leaves alone
    assert "### [A &#42;caption&#42; with &#91;a&#93;(link)](../storage/s3.md#s3-storage-classes)" in markdown


def test_a_changed_service_on_the_sheet_carries_its_notice_once(sheet: cheatsheet.Sheet) -> None:
    markdown = cheatsheet.render(sheet, PAGE, edit)
    assert markdown.count("(../changes.md#snowmobile){ .lifecycle-notice }") == 1


# --- The built page ---------------------------------------------------------------------------------


def cell(soup: BeautifulSoup, table: str, row: str, column: str) -> str:
    found = soup.select_one(table)
    headers = [th.get_text(" ", strip=True) for th in found.select("thead th")]
    for tr in found.select("tbody tr"):
        cells = tr.find_all(["th", "td"])
        if cells[0].get_text(" ", strip=True).startswith(row):
            return cells[headers.index(column)].get_text(" ", strip=True)
    raise AssertionError(f"no row {row!r}")


def test_the_sheet_shows_the_same_figures_as_the_topic_pages(site_build: Build) -> None:
    sheet = site_build.html("exam/cheat-sheet/")
    s3 = site_build.html("storage/s3/")
    for row in ("S3 Standard-IA", "S3 Glacier Deep Archive"):
        assert cell(sheet, ".cheat-sheet__table--s3-storage-classes table", row, "Minimum storage duration") == \
            cell(s3, ".comparison--s3_storage_classes table", row, "Minimum storage duration")
    label = sheet.find("a", string="Longest a Lambda invocation can run")
    assert label["href"].startswith("../../compute/lambda/#")
    timeout = label.find_parent("li").select_one(".fact").get_text()
    on_lambda_page = [span.get_text() for span in site_build.html("compute/lambda/").select("article .fact")]
    assert timeout in on_lambda_page


def test_the_sheet_is_in_the_navigation_and_out_of_the_search_index(site_build: Build) -> None:
    index = (site_build.site / "search" / "search_index.json").read_text(encoding="utf-8")
    entries = re.findall(r'"location":"(exam/cheat-sheet/[^"]*)"', index)
    assert "exam/cheat-sheet/" in entries  # the page itself, by its introduction
    assert not [e for e in entries if "#domain-" in e or "#s3-storage-classes" in e or "#key-figures" in e]
    nav = site_build.html("exam/cheat-sheet/").select_one("nav.md-nav--primary")
    assert nav.select_one("a[href='./'], a.md-nav__link--active") is not None
