"""MkDocs hook: explain each abbreviation once per page, where it first appears.

The abbr extension wraps every occurrence of every glossary term in <abbr title="...">, and with
`content.tooltips` Material mounts a tooltip on each one: a long page had over a hundred, and
mounting them was the largest share of its script time on a slow phone (Lighthouse's total
blocking time). Readers need the expansion once, at first use (WCAG technique G102); later
occurrences stay as plain text.
"""

from __future__ import annotations

import re
from typing import Any

ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


def first_occurrences_only(html: str) -> str:
    """Keep the first <abbr> for each abbreviation in `html`; unwrap the later ones."""
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        term = match.group(1)
        if term in seen:
            return term
        seen.add(term)
        return match.group(0)

    return ABBR.sub(keep_first, html)


def on_page_content(html: str, **_: Any) -> str:
    return first_occurrences_only(html)
