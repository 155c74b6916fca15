"""Escaped HTML for the data tables: every value from YAML is text, never markup.

Tables are emitted as raw HTML blocks, which Python-Markdown passes through untouched, so a `|`,
`*` or `<script>` in a data value shows up literally instead of breaking the table or the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from macros._data import Evidence


@dataclass(frozen=True)
class Markup:
    """A fragment already escaped by this module; anything else passed to a cell is text."""

    html: str

    def __str__(self) -> str:
        return self.html


Cell = str | int | Markup
BR = Markup("<br>")


def text(value: object) -> Markup:
    return Markup(escape(str(value), quote=True))


# Characters that mean something to Markdown or its extensions (emphasis, links, tables, attribute
# lists, :emoji:, ==mark==, ~~, ^^; a link needs its brackets). Written as numeric character references, they display as themselves
# wherever Python-Markdown processes the text around them: inside a table cell, a link or a heading.
_MARKDOWN_SPECIALS = {char: f"&#{ord(char)};" for char in "\\`*_{}[]#|:=~^"}


def inline(value: object) -> Markup:
    """Text that stays text where Markdown still runs: inline in a sentence, a heading or a link label."""
    # One pass over the text: escaping first and then replacing `#` would break the `&#x27;` it made.
    return Markup("".join(_MARKDOWN_SPECIALS.get(char) or escape(char, quote=True) for char in str(value)))


def join(*parts: Cell, sep: str = "") -> Markup:
    return Markup(sep.join(_cell_html(part) for part in parts))


def tag(name: str, content: Cell, **attrs: str) -> Markup:
    attributes = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{escape(value, quote=True)}"'
        for key, value in attrs.items()
    )
    return Markup(f"<{name}{attributes}>{_cell_html(content)}</{name}>")


def link(href: str, content: Cell) -> Markup:
    return tag("a", content, href=href)


def table(
    headers: Sequence[Cell],
    rows: Iterable[Sequence[Cell]],
    *,
    caption: Cell | None = None,
    css_class: str = "data-table",
    row_headers: bool = True,
) -> str:
    """A complete <table> in a styling <div>; the first cell of each row is a row header.

    The table itself has no class: Material styles (and makes scrollable) only class-less tables.
    Cells are separated by newlines: the search index reads the HTML as text, and without white
    space between `</td><td>` the last word of one cell and the first of the next become one word.
    """
    lines = [f'<div class="{escape(css_class, quote=True)}">', "<table>"]
    if caption is not None:
        lines.append(f"<caption>{_cell_html(caption)}</caption>")
    lines.append("<thead><tr>")
    lines.extend(f'<th scope="col">{_cell_html(h)}</th>' for h in headers)
    lines.append("</tr></thead><tbody>")
    for row in rows:
        cells = []
        for index, cell in enumerate(row):
            if index == 0 and row_headers:
                cells.append(f'<th scope="row">{_cell_html(cell)}</th>')
            else:
                cells.append(f"<td>{_cell_html(cell)}</td>")
        lines.extend(["<tr>", *cells, "</tr>"])
    lines.append("</tbody></table>")
    lines.append("</div>")
    return "\n".join(lines)


CONFIDENCE_MARKERS = {"secondary": "secondary source", "unconfirmed": "unconfirmed"}


def with_confidence(value: Cell, ev: Evidence) -> Markup:
    """`value`, followed by "(secondary source)" or "(unconfirmed)" when no AWS page states it:
    a reader must see that on the page, not only in a tooltip or the source column."""
    if ev.confidence == "official":
        return join(value)
    return join(value, " ", tag("em", f"({CONFIDENCE_MARKERS[ev.confidence]})", class_=ev.confidence))


def evidence(ev: Evidence, *, label: str = "source") -> Markup:
    """'source, verified 2026-11-22' as a link, or the note with its confidence when no URL exists."""
    if ev.source is not None:
        core = link(str(ev.source), label)
        if ev.source_note:
            core = join(core, text(f" ({ev.source_note})"))
    else:
        core = text(f"{ev.source_note}")
    parts: list[Cell] = [core, text(f", verified {ev.verified.isoformat()}")]
    if ev.confidence != "official":
        parts.append(text(f" ({ev.confidence})"))
    for number, url in enumerate(ev.see_also, start=2):
        parts += [text(", "), link(str(url), f"{label} {number}")]
    return join(*parts)


def data_footer(file: str, edit_url: str, *extra: Cell) -> str:
    """The line under a table that names the data file and links to where it is edited."""
    parts: list[Cell] = [text("Data: "), link(edit_url, tag("code", file))]
    for item in extra:
        parts += [text(" · "), item]
    return f'<p class="data-footer">{join(*parts)}</p>'


def _cell_html(value: Cell) -> str:
    if isinstance(value, Markup):
        return value.html
    return escape(str(value), quote=True)
