"""The inventory of the five seed notes' topics (data/inventory.yml): each topic, the seed files it
comes from, the page that now owns it, and terms that page must contain, so nothing was lost."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field

from macros._data import Model, Text
from macros._errors import DataError

FILE = "data/inventory.yml"

SeedId = Annotated[str, Field(strict=True, pattern=r"^\d{3}$")]  # "003": the seed file 003-*.md


class Topic(Model):
    topic: Text
    seeds: Annotated[list[SeedId], Field(min_length=1)]
    page: Annotated[str, Field(strict=True, pattern=r"^[a-z0-9/-]+\.md$")]  # a path under docs/
    terms: Annotated[list[Text], Field(min_length=1)]


class Inventory(Model):
    topics: Annotated[list[Topic], Field(min_length=1)]


def check_pages(inventory: Inventory, docs: Path) -> None:
    """Every topic names a page that exists: a page that moved must take its topics with it."""
    for index, topic in enumerate(inventory.topics):
        if not (docs / topic.page).is_file():
            raise DataError(FILE, f"topics[{index}] ({topic.topic[:40]})", "page", f"docs/{topic.page} does not exist: name the page that now holds this topic")
