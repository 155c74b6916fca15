"""MkDocs hook: explain each abbreviation once per page, where it first appears.

The abbr extension wraps every occurrence of every glossary term in <abbr title="...">: a long page
had over a hundred. Readers need the expansion once, at first use (WCAG technique G102); later
occurrences stay as plain text. The expansion is the title (shown on hover); a tap or click shows it
in the text after the term (overrides/main.html), since a phone has no hover. Material's
`content.tooltips` is off: mounting a tooltip on each term was the largest share of a long page's
script time on a slow phone (Lighthouse's total blocking time).
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
