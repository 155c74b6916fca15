"""The same site on any day: each page's update date is its `reviewed` date, not the build date.

MkDocs dates every page with the day of the build, and gzips sitemap.xml with the newest of those
dates as its timestamp, so two builds of the same commit on different days differ. A page that says
when a person last reviewed it is dated by that; a page without `reviewed` (an index) by none.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

UNDATED = "1970-01-01"  # an index page: no review date of its own, and never newer than one that has


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    reviewed = page.meta.get("reviewed")
    page.update_date = reviewed.isoformat() if isinstance(reviewed, dt.date) else UNDATED
    return markdown
