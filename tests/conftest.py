"""Shared fixtures: one session-scoped build of the real site, and throwaway copies of the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitetools.build import ROOT, Build, copy_project, run_build


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once for every test that reads it."""
    build = run_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")
