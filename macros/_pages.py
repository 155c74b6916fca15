"""Check a page's macro calls before rendering, so a typo fails with the file and the name."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable

from jinja2 import Environment, TemplateSyntaxError, meta

from macros._errors import PageError


def check_names(
    source: str,
    page_path: str,
    jinja: Environment,
    known: Iterable[str],
    *,
    first_line: Callable[[], int] = lambda: 1,
) -> None:
    """Raise PageError naming `page_path` if the page uses an unknown macro or variable.

    `source` is the page body after its front matter; `first_line()` gives the line of the file it
    starts on, so a syntax error is reported at the line a contributor sees in their editor. It is
    called only when there is an error (it may read the file again)."""
    try:
        tree = jinja.parse(source)
    except TemplateSyntaxError as error:
        line = error.lineno + first_line() - 1
        raise PageError(f"{page_path}: line {line}: macro syntax error: {error.message}") from None
    known = set(known)
    unknown = sorted(meta.find_undeclared_variables(tree) - known)
    if unknown:
        name = unknown[0]
        close = difflib.get_close_matches(name, sorted(known), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise PageError(f"{page_path}: unknown macro or variable {name!r}{hint}")


def check_front_matter(
    meta: dict, page_path: str, domains: list[str], *, needs_domain: bool = True, needs_sources: bool = False
) -> None:
    """Every page needs a description and (unless it indexes others) an exam-domain tag; topic pages
    also say when they were reviewed and list their sources."""
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        raise PageError(f"{page_path}: front matter needs a `description` (one sentence for search and previews)")
    tags = meta.get("tags") or []
    if needs_domain and not any(tag in domains for tag in tags):
        raise PageError(f"{page_path}: front matter `tags` needs an exam domain, one of: {', '.join(domains)}")
    reviewed = meta.get("reviewed")
    if reviewed is not None and not isinstance(reviewed, dt.date):
        raise PageError(f"{page_path}: front matter `reviewed` must be a date written as YYYY-MM-DD")
    sources = meta.get("sources")
    if sources is not None and (
        not isinstance(sources, list)
        or not all(isinstance(s, dict) and set(s) == {"title", "url"} and str(s["url"]).startswith("https://")
                   for s in sources)
    ):
        raise PageError(f"{page_path}: front matter `sources` must be a list of {{title, url}} with https URLs")
    if needs_sources and (reviewed is None or not sources):
        raise PageError(f"{page_path}: a topic page needs `reviewed` (a date) and at least one entry in `sources`")
