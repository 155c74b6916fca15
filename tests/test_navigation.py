"""The site's information architecture follows the exam: one tab per content domain, in the guide's
order, each opening a page that leads to its sections; the tags page groups pages by domain and stays
out of search. The tab widths are checked in a browser (tests/browser/test_navigation.py)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros import sections, tag_listings
from macros._errors import PageError
from macros.project import load_project
from sitetools.build import ROOT, Build
from sitetools.nav import first_page, site_nav
from sitetools.pages import page_url

DOCS = ROOT / "docs"


def _tags(page: str) -> list[str]:
    meta = yaml.safe_load(re.match(r"\A---\n(.*?\n)---\n", (DOCS / page).read_text(encoding="utf-8"), re.S).group(1))
    return meta.get("tags") or []


def _domain_tabs() -> list[tuple[str, str, list]]:
    """(tab title, the exam-domain tag of its landing page, the tab's entries) for each tab whose
    landing page carries exactly one exam domain."""
    domains = load_project(ROOT).site.exam_domains
    tabs = []
    for item in site_nav():
        (title, value), = item.items()
        own = [tag for tag in _tags(first_page(item)) if tag in domains]
        if isinstance(value, list) and len(own) == 1:
            tabs.append((title, own[0], value))
    return tabs


def _folders(entries: list) -> list[str]:
    """The folders a tab holds: its own, or each sub-section's."""
    found = {first_page(entry).split("/")[0] for entry in entries if "/" in first_page(entry)}
    return sorted(found)


def test_the_domain_tabs_come_in_the_exam_guides_order_after_the_exam() -> None:
    guide = load_project(ROOT).guide
    titles = [next(iter(item)) for item in site_nav()]
    assert [tag for _, tag, _ in _domain_tabs()] == [domain.tag for domain in guide.domains]
    first, last = titles.index(_domain_tabs()[0][0]), titles.index(_domain_tabs()[-1][0])
    assert titles[:first] == ["Home", "The exam"]
    assert titles[first:last + 1] == [title for title, _, _ in _domain_tabs()]  # nothing between the domains
    assert titles[last + 1:] == ["Practice", "What changed", "Tags"]


def test_every_folder_sits_under_the_domain_most_of_its_exam_points_belong_to() -> None:
    """Where each folder goes follows data/exam_guide.yml: the task statements' knowledge and skill
    points say which page answers them, so migration (task 1.3) is under Cloud concepts."""
    guide = load_project(ROOT).guide
    tag_of = {domain.id: domain.tag for domain in guide.domains}
    points: dict[str, Counter] = {}
    for task in guide.tasks:
        for where in [task.section, *(p.section for p in [*task.knowledge, *task.skills])]:
            if where:
                points.setdefault(where.split("/")[0], Counter())[tag_of[task.domain]] += 1
    placed = {folder: tag for _, tag, entries in _domain_tabs() for folder in _folders(entries)}
    assert set(points) <= set(placed), set(points) - set(placed)
    wrong = {folder: (placed[folder], count.most_common(1)[0]) for folder, count in points.items()
             if count.most_common(1)[0][0] != placed[folder]}
    assert wrong == {}
    assert placed["migration"] == "Cloud Concepts" and placed["compute"] == "Cloud Technology and Services"


def test_a_grouping_tab_opens_a_landing_page_that_links_each_of_its_sections(site_build: Build) -> None:
    grouped = [(title, entries) for title, _, entries in _domain_tabs() if len(_folders(entries)) > 1]
    assert [title for title, _ in grouped] == ["Cloud concepts", "Technology and services"]
    for _title, entries in grouped:
        landing = first_page({"": entries})
        soup = site_build.html(page_url(Path(landing)))
        links = [a["href"] for a in soup.select("article .section-pages--groups > ul > li > a:first-child")]
        folders = entries[1:]
        assert links == [f"../{next(iter(f.values()))[0].split('/')[0]}/" for f in folders], (landing, links)
        # and every page of every section, by the title the navigation gives it
        titles = [" ".join(a.get_text(" ").split()) for a in soup.select("article .section-pages--groups li li > a:not(.lifecycle-notice)")]
        assert titles == [next(iter(p)) for f in folders for p in next(iter(f.values()))[1:]]


def test_the_tags_page_is_not_a_search_result(site_build: Build) -> None:
    index = json.loads((site_build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("tags/")]
    assert any(doc["location"].startswith("technology/") for doc in index["docs"])  # a landing page is


def test_the_tags_page_has_one_section_per_domain_listing_its_pages(site_build: Build) -> None:
    domains = load_project(ROOT).site.exam_domains
    soup = site_build.html("tags")
    article = soup.select_one("article")
    headings = [h for h in article.select("h2, h3")]
    names = [h.get_text(strip=True).rstrip("¶") for h in headings]
    assert names[:len(domains) + 1] == ["By exam domain", *domains]
    assert names[len(domains) + 1] == "By service and topic"
    tagged = tag_listings.page_tags(DOCS)
    for heading in headings[1:len(domains) + 1]:
        domain = heading.get_text(strip=True).rstrip("¶")
        listed = sorted(a["href"] for a in heading.find_next_sibling("ul").select("a"))
        expected = sorted(f"../{page_url(Path(p))}" if p != "index.md" else ".." for p in tagged[domain] if p != "tags.md")
        assert listed == expected, domain
    others = set(names[len(domains) + 2:])
    assert others == set(tagged) - set(domains) and others  # every other tag once, and no domain again


def test_render_groups_lists_the_folders_its_section_groups(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "group").mkdir(parents=True)
    (docs / ".nav.yml").write_text("nav:\n  - Both: [group/index.md, b, a]\n  - a\n", encoding="utf-8")
    (docs / "group" / "index.md").write_text("---\ndescription: G.\n---\n\n# Group\n", encoding="utf-8")
    for name, title in [("a", "Alpha [x]"), ("b", "Beta")]:
        (docs / name).mkdir()
        (docs / name / ".nav.yml").write_text(f"title: {title}\nnav:\n  - index.md\n  - Page: page.md\n", encoding="utf-8")
        (docs / name / "index.md").write_text(f"---\ndescription: About {name}.\n---\n\n# {name}\n", encoding="utf-8")
        (docs / name / "page.md").write_text(f"---\ndescription: P.\n---\n\n# {name} page\n", encoding="utf-8")
        (docs / name / "hidden.md").write_text("---\ndescription: H.\n---\n\n# Not listed\n", encoding="utf-8")
    changes = load_project(ROOT).changes
    out = sections.render_groups(docs, "group/index.md", changes)
    lines = [line for line in out.splitlines() if line.strip().startswith("- ")]
    assert lines == [
        "- [Beta](../b/index.md): About b.",
        "    - [Page](../b/page.md)",
        "- [Alpha &#91;x&#93;](../a/index.md): About a.",  # brackets stay text in a link label
        "    - [Page](../a/page.md)",
    ]  # the listed pages only: without append_unmatched, the navigation leaves hidden.md out
    with pytest.raises(PageError, match="no section in docs/.nav.yml starts with this page"):
        sections.render_groups(docs, "a/index.md", changes)


def test_tag_listings_quote_each_tag_and_leave_the_domains_out_of_the_rest(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text("---\ntags:\n  - Billing, Pricing and Support\n  - EC2\n  - s3\n---\n", encoding="utf-8")
    (tmp_path / "q.md").write_text("---\ntags: [EC2]\n---\n", encoding="utf-8")
    domains = ["Cloud Concepts", "Billing, Pricing and Support"]
    assert tag_listings.render_domains(domains).split("\n\n") == [
        '<!-- material/tags { include: ["Cloud Concepts"] } -->',
        '<!-- material/tags { include: ["Billing, Pricing and Support"] } -->\n',
    ]
    assert tag_listings.render_others(tmp_path, domains) == '<!-- material/tags { include: ["EC2", "s3"] } -->\n'
    assert tag_listings.page_tags(tmp_path)["EC2"] == ["p.md", "q.md"]
    assert tag_listings.render_others(tmp_path, ["EC2", "s3", "Billing, Pricing and Support"]) == ""


def test_a_section_list_names_retired_services_with_their_notice() -> None:
    """The Migration section's description names the Snow Family, so its line on the landing page
    carries the notice, as every sentence on the site that names it does."""
    out = sections.render_groups(DOCS, "concepts/index.md", load_project(ROOT).changes)
    migration = next(line for line in out.splitlines() if line.startswith("- [Migration]"))
    assert "Snow Family" in migration and "(../changes.md#snowball-edge){ .lifecycle-notice }" in migration


def test_each_tab_opens_the_page_its_section_starts_with(site_build: Build) -> None:
    """A domain tab opens its landing page (Cloud concepts opens concepts/, not a sub-section)."""
    home = BeautifulSoup((site_build.site / "index.html").read_text(encoding="utf-8"), "html.parser")
    tabs = [a["href"] for a in home.select("a.md-tabs__link")]
    assert tabs == [page_url(Path(first_page(item))) or "." for item in site_nav()]
