"""Retired, closing and changed AWS services: a one-line notice where a service is discussed, and
the full entries on the "What changed" page, both from data/lifecycle.yml."""

from __future__ import annotations

import functools
import posixpath
import re
import typing
from typing import Annotated, Literal

from pydantic import Field, model_validator

from macros import _html
from macros._data import (
    STATUS_LABELS,
    Date,
    Evidence,
    Model,
    Month,
    Slug,
    Text,
    check_unique_ids,
    find_by_id,
)

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

    @model_validator(mode="after")
    def _one_date(self) -> Entry:
        if self.date is not None and self.month is not None:
            raise ValueError("give `date` or `month`, not both")
        return self

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
    """One Markdown line (under twelve words) linking to the entry on the What changed page."""
    entry = data.entry(entry_id)
    link = posixpath.relpath(CHANGES_PAGE, posixpath.dirname(page_path) or ".")
    label = f"{entry.service}: {LABELS[entry.change].lower()} ({entry.when})"
    return f"[:material-calendar-alert: {_html.inline(label)}]({link}#{entry.id}){{ .lifecycle-notice }}"


def render_entries(data: Lifecycle, edit_url: str) -> str:
    """The What changed page body: one section per entry, newest first, with its source."""
    ordered = sorted(data.entries, key=lambda e: e.when if e.when[0].isdigit() else "0", reverse=True)
    parts = []
    for entry in ordered:
        parts.append(f"## {_html.inline(entry.service)} {{ #{entry.id} }}\n")
        status = _html.tag("strong", f"{LABELS[entry.change]} ({entry.when})")
        if entry.then is not None:
            status = _html.join(status, _html.text(f"; then {LABELS[entry.then.change].lower()} on {entry.then.date.isoformat()}"))
        parts.append(f'<p class="lifecycle-status from-data">{status}</p>\n')
        parts.append(f'<p class="from-data">{_html.text(entry.summary)}</p>\n')
        parts.append(f'<p class="data-footer">{_html.evidence(entry)}</p>\n')
    parts.append(_html.data_footer(FILE, edit_url))
    return "\n".join(parts)
