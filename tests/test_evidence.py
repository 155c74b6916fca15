"""Every fact says what its source says: quotes on official rows, figures in prose from data,
notices under every name of a changed service, and dated transitions the calendar can overtake."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from macros import lifecycle
from macros._data import DRAFT, Evidence, load
from macros._errors import DataError
from macros.facts import FactFile
from macros.project import ProjectData, evidence_rows, load_project, transitions
from scripts import figures
from sitetools.build import ROOT, Build, run_build

URL = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"
QUOTE = "Function timeout 900 seconds (15 minutes)"


# --- Quoted evidence -------------------------------------------------------------------------------


def test_an_official_row_needs_a_quote_of_its_source() -> None:
    with pytest.raises(ValueError, match="an official row needs `quote`"):
        Evidence.model_validate({"verified": dt.date(2026, 12, 3), "source": URL})
    assert Evidence.model_validate({"verified": dt.date(2026, 12, 3), "source": URL, "quote": QUOTE}).quote == QUOTE


def test_a_report_may_list_rows_without_quotes_but_the_build_may_not() -> None:
    raw = {"verified": dt.date(2026, 12, 3), "source": URL}
    assert Evidence.model_validate(raw, context=DRAFT).quote is None
    with pytest.raises(ValueError, match="quote"):
        Evidence.model_validate(raw)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"source": URL, "quote": " ".join(["word"] * 41)}, "a quote is a short excerpt: 41 words, at most 40"),
        ({"quote": QUOTE, "source_note": "a blog", "confidence": "secondary"}, "`quote` needs the `source`"),
        ({"source": URL, "confidence": "secondary"}, "needs a `source_note` saying why"),
        ({"source_note": "a blog"}, "needs confidence: secondary or unconfirmed"),
    ],
)
def test_evidence_that_cannot_be_checked_is_rejected(raw: dict, problem: str) -> None:
    with pytest.raises(ValueError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        Evidence.model_validate({"verified": dt.date(2026, 12, 3), **raw})


def test_a_missing_quote_is_one_line_naming_file_entry_and_field(tmp_path: Path) -> None:
    path = tmp_path / "data" / "facts" / "compute.yml"
    path.parent.mkdir(parents=True)
    path.write_text(
        f"facts:\n  - id: lambda-max-timeout\n    value: 15 minutes\n    title: Lambda quotas\n"
        f"    verified: 2026-12-03\n    source: {URL}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load(path, FactFile, root=tmp_path)
    message = str(caught.value)
    assert message.startswith("data/facts/compute.yml: entry facts[0] (lambda-max-timeout), field -: an official row needs `quote`")
    assert "\n" not in message


def test_every_official_row_in_data_is_quoted() -> None:
    """The real data, read as the build reads it: no official row without its quote."""
    rows = evidence_rows(load_project(ROOT, draft=True))
    assert len(rows) > 150
    assert [f"{r.file}: {r.entry}" for r in rows if r.evidence.confidence == "official" and not r.evidence.quote] == []


# --- Figures in prose come from data ----------------------------------------------------------------


def _page(body: str) -> str:
    return f"<html><body><article>{body}</article></body></html>"


def test_a_typed_aws_figure_is_found_with_its_context() -> None:
    found = figures.stray_figures(_page("<p>A Lambda function runs for at most 15 minutes and costs $0.20.</p>"), "compute/lambda/")
    assert [s.figure for s in found] == ["15 minutes", "$0.20"]
    assert str(found[0]).startswith("compute/lambda/: figure '15 minutes' typed in prose (…")


@pytest.mark.parametrize(
    "html",
    [
        '<p>It runs for at most <span class="fact" title="verified 2026-12-03">15 minutes</span>.</p>',
        '<div class="data-table"><table><tr><td>15 minutes</td></tr></table></div>',
        '<p class="worked">A company spends $50,000 a month.</p>',
        "<pre><code>timeout: 900 seconds</code></pre>",
        '<p class="from-data">Ends on 2027-01-01.</p>',
    ],
)
def test_figures_from_data_code_or_worked_arithmetic_are_not_stray(html: str) -> None:
    assert figures.stray_figures(_page(html), "p/") == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Support plans change in December 2025.", "December 2025"),
        ("Developer support ends on 2027-01-01.", "2027-01-01"),
        ("Messages up to 1 MiB.", "1 MiB"),
        ("Business costs 10% of spend.", "10%"),
        ("A hand-typed table: <table><tr><td>5 VPCs</td></tr></table>", "5 VPCs"),
    ],
)
def test_each_kind_of_aws_figure_is_caught(text: str, figure: str) -> None:
    assert [s.figure for s in figures.stray_figures(_page(f"<p>{text}</p>"), "p/")] == [figure]


def test_the_built_site_has_no_stray_figure(site_build: Build) -> None:
    assert [str(s) for s in figures.scan_site(site_build.site)] == []


# --- Notices under every name of a changed service ---------------------------------------------------


def _changes() -> lifecycle.Lifecycle:
    return lifecycle.Lifecycle.model_validate({
        "as_of": dt.date(2026, 12, 3),
        "entries": [{
            "id": "snowball-edge", "service": "AWS Snowball Edge", "change": "closed_to_new_customers",
            "date": dt.date(2025, 11, 7), "summary": "Existing customers only.",
            "identify": ["Snowball", "Snow Family"], "not_this": ["Snow Family Large Data Migration Manager"],
            "verified": dt.date(2026, 12, 3), "source": URL, "quote": QUOTE,
        }],
    })


@pytest.mark.parametrize(
    "text",
    ["Ship it on the Snow\nFamily.", "Order two Snowballs.", "the Snow Family's devices", "<td>Snowball</td>"],
)
def test_an_alias_plural_or_wrapped_name_without_its_notice_is_found(text: str) -> None:
    assert [entry.id for entry, _ in lifecycle.unflagged_in_markdown(_changes(), text)] == ["snowball-edge"]


@pytest.mark.parametrize(
    "text",
    [
        "Use the Snow Family.\n\n[:material-calendar-alert: AWS Snowball Edge: closed](../changes.md#snowball-edge){ .lifecycle-notice }",
        "Run `aws snowball list-jobs` in a shell.",
        "See [the page](../migration/snowball-edge.md).",
        "```\nsnowball\nSnowball\n```",
        "The Snow Family Large Data Migration Manager plans jobs.",
        "A snowballing cost.",
    ],
)
def test_a_notice_code_a_link_target_or_a_look_alike_needs_no_notice(text: str) -> None:
    assert lifecycle.unflagged_in_markdown(_changes(), text) == []


@pytest.mark.slow
def test_a_page_naming_a_changed_service_by_an_alias_fails_the_build(project_copy: Path) -> None:
    page = project_copy / "docs" / "storage" / "storage-gateway.md"
    text = page.read_text(encoding="utf-8")
    entry = next(e for e in load_project(project_copy, draft=True).changes.entries if "Snow Family" in e.identify)
    text = text.replace(f'{{{{ notice("{entry.id}") }}}}', "")
    page.write_text(text + "\nLarge offline moves once went by the Snow Family.\n", encoding="utf-8")
    build = run_build(project_copy)
    assert build.returncode == 1
    assert "Traceback" not in build.output
    errors = [line for line in build.output.splitlines() if line.startswith("ERROR") and "Snow Family" in line]
    assert errors == [
        f"ERROR   -  docs/storage/storage-gateway.md: names 'Snow Family' (data/lifecycle.yml entry {entry.id!r}) "
        f'without its notice: add {{{{ notice("{entry.id}") }}}} where the page first discusses it '
        "(with render_macros: true), or add the term to the entry's `not_this` if it means something else here"
    ]


# --- Dated transitions --------------------------------------------------------------------------------


def test_transitions_after_as_of_are_listed_soonest_first() -> None:
    data = load_project(ROOT, draft=True)
    changes = _changes().model_copy(update={"entries": [
        _changes().entries[0].model_copy(update={"id": "a", "date": dt.date(2027, 3, 1)}),
        _changes().entries[0].model_copy(update={"id": "b", "date": dt.date(2026, 1, 1),
                                                  "then": lifecycle.Step(change="retired", date=dt.date(2027, 2, 1))}),
    ]})
    listed = [(t.entry, t.date.isoformat()) for t in transitions(_only(data, changes)) if t.file == lifecycle.FILE]
    assert listed == [("b.then", "2027-02-01"), ("a", "2027-03-01")]  # b itself (2026-01-01) is past as_of


def _only(data: ProjectData, changes: lifecycle.Lifecycle) -> ProjectData:
    return replace(data, changes=changes, facts={})


def test_quotes_are_evidence_for_reviewers_never_page_text(site_build: Build) -> None:
    """A quote is AWS's words, kept in data/ for citation; the site says everything in its own."""
    import html
    import re

    text = " ".join(
        html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
        for page in site_build.site.rglob("*.html")
    )
    text = " ".join(text.split())
    quotes = [" ".join(r.evidence.quote.split()) for r in evidence_rows(load_project(ROOT)) if r.evidence.quote]
    assert len(quotes) > 150
    assert [q for q in quotes if len(q.split()) >= 8 and q in text] == []
