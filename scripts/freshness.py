"""List the facts nobody has checked for six months: every data row whose `verified` date is older
than six months before a given day (today by default), and every page whose `reviewed` date is.

A report for people, run by `make freshness`; it always exits 0, and no build or test depends on
the calendar.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
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


def data_rows(root: Path = ROOT) -> list[Dated]:
    """Every mapping with a `verified` date in every YAML file under data/."""
    rows: list[Dated] = []
    for path in sorted((root / "data").rglob("*.yml")):
        name = path.relative_to(root).as_posix()
        rows.extend(Dated(name, entry, checked, source) for entry, checked, source in _walk(_read(path), ""))
    return rows


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


def report(today: dt.date, root: Path = ROOT, months: int = MONTHS) -> str:
    rows = stale(data_rows(root), today, months)
    pages = stale(page_reviews(root), today, months)
    limit = cutoff(today, months).isoformat()
    lines = [f"Checked before {limit} ({months} months before {today.isoformat()}):", ""]
    lines.append(f"Data rows: {len(rows)}")
    lines.extend(f"  {r.file}: {r.entry}: verified {r.checked.isoformat()}  {r.source}" for r in rows)
    lines.append(f"Pages: {len(pages)}")
    lines.extend(f"  {p.file}: reviewed {p.checked.isoformat()}  {p.source}" for p in pages)
    if rows or pages:
        lines += ["", "Open each source, check the fact, then update it and its `verified` (or `reviewed`) date."]
    return "\n".join(lines)


def _read(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        print(f"{path}: not valid YAML, skipped ({error.__class__.__name__})", file=sys.stderr)
        return None


def _walk(node: Any, where: str) -> Iterator[tuple[str, dt.date, str]]:
    """(entry label, verified, source) for every dated mapping, however deep it sits."""
    if isinstance(node, dict):
        verified = node.get("verified")
        if isinstance(verified, dt.date):
            source = node.get("source") or node.get("source_note") or ""
            yield where or "(top level)", verified, str(source)
        for key, value in node.items():
            if key != "verified":
                yield from _walk(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, f"{where}[{index}]{_label(item)}")


def _label(item: Any) -> str:
    if not isinstance(item, dict):
        return ""
    label = item.get("id") or item.get("name")
    if label is None and isinstance(item.get("cells"), list) and item["cells"]:
        label = item["cells"][0]
    return f" ({label})" if label is not None else ""


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
    print(report(args.date, months=args.months))
    return 0


if __name__ == "__main__":
    sys.exit(main())
