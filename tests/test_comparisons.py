"""Comparison tables: rows must fit the columns, AWS facts need sources, values are escaped."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from macros import comparisons

SOURCE = {"verified": dt.date(2026, 11, 22), "source": "https://docs.aws.amazon.com/x.html", "quote": "gp3 volumes"}


def table(kind: str = "aws-facts", rows: list[dict] | None = None) -> comparisons.Comparison:
    rows = rows if rows is not None else [{"cells": ["gp3", 16000], **SOURCE}]
    return comparisons.Comparison.model_validate(
        {"caption": "EBS", "kind": kind, "columns": ["Type", "Max IOPS"], "rows": rows}
    )


def shown(fragment: object) -> str:
    return " ".join(BeautifulSoup(str(fragment), "html.parser").get_text().split())


def test_renders_integers_with_separators_and_sources_under_the_table() -> None:
    html = comparisons.render({"ebs": table()}, "ebs", "https://example.org/edit/main/data/comparisons/ebs.yml")
    soup = BeautifulSoup(html, "html.parser")
    assert "<td>16,000</td>" in html
    assert "<caption>EBS</caption>" in html
    assert [th.get_text() for th in soup.select("thead th")] == ["Type", "Max IOPS"]  # no Source column
    assert shown(soup.select_one("p.data-footer")) == "Sources: AWS (1) · verified 2026-11-22 · Data: data/comparisons/ebs.yml"
    links = [a["href"] for a in soup.select("p.data-footer a")]
    assert links == ["https://docs.aws.amazon.com/x.html", "https://example.org/edit/main/data/comparisons/ebs.yml"]
    assert soup.select_one("details") is None  # one row, one source: the line says it all


def row(name: str, **evidence: object) -> dict:
    return {"cells": [name, 1], **SOURCE, **evidence}


def test_sources_are_numbered_once_aws_first_and_listed_row_by_row() -> None:
    rows = [
        row("gp3", source="https://github.com/awsdocs/ebs/x.md"),
        row("io2", see_also=["https://docs.aws.amazon.com/y.html"]),
        row("st1", source="https://docs.aws.amazon.com/y.html", verified=dt.date(2026, 10, 1)),
        row("sc1", source="https://blog.example.com/z", source_note="A blog, not AWS; searched twice.", confidence="secondary", quote=None),
        row("gp2", source=None, source_note="Only in study notes; nothing found online.", confidence="unconfirmed", quote=None),
    ]
    html = comparisons.render({"ebs": table(rows=rows)}, "ebs", "https://example.org/e")
    soup = BeautifulSoup(html, "html.parser")
    line = shown(soup.select_one("p.data-footer"))
    assert line == "Sources: AWS (1) (2); AWS on GitHub (3); blog.example.com (4) · verified 2026-11-22 · Data: data/comparisons/ebs.yml"
    assert line.count("verified") == 1
    assert [shown(li) for li in soup.select("details.data-sources li")] == [
        "gp3: (3)",
        "io2: (1) (2)",
        "st1: (2); verified 2026-10-01",  # the only row checked on another day carries its own date
        "sc1: (4) (secondary source)",
        "gp2: no page to link (unconfirmed)",
    ]
    # Readers see the confidence beside the row it qualifies; the research notes never reach the page.
    headers = [shown(th) for th in soup.select("tbody th")]
    assert headers == ["gp3", "io2", "st1", "sc1 (secondary source)", "gp2 (unconfirmed)"]
    assert "searched twice" not in html and "study notes" not in html


def test_rows_on_the_same_page_need_no_list() -> None:
    html = comparisons.render({"ebs": table(rows=[row("gp3"), row("io2")])}, "ebs", "https://example.org/e")
    assert "<details" not in html and shown(html).endswith("Sources: AWS (1) · verified 2026-11-22 · Data: data/comparisons/ebs.yml")


def test_dates_and_prices_in_cells_never_break() -> None:
    rows = [{"cells": ["Ends 2024-11-12", "$1,234.50 a month, then $0.09 per GB"]}]
    html = comparisons.render({"t": table("general", rows)}, "t", "u")
    assert '<th scope="row">Ends <span class="nowrap">2024-11-12</span></th>' in html
    assert '<td><span class="nowrap">$1,234.50</span> a month, then <span class="nowrap">$0.09</span> per GB</td>' in html


def test_a_row_must_fit_the_columns() -> None:
    with pytest.raises(ValidationError, match=r"row 0 \(gp3\) has 3 cells for 2 columns"):
        table(rows=[{"cells": ["gp3", 1, 2], **SOURCE}])


def test_aws_facts_need_a_source_but_general_knowledge_does_not() -> None:
    with pytest.raises(ValidationError, match="states AWS facts"):
        table(rows=[{"cells": ["gp3", 1]}])
    html = comparisons.render({"osi": table("general", [{"cells": ["Physical", 1]}])}, "osi", "u")
    assert "Source" not in html and "verified" not in html and shown(html).endswith("Data: data/comparisons/osi.yml")


def test_values_are_escaped() -> None:
    html = comparisons.render({"t": table("general", [{"cells": ["<script>|*x*", 1]}])}, "t", "u")
    assert "&lt;script&gt;|*x*" in html and "<script>" not in html


def test_unknown_table_raises() -> None:
    with pytest.raises(KeyError, match="unknown comparison table 'ebz'"):
        comparisons.render({"ebs": table()}, "ebz", "u")
