"""Single facts used in prose (a limit, a size, a price, a date), from data/facts/<section>.yml.

`{{ fact("lambda-max-timeout") }}` prints the value and adds its source to the page's source list,
so a number in a sentence is as dated and sourced as a number in a table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, PrivateAttr, StrictInt

from macros import _html
from macros._data import Evidence, Model, Slug, Text, load
from macros._errors import DataError

FOLDER = "data/facts"

FactId = Slug


class Fact(Evidence):
    id: FactId
    value: Text | StrictInt
    title: Text  # what the source page is, for the page's source list
    _file: str = PrivateAttr(default="")  # the file in data/facts/ it came from, for reports

    @property
    def file(self) -> str:
        return self._file


class FactFile(Model):
    facts: Annotated[list[Fact], Field(min_length=1)]


def load_all(root: Path, context: dict[str, Any] | None = None) -> dict[str, Fact]:
    """Every fact from every file in data/facts/, by id; an id used twice is an error."""
    facts: dict[str, Fact] = {}
    for path in sorted((root / FOLDER).glob("*.yml")):
        for index, fact in enumerate(load(path, FactFile, root=root, context=context).facts):
            if fact.id in facts:
                name = path.relative_to(root).as_posix()
                raise DataError(name, f"facts[{index}] ({fact.id})", "id", "this id is already used by another fact")
            fact._file = path.name
            facts[fact.id] = fact
    return facts


def render(facts: dict[str, Fact], fact_id: str, page_meta: dict[str, Any]) -> str:
    """The fact's value as escaped HTML; records its source in the page's `sources`."""
    if fact_id not in facts:
        raise KeyError(f"unknown fact {fact_id!r}")
    fact = facts[fact_id]
    value = f"{fact.value:,}" if isinstance(fact.value, int) else fact.value
    if fact.source is not None:
        sources = page_meta.setdefault("sources", [])
        entry = {"title": fact.title, "url": str(fact.source)}
        if entry not in sources:
            sources.append(entry)
    note = f"verified {fact.verified.isoformat()}" + ("" if fact.confidence == "official" else f", {fact.confidence}")
    # The span is inline HTML, so Markdown still runs on what it holds: the value goes in as `inline`
    # text, and a `[link](…)`, `|` or `*` in it shows as written.
    if fact.confidence == "official":
        return str(_html.tag("span", _html.inline(value), class_="fact", title=note))
    return str(_html.tag("span", _html.with_confidence(_html.inline(value), fact), class_=f"fact fact--{fact.confidence}", title=note))
