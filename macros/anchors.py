"""The headings a reader can link to, as "page.md#id" (docs-relative), read from the page sources:
for data that names a section of the site (the exam guide, the question bank) and must fail with its
own entry when that section is gone, before any page renders."""

from __future__ import annotations

import re
from pathlib import Path

from markdown.extensions.toc import slugify

from macros import lifecycle
from macros._pages import without_code

_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
_ATTRS = re.compile(r"\{[^}]*\}\s*$")
_ID = re.compile(r"#([\w-]+)")


def page_anchors(docs: Path, changes: lifecycle.Lifecycle) -> set[str]:
    """Every page ("page.md", for a link to its top) and every heading ("page.md#id") of the site."""
    anchors: set[str] = set()
    for path in sorted(docs.rglob("*.md")):
        page = path.relative_to(docs).as_posix()
        anchors.add(page)
        source = without_code(path.read_text(encoding="utf-8"))
        for match in _HEADING.finditer(source):
            text = match.group(1)
            attrs = _ATTRS.search(text)
            explicit = _ID.search(attrs.group()) if attrs else None
            if explicit:
                anchors.add(f"{page}#{explicit.group(1)}")
            else:
                anchors.add(f"{page}#{slugify(text, '-')}")
    # The What changed page's headings come from data/lifecycle.yml, one per entry.
    anchors.update(f"{lifecycle.CHANGES_PAGE}#{entry.id}" for entry in changes.entries)
    return anchors
