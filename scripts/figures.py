"""Find AWS figures typed into page prose: prices, percentages, sizes, durations, limits and dates
that do not come from `fact()`, a data table or a computation.

A figure in a sentence must be as dated and sourced as one in a table, so it comes from data/
(`{{ fact("id") }}` renders it inside `<span class="fact">`). What is left out of the check:
code, data tables, lifecycle notices, page footers and anything else a macro renders from data
(the class `from-data`), and anything
inside an element with the class `worked` (worked arithmetic the reader can redo, marked on the
page with `{ .worked }`). ALLOWED below lists the few figures that are not AWS facts, each with
the reason.

`python scripts/figures.py SITE_DIR` prints one line per stray figure (page, figure, the words
around it) and exits 1 if there is any; the test suite runs the same check on the real build.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

# Rendered from data or not prose: never checked.
SKIP = (
    "pre, code, script, style, svg, .fact, .data-table, .lifecycle-notice, .data-footer, .page-trust, "
    ".md-source-file, .md-tags, .headerlink, .from-data, .worked, "
    # Practice questions: each names the data its answer rests on (depends_on), and the bank fails
    # to load when that data was checked after the question was reviewed.
    ".practice"
)

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
UNITS = (
    r"KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|bytes?|ms|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|"
    r"months?|years?|vCPUs?|IOPS|Gbps|Mbps|requests|nines|Availability Zones?|AZs?|Regions?|"
    r"edge locations|Local Zones|replicas|instances|accounts|users|subnets|VPCs|addresses"
)
FIGURE = re.compile(
    rf"""
      \$\s?\d[\d,.]*(?:\s?(?:K|M|million|billion))?             # a price or spend: $0.005, $50K
    | \b\d[\d,.]*\s?(?:%|percent\b)                               # a percentage
    | \b\d[\d,.]*(?:\s|-)?(?:{UNITS})\b                           # a size, a duration, a limit
    | \b(?:19|20)\d\d-\d\d(?:-\d\d)?\b                            # an ISO date or month
    | \b(?:{MONTHS})\s+(?:\d{{1,2}},\s+)?(?:19|20)\d\d\b           # a written date: December 2025
    """,
    re.VERBOSE,
)

# Figures that are not AWS facts and cannot be marked `.worked` on their page. Each: (page URL or
# "*" for every page, the exact figure, why). None is needed today; keep it that way if you can.
ALLOWED: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Stray:
    page: str
    figure: str
    context: str

    def __str__(self) -> str:
        return (
            f"{self.page}: figure {self.figure!r} typed in prose (…{self.context}…): "
            'move it into data/facts/ and use {{ fact("id") }}, or mark worked arithmetic with { .worked }'
        )


def stray_figures(html: str, page: str) -> list[Stray]:
    """The figures in the article's prose of one built page that no data or computation produced."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article")
    if article is None:
        return []
    for node in article.select(SKIP):
        node.decompose()
    text = " ".join(article.get_text(" ").split())
    allowed = {figure for where, figure, _ in ALLOWED if where in ("*", page)}
    found = []
    for match in FIGURE.finditer(text):
        figure = match.group(0).strip().rstrip(".,")  # the end of a sentence is not part of the figure
        if figure in allowed:
            continue
        start, end = max(0, match.start() - 40), min(len(text), match.end() + 40)
        found.append(Stray(page, figure, text[start:end]))
    return found


def scan_site(site: Path) -> list[Stray]:
    """Every stray figure on every built page of `site`."""
    found: list[Stray] = []
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix()
        url = "" if url == "." else url + "/"
        found += stray_figures(path.read_text(encoding="utf-8"), url)
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python scripts/figures.py SITE_DIR", file=sys.stderr)
        return 2
    found = scan_site(Path(argv[0]))
    for stray in found:
        print(stray)
    print(f"{len(found)} stray figures")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
