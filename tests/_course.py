"""A fingerprint of the AWS course notes (seed 003), so the copy check runs without the notes.

The notes are AWS training material marked "do not copy": the repository must not hold their
text, yet CI must still prove no page repeats ten of their words in a row. The fingerprint is the
first 16 hex digits of the SHA-256 of every run of ten consecutive words, which says whether a run
occurs without revealing it. Regenerate it when the seed changes:

    .venv/bin/python -m tests._course ../shared/seeds/003_*.txt > tests/course-003.fingerprint
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

RUN = 10  # words in a row that count as copying
FINGERPRINT = Path(__file__).with_name("course-003.fingerprint")
WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))


def run_hash(run: Iterable[str]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def runs(text_words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(text_words[i : i + RUN]) for i in range(len(text_words) - RUN + 1)]


def fingerprint(text: str) -> list[str]:
    return sorted({run_hash(run) for run in runs(words(text))})


def load() -> set[str]:
    return set(FINGERPRINT.read_text(encoding="ascii").split())


if __name__ == "__main__":
    source = Path(sys.argv[1]).read_text(encoding="utf-8", errors="replace")
    sys.stdout.write("".join(f"{digest}\n" for digest in fingerprint(source)))
