"""What the calendar has made wrong or old: announced changes whose day has come while the site
still shows them as upcoming, and data rows and pages nobody has checked for six months.

Run by `make freshness` (`DATE=YYYY-MM-DD` picks the day, today by default). It exits 1 when a
transition is due, so a scheduled job can open an issue; the stale rows are a reading list and do
not change the exit code. The site itself never reads the clock: this report is the only place the
day matters. Data is read through the build's own models (macros.project).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros._errors import DataError  # noqa: E402
from macros.project import EvidenceRow, Transition, evidence_rows, load_project, transitions  # noqa: E402

MONTHS = 6


@dataclass(frozen=True)
class Dated:
    """One row (or page) and the day a person last checked it against its source."""

    file: str
    entry: str
    checked: dt.date
    source: str


def cutoff(today: dt.date, months: int = MONTHS) -> dt.date:
    """The same day `months` calendar months earlier (the last day of the month if it is shorter)."""
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - dt.timedelta(days=1)).day
    return dt.date(year, month, min(today.day, last_day))


def stale(rows: list[Dated], today: dt.date, months: int = MONTHS) -> list[Dated]:
    """The rows last checked before the cutoff, oldest first."""
    limit = cutoff(today, months)
    return sorted((row for row in rows if row.checked < limit), key=lambda row: (row.checked, row.file, row.entry))


def due(found: list[Transition], day: dt.date) -> list[Transition]:
    """The transitions dated on or before `day`: the site still calls them upcoming."""
    return [t for t in found if t.date <= day]


def data_rows(rows: list[EvidenceRow]) -> list[Dated]:
    return [
        Dated(r.file, r.entry, r.evidence.verified, str(r.evidence.source or r.evidence.source_note or ""))
        for r in rows
    ]


def page_reviews(root: Path = ROOT) -> list[Dated]:
    """Every page in docs/ whose front matter has a `reviewed` date."""
    rows: list[Dated] = []
    for path in sorted((root / "docs").rglob("*.md")):
        meta = _front_matter(path)
        reviewed = meta.get("reviewed")
        if isinstance(reviewed, dt.date):
            sources = meta.get("sources") or [{}]
            first = sources[0].get("url", "") if isinstance(sources[0], dict) else ""
            rows.append(Dated(path.relative_to(root).as_posix(), "page", reviewed, str(first)))
    return rows


def report(today: dt.date, found: list[Transition], rows: list[Dated], pages: list[Dated], months: int = MONTHS) -> str:
    passed = due(found, today)
    old_rows, old_pages = stale(rows, today, months), stale(pages, today, months)
    lines = [f"Transitions due by {today.isoformat()}: {len(passed)}"]
    lines.extend(f"  {t}" for t in passed)
    if passed:
        lines += [
            "  Check each source: if the change happened, update the entry (its change and date, or the plan's",
            "  state) and `as_of`, and reword pages that say it is still to come.",
        ]
    lines += ["", f"Checked before {cutoff(today, months).isoformat()} ({months} months before {today.isoformat()}):"]
    lines.append(f"Data rows: {len(old_rows)}")
    lines.extend(f"  {r.file}: {r.entry}: verified {r.checked.isoformat()}  {r.source}" for r in old_rows)
    lines.append(f"Pages: {len(old_pages)}")
    lines.extend(f"  {p.file}: reviewed {p.checked.isoformat()}  {p.source}" for p in old_pages)
    if old_rows or old_pages:
        lines += ["", "Open each source, check the fact, then update it and its `verified` (or `reviewed`) date."]
    return "\n".join(lines)


def _front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    if end == -1:
        return {}
    try:
        meta = yaml.safe_load(text[4:end])
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the day to measure from, YYYY-MM-DD (default: today)")
    parser.add_argument("--months", type=int, default=MONTHS, help="how old is too old (default: 6)")
    args = parser.parse_args(argv)
    try:
        data = load_project(ROOT)
    except DataError as error:
        print(error, file=sys.stderr)
        return 2
    found = transitions(data)
    print(report(args.date, found, data_rows(evidence_rows(data)), page_reviews(ROOT), args.months))
    return 1 if due(found, args.date) else 0


if __name__ == "__main__":
    sys.exit(main())
