"""Lifecycle notices link to the right entry from any page, and stay one short line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from macros import lifecycle
from macros._data import load
from sitetools.build import ROOT, run_build


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


def shown(notice: str) -> str:
    """The words a reader sees in a notice: its Markdown rendered, the icon's shortcode left out."""
    html = BeautifulSoup(markdown.markdown(notice, extensions=["attr_list"]), "html.parser")
    return " ".join(html.get_text().replace(":material-calendar-alert:", "").split())


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
    assert shown(notice) == "AWS Cloud9: closed to new customers (2024-07-25)"


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


def test_real_notices_are_under_twelve_words_before_the_successor() -> None:
    """The service, its change and its date stay under twelve words, as before; a successor adds only
    a joining word and its own name (at most six words, which the model checks). Under twelve in all
    is impossible for some: "Amazon FSx File Gateway: closed to new customers (date unknown)" is
    already 8 words before "use FSx for Windows File Server", and each word of it is AWS's."""
    real = load(ROOT / lifecycle.FILE, lifecycle.Lifecycle, root=ROOT)
    for item in real.entries:
        text = shown(lifecycle.notice(real, item.id, "index.md"))
        if item.successor is not None:
            text, _, clause = text.rpartition("; ")
            assert clause in (f"use {item.successor}", f"now {item.successor}"), item.id
        assert len(text.split()) < 12, item.id


def test_changes_page_lists_newest_first_with_sources() -> None:
    html = lifecycle.render_entries(
        data(entry(), entry(id="old", service="Old", date=dt.date(2020, 1, 1)), entry(id="nodate", service="Z", date=None)),
        "https://example.org/edit",
    )
    assert html.index("{ #cloud9 }") < html.index("{ #old }") < html.index("{ #nodate }")
    assert 'href="https://docs.aws.amazon.com/cloud9/latest/APIReference/Welcome.html"' in html


# --- Successors: named in the notice, recorded in the entry, covered by a section of the site -------

TRANSFORM = {"successor": "AWS Transform", "successor_section": "migration/planning-tools.md#aws-transform",
             "summary": "No new customers; AWS points them to AWS Transform."}


@pytest.mark.parametrize(("change", "said"), [
    ("closed_to_new_customers", "closed to new customers (2024-07-25); use AWS Transform"),
    ("changed", "changed (2024-07-25); now AWS Transform"),  # a rename: the new name is what it is now
])
def test_notice_names_the_successor(change: str, said: str) -> None:
    notice = lifecycle.notice(data(entry(change=change, **TRANSFORM)), "cloud9", "operations/developer-tools.md")
    assert shown(notice) == f"AWS Cloud9: {said}"
    assert notice.endswith("](../changes.md#cloud9){ .lifecycle-notice }")  # still one link, to the entry


def test_notice_without_a_successor_names_none() -> None:
    assert shown(lifecycle.notice(data(entry()), "cloud9", "index.md")) == "AWS Cloud9: closed to new customers (2024-07-25)"


@pytest.mark.parametrize(("fields", "problem"), [
    ({"successor": "AWS Transform"}, "successor 'AWS Transform' is not named in the entry's summary, quote or source_note"),
    ({"successor": "AWS Transform or Kiro", "summary": "Use AWS Transform."}, "successor 'Kiro' is not named"),
    ({"successor_section": "migration/planning-tools.md#aws-transform"}, "`successor_section` needs the `successor`"),
    ({"successor": "AWS Transform", "successor_section": "planning-tools#aws-transform", "summary": "AWS Transform"},
     "String should match pattern"),
    ({"successor": "one two three four five six seven", "summary": "one two three four five six seven"},
     "a successor is a name, not a sentence: 7 words, at most 6"),
])
def test_successor_is_checked(fields: dict, problem: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(problem)):
        data(entry(**fields))


def test_successor_may_come_from_the_quote_across_a_line_break() -> None:
    item = data(entry(successor="Amazon SageMaker Canvas", quote="explore Amazon SageMaker\n  Canvas instead")).entry("cloud9")
    assert item.successor == "Amazon SageMaker Canvas"


def test_unknown_successor_section_is_one_line_naming_the_entry() -> None:
    loaded = data(entry(id="old", service="Old", summary="Old."), entry(**TRANSFORM))
    anchors = {"migration/planning-tools.md", "migration/planning-tools.md#aws-transforms"}
    problems = lifecycle.section_problems(loaded, anchors)
    assert [str(p) for p in problems] == [
        "data/lifecycle.yml: entry entries[1] (cloud9), field successor_section: migration/planning-tools.md#aws-transform "
        "is not a heading of the site (did you mean migration/planning-tools.md#aws-transforms?); expected a "
        "docs-relative page and heading id, such as cloud-concepts/cloud-computing.md#elasticity"
    ]
    assert lifecycle.section_problems(loaded, anchors | {"migration/planning-tools.md#aws-transform"}) == []


# --- The summary table on What changed ---------------------------------------------------------------


def summary_rows(markdown_text: str) -> list[list[BeautifulSoup]]:
    html = markdown.markdown(markdown_text, extensions=["tables", "attr_list", "md_in_html"])
    table = BeautifulSoup(html, "html.parser").select_one(".lifecycle-summary table")
    assert table is not None
    assert [th.get_text() for th in table.select("thead th")] == list(lifecycle.SUMMARY_HEADERS)
    return [row.find_all("td") for row in table.select("tbody tr")]


def page(path: str, text: str, title: str = "") -> lifecycle.SitePage:
    return lifecycle.SitePage(path, title or path, text)


def test_summary_lists_every_entry_newest_first_with_successor_and_pages() -> None:
    loaded = data(
        entry(**TRANSFORM),
        entry(id="old", service="Old | *tool*", date=dt.date(2020, 1, 1), identify=["OldTool"], summary="Gone."),
        entry(id="renamed", service="Web", change="changed", date=None, identify=["WebThing"],
              successor="Secure Browser", summary="Now Secure Browser."),
    )
    pages = [
        page("operations/developer-tools.md", "## Cloud9\n\nAWS Cloud9 was a browser IDE.", "Developer tools"),
        page("index.md", "Read about OldTool and Cloud9s.", "Home"),
        page("a/b.md", "Code only: `Cloud9`, a [link](c.md#cloud9), <!-- Cloud9 --> and {{ fact(\"Cloud9\") }}."),
        page("storage/index.md", '{{ section_pages() }}\n\n{{ notice("old") }}', "Storage"),
        page("changes.md", "Cloud9 OldTool WebThing"),  # the page itself is never listed
    ]
    rows = summary_rows(lifecycle.render_summary(loaded, pages, "https://example.org/edit"))
    text = [[cell.get_text(" ", strip=True) for cell in row] for row in rows]
    assert text == [
        ["AWS Cloud9", "Closed to new customers", "2024-07-25", "AWS Transform", "Developer tools , Home"],
        ["Old | *tool*", "Closed to new customers", "2020-01-01", "none named", "Home , Storage"],
        ["Web", "Changed", "date unknown", "Secure Browser", "none"],
    ]
    links = [[a["href"] for a in row_cells.find_all("a")] for row_cells in (cells for row in rows for cells in row)]
    assert links[0] == ["#cloud9"]
    assert links[3] == ["migration/planning-tools.md#aws-transform"]
    assert links[4] == ["operations/developer-tools.md", "index.md"]
    assert links[9] == ["index.md", "storage/index.md"]
    assert links[13] == []  # a successor the site does not cover is named, not linked


def test_summary_follows_the_same_term_matching_as_the_build_check() -> None:
    loaded = data(entry(identify=["CodeStar"], not_this=["CodeStar Connections"], summary="Gone."))
    pages = [page("x.md", "CodeStar Connections carries on."), page("y.md", "A CodeStar project.")]
    found = lifecycle.mentions(loaded, pages)
    assert [p.path for p in found["cloud9"]] == ["y.md"]
    # What the build's notice check sees on y.md, it sees here; on x.md neither sees anything.
    assert lifecycle.unflagged_in_markdown(loaded, pages[1].text) and not lifecycle.unflagged_in_markdown(loaded, pages[0].text)


def test_pages_are_titled_as_the_navigation_titles_them(tmp_path: Path) -> None:
    (tmp_path / "migration").mkdir()
    (tmp_path / "migration" / ".nav.yml").write_text("title: Migration\nnav:\n  - index.md\n  - Tools: planning-tools.md\n")
    (tmp_path / "migration" / "index.md").write_text("# Moving to AWS\n")
    (tmp_path / "migration" / "planning-tools.md").write_text("---\ndescription: x\n# not a title\n---\n# Planning and migration tools { #top }\n\nText.\n")
    (tmp_path / "migration" / "other.md").write_text("---\ndescription: y\n---\n\n# Other page { #other }\n")
    (tmp_path / "migration" / "_draft.md").write_text("# Draft\n")
    (tmp_path / "changes.md").write_text("# What changed\n")
    pages = lifecycle.read_pages(tmp_path)
    assert [(p.path, p.title) for p in pages] == [
        ("migration/index.md", "Migration"),
        ("migration/other.md", "Other page"),
        ("migration/planning-tools.md", "Tools"),
    ]
    assert pages[2].text.startswith("# Planning")  # front matter is not page text


@pytest.mark.slow
def test_build_stops_on_an_unknown_successor_section_with_one_line(project_copy: Path) -> None:
    path = project_copy / lifecycle.FILE
    text = path.read_text(encoding="utf-8")
    real = "    successor_section: migration/planning-tools.md#aws-transform\n"
    assert real in text, "the real data/lifecycle.yml no longer links a successor to #aws-transform; update the test"
    path.write_text(text.replace(real, real.replace("#aws-transform", "#aws-transformer"), 1), encoding="utf-8")
    broken = load(path, lifecycle.Lifecycle, root=project_copy)
    index, item = next((i, e) for i, e in enumerate(broken.entries) if e.successor_section and e.successor_section.endswith("#aws-transformer"))
    build = run_build(project_copy)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    lines = [line for line in build.output.splitlines() if lifecycle.FILE in line]
    assert len(lines) == 1, build.output
    assert lines[0].startswith("ERROR"), build.output
    assert (f"data/lifecycle.yml: entry entries[{index}] ({item.id}), field successor_section: "
            "migration/planning-tools.md#aws-transformer is not a heading of the site") in lines[0]
