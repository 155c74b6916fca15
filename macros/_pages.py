"""Check a page's macro calls before rendering, so a typo fails with the file and the name."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from jinja2 import Environment, TemplateSyntaxError, meta

from macros._errors import PageError


def check_names(source: str, page_path: str, jinja: Environment, known: Iterable[str]) -> None:
    """Raise PageError naming `page_path` if the page uses an unknown macro or variable."""
    try:
        tree = jinja.parse(source)
    except TemplateSyntaxError as error:
        raise PageError(f"{page_path}: line {error.lineno}: macro syntax error: {error.message}") from None
    known = set(known)
    unknown = sorted(meta.find_undeclared_variables(tree) - known)
    if unknown:
        name = unknown[0]
        close = difflib.get_close_matches(name, sorted(known), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise PageError(f"{page_path}: unknown macro or variable {name!r}{hint}")
