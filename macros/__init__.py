"""Register the site's macros: each renders one table (or figure) from a validated file in data/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros import _pages as checks
from macros import (
    cheatsheet,
    cidr,
    comparisons,
    exam_guide,
    facts,
    lifecycle,
    questions,
    sections,
    services,
    snow_family,
    support_plans,
    tag_listings,
)
from macros._errors import DataError, PageError, as_build_error
from macros.project import ProjectData, SiteSettings, load_project

INCLUDES = "includes"  # every file here is appended to every page (abbreviations: the expansions)


def define_env(env: Any) -> None:
    """Load and validate every data file first, then register the macros that render them."""
    root = Path(env.project_dir)
    edit = _edit_url_maker(env.conf)
    try:
        data = load_project(root)
        _check_includes(root, env.conf)
    except (DataError, PageError) as error:
        raise as_build_error(error) from None
    cidr_data, snow, plans, changes = data.cidr, data.snow, data.plans, data.changes
    tables, known_facts = data.tables, data.facts
    env.variables["site_settings"] = data.site
    env.variables["lifecycle_data"] = data.changes
    env.variables["macro_rules"] = _macro_rules(data)

    # The site must be the same whatever day it is built: no macro may read the clock.
    env.macros.pop("now", None)

    env.macro(lambda: cidr.render(cidr_data, edit(cidr.FILE)), "cidr_table")
    env.macro(lambda: snow_family.render(snow, edit(snow_family.FILE)), "snow_family_table")
    env.macro(lambda: support_plans.render_features(plans, edit(support_plans.FILE)), "support_plans_table")
    env.macro(
        lambda: support_plans.render_response_times(plans, edit(support_plans.FILE)),
        "support_response_times_table",
    )
    env.macro(lambda: support_plans.render_prices(plans, edit(support_plans.FILE)), "support_prices_table")
    env.macro(lambda plan, spend: support_plans.fee_text(plans, plan, spend), "support_fee")
    env.macro(lambda name: comparisons.render(tables, name, edit(f"{comparisons.FOLDER}/{name}.yml")), "comparison_table")
    env.macro(lambda fact_id: facts.render(known_facts, fact_id, env.page.meta), "fact")
    env.macro(lambda entry: lifecycle.notice(changes, entry, env.page.file.src_uri), "notice")
    env.macro(lambda: lifecycle.render_entries(changes, edit(lifecycle.FILE)), "lifecycle_entries")
    docs = Path(str(env.conf.get("docs_dir") or root / "docs"))
    env.macro(lambda: lifecycle.render_summary(changes, lifecycle.read_pages(docs), edit(lifecycle.FILE)), "lifecycle_summary")
    env.macro(lambda: sections.render(docs, env.page.file.src_uri, changes), "section_pages")
    env.macro(lambda: _page_macro(sections.render_groups, docs, env.page.file.src_uri, changes), "section_groups")
    domain_tags = list(data.site.exam_domains)
    env.macro(lambda: tag_listings.render_domains(domain_tags), "domain_tag_listings")
    env.macro(lambda: tag_listings.render_others(docs, domain_tags), "topic_tag_listings")
    page_uri = lambda: env.page.file.src_uri  # noqa: E731
    for name, macro in exam_guide.macros(data.guide, edit(exam_guide.FILE), page_uri).items():
        env.macro(macro, name)
    env.variables["macro_rules"].update(exam_guide.macro_rules(data.guide))
    bank = data.questions
    domains = [(d.id, d.tag, d.weight) for d in data.guide.domains]
    dir_urls = lambda: _directory_urls(env.conf)  # noqa: E731
    env.macro(lambda: questions.render_page(bank, env.page.file.src_uri, env.page.url, dir_urls()), "practice_questions")
    size = data.guide.exam.scored_questions.value + data.guide.exam.unscored_questions.value
    env.macro(lambda: questions.render_exam(env.page.url, domains, size, dir_urls()), "practice_exam")
    env.variables["question_bank"] = bank
    index = services.entries(data.guide, data.services, changes)
    env.macro(lambda: services.render(index, changes, env.page.file.src_uri), "service_index")
    # A table the sheet links to may be missing because a page's own macro call is broken: that
    # page's error is the one to read, so the sheet's own problem is reported after every page.
    sheet: cheatsheet.Sheet | None = None
    try:
        sheet = cheatsheet.prepare(data, docs)
    except PageError as error:
        env.variables["cheat_sheet_error"] = error
    env.macro(lambda: cheatsheet.render(sheet, env.page.file.src_uri, edit) if sheet else "", "cheat_sheet")
    env.variables["macro_rules"]["cheat_sheet"] = checks.no_arguments


def on_post_build(env: Any) -> None:
    """The cheat sheet's problem, if the pages themselves had none (see define_env); then the
    practice exams' question bank, written beside the practice page."""
    error = env.variables.get("cheat_sheet_error")
    if error is not None:
        raise as_build_error(error)
    questions.write_bank(env.variables["question_bank"], Path(env.conf["site_dir"]), _directory_urls(env.conf))


def _directory_urls(conf: Any) -> bool:
    """The site's URL style, read from the configuration when it is used (a page renders, the build
    ends), not when the macros load: the offline build turns directory URLs off in its own file."""
    return bool(conf.get("use_directory_urls", True))


def on_pre_page_macros(env: Any) -> None:
    """Check every page before rendering: its front matter, its markup, and (if it opts in) its macro
    calls against the data. Fails with the page's path (and line) instead of a Jinja traceback, a page
    with no description, or a page that ships raw braces or a script."""
    page = env.page
    path = f"docs/{page.file.src_uri}"
    settings: SiteSettings = env.variables["site_settings"]
    source = page.file.content_string
    try:
        checks.check_invisible(source, path)
        indexes_others = page.file.src_uri in settings.untagged_pages
        topic_page = not indexes_others and not page.file.src_uri.endswith("index.md")
        checks.check_front_matter(
            page.meta, path, settings.exam_domains, needs_domain=not indexes_others, needs_sources=topic_page,
            as_of=settings.as_of,
        )
        checks.check_render_flag(page.meta, path)
        checks.check_markup(source, path)
        if page.meta.get("render_macros") is True:
            known = {*env.variables, *env.macros, *env.env.globals, *page.meta}
            first_line = lambda: _body_first_line(page, env.markdown)  # noqa: E731
            tree = checks.check_names(env.markdown, path, env.env, known, first_line=first_line)
            checks.check_calls(tree, path, env.variables["macro_rules"], first_line)
        else:
            checks.check_unrendered(source, path)
        asked = env.variables["question_bank"].on_page(page.file.src_uri)
        if asked and "practice_questions()" not in source:
            raise PageError(
                f"{path}: {len(asked)} practice question(s) in {questions.FOLDER}/ link to this page (such as "
                f"{asked[0].id!r}): add {{{{ practice_questions() }}}} after its Check yourself section (with render_macros: true)"
            )
    except PageError as error:
        raise as_build_error(error) from None


def on_post_page_macros(env: Any) -> None:
    """A page that names a retired or changed service (by any of its names) must show its notice."""
    page = env.page
    try:
        checks.check_heading_ids(env.markdown, f"docs/{page.file.src_uri}", page.file.content_string)
    except PageError as error:
        raise as_build_error(error) from None
    if page.file.src_uri == lifecycle.CHANGES_PAGE:
        return
    changes: lifecycle.Lifecycle = env.variables["lifecycle_data"]
    missing = lifecycle.unflagged_in_markdown(changes, env.markdown)
    if missing:
        entry, term = missing[0]
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        message = (
            f"docs/{page.file.src_uri}: names {term!r} ({lifecycle.FILE} entry {entry.id!r}) without its notice{more}: "
            f'add {{{{ notice("{entry.id}") }}}} where the page first discusses it (with render_macros: true), '
            f"or add the term to the entry's `not_this` if it means something else here"
        )
        raise as_build_error(PageError(message))


def _macro_rules(data: ProjectData) -> dict[str, checks.Rule]:
    """What each data macro accepts, so a wrong id or argument fails before rendering, with its line."""
    rules: dict[str, checks.Rule] = dict.fromkeys(
        ["cidr_table", "snow_family_table", "support_plans_table", "support_response_times_table",
         "support_prices_table", "lifecycle_entries", "lifecycle_summary", "section_pages", "section_groups", "domain_tag_listings", "topic_tag_listings", "practice_questions", "practice_exam", "service_index"],
        checks.no_arguments,
    )
    rules["fact"] = checks.id_rule(data.facts, "fact", f"{facts.FOLDER}/")
    rules["notice"] = checks.id_rule([e.id for e in data.changes.entries], "lifecycle entry", lifecycle.FILE)
    rules["comparison_table"] = checks.id_rule(data.tables, "comparison table", f"{comparisons.FOLDER}/ (file names)")
    priced = [plan.id for plan in data.plans.plans if plan.pricing is not None]
    plan_rule = checks.id_rule(priced, "priced support plan", support_plans.FILE)

    def fee_rule(args: list[object]) -> str | None:
        if len(args) != 2:
            return 'takes two arguments: a plan id in quotes and a monthly spend in dollars, such as support_fee("business", 50000)'
        spend = args[1]
        if isinstance(spend, bool) or not isinstance(spend, int | float) or spend < 0:
            return f"the monthly spend must be a number of dollars without quotes or commas, such as 50000, not {spend!r}"
        return plan_rule(args[:1])

    rules["support_fee"] = fee_rule
    return rules


def _page_macro(render: Any, *args: Any) -> str:
    """Run a macro whose page is wrong for it (a PageError) as a one-line build error."""
    try:
        return render(*args)
    except PageError as error:
        raise as_build_error(error) from None


def _check_includes(root: Path, conf: Any) -> None:
    """Every file in includes/ (the abbreviations behind every expansion) must be appended to every page:
    without it the site builds, and silently loses them all."""
    appended = (conf.get("mdx_configs") or {}).get("pymdownx.snippets", {}).get("auto_append", [])
    for path in sorted((root / INCLUDES).glob("*.md")):
        name = f"{INCLUDES}/{path.name}"
        if name not in appended:
            raise PageError(
                f"mkdocs.yml: markdown_extensions, pymdownx.snippets, auto_append: must list {name} "
                "(it is appended to every page; without it the site loses what it defines)"
            )


def _body_first_line(page: Any, body: str) -> int:
    """The line of the source file on which the page body (what follows the front matter) starts."""
    source = page.file.content_string
    if not source.endswith(body):
        return 1
    return source[: len(source) - len(body)].count("\n") + 1


def _edit_url_maker(conf: Any):
    """Edit links for data files, built from repo_url and edit_uri (which points into docs/)."""
    repo = str(conf.get("repo_url") or "").rstrip("/")
    edit_uri = str(conf.get("edit_uri") or "edit/main/docs/")
    docs_dir = Path(str(conf.get("docs_dir") or "docs")).name
    branch_path = edit_uri.strip("/").removesuffix(docs_dir).strip("/")
    return lambda file: f"{repo}/{branch_path}/{file}"
