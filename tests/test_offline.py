"""The offline copy: its configuration stays mkdocs.yml plus the offline plugin, the links the macros
write as raw HTML follow the URL style, and `make offline` and the release workflow ship the zip."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from macros import questions
from sitetools.build import ROOT

OFFLINE = ROOT / "mkdocs-offline.yml"


def config(path: Path) -> dict:
    with path.open(encoding="utf-8") as file:
        return yaml_load(file)  # MkDocs' own loader: INHERIT merged, !!python/name resolved


def test_the_offline_config_is_the_site_config_with_the_offline_plugin() -> None:
    lines = [line for line in OFFLINE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert lines[0] == "INHERIT: mkdocs.yml"
    site, offline = config(ROOT / "mkdocs.yml"), config(OFFLINE)
    # MkDocs replaces an inherited list, so mkdocs-offline.yml repeats the plugins: they must not drift.
    assert offline["plugins"] == [*site["plugins"], "offline"]
    assert offline["use_directory_urls"] is False
    assert {key: value for key, value in offline.items() if key not in ("plugins", "use_directory_urls", "extra")} == \
        {key: value for key, value in site.items() if key not in ("plugins", "extra")}
    # The search worker's stand-in is ours, on disk: nothing is loaded from unpkg.com or any other host.
    polyfills = offline["extra"]["polyfills"]
    assert polyfills == ["javascripts/offline-iframe-worker.js"] and (ROOT / "docs" / polyfills[0]).is_file()
    assert "iframe-worker" in polyfills[0]  # else Material's offline plugin adds its own, from unpkg.com


@pytest.mark.parametrize(
    ("page_url", "section", "directory_urls", "link"),
    [
        ("compute/ec2/", "storage/s3.md#s3-versioning", True, "../../storage/s3/#s3-versioning"),
        ("compute/ec2.html", "storage/s3.md#s3-versioning", False, "../storage/s3.html#s3-versioning"),
        ("compute/ec2/", "compute/ec2.md#instances", True, "#instances"),
        ("compute/ec2.html", "compute/ec2.md#instances", False, "ec2.html#instances"),
        ("compute/ec2/", "databases/index.md#types", True, "../../databases/#types"),
        ("compute/ec2.html", "databases/index.md#types", False, "../databases/index.html#types"),
        ("index.html", "index.md#start", False, "index.html#start"),
        ("", "index.md#start", True, "#start"),
    ],
)
def test_question_links_follow_the_url_style(page_url: str, section: str, directory_urls: bool, link: str) -> None:
    assert questions._url(page_url, section, directory_urls) == link


def test_the_exam_finds_its_bank_and_answers_in_either_url_style() -> None:
    def settings(page_url: str, directory_urls: bool) -> dict:
        html = questions.render_exam(page_url, [(1, "Cloud Concepts", 24)], 65, directory_urls)
        return json.loads(re.search(r'id="practice-settings">(.*?)</script>', html).group(1))

    assert (settings("practice/", True)["bank"], settings("practice/", True)["root"]) == ("bank.js", "../")
    assert (settings("practice/index.html", False)["bank"], settings("practice/index.html", False)["root"]) == ("bank.js", "../")
    question = questions.Question.model_validate({
        "id": "q1", "task": "1.1", "stem": "Which one?", "section": "storage/index.md#classes",
        "reviewed": dt.date(2026, 12, 3), "options": [{"text": t, "correct": t == "a", "why": "Because."} for t in "abcd"]})
    assert questions._question_json(question, True)["u"] == "storage/#classes"
    assert questions._question_json(question, False)["u"] == "storage/index.html#classes"
    assert questions._page_path("storage/index.md", True) == "storage/"
    assert questions._page_path("storage/index.md", False) == "storage/index.html"
    assert questions._page_path("index.md", True) == ""
    assert questions._page_path("storage/s3.md", False) == "storage/s3.html"


def test_make_offline_builds_and_zips_the_offline_copy() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^offline:.*?\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "--config-file mkdocs-offline.yml" in recipe and "--strict" in recipe and "site-offline" in recipe
    assert "aws-cloud-notes-offline.zip" in makefile and "-m zipfile -c" in recipe
    assert "`make offline`" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_each_published_release_gets_the_zip() -> None:
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    on = flow[True] if True in flow else flow["on"]
    assert on["release"] == {"types": ["published"]} and "workflow_dispatch" in on
    job = flow["jobs"]["offline"]
    assert job["permissions"] == {"contents": "write"} and flow["permissions"] == {"contents": "read"}
    runs = [step.get("run", "") for step in job["steps"]]
    assert "make offline" in runs
    upload = next(step for step in job["steps"] if "gh release upload" in step.get("run", ""))
    assert upload["if"] == "github.event_name == 'release'"
    assert "aws-cloud-notes-offline.zip" in upload["run"]
