"""Build the real project, or a throwaway copy of it, exactly as `make build` does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "macros", "data", "includes", "overrides")


@dataclass(frozen=True)
class Build:
    """The result of one `mkdocs build --strict` run."""

    project: Path
    site: Path
    returncode: int
    output: str

    def html(self, page: str) -> BeautifulSoup:
        """Parsed HTML of a built page, by its URL path (e.g. 'networking/ip-addressing/')."""
        return BeautifulSoup((self.site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def run_build(project: Path, site: Path | None = None, env: dict[str, str] | None = None,
              config: str = "mkdocs.yml") -> Build:
    """Build `project` strictly in a subprocess, as `make build` does, and keep all its output.

    `config` is the configuration file in `project`: "mkdocs-offline.yml" builds the offline copy."""
    site = site or project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
         "--config-file", str(project / config), "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)


def copy_project(destination: Path) -> Path:
    """A copy of everything the build reads, to break or change without touching the real repo."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination
