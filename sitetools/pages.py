"""Which pages the site publishes, known before the build so tests can be parametrized by page."""

from __future__ import annotations

from pathlib import Path

import yaml

from sitetools.build import ROOT

# BaseLoader reads every scalar as a string and ignores the !!python/name tags.
CONFIG: dict = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

# The 404 page has no source file; the tests open a missing address to get it.
NOT_FOUND = "404"


def page_url(source: Path) -> str:
    """The URL path of a page under the site root: 'security/iam.md' -> 'security/iam/'."""
    parts = list(source.with_suffix("").parts)
    if parts[-1] == "index":
        parts.pop()
    return "/".join(parts) + "/" if parts else ""


def source_pages(docs: Path = ROOT / "docs") -> dict[str, str]:
    """Every published page, URL path -> source path relative to docs/."""
    return {page_url(path.relative_to(docs)): path.relative_to(docs).as_posix()
            for path in sorted(docs.rglob("*.md")) if not path.name.startswith("_")}


SOURCES = source_pages()
PAGES = [*SOURCES, NOT_FOUND]


def built_pages(site: Path) -> list[Path]:
    """Every page's index.html in a built site, without the redirect stubs (mkdocs.yml redirect_maps)
    that keep a moved page's old address working: a stub is a forwarding note, not a page."""
    return [path for path in sorted(site.rglob("index.html"))
            if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")]
