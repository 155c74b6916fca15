"""The site's navigation as the awesome-nav plugin builds it from docs/**/.nav.yml, in mkdocs.yml's
`nav:` shape: for the benchmark's plain-Material baseline (which has no plugin) and for tests that need
the top-level sections before a build. tests/test_content.py checks it against the built site."""

from __future__ import annotations

from pathlib import Path

import yaml

from macros._data import StrictLoader
from macros.sections import NAV_FILE, pages_in
from sitetools.build import ROOT

NavItem = dict[str, "str | list"]


def site_nav(docs: Path = ROOT / "docs") -> list[NavItem]:
    """[{"Home": "index.md"}, {"Cloud concepts": ["cloud-concepts/index.md", {"…": "cloud-concepts/….md"}]}, …]"""
    config = _read(docs)
    listed = {e if isinstance(e, str) else next(iter(e.values())) for e in config["nav"]
              if isinstance(e, str) or (isinstance(e, dict) and "glob" not in e)}
    nav: list[NavItem] = []
    for entry in config["nav"]:
        if isinstance(entry, dict) and "glob" in entry:  # every folder and page not listed, by name
            rest = sorted(p.name for p in docs.iterdir()
                          if p.name not in listed and (p.suffix == ".md" or (p / "index.md").exists()))
            nav += [_item(docs, name) for name in rest]
        elif isinstance(entry, str):
            nav.append(_item(docs, entry))
        else:
            (title, target), = entry.items()
            nav.append({title: target})
    return nav


def _item(docs: Path, name: str) -> NavItem:
    folder = docs / name
    if not folder.is_dir():
        return {name.removesuffix(".md"): name}
    config = _read(folder)
    title = config.get("title") or name.replace("-", " ").capitalize()
    listed = {e if isinstance(e, str) else next(iter(e.values())) for e in config.get("nav") or []}
    # Without append_unmatched, awesome-nav shows only the pages the folder's .nav.yml lists.
    pages = [{page.title: f"{name}/{page.file}"} for page in pages_in(folder)
             if config.get("append_unmatched") or page.file in listed]
    return {title: [f"{name}/index.md", *pages]}


def _read(folder: Path) -> dict:
    path = folder / NAV_FILE
    return yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader) if path.exists() else {}


def first_page(item: NavItem) -> str:
    """The page a top-level nav item opens: a page, or its section's index."""
    (value,) = item.values()
    return value if isinstance(value, str) else value[0]
