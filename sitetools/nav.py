"""The site's navigation as the awesome-nav plugin builds it from docs/**/.nav.yml, in mkdocs.yml's
`nav:` shape: for the benchmark's plain-Material baseline (which has no plugin) and for tests that need
the top-level sections before a build. tests/test_content.py checks it against the built site.

The top level (docs/.nav.yml) lists folders, pages with titles, sections (a title over a list: a
domain's landing page, then the folders it groups) and one glob for any folder or page not listed."""

from __future__ import annotations

from pathlib import Path

import yaml

from macros._data import StrictLoader
from macros.sections import NAV_FILE, nav_pages, section_title
from sitetools.build import ROOT

NavItem = dict[str, "str | list"] | str


def site_nav(docs: Path = ROOT / "docs") -> list:
    """[{"Home": "index.md"}, {"The exam": ["exam/index.md", …]},
    {"Cloud concepts": ["concepts/index.md", {"Cloud fundamentals": ["cloud-concepts/index.md", …]}, …]}, …]"""
    entries = _read(docs).get("nav") or []
    listed = set(_names(entries))
    nav: list = []
    for entry in entries:
        if isinstance(entry, dict) and "glob" in entry:  # every folder and page not listed, by name
            rest = sorted(p.name for p in docs.iterdir()
                          if p.name not in listed and (p.suffix == ".md" or (p / "index.md").exists()))
            nav += [_item(docs, name) for name in rest]
        else:
            nav.append(_entry(docs, entry, top=True))
    return nav


def first_page(item: NavItem) -> str:
    """The page a nav item opens: a page, or the first page of its section (its landing or index)."""
    if isinstance(item, str):
        return item
    (value,) = item.values()
    return value if isinstance(value, str) else first_page(value[0])


def landing_pages(nav: list) -> list[str]:
    """The page each top-level item opens, then (for a section that groups folders) each of its
    sub-sections' index pages: the links the 404 page offers."""
    pages: list[str] = []
    for item in nav:
        pages.append(first_page(item))
        (value,) = item.values() if isinstance(item, dict) else (item,)
        if isinstance(value, list):
            pages += [first_page(child) for child in value[1:] if isinstance(child, dict) and isinstance(next(iter(child.values())), list)]
    return pages


def _entry(docs: Path, entry: str | dict, *, top: bool = False) -> NavItem:
    if isinstance(entry, str):
        return _item(docs, entry) if top or (docs / entry).is_dir() else entry
    (title, target), = entry.items()
    if isinstance(target, list):  # a section: its pages and folders, each as the plugin resolves it
        return {title: [_entry(docs, child) for child in target]}
    return {title: target}


def _item(docs: Path, name: str) -> NavItem:
    folder = docs / name
    if not folder.is_dir():
        return {name.removesuffix(".md"): name}
    title = section_title(folder)
    pages = [{page.title: f"{name}/{page.file}"} for page in nav_pages(folder)]
    return {title: [f"{name}/index.md", *pages]}


def _names(entries: list) -> list[str]:
    """The top-level folders and pages that `entries` place, at any depth: a glob skips them."""
    names: list[str] = []
    for entry in entries:
        if isinstance(entry, str):
            names.append(entry.split("/")[0])
        elif isinstance(entry, dict) and "glob" not in entry:
            (target,) = entry.values()
            names += _names(target) if isinstance(target, list) else [str(target).split("/")[0]]
    return names


def _read(folder: Path) -> dict:
    path = folder / NAV_FILE
    return yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader) if path.exists() else {}
