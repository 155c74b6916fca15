"""Report the evidence behind every sourced row in data/: how many rows are official with a quote,
which official rows still lack one, and which are secondary or unconfirmed.

Reads data/ through the same models as the build (macros.project), in draft mode so that rows
without a quote are listed instead of stopping at the first. `--missing` lists only what still
needs a quote; the exit code is 1 while any official row lacks one.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros._errors import DataError  # noqa: E402
from macros.project import evidence_rows, load_project  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="only rows from these data files (paths under data/)")
    parser.add_argument("--missing", action="store_true", help="list only official rows without a quote")
    args = parser.parse_args(argv)
    try:
        rows = evidence_rows(load_project(ROOT, draft=True))
    except DataError as error:
        print(error, file=sys.stderr)
        return 2
    wanted = {Path(f).as_posix().removeprefix("./") for f in args.files}
    rows = [row for row in rows if not wanted or row.file in wanted]
    counts: Counter[str] = Counter()
    missing = 0
    for row in rows:
        ev = row.evidence
        verdict = ev.confidence if ev.confidence != "official" else ("quoted" if ev.quote else "NO QUOTE")
        counts[verdict] += 1
        missing += verdict == "NO QUOTE"
        if not args.missing or verdict == "NO QUOTE":
            print(f"{row.file}: {row.entry}: {verdict}  {ev.source or ''}")
    print(f"{len(rows)} rows: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
