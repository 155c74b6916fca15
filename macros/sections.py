"""A section's list of pages, read from its folder: adding a page to the folder adds it to the list.

The order is the folder's `.nav.yml` (the same file the navigation reads), then any page it does
not name, by file name; each line is the page's title and its front-matter `description`. Only the
files are read, never the engine's navigation, so the list is the same under any engine.

A domain that spans several folders is a section of the top-level `docs/.nav.yml` whose first entry
is its landing page; `render_groups` lists, on that page, the folders the section groups.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros import _html, lifecycle
from macros._data import StrictLoader
from macros._errors import PageError

NAV_FILE = ".nav.yml"
CSS_CLASS = "section-pages"
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
_H1 = re.compile(r"^# (.+?)\s*(?:\{[^}]*\})?\s*$", re.M)


@dataclass(frozen=True)
class SectionPage:
    file: str  # the file name inside the folder, as a relative link
    title: str
    description: str


def pages_in(folder: Path) -> list[SectionPage]:
    """The topic pages of `folder` (not its index.md), in navigation order."""
    titles = _nav_titles(folder)
    files = sorted(p.name for p in folder.glob("*.md") if p.name != "index.md")
    ordered = [name for name in titles if name in files] + [name for name in files if name not in titles]
    return [_page(folder, name, titles.get(name)) for name in ordered]


def nav_pages(folder: Path) -> list[SectionPage]:
    """The pages of `folder` its navigation shows, in order: every page, unless its `.nav.yml` lists
    pages without `append_unmatched: true` (then awesome-nav shows only those, as for practice/)."""
    config = _read_nav(folder)
    if "nav" not in config or config.get("append_unmatched"):
        return pages_in(folder)
    listed = _nav_titles(folder)
    return [page for page in pages_in(folder) if page.file in listed]


def render(docs_dir: Path, index_uri: str, changes: lifecycle.Lifecycle) -> str:
    """A Markdown list linking each page of the section whose index is `index_uri` (docs-relative).

    A title or description that names a retired or changed service carries that service's notice,
    as any other sentence on the site does."""
    folder = (docs_dir / index_uri).parent
    items = pages_in(folder)
    # A Markdown list, so the engine checks each link and rewrites it for the site's URL style; the
    # title and description are `inline` text, so a `*` or `[` in them shows as written.
    lines = []
    for item in items:
        line = f"- [{_html.inline(item.title)}]({item.file})" + (f": {_html.inline(item.description)}" if item.description else "")
        named = lifecycle.unflagged(changes, f"{item.title}\n{item.description}", set())
        lines.append(" ".join([line, *(lifecycle.notice(changes, entry.id, index_uri) for entry, _ in named)]))
    return "\n".join([f'<div class="{CSS_CLASS}" markdown>', "", *lines, "", "</div>"]) + "\n"


def groups_of(docs_dir: Path, landing_uri: str) -> list[str]:
    """The folders (docs-relative names) that `docs/.nav.yml` groups in the section opened by the
    page `landing_uri`, in their order there. Raises if no section starts with that page."""
    config = _read_nav(docs_dir)
    for entry in config.get("nav") or []:
        if isinstance(entry, dict) and len(entry) == 1:
            (_title, children), = entry.items()
            if isinstance(children, list) and children and children[0] == landing_uri:
                folders = [c for c in children[1:] if isinstance(c, str) and (docs_dir / c / "index.md").is_file()]
                if len(folders) != len(children) - 1:
                    raise PageError(f"docs/{NAV_FILE}: the section opened by {landing_uri} may list only folders after it, found {children[1:]}")
                return folders
    raise PageError(f"docs/{landing_uri}: no section in docs/{NAV_FILE} starts with this page, so it has no sections to list")


def render_groups(docs_dir: Path, landing_uri: str, changes: lifecycle.Lifecycle) -> str:
    """On a domain's landing page: a Markdown list linking each folder the domain groups (its title
    and the description of its index page), each with a sub-list of that folder's pages by title."""
    base = posixpath.dirname(landing_uri)
    lines = []
    for name in groups_of(docs_dir, landing_uri):
        folder = docs_dir / name
        index = _page(folder, "index.md", None)
        title = section_title(folder)
        link = posixpath.relpath(f"{name}/index.md", base)
        line = f"- [{_html.inline(title)}]({link})" + (f": {_html.inline(index.description)}" if index.description else "")
        named = lifecycle.unflagged(changes, f"{title}\n{index.description}", set())
        lines.append(" ".join([line, *(lifecycle.notice(changes, entry.id, landing_uri) for entry, _ in named)]))
        for page in nav_pages(folder):
            named = lifecycle.unflagged(changes, page.title, set())
            item = f"    - [{_html.inline(page.title)}]({posixpath.relpath(f'{name}/{page.file}', base)})"
            lines.append(" ".join([item, *(lifecycle.notice(changes, entry.id, landing_uri) for entry, _ in named)]))
    return "\n".join([f'<div class="{CSS_CLASS} {CSS_CLASS}--groups" markdown>', "", *lines, "", "</div>"]) + "\n"


def section_title(folder: Path) -> str:
    """The title a folder's `.nav.yml` gives its section, else its name as the plugin would write it."""
    title = _read_nav(folder).get("title")
    return str(title) if title else folder.name.replace("-", " ").replace("_", " ").capitalize()


def _read_nav(folder: Path) -> dict[str, Any]:
    path = folder / NAV_FILE
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader) if path.exists() else None
    return config if isinstance(config, dict) else {}


def _nav_titles(folder: Path) -> dict[str, str | None]:
    """File name → the title `.nav.yml` gives it (None where it lists the file without a title)."""
    config = _read_nav(folder)
    titles: dict[str, str | None] = {}
    for entry in config.get("nav") or []:
        if isinstance(entry, str):
            titles[entry] = None
        elif isinstance(entry, dict) and len(entry) == 1:
            (title, target), = entry.items()
            if isinstance(target, str):
                titles[target] = str(title)
    return titles


def _page(folder: Path, name: str, nav_title: str | None) -> SectionPage:
    """Never fails: a page with a problem in its front matter fails its own check, with its own line."""
    source = (folder / name).read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(source)
    try:
        meta: Any = yaml.load(match.group(1), Loader=StrictLoader) if match else {}
    except yaml.YAMLError:
        meta = {}
    meta = meta if isinstance(meta, dict) else {}
    description = meta.get("description")
    heading = _H1.search(source[match.end() if match else 0 :])
    title = nav_title or (meta["title"] if isinstance(meta.get("title"), str) else None)
    title = title or (heading.group(1) if heading else name.removesuffix(".md"))
    return SectionPage(name, title.strip(), description.strip() if isinstance(description, str) else "")
