"""Facts in prose carry their source to the page; page checks name the file and the problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from jinja2 import Environment

from macros import facts
from macros._errors import DataError, PageError
from macros._pages import check_front_matter, check_names

DOMAINS = ["Cloud Concepts", "Billing, Pricing and Support"]


def write_facts(root: Path, name: str, ids: list[str]) -> None:
    folder = root / "data" / "facts"
    folder.mkdir(parents=True, exist_ok=True)
    body = "facts:\n" + "".join(
        f"  - id: {i}\n    value: 15 minutes\n    title: Quotas\n    verified: 2026-11-22\n"
        f"    source: https://docs.aws.amazon.com/q.html\n    quote: Function timeout 900 seconds (15 minutes)\n"
        for i in ids
    )
    (folder / name).write_text(body, encoding="utf-8")


def test_fact_renders_value_and_adds_its_source_once(tmp_path: Path) -> None:
    write_facts(tmp_path, "a.yml", ["lambda-timeout"])
    known = facts.load_all(tmp_path)
    meta: dict = {}
    html = facts.render(known, "lambda-timeout", meta)
    facts.render(known, "lambda-timeout", meta)
    assert html == '<span class="fact" title="verified 2026-11-22">15 minutes</span>'
    assert meta["sources"] == [{"title": "Quotas", "url": "https://docs.aws.amazon.com/q.html"}]


def test_a_fact_id_used_twice_names_the_second_file(tmp_path: Path) -> None:
    write_facts(tmp_path, "a.yml", ["x"])
    write_facts(tmp_path, "b.yml", ["x"])
    with pytest.raises(DataError, match=r"data/facts/b.yml: entry facts\[0\] \(x\), field id"):
        facts.load_all(tmp_path)


def test_unknown_fact_raises(tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="unknown fact 'nope'"):
        facts.render({}, "nope", {})


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({"tags": ["Cloud Concepts"]}, "docs/p.md: front matter needs a `description`"),
        ({"description": "d", "tags": ["EC2"]}, "docs/p.md: front matter `tags` needs an exam domain"),
        ({"description": "d", "tags": ["Cloud Concepts"], "reviewed": "soon"}, "`reviewed` must be a date"),
        ({"description": "d", "tags": ["Cloud Concepts"], "sources": ["http://x"]}, "`sources` must be a list"),
    ],
)
def test_front_matter_problems_name_the_page(meta: dict, message: str) -> None:
    with pytest.raises(PageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_front_matter(meta, "docs/p.md", DOMAINS)


def test_topic_pages_need_review_date_and_sources() -> None:
    meta = {"description": "d", "tags": ["Cloud Concepts"]}
    check_front_matter(meta, "docs/p.md", DOMAINS)  # an index page: fine
    with pytest.raises(PageError, match="needs `reviewed`"):
        check_front_matter(meta, "docs/p.md", DOMAINS, needs_sources=True)
    check_front_matter(
        {**meta, "reviewed": dt.date(2026, 11, 22), "sources": [{"title": "t", "url": "https://x.org"}]},
        "docs/p.md", DOMAINS, needs_sources=True,
    )


def test_unknown_names_and_syntax_errors_name_the_page() -> None:
    jinja = Environment()
    with pytest.raises(PageError, match="docs/p.md: unknown macro or variable 'fakt' \\(did you mean 'fact'\\?\\)"):
        check_names("{{ fakt('x') }}", "docs/p.md", jinja, {"fact"})
    with pytest.raises(PageError, match="docs/p.md: line 2: macro syntax error"):
        check_names("ok\n{{ fact( }}", "docs/p.md", jinja, {"fact"})
    check_names("{{ fact('x') }} {% raw %}{{ secrets.X }}{% endraw %}", "docs/p.md", jinja, {"fact"})


@pytest.mark.parametrize(("confidence", "marker"), [("secondary", "(secondary source)"), ("unconfirmed", "(unconfirmed)")])
def test_a_fact_no_aws_page_states_says_so_on_the_page(tmp_path: Path, confidence: str, marker: str) -> None:
    folder = tmp_path / "data" / "facts"
    folder.mkdir(parents=True)
    (folder / "a.yml").write_text(
        "facts:\n  - id: plus-minimum\n    value: $129 <b>a month</b>\n    title: Support plans\n"
        f"    verified: 2026-12-03\n    source_note: Two AWS pages disagree\n    confidence: {confidence}\n",
        encoding="utf-8",
    )
    html = facts.render(facts.load_all(tmp_path), "plus-minimum", {})
    assert html == (
        f'<span class="fact fact--{confidence}" title="verified 2026-12-03, {confidence}">'
        f'<span class="nowrap">$129</span> &lt;b&gt;a month&lt;/b&gt; <em class="{confidence}">{marker}</em></span>'
    )
