"""Retired, closing and changed AWS services: a one-line notice where a service is discussed, and
the summary table and full entries on the "What changed" page, all from data/lifecycle.yml."""

from __future__ import annotations

import difflib
import functools
import posixpath
import re
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import Field, model_validator

from macros import _html
from macros._data import (
    STATUS_LABELS,
    Date,
    Evidence,
    Model,
    Month,
    Slug,
    StrictLoader,
    Text,
    at_most_words,
    check_unique_ids,
    find_by_id,
)
from macros._errors import DataError
from macros.exam_guide import EXAMPLE_SECTION, Section

FILE = "data/lifecycle.yml"
CHANGES_PAGE = "changes.md"

Change = Literal[
    "retired",
    "discontinued",
    "end_of_support",
    "closed_to_new_customers",
    "maintenance_mode",
    "ending",
    "returned",
    "price_change",
    "changed",
]
LABELS = {change: STATUS_LABELS[change] for change in typing.get_args(Change)}

SUCCESSOR_MAX_WORDS = 6  # a name ("Amazon SageMaker Canvas"), short enough for a one-line notice


Successor = Annotated[Text, at_most_words(SUCCESSOR_MAX_WORDS, "a successor is a name, not a sentence")]


class Step(Model):
    """A later step AWS has already announced, such as the day access ends after new sign-ups stop."""

    change: Change
    date: Date


class Entry(Evidence):
    id: Slug
    service: Text
    change: Change
    date: Date | None = None  # the day it took effect, when known
    month: Month | None = None  # when only the month is known
    summary: Text  # the full entry, shown on the What changed page
    identify: Annotated[list[Text], Field(min_length=1)]  # terms that mean this service on a page
    not_this: list[Text] = []  # look-alike terms that are something else (S3 Glacier storage classes)
    then: Step | None = None  # the next announced step, reported by `make freshness` once its day comes
    # What AWS points users to instead, only as the summary, quote or source names it (never a guess),
    # and the section of the site that covers it ("page.md#id", checked against the site's headings).
    successor: Successor | None = None
    successor_section: Section | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Entry:
        if self.date is not None and self.month is not None:
            raise ValueError("give `date` or `month`, not both")
        if self.successor_section is not None and self.successor is None:
            raise ValueError("`successor_section` needs the `successor` it covers")
        self._successor_is_recorded()
        return self

    def _successor_is_recorded(self) -> None:
        """A successor is never a guess: each name in it ("A or B") is one the entry's own summary,
        quote or source note gives, so a reviewer can check it against the source."""
        if self.successor is None:
            return
        recorded = " ".join(" ".join(text.split()) for text in (self.summary, self.quote, self.source_note) if text)
        for name in self.successor.split(" or "):
            if name not in recorded:
                raise ValueError(
                    f"successor {name!r} is not named in the entry's summary, quote or source_note: "
                    "give only what AWS points to, as the entry records it, and say so in the summary"
                )

    @property
    def when(self) -> str:
        if self.date is not None:
            return self.date.isoformat()
        return self.month or "date unknown"


class Lifecycle(Model):
    as_of: Date
    entries: Annotated[list[Entry], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique(self) -> Lifecycle:
        check_unique_ids(self.entries, "entries")
        return self

    def entry(self, entry_id: str) -> Entry:
        return find_by_id(self.entries, entry_id, "lifecycle entry")


# Markdown that names nothing a reader sees: code, comments, link targets, and the notices themselves.
# Practice questions are checked when the bank loads instead (macros/questions.py): one that names a
# changed service must depend on its entry and say its status in an explanation.
_NOT_PROSE = re.compile(
    r"```.*?```|~~~.*?~~~|<!--.*?-->|`[^`\n]*`|\]\([^)\s]*\)|\[:material-calendar-alert:[^\]]*\]"
    r'|<script type="application/json".*?</script>|<div class="practice" data-practice="page".*?</div>',
    re.S,
)
_NOTICE_LINK = re.compile(r"#([a-z0-9-]+)\)\{ \.lifecycle-notice \}")


@functools.cache
def term_pattern(term: str) -> re.Pattern[str]:
    """`term` as a whole word or phrase, across a line break, plural or possessive too.

    The pattern opens with the term's first character and only then looks back past it for a word
    character: a pattern that opens with the look-behind is tried at every position of the page,
    about forty times slower, and this check runs on every page of every build.
    """
    words = term.split()
    head = re.escape(words[0][0])
    body = re.escape(words[0][1:]) + "".join(r"\s+" + re.escape(word) for word in words[1:])
    return re.compile(rf"{head}(?<![\w-]{head}){body}(?:s|es|'s|’s)?(?![\w-])")


def unflagged(data: Lifecycle, text: str, shown: set[str]) -> list[tuple[Entry, str]]:
    """(entry, term) for every entry that `text` names by any of its `identify` terms while its
    notice is not among `shown` (the entry ids whose notice the page carries)."""
    missing = []
    for entry in data.entries:
        if entry.id in shown:
            continue
        masked = text
        for look_alike in entry.not_this:
            masked = term_pattern(look_alike).sub(" ", masked)
        for term in entry.identify:
            if term_pattern(term).search(masked):
                missing.append((entry, term))
                break
    return missing


def unflagged_in_markdown(data: Lifecycle, markdown: str) -> list[tuple[Entry, str]]:
    """The same check on a page's Markdown after its macros ran: notices appear as links to the
    entry with the class `lifecycle-notice`."""
    shown = set(_NOTICE_LINK.findall(markdown))
    return unflagged(data, _NOT_PROSE.sub(" ", markdown), shown)


def notice(data: Lifecycle, entry_id: str, page_path: str) -> str:
    """One Markdown line linking to the entry on the What changed page: the service, its change and
    date, and what AWS points to instead when the entry names it."""
    entry = data.entry(entry_id)
    return (
        f"[:material-calendar-alert: {_html.inline(notice_text(entry))}]"
        f"({_relative(page_path, CHANGES_PAGE)}#{entry.id}){{ .lifecycle-notice }}"
    )


def notice_text(entry: Entry) -> str:
    """"AWS Cloud9: closed to new customers (2024-07-25)", then "; use X" (or "; now X" for a
    rename) when the entry names a successor: under twelve words before the successor's name."""
    text = f"{entry.service}: {LABELS[entry.change].lower()} ({entry.when})"
    if entry.successor is not None:
        text += f"; {'now' if entry.change == 'changed' else 'use'} {entry.successor}"
    return text


def render_entries(data: Lifecycle, edit_url: str) -> str:
    """The What changed page body: one section per entry, newest first, with its source."""
    parts = []
    for entry in _newest_first(data):
        parts.append(f"## {_html.inline(entry.service)} {{ #{entry.id} }}\n")
        status = _html.tag("strong", f"{LABELS[entry.change]} ({entry.when})")
        if entry.then is not None:
            status = _html.join(status, _html.text(f"; then {LABELS[entry.then.change].lower()} on {entry.then.date.isoformat()}"))
        parts.append(f'<p class="lifecycle-status from-data">{status}</p>\n')
        parts.append(f'<p class="from-data">{_html.text(entry.summary)}</p>\n')
        if entry.successor is not None:
            # Markdown, not HTML, so the engine checks the link to the section and rewrites it.
            parts.append(f"Successor: {_successor(entry, CHANGES_PAGE)}\n{{ .lifecycle-successor .from-data }}\n")
        parts.append(f'<p class="data-footer">{_html.evidence(entry)}</p>\n')
    parts.append(_html.data_footer(FILE, edit_url))
    return "\n".join(parts)


# --- The summary table: every entry and the pages that name it ------------------------------------


@dataclass(frozen=True)
class SitePage:
    """A page of the site as the summary table needs it: where it is, its title, and its text."""

    path: str  # docs-relative, such as "migration/snow-family.md"
    title: str  # its title in the navigation
    text: str  # its Markdown body (front matter removed), before its macros run


SUMMARY_HEADERS = ("Service", "Change", "Date", "Successor", "Pages that mention it")
SUMMARY_LABEL = "Every change at a glance"


def render_summary(data: Lifecycle, pages: Sequence[SitePage], edit_url: str) -> str:
    """A Markdown table, one row per entry in the order of the sections below: its change, date and
    successor, and links to the pages that name it.

    Markdown rather than HTML so that the engine checks every link and rewrites it for the site's URL
    style; every value from data is `inline` text, so a `|` or `*` in it shows as written."""
    found = mentions(data, pages)
    lines = [
        # Scrolls sideways on a phone like every data table, so it is a named region a keyboard can scroll.
        f'<div class="data-table lifecycle-summary" role="region" aria-label="{SUMMARY_LABEL}" tabindex="0" markdown>',
        "",
        "| " + " | ".join(SUMMARY_HEADERS) + " |",
        "|" + "---|" * len(SUMMARY_HEADERS),
    ]
    for entry in _newest_first(data):
        named = [f"[{_html.inline(page.title)}]({_relative(CHANGES_PAGE, page.path)})" for page in found[entry.id]]
        cells = [
            f"[{_html.inline(entry.service)}](#{entry.id})",
            str(_html.inline(LABELS[entry.change])),
            str(_html.inline(entry.when)),
            _successor(entry, CHANGES_PAGE) if entry.successor is not None else "none named",
            ", ".join(named) or "none",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "</div>", "", _html.data_footer(FILE, edit_url)]
    return "\n".join(lines) + "\n"


def mentions(data: Lifecycle, pages: Iterable[SitePage]) -> dict[str, list[SitePage]]:
    """Entry id → the pages that name it, by the same term matching as the build's notice check, on
    the page text before its macros run, with macro calls masked as well as code, comments and link
    targets. What a page names only through a macro (a fact, a data table) is not seen here; its
    notice is, and the build makes every page that names a service show it, so a page that calls
    `notice("id")` counts too."""
    found: dict[str, list[SitePage]] = {entry.id: [] for entry in data.entries}
    for page in pages:
        if page.path == CHANGES_PAGE:
            continue
        prose = _NOT_PROSE.sub(" ", _MACRO.sub(" ", page.text))
        named = {entry.id for entry, _ in unflagged(data, prose, set())}
        named |= set(_NOTICE_CALL.findall(page.text)) & found.keys()
        for entry_id in named:
            found[entry_id].append(page)
    return found


def read_pages(docs: Path) -> list[SitePage]:
    """Every published page under `docs` (not What changed, not `_`-prefixed drafts), in path order,
    titled as the navigation titles it: its folder's `.nav.yml`, else its first heading."""
    pages = []
    for path in sorted(docs.rglob("*.md")):
        page = path.relative_to(docs).as_posix()
        if page == CHANGES_PAGE or path.name.startswith("_"):
            continue
        source = path.read_text(encoding="utf-8")
        front = _FRONT_MATTER.match(source)
        body = source[front.end() :] if front else source
        heading = _H1.search(body)
        title = _nav_title(path) or (heading.group(1) if heading else path.stem)
        pages.append(SitePage(page, title.strip(), body))
    return pages


def section_problems(data: Lifecycle, anchors: Iterable[str]) -> list[DataError]:
    """One line per `successor_section` that is not a heading of the site (`anchors`, as "page.md#id")."""
    known = sorted(set(anchors))
    problems = []
    for index, entry in enumerate(data.entries):
        section = entry.successor_section
        if section is None or section in known:
            continue
        close = difflib.get_close_matches(section, known, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        problems.append(DataError(
            FILE, f"entries[{index}] ({entry.id})", "successor_section",
            f"{section} is not a heading of the site{hint}; expected a docs-relative page and heading id, "
            f"such as {EXAMPLE_SECTION}",
        ))
    return problems


_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_NOTICE_CALL = re.compile(r"""\{\{\s*notice\(\s*["']([a-z0-9-]+)["']\s*\)\s*\}\}""")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_H1 = re.compile(r"^# (.+?)\s*(?:\{[^}]*\})?\s*$", re.M)


def _nav_title(path: Path) -> str | None:
    """The title the folder's `.nav.yml` gives the page (its own `title` for the folder's index)."""
    nav = path.parent / ".nav.yml"
    if not nav.exists():
        return None
    config = yaml.load(nav.read_text(encoding="utf-8"), Loader=StrictLoader) or {}
    if path.name == "index.md":
        title = config.get("title")
        return title if isinstance(title, str) else None
    for item in config.get("nav") or []:
        if isinstance(item, dict) and len(item) == 1:
            ((title, target),) = item.items()
            if target == path.name:
                return str(title)
    return None


def _newest_first(data: Lifecycle) -> list[Entry]:
    return sorted(data.entries, key=lambda e: e.when if e.when[0].isdigit() else "0", reverse=True)


def _successor(entry: Entry, from_page: str) -> str:
    """The successor as Markdown: a link to the section that covers it, when the site has one."""
    name = _html.inline(entry.successor)
    if entry.successor_section is None:
        return str(name)
    page, _, anchor = entry.successor_section.partition("#")
    return f"[{name}]({_relative(from_page, page)}#{anchor})"


def _relative(from_page: str, target: str) -> str:
    """`target` (docs-relative) as a link from `from_page` (docs-relative)."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")
