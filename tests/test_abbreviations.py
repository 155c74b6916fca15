"""Each abbreviation is explained (its expansion in a title) once per page, at its first use."""

from __future__ import annotations

from collections import Counter

from hooks.abbreviations import ABBR, first_occurrences_only
from sitetools.build import Build

AZ = '<abbr title="Availability Zone">AZ</abbr>'
VPC = '<abbr title="Virtual private cloud">VPC</abbr>'


def test_later_occurrences_become_plain_text() -> None:
    html = f"<p>An {AZ} is one or more data centers.</p><p>Each {VPC} spans every {AZ} of a Region; one {AZ}.</p>"
    assert first_occurrences_only(html) == (
        f"<p>An {AZ} is one or more data centers.</p><p>Each {VPC} spans every AZ of a Region; one AZ.</p>"
    )


def test_each_term_keeps_its_own_first_occurrence() -> None:
    html = f"{VPC} {AZ} {VPC} {AZ}"
    assert first_occurrences_only(html) == f"{VPC} {AZ} VPC AZ"


def test_a_page_without_abbreviations_is_unchanged() -> None:
    html = '<p title="x">No <em>abbreviations</em> here.</p>'
    assert first_occurrences_only(html) == html


def test_built_pages_explain_each_abbreviation_once(site_build: Build) -> None:
    repeated = {}
    for path in site_build.site.rglob("*.html"):
        counts = Counter(ABBR.findall(path.read_text(encoding="utf-8")))
        repeated.update({f"{path.relative_to(site_build.site)}: {term}": n for term, n in counts.items() if n > 1})
    assert repeated == {}
    vpc_page = (site_build.site / "networking" / "vpc" / "index.html").read_text(encoding="utf-8")
    assert vpc_page.count(VPC) == 1 and vpc_page.count("VPC") > 20  # the term stays, explained once
