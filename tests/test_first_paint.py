"""What decides how soon a phone paints the text (overrides/main.html, benchmarks/RESULTS.md).

Nothing runs in <body> before the article: the parser stops at the first script in <body> until the
styles have arrived, and a phone could then paint the header alone and the text a frame later. And
what Material's bundle would change on <html> after the first paint, restyling every element, is
already there: the palette, the "js" marks and the absolute URLs in <head> are set from <head>.
"""

from __future__ import annotations

import re

from sitetools.build import Build

SCRIPT = re.compile(r"<script\b")


def test_no_script_in_body_comes_before_the_article(site_build: Build) -> None:
    early, pages = [], 0
    for path in site_build.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "<article" not in html:
            continue  # a redirect stub
        pages += 1
        body = html[html.index("<body"):]
        first = SCRIPT.search(body)
        if first and first.start() < body.index("<article"):
            early.append(str(path.relative_to(site_build.site)))
    assert pages > 50 and early == []

