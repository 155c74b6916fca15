"""One model of the data: one status vocabulary, one id syntax, and every reader of data/ goes
through macros.project (the typed models), never through raw YAML."""

from __future__ import annotations

import re
import typing

from macros import lifecycle, snow_family, support_plans
from macros._data import STATUS_LABELS
from sitetools.build import ROOT


def test_every_status_word_is_one_of_the_vocabulary() -> None:
    for name, kind in [("lifecycle change", lifecycle.Change), ("Snow device state", snow_family.Status),
                       ("support plan state", support_plans.PlanState)]:
        words = set(typing.get_args(kind))
        assert words and words <= set(STATUS_LABELS), (name, words - set(STATUS_LABELS))


def test_nothing_reads_data_files_as_raw_yaml() -> None:
    """Scripts, benchmarks, shared tools and tests load data/ through the models (one line per problem,
    the same checks as the build); only the strict loader's own tests feed it YAML text."""
    offenders = []
    for folder in ("scripts", "benchmarks", "sitetools", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if re.search(r"""["']data["']|data/""", text) and re.search(r"yaml\.(safe_)?load\(", text):
                for line_no, line in enumerate(text.splitlines(), 1):
                    if re.search(r"yaml\.(safe_)?load\(", line) and re.search(r"""["']data["']|data/|DATA""", line):
                        offenders.append(f"{path.relative_to(ROOT)}:{line_no}")
    assert offenders == []
