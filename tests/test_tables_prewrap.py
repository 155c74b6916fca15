"""Tables arrive in Material's scroll wrapper (hooks/tables.py), so its script never moves them."""

from __future__ import annotations

import re

import markdown

from hooks.tables import CLOSE, OPEN, PrewrapTablesExtension, prewrap
from sitetools.build import Build


def test_a_plain_table_is_wrapped_as_material_would() -> None:
    html = "<p>x</p><table><tr><td>1</td></tr></table><p>y</p>"
    assert prewrap(html) == f"<p>x</p>{OPEN}<tr><td>1</td></tr>{CLOSE}<p>y</p>"


def test_a_table_with_attributes_is_left_to_material() -> None:
    html = '<table class="highlighttable"><tr><td>1</td></tr></table><table id="t"><tr></tr></table>'
    assert prewrap(html) == html


def test_each_closing_tag_closes_its_own_table() -> None:
    # A plain table inside a cell of a classed one, then a plain one: only the plain ones get wrappers.
    html = '<table class="a"><tr><td><table><tr></tr></table></td></tr></table><table></table>'
    assert prewrap(html) == (
        f'<table class="a"><tr><td>{OPEN}<tr></tr>{CLOSE}</td></tr></table>{OPEN}{CLOSE}')


def test_tables_shown_as_code_are_not_touched() -> None:
    html = "<pre><code>&lt;table&gt;&lt;/table&gt;</code></pre><p>a <tablet> b</p>"
    assert prewrap(html) == html


def test_markdown_and_raw_html_tables_are_both_wrapped() -> None:
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n\n<table><tr><td>raw</td></tr></table>\n"
    html = markdown.markdown(text, extensions=["tables", PrewrapTablesExtension()])
    assert html.count(OPEN) == 2 and html.count(CLOSE) == 2
    assert "<table>" not in html


def test_every_built_table_is_wrapped_once(site_build: Build) -> None:
    bare, doubled, total = [], [], 0
    for path in site_build.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        total += html.count("<table")
        name = str(path.relative_to(site_build.site))
        if re.search(r"<table(?:\s[^>]*)?>", html.replace(OPEN, "")):
            bare.append(name)
        if re.search(r'md-typeset__table">\s*<div class="md-typeset__scrollwrap', html):
            doubled.append(name)
    assert total > 50  # the real site's comparison tables, not an empty build
    assert bare == [] and doubled == []
