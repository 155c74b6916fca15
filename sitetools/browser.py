"""Find and launch a headless Chromium for the browser tests and the benchmark."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Playwright

# Names a Chromium-family browser goes by on Debian, Ubuntu, Fedora and with Google's packages.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Needed as root (no sandbox) and on a machine whose only network is loopback: without the
# background-networking flags Chromium keeps calling Google's hosts, which this setup refuses.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@dataclass(frozen=True)
class BrowserChoice:
    """Which browser to launch: an executable, Playwright's own (path None), or none and why."""

    path: str | None
    found: bool
    reason: str


def in_ci() -> bool:
    """True when the CI variable is set to anything but empty, "false" or "0"."""
    return os.environ.get("CI", "").strip().lower() not in ("", "false", "0")


def find_browser(playwright: Playwright) -> BrowserChoice:
    """BROWSER_PATH if set, else a Chromium on PATH, else the Playwright-managed one if installed."""
    configured = os.environ.get("BROWSER_PATH", "").strip()
    if configured:
        if Path(configured).is_file() and os.access(configured, os.X_OK):
            return BrowserChoice(configured, True, f"BROWSER_PATH={configured}")
        return BrowserChoice(None, False, f"BROWSER_PATH={configured} is not an executable file")
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return BrowserChoice(found, True, f"{name} on PATH")
    managed = playwright.chromium.executable_path
    if managed and Path(managed).is_file():
        return BrowserChoice(None, True, f"Playwright's managed Chromium ({managed})")
    return BrowserChoice(None, False, (
        "no Chromium found: set BROWSER_PATH, install chromium (Debian: apt-get install chromium) "
        "or run `playwright install chromium`"))


def launch(playwright: Playwright, choice: BrowserChoice) -> Browser:
    return playwright.chromium.launch(
        executable_path=choice.path, headless=True, args=LAUNCH_ARGS)
