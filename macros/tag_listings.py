"""The tags page's listings: one per exam domain, in the exam guide's order, then one for every other
tag the pages carry. Material's tags plugin draws each listing from a `<!-- material/tags … -->`
directive; this module only writes the directives, from data/site.yml and the pages' front matter.

Material filters a listing by `include` (the tags it shows) or `exclude` (pages to leave out), so
"every tag but the domains" has to be written as an `include` of the other tags: the pages are read
for them here, and a tag added to any page joins the list without an edit.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from macros._data import StrictLoader

DIRECTIVE = "material/tags"
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)


def render_domains(domains: list[str]) -> str:
    """One listing per exam domain, so each domain gets its own heading, in the guide's order."""
    if not domains:
        raise ValueError("data/site.yml: exam_domains is empty, so the tags page has no domain to list")
    return "\n\n".join(_directive([domain]) for domain in domains) + "\n"


def render_others(docs_dir: Path, domains: list[str]) -> str:
    """One listing of every tag that is not an exam domain (services and topics), or nothing if none."""
    others = sorted(set(page_tags(docs_dir)) - set(domains), key=str.casefold)
    return _directive(others) + "\n" if others else ""


def page_tags(docs_dir: Path) -> dict[str, list[str]]:
    """Every tag in the pages' front matter → the pages (docs-relative) that carry it, by path."""
    found: dict[str, list[str]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        for tag in _tags(path):
            found.setdefault(tag, []).append(path.relative_to(docs_dir).as_posix())
    return found


def _tags(path: Path) -> list[str]:
    """A page with broken front matter fails its own check, with its own line: here it has no tags."""
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    try:
        meta: Any = yaml.load(match.group(1), Loader=StrictLoader) if match else {}
    except yaml.YAMLError:
        return []
    tags = meta.get("tags") if isinstance(meta, dict) else None
    return [tag for tag in tags if isinstance(tag, str)] if isinstance(tags, list) else []


def _directive(tags: list[str]) -> str:
    # JSON is YAML: each name is quoted, so the comma in "Billing, Pricing and Support" stays in it.
    return f"<!-- {DIRECTIVE} {{ include: [{', '.join(json.dumps(tag) for tag in tags)}] }} -->"
