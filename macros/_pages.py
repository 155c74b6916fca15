"""Check a page's macro calls before rendering, so a typo fails with the file and the name."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable

from jinja2 import Environment, TemplateSyntaxError, meta, nodes

from macros._errors import PageError


def check_names(
    source: str,
    page_path: str,
    jinja: Environment,
    known: Iterable[str],
    *,
    first_line: Callable[[], int] = lambda: 1,
) -> nodes.Template:
    """Raise PageError naming `page_path` if the page uses an unknown macro or variable; return the
    parsed page for further checks.

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
    return tree


_PLAIN_TAG = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.&'+/()-]*")


def check_front_matter(
    meta: dict,
    page_path: str,
    domains: list[str],
    *,
    needs_domain: bool = True,
    needs_sources: bool = False,
    as_of: dt.date | None = None,
) -> None:
    """Every page needs a description and (unless it indexes others) an exam-domain tag; topic pages
    also say when they were reviewed and list their sources."""
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        raise PageError(f"{page_path}: front matter needs a `description` (one sentence for search and previews)")
    tags = meta.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise PageError(f"{page_path}: front matter `tags` must be a list, one tag per line starting with `  - `")
    for tag in tags:
        if not _PLAIN_TAG.fullmatch(tag):
            raise PageError(f"{page_path}: front matter tag {tag!r}: a tag is plain words (letters, digits, spaces and , . - & ' + / ( ))")
    if needs_domain and not any(tag in domains for tag in tags):
        raise PageError(f"{page_path}: front matter `tags` needs an exam domain, one of: {', '.join(domains)}")
    reviewed = meta.get("reviewed")
    if reviewed is not None and not isinstance(reviewed, dt.date):
        raise PageError(f"{page_path}: front matter `reviewed` must be a date written as YYYY-MM-DD")
    if reviewed is not None and as_of is not None and reviewed > as_of:
        raise PageError(
            f"{page_path}: front matter `reviewed` {reviewed.isoformat()} is later than `as_of` "
            f"{as_of.isoformat()} in data/site.yml: a review cannot be dated in the future (if you reviewed it "
            "today, set `as_of` to today as well)"
        )
    sources = meta.get("sources")
    if sources is not None and (
        not isinstance(sources, list)
        or not all(isinstance(s, dict) and set(s) == {"title", "url"} and str(s["url"]).startswith("https://")
                   for s in sources)
    ):
        raise PageError(f"{page_path}: front matter `sources` must be a list of {{title, url}} with https URLs")
    if needs_sources and (reviewed is None or not sources):
        raise PageError(f"{page_path}: a topic page needs `reviewed` (a date) and at least one entry in `sources`")


# --- Checks on the page source (front matter included, so line numbers are the editor's) --------

_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2[`~]*[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)


def without_code(source: str) -> str:
    """`source` with fenced code blocks and code spans blanked out (newlines kept, so lines still count):
    what a page shows as code may contain anything."""
    blank = lambda match: re.sub(r"[^\n]", " ", match.group())  # noqa: E731
    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, source))


def line_of(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def check_render_flag(meta: dict, page_path: str) -> None:
    """`render_macros: "true"` (quoted) or `yes` would leave the page's macros unrendered."""
    if "render_macros" in meta and not isinstance(meta["render_macros"], bool):
        raise PageError(
            f"{page_path}: front matter `render_macros` is {meta['render_macros']!r}: write true or false, unquoted"
        )


def check_unrendered(source: str, page_path: str) -> None:
    """A page without `render_macros: true` would ship `{{ ... }}` as raw braces."""
    match = re.search(r"\{\{|\{%", without_code(source))
    if match:
        raise PageError(
            f"{page_path}: line {line_of(source, match.start())}: `{match.group()}` on a page without "
            "`render_macros: true`: add that to the front matter to run the macro, or put the braces in "
            "`code` to show them as text"
        )


_SCRIPT = re.compile(r"<\s*(script|iframe|object|embed)\b", re.I)
_HANDLER = re.compile(r"<[a-z][^>]*\s(on[a-z]+)\s*=", re.I)
_REMOTE = re.compile(r"<[a-z][^>]*\s(?:src|srcset|data|poster)\s*=\s*[\"']?\s*((?:https?:)?//[^\s\"'>]+)", re.I)


def check_markup(source: str, page_path: str) -> None:
    """No scripts, no event-handler attributes, nothing loaded from another host: a page is content,
    and the site makes no request to a third party."""
    text = without_code(source)
    for pattern, problem in (
        (_SCRIPT, "a <{0}> element: pages hold content, not code; show code in a code block"),
        (_HANDLER, "an event-handler attribute ({0}=): pages run no scripts"),
        (_REMOTE, "{0} loads from another host: the site makes no third-party requests; save the file under docs/ and link it relatively"),
    ):
        match = pattern.search(text)
        if match:
            found = match.group(1)
            raise PageError(f"{page_path}: line {line_of(source, match.start())}: {problem.format(found)}")


def check_invisible(source: str, page_path: str) -> None:
    from macros._data import INVISIBLE, invisible_problem

    match = INVISIBLE.search(source)
    if match:
        raise PageError(f"{page_path}: line {line_of(source, match.start())}: {invisible_problem(match.group())}")


_HEADING_ID = re.compile(r"^#{1,6}\s.*?\{[^}]*?#([\w-]+)[^}]*\}\s*$", re.M)


def check_heading_ids(markdown: str, page_path: str, source: str) -> None:
    """Two headings with the same explicit id: links to the second would land on the first."""
    seen: set[str] = set()
    for match in _HEADING_ID.finditer(without_code(markdown)):
        anchor = match.group(1)
        if anchor in seen:
            where = source.find(f"#{anchor}", source.find(f"#{anchor}") + 1)
            line = f" line {line_of(source, where)}:" if where >= 0 else ""
            raise PageError(f"{page_path}:{line} heading id #{anchor} is used twice on the page: give each heading its own id")
        seen.add(anchor)


# --- Macro calls, checked against the data before anything renders ---------------------------------

Rule = Callable[[list[object]], "str | None"]


def check_calls(tree: nodes.Template, page_path: str, rules: dict[str, Rule], first_line: Callable[[], int]) -> None:
    """Each call of a data macro names something that exists, with literal arguments of the right type:
    `fact("lambda-max-timout")` fails here with its line, not as a traceback while rendering."""
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name) or call.node.name not in rules:
            continue
        name = call.node.name
        where = f"{page_path}: line {call.lineno + first_line() - 1}: {name}()"
        if call.kwargs or call.dyn_args or call.dyn_kwargs or not all(isinstance(a, nodes.Const) for a in call.args):
            raise PageError(f"{where}: write its arguments as plain values, such as {name}(\"id\")")
        problem = rules[name]([arg.value for arg in call.args])
        if problem:
            raise PageError(f"{where}: {problem}")


def id_rule(known: Iterable[str], what: str, where: str = "") -> Rule:
    """One argument: an id that exists (with the closest one as a hint, and where the ids live)."""
    ids = sorted(known)

    def rule(args: list[object]) -> str | None:
        if len(args) != 1 or not isinstance(args[0], str):
            return f"takes one argument: the id of a {what}, in quotes"
        if args[0] not in ids:
            close = difflib.get_close_matches(args[0], ids, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            return f"unknown {what} {args[0]!r}{hint}" + (f"; the ids are in {where}" if where else "")
        return None

    return rule


def no_arguments(args: list[object]) -> str | None:
    return "takes no arguments" if args else None
