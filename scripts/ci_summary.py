"""Turn the output of `make test` into a short Markdown job summary that names the files to fix.

CI pipes the log through this when a run fails: `python scripts/ci_summary.py test-output.log`.
Standard library only, so it runs with any Python 3.11, before or without the virtual environment.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# A path into the repository, as the build, the linters and pytest print it, then ":" and maybe a line.
FILE_REF = re.compile(
    r"(?P<file>(?:docs|data|macros|tests|scripts|templates|includes|overrides|\.github)/[\w./-]+"
    r"\.(?:md|ya?ml|py|html|css|toml|txt)):(?P<line>\d+)?"
)
# MkDocs names pages relative to docs/: "Doc file 'storage/s3.md' contains a link ...".
DOC_REF = re.compile(r"\b[Dd]oc(?: file)? '(?P<page>[^']+\.md)'")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
PYTEST_PREFIX = re.compile(r"^E\s+")  # pytest marks the lines of an assertion message with "E   "
MAX_LINES = 40


def problem_lines(log: str, root: str = "") -> list[str]:
    """The lines that say what went wrong: build errors and warnings, lint findings, failed tests."""
    found: list[str] = []
    for raw in log.splitlines():
        line = PYTEST_PREFIX.sub("", ANSI.sub("", raw)).strip()
        if root:
            line = line.replace(root.rstrip("/") + "/", "")
        if not line or line in found:
            continue
        if line.startswith(("ERROR", "WARNING", "FAILED ", "make: ***")) or FILE_REF.search(line) or DOC_REF.search(line):
            found.append(line)
    return found


def files_named(lines: list[str]) -> list[str]:
    """Each repository file the problem lines name: pages and data first (where the fix usually is),
    then tests, each group in the order the files first appear."""
    files: list[str] = []
    for line in lines:
        named = [m["file"] for m in FILE_REF.finditer(line)] + [f"docs/{m['page']}" for m in DOC_REF.finditer(line)]
        files.extend(file for file in named if file not in files)
    return sorted(files, key=lambda file: file.startswith("tests/"))


def summary(log: str, root: str = "") -> str:
    """The job summary: the files to look at first, then the lines that name them."""
    lines = problem_lines(log, root)
    if not lines:
        return (
            "## `make test` failed\n\n"
            "No line of the log names a file; open the `make test` step and read its last lines.\n"
        )
    parts = ["## `make test` failed\n"]
    files = files_named(lines)
    if files:
        parts.append("Files named in the output (start with the first):\n")
        parts.extend(f"- `{file}`" for file in files)
        parts.append("")
    shown = lines[:MAX_LINES]
    more = len(lines) - len(shown)
    parts.append("What the checks said:\n")
    parts.append("```text")
    parts.extend(line.replace("```", "'''") for line in shown)
    parts.append("```")
    if more:
        parts.append(f"\n…and {more} more line{'s' if more > 1 else ''} in the log of the `make test` step.")
    parts.append("\nCONTRIBUTING.md, section *Reading CI messages*, explains each kind of message.")
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: ci_summary.py LOGFILE", file=sys.stderr)
        return 2
    path = Path(argv[1])
    log = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    print(summary(log, root=str(Path.cwd())), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
