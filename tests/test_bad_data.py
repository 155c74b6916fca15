"""A bad data file stops the build with one line naming the file, the entry and the field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from macros import cidr, snow_family, support_plans
from macros._data import load
from macros._errors import DataError
from sitetools.build import ROOT, run_build

MODELS = {
    "data/cidr.yml": cidr.CidrData,
    "data/snow_family.yml": snow_family.SnowFamily,
    "data/support_plans.yml": support_plans.SupportPlans,
}


@dataclass(frozen=True)
class Defect:
    file: str
    old: str  # text in the real file ...
    new: str  # ... replaced by this
    message: str  # the line the build must print


DEFECTS = {
    "broken YAML": Defect(
        "data/support_plans.yml", "example_spends_usd: [1000,", "example_spends_usd: [[1000,",
        "data/support_plans.yml: entry line 2",
    ),
    "missing field": Defect(
        "data/snow_family.yml", "      state: discontinued\n      since: 2024-11-12\n", "      since: 2024-11-12\n",
        "data/snow_family.yml: entry devices[0] (snowcone-hdd), field status.state: required field is missing",
    ),
    "string where a number belongs": Defect(
        "data/cidr.yml", "reserved_per_subnet: 5", 'reserved_per_subnet: "5"',
        "data/cidr.yml: entry vpc, field reserved_per_subnet: Input should be a valid integer",
    ),
    "negative rate": Defect(
        "data/support_plans.yml", "{rate_percent: 10, up_to_usd: 10000}", "{rate_percent: -10, up_to_usd: 10000}",
        "data/support_plans.yml: entry plans[2] (business), field pricing.tiers.0.rate_percent: "
        "Input should be greater than or equal to 0",
    ),
    "tiers out of order": Defect(
        "data/support_plans.yml", "{rate_percent: 7, up_to_usd: 80000}", "{rate_percent: 7, up_to_usd: 8000}",
        "data/support_plans.yml: entry plans[2] (business), field pricing: "
        "tiers must be listed in order of up_to_usd, each above the one before",
    ),
    "unknown status": Defect(
        "data/snow_family.yml", "state: retired", "state: sold_out",
        "data/snow_family.yml: entry devices[5] (snowmobile), field status.state: Input should be 'available'",
    ),
    "unknown field": Defect(
        "data/cidr.yml", "reserved_per_subnet: 5", "reserved_per_subnet: 5\n  reserverd: 6",
        "data/cidr.yml: entry vpc, field reserverd: unknown field (a typo?)",
    ),
    "fact without a source": Defect(
        "data/cidr.yml", "  source: https://docs.amazonaws.cn/goto/SdkForKotlin/ec2-2016-11-15/CreateSubnet\n", "",
        "data/cidr.yml: entry -, field vpc: a fact with only a `source_note` needs confidence: secondary or unconfirmed",
    ),
    "date that is not a date": Defect(
        "data/snow_family.yml", "as_of: 2026-12-03", "as_of: last week",
        "data/snow_family.yml: entry -, field as_of: expected a date written as YYYY-MM-DD",
    ),
}


def _break(project: Path, defect: Defect) -> None:
    path = project / defect.file
    text = path.read_text(encoding="utf-8")
    assert defect.old in text, f"the real {defect.file} no longer contains {defect.old!r}; update the test"
    path.write_text(text.replace(defect.old, defect.new, 1), encoding="utf-8")


@pytest.mark.parametrize("name", DEFECTS)
def test_loader_names_file_entry_and_field(name: str, tmp_path: Path) -> None:
    defect = DEFECTS[name]
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    (project / defect.file).write_text((ROOT / defect.file).read_text(encoding="utf-8"), encoding="utf-8")
    _break(project, defect)
    with pytest.raises(DataError) as caught:
        load(project / defect.file, MODELS[defect.file], root=project)
    assert str(caught.value).startswith(defect.message)
    assert "\n" not in str(caught.value)


@pytest.mark.slow
@pytest.mark.parametrize("name", DEFECTS)
def test_build_stops_with_one_line_and_no_traceback(name: str, project_copy: Path) -> None:
    defect = DEFECTS[name]
    _break(project_copy, defect)
    build = run_build(project_copy)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    error_lines = [line for line in build.output.splitlines() if defect.file in line]
    assert len(error_lines) == 1, build.output
    assert error_lines[0].startswith("ERROR"), build.output
    assert defect.message in error_lines[0]
