"""Comparison tables: rows must fit the columns, AWS facts need sources, values are escaped."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from macros import comparisons

SOURCE = {"verified": dt.date(2026, 11, 22), "source": "https://docs.aws.amazon.com/x.html", "quote": "gp3 volumes"}


def table(kind: str = "aws-facts", rows: list[dict] | None = None) -> comparisons.Comparison:
    rows = rows if rows is not None else [{"cells": ["gp3", 16000], **SOURCE}]
    return comparisons.Comparison.model_validate(
        {"caption": "EBS", "kind": kind, "columns": ["Type", "Max IOPS"], "rows": rows}
    )


def test_renders_integers_with_separators_and_a_source_column() -> None:
    html = comparisons.render({"ebs": table()}, "ebs", "https://example.org/edit/main/data/comparisons/ebs.yml")
    assert "<td>16,000</td>" in html
    assert '<a href="https://docs.aws.amazon.com/x.html">source</a>, verified 2026-11-22' in html
    assert "<caption>EBS</caption>" in html
    assert "data/comparisons/ebs.yml" in html


def test_a_row_must_fit_the_columns() -> None:
    with pytest.raises(ValidationError, match=r"row 0 \(gp3\) has 3 cells for 2 columns"):
        table(rows=[{"cells": ["gp3", 1, 2], **SOURCE}])


def test_aws_facts_need_a_source_but_general_knowledge_does_not() -> None:
    with pytest.raises(ValidationError, match="states AWS facts"):
        table(rows=[{"cells": ["gp3", 1]}])
    assert "Source" not in comparisons.render({"osi": table("general", [{"cells": ["Physical", 1]}])}, "osi", "u")


def test_values_are_escaped() -> None:
    html = comparisons.render({"t": table("general", [{"cells": ["<script>|*x*", 1]}])}, "t", "u")
    assert "&lt;script&gt;|*x*" in html and "<script>" not in html


def test_unknown_table_raises() -> None:
    with pytest.raises(KeyError, match="unknown comparison table 'ebz'"):
        comparisons.render({"ebs": table()}, "ebz", "u")
