"""The service index: every AWS service the site names, A to Z, with its purpose, its exam category,
its status where it changed, and a link to the section that explains it.

The exam guide's in-scope services (data/exam_guide.yml) come first; data/services.yml adds the others
the notes name (retired, renamed, out of scope). A status comes from data/lifecycle.yml, matched by
the entry's names, so the index flags a changed service as every page does.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from macros import _html, exam_guide, lifecycle
from macros._data import Model, Text, load
from macros._errors import DataError

FILE = "data/services.yml"
_PREFIXES = ("Amazon ", "AWS ")


class OtherService(Model):
    name: Text
    category: Text
    purpose: Text  # one line, our words
    section: exam_guide.Section


class OtherServices(Model):
    services: Annotated[list[OtherService], Field(min_length=1)]


@dataclass(frozen=True)
class IndexEntry:
    name: str
    purpose: str
    category: str
    section: str | None
    in_scope: bool
    changes: tuple[lifecycle.Entry, ...]  # every retired or changed service the line names

    @property
    def sort_key(self) -> str:
        name = self.name
        for prefix in _PREFIXES:
            name = name.removeprefix(prefix)
        return name.casefold()


def load_others(root: Path, context: dict[str, Any] | None = None) -> OtherServices:
    return load(root / FILE, OtherServices, root=root, context=context)


def entries(guide: exam_guide.ExamGuide, others: OtherServices, changes: lifecycle.Lifecycle) -> list[IndexEntry]:
    """One entry per service name, A to Z by the name without "Amazon" or "AWS"."""
    listed = {s.name for s in guide.services.entries}
    found: list[IndexEntry] = []
    for index, other in enumerate(others.services):
        if other.name in listed:
            raise DataError(FILE, f"services[{index}] ({other.name})", "name", f"already an in-scope service in {exam_guide.FILE}: list it once")
    for service in guide.services.entries:
        found.append(IndexEntry(service.name, service.purpose, service.category, service.section, True, _named(changes, service.name, service.purpose)))
    for other in others.services:
        found.append(IndexEntry(other.name, other.purpose, other.category, other.section, False, _named(changes, other.name, other.purpose)))
    seen: set[str] = set()
    for entry in found:
        if entry.name in seen:
            raise DataError(FILE, f"services ({entry.name})", "name", "listed twice")
        seen.add(entry.name)
    return sorted(found, key=lambda e: e.sort_key)


def render(items: list[IndexEntry], changes: lifecycle.Lifecycle, from_page: str) -> str:
    """The index as Markdown: a heading per letter, a list item per service (readable on a phone).

    Links are Markdown, relative to `from_page`, so the engine checks every page and anchor."""
    lines: list[str] = []
    letter = ""
    for item in items:
        first = item.sort_key[:1].upper()
        first = first if first.isalpha() else "#"
        if first != letter:
            letter = first
            anchor = first.lower() if first.isalpha() else "other"
            # Out of the search index: each line repeats a purpose that the service's own section explains.
            lines += ["", f"## {first} {{ #{anchor} data-search-exclude }}", ""]
        name = _html.inline(item.name)
        title = f"[{name}]({_relative(from_page, item.section)})" if item.section else str(name)
        scope = "on the exam" if item.in_scope else "not on the exam"
        line = f"- **{title}**: {_html.inline(item.purpose)} *{_html.inline(item.category)}, {scope}.*"
        for entry in item.changes:
            line += " " + lifecycle.notice(changes, entry.id, from_page)
        lines.append(line)
    return "\n".join(lines).lstrip("\n") + "\n"


def _named(changes: lifecycle.Lifecycle, name: str, purpose: str) -> tuple[lifecycle.Entry, ...]:
    """The lifecycle entries a line names: its service by name, and any other it mentions."""
    own = [entry for entry in changes.entries if entry.service == name]
    others = [entry for entry, _ in lifecycle.unflagged(changes, f"{name}\n{purpose}", {e.id for e in own})]
    return tuple(own + others)


def _relative(from_page: str, section: str) -> str:
    page, _, anchor = section.partition("#")
    link = posixpath.relpath(page, posixpath.dirname(from_page) or ".")
    return f"{link}#{anchor}" if anchor else link
