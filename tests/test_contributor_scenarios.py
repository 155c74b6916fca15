"""What a contributor meets: each mistake fails the build with one line naming the file, a new page
made from the template builds, and a renamed page keeps its old address through a redirect."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from sitetools.build import ROOT, run_build
from tests.test_scenarios import edit

pytestmark = pytest.mark.slow

PAGE = "docs/networking/ip-addressing.md"


def error_lines(output: str, file: str) -> list[str]:
    return [line for line in output.splitlines() if file in line and not line.startswith("INFO")]


def assert_fails_with_one_line(output: str, returncode: int, file: str, message: str) -> str:
    assert returncode != 0, output
    assert "Traceback" not in output, output
    lines = error_lines(output, file)
    assert len(lines) == 1 and message in lines[0], output
    return lines[0]


def test_page_without_description_fails_naming_the_page(project_copy: Path) -> None:
    edit(project_copy, PAGE, "description: CIDR block sizes", "summary: CIDR block sizes")
    build = run_build(project_copy)
    assert_fails_with_one_line(build.output, build.returncode, PAGE, f"{PAGE}: front matter needs a `description`")


def test_page_without_exam_domain_tag_fails_naming_the_page_and_the_domains(project_copy: Path) -> None:
    edit(project_copy, PAGE, "tags:\n  - Cloud Technology and Services\n", "tags:\n  - VPC\n")
    build = run_build(project_copy)
    line = assert_fails_with_one_line(
        build.output, build.returncode, PAGE, f"{PAGE}: front matter `tags` needs an exam domain, one of: "
    )
    assert "Cloud Technology and Services" in line


def test_macro_syntax_error_names_the_page_and_its_line(project_copy: Path) -> None:
    text = (project_copy / PAGE).read_text(encoding="utf-8")
    line_no = text.splitlines().index("{{ cidr_table() }}") + 1
    edit(project_copy, PAGE, "{{ cidr_table() }}", "{{ cidr_table( }}")
    build = run_build(project_copy)
    assert build.returncode != 0 and "Traceback" not in build.output
    assert f"{PAGE}: line {line_no}: macro syntax error" in build.output, build.output


def test_bad_comparison_file_fails_with_one_line_naming_file_and_row(project_copy: Path) -> None:
    (project_copy / "data/comparisons/demo_table.yml").write_text(
        "caption: Demo\nkind: general\ncolumns: [Name, Size]\nrows:\n"
        "  - cells: [small, 1]\n  - cells: [large, 2, 3]\n",
        encoding="utf-8",
    )
    build = run_build(project_copy)
    assert_fails_with_one_line(
        build.output, build.returncode, "data/comparisons/demo_table.yml",
        "data/comparisons/demo_table.yml: entry -, field -: row 1 (large) has 3 cells for 2 columns",
    )


def test_a_new_page_is_one_file(project_copy: Path) -> None:
    """No edit to mkdocs.yml or the section page: the file joins the navigation after the pages its
    folder's .nav.yml orders, and its section's list, with its description."""
    (project_copy / "docs/cloud-concepts/zz-new-topic.md").write_text(
        "---\ndescription: A new topic, listed by itself.\ntags: [Cloud Concepts]\nreviewed: 2026-11-22\n"
        "sources:\n  - title: AWS\n    url: https://aws.amazon.com/\n---\n\n# A new topic\n\nText.\n",
        encoding="utf-8",
    )
    build = run_build(project_copy)
    assert build.returncode == 0, build.output
    index = build.html("cloud-concepts")
    # The innermost open section is the folder's own, inside its exam domain's tab (docs/.nav.yml).
    section = index.select("nav.md-nav--primary li.md-nav__item--active")[-1]
    titles = [a.get_text(" ", strip=True) for a in section.select("nav a.md-nav__link[href]")]
    assert titles[-1] == "A new topic", titles  # after every page the folder's .nav.yml lists
    assert titles.index("What cloud computing is") < titles.index("Global infrastructure")
    listed = [li.get_text(" ", strip=True) for li in index.select("article .section-pages li")]
    assert listed[-1] == "A new topic : A new topic, listed by itself."
    assert index.select("article .section-pages a")[-1]["href"] == "zz-new-topic/"


def test_a_new_page_takes_the_place_its_folder_gives_it(project_copy: Path) -> None:
    (project_copy / "docs/cloud-concepts/aa-first.md").write_text(
        "---\ndescription: First.\ntags: [Cloud Concepts]\nreviewed: 2026-11-22\n"
        "sources:\n  - title: AWS\n    url: https://aws.amazon.com/\n---\n\n# First things\n",
        encoding="utf-8",
    )
    edit(project_copy, "docs/cloud-concepts/.nav.yml", "  - index.md\n", "  - index.md\n  - aa-first.md\n")
    build = run_build(project_copy)
    assert build.returncode == 0, build.output
    listed = [a.get_text(strip=True) for a in build.html("cloud-concepts").select("article .section-pages a")]
    assert listed[0] == "First things"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (PAGE, "{{ cidr_table() }}", '{{ fact("vpc-cidr-rang") }}', "fact(): unknown fact 'vpc-cidr-rang'"),
        (PAGE, "{{ cidr_table() }}", '{{ comparison_table("osi_layer") }}', "comparison_table(): unknown comparison table 'osi_layer' (did you mean 'osi_layers'?)"),
        ("docs/billing/support-plans.md", 'support_fee("business", 50000)', 'support_fee("business", "50000")', "support_fee(): the monthly spend must be a number"),
        ("docs/ai-ml/ai-basics.md", "render_macros: true\n", "", "on a page without `render_macros: true`"),
        (PAGE, "render_macros: true", 'render_macros: "true"', "front matter `render_macros` is 'true': write true or false, unquoted"),
        (PAGE, "tags:\n  - Cloud Technology and Services\n", "tags: Cloud Technology and Services\n", "front matter `tags` must be a list"),
        (PAGE, "tags:\n", "tags:\n  - <script>alert(1)</script>\n", "a tag is plain words"),
        (PAGE, "{{ cidr_table() }}", "{{ cidr_table() }}\n\n<script>alert(1)</script>", "a <script> element"),
        (PAGE, "{{ cidr_table() }}", '{{ cidr_table() }}\n\n<img src="https://evil.example/p.gif" alt="">', "loads from another host"),
        (PAGE, "{{ cidr_table() }}", "{{ cidr_table() }}\n\nText \u202e here.", "an invisible control character (U+202E)"),
        (PAGE, "{{ cidr_table() }}", "{{ cidr_table() }}\n\n## Again { #cidr-block-sizes }\n", "heading id #cidr-block-sizes is used twice"),
        ("mkdocs.yml", "      auto_append:\n        - includes/abbreviations.md\n", "", "must list includes/abbreviations.md"),
        ("data/facts/compute.yml", "verified: 2026-12-03", "verified: 2027-06-01", "field verified: 2027-06-01 is later than `as_of` 2026-12-03 in data/site.yml"),
        ("data/lifecycle.yml", "as_of: 2026-12-03", "as_of: 2099-12-03", "data/lifecycle.yml: entry -, field as_of: 2099-12-03 is later than"),
        ("data/facts/compute.yml", "source: https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html",
         "source: docs.aws.amazon.com/lambda", "field source: expected a full URL starting with https://"),
    ],
    ids=["unknown-fact", "unknown-table", "fee-type", "raw-braces", "quoted-flag", "tags-string", "tag-script",
         "script", "third-party-src", "bidi", "duplicate-id", "glossary-include", "verified-future", "as-of-2099", "not-a-url"],
)
def test_each_mistake_fails_with_one_line(project_copy: Path, file: str, old: str, new: str, message: str) -> None:
    edit(project_copy, file, old, new)
    build = run_build(project_copy)
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output and "Macro Rendering Error" not in build.output, build.output
    problems = [line for line in build.output.splitlines() if line.startswith(("ERROR", "WARNING"))]
    named = [line for line in problems if message in line]
    assert len(named) == 1, build.output
    # The line starts with the file to fix (a page error also gets MkDocs' "Error reading page" line).
    assert named[0].split("-  ", 1)[1].startswith(file), named[0]
    assert len(problems) <= 2, build.output


def test_new_page_from_the_template_with_a_new_table_and_fact_builds(project_copy: Path) -> None:
    """The CONTRIBUTING.md path: the template, a comparison table and a fact, nothing else."""
    page = project_copy / "docs/cloud-concepts/demo-page.md"
    text = (ROOT / "templates/page.md").read_text(encoding="utf-8")
    text = text.replace('notice("TODO-lifecycle-entry-id")', 'notice("snowmobile")')
    text = text.replace('comparison_table("TODO-name")', 'comparison_table("demo_table")')
    text = text.replace("TODO: the service does this, so that that.", 'Demo holds {{ fact("demo-size") }} of data.')
    text = text.replace("TODO service name", "Demo")
    page.write_text(text, encoding="utf-8")  # comments and all: they must be safe to keep
    (project_copy / "data/comparisons/demo_table.yml").write_text(
        "caption: Demo sizes\nkind: aws-facts\ncolumns: [Option, Size]\nrows:\n"
        "  - cells: [Small <1 TB | fast, 1]\n    verified: 2026-11-22\n    source: https://docs.aws.amazon.com/demo\n"
        "    quote: Small volumes are up to 1 TB.\n",
        encoding="utf-8",
    )
    (project_copy / "data/facts/demo.yml").write_text(
        "facts:\n  - id: demo-size\n    value: 42 TB\n    title: Demo quotas\n"
        "    verified: 2026-11-22\n    source: https://docs.aws.amazon.com/demo-quotas\n"
        "    quote: Each demo holds up to 42 TB.\n",
        encoding="utf-8",
    )
    build = run_build(project_copy)
    assert build.returncode == 0, build.output
    soup = build.html("cloud-concepts/demo-page")
    article = soup.select_one("article")
    assert article.select_one("table caption").get_text(strip=True) == "Demo sizes"
    assert "Small <1 TB | fast" in article.select_one("table tbody").get_text()
    assert "Demo holds 42 TB of data." in " ".join(article.get_text().split())
    assert article.select_one("a.lifecycle-notice") is not None
    assert "Opening paragraph" not in article.get_text()  # the template's guidance stays hidden
    edit_link = soup.select_one('a.md-content__button[href*="/edit/"]')["href"]
    assert edit_link.endswith("/edit/main/docs/cloud-concepts/demo-page.md")
    sources = [a["href"] for a in soup.select(".page-trust a")]
    assert "https://docs.aws.amazon.com/demo-quotas" in sources  # the fact's source joins the page's list


def test_renamed_page_keeps_its_old_address(project_copy: Path) -> None:
    old, new = "networking/ip-addressing.md", "networking/ip-addresses.md"
    shutil.move(project_copy / "docs" / old, project_copy / "docs" / new)
    # Pages, the folder's .nav.yml, and data that names sections (inventory, exam guide, questions).
    for path in [*(project_copy / "docs").rglob("*.md"), *(project_copy / "docs").rglob(".nav.yml"),
                 *(project_copy / "data").rglob("*.yml"), project_copy / "mkdocs.yml"]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("ip-addressing.md", "ip-addresses.md"), encoding="utf-8")
    edit(project_copy, "mkdocs.yml", "redirect_maps:\n", f"redirect_maps:\n        {old}: {new}\n")
    build = run_build(project_copy)
    assert build.returncode == 0, build.output

    stub = BeautifulSoup((build.site / "networking/ip-addressing/index.html").read_text(encoding="utf-8"), "html.parser")
    old_url, new_url = "https://example.org/networking/ip-addressing/", "https://example.org/networking/ip-addresses/"
    refresh = stub.select_one('meta[http-equiv="refresh"]')["content"]
    assert urljoin(old_url, refresh.split("url=", 1)[1]) == new_url
    assert urljoin(old_url, stub.select_one("link[rel=canonical]")["href"]) == new_url
    assert urljoin(old_url, stub.select_one("body a")["href"]) == new_url  # for readers without JavaScript
    assert build.html("networking/ip-addresses").select_one("article h1").get_text().startswith("IP addressing")


def test_a_fact_checked_again_makes_its_questions_fail_until_reviewed(project_copy: Path) -> None:
    """A contributor re-checks the Lambda timeout (perhaps AWS changed it): every question whose
    answer rests on it must be re-read, so the build names the first one and what changed."""
    edit(project_copy, "data/site.yml", "as_of: 2026-12-03", "as_of: 2026-12-20")
    text = (project_copy / "data/facts/compute.yml").read_text(encoding="utf-8")
    start = text.index("  - id: lambda-max-timeout")
    end = text.index("  - id: ", start + 5)
    block = text[start:end].replace("verified: 2026-12-03", "verified: 2026-12-20")
    (project_copy / "data/facts/compute.yml").write_text(text[:start] + block + text[end:], encoding="utf-8")
    build = run_build(project_copy)
    line = assert_fails_with_one_line(build.output, build.returncode, "data/questions/", "fact:lambda-max-timeout was verified on 2026-12-20")
    assert re.search(r"data/questions/domain-\d-[a-z-]+\.yml: entry questions\[\d+\] \([a-z0-9-]+\), field reviewed: ", line), line
    assert "set `reviewed` to today" in line
