"""Check that every external source URL still answers: `source` and `see_also` in data/, and
`sources` in page front matter. Run by `make linkcheck`; needs the network, so CI does not run it.

Exits 1 if a URL is broken, 0 if all answer, and 0 with a note when no network can be reached
(nothing was checked, which is not a failure of the site).
"""

from __future__ import annotations

import socket
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from freshness import ROOT, _front_matter  # a sibling script, not a package

sys.path.insert(0, str(ROOT))
from macros.project import evidence_rows, load_project

TIMEOUT = 15
USER_AGENT = "aws-cloud-notes-linkcheck/1 (+https://github.com/aws-cloud-notes/aws-cloud-notes)"
URL_KEYS = {"source", "see_also", "url"}


def collect(root: Path = ROOT) -> dict[str, list[str]]:
    """Every external URL, with the files that cite it."""
    where: dict[str, list[str]] = defaultdict(list)
    for row in evidence_rows(load_project(root)):
        for url in [row.evidence.source, *row.evidence.see_also]:
            if url is not None:
                where[str(url)].append(row.file)
    for path in sorted((root / "docs").rglob("*.md")):
        for url in _urls(_front_matter(path).get("sources")):
            where[url].append(path.relative_to(root).as_posix())
    return {url: sorted(set(files)) for url, files in sorted(where.items())}


def online(urls: list[str]) -> bool:
    """True if at least one of the hosts can be reached at all."""
    for host in sorted({urlsplit(url).hostname or "" for url in urls})[:5]:
        try:
            socket.create_connection((host, 443), timeout=5).close()
            return True
        except OSError:
            continue
    return False


def check(url: str) -> str | None:
    """None if the URL answers with a success (after redirects), else what went wrong."""
    for method in ("HEAD", "GET"):  # some servers refuse HEAD; only then is a GET worth it
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT):
                return None
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 429, 501):
                continue
            return f"HTTP {error.code}"
        except (urllib.error.URLError, OSError) as error:
            return f"unreachable ({getattr(error, 'reason', error)})"
    return "no answer"


def main() -> int:
    cited = collect()
    urls = list(cited)
    if not urls:
        print("No source URLs found.")
        return 0
    if not online(urls):
        print(f"No network: none of the source hosts can be reached, so the {len(urls)} URLs were not checked.")
        return 0
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(urls, pool.map(check, urls), strict=True))
    broken = {url: problem for url, problem in results.items() if problem}
    for url, problem in broken.items():
        print(f"{', '.join(cited[url])}: {url}: {problem}")
    print(f"{len(urls) - len(broken)} of {len(urls)} source URLs answer; {len(broken)} broken.")
    return 1 if broken else 0


def _urls(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in URL_KEYS and isinstance(value, str) and value.startswith(("http://", "https://")):
                found.append(value)
            else:
                found.extend(_urls(value))
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, str) and item.startswith(("http://", "https://")):
                found.append(item)
            else:
                found.extend(_urls(item))
    return found


if __name__ == "__main__":
    sys.exit(main())
