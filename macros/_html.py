"""Escaped HTML for the data tables: every value from YAML is text, never markup.

Tables are emitted as raw HTML blocks, which Python-Markdown passes through untouched, so a `|`,
`*` or `<script>` in a data value shows up literally instead of breaking the table or the page.
Under each table, one line names its sources and the day they were checked (see `data_footer`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape, unescape
from urllib.parse import urlsplit

from macros._data import Evidence


@dataclass(frozen=True)
class Markup:
    """A fragment already escaped by this module; anything else passed to a cell is text."""

    html: str

    def __str__(self) -> str:
        return self.html


Cell = str | int | Markup
BR = Markup("<br>")

# An ISO date (2024-11-12, or 2027-09 when only the month is known) or a dollar amount ($1,234.50):
# browsers may break a line at the hyphen ("2024-11-" / "12"), so each is kept on one line.
_UNBREAKABLE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b|\$\d[\d,]*(?:\.\d+)?")


def text(value: object) -> Markup:
    return Markup(_keep_together(escape(str(value), quote=True)))


# Characters that mean something to Markdown or its extensions (emphasis, links, tables, attribute
# lists, :emoji:, ==mark==, ~~, ^^; a link needs its brackets). Written as numeric character references, they display as themselves
# wherever Python-Markdown processes the text around them: inside a table cell, a link or a heading.
_MARKDOWN_SPECIALS = {char: f"&#{ord(char)};" for char in "\\`*_{}[]#|:=~^"}


def inline(value: object) -> Markup:
    """Text that stays text where Markdown still runs: inline in a sentence, a heading or a link label."""
    # One pass over the text: escaping first and then replacing `#` would break the `&#x27;` it made.
    escaped = "".join(_MARKDOWN_SPECIALS.get(char) or escape(char, quote=True) for char in str(value))
    return Markup(_keep_together(escaped))


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
    label: str | None = None,
) -> str:
    """A complete <table> in a styling <div>; the first cell of each row is a row header.

    The table itself has no class, like a Markdown table: the build then writes every class-less
    table inside Material's scroll wrapper, with its table styles (hooks/tables.py).
    On a narrow screen the <div> scrolls sideways with the first column held in place (see the
    "Data tables on phones" block in docs/stylesheets/extra.css). It is focusable, so a keyboard can
    scroll it too, and a named region when it has a `label` or a caption (the default name): the
    name must differ from the other tables' on the page.
    Cells are separated by newlines: the search index reads the HTML as text, and without white
    space between `</td><td>` the last word of one cell and the first of the next become one word.
    """
    name = label or (_plain(caption) if caption is not None else None)
    region = f' role="region" aria-label="{escape(name, quote=True)}"' if name else ""
    lines = [f'<div class="{escape(css_class, quote=True)}"{region} tabindex="0">', "<table>"]
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
    a reader must see that on the page, next to the value, not only in a tooltip or a footnote."""
    if ev.confidence == "official":
        return join(value)
    return join(value, " ", confidence_marker(ev))


def confidence_marker(ev: Evidence) -> Markup:
    """"(secondary source)" or "(unconfirmed)"; nothing for an official source."""
    if ev.confidence == "official":
        return Markup("")
    return tag("em", f"({CONFIDENCE_MARKERS[ev.confidence]})", class_=ev.confidence)


def evidence(ev: Evidence, *, label: str = "source") -> Markup:
    """'source, verified 2026-11-22' as a link (further pages as 'source 2', ...), with the confidence
    marker when no AWS page states it. The `source_note` is a note for reviewers: it stays in data/."""
    parts: list[Cell] = [link(str(ev.source), label) if ev.source is not None else NO_LINK]
    for number, url in enumerate(ev.see_also, start=2):
        parts += [", ", link(str(url), f"{label} {number}")]
    parts.append(f", verified {ev.verified.isoformat()}")
    if ev.confidence != "official":
        parts += [" ", confidence_marker(ev)]
    return join(*parts)


NO_LINK = "no page to link"  # what a source with only a research note shows instead of a link

# What a table's facts rest on: a label for the row (or plan, or device) and its evidence.
Sourced = tuple[Cell, Evidence]


def data_footer(
    file: str,
    edit_url: str | None,
    *extra: Cell,
    sources: Sequence[Sourced] = (),
    each: str = "Source of each row",
) -> str:
    """The line under a table: notes (`extra`), its sources as numbered links grouped by publisher,
    the day most of them were checked, and the data file's edit link (just its name if `edit_url`
    is None):

        Sources: AWS (1) (2); AWS on GitHub (3) · verified 2026-12-03 · Data: data/x.yml

    Then, one tap away (a <details> titled `each`), which source backs each row, with the row's own
    date only where it differs from the usual one, and its confidence. Research notes
    (`source_note`) are never shown; a row with nothing but a note shows "no page to link".
    """
    numbers = _numbered(sources)
    usual = _usual_date(sources) if sources else ""
    parts: list[Cell] = list(extra)
    if sources:
        line = [text("Sources: "), _by_publisher(numbers) if numbers else text(NO_LINK)]
        if len(sources) == 1 and sources[0][1].confidence != "official":
            line += [" ", confidence_marker(sources[0][1])]
        parts += [join(*line), f"verified {usual}"]
    parts.append(join("Data: ", tag("code", file) if edit_url is None else link(edit_url, tag("code", file))))
    footer = f'<p class="data-footer">{join(*parts, sep=" · ")}</p>'
    if _worth_listing(sources):
        footer += "\n" + _row_sources(sources, numbers, usual, each)
    return footer


def _numbered(sources: Sequence[Sourced]) -> dict[str, int]:
    """Every distinct URL, numbered 1, 2, ... with AWS's own pages first, then publisher by publisher."""
    urls = list(dict.fromkeys(url for _, ev in sources for url in _urls(ev)))
    publishers = list(dict.fromkeys(_publisher(url) for url in urls))
    publishers.sort(key=lambda name: name != "AWS")  # stable: the others keep the order they appear in
    urls.sort(key=lambda url: publishers.index(_publisher(url)))
    return {url: number for number, url in enumerate(urls, start=1)}


def _urls(ev: Evidence) -> list[str]:
    return [str(url) for url in ([ev.source] if ev.source is not None else []) + list(ev.see_also)]


def _publisher(url: str) -> str:
    """Who publishes a page, in a word a reader recognizes: 'AWS', or the site's host name."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    if host == "aws.amazon.com" or host.endswith(".aws.amazon.com"):
        return "AWS"
    if host.endswith(".amazonaws.cn"):
        return "AWS China"
    if host == "repost.aws":
        return "AWS re:Post"
    if host == "github.com" and parts.path.split("/")[1:2] in (["aws"], ["awsdocs"], ["awslabs"]):
        return "AWS on GitHub"
    return host


def _by_publisher(numbers: dict[str, int]) -> Markup:
    groups: dict[str, list[Markup]] = {}
    for url, number in numbers.items():
        groups.setdefault(_publisher(url), []).append(_number_link(url, number))
    return join(*(join(name, " ", join(*links, sep=" ")) for name, links in groups.items()), sep="; ")


def _number_link(url: str, number: int) -> Markup:
    return tag("a", f"({number})", href=url, class_="source-number")


def _usual_date(sources: Sequence[Sourced]) -> str:
    """The date most rows were verified on (the latest of them on a tie)."""
    counts = Counter(ev.verified for _, ev in sources)
    return max(counts, key=lambda day: (counts[day], day)).isoformat()


def _worth_listing(sources: Sequence[Sourced]) -> bool:
    """A list of rows says something the line does not: which source backs which row, a row's own
    date, or a row's confidence. One source, or every row on the same pages, needs no list."""
    if len(sources) < 2:
        return False
    evidence = [ev for _, ev in sources]
    return (
        len({tuple(_urls(ev)) for ev in evidence}) > 1
        or len({ev.verified for ev in evidence}) > 1
        or any(ev.confidence != "official" for ev in evidence)
    )


def _row_sources(sources: Sequence[Sourced], numbers: dict[str, int], usual: str, each: str) -> str:
    items = []
    for label, ev in sources:
        links = [_number_link(url, numbers[url]) for url in sorted(set(_urls(ev)), key=numbers.__getitem__)]
        parts: list[Cell] = [label, ": ", join(*links, sep=" ") if links else NO_LINK]
        if ev.verified.isoformat() != usual:
            parts.append(f"; verified {ev.verified.isoformat()}")
        if ev.confidence != "official":
            parts += [" ", confidence_marker(ev)]
        items.append(f"<li>{join(*parts)}</li>")
    return (
        f'<details class="data-footer data-sources">\n<summary>{text(each)}</summary>\n'
        f'<ul>\n{chr(10).join(items)}\n</ul>\n</details>'
    )


def _plain(value: Cell) -> str:
    """The words of a cell, for an attribute: markup removed, entities read back."""
    if isinstance(value, Markup):
        return unescape(re.sub(r"<[^>]*>", " ", value.html)).strip()
    return str(value)


def _keep_together(escaped: str) -> str:
    return _UNBREAKABLE.sub(lambda match: f'<span class="nowrap">{match.group(0)}</span>', escaped)


def _cell_html(value: Cell) -> str:
    if isinstance(value, Markup):
        return value.html
    return _keep_together(escape(str(value), quote=True))
