"""`make bench`: measure the site as readers and contributors feel it, and write benchmarks/RESULTS.md.

Lighthouse scores and bytes on four kinds of page, search index size and speed in headless Chromium,
build time against a plain Material build and at 10x and 100x the pages, and whether two builds of
the same commit are byte-identical. Not part of `make test`: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bs4 import BeautifulSoup  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from macros import questions  # noqa: E402
from macros.project import load_project  # noqa: E402
from sitetools.browser import LAUNCH_ARGS, find_browser, launch  # noqa: E402
from sitetools.build import copy_project  # noqa: E402
from sitetools.nav import site_nav  # noqa: E402
from sitetools.pages import CONFIG  # noqa: E402
from sitetools.search import (  # noqa: E402
    INPUT,
    ITEM,
    KEY_DELAY_MS,
    QUERIES_FILE,
    install_tracker,
    load_queries,
    open_search,
    type_query,
    wait_for_results,
)
from sitetools.server import serve_site  # noqa: E402

BENCH = ROOT / "benchmarks"
TMP = BENCH / "tmp"
RESULTS = BENCH / "RESULTS.md"
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
PREFIX = urlsplit(CONFIG["site_url"]).path

# The pages Lighthouse measures: one of each kind. The 404 page is fetched by its file name so it
# answers 200 (Lighthouse refuses to audit an error status); it has the same content either way.
LIGHTHOUSE_PAGES = {
    "Home": "",
    "Long topic page": "security/shared-responsibility/",
    "Table page": "billing/support-plans/",
    "404 page": "404.html",
    "Practice exam page": "practice/",
    "Service index": "exam/services/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint",
           "TBT": "total-blocking-time", "CLS": "cumulative-layout-shift"}

# Targets from issue 4 (performance raised to 100 by issue 12: the median of three runs, every kind of page).
TARGET_PERF = 100
TARGET_FIRST_VIEW_KB = 120
TARGET_INDEX_GZIP_KB = 150
TARGET_RESULTS_MS = 150
TARGET_READY_MS = 300
TARGET_BUILD_RATIO = 1.5
TARGET_MS_PER_PAGE = 50
# Targets from issues 10 and 11.
TARGET_IN_SCOPE_NAMED = 100  # percent of the exam guide's in-scope services named on the site
TARGET_EXAM_TOP3 = 90  # percent of exam-worded queries whose answer is among the first three results
TARGET_EXAM_TOP1 = 75
TARGET_PRACTICE_CODE_KB = 10  # practice script and styles, gzip
EXAM_QUERIES_MARK = "# In the words CLF-C02 questions"  # the line in search_queries.yml above that group

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="builds per timing (median is kept)")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page; the run with the median performance score is kept")
    parser.add_argument("--max-build-seconds", type=int, default=420,
                        help="give up on one scaling build after this long and report it as over")
    args = parser.parse_args()

    shutil.rmtree(TMP, ignore_errors=True)
    TMP.mkdir(parents=True)
    report = Report()

    print("--- build: real vs plain Material", flush=True)
    site = TMP / "site"
    report.build = compare_builds(site, args.runs)
    print("--- build: scaling with 10x and 100x the pages", flush=True)
    report.scaling = scaling(args.max_build_seconds)
    print("--- reproducibility: two builds with SOURCE_DATE_EPOCH", flush=True)
    report.reproducible = reproducibility()
    print("--- search index", flush=True)
    report.index = index_size(site)
    print("--- exam coverage and the question bank", flush=True)
    report.exam = exam_coverage(site)

    with sync_playwright() as playwright:
        choice = find_browser(playwright)
        if not choice.found:
            sys.exit(f"error: {choice.reason}")
        with (serve_site(site, PREFIX, gzip_text=True) as base_url,
              serve_site(TMP / "plain-site", PREFIX, gzip_text=True) as plain_url):
            print("--- search speed in Chromium", flush=True)
            browser = launch(playwright, choice)
            report.search = search_speed(browser, base_url)
            print("--- exam-worded queries: rank of the answer", flush=True)
            report.exam.ranks = exam_query_ranks(browser, base_url)
            browser.close()
            print("--- Lighthouse", flush=True)
            chrome = os.environ.get("CHROME_PATH") or choice.path or playwright.chromium.executable_path
            report.lighthouse, report.lighthouse_plain = compare_lighthouse(
                chrome, base_url, plain_url, args.lighthouse_runs)

    RESULTS.write_text(report.markdown(), encoding="utf-8")
    print(f"--- wrote {RESULTS.relative_to(ROOT)}")
    shutil.rmtree(TMP, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Build


def timed_build(config: Path, site: Path, env: dict[str, str] | None = None,
                timeout: int | None = None) -> float | None:
    """Seconds for one `mkdocs build --clean` of `config` (strict as configured), None if too slow."""
    start = time.perf_counter()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--clean", "--config-file", str(config),
             "--site-dir", str(site)],
            cwd=config.parent, env=env or ENV, capture_output=True, text=True, timeout=timeout,
            check=False)
    except subprocess.TimeoutExpired:
        return None
    if result.returncode != 0:
        sys.exit(f"error: the build of {config} failed:\n{result.stdout}{result.stderr}")
    return time.perf_counter() - start


def plain_config(destination: Path) -> Path:
    """A mkdocs.yml with only Material and the same pages and nav: the baseline build."""
    destination.mkdir(parents=True, exist_ok=True)
    config = {"site_name": CONFIG["site_name"], "docs_dir": str(ROOT / "docs"),
              "theme": {"name": "material"}, "nav": site_nav()}
    path = destination / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


@dataclass
class BuildTimes:
    real: float
    plain: float
    pages: int
    runs: int


def compare_builds(site: Path, runs: int) -> BuildTimes:
    plain = plain_config(TMP / "plain")
    real_times, plain_times = [], []
    for _ in range(runs):  # alternate, so both see the same machine load
        real_times.append(timed_build(ROOT / "mkdocs.yml", site))
        plain_times.append(timed_build(plain, TMP / "plain-site"))
    pages = sum(1 for _ in (ROOT / "docs").rglob("*.md"))
    return BuildTimes(statistics.median(real_times), statistics.median(plain_times), pages, runs)


@dataclass
class ScaleRun:
    factor: int
    in_nav: bool
    pages: int
    seconds: float | None  # None: stopped at the time limit, or skipped
    estimate: float | None = None  # when skipped: what the smaller runs predict


def scaling(limit: int) -> list[ScaleRun]:
    """Build the real project with the pages copied 10 and 100 times, in and out of the nav."""
    runs: list[ScaleRun] = []
    for factor in (1, 10, 100):
        for in_nav in (False, True):
            if factor == 1 and in_nav:
                continue  # the same project as factor 1 without copies
            project = TMP / f"scale-{factor}-{'nav' if in_nav else 'no-nav'}"
            pages = scaled_project(project, factor, in_nav)
            estimate = _estimate(runs, factor, in_nav)
            if estimate is not None and estimate > limit:
                print(f"    {factor}x in the nav: skipped, about {estimate:.0f} s predicted", flush=True)
                runs.append(ScaleRun(factor, in_nav, pages, None, estimate))
            else:
                print(f"    {factor}x, {'in' if in_nav else 'outside'} the nav: {pages} pages", flush=True)
                seconds = timed_build(project / "mkdocs.yml", project / "site", timeout=limit)
                runs.append(ScaleRun(factor, in_nav, pages, seconds))
            shutil.rmtree(project, ignore_errors=True)
    return runs


def _estimate(runs: list[ScaleRun], factor: int, in_nav: bool) -> float | None:
    """For a build in the nav, predict from the last one: the nav's share grows with the square."""
    if not in_nav:
        return None
    previous = [r for r in runs if r.in_nav and r.seconds is not None]
    plain = {r.factor: r.seconds for r in runs if not r.in_nav and r.seconds is not None}
    if not previous or previous[-1].factor not in plain:
        return None
    last = previous[-1]
    nav_share = last.seconds - plain[last.factor]
    linear = plain.get(factor) or plain[last.factor] * factor / last.factor
    return linear + nav_share * (factor / last.factor) ** 2


def scaled_project(project: Path, factor: int, in_nav: bool) -> int:
    """A copy of the project whose topic pages appear `factor` times (copy-N/ folders)."""
    copy_project(project)
    docs = project / "docs"
    sections = [p for p in docs.iterdir() if p.is_dir() and p.name != "stylesheets"]
    for n in range(1, factor):
        for section in sections:
            shutil.copytree(section, docs / f"copy-{n}" / section.name)
    # A landing page lists the sections its .nav.yml entry starts; a copy starts none, so it lists none.
    for copied in docs.glob("copy-*/**/*.md"):
        text = copied.read_text(encoding="utf-8")
        listless = text.replace("{{ section_groups() }}", "")
        if listless != text:
            copied.write_text(listless, encoding="utf-8")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # Copies outside the nav only log an INFO line when not strict; links inside a copy stay inside it.
    text = re.sub(r"^strict: true$", "strict: false", text, flags=re.M)
    if not in_nav:
        # awesome-nav would add every copy-N/ folder to the nav: spell out the real nav instead.
        text = text.replace("  - awesome-nav\n", "") + "\n" + yaml.safe_dump({"nav": site_nav()}, sort_keys=False)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    return sum(1 for _ in docs.rglob("*.md"))


def reproducibility() -> list[str]:
    """Files that differ between two builds of this commit with SOURCE_DATE_EPOCH set."""
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.strip()
    env = {**ENV, "SOURCE_DATE_EPOCH": epoch}
    first, second = TMP / "repro-1", TMP / "repro-2"
    timed_build(ROOT / "mkdocs.yml", first, env)
    timed_build(ROOT / "mkdocs.yml", second, env)
    return _differences(filecmp.dircmp(first, second))


def _differences(cmp: filecmp.dircmp, base: str = "") -> list[str]:
    found = [base + name for name in cmp.left_only + cmp.right_only + cmp.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
    found += [base + name for name in mismatch + errors]
    for name, sub in cmp.subdirs.items():
        found += _differences(sub, f"{base}{name}/")
    return sorted(found)


# ---------------------------------------------------------------------------------------------
# Search


@dataclass
class IndexSize:
    raw: int
    gzip: int
    documents: int


def index_size(site: Path) -> IndexSize:
    data = (site / "search" / "search_index.json").read_bytes()
    documents = len(json.loads(data)["docs"])
    return IndexSize(len(data), len(gzip.compress(data, compresslevel=9, mtime=0)), documents)


@dataclass
class SearchSpeed:
    ready_ms: list[float]
    results_ms: list[float]
    queries: int


def search_speed(browser, base_url: str, loads: int = 5) -> SearchSpeed:
    """Index ready time (ms after navigation start) and query-to-results time over the query set."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    install_tracker(context)
    ready = []
    for _ in range(loads):
        page = context.new_page()
        page.goto(base_url)
        page.wait_for_function("window.__search.ready !== null")
        ready.append(page.evaluate("window.__search.ready"))
        page.close()

    page = context.new_page()
    page.goto(base_url)
    open_search(page)
    results = []
    for query in load_queries():
        # Type all but the last key and let it settle; then time the last key alone, so the first
        # change of the result list afterwards is the answer to the whole query.
        type_query(page, query.query[:-1]) if len(query.query) > 1 else page.locator(INPUT).fill("")
        page.keyboard.type(query.query[-1], delay=KEY_DELAY_MS)
        wait_for_results(page, query.query)
        results.append(page.evaluate("window.__search.lastResult - window.__search.lastKey"))
    context.close()
    return SearchSpeed(ready, results, len(results))


# ---------------------------------------------------------------------------------------------
# Exam coverage, exam-worded search and the question bank


@dataclass
class ExamCoverage:
    in_scope: int
    named: list[str]  # in-scope services whose name (or its short form) appears on the site
    mapped: int  # in-scope services with a section
    tasks: int
    points: int
    points_mapped: int
    per_domain: dict[int, int]
    per_task: dict[str, int]
    multiple: int
    practice_code_gzip: int
    ranks: list[tuple[str, int | None]] = field(default_factory=list)  # query, rank of the answer (1-based)


def exam_coverage(site: Path) -> ExamCoverage:
    """Read through the same models as the build: which in-scope services the built pages name."""
    data = load_project(ROOT)
    text = " ".join(
        " ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article").get_text(" ").split())
        for page in site.rglob("index.html") if BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
    ).casefold()
    named = [s.name for s in data.guide.services.entries if _short(s.name).casefold() in text]
    points = [p for t in data.guide.tasks for p in (*t.knowledge, *t.skills)]
    code = len(gzip.compress((ROOT / "docs" / questions.SCRIPT).read_bytes(), 9, mtime=0))  # its styles are in extra.css
    bank = data.questions
    return ExamCoverage(
        in_scope=len(data.guide.services.entries), named=named,
        mapped=sum(1 for s in data.guide.services.entries if s.section), tasks=len(data.guide.tasks),
        points=len(points), points_mapped=sum(1 for p in points if p.section and not p.missing),
        per_domain=dict(sorted(bank.per_domain().items())), per_task=dict(sorted(bank.per_task().items())),
        multiple=sum(q.multiple for q in bank.questions), practice_code_gzip=code,
    )


def _short(name: str) -> str:
    """ "Amazon Elastic Compute Cloud (Amazon EC2)" is named if "Elastic Compute Cloud" is."""
    name = re.sub(r"\s*\(.*?\)", "", name)
    for prefix in ("Amazon ", "AWS "):
        name = name.removeprefix(prefix)
    return name


def exam_query_ranks(browser, base_url: str) -> list[tuple[str, int | None]]:
    """For each exam-worded query: where its answering section comes in the results (None: not in the first ten)."""
    text = QUERIES_FILE.read_text(encoding="utf-8")
    exam_part = text[text.index(EXAM_QUERIES_MARK):] if EXAM_QUERIES_MARK in text else ""
    wanted = {q.query for q in load_queries() if f"query: {q.query}," in exam_part}
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    install_tracker(context)
    page = context.new_page()
    page.goto(base_url)
    open_search(page)
    ranks = []
    for query in (q for q in load_queries() if q.query in wanted):
        type_query(page, query.query)
        found = []
        for link in page.locator(f"{ITEM} a.md-search-result__link").all()[:10]:
            parts = urlsplit(link.get_attribute("href") or "")
            found.append((parts.path.removeprefix(urlsplit(base_url).path), parts.fragment))
        # Material groups results by page: the group's head is the page, then its best sections. A
        # head followed by its own sections is not a result of its own, unless the page is the answer.
        if query.section:
            found = [hit for i, hit in enumerate(found)
                     if hit[1] or not (i + 1 < len(found) and found[i + 1][0] == hit[0])]
        else:
            found = [hit for hit in found if not hit[1]]
        expected = (query.page, query.section)
        ranks.append((query.query, found.index(expected) + 1 if expected in found else None))
    context.close()
    return ranks


# ---------------------------------------------------------------------------------------------
# Lighthouse


@dataclass
class LighthouseRun:
    url: str
    scores: dict[str, int]
    total_bytes: int
    index_bytes: int
    failed_audits: list[str]
    metrics: dict[str, str]
    benchmark_index: int  # Lighthouse's measure of this machine's CPU speed during the run
    performance_runs: list[int] = field(default_factory=list)  # every run's score, when several ran
    benchmark_indexes: list[int] = field(default_factory=list)


def compare_lighthouse(chrome: str, base_url: str, plain_url: str,
                       runs: int) -> tuple[dict[str, LighthouseRun], dict[str, LighthouseRun]]:
    """Each page of LIGHTHOUSE_PAGES on the site and on the plain Material build of the same pages.

    The two are audited in turn, run by run, so both see the same machine: simulated throttling
    scales what this machine's CPU does, and on a shared machine its speed (Lighthouse's benchmark
    index) moves by a factor of two within minutes. The plain build is the reference issue 12 names.
    """
    real, plain = {}, {}
    for name, path in LIGHTHOUSE_PAGES.items():
        pairs = [(lighthouse(chrome, base_url + path), lighthouse(chrome, plain_url + path))
                 for _ in range(runs)]
        real[name] = median_of([r for r, _ in pairs])
        plain[name] = median_of([p for _, p in pairs])
    return real, plain


def median_of(results: list[LighthouseRun]) -> LighthouseRun:
    """The run with the median performance score, with every run's score and benchmark index.

    One run's performance score moves by a few points from run to run; Lighthouse's own advice is
    to report the median of several runs.
    """
    results = sorted(results, key=lambda r: r.scores["performance"])
    median = results[(len(results) - 1) // 2]
    median.performance_runs = [r.scores["performance"] for r in results]
    median.benchmark_indexes = [r.benchmark_index for r in results]
    return median


def lighthouse(chrome: str, url: str) -> LighthouseRun:
    if not LIGHTHOUSE.exists():
        sys.exit("error: Lighthouse is missing: run `npm ci` in benchmarks/ (make bench does)")
    output = TMP / "lighthouse.json"
    flags = " ".join(["--headless=new", *LAUNCH_ARGS])
    subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", f"--output-path={output}", "--quiet",
         f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES)],
        env={**os.environ, "CHROME_PATH": chrome}, check=True, timeout=300)
    data = json.loads(output.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        sys.exit(f"error: Lighthouse could not audit {url}: {data['runtimeError']}")
    scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    requests = data["audits"]["network-requests"]["details"]["items"]
    index = sum(r.get("transferSize", 0) for r in requests if "search_index.json" in r["url"])
    failed = sorted(
        f"{cat}: {audit}" for cat in CATEGORIES
        for audit in (ref["id"] for ref in data["categories"][cat]["auditRefs"] if ref["weight"] > 0)
        if (data["audits"][audit]["score"] is not None and data["audits"][audit]["score"] < 1))
    total = int(data["audits"]["total-byte-weight"]["numericValue"])
    metrics = {name: data["audits"][audit]["displayValue"] for name, audit in METRICS.items()}
    benchmark = round(data["environment"]["benchmarkIndex"])
    print(f"    {url}: {scores}, {total} bytes, benchmark index {benchmark}", flush=True)
    return LighthouseRun(url, scores, total, index, failed, metrics, benchmark)


# ---------------------------------------------------------------------------------------------
# Report


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def met(ok: bool) -> str:
    return "met" if ok else "**missed**"


class Report:
    build: BuildTimes
    scaling: list[ScaleRun]
    reproducible: list[str]
    index: IndexSize
    search: SearchSpeed
    lighthouse: dict[str, LighthouseRun]
    lighthouse_plain: dict[str, LighthouseRun]
    exam: ExamCoverage

    def markdown(self) -> str:
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True, check=False).stdout.strip()
        lines = [
            "# Benchmark results",
            "",
            f"Written by `make bench` (benchmarks/run.py) on {now}, at commit `{commit}` "
            "(plus any uncommitted changes in the working tree).",
            "",
            f"Machine: {machine()}.",
            "",
            *self._targets(),
            *self._lighthouse(),
            *self._search(),
            *self._exam(),
            *self._build(),
            *self._reproducible(),
        ]
        return "\n".join(lines) + "\n"

    def _targets(self) -> list[str]:
        lh = self.lighthouse
        perf = min(run.scores["performance"] for run in lh.values())
        plain_perf = min(run.scores["performance"] for run in self.lighthouse_plain.values())
        others = all(run.scores[c] == 100 for name, run in lh.items()
                     for c in ("accessibility", "best-practices", "seo")
                     if not (name == "404 page" and c == "seo"))
        first_view = max(run.total_bytes - run.index_bytes for run in lh.values()) / 1024
        gz = self.index.gzip / 1024
        median = statistics.median(self.search.results_ms)
        ready = statistics.median(self.search.ready_ms)
        ratio = self.build.real / self.build.plain
        per_page = self.build.real / self.build.pages * 1000
        return [
            "## Targets",
            "",
            "| Target | Measured | |",
            "|---|---|---|",
            f"| Lighthouse performance ≥ {TARGET_PERF} on every page | lowest {perf} "
            f"(plain Material, same pages and runs: lowest {plain_perf}) | {met(perf >= TARGET_PERF)} |",
            "| Lighthouse accessibility, best practices, SEO = 100 (404 exempt from SEO) | "
            f"{'all 100' if others else 'see below'} | {met(others)} |",
            f"| First view ≤ {TARGET_FIRST_VIEW_KB} KB over gzip, without the search index | "
            f"largest {first_view:.1f} KB | {met(first_view <= TARGET_FIRST_VIEW_KB)} |",
            f"| Search index ≤ {TARGET_INDEX_GZIP_KB} KB over gzip | {gz:.1f} KB | {met(gz <= TARGET_INDEX_GZIP_KB)} |",
            f"| Results on screen ≤ {TARGET_RESULTS_MS} ms after typing (median) | {median:.0f} ms | "
            f"{met(median <= TARGET_RESULTS_MS)} |",
            f"| Index ready ≤ {TARGET_READY_MS} ms | {ready:.0f} ms | {met(ready <= TARGET_READY_MS)} |",
            f"| Build ≤ {TARGET_BUILD_RATIO}× a plain Material build | {ratio:.2f}× | "
            f"{met(ratio <= TARGET_BUILD_RATIO)} |",
            f"| Build ≤ {TARGET_MS_PER_PAGE} ms per page | {per_page:.0f} ms | {met(per_page <= TARGET_MS_PER_PAGE)} |",
            f"| Byte-identical rebuilds | {'identical' if not self.reproducible else f'{len(self.reproducible)} files differ'} | "
            f"{met(not self.reproducible)} |",
            "",
        ]

    def _lighthouse(self) -> list[str]:
        lines = [
            "## Lighthouse",
            "",
            "Lighthouse 12 with its mobile defaults (simulated slow 4G and a 4× slower CPU), in "
            "headless Chromium, against the built site served with gzip on loopback. Bytes are "
            "what the page transferred in full, then without the search index (which the search "
            "worker fetches at once on every first visit). Each page is audited several times and "
            "the run with the median performance score is shown, with every run's score after it. "
            "The plain column is a Material build of the same pages with nothing of ours (the "
            "reference issue 12 names), audited in turn with ours, run by run, so both see the same "
            "machine; the benchmark index is Lighthouse's measure of the CPU's speed in each run.",
            "",
            "| Page | Performance | Plain Material | Accessibility | Best practices | SEO | Bytes | Without index |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for name, run in self.lighthouse.items():
            path = urlsplit(run.url).path
            s = run.scores
            plain = self.lighthouse_plain[name]
            lines.append(
                f"| {name} (`{path}`) | {s['performance']}{_all_runs(run)} | "
                f"{plain.scores['performance']}{_all_runs(plain)} | {s['accessibility']} | "
                f"{s['best-practices']} | {s['seo']} | {run.total_bytes / 1024:.1f} KB | "
                f"{(run.total_bytes - run.index_bytes) / 1024:.1f} KB |")
        lines += ["", "| Page | " + " | ".join(METRICS) + " |", "|---|" + "---|" * len(METRICS)]
        lines += [f"| {name} | " + " | ".join(run.metrics[m] for m in METRICS) + " |"
                  for name, run in self.lighthouse.items()]
        indexes = [i for run in self.lighthouse.values() for i in run.benchmark_indexes]
        if indexes:
            lines += ["", f"Benchmark index over our runs: {min(indexes)} to {max(indexes)} "
                          f"(median {statistics.median(indexes):.0f}; higher is faster)."]
        failed = [f"- {name}: {audit}" for name, run in self.lighthouse.items()
                  for audit in run.failed_audits]
        if failed:
            lines += ["", "Audits that did not pass in full:", "", *failed]
        return [*lines, ""]

    def _exam(self) -> list[str]:
        e = self.exam
        ranked = [r for _, r in e.ranks]
        top1 = 100 * sum(1 for r in ranked if r == 1) / max(1, len(ranked))
        top3 = 100 * sum(1 for r in ranked if r is not None and r <= 3) / max(1, len(ranked))
        named = 100 * len(e.named) / e.in_scope
        missing = sorted({s for s in self._in_scope_names()} - set(e.named))
        return [
            "## Exam coverage and practice",
            "",
            "| Measure | Measured | Target | |",
            "|---|---|---|---|",
            f"| In-scope services named on the site | {len(e.named)} of {e.in_scope} ({named:.0f}%) | {TARGET_IN_SCOPE_NAMED}% | {met(named >= TARGET_IN_SCOPE_NAMED)} |",
            f"| Exam-worded queries: answer in the first three results | {top3:.0f}% of {len(ranked)} | {TARGET_EXAM_TOP3}% | {met(top3 >= TARGET_EXAM_TOP3)} |",
            f"| Exam-worded queries: answer first | {top1:.0f}% | {TARGET_EXAM_TOP1}% | {met(top1 >= TARGET_EXAM_TOP1)} |",
            f"| Practice script, gzip (its styles are part of extra.css) | {e.practice_code_gzip / 1024:.1f} KB | ≤ {TARGET_PRACTICE_CODE_KB} KB | {met(e.practice_code_gzip / 1024 <= TARGET_PRACTICE_CODE_KB)} |",
            "",
            f"- Exam guide mapped: {e.mapped} of {e.in_scope} in-scope services and {e.points_mapped} of {e.points} "
            f"knowledge and skill points fully answered by a section; {e.tasks} task statements.",
            f"- In-scope services not named: {', '.join(missing) or 'none'}.",
            f"- Exam-worded queries not in the first three: {', '.join(q for q, r in e.ranks if r is None or r > 3) or 'none'}.",
            f"- Question bank: {sum(e.per_domain.values())} questions ({e.multiple} multiple response); per domain "
            + ", ".join(f"{d}: {n} ({100 * n / sum(e.per_domain.values()):.0f}%)" for d, n in e.per_domain.items())
            + " (the exam: 24, 30, 34, 12%); per task " + ", ".join(f"{t}: {n}" for t, n in e.per_task.items()) + ".",
            "",
        ]

    def _in_scope_names(self) -> list[str]:
        return [s.name for s in load_project(ROOT).guide.services.entries]

    def _search(self) -> list[str]:
        s, i = self.search, self.index
        return [
            "## Search",
            "",
            f"- Index: {i.raw / 1024:.1f} KB raw, {i.gzip / 1024:.1f} KB gzip, {i.documents} "
            "entries (pages and sections).",
            f"- Index ready (Material's worker has fetched the index, built it and said so), from "
            f"navigation start, over {len(s.ready_ms)} loads of the home page: median "
            f"{statistics.median(s.ready_ms):.0f} ms, worst {max(s.ready_ms):.0f} ms.",
            f"- Typing to results on screen over the {s.queries} queries of "
            "tests/browser/search_queries.yml (from the last key up to the moment the worker's "
            f"answer has been rendered): median {statistics.median(s.results_ms):.0f} ms, "
            f"p95 {percentile(s.results_ms, 0.95):.0f} ms, worst {max(s.results_ms):.0f} ms.",
            "",
            "Measured in headless Chromium without CPU throttling, on the machine below.",
            "",
        ]

    def _build(self) -> list[str]:
        b = self.build
        lines = [
            "## Build",
            "",
            f"Wall time of `mkdocs build --clean` in a subprocess (Python start-up included), median "
            f"of {b.runs} runs, alternating with the plain build:",
            "",
            "| Build | Seconds | ms per page |",
            "|---|---|---|",
            f"| This site ({b.pages} pages; strict, macros, tags, redirects, extensions) | "
            f"{b.real:.2f} | {b.real / b.pages * 1000:.0f} |",
            f"| Plain Material, same docs/ and nav, no plugins or extensions | {b.plain:.2f} | "
            f"{b.plain / b.pages * 1000:.0f} |",
            f"| Ratio | {b.real / b.plain:.2f}× | |",
            "",
            "Scaling: the same project with every section copied into `copy-N/` folders.",
            "",
            "| Pages | Copies in the nav | Seconds | ms per page | Time vs 1× |",
            "|---|---|---|---|---|",
        ]
        base = next(r.seconds for r in self.scaling if r.factor == 1)
        for r in self.scaling:
            if r.seconds is None:
                why = (f"skipped: about {r.estimate:.0f} predicted" if r.estimate
                       else "over the time limit")
                lines.append(f"| {r.pages} ({r.factor}×) | {'yes' if r.in_nav else 'no'} | {why} | | |")
                continue
            lines.append(f"| {r.pages} ({r.factor}×) | {'yes' if r.in_nav else 'no'} | "
                         f"{r.seconds:.1f} | {r.seconds / r.pages * 1000:.0f} | {r.seconds / base:.1f}× |")
        lines += ["", self._growth(), ""]
        return lines

    def _growth(self) -> str:
        timed = {(r.factor, r.in_nav): r.seconds for r in self.scaling if r.seconds is not None}
        compared = [f"at {f}× the copies in the nav took {timed[(f, True)] / timed[(f, False)]:.2f}× "
                    "the time of the same copies outside it"
                    for f in (10, 100) if (f, True) in timed and (f, False) in timed]
        measured = ("Measured: " + "; ".join(compared) + ". ") if compared else ""
        return (measured + "Every page embeds the whole navigation, so with n pages in the nav each "
                "page carries O(n) links and the build does O(n²) work and writes O(n²) bytes; "
                "outside the nav the work per page stays the same and time grows linearly. The "
                "quadratic part shows once the navigation outweighs the per-page work (Markdown, "
                "macros, the appended abbreviations).")

    def _reproducible(self) -> list[str]:
        if not self.reproducible:
            verdict = "byte-identical: every file of both builds matches."
        else:
            verdict = "different in: " + ", ".join(f"`{p}`" for p in self.reproducible[:20])
        return ["## Reproducible builds", "",
                f"Two builds of the same commit with `SOURCE_DATE_EPOCH` set to its commit time are "
                f"{verdict}", ""]


def _all_runs(run: LighthouseRun) -> str:
    if len(run.performance_runs) < 2:
        return ""
    return " (runs: " + ", ".join(map(str, run.performance_runs)) + ")"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}){memory}, "
            f"Python {platform.python_version()}")


if __name__ == "__main__":
    main()
