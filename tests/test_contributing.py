"""The contributor loop: CI workflows, the job summary, the freshness report, the link check, the page
template, licenses, and what every built page offers (edit links, the not-affiliated footer, the 404)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from macros._pages import check_front_matter
from macros.project import Transition, evidence_rows, load_project
from scripts import ci_summary, freshness, linkcheck
from sitetools.build import ROOT, Build
from sitetools.pages import built_pages as site_pages

WORKFLOWS = ROOT / ".github" / "workflows"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
DOMAINS = load_project(ROOT).site.exam_domains
CONFIG = yaml.safe_load(re.sub(r"!!python/\S+", "", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
REPO = CONFIG["repo_url"].rstrip("/")
NOT_AFFILIATED = "Not affiliated with or endorsed by Amazon Web Services"


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(flow: dict, job: str) -> list[dict]:
    return flow["jobs"][job]["steps"]


# --- GitHub Actions -------------------------------------------------------------------------------


def validate(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", *map(str, files)],
        capture_output=True, text=True, timeout=60, check=False,
    )


def test_workflows_match_the_github_workflow_schema() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["ci.yml", "deploy.yml", "freshness.yml", "release.yml"]
    result = validate(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text((WORKFLOWS / "ci.yml").read_text(encoding="utf-8").replace("runs-on:", "run-on:"))
    assert validate(broken).returncode != 0


def test_actions_are_pinned_to_release_tags() -> None:
    uses = re.findall(r"uses:\s*(\S+)", "".join(p.read_text(encoding="utf-8") for p in WORKFLOWS.glob("*.yml")))
    assert uses
    assert all(re.fullmatch(r"actions/[a-z-]+@v\d+", use) for use in uses), uses


def test_ci_installs_from_the_lock_runs_make_test_and_summarises_failures() -> None:
    flow = workflow("ci.yml")
    assert set(flow[True] if True in flow else flow["on"]) >= {"pull_request", "push"}
    runs = "\n".join(step.get("run", "") for step in steps(flow, "test"))
    assert "make install" in runs and "make test" in runs
    assert "playwright install --with-deps chromium" in runs
    assert 'BROWSER_PATH=$browser" >> "$GITHUB_ENV"' in runs
    assert "scripts/ci_summary.py" in runs and "$GITHUB_STEP_SUMMARY" in runs
    cache = next(step for step in steps(flow, "test") if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".venv"
    assert "hashFiles('requirements.lock')" in cache["with"]["key"]
    python = next(step for step in steps(flow, "test") if step.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"


def test_deploy_publishes_only_the_commit_ci_passed_built_strictly() -> None:
    flow = workflow("deploy.yml")
    on = flow[True] if True in flow else flow["on"]
    assert set(on) == {"workflow_run"}, "deploy only after CI, never on a bare push or by hand"
    assert on["workflow_run"] == {"workflows": ["CI"], "types": ["completed"], "branches": ["main"]}
    assert workflow("ci.yml")["name"] == "CI"
    build = flow["jobs"]["build"]
    assert "github.event.workflow_run.conclusion == 'success'" in build["if"]
    assert steps(flow, "build")[0]["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"
    assert flow["concurrency"]["group"] == "pages"
    build_uses = [step.get("uses", "").split("@")[0] for step in steps(flow, "build")]
    assert "actions/configure-pages" in build_uses and "actions/upload-pages-artifact" in build_uses
    assert any(step.get("run") == "make build" for step in steps(flow, "build"))
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_make_test_runs_lint_first_and_hooks_clone_nothing() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test: lint\b", makefile, re.M)
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in hooks["repos"]] == ["local"]
    assert all(hook["entry"].startswith(".venv/bin/") for hook in hooks["repos"][0]["hooks"])


# --- The CI job summary -----------------------------------------------------------------------------

LOG = """\
FAILED tests/test_site.py::test_strict_build_prints_no_warning - AssertionError
ERROR   -  docs/x.md: unknown macro or variable 'cidr_tabel' (did you mean 'cidr_table'?)
/home/runner/work/notes/notes/docs/storage/s3.md:12:1: MD030: Spaces after list markers
E   AssertionError: ERROR - data/support_plans.yml: entry plans[2] (business), field pricing: bad
INFO    -  Building documentation...
WARNING -  Doc file 'index.md' contains a link 'networking/ip-adressing.md', but the target is not found among documentation files.
FAILED tests/test_site.py::test_strict_build_prints_no_warning - AssertionError
"""


def test_summary_lists_the_files_and_the_lines_that_name_them() -> None:
    text = ci_summary.summary(LOG, root="/home/runner/work/notes/notes")
    files = re.findall(r"^- `([^`]+)`$", text, re.M)
    # Pages and data first, tests last; MkDocs' "Doc file 'index.md'" is a page in docs/.
    assert files == ["docs/x.md", "docs/storage/s3.md", "data/support_plans.yml", "docs/index.md", "tests/test_site.py"]
    assert "docs/storage/s3.md:12:1: MD030" in text  # the workspace prefix is gone, the line stays
    assert "AssertionError: ERROR - data/support_plans.yml" in text  # pytest's "E   " is stripped
    assert "INFO" not in text and "F." not in text


def test_summary_without_file_names_says_where_to_look() -> None:
    assert "No line of the log names a file" in ci_summary.summary("something odd happened\n")


def test_summary_caps_long_logs() -> None:
    log = "".join(f"docs/p{i}.md: front matter needs a `description`\n" for i in range(100))
    text = ci_summary.summary(log)
    assert f"and {100 - ci_summary.MAX_LINES} more lines" in text


# --- Freshness and link check -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "limit"),
    [
        (dt.date(2026, 11, 22), dt.date(2026, 5, 22)),
        (dt.date(2026, 8, 31), dt.date(2026, 2, 28)),  # no 31 February: the last day of the month
        (dt.date(2028, 8, 31), dt.date(2028, 2, 29)),  # leap year
        (dt.date(2026, 3, 15), dt.date(2025, 9, 15)),  # across a new year
        (dt.date(2026, 6, 30), dt.date(2025, 12, 30)),
    ],
)
def test_cutoff_is_six_calendar_months_back(today: dt.date, limit: dt.date) -> None:
    assert freshness.cutoff(today) == limit


def _dated(file: str, entry: str, day: str) -> freshness.Dated:
    return freshness.Dated(file, entry, dt.date.fromisoformat(day), f"https://example.com/{entry}")


def test_freshness_lists_only_rows_older_than_six_months() -> None:
    rows = [
        _dated("data/a.yml", "edge", "2026-05-22"),  # the cutoff day itself is not stale
        _dated("data/a.yml", "old", "2026-05-21"),
        _dated("data/b.yml", "older", "2025-01-01"),
    ]
    pages = [_dated("docs/p.md", "page", "2026-01-01")]
    today = dt.date(2026, 11, 22)
    assert [r.entry for r in freshness.stale(rows, today)] == ["older", "old"]
    report = freshness.report(today, [], rows, pages)
    assert "Transitions due by 2026-11-22: 0" in report
    assert "Data rows: 2" in report and "Pages: 1" in report
    assert "data/a.yml: old: verified 2026-05-21  https://example.com/old" in report


def test_a_transition_is_due_on_its_day_and_not_before() -> None:
    ends = Transition("data/lifecycle.yml", "support-developer", "Developer plan: ending", dt.date(2027, 1, 1))
    assert freshness.due([ends], dt.date(2026, 12, 31)) == []
    assert freshness.due([ends], dt.date(2027, 1, 1)) == [ends]
    report = freshness.report(dt.date(2027, 1, 2), [ends], [], [])
    assert "Transitions due by 2027-01-02: 1" in report
    assert "data/lifecycle.yml: support-developer: Developer plan: ending on 2027-01-01 is still shown as upcoming" in report


@pytest.mark.parametrize(("day", "code"), [("2026-12-03", 0), ("2027-01-01", 1), ("2100-01-01", 1)])
def test_make_freshness_fails_once_a_real_transition_has_passed(day: str, code: int) -> None:
    """The real data: the legacy Support plans end on 2027-01-01 and are shown as upcoming until then."""
    result = subprocess.run(
        [sys.executable, "scripts/freshness.py", "--date", day],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == code, result.stdout + result.stderr
    listed = "data/lifecycle.yml: support-developer: AWS Developer Support plan: ending on 2027-01-01" in result.stdout
    assert listed == (code == 1)


def test_linkcheck_collects_sources_and_skips_cleanly_offline(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cited = linkcheck.collect(ROOT)
    expected = {str(url) for row in evidence_rows(load_project(ROOT)) for url in [row.evidence.source, *row.evidence.see_also] if url}
    assert expected <= set(cited)
    assert any(files == ["data/cidr.yml"] or "data/cidr.yml" in files for files in cited.values())
    assert any(any(f.startswith("docs/") for f in files) for files in cited.values())
    monkeypatch.setattr(linkcheck, "collect", lambda: cited)
    monkeypatch.setattr(linkcheck, "online", lambda urls: False)
    monkeypatch.setattr(linkcheck, "check", lambda url: pytest.fail("no URL may be fetched offline"))
    assert linkcheck.main() == 0
    assert "No network" in capsys.readouterr().out


def test_linkcheck_fails_on_a_broken_source(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(linkcheck, "collect", lambda: {"https://a.test/ok": ["data/a.yml"], "https://a.test/gone": ["data/b.yml"]})
    monkeypatch.setattr(linkcheck, "online", lambda urls: True)
    monkeypatch.setattr(linkcheck, "check", lambda url: "HTTP 404" if url.endswith("gone") else None)
    assert linkcheck.main() == 1
    assert "data/b.yml: https://a.test/gone: HTTP 404" in capsys.readouterr().out


# --- Template, contributing guide, licenses ------------------------------------------------------------


def _front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_page_template_has_valid_front_matter_and_the_required_sections() -> None:
    text = (ROOT / "templates" / "page.md").read_text(encoding="utf-8")
    meta = _front_matter(text)
    check_front_matter(meta, "templates/page.md", DOMAINS, needs_sources=True)
    assert meta["render_macros"] is True
    assert re.search(r"\n## Check yourself( \{[^}]*\})?\n", text) and text.count('??? question "') >= 2
    assert "{#" not in text  # a Jinja comment opener would swallow the rest of the page


def test_contributing_shows_the_messages_the_build_really_prints() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    from tests.test_bad_data import DEFECTS  # the exact line the build prints for a bad data file

    assert DEFECTS["negative rate"].message in guide
    with pytest.raises(ValueError) as caught:
        check_front_matter({"tags": ["Cloud Concepts"]}, "docs/x.md", DOMAINS)
    assert str(caught.value) in guide
    for target in ("make serve", "make test", "make lint", "make freshness", "templates/page.md"):
        assert target in guide, target


def test_licences_cover_code_and_content() -> None:
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    content = (ROOT / "LICENSE-content").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in content and "https://creativecommons.org/licenses/by-sa/4.0/" in content


# --- What every built page offers ------------------------------------------------------------------------


def built_pages(build: Build) -> list[Path]:
    return site_pages(build.site)


def test_every_page_shows_it_is_not_affiliated_with_aws(site_build: Build) -> None:
    for path in [*built_pages(site_build), site_build.site / "404.html"]:
        html = path.read_text(encoding="utf-8")
        footer = re.search(r'<div class="md-copyright__highlight">(.*?)</div>', html, re.S)
        assert footer and NOT_AFFILIATED in " ".join(footer[1].split()), path


@pytest.mark.parametrize(("kind", "selector"), [("edit", 'a.md-content__button[href*="/edit/"]'),
                                                ("raw", 'a.md-content__button[href*="/raw/"]')])
def test_edit_and_view_buttons_open_the_page_source(site_build: Build, kind: str, selector: str) -> None:
    prefix = f"{REPO}/{kind}/main/docs/"
    button = re.compile(rf'<a href="([^"]*/{kind}/[^"]*)"[^>]*class="md-content__button')
    for path in built_pages(site_build):
        url = path.parent.relative_to(site_build.site).as_posix()
        links = button.findall(path.read_text(encoding="utf-8"))  # a regex: parsing 80 pages twice took 7 s
        assert len(links) == 1, url
        href = links[0]
        assert href.startswith(prefix), href
        source = href.removeprefix(prefix)
        assert (ROOT / "docs" / source).is_file(), f"{url}/ -> {href}"
        expected = "index.md" if url == "." else (f"{url}.md", f"{url}/index.md")
        assert source in expected, (url, source)


def test_404_page_offers_search_and_every_section(site_build: Build) -> None:
    soup = BeautifulSoup((site_build.site / "404.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article.select_one("h1").get_text(strip=True) == "Page not found"
    assert article.select_one('label[for="__search"]').get_text(strip=True) == "Search the notes"
    assert soup.select_one("input#__search") and soup.select_one("input.md-search__input")  # what it opens
    # The 404 page is served at any depth, so its links are absolute from site_url's path.
    base = urlsplit(CONFIG["site_url"]).path
    links = [a["href"] for a in article.select(".not-found-sections a")]
    sections = sorted(p.parent.name for p in (ROOT / "docs").glob("*/index.md"))
    assert sections and all(f"{base}{name}/" in links for name in sections), links
    for href in links:
        assert href.startswith(base), href
        assert (site_build.site / href.removeprefix(base) / "index.html").is_file(), href
