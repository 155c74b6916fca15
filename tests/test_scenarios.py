"""Scenarios on a copy of the project: one change each, then a real strict build."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitetools.build import run_build
from tests.test_site import table_cell

pytestmark = pytest.mark.slow


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{file} no longer contains {old!r}; update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_changing_one_fact_changes_every_view_of_it(project_copy: Path) -> None:
    edit(project_copy, "data/cidr.yml", "reserved_per_subnet: 5", "reserved_per_subnet: 6")
    edit(project_copy, "data/support_plans.yml", "minimum_usd: 100", "minimum_usd: 200")
    build = run_build(project_copy)
    assert build.returncode == 0, build.output
    cidr_page = build.html("networking/ip-addressing")
    assert table_cell(cidr_page, "/24", "Usable") == "250"
    assert "6 addresses reserved in every subnet" in cidr_page.get_text()
    plans_page = build.html("billing/support-plans")
    assert table_cell(plans_page, "$1,000", "Business", table_index=2) == "$200 (minimum)"
    assert "greater of $200 or 10%" in table_cell(plans_page, "Monthly price", "Business")


def test_data_values_are_escaped(project_copy: Path) -> None:
    hostile = "<script>alert(1)</script> | *not bold* `x`"
    edit(project_copy, "data/snow_family.yml", "note: Replaced by the 210 TB generation.", f"note: '{hostile}'")
    build = run_build(project_copy)
    assert build.returncode == 0, build.output
    soup = build.html("migration/snow-family")
    article = soup.select_one("article")
    assert article.select("script") == []
    assert not any("not bold" in em.get_text() for em in article.select("em"))
    assert hostile in table_cell(soup, "Snowball Edge Storage Optimized (80 TB, previous generation)", "Status")


def test_macros_only_render_on_pages_that_opt_in(project_copy: Path) -> None:
    """A page without `render_macros: true` shows a GitHub Actions snippet as written."""
    (project_copy / "docs/cloud-concepts/zz-ci.md").write_text(
        "---\ndescription: A page with a CI snippet.\ntags: [Cloud Concepts]\nreviewed: 2026-11-22\n"
        "sources:\n  - title: AWS\n    url: https://aws.amazon.com/\n---\n\n# CI snippet\n\n"
        "```yaml\ntoken: ${{ secrets.GITHUB_TOKEN }}\n```\n",
        encoding="utf-8",
    )
    build = run_build(project_copy)
    assert build.returncode == 0, build.output
    assert "${{ secrets.GITHUB_TOKEN }}" in build.html("cloud-concepts/zz-ci").select_one("article pre").get_text()


def test_unknown_macro_fails_and_names_the_page(project_copy: Path) -> None:
    edit(project_copy, "docs/networking/ip-addressing.md", "{{ cidr_table() }}", "{{ cidr_tabel() }}")
    build = run_build(project_copy)
    assert build.returncode != 0
    assert "docs/networking/ip-addressing.md: unknown macro or variable 'cidr_tabel'" in build.output
    assert "did you mean 'cidr_table'?" in build.output
    assert "Traceback" not in build.output


def test_broken_link_fails_and_names_the_page(project_copy: Path) -> None:
    edit(project_copy, "docs/index.md", "(networking/ip-addressing.md#cidr-block-sizes)", "(networking/ip-adressing.md)")
    build = run_build(project_copy)
    assert build.returncode != 0
    assert "index.md" in build.output and "networking/ip-adressing.md" in build.output


def test_broken_anchor_fails_and_names_the_page(project_copy: Path) -> None:
    edit(project_copy, "docs/index.md", "#cidr-block-sizes", "#cidr-sizes")
    build = run_build(project_copy)
    assert build.returncode != 0
    assert "index.md" in build.output and "#cidr-sizes" in build.output
