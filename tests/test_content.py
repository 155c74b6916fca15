"""The knowledge base: every page findable and trustworthy, every seed topic present once, in our words."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from macros import lifecycle
from macros.project import load_project
from sitetools.build import ROOT, Build
from sitetools.nav import site_nav
from sitetools.pages import built_pages, page_url
from tests import _course

SEEDS = ROOT.parent / "shared" / "seeds"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Pages that index others or hold data (data/site.yml `untagged_pages`), and What changed.
UNTAGGED = {page_url(Path(p)) for p in load_project(ROOT).site.untagged_pages}
INDEX_PAGES = {"changes/", *UNTAGGED}


def nav_files(nav: list) -> list[str]:
    files: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        files += nav_files(value) if isinstance(value, list) else [value]
    return files


def pages(build: Build) -> dict[str, BeautifulSoup]:
    """Every built page by URL path ('' for home), parsed, except the 404 page and redirect stubs."""
    result = {}
    for path in built_pages(build.site):
        url = path.parent.relative_to(build.site).as_posix()
        url = "" if url == "." else url + "/"
        result[url] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return result


def prose(soup: BeautifulSoup, *, tables: bool = False, questions: bool = True) -> str:
    """The article's readable text without code, notices, data footers (and tables unless asked, and
    practice questions if asked: the question bank checks those itself when it loads)."""
    article = BeautifulSoup(str(soup.select_one("article")), "html.parser")
    drop = "pre, code, script, .headerlink, .lifecycle-notice, .data-footer, .page-trust, .md-source-file, .md-tags"
    drop += "" if questions else ", .practice"
    for node in article.select(drop + ("" if tables else ", table, .data-table")):
        node.decompose()
    return " ".join(article.get_text(" ").split())


words = _course.words


def is_topic_page(url: str) -> bool:
    return url not in INDEX_PAGES and url != "" and not url.endswith("/index/") and url.count("/") == 2


@pytest.fixture(scope="module")
def site(site_build: Build) -> dict[str, BeautifulSoup]:
    return pages(site_build)


def test_every_page_is_in_the_navigation_in_the_order_of_its_folder(site: dict[str, BeautifulSoup]) -> None:
    """The built navigation (from docs/**/.nav.yml) holds every page, in the order sitetools.nav reads
    from the same files (which the benchmark's baseline and the browser tests rely on). The navigation
    is pruned (each page holds its own tab's pages and a link to each other tab), so every page's
    links must follow that order, and all pages' links together must name every page."""
    expected = [page_url(Path(p)).rstrip("/") for p in nav_files(site_nav())]
    seen: set[str] = set()
    for url, soup in site.items():
        links = [urlsplit(a["href"]).path for a in soup.select("nav.md-nav--primary a.md-nav__link[href]")]
        links = [posixpath.normpath(posixpath.join(url or ".", link)).strip("./") for link in links]
        links = list(dict.fromkeys(links))  # a section and its index share one link
        assert links == [page for page in expected if page in links], url
        seen.update(links)
    assert seen == set(expected)
    on_disk = {page_url(p.relative_to(ROOT / "docs")).rstrip("/") for p in (ROOT / "docs").rglob("*.md")}
    assert seen == on_disk
    assert len(on_disk) >= 30


def test_no_page_is_a_stub() -> None:
    stubs = [p.name for p in (ROOT / "docs").rglob("*.md") if re.search(r"^stub: true$", p.read_text(), re.M)]
    assert stubs == []


def test_every_page_has_its_own_description_and_an_exam_domain(site: dict[str, BeautifulSoup]) -> None:
    domains = load_project(ROOT).site.exam_domains
    descriptions: dict[str, str] = {}
    for url, soup in site.items():
        meta = soup.select_one('meta[name="description"]')
        assert meta and meta["content"].strip(), url
        assert meta["content"] not in descriptions, (url, descriptions.get(meta["content"]))
        descriptions[meta["content"]] = url
        if url not in UNTAGGED:
            tags = {a.get_text(strip=True) for a in soup.select(".md-tags .md-tag")}
            assert tags & set(domains), (url, tags)


def test_tags_page_lists_the_exam_domains(site: dict[str, BeautifulSoup]) -> None:
    text = site["tags/"].select_one("article").get_text(" ")
    for domain in load_project(ROOT).site.exam_domains:
        assert domain in text


def test_no_sentence_of_twelve_words_or_more_appears_twice(site: dict[str, BeautifulSoup]) -> None:
    seen: dict[tuple[str, ...], str] = {}
    repeats = []
    for url, soup in site.items():
        for sentence in re.split(r"(?<=[.!?])\s+", prose(soup)):
            key = tuple(words(sentence))
            if len(key) < 12:
                continue
            if key in seen:
                repeats.append((seen[key], url, sentence))
            else:
                seen[key] = url
    assert repeats == []


def test_no_email_address_anywhere(site_build: Build) -> None:
    for path in [*site_build.site.rglob("*.html"), *(ROOT / "docs").rglob("*.md"), *(ROOT / "data").rglob("*.yml")]:
        found = [m for m in EMAIL.findall(path.read_text(encoding="utf-8")) if not m.endswith((".png", ".svg"))]
        assert found == [], path


def test_no_ten_word_run_copied_from_the_course_material(site: dict[str, BeautifulSoup]) -> None:
    fingerprint = _course.load()
    assert len(fingerprint) > 1000
    copied = []
    for url, soup in site.items():
        copied += [(url, " ".join(run)) for run in _course.runs(words(prose(soup, tables=True)))
                   if _course.run_hash(run) in fingerprint]
    assert copied == []


def test_the_course_fingerprint_matches_the_course_notes() -> None:
    course = next(SEEDS.glob("003_*.txt"), None)
    if course is None:
        pytest.skip("../shared/seeds is not beside this checkout; the committed fingerprint is used as it is")
    assert _course.fingerprint(course.read_text(encoding="utf-8", errors="replace")) == sorted(_course.load()), (
        "regenerate tests/course-003.fingerprint (see tests/_course.py)"
    )


def test_the_copy_check_catches_a_copied_run() -> None:
    """A page that repeated any ten words of the course in a row would be caught."""
    fingerprint = _course.load()
    course = next(SEEDS.glob("003_*.txt"), None)
    if course is not None:  # with the notes at hand, take a real run from them
        run = _course.runs(words(course.read_text(encoding="utf-8", errors="replace")))[100]
        assert _course.run_hash(run) in fingerprint
    own = words("Each fact lives in one place on this site, written in our own words, and dated.")
    assert not any(_course.run_hash(run) in fingerprint for run in _course.runs(own))


def test_every_seed_topic_is_on_the_page_that_owns_it(site: dict[str, BeautifulSoup]) -> None:
    inventory = load_project(ROOT).inventory.topics
    assert len(inventory) >= 100
    missing = []
    for topic in inventory:
        text = site[page_url(Path(topic.page))].select_one("article").get_text(" ").lower()
        text = " ".join(text.split())
        missing += [(topic.page, topic.topic, term) for term in topic.terms if term.lower() not in text]
    assert missing == []


def test_retired_and_changed_services_are_flagged_where_they_appear(site: dict[str, BeautifulSoup]) -> None:
    """The build checks each page's Markdown; this checks what readers get, headings and tables included."""
    changes = load_project(ROOT).changes
    unflagged = []
    for url, soup in site.items():
        if url in INDEX_PAGES:
            continue
        shown = {a["href"].rsplit("#", 1)[-1] for a in soup.select("article a.lifecycle-notice")}
        unflagged += [(url, entry.id, term) for entry, term in lifecycle.unflagged(changes, prose(soup, tables=True, questions=False), shown)]
    assert unflagged == []


def test_notices_are_one_short_line(site: dict[str, BeautifulSoup]) -> None:
    """Under twelve words for the service, its change and its date. A successor adds "; use" (or
    "; now") and its own name, at most six words (the model checks): with it, under twelve in all
    cannot be kept without cutting names AWS gives ("Amazon Kendra: closed to new customers
    (2026-07-30)" is 7 words before "use Amazon Bedrock Knowledge Bases")."""
    changes = load_project(ROOT).changes
    # get_text() without a separator: a date in the label is its own <span> (kept on one line), not a word.
    notices = [(" ".join(a.get_text().split()), changes.entry(a["href"].rsplit("#", 1)[-1]))
               for soup in site.values() for a in soup.select("a.lifecycle-notice")]
    assert notices, "no lifecycle notice rendered anywhere"
    heads = [text.removesuffix(f"; use {e.successor}").removesuffix(f"; now {e.successor}") if e.successor else text
             for text, e in notices]
    assert all(len(head.split()) < 12 for head in heads), [head for head in heads if len(head.split()) >= 12]
    assert all(e.successor is None or head != text for head, (text, e) in zip(heads, notices, strict=True)), \
        [text for head, (text, e) in zip(heads, notices, strict=True) if e.successor and head == text]


def test_topic_pages_end_with_check_yourself_questions(site: dict[str, BeautifulSoup]) -> None:
    lacking = []
    for url, soup in site.items():
        if not is_topic_page(url):
            continue
        heading = soup.select_one("article h2#check-yourself")
        questions = soup.select("article details.question")
        linked = [q for q in questions if q.select_one("a[href]")]
        if heading is None or len(questions) < 2 or len(linked) != len(questions):
            lacking.append(url)
    assert lacking == []


def test_every_acronym_is_in_the_glossary(site: dict[str, BeautifulSoup]) -> None:
    glossary = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    defined = set(re.findall(r"^\*\[([^\]]+)\]:", glossary, re.M))
    used: dict[str, str] = {}
    for url, soup in site.items():
        for token in re.findall(r"\b[A-Z][A-Z0-9]{1,}(?:-[A-Z0-9]+)*s?\b", prose(soup)):  # CLF-C02 is one term
            used.setdefault(token, url)
    def known(term: str) -> bool:
        return term in defined or term.rstrip("s") in defined

    # SSE-KMS is known when SSE and KMS are; CLF-C02 has its own entry.
    undefined = {t: url for t, url in used.items() if not known(t) and not all(known(part) for part in t.split("-"))}
    assert undefined == {}


@pytest.mark.parametrize(
    "url", ["security/shared-responsibility/", "compute/lambda/", "networking/vpc/"]
)
def test_diagrams_are_inline_svg_with_a_text_alternative(site: dict[str, BeautifulSoup], url: str) -> None:
    figures = site[url].select("article svg[role='img']")
    assert figures, url
    for svg in figures:
        assert svg.get("aria-labelledby") or svg.get("aria-label"), url
        assert svg.select_one("title") is not None, url


def test_every_topic_page_shows_review_date_and_sources(site: dict[str, BeautifulSoup]) -> None:
    for url, soup in site.items():
        if is_topic_page(url):
            trust = soup.select_one("article .page-trust")
            assert trust and "Last reviewed" in trust.get_text() and trust.select("a[href^='https://']"), url
