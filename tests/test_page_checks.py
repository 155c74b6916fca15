"""A contributor's single mistake in a page, a macro call or a date fails with one line naming the
file, the line or entry, and what was expected; text from data stays text. Small inputs, no build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment

from macros import _html, _pages, sections
from macros._data import Model, Text, load
from macros._errors import DataError, PageError
from macros.comparisons import Comparison

PAGE = "docs/x.md"


def body(text: str) -> str:
    return "---\ndescription: d\n---\n\n# Title\n\n" + text  # the page starts on line 1, its body on line 7


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<script>alert(1)</script>\n", "docs/x.md: line 7: a <script> element: pages hold content"),
        ('<IFRAME src="a.html"></IFRAME>\n', "docs/x.md: line 7: a <IFRAME> element"),
        ('Text\n<img src="a.png" onerror="alert(1)">\n', "docs/x.md: line 8: an event-handler attribute (onerror=)"),
        ('<img alt="" src="https://evil.example/p.gif">\n', "docs/x.md: line 7: https://evil.example/p.gif loads from another host"),
        ("<video poster='//cdn.example/x.png'></video>\n", "docs/x.md: line 7: //cdn.example/x.png loads from another host"),
    ],
)
def test_pages_carry_no_script_handler_or_third_party_source(text: str, message: str) -> None:
    with pytest.raises(PageError) as error:
        _pages.check_markup(body(text), PAGE)
    assert str(error.value).startswith(message)


@pytest.mark.parametrize(
    "text",
    [
        "```html\n<script src=\"https://x.example/a.js\"></script>\n```\n",  # shown as code
        "Write `<img onerror=...>` to see why not.\n",
        '<img src="../diagram.svg" alt="A diagram">\n',  # our own file
        "[AWS](https://aws.amazon.com/) is a link, not a source of anything loaded.\n",
    ],
)
def test_code_links_and_own_files_are_fine(text: str) -> None:
    _pages.check_markup(body(text), PAGE)


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u200d", "\ufeff"])
def test_invisible_characters_in_a_page_fail_with_their_line(char: str) -> None:
    with pytest.raises(PageError, match=rf"^docs/x.md: line 8: an invisible control character \(U\+{ord(char):04X}\)"):
        _pages.check_invisible(body(f"One\nTw{char}o\n"), PAGE)


def test_invisible_characters_in_data_fail_with_their_line(tmp_path: Path) -> None:
    class Tiny(Model):
        name: Text

    (tmp_path / "t.yml").write_text("name: a\u202eb\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"^t.yml: entry line 1, field -: an invisible control character \(U\+202E\)"):
        load(tmp_path / "t.yml", Tiny, root=tmp_path)


def test_braces_on_a_page_that_does_not_render_macros() -> None:
    with pytest.raises(PageError, match=r"^docs/x.md: line 8: `\{\{` on a page without `render_macros: true`"):
        _pages.check_unrendered(body('Intro\nSee {{ fact("x") }}.\n'), PAGE)
    with pytest.raises(PageError, match="line 7: `{%`"):
        _pages.check_unrendered(body("{% if x %}\n"), PAGE)
    _pages.check_unrendered(body("Code: `${{ secrets.TOKEN }}`\n\n```yaml\nx: ${{ a }}\n```\n"), PAGE)


@pytest.mark.parametrize("value", ["true", "yes", 1, None])
def test_render_macros_must_be_a_real_boolean(value: object) -> None:
    with pytest.raises(PageError, match=r"^docs/x.md: front matter `render_macros` is .*: write true or false, unquoted"):
        _pages.check_render_flag({"render_macros": value}, PAGE)
    _pages.check_render_flag({"render_macros": True}, PAGE)
    _pages.check_render_flag({}, PAGE)


def test_two_headings_with_one_id() -> None:
    source = body("## A { #same }\n\ntext\n\n## B { #same }\n")
    with pytest.raises(PageError, match=r"^docs/x.md: line 11: heading id #same is used twice on the page"):
        _pages.check_heading_ids(source, PAGE, source)
    _pages.check_heading_ids(body("## A { #a }\n\n## B { #b }\n\n```\n## A { #a }\n```\n"), PAGE, source)


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ("Cloud Concepts", "front matter `tags` must be a list, one tag per line"),
        (["Cloud Concepts", 3], "front matter `tags` must be a list"),
        (["Cloud Concepts", "<script>alert(1)</script>"], "front matter tag '<script>alert(1)</script>': a tag is plain words"),
        (["Cloud Concepts", "EC2 \"x\" onmouseover"], "a tag is plain words"),
    ],
)
def test_tags_are_a_list_of_plain_words(tags: object, message: str) -> None:
    with pytest.raises(PageError) as error:
        _pages.check_front_matter({"description": "d", "tags": tags}, PAGE, ["Cloud Concepts"])
    assert str(error.value).startswith("docs/x.md: front matter ") and message in str(error.value)
    _pages.check_front_matter({"description": "d", "tags": ["Cloud Concepts", "S3", "Billing, Pricing and Support"]},
                              PAGE, ["Cloud Concepts"])


def test_a_review_dated_after_as_of_fails() -> None:
    meta = {"description": "d", "tags": ["Cloud Concepts"], "reviewed": dt.date(2027, 1, 2)}
    with pytest.raises(PageError, match=r"^docs/x.md: front matter `reviewed` 2027-01-02 is later than `as_of` 2027-01-01"):
        _pages.check_front_matter(meta, PAGE, ["Cloud Concepts"], as_of=dt.date(2027, 1, 1))
    _pages.check_front_matter(meta, PAGE, ["Cloud Concepts"], as_of=dt.date(2027, 1, 2))


RULES = {
    "fact": _pages.id_rule(["lambda-max-timeout", "s3-max-object"], "fact"),
    "cidr_table": _pages.no_arguments,
}


def calls(text: str) -> None:
    source = body(text)
    tree = Environment().parse(source)
    _pages.check_calls(tree, PAGE, RULES, first_line=lambda: 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('Up to {{ fact("lambda-max-timout") }}.\n', "docs/x.md: line 7: fact(): unknown fact 'lambda-max-timout' (did you mean 'lambda-max-timeout'?)"),
        ("\n{{ fact(42) }}\n", "docs/x.md: line 8: fact(): takes one argument: the id of a fact, in quotes"),
        ('{{ fact("a", "b") }}\n', "fact(): takes one argument"),
        ("{{ fact(name) }}\n", 'fact(): write its arguments as plain values, such as fact("id")'),
        ('{{ fact(id="s3-max-object") }}\n', "fact(): write its arguments as plain values"),
        ("{{ cidr_table(1) }}\n", "docs/x.md: line 7: cidr_table(): takes no arguments"),
    ],
)
def test_a_wrong_macro_call_fails_with_its_line(text: str, message: str) -> None:
    with pytest.raises(PageError) as error:
        calls(text)
    assert message in str(error.value)


def test_right_calls_and_other_names_pass() -> None:
    calls('{{ fact("s3-max-object") }} and {{ cidr_table() }} and {{ "x" | upper }}\n')


def test_support_fee_arguments() -> None:
    from macros import _macro_rules
    from macros.project import load_project
    from sitetools.build import ROOT

    rule = _macro_rules(load_project(ROOT))["support_fee"]
    assert rule(["business", 50000]) is None
    assert "must be a number of dollars without quotes" in rule(["business", "50000"])
    assert "must be a number" in rule(["business", True])
    assert "must be a number" in rule(["business", -1])
    assert "unknown priced support plan 'busines' (did you mean 'business'?)" in rule(["busines", 50000])  # codespell:ignore
    assert "takes two arguments" in rule(["business"])


def test_glossary_include_must_be_appended(tmp_path: Path) -> None:
    from macros import _check_includes

    (tmp_path / "includes").mkdir()
    (tmp_path / "includes/abbreviations.md").write_text("*[AWS]: Amazon Web Services\n")
    conf = {"mdx_configs": {"pymdownx.snippets": {"auto_append": ["includes/abbreviations.md"]}}}
    _check_includes(tmp_path, conf)
    with pytest.raises(PageError, match=r"^mkdocs.yml: markdown_extensions, pymdownx.snippets, auto_append: must list includes/abbreviations.md"):
        _check_includes(tmp_path, {"mdx_configs": {}})


@pytest.mark.parametrize(
    "value",
    ["[x](javascript:alert(1))", "AWS's \"own\" #1", "a | b", "*not bold* _nor this_", "<b>tag</b> & co", ":smile: ==mark== ~~x~~", "{ #id }", "`code`"],
)
def test_inline_text_from_data_is_shown_as_written(value: str) -> None:
    """Inside a sentence, a table row or a heading, Markdown still runs: a value must survive it."""
    rendered = markdown.markdown(f"| Head |\n|---|\n| {_html.inline(value)} |", extensions=["tables", "attr_list"])
    cell = BeautifulSoup(rendered, "html.parser").select("td")
    assert len(cell) == 1 and cell[0].get_text() == value
    assert cell[0].find(["a", "em", "b", "code", "strong"]) is None


def test_a_url_that_is_not_a_url_names_its_row_and_field(tmp_path: Path) -> None:
    (tmp_path / "t.yml").write_text(
        "caption: C\nkind: aws-facts\ncolumns: [A, B]\nrows:\n"
        "  - cells: [Row one, x]\n    verified: 2026-11-22\n    source: docs.aws.amazon.com/x\n    quote: Q.\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as error:
        load(tmp_path / "t.yml", Comparison, root=tmp_path)
    assert str(error.value) == (
        "t.yml: entry rows[0] (Row one), field source: expected a full URL starting with https://, got 'docs.aws.amazon.com/x'"
    )


def test_a_row_with_a_source_and_no_date_names_the_field(tmp_path: Path) -> None:
    (tmp_path / "t.yml").write_text(
        "caption: C\nkind: aws-facts\ncolumns: [A, B]\nrows:\n"
        "  - cells: [Row one, x]\n    source: https://docs.aws.amazon.com/x\n    quote: Q.\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"^t.yml: entry rows\[0\] \(Row one\), field verified: required field is missing$"):
        load(tmp_path / "t.yml", Comparison, root=tmp_path)


def test_a_section_lists_its_pages_in_nav_order_then_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "docs" / "compute"
    folder.mkdir(parents=True)
    (folder / ".nav.yml").write_text("title: Compute\nnav:\n  - index.md\n  - Amazon EC2: ec2.md\n  - lambda.md\n")
    for name, title, description in [("lambda", "AWS Lambda", "Functions."), ("ec2", "EC2 in depth", "Servers *fast*."),
                                     ("batch", "AWS Batch", "Jobs."), ("index", "Compute", "All.")]:
        (folder / f"{name}.md").write_text(f"---\ndescription: {description}\n---\n\n# {title} {{ #top }}\n")
    pages = sections.pages_in(folder)
    assert [(p.file, p.title, p.description) for p in pages] == [
        ("ec2.md", "Amazon EC2", "Servers *fast*."),  # .nav.yml's title wins over the page's heading
        ("lambda.md", "AWS Lambda", "Functions."),
        ("batch.md", "AWS Batch", "Jobs."),  # not in .nav.yml: after the listed ones, by name
    ]
