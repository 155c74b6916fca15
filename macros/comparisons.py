"""Comparison tables (S3 storage classes, EBS volume types, ...) from data/comparisons/<name>.yml.

One file per table: its columns, and rows whose cells line up with them. Tables of AWS facts carry
evidence on every row; tables of general knowledge (the OSI layers) may leave it out. The evidence
is shown under the table, not in it, so a row stays as short as its cells on a phone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    HttpUrl,
    PrivateAttr,
    StrictInt,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from macros import _html
from macros._data import FIELD_MARK, Confidence, Date, Evidence, Model, Quote, Text, load

FOLDER = "data/comparisons"

CellValue = Text | StrictInt


class Row(Model):
    cells: Annotated[list[CellValue], Field(min_length=2)]
    # The same fields and types as Evidence, so a bad value is reported at its own field.
    verified: Date | None = None
    source: HttpUrl | None = None
    quote: Quote | None = None
    source_note: Text | None = None
    confidence: Confidence = "official"
    see_also: list[HttpUrl] = []

    _evidence: Evidence | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _evidence_holds(self, info: ValidationInfo) -> Row:
        """The row's evidence, validated once as the same Evidence as every other fact's (a quote on
        official rows), and kept for rendering and reports."""
        if self.verified is None and self.source is None and self.source_note is None:
            return self
        fields = {key: value for key, value in self.model_dump().items() if key != "cells" and value is not None}
        try:
            self._evidence = Evidence.model_validate(fields, context=info.context)
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(map(str, first["loc"])) or "-"
            problem = "required field is missing" if first["type"] == "missing" else first["msg"].removeprefix("Value error, ")
            raise ValueError(f"{FIELD_MARK}{field}: {problem}") from None
        return self

    @property
    def evidence(self) -> Evidence | None:
        return self._evidence


class Comparison(Model):
    caption: Text
    kind: Literal["aws-facts", "general"]
    columns: Annotated[list[Text], Field(min_length=2)]
    rows: Annotated[list[Row], Field(min_length=1)]

    @model_validator(mode="after")
    def _rows_fit(self) -> Comparison:
        for index, row in enumerate(self.rows):
            if len(row.cells) != len(self.columns):
                raise ValueError(
                    f"row {index} ({row.cells[0]}) has {len(row.cells)} cells for {len(self.columns)} columns"
                )
            if self.kind == "aws-facts":
                if row.evidence is None:
                    raise ValueError(f"row {index} ({row.cells[0]}) states AWS facts: it needs `verified` and `source`")
        return self


def load_all(root: Path, context: dict[str, Any] | None = None) -> dict[str, Comparison]:
    """Every comparison file, validated, by name (the file name without .yml)."""
    return {
        path.stem: load(path, Comparison, root=root, context=context)
        for path in sorted((root / FOLDER).glob("*.yml"))
    }


def render(tables: dict[str, Comparison], name: str, edit_url: str) -> str:
    """The table, then one line with its sources and the day they were checked, and which source
    backs each row one tap away. A row that no AWS page states says so beside its name."""
    if name not in tables:
        raise KeyError(f"unknown comparison table {name!r}; known: {sorted(tables)}")
    table = tables[name]
    body = [[_row_header(row), *(_cell(value) for value in row.cells[1:])] for row in table.rows]
    sources = [(_cell(row.cells[0]), row.evidence) for row in table.rows if row.evidence is not None]
    return (
        _html.table(table.columns, body, caption=table.caption, css_class=f"data-table comparison comparison--{name}")
        + "\n"
        + _html.data_footer(f"{FOLDER}/{name}.yml", edit_url, sources=sources)
    )


def _cell(value: CellValue) -> str:
    return f"{value:,}" if isinstance(value, int) else value


def _row_header(row: Row) -> _html.Cell:
    first = _cell(row.cells[0])
    return _html.with_confidence(first, row.evidence) if row.evidence is not None else first
