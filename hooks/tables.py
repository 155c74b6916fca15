"""Tables arrive wrapped: Material's script no longer moves every table after the first paint.

Material wraps each class-less table in its scroll wrapper (div.md-typeset__scrollwrap >
div.md-typeset__table) when its script starts. Taking a table out of the page and putting it back
costs a restyle of the table and a relayout of the whole page, after the first paint, on every page
with a table: about 12 ms on a fast machine, four times that on Lighthouse's phone, counted as
blocking time. Here every class-less <table> is written inside the same wrapper at build time, with
the class "prewrapped", so Material's script leaves it alone (it only wraps `table:not([class])`).
Material styles only class-less tables, so docs/stylesheets/extra.css gives `.prewrapped` the same
rules ("Tables that arrive wrapped").

It is a Python-Markdown extension (a postprocessor, after raw HTML such as the macros' tables is put
back), so another engine that reads mkdocs.yml can load it as a Markdown extension; MkDocs loads
this file as a hook, and the hook registers the extension.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

CLASS = "prewrapped"
OPEN = f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="{CLASS}">'
CLOSE = "</table></div></div>"
# An opening tag with or without attributes, or a closing tag. Code blocks hold "&lt;table&gt;",
# never "<table", so only real tables match.
TAG = re.compile(r"<table(?=[\s>])[^>]*>|</table>")


def prewrap(html: str) -> str:
    """Wrap each attribute-less <table> of `html` as Material would; leave the others alone."""
    out: list[str] = []
    wrapped: list[bool] = []  # for each open table, whether its </table> closes a wrapper
    last = 0
    for match in TAG.finditer(html):
        tag = match.group(0)
        out.append(html[last:match.start()])
        if tag == "</table>":
            out.append(CLOSE if wrapped and wrapped.pop() else tag)
        elif tag == "<table>":
            wrapped.append(True)
            out.append(OPEN)
        else:
            wrapped.append(False)
            out.append(tag)
        last = match.end()
    out.append(html[last:])
    return "".join(out)


class PrewrapPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return prewrap(text)


class PrewrapTablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Below RawHtmlPostprocessor (30): raw HTML tables, from the macros, are back in the text.
        md.postprocessors.register(PrewrapPostprocessor(md), "prewrap_tables", 5)


def makeExtension(**kwargs: Any) -> PrewrapTablesExtension:
    return PrewrapTablesExtension(**kwargs)


def on_config(config: Any, **_: Any) -> Any:
    config.markdown_extensions.append(PrewrapTablesExtension())
    return config
